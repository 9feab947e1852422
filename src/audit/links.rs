//! Section → item links, scored from the signals found in each section's own blocks.
//!
//! Each hit is worth its signal's weight times the factor of the one rule of how it is said
//! ([`Adjustment`]: a heading, a sentence of purpose, a statistic, a quote, …).

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use rayon::prelude::*;

use super::commitments;
use super::quotes::Quotes;
use super::statements::{Adjustment, Naming, Statements};
use crate::document::{BlockKind, DirectiveKind, Document, narrow, narrow_range, widen};
use crate::parallel;
use crate::rules::{Rules, Scope, SignalKind};

/// Repeating a signal shows some focus but is no new evidence: each repeat counts half, and
/// only the first two repeats count at all. Repeats count only beside a second signal: a
/// workforce page that names "care at home" four times is about recruiting, not about living at
/// home, and one phrase said often is still one idea.
const REPEAT_FACTOR: f32 = 0.5;
const COUNTED_REPEATS: usize = 2;

/// A section whose own body has at most this many words (a paragraph or two) is about few
/// things, so two signals of an item in it make the item its subject; in a long section the
/// same two signals are passing mentions.
pub const SHORT_SECTION_WORDS: usize = 150;

/// What a short section's score is multiplied by when the item is its subject (its raw score is
/// at least half the best item's there) and its body says two things about the item: two
/// separate hits, or one group (two ideas of the item together). Two plain signals (2 points)
/// then reach the usual threshold of 3. A phrase inside a pattern that spans it is one mention,
/// not two, and gets no such help.
pub const SHORT_SECTION_FACTOR: f32 = 1.5;

/// A section whose body has at least this many blocks (paragraphs, list items, cells) is long
/// enough to be about several things, so how many of them name an item tells its subject from a
/// passing mention.
pub const PASSING_MIN_BLOCKS: usize = 4;

/// An item named in fewer than this share of a long section's body blocks is a passing mention
/// there (a welcome page listing every service, a list of priorities with a line each): its
/// score counts [`PASSING_FACTOR`] times. A sentence of purpose about the item, doubled, still
/// addresses it.
pub const PASSING_SHARE: f32 = 0.2;

/// What a passing mention's score is multiplied by when it is only in list items, table cells
/// or quotes: one line of a catalogue of services or priorities. The discount background gets
/// elsewhere.
pub const PASSING_FACTOR: f32 = 0.5;

/// What a passing mention's score is multiplied by when a paragraph of the section says it: a
/// paragraph about the item in a long page is less in passing than a line of a list. Decided on
/// three real batches (outcomes +11 links, no false one; docs/accuracy.md).
pub const PASSING_PROSE_FACTOR: f32 = 0.67;

/// Items whose raw score is at least this share of the best item's in a short section count as
/// its subject too (a paragraph on falls can be about safety and prevention alike); the rest
/// are passing mentions, as in a long section.
const SUBJECT_SHARE: f32 = 0.5;

/// The share of an item's threshold that must come from something other than background.
/// Background (figures, names, lists, measures, reported views, a look back, legal duties,
/// exclusions, notices) may top a link up to its threshold but not carry it: a performance page
/// that names an outcome's indicators and says one plain sentence about it reports on the
/// outcome; it does not address it.
pub const FOREGROUND_SHARE: f32 = 0.5;

/// The section-context rule's verdict, for one section or a chapter: `score` reaches the
/// threshold, some of the evidence is a statement in the body (`stated`), and `foreground`,
/// the part of the score that is not background, is at least [`FOREGROUND_SHARE`] of it.
pub fn reaches(score: f32, foreground: f32, stated: bool, threshold: f32) -> bool {
    stated && score >= threshold && foreground >= FOREGROUND_SHARE * threshold
}

/// How firmly a section takes on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Only inside a restatement of the framework (a list of the outcomes, say): shown, never
    /// counted as coverage.
    Quoted,
    /// Named in passing.
    Mentioned,
    /// Discussed with enough signals to count as addressed.
    Addressed,
    /// Addressed, with a commitment or measure in the same block.
    Committed,
}

impl Strength {
    /// The lowercase name reports use (`addressed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Quoted => "quoted",
            Strength::Mentioned => "mentioned",
            Strength::Addressed => "addressed",
            Strength::Committed => "committed",
        }
    }
}

/// A passage that supports a link. Its offsets are in 32 bits, as the audit's other offsets
/// (`narrow`): a 10 MB plan holds 300,000 pieces, 28 bytes each rather than 64.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    span: Range<u32>,
    quote: Range<u32>,
    /// What found it: a signal, a commitment or the author's declaration.
    pub source: Source,
    /// The rule of how it is said that weighed it, if any.
    pub adjustment: Option<Adjustment>,
}

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A hit of this signal (an index into the matcher's signals).
    Signal(u32),
    /// A commitment or measure in the same block or list.
    Commitment,
    /// An author's `<!-- planaudit: addresses … -->` comment declaring this item (an index
    /// into [`Rules::items`](crate::rules::Rules::items)).
    Declared(u32),
    /// The heading of a locality's own section, for an item whose rule says such a section
    /// addresses it (`locality_sections`; an index into
    /// [`Rules::items`](crate::rules::Rules::items)).
    Locality(u32),
}

