//! The plan's own claims: mapping tables and sentences that say which outcomes or principles a
//! priority serves ("Caring for carers | 6, 7", "This priority supports outcomes 2 and 7").
//!
//! A claim is what the plan says about itself, never evidence: it is read here, resolved to the
//! section it is about, and then checked against the links found in that section's text.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use super::wording::{Wording, forms};

use super::codes::Code;
use super::coverage::{ItemScores, SectionScore};
use super::findings::{Finding, Label, heading_span};
use super::links::{self, Evidence, Link, Strength};
use super::structure::Mapped;
use crate::document::{Block, BlockKind, Document, InputFormat, narrow};
use crate::input::floor_char;
use crate::postings::{Postings, hash};
use crate::rules::{Obligation, Rules};

pub(super) mod naming;

use naming::{header_keyword, items_named, unknown_named};

/// A row label matches a heading when the two share at least this share of their words
/// (Jaccard on stemmed content words), or when either holds every word of the other.
pub const MATCH_THRESHOLD: f32 = 0.5;

/// A plan's claim that a section serves an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The item claimed, as an index into [`Rules::items`](crate::rules::Rules::items).
    pub item: usize,
    /// The section the claim is about; `None` when its row names no section of the plan.
    pub section: Option<usize>,
    /// The row's label as written (markers removed), e.g. "Priority 2: Caring for carers".
    pub row: String,
    /// Where the row's label is; for a sentence with no label of its own, the heading of its
    /// section, whose text `row` then is.
    pub row_span: Range<usize>,
    /// The cell or sentence that makes the claim.
    pub span: Range<usize>,
    /// Whether the section's own text, subsections included and claims excluded, addresses
    /// the item.
    pub evidenced: bool,
}

/// Every claim in the plan's tables and sentences, resolved to sections but not yet judged,
/// and a `bad-claim` for each cell or sentence that claims a numbered item no audited
/// framework has ("outcome 11", "O10").
pub(super) fn read(document: &Document, rules: &Rules) -> (Vec<Claim>, Vec<Finding>) {
    let headings = Headings::new(document);
    let mut claims = Vec::new();
    let mut unknown = Vec::new();
    for table in tables(document) {
        claims.extend(table_claims(rules, &headings, &table, &mut unknown));
    }
    claims.extend(sentence_claims(document, rules, &headings, &mut unknown));
    claims.sort_by_key(|c| (c.span.start, c.item));
    claims.dedup_by_key(|c| (c.span.start, c.item));
    (claims, unknown)
}

/// Each claim that names a section of the plan, as the structural checks read it.
pub(super) fn mapped(document: &Document, claims: &[Claim]) -> Vec<Mapped> {
    claims
        .iter()
        .filter_map(|c| {
            Some(Mapped {
                item: c.item,
                claimed: c.section?,
                holder: holder(document, c)?,
            })
        })
        .collect()
}

/// The section whose text makes `claim`: its table's or its sentence's.
pub(super) fn holder(document: &Document, claim: &Claim) -> Option<usize> {
    let block = document
        .blocks
        .partition_point(|b| b.span().end <= claim.span.start);
    Some(document.blocks.get(block)?.section())
}

/// A `bad-claim` for a cell or sentence at `span` that claims, for the row or section `row`,
/// numbered items no framework of the run has.
fn unknown_claim(row: &str, names: &[String], span: Range<usize>) -> Finding {
    let message = format!(
        "\"{row}\" is claimed to serve {}, which no framework of this run has",
        series(names, "and")
    );
    bad_claim(message, span, "no such item")
}

/// A `bad-claim` saying `message`, its place at `span` labelled `label`.
fn bad_claim(message: String, span: Range<usize>, label: &'static str) -> Finding {
    Finding {
        code: Code::BadClaim,
        severity: Code::BadClaim.severity(Obligation::Must),
        item: None,
        section: None,
        message,
        labels: vec![Label {
            span,
            text: label.into(),
        }],
    }
}

/// Takes the evidence inside claims out of the links: a table cell reading "Outcome 7" is the
/// plan's account of itself, not text that addresses safety. A link that held any is scored
/// again from what it has left; one left with no evidence goes.
pub(super) fn withhold(
    document: &Document,
    rules: &Rules,
    claims: &[Claim],
    links: &mut [Vec<Link>],
) {
    // A mapping table's row label names the priority the row speaks for, as the claim cell
    // names the item: both are the plan's account of itself. (A sentence's claim has its
    // section's heading as its label, which stays evidence.)
    let in_table = |span: &Range<usize>| {
        let block = document
            .blocks
            .partition_point(|b| b.span().end <= span.start);
        document
            .blocks
            .get(block)
            .is_some_and(|b| b.kind == BlockKind::TableCell)
    };
    let spans: Vec<&Range<usize>> = claims
        .iter()
        .flat_map(|c| [Some(&c.span), in_table(&c.row_span).then_some(&c.row_span)])
        .flatten()
        .collect();
    let inside = |span: &Range<usize>| {
        spans
            .iter()
            .any(|c| c.start <= span.start && span.end <= c.end)
    };
    for link in links.iter_mut().flatten() {
        if !link.evidence.iter().any(|e| inside(&e.span())) {
            continue;
        }
        // Evidence is a boxed slice, exactly as long as it is: rebuilt only for the few links a
        // claim holds evidence of.
        let mut kept = std::mem::take(&mut link.evidence).into_vec();
        kept.retain(|e| !inside(&e.span()));
        link.evidence = kept.into_boxed_slice();
        links::rescore(rules, link);
        let stated = link.evidence.iter().any(Evidence::is_statement);
        let threshold = rules.item(link.item).threshold();
        if !links::reaches(link.score, link.foreground, stated, threshold) {
            link.strength = Strength::Mentioned;
            link.commitments = Box::default();
        }
    }
    for own in links.iter_mut() {
        own.retain(|l| !l.evidence.is_empty());
    }
}

/// Judges each claim against its section's links (claims already withheld), and returns the
/// findings claims raise.
pub(super) fn judge(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    scores: &[ItemScores],
    claims: &mut [Claim],
) -> Vec<Finding> {
    for claim in claims.iter_mut() {
        claim.evidenced = claim.section.is_some_and(|s| {
            section_score(scores, s, claim.item)
                .is_some_and(|score| score.addresses(rules.item(claim.item).threshold()))
        });
    }
    let mut findings = unsupported(document, rules, claims);
    findings.extend(bad_rows(rules, claims));
    findings.extend(unclaimed(document, rules, links, scores, claims));
    findings
}

/// One `bad-claim` per row that names no section, listing what the row claims.
fn bad_rows(rules: &Rules, claims: &[Claim]) -> Vec<Finding> {
    let unresolved: Vec<&Claim> = claims.iter().filter(|c| c.section.is_none()).collect();
    let mut rows: Vec<&[&Claim]> = Vec::new();
    let mut rest = unresolved.as_slice();
    while let Some(first) = rest.first() {
        let same = rest
            .iter()
            .take_while(|c| c.row_span == first.row_span)
            .count();
        rows.push(&rest[..same]);
        rest = &rest[same..];
    }
    rows.into_iter()
        .map(|row| {
            let ids: Vec<&str> = row
                .iter()
                .map(|c| rules.item(c.item).item.id.as_str())
                .collect();
            let message = format!(
                "the row \"{}\" claims {} but names no section of the plan",
                row[0].row,
                ids.join(", ")
            );
            bad_claim(
                message,
                row[0].row_span.clone(),
                "no heading matches this row",
            )
        })
        .collect()
}

