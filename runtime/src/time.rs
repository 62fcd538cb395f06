//! Go package/runtime part `time` (to be filled).
