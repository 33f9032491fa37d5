//! The effects `App::update` queues, carried out by the event loop: requests to the workers,
//! a rescan, writing a file, and running the editor with the terminal handed over. Kept apart
//! from the loop itself so that the loop reads as wait, handle, draw.

use std::path::Path;

use crossbeam_channel::Receiver;

use super::run::{Flow, Loop};
use super::terminal;
use super::workers::{FindRequest, SuggestRequest};
use crate::model::NodeId;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::feed::{self, FeedEvent};

impl Loop<'_> {
    /// Carries out one effect; breaks when the terminal cannot be taken back from the editor.
    pub(super) fn carry_out(&mut self, effect: Effect, loader: &mut Receiver<FeedEvent>) -> Flow {
        match effect {
            Effect::Quit => {}
            Effect::Find { query } => self.find(query),
            Effect::Suggest {
                key,
                id,
                generation,
            } => self.ask_suggestions(key, id, generation),
            Effect::Timeline => {
                let _ = self.workers.timeline.send(());
            }
            Effect::Rescan => self.rescan(loader),
            Effect::WriteFile { path, text } => write_file(&mut self.app, &path, text),
            Effect::Editor { path, line } => return self.edit(&path, line),
        }
        Flow::Continue(())
    }

    fn find(&self, query: String) {
        let _ = self.workers.finder.send(FindRequest {
            query,
            candidates: self.app.view.candidates.clone(),
            generation: self.app.view.generation,
        });
    }

    fn ask_suggestions(&self, key: String, id: NodeId, generation: u64) {
        let view = &self.app.view;
        let _ = self.workers.suggester.send(SuggestRequest {
            key,
            id,
            generation,
            snapshot: view.snapshot.clone(),
            config: view.config.clone(),
            history: view.history.report.clone(),
        });
    }

    fn rescan(&self, loader: &mut Receiver<FeedEvent>) {
        match &self.engine {
            Some(e) => e.rescan(),
            None => {
                *loader = feed::load_once(
                    self.app.setup.root.clone(),
                    self.app.view.config.clone(),
                    self.opts.cache_dir.clone(),
                    self.opts.threads,
                );
            }
        }
    }

    /// Runs the editor with the terminal handed over, then takes the terminal back.
    fn edit(&mut self, path: &Path, line: u32) -> Flow {
        let screen = &mut self.screen;
        screen.control.pause();
        screen.guard.suspend();
        let result = terminal::run_editor(path, line);
        let resumed = screen.guard.resume();
        screen.control.resume();
        let _ = screen.terminal.clear();
        if resumed.is_err() {
            return Flow::Break(());
        }
        self.app.update(Action::Done(result));
        Flow::Continue(())
    }
}

fn write_file(app: &mut App, path: &Path, text: String) {
    let shown = crate::sanitize::sanitize(&path.display().to_string()).into_owned();
    let result = std::fs::write(path, text)
        .map(|()| format!("wrote {shown}"))
        .map_err(|e| format!("cannot write {shown}: {e}"));
    app.update(Action::Done(result));
}