/// How reports describe a locality's own section as evidence.
pub const LOCALITY_SECTION: &str = "a section of its own for one of the plan's localities";

/// The words reports quote for an author's declaration of `item` (an index into
/// [`Rules::items`](crate::rules::Rules::items)).
pub fn declaration(rules: &Rules, item: usize) -> String {
    format!("planaudit: addresses {}", rules.item(item).item.id)
}

impl Evidence {
    /// Evidence at `span` of the source whose matched text is at `quote` of the plan text
    /// ([`Document::text`], whitespace collapsed; empty for a declaration), not yet adjusted.
    /// Reports cut the text with [`Evidence::text`] as they print it: a string per piece of
    /// evidence was 300,000 allocations held on a 10 MB plan.
    pub fn new(span: Range<usize>, quote: Range<usize>, source: Source) -> Self {
        Evidence {
            span: narrow_range(span),
            quote: narrow_range(quote),
            source,
            adjustment: None,
        }
    }

    /// Source span of the matched text.
    pub fn span(&self) -> Range<usize> {
        widen(&self.span)
    }

    /// The signal that found it, as an index into the matcher's signals; `None` for commitments
    /// and declarations, which no signal finds.
    pub fn signal(&self) -> Option<usize> {
        match self.source {
            Source::Signal(signal) => Some(signal as usize),
            Source::Commitment | Source::Declared(_) | Source::Locality(_) => None,
        }
    }

    /// The matched text, whitespace collapsed, as reports quote it; for a declaration, the
    /// comment's words for the item it declares. A group's terms may sit in different
    /// sentences of a paragraph: its quote keeps the first sentence's part and the last's,
    /// with "…" for the sentences between, rather than a run of text about other things.
    /// `document` and `rules` are those it was found with: others give other text or none,
    /// never a panic.
    pub fn text<'d>(&self, document: &'d Document, rules: &Rules) -> Cow<'d, str> {
        let quote = || {
            let text = document.text.as_str();
            text.get(widen(&self.quote)).unwrap_or_default()
        };
        match self.source {
            Source::Declared(item) => Cow::Owned(declaration(rules, item as usize)),
            Source::Signal(signal) if is_group(rules, signal as usize) => elided(quote()),
            Source::Signal(_) | Source::Commitment | Source::Locality(_) => Cow::Borrowed(quote()),
        }
    }

    /// Evidence that can decide a link: neither a heading nor a quote.
    pub fn is_body(&self) -> bool {
        !matches!(
            self.adjustment,
            Some(Adjustment::Heading | Adjustment::Quoted)
        )
    }

    /// Whether this is body evidence that states something: not background, which never
    /// decides a link alone.
    pub fn is_statement(&self) -> bool {
        self.is_body() && !self.is_background()
    }

    /// Whether this is background ([`Adjustment::is_background`]).
    pub fn is_background(&self) -> bool {
        self.adjustment.is_some_and(Adjustment::is_background)
    }

    /// What the adjustment multiplies this evidence's weight by.
    pub fn factor(&self) -> f32 {
        self.adjustment.map_or(1.0, Adjustment::factor)
    }
}

/// How one section takes on one item, and the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The item, as an index into [`Rules::items`](crate::rules::Rules::items).
    pub item: usize,
    /// The verdict for this section alone.
    pub strength: Strength,
    /// The weighted sum of its evidence, times its focus factor, compared with the item's
    /// threshold.
    pub score: f32,
    /// The part of `score` that is not background, which must be [`FOREGROUND_SHARE`] of the
    /// threshold or more.
    pub foreground: f32,
    /// How the section's shape weighed the score.
    pub focus: Focus,
    /// Signal hits, in document order. Boxed slices, not vectors: a link's evidence is made
    /// once, and a plan of 880,000 sections holds as many links.
    pub evidence: Box<[Evidence]>,
    /// Commitments in the blocks that hold the evidence (only for committed links).
    pub commitments: Box<[Evidence]>,
}

/// How much of a section is about an item, which multiplies its score: the section-context rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Counted as weighed.
    Plain,
    /// The item is a short section's subject, said two ways: ×[`SHORT_SECTION_FACTOR`].
    Subject,
    /// Named in under [`PASSING_SHARE`] of a long section's body blocks: ×[`PASSING_FACTOR`],
    /// or ×[`PASSING_PROSE_FACTOR`] when one of them is a paragraph.
    Passing {
        /// Body blocks holding the item's evidence.
        blocks: u32,
        /// Body blocks of the section.
        of: u32,
        /// One of those blocks is a paragraph.
        prose: bool,
    },
}

