//! Go package/runtime part `value` (to be filled).