/// A section's score for an item by the section-context rule, its subsections included.
fn section_score(scores: &[ItemScores], section: usize, item: usize) -> Option<SectionScore> {
    let scores = &scores[section];
    scores
        .binary_search_by_key(&item, |&(item, _)| item)
        .ok()
        .map(|at| scores[at].1)
}

/// A section and its subsections, as indices.
pub(super) fn subtree(document: &Document, section: usize) -> std::ops::Range<usize> {
    let end = document.sections[section].span().end;
    let sections = &document.sections;
    section..section + sections[section..].partition_point(|s| s.span().start < end)
}

/// One `unsupported-claim` for each section and item claimed where the section does not address
/// the item, with every cell or sentence that claims it: a mapping that repeats a claim has
/// one thing to fix, not one per repetition.
fn unsupported(document: &Document, rules: &Rules, claims: &[Claim]) -> Vec<Finding> {
    let mut open: Vec<(usize, usize, Range<usize>)> = claims
        .iter()
        .filter(|c| !c.evidenced)
        .filter_map(|c| Some((c.section?, c.item, c.span.clone())))
        .collect();
    open.sort_by_key(|(section, item, span)| (*section, *item, span.start));
    open.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .map(|same| {
            let places: Vec<(usize, Range<usize>)> = same
                .iter()
                .map(|(_, item, span)| (*item, span.clone()))
                .collect();
            unsupported_claim(document, rules, same[0].0, &places)
        })
        .collect()
}

/// An `unsupported-claim`: the mapping's cells or sentences claim items (each with where) for
/// `section`, whose text addresses none of them. One claim, as the audit reports each; several
/// where a report shows a section's unsupported claims together.
pub fn unsupported_claim(
    document: &Document,
    rules: &Rules,
    section: usize,
    claims: &[(usize, Range<usize>)],
) -> Finding {
    let id = |item: usize| rules.item(item).item.id.as_str();
    let mut items: Vec<usize> = Vec::new();
    for &(item, _) in claims {
        if !items.contains(&item) {
            items.push(item);
        }
    }
    let named: Vec<String> = items
        .iter()
        .map(|&i| format!("{} ({})", id(i), rules.item(i).item.title))
        .collect();
    let ids: Vec<&str> = items.iter().map(|&i| id(i)).collect();
    let mut places: Vec<(Range<usize>, Vec<&str>)> = Vec::new();
    for (item, span) in claims {
        match places.iter_mut().find(|(at, _)| at == span) {
            Some((_, items)) => items.push(id(*item)),
            None => places.push((span.clone(), vec![id(*item)])),
        }
    }
    places.sort_by_key(|(span, _)| span.start);
    let mut labels: Vec<Label> = places
        .into_iter()
        .map(|(span, items)| Label {
            span,
            text: format!("claims {}", series(&items, "and")).into(),
        })
        .collect();
    labels.push(Label {
        span: heading_span(document, section),
        text: format!("says nothing that addresses {}", series(&ids, "or")).into(),
    });
    let them = if items.len() == 1 { "it" } else { "them" };
    Finding {
        code: Code::UnsupportedClaim,
        severity: Code::UnsupportedClaim.severity(Obligation::Must),
        item: claims.first().map(|&(item, _)| item),
        section: Some(section),
        message: format!(
            "the plan claims \"{}\" serves {}, but that section does not address {them}",
            document.heading(section),
            series(&named, "and"),
        ),
        labels,
    }
}

/// "O1", "O1 and O3", "O1, O3 and O7" (or with "or").
fn series(words: &[impl AsRef<str>], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., end] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", init.join(", "), end.as_ref())
        }
    }
}

/// Sections a mapping names that address an item of a claimed framework strongly (committed, or
/// twice the threshold) while the mapping leaves the item out.
fn unclaimed(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    scores: &[ItemScores],
    claims: &[Claim],
) -> Vec<Finding> {
    let claimed: std::collections::BTreeSet<(usize, usize)> = claims
        .iter()
        .filter_map(|c| Some((c.section?, c.item)))
        .collect();
    let mut sections: Vec<usize> = claimed.iter().map(|&(s, _)| s).collect();
    sections.dedup();
    let mut frameworks: Vec<&str> = claims
        .iter()
        .map(|c| rules.item(c.item).framework.id.as_str())
        .collect();
    frameworks.sort_unstable();
    frameworks.dedup();
    let mut findings = Vec::new();
    for section in sections {
        let unclaimed = rules
            .items()
            .filter(|i| frameworks.contains(&i.framework.id.as_str()))
            .filter(|i| !claimed.contains(&(section, i.index)))
            .filter(|i| strong(document, rules, links, scores, section, i.index));
        findings.extend(unclaimed.map(|i| Finding {
            code: Code::UnclaimedEvidence,
            severity: Code::UnclaimedEvidence.severity(Obligation::Must),
            item: Some(i.index),
            section: Some(section),
            message: format!(
                "\"{}\" addresses {} ({}), but the plan's mapping does not claim it",
                document.heading(section),
                i.item.id,
                i.item.title
            ),
            labels: vec![Label {
                span: heading_span(document, section),
                text: format!("addresses {} strongly", i.item.id).into(),
            }],
        }));
    }
    findings
}

fn strong(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    scores: &[ItemScores],
    section: usize,
    item: usize,
) -> bool {
    let committed = subtree(document, section)
        .flat_map(|s| &links[s])
        .any(|l| l.item == item && l.strength == Strength::Committed);
    let threshold = rules.item(item).threshold();
    section_score(scores, section, item).is_some_and(|score| {
        score.addresses(threshold) && (committed || score.score >= 2.0 * threshold)
    })
}

/// A table cell as the claims reader sees it.
#[derive(Debug, Clone)]
struct TableCell {
    row: usize,
    column: usize,
    /// The text with footnote markers and emphasis leftovers removed.
    text: String,
    span: Range<usize>,
    section: usize,
}

/// The plan's tables, each its cells in document order.
fn tables(document: &Document) -> Vec<Vec<TableCell>> {
    let mut tables: Vec<Vec<TableCell>> = Vec::new();
    for block in &document.blocks {
        let Some(cell) = block.cell() else { continue };
        if tables.len() <= cell.table {
            tables.resize(cell.table + 1, Vec::new());
        }
        tables[cell.table].push(TableCell {
            row: cell.row,
            column: cell.column,
            text: clean(document.block_text(block)),
            span: block.span(),
            section: block.section(),
        });
    }
    tables
}

/// See [`forms::markers`].
static MARKERS: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::markers()));

/// A cell's text without footnote markers (`[^1]`, `*`, `†`, superscript digits) and without
/// surrounding space.
fn clean(text: &str) -> String {
    MARKERS.without(text).trim().to_owned()
}

