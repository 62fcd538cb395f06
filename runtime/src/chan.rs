//! Go package/runtime part `chan` (to be filled).
