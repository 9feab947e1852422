//! Any bytes as a plan: parsing and auditing never panic, and every span the audit reports lies
//! on character boundaries inside the plan.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use planaudit::audit;
use planaudit::document::Document;
use planaudit::rules::{Catalog, Rules};

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let catalog = Catalog::builtin().expect("built-in rules load");
    let ids: Vec<String> = catalog.sets().iter().map(|s| s.id.clone()).collect();
    catalog.select(&ids).expect("built-in rules compile")
});

fuzz_target!(|data: &[u8]| {
    let Ok(document) = Document::from_bytes("fuzz.md".into(), data.to_vec()) else {
        return;
    };
    let report = audit::audit(document, &RULES);
    let source = &report.document.source;
    let on_boundaries = |span: &std::ops::Range<usize>| {
        span.start <= span.end
            && span.end <= source.len()
            && source.is_char_boundary(span.start)
            && source.is_char_boundary(span.end)
    };
    for section in &report.document.sections {
        assert!(on_boundaries(&section.span));
    }
    for link in report.links.iter().flatten() {
        for evidence in link.evidence.iter().chain(&link.commitments) {
            assert!(on_boundaries(&evidence.span), "{:?}", evidence);
        }
    }
    for finding in &report.findings {
        for label in &finding.labels {
            assert!(on_boundaries(&label.span));
        }
    }
    let _ = planaudit::report::json(&audit::Report {
        rules: &RULES,
        files: vec![report],
    });
});