impl Focus {
    /// What the section's raw score for the item is multiplied by.
    pub fn factor(self) -> f32 {
        match self {
            Focus::Plain => 1.0,
            Focus::Subject => SHORT_SECTION_FACTOR,
            Focus::Passing { prose: true, .. } => PASSING_PROSE_FACTOR,
            Focus::Passing { prose: false, .. } => PASSING_FACTOR,
        }
    }
}

/// A hit placed in the document, in 32-bit numbers: a 10 MB plan has half a million of them,
/// held together until each section's are weighed, and `usize` fields made each 48 bytes
/// rather than 24. Plans are under 4 GiB ([`crate::document::MAX_PLAN_BYTES`]).
struct Placed {
    section: u32,
    item: u32,
    signal: u32,
    /// The hit's block: the plan text holds one block per line.
    block: u32,
    /// Where it is in the plan text.
    start: u32,
    end: u32,
}

impl Placed {
    fn section(&self) -> usize {
        self.section as usize
    }

    fn item(&self) -> usize {
        self.item as usize
    }

    fn signal(&self) -> usize {
        self.signal as usize
    }

    fn block(&self) -> usize {
        self.block as usize
    }

    fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Each section's own links, ordered by item. The sections of a large plan are linked in
/// parallel on the current rayon pool: each depends only on its own hits, so the result is
/// the same on any number of threads, and reading the sections was half a large plan's audit.
pub fn link_sections(document: &Document, rules: &Rules) -> Vec<Vec<Link>> {
    let mut placed = place_hits(document, rules);
    let order = |p: &Placed| (p.section, p.item, p.start, Reverse(p.end), p.signal);
    let parallel = parallel::worth_it(document.text.as_str());
    match parallel {
        true => placed.par_sort_unstable_by_key(order),
        false => placed.sort_unstable_by_key(order),
    }
    let mut hits: Vec<&[Placed]> = vec![&[]; document.sections.len()];
    for section in placed.chunk_by(|a, b| a.section == b.section) {
        hits[section[0].section()] = section;
    }
    parallel::map_in_order(
        &hits,
        parallel,
        || Quotes::new(rules),
        |quotes, hits| match hits.is_empty() {
            true => Vec::new(),
            false => link_section(document, rules, quotes, hits),
        },
    )
}

/// One section's links, from its hits (sorted by item, start, longest first). Its sentences
/// are read into a cache of its own, dropped with it: the sections of a 10 MB plan held 8 MB
/// of sentences read once and never asked again.
fn link_section(
    document: &Document,
    rules: &Rules,
    quotes: &mut Quotes<'_>,
    section: &[Placed],
) -> Vec<Link> {
    let signals = rules.matcher().signals();
    let mut statements = Statements::new(document);
    let hits = section.iter().map(|p| {
        let reference = signals[p.signal()].kind == SignalKind::Reference;
        (p.block(), p.item(), reference)
    });
    let quoted = quotes.in_section(document, hits, &mut statements);
    let mut reading = Reading {
        document,
        statements: &mut statements,
        quoted: &quoted,
    };
    let items: Vec<&[Placed]> = section.chunk_by(|a, b| a.item == b.item).collect();
    let weighed: Vec<Weighed> = items
        .iter()
        .map(|hits| weigh(&mut reading, rules, hits))
        .collect();
    let subject = Subject::of(document, section[0].section(), &weighed);
    items
        .iter()
        .zip(weighed)
        .map(|(hits, weighed)| {
            let focus = subject.focus(&weighed);
            let elsewhere = |range: &Range<usize>| names_another(rules, &items, &hits[0], range);
            finish(&mut reading, rules, hits, weighed, focus, &elsewhere)
        })
        .collect()
}

/// Whether `range` of the plan text holds a hit of another item of `hit`'s framework in the
/// section (`items`: its hits, item by item, each sorted by start): a commitment beside the
/// item's evidence that names one is about that item instead.
fn names_another(rules: &Rules, items: &[&[Placed]], hit: &Placed, range: &Range<usize>) -> bool {
    let framework = rules.item(hit.item()).framework;
    items.iter().any(|hits| {
        let other = hits[0].item();
        let first = hits.partition_point(|p| (p.start as usize) < range.start);
        other != hit.item()
            && std::ptr::eq(rules.item(other).framework, framework)
            && hits
                .get(first)
                .is_some_and(|p| (p.start as usize) < range.end)
    })
}

/// What a section's shape says about its items: a short section's hits count more for the item
/// that is its subject, a long section's less for an item few of its blocks name.
struct Subject {
    short: bool,
    /// The best raw score among the section's items.
    best: f32,
    /// Blocks of the section's own body (its heading excluded).
    body_blocks: usize,
}

impl Subject {
    fn of(document: &Document, section: usize, weighed: &[Weighed]) -> Self {
        let body_blocks = document.blocks[document.sections[section].blocks()]
            .iter()
            .filter(|block| block.kind != BlockKind::Heading)
            .count();
        Subject {
            short: document.body_words(section) <= SHORT_SECTION_WORDS,
            best: weighed.iter().map(|w| w.raw).fold(0.0, f32::max),
            body_blocks,
        }
    }

