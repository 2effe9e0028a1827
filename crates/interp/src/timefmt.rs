//! Calendar formatting for `time` and `datetime`: `strftime`,
//! `str(datetime)`, `time.ctime()` / `time.asctime()`.
//!
//! The interpreter has no libc time zone database (it runs in a browser
//! worker), so callers pass the wall-clock offset from UTC explicitly and
//! everything is computed with the proleptic Gregorian calendar, as in the
//! C locale.

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Broken-down time (like `struct tm`, but with Python's conventions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub microsecond: u32,
    /// 0 = Monday, as `tm_wday` of Python's `time.struct_time`.
    pub weekday: u32,
    /// 1..=366
    pub yday: u32,
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Splits a float timestamp into whole seconds and microseconds, rounding
/// half to even like `datetime.fromtimestamp`.
fn split_micros(t: f64) -> (i64, u32) {
    let mut ip = t.trunc();
    let frac = (t - ip) * 1e6;
    let mut us = frac.round();
    if (frac - frac.trunc()).abs() == 0.5 {
        us = 2.0 * (frac / 2.0).round();
    }
    if us >= 1e6 {
        us -= 1e6;
        ip += 1.0;
    } else if us < 0.0 {
        us += 1e6;
        ip -= 1.0;
    }
    (ip as i64, us as u32)
}

/// Broken-down wall-clock time of `epoch_secs` at `utc_offset_secs` east of UTC.
pub fn broken_down(epoch_secs: f64, utc_offset_secs: i32) -> Tm {
    let (secs, us) = split_micros(epoch_secs);
    let local = secs + i64::from(utc_offset_secs);
    let days = local.div_euclid(86_400);
    let sod = local.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = cum[(month - 1) as usize] + day + u32::from(month > 2 && is_leap(year));
    Tm {
        year,
        month,
        day,
        hour: sod / 3600,
        minute: sod / 60 % 60,
        second: sod % 60,
        microsecond: us,
        // 1970-01-01 was a Thursday (weekday 3).
        weekday: (days + 3).rem_euclid(7) as u32,
        yday,
    }
}

/// ISO 8601 year and week number (`%G`, `%V`).
fn iso_week(tm: &Tm) -> (i64, u32) {
    let wday = tm.weekday as i64 + 1; // Monday = 1
    let yday = tm.yday as i64;
    let week = (yday - wday + 10) / 7;
    if week < 1 {
        let py = tm.year - 1;
        let pdays = if is_leap(py) { 366 } else { 365 };
        let w = (yday + pdays - wday + 10) / 7;
        (py, w as u32)
    } else {
        let days = if is_leap(tm.year) { 366 } else { 365 };
        if week == 53 && yday - wday + 4 > days {
            (tm.year + 1, 1)
        } else {
            (tm.year, week as u32)
        }
    }
}

fn offset_str(off: i32, colon: bool) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    let sep = if colon { ":" } else { "" };
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 {
        out.push_str(&format!("{sep}{s:02}"));
    }
    out
}

/// `time.strftime(fmt)` / `datetime.strftime(fmt)` in the C locale.
/// `%f` is datetime's microseconds; `%Z` is `UTC` or `UTC+HH:MM` (the name
/// of a `datetime.timezone` with that offset); unknown directives are kept
/// as written, as glibc does.
pub fn strftime(fmt: &str, epoch_secs: f64, utc_offset_secs: i32) -> String {
    let tm = broken_down(epoch_secs, utc_offset_secs);
    strftime_tm(fmt, &tm, utc_offset_secs)
}

