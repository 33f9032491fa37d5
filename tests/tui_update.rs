//! Action sequences through `App::update` on the fixture repository: navigation, drill-down in
//! the heatmap, the finder, sorting, filtering, themes, and what survives a new snapshot. No
//! terminal: the state is checked directly (and the screen where that says more).

mod tui_support;

use std::sync::Arc;

use seamline::bands::Band;
use seamline::tui::action::{Action, Command};
use seamline::tui::app::{AreaBy, Effect};
use seamline::tui::index::{ViewData, ViewInput};
use seamline::tui::layout::Pane;
use seamline::tui::rows::{self, SortKey};
use tui_support::Fixture;

fn cmd(f: &mut Fixture, c: Command) {
    f.act(Action::Command(c));
}

fn selected_path(f: &Fixture) -> String {
    let id = f.app.selected().expect("a selection");
    let tree = f.app.view.tree();
    match tree.node(id).and_then(|n| n.component()) {
        Some(c) => format!("{}::{}", tree.path_of(id), c.qualified_name),
        None => tree.path_of(id),
    }
}

fn row_names(f: &Fixture) -> Vec<String> {
    let tree = f.app.view.tree();
    f.app
        .tree
        .rows
        .iter()
        .map(|r| tree.node(r.id).map(|n| n.name.clone()).unwrap_or_default())
        .collect()
}

#[test]
fn navigates_the_tree_with_arrows_and_vim_keys() {
    let mut f = Fixture::new((80, 24));
    assert_eq!(
        row_names(&f),
        [
            "",
            "docs",
            "scripts",
            "src",
            "tests",
            "Cargo.toml",
            "README.md"
        ]
    );
    cmd(&mut f, Command::Down); // docs
    cmd(&mut f, Command::Down); // scripts
    cmd(&mut f, Command::Down); // src
    assert_eq!(selected_path(&f), "src");
    cmd(&mut f, Command::Right); // expand src
    assert_eq!(
        row_names(&f)[4..9],
        ["util", "lexer.rs", "main.rs", "parser.rs", "tests"]
    );
    cmd(&mut f, Command::Right); // into the first child
    assert_eq!(selected_path(&f), "src/util");
    cmd(&mut f, Command::Bottom);
    assert_eq!(selected_path(&f), "README.md");
    cmd(&mut f, Command::Top);
    assert_eq!(selected_path(&f), "");
    // Left on a child goes to its parent; on an open node it collapses it.
    f.select_path("src/lexer.rs");
    cmd(&mut f, Command::Left);
    assert_eq!(selected_path(&f), "src");
    cmd(&mut f, Command::Left);
    assert!(
        !row_names(&f).contains(&"lexer.rs".to_string()),
        "src collapsed"
    );
    // Enter on a file opens its components.
    f.select_path("src/parser.rs");
    cmd(&mut f, Command::Select);
    let names = row_names(&f);
    assert!(
        names.contains(&"impl Parser".to_string()) || names.contains(&"Parser".to_string()),
        "{names:?}"
    );
}

#[test]
fn the_heatmap_drills_in_and_out_in_step_with_the_tree() {
    let mut f = Fixture::new((120, 40));
    cmd(&mut f, Command::PaneHeatmap);
    assert_eq!(f.app.focus, Pane::Heatmap);
    // Nothing below the root is selected: the first arrow picks the largest cell, src.
    cmd(&mut f, Command::Down);
    assert_eq!(selected_path(&f), "src");
    cmd(&mut f, Command::Select); // drill into src: its largest entry is selected
    assert_eq!(f.app.heat.focus, "src");
    assert_eq!(selected_path(&f), "src/parser.rs");
    assert!(
        row_names(&f).contains(&"parser.rs".to_string()),
        "the tree shows the selection"
    );
    cmd(&mut f, Command::Right); // the cell right of parser.rs
    assert_eq!(selected_path(&f), "src/lexer.rs");
    cmd(&mut f, Command::Back); // drill out: src is selected again
    assert_eq!(f.app.heat.focus, "");
    assert_eq!(selected_path(&f), "src");
    // Area by complexity changes what the largest cell is measured by.
    cmd(&mut f, Command::HeatArea);
    assert_eq!(f.app.heat.area, AreaBy::Complexity);
    assert!(f.screen().contains("area complexity"));
}

