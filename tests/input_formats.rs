//! One plan, every format: the HTML, Word and PDF versions of a fixture plan (made from its
//! Markdown by scripts/make-format-fixtures.sh) audit like the Markdown, and their findings cite
//! where the text was. The adapter is chosen by content and extension, `--input-format` overrides,
//! and files that cannot be read are clear errors, exit code 2.

mod common;

use std::collections::BTreeMap;

use common::{code, planaudit, planaudit_in, stderr, stdout};
use planaudit::audit::{self, FileReport};
use planaudit::document::Document;
use planaudit::rules::{Catalog, DEFAULT_FRAMEWORKS, Rules};

const PLAN: &str = "# Support for unpaid carers\n\nWe will fund short breaks for unpaid carers and \
                    count the carers who use them each year.\n";

fn rules() -> Rules {
    Catalog::builtin().select(DEFAULT_FRAMEWORKS).unwrap()
}

fn audit_fixture(name: &str, rules: &Rules) -> FileReport {
    let path = format!("fixtures/plans/{name}");
    let document = Document::read(std::path::Path::new(&path)).unwrap();
    audit::audit(document, rules)
}

fn headings(report: &FileReport) -> Vec<(u8, String)> {
    let doc = &report.document;
    doc.sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.level, doc.section_heading(i)?.to_owned())))
        .collect()
}

/// Each item's status and the headings of the sections that cover or mention it.
fn coverage(report: &FileReport, rules: &Rules) -> BTreeMap<String, (String, Vec<String>)> {
    let doc = &report.document;
    report
        .coverage
        .iter()
        .map(|c| {
            let sections = c.sections.iter().chain(&c.mentions);
            let headings = sections.map(|&s| doc.heading(s).to_owned()).collect();
            let id = rules.item(c.item).item.id.clone();
            (id, (c.status.as_str().to_owned(), headings))
        })
        .collect()
}

/// The published versions of gaps-plan.md: a web page, a Word document, a PDF printed from the
/// web page, and a two-column PDF whose long words are hyphenated across line ends.
const VERSIONS: [&str; 4] = [
    "gaps-plan.html",
    "gaps-plan.docx",
    "gaps-plan.pdf",
    "gaps-plan-two-column.pdf",
];

#[test]
fn every_version_audits_like_the_markdown() {
    let rules = rules();
    let markdown = audit_fixture("gaps-plan.md", &rules);
    assert!(headings(&markdown).len() > 10);
    for name in VERSIONS {
        let other = audit_fixture(name, &rules);
        assert_eq!(headings(&other), headings(&markdown), "{name}");
        assert_eq!(
            coverage(&other, &rules),
            coverage(&markdown, &rules),
            "{name}"
        );
        let codes = |r: &FileReport| {
            let mut codes: Vec<_> = r.findings.iter().map(|f| f.code.as_str()).collect();
            codes.sort_unstable();
            codes
        };
        assert_eq!(codes(&other), codes(&markdown), "{name}");
    }
}

#[test]
fn the_web_page_furniture_is_left_out() {
    let report = audit_fixture("gaps-plan.html", &rules());
    let text = report.document.text.as_str();
    for furniture in ["cookies", "Services for carers", "Copyright", "analytics"] {
        assert!(!text.contains(furniture), "{furniture}");
    }
}

