//! Go package/runtime part `map` (to be filled).
