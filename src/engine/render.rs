//! Notices as output lines: a human line per event that matters, or JSON Lines (documented in
//! `docs/json.md`, "`seamline watch`"). Names from the tree are sanitised in human lines; in
//! JSON, every control or bidirectional character is written as a `\u` escape, so the data
//! stays exact and the line stays safe on a terminal.

use serde::Serialize;
use serde_json::{json, Value};

use super::notice::{BandChange, Batch, Change, Entry, Notice};
use super::session::Delta;
use crate::bands::{Band, Measure};
use crate::report::check_text::plural;
use crate::sanitize::sanitize;

/// The JSON Lines schema version (in the `ready` event).
pub const SCHEMA_VERSION: u32 = 1;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Turns notices into lines.
#[derive(Debug, Clone)]
pub struct Renderer {
    pub format: Format,
    /// Add the paths that triggered each change.
    pub why: bool,
    /// The root as given, for the `ready` line.
    pub root: String,
}

impl Renderer {
    /// The lines for one notice (none for notices that do not matter to a reader).
    pub fn lines(&self, n: &Notice) -> Vec<String> {
        match self.format {
            Format::Human => self.human(n),
            Format::Json => self.json(n).into_iter().map(|v| json_line(&v)).collect(),
        }
    }

    fn human(&self, n: &Notice) -> Vec<String> {
        match n {
            Notice::Watch(w) if w.backend == "poll" => vec![format!(
                "watch  polling every {} ms: {}",
                w.poll_interval_ms,
                sanitize(w.reason.as_deref().unwrap_or("asked for"))
            )],
            Notice::Watch(_) | Notice::Early { .. } => Vec::new(),
            Notice::Ready(r) => vec![format!(
                "ready  {}: {} files, {} directories, {} components, {} lines in {:.1} s ({} watcher)",
                sanitize(&self.root),
                r.files,
                r.dirs,
                r.components,
                r.lines,
                r.elapsed.as_secs_f64(),
                r.backend
            )],
            Notice::Batch(b) => self.human_batch(b),
            Notice::History(h) if h.initial => vec![if h.refreshed {
                format!("history  {}", h.detail)
            } else {
                format!("history  {}", sanitize(&h.detail))
            }],
            Notice::History(h) => {
                let commits = h.commits.map_or(String::new(), |c| {
                    format!("  ({c} new commit{})", plural(c))
                });
                let state = if h.refreshed {
                    format!("history refreshed: {}", h.detail)
                } else {
                    format!("history not refreshed: {}", sanitize(&h.detail))
                };
                vec![format!(
                    "history  HEAD {} → {}{commits}  {state}",
                    h.from.as_deref().unwrap_or("(none)"),
                    h.to.as_deref().unwrap_or("(none)")
                )]
            }
            Notice::Config { source, .. } => {
                vec![format!("config  reloaded {}", sanitize(source))]
            }
            Notice::Error { message } => message
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    let head = if i == 0 { "error  " } else { "       " };
                    format!("{head}{}", sanitize(l))
                })
                .collect(),
        }
    }

    fn human_batch(&self, b: &Batch) -> Vec<String> {
        let mut out: Vec<String> = b
            .changes
            .iter()
            .map(|c| {
                let (text, why) = match c {
                    Change::Band(x) => (band_line(x), &x.why),
                    Change::Created(e) => (entry_line('+', e), &e.why),
                    Change::Removed(e) => (entry_line('-', e), &e.why),
                };
                self.with_why(text, why)
            })
            .collect();
        if b.rescan {
            out.push(format!(
                "rescan  {}: {} updated, {} created, {} removed in {} ms",
                sanitize(b.reason.as_deref().unwrap_or("asked for")),
                b.updated,
                b.created,
                b.removed,
                b.elapsed.as_millis()
            ));
        }
        if b.omitted > 0 {
            out.push(format!(
                "…  {} more change{} in this batch ({} paths, {} ms); the session summary lists them all",
                b.omitted,
                plural(b.omitted),
                b.paths,
                b.elapsed.as_millis()
            ));
        }
        out
    }

    fn with_why(&self, text: String, why: &[String]) -> String {
        if !self.why || why.is_empty() {
            return text;
        }
        let list: Vec<String> = why.iter().map(|w| sanitize(w).into_owned()).collect();
        format!("{text}  ← {}", list.join(", "))
    }

    fn json(&self, n: &Notice) -> Vec<Value> {
        match n {
            Notice::Watch(w) => vec![tagged("watch", to_value(w))],
            Notice::Early { .. } => Vec::new(),
            Notice::Ready(r) => {
                let mut v = tagged("ready", to_value(r));
                if let Value::Object(m) = &mut v {
                    m.insert("schema_version".into(), json!(SCHEMA_VERSION));
                    m.insert("tool".into(), json!("seamline"));
                    m.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
                    m.insert("root".into(), json!(self.root));
                }
                vec![v]
            }
            Notice::Batch(b) => self.batch_json(b),
            Notice::History(h) => vec![tagged("history", to_value(h))],
            Notice::Config { generation, source } => vec![json!({
                "event": "config", "generation": generation, "source": source
            })],
            Notice::Error { message } => vec![json!({"event": "error", "message": message})],
        }
    }

    /// A batch's events: one per change, then the batch itself when it left some out or was
    /// a rescan.
    fn batch_json(&self, b: &Batch) -> Vec<Value> {
        let mut out: Vec<Value> = b
            .changes
            .iter()
            .map(|c| match c {
                Change::Band(x) => self.why_json(tagged("band", to_value(x)), &x.why),
                Change::Created(e) => self.why_json(tagged("created", to_value(e)), &e.why),
                Change::Removed(e) => self.why_json(tagged("removed", to_value(e)), &e.why),
            })
            .collect();
        if b.omitted > 0 || b.rescan {
            out.push(tagged("batch", to_value(b)));
        }
        out
    }

    /// `v` with the paths that caused it, when those are shown.
    fn why_json(&self, v: Value, why: &[String]) -> Value {
        match v {
            Value::Object(mut m) if self.why => {
                m.insert("why".into(), json!(why));
                Value::Object(m)
            }
            v => v,
        }
    }

    /// The session summary event (JSON) or nothing (human: the Markdown is printed as is).
    pub fn summary(&self, delta: &Delta, markdown: &str, file: Option<&str>) -> Option<String> {
        if self.format != Format::Json {
            return None;
        }
        let mut v = json!({"event": "summary"});
        if let (Value::Object(m), Value::Object(d)) = (&mut v, to_value(delta)) {
            m.extend(d);
            match file {
                Some(f) => m.insert("file".into(), json!(f)),
                None => m.insert("markdown".into(), json!(markdown)),
            };
        }
        Some(json_line(&v))
    }
}

