//! Diagnostics compared with real Go: every `testdata/errors/NAME.go` is checked and its
//! diagnostics, rendered as `line:col: message` (notes on tab-indented lines), must equal
//! `NAME.err`, which `testdata/errors/record.sh` records from `go build -gcflags=-e`.
//! A `NAME.pending` file (its content is the reason) marks a case go2rs does not match yet;
//! it fails once the case matches, so the marker gets removed.

use std::path::PathBuf;

use crate::diag::line_col;
use crate::SourceFile;

/// Our diagnostics in the layout of the `.err` files.
fn render_plain(src: &str, diags: &[crate::Diagnostic]) -> String {
    let mut rows: Vec<(u32, String)> = Vec::new();
    for d in diags {
        let start = d.labels.first().map_or(0, |l| l.0.start);
        let (line, col) = line_col(src, start as usize);
        let mut row = format!("{line}:{col}: {}", d.message);
        for note in &d.notes {
            row.push_str("\n\t");
            row.push_str(note);
        }
        rows.push((start, row));
    }
    // Go reports in source order.
    rows.sort_by_key(|r| r.0);
    rows.into_iter().map(|r| r.1 + "\n").collect()
}

#[test]
fn messages_match_go() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/check/testdata/errors");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "go")).collect();
    paths.sort();
    assert!(paths.len() >= 30, "expected the corpus under {}", dir.display());
    let mut mismatches = Vec::new();
    for path in &paths {
        let src = std::fs::read_to_string(path).unwrap();
        let want = std::fs::read_to_string(path.with_extension("err")).unwrap().replace("./main.go:", "main.go:");
        let (_, diags) = super::check(&[SourceFile { path: "main.go".into(), text: src.clone() }]);
        let got = render_plain(&src, &diags);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let pending = path.with_extension("pending").exists();
        if got != want && !pending {
            mismatches.push(format!("{name}:\n  go:    {want:?}\n  go2rs: {got:?}"));
        } else if got == want && pending {
            mismatches.push(format!("{name}: matches Go now; remove {name}.pending"));
        }
    }
    assert!(mismatches.is_empty(), "{} of {} differ from Go:\n{}", mismatches.len(), paths.len(), mismatches.join("\n"));
}
