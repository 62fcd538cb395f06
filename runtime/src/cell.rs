//! Go package/runtime part `cell` (to be filled).
