//! Parses one pattern file: `[[pattern]]` tables whose keys are checked (unknown keys get a
//! "did you mean"), each error located by file and line. A pattern with errors is dropped; the
//! others in the same file still load.

use toml_edit::{Document, Item, Table, Value};

use super::{AppliesTo, Detector, Pattern, PlannerKind, Trigger};
use crate::bands::{Band, Metric};
use crate::config::origin::line_of;
use crate::config::parse::{build_globset, parse_language, KNOWN_LANGUAGE_IDS};
use crate::config::schema::did_you_mean;
use crate::lang::Language;

/// A problem in a pattern file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{file}:{line}: {message}")]
pub struct PatternError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

const PATTERN_KEYS: &[&str] = &[
    "id",
    "name",
    "applies_to",
    "planner",
    "detector",
    "rationale",
    "steps",
    "enabled",
    "trigger",
];
const TRIGGER_KEYS: &[&str] = &[
    "metrics",
    "band",
    "languages",
    "min_items",
    "paths",
    "exclude_paths",
];

/// The fields one `[[pattern]]` table sets: a whole new pattern, or an override of some fields
/// of an existing one (same `id`).
#[derive(Debug, Clone, Default)]
pub struct PatternPatch {
    pub id: String,
    pub origin: String,
    name: Option<String>,
    applies_to: Option<AppliesTo>,
    planner: Option<PlannerKind>,
    detector: Option<Detector>,
    rationale: Option<String>,
    steps: Option<Vec<String>>,
    enabled: Option<bool>,
    metrics: Option<Vec<Metric>>,
    band: Option<Band>,
    languages: Option<Vec<Language>>,
    min_items: Option<u32>,
    paths: Option<Vec<String>>,
    exclude_paths: Option<Vec<String>>,
}

impl PatternPatch {
    /// Applies the patch: over `existing` (returns `None`), or as a new pattern (returns it).
    pub fn apply(self, existing: Option<&mut Pattern>) -> Result<Option<Pattern>, PatternError> {
        let origin = self.origin.clone();
        let err = |message: String| {
            let (file, line) = split_origin(&origin);
            PatternError {
                file,
                line,
                message,
            }
        };
        let globs = |g: &Option<Vec<String>>| -> Result<_, PatternError> {
            match g {
                None => Ok(None),
                Some(list) => build_globset(list)
                    .map(|set| Some(Some((list.clone(), set))))
                    .map_err(|e| err(format!("bad glob: {e}"))),
            }
        };
        let paths = globs(&self.paths)?;
        let exclude = globs(&self.exclude_paths)?;
        match existing {
            Some(p) => {
                set(&mut p.name, self.name);
                set(&mut p.applies_to, self.applies_to);
                set(&mut p.planner, self.planner);
                if self.detector.is_some() {
                    p.detector = self.detector;
                }
                set(&mut p.rationale, self.rationale);
                set(&mut p.steps, self.steps);
                set(&mut p.enabled, self.enabled);
                set(&mut p.trigger.metrics, self.metrics);
                set(&mut p.trigger.band, self.band);
                if self.languages.is_some() {
                    p.trigger.languages = self.languages;
                }
                set(&mut p.trigger.min_items, self.min_items);
                set(&mut p.trigger.paths, paths);
                set(&mut p.trigger.exclude_paths, exclude);
                p.origin = self.origin;
                check_detector(p).map_err(err)?;
                Ok(None)
            }
            None => {
                let missing = |key: &str| err(format!("pattern `{}` needs `{key}`", self.id));
                let pattern = Pattern {
                    name: self.name.clone().ok_or_else(|| missing("name"))?,
                    applies_to: self.applies_to.ok_or_else(|| missing("applies_to"))?,
                    planner: self.planner.ok_or_else(|| missing("planner"))?,
                    detector: self.detector,
                    trigger: Trigger {
                        metrics: self.metrics.unwrap_or_default(),
                        band: self.band.unwrap_or(Band::Watch),
                        languages: self.languages,
                        min_items: self.min_items.unwrap_or(0),
                        paths: paths.flatten(),
                        exclude_paths: exclude.flatten(),
                    },
                    rationale: self.rationale.clone().ok_or_else(|| missing("rationale"))?,
                    steps: self.steps.clone().ok_or_else(|| missing("steps"))?,
                    enabled: self.enabled.unwrap_or(true),
                    origin: self.origin.clone(),
                    id: self.id.clone(),
                };
                check_detector(&pattern).map_err(err)?;
                Ok(Some(pattern))
            }
        }
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}

fn check_detector(p: &Pattern) -> Result<(), String> {
    match (p.planner, p.detector) {
        (PlannerKind::AntiPattern, None) => Err(format!(
            "pattern `{}` uses planner `anti_pattern` and needs `detector` (one of {})",
            p.id,
            Detector::NAMES.join(", ")
        )),
        _ => Ok(()),
    }
}

fn split_origin(origin: &str) -> (String, usize) {
    match origin.rsplit_once(':') {
        Some((f, l)) => (f.to_string(), l.parse().unwrap_or(0)),
        None => (origin.to_string(), 0),
    }
}

/// Parses a pattern file. Returns the valid patterns and every problem found.
pub fn parse_file(name: &str, text: &str) -> (Vec<PatternPatch>, Vec<PatternError>) {
    let mut p = FileParser {
        name,
        text,
        errors: Vec::new(),
    };
    let doc = match Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            p.error(offset, format!("not valid TOML: {}", e.message().trim()));
            return (Vec::new(), p.errors);
        }
    };
    let mut out = Vec::new();
    for (key, item) in doc.as_table().iter() {
        let offset = key_offset(doc.as_table(), key);
        if key != "pattern" {
            let hint = did_you_mean(key, ["pattern"]);
            p.error(
                offset,
                format!("unknown key `{key}`{hint}; a pattern file holds [[pattern]] tables"),
            );
            continue;
        }
        let Some(list) = item.as_array_of_tables() else {
            p.error(
                offset,
                "`pattern` must be an array of tables ([[pattern]])".into(),
            );
            continue;
        };
        for t in list.iter() {
            let before = p.errors.len();
            let start = t.span().map(|s| s.start).unwrap_or(offset);
            let patch = p.pattern(t, start);
            if p.errors.len() == before {
                out.extend(patch);
            }
        }
    }
    (out, p.errors)
}

