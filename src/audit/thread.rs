//! The thread from a priority to what will be done, how it will be measured and what pays for
//! it: for each section that addresses an item, its first commitment, measure and resource.
//!
//! A measure is a national indicator (NI1–NI23), a Ministerial Strategic Group measure, or a
//! local target: a number and a date in one sentence. Resources are money, posts or a budget.

use std::ops::Range;
use std::sync::LazyLock;

use super::claims::{Claim, Headings, subtree};
use super::codes::Code;
use super::coverage::ItemScores;
use super::findings::{Finding, Label, heading_span};
use super::links::{Link, Strength};
use super::statements;
use super::wording::{Wording, forms};
use crate::document::{Block, Document};
use crate::parallel;
use crate::rules::{Obligation, Rules};

/// One section's thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// The section, as an index into the document's sections.
    pub section: usize,
    /// Items the section's own text addresses.
    pub items: Vec<usize>,
    /// The first commitment in the section or its subsections: what will be done.
    pub commitment: Option<Passage>,
    /// The first measure there: how it will be known to work.
    pub measure: Option<Passage>,
    /// The first mention of money, posts or a budget there: what pays for it.
    pub resources: Option<Passage>,
}

/// A sentence or phrase of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Where it is in the plan's source.
    pub span: Range<usize>,
    /// The passage, whitespace collapsed.
    pub text: String,
}

/// See [`forms::named_measure`].
pub(super) static NAMED_MEASURE: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::named_measure()));

/// See [`forms::date`].
pub(super) static DATE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::date()));

/// See [`forms::number`].
pub(super) static NUMBER: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::number()));

/// See [`forms::resources`].
pub(super) static RESOURCES: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::resources()));

/// The first measure in a block's text: a named one, or a target: a sentence that commits to
/// something, with a date and another number, and is not a forecast. A dated number alone is
/// a statistic ("In 2024, 312 carers replied to our survey"), which shows no progress.
fn measure(text: &str) -> Option<Range<usize>> {
    if let Some(found) = NAMED_MEASURE.find(text) {
        return Some(found);
    }
    let mut sentences = statements::split_sentences(text).into_iter();
    sentences.find(|s| {
        let sentence = &text[s.clone()];
        // Every date holds a year "20…": most sentences have none, and need no copy.
        if !sentence.contains("20")
            || statements::is_projection(sentence)
            || !statements::is_commitment(sentence)
        {
            return false;
        }
        let dated = DATE.without(sentence);
        dated.len() < sentence.len() && NUMBER.is_match(&dated)
    })
}

/// The first sentence of a block's text that promises an action or sets a target.
fn commitment(text: &str) -> Option<Range<usize>> {
    let mut sentences = statements::split_sentences(text).into_iter();
    sentences.find(|s| statements::is_commitment(&text[s.clone()]))
}

fn resources(text: &str) -> Option<Range<usize>> {
    RESOURCES.find(text)
}

/// The first passage in `blocks` that `find` picks out.
fn first(
    document: &Document,
    blocks: &[Block],
    find: impl Fn(&str) -> Option<Range<usize>>,
) -> Option<Passage> {
    blocks.iter().find_map(|block| {
        let found = find(document.block_text(block))?;
        let range = block.text().start + found.start..block.text().start + found.end;
        Some(Passage {
            span: document.text.source_span(range.clone()),
            text: document.text.as_str()[range].trim().to_owned(),
        })
    })
}

/// The blocks of a section and its subsections.
fn subtree_blocks(document: &Document, section: usize) -> &[Block] {
    let sections = subtree(document, section);
    let start = document.sections[section].blocks().start;
    let end = document.sections[sections.end - 1].blocks().end.max(start);
    &document.blocks[start..end]
}

/// A thread for each section whose own text addresses an item, in section order; a large
/// plan's are found in parallel on the current rayon pool, as a chapter's thread reads every
/// block of its subsections.
pub(super) fn threads(document: &Document, links: &[Vec<Link>]) -> Vec<Thread> {
    let addressing: Vec<usize> = (0..document.sections.len())
        .filter(|&section| links[section].iter().any(addresses))
        .collect();
    let parallel = parallel::worth_it(document.text.as_str());
    parallel::map_in_order(
        &addressing,
        parallel,
        || (),
        |_, &section| thread(document, &links[section], section),
    )
}

fn addresses(link: &Link) -> bool {
    link.strength >= Strength::Addressed
}

/// The thread of `section`, whose own `links` address at least one item.
fn thread(document: &Document, links: &[Link], section: usize) -> Thread {
    let blocks = subtree_blocks(document, section);
    Thread {
        section,
        items: links
            .iter()
            .filter(|l| addresses(l))
            .map(|l| l.item)
            .collect(),
        commitment: first(document, blocks, commitment),
        measure: first(document, blocks, measure),
        resources: first(document, blocks, resources),
    }
}