/// What a column of a mapping table holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    /// Its header names one item: a tick in the column claims it ("O7", "Outcome 7").
    Ticks(usize),
    /// Its cells name items; bare numbers count as `keyword N` ("Outcomes" → "outcome 2").
    Items(Option<&'static str>),
}

fn table_claims(
    rules: &Rules,
    headings: &Headings,
    cells: &[TableCell],
    unknown: &mut Vec<Finding>,
) -> Vec<Claim> {
    if lists_measures(cells) {
        return Vec::new();
    }
    let columns = columns(rules, cells);
    let mut claims = Vec::new();
    let mut label: Option<&TableCell> = None;
    // Cells come in document order, so a row's cells are adjacent.
    for row_cells in cells.chunk_by(|a, b| a.row == b.row) {
        if row_cells[0].row == 0 {
            continue;
        }
        // An empty or ditto first cell continues the row above: a merged-looking cell.
        match row_cells.iter().find(|c| c.column == 0) {
            Some(first) if !is_ditto(&first.text) => label = Some(first),
            _ => {}
        }
        let Some(label) = label else { continue };
        for cell in row_cells.iter().filter(|c| c.column > 0) {
            // Only a column of items says what its numbers are: "P45 process" under "Lead" is
            // no principle 45.
            if let Some(Column::Items(Some(keyword))) = columns.get(&cell.column) {
                let names = unknown_named(rules, &cell.text, Some(keyword));
                if !names.is_empty() {
                    unknown.push(unknown_claim(&label.text, &names, cell.span.clone()));
                }
            }
        }
        let items: Vec<(usize, Range<usize>)> = row_cells
            .iter()
            .filter(|c| c.column > 0)
            .flat_map(|c| cell_items(rules, columns.get(&c.column).copied(), c))
            .collect();
        if items.is_empty() {
            continue;
        }
        let section = headings.resolve(&label.text, label.section);
        claims.extend(items.into_iter().map(|(item, span)| Claim {
            item,
            section,
            row: label.text.clone(),
            row_span: label.span.clone(),
            span,
            evidenced: false,
        }));
    }
    claims
}

/// Whether the table's rows are indicators or measures (its first header says "Indicator",
/// "Measure" or "KPI"): such a table says which outcome each measure evidences, not which part
/// of the plan serves it, and its rows name no section.
fn lists_measures(cells: &[TableCell]) -> bool {
    let first = cells.iter().find(|c| c.row == 0 && c.column == 0);
    first.is_some_and(|c| {
        let header = c.text.to_lowercase();
        ["indicator", "measure", "kpi"]
            .iter()
            .any(|word| header.contains(word))
    })
}

fn is_ditto(text: &str) -> bool {
    let text = text.trim().to_lowercase();
    text.is_empty() || matches!(text.as_str(), "\"" | "〃" | "ditto" | "as above" | "''")
}

/// What each column past the first holds, from its header cell.
fn columns(rules: &Rules, cells: &[TableCell]) -> std::collections::BTreeMap<usize, Column> {
    headers(cells)
        .into_iter()
        .filter(|(column, _)| *column > 0)
        // "Local outcomes" are the partnership's own numbering, not a framework's: that column
        // claims nothing.
        .filter(|(_, text)| {
            let header = text.to_lowercase();
            !header
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "local")
        })
        .map(|(index, text)| {
            let named = items_named(rules, &text, None, true);
            let column = match named.as_slice() {
                [(item, _)] => Column::Ticks(*item),
                _ => Column::Items(header_keyword(&text)),
            };
            (index, column)
        })
        .collect()
}

/// Each column's header. A web page's header of two rows comes as one row whose columns start
/// again ("National outcomes" over "1 | 2 | … | 9"): a cell of an upper line heads every column
/// up to its line's next cell, and the lines' words join, upper first ("National outcomes 2").
fn headers(cells: &[TableCell]) -> std::collections::BTreeMap<usize, String> {
    let mut lines: Vec<Vec<&TableCell>> = Vec::new();
    for cell in cells.iter().filter(|c| c.row == 0) {
        match lines.last_mut() {
            Some(line) if line.last().is_some_and(|last| last.column < cell.column) => {
                line.push(cell);
            }
            _ => lines.push(vec![cell]),
        }
    }
    let Some((last, upper)) = lines.split_last() else {
        return Default::default();
    };
    last.iter()
        .map(|cell| {
            let over = upper.iter().filter_map(|line| {
                line.iter()
                    .rev()
                    .find(|c| c.column <= cell.column)
                    .map(|c| c.text.as_str())
            });
            let words: Vec<&str> = over.chain([cell.text.as_str()]).collect();
            (cell.column, words.join(" "))
        })
        .collect()
}

fn cell_items(
    rules: &Rules,
    column: Option<Column>,
    cell: &TableCell,
) -> Vec<(usize, Range<usize>)> {
    match column {
        Some(Column::Ticks(item)) if is_tick(&cell.text) => vec![(item, cell.span.clone())],
        Some(Column::Ticks(_)) => Vec::new(),
        // Under a header that names no framework (a risk register's "Mitigations", say) an
        // item's title or a document's name is ordinary words ("Market Facilitation
        // Statement"): only a numbered name ("S7", "outcome 7") makes a claim there.
        Some(Column::Items(keyword)) => items_named(rules, &cell.text, keyword, keyword.is_some())
            .into_iter()
            .map(|(item, _)| (item, cell.span.clone()))
            .collect(),
        None => Vec::new(),
    }
}

/// A mark that a tick column counts: a tick (doubled, as plans mark a strong contribution, or
/// the square root sign a Word export often leaves for one), a cross, a bullet or "yes".
fn is_tick(text: &str) -> bool {
    let text = text.trim().to_lowercase();
    matches!(
        text.as_str(),
        "✓" | "✔"
            | "✔️"
            | "✅"
            | "☑"
            | "√"
            | "✓✓"
            | "✔✔"
            | "x"
            | "yes"
            | "y"
            | "•"
            | "●"
    )
}

/// See [`forms::claim_sentence`].
static SENTENCE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::claim_sentence()));

/// Bytes from a sentence's start within which a claim's opening ends: a label of
/// [`forms::LABEL_CHARS`] characters at four bytes each, its separator, verb and framework
/// words, with room to spare. Plan text has its spaces collapsed, so nothing longer matches.
const CLAIM_REACH: usize = 4 * forms::LABEL_CHARS + 256;

/// Whether `text` opens with a claim ([`SENTENCE`], which is anchored at the start). Read
/// within [`CLAIM_REACH`]: the label's repetition is unbounded in the pattern, so a search over
/// the rest of the block for each sentence made a block of many sentences take time growing
/// with the square of its length.
fn opens_claim(text: &str) -> bool {
    SENTENCE.is_match(&text[..floor_char(text, text.len().min(CLAIM_REACH))])
}

