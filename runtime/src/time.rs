//! Go's `time` package subset: `Duration` with Go's formatting, `Sleep`, `Time`
//! (`Now`, `Since`, `Sub`), and the channel timers `After`, `Tick`, `Timer`, `Ticker`,
//! `AfterFunc`. Timers run on the scheduler's timer heap (see `sched::timer`).

// Go code often ignores `Stop`/`Reset` results; `#[must_use]` would make generated code warn.
#![allow(clippy::must_use_candidate)]

mod calendar_names;
mod format;
mod parse;
pub use calendar_names::{Month, Weekday};
pub use format::{date, unix, Local, Location, UTC};
pub use parse::{parse_duration, unix_micro, unix_milli};

use std::fmt::{self, Write as _};
use std::future::Future;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Rem, Sub, SubAssign};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::chan::Chan;
use crate::sched::timer::{add_timer, TimerAction, TimerEntry};
use crate::sched::{set_wait_reason, WaitReason};

/// Go's `time.Duration`: nanoseconds as `i64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub i64);

/// `time.Nanosecond`.
pub const NANOSECOND: Duration = Duration(1);
/// `time.Microsecond`.
pub const MICROSECOND: Duration = Duration(1_000);
/// `time.Millisecond`.
pub const MILLISECOND: Duration = Duration(1_000_000);
/// `time.Second`.
pub const SECOND: Duration = Duration(1_000_000_000);
/// `time.Minute`.
pub const MINUTE: Duration = Duration(60_000_000_000);
/// `time.Hour`.
pub const HOUR: Duration = Duration(3_600_000_000_000);

impl Duration {
    /// Go's `d.String()`: `1h2m3.5s`, `1.5ms`, `2µs`, `0s`.
    #[must_use]
    pub fn string(&self) -> crate::string::GoString {
        crate::string::GoString::from(self.text())
    }

    /// The text of `d.String()` as a Rust string.
    fn text(self) -> String {
        let d = self.0;
        if d == 0 {
            return "0s".to_string();
        }
        let neg = d < 0;
        let u = d.unsigned_abs();
        let mut out = String::new();
        if u < 1_000_000_000 {
            // Sub-second: one unit with a fraction (ns, µs, ms).
            let (unit, scale) = if u < 1_000 {
                ("ns", 1)
            } else if u < 1_000_000 {
                ("µs", 1_000)
            } else {
                ("ms", 1_000_000)
            };
            out.push_str(&fmt_frac(u, scale));
            out.push_str(unit);
        } else {
            let hours = u / 3_600_000_000_000;
            let rem = u % 3_600_000_000_000;
            let mins = rem / 60_000_000_000;
            let secs_ns = rem % 60_000_000_000;
            if hours > 0 {
                let _ = write!(out, "{hours}h");
            }
            if hours > 0 || mins > 0 {
                let _ = write!(out, "{mins}m");
            }
            out.push_str(&fmt_frac(secs_ns, 1_000_000_000));
            out.push('s');
        }
        if neg {
            out.insert(0, '-');
        }
        out
    }

    /// The duration in seconds as a float.
    #[must_use]
    pub fn seconds(&self) -> f64 {
        let sec = self.0 / SECOND.0;
        let nsec = self.0 % SECOND.0;
        sec as f64 + nsec as f64 / 1e9
    }

    /// The duration in minutes as a float.
    #[must_use]
    pub fn minutes(&self) -> f64 {
        let m = self.0 / MINUTE.0;
        let nsec = self.0 % MINUTE.0;
        m as f64 + nsec as f64 / (60.0 * 1e9)
    }

    /// The duration in hours as a float.
    #[must_use]
    pub fn hours(&self) -> f64 {
        let h = self.0 / HOUR.0;
        let nsec = self.0 % HOUR.0;
        h as f64 + nsec as f64 / (3600.0 * 1e9)
    }

    /// Whole milliseconds.
    #[must_use]
    pub fn milliseconds(&self) -> i64 {
        self.0 / MILLISECOND.0
    }

    /// Whole microseconds.
    #[must_use]
    pub fn microseconds(&self) -> i64 {
        self.0 / MICROSECOND.0
    }

    /// Nanoseconds.
    #[must_use]
    pub fn nanoseconds(&self) -> i64 {
        self.0
    }

