//! Branch checks of one function body, run before its statements are typed: misplaced
//! `break`, `continue` and `fallthrough`, undefined, duplicate, unused and misused labels,
//! and `goto`s that jump into a block or over a variable declaration. The rules and
//! messages are the Go compiler's (the spec's "Labeled statements", "Break statements",
//! "Continue statements", "Goto statements" and "Fallthrough statements").
//!
//! The walk follows statement structure only (blocks, `if`, loops, switches, `select`,
//! labeled statements); it never enters expressions, so a function literal's body is
//! checked on its own when the literal itself is checked.

use std::collections::HashMap;

use super::Checker;
use crate::diag::Span;
use crate::syntax::Node;

/// A label declared in the body.
struct Label {
    /// The block that contains the labeled statement.
    block: usize,
    /// Start of the labeled statement, its identity.
    stmt: u32,
    /// The label name's span.
    span: Span,
    used: bool,
}

/// A block of statements, for goto and labeled-branch resolution.
struct Block {
    parent: Option<usize>,
    /// Where the block starts (`{`, `case`, `else`), for "jumps into block" messages.
    start: Span,
    /// The labeled statement whose body this block is.
    lstmt: Option<u32>,
}

/// What unlabeled `break`, `continue` and `fallthrough` may refer to here.
#[derive(Clone, Copy, Default)]
struct Targets {
    breaks: bool,
    continues: bool,
    /// Inside a case of an expression switch: (case index, number of cases); `None` in a
    /// nested block. Type switches set `type_switch` instead.
    case: Option<(usize, usize)>,
    type_switch: bool,
}

/// A `goto` not yet matched with its label.
#[derive(Clone)]
struct Goto {
    name: String,
    span: Span,
    id: u32,
}

/// What a labeled statement labels, for labeled `break`/`continue`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LabeledKind {
    Loop,
    SwitchOrSelect,
    Other,
}

/// Walk state of one function body.
struct Branches<'c, 'a> {
    checker: &'c mut Checker<'a>,
    labels: HashMap<String, Label>,
    /// Labeled statement start → what it labels.
    labeled_kinds: HashMap<u32, LabeledKind>,
    blocks: Vec<Block>,
    errors: Vec<(Span, String)>,
}

impl<'a> Checker<'a> {
    /// Checks labels and branch statements of the function body `body` (a `block`).
    pub fn check_branches(&mut self, body: &'a Node) {
        let mut walk = Branches { checker: self, labels: HashMap::new(), labeled_kinds: HashMap::new(), blocks: Vec::new(), errors: Vec::new() };
        let stmts = statements(body);
        let gotos = walk.block_branches(None, Targets::default(), None, body.span, &stmts);
        for g in gotos {
            let target = walk.labels.get_mut(&g.name).map(|l| {
                l.used = true;
                l.block
            });
            match target {
                Some(block) => {
                    let at = walk.pos(walk.blocks[block].start);
                    walk.errors.push((g.span, format!("goto {} jumps into block starting at {at}", g.name)));
                }
                None => walk.errors.push((g.span, format!("label {} not defined", g.name))),
            }
        }
        let mut unused: Vec<(Span, String)> = walk.labels.iter().filter(|(_, l)| !l.used).map(|(n, l)| (l.span, format!("label {n} defined and not used"))).collect();
        walk.errors.append(&mut unused);
        let mut errors = walk.errors;
        errors.sort_by_key(|e| e.0.start);
        for (span, msg) in errors {
            self.error(span, msg);
        }
    }
}

/// The statements of a `block` (or of a case clause), empty statements left out.
fn statements(node: &Node) -> Vec<&Node> {
    let list = if node.kind == "statement_list" { Some(node) } else { node.child_of_kind("statement_list") };
    list.map(|l| l.named_children().filter(|s| s.kind != "empty_statement").collect()).unwrap_or_default()
}

impl Branches<'_, '_> {
    fn pos(&self, span: Span) -> String {
        self.checker.pos_string(span)
    }

    fn text(&self, node: &Node) -> String {
        self.checker.files.get(node.span.file as usize).map(|f| f.text_of(node).to_string()).unwrap_or_default()
    }