/// `v`'s fields after an `event` field naming it.
fn tagged(event: &str, v: Value) -> Value {
    let mut obj = serde_json::Map::new();
    obj.insert("event".into(), json!(event));
    if let Value::Object(m) = v {
        obj.extend(m);
    }
    Value::Object(obj)
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// One JSON line, with control and bidirectional characters escaped.
pub fn json_line(v: &Value) -> String {
    let text = v.to_string();
    if sanitize(&text) == text {
        return text;
    }
    text.chars()
        .map(|c| {
            if sanitize(c.encode_utf8(&mut [0; 4])).len() > c.len_utf8() {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `src/app.rs  472 → 503 lines  review → FREEZE (file_lines 503/500)`.
pub fn band_line(c: &BandChange) -> String {
    let subject = subject(&c.path, c.node, c.item.as_deref(), c.line);
    let unit = c.metric.unit();
    let amount = |v: u32| {
        if unit.is_empty() {
            format!("{} {v}", c.metric.key())
        } else {
            format!("{v} {unit}")
        }
    };
    let to = if c.worse() {
        c.to.as_str().to_uppercase()
    } else {
        c.to.as_str().to_string()
    };
    let detail = format!("({} {}/{})", c.metric.key(), c.value, c.limit);
    if c.appeared {
        return format!("{subject}  new, {}  → {to} {detail}", amount(c.value));
    }
    if c.vanished {
        return format!("{subject}  gone  {} → ok", c.from);
    }
    let change = match c.previous {
        Some(p) if unit.is_empty() => format!("{} {p} → {}", c.metric.key(), c.value),
        Some(p) => format!("{p} → {} {unit}", c.value),
        None => amount(c.value),
    };
    format!("{subject}  {change}  {} → {to} {detail}", c.from)
}

fn entry_line(sign: char, e: &Entry) -> String {
    let path = sanitize(&e.path);
    let lines = format!("{} line{}", e.lines, plural(e.lines as usize));
    let size = match e.files {
        Some(files) => format!("{path}/  {files} file{}, {lines}", plural(files as usize)),
        None => format!("{path}  {lines}"),
    };
    let band = match (e.band, e.driver) {
        (
            b,
            Some(Measure {
                metric,
                value,
                limit,
                ..
            }),
        ) if b > Band::Ok => format!(
            "  {} ({} {value}/{limit})",
            b.as_str().to_uppercase(),
            metric.key()
        ),
        _ => String::new(),
    };
    format!("{sign} {size}{band}")
}

fn subject(path: &str, node: &str, item: Option<&str>, line: u32) -> String {
    let path = sanitize(path);
    match item {
        Some(item) => format!("{path}:{line} {node} {}", sanitize(item)),
        None if path.is_empty() => "(root)".into(),
        None if node == "directory" => format!("{path}/"),
        None => path.into_owned(),
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
