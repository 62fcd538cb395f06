//! Which declared functions the generated program uses, as rustc's `dead_code` lint sees
//! it: reachable through calls and function values from `main`, the `init` functions, the
//! package initialization and the methods (public Rust items, so always "used").

use std::collections::HashSet;

use super::collect::Raw;
use crate::ir::{FuncId, GlobalId, Program};

/// The functions reachable from the roots above, and the globals those functions or the
/// package initialization use.
pub(super) fn solve(program: &Program, raw: &Raw) -> (HashSet<FuncId>, HashSet<GlobalId>) {
    let mut uses: Vec<Vec<FuncId>> = vec![Vec::new(); program.funcs.len()];
    let mut live = HashSet::new();
    let mut work: Vec<FuncId> = Vec::new();
    for &(user, used) in &raw.func_uses {
        match user {
            Some(f) => uses[f.0 as usize].push(used),
            None => work.push(used),
        }
    }
    work.extend(program.main);
    work.extend(program.inits.iter().copied());
    work.extend((0..program.funcs.len()).map(|i| FuncId(i as u32)).filter(|&f| program.func(f).recv.is_some()));
    while let Some(f) = work.pop() {
        if live.insert(f) {
            work.extend(uses[f.0 as usize].iter().copied());
        }
    }
    let globals = raw.global_uses.iter().filter(|(user, _)| user.is_none_or(|f| live.contains(&f))).map(|&(_, g)| g).collect();
    (live, globals)
}
