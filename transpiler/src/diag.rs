//! Diagnostics shared by every stage: what went wrong, where, and how to render it.

use std::ops::Range;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The program cannot be transpiled.
    Error,
    /// Transpiled, but the reader should know.
    Warning,
}

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Index into the list of source files given to [`crate::transpile`].
    pub file: u32,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// The byte range, for rendering.
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// One problem found in the Go source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong or unsupported.
    pub message: String,
    /// The primary label comes first; each underlines code with a short remark.
    pub labels: Vec<(Span, String)>,
    /// Extra lines shown under the snippet.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error pointing at `span`.
    #[must_use]
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), labels: vec![(span, String::new())], notes: Vec::new() }
    }

    /// An error for Go that is valid but not supported by go2rs yet.
    #[must_use]
    pub fn unsupported(span: Span, what: impl std::fmt::Display) -> Self {
        Diagnostic::error(span, format!("unsupported: {what}"))
    }

    /// Adds a remark to the primary label.
    #[must_use]
    pub fn with_label_text(mut self, text: impl Into<String>) -> Self {
        if let Some(first) = self.labels.first_mut() {
            first.1 = text.into();
        }
        self
    }

    /// Adds a note line.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Renders diagnostics as `file:line:col: error: message` followed by the underlined code.
#[must_use]
pub fn render(files: &[crate::SourceFile], diagnostics: &[Diagnostic], color: bool) -> String {
    use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{self, termcolor::{Ansi, NoColor}};

    let mut db = SimpleFiles::new();
    for f in files {
        db.add(f.path.clone(), f.text.clone());
    }
    let config = term::Config::default();
    let mut out = Vec::new();
    for d in diagnostics {
        // A `path:line:col: error: message` header first (Go's layout, so editors and
        // terminals can jump to it); codespan's own title line would repeat the message.
        let mut has_header = false;
        if let Some((span, _)) = d.labels.first() {
            if let Some(f) = files.get(span.file as usize) {
                let (line, col) = line_col(&f.text, span.start as usize);
                let kind = if d.severity == Severity::Error { "error" } else { "warning" };
                let kind = if color { format!("\x1b[1;31m{kind}\x1b[0m") } else { kind.to_string() };
                out.extend_from_slice(format!("{}:{line}:{col}: {kind}: {}\n", f.path, d.message).as_bytes());
                has_header = true;
            }
        }
        let cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_message(d.message.clone())
        .with_labels(
            d.labels
                .iter()
                .enumerate()
                .map(|(i, (span, text))| {
                    let label = if i == 0 { Label::primary(span.file as usize, span.range()) } else { Label::secondary(span.file as usize, span.range()) };
                    label.with_message(text.clone())
                })
                .collect(),
        )
        .with_notes(d.notes.clone());
        let mut snippet = Vec::new();
        let result = if color {
            term::emit_to_write_style(&mut Ansi::new(&mut snippet), &config, &db, &cs)
        } else {
            term::emit_to_write_style(&mut NoColor::new(&mut snippet), &config, &db, &cs)
        };
        if result.is_err() {
            if !has_header {
                out.extend_from_slice(format!("error: {}\n", d.message).as_bytes());
            }
            continue;
        }
        let snippet = String::from_utf8_lossy(&snippet);
        // Keep codespan's output from its location line (`┌─ path:line:col`) on.
        let body = match snippet.find('┌').filter(|_| has_header) {
            Some(at) => &snippet[snippet[..at].rfind('\n').map_or(0, |nl| nl + 1)..],
            None => &snippet[..],
        };
        out.extend_from_slice(body.as_bytes());
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    // One short count per diagnostic: not worth a dependency on the bytecount crate.
    #[allow(clippy::naive_bytecount)]
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_has_one_go_style_header_then_the_snippet() {
        let files = [crate::SourceFile { path: "main.go".into(), text: "package main\n\nfunc main() { x }\n".into() }];
        let d = Diagnostic::error(Span { file: 0, start: 28, end: 29 }, "undefined: x");
        let text = render(&files, &[d], false);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("main.go:3:15: error: undefined: x"));
        assert_eq!(text.matches("undefined: x").count(), 1, "{text}");
        assert!(text.contains("3 │ func main() { x }"), "{text}");
        assert!(text.contains('^'), "{text}");
    }
}