    /// Go's `d.Abs()`.
    #[must_use]
    pub fn abs(&self) -> Duration {
        if self.0 >= 0 {
            *self
        } else if self.0 == i64::MIN {
            Duration(i64::MAX)
        } else {
            Duration(-self.0)
        }
    }

    /// Go's `d.Round(m)`: rounds halfway values away from zero.
    #[must_use]
    pub fn round(&self, m: Duration) -> Duration {
        if m.0 <= 0 {
            return *self;
        }
        let mut r = self.0 % m.0;
        if self.0 < 0 {
            r = -r;
            if r + r < m.0 {
                return Duration(self.0 + r);
            }
            return Duration(self.0.checked_sub(m.0 - r).unwrap_or(i64::MIN));
        }
        if r + r < m.0 {
            return Duration(self.0 - r);
        }
        Duration(self.0.checked_add(m.0 - r).unwrap_or(i64::MAX))
    }

    /// Go's `d.Truncate(m)`: rounds toward zero to a multiple of `m`.
    #[must_use]
    pub fn truncate(&self, m: Duration) -> Duration {
        if m.0 <= 0 {
            *self
        } else {
            Duration(self.0 - self.0 % m.0)
        }
    }

    fn to_std(self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.0.max(0) as u64)
    }
}

/// `v / scale` with the fraction's trailing zeros dropped (`1.5`, `2`).
fn fmt_frac(v: u64, scale: u64) -> String {
    let int = v / scale;
    let mut frac = v % scale;
    if frac == 0 {
        return int.to_string();
    }
    let mut digits = scale.trailing_zeros_dec();
    while frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    format!("{int}.{frac:0digits$}")
}

trait DecDigits {
    fn trailing_zeros_dec(self) -> usize;
}

impl DecDigits for u64 {
    fn trailing_zeros_dec(mut self) -> usize {
        let mut n = 0;
        while self >= 10 && self.is_multiple_of(10) {
            self /= 10;
            n += 1;
        }
        n
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Add for Duration {
    type Output = Duration;
    fn add(self, rhs: Duration) -> Duration {
        Duration(self.0.wrapping_add(rhs.0))
    }
}
impl Sub for Duration {
    type Output = Duration;
    fn sub(self, rhs: Duration) -> Duration {
        Duration(self.0.wrapping_sub(rhs.0))
    }
}
impl Mul for Duration {
    type Output = Duration;
    fn mul(self, rhs: Duration) -> Duration {
        Duration(self.0.wrapping_mul(rhs.0))
    }
}
impl Mul<i64> for Duration {
    type Output = Duration;
    fn mul(self, rhs: i64) -> Duration {
        Duration(self.0.wrapping_mul(rhs))
    }
}
impl Div for Duration {
    type Output = Duration;
    fn div(self, rhs: Duration) -> Duration {
        Duration(crate::ops::GoInt::go_div(self.0, rhs.0))
    }
}
impl Rem for Duration {
    type Output = Duration;
    fn rem(self, rhs: Duration) -> Duration {
        Duration(crate::ops::GoInt::go_rem(self.0, rhs.0))
    }
}
impl Neg for Duration {
    type Output = Duration;
    fn neg(self) -> Duration {
        Duration(self.0.wrapping_neg())
    }
}
impl AddAssign for Duration {
    fn add_assign(&mut self, rhs: Duration) {
        self.0 = self.0.wrapping_add(rhs.0);
    }
}
impl SubAssign for Duration {
    fn sub_assign(&mut self, rhs: Duration) {
        self.0 = self.0.wrapping_sub(rhs.0);
    }
}

/// Go's `time.Time` (the subset used for measuring): wall clock plus a monotonic reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Time {
    mono: Option<Instant>,
    /// Nanoseconds since the Unix epoch.
    unix_nanos: i64,
}


/// Go's `time.Now()`.
#[must_use]
pub fn now() -> Time {
    let unix_nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
    Time { mono: Some(Instant::now()), unix_nanos }
}

/// Go's `time.Since(t)`.
#[must_use]
pub fn since(t: Time) -> Duration {
    now().sub(t)
}

/// Go's `time.Until(t)`.
#[must_use]
pub fn until(t: Time) -> Duration {
    t.sub(now())
}

impl Time {
    /// Go's `t.Sub(u)`: monotonic when both readings have one.
    #[must_use]
    pub fn sub(&self, u: Time) -> Duration {
        match (self.mono, u.mono) {
            (Some(a), Some(b)) => {
                if a >= b {
                    Duration(a.duration_since(b).as_nanos() as i64)
                } else {
                    Duration(-(b.duration_since(a).as_nanos() as i64))
                }
            }
            _ => Duration(self.unix_nanos - u.unix_nanos),
        }
    }

