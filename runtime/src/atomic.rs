//! Go package/runtime part `atomic` (to be filled).
