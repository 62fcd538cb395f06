//! Defer frames and `recover` (filled in below).

/// Takes the panic being handled by the running deferred call, for linking a new panic.
pub(crate) fn take_current_panic_for_link() -> Option<crate::panic::GoPanic> {
    None
}