    /// The labeled statement `name` if it encloses block `b`: `Ok(Some(kind))`;
    /// `Ok(None)` when declared but not enclosing; `Err(())` when not declared.
    fn enclosing_target(&mut self, mut b: Option<usize>, name: &str) -> Result<Option<LabeledKind>, ()> {
        let Some(l) = self.labels.get_mut(name) else { return Err(()) };
        l.used = true;
        let stmt = l.stmt;
        while let Some(i) = b {
            if self.blocks[i].lstmt == Some(stmt) {
                return Ok(self.labeled_kinds.get(&stmt).copied());
            }
            b = self.blocks[i].parent;
        }
        Ok(None)
    }

    /// Whether label `name` is declared in block `b` or an enclosing one.
    fn goto_target(&mut self, mut b: Option<usize>, name: &str) -> bool {
        let Some(l) = self.labels.get_mut(name) else { return false };
        l.used = true;
        let home = l.block;
        while let Some(i) = b {
            if i == home {
                return true;
            }
            b = self.blocks[i].parent;
        }
        false
    }

    /// Processes one block's statements; returns its unresolved forward gotos.
    fn block_branches(&mut self, parent: Option<usize>, ctxt: Targets, lstmt: Option<u32>, start: Span, body: &[&Node]) -> Vec<Goto> {
        let b = self.blocks.len();
        self.blocks.push(Block { parent, start, lstmt });
        // The last variable declaration seen, and the forward gotos it jumps over.
        let mut var_decl: Option<(Span, String)> = None;
        let mut fwd: Vec<Goto> = Vec::new();
        let mut bad: Vec<u32> = Vec::new();
        for (index, stmt) in body.iter().enumerate() {
            let mut stmt: &Node = stmt;
            let mut lstmt: Option<u32> = None;
            // Unwrap labels: `L1: L2: for {}` declares both.
            while stmt.kind == "labeled_statement" {
                let name = stmt.field("label").map(|l| (self.text(l), l.span));
                if let Some((name, span)) = name.filter(|(n, _)| n != "_") {
                    if let Some(alt) = self.labels.get(&name) {
                        let at = self.pos(alt.span);
                        self.errors.push((span, format!("label {name} already defined at {at}")));
                    } else {
                        self.labels.insert(name.clone(), Label { block: b, stmt: stmt.span.start, span, used: false });
                    }
                    let mut keep = Vec::new();
                    for g in fwd.drain(..) {
                        if g.name == name {
                            if let Some(l) = self.labels.get_mut(&name) {
                                l.used = true;
                            }
                            if let Some((vspan, vname)) = var_decl.as_ref().filter(|_| bad.contains(&g.id)) {
                                let at = self.pos(*vspan);
                                self.errors.push((g.span, format!("goto {name} jumps over declaration of {vname} at {at}")));
                            }
                        } else {
                            keep.push(g);
                        }
                    }
                    fwd = keep;
                    lstmt = Some(stmt.span.start);
                }
                let inner = stmt.named_children().find(|c| c.field != Some("label"));
                let kind = match inner.map(|i| i.kind) {
                    Some("for_statement") => LabeledKind::Loop,
                    Some("expression_switch_statement" | "type_switch_statement" | "select_statement") => LabeledKind::SwitchOrSelect,
                    _ => LabeledKind::Other,
                };
                self.labeled_kinds.insert(stmt.span.start, kind);
                match inner {
                    Some(i) => stmt = i,
                    None => break,
                }
            }
            match stmt.kind {
                "var_declaration" => {
                    let first = stmt.named_children().find(|s| s.kind == "var_spec").or_else(|| stmt.named_children().find(|s| s.kind == "var_spec_list").and_then(|l| l.named_children().find(|s| s.kind == "var_spec")));
                    if let Some(name) = first.and_then(|s| s.field("name")) {
                        var_decl = Some((name.span, self.text(name)));
                        bad = fwd.iter().map(|g| g.id).collect();
                    }
                }
                "short_var_declaration" => {
                    let op = stmt.children.iter().find(|c| c.kind == ":=").map_or(stmt.span, |c| c.span);
                    let names = stmt.field("left").map(|l| self.text(l)).unwrap_or_default();
                    var_decl = Some((op, names));
                    bad = fwd.iter().map(|g| g.id).collect();
                }
                "break_statement" | "continue_statement" | "goto_statement" => self.branch(stmt, b, ctxt, &mut fwd),
                "fallthrough_statement" => {
                    let msg = if ctxt.type_switch {
                        "cannot fallthrough in type switch"
                    } else {
                        match ctxt.case {
                            Some((ci, n)) if index + 1 == body.len() => {
                                if ci + 1 == n {
                                    "cannot fallthrough final case in switch"
                                } else {
                                    ""
                                }
                            }
                            _ => "fallthrough statement out of place",
                        }
                    };
                    if !msg.is_empty() {
                        self.errors.push((stmt.span, msg.to_string()));
                    }
                }
                "block" => {
                    let inner = Targets { case: None, ..ctxt };
                    let list = statements(stmt);
                    fwd.extend(self.block_branches(Some(b), inner, lstmt, stmt.span, &list));
                }
                "if_statement" => {
                    let inner = Targets { case: None, ..ctxt };
                    if let Some(then) = stmt.field("consequence") {
                        let list = statements(then);
                        fwd.extend(self.block_branches(Some(b), inner, lstmt, then.span, &list));
                    }
                    if let Some(els) = stmt.field("alternative") {
                        fwd.extend(self.block_branches(Some(b), inner, lstmt, els.span, &[els]));
                    }
                }
                "for_statement" => {
                    let inner = Targets { breaks: true, continues: true, case: None, type_switch: false };
                    if let Some(body) = stmt.field("body") {
                        let list = statements(body);
                        fwd.extend(self.block_branches(Some(b), inner, lstmt, body.span, &list));
                    }
                }
                "expression_switch_statement" | "type_switch_statement" | "select_statement" => {
                    let clauses: Vec<&Node> = stmt.named_children().filter(|c| matches!(c.kind, "expression_case" | "type_case" | "communication_case" | "default_case")).collect();
                    for (ci, c) in clauses.iter().enumerate() {
                        let inner = Targets {
                            breaks: true,
                            continues: ctxt.continues,
                            case: (stmt.kind == "expression_switch_statement").then_some((ci, clauses.len())),
                            type_switch: stmt.kind == "type_switch_statement",
                        };
                        let list = statements(c);
                        fwd.extend(self.block_branches(Some(b), inner, lstmt, c.span, &list));
                    }
                }
                _ => {}
            }
        }
        fwd
    }

