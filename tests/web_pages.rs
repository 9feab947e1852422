//! The web-pages fixture: the website of an invented partnership (strategic plan summary,
//! priorities, locality planning, performance, governance, news, service directories and
//! housekeeping pages), in the style of the partnership web pages that planaudit over-links.
//! A reviewer labelled each section only with the items it does real work on
//! (fixtures/labels/web-pages.yaml, `rationale` says why), before planaudit was run on it.
//!
//! Most false positives are passing mentions: lists of services, values or priorities,
//! statistics, restated indicators and names of groups and documents. The test holds the figures
//! reached so far as a floor and prints the false positives, so that the floor can be raised as
//! precision improves.

mod common;

const LABELS: &str = "fixtures/labels/web-pages.yaml";

/// For each framework: true positives at least and false positives at most, headings kept
/// (measured at `b73f42c`: outcomes 8 / 31 of 8 labels, principles 8 / 23 of 10; since passing
/// mentions in long sections count half, 8 / 18 and 8 / 10; since background alone addresses
/// nothing, 8 / 11 and 8 / 9, the same with neutral headings; since a sentence that quotes the
/// main purpose is part of a restated framework, 8 / 11 and 8 / 8; with self-directed support
/// read as P2, 8 / 11 and 9 / 8; with the background share, open lists, notices, services and
/// definitions, 8 / 5 and 9 / 6; with self-directed support's words out of O4, outcomes 8 / 3,
/// 8 / 4 with neutral headings; since a passing mention in a paragraph counts ×0.67 rather than
/// ×0.5, a trade decided on three real batches where it gained 11 outcome links and no false
/// one, 8 / 6 with headings and 8 / 7 neutral: the priorities page's run-in paragraphs ("**A sustainable workforce.**
/// Recruitment, retention…") read as prose, and the performance page's one carers paragraph).
/// Tighten these when linking improves; never loosen them to make a change pass.
const FLOORS: &[common::Floor] = &[("outcomes", 8, 7), ("principles", 9, 6)];

#[test]
fn web_pages_hold_their_precision_and_recall_with_headings() {
    common::assert_floors(LABELS, FLOORS, false);
}

#[test]
fn web_pages_hold_their_precision_and_recall_with_neutral_headings() {
    common::assert_floors(LABELS, FLOORS, true);
}
