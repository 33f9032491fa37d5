//! The JSON report of `seamline history` (schema in `docs/json.md`), and the `history` object
//! that `seamline scan --format json --history` embeds.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::history::components::ComponentChurn;
use crate::history::date::{format_date, format_datetime};
use crate::history::growth::{Breach, Crossing};
use crate::history::{Coupling, FileReport, HistoryReport, Statement};

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Writes the whole report, followed by a newline.
pub fn write(out: &mut dyn Write, root: &str, report: &HistoryReport) -> io::Result<()> {
    let mut doc = Map::new();
    doc.insert("schema_version".into(), json!(SCHEMA_VERSION));
    doc.insert(
        "tool".into(),
        json!({ "name": "seamline", "version": env!("CARGO_PKG_VERSION") }),
    );
    doc.insert("root".into(), json!(root));
    if let Value::Object(body) = value(report) {
        doc.extend(body);
    }
    serde_json::to_writer(&mut *out, &Value::Object(doc)).map_err(io::Error::other)?;
    writeln!(out)
}

/// The report as a JSON object (without `schema_version`, `tool` and `root`).
pub fn value(r: &HistoryReport) -> Value {
    json!({
        "available": r.unavailable.is_none(),
        "unavailable": r.unavailable.as_ref().map(|u| {
            let mut v = to_value(u);
            if let Value::Object(m) = &mut v {
                m.insert("message".into(), json!(u.to_string()));
            }
            v
        }),
        "statements": r.statements.iter().map(statement).collect::<Vec<_>>(),
        "coverage": {
            "walked": r.coverage.walked,
            "total": r.coverage.total,
            "complete": r.coverage.complete(),
            "text": r.coverage.to_string(),
        },
        "window": {
            "head": r.head,
            "since": r.since.map(format_datetime),
            "max_commits": r.max_commits,
            "renames": r.renames,
            "first_commit": r.first.map(format_datetime),
            "last_commit": r.last.map(format_datetime),
            "commits": r.commits,
            "merges": r.merges,
            "authors": r.authors,
        },
        "files": r.files.iter().map(file).collect::<Vec<_>>(),
        "couplings": r.couplings.iter().map(coupling).collect::<Vec<_>>(),
        "components": r.components.as_ref().map(components),
        "missing_file": r.missing_file,
    })
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn statement(s: &Statement) -> Value {
    let mut v = to_value(s);
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), json!(s.to_string()));
    }
    v
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn file(f: &FileReport) -> Value {
    json!({
        "path": f.path,
        "commits": f.commits,
        "added": f.added,
        "removed": f.removed,
        "authors": f.authors,
        "main_author": f.main_author.as_ref().map(|m| json!({
            "name": m.name,
            "commits": m.commits,
            "share": round(m.share, 3),
        })),
        "first_change": format_datetime(f.first_change),
        "last_change": format_datetime(f.last_change),
        "exists": f.exists,
        "lines": f.lines,
        "growth_per_week": f.growth_per_week.map(|g| round(g, 2)),
        "breach": f.breach.as_ref().map(breach),
        "hotspot": f.hotspot,
        "complexity": f.complexity,
        "renamed_from": f.renamed_from,
        "binary": f.binary,
    })
}

fn breach(b: &Breach) -> Value {
    json!({
        "lines": b.lines,
        "limit": b.limit,
        "band": b.band,
        "next": b.next.as_ref().map(crossing),
        "freeze": b.freeze.as_ref().map(crossing),
    })
}

fn crossing(c: &Crossing) -> Value {
    json!({
        "band": c.band,
        "lines": c.lines,
        "weeks": round(c.weeks, 1),
        "date": format_date(c.at),
    })
}

fn coupling(c: &Coupling) -> Value {
    json!({
        "a": c.a,
        "b": c.b,
        "degree": c.degree,
        "shared": c.shared,
        "revs_a": c.revs_a,
        "revs_b": c.revs_b,
    })
}

fn components(c: &ComponentChurn) -> Value {
    json!({
        "path": c.path,
        "commits": c.commits,
        "items": c.items.iter().map(|i| json!({
            "kind": i.kind.map(|k| k.as_str()),
            "name": i.name,
            "commits": i.commits,
            "added": i.added,
            "removed": i.removed,
            "present": i.present,
        })).collect::<Vec<_>>(),
    })
}
