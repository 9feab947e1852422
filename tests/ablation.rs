//! Ablation over every item of every built-in framework: removing the sections that cover an
//! item in a complete fixture leaves the item uncovered. It proves coverage comes from where
//! the plan addresses the item, not from vocabulary spread over the whole plan.

use planaudit::audit::{self, FileReport, Status};
use planaudit::document::Document;
use planaudit::rules::{Catalog, Rules, Structure};

fn audit_text(text: &str, rules: &Rules) -> FileReport {
    let document = Document::from_bytes("plan.md".into(), text.as_bytes().to_vec()).unwrap();
    audit::audit(document, rules)
}

/// Removes `sections` (with their subsections) from the plan.
fn without(report: &FileReport, sections: &[usize]) -> String {
    let mut spans: Vec<_> = sections
        .iter()
        .map(|&s| report.document.sections[s].span())
        .collect();
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    // A covering section may sit inside another covering one: keep only the outer spans.
    let mut outer: Vec<std::ops::Range<usize>> = Vec::new();
    for span in spans {
        if outer.last().is_none_or(|last| span.start >= last.end) {
            outer.push(span);
        }
    }
    let mut text = report.document.source.clone();
    for span in outer.into_iter().rev() {
        text.replace_range(span, "");
    }
    text
}

fn ablate(fixture: &str, framework: &str) {
    let rules = Catalog::builtin().select(&[framework]).unwrap();
    let text = std::fs::read_to_string(format!("fixtures/plans/{fixture}.md")).unwrap();
    let complete = audit_text(&text, &rules);
    let mut failures = Vec::new();
    for item in rules.items() {
        let coverage = &complete.coverage[item.index];
        assert_eq!(
            coverage.status,
            Status::Covered,
            "{fixture} covers {}",
            item.item.id
        );
        if item.item.structure == Some(Structure::ReviewPeriod) {
            continue; // decided by the plan period, not by sections: see audit::structure tests
        }
        let report = audit_text(&without(&complete, &coverage.sections), &rules);
        let status = report.coverage[item.index].status;
        if status == Status::Covered {
            let headings: Vec<&str> = coverage
                .sections
                .iter()
                .map(|&s| complete.document.heading(s))
                .collect();
            let still: Vec<&str> = report.coverage[item.index]
                .sections
                .iter()
                .map(|&s| report.document.heading(s))
                .collect();
            failures.push(format!(
                "{} still covered without {headings:?}, by {still:?}",
                item.item.id
            ));
        }
    }
    assert!(failures.is_empty(), "{fixture}/{framework}: {failures:#?}");
}

#[test]
fn outcomes() {
    ablate("complete-plan", "outcomes");
}

#[test]
fn principles() {
    ablate("complete-plan", "principles");
}

#[test]
fn statutory() {
    ablate("complete-plan", "statutory");
}

#[test]
fn national_voices() {
    ablate("english-strategy", "national-voices");
}