#[test]
fn the_finder_jumps_to_a_component() {
    let mut f = Fixture::new((80, 24));
    cmd(&mut f, Command::Finder);
    assert!(f.app.typing());
    for c in "parseexpr".chars() {
        f.act(Action::Type(c));
    }
    let hits = f
        .app
        .finder
        .as_ref()
        .and_then(|x| x.hits.clone())
        .expect("hits");
    assert_eq!(hits.query, "parseexpr");
    let first = &f.app.view.candidates[hits.hits[0].index];
    assert_eq!(first.text, "src/parser.rs::Parser::parse_expr");
    f.act(Action::Erase);
    assert_eq!(
        f.app.finder.as_ref().map(|x| x.query.as_str()),
        Some("parseexp")
    );
    cmd(&mut f, Command::Select);
    assert!(f.app.finder.is_none());
    assert_eq!(selected_path(&f), "src/parser.rs::Parser::parse_expr");
    assert_eq!(f.app.focus, Pane::Tree);
    let cursor_row = &f.app.tree.rows[f.app.tree.cursor];
    assert_eq!(Some(cursor_row.id), f.app.selected());
    assert!(
        f.app.tree.cursor >= f.app.tree.offset,
        "the selection is scrolled into view"
    );
    // Esc closes without moving.
    cmd(&mut f, Command::Finder);
    f.act(Action::Type('q')); // typed, not quit
    assert!(!f.app.quit);
    cmd(&mut f, Command::Back);
    assert!(f.app.finder.is_none());
    assert_eq!(selected_path(&f), "src/parser.rs::Parser::parse_expr");
}

#[test]
fn sorting_and_filtering_reshape_the_rows() {
    let mut f = Fixture::new((80, 24));
    f.select_path("src/parser.rs");
    cmd(&mut f, Command::Sort); // band
    assert_eq!(f.app.tree.shape.sort, SortKey::Band);
    // Worst first: tests/ (watch) and src/ (freeze below) before docs/.
    let names = row_names(&f);
    let pos = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert!(
        pos("src") < pos("tests") && pos("tests") < pos("docs"),
        "{names:?}"
    );
    cmd(&mut f, Command::Sort); // lines
    let names = row_names(&f);
    assert!(
        names.iter().position(|x| x == "parser.rs") < names.iter().position(|x| x == "lexer.rs")
    );
    cmd(&mut f, Command::Reverse);
    let names = row_names(&f);
    assert!(
        names.iter().position(|x| x == "parser.rs") > names.iter().position(|x| x == "lexer.rs")
    );
    assert_eq!(selected_path(&f), "src/parser.rs", "the selection stays");
    cmd(&mut f, Command::Filter);
    assert_eq!(f.app.tree.shape.filter, Some(Band::Watch));
    let names = row_names(&f);
    assert!(names.contains(&"tests".to_string()) && names.contains(&"parser.rs".to_string()));
    assert!(
        !names.contains(&"docs".to_string()) && !names.contains(&"lexer.rs".to_string()),
        "{names:?}"
    );
    for _ in 0..3 {
        cmd(&mut f, Command::Filter);
    }
    assert_eq!(f.app.tree.shape.filter, Some(Band::Freeze));
    assert!(!row_names(&f).contains(&"tests".to_string()));
    cmd(&mut f, Command::Filter);
    assert_eq!(f.app.tree.shape.filter, None);
}

#[test]
fn themes_switch_in_place() {
    let mut f = Fixture::new((80, 24));
    assert_eq!(f.app.theme.name, "dark");
    let before = f.app.palette.clone();
    cmd(&mut f, Command::Theme);
    assert_eq!(f.app.theme.name, "light");
    assert_ne!(f.app.palette, before);
    for _ in 0..3 {
        cmd(&mut f, Command::Theme);
    }
    assert_eq!(f.app.theme.name, "dark", "the cycle comes back round");
}

#[test]
fn selection_survives_a_renumbered_snapshot() {
    let mut f = Fixture::new((80, 24));
    f.select_path("src/lexer.rs");
    let expanded = f.app.tree.expanded.clone();
    // A lines-only model (new ids for everything), then the full one again.
    let root = f.root();
    let early = Arc::new(ViewData::build(ViewInput {
        generation: 3,
        snapshot: tui_support::snapshot(&root, true),
        complete: false,
        config: tui_support::config(&root),
        history: Default::default(),
        delta: None,
    }));
    f.act(Action::View(early));
    assert_eq!(selected_path(&f), "src/lexer.rs");
    f.act(Action::View(tui_support::full_view(&root, 4)));
    assert_eq!(selected_path(&f), "src/lexer.rs");
    assert_eq!(f.app.tree.expanded, expanded);
    let id = f.app.selected().unwrap();
    assert_eq!(rows::key_of(f.app.view.tree(), id), "src/lexer.rs");
}

