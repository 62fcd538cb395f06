//! Go package/runtime part `strings` (to be filled).
