//! The blind plan fixture: the strategic plan of an invented partnership, in the register of
//! published plan chapters (foreword, needs profile, priorities, localities, finance,
//! performance, governance, glossary), written with its labels (fixtures/labels/blind-plan.yaml,
//! each with a `rationale`) by a writer who had not seen the rules, the other fixtures or the
//! development set, and who was not told how planaudit links.
//!
//! Its first measurement (docs/accuracy.md) found recall high and precision low: planaudit
//! over-links plan text. Rules were decided on it after that, so it is a tuned set now. The test
//! holds the figures reached so far as a floor and prints the false positives.

mod common;

const LABELS: &str = "fixtures/labels/blind-plan.yaml";

/// For each framework: true positives at least and false positives at most (first measured at
/// `0d895e9`: outcomes 12 / 20 of 14 labels, principles 12 / 14 of 13; with definitions and
/// measures under promises, 12 / 15 and 12 / 13; with reported views as background, 12 / 14
/// and 12 / 10; with a purpose over a list doubling none of its items, 12 / 13 and 12 / 8; with
/// one idea per overlapping group term, 12 / 12 and 12 / 8; with "outlying" kept apart from
/// "out", 12 / 12 and 12 / 7).
/// Tighten these when linking improves; never loosen them to make a change pass.
const FLOORS: &[common::Floor] = &[("outcomes", 12, 12), ("principles", 12, 7)];

#[test]
fn the_blind_plan_holds_its_precision_and_recall_with_headings() {
    common::assert_floors(LABELS, FLOORS, false);
}

#[test]
fn the_blind_plan_holds_its_precision_and_recall_with_neutral_headings() {
    common::assert_floors(LABELS, FLOORS, true);
}
