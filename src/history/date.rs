//! Dates without a date library: parsing `--since` (an ISO date or date-time, `@epoch`, or a
//! relative "3 months ago") into seconds since the Unix epoch, and formatting seconds as ISO
//! dates (UTC). Civil-date arithmetic after Howard Hinnant's `days_from_civil`.

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `YYYY-MM-DD` (UTC).
pub fn format_date(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub fn format_datetime(secs: i64) -> String {
    DateTime(secs).to_string()
}

/// Seconds since the epoch shown as `YYYY-MM-DDTHH:MM:SSZ` (UTC), written without building a
/// string first (reports print thousands of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime(pub i64);

impl std::fmt::Display for DateTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let rem = self.0.rem_euclid(86_400);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Parses a `--since` value against the current time `now` (seconds): `2024-03-01`,
/// `2024-03-01T12:00:00` (optionally with `Z`), `@1700000000`, or `<N> <unit>[s] [ago]` with
/// units second, minute, hour, day, week, month (30 days), year (365 days).
pub fn parse_since(text: &str, now: i64) -> Result<i64, String> {
    let t = text.trim();
    if let Some(epoch) = t.strip_prefix('@') {
        return epoch
            .parse::<i64>()
            .map_err(|_| format!("`{text}`: expected @SECONDS"));
    }
    if let Some(secs) = parse_iso(t) {
        return Ok(secs);
    }
    parse_relative(t, now).ok_or_else(|| {
        format!(
            "`{text}`: expected a date (2024-03-01), a date-time (2024-03-01T12:00:00), \
             @SECONDS, or a relative time such as \"6 months ago\""
        )
    })
}

fn number<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn parse_iso(t: &str) -> Option<i64> {
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, rest)) => (d, Some(rest.trim_end_matches('Z'))),
        None => (t, None),
    };
    let mut parts = date.split('-');
    let y: i64 = number(parts.next()?, 4)?;
    let m: u32 = number(parts.next()?, 2)?;
    let d: u32 = number(parts.next()?, 2)?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    if let Some(time) = time {
        let mut hms = time.split(':');
        let h: i64 = number(hms.next()?, 2)?;
        let mi: i64 = number(hms.next()?, 2)?;
        let s: i64 = match hms.next() {
            Some(s) => number(s, 2)?,
            None => 0,
        };
        if hms.next().is_some() || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        secs += h * 3600 + mi * 60 + s;
    }
    Some(secs)
}

fn parse_relative(t: &str, now: i64) -> Option<i64> {
    let t = t.strip_suffix("ago").unwrap_or(t).trim();
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = t.split_at(split);
    let n: i64 = n.parse().ok()?;
    let unit = unit.trim().trim_matches('.');
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    let size = match unit {
        "second" | "sec" => 1,
        "minute" | "min" => 60,
        "hour" => 3600,
        "day" => 86_400,
        "week" => 7 * 86_400,
        "month" => 30 * 86_400,
        "year" => 365 * 86_400,
        _ => return None,
    };
    Some(now.saturating_sub(n.saturating_mul(size)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(format_date(1_700_000_000), "2023-11-14");
        assert_eq!(format_datetime(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn since_accepts_dates_epochs_and_relative_times() {
        let now = 1_700_000_000;
        assert_eq!(parse_since("2023-11-14", now), Ok(1_699_920_000));
        assert_eq!(parse_since("2023-11-14T22:13:20Z", now), Ok(now));
        assert_eq!(parse_since("2023-11-14 22:13", now), Ok(now - 20));
        assert_eq!(parse_since("@12345", now), Ok(12_345));
        assert_eq!(parse_since("2 weeks ago", now), Ok(now - 14 * 86_400));
        assert_eq!(parse_since("6 months", now), Ok(now - 180 * 86_400));
        assert_eq!(parse_since("1.year.ago", now), Ok(now - 365 * 86_400));
        assert!(parse_since("yesterday-ish", now).is_err());
        assert!(parse_since("2023-13-01", now).is_err());
        assert!(parse_since("", now).is_err());
    }
}
