//! Recursive async functions: blocking declared functions and methods whose own code holds,
//! directly or through other async code, a future of themselves (a call, a `go` or `defer`
//! of one, or a function literal that does either).
//!
//! Rust cannot give such an `async fn` a future type (it would contain itself, and its
//! `Send`-ness would be decided by itself), so codegen returns a boxed future from these
//! functions instead. Calls through function values already return boxed futures and end
//! such a chain; calls through interface dispatchers and into function literals continue it.

use std::collections::HashSet;

use super::collect::Raw;
use super::graph::Node;
use crate::ir::{FuncId, Program};

/// The blocking declared functions and methods that lie on a cycle of future types.
pub(super) fn solve(prog: &Program, raw: &Raw) -> HashSet<FuncId> {
    let graph = &raw.graph;
    let blocking = graph.solve();
    let n = graph.keys.len();
    // A node takes part when its code is async: a non-blocking function is a plain `fn`,
    // and a function value (`Sig`) is already boxed, so neither continues a cycle.
    let live = |i: usize| blocking[i] && !matches!(graph.keys[i], Node::Sig(_));
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, tos) in graph.edges.iter().enumerate() {
        succs[from].extend(tos.iter().copied());
    }
    for (from, to) in &raw.spawned_calls {
        if let Some(to) = graph.find(to) {
            succs[*from].push(to);
        }
    }
    // A function literal's body is generated inside the function it appears in.
    for (index, func) in prog.funcs.iter().enumerate() {
        if let Some(parent) = func.parent {
            if let (Some(from), Some(to)) = (graph.find(&Node::Func(parent)), graph.find(&Node::Func(FuncId(index as u32)))) {
                succs[from].push(to);
            }
        }
    }

    let mut out = HashSet::new();
    for (index, func) in prog.funcs.iter().enumerate() {
        let id = FuncId(index as u32);
        if func.body.is_none() || func.parent.is_some() {
            continue;
        }
        let Some(start) = graph.find(&Node::Func(id)) else { continue };
        if live(start) && reaches(&succs, &live, start) {
            out.insert(id);
        }
    }
    out
}

/// Whether a path of live nodes leads from `start` back to itself.
fn reaches(succs: &[Vec<usize>], live: &impl Fn(usize) -> bool, start: usize) -> bool {
    let mut seen = vec![false; succs.len()];
    let mut work: Vec<usize> = succs[start].iter().copied().filter(|&s| live(s)).collect();
    while let Some(node) = work.pop() {
        if node == start {
            return true;
        }
        if std::mem::replace(&mut seen[node], true) {
            continue;
        }
        work.extend(succs[node].iter().copied().filter(|&s| live(s)));
    }
    false
}
