//! The `[history]` settings of the configuration: change-coupling thresholds (code-maat's
//! defaults) and the growth window. Kept here so the history engine can be used without a full
//! configuration (tests, the cockpit's background jobs).

/// Tunables of the history analysis. `Default` matches `assets/default-config.toml`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistorySettings {
    /// Coupling: minimum average number of commits of the two files (code-maat `min-revs`).
    pub coupling_min_revs: u32,
    /// Coupling: minimum number of shared commits (code-maat `min-shared-revs`).
    pub coupling_min_shared: u32,
    /// Coupling: minimum degree, as a share (0.30 = 30 %; code-maat `min-coupling`).
    pub coupling_min_degree: f64,
    /// Coupling: commits touching more files than this are ignored (code-maat
    /// `max-changeset-size`).
    pub coupling_max_changeset: u32,
    /// Growth: the number of most recent changes the growth rate is fitted on.
    pub growth_changes: u32,
    /// Growth: only changes within this many weeks before the newest commit count.
    pub growth_weeks: u32,
}

impl Default for HistorySettings {
    fn default() -> Self {
        HistorySettings {
            coupling_min_revs: 5,
            coupling_min_shared: 5,
            coupling_min_degree: 0.30,
            coupling_max_changeset: 30,
            growth_changes: 20,
            growth_weeks: 26,
        }
    }
}

impl HistorySettings {
    /// Applies one `history.<key>` setting; false for an unknown key.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        let whole = value.clamp(0.0, f64::from(u32::MAX)) as u32;
        match key {
            "coupling_min_revs" => self.coupling_min_revs = whole,
            "coupling_min_shared" => self.coupling_min_shared = whole,
            "coupling_min_degree" => self.coupling_min_degree = value / 100.0,
            "coupling_max_changeset" => self.coupling_max_changeset = whole,
            "growth_changes" => self.growth_changes = whole,
            "growth_weeks" => self.growth_weeks = whole,
            _ => return false,
        }
        true
    }

    /// The value of a `history.<key>` setting as the config file spells it.
    pub fn render(&self, key: &str) -> Option<String> {
        Some(match key {
            "coupling_min_revs" => self.coupling_min_revs.to_string(),
            "coupling_min_shared" => self.coupling_min_shared.to_string(),
            "coupling_min_degree" => {
                let p = self.coupling_min_degree * 100.0;
                if (p - p.round()).abs() < 1e-9 {
                    format!("{}", p.round() as i64)
                } else {
                    format!("{p}")
                }
            }
            "coupling_max_changeset" => self.coupling_max_changeset.to_string(),
            "growth_changes" => self.growth_changes.to_string(),
            "growth_weeks" => self.growth_weeks.to_string(),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_render_round_trip() {
        let mut s = HistorySettings::default();
        assert!(s.set("coupling_min_degree", 45.0));
        assert!((s.coupling_min_degree - 0.45).abs() < 1e-12);
        assert_eq!(s.render("coupling_min_degree").as_deref(), Some("45"));
        assert!(s.set("coupling_max_changeset", 12.0));
        assert_eq!(s.coupling_max_changeset, 12);
        assert!(!s.set("nope", 1.0));
        assert_eq!(s.render("nope"), None);
    }
}
