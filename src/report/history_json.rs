//! The JSON report of `seamline history` (schema in `docs/json.md`), and the `history` object
//! that `seamline scan --format json --history` embeds. Serialised from borrowed views straight
//! to the writer (no intermediate JSON tree: the report of a large repository lists thousands
//! of files, and the incremental update has a 50 ms budget).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::bands::Band;
use crate::history::components::ComponentChurn;
use crate::history::date::{format_date, format_datetime, DateTime};
use crate::history::growth::{Breach, Crossing};
use crate::history::{Coupling, FileReport, HistoryReport, Statement};

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    tool: Tool,
    root: &'a str,
    #[serde(flatten)]
    body: Body<'a>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Body<'a> {
    available: bool,
    unavailable: Option<Value>,
    statements: Vec<Value>,
    coverage: CoverageOut,
    window: WindowOut<'a>,
    files: Vec<FileOut<'a>>,
    couplings: Vec<CouplingOut<'a>>,
    components: Option<ComponentsOut<'a>>,
    missing_file: Option<&'a str>,
}

#[derive(Serialize)]
struct CoverageOut {
    walked: usize,
    total: usize,
    complete: bool,
    text: String,
}

#[derive(Serialize)]
struct WindowOut<'a> {
    head: Option<&'a str>,
    since: Option<String>,
    max_commits: Option<usize>,
    renames: bool,
    first_commit: Option<String>,
    last_commit: Option<String>,
    commits: usize,
    merges: usize,
    authors: usize,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    commits: u32,
    added: u64,
    removed: u64,
    authors: u32,
    main_author: Option<MainOut<'a>>,
    first_change: DateTime,
    last_change: DateTime,
    exists: bool,
    lines: Option<u32>,
    growth_per_week: Option<f64>,
    breach: Option<BreachOut>,
    hotspot: Option<f64>,
    complexity: Option<u32>,
    renamed_from: &'a [String],
    binary: bool,
}

#[derive(Serialize)]
struct MainOut<'a> {
    name: &'a str,
    commits: u32,
    share: f64,
}

#[derive(Serialize)]
struct BreachOut {
    lines: u32,
    limit: u32,
    band: Band,
    next: Option<CrossingOut>,
    freeze: Option<CrossingOut>,
}

#[derive(Serialize)]
struct CrossingOut {
    band: Band,
    lines: u32,
    weeks: f64,
    date: String,
}

#[derive(Serialize)]
struct CouplingOut<'a> {
    a: &'a str,
    b: &'a str,
    degree: u32,
    shared: u32,
    revs_a: u32,
    revs_b: u32,
}

#[derive(Serialize)]
struct ComponentsOut<'a> {
    path: &'a str,
    commits: usize,
    items: Vec<ItemOut<'a>>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    kind: Option<&'static str>,
    name: &'a str,
    commits: u32,
    added: u32,
    removed: u32,
    present: bool,
}

/// Writes the whole report, followed by a newline.
pub fn write(out: &mut dyn Write, root: &str, report: &HistoryReport) -> io::Result<()> {
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "seamline",
            version: env!("CARGO_PKG_VERSION"),
        },
        root,
        body: body(report),
    };
    // serde_json writes a few bytes at a time: buffered here, in a concrete type, those writes
    // inline instead of going through `dyn Write` one by one (3x faster on large reports).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer(&mut buffered, &doc).map_err(io::Error::other)?;
    writeln!(buffered)?;
    buffered.flush()
}

/// The report as a JSON object (without `schema_version`, `tool` and `root`).
pub fn value(r: &HistoryReport) -> Value {
    serde_json::to_value(body(r)).unwrap_or(Value::Null)
}

fn body(r: &HistoryReport) -> Body<'_> {
    Body {
        available: r.unavailable.is_none(),
        unavailable: r
            .unavailable
            .as_ref()
            .map(|u| with_message(serde_json::to_value(u), u.to_string())),
        statements: r.statements.iter().map(statement).collect(),
        coverage: CoverageOut {
            walked: r.coverage.walked,
            total: r.coverage.total,
            complete: r.coverage.complete(),
            text: r.coverage.to_string(),
        },
        window: WindowOut {
            head: r.head.as_deref(),
            since: r.since.map(format_datetime),
            max_commits: r.max_commits,
            renames: r.renames,
            first_commit: r.first.map(format_datetime),
            last_commit: r.last.map(format_datetime),
            commits: r.commits,
            merges: r.merges,
            authors: r.authors,
        },
        files: r.files.iter().map(file).collect(),
        couplings: r.couplings.iter().map(coupling).collect(),
        components: r.components.as_ref().map(components),
        missing_file: r.missing_file.as_deref(),
    }
}

fn with_message(v: serde_json::Result<Value>, message: String) -> Value {
    let mut v = v.unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), Value::String(message));
    }
    v
}

fn statement(s: &Statement) -> Value {
    with_message(serde_json::to_value(s), s.to_string())
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn file(f: &FileReport) -> FileOut<'_> {
    FileOut {
        path: &f.path,
        commits: f.commits,
        added: f.added,
        removed: f.removed,
        authors: f.authors,
        main_author: f.main_author.as_ref().map(|m| MainOut {
            name: &m.name,
            commits: m.commits,
            share: round(m.share, 3),
        }),
        first_change: DateTime(f.first_change),
        last_change: DateTime(f.last_change),
        exists: f.exists,
        lines: f.lines,
        growth_per_week: f.growth_per_week.map(|g| round(g, 2)),
        breach: f.breach.as_ref().map(breach),
        hotspot: f.hotspot,
        complexity: f.complexity,
        renamed_from: &f.renamed_from,
        binary: f.binary,
    }
}

fn breach(b: &Breach) -> BreachOut {
    BreachOut {
        lines: b.lines,
        limit: b.limit,
        band: b.band,
        next: b.next.as_ref().map(crossing),
        freeze: b.freeze.as_ref().map(crossing),
    }
}

fn crossing(c: &Crossing) -> CrossingOut {
    CrossingOut {
        band: c.band,
        lines: c.lines,
        weeks: round(c.weeks, 1),
        date: format_date(c.at),
    }
}

fn coupling(c: &Coupling) -> CouplingOut<'_> {
    CouplingOut {
        a: &c.a,
        b: &c.b,
        degree: c.degree,
        shared: c.shared,
        revs_a: c.revs_a,
        revs_b: c.revs_b,
    }
}

fn components(c: &ComponentChurn) -> ComponentsOut<'_> {
    ComponentsOut {
        path: &c.path,
        commits: c.commits,
        items: c
            .items
            .iter()
            .map(|i| ItemOut {
                kind: i.kind.map(|k| k.as_str()),
                name: &i.name,
                commits: i.commits,
                added: i.added,
                removed: i.removed,
                present: i.present,
            })
            .collect(),
    }
}
