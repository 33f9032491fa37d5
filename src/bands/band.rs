//! Warning bands: how close a value is to its limit, as a share of it.

use serde::{Deserialize, Serialize};

/// The five bands, from comfortable to over the limit. Ordered: `Ok < Watch < ... < Freeze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Ok,
    Watch,
    Review,
    Emergency,
    Freeze,
}

impl Band {
    /// Every band, in order.
    pub const ALL: [Band; 5] = [
        Band::Ok,
        Band::Watch,
        Band::Review,
        Band::Emergency,
        Band::Freeze,
    ];

    /// Lowercase name, as in config files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Ok => "ok",
            Band::Watch => "watch",
            Band::Review => "review",
            Band::Emergency => "emergency",
            Band::Freeze => "freeze",
        }
    }

    /// Parses a band name (case-insensitive).
    pub fn parse(s: &str) -> Option<Band> {
        Band::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The shares of a limit at which each band starts. Valid when
/// `0 < watch < review < emergency < freeze`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BandLevels {
    pub watch: f64,
    pub review: f64,
    pub emergency: f64,
    pub freeze: f64,
}

impl Default for BandLevels {
    fn default() -> Self {
        BandLevels {
            watch: 0.80,
            review: 0.90,
            emergency: 0.95,
            freeze: 1.00,
        }
    }
}

impl BandLevels {
    /// True when the levels strictly increase from a positive watch level.
    pub fn is_ordered(&self) -> bool {
        self.watch > 0.0
            && self.watch < self.review
            && self.review < self.emergency
            && self.emergency < self.freeze
    }

    /// The band of `value` against `limit`. A limit of 0 disables the metric (always `Ok`).
    ///
    /// Compared in integers where possible, so that 400 of 500 is exactly the 80 % edge and
    /// 399 of 500 (79.8 %) is not, without floating-point surprises.
    pub fn band(&self, value: u32, limit: u32) -> Band {
        if limit == 0 {
            return Band::Ok;
        }
        let reached = |level: f64| {
            // value / limit >= level  <=>  value * 1e6 >= level * 1e6 * limit, in integers.
            let lhs = u128::from(value) * 1_000_000;
            let rhs = (level * 1_000_000.0).round() as u128 * u128::from(limit);
            lhs >= rhs
        };
        if reached(self.freeze) {
            Band::Freeze
        } else if reached(self.emergency) {
            Band::Emergency
        } else if reached(self.review) {
            Band::Review
        } else if reached(self.watch) {
            Band::Watch
        } else {
            Band::Ok
        }
    }

    /// The smallest value that reaches `band` against `limit` (for "reaches 500 lines in ...").
    pub fn threshold(&self, band: Band, limit: u32) -> u32 {
        let level = match band {
            Band::Ok => return 0,
            Band::Watch => self.watch,
            Band::Review => self.review,
            Band::Emergency => self.emergency,
            Band::Freeze => self.freeze,
        };
        (level * f64::from(limit) - 1e-9).ceil().max(0.0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_are_exact() {
        let l = BandLevels::default();
        assert_eq!(l.band(399, 500), Band::Ok); // 79.8 %
        assert_eq!(l.band(400, 500), Band::Watch); // 80 %
        assert_eq!(l.band(449, 500), Band::Watch);
        assert_eq!(l.band(450, 500), Band::Review);
        assert_eq!(l.band(475, 500), Band::Emergency);
        assert_eq!(l.band(499, 500), Band::Emergency);
        assert_eq!(l.band(500, 500), Band::Freeze);
        assert_eq!(l.band(9999, 500), Band::Freeze);
        assert_eq!(l.band(799, 1000), Band::Ok); // 79.9 %
        assert_eq!(l.band(16, 20), Band::Watch);
        assert_eq!(l.band(12, 15), Band::Watch);
        assert_eq!(l.band(11, 15), Band::Ok);
        assert_eq!(l.band(5, 0), Band::Ok);
    }

    #[test]
    fn thresholds_invert_bands() {
        let l = BandLevels::default();
        for limit in [6, 15, 20, 30, 100, 500, 1000] {
            for band in Band::ALL {
                let t = l.threshold(band, limit);
                assert!(l.band(t, limit) >= band, "{band} {limit} {t}");
                if t > 0 {
                    assert!(l.band(t - 1, limit) < band, "{band} {limit} {t}");
                }
            }
        }
        assert!(!BandLevels {
            watch: 0.9,
            review: 0.8,
            emergency: 0.95,
            freeze: 1.0
        }
        .is_ordered());
    }
}
