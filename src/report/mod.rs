//! Writers that turn a model or a check outcome into human tables, JSON, SARIF, Markdown and
//! workflow annotations. Every string taken from the scanned tree goes through `sanitize`
//! before it is written for a terminal.

pub mod check_github;
pub mod check_human;
pub mod check_json;
pub mod check_markdown;
pub mod check_sarif;
pub mod check_text;
pub mod history_json;
pub mod history_table;
pub mod scan_json;
pub mod scan_table;
pub mod suggest_human;
pub mod suggest_json;
pub mod suggest_markdown;
pub mod summary;
