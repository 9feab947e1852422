//! Section → item links, scored from the signals found in each section's own blocks.

use std::cmp::Reverse;
use std::ops::Range;

use super::commitments;
use crate::document::{BlockKind, DirectiveKind, Document};
use crate::rules::{Hit, Rules, Scope, SignalKind};

/// Headings say what a section is about, so their signals count double.
const HEADING_FACTOR: f32 = 2.0;

/// Repeating a signal shows some focus but is no new evidence: each repeat counts half, and
/// only the first two repeats count at all.
const REPEAT_FACTOR: f32 = 0.5;
const COUNTED_REPEATS: usize = 2;

/// How firmly a section takes on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Named in passing.
    Mentioned,
    /// Discussed with enough signals to count as addressed.
    Addressed,
    /// Addressed, with a commitment or measure in the same block.
    Committed,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Mentioned => "mentioned",
            Strength::Addressed => "addressed",
            Strength::Committed => "committed",
        }
    }
}

/// A passage that supports a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub block: usize,
    /// Source span of the matched text.
    pub span: Range<usize>,
    /// The matched text, whitespace collapsed.
    pub text: String,
    pub source: Source,
}

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A hit of this signal (an index into the matcher's signals).
    Signal(usize),
    /// A commitment or measure in the same block or list.
    Commitment,
    /// An author's `<!-- planaudit: addresses … -->` comment.
    Declared,
}

