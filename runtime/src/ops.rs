//! Go package/runtime part `ops` (to be filled).