    /// One `break`, `continue` or `goto`.
    fn branch(&mut self, stmt: &Node, b: usize, ctxt: Targets, fwd: &mut Vec<Goto>) {
        let Some(label) = stmt.child_of_kind("label_name") else {
            match stmt.kind {
                "break_statement" if !ctxt.breaks => self.errors.push((stmt.span, "break is not in a loop, switch, or select".into())),
                "continue_statement" if !ctxt.continues => self.errors.push((stmt.span, "continue is not in a loop".into())),
                _ => {}
            }
            return;
        };
        let name = self.text(label);
        match stmt.kind {
            "break_statement" => match self.enclosing_target(Some(b), &name) {
                Ok(Some(LabeledKind::Loop | LabeledKind::SwitchOrSelect)) => {}
                Ok(_) => self.errors.push((label.span, format!("invalid break label {name}"))),
                Err(()) => self.errors.push((label.span, format!("break label not defined: {name}"))),
            },
            "continue_statement" => match self.enclosing_target(Some(b), &name) {
                Ok(Some(LabeledKind::Loop)) => {}
                Ok(_) => self.errors.push((label.span, format!("invalid continue label {name}"))),
                Err(()) => self.errors.push((label.span, format!("continue label not defined: {name}"))),
            },
            _ => {
                if !self.goto_target(Some(b), &name) {
                    fwd.push(Goto { name, span: label.span, id: stmt.span.start });
                }
            }
        }
    }
}