/// The sections that address O1 in the gaps plan's JSON report, run through the binary.
fn evidence(name: &str) -> Vec<serde_json::Value> {
    let output = planaudit_in(
        std::path::Path::new("fixtures/plans"),
        &["check", name, "--format", "json"],
    );
    assert!(matches!(code(&output), 0 | 1), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let file = &json["files"][0];
    let coverage = file["coverage"].as_array().unwrap();
    let o1 = coverage.iter().find(|c| c["item"] == "O1").unwrap();
    let sections = o1["sections"].as_array().unwrap().iter();
    sections
        .map(|s| file["sections"][s.as_u64().unwrap() as usize].clone())
        .collect()
}

#[test]
fn word_findings_name_the_paragraph_and_html_ones_the_line() {
    let docx = evidence("gaps-plan.docx");
    assert!(!docx.is_empty());
    for section in &docx {
        let location = section["location"].as_str().unwrap();
        assert!(location.starts_with("paragraph "), "{location}");
    }
    let html = evidence("gaps-plan.html");
    let source = std::fs::read_to_string("fixtures/plans/gaps-plan.html").unwrap();
    for section in &html {
        assert!(section.get("location").is_none());
        let line = section["line"].as_u64().unwrap() as usize;
        let heading = section["heading"].as_str().unwrap();
        let text = source.lines().nth(line - 1).unwrap();
        assert!(text.contains(heading), "line {line}: {text}");
    }
}

/// A finding about an HTML heading underlines the heading's words: it pointed at an empty
/// place before `<h2>`, column 1, in every format.
#[test]
fn html_heading_findings_point_at_the_heading_words() {
    let output = planaudit_in(
        std::path::Path::new("fixtures/plans"),
        &["check", "gaps-plan.html", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let source = std::fs::read_to_string("fixtures/plans/gaps-plan.html").unwrap();
    let file = &json["files"][0];
    let mut checked = 0;
    for finding in file["findings"].as_array().unwrap() {
        let Some(section) = finding["section"].as_u64() else {
            continue;
        };
        if !["no-measure", "orphan-section"].contains(&finding["code"].as_str().unwrap()) {
            continue;
        }
        let heading = file["sections"][section as usize]["heading"]
            .as_str()
            .unwrap();
        let span = &finding["labels"][0]["span"];
        let [start, end] = [0, 1].map(|i| span[i].as_u64().unwrap() as usize);
        assert_eq!(&source[start..end], heading, "{finding}");
        checked += 1;
    }
    assert!(checked >= 2, "{checked}");
    // A claim's row that names a section is the section's heading, its words underlined too.
    let claims = file["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for claim in claims {
        let span = &claim["row"]["span"];
        let [start, end] = [0, 1].map(|i| span[i].as_u64().unwrap() as usize);
        let words: Vec<&str> = source[start..end].split_whitespace().collect();
        assert_eq!(words.join(" "), claim["row"]["text"], "{claim}");
    }
}

#[test]
fn human_report_cites_paragraphs_for_word() {
    let output = planaudit_in(
        std::path::Path::new("fixtures/plans"),
        &["check", "gaps-plan.docx", "--color", "never"],
    );
    let out = stdout(&output);
    // Cited by paragraph, not by the extracted text's line and column, which no reader sees.
    assert!(out.contains("╭─[gaps-plan.docx, paragraph "), "{out}");
    assert!(!out.contains("╭─[gaps-plan.docx:"), "{out}");
    assert!(!out.contains("(line "), "{out}");
}

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
fn a_text_plan_is_audited_the_same_whether_named_or_walked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.txt"), PLAN).unwrap();
    std::fs::write(dir.path().join("README.txt"), "# About this folder\n").unwrap();
    let report = |path: &str| {
        let output = planaudit_in(dir.path(), &["check", path, "--format", "json"]);
        assert!(code(&output) < 2, "{path}: {}", stderr(&output));
        stdout(&output)
    };
    let walked = report(".");
    assert!(walked.contains("\"plan.txt\""), "{walked}");
    assert!(
        !walked.contains("README"),
        "README.txt is not a plan: {walked}"
    );
    assert_eq!(walked, report("plan.txt"));
}

#[test]
fn input_format_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<h1>Support for unpaid carers</h1><p>We will fund short breaks.</p>\n\n## Money\n";
    std::fs::write(dir.path().join("plan.txt"), html).unwrap();
    let headings = |args: &[&str]| {
        let mut all = vec!["check", "plan.txt", "--format", "json"];
        all.extend(args);
        let output = planaudit_in(dir.path(), &all);
        assert!(code(&output) < 2, "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        json["files"][0]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["heading"].as_str().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        headings(&[]),
        ["Support for unpaid carers", "Money"],
        "read as Markdown: an HTML block, then a Markdown heading"
    );
    assert_eq!(
        headings(&["--input-format", "html"]),
        ["Support for unpaid carers"]
    );
}

#[test]
fn pdf_text_reads_like_the_markdown() {
    // Block by block: the two-column PDF is read column by column, its broken words joined,
    // and neither PDF keeps its running header or page numbers.
    let rules = rules();
    let blocks = |report: &FileReport| -> Vec<String> {
        let doc = &report.document;
        doc.blocks
            .iter()
            .map(|b| doc.block_text(b).to_owned())
            .collect()
    };
    let markdown = blocks(&audit_fixture("gaps-plan.md", &rules));
    for name in ["gaps-plan.pdf", "gaps-plan-two-column.pdf"] {
        assert_eq!(blocks(&audit_fixture(name, &rules)), markdown, "{name}");
    }
}

#[test]
fn pdf_findings_name_the_page() {
    for name in ["gaps-plan.pdf", "gaps-plan-two-column.pdf"] {
        let sections = evidence(name);
        assert!(!sections.is_empty(), "{name}");
        for section in &sections {
            let location = section["location"].as_str().unwrap();
            assert!(location.starts_with("page "), "{name}: {location}");
        }
    }
    let pages: Vec<_> = evidence("gaps-plan.pdf")
        .iter()
        .map(|s| s["location"].as_str().unwrap().to_owned())
        .collect();
    assert!(pages.iter().any(|p| p != "page 1"), "{pages:?}");
}

#[test]
fn human_and_sarif_reports_cite_pages_for_pdf() {
    let dir = std::path::Path::new("fixtures/plans");
    let human = planaudit_in(dir, &["check", "gaps-plan.pdf", "--color", "never"]);
    let out = stdout(&human);
    assert_eq!(code(&human), 1, "{}", stderr(&human));
    assert!(out.contains("╭─[gaps-plan.pdf, page "), "{out}");
    assert!(!out.contains("╭─[gaps-plan.pdf:"), "{out}");
    assert!(!out.contains("(line "), "{out}");
    // The places not underlined are named by page too: "on lines 98, 99" named lines of the
    // extracted text, which no reader can look up; so for a Word plan, by paragraph.
    assert!(out.contains(" more, at page "), "{out}");
    assert!(!out.contains(" more, on line"), "{out}");
    let word = stdout(&planaudit_in(
        dir,
        &["check", "gaps-plan.docx", "--color", "never"],
    ));
    assert!(word.contains(" more, at paragraph "), "{word}");
    assert!(!word.contains(" more, on line"), "{word}");
    let sarif = planaudit_in(dir, &["check", "gaps-plan.pdf", "--format", "sarif"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let messages: Vec<String> = json["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|l| l["message"]["text"].as_str().map(str::to_owned))
        .collect();
    assert!(
        messages.iter().any(|m| m.ends_with("(page 4)")),
        "{messages:?}"
    );
}

#[test]
fn explain_cites_pages_for_pdf() {
    let output = planaudit_in(
        std::path::Path::new("fixtures/plans"),
        &["explain", "gaps-plan.pdf", "--item", "O1"],
    );
    let out = stdout(&output);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(out.contains("§ Helping people stay well (page "), "{out}");
    assert!(out.contains("\n    page "), "{out}");
    assert!(!out.contains("line "), "{out}");
}

/// A PDF's excerpts name their page in the gutter: the line numbers of its extracted text
/// are nowhere a reader can look them up.
#[test]
fn a_pdf_excerpt_names_its_page_not_an_extracted_line() {
    let output = planaudit(&["check", "fixtures/plans/gaps-plan.pdf", "--verbose"]);
    let report = stdout(&output);
    assert!(report.contains("\n page 3 │ Quality of life\n"), "{report}");
    let numbered = report.lines().any(|line| {
        let gutter = line.trim_start().split(" │ ").next().unwrap_or_default();
        !gutter.is_empty() && gutter.chars().all(|c| c.is_ascii_digit())
    });
    assert!(!numbered, "{report}");
}

#[test]
fn a_scanned_pdf_is_refused() {
    let output = planaudit_in(
        std::path::Path::new("fixtures/plans"),
        &["check", "scanned-plan.pdf"],
    );
    let err = stderr(&output);
    assert_eq!(code(&output), 2, "{err}");
    assert!(err.contains("scanned-plan.pdf"), "{err}");
    assert!(err.contains("it looks scanned"), "{err}");
    assert!(err.contains("OCR"), "{err}");
}

/// An office format planaudit does not read is named, with what to save it as, rather than
/// read as a Word document or as text.
#[test]
fn office_formats_it_does_not_read_say_what_to_save_them_as() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8], &str); 3] = [
        (
            "old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00",
            "Word 97–2003",
        ),
        (
            "plan.odt",
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text",
            "OpenDocument",
        ),
        (
            "plan.rtf",
            b"{\\rtf1\\ansi {\\b Unpaid carers}\\par We will offer breaks.}",
            "Rich Text Format",
        ),
    ];
    for (name, bytes, kind) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let output = planaudit_in(dir.path(), &["check", name]);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{err}");
        assert!(err.contains(&format!("{name}: the plan is ")), "{err}");
        assert!(
            err.contains(kind) && err.contains("save it as a Word document (.docx)"),
            "{err}"
        );
    }
}

