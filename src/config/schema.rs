//! The keys a config file may set, their types, and "did you mean" suggestions for the rest.

use crate::bands::Metric;

/// The type of a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number ≥ 0.
    UInt,
    /// A percentage of a limit, as a number (`80`, `92.5`).
    Percent,
    /// A band name.
    Band,
    /// An array of glob strings.
    Globs,
    /// An array of language ids.
    Languages,
    /// A string.
    Text,
    /// A key name or an array of them (`"ctrl-p"`, `["q", "ctrl-c"]`).
    Keys,
}

impl Kind {
    /// What the user must write, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            Kind::UInt => "a whole number (0 or more)",
            Kind::Percent => "a percentage such as 80 or 92.5",
            Kind::Band => "one of \"watch\", \"review\", \"emergency\", \"freeze\"",
            Kind::Globs => "an array of glob strings, e.g. [\"tests/**\"]",
            Kind::Languages => "an array of language ids, e.g. [\"rust\", \"python\"]",
            Kind::Text => "a string",
            Kind::Keys => "a key name or an array of them, e.g. \"ctrl-p\" or [\"q\", \"f10\"]",
        }
    }
}

/// The tables of a config file and their keys (`[[override]]` is handled on its own).
pub const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "limits",
        &[
            ("file_lines", Kind::UInt),
            ("dir_entries", Kind::UInt),
            ("function_lines", Kind::UInt),
            ("cyclomatic", Kind::UInt),
            ("cognitive", Kind::UInt),
            ("params", Kind::UInt),
            ("nesting", Kind::UInt),
            ("type_methods", Kind::UInt),
            ("top_level_domains", Kind::UInt),
        ],
    ),
    (
        "bands",
        &[
            ("watch", Kind::Percent),
            ("review", Kind::Percent),
            ("emergency", Kind::Percent),
            ("freeze", Kind::Percent),
        ],
    ),
    (
        "scan",
        &[
            ("max_file_size", Kind::UInt),
            ("ignore", Kind::Globs),
            ("languages", Kind::Languages),
        ],
    ),
    ("check", &[("fail_at", Kind::Band)]),
    (
        "history",
        &[
            ("coupling_min_revs", Kind::UInt),
            ("coupling_min_shared", Kind::UInt),
            ("coupling_min_degree", Kind::Percent),
            ("coupling_max_changeset", Kind::UInt),
            ("growth_changes", Kind::UInt),
            ("growth_weeks", Kind::UInt),
        ],
    ),
    ("ui", &[("theme", Kind::Text)]),
    (
        "keys",
        &[
            ("quit", Kind::Keys),
            ("help", Kind::Keys),
            ("finder", Kind::Keys),
            ("next_pane", Kind::Keys),
            ("prev_pane", Kind::Keys),
            ("up", Kind::Keys),
            ("down", Kind::Keys),
            ("left", Kind::Keys),
            ("right", Kind::Keys),
            ("page_up", Kind::Keys),
            ("page_down", Kind::Keys),
            ("top", Kind::Keys),
            ("bottom", Kind::Keys),
            ("select", Kind::Keys),
            ("back", Kind::Keys),
            ("sort", Kind::Keys),
            ("reverse", Kind::Keys),
            ("filter", Kind::Keys),
            ("heat_area", Kind::Keys),
            ("heat_color", Kind::Keys),
            ("heat_view", Kind::Keys),
            ("theme", Kind::Keys),
            ("editor", Kind::Keys),
            ("patch", Kind::Keys),
            ("zoom", Kind::Keys),
            ("rescan", Kind::Keys),
            ("pane_tree", Kind::Keys),
            ("pane_heatmap", Kind::Keys),
            ("pane_detail", Kind::Keys),
            ("pane_suggestions", Kind::Keys),
            ("pane_events", Kind::Keys),
        ],
    ),
];

/// The name of the array of per-path overrides.
pub const OVERRIDE: &str = "override";

/// The kind of `table.key`, if it is a known setting.
pub fn kind_of(table: &str, key: &str) -> Option<Kind> {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .and_then(|(_, keys)| keys.iter().find(|(k, _)| *k == key))
        .map(|(_, kind)| *kind)
}

/// Keys allowed in an `[[override]]` entry: `paths` and every limit.
pub fn override_keys() -> impl Iterator<Item = &'static str> {
    std::iter::once("paths").chain(Metric::ALL.iter().map(|m| m.key()))
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A suffix for an error message: "; did you mean `x`?" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(word, candidates) {
        Some(n) => format!("; did you mean `{n}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["file_lines", "dir_entries", "cyclomatic"];
        assert_eq!(nearest("file_line", keys), Some("file_lines"));
        assert_eq!(nearest("cyclomatc", keys), Some("cyclomatic"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(
            nearest("limit", ["limits", "bands", "scan"]),
            Some("limits")
        );
    }
}
