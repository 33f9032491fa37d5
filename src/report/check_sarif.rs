//! SARIF 2.1.0 output of `seamline check`: one rule per metric (plus one for suppression
//! problems), levels from bands, locations with start and end lines, `baselineState` when a
//! baseline or revision is used, and in-source suppressions with their justification.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::check_text::message;
use crate::bands::{Band, Metric};
use crate::check::{Judged, Mode, Outcome, Status};

/// Rule id of suppression comments that are themselves wrong.
pub const SUPPRESSION_RULE: &str = "suppression";

/// Writes the SARIF log. `root_uri` is the scanned root as a `file://` URI ending in `/`.
pub fn write(out: &mut dyn Write, o: &Outcome, root_uri: &str) -> io::Result<()> {
    let mut rules: Vec<Value> = Metric::ALL.iter().map(|m| rule(*m)).collect();
    rules.push(json!({
        "id": SUPPRESSION_RULE,
        "name": "Suppression",
        "shortDescription": { "text": "A seamline suppression comment without a reason or with an unknown metric" },
        "defaultConfiguration": { "level": "error" }
    }));
    let mut results: Vec<Value> = o.judged.iter().map(|j| result(j, o)).collect();
    for p in &o.suppression_problems {
        results.push(json!({
            "ruleId": SUPPRESSION_RULE,
            "ruleIndex": Metric::ALL.len(),
            "level": "error",
            "message": { "text": p.message },
            "locations": [location(&p.path, p.line, p.line)]
        }));
    }
    if matches!(o.mode, Mode::Baseline { .. }) {
        for e in &o.fixed {
            results.push(json!({
                "ruleId": e.metric.key(),
                "ruleIndex": e.metric as usize,
                "level": "none",
                "message": { "text": format!("{} {} was {}/{}: no longer found", e.path, e.metric.key(), e.value, e.limit) },
                "baselineState": "absent",
                "locations": [location(&e.path, 0, 0)]
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "seamline",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/seamline",
                "rules": rules
            }},
            "originalUriBaseIds": { "SRCROOT": { "uri": root_uri } },
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn rule(m: Metric) -> Value {
    let name: String = m
        .key()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    json!({
        "id": m.key(),
        "name": name,
        "shortDescription": { "text": m.description() },
        "fullDescription": { "text": format!("{}. Bands at 80 % (watch), 90 % (review), 95 % (emergency) and 100 % (freeze) of the limit, unless configured otherwise.", m.description()) },
        "defaultConfiguration": { "level": "warning" }
    })
}

fn level(b: Band, fail_at: Band) -> &'static str {
    if b >= fail_at {
        "error"
    } else if b >= Band::Review {
        "warning"
    } else {
        "note"
    }
}

fn result(j: &Judged, o: &Outcome) -> Value {
    let f = &j.finding;
    let (start, end) = if f.node == "directory" {
        (0, 0)
    } else {
        (f.start_line.max(1), f.end_line.max(f.start_line.max(1)))
    };
    let mut r = json!({
        "ruleId": f.metric.key(),
        "ruleIndex": f.metric as usize,
        "level": level(f.band, o.fail_at),
        "message": { "text": format!("{}: {}", f.subject(), message(j)) },
        "locations": [location(&f.path, start, end)],
        "partialFingerprints": { "seamline/v1": fingerprint(&f.key()) },
        "properties": {
            "band": f.band.as_str(),
            "value": f.value,
            "limit": f.limit,
            "node": f.node,
            "failing": j.failing
        }
    });
    if let Some(st) = j.status {
        r["baselineState"] = json!(match st {
            Status::New => "new",
            Status::Unchanged => "unchanged",
            Status::Worse | Status::Better => "updated",
        });
    }
    if let Some(reason) = &f.suppressed {
        r["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
    }
    r
}

fn location(path: &str, start: u32, end: u32) -> Value {
    let uri = if path.is_empty() {
        "./".to_string()
    } else {
        uri_escape(path)
    };
    let mut physical = json!({ "artifactLocation": { "uri": uri, "uriBaseId": "SRCROOT" } });
    if start > 0 {
        physical["region"] = json!({ "startLine": start, "endLine": end.max(start) });
    }
    json!({ "physicalLocation": physical })
}

/// Percent-encodes what may not stand in a relative URI path.
pub fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn fingerprint(key: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}