fn key_offset(table: &Table, key: &str) -> usize {
    table
        .get_key_value(key)
        .and_then(|(k, _)| k.span())
        .map(|s| s.start)
        .unwrap_or(0)
}

struct FileParser<'a> {
    name: &'a str,
    text: &'a str,
    errors: Vec<PatternError>,
}

impl FileParser<'_> {
    fn error(&mut self, offset: usize, message: String) {
        self.errors.push(PatternError {
            file: self.name.to_string(),
            line: line_of(self.text, offset),
            message,
        });
    }

    fn pattern(&mut self, t: &Table, start: usize) -> Option<PatternPatch> {
        let mut patch = PatternPatch {
            origin: format!("{}:{}", self.name, line_of(self.text, start)),
            ..PatternPatch::default()
        };
        for (key, item) in t.iter() {
            let at = key_offset(t, key);
            match key {
                "id" => patch.id = self.string(item, key, at).unwrap_or_default(),
                "name" => patch.name = self.string(item, key, at),
                "rationale" => patch.rationale = self.string(item, key, at),
                "applies_to" => {
                    patch.applies_to =
                        self.choice(item, key, at, &AppliesTo::NAMES, AppliesTo::parse)
                }
                "planner" => {
                    patch.planner =
                        self.choice(item, key, at, &PlannerKind::NAMES, PlannerKind::parse)
                }
                "detector" => {
                    patch.detector = self.choice(item, key, at, &Detector::NAMES, Detector::parse)
                }
                "steps" => patch.steps = self.strings(item, key, at),
                "enabled" => match item.as_value().and_then(Value::as_bool) {
                    Some(b) => patch.enabled = Some(b),
                    None => self.error(at, "`enabled` must be true or false".into()),
                },
                "trigger" => match item.as_table() {
                    Some(trigger) => self.trigger(trigger, &mut patch),
                    None => self.error(at, "`trigger` must be a table ([pattern.trigger])".into()),
                },
                _ => {
                    let hint = did_you_mean(key, PATTERN_KEYS.iter().copied());
                    self.error(at, format!("unknown key `{key}` in [[pattern]]{hint}"));
                }
            }
        }
        if patch.id.trim().is_empty() {
            self.error(start, "[[pattern]] needs an `id`".into());
            return None;
        }
        Some(patch)
    }

    fn trigger(&mut self, t: &Table, patch: &mut PatternPatch) {
        for (key, item) in t.iter() {
            let at = key_offset(t, key);
            match key {
                "metrics" => patch.metrics = self.metrics(item, key, at),
                "band" => {
                    let names = Band::ALL.map(|b| b.as_str());
                    patch.band = self.choice(item, key, at, &names, Band::parse);
                }
                "languages" => patch.languages = self.languages(item, key, at),
                "min_items" => patch.min_items = self.min_items(item, at),
                "paths" => patch.paths = self.strings(item, key, at),
                "exclude_paths" => patch.exclude_paths = self.strings(item, key, at),
                _ => {
                    let hint = did_you_mean(key, TRIGGER_KEYS.iter().copied());
                    self.error(
                        at,
                        format!("unknown key `{key}` in [pattern.trigger]{hint}"),
                    );
                }
            }
        }
    }

    /// `metrics = [...]`: the known ones; each unknown one is an error with a suggestion.
    fn metrics(&mut self, item: &Item, key: &str, at: usize) -> Option<Vec<Metric>> {
        let list = self.strings(item, key, at)?;
        let mut metrics = Vec::new();
        for m in list {
            match Metric::parse(&m) {
                Some(metric) => metrics.push(metric),
                None => {
                    let hint = did_you_mean(&m, Metric::ALL.iter().map(|m| m.key()));
                    self.error(at, format!("unknown metric \"{m}\"{hint}"));
                }
            }
        }
        Some(metrics)
    }

    /// `languages = [...]`: the known ones; each unknown one is an error with a suggestion.
    fn languages(&mut self, item: &Item, key: &str, at: usize) -> Option<Vec<Language>> {
        let list = self.strings(item, key, at)?;
        let mut langs = Vec::new();
        for l in list {
            match parse_language(&l) {
                Some(lang) => langs.push(lang),
                None => {
                    let hint = did_you_mean(&l, KNOWN_LANGUAGE_IDS.iter().copied());
                    self.error(at, format!("unknown language \"{l}\"{hint}"));
                }
            }
        }
        Some(langs)
    }

    /// `min_items = N`, a whole number that fits a `u32`.
    fn min_items(&mut self, item: &Item, at: usize) -> Option<u32> {
        match item.as_value().and_then(Value::as_integer) {
            Some(n) if (0..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
            _ => {
                self.error(at, "`min_items` must be a whole number (0 or more)".into());
                None
            }
        }
    }

    fn string(&mut self, item: &Item, key: &str, at: usize) -> Option<String> {
        match item.as_value().and_then(Value::as_str) {
            Some(s) => Some(s.trim().to_string()),
            None => {
                self.error(
                    at,
                    format!("`{key}` must be a string (found {})", item.type_name()),
                );
                None
            }
        }
    }

    fn strings(&mut self, item: &Item, key: &str, at: usize) -> Option<Vec<String>> {
        let list = item.as_value().and_then(Value::as_array);
        let strings: Option<Vec<String>> =
            list.and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect());
        if strings.is_none() {
            self.error(at, format!("`{key}` must be an array of strings"));
        }
        strings
    }

    fn choice<T>(
        &mut self,
        item: &Item,
        key: &str,
        at: usize,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(item, key, at)?;
        let parsed = parse(&s);
        if parsed.is_none() {
            let hint = did_you_mean(&s, names.iter().copied());
            self.error(
                at,
                format!("unknown {key} \"{s}\"{hint} (one of {})", names.join(", ")),
            );
        }
        parsed
    }
}