/// Most protected PDFs need no password to open, only restrict copying: they are read as a
/// viewer reads them. One that needs a password says so, not that it looks scanned.
#[test]
fn a_protected_pdf_is_read_unless_it_needs_a_password() {
    let dir = std::path::Path::new("fixtures/plans");
    let copying = planaudit_in(dir, &["check", "protected-copying.pdf", "-f", "outcomes"]);
    assert_eq!(code(&copying), 1, "{}", stderr(&copying));
    let report = stdout(&copying);
    assert!(report.contains("protected-copying.pdf"), "{report}");
    assert!(!report.contains("O6 Supporting unpaid carers"), "{report}");
    let password = planaudit_in(dir, &["check", "protected-password.pdf"]);
    let err = stderr(&password);
    assert_eq!(code(&password), 2, "{err}");
    assert!(
        err.contains("protected-password.pdf: the PDF is password-protected"),
        "{err}"
    );
    assert!(!err.contains("scanned"), "{err}");
}

#[test]
fn bad_pdfs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = std::fs::read("fixtures/plans/gaps-plan.pdf").unwrap();
    std::fs::write(dir.path().join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(
        dir.path().join("letter.pdf"),
        "Dear colleague,\nplease find",
    )
    .unwrap();
    std::fs::write(dir.path().join("huge.pdf"), &pdf).unwrap();
    let cases: [(&str, &[&str], &str); 3] = [
        ("truncated.pdf", &[], "it is cut off"),
        (
            "letter.pdf",
            &[],
            "it is not a PDF: it does not start with the %PDF- header",
        ),
        (
            "huge.pdf",
            &["--max-file-size", "10K"],
            "over the limit of 10240 bytes",
        ),
    ];
    for (name, args, message) in cases {
        let mut all = vec!["check", name];
        all.extend(args);
        let output = planaudit_in(dir.path(), &all);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        let report = stdout(&output);
        assert_eq!(
            report, "1 plan or path not read: see standard error\n",
            "{name}"
        );
    }
}

