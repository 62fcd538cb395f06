//! Go package/runtime part `sync` (to be filled).
