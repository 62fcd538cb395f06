//! The pieces of the `go2rs` command line: reading Go input, preparing the generated
//! package and driving cargo. The library (`go2rs::transpile`) does no I/O; this does.

pub mod cargo;
pub mod input;
pub mod package;
