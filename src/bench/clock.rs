//! Calendar dates without a date crate: UTC from the system clock (Howard Hinnant's `civil_from_days`).

use std::time::{SystemTime, UNIX_EPOCH};

/// (year, month, day, hour, minute, second) in UTC for `secs` since the Unix epoch.
pub fn civil(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, (rem / 3600) as u32, (rem / 60 % 60) as u32, (rem % 60) as u32)
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Today, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let (y, m, d, ..) = civil(now_secs());
    format!("{y:04}-{m:02}-{d:02}")
}

/// Now, RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    let (y, m, d, hh, mm, ss) = civil(now_secs());
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn known_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        // 2000-02-29 12:34:56 UTC (a leap day in a century leap year).
        assert_eq!(civil(951_827_696), (2000, 2, 29, 12, 34, 56));
        // 2026-11-22 00:00:00 UTC.
        assert_eq!(civil(1_795_305_600), (2026, 11, 22, 0, 0, 0));
    }
}
