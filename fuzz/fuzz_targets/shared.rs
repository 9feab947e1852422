//! What every document fuzz target checks of a plan that parsed: auditing it never panics,
//! every span the audit reports lies on character boundaries inside the plan, and every report
//! format renders (the human report at each detail and width). Included by each target with
//! `#[path]`, so the checks are written once.

use std::sync::LazyLock;

use planaudit::audit;
use planaudit::document::Document;
use planaudit::report;
use planaudit::rules::{Catalog, Rules};

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let catalog = Catalog::builtin();
    let ids: Vec<String> = catalog.ids().map(str::to_owned).collect();
    catalog.select(&ids).expect("built-in rules compile")
});

/// Audits `document` with every built-in rule set and checks what the audit reports.
pub fn check(document: Document) {
    let report = audit::audit(document, &RULES);
    let source = &report.document.source;
    let on_boundaries = |span: &std::ops::Range<usize>| {
        span.start <= span.end
            && span.end <= source.len()
            && source.is_char_boundary(span.start)
            && source.is_char_boundary(span.end)
    };
    for section in &report.document.sections {
        assert!(on_boundaries(&section.span()));
    }
    for link in report.links.iter().flatten() {
        for evidence in link.evidence.iter().chain(&link.commitments) {
            assert!(on_boundaries(&evidence.span()), "{:?}", evidence);
        }
    }
    for finding in &report.findings {
        for label in &finding.labels {
            assert!(on_boundaries(&label.span));
        }
    }
    // Every report format renders the plan's text and places; none may panic on them. The
    // human report also at each detail and at its narrowest width, where text is cut to fit.
    let report = audit::Report {
        rules: &RULES,
        files: vec![report],
        config: None,
    };
    let default = report::Options::default();
    for format in [
        report::Format::Json,
        report::Format::Sarif,
        report::Format::Github,
        report::Format::Markdown,
        report::Format::Html,
        report::Format::Csv,
    ] {
        write(format, &report, &default);
    }
    for detail in [
        report::Detail::Summary,
        report::Detail::Concise,
        report::Detail::Verbose,
    ] {
        for width in [60, report::WIDTH] {
            let options = report::Options {
                detail,
                width,
                ..report::Options::default()
            };
            write(report::Format::Human, &report, &options);
        }
    }
}

fn write(format: report::Format, report: &audit::Report<'_>, options: &report::Options) {
    report::write(format, report, options, &mut std::io::sink()).expect("writes to a sink");
}
