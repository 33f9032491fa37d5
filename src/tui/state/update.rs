//! `App::update`: the one place the cockpit's state changes. Data arriving (views, feed events,
//! finder hits, suggestions, the timeline) is handled here; commands from keys are in
//! `commands`.

use std::sync::Arc;

use crate::engine::Delta;
use crate::tui::action::{Action, Command};
use crate::tui::app::{App, Effect};
use crate::tui::feed::{FeedEvent, Progress};
use crate::tui::finder::Hits;
use crate::tui::index::ViewData;
use crate::tui::layout::Pane;
use crate::tui::rows;
use crate::tui::suggest::SuggestResult;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.command(c),
            Action::Type(c) => self.type_char(c),
            Action::Erase => self.erase(),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scroll();
                self.ask_suggestions();
            }
            Action::Tick => self.ticks = self.ticks.wrapping_add(1),
            Action::View(v) => self.set_view(v),
            Action::Feed(ev) => self.feed(ev),
            Action::Found(hits) => self.take_hits(hits),
            Action::Suggested(r) => self.take_suggestions(r),
            Action::Timeline(t) => self.timeline = Some(t),
            Action::Delta(generation, d) => self.take_delta(generation, d),
            Action::Done(Ok(m)) => self.message = Some((m, false)),
            Action::Done(Err(m)) => self.message = Some((m, true)),
            Action::Signal(name) => {
                self.message = Some((format!("{name}: quitting"), false));
                self.quit = true;
                self.effects.push(Effect::Quit);
            }
        }
    }

    /// Finder hits, kept only when they answer the query shown on the view shown.
    fn take_hits(&mut self, hits: Hits) {
        let generation = self.view.generation;
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if hits.query == f.query.trim() && hits.generation == generation {
            f.cursor = f.cursor.min(hits.hits.len().saturating_sub(1));
            f.hits = Some(hits);
        }
    }

    /// Plans for a node, kept when that node is still selected.
    fn take_suggestions(&mut self, r: SuggestResult) {
        if self.suggest.pending.as_deref() == Some(r.key.as_str()) {
            self.suggest.pending = None;
        }
        if r.key == self.tree.selected {
            self.suggest.result = Some(r);
        }
    }

    /// A session delta, unless a newer one is already shown.
    fn take_delta(&mut self, generation: u64, d: Arc<Delta>) {
        if self.delta.as_ref().is_none_or(|(g, _)| *g <= generation) {
            self.delta = Some((generation, d));
        }
    }

    /// Takes a new view: keeps selection and expansion by key, asks for what depends on it.
    pub fn set_view(&mut self, view: Arc<ViewData>) {
        if view.generation < self.view.generation && self.view.complete {
            return;
        }
        self.view = view;
        if self.tree.selected.is_empty() || self.selected().is_none() {
            // Nothing selected yet (or it went away): keep the cursor row.
            self.rebuild_rows();
        } else {
            self.rebuild_rows();
            let tree = self.view.tree();
            if let Some(id) = self.selected() {
                let parent = tree.node(id).and_then(|n| n.parent);
                let focus_ok = rows::resolve(tree, &self.heat.focus).is_some();
                if !focus_ok {
                    self.heat.focus = parent.map(|p| rows::key_of(tree, p)).unwrap_or_default();
                }
            }
        }
        if let Some(f) = self.finder.as_ref() {
            let query = f.query.clone();
            self.effects.push(Effect::Find { query });
        }
        self.ask_suggestions();
        let head = self
            .view
            .history
            .report
            .as_ref()
            .and_then(|r| r.head.clone());
        let has_history = self
            .view
            .history
            .report
            .as_ref()
            .is_some_and(|r| r.unavailable.is_none());
        if has_history && self.timeline_asked.as_ref() != Some(&head) {
            self.timeline_asked = Some(head);
            self.effects.push(Effect::Timeline);
        }
    }

    fn feed(&mut self, ev: FeedEvent) {
        match ev {
            // Published snapshots are indexed by the event loop's worker, which answers with
            // `Action::View`; nothing to do here when one arrives directly.
            FeedEvent::Published(_) => {}
            FeedEvent::Watch(w) => self.watch = w,
            FeedEvent::Progress(p) => {
                self.progress = p;
                if let Progress::Ready { .. } = p {
                    self.message = None;
                }
            }
            FeedEvent::Events(lines) => {
                if let Some(err) = lines
                    .iter()
                    .rev()
                    .find(|l| l.kind == crate::tui::feed::EventKind::Error)
                {
                    self.message = Some((err.text.clone(), true));
                }
                self.push_events(lines);
            }
        }
    }

    fn type_char(&mut self, c: char) {
        if let Some(p) = self.prompt.as_mut() {
            p.text.push(c);
        } else if let Some(f) = self.finder.as_mut() {
            f.query.push(c);
            f.cursor = 0;
            let query = f.query.clone();
            self.effects.push(Effect::Find { query });
        }
    }

    fn erase(&mut self) {
        if let Some(p) = self.prompt.as_mut() {
            p.text.pop();
        } else if let Some(f) = self.finder.as_mut() {
            f.query.pop();
            f.cursor = 0;
            let query = f.query.clone();
            self.effects.push(Effect::Find { query });
        }
    }

    /// Keeps the tree's scroll offset so the cursor is visible.
    pub fn clamp_scroll(&mut self) {
        let page = self.tree_page();
        let t = &mut self.tree;
        if t.cursor < t.offset {
            t.offset = t.cursor;
        } else if t.cursor >= t.offset + page {
            t.offset = t.cursor + 1 - page;
        }
        let max = t.rows.len().saturating_sub(page);
        t.offset = t.offset.min(max);
    }

    /// Focuses `pane`, showing it on the side when it is a side pane.
    pub fn focus_pane(&mut self, pane: Pane) {
        self.focus = pane;
        if pane != Pane::Tree {
            self.side = pane;
        }
        self.ask_suggestions();
    }

    /// Runs a command from a key.
    fn command(&mut self, c: Command) {
        self.message = None;
        if c == Command::Quit {
            self.quit = true;
            self.effects.push(Effect::Quit);
            return;
        }
        if self.prompt.is_some() {
            return self.prompt_command(c);
        }
        if self.finder.is_some() {
            return self.finder_command(c);
        }
        if let Some(scroll) = self.help {
            self.help = match c {
                Command::Help | Command::Back => None,
                Command::Down => Some(scroll.saturating_add(1)),
                Command::Up => Some(scroll.saturating_sub(1)),
                Command::PageDown => Some(scroll.saturating_add(10)),
                Command::PageUp => Some(scroll.saturating_sub(10)),
                _ => Some(scroll),
            };
            return;
        }
        self.global_command(c);
    }
}
