//! Go package/runtime part `strconv` (to be filled).
