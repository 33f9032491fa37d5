//! The commands of the focused pane: moving and folding in the tree, stepping through the
//! heatmap, scrolling the detail and events panes, and choosing a plan in the suggestions
//! pane. Apart from the global commands so that each pane's keys read in one place.

use crate::model::NodeId;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::layout::{self, Pane};
use crate::tui::rows::{self, Row};
use crate::tui::views::heatmap;

impl App {
    pub(super) fn pane_command(&mut self, c: Command) {
        match self.focus {
            Pane::Tree => self.tree_command(c),
            Pane::Heatmap => self.heat_command(c),
            Pane::Detail => self.detail_scroll = scroll(self.detail_scroll, c),
            Pane::Events => self.events_scroll = scroll(self.events_scroll, c),
            Pane::Suggestions => self.suggest_command(c),
        }
    }

    fn tree_command(&mut self, c: Command) {
        let cur = self.tree.cursor;
        if let Some(to) = self.tree_move(c, cur) {
            self.select_row(to);
        } else if matches!(
            c,
            Command::Right | Command::Select | Command::Left | Command::Back
        ) {
            let Some(r) = self.tree.rows.get(cur).cloned() else {
                return;
            };
            if matches!(c, Command::Right | Command::Select) {
                self.open_row(&r, c, cur);
            } else {
                self.close_row(&r);
            }
        }
        self.clamp_scroll();
    }

    /// The row a cursor movement goes to from `cur`.
    fn tree_move(&self, c: Command, cur: usize) -> Option<usize> {
        let page = self.tree_page();
        let last = self.tree.rows.len().saturating_sub(1);
        Some(match c {
            Command::Up => cur.saturating_sub(1),
            Command::Down => (cur + 1).min(last),
            Command::PageUp => cur.saturating_sub(page),
            Command::PageDown => (cur + page).min(last),
            Command::Top => 0,
            Command::Bottom => last,
            _ => return None,
        })
    }

    /// Right or Enter on a row: expand it, step into it, fold it, or open its detail.
    fn open_row(&mut self, r: &Row, c: Command, cur: usize) {
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

    /// Left or Esc on a row: fold it, or go to its parent.
    fn close_row(&mut self, r: &Row) {
        if r.expanded && r.depth > 0 {
            self.set_expanded(r.id, false);
        } else if let Some(p) = self.view.tree().node(r.id).and_then(|n| n.parent) {
            self.select(p);
        }
    }

    fn set_expanded(&mut self, id: NodeId, open: bool) {
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
    fn select_keep_focus(&mut self, id: NodeId) {
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