#[test]
fn suggestions_show_and_write_the_patch() {
    let mut f = Fixture::new((80, 24));
    f.select_path("src/parser.rs");
    cmd(&mut f, Command::PaneSuggestions);
    let r = f.app.suggest.result.clone().expect("suggestions");
    assert_eq!(r.outcome.as_ref().map(Vec::len), Ok(2));
    cmd(&mut f, Command::Patch); // show it
    assert!(f.app.suggest.show_patch);
    assert!(f.screen().contains("+mod rules;"));
    cmd(&mut f, Command::Patch); // ask where to write it
    let prompt = f.app.prompt.clone().expect("prompt");
    assert_eq!(prompt.text, "seamline-extract-module.patch");
    for _ in 0..prompt.text.len() {
        f.act(Action::Erase);
    }
    let out = f.dir.path().join("out.patch");
    for c in out.display().to_string().chars() {
        f.act(Action::Type(c));
    }
    f.app.update(Action::Command(Command::Select));
    assert!(
        matches!(f.app.effects.as_slice(), [Effect::WriteFile { path, text }] if *path == out && text.contains("+mod rules;"))
    );
}

#[test]
fn quit_editor_and_signals_become_effects() {
    let mut f = Fixture::new((80, 24));
    f.select_path("src/main.rs");
    f.app.update(Action::Command(Command::Editor));
    let root = f.root();
    assert!(
        matches!(f.app.effects.as_slice(), [Effect::Editor { path, line: 1 }] if *path == root.join("src/main.rs"))
    );
    f.app.effects.clear();
    f.app.update(Action::Signal("SIGHUP"));
    assert!(f.app.quit);
    let mut g = Fixture::new((80, 24));
    g.app.update(Action::Command(Command::Quit));
    assert!(g.app.quit && g.app.effects.contains(&Effect::Quit));
}

#[test]
fn resizing_keeps_the_cursor_visible() {
    let mut f = Fixture::new((120, 40));
    f.select_path("tests/t17.rs");
    f.act(Action::Resize(80, 12));
    let page = f.app.tree_page();
    assert!(f.app.tree.cursor >= f.app.tree.offset && f.app.tree.cursor < f.app.tree.offset + page);
    assert!(f.screen().contains("t17.rs"));
    f.act(Action::Resize(10, 3));
    assert!(f.screen().contains("window"), "{}", f.screen());
}

#[test]
fn the_pattern_engine_plans_for_the_selected_file() {
    use seamline::tui::suggest::{suggest, PatternEngine, PlanInput};
    let mut f = Fixture::new((80, 24));
    let root = f.root();
    // Two groups of ten functions that never call across: an extract-module plan splits them.
    let mut text = String::from("//! big\n");
    for g in ["alpha", "beta"] {
        let ty = if g == "alpha" { "Alpha" } else { "Beta" };
        text.push_str(&format!("pub struct {ty} {{ pub v: usize }}\n"));
        for i in 0..10 {
            text.push_str(&format!("pub fn {g}_{i}(x: &{ty}) -> usize {{\n"));
            for j in 0..20 {
                text.push_str(&format!("    let _a{j} = x.v + {j};\n"));
            }
            text.push_str(&if i > 0 {
                format!("    {g}_{}(x)\n}}\n\n", i - 1)
            } else {
                "    x.v\n}\n\n".to_string()
            });
        }
    }
    std::fs::write(root.join("src/big.rs"), text).unwrap();
    f.act(Action::View(tui_support::full_view(&root, 5)));
    f.select_path("src/big.rs");
    let id = f.app.selected().unwrap();
    let input = PlanInput {
        root: &root,
        snapshot: &f.app.view.snapshot,
        node: id,
        config: &f.app.view.config,
        history: f.app.view.history.report.as_deref(),
    };
    let r = suggest(&PatternEngine::new(false), &input, "src/big.rs".into(), 5);
    let plans = r.outcome.expect("plans");
    assert!(
        !plans.is_empty(),
        "a 483-line file in emergency gets a plan; notes: {:?}",
        r.notes
    );
    let best = &plans[0];
    assert_eq!(best.pattern, "extract-module");
    let moved = best
        .pieces
        .iter()
        .find(|p| !p.stays)
        .expect("a piece that moves");
    assert_eq!(moved.file.as_deref(), Some("src/big/beta.rs"));
    assert!(
        moved.items.iter().any(|i| i.contains("beta_9")),
        "{:?}",
        moved.items
    );
    assert_eq!(best.patch_status, "safe");
    assert!(best.patch.as_deref().is_some_and(|p| p.contains("beta.rs")));
}

#[test]
fn names_from_the_repository_are_sanitised_before_drawing() {
    let mut f = Fixture::new((120, 40));
    let root = f.root();
    std::fs::write(
        root.join("src/evil\u{1b}[2Jname\u{202e}.rs"),
        "fn main() {}\n",
    )
    .unwrap();
    f.act(Action::View(tui_support::full_view(&root, 6)));
    f.select_path("src/evil\u{1b}[2Jname\u{202e}.rs");
    let screen = f.screen();
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen}"
    );
    assert!(screen.contains("evil\\u{1b}[2Jname"), "{screen}");
}
