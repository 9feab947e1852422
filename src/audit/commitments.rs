//! Commitments: the sentences that turn an intention into something a reader can hold the
//! partnership to. A commitment is a future action or a target ("we will … by March 2027", "a
//! target of 500 breaks"), and it commits a link only when it is about the link's item: the
//! sentence holds evidence for the item, is next to one that does in its paragraph, or is the
//! next item of its list and names no other item of the same framework ("- Breaks for carers",
//! "- Recruit 40 care staff by 2026" commits the workforce outcome, not the carers one). A
//! named lead alone ("Lead officer: …") says who, not what will be done, so it is not one.
//!
//! A figure on its own is not a commitment: "10% of spend goes on prevention" reports the past.
//! A figure in a future sentence is the measure that makes a commitment checkable.

use std::ops::Range;

use super::statements::Statements;
use crate::document::{BlockKind, Document};

/// The commitments that go with a link: plan-text ranges of commitment sentences that hold
/// evidence for the item (`evidence`: plan-text ranges with their blocks) or sit next to a
/// sentence that does. Next to means the sentence before or after in the same block, or a
/// neighbouring item of the same list that `elsewhere` does not say names another item of the
/// framework; an item under a promising lead-in ("We will:") is itself a commitment.
pub(super) fn about(
    document: &Document,
    statements: &mut Statements<'_>,
    evidence: &[(usize, Range<usize>)],
    elsewhere: &dyn Fn(&Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    // Evidence comes in document order, so each block's hits are one run, sorted by start.
    for hits in evidence.chunk_by(|a, b| a.0 == b.0) {
        let block = hits[0].0;
        if document.blocks[block].kind == BlockKind::Heading {
            continue;
        }
        let starts: Vec<usize> = hits.iter().map(|(_, r)| r.start).collect();
        found.extend(in_block(statements, block, &starts, elsewhere));
        for neighbour in list_neighbours(document, block) {
            found.extend(in_block(statements, neighbour, &[], elsewhere));
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    found.dedup();
    found
}

/// Commitment sentences of a block that hold one of `hits` (plan-text starts, sorted) or are
/// next to one that does; with no hits (a neighbouring list item), every commitment sentence of
/// the block that is not `elsewhere`. A paragraph keeps to its subject from one sentence to the
/// next ("… this practice", "those teams"), so there the sentence after one with a hit counts
/// whatever else it names, and the one before it unless it names another item instead
/// (`elsewhere`); list items are separate points, and one that names another item is about that
/// item.
fn in_block(
    statements: &mut Statements<'_>,
    block: usize,
    hits: &[usize],
    elsewhere: &dyn Fn(&Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    let committing: Vec<usize> = statements.commitments(block).map(|(i, _)| i).collect();
    let sentences = statements.sentences(block);
    let holds = |i: usize| {
        sentences.get(i).is_some_and(|s| {
            let first = hits.partition_point(|&h| h < s.range.start);
            hits.get(first).is_some_and(|&h| h < s.range.end)
        })
    };
    // The sentence after the item's may refer back to it ("… to each of them"), whatever
    // else it names; the one before cannot, and if it names another item it is about that
    // one ("We will open a carers centre. Reablement helps people live at home.").
    let beside =
        |i: usize| (i > 0 && holds(i - 1)) || (holds(i + 1) && !elsewhere(&sentences[i].range));
    let neighbour = |i: usize| hits.is_empty() && !elsewhere(&sentences[i].range);
    let near = |i: usize| holds(i) || beside(i) || neighbour(i);
    (committing.into_iter())
        .filter(|&i| near(i))
        .map(|i| sentences[i].range.clone())
        .collect()
}

/// The items just before and after a list item in the same list.
fn list_neighbours(document: &Document, block: usize) -> impl Iterator<Item = usize> + '_ {
    let b = &document.blocks[block];
    let same_list = move |n: &usize| {
        let other = &document.blocks[*n];
        b.list().is_some() && other.list() == b.list() && other.section() == b.section()
    };
    [block.checked_sub(1), Some(block + 1)]
        .into_iter()
        .flatten()
        .filter(|&n| n < document.blocks.len())
        .filter(same_list)
}

#[cfg(test)]
mod tests {
    use super::super::statements::is_commitment;
    use super::*;

    #[test]
    fn a_future_action_deadline_or_target_commits() {
        for text in [
            "We will open two hubs.",
            "Two hubs open by March 2027",
            "We will cut delays by 15% this year.",
            "We aim to halve waits;",
            "Reviews happen within six months.",
            "Our target is 500 more breaks.",
            "We're fully committed to opening a carers centre by 2027.",
            // With a purpose, a forecast's sentence still commits, and so does a target said
            // as what will happen; a promise beside what cannot be done, too.
            "Demand is expected to grow by 2030, and we aim to meet it.",
            "Target: short breaks will rise by 20% by 2027.",
            "Short breaks for unpaid carers will double by 2027.",
            "We will not be able to do this alone, so we will work with the third sector.",
            "We will support carers who are unable to continue caring to plan ahead by 2026.",
            "We will not be able to do this alone and we will work with the third sector.",
            "If we cannot continue to fund day centres we will redesign short breaks by 2026.",
            // The partnership in the third person, a service offered, a start date.
            "The HSCP will offer every unpaid carer a support plan, led by the Carers Lead.",
            "From April 2026, every unpaid carer will be offered a support plan.",
            "Every pharmacy will offer a blood pressure check from April 2026.",
        ] {
            assert!(is_commitment(text), "{text}");
        }
    }

    #[test]
    fn statistics_and_description_do_not_commit() {
        for text in [
            // A value held, with no action or date.
            "We're fully committed to carers.",
            "We are committed to supporting unpaid carers.",
            "Carers told us that breaks matter.",
            "Since 2019 the service has grown.",
            "From 2019 to 2022, admissions rose by a fifth.",
            "The board will receive the report.",
            "The will of the people, e.g. in 2020.",
            "About 10% of NHS spend goes on prevention.",
            "Delays fell by 15% last year.",
            // A forecast's date is not a deadline, and what cannot be done is no promise.
            "The number of people aged over 85 is expected to grow by 30% by 2035.",
            "We will not be able to keep doing everything we do now.",
            "We won’t be able to fund every service by 2027.",
            "The number of carers needing targeted support is expected to rise by 2030.",
            "We forecast a funding gap of £6 million by 2028/29 if nothing changes.",
            "On current trends, emergency admissions will pass 9,000 a year by 2030.",
            // Who leads says who, not what will be done: it strengthens a commitment, and is
            // not one on its own.
            "Lead officer: Morven Baillie",
        ] {
            assert!(!is_commitment(text), "{text}");
        }
    }

    fn commitments(plan: &str, phrase: &str) -> Vec<String> {
        let document = Document::from_bytes("p.md".into(), plan.as_bytes().to_vec()).unwrap();
        let text = document.text.as_str();
        let evidence: Vec<(usize, Range<usize>)> = text
            .match_indices(phrase)
            .map(|(at, _)| (text[..at].matches('\n').count(), at..at + phrase.len()))
            .collect();
        // Another item of the framework: the workforce, named by "staff".
        let elsewhere = |range: &Range<usize>| text[range.clone()].contains("staff");
        let mut statements = Statements::new(&document);
        about(&document, &mut statements, &evidence, &elsewhere)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn a_commitment_must_be_about_the_item() {
        assert_eq!(
            commitments("We will open a hub for carers.", "carers"),
            ["We will open a hub for carers."]
        );
        assert_eq!(
            commitments("Carers need breaks. We will open a hub.", "Carers"),
            ["We will open a hub."],
            "the next sentence"
        );
        assert_eq!(
            commitments(
                "Carers need breaks. Roads are busy. We will resurface roads.",
                "Carers"
            ),
            Vec::<String>::new(),
            "a promise about something else"
        );
        assert_eq!(
            commitments(
                "Carers need breaks. We will ask staff to offer one to each of them.",
                "Carers"
            ),
            ["We will ask staff to offer one to each of them."],
            "a paragraph keeps to its subject"
        );
        assert_eq!(
            commitments(
                "We will ask staff to train in June. Carers need breaks.",
                "Carers"
            ),
            Vec::<String>::new(),
            "a sentence before cannot refer forward: it is about the item it names"
        );
        assert_eq!(
            commitments("About 10% of carers had a break.", "carers"),
            Vec::<String>::new(),
            "a statistic"
        );
    }

    #[test]
    fn list_neighbours_and_promising_lead_ins_commit() {
        let list = "## A\n\n- Breaks for carers\n- Target: 500 more breaks\n- Roads\n";
        assert_eq!(commitments(list, "carers"), ["Target: 500 more breaks"]);
        let list = "## A\n\n- Breaks for carers\n- Target: 50 more staff\n";
        assert!(
            commitments(list, "carers").is_empty(),
            "a neighbour about staff"
        );
        let list = "## A\n\n- Breaks for carers\n- Target: 50 more staff for carers\n";
        assert_eq!(
            commitments(list, "carers"),
            ["Target: 50 more staff for carers"],
            "another item named, and this one too"
        );
        let lead_in = "## A\n\nWe will:\n\n- open a hub for carers\n";
        assert_eq!(commitments(lead_in, "carers"), ["open a hub for carers"]);
    }
}
