//! The input adapter is chosen by content and extension: Markdown and plain text are audited
//! alike; formats planaudit recognises but cannot read yet are refused by name, exit code 2.

mod common;

use common::{code, planaudit_in, stderr, stdout};

const PLAN: &str = "# Support for unpaid carers\n\nWe will fund short breaks for unpaid carers and \
                    count the carers who use them each year.\n";

#[test]
fn plain_text_is_read_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["plan.md", "plan.txt"] {
        std::fs::write(dir.path().join(name), PLAN).unwrap();
    }
    let report = |name: &str| {
        let output = planaudit_in(dir.path(), &["check", name, "--format", "markdown"]);
        assert!(code(&output) < 2, "{name}: {}", stderr(&output));
        stdout(&output).replace(name, "PLAN")
    };
    assert_eq!(report("plan.md"), report("plan.txt"));
}

#[test]
fn unsupported_formats_are_named_by_content_or_extension() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("plan.pdf", b"%PDF-1.7\n%binary", "PDF"),
        ("plan.md", b"%PDF-1.4\n", "PDF"),
        ("plan.docx", b"PK\x03\x04\x14\x00\x06\x00", "DOCX"),
        ("plan.html", b"<p>carers</p>", "HTML"),
        (
            "plan.md",
            b"<!DOCTYPE html>\n<html><body>carers</body></html>",
            "HTML",
        ),
    ];
    for (name, bytes, format) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let output = planaudit_in(dir.path(), &["check", name]);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {err}");
        assert!(
            err.contains(&format!("{name}: the plan is in {format}")),
            "{name}: {err}"
        );
        assert!(err.contains("save or export the plan"), "{err}");
    }
}
