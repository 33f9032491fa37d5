//! `seamline config`: the effective configuration as TOML, each value annotated with its origin.

use std::io::{self, Write};

use super::schema::TABLES;
use super::Config;
use crate::bands::Metric;
use crate::sanitize::sanitize;

/// Writes the effective configuration.
pub fn write(out: &mut dyn Write, cfg: &Config) -> io::Result<()> {
    writeln!(
        out,
        "# Effective configuration. Sources, lowest precedence first:"
    )?;
    for s in &cfg.sources {
        writeln!(out, "#   {}: {}", s.layer.label(), sanitize(&s.name))?;
    }
    for (table, keys) in TABLES {
        writeln!(out, "\n[{table}]")?;
        for (key, _) in keys.iter() {
            let Some(value) = render(cfg, table, key) else {
                continue;
            };
            let origin = cfg
                .origin(&format!("{table}.{key}"))
                .map(|o| o.to_string())
                .unwrap_or_else(|| "default".into());
            let line = format!("{key} = {value}");
            writeln!(out, "{:<40} # {}", sanitize(&line), sanitize(&origin))?;
        }
    }
    for o in &cfg.overrides {
        writeln!(out, "\n[[override]]  # {}", sanitize(&o.origin.to_string()))?;
        writeln!(out, "paths = {}", sanitize(&quote_list(&o.paths)))?;
        for (m, n) in &o.limits {
            writeln!(out, "{} = {n}", m.key())?;
        }
    }
    Ok(())
}

fn render(cfg: &Config, table: &str, key: &str) -> Option<String> {
    Some(match (table, key) {
        ("limits", k) => cfg.limits.get(Metric::parse(k)?).to_string(),
        ("bands", "watch") => pct(cfg.levels.watch),
        ("bands", "review") => pct(cfg.levels.review),
        ("bands", "emergency") => pct(cfg.levels.emergency),
        ("bands", "freeze") => pct(cfg.levels.freeze),
        ("scan", "max_file_size") => cfg.max_file_size.to_string(),
        ("scan", "ignore") => quote_list(&cfg.ignore),
        ("scan", "languages") => match &cfg.languages {
            Some(l) => {
                let ids: Vec<String> = l
                    .iter()
                    .filter_map(|l| serde_json::to_value(l).ok())
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                quote_list(&ids)
            }
            None => return None,
        },
        ("check", "fail_at") => format!("\"{}\"", cfg.fail_at),
        ("history", key) => cfg.history.render(key)?,
        ("ui", "theme") => format!("\"{}\"", cfg.ui.theme.as_deref()?),
        ("keys", action) => quote_list(cfg.ui.keys_of(action)?),
        _ => return None,
    })
}

fn pct(level: f64) -> String {
    let p = level * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}", p.round() as i64)
    } else {
        format!("{p}")
    }
}

fn quote_list(items: &[String]) -> String {
    let inner: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("[{}]", inner.join(", "))
}
