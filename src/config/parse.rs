//! Parses one configuration source (a TOML file, or `--limit` flags) into settings, each with the
//! file and line it came from. Every problem is collected, with the nearest valid key where the
//! key is unknown, so a user fixes them all in one go.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use toml_edit::{Document, Item, Table, TableLike, Value as TomlValue};

use super::origin::{ConfigError, Origin, Source};
use super::schema::{self, did_you_mean, Kind};
use crate::bands::{Band, Metric};
use crate::lang::Language;

/// A typed setting value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    UInt(u64),
    Percent(f64),
    Band(Band),
    Globs(Vec<String>),
    Languages(Vec<Language>),
    Text(String),
    /// Key names (`[keys]`), as written.
    Keys(Vec<String>),
}

/// One `table.key = value`, with its origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub table: &'static str,
    pub key: &'static str,
    pub value: Value,
    pub origin: Origin,
}

/// One `[[override]]`: limits for the paths its globs match.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: Vec<String>,
    pub matcher: GlobSet,
    pub limits: Vec<(Metric, u32)>,
    pub origin: Origin,
}

/// What one source sets.
#[derive(Debug, Clone, Default)]
pub struct LayerSettings {
    pub settings: Vec<Setting>,
    pub overrides: Vec<Override>,
}

/// Parses a TOML config source. All problems are returned together.
pub fn parse_toml(text: &str, source: &Source) -> Result<LayerSettings, Vec<ConfigError>> {
    let doc = Document::parse(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let msg = e.message().trim().to_string();
        vec![ConfigError::at(
            source,
            text,
            offset,
            format!("not valid TOML: {msg}"),
        )]
    })?;
    let mut p = Parser {
        text,
        source,
        out: LayerSettings::default(),
        errors: Vec::new(),
    };
    p.root(doc.as_table());
    if p.errors.is_empty() {
        Ok(p.out)
    } else {
        Err(p.errors)
    }
}

struct Parser<'a> {
    text: &'a str,
    source: &'a Source,
    out: LayerSettings,
    errors: Vec<ConfigError>,
}

