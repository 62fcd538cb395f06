//! Go package/runtime part `os` (to be filled).
