//! Go package/runtime part `select` (to be filled).
