//! Go package/runtime part `fmt` (to be filled).
