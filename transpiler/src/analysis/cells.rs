//! Captured variables and shared cells: which locals each function literal captures, and
//! which locals must live in a `Ptr` cell rather than a plain Rust variable.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::collect::Raw;
use super::{Capture, CaptureMode};
use crate::ir::{FuncId, LocalId, Program};

/// The capture facts.
#[derive(Debug, Default)]
pub(super) struct Cells {
    pub shared: HashSet<LocalId>,
    pub captures: HashMap<FuncId, Vec<Capture>>,
    pub per_iteration_captured: HashSet<LocalId>,
    pub range_func_captures: HashMap<(FuncId, crate::diag::Span), Vec<Capture>>,
}

pub(super) fn solve(prog: &Program, raw: &Raw) -> Cells {
    // A local used in a literal is captured by that literal and by every literal between it
    // and the function that declares the local (the inner closure is created inside them).
    let mut captured_by: HashMap<FuncId, BTreeSet<LocalId>> = HashMap::new();
    for &(func, local) in &raw.outer_refs {
        let owner = prog.local(local).owner;
        let mut current = Some(func);
        while let Some(c) = current {
            if c == owner {
                break;
            }
            captured_by.entry(c).or_default().insert(local);
            current = prog.func(c).parent;
        }
    }
    // A range-over-function body is a closure too: it captures what it uses from outside
    // the statement, and what the literals written in it capture from there.
    let mut range_captured: Vec<((FuncId, crate::diag::Span), BTreeSet<LocalId>)> = Vec::new();
    for body in &raw.range_bodies {
        let mut locals = body.refs.clone();
        for lit in &body.lits {
            let from_lit = captured_by.get(lit).into_iter().flatten();
            locals.extend(from_lit.filter(|l| !super::collect::span_within(prog.local(**l).span, body.span)));
        }
        range_captured.push(((body.func, body.span), locals));
    }
    let mut all_captured: HashSet<LocalId> = captured_by.values().flatten().copied().collect();
    all_captured.extend(range_captured.iter().flat_map(|(_, locals)| locals.iter().copied()));

    // Captured and assigned after its declaration: the closure and its creator must see
    // each other's stores. Address taken: the pointer and the variable must agree.
    let mut cells: HashSet<LocalId> = raw.addr_taken.clone();
    cells.extend(all_captured.iter().filter(|l| raw.cell_writes.contains(l)));

    let captures = captured_by
        .into_iter()
        .map(|(func, locals)| {
            let list = locals
                .into_iter()
                .map(|local| Capture { local, mode: if cells.contains(&local) { CaptureMode::Cell } else { CaptureMode::Value } })
                .collect();
            (func, list)
        })
        .collect::<HashMap<FuncId, Vec<Capture>>>();

    let mode = |local: LocalId| if cells.contains(&local) { CaptureMode::Cell } else { CaptureMode::Value };
    let range_func_captures = range_captured
        .into_iter()
        .map(|(key, locals)| (key, locals.into_iter().map(|local| Capture { local, mode: mode(local) }).collect()))
        .collect();

    let mut per_iteration_captured = HashSet::new();
    for lp in &raw.loops {
        for &var in &lp.vars {
            let in_some_lit = lp.lits.iter().any(|lit| captures.get(lit).is_some_and(|caps| caps.iter().any(|c| c.local == var)));
            // `&i` in the body points at this iteration's `i` (Go 1.22), as a capture does.
            if in_some_lit || raw.addr_taken.contains(&var) {
                per_iteration_captured.insert(var);
            }
        }
    }
    Cells { shared: cells, captures, per_iteration_captured, range_func_captures }
}
