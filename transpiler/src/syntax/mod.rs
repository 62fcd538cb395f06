//! Syntax stage: parses Go source with tree-sitter-go into an owned concrete syntax tree.
//!
//! Invariant: this is the only module that imports `tree_sitter`. The checker walks the
//! owned [`Node`] tree below (kinds and field names are tree-sitter-go's), so nothing after
//! this stage depends on tree-sitter types or lifetimes.

use crate::diag::{Diagnostic, Span};
use crate::SourceFile;

/// One node of the concrete syntax tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// tree-sitter-go node kind (`call_expression`, `identifier`, `+`, ...).
    pub kind: &'static str,
    /// The field name this node fills in its parent (`left`, `body`, ...).
    pub field: Option<&'static str>,
    /// Whether tree-sitter considers it a named node (anonymous nodes are tokens like `+`).
    pub named: bool,
    /// Where it is.
    pub span: Span,
    /// Children in source order, comments excluded.
    pub children: Vec<Node>,
}

impl Node {
    /// The first child filling field `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.field == Some(name))
    }

    /// All children filling field `name`.
    pub fn fields<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.children.iter().filter(move |c| c.field == Some(name))
    }

    /// Named children (tokens left out).
    pub fn named_children(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|c| c.named)
    }

    /// The first named child.
    #[must_use]
    pub fn first_named(&self) -> Option<&Node> {
        self.named_children().next()
    }

    /// The first child of a given kind.
    #[must_use]
    pub fn child_of_kind(&self, kind: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.kind == kind)
    }

    /// Whether an (anonymous) token child of this kind is present.
    #[must_use]
    pub fn has_token(&self, kind: &str) -> bool {
        self.children.iter().any(|c| !c.named && c.kind == kind)
    }

    /// The source text of this node.
    #[must_use]
    pub fn text<'t>(&self, src: &'t str) -> &'t str {
        src.get(self.span.start as usize..self.span.end as usize).unwrap_or("")
    }
}

/// A parsed file.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    /// Index of the file (the `file` of its spans).
    pub file: u32,
    /// Path as given.
    pub path: String,
    /// Source text.
    pub text: String,
    /// The `source_file` node.
    pub root: Node,
    /// Every comment: its span and text.
    pub comments: Vec<(Span, String)>,
}

impl ParsedFile {
    /// Source text of a node of this file.
    #[must_use]
    pub fn text_of(&self, node: &Node) -> &str {
        node.text(&self.text)
    }
}

/// Parses every file. File `i` gets spans with `file == i`.
#[must_use]
pub fn parse(files: &[SourceFile]) -> (Vec<ParsedFile>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let (p, mut d) = parse_one(i as u32, &f.path, &f.text);
        out.extend(p);
        diags.append(&mut d);
    }
    (out, diags)
}

/// Parses one file with the given file index.
#[must_use]
pub fn parse_one(file: u32, path: &str, text: &str) -> (Option<ParsedFile>, Vec<Diagnostic>) {
    let mut parser = tree_sitter::Parser::new();
    let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    if parser.set_language(&lang).is_err() {
        return (None, vec![Diagnostic::error(Span { file, start: 0, end: 0 }, "internal error: cannot load the Go grammar")]);
    }
    let Some(tree) = parser.parse(text, None) else {
        return (None, vec![Diagnostic::error(Span { file, start: 0, end: 0 }, "syntax error: cannot parse file")]);
    };
    let mut diags = Vec::new();
    let mut comments = Vec::new();
    let root = convert(tree.root_node(), None, file, text, &mut comments, &mut diags);
    (Some(ParsedFile { file, path: path.to_string(), text: text.to_string(), root, comments }), diags)
}

fn span_of(node: tree_sitter::Node, file: u32) -> Span {
    Span { file, start: node.start_byte() as u32, end: node.end_byte() as u32 }
}

/// Intern the kind string: tree-sitter's kinds live as long as the language, which is static,
/// but the binding ties them to the tree; a small table gives us `'static` names.
fn static_kind(kind: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static KINDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let set = KINDS.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut guard) = set.lock() else { return "ERROR" };
    if let Some(k) = guard.get(kind) {
        return k;
    }
    let leaked: &'static str = Box::leak(kind.to_string().into_boxed_str());
    guard.insert(leaked);
    leaked
}

fn convert(node: tree_sitter::Node, field: Option<&'static str>, file: u32, text: &str, comments: &mut Vec<(Span, String)>, diags: &mut Vec<Diagnostic>) -> Node {
    let span = span_of(node, file);
    if node.is_error() {
        let snippet: String = text.get(span.range()).unwrap_or("").chars().take(20).collect();
        let first = snippet.split_whitespace().next().unwrap_or("").to_string();
        let msg = if first.is_empty() { "syntax error: unexpected token".to_string() } else { format!("syntax error: unexpected {first}") };
        diags.push(Diagnostic::error(span, msg));
    } else if node.is_missing() {
        diags.push(Diagnostic::error(span, format!("syntax error: missing {}", node.kind())));
    }
    let mut children = Vec::new();
    let mut cursor = node.walk();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            let fname = cursor.field_name().map(static_kind);
            if child.kind() == "comment" {
                comments.push((span_of(child, file), child.utf8_text(text.as_bytes()).unwrap_or("").to_string()));
            } else {
                children.push(convert(child, fname, file, text, comments, diags));
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    Node { kind: static_kind(node.kind()), field, named: node.is_named(), span, children }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_errors() {
        let (files, diags) = parse(&[SourceFile { path: "a.go".into(), text: "package main\nfunc main() { x := }\n".into() }]);
        assert_eq!(files.len(), 1);
        assert!(!diags.is_empty());
        assert!(diags[0].message.starts_with("syntax error"));
        let (_, diags) = parse(&[SourceFile { path: "a.go".into(), text: "package main\nfunc main() { x := 1; _ = x }\n".into() }]);
        assert!(diags.is_empty());
    }
}
