//! Go package/runtime part `sched` (to be filled).
