//! What each command does, by where it is given: an open prompt, the finder, or anywhere
//! (panes, sorting, heatmap settings, theme, editor, patch). Commands for the focused pane are
//! in `pane_commands`.

use crate::bands::Band;
use crate::tui::action::Command;
use crate::tui::app::{App, AreaBy, ColorBy, Effect, FinderState, HeatView, Prompt};
use crate::tui::layout::Pane;
use crate::tui::theme;

impl App {
    pub(super) fn prompt_command(&mut self, c: Command) {
        match c {
            Command::Back => self.prompt = None,
            Command::Select => {
                let Some(p) = self.prompt.take() else { return };
                let name = p.text.trim();
                if name.is_empty() {
                    self.message = Some(("no file named: nothing written".into(), true));
                    return;
                }
                let Some(text) = self.current_patch() else {
                    return;
                };
                let path = std::path::PathBuf::from(name);
                let path = if path.is_absolute() {
                    path
                } else {
                    std::env::current_dir()
                        .map(|d| d.join(&path))
                        .unwrap_or(path)
                };
                self.effects.push(Effect::WriteFile { path, text });
            }
            _ => {}
        }
    }

    pub(super) fn finder_command(&mut self, c: Command) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        let n = f.hits.as_ref().map_or(0, |h| h.hits.len());
        match c {
            Command::Back => self.finder = None,
            Command::Up => f.cursor = f.cursor.saturating_sub(1),
            Command::Down => f.cursor = (f.cursor + 1).min(n.saturating_sub(1)),
            Command::Select => {
                let target = f
                    .hits
                    .as_ref()
                    .and_then(|h| h.hits.get(f.cursor))
                    .and_then(|hit| self.view.candidates.get(hit.index))
                    .map(|c| c.id);
                self.finder = None;
                if let Some(id) = target {
                    self.focus = Pane::Tree;
                    self.select(id);
                    self.clamp_scroll();
                }
            }
            _ => {}
        }
    }

    pub(super) fn global_command(&mut self, c: Command) {
        if let Some(pane) = self.pane_target(c) {
            return self.focus_pane(pane);
        }
        match c {
            Command::Help => self.help = Some(0),
            Command::Finder => {
                self.finder = Some(FinderState::default());
                self.effects.push(Effect::Find {
                    query: String::new(),
                });
            }
            Command::Zoom => self.zoom = !self.zoom,
            Command::Sort | Command::Reverse | Command::Filter => self.shape_command(c),
            Command::HeatArea | Command::HeatColor | Command::HeatView => self.heat_setting(c),
            Command::Theme => self.next_theme(),
            Command::Editor => self.open_editor(),
            Command::Rescan => {
                self.effects.push(Effect::Rescan);
                self.message = Some(("rescanning".into(), false));
            }
            Command::Patch => self.patch_command(),
            _ => self.pane_command(c),
        }
    }

    /// The pane a focus command moves to.
    fn pane_target(&self, c: Command) -> Option<Pane> {
        Some(match c {
            Command::NextPane => self.focus.cycle(true),
            Command::PrevPane => self.focus.cycle(false),
            Command::PaneTree => Pane::Tree,
            Command::PaneHeatmap => Pane::Heatmap,
            Command::PaneDetail => Pane::Detail,
            Command::PaneSuggestions => Pane::Suggestions,
            Command::PaneEvents => Pane::Events,
            _ => return None,
        })
    }

    /// Sort, reverse or filter the tree's rows.
    fn shape_command(&mut self, c: Command) {
        let shape = &mut self.tree.shape;
        match c {
            Command::Sort => shape.sort = shape.sort.next(),
            Command::Reverse => shape.reverse = !shape.reverse,
            _ => shape.filter = next_filter(shape.filter),
        }
        self.rebuild_rows();
        self.clamp_scroll();
        if c == Command::Sort {
            self.message = Some((format!("sorted by {}", self.tree.shape.sort.label()), false));
        }
    }

    /// Cycles what the heatmap's area or colour stands for, or which view it shows.
    fn heat_setting(&mut self, c: Command) {
        match c {
            Command::HeatArea => self.heat.area = next_area(self.heat.area),
            Command::HeatColor => self.heat.color = next_color(self.heat.color),
            _ => {
                self.heat.view = match self.heat.view {
                    HeatView::Treemap => HeatView::ChurnOverTime,
                    HeatView::ChurnOverTime => HeatView::Treemap,
                };
                if self.focus != Pane::Heatmap && !self.shows(Pane::Heatmap) {
                    self.focus_pane(Pane::Heatmap);
                }
            }
        }
    }

    fn next_theme(&mut self) {
        let names = self.setup.themes.clone();
        let at = names
            .iter()
            .position(|n| *n == self.theme.name)
            .unwrap_or(0);
        for step in 1..=names.len() {
            let Some(name) = names.get((at + step) % names.len().max(1)) else {
                break;
            };
            match theme::load(name, self.setup.user_themes.as_deref()) {
                Ok(t) => {
                    self.message = Some((format!("theme: {name}"), false));
                    self.set_theme(t);
                    return;
                }
                Err(e) => self.message = Some((e, true)),
            }
        }
    }

    fn open_editor(&mut self) {
        let Some(id) = self.selected() else { return };
        let tree = self.view.tree();
        let Some(node) = tree.node(id) else { return };
        let line = match (node.file(), node.component()) {
            (Some(_), _) => 1,
            (_, Some(c)) => c.start_line.max(1),
            _ => {
                self.message = Some(("select a file or a component to open it".into(), true));
                return;
            }
        };
        let path = self.setup.root.join(tree.path_of(id));
        self.effects.push(Effect::Editor { path, line });
    }

    /// The patch of the plan under the cursor, if it has one.
    pub fn current_patch(&self) -> Option<String> {
        let plans = self.suggest.result.as_ref()?.outcome.as_ref().ok()?;
        plans.get(self.suggest.cursor)?.patch.clone()
    }

    fn patch_command(&mut self) {
        if self.focus != Pane::Suggestions {
            self.focus_pane(Pane::Suggestions);
            return;
        }
        if self.current_patch().is_none() {
            self.message = Some(("this plan has no patch".into(), true));
            return;
        }
        if !self.suggest.show_patch {
            self.suggest.show_patch = true;
            self.suggest.scroll = 0;
            return;
        }
        let name = self
            .suggest
            .result
            .as_ref()
            .and_then(|r| r.outcome.as_ref().ok())
            .and_then(|p| p.get(self.suggest.cursor))
            .map(|p| format!("seamline-{}.patch", p.pattern))
            .unwrap_or_else(|| "seamline.patch".into());
        self.prompt = Some(Prompt {
            label: "write the patch to".into(),
            text: name,
        });
    }
}

fn next_filter(filter: Option<Band>) -> Option<Band> {
    match filter {
        None => Some(Band::Watch),
        Some(Band::Freeze) => None,
        Some(b) => Band::ALL.get(b as usize + 1).copied(),
    }
}

fn next_area(area: AreaBy) -> AreaBy {
    match area {
        AreaBy::Lines => AreaBy::Complexity,
        AreaBy::Complexity => AreaBy::Churn,
        AreaBy::Churn => AreaBy::Lines,
    }
}

fn next_color(color: ColorBy) -> ColorBy {
    match color {
        ColorBy::Band => ColorBy::Hotspot,
        ColorBy::Hotspot => ColorBy::Churn,
        ColorBy::Churn => ColorBy::Band,
    }
}