    /// A short section is about few things: the item it says most about, if it says two things
    /// about it. Other items it names are passing mentions, as in a long section. A long
    /// section is about several: an item that few of its blocks name is a passing mention.
    fn focus(&self, weighed: &Weighed) -> Focus {
        if self.short && weighed.two_things && weighed.raw >= SUBJECT_SHARE * self.best {
            return Focus::Subject;
        }
        let blocks = weighed.body_blocks;
        if self.body_blocks >= PASSING_MIN_BLOCKS
            && (blocks as f32) < PASSING_SHARE * self.body_blocks as f32
        {
            return Focus::Passing {
                blocks: narrow(blocks),
                of: narrow(self.body_blocks),
                prose: weighed.prose,
            };
        }
        Focus::Plain
    }
}

fn place_hits(document: &Document, rules: &Rules) -> Vec<Placed> {
    let signals = rules.matcher().signals();
    // By section, so each hit's look-up costs the same however many sections are contents.
    let contents: Vec<bool> = (0..document.sections.len())
        .map(|section| document.is_contents(section))
        .collect();
    // A hit's line is its block: looking blocks up by offset instead was a binary search per
    // hit, and superlinear on large plans.
    rules.matcher().scan(document.text.as_str(), |hit| {
        let block = &document.blocks[hit.line];
        if !in_scope(signals[hit.signal].scope, block.kind) || contents[block.section()] {
            return None;
        }
        Some(Placed {
            section: narrow(block.section()),
            item: narrow(signals[hit.signal].item),
            signal: narrow(hit.signal),
            block: narrow(hit.line),
            start: narrow(hit.range.start),
            end: narrow(hit.range.end),
        })
    })
}

fn in_scope(scope: Option<Scope>, kind: BlockKind) -> bool {
    match scope {
        None => true,
        Some(Scope::Heading) => kind == BlockKind::Heading,
        Some(Scope::Body) => kind != BlockKind::Heading,
        Some(Scope::List) => kind == BlockKind::ListItem,
        Some(Scope::Table) => kind == BlockKind::TableCell,
        Some(Scope::Quote) => kind == BlockKind::Quote,
    }
}

fn is_group(rules: &Rules, signal: usize) -> bool {
    let signals = rules.matcher().signals();
    signals
        .get(signal)
        .is_some_and(|s| s.kind == SignalKind::Group)
}

/// `quote` with the sentences between its first and its last left out.
fn elided(quote: &str) -> Cow<'_, str> {
    match super::statements::split_sentences(quote).as_slice() {
        [first, _, .., last] => Cow::Owned(format!(
            "{} … {}",
            &quote[first.clone()],
            &quote[last.clone()]
        )),
        _ => Cow::Borrowed(quote),
    }
}

/// What a link needs to weigh its hits.
struct Reading<'a, 'd> {
    document: &'d Document,
    statements: &'a mut Statements<'d>,
    /// Blocks that restate a framework.
    quoted: &'a [usize],
}

impl Reading<'_, '_> {
    fn adjustment(&mut self, hit: &Placed, naming: Naming) -> Option<Adjustment> {
        if self.quoted.binary_search(&hit.block()).is_ok() {
            return Some(Adjustment::Quoted);
        }
        self.statements
            .adjustment(hit.block(), &hit.range(), naming)
    }
}

/// One section's evidence for one item, weighed but not yet judged.
struct Weighed<'p> {
    kept: Vec<&'p Placed>,
    evidence: Vec<Evidence>,
    /// The score before the short-section factor.
    raw: f32,
    /// The body says two things about the item: two separate hits, or a group.
    two_things: bool,
    /// How many body blocks hold its evidence.
    body_blocks: usize,
    /// One of those blocks is a paragraph.
    prose: bool,
}

