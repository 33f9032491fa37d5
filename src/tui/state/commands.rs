//! What each command does, by where it is given: an open prompt, the finder, or the focused
//! pane (tree, heatmap, detail, suggestions, events).

use crate::bands::Band;
use crate::tui::action::Command;
use crate::tui::app::{App, AreaBy, ColorBy, Effect, FinderState, HeatView, Prompt};
use crate::tui::layout::{self, Pane};
use crate::tui::rows;
use crate::tui::theme;
use crate::tui::views::heatmap;

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
        match c {
            Command::Help => self.help = Some(0),
            Command::Finder => {
                self.finder = Some(FinderState::default());
                self.effects.push(Effect::Find {
                    query: String::new(),
                });
            }
            Command::NextPane => self.focus_pane(self.focus.cycle(true)),
            Command::PrevPane => self.focus_pane(self.focus.cycle(false)),
            Command::PaneTree => self.focus_pane(Pane::Tree),
            Command::PaneHeatmap => self.focus_pane(Pane::Heatmap),
            Command::PaneDetail => self.focus_pane(Pane::Detail),
            Command::PaneSuggestions => self.focus_pane(Pane::Suggestions),
            Command::PaneEvents => self.focus_pane(Pane::Events),
            Command::Zoom => self.zoom = !self.zoom,
            Command::Sort => {
                self.tree.shape.sort = self.tree.shape.sort.next();
                self.rebuild_rows();
                self.clamp_scroll();
                self.message = Some((format!("sorted by {}", self.tree.shape.sort.label()), false));
            }
            Command::Reverse => {
                self.tree.shape.reverse = !self.tree.shape.reverse;
                self.rebuild_rows();
                self.clamp_scroll();
            }
            Command::Filter => {
                self.tree.shape.filter = match self.tree.shape.filter {
                    None => Some(Band::Watch),
                    Some(Band::Freeze) => None,
                    Some(b) => Band::ALL.get(b as usize + 1).copied(),
                };
                self.rebuild_rows();
                self.clamp_scroll();
            }
            Command::HeatArea => {
                self.heat.area = match self.heat.area {
                    AreaBy::Lines => AreaBy::Complexity,
                    AreaBy::Complexity => AreaBy::Churn,
                    AreaBy::Churn => AreaBy::Lines,
                }
            }
            Command::HeatColor => {
                self.heat.color = match self.heat.color {
                    ColorBy::Band => ColorBy::Hotspot,
                    ColorBy::Hotspot => ColorBy::Churn,
                    ColorBy::Churn => ColorBy::Band,
                }
            }
            Command::HeatView => {
                self.heat.view = match self.heat.view {
                    HeatView::Treemap => HeatView::ChurnOverTime,
                    HeatView::ChurnOverTime => HeatView::Treemap,
                };
                if self.focus != Pane::Heatmap && !self.shows(Pane::Heatmap) {
                    self.focus_pane(Pane::Heatmap);
                }
            }
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

    fn pane_command(&mut self, c: Command) {
        match self.focus {
            Pane::Tree => self.tree_command(c),
            Pane::Heatmap => self.heat_command(c),
            Pane::Detail => self.detail_scroll = scroll(self.detail_scroll, c),
            Pane::Events => self.events_scroll = scroll(self.events_scroll, c),
            Pane::Suggestions => self.suggest_command(c),
        }
    }

    fn tree_command(&mut self, c: Command) {
        let page = self.tree_page();
        let last = self.tree.rows.len().saturating_sub(1);
        let cur = self.tree.cursor;
        let row = self.tree.rows.get(cur).cloned();
        match c {
            Command::Up => self.select_row(cur.saturating_sub(1)),
            Command::Down => self.select_row((cur + 1).min(last)),
            Command::PageUp => self.select_row(cur.saturating_sub(page)),
            Command::PageDown => self.select_row((cur + page).min(last)),
            Command::Top => self.select_row(0),
            Command::Bottom => self.select_row(last),
            Command::Right | Command::Select => {
                let Some(r) = row else { return };
                if r.has_children && !r.expanded {
                    self.set_expanded(r.id, true);
                } else if r.has_children && c == Command::Right {
                    self.select_row(cur + 1);
                } else if r.has_children && r.depth > 0 {
                    self.set_expanded(r.id, false);
                } else if c == Command::Select {
                    self.focus_pane(Pane::Detail);
                }
            }
            Command::Left | Command::Back => {
                let Some(r) = row else { return };
                if r.expanded && r.depth > 0 {
                    self.set_expanded(r.id, false);
                } else if let Some(p) = self.view.tree().node(r.id).and_then(|n| n.parent) {
                    self.select(p);
                }
            }
            _ => {}
        }
        self.clamp_scroll();
    }

    fn set_expanded(&mut self, id: crate::model::NodeId, open: bool) {
        let key = rows::key_of(self.view.tree(), id);
        if open {
            self.tree.expanded.insert(key);
        } else {
            self.tree.expanded.remove(&key);
        }
        self.rebuild_rows();
    }

    fn heat_command(&mut self, c: Command) {
        let focus = self.heat_focus();
        let tree = self.view.tree();
        match c {
            Command::Select => {
                let Some(sel) = self.selected() else { return };
                let child = heatmap::child_towards(tree, focus, sel);
                match child.filter(|&c| tree.node(c).is_some_and(|n| !n.children.is_empty())) {
                    Some(inner) => {
                        let first = heatmap::ordered_children(&self.view, inner, self.heat.area)
                            .first()
                            .copied();
                        self.heat.focus = rows::key_of(tree, inner);
                        self.select_keep_focus(first.unwrap_or(inner));
                    }
                    None => self.focus_pane(Pane::Detail),
                }
            }
            Command::Back => {
                if let Some(parent) = tree.node(focus).and_then(|n| n.parent) {
                    self.heat.focus = rows::key_of(tree, parent);
                    self.select_keep_focus(focus);
                }
            }
            _ => self.heat_move(c),
        }
        self.clamp_scroll();
    }

    /// Selects `id` in the tree without moving the heatmap's focus.
    fn select_keep_focus(&mut self, id: crate::model::NodeId) {
        let focus = self.heat.focus.clone();
        self.select(id);
        self.heat.focus = focus;
    }

    fn heat_move(&mut self, c: Command) {
        let focus = self.heat_focus();
        let size = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let Some(rect) = layout::areas(size, self.focus, self.side, self.zoom).of(Pane::Heatmap)
        else {
            return;
        };
        let cur = self
            .selected()
            .and_then(|s| heatmap::child_towards(self.view.tree(), focus, s));
        let next = heatmap::neighbour(self, focus, heatmap::body(rect), cur, c);
        if let Some(id) = next {
            self.select_keep_focus(id);
        }
    }

    fn suggest_command(&mut self, c: Command) {
        let n = self
            .suggest
            .result
            .as_ref()
            .and_then(|r| r.outcome.as_ref().ok())
            .map_or(0, Vec::len);
        let s = &mut self.suggest;
        match c {
            Command::Up if !s.show_patch => s.cursor = s.cursor.saturating_sub(1),
            Command::Down if !s.show_patch => s.cursor = (s.cursor + 1).min(n.saturating_sub(1)),
            Command::Select => {
                s.show_patch = !s.show_patch;
                s.scroll = 0;
            }
            Command::Back => s.show_patch = false,
            _ => s.scroll = scroll(s.scroll, c),
        }
    }
}

fn scroll(at: u16, c: Command) -> u16 {
    match c {
        Command::Up => at.saturating_sub(1),
        Command::Down => at.saturating_add(1),
        Command::PageUp => at.saturating_sub(10),
        Command::PageDown => at.saturating_add(10),
        Command::Top => 0,
        _ => at,
    }
}
