//! Every pane of the cockpit, drawn on a `TestBackend` at 80×24 and 120×40 from the fixture
//! repository, compared with the reviewed snapshots in `tests/snapshots/`. The fixture is fully
//! deterministic (fixed contents, dates and authors), so the screens are too.

mod tui_support;

use seamline::tui::action::{Action, Command};
use seamline::tui::app::HeatView;
use seamline::tui::color::Depth;
use tui_support::{render, Fixture};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn cmd(f: &mut Fixture, c: Command) {
    f.act(Action::Command(c));
}

fn snap(name: &str, f: &Fixture) {
    let (w, h) = f.app.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), f.screen());
}

#[test]
fn tree_and_detail() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        f.select_path("src/parser.rs");
        snap("tree", &f);
    }
}

#[test]
fn heatmap_treemap() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        f.select_path("src/parser.rs");
        cmd(&mut f, Command::PaneHeatmap);
        snap("heatmap", &f);
    }
}

#[test]
fn heatmap_churn_over_time() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        f.select_path("src/parser.rs");
        cmd(&mut f, Command::PaneHeatmap);
        cmd(&mut f, Command::HeatView);
        assert_eq!(f.app.heat.view, HeatView::ChurnOverTime);
        snap("churn", &f);
    }
}

#[test]
fn detail_of_a_file_with_history() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        f.select_path("src/parser.rs");
        cmd(&mut f, Command::PaneDetail);
        cmd(&mut f, Command::Zoom);
        snap("detail", &f);
    }
}

#[test]
fn suggestions() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        f.select_path("src/parser.rs");
        cmd(&mut f, Command::PaneSuggestions);
        snap("suggestions", &f);
    }
}

#[test]
fn events() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        cmd(&mut f, Command::PaneEvents);
        snap("events", &f);
    }
}

#[test]
fn finder() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        cmd(&mut f, Command::Finder);
        for c in "pars".chars() {
            f.act(Action::Type(c));
        }
        snap("finder", &f);
    }
}

#[test]
fn help() {
    for size in SIZES {
        let mut f = Fixture::new(size);
        cmd(&mut f, Command::Help);
        snap("help", &f);
    }
}

#[test]
fn no_colour_and_ascii() {
    let mut f = Fixture::with((80, 24), Depth::None, true);
    f.select_path("src/parser.rs");
    cmd(&mut f, Command::PaneHeatmap);
    snap("ascii_no_colour", &f);
    let (_, backend) = render(&f.app);
    let buf = backend.buffer();
    let coloured = buf
        .content()
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset)
        .count();
    assert_eq!(coloured, 0, "no colour at all without colour");
    assert!(
        buf.content().iter().all(|c| c.symbol().is_ascii()),
        "ASCII only"
    );
}
