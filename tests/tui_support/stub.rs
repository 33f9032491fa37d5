//! A planner for the cockpit's tests: one fixed plan with a patch (and a second without) for
//! any file, so the suggestions pane has the same content on every run.

use seamline::bands::{Band, Metric};
use seamline::tui::suggest::{PieceView, PlanInput, PlanView, Planner};

/// A planner that proposes one fixed plan with a patch for every file and nothing otherwise.
pub struct StubPlanner;

impl Planner for StubPlanner {
    fn plans(&self, input: &PlanInput<'_>) -> (Result<Vec<PlanView>, String>, Vec<String>) {
        if input
            .snapshot
            .node(input.node)
            .and_then(|n| n.file())
            .is_none()
        {
            return (
                Ok(Vec::new()),
                vec!["plans are made for files only here".into()],
            );
        }
        let piece =
            |name: &str, stays: bool, file: &str, items: &[&str], lines: u32, band: Band| {
                PieceView {
                    name: name.into(),
                    stays,
                    file: Some(file.into()),
                    items: items.iter().map(|s| s.to_string()).collect(),
                    metric: Metric::FileLines,
                    predicted: lines,
                    band,
                }
            };
        let plan = PlanView {
            title: "extract module rules from src/parser.rs".into(),
            pattern: "extract-module".into(),
            score: 0.82,
            confidence: 0.9,
            before: Some((Metric::FileLines, 460, 500, Band::Review)),
            pieces: vec![
                piece("parser", true, "src/parser.rs", &["struct Parser (3-5)", "fn parse_expr (8-20)"], 180, Band::Ok),
                piece("rules", false, "src/parser/rules.rs", &["fn rule_00 (21-44)", "fn rule_01 (45-68)"], 290, Band::Ok),
            ],
            rationale: "the rule methods share no state with parse_expr".into(),
            steps: vec!["create src/parser/rules.rs".into()],
            patch_status: "safe".into(),
            patch: Some("--- a/src/parser.rs\n+++ b/src/parser.rs\n@@ -21,3 +21,0 @@\n-    pub fn rule_00(&mut self) {}\n+mod rules;\n".into()),
        };
        let second = PlanView {
            title: "split type Parser".into(),
            pattern: "split-type".into(),
            score: 0.41,
            patch: None,
            patch_status: "none".into(),
            ..plan.clone()
        };
        (Ok(vec![plan, second]), Vec::new())
    }
}