/// Weighs one section's hits for one item (sorted by start, longest first).
fn weigh<'p>(reading: &mut Reading<'_, '_>, rules: &Rules, hits: &'p [Placed]) -> Weighed<'p> {
    let signals = rules.matcher().signals();
    // At most every hit: grown by doubling, the list was half as long again on a plan that is
    // one long section, and capacity never written is never resident.
    let mut kept: Vec<&Placed> = Vec::with_capacity(hits.len());
    let mut covered_to = 0;
    // Where the last group kept starts and ends.
    let mut group = (u32::MAX, u32::MAX);
    for placed in hits {
        // "unpaid carers" and "carers" at one place are one piece of evidence, not two. Patterns
        // and groups are deliberate compositions: they always count. A pattern never hides a
        // phrase; a group hides the phrase that is its first or last term ("prevent" in
        // "prevent avoidable admissions"), which would count the same words twice.
        let kind = signals[placed.signal()].kind;
        if kind == SignalKind::Group {
            group = (placed.start, placed.end);
        }
        if matches!(
            kind,
            SignalKind::Phrase | SignalKind::Service | SignalKind::Reference
        ) {
            // A reference names the item outright: no group's term stands for it.
            let group_term =
                kind != SignalKind::Reference && (placed.start == group.0 || placed.end == group.1);
            if placed.end <= covered_to || group_term {
                continue;
            }
            covered_to = placed.end;
        }
        kept.push(placed);
    }
    let evidence: Vec<Evidence> = kept
        .iter()
        .map(|p| {
            let mut evidence = evidence_at(reading.document, p.range(), Source::Signal(p.signal));
            let signal = &signals[p.signal()];
            let naming = match signal.kind {
                SignalKind::Reference => Naming::Reference,
                _ if signal.text.chars().any(char::is_uppercase) => Naming::Name,
                _ => Naming::Words,
            };
            let service = signal.kind == SignalKind::Service;
            evidence.adjustment = match reading.adjustment(p, naming) {
                Some(Adjustment::Purpose) if service => Some(Adjustment::ServicePurpose),
                None if service => Some(Adjustment::Service),
                other => other,
            };
            evidence
        })
        .collect();
    let two_things = two_things(rules, &evidence);
    // Kept hits are in document order, so one block's are adjacent: a new block is a change.
    let mut last = None;
    let (mut body_blocks, mut prose) = (0, false);
    for (placed, _) in kept.iter().zip(&evidence).filter(|(_, e)| e.is_body()) {
        if last.replace(placed.block) != Some(placed.block) {
            body_blocks += 1;
            prose |= reading.document.blocks[placed.block as usize].kind == BlockKind::Paragraph;
        }
    }
    Weighed {
        prose,
        body_blocks,
        raw: score(rules, &evidence),
        kept,
        evidence,
        two_things,
    }
}

/// Whether the evidence says two things of the item in the body: two places, or one group
/// (itself two ideas together), which a short section's subject needs.
fn two_things(rules: &Rules, evidence: &[Evidence]) -> bool {
    let signals = rules.matcher().signals();
    let group = |e: &Evidence| {
        e.signal()
            .is_some_and(|s| signals[s].kind == SignalKind::Group)
    };
    body_places(evidence) >= 2 || evidence.iter().any(|e| e.is_body() && group(e))
}

/// Scores `link` again from the evidence it has left, after some was taken out (the words of
/// the plan's claims): as weighed at first, by its focus, except that a short section's subject
/// must still be said two ways; a declaration or a locality's heading still decides alone.
pub(super) fn rescore(rules: &Rules, link: &mut Link) {
    if link.focus == Focus::Subject && !two_things(rules, &link.evidence) {
        link.focus = Focus::Plain;
    }
    let factor = link.focus.factor();
    let deciding = link
        .evidence
        .iter()
        .filter(|e| e.signal().is_none())
        .count() as f32
        * rules.item(link.item).threshold();
    let signals = link.evidence.iter();
    link.score = factor * score(rules, signals.clone()) + deciding;
    link.foreground = factor * score(rules, signals.filter(|e| !e.is_background())) + deciding;
}

/// Judges one section's weighed evidence for one item: its score, strength and commitments
/// (none `elsewhere`, about another item).
fn finish(
    reading: &mut Reading<'_, '_>,
    rules: &Rules,
    hits: &[Placed],
    weighed: Weighed<'_>,
    focus: Focus,
    elsewhere: &dyn Fn(&Range<usize>) -> bool,
) -> Link {
    let document = reading.document;
    let Weighed {
        kept,
        evidence,
        raw,
        ..
    } = weighed;
    let score = focus.factor() * raw;
    let foreground =
        focus.factor() * self::score(rules, evidence.iter().filter(|e| !e.is_background()));
    let stated = evidence.iter().any(Evidence::is_statement);
    let item = hits[0].item();
    let addressed = reaches(score, foreground, stated, rules.item(item).threshold());
    let commitments = if addressed {
        let about: Vec<(usize, Range<usize>)> = kept
            .iter()
            .zip(&evidence)
            .filter(|(_, e)| e.is_body())
            .map(|(p, _)| (p.block(), p.range()))
            .collect();
        commitments::about(document, reading.statements, &about, elsewhere)
            .into_iter()
            .map(|range| evidence_at(document, range, Source::Commitment))
            .collect()
    } else {
        Box::default()
    };
    let quoted = evidence
        .iter()
        .all(|e| e.adjustment == Some(Adjustment::Quoted));
    let strength = match (quoted, addressed, commitments.is_empty()) {
        (true, _, _) => Strength::Quoted,
        (false, false, _) => Strength::Mentioned,
        (false, true, true) => Strength::Addressed,
        (false, true, false) => Strength::Committed,
    };
    Link {
        item,
        strength,
        score,
        foreground,
        focus,
        evidence: evidence.into_boxed_slice(),
        commitments,
    }
}