/// Claims made in a paragraph or list item: "This priority supports outcomes 2 and 7" is about
/// its own section; "Caring for carers — outcomes 6, 7" names the section it is about.
fn sentence_claims(
    document: &Document,
    rules: &Rules,
    headings: &Headings,
    unknown: &mut Vec<Finding>,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    for block in &document.blocks {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let block_text = document.block_text(block);
        // Claims are rare: the stored automaton rules most sentences out before the full
        // regex, which alone gives the label, is built. Read from the block's start, it also
        // says whether the block can be a paragraph of labelled claims at all.
        let opens = opens_claim(block_text);
        let lines = match opens {
            true => labelled_lines(document, block),
            false => Vec::new(),
        };
        let mut previous = None;
        for start in sentence_starts(block_text, &lines) {
            let before = previous.replace(start).map(|from| &block_text[from..start]);
            // A line of a paragraph of labelled claims ends its claim.
            let line_end = lines.iter().find(|&&line| line > start);
            let text = &block_text[start..line_end.map_or(block_text.len(), |&end| end)];
            let claim = match start == 0 && line_end.is_none() {
                true => opens,
                false => opens_claim(text),
            };
            if !claim {
                continue;
            }
            let sentence = SENTENCE.regex(text);
            let mut found = sentence.create_captures();
            sentence.captures(text, &mut found);
            let Some(whole) = found.get_match() else {
                continue;
            };
            let label = found.get_group_by_name("label");
            // Items named by code are read from the code on.
            let end = found
                .get_group_by_name("code")
                .map_or(whole.end(), |code| code.start);
            // A label opens its block ("Caring for carers: outcomes 6 and 7"); after another
            // sentence, "Performance: outcome 4 improved" is prose. And after a sentence about
            // another numbered priority ("Priority 1, Home First, helps…"), "this priority" is
            // that one, not the section's.
            let opens_line = start == 0 || lines.contains(&start);
            if label.is_some_and(|label| {
                !opens_line || text[label.range()].chars().count() > forms::LABEL_CHARS
            }) || (label.is_none()
                && before.is_some_and(|before| {
                    let own_heading = document.heading(block.section()).to_lowercase();
                    about_another_priority(before, &own_heading)
                }))
            {
                continue;
            }
            let at = block.text().start + start;
            claims.extend(sentence_claim(
                document,
                rules,
                headings,
                unknown,
                block.section(),
                (at, text),
                (end, label.map(|l| l.range())),
            ));
        }
    }
    claims
}

/// Whether a sentence opens on a numbered priority ("Priority 1, Home First, helps…") that
/// the section's heading (lower-cased) does not name.
fn about_another_priority(sentence: &str, own_heading: &str) -> bool {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = sentence.to_lowercase();
    let Some(rest) = lower.strip_prefix("priority ") else {
        return false;
    };
    let number: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let numbered = !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit()) || WORDS.contains(&number.as_str()));
    numbered && !own_heading.contains(&format!("priority {number}"))
}

/// The sentence starts of a block: its start, and each capital after a full stop, question
/// mark, exclamation mark or semicolon and a space ("… by 2027. This priority supports
/// outcomes 5 and 6."), or after a line break of a paragraph of labelled claims
/// ([`labelled_lines`]).
fn sentence_starts<'t>(text: &'t str, lines: &'t [usize]) -> impl Iterator<Item = usize> + 't {
    let after = text
        .match_indices(['.', '?', '!', ';'])
        .filter_map(|(i, _)| {
            let rest = &text[i + 1..];
            let word = rest.trim_start();
            let gap = rest.len() - word.len();
            (gap > 0 && word.starts_with(|c: char| c.is_uppercase())).then_some(i + 1 + gap)
        });
    // Both run in order: merged as they go, with no list per block.
    let mut sentences = std::iter::once(0).chain(after).peekable();
    let mut lines = lines.iter().copied().peekable();
    std::iter::from_fn(move || {
        let next = match (sentences.peek(), lines.peek()) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => return None,
        };
        while sentences.next_if_eq(&next).is_some() {}
        while lines.next_if_eq(&next).is_some() {}
        Some(next)
    })
}

/// Where the lines after the first of a Markdown paragraph of labelled claims start (block
/// text offsets): "Priority 1: Home First — outcomes 2 and 9" and "Priority 2: Caring for
/// carers — outcome 6" on lines of their own in one paragraph are two claims, as they are
/// between HTML's `<br>`s. A line starts where the source broke a line and the next word opens
/// with a capital; only a paragraph that opens with a labelled claim is read for them.
fn labelled_lines(document: &Document, block: &Block) -> Vec<usize> {
    let text = document.block_text(block);
    if document.format != InputFormat::Markdown || labelled_claim(text).is_none() {
        return Vec::new();
    }
    let at = block.text().start;
    let source = |offset: usize| document.text.source_span(at + offset..at + offset).start;
    let broken = |next: usize| {
        document
            .source
            .get(source(next - 1)..source(next))
            .is_some_and(|gap| gap.contains('\n'))
    };
    let breaks: Vec<usize> = text
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .filter(|&next| broken(next))
        .collect();
    // A line opens a claim of its own when its label ends on that line and the line before is
    // a whole claim: a label wrapped before a capital ("… to live well at" / "Home — outcomes 2
    // and 9") is one claim, and so is a list of items wrapped ("Outcome 2 and" / "Outcome 9").
    let mut lines = Vec::new();
    let mut last = 0;
    for (i, &next) in breaks.iter().enumerate() {
        let line_end = breaks.get(i + 1).map_or(text.len(), |&end| end) - next;
        if text[next..].starts_with(char::is_uppercase)
            && labelled_claim(&text[next..]).is_some_and(|label| label.end <= line_end)
            && opens_claim(&text[last..next])
        {
            lines.push(next);
            last = next;
        }
    }
    lines
}

/// Where the label is when `text` opens with a labelled claim ("Priority 2: Caring for carers
/// — outcome 6").
fn labelled_claim(text: &str) -> Option<Range<usize>> {
    if !opens_claim(text) {
        return None;
    }
    let captures = SENTENCE.regex(text).captures_iter(text).next()?;
    captures
        .get_group_by_name("label")
        .map(|label| label.range())
}

/// The claims of one claim sentence, `text` starting at plan-text offset `at`, whose claim
/// words end at `claimed` and whose label (in `text`) is `label`.
fn sentence_claim(
    document: &Document,
    rules: &Rules,
    headings: &Headings,
    unknown: &mut Vec<Finding>,
    own: usize,
    (at, text): (usize, &str),
    (claimed, label): (usize, Option<Range<usize>>),
) -> Vec<Claim> {
    let end = text[claimed..]
        .find(['.', ';'])
        .map_or(text.len(), |i| claimed + i);
    let items = items_named(rules, &text[..end], None, true);
    let names = unknown_named(rules, &text[..end], None);
    if items.is_empty() && names.is_empty() {
        return Vec::new();
    }
    // The claim ends with the last item it names where the sentence goes on to say how ("This
    // priority supports outcome 6 by giving 500 carers a short break"): that is evidence, and
    // stays in the links. Anything else after it (", so that people live independently at
    // home", an outcome's wording) is the claim's own.
    let last = items
        .iter()
        .map(|(_, named)| named.end)
        .max()
        .unwrap_or(end);
    let how = text[last..end]
        .trim_start_matches([',', ' '])
        .split_whitespace()
        .next()
        .is_some_and(|word| matches!(word, "by" | "through" | "because" | "via" | "as"));
    let claimed_end = if how { last } else { end };
    let span = document.text.source_span(at..at + claimed_end);
    let (row, row_span, section) = match label {
        Some(label) => {
            let row = clean(&text[label.clone()]);
            let row_span = document.text.source_span(at + label.start..at + label.end);
            // In prose a label that names no other heading ("Note: outcomes 1 to 9 are
            // listed in Appendix 2", "Performance: outcome 4 improved" under "Our
            // performance") is no claim at all, unlike a mapping table's row.
            let Some(section) = headings.resolve(&row, own) else {
                return Vec::new();
            };
            (row, row_span, Some(section))
        }
        None => {
            let section = claiming_section(document, own);
            (
                document.heading(section).to_owned(),
                super::findings::heading_span(document, section),
                Some(section),
            )
        }
    };
    if !names.is_empty() {
        unknown.push(unknown_claim(&row, &names, span.clone()));
    }
    items
        .into_iter()
        .map(|(item, _)| Claim {
            item,
            section,
            row: row.clone(),
            row_span: row_span.clone(),
            span: span.clone(),
            evidenced: false,
        })
        .collect()
}

