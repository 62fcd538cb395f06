//! Go package/runtime part `panic` (to be filled).