/// How many separate places of the body the evidence is in: overlapping hits are one place.
/// A section's evidence comes in document order, so it is counted as it stands: a sorted copy
/// of every span was the peak of a plan that is one long section.
fn body_places(evidence: &[Evidence]) -> usize {
    let spans = evidence
        .iter()
        .filter(|e| e.is_body())
        .map(|e| e.span.clone());
    if spans.clone().is_sorted_by_key(|span| span.start) {
        return places(spans);
    }
    let mut sorted: Vec<Range<u32>> = spans.collect();
    sorted.sort_by_key(|span| span.start);
    places(sorted.into_iter())
}

/// How many separate stretches `spans`, sorted by start, cover.
fn places(spans: impl Iterator<Item = Range<u32>>) -> usize {
    let mut places = 0;
    let mut end = 0;
    for span in spans {
        if places == 0 || span.start >= end {
            places += 1;
        }
        end = end.max(span.end);
    }
    places
}

/// Each distinct signal counts its best-weighted hit in full and, when there are two or more
/// distinct signals, up to [`COUNTED_REPEATS`] repeats at [`REPEAT_FACTOR`]. Only each signal's
/// best weights are kept, in a list as long as the item has signals found: a list of every hit,
/// sorted, was the peak of a plan that is one long section (67 MB of a 30 MB plan's).
fn score<'e>(rules: &Rules, evidence: impl IntoIterator<Item = &'e Evidence>) -> f32 {
    let signals = rules.matcher().signals();
    // By signal, as the sum runs in signal order.
    let mut best: Vec<Best> = Vec::new();
    for e in evidence {
        let Some(signal) = e.signal() else {
            continue;
        };
        let weight = signals[signal].weight * e.factor();
        match best.binary_search_by_key(&signal, |b| b.signal) {
            Ok(at) => best[at].add(weight),
            Err(at) => best.insert(at, Best::new(signal, weight)),
        }
    }
    let counted_repeats = if best.len() > 1 { COUNTED_REPEATS } else { 0 };
    best.iter()
        .map(|b| {
            let repeats: f32 = b.weights()[1..].iter().take(counted_repeats).sum();
            b.weights()[0] + REPEAT_FACTOR * repeats
        })
        .sum()
}

/// What each piece of `evidence` is counted at in its link's score, as `score` sums it: each
/// signal's best-weighted hit in full (1), up to `COUNTED_REPEATS` (2) more at `REPEAT_FACTOR`
/// (0.5) when there are two or more distinct signals, the rest not at all (0). Evidence of no signal
/// (a declaration, a locality's heading) is counted in full. For `explain`, which shows why a
/// score is what it is.
pub fn repeat_factors(rules: &Rules, evidence: &[Evidence]) -> Vec<f32> {
    let signals = rules.matcher().signals();
    let weight = |i: usize| {
        let e = &evidence[i];
        e.signal().map_or(0.0, |s| signals[s].weight * e.factor())
    };
    let mut order: Vec<usize> = (0..evidence.len())
        .filter(|&i| evidence[i].signal().is_some())
        .collect();
    // By signal, then best weight first, then document order.
    order.sort_by(|&a, &b| {
        (evidence[a].signal().cmp(&evidence[b].signal()))
            .then(weight(b).total_cmp(&weight(a)))
            .then(a.cmp(&b))
    });
    let same = |a: &usize, b: &usize| evidence[*a].signal() == evidence[*b].signal();
    let repeats = match order.chunk_by(same).count() {
        0 | 1 => 0,
        _ => COUNTED_REPEATS,
    };
    let mut factors = vec![1.0; evidence.len()];
    for run in order.chunk_by(same) {
        for (rank, &i) in run.iter().enumerate() {
            factors[i] = match rank {
                0 => 1.0,
                rank if rank <= repeats => REPEAT_FACTOR,
                _ => 0.0,
            };
        }
    }
    factors
}

/// A signal's highest weights, highest first: the one that counts in full and the repeats that
/// may count.
struct Best {
    signal: usize,
    top: [f32; COUNTED_REPEATS + 1],
    len: usize,
}

