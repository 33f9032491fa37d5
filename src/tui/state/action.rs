//! The one `Action` enum every change of the cockpit's state goes through (keys, results of
//! background work, notices from the engine, resizes, signals), and the action table: every
//! command a key can trigger, with its config name, default keys and help text. The keymap and
//! the help screen are both generated from this table, so they cannot disagree.

use std::sync::Arc;

use crate::tui::feed::FeedEvent;
use crate::tui::finder::Hits;
use crate::tui::history::Timeline;
use crate::tui::index::ViewData;
use crate::tui::suggest::SuggestResult;

/// A command a key can trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Finder,
    NextPane,
    PrevPane,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Select,
    Back,
    Sort,
    Reverse,
    Filter,
    HeatArea,
    HeatColor,
    HeatView,
    Theme,
    Editor,
    Patch,
    Zoom,
    Rescan,
    PaneTree,
    PaneHeatmap,
    PaneDetail,
    PaneSuggestions,
    PaneEvents,
}

/// Everything that changes the cockpit's state.
#[derive(Debug, Clone)]
pub enum Action {
    /// A command, usually from a key.
    Command(Command),
    /// A character typed into the finder or a prompt.
    Type(char),
    /// Backspace in the finder or a prompt.
    Erase,
    /// The terminal's new size.
    Resize(u16, u16),
    /// Time passed (animates the progress spinner).
    Tick,
    /// A new model view was built.
    View(Arc<ViewData>),
    /// The engine (or the static loader) said something.
    Feed(FeedEvent),
    /// Finder results for a query.
    Found(Hits),
    /// Suggestions for a node.
    Suggested(SuggestResult),
    /// The refactor session's delta for a generation (computed apart from the view, so that
    /// the view is not kept waiting for it).
    Delta(u64, Arc<crate::engine::Delta>),
    /// The history timeline (weekly churn, size series, authors) is ready.
    Timeline(Arc<Timeline>),
    /// The outcome of an effect the event loop carried out (a file written, the editor run).
    Done(Result<String, String>),
    /// A signal asked the cockpit to end (SIGTERM, SIGHUP, SIGINT).
    Signal(&'static str),
}

/// One row of the action table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub command: Command,
    /// The `[keys]` name in the configuration.
    pub name: &'static str,
    /// Default keys (see `keymap::KeySpec` for the names).
    pub keys: &'static [&'static str],
    pub help: &'static str,
    /// One word for the hint line.
    pub hint: &'static str,
}

const fn b(
    command: Command,
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        command,
        name,
        keys,
        help,
        hint,
    }
}

/// Every command with its default keys, in the order the help screen lists them.
pub const TABLE: &[Binding] = &[
    b(
        Command::Quit,
        "quit",
        &["q", "ctrl-c"],
        "quit (writes --summary FILE)",
        "quit",
    ),
    b(Command::Help, "help", &["?", "f1"], "this help", "help"),
    b(
        Command::Finder,
        "finder",
        &["/", "ctrl-p"],
        "find a file or component",
        "find",
    ),
    b(
        Command::NextPane,
        "next_pane",
        &["tab"],
        "next pane",
        "pane",
    ),
    b(
        Command::PrevPane,
        "prev_pane",
        &["shift-tab"],
        "previous pane",
        "pane",
    ),
    b(Command::Up, "up", &["up", "k"], "move up", "up"),
    b(Command::Down, "down", &["down", "j"], "move down", "down"),
    b(
        Command::Left,
        "left",
        &["left", "h"],
        "collapse / go to parent / move left",
        "left",
    ),
    b(
        Command::Right,
        "right",
        &["right", "l"],
        "expand / move right",
        "right",
    ),
    b(
        Command::PageUp,
        "page_up",
        &["pageup", "ctrl-u"],
        "page up",
        "page",
    ),
    b(
        Command::PageDown,
        "page_down",
        &["pagedown", "ctrl-d"],
        "page down",
        "page",
    ),
    b(Command::Top, "top", &["home", "g"], "first row", "top"),
    b(
        Command::Bottom,
        "bottom",
        &["end", "G"],
        "last row",
        "bottom",
    ),
    b(
        Command::Select,
        "select",
        &["enter"],
        "expand / drill in / open",
        "open",
    ),
    b(
        Command::Back,
        "back",
        &["esc", "backspace"],
        "close / drill out",
        "back",
    ),
    b(
        Command::Sort,
        "sort",
        &["s"],
        "sort by the next column",
        "sort",
    ),
    b(
        Command::Reverse,
        "reverse",
        &["S"],
        "reverse the sort",
        "reverse",
    ),
    b(
        Command::Filter,
        "filter",
        &["f"],
        "show only nodes at or above a band",
        "filter",
    ),
    b(
        Command::HeatArea,
        "heat_area",
        &["a"],
        "heatmap: area by lines / complexity / churn",
        "area",
    ),
    b(
        Command::HeatColor,
        "heat_color",
        &["c"],
        "heatmap: colour by band / hotspot / churn",
        "colour",
    ),
    b(
        Command::HeatView,
        "heat_view",
        &["w"],
        "heatmap: treemap / churn over time",
        "view",
    ),
    b(Command::Theme, "theme", &["t"], "next theme", "theme"),
    b(
        Command::Editor,
        "editor",
        &["e"],
        "open in $EDITOR at the line",
        "edit",
    ),
    b(
        Command::Patch,
        "patch",
        &["p"],
        "suggestions: show the patch / write it to a file",
        "patch",
    ),
    b(
        Command::Zoom,
        "zoom",
        &["z"],
        "zoom the focused pane",
        "zoom",
    ),
    b(
        Command::Rescan,
        "rescan",
        &["r"],
        "rescan the tree",
        "rescan",
    ),
    b(Command::PaneTree, "pane_tree", &["1"], "tree", "tree"),
    b(
        Command::PaneHeatmap,
        "pane_heatmap",
        &["2"],
        "heatmap",
        "heatmap",
    ),
    b(
        Command::PaneDetail,
        "pane_detail",
        &["3"],
        "detail",
        "detail",
    ),
    b(
        Command::PaneSuggestions,
        "pane_suggestions",
        &["4"],
        "suggestions",
        "suggest",
    ),
    b(
        Command::PaneEvents,
        "pane_events",
        &["5"],
        "events",
        "events",
    ),
];

/// The table row of `command`.
pub fn binding(command: Command) -> Option<&'static Binding> {
    TABLE.iter().find(|b| b.command == command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_a_config_key_and_back() {
        let schema: Vec<&str> = crate::config::schema::TABLES
            .iter()
            .find(|(t, _)| *t == "keys")
            .map(|(_, keys)| keys.iter().map(|(k, _)| *k).collect())
            .unwrap_or_default();
        let table: Vec<&str> = TABLE.iter().map(|b| b.name).collect();
        assert_eq!(schema, table);
    }

    #[test]
    fn docs_keys_lists_every_action() {
        let doc = include_str!("../../../docs/keys.md");
        for b in TABLE {
            assert!(
                doc.contains(&format!("| `{}` |", b.name)),
                "docs/keys.md lacks {}",
                b.name
            );
        }
    }
}