/// The section a claim without a label speaks for: its own, unless that is a subsection headed
/// only by the part of a priority it holds ("Targets", "Key actions", "How we will measure
/// success"), where "this priority contributes to outcome 6" is about the priority above it.
fn claiming_section(document: &Document, section: usize) -> usize {
    let parent = document.sections[section].parent();
    match parent.filter(|&p| document.sections[p].level >= 2) {
        Some(parent) if is_part_heading(document.heading(section)) => parent,
        _ => section,
    }
}

/// Whether a heading names a part of a priority rather than a subject: its words are part
/// names ("targets", "actions") and the few words such headings wrap them in.
fn is_part_heading(heading: &str) -> bool {
    const PARTS: &[&str] = &[
        "actions",
        "commitments",
        "deliverables",
        "indicators",
        "measures",
        "milestones",
        "outcomes",
        "performance",
        "success",
        "targets",
    ];
    const WRAPPERS: &[&str] = &[
        "and", "do", "how", "key", "know", "measure", "our", "the", "we", "what", "will",
    ];
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| PARTS.contains(&w.as_str()))
        && words
            .iter()
            .all(|w| PARTS.contains(&w.as_str()) || WRAPPERS.contains(&w.as_str()))
}

/// Every heading's words, cut once per plan when the first label needs them: each row is
/// matched against all of them, and most plans have no label to resolve.
pub(super) struct Headings<'d> {
    document: &'d Document,
    index: OnceCell<HeadingIndex>,
}

/// The headings' words, compact: a plan of nothing but 880,000 headings held a vector of
/// strings per heading and a map keyed by copies of them, a quarter of its peak memory.
struct HeadingIndex {
    /// Each section's heading words, sorted, deduplicated and joined by spaces (words hold no
    /// space); a section without a heading, or whose heading is stop words only, has none.
    words: String,
    /// Where each section's words end in `words`; the first section's start at 0, the others'
    /// where the one before ends.
    ends: Vec<u32>,
    /// (hash of a heading's words, section), sorted: a label that matches a heading exactly (a
    /// score of 1, which nothing beats) is answered without comparing it with every heading,
    /// which made a table of 20,000 rows beside as many headings take 25 s.
    exact: Vec<(u64, u32)>,
    /// The sections holding each heading word: a label can match only those sharing a word
    /// with it (comparing it with every heading made 40,000 claiming sections take 88 s).
    postings: Postings,
}

impl<'d> Headings<'d> {
    pub(super) fn new(document: &'d Document) -> Self {
        Headings {
            document,
            index: OnceCell::new(),
        }
    }

    /// The section a row label names, by heading similarity: the heading with the highest
    /// Jaccard score on stemmed content words, if it reaches [`MATCH_THRESHOLD`] or one of the
    /// two holds every word of the other ("Priority 2" for "Priority 2: Caring for carers", and
    /// the other way round); ties go to the earliest heading. The section holding the table or
    /// sentence, `holder`, is never its own row's answer.
    pub(super) fn resolve(&self, label: &str, holder: usize) -> Option<usize> {
        let wanted = words(label);
        if wanted.is_empty() {
            return None;
        }
        let index = self.index.get_or_init(|| HeadingIndex::new(self.document));
        let joined = wanted.join(" ");
        if let Some(section) = index.exact(&joined, holder) {
            return Some(section);
        }
        let mut best: Option<(f32, usize)> = None;
        for section in index.sharing(&wanted).filter(|&s| s != holder) {
            let have = index.words(section);
            if have.is_empty() {
                continue;
            }
            let have_len = have.split(' ').count();
            let shared = wanted
                .iter()
                .filter(|w| have.split(' ').any(|h| h == w.as_str()))
                .count();
            let union = wanted.len() + have_len - shared;
            let score = shared as f32 / union.max(1) as f32;
            let contained = shared == wanted.len() || shared == have_len;
            if (score >= MATCH_THRESHOLD || contained) && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, section));
            }
        }
        best.map(|(_, section)| section)
    }
}

impl HeadingIndex {
    fn new(document: &Document) -> Self {
        let mut words = String::new();
        let mut ends = Vec::with_capacity(document.sections.len());
        for section in 0..document.sections.len() {
            // A heading of stop words only ("Our") has nothing to match on: were its empty
            // word list kept, every label would "hold every word" of it.
            if let Some(heading) = document.section_heading(section) {
                words.push_str(&self::words(heading).join(" "));
            }
            ends.push(narrow(words.len()));
        }
        let sections: Vec<usize> = (0..ends.len())
            .filter(|&s| !section_words(&words, &ends, s).is_empty())
            .collect();
        let mut exact: Vec<(u64, u32)> = (sections.iter())
            .map(|&s| (hash(section_words(&words, &ends, s)), narrow(s)))
            .collect();
        exact.sort_unstable();
        let postings = Postings::new(sections.iter().flat_map(|&s| {
            let heading = section_words(&words, &ends, s).split(' ');
            heading.map(move |word| (word, narrow(s)))
        }));
        HeadingIndex {
            words,
            ends,
            exact,
            postings,
        }
    }

    /// The sections whose headings share a word with `wanted` ([`Postings::sharing`]).
    fn sharing(&self, wanted: &[String]) -> impl Iterator<Item = usize> + use<> {
        let found = self.postings.sharing(wanted.iter().map(String::as_str));
        found.into_iter().map(|s| s as usize)
    }

    fn words(&self, section: usize) -> &str {
        section_words(&self.words, &self.ends, section)
    }

    /// The earliest section but `holder` whose heading has exactly these words.
    fn exact(&self, joined: &str, holder: usize) -> Option<usize> {
        let key = hash(joined);
        let from = self.exact.partition_point(|&(h, _)| h < key);
        self.exact[from..]
            .iter()
            .take_while(|&&(h, _)| h == key)
            .map(|&(_, s)| s as usize)
            .find(|&s| s != holder && self.words(s) == joined)
    }
}

/// Section `section`'s heading words in `words`, where each section's end is in `ends`.
fn section_words<'w>(words: &'w str, ends: &[u32], section: usize) -> &'w str {
    let start = section.checked_sub(1).map_or(0, |s| ends[s] as usize);
    &words[start..ends[section] as usize]
}

