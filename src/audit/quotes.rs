//! Restated frameworks. Plans often list the nine outcomes or the principles word for word, or
//! as numbered references, before saying anything of their own. Such a list quotes the
//! framework; it does not address it, so its hits are [`Adjustment::Quoted`] and count nothing.
//!
//! A block restates an item when it states no purpose and either reproduces most of the item's
//! statutory wording (at least [`STATEMENT_SHARE`] of its words, in a block at most twice as
//! long) in the whole block or in one of its sentences, or is short (at most
//! [`REFERENCE_WORDS`] words) and names the item: by a reference ("Outcome 3"), its title or
//! one of the other names the rule file gives it ("3. Positive experiences", as a table of the
//! outcomes lists them), or by its number at the start of a cell in a column headed by its
//! framework ("3. Services respect dignity" under "National outcome").
//! A section whose own blocks restate [`QUOTE_MIN_ITEMS`] or more items of one framework quotes
//! it: each of those blocks is a quote.
//!
//! [`Adjustment::Quoted`]: super::statements::Adjustment::Quoted

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::claims::naming::{header_keyword, items_named, named_in_words};
use super::statements::Statements;
use crate::document::{BlockKind, Document, word_count};
use crate::rules::Rules;

/// Items of one framework a section must restate to be a quote of it.
const QUOTE_MIN_ITEMS: usize = 3;

/// Share of an item's statement words a block must hold to reproduce it.
const STATEMENT_SHARE: f32 = 0.6;

/// Longest block, in words, that naming an item alone makes a restatement ("Outcome 3:
/// carers", "6. Carers are supported").
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

/// Every item's statutory wording as telling words, numbered: a block is read once into the
/// numbers of its words, and each item's share counted on them, where a set of lowercased
/// strings per block, intersected with each item's, was a fifth of a dense plan's audit.
struct Wording {
    /// Each telling word of any statement → its number.
    numbers: HashMap<String, usize>,
    /// Per item: the numbers of its statement's distinct telling words, and its length in words.
    statements: Vec<(Vec<usize>, usize)>,
}

impl Wording {
    fn new(rules: &Rules) -> Self {
        let mut numbers = HashMap::new();
        let statements: Vec<(Vec<usize>, usize)> = rules
            .items()
            .map(|i| {
                let text = &i.item.statement;
                let mut words: Vec<usize> = Vec::new();
                each_telling_word(text, |word| {
                    let next = numbers.len();
                    words.push(*numbers.entry(word.to_owned()).or_insert(next));
                });
                words.sort_unstable();
                words.dedup();
                (words, word_count(text))
            })
            .collect();
        Self {
            numbers,
            statements,
        }
    }

    /// Marks in `present` (one flag per word number) the statement words `text` holds.
    fn read(&self, text: &str, present: &mut [bool]) {
        each_telling_word(text, |word| {
            if let Some(&number) = self.numbers.get(word) {
                present[number] = true;
            }
        });
    }
}

/// Finds the blocks that quote a framework, one section at a time: a section's own blocks
/// decide whether it quotes, so the audit reads its hits where they are, section by section,
/// rather than copying every hit of the plan first (12 MB on a 10 MB plan).
pub(super) struct Quotes<'r> {
    rules: &'r Rules,
    wording: Wording,
    /// One flag per statement word number, all false between blocks.
    present: Vec<bool>,
    /// Per table: each column's header keyword ([`header_keyword`]), by column.
    keywords: HashMap<usize, Vec<Option<&'static str>>>,
}

