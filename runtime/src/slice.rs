//! Go package/runtime part `slice` (to be filled).
