//! What a list of items is as a whole: the promises of a lead-in ("We will:") or a table of
//! contents. Read once per list, for all its items.

use std::ops::Range;

use super::figures::NUMBERING_WORDS;
use super::{PROMISE_LEAD_IN, is_one_of};
use crate::document::{BlockKind, Document};

/// What a list as a whole is.
#[derive(Debug, Clone, Copy)]
pub(super) struct ListReading {
    /// Its lead-in promises ([`lead_in_promises`]).
    pub(super) promised: bool,
    /// It is a table of contents ([`is_contents_list`]).
    pub(super) contents: bool,
}

/// Fewest entries that make a list of page numbers a table of contents.
const CONTENTS_ENTRIES: usize = 4;

/// The blocks of the list that holds list item `block`: the run of items around it in the
/// same list and section.
pub(super) fn list_items(document: &Document, block: usize) -> Range<usize> {
    let blocks = &document.blocks;
    let (list, section) = (blocks[block].list(), blocks[block].section());
    let same = |&b: &usize| blocks[b].list() == list && blocks[b].section() == section;
    let first = (0..=block).rev().take_while(same).last().unwrap_or(block);
    let end = block + (block..blocks.len()).take_while(same).count();
    first..end
}

/// Whether a list's `items` are a table of contents, as plans exported from Word or PDF carry
/// one inside a section: [`CONTENTS_ENTRIES`] or more items, each ending in a page number after
/// a space or dot leaders ("Foreword 3", "1.2 What is the Locality Plan? 5", "Appendices ......
/// 38"), the numbers never falling. Its entries name chapters, in the words of the items the
/// chapters address; they say nothing the plan does. A list whose numbers mostly number its
/// titles ("Outcome 1" … "Outcome 9") is not one. A whole section of contents (headed
/// "Contents", or only links to headings) is [`Document::is_contents`], which the audit does
/// not read at all.
pub(super) fn is_contents_list(document: &Document, items: Range<usize>) -> bool {
    let entries: Option<Vec<(u32, bool)>> = document.blocks[items]
        .iter()
        .map(|item| page_number(document.block_text(item)))
        .collect();
    entries.is_some_and(|entries| {
        let numbered = entries.iter().filter(|(_, numbering)| *numbering).count();
        entries.len() >= CONTENTS_ENTRIES
            && 2 * numbered < entries.len()
            && entries.is_sorted_by_key(|(page, _)| *page)
    })
}

/// The number an entry of a table of contents ends with, one to three digits after a title,
/// and whether the word before it may number the title instead ("Outcome 9", "Priority 3").
/// A number after a colon is a value ("Short breaks: 200"), not a page.
fn page_number(entry: &str) -> Option<(u32, bool)> {
    let (title, page) = entry.trim_end().rsplit_once(' ')?;
    if title.ends_with([':', '=']) {
        return None;
    }
    let title = title.trim_end_matches(['.', '…', ' ']);
    let last = title.rsplit(' ').next()?;
    let numbering = NUMBERING_WORDS.contains(&last.to_ascii_lowercase().as_str());
    let digits = (1..=3).contains(&page.len()) && page.bytes().all(|b| b.is_ascii_digit());
    let page = page.parse().ok().filter(|_| digits && !title.is_empty())?;
    Some((page, numbering))
}

/// Whether the paragraph just before a list, whose first item is `first`, ends with ":" and
/// promises.
pub(super) fn lead_in_promises(document: &Document, first: usize) -> bool {
    let blocks = &document.blocks;
    let Some(lead) = first.checked_sub(1).map(|b| &blocks[b]) else {
        return false;
    };
    let text = document.block_text(lead);
    let Some(before) = text.trim_end().strip_suffix(':') else {
        return false;
    };
    let names = before
        .rsplit(' ')
        .next()
        .is_some_and(|last| is_one_of(last, TITLES));
    lead.kind == BlockKind::Paragraph
        && lead.section() == blocks[first].section()
        && !names
        && PROMISE_LEAD_IN.is_match(text)
}

/// Last words of a lead-in that make the list below titles, whatever it promises: "We will
/// deliver our vision through five priorities:" lists the priorities' names.
const TITLES: &[&str] = &[
    "priorities",
    "principles",
    "values",
    "themes",
    "pillars",
    "outcomes",
];