/// Priorities that address items with no measure going with them. A priority is a section the
/// plan's claims are about, or one headed "Priority …"; its measure may sit in its own text or
/// in any table row whose first cell names it.
pub(super) fn no_measure(
    document: &Document,
    rules: &Rules,
    scores: &[ItemScores],
    claims: &[Claim],
) -> Vec<Finding> {
    let mut priorities: Vec<usize> = claims.iter().filter_map(|c| c.section).collect();
    priorities.extend((0..document.sections.len()).filter(|&s| {
        document
            .section_heading(s)
            .is_some_and(|h| h.trim_start().to_lowercase().starts_with("priority"))
    }));
    priorities.sort_unstable();
    priorities.dedup();
    let measured_elsewhere = measured_rows(document);
    priorities
        .into_iter()
        .filter(|&s| addresses_any(rules, scores, s))
        .filter(|&s| first(document, subtree_blocks(document, s), measure).is_none())
        .filter(|s| !measured_elsewhere.contains(s))
        .map(|s| Finding {
            code: Code::NoMeasure,
            severity: Code::NoMeasure.severity(Obligation::Must),
            item: None,
            section: Some(s),
            message: format!(
                "priority \"{}\" addresses outcomes but has no measure of its own",
                document.heading(s)
            ),
            labels: vec![Label {
                span: heading_span(document, s),
                text: "no indicator, MSG measure or dated target here or in a table row naming it"
                    .into(),
            }],
        })
        .collect()
}

/// Whether a section addresses any item, by the section-context rule.
fn addresses_any(rules: &Rules, scores: &[ItemScores], section: usize) -> bool {
    scores[section]
        .iter()
        .any(|(item, score)| score.addresses(rules.item(*item).threshold()))
}

/// Sections named by a table row (its first cell) that holds a measure in any cell.
fn measured_rows(document: &Document) -> Vec<usize> {
    let cells: Vec<&Block> = document
        .blocks
        .iter()
        .filter(|b| b.cell().is_some())
        .collect();
    // Built on the first measured row: a plan of many headings and no such table need not
    // hold every heading's words.
    let mut headings = None;
    let mut named = Vec::new();
    for row in cells.chunk_by(|a, b| {
        let (a, b) = (a.cell().unwrap_or_default(), b.cell().unwrap_or_default());
        (a.table, a.row) == (b.table, b.row)
    }) {
        let measured = row
            .iter()
            .any(|b| measure(document.block_text(b)).is_some());
        let label = row.iter().find(|b| b.cell().is_some_and(|c| c.column == 0));
        if let (true, Some(label)) = (measured, label) {
            let headings = headings.get_or_insert_with(|| Headings::new(document));
            named.extend(headings.resolve(document.block_text(label), label.section()));
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(find: fn(&str) -> Option<Range<usize>>, text: &str) -> Option<String> {
        find(text).map(|r| text[r].to_owned())
    }

    #[test]
    fn a_measure_is_an_indicator_an_msg_measure_or_a_dated_number() {
        assert_eq!(
            found(measure, "Progress is tracked through NI8."),
            Some("NI8".into())
        );
        assert_eq!(
            found(measure, "We report unplanned bed days each quarter."),
            Some("unplanned bed days".into())
        );
        assert_eq!(
            found(measure, "Intro. Reach 400 people by March 2027. More."),
            Some("Reach 400 people by March 2027.".into())
        );
        assert_eq!(found(measure, "NI24 is not an indicator."), None);
        assert_eq!(
            found(measure, "We will do better by 2027."),
            None,
            "a date alone"
        );
        assert_eq!(
            found(measure, "We have 400 carers."),
            None,
            "a number alone"
        );
        assert_eq!(
            found(measure, "In 2024, 312 carers replied to our survey."),
            None,
            "a statistic of the past"
        );
        assert_eq!(
            found(measure, "We will raise it from 30% to 40% in 2028."),
            Some("We will raise it from 30% to 40% in 2028.".into())
        );
        assert_eq!(
            found(
                measure,
                "We forecast a funding gap of £7 million in 2026/27 if nothing changes."
            ),
            None,
            "a forecast"
        );
    }

    #[test]
    fn a_commitment_is_the_sentence_that_promises() {
        assert_eq!(
            found(
                commitment,
                "Carers matter. We will open two hubs. Nothing else."
            ),
            Some("We will open two hubs.".into())
        );
        assert_eq!(found(commitment, "Carers told us breaks matter."), None);
    }

    #[test]
    fn resources_are_money_posts_or_a_budget() {
        assert_eq!(
            found(resources, "We set aside £1.2m for it."),
            Some("£1.2m".into())
        );
        assert_eq!(
            found(resources, "Two new link worker posts start soon."),
            Some("new link worker posts".into())
        );
        assert_eq!(
            found(resources, "The budget line is shown."),
            Some("budget".into())
        );
        assert_eq!(found(resources, "We post letters."), None);
    }
}