/// Words too common in headings to tell sections apart.
const STOP_WORDS: [&str; 14] = [
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "our", "with", "we", "by", "at",
];

/// A heading's or label's content words, lower case and stemmed by dropping a plural or `-ing`
/// ending, so "Caring for carers" and "Care for a carer" share their words.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Drops a plural ending, then a verb or agent ending ("carers", "caring", "care" → "car"),
/// keeping at least three letters: crude, but the same on both sides of a comparison.
fn stem(word: &str) -> String {
    let strip = |word: &str, ends: &[&str]| {
        ends.iter()
            .find_map(|end| word.strip_suffix(end).filter(|s| s.chars().count() >= 3))
            .unwrap_or(word)
            .to_owned()
    };
    strip(&strip(word, &["ies", "s"]), &["ing", "er", "ed", "e"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Catalog;

    fn rules() -> Rules {
        let catalog = Catalog::builtin();
        catalog.select(&["outcomes", "principles"]).unwrap()
    }

    fn ids(rules: &Rules, found: &[(usize, Range<usize>)]) -> Vec<String> {
        found
            .iter()
            .map(|(i, _)| rules.item(*i).item.id.clone())
            .collect()
    }

    /// (row label, item ids, resolved heading) of each claim in `plan`.
    /// Each claim of `plan` as (item id, heading of the section it speaks for).
    fn claimed_sections(plan: &str) -> Vec<(String, Option<String>)> {
        let claims = read_plan(plan).into_iter();
        claims.map(|(_, id, section)| (id, section)).collect()
    }

    /// A claim's expected (item id, heading).
    fn own(id: &str, heading: &str) -> (String, Option<String>) {
        (id.to_owned(), Some(heading.to_owned()))
    }

    fn read_plan(plan: &str) -> Vec<(String, String, Option<String>)> {
        let rules = rules();
        let doc = Document::from_bytes("plan.md".into(), plan.as_bytes().to_vec()).unwrap();
        read(&doc, &rules)
            .0
            .into_iter()
            .map(|c| {
                (
                    c.row,
                    rules.item(c.item).item.id.clone(),
                    c.section.map(|s| doc.heading(s).to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn cells_name_items_by_id_reference_number_list_title_and_bare_number() {
        let rules = rules();
        let named = |text: &str, keyword| ids(&rules, &items_named(&rules, text, keyword, true));
        assert_eq!(named("O7", None), ["O7"]);
        assert_eq!(named("HWO3 and Outcome 2", None), ["O3", "O2"]);
        assert_eq!(named("outcomes 2, 6 and 7", None), ["O2", "O6", "O7"]);
        assert_eq!(named("principle (xi)", None), ["P11"]);
        assert_eq!(named("Supporting unpaid carers", None), ["O6"]);
        assert_eq!(named("2, 7", Some("outcome")), ["O2", "O7"]);
        assert_eq!(named("3 & 9", Some("outcome")), ["O3", "O9"]);
        assert_eq!(
            named("2, 7", None),
            Vec::<String>::new(),
            "no keyword, no item"
        );
        assert_eq!(
            named("Mòrag MacSween", Some("outcome")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn markers_and_ditto_cells_are_read_as_people_read_them() {
        assert_eq!(clean("Carers[^2]"), "Carers");
        assert_eq!(clean("Carers*†"), "Carers");
        assert_eq!(clean("  Home first¹ "), "Home first");
        assert!(is_ditto(""));
        assert!(is_ditto(" \" "));
        assert!(is_ditto("As above"));
        assert!(!is_ditto("Carers"));
        assert!(is_tick("✓") && is_tick("✔") && is_tick("X") && is_tick("Yes"));
        assert!(!is_tick("No") && !is_tick("") && !is_tick("-"));
    }

    #[test]
    fn awkward_tables_keep_rows_and_columns() {
        let plan = "# Plan

## Map

| Priority | Outcome 2 | Outcome 6 | Notes | HWOs |
| --- | --- | --- | --- | --- |
| **Home first** | ✓ |  | see p. 4 | |
| As above | | ✔ | | |
| Carers* |  | Yes | outcome 7 | 9 |

## Home first

Text.

## Carers

Text.
";
        let claims = read_plan(plan);
        let home = Some("Home first".to_owned());
        let carers = Some("Carers".to_owned());
        assert_eq!(
            claims,
            vec![
                ("Home first".into(), "O2".into(), home.clone()),
                ("Home first".into(), "O6".into(), home),
                ("Carers".into(), "O6".into(), carers.clone()),
                ("Carers".into(), "O7".into(), carers.clone()),
                ("Carers".into(), "O9".into(), carers),
            ]
        );
    }

    #[test]
    fn a_table_with_no_items_claims_nothing() {
        let plan = "## Localities\n\n| Locality | Population | Lead |\n|---|---|---|\n| North | 9,850 | A. Lead |\n";
        assert_eq!(read_plan(plan), Vec::new());
    }

    /// A table of indicators and the outcomes they evidence names no part of the plan: read
    /// as a mapping, each of its rows was a bad claim.
    #[test]
    fn a_table_of_indicators_claims_nothing() {
        let plan = "## Measuring performance\n\n| Indicator | Here | Scotland | National outcome |\n|---|---|---|---|\n| NI1 Able to look after own health | 88% | 91% | 1 |\n| NI9 Felt safe | 71% | 73% | 7 |\n";
        assert_eq!(read_plan(plan), Vec::new());
        let mapping = plan.replace("| Indicator |", "| Priority |");
        assert_eq!(read_plan(&mapping).len(), 2, "the same table as a mapping");
    }

    #[test]
    fn a_heading_of_stop_words_matches_no_label() {
        let plan = "# Plan\n\n## Our\n\nText.\n\n## Caring for carers\n\nText.\n";
        let doc = Document::from_bytes("plan.md".into(), plan.as_bytes().to_vec()).unwrap();
        let headings = Headings::new(&doc);
        assert_eq!(headings.resolve("Digital front door", 0), None);
        let carers = headings.resolve("Carers", 0).map(|s| doc.heading(s));
        assert_eq!(carers, Some("Caring for carers"));
    }

    /// A label is compared only with the headings that share a word with it, and a word in
    /// very many headings leads to none: matching stays linear in a plan of thousands of
    /// numbered sections, and still finds the one the label names.
    #[test]
    fn a_label_is_compared_only_with_headings_sharing_a_telling_word() {
        let count = crate::postings::MAX_CANDIDATES + 100;
        let plan: String = (0..count)
            .map(|i| format!("## Section {i}\n\nText.\n\n"))
            .collect();
        let doc = Document::from_bytes("plan.md".into(), plan.into_bytes()).unwrap();
        let headings = Headings::new(&doc);
        let found = headings.resolve("Priority 7: Section 7 and more", 0);
        assert_eq!(found.map(|s| doc.heading(s)), Some("Section 7"));
        let index = headings.index.get().unwrap();
        let wanted = words("Priority 7: Section 7 and more");
        assert_eq!(index.sharing(&wanted).count(), 1, "{wanted:?}");
        assert_eq!(index.sharing(&words("Section")).count(), 0);
    }

    /// A label is still answered when all its words are common, as long as its rarest word's
    /// headings can be compared: 520 wards' headings share "carers support" with it.
    #[test]
    fn a_label_of_common_words_still_finds_its_heading() {
        let mut plan = String::from("## Carers support\n\nText.\n\n");
        for k in 0..520 {
            plan.push_str(&format!("## Ward {k} carers support\n\nText.\n\n"));
        }
        let doc = Document::from_bytes("plan.md".into(), plan.into_bytes()).unwrap();
        let headings = Headings::new(&doc);
        let found = headings.resolve("Carers: support and respite", usize::MAX);
        assert_eq!(found.map(|s| doc.heading(s)), Some("Carers support"));
    }

    #[test]
    fn headings_are_indexed_only_when_a_label_needs_them() {
        let plan = "# Plan\n\n## Carers\n\nThis programme will contribute towards outcome 6.\n";
        let doc = Document::from_bytes("plan.md".into(), plan.as_bytes().to_vec()).unwrap();
        let headings = Headings::new(&doc);
        assert_eq!(
            sentence_claims(&doc, &rules(), &headings, &mut Vec::new()).len(),
            1
        );
        assert!(
            headings.index.get().is_none(),
            "a claim about its own section"
        );
        assert_eq!(headings.resolve("carers", 0), Some(1));
        assert!(headings.index.get().is_some());
    }

    #[test]
    fn sentences_claim_for_their_own_section_with_or_without_a_noun() {
        let plan = "# Plan\n\n## Older people\n\nThis contributes to national outcomes 2 and 4.\n\n\
            ## Carers\n\nThis programme will contribute towards outcome 6.\n\n\
            ## Money\n\nContribution to national outcomes: 9.\n\n\
            ## Demand\n\nThis contributes to rising demand for outcome data.\n";
        let claimed = claimed_sections(plan);
        assert_eq!(
            claimed,
            [
                own("O2", "Older people"),
                own("O4", "Older people"),
                own("O6", "Carers"),
                own("O9", "Money"),
            ]
        );
    }

    /// A sentence may name national and local outcomes together, or the items by their codes.
    #[test]
    fn sentences_claim_by_code_and_for_national_and_local_outcomes() {
        let plan = "# Plan\n\n## Older people\n\nThis priority supports national and local outcomes 2 and 4.\n\n\
            ## Carers\n\nThis priority supports O6 and HWO 7.\n\n\
            ## Money\n\nThis priority supports Option 9 of the review.\n\n\
            ## Links\n\nThe plan links to the Local Outcomes Improvement Plan 2024.\n";
        assert_eq!(
            claimed_sections(plan),
            [
                own("O2", "Older people"),
                own("O4", "Older people"),
                own("O6", "Carers"),
                own("O7", "Carers"),
            ]
        );
    }

    /// Each sentence start is read within the reach of a claim's opening, however long the
    /// paragraph: a claim after many sentences is found, and one whose label runs past the
    /// longest a label may be is not.
    #[test]
    fn a_claim_is_read_within_its_reach_of_a_sentence_start() {
        let filler = "Short breaks matter to carers. ".repeat(2_000);
        let plan =
            format!("# Plan\n\n## Carers\n\n{filler}This priority supports national outcome 6.\n");
        assert_eq!(claimed_sections(&plan), [own("O6", "Carers")]);
        let label = "Carers ".repeat(forms::LABEL_CHARS * 2);
        assert!(opens_claim("Caring for carers: outcomes 6 and 7 "));
        assert!(!opens_claim(&format!("{label}: outcomes 6 and 7 ")));
    }

    #[test]
    fn a_claim_sentence_after_another_in_its_paragraph_is_read() {
        let plan = "# Plan\n\n## Carers\n\nWe will double short breaks by 2027. This priority \
            supports national outcomes 5 and 6.\n\n## Home\n\nCare at home grows. This \
            priority also supports outcome 2. These priorities support outcome 4.\n\n\
            ## Results\n\nWaiting fell. Performance: outcome 9 improved.\n";
        assert_eq!(
            claimed_sections(plan),
            [
                own("O5", "Carers"),
                own("O6", "Carers"),
                own("O2", "Home"),
                own("O4", "Home"),
            ]
        );
        // The claim is the plan's account of itself, not evidence: "national outcomes 5"
        // no longer reads as a reference to O5.
        let document = Document::from_bytes("p.md".into(), plan.as_bytes().to_vec()).unwrap();
        let rules = rules();
        let o5 = rules.items().find(|i| i.item.id == "O5").unwrap().index;
        let audit = crate::audit::audit(document, &rules);
        assert!(audit.links.iter().flatten().all(|link| link.item != o5));
    }

    /// A Markdown paragraph of labelled claims, one a line, is a claim a line; a sentence of
    /// prose after a claim's full stop is not part of it and opens no claim.
    #[test]
    fn labelled_claims_on_the_lines_of_one_paragraph_are_one_a_line() {
        let plan = "# Plan\n\n## Our priorities and the outcomes\n\n\
            Priority 1: Home First — outcomes 2 and 9\n\
            Priority 2: Caring for carers — outcome 6.\n\
            Both were agreed by the board, as outcome 4 asks.\n\n\
            ## Priority 1: Home First\n\nReablement.\n\n\
            ## Priority 2: Caring for carers\n\nShort breaks.\n";
        let claims: Vec<(String, Option<String>)> = read_plan(plan)
            .into_iter()
            .map(|(_, item, section)| (item, section))
            .collect();
        let home = Some("Priority 1: Home First".to_string());
        let carers = Some("Priority 2: Caring for carers".to_string());
        assert_eq!(
            claims,
            [
                ("O2".to_string(), home.clone()),
                ("O9".to_string(), home),
                ("O6".to_string(), carers.clone()),
            ]
        );
        // A label or a list of items wrapped before a capital is still one claim.
        let wrapped = "# Plan\n\n## Our priorities and the outcomes\n\n\
            Priority 1: Home First and Living Well at\n\
            Home — Outcome 2 and\n\
            Outcome 9\n\
            Priority 2: Caring for carers — outcome 6\n\n\
            ## Priority 1: Home First and Living Well at Home\n\nReablement.\n\n\
            ## Priority 2: Caring for carers\n\nShort breaks.\n";
        let claims: Vec<(String, String, Option<String>)> = read_plan(wrapped);
        let home = "Priority 1: Home First and Living Well at Home".to_string();
        assert_eq!(
            claims,
            [
                (home.clone(), "O2".to_string(), Some(home.clone())),
                (home.clone(), "O9".to_string(), Some(home)),
                (carers.clone().unwrap(), "O6".to_string(), carers),
            ]
        );
    }

    /// A claim ends with the last item it names, so what the sentence goes on to say is
    /// evidence; "this priority" after a sentence naming a numbered priority is that one, so
    /// no claim for the section; a thousands separator is no list.
    #[test]
    fn a_claim_is_its_items_and_this_priority_may_be_another() {
        let plan = "# Plan\n\n## Caring for carers\n\nThis is our second priority. This \
            priority supports outcome 6 by giving 500 unpaid carers a short break each year by \
            March 2027.\n\n## At a glance\n\nPriority 1, Home First, helps people home. This \
            priority supports outcomes 2 and 4.\n\n## Reach\n\nThis work supports outcomes \
            1,500 carers reached.\n";
        assert_eq!(claimed_sections(plan), [own("O6", "Caring for carers")]);
        // The section's own priority named before is no other; the outcome's wording after
        // the claim is the claim's, not evidence.
        let own_priority = "# Plan\n\n## Priority 2: Caring for carers\n\nPriority 2 is about \
            carers. This priority supports outcome 6.\n\n## Priority 4: Estates\n\nThis \
            priority supports outcome 2, so that people are able to live independently and at \
            home in their community.\n";
        assert_eq!(
            claimed_sections(own_priority),
            [
                own("O6", "Priority 2: Caring for carers"),
                own("O2", "Priority 4: Estates")
            ]
        );
        let estates =
            Document::from_bytes("p.md".into(), own_priority.as_bytes().to_vec()).unwrap();
        let rules_ = rules();
        let o2 = rules_.items().find(|i| i.item.id == "O2").unwrap().index;
        let audit = crate::audit::audit(estates, &rules_);
        assert!(
            audit.links[2].iter().all(|l| l.item != o2),
            "the claim is no evidence"
        );
        let document = Document::from_bytes("p.md".into(), plan.as_bytes().to_vec()).unwrap();
        let rules = rules();
        let o6 = rules.items().find(|i| i.item.id == "O6").unwrap().index;
        let audit = crate::audit::audit(document, &rules);
        assert!(
            audit.links[1]
                .iter()
                .any(|l| l.item == o6 && l.strength >= links::Strength::Addressed),
            "the evidence after the claim still addresses O6"
        );
    }

    #[test]
    fn a_claim_under_a_part_of_a_priority_speaks_for_the_priority() {
        let plan = "# Plan\n\n## Caring for carers\n\nShort breaks.\n\n### Targets\n\n\
            This priority contributes to national outcome 6.\n\n\
            ## Our priorities\n\n### Living at home\n\nThis priority supports outcome 2.\n\n\
            ### How we will measure success\n\nThis priority supports outcome 4.\n\n\
            ## Targets\n\nThis section supports outcome 9.\n";
        let claimed = claimed_sections(plan);
        assert_eq!(
            claimed,
            [
                own("O6", "Caring for carers"),
                own("O2", "Living at home"),
                own("O4", "Our priorities"),
                own("O9", "Targets"),
            ]
        );
        for (heading, part) in [
            ("Key actions", true),
            ("What we will do", false),
            ("Outcomes and performance", true),
            ("Supporting unpaid carers", false),
            ("Carers' outcomes", false),
        ] {
            assert_eq!(is_part_heading(heading), part, "{heading}");
        }
    }

    #[test]
    fn rows_resolve_by_shared_stemmed_words_ties_to_the_earliest() {
        let plan = "# Plan\n\n## Caring for carers\n\n## Care at home\n\n## Care at home\n";
        let doc = Document::from_bytes("p.md".into(), plan.as_bytes().to_vec()).unwrap();
        let headings = Headings::new(&doc);
        let resolve = |label: &str, holder| headings.resolve(label, holder);
        assert_eq!(resolve("Carers: caring", 0), Some(1));
        assert_eq!(resolve("Priority 2 – Caring for carers", 0), Some(1));
        assert_eq!(resolve("home care", 0), Some(2), "ties go to the earliest");
        assert_eq!(resolve("Digital front door", 0), None);
        assert_eq!(resolve("Care at home", 2), Some(3), "never the holder");
    }

    fn codes(plan: &str) -> Vec<(Code, Option<String>)> {
        let rules = rules();
        let doc = Document::from_bytes("plan.md".into(), plan.as_bytes().to_vec()).unwrap();
        let report = crate::audit::audit(doc, &rules);
        let ours = [
            Code::UnsupportedClaim,
            Code::UnclaimedEvidence,
            Code::BadClaim,
        ];
        report
            .findings
            .iter()
            .filter(|f| ours.contains(&f.code))
            .map(|f| (f.code, f.item.map(|i| rules.item(i).item.id.clone())))
            .collect()
    }

    #[test]
    fn a_local_outcome_numbered_past_the_nine_is_no_bad_claim() {
        let bad = |plan: &str| {
            codes(plan)
                .iter()
                .filter(|(code, _)| *code == Code::BadClaim)
                .count()
        };
        for local in [
            "## Digital\n\nThis priority supports Outcome 10 (local).\n",
            "## Digital\n\nThis priority supports local outcome 10.\n",
            "## Map\n\n| Priority | Outcomes |\n|---|---|\n| Digital | our outcome 11 |\n\n## Digital\n\nApps.\n",
        ] {
            assert_eq!(bad(local), 0, "{local}");
        }
        for typo in [
            "## Digital\n\nThis priority supports national outcome 10.\n",
            "## Digital\n\nThis priority supports outcome 10 (localities).\n",
            "## Map\n\n| Priority | Outcomes |\n|---|---|\n| Digital | outcome 11 |\n\n## Digital\n\nApps.\n",
        ] {
            assert_eq!(bad(typo), 1, "{typo}");
        }
    }

    #[test]
    fn a_local_outcome_claims_no_national_one_of_its_number() {
        let claimed = |plan: &str| -> Vec<String> {
            read_plan(plan)
                .into_iter()
                .map(|(_, item, _)| item)
                .collect()
        };
        let map = |rows: &str| {
            format!(
                "# Plan\n\n## Map\n\n| Priority | Outcomes |\n|---|---|\n{rows}\n\
                ## Digital\n\nApps.\n\n## Housing\n\nHomes.\n\n## Carers\n\nShort breaks.\n"
            )
        };
        let local = map(
            "| Digital | Local Outcome 2 |\n| Housing | Outcome 4 (local) |\n\
            | Carers | Outcome 6 |\n",
        );
        assert_eq!(claimed(&local), ["O6"]);
        // National ones named beside local ones are still claimed.
        let both = map("| Digital | National and local outcomes 2 and 9 |\n\
            | Housing | Outcomes 3, 9 and 12 (local) |\n");
        assert_eq!(claimed(&both), ["O2", "O9", "O3", "O9"]);
        let sentence = "# Plan\n\n## Carers\n\nThis priority supports outcomes 6 and 4 (local).\n";
        assert_eq!(claimed(sentence), ["O6"]);
        // A letter of two bytes just where "national and" would start is read, not cut.
        let accented = map("| Digital | éxxxxxxxxxxx local outcome 2 |\n");
        assert_eq!(claimed(&accented), Vec::<String>::new());
    }

    #[test]
    fn a_strong_item_the_mapping_leaves_out_is_a_note() {
        let plan = "# Plan

## Map

| Priority | Outcomes |
| --- | --- |
| Carers | 6 |

## Carers

We will give unpaid carers short breaks and respite by 2027.

Keeping people safe from harm matters to carers too: we will extend adult support and
protection and falls prevention by March 2027, to cut the risk of harm.
";
        assert_eq!(
            codes(plan),
            vec![(Code::UnclaimedEvidence, Some("O7".to_owned()))]
        );
        let claimed = plan.replace("| Carers | 6 |", "| Carers | 6, 7 |");
        assert_eq!(codes(&claimed), Vec::new(), "claimed and evidenced");
    }
}
