//! What the auditor finds in the fixture plans: the gaps built into them, and nothing else.

use std::collections::BTreeMap;

use planaudit::audit::{self, FileReport, Status};
use planaudit::document::Document;
use planaudit::rules::{Catalog, DEFAULT_FRAMEWORKS, Rules};

fn rules() -> Rules {
    Catalog::builtin()
        .unwrap()
        .select(DEFAULT_FRAMEWORKS)
        .unwrap()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("fixtures/plans/{name}.md")).unwrap()
}

fn audit_text(text: &str, rules: &Rules) -> FileReport {
    let document = Document::from_bytes("plan.md".into(), text.as_bytes().to_vec()).unwrap();
    audit::audit(document, rules)
}

fn statuses(report: &FileReport, rules: &Rules) -> BTreeMap<String, Status> {
    report
        .coverage
        .iter()
        .map(|c| (rules.item(c.item).item.id.clone(), c.status))
        .collect()
}

fn with_status(statuses: &BTreeMap<String, Status>, status: Status) -> Vec<&str> {
    statuses
        .iter()
        .filter(|(_, s)| **s == status)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn complete_plan_covers_every_outcome_and_principle() {
    let rules = rules();
    let report = audit_text(&read("complete-plan"), &rules);
    let statuses = statuses(&report, &rules);
    assert_eq!(statuses.len(), 22);
    assert_eq!(with_status(&statuses, Status::Weak), Vec::<&str>::new());
    assert_eq!(with_status(&statuses, Status::Missing), Vec::<&str>::new());
}

/// The gaps plan was written with these gaps and no others (see its own introduction to
/// the fixture in fixtures/plans/README.md).
#[test]
fn gaps_plan_reports_exactly_its_built_in_gaps() {
    let rules = rules();
    let report = audit_text(&read("gaps-plan"), &rules);
    let statuses = statuses(&report, &rules);
    assert_eq!(
        with_status(&statuses, Status::Missing),
        ["O6", "O8", "P5", "P6"]
    );
    assert_eq!(
        with_status(&statuses, Status::Weak),
        ["O5", "O7", "P11", "P8"]
    );
    let orphans: Vec<&str> = report
        .findings
        .iter()
        .filter_map(|f| f.section)
        .map(|s| report.document.heading(s))
        .collect();
    assert_eq!(orphans, ["About this document"]);
}

/// Removing the one section that covers an item leaves that item uncovered: proof that each
/// item is found where the plan addresses it, not through vocabulary spread over the plan.
#[test]
fn removing_an_items_section_uncovers_it() {
    let cases = [
        ("O1", "Helping people look after their own health"),
        ("O2", "Living independently at home"),
        ("O3", "Making sure people have positive experiences of care"),
        ("O4", "Quality of life and mental health"),
        ("O5", "Reducing health inequalities"),
        ("O6", "Supporting unpaid carers"),
        ("O7", "Keeping people safe from harm"),
        ("O8", "Supporting our workforce"),
        ("O9", "Financial framework"),
    ];
    let rules = rules();
    let text = read("complete-plan");
    let complete = audit_text(&text, &rules);
    let mut failures = Vec::new();
    for (item, heading) in cases {
        let document = &complete.document;
        let section = (0..document.sections.len())
            .find(|&s| document.heading(s) == heading)
            .unwrap_or_else(|| panic!("no section {heading:?}"));
        let span = document.sections[section].span.clone();
        let ablated = format!("{}{}", &text[..span.start], &text[span.end..]);
        let report = audit_text(&ablated, &rules);
        let status = statuses(&report, &rules)[item];
        if status == Status::Covered {
            failures.push(format!("{item} still covered without {heading:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
