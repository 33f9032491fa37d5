//! The cockpit's state: what is shown, what is selected, what is open. It changes only through
//! `App::update(Action)` (in `update`); anything that must happen outside the state (run the
//! editor, write a file, search, compute suggestions) is queued as an `Effect` for the event
//! loop, which keeps `update` pure and testable without a terminal.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::NodeId;
use crate::tui::color::Depth;
use crate::tui::feed::{EventLine, Progress, WatchState};
use crate::tui::finder::Hits;
use crate::tui::history::Timeline;
use crate::tui::index::ViewData;
use crate::tui::keymap::KeyMap;
use crate::tui::layout::Pane;
use crate::tui::rows::{self, Row, Shape};
use crate::tui::style::{Glyphs, Palette};
use crate::tui::suggest::SuggestResult;
use crate::tui::theme::Theme;

/// Most event lines kept.
pub const MAX_EVENTS: usize = 1000;

/// What the heatmap's area stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AreaBy {
    #[default]
    Lines,
    Complexity,
    Churn,
}

/// What the heatmap's colour stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorBy {
    #[default]
    Band,
    Hotspot,
    Churn,
}

/// The heatmap's two views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeatView {
    #[default]
    Treemap,
    /// Churn per week for the focused directory's entries.
    ChurnOverTime,
}

/// The tree pane.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    /// The selected node's key (see `rows::key_of`).
    pub selected: String,
    pub expanded: HashSet<String>,
    pub shape: Shape,
    pub rows: Vec<Row>,
    pub cursor: usize,
    /// First row shown.
    pub offset: usize,
}

/// The heatmap pane.
#[derive(Debug, Clone, Default)]
pub struct HeatState {
    /// The key of the node whose children are shown.
    pub focus: String,
    pub area: AreaBy,
    pub color: ColorBy,
    pub view: HeatView,
}

/// The finder overlay.
#[derive(Debug, Clone, Default)]
pub struct FinderState {
    pub query: String,
    pub hits: Option<Hits>,
    pub cursor: usize,
}

/// The suggestions pane.
#[derive(Debug, Clone, Default)]
pub struct SuggestState {
    pub result: Option<SuggestResult>,
    /// The key asked for and not answered yet.
    pub pending: Option<String>,
    pub cursor: usize,
    pub show_patch: bool,
    pub scroll: u16,
}

/// A one-line text prompt (the file to write a patch to).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub label: String,
    pub text: String,
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Editor {
        path: PathBuf,
        line: u32,
    },
    WriteFile {
        path: PathBuf,
        text: String,
    },
    Find {
        query: String,
    },
    Suggest {
        key: String,
        id: NodeId,
        generation: u64,
    },
    Timeline,
    Rescan,
}

/// How the cockpit was started.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The scanned root (absolute).
    pub root: PathBuf,
    /// The name shown in the status bar.
    pub name: String,
    pub depth: Depth,
    pub ascii: bool,
    pub theme: Theme,
    /// Every theme `t` cycles through.
    pub themes: Vec<String>,
    /// Where user themes live.
    pub user_themes: Option<PathBuf>,
    pub keymap: KeyMap,
    /// True with a watcher (the engine), false for `--watch off`.
    pub live: bool,
}

/// The whole state.
#[derive(Debug, Clone)]
pub struct App {
    pub setup: Setup,
    pub view: Arc<ViewData>,
    pub palette: Palette,
    pub glyphs: Glyphs,
    pub theme: Theme,
    pub watch: WatchState,
    pub progress: Progress,
    pub focus: Pane,
    /// The pane chosen for the right-hand side.
    pub side: Pane,
    pub zoom: bool,
    pub tree: TreeState,
    pub heat: HeatState,
    pub detail_scroll: u16,
    pub events_scroll: u16,
    pub suggest: SuggestState,
    pub finder: Option<FinderState>,
    pub prompt: Option<Prompt>,
    /// The help overlay and its scroll position.
    pub help: Option<u16>,
    pub events: VecDeque<EventLine>,
    /// The last message for the hint line; true for an error.
    pub message: Option<(String, bool)>,
    pub timeline: Option<Arc<Timeline>>,
    /// The session delta and the generation it belongs to.
    pub delta: Option<(u64, Arc<crate::engine::Delta>)>,
    /// The HEAD a timeline was asked for.
    pub timeline_asked: Option<Option<String>>,
    pub effects: Vec<Effect>,
    pub quit: bool,
    pub size: (u16, u16),
    pub ticks: u64,
}

impl App {
    /// A cockpit with nothing scanned yet.
    pub fn new(setup: Setup, view: Arc<ViewData>, size: (u16, u16)) -> App {
        let palette = Palette::new(&setup.theme, setup.depth);
        let glyphs = Glyphs::new(setup.ascii);
        let watch = if setup.live {
            WatchState::Starting
        } else {
            WatchState::Off
        };
        let mut app = App {
            theme: setup.theme.clone(),
            setup,
            view,
            palette,
            glyphs,
            watch,
            progress: Progress::Counting,
            focus: Pane::Tree,
            side: Pane::Detail,
            zoom: false,
            tree: TreeState::default(),
            heat: HeatState::default(),
            detail_scroll: 0,
            events_scroll: 0,
            suggest: SuggestState::default(),
            finder: None,
            prompt: None,
            help: None,
            events: VecDeque::new(),
            message: None,
            timeline: None,
            delta: None,
            timeline_asked: None,
            effects: Vec::new(),
            quit: false,
            size,
            ticks: 0,
        };
        app.rebuild_rows();
        app
    }