#[test]
fn unreadable_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "plan.pdf",
            b"%PDF-1.7\n%binary",
            "cannot read this PDF file",
        ),
        ("plan.md", b"%PDF-1.4\n", "cannot read this PDF file"),
        (
            "plan.docx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "cannot read this DOCX file: it is not a readable ZIP archive",
        ),
        ("plan.html", b"<h1>Plan</h1>\xA3400", "not valid UTF-8"),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let output = planaudit_in(dir.path(), &["check", name]);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// The CI formats point at a Word or PDF plan as a whole file, naming the page or paragraph in
/// words: the lines of its extracted text are nowhere in the file an annotation is shown on.
#[test]
fn ci_formats_name_the_page_of_a_word_or_pdf_plan() {
    for (plan, place) in [
        ("gaps-plan.docx", "(paragraph "),
        ("gaps-plan.pdf", "(page "),
    ] {
        let path = format!("fixtures/plans/{plan}");
        let args = ["check", &path, "--no-config", "--format"];
        let github = stdout(&planaudit_in(
            std::path::Path::new("."),
            &[&args[..], &["github"]].concat(),
        ));
        let weak: Vec<&str> = github.lines().filter(|l| l.contains("weak-item")).collect();
        assert!(!weak.is_empty(), "{github}");
        for line in weak {
            assert!(line.contains(",line=1,title="), "{line}");
            assert!(!line.contains(",col="), "{line}");
            assert!(line.contains(place), "{line}");
        }
        let sarif = stdout(&planaudit_in(
            std::path::Path::new("."),
            &[&args[..], &["sarif"]].concat(),
        ));
        // Every location names the file's first line, as code scanning requires a region of
        // every result, and no column.
        let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{plan}");
        for result in results {
            let related = result["relatedLocations"].as_array().into_iter().flatten();
            for location in result["locations"]
                .as_array()
                .unwrap()
                .iter()
                .chain(related)
            {
                let region = &location["physicalLocation"]["region"];
                assert_eq!(*region, serde_json::json!({"startLine": 1}), "{plan}");
            }
        }
        assert!(sarif.contains(place), "{plan}");
    }
}

