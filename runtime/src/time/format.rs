//! Go's calendar side of `time.Time` (all in UTC, the only location go2rs knows):
//! `time.Date`, `time.Unix`, the `Year`/`Month`/`Day`/... accessors and `Format` with
//! Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`).

use crate::string::GoString;
use super::{Duration, Time};

/// Go's `*time.Location`: every location is UTC here (`time.Local` included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location;

impl Location {
    /// The zero `*time.Location` (UTC).
    #[must_use]
    pub fn new() -> Location {
        Location
    }
}

/// `time.UTC`.
pub const UTC: Location = Location;
/// `time.Local` (treated as UTC).
#[allow(non_upper_case_globals)]
pub const Local: Location = Location;

pub(super) const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
pub(super) const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar fields of a time.
pub(super) struct Civil {
    pub(super) year: i64,
    pub(super) month: i64,
    pub(super) day: i64,
    pub(super) hour: i64,
    pub(super) minute: i64,
    pub(super) second: i64,
    pub(super) nanos: i64,
    weekday: usize,
    yday: i64,
}

/// `t`'s calendar fields in UTC.
pub(super) fn civil(t: &Time) -> Civil {
    let n = t.unix_nano();
    let secs = n.div_euclid(1_000_000_000);
    let nanos = n.rem_euclid(1_000_000_000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        nanos,
        weekday: (days + 4).rem_euclid(7) as usize,
        yday: days - days_from_civil(year, 1, 1) + 1,
    }
}

/// `time.Date(year, month, day, hour, min, sec, nsec, loc)`: out-of-range fields carry
/// over as in Go (month 13 is January of the next year).
#[must_use]
#[allow(clippy::too_many_arguments)] // Go's signature.
pub fn date(year: i64, month: super::Month, day: i64, hour: i64, min: i64, sec: i64, nsec: i64, loc: Location) -> Time {
    let _ = loc;
    let m0 = month.0 - 1;
    let (year, month) = (year + m0.div_euclid(12), m0.rem_euclid(12) + 1);
    let days = days_from_civil(year, month, 1) + day - 1;
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec;
    Time::from_unix_nanos(secs.wrapping_mul(1_000_000_000).wrapping_add(nsec))
}

/// `time.Unix(sec, nsec)`.
#[must_use]
pub fn unix(sec: i64, nsec: i64) -> Time {
    Time::from_unix_nanos(sec.wrapping_mul(1_000_000_000).wrapping_add(nsec))
}

impl Time {
    /// `t.Year()`.
    #[must_use]
    pub fn year(&self) -> i64 {
        civil(self).year
    }
    /// `t.Month()`.
    #[must_use]
    pub fn month(&self) -> super::Month {
        super::Month(civil(self).month)
    }
    /// `t.Weekday()`.
    #[must_use]
    pub fn weekday(&self) -> super::Weekday {
        super::Weekday(civil(self).weekday as i64)
    }
    /// `t.Day()`.
    #[must_use]
    pub fn day(&self) -> i64 {
        civil(self).day
    }
    /// `t.Hour()`.
    #[must_use]
    pub fn hour(&self) -> i64 {
        civil(self).hour
    }
    /// `t.Minute()`.
    #[must_use]
    pub fn minute(&self) -> i64 {
        civil(self).minute
    }
    /// `t.Second()`.
    #[must_use]
    pub fn second(&self) -> i64 {
        civil(self).second
    }
    /// `t.Nanosecond()`.
    #[must_use]
    pub fn nanosecond(&self) -> i64 {
        civil(self).nanos
    }
    /// `t.YearDay()`.
    #[must_use]
    pub fn year_day(&self) -> i64 {
        civil(self).yday
    }
    /// `t.UTC()`, `t.Local()`: the same instant.
    #[must_use]
    pub fn utc(&self) -> Time {
        *self
    }
    /// `t.Equal(u)`.
    #[must_use]
    pub fn equal(&self, u: Time) -> bool {
        self.unix_nano() == u.unix_nano()
    }
    /// `t.Truncate(d)`: rounded down to a multiple of `d` since the zero time.
    #[must_use]
    pub fn truncate(&self, d: Duration) -> Time {
        if d.0 <= 0 {
            return *self;
        }
        let n = self.unix_nano();
        Time::from_unix_nanos(n - n.rem_euclid(d.0))
    }

