//! Go package/runtime part `errors` (to be filled).
