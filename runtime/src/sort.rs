//! Go package/runtime part `sort` (to be filled).