impl Evidence {
    pub fn signal(&self) -> Option<usize> {
        match self.source {
            Source::Signal(signal) => Some(signal),
            Source::Commitment | Source::Declared => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub item: usize,
    pub strength: Strength,
    pub score: f32,
    /// Signal hits, in document order.
    pub evidence: Vec<Evidence>,
    /// Commitments in the blocks that hold the evidence (only for committed links).
    pub commitments: Vec<Evidence>,
}

/// A hit placed in the document. Its block is `hit.line`: the plan text holds one block per line.
struct Placed {
    section: usize,
    item: usize,
    hit: Hit,
}

/// Each section's own links, ordered by item.
pub fn link_sections(document: &Document, rules: &Rules) -> Vec<Vec<Link>> {
    let mut placed = place_hits(document, rules);
    placed.sort_by_key(|p| {
        let range = &p.hit.range;
        (
            p.section,
            p.item,
            range.start,
            Reverse(range.end),
            p.hit.signal,
        )
    });
    let mut links = vec![Vec::new(); document.sections.len()];
    for group in placed.chunk_by(|a, b| (a.section, a.item) == (b.section, b.item)) {
        let link = link(document, rules, group);
        links[group[0].section].push(link);
    }
    links
}

fn place_hits(document: &Document, rules: &Rules) -> Vec<Placed> {
    let signals = rules.matcher().signals();
    let mut placed = Vec::new();
    // A hit's line is its block: looking blocks up by offset instead was a binary search per
    // hit, and superlinear on large plans.
    rules.matcher().scan(document.text.as_str(), |hit| {
        let block = &document.blocks[hit.line];
        if !in_scope(signals[hit.signal].scope, block.kind) {
            return;
        }
        placed.push(Placed {
            section: block.section,
            item: signals[hit.signal].item,
            hit,
        });
    });
    placed
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

/// Scores one section's hits for one item (sorted by start, longest first).
fn link(document: &Document, rules: &Rules, hits: &[Placed]) -> Link {
    let signals = rules.matcher().signals();
    let mut evidence: Vec<&Placed> = Vec::new();
    let mut covered_to = 0;
    for placed in hits {
        // "unpaid carers" and "carers" at one place are one piece of evidence, not two. Patterns
        // and groups are deliberate compositions: they always count, and never hide a phrase.
        let kind = signals[placed.hit.signal].kind;
        if matches!(kind, SignalKind::Phrase | SignalKind::Reference) {
            if placed.hit.range.end <= covered_to {
                continue;
            }
            covered_to = placed.hit.range.end;
        }
        evidence.push(placed);
    }

    let mut weights: Vec<(usize, f32)> = evidence
        .iter()
        .map(|p| {
            let heading = document.blocks[p.hit.line].kind == BlockKind::Heading;
            let factor = if heading { HEADING_FACTOR } else { 1.0 };
            (p.hit.signal, signals[p.hit.signal].weight * factor)
        })
        .collect();
    weights.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let score = weights
        .chunk_by(|a, b| a.0 == b.0)
        .map(|hits| {
            let repeats: f32 = hits[1..].iter().take(COUNTED_REPEATS).map(|h| h.1).sum();
            hits[0].1 + REPEAT_FACTOR * repeats
        })
        .sum();

    let evidence: Vec<Evidence> = evidence
        .iter()
        .map(|p| {
            evidence_at(
                document,
                p.hit.line,
                p.hit.range.clone(),
                Source::Signal(p.hit.signal),
            )
        })
        .collect();
    let addressed = score >= rules.item(hits[0].item).threshold();
    let commitments = if addressed {
        commitments_in(document, &evidence)
    } else {
        Vec::new()
    };
    let strength = match (addressed, commitments.is_empty()) {
        (false, _) => Strength::Mentioned,
        (true, true) => Strength::Addressed,
        (true, false) => Strength::Committed,
    };
    Link {
        item: hits[0].item,
        strength,
        score,
        evidence,
        commitments,
    }
}

/// One commitment per block that holds evidence, or that shares a list with such a block: a
/// list's items are read together, so a target in one bullet commits the list.
fn commitments_in(document: &Document, evidence: &[Evidence]) -> Vec<Evidence> {
    let mut blocks: Vec<usize> = evidence.iter().map(|e| e.block).collect();
    let mut lists: Vec<(usize, usize)> = evidence
        .iter()
        .map(|e| &document.blocks[e.block])
        .filter_map(|b| Some((b.section, b.list?)))
        .collect();
    lists.dedup();
    for (section, list) in lists {
        let own = document.sections[section].blocks.clone();
        blocks.extend(own.filter(|&b| document.blocks[b].list == Some(list)));
    }
    blocks.sort_unstable();
    blocks.dedup();
    blocks
        .into_iter()
        .filter_map(|block| {
            let range = &document.blocks[block].text;
            let found = commitments::find(&document.text.as_str()[range.clone()])?;
            Some(evidence_at(
                document,
                block,
                range.start + found.start..range.start + found.end,
                Source::Commitment,
            ))
        })
        .collect()
}

fn evidence_at(document: &Document, block: usize, text: Range<usize>, source: Source) -> Evidence {
    Evidence {
        block,
        span: document.text.source_span(text.clone()),
        text: document.text.as_str()[text].to_owned(),
        source,
    }
}

/// Adds the author's `addresses` comments to their sections' links: each makes its section
/// address the item, shown as declared rather than found. Returns the ids that name no item.
pub fn declare(
    document: &Document,
    rules: &Rules,
    links: &mut [Vec<Link>],
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
            let evidence = Evidence {
                block: document.sections[section].blocks.start,
                span: directive.span.clone(),
                text: format!("planaudit: addresses {}", item.item.id),
                source: Source::Declared,
            };
            let own = &mut links[section];
            match own.iter_mut().find(|l| l.item == item.index) {
                Some(link) => {
                    link.score += item.threshold();
                    link.strength = link.strength.max(Strength::Addressed);
                    link.evidence.push(evidence);
                }
                None => {
                    let at = own.partition_point(|l| l.item < item.index);
                    own.insert(
                        at,
                        Link {
                            item: item.index,
                            strength: Strength::Addressed,
                            score: item.threshold(),
                            evidence: vec![evidence],
                            commitments: Vec::new(),
                        },
                    );
                }
            }
        }
    }
    unknown
}