impl<'r> Quotes<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        let wording = Wording::new(rules);
        let present = vec![false; wording.numbers.len()];
        Self {
            rules,
            wording,
            present,
            keywords: HashMap::new(),
        }
    }

    /// The blocks of one section that quote a framework, sorted. `hits` are the section's
    /// hits as (block, item, whether a reference signal found it: "Outcome 6").
    pub fn in_section(
        &mut self,
        document: &Document,
        hits: impl Iterator<Item = (usize, usize, bool)>,
        statements: &mut Statements<'_>,
    ) -> Vec<usize> {
        // Each block with hits, and the items it refers to.
        let mut by_block: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (block, item, reference) in hits {
            let references = by_block.entry(block).or_default();
            if reference {
                references.push(item);
            }
        }
        // Each restating block and the items it restates.
        let mut blocks: Vec<(usize, BTreeSet<usize>)> = Vec::new();
        for (block, references) in by_block {
            let b = &document.blocks[block];
            if b.kind == BlockKind::Heading || statements.has_purpose(block) {
                continue;
            }
            let text = document.block_text(b);
            // Read only if `restated_items` finds the block short enough to name items.
            let named = std::iter::once(()).flat_map(|()| named_in_words(self.rules, text));
            let numbered = self.numbered_in_column(document, block);
            let references = references.into_iter().chain(named).chain(numbered);
            let (mut restated, too_long) =
                restated_items(text, &self.wording, references, &mut self.present);
            if restated.is_empty() && too_long {
                restated = self.restated_sentences(document, block, statements);
            }
            if !restated.is_empty() {
                blocks.push((block, restated));
            }
        }
        let mut quoted = Vec::new();
        for framework in self.rules.frameworks() {
            let of_framework = |item: &usize| self.rules.item(*item).framework.id == framework.id;
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
        quoted.sort_unstable();
        quoted.dedup();
        quoted
    }

    /// The item a table cell names by its number, when the cell starts with one ("2. People
    /// live at home") under a header that names a framework ("National outcome"): a table of
    /// the outcomes in its own short words.
    fn numbered_in_column(&mut self, document: &Document, block: usize) -> Option<usize> {
        let cell = document.blocks[block].cell().filter(|c| c.row > 0)?;
        let keywords = self.keywords.entry(cell.table).or_insert_with(|| {
            let mut keywords = Vec::new();
            for (text, column) in document.header_row(block) {
                keywords.resize(column + 1, None);
                keywords[column] = header_keyword(text);
            }
            keywords
        });
        let keyword = (*keywords.get(cell.column)?)?;
        let text = document.block_text(&document.blocks[block]).trim_start();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = text[digits..].chars().next();
        if digits == 0 || !matches!(after, Some('.' | ')' | ':')) {
            return None;
        }
        let named = items_named(self.rules, &text[..digits], Some(keyword), false);
        named.first().map(|&(item, _)| item)
    }

    /// The items the sentences of a longer block restate: a paragraph that introduces a list
    /// of the principles often quotes the main purpose in one of its sentences ("The main
    /// purpose of services is to improve the wellbeing of service-users.").
    fn restated_sentences(
        &mut self,
        document: &Document,
        block: usize,
        statements: &mut Statements<'_>,
    ) -> BTreeSet<usize> {
        let sentences = statements.sentences(block);
        if sentences.len() < 2 {
            return BTreeSet::new();
        }
        let text = document.text.as_str();
        sentences
            .iter()
            .flat_map(|sentence| {
                let sentence = &text[sentence.range.clone()];
                restated_items(
                    sentence,
                    &self.wording,
                    std::iter::empty(),
                    &mut self.present,
                )
                .0
            })
            .collect()
    }
}

/// The items a block restates: those whose statement it reproduces, and, if it is short, those
/// it refers to; and whether it holds most of some statement's words but is too long to be
/// that statement alone, the only case where one of its sentences can restate an item that the
/// whole does not. `present` is all false, and left so.
fn restated_items(
    text: &str,
    wording: &Wording,
    references: impl Iterator<Item = usize>,
    present: &mut [bool],
) -> (BTreeSet<usize>, bool) {
    let length = word_count(text);
    let mut items: BTreeSet<usize> = if length <= REFERENCE_WORDS {
        references.collect()
    } else {
        BTreeSet::new()
    };
    let mut too_long = false;
    wording.read(text, present);
    for (item, (words, statement_length)) in wording.statements.iter().enumerate() {
        if words.is_empty() {
            continue;
        }
        let shared = words.iter().filter(|&&word| present[word]).count();
        if shared as f32 >= STATEMENT_SHARE * words.len() as f32 {
            if length > 2 * statement_length {
                too_long = true;
            } else {
                items.insert(item);
            }
        }
    }
    present.fill(false);
    (items, too_long)
}

/// Calls `on_word` with each telling word of `text`, lowercased: four letters or more, and not
/// one of [`COMMON_WORDS`].
fn each_telling_word(text: &str, mut on_word: impl FnMut(&str)) {
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.len() < 4 || word.chars().count() < 4 {
            continue;
        }
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&word.to_lowercase());
        }
        if !COMMON_WORDS.contains(&lower.as_str()) {
            on_word(&lower);
        }
    }
}
