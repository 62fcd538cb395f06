//! Go package/runtime part `defer` (to be filled).
