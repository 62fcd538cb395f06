//! Which functions, function types and interface methods may block: the blocking graph
//! completed with library facts and interface implementations, then solved.

use std::collections::HashSet;

use super::collect::Raw;
use super::graph::Node;
use super::methods::MethodSets;
use crate::ir::{FuncId, Program, Type, TypeId};

/// The solved blocking facts.
#[derive(Debug, Default)]
pub(super) struct Blocking {
    /// Indexed by `FuncId`.
    pub funcs: Vec<bool>,
    pub func_types: HashSet<TypeId>,
    pub interface_methods: HashSet<(TypeId, String)>,
    pub global_init: bool,
}

pub(super) fn solve(prog: &Program, raw: &mut Raw) -> Blocking {
    let graph = &mut raw.graph;
    for (index, func) in prog.funcs.iter().enumerate() {
        let node = graph.node(Node::Func(FuncId(index as u32)));
        if func.extern_blocking {
            graph.mark_direct(node);
        }
    }
    // Every interface method gets a node, called or not, so codegen can ask about any
    // interface it generates dispatch for.
    for (id, _) in prog.types.iter() {
        if let Type::Interface(iface) = prog.ty(prog.underlying(id)) {
            for m in &iface.methods {
                graph.node(Node::Iface(prog.underlying(id), m.name.clone()));
            }
        }
    }
    // Resolving an interface node may add more (methods promoted from embedded interfaces),
    // so walk the node list while it grows.
    let mut sets = MethodSets::new(prog);
    let mut next = 0;
    while next < graph.keys.len() {
        if let Node::Iface(ty, method) = graph.keys[next].clone() {
            for target in sets.implementations(ty, &method) {
                let to = graph.node(target);
                graph.edge(next, to);
            }
        }
        next += 1;
    }

    let solved = graph.solve();
    let is = |node: &Node| graph.find(node).is_some_and(|i| solved[i]);
    let mut out = Blocking {
        funcs: (0..prog.funcs.len()).map(|i| is(&Node::Func(FuncId(i as u32)))).collect(),
        global_init: is(&Node::GlobalInit),
        ..Blocking::default()
    };
    for (id, _) in prog.types.iter() {
        let under = prog.underlying(id);
        match prog.ty(under) {
            Type::Func(sig) if is(&Node::Sig(sig.clone())) => {
                out.func_types.insert(id);
            }
            Type::Interface(iface) => {
                for m in &iface.methods {
                    if is(&Node::Iface(under, m.name.clone())) {
                        out.interface_methods.insert((id, m.name.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    // Method calls on type parameters are keyed by the type parameter itself.
    for (index, key) in graph.keys.iter().enumerate() {
        if let Node::Iface(ty, method) = key {
            if solved[index] {
                out.interface_methods.insert((*ty, method.clone()));
            }
        }
    }
    out
}