/// [`strftime`] on an already broken-down time.
pub fn strftime_tm(fmt: &str, tm: &Tm, utc_offset_secs: i32) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut it = fmt.chars();
    let sunday_week = (tm.yday as i64 + 6 - ((tm.weekday as i64 + 1) % 7)) / 7;
    let monday_week = (tm.yday as i64 + 6 - tm.weekday as i64) / 7;
    let hour12 = if tm.hour.is_multiple_of(12) {
        12
    } else {
        tm.hour % 12
    };
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = it.next() else {
            out.push('%');
            break;
        };
        let abbr_day = &DAYS[tm.weekday as usize][..3];
        let abbr_mon = &MONTHS[(tm.month - 1) as usize][..3];
        let s = match d {
            'Y' => tm.year.to_string(),
            'C' => format!("{:02}", tm.year.div_euclid(100)),
            'y' => format!("{:02}", tm.year.rem_euclid(100)),
            'm' => format!("{:02}", tm.month),
            'd' => format!("{:02}", tm.day),
            'e' => format!("{:2}", tm.day),
            'H' => format!("{:02}", tm.hour),
            'I' => format!("{hour12:02}"),
            'M' => format!("{:02}", tm.minute),
            'S' => format!("{:02}", tm.second),
            'f' => format!("{:06}", tm.microsecond),
            'p' => (if tm.hour < 12 { "AM" } else { "PM" }).to_string(),
            'b' | 'h' => abbr_mon.to_string(),
            'B' => MONTHS[(tm.month - 1) as usize].to_string(),
            'a' => abbr_day.to_string(),
            'A' => DAYS[tm.weekday as usize].to_string(),
            'j' => format!("{:03}", tm.yday),
            'u' => (tm.weekday + 1).to_string(),
            'w' => ((tm.weekday + 1) % 7).to_string(),
            'U' => format!("{sunday_week:02}"),
            'W' => format!("{monday_week:02}"),
            'G' => iso_week(tm).0.to_string(),
            'V' => format!("{:02}", iso_week(tm).1),
            'Z' => {
                if utc_offset_secs == 0 {
                    "UTC".to_string()
                } else {
                    format!("UTC{}", offset_str(utc_offset_secs, true))
                }
            }
            'z' => offset_str(utc_offset_secs, false),
            'c' => format!(
                "{abbr_day} {abbr_mon} {:2} {:02}:{:02}:{:02} {}",
                tm.day, tm.hour, tm.minute, tm.second, tm.year
            ),
            'x' | 'D' => format!(
                "{:02}/{:02}/{:02}",
                tm.month,
                tm.day,
                tm.year.rem_euclid(100)
            ),
            'X' | 'T' => format!("{:02}:{:02}:{:02}", tm.hour, tm.minute, tm.second),
            'R' => format!("{:02}:{:02}", tm.hour, tm.minute),
            'F' => format!("{}-{:02}-{:02}", tm.year, tm.month, tm.day),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

/// `str(datetime.fromtimestamp(epoch_secs, tz))` without the zone suffix:
/// `2026-11-24 16:20:01.123456`, microseconds omitted when zero.
pub fn datetime_str(epoch_secs: f64, utc_offset_secs: i32) -> String {
    let tm = broken_down(epoch_secs, utc_offset_secs);
    let mut s = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        tm.year, tm.month, tm.day, tm.hour, tm.minute, tm.second
    );
    if tm.microsecond != 0 {
        s.push_str(&format!(".{:06}", tm.microsecond));
    }
    s
}

/// `time.ctime(epoch_secs)` (and `time.asctime()` of the same time):
/// `Tue Nov 24 16:20:01 2026`.  Seconds are truncated toward minus
/// infinity, as `time.localtime` does.
pub fn ctime(epoch_secs: f64, utc_offset_secs: i32) -> String {
    let tm = broken_down(epoch_secs.floor(), utc_offset_secs);
    asctime(&tm)
}

/// `time.asctime(t)` of a broken-down time.
pub fn asctime(tm: &Tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &DAYS[tm.weekday as usize][..3],
        &MONTHS[(tm.month - 1) as usize][..3],
        tm.day,
        tm.hour,
        tm.minute,
        tm.second,
        tm.year
    )
}
