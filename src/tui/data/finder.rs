//! The finder: fuzzy search (fuzzy-matcher's skim algorithm) over every file and component by
//! name and path. Matching runs on a worker thread for big trees (the newest query wins), so a
//! key press never waits for it; `search` itself is a plain function.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::model::NodeId;

/// Most hits a query returns.
pub const MAX_HITS: usize = 200;

/// Something the finder can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: NodeId,
    /// What is matched and shown: `path` for files, `path::Qualified::name` for components.
    pub text: String,
    /// `file`, or the component kind.
    pub kind: &'static str,
    /// Line of a component (0 for files).
    pub line: u32,
}

impl Candidate {
    /// A file.
    pub fn file(id: NodeId, path: &str) -> Candidate {
        Candidate {
            id,
            text: path.to_string(),
            kind: "file",
            line: 0,
        }
    }

    /// A component of the file at `path`.
    pub fn component(
        id: NodeId,
        path: &str,
        qualified: &str,
        kind: &'static str,
        line: u32,
    ) -> Candidate {
        Candidate {
            id,
            text: format!("{path}::{qualified}"),
            kind,
            line,
        }
    }
}

/// One match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the candidates.
    pub index: usize,
    pub score: i64,
    /// Char positions of `text` that matched (for highlighting).
    pub positions: Vec<usize>,
}

/// The hits of one query against one generation of candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    pub query: String,
    pub generation: u64,
    pub hits: Vec<Hit>,
}

/// The best `MAX_HITS` matches of `query`, best first (ties: shorter text, then text order).
/// An empty query lists the files in path order.
pub fn search(candidates: &[Candidate], query: &str, generation: u64) -> Hits {
    let query = query.trim();
    let mut hits: Vec<Hit> = if query.is_empty() {
        candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == "file")
            .take(MAX_HITS)
            .map(|(index, _)| Hit {
                index,
                score: 0,
                positions: Vec::new(),
            })
            .collect()
    } else {
        let matcher = SkimMatcherV2::default().smart_case();
        let mut all: Vec<(i64, usize)> = candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| matcher.fuzzy_match(&c.text, query).map(|s| (s, i)))
            .collect();
        let len = |i: usize| candidates.get(i).map_or(0, |c| c.text.len());
        all.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(len(a.1).cmp(&len(b.1)))
                .then(a.1.cmp(&b.1))
        });
        all.truncate(MAX_HITS);
        all.into_iter()
            .map(|(score, index)| {
                let positions = candidates
                    .get(index)
                    .and_then(|c| matcher.fuzzy_indices(&c.text, query))
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                Hit {
                    index,
                    score,
                    positions,
                }
            })
            .collect()
    };
    hits.shrink_to_fit();
    Hits {
        query: query.to_string(),
        generation,
        hits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_fuzzy_name_and_path() {
        let c = vec![
            Candidate::file(NodeId(1), "src/parser/lexer.rs"),
            Candidate::file(NodeId(2), "src/main.rs"),
            Candidate::component(
                NodeId(3),
                "src/parser/lexer.rs",
                "Lexer::next_token",
                "method",
                40,
            ),
            Candidate::file(NodeId(4), "docs/parsing.md"),
        ];
        let h = search(&c, "lexnext", 7);
        assert_eq!(h.hits.len(), 1);
        assert_eq!(h.hits[0].index, 2);
        assert_eq!(h.generation, 7);
        let h = search(&c, "lexer", 0);
        assert_eq!(h.hits[0].index, 0, "the file, shorter, before its method");
        assert_eq!(h.hits[0].positions, vec![11, 12, 13, 14, 15]);
        let h = search(&c, "", 0);
        assert_eq!(
            h.hits.iter().map(|h| h.index).collect::<Vec<_>>(),
            vec![0, 1, 3]
        );
        assert!(search(&c, "zzz", 0).hits.is_empty());
    }
}