    /// The selected node in the current view.
    pub fn selected(&self) -> Option<NodeId> {
        rows::resolve(self.view.tree(), &self.tree.selected)
    }

    /// The heatmap's focus node (the root when its key no longer resolves).
    pub fn heat_focus(&self) -> NodeId {
        let tree = self.view.tree();
        rows::resolve(tree, &self.heat.focus).unwrap_or(tree.root())
    }

    /// True while the finder or a prompt takes typed text.
    pub fn typing(&self) -> bool {
        self.finder.is_some() || self.prompt.is_some()
    }

    /// True when `pane` is on screen.
    pub fn shows(&self, pane: Pane) -> bool {
        let size = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        crate::tui::layout::areas(size, self.focus, self.side, self.zoom)
            .of(pane)
            .is_some()
    }

    /// Recomputes the rows and puts the cursor on the selection (or near where it was).
    pub fn rebuild_rows(&mut self) {
        self.tree.rows = rows::build(&self.view, &self.tree.expanded, self.tree.shape);
        let tree = self.view.tree();
        let sel = rows::resolve(tree, &self.tree.selected);
        match sel.and_then(|id| self.tree.rows.iter().position(|r| r.id == id)) {
            Some(i) => self.tree.cursor = i,
            None => {
                self.tree.cursor = self.tree.cursor.min(self.tree.rows.len().saturating_sub(1));
                if let Some(r) = self.tree.rows.get(self.tree.cursor) {
                    self.tree.selected = rows::key_of(tree, r.id);
                }
            }
        }
    }

    /// Selects `id`: expands its ancestors, moves the cursor to it, and makes the heatmap show
    /// its parent.
    pub fn select(&mut self, id: NodeId) {
        let tree = self.view.tree();
        if tree.node(id).is_none() {
            return;
        }
        for k in rows::ancestor_keys(tree, id) {
            self.tree.expanded.insert(k);
        }
        self.tree.selected = rows::key_of(tree, id);
        let parent = tree.node(id).and_then(|n| n.parent);
        self.heat.focus = parent.map(|p| rows::key_of(tree, p)).unwrap_or_default();
        self.rebuild_rows();
        self.after_selection();
    }

    /// Moves the tree cursor to row `i` and selects its node.
    pub fn select_row(&mut self, i: usize) {
        let Some(row) = self
            .tree
            .rows
            .get(i.min(self.tree.rows.len().saturating_sub(1)))
        else {
            return;
        };
        let id = row.id;
        self.tree.cursor = i.min(self.tree.rows.len().saturating_sub(1));
        let tree = self.view.tree();
        self.tree.selected = rows::key_of(tree, id);
        let parent = tree.node(id).and_then(|n| n.parent);
        self.heat.focus = parent.map(|p| rows::key_of(tree, p)).unwrap_or_default();
        self.after_selection();
    }

    /// What follows a new selection: the detail scrolls back, suggestions are asked for.
    pub fn after_selection(&mut self) {
        self.detail_scroll = 0;
        self.suggest.cursor = 0;
        self.suggest.scroll = 0;
        self.suggest.show_patch = false;
        self.ask_suggestions();
    }

    /// Asks for the selection's suggestions when the pane shows and they are not there yet.
    pub fn ask_suggestions(&mut self) {
        if !self.shows(Pane::Suggestions) || !self.view.complete {
            return;
        }
        let Some(id) = self.selected() else { return };
        let key = self.tree.selected.clone();
        let generation = self.view.generation;
        let have = self
            .suggest
            .result
            .as_ref()
            .is_some_and(|r| r.key == key && r.generation == generation);
        if have || self.suggest.pending.as_deref() == Some(key.as_str()) {
            return;
        }
        self.suggest.pending = Some(key.clone());
        self.effects.push(Effect::Suggest {
            key,
            id,
            generation,
        });
    }

    /// Switches to theme `theme` (already loaded).
    pub fn set_theme(&mut self, theme: Theme) {
        self.palette = Palette::new(&theme, self.setup.depth);
        self.theme = theme;
    }

    /// Adds event lines, dropping the oldest beyond `MAX_EVENTS`.
    pub fn push_events(&mut self, lines: Vec<EventLine>) {
        for l in lines {
            self.events.push_back(l);
        }
        while self.events.len() > MAX_EVENTS {
            self.events.pop_front();
        }
    }

    /// Rows the tree pane shows at once.
    pub fn tree_page(&self) -> usize {
        let size = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let areas = crate::tui::layout::areas(size, self.focus, self.side, self.zoom);
        areas
            .of(Pane::Tree)
            .map(|r| usize::from(r.height.saturating_sub(3)).max(1))
            .unwrap_or(10)
    }
}
