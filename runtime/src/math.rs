//! Go package/runtime part `math` (to be filled).