    /// Go's `t.Add(d)`.
    #[must_use]
    pub fn add(&self, d: Duration) -> Time {
        let mono = self.mono.and_then(|m| {
            if d.0 >= 0 {
                m.checked_add(d.to_std())
            } else {
                m.checked_sub(std::time::Duration::from_nanos(d.0.unsigned_abs()))
            }
        });
        Time { mono, unix_nanos: self.unix_nanos.wrapping_add(d.0) }
    }

    /// Go's `t.Before(u)`.
    #[must_use]
    pub fn before(&self, u: Time) -> bool {
        self.sub(u).0 < 0
    }

    /// Go's `t.After(u)`.
    #[must_use]
    pub fn after(&self, u: Time) -> bool {
        self.sub(u).0 > 0
    }

    /// Go's `t.Unix()`.
    #[must_use]
    pub fn unix(&self) -> i64 {
        self.unix_nanos.div_euclid(1_000_000_000)
    }

    /// Go's `t.UnixMilli()`.
    #[must_use]
    pub fn unix_milli(&self) -> i64 {
        self.unix_nanos.div_euclid(1_000_000)
    }

    /// Go's `t.UnixNano()`.
    #[must_use]
    pub fn unix_nano(&self) -> i64 {
        self.unix_nanos
    }

    /// Go's `t.IsZero()`.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.mono.is_none() && self.unix_nanos == 0
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Option<Instant>,
    timer: Option<Arc<TimerEntry>>,
}

/// Go's `time.Sleep(d)`; returns at once for `d <= 0`.
#[must_use]
pub fn sleep(d: Duration) -> Sleep {
    let deadline = if d.0 <= 0 { None } else { Instant::now().checked_add(d.to_std()) };
    Sleep { deadline, timer: None }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(deadline) = self.deadline else { return Poll::Ready(()) };
        match &self.timer {
            Some(t) if t.fired() => Poll::Ready(()),
            Some(t) => {
                t.update_waker(cx.waker());
                Poll::Pending
            }
            None => {
                set_wait_reason(WaitReason::Sleep);
                self.timer = Some(add_timer(deadline, TimerAction::Wake(cx.waker().clone())));
                Poll::Pending
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            t.stop();
        }
    }
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sleep").field("deadline", &self.deadline).finish_non_exhaustive()
    }
}

/// The instant `d` from now (saturating far in the future).
fn deadline_after(d: Duration) -> Instant {
    let now = Instant::now();
    // Durations past `Instant`'s range wait about 136 years instead.
    now.checked_add(d.to_std()).unwrap_or_else(|| now + std::time::Duration::from_secs(u64::from(u32::MAX)))
}

/// Go's `time.Timer`: a handle (clones share it). `c()` is the channel that receives the
/// time when the timer fires (nil for `AfterFunc` timers).
#[derive(Clone)]
pub struct Timer(Arc<TimerInner>);

struct TimerInner {
    c: Chan<Time>,
    func: Option<Arc<dyn Fn() + Send + Sync>>,
    entry: parking_lot::Mutex<Option<Arc<TimerEntry>>>,
}

impl fmt::Debug for Timer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Timer")
    }
}

impl Timer {
    fn arm(&self, d: Duration) {
        let action = if let Some(f) = &self.0.func {
            let f = f.clone();
            TimerAction::Call(Box::new(move || crate::sched::go(async move { f() })))
        } else {
            let c = self.0.c.clone();
            TimerAction::Call(Box::new(move || {
                c.try_send(now());
            }))
        };
        *self.0.entry.lock() = Some(add_timer(deadline_after(d), action));
    }

    /// The field `t.C`.
    #[must_use]
    pub fn c(&self) -> Chan<Time> {
        self.0.c.clone()
    }

    /// `t.Stop()`: true if the call stopped the timer before it fired. As since Go 1.23,
    /// no stale value is received from `C` afterwards.
    pub fn stop(&self) -> bool {
        let e = self.0.entry.lock().take();
        let stopped = e.is_some_and(|e| e.stop());
        self.0.c.drain();
        stopped
    }

    /// `t.Reset(d)`: re-arms the timer; true if it had been active.
    pub fn reset(&self, d: Duration) -> bool {
        let was_active = self.stop();
        self.arm(d);
        was_active
    }
}

