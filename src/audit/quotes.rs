//! Restated frameworks. Plans often list the nine outcomes or the principles word for word, or
//! as numbered references, before saying anything of their own. Such a list quotes the
//! framework; it does not address it, so its hits are [`Adjustment::Quoted`] and count nothing.
//!
//! A block restates an item when it states no purpose and either reproduces most of the item's
//! statutory wording (at least [`STATEMENT_SHARE`] of its words, in a block at most twice as
//! long), or is short (at most [`REFERENCE_WORDS`] words) and refers to the item ("Outcome 3").
//! A section whose own blocks restate [`QUOTE_MIN_ITEMS`] or more items of one framework quotes
//! it: each of those blocks is a quote.
//!
//! [`Adjustment::Quoted`]: super::statements::Adjustment::Quoted

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::statements::Statements;
use crate::document::{BlockKind, Document};
use crate::rules::Rules;

/// Items of one framework a section must restate to be a quote of it.
const QUOTE_MIN_ITEMS: usize = 3;

/// Share of an item's statement words a block must hold to reproduce it.
const STATEMENT_SHARE: f32 = 0.6;

/// Longest block, in words, that a reference alone makes a restatement ("Outcome 3: carers").
const REFERENCE_WORDS: usize = 15;

/// Words too common to show that a block reproduces a statement.
const COMMON_WORDS: &[&str] = &[
    "that",
    "their",
    "they",
    "them",
    "with",
    "have",
    "from",
    "this",
    "which",
    "including",
    "where",
    "being",
    "other",
    "will",
    "those",
    "these",
    "able",
    "more",
    "into",
];

/// A hit as quote detection sees it.
pub(super) struct BlockHit {
    pub block: usize,
    pub item: usize,
    /// A hit of a reference signal ("Outcome 6").
    pub reference: bool,
}

/// An item's statutory wording as a set of telling words.
struct Statement {
    words: BTreeSet<String>,
    length: usize,
}

/// The blocks that quote a framework.
pub(super) fn quoted_blocks(
    document: &Document,
    rules: &Rules,
    hits: &[BlockHit],
    statements: &mut Statements<'_>,
) -> HashSet<usize> {
    let wording: Vec<Statement> = rules
        .items()
        .map(|i| statement(&i.item.statement))
        .collect();
    // Each block with hits, and the items it refers to.
    let mut by_block: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for hit in hits {
        let references = by_block.entry(hit.block).or_default();
        if hit.reference {
            references.push(hit.item);
        }
    }
    // Per section: each restating block and the items it restates.
    let mut sections: BTreeMap<usize, Vec<(usize, BTreeSet<usize>)>> = BTreeMap::new();
    for (&block, references) in &by_block {
        let b = &document.blocks[block];
        if b.kind == BlockKind::Heading || statements.has_purpose(block) {
            continue;
        }
        let text = document.block_text(b);
        let references = references.iter().copied();
        let restated = restated_items(text, &wording, references);
        if !restated.is_empty() {
            sections
                .entry(b.section)
                .or_default()
                .push((block, restated));
        }
    }
    let mut quoted = HashSet::new();
    for blocks in sections.values() {
        for framework in rules.frameworks() {
            let of_framework = |item: &usize| rules.item(*item).framework.id == framework.id;
            let items: BTreeSet<usize> = blocks
                .iter()
                .flat_map(|(_, items)| items.iter().copied().filter(of_framework))
                .collect();
            if items.len() >= QUOTE_MIN_ITEMS {
                let quoting = blocks
                    .iter()
                    .filter(|(_, items)| items.iter().any(of_framework));
                quoted.extend(quoting.map(|(block, _)| *block));
            }
        }
    }
    quoted
}

/// The items a block restates: those whose statement it reproduces, and, if it is short, those
/// it refers to.
fn restated_items(
    text: &str,
    wording: &[Statement],
    references: impl Iterator<Item = usize>,
) -> BTreeSet<usize> {
    let length = text.split_whitespace().count();
    let longest = wording.iter().map(|s| s.length).max().unwrap_or(0);
    let mut items: BTreeSet<usize> = if length <= REFERENCE_WORDS {
        references.collect()
    } else {
        BTreeSet::new()
    };
    if length > 2 * longest {
        return items;
    }
    let words = statement(text).words;
    for (item, statement) in wording.iter().enumerate() {
        if statement.words.is_empty() || length > 2 * statement.length {
            continue;
        }
        let shared = statement.words.intersection(&words).count();
        if shared as f32 >= STATEMENT_SHARE * statement.words.len() as f32 {
            items.insert(item);
        }
    }
    items
}

fn statement(text: &str) -> Statement {
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
        .collect();
    Statement {
        words,
        length: text.split_whitespace().count(),
    }
}
