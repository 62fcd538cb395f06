//! Go package/runtime part `runtime` (to be filled).
