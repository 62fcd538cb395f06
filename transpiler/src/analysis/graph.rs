//! The "may block" graph: functions, function-value signatures and interface methods as
//! nodes, "waits on" as edges, and the backwards fixpoint that marks blocking nodes.

use std::collections::HashMap;

use crate::ir::{FuncId, Signature, TypeId};

/// A node of the blocking graph.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Node {
    /// A function, method or function literal.
    Func(FuncId),
    /// Every function value with this (underlying) signature: blocks if any function whose
    /// value is taken with this signature blocks.
    Sig(Signature),
    /// A method called through an interface: the interface's underlying type (or, for a
    /// type parameter, the type parameter itself) and the method name.
    Iface(TypeId, String),
    /// The body of the n-th `for range f` over a function inside a function: it runs as
    /// the yield function the iterator calls.
    RangeBody(FuncId, u32),
    /// The package-level variable initialization.
    GlobalInit,
}

/// Nodes, edges and the direct facts.
#[derive(Debug, Default)]
pub(super) struct Graph {
    pub keys: Vec<Node>,
    index: HashMap<Node, usize>,
    /// `edges[a]` holds `b` when `a` blocks whenever `b` does.
    pub edges: Vec<Vec<usize>>,
    /// Nodes that block by themselves (a channel operation, a blocking library call).
    pub direct: Vec<bool>,
}

impl Graph {
    /// The index of a node, adding it if new.
    pub fn node(&mut self, key: Node) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.keys.len();
        self.keys.push(key.clone());
        self.index.insert(key, i);
        self.edges.push(Vec::new());
        self.direct.push(false);
        i
    }

    /// The index of a node if it exists.
    pub fn find(&self, key: &Node) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// `from` blocks if `to` blocks.
    pub fn edge(&mut self, from: usize, to: usize) {
        if !self.edges[from].contains(&to) {
            self.edges[from].push(to);
        }
    }

    pub fn mark_direct(&mut self, node: usize) {
        self.direct[node] = true;
    }

    /// Least fixpoint: a node blocks if it blocks directly or waits on a blocking node.
    pub fn solve(&self) -> Vec<bool> {
        let n = self.keys.len();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (from, tos) in self.edges.iter().enumerate() {
            for &to in tos {
                preds[to].push(from);
            }
        }
        let mut blocking = self.direct.clone();
        let mut work: Vec<usize> = (0..n).filter(|&i| blocking[i]).collect();
        while let Some(node) = work.pop() {
            for &pred in &preds[node] {
                if !blocking[pred] {
                    blocking[pred] = true;
                    work.push(pred);
                }
            }
        }
        blocking
    }
}