impl Best {
    fn new(signal: usize, weight: f32) -> Self {
        let mut top = [0.0; COUNTED_REPEATS + 1];
        top[0] = weight;
        Best {
            signal,
            top,
            len: 1,
        }
    }

    fn add(&mut self, weight: f32) {
        if self.len < self.top.len() {
            self.len += 1;
        } else if weight.total_cmp(&self.top[self.len - 1]).is_le() {
            return;
        }
        self.top[self.len - 1] = weight;
        self.top[..self.len].sort_unstable_by(|a, b| b.total_cmp(a));
    }

    fn weights(&self) -> &[f32] {
        &self.top[..self.len]
    }
}

fn evidence_at(document: &Document, text: Range<usize>, source: Source) -> Evidence {
    Evidence::new(document.text.source_span(text.clone()), text, source)
}

/// Adds the author's `addresses` comments to their sections' links, unless `apply` is false
/// (`--no-waivers`): each makes its section address the item, shown as declared rather than
/// found. Returns the ids that name no item, either way.
pub fn declare(
    document: &Document,
    rules: &Rules,
    links: &mut [Vec<Link>],
    apply: bool,
) -> Vec<(usize, String)> {
    let mut unknown = Vec::new();
    for (index, directive) in document.directives.iter().enumerate() {
        let (DirectiveKind::Addresses { items }, Some(section)) =
            (&directive.kind, directive.section)
        else {
            continue;
        };
        for id in items {
            let Some(item) = rules.items().find(|i| i.item.id.eq_ignore_ascii_case(id)) else {
                unknown.push((index, id.clone()));
                continue;
            };
            if !apply {
                continue;
            }
            let declared = Source::Declared(narrow(item.index));
            let evidence = Evidence::new(directive.span.clone(), 0..0, declared);
            add_deciding(
                &mut links[section],
                item.index,
                item.threshold(),
                evidence,
                &[],
            );
        }
    }
    unknown
}

/// Links each locality's own section (`sections` finds them: `structure::locality_sections`)
/// to the items whose rule says such a section addresses them (`locality_sections`): a chapter
/// for one part of the area takes account of that part's needs, in whatever words. Only where
/// the section, subsections included, sets out a purpose or commitment: a locality's profile
/// alone takes account of nothing. Its heading is the evidence. The sections are looked for
/// only when some item asks: reading every heading is wasted on a run without one.
pub fn localities(
    document: &Document,
    rules: &Rules,
    links: &mut [Vec<Link>],
    sections: impl FnOnce() -> Option<Vec<usize>>,
) {
    let items: Vec<_> = rules.items().filter(|i| i.item.locality_sections).collect();
    if items.is_empty() {
        return;
    }
    let Some(sections) = sections() else {
        return;
    };
    let mut statements = Statements::new(document);
    for section in sections {
        let Some(heading) = document.blocks[document.sections[section].blocks()]
            .first()
            .filter(|b| b.kind == BlockKind::Heading)
        else {
            continue;
        };
        let body: Vec<usize> = subtree_blocks(document, section)
            .filter(|&b| document.blocks[b].kind != BlockKind::Heading)
            .collect();
        if !body.iter().any(|&b| statements.has_purpose(b)) {
            continue;
        }
        // What the chapter commits to is what it does for its locality: the link's commitments.
        let commitments: Box<[Evidence]> = (body.iter())
            .flat_map(|&b| {
                (statements.commitments(b))
                    .map(|(_, s)| evidence_at(document, s.range.clone(), Source::Commitment))
                    .collect::<Vec<_>>()
            })
            .collect();
        for item in &items {
            let source = Source::Locality(narrow(item.index));
            let evidence = Evidence::new(heading.span(), heading.text(), source);
            let own = &mut links[section];
            add_deciding(own, item.index, item.threshold(), evidence, &commitments);
        }
    }
}

/// The blocks of a section and all its subsections.
fn subtree_blocks(document: &Document, section: usize) -> Range<usize> {
    let sections = document.subtree(section);
    let last = &document.sections[sections.end - 1];
    document.sections[section].blocks().start..last.blocks().end
}

