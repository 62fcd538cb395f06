//! Go package/runtime part `string` (to be filled).