    /// `t.String()`.
    #[must_use]
    pub fn string(&self) -> GoString {
        GoString::from(self.go_string())
    }

    /// `t.Format(layout)` with Go's reference time `Mon Jan 2 15:04:05 MST 2006`.
    #[must_use]
    #[allow(clippy::needless_pass_by_value)] // Generated code passes strings either way.
    pub fn format(&self, layout: impl std::borrow::Borrow<GoString>) -> GoString {
        let c = civil(self);
        let l = layout.borrow().as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < l.len() {
            let rest = &l[i..];
            let (text, used) = element(&c, rest);
            out.push_str(&text);
            i += used;
        }
        GoString::from(out)
    }
}

/// The text of the layout element at the start of `rest`, and how many bytes it used.
fn element(c: &Civil, rest: &[u8]) -> (String, usize) {
    let h12 = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
    let table: [(&[u8], String); 26] = [
        (b"January", MONTHS[(c.month - 1) as usize].to_string()),
        (b"Jan", MONTHS[(c.month - 1) as usize][..3].to_string()),
        (b"Monday", DAYS[c.weekday].to_string()),
        (b"Mon", DAYS[c.weekday][..3].to_string()),
        (b"MST", "UTC".to_string()),
        (b"2006", format!("{:04}", c.year)),
        (b"Z07:00", "Z".to_string()),
        (b"Z0700", "Z".to_string()),
        (b"Z07", "Z".to_string()),
        (b"-07:00", "+00:00".to_string()),
        (b"-0700", "+0000".to_string()),
        (b"-07", "+00".to_string()),
        (b"002", format!("{:03}", c.yday)),
        (b"01", format!("{:02}", c.month)),
        (b"02", format!("{:02}", c.day)),
        (b"_2", format!("{:>2}", c.day)),
        (b"03", format!("{h12:02}")),
        (b"04", format!("{:02}", c.minute)),
        (b"05", format!("{:02}", c.second)),
        (b"06", format!("{:02}", c.year % 100)),
        (b"15", format!("{:02}", c.hour)),
        (b"PM", (if c.hour >= 12 { "PM" } else { "AM" }).to_string()),
        (b"pm", (if c.hour >= 12 { "pm" } else { "am" }).to_string()),
        (b"1", c.month.to_string()),
        (b"2", c.day.to_string()),
        (b"3", h12.to_string()),
    ];
    for (pat, text) in &table {
        if rest.starts_with(pat) {
            return (text.clone(), pat.len());
        }
    }
    // Fractional seconds: ".000" (fixed digits) or ".999" (trailing zeros dropped).
    if (rest.starts_with(b".0") || rest.starts_with(b".9") || rest.starts_with(b",0") || rest.starts_with(b",9")) && rest.len() > 1 {
        let digit = rest[1];
        let n = rest[1..].iter().take_while(|&&b| b == digit).count();
        let after = rest.get(1 + n).copied();
        if !after.is_some_and(|b| b.is_ascii_digit()) {
            let frac = format!("{:09}", c.nanos);
            let frac = &frac[..n.min(9)];
            let text = if digit == b'9' {
                let t = frac.trim_end_matches('0');
                if t.is_empty() { String::new() } else { format!("{}{t}", rest[0] as char) }
            } else {
                format!("{}{frac}", rest[0] as char)
            };
            return (text, 1 + n);
        }
    }
    if rest.starts_with(b"4") {
        return (c.minute.to_string(), 1);
    }
    if rest.starts_with(b"5") {
        return (c.second.to_string(), 1);
    }
    let ch = std::str::from_utf8(rest).ok().and_then(|s| s.chars().next()).map_or_else(|| (rest[0] as char).to_string(), String::from);
    let used = ch.len().max(1);
    (ch, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_layouts() {
        let t = date(2024, super::super::Month(1), 1, 12, 0, 0, 0, UTC);
        assert_eq!(t.format(GoString::lit("2006-01-02T15:04:05Z07:00")), GoString::lit("2024-01-01T12:00:00Z"));
        let u = date(2023, super::super::Month(13), 31, 25, 61, 0, 500_000_000, UTC);
        assert_eq!(u.format(GoString::lit("Mon Jan _2 3:04PM .000 2006 002")), GoString::lit("Thu Feb  1 2:01AM .500 2024 032"));
        assert_eq!((u.year(), u.month().0, u.day()), (2024, 2, 1));
    }
}