/// Adds evidence that decides a link on its own, worth `threshold`, to a section's own links
/// (`own`, ordered by item), with the `commitments` that go with it where the link has none.
fn add_deciding(
    own: &mut Vec<Link>,
    item: usize,
    threshold: f32,
    evidence: Evidence,
    commitments: &[Evidence],
) {
    let strength = match commitments.is_empty() {
        true => Strength::Addressed,
        false => Strength::Committed,
    };
    match own.iter_mut().find(|l| l.item == item) {
        Some(link) => {
            link.score += threshold;
            link.foreground += threshold;
            link.strength = link.strength.max(strength);
            if link.commitments.is_empty() {
                link.commitments = commitments.into();
            }
            let mut all = std::mem::take(&mut link.evidence).into_vec();
            all.push(evidence);
            link.evidence = all.into_boxed_slice();
        }
        None => {
            let at = own.partition_point(|l| l.item < item);
            own.insert(
                at,
                Link {
                    item,
                    strength,
                    score: threshold,
                    foreground: threshold,
                    focus: Focus::Plain,
                    evidence: Box::new([evidence]),
                    commitments: commitments.into(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_quote_leaves_out_the_sentences_between_its_terms() {
        let quote = "Carers told us breaks matter. Demand has grown. So will short breaks";
        assert_eq!(
            elided(quote),
            "Carers told us breaks matter. … So will short breaks"
        );
        let two = "Carers matter. So do their breaks";
        assert_eq!(elided(two), two);
    }

    /// What `explain` shows of each hit adds up to the link's score: its weight, its
    /// adjustment and its repeat factor, times the section's focus, plus the item's threshold
    /// for each declaration or locality heading.
    #[test]
    fn repeat_factors_add_up_to_each_links_score() {
        let rules = crate::rules::Catalog::builtin()
            .select(crate::rules::DEFAULT_FRAMEWORKS)
            .unwrap();
        let signals = rules.matcher().signals();
        let mut checked = 0;
        for plan in [
            "gaps-plan",
            "complete-plan",
            "awkward-markdown",
            "paraphrase-plan",
        ] {
            let path = format!("{}/fixtures/plans/{plan}.md", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read(path).unwrap();
            let doc = Document::from_bytes(plan.into(), text).unwrap();
            let report = crate::audit::audit(doc, &rules);
            for link in report.links.iter().flatten() {
                let factors = repeat_factors(&rules, &link.evidence);
                let threshold = rules.item(link.item).threshold();
                let signalled: f32 = (link.evidence.iter().zip(&factors))
                    .map(|(e, f)| {
                        e.signal()
                            .map_or(0.0, |s| signals[s].weight * e.factor() * f)
                    })
                    .sum();
                let deciding = link
                    .evidence
                    .iter()
                    .filter(|e| e.signal().is_none())
                    .count();
                let sum = link.focus.factor() * signalled + deciding as f32 * threshold;
                assert!(
                    (sum - link.score).abs() < 1e-3,
                    "{plan}: {link:?} sums to {sum}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} links");
    }

    /// The score keeps only each signal's best weights; it must equal ranking every hit, as it
    /// did before: best in full, then up to two repeats at half, repeats only beside another
    /// signal.
    #[test]
    fn scores_keep_each_signals_best_weights_in_any_order() {
        let rules = crate::rules::Catalog::builtin()
            .select(&["outcomes"])
            .unwrap();
        let signals = rules.matcher().signals();
        let hit = |signal: u32, adjustment| {
            let mut e = Evidence::new(0..1, 0..1, Source::Signal(signal));
            e.adjustment = adjustment;
            e
        };
        let (purpose, name) = (Some(Adjustment::Purpose), Some(Adjustment::ProperName));
        let list = [
            hit(3, name),
            hit(3, None),
            hit(1, None),
            hit(3, purpose),
            hit(3, name),
            hit(3, None),
        ];
        let weight = |e: &Evidence| signals[e.signal().unwrap()].weight * e.factor();
        let (one, three) = (weight(&list[2]), weight(&list[1]));
        let best = weight(&list[3]) + REPEAT_FACTOR * (three + three);
        assert_eq!(score(&rules, &list), best + one);
        let mut reversed = list.clone();
        reversed.reverse();
        assert_eq!(score(&rules, &reversed), best + one);
        // One signal alone: its best hit, no repeats.
        assert_eq!(score(&rules, &list[3..]), weight(&list[3]));
        assert_eq!(score(&rules, &[]), 0.0);
    }

    #[test]
    fn places_are_counted_in_any_order() {
        let at = |span: Range<usize>| Evidence::new(span.clone(), span, Source::Signal(0));
        let sorted = [at(0..10), at(2..4), at(12..14), at(13..20), at(30..31)];
        assert_eq!(body_places(&sorted), 3);
        let mut shuffled = sorted.clone();
        shuffled.swap(0, 4);
        shuffled.swap(1, 3);
        assert_eq!(body_places(&shuffled), 3);
    }

    /// The audit's most numerous values stay in 32-bit fields: a 10 MB plan has half a million
    /// placed hits and 300,000 pieces of evidence, and 64-bit fields were a third of its peak
    /// memory (BENCHMARKS.md). A link is 64 bytes, not 96: boxed slices of evidence and a
    /// passing mention's counts in 32 bits (a plan of 880,000 headings has as many links).
    #[test]
    fn hits_and_evidence_are_compact() {
        assert_eq!(size_of::<Placed>(), 24);
        assert_eq!(size_of::<Evidence>(), 28);
        assert_eq!(size_of::<Link>(), 64);
    }
}
