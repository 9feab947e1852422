//! The paraphrase fixture: a synthetic plan whose sections each address one outcome or
//! principle in plain words, without its title or statutory wording, or are near-misses that use
//! nearby words and address nothing. Its labels are by construction
//! (fixtures/labels/paraphrase.yaml, `rationale` says what each section was written as).
//!
//! Every section is checked: a section written for an item should link it, and a near-miss
//! should link nothing. Not all can yet, because one plain-words paragraph seldom scores an
//! item's threshold from vocabulary alone. The test holds the figures reached so far as a floor
//! and prints the sections that fail, so that the floor can be raised as linking improves.

mod common;

use std::collections::BTreeMap;

use planaudit::eval::Evaluation;
use planaudit::rules::Catalog;
use serde::Deserialize;

const LABELS: &str = "fixtures/labels/paraphrase.yaml";

/// Sections written for an item that link it, out of 66, headings kept (10 before short sections
/// counted ×1.5 and the core-idea groups weighed 3, 28 before the topic groups, 34 with their
/// first vocabulary, 39 before P2 and P3 got theirs). Raise it when linking improves; never
/// lower it to make a change pass.
const ADDRESSING_LINKED: usize = 43;
/// Near-misses that link no item at all, out of 66.
const NEAR_MISSES_CLEAN: usize = 65;

#[derive(Deserialize)]
struct Labels {
    documents: Vec<Document>,
}

#[derive(Deserialize)]
struct Document {
    sections: Vec<Section>,
}

#[derive(Deserialize)]
struct Section {
    heading: String,
    expected: Vec<String>,
    rationale: String,
}

/// What a section was written as.
enum Written {
    For(String),
    NearMiss(String),
    Introduction,
}

fn written_as(section: &Section) -> Written {
    if let Some(item) = section.rationale.strip_prefix("written for ") {
        Written::For(item.to_owned())
    } else if let Some(item) = section.rationale.strip_prefix("near-miss for ") {
        Written::NearMiss(item.to_owned())
    } else {
        Written::Introduction
    }
}

fn sections() -> Vec<Section> {
    let text = std::fs::read_to_string(LABELS).unwrap();
    let labels: Labels = serde_yaml::from_str(&text).unwrap();
    labels
        .documents
        .into_iter()
        .flat_map(|d| d.sections)
        .collect()
}

fn evaluate(neutral_headings: bool) -> Evaluation {
    common::evaluate(LABELS, neutral_headings)
}

#[test]
fn every_outcome_and_principle_has_three_paraphrases_and_three_near_misses() {
    let mut written: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for section in sections() {
        match written_as(&section) {
            Written::For(item) => {
                assert_eq!(
                    section.expected.first(),
                    Some(&item),
                    "{}: the item a section was written for comes first in its labels",
                    section.heading
                );
                written.entry(item).or_default().0 += 1;
            }
            Written::NearMiss(item) => {
                assert!(section.expected.is_empty(), "{}", section.heading);
                written.entry(item).or_default().1 += 1;
            }
            Written::Introduction => assert!(section.expected.is_empty()),
        }
    }
    let items: Vec<String> = (1..=9)
        .map(|n| format!("O{n}"))
        .chain((0..=12).map(|n| format!("P{n}")))
        .collect();
    assert_eq!(
        written.keys().cloned().collect::<Vec<_>>().len(),
        items.len()
    );
    for item in items {
        let (paraphrases, near_misses) = written.get(&item).copied().unwrap_or_default();
        assert!(paraphrases >= 3, "{item}: {paraphrases} paraphrases");
        assert!(near_misses >= 3, "{item}: {near_misses} near-misses");
    }
}

/// Checks each section against what it was written as, and returns (addressing sections that
/// link their item, near-misses that link nothing, failures).
fn check_sections(evaluation: &Evaluation) -> (usize, usize, Vec<String>) {
    let (mut linked, mut clean, mut failures) = (0, 0, Vec::new());
    for section in sections() {
        let misses: Vec<_> = evaluation
            .misses
            .iter()
            .filter(|m| m.heading == section.heading)
            .collect();
        match written_as(&section) {
            Written::For(item) => {
                if misses.iter().any(|m| !m.predicted && m.item == item) {
                    failures.push(format!(
                        "{}: written for {item}, not linked",
                        section.heading
                    ));
                } else {
                    linked += 1;
                }
            }
            Written::NearMiss(item) => {
                let wrong: Vec<&str> = misses
                    .iter()
                    .filter(|m| m.predicted)
                    .map(|m| m.item.as_str())
                    .collect();
                if wrong.is_empty() {
                    clean += 1;
                } else {
                    failures.push(format!(
                        "{}: near-miss for {item}, links {wrong:?}",
                        section.heading
                    ));
                }
            }
            Written::Introduction => {}
        }
    }
    (linked, clean, failures)
}

#[test]
fn paraphrases_link_their_item_and_near_misses_link_nothing() {
    let (linked, clean, failures) = check_sections(&evaluate(false));
    eprintln!("{}", failures.join("\n"));
    assert!(
        linked >= ADDRESSING_LINKED,
        "only {linked} paraphrases link their item (floor {ADDRESSING_LINKED})"
    );
    assert!(
        clean >= NEAR_MISSES_CLEAN,
        "only {clean} near-misses link nothing (floor {NEAR_MISSES_CLEAN})"
    );
}

/// The headings are "Section N", so neutralising them must not change a single link.
#[test]
fn neutral_headings_change_nothing_on_a_plan_without_topical_headings() {
    assert_eq!(evaluate(false), evaluate(true));
}

/// Words every plan uses on every page say nothing about any one item.
#[test]
fn generic_words_link_no_item() {
    let rules = Catalog::builtin()
        .select(&["outcomes", "principles", "national-voices"])
        .unwrap();
    let text = "## Our services\n\nHealth and social care services give care and support to \
        people. Health, care and support matter to people, families and communities, and our \
        services, staff and partners work on health and care every day.\n";
    let document =
        planaudit::document::Document::from_bytes("plan.md".into(), text.as_bytes().to_vec())
            .unwrap();
    let report = planaudit::audit::audit(document, &rules);
    let linked: Vec<&str> = report
        .links
        .iter()
        .flatten()
        .map(|link| rules.item(link.item).item.id.as_str())
        .collect();
    assert!(linked.is_empty(), "generic words linked {linked:?}");
}