/// Go's `time.NewTimer(d)`.
#[must_use]
pub fn new_timer(d: Duration) -> Timer {
    let t = Timer(Arc::new(TimerInner { c: Chan::new_timer(), func: None, entry: parking_lot::Mutex::new(None) }));
    t.arm(d);
    t
}

/// Go's `time.After(d)`: a channel receiving the time after `d`.
#[must_use]
pub fn after(d: Duration) -> Chan<Time> {
    new_timer(d).c()
}

/// Go's `time.AfterFunc(d, f)`: runs `f` in its own goroutine after `d`.
pub fn after_func(d: Duration, f: impl Fn() + Send + Sync + 'static) -> Timer {
    let t = Timer(Arc::new(TimerInner { c: Chan::nil(), func: Some(Arc::new(f)), entry: parking_lot::Mutex::new(None) }));
    t.arm(d);
    t
}

/// Go's `time.Ticker`: a handle (clones share it) delivering the time every period on
/// `c()`; ticks are dropped for a slow reader.
#[derive(Clone)]
pub struct Ticker(Arc<TickerInner>);

struct TickerInner {
    c: Chan<Time>,
    state: parking_lot::Mutex<TickerState>,
}

struct TickerState {
    period: Duration,
    generation: u64,
    entry: Option<Arc<TimerEntry>>,
}

impl fmt::Debug for Ticker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ticker")
    }
}

fn arm_ticker(inner: &Arc<TickerInner>, when: Instant, generation: u64) {
    let me = inner.clone();
    let action = TimerAction::Call(Box::new(move || {
        me.c.try_send(now());
        let st = me.state.lock();
        if st.generation == generation {
            let next = when.checked_add(st.period.to_std()).unwrap_or(when);
            // Skip ticks already missed rather than firing a burst.
            let next = next.max(Instant::now());
            drop(st);
            arm_ticker(&me, next, generation);
        }
    }));
    let entry = add_timer(when, action);
    let mut st = inner.state.lock();
    if st.generation == generation {
        st.entry = Some(entry);
    } else {
        drop(st);
        entry.stop();
    }
}

/// Go's `time.NewTicker(d)`; panics `non-positive interval for NewTicker` for `d <= 0`.
#[must_use]
pub fn new_ticker(d: Duration) -> Ticker {
    if d.0 <= 0 {
        crate::panic::go_panic_str("non-positive interval for NewTicker");
    }
    let inner = Arc::new(TickerInner {
        c: Chan::new_timer(),
        state: parking_lot::Mutex::new(TickerState { period: d, generation: 0, entry: None }),
    });
    arm_ticker(&inner, deadline_after(d), 0);
    Ticker(inner)
}

/// Go's `time.Tick(d)`: a ticker's channel (nil for `d <= 0`).
#[must_use]
pub fn tick(d: Duration) -> Chan<Time> {
    if d.0 <= 0 {
        return Chan::nil();
    }
    new_ticker(d).c()
}

impl Ticker {
    /// The field `t.C`.
    #[must_use]
    pub fn c(&self) -> Chan<Time> {
        self.0.c.clone()
    }

    /// `t.Stop()`.
    pub fn stop(&self) {
        let mut st = self.0.state.lock();
        st.generation += 1;
        let e = st.entry.take();
        drop(st);
        if let Some(e) = e {
            e.stop();
        }
    }