impl Parser<'_> {
    fn error(&mut self, offset: usize, message: String) {
        self.errors
            .push(ConfigError::at(self.source, self.text, offset, message));
    }

    fn key_offset(table: &dyn TableLike, key: &str) -> usize {
        table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .map(|s| s.start)
            .unwrap_or(0)
    }

    fn root(&mut self, root: &Table) {
        let tables = schema::TABLES.iter().map(|(t, _)| *t);
        for (name, item) in root.iter() {
            let offset = Self::key_offset(root, name);
            if name == schema::OVERRIDE {
                self.overrides(item, offset);
                continue;
            }
            let Some((table_name, _)) = schema::TABLES.iter().find(|(t, _)| *t == name) else {
                let hint = did_you_mean(name, tables.clone().chain([schema::OVERRIDE]));
                self.error(offset, format!("unknown table or key `{name}`{hint}"));
                continue;
            };
            match item.as_table_like() {
                Some(t) => self.table(table_name, t),
                None => self.error(offset, format!("`{name}` must be a table ([{name}])")),
            }
        }
    }

    fn table(&mut self, table: &'static str, t: &dyn TableLike) {
        let keys = schema::TABLES
            .iter()
            .find(|(n, _)| *n == table)
            .map(|(_, k)| *k)
            .unwrap_or(&[]);
        for (key, item) in t.iter() {
            let offset = Self::key_offset(t, key);
            let Some(&(known, kind)) = keys.iter().find(|(k, _)| *k == key) else {
                let hint = did_you_mean(key, keys.iter().map(|(k, _)| *k));
                self.error(offset, format!("unknown key `{key}` in [{table}]{hint}"));
                continue;
            };
            if let Some(value) = self.value(item, kind, table, known, offset) {
                let origin = Origin::at(self.source, self.text, offset);
                self.out.settings.push(Setting {
                    table,
                    key: known,
                    value,
                    origin,
                });
            }
        }
    }

    fn value(
        &mut self,
        item: &Item,
        kind: Kind,
        table: &str,
        key: &str,
        offset: usize,
    ) -> Option<Value> {
        let parsed = match (kind, item.as_value()) {
            (Kind::Globs, Some(TomlValue::Array(a))) => self.globs(a).map(Value::Globs),
            (Kind::Languages, Some(TomlValue::Array(a))) => self.languages(a).map(Value::Languages),
            (Kind::Keys, Some(TomlValue::Array(a))) => self
                .strings(a, "keys")
                .map(|k| Value::Keys(k.into_iter().map(|(s, _)| s).collect())),
            (kind, Some(v)) => scalar(kind, v),
            _ => None,
        };
        if parsed.is_none() && !self.errors.iter().any(|e| e.line == line(self, offset)) {
            let found = item.type_name();
            self.error(
                offset,
                format!(
                    "`{table}.{key}` must be {} (found {found})",
                    kind.expected()
                ),
            );
        }
        parsed
    }

    fn strings(&mut self, a: &toml_edit::Array, what: &str) -> Option<Vec<(String, usize)>> {
        let mut out = Vec::new();
        for v in a.iter() {
            let offset = v.span().map(|s| s.start).unwrap_or(0);
            match v.as_str() {
                Some(s) => out.push((s.to_string(), offset)),
                None => {
                    self.error(
                        offset,
                        format!("{what} must be strings (found {})", v.type_name()),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn globs(&mut self, a: &toml_edit::Array) -> Option<Vec<String>> {
        let items = self.strings(a, "globs")?;
        let mut ok = true;
        for (g, offset) in &items {
            if let Err(e) = Glob::new(g) {
                self.error(*offset, format!("bad glob \"{g}\": {}", e.kind()));
                ok = false;
            }
        }
        ok.then(|| items.into_iter().map(|(g, _)| g).collect())
    }

    fn languages(&mut self, a: &toml_edit::Array) -> Option<Vec<Language>> {
        let items = self.strings(a, "languages")?;
        let mut out = Vec::new();
        for (name, offset) in items {
            match parse_language(&name) {
                Some(l) => out.push(l),
                None => {
                    let hint = did_you_mean(&name, KNOWN_LANGUAGE_IDS.iter().copied());
                    self.error(offset, format!("unknown language \"{name}\"{hint}"));
                    return None;
                }
            }
        }
        Some(out)
    }

    fn overrides(&mut self, item: &Item, offset: usize) {
        let Some(list) = item.as_array_of_tables() else {
            self.error(
                offset,
                "`override` must be an array of tables ([[override]])".into(),
            );
            return;
        };
        for t in list.iter() {
            let start = t.span().map(|s| s.start).unwrap_or(offset);
            self.one_override(t, start);
        }
    }

    fn one_override(&mut self, t: &Table, start: usize) {
        let mut paths = Vec::new();
        let mut limits = Vec::new();
        for (key, item) in t.iter() {
            let offset = Self::key_offset(t, key);
            if key == "paths" {
                match item.as_array().and_then(|a| self.globs(a)) {
                    Some(g) => paths = g,
                    None if !self.errors.iter().any(|e| e.line == line(self, offset)) => self
                        .error(
                            offset,
                            format!("`paths` must be {}", Kind::Globs.expected()),
                        ),
                    None => {}
                }
                continue;
            }
            let Some(metric) = Metric::parse(key) else {
                let hint = did_you_mean(key, schema::override_keys());
                self.error(offset, format!("unknown key `{key}` in [[override]]{hint}"));
                continue;
            };
            if let Some(Value::UInt(n)) = self.value(item, Kind::UInt, "override", key, offset) {
                limits.push((metric, n.min(u64::from(u32::MAX)) as u32));
            }
        }
        if paths.is_empty() {
            self.error(start, "[[override]] needs `paths = [\"glob\", ...]`".into());
            return;
        }
        match build_globset(&paths) {
            Ok(matcher) => self.out.overrides.push(Override {
                paths,
                matcher,
                limits,
                origin: Origin::at(self.source, self.text, start),
            }),
            Err(e) => self.error(start, format!("bad glob: {e}")),
        }
    }
}

/// A scalar setting of `kind` from a TOML value, when the value has the right type and range.
fn scalar(kind: Kind, v: &TomlValue) -> Option<Value> {
    match (kind, v) {
        (Kind::UInt, TomlValue::Integer(i)) if *i.value() >= 0 => {
            Some(Value::UInt(*i.value() as u64))
        }
        (Kind::Percent, TomlValue::Integer(i)) if *i.value() > 0 => {
            Some(Value::Percent(*i.value() as f64))
        }
        (Kind::Percent, TomlValue::Float(f)) if *f.value() > 0.0 => {
            Some(Value::Percent(*f.value()))
        }
        (Kind::Band, TomlValue::String(s)) => Band::parse(s.value())
            .filter(|b| *b != Band::Ok)
            .map(Value::Band),
        (Kind::Text, TomlValue::String(s)) => Some(Value::Text(s.value().clone())),
        (Kind::Keys, TomlValue::String(s)) => Some(Value::Keys(vec![s.value().clone()])),
        _ => None,
    }
}

fn line(p: &Parser<'_>, offset: usize) -> usize {
    super::origin::line_of(p.text, offset)
}

/// Builds a matcher for globs over `/`-separated relative paths (`*` stays within a segment).
pub fn build_globset(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(
            globset::GlobBuilder::new(g)
                .literal_separator(true)
                .build()?,
        );
    }
    b.build()
}

/// Language ids accepted in `scan.languages`.
pub const KNOWN_LANGUAGE_IDS: &[&str] = &[
    "rust",
    "python",
    "javascript",
    "typescript",
    "tsx",
    "go",
    "java",
    "c",
    "cpp",
];

/// Parses a language id as used in JSON (`rust`, `cpp`, `markdown`, ...).
pub fn parse_language(id: &str) -> Option<Language> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = id.into_deserializer();
    Language::deserialize(de).ok()
}

/// Parses `--limit metric=N` flags.
pub fn parse_limit_flags(flags: &[String]) -> Result<LayerSettings, Vec<ConfigError>> {
    let mut out = LayerSettings::default();
    let mut errors = Vec::new();
    for flag in flags {
        let origin = Origin {
            layer: super::origin::Layer::CommandLine,
            name: format!("--limit {flag}"),
            line: 0,
        };
        let err = |message: String| ConfigError {
            file: "--limit".into(),
            line: 0,
            message,
        };
        let Some((key, value)) = flag.split_once('=') else {
            errors.push(err(format!(
                "`{flag}`: expected METRIC=N, e.g. file_lines=400"
            )));
            continue;
        };
        let Some(metric) = Metric::parse(key) else {
            let hint = did_you_mean(key.trim(), Metric::ALL.iter().map(|m| m.key()));
            errors.push(err(format!(
                "`{flag}`: unknown metric `{}`{hint}",
                key.trim()
            )));
            continue;
        };
        match value.trim().parse::<u32>() {
            Ok(n) => out.settings.push(Setting {
                table: "limits",
                key: metric.key(),
                value: Value::UInt(u64::from(n)),
                origin,
            }),
            Err(_) => errors.push(err(format!("`{flag}`: the limit must be a whole number"))),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