/// A Markdown file that opens with `<html>` is read as HTML, where its `##` lines are not
/// headings: the warning says which format was read and how to read it as Markdown.
#[test]
fn a_markdown_file_read_as_html_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "<html>\n# Plan\n\n## Carers\n\nWe will support unpaid carers.\n";
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let output = planaudit_in(dir.path(), &["check", "plan.md", "--no-config"]);
    let report = stdout(&output);
    assert!(report.contains("so it was read as HTML;"), "{report}");
    let markdown = [
        "check",
        "plan.md",
        "--no-config",
        "--input-format",
        "markdown",
    ];
    let report = stdout(&planaudit_in(dir.path(), &markdown));
    assert!(!report.contains("no-sections"), "{report}");
}

/// Text in a Markdown plan's HTML block is placed word by word with CR LF line ends as with
/// LF: each line's CR lies between the lines the block comes in, and every hit pointed at the
/// block's start.
#[test]
fn html_block_hits_are_placed_alike_with_crlf() {
    let plan = "# Plan\n\n## Carers\n\n<div>\nWe will support unpaid carers with short breaks.\n\
                More respite for carers.\n</div>\n";
    let rules = rules();
    let places = |text: String| -> Vec<(usize, usize, String)> {
        let document = Document::from_bytes("p.md".into(), text.into_bytes()).unwrap();
        let report = audit::audit(document, &rules);
        let doc = &report.document;
        let evidence = report.links.iter().flatten().flat_map(|l| &l.evidence);
        evidence
            .map(|e| {
                let at = doc.position(e.span().start);
                (at.line, at.column, doc.source[e.span()].to_owned())
            })
            .collect()
    };
    let lf = places(plan.to_owned());
    assert!(
        lf.iter()
            .any(|(line, column, _)| (*line, *column) == (6, 36)),
        "{lf:?}"
    );
    assert_eq!(places(plan.replace('\n', "\r\n")), lf);
}