    /// `t.Reset(d)`: stops the ticker and restarts it with period `d`.
    pub fn reset(&self, d: Duration) {
        if d.0 <= 0 {
            crate::panic::go_panic_str("non-positive interval for Ticker.Reset");
        }
        self.stop();
        self.0.c.drain();
        let generation = {
            let mut st = self.0.state.lock();
            st.period = d;
            st.generation
        };
        arm_ticker(&self.0, deadline_after(d), generation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_strings_match_go() {
        let cases: [(i64, &str); 14] = [
            (0, "0s"),
            (1, "1ns"),
            (999, "999ns"),
            (1000, "1µs"),
            (1500, "1.5µs"),
            (1_500_000, "1.5ms"),
            (150 * MILLISECOND.0, "150ms"),
            (1500 * MILLISECOND.0, "1.5s"),
            (2 * MINUTE.0, "2m0s"),
            (HOUR.0, "1h0m0s"),
            (-1500 * MILLISECOND.0, "-1.5s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
            (90 * MINUTE.0 + 3 * SECOND.0 + 5 * MILLISECOND.0, "1h30m3.005s"),
        ];
        for (d, s) in cases {
            assert_eq!(Duration(d).text(), s, "{d}");
        }
    }

    #[test]
    fn duration_math() {
        assert_eq!((SECOND * 3 / Duration(2)).milliseconds(), 1500);
        assert!((Duration(1_500_000_000).seconds() - 1.5).abs() < 1e-12);
        assert_eq!(Duration(1_600_000_000).round(SECOND), SECOND * 2);
        assert_eq!(Duration(1_600_000_000).truncate(SECOND), SECOND);
        assert_eq!(-SECOND, Duration(-1_000_000_000));
    }
}

// `time.Duration` in interface values, struct fields and slices (added for generated code):
// fmt prints it through its `String()` method, as Go does.
impl crate::value::GoValue for Duration {
    fn go_type_name() -> String {
        String::from("time.Duration")
    }
    fn type_name(&self) -> String {
        String::from("time.Duration")
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Int(self.0, 64)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
        other.as_any().downcast_ref::<Duration>().is_some_and(|o| o.0 == self.0)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_i64(self.0);
    }
    fn string_method(&self) -> Option<crate::string::GoString> {
        Some(self.string())
    }
}

crate::impl_locked_elem!(Duration, 8, 8, true);

// A nil `*time.Timer`/`*time.Ticker` (a struct field's zero value): an unarmed handle whose
// channel is nil, so it never fires (Go would panic on a method call through nil).
impl Default for Timer {
    fn default() -> Self {
        Timer(Arc::new(TimerInner { c: Chan::nil(), func: None, entry: parking_lot::Mutex::new(None) }))
    }
}

impl Timer {
    /// `t == nil` for a `*time.Timer` (a zero struct field): the unarmed default handle.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.c.is_nil() && self.0.func.is_none()
    }
}

impl Ticker {
    /// `t == nil` for a `*time.Ticker`.
    #[must_use]
    pub fn is_nil(&self) -> bool {
        self.0.c.is_nil()
    }
}

impl Default for Ticker {
    fn default() -> Self {
        let state = TickerState { period: Duration(0), generation: 0, entry: None };
        Ticker(Arc::new(TickerInner { c: Chan::nil(), state: parking_lot::Mutex::new(state) }))
    }
}

// `time.Time` in channels, struct fields and interface values (added for generated code):
// fmt prints it through Go's `String()` form, in UTC.
impl crate::value::GoValue for Time {
    fn go_type_name() -> String {
        String::from("time.Time")
    }
    fn type_name(&self) -> String {
        Self::go_type_name()
    }
    fn reflect(&self) -> crate::value::Reflect {
        crate::value::Reflect::Struct { fields: Vec::new() }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn go_eq(&self, other: &dyn crate::value::GoValue) -> bool {
        crate::value::eq_same(self, other)
    }
    fn go_hash(&self, state: &mut dyn std::hash::Hasher) {
        state.write_i64(self.unix_nanos);
    }
    fn string_method(&self) -> Option<crate::string::GoString> {
        Some(crate::string::GoString::from(self.go_string()))
    }
}

crate::impl_locked_elem!(Time, 24, 8, true);

impl Time {
    /// A wall-clock time with no monotonic reading (`time.Date`, `time.Unix`).
    #[must_use]
    pub fn from_unix_nanos(unix_nanos: i64) -> Time {
        Time { mono: None, unix_nanos }
    }

    /// Go's `t.String()` in UTC: `2009-11-10 23:00:00.5 +0000 UTC`, with
    /// ` m=+0.000001234` (seconds since the process started) for a `Now()` reading.
    #[must_use]
    pub fn go_string(&self) -> String {
        let format::Civil { year, month, day, hour, minute, second, nanos, .. } = format::civil(self);
        let mut out = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}");
        if nanos != 0 {
            let frac = format!("{nanos:09}");
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        out.push_str(" +0000 UTC");
        if let Some(m) = self.mono {
            let since = m.saturating_duration_since(*PROCESS_START);
            // Writing into a String cannot fail.
            let _ = write!(out, " m=+{}.{:09}", since.as_secs(), since.subsec_nanos());
        }
        out
    }
}

/// The process's first clock reading, the base of Go's `m=+` monotonic offsets.
static PROCESS_START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
