//! Findings: what a planner should fix, with the spans to look at.

use std::borrow::Cow;
use std::ops::Range;

use super::codes::{Code, ORPHAN_MIN_WORDS, Severity};
use super::coverage::{Coverage, CoverageTable, Status};
use super::links::{Evidence, Link, Source};
use crate::document::{DirectiveKind, Document, InputFormat, Unreadable};
use crate::rules::{Obligation, Rules};

/// A labelled source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The bytes of the plan the label underlines.
    pub span: Range<usize>,
    /// What the label says about them: most labels of a kind say the same words, and a
    /// dense plan has millions of labels, so fixed words are not copied into each.
    pub text: Cow<'static, str>,
}

/// Something a planner should fix or look at: plain data, never an error, so every report
/// format and baseline reads the same findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding it is; waivers, baselines and config name it.
    pub code: Code,
    /// How much it matters, after config and the item's obligation.
    pub severity: Severity,
    /// The item it is about, if any, as an index into [`Rules::items`](crate::rules::Rules::items).
    pub item: Option<usize>,
    /// The section it is about, if any, as an index into the document's sections.
    pub section: Option<usize>,
    /// One sentence for the planner: what is wrong.
    pub message: String,
    /// The places to look at, the first being the main one.
    pub labels: Vec<Label>,
}

pub(super) fn findings(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    coverage: &CoverageTable,
    claiming: &[usize],
) -> Vec<Finding> {
    if document.blocks.is_empty() {
        return vec![no_sections(document)]; // nothing to read: one error says so, not every item
    }
    let mut findings: Vec<Finding> = coverage
        .items
        .iter()
        .filter_map(|c| item_finding(document, rules, links, c))
        .collect();
    if !document.has_headings() {
        // Missing items still count against it: a plan must not pass CI by having no headings.
        // Its one section serves the whole plan, so it is never an orphan.
        findings.push(no_sections(document));
    } else if rules.frameworks().iter().any(|set| set.asks_sections) {
        findings.extend(orphans(document, coverage, claiming));
    }
    findings
}

/// Highest severity first, then by item, then by position.
pub(super) fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(Finding::order);
}

impl Finding {
    /// Where the finding comes in a plan's report: highest severity first, then by item, then
    /// by position.
    pub fn order(&self) -> impl Ord + use<> {
        let at = self.labels.first().map_or(0, |l| l.span.start);
        (std::cmp::Reverse(self.severity), self.item, at, self.code)
    }
}

/// Whether an `ignore` comment's target names an item (of any framework) or a finding code.
pub(super) fn is_target(rules: &Rules, target: &str) -> bool {
    rules
        .items()
        .any(|i| i.item.id.eq_ignore_ascii_case(target))
        || rules.is_unselected_item(target)
        || Code::parse(target).is_some()
}

/// Comments that say `planaudit:` but cannot be acted on; silently ignoring them would hide
/// a typo in a waiver.
pub(super) fn directive_problems(
    document: &Document,
    rules: &Rules,
    unknown: &[(usize, String)],
) -> Vec<Finding> {
    let mut problems: Vec<(usize, String)> = unknown
        .iter()
        .filter(|(_, id)| !rules.is_unselected_item(id))
        .map(|(d, id)| (*d, format!("`{id}` is not an item of any framework")))
        .collect();
    for (index, directive) in document.directives.iter().enumerate() {
        match &directive.kind {
            DirectiveKind::Unknown { text, problem } => problems.push((
                index,
                match problem {
                    Unreadable::NoReason => format!("`{text}` gives no reason: a waiver says why, as in `planaudit: ignore ID reason=\"…\"`"),
                    Unreadable::ManyReasons => format!("`{text}` gives more than one reason: write one comment for each reason"),
                    Unreadable::Unclosed => format!("`{text}` is never closed with `-->`, so it takes in the rest of the plan"),
                    Unreadable::Unrecognised => format!("cannot read `{text}`: use `planaudit: ignore ID reason=\"…\"` or `planaudit: addresses ID`"),
                },
            )),
            DirectiveKind::Ignore { targets, .. } => problems.extend(
                targets
                    .iter()
                    .filter(|t| !is_target(rules, t))
                    .map(|t| (index, format!("`{t}` is neither an item id nor a finding code"))),
            ),
            DirectiveKind::Addresses { .. } => {}
        }
    }
    problems
        .into_iter()
        .map(|(index, message)| Finding {
            code: Code::BadDirective,
            severity: Code::BadDirective.severity(Obligation::Must),
            item: None,
            section: document.directives[index].section,
            message: format!("planaudit comment ignored: {message}"),
            labels: vec![Label {
                span: document.directives[index].span.clone(),
                text: "this comment".into(),
            }],
        })
        .collect()
}

/// A comment or code block never closed, each one finding at its opening line: the text it
/// takes in was not read.
pub(super) fn unclosed(document: &Document) -> Vec<Finding> {
    // An unclosed `planaudit:` comment has its own bad-directive, which says the waiver is lost.
    let directive = |start: usize| {
        document.directives.iter().any(|d| {
            d.span.start == start
                && matches!(
                    d.kind,
                    DirectiveKind::Unknown {
                        problem: Unreadable::Unclosed,
                        ..
                    }
                )
        })
    };
    document
        .unclosed
        .iter()
        .filter(|open| !directive(open.span.start))
        .map(|open| {
            let first = document.line(open.span.start);
            let last = document.line(open.span.end.saturating_sub(1).max(open.span.start));
            let unread = match last - first {
                0 => "nothing after it on its line is read".to_owned(),
                1 => format!("line {last} is not read"),
                _ => format!("lines {}–{last} are not read", first + 1),
            };
            // From the opening mark, not the indent before it (a fence inside a list item).
            let line = document.line_span(open.span.start);
            let indent = document.source[line.clone()]
                .len()
                .saturating_sub(document.source[line.clone()].trim_start().len());
            let span = (line.start + indent).max(open.span.start)..line.end;
            Finding {
                code: Code::UnclosedBlock,
                severity: Code::UnclosedBlock.severity(Obligation::Must),
                item: None,
                section: open.section,
                message: format!(
                    "{} opened on line {first} is never closed: {unread}",
                    open.what
                ),
                labels: vec![Label {
                    span,
                    text: "opened here, never closed".into(),
                }],
            }
        })
        .collect()
}

/// The one finding for a plan with nothing to judge section by section. An empty plan is an
/// error: it addresses nothing, and a wrong or truncated export must not pass CI. So is one
/// of front matter or comments alone, which reads as empty. A plan without headings is read
/// as one section, which coverage and the items' findings still count.
fn no_sections(document: &Document) -> Finding {
    let (message, severity) = match (
        document.source.trim().is_empty(),
        document.blocks.is_empty(),
    ) {
        (true, _) => ("the plan is empty", Severity::Error),
        (false, true) => (
            "the plan has no text to read: only front matter, comments or markup",
            Severity::Error,
        ),
        (false, false) => (
            "the plan has no headings, so it is read as one section and findings cannot say \
             which part of it addresses an item",
            Code::NoSections.severity(Obligation::Must),
        ),
    };
    // A Markdown file that opens with `<html>` is read as HTML, whose headings are tags: its
    // `##` lines are not headings there.
    let named = InputFormat::from_extension(&document.path);
    let message = match (document.format, named) {
        (InputFormat::Html, Some(InputFormat::Markdown)) if !document.blocks.is_empty() => format!(
            "{message} (it opens with an HTML tag, so it was read as HTML; \
             --input-format markdown reads it as Markdown)"
        ),
        _ => message.to_owned(),
    };
    Finding {
        code: Code::NoSections,
        severity,
        item: None,
        section: None,
        message,
        labels: Vec::new(),
    }
}

fn item_finding(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    c: &Coverage,
) -> Option<Finding> {
    let item = rules.item(c.item).item;
    let note = c
        .note
        .as_deref()
        .map_or(String::new(), |n| format!(": {n}"));
    let (code, message, labels) = match (c.status, c.committed() || item.structure.is_some()) {
        (Status::Covered, true) | (Status::Waived, _) => return None,
        // The author declared the item addressed: asking them for a commitment as well would
        // second-guess the declaration they just made.
        (Status::Covered, false) if declared(links, c) => return None,
        (Status::Covered, false) => {
            let labels = c
                .sections
                .iter()
                .flat_map(|&s| addressing_labels(document, links, s, c.item))
                .collect();
            let message = format!(
                "{} ({}) is covered, but no commitment or measure goes with it",
                item.id, item.title
            );
            (Code::NoCommitment, message, labels)
        }
        (Status::Weak, _) => {
            let spans = c
                .mentions
                .iter()
                .flat_map(|&s| links[s].iter().filter(|l| l.item == c.item))
                .flat_map(|l| &l.evidence)
                .map(Evidence::span);
            let labels = outermost(spans, "mentioned in passing");
            let message = format!(
                "{} ({}) is only mentioned in passing{note}",
                item.id, item.title
            );
            (Code::WeakItem, message, labels)
        }
        // A plan that restates the framework quotes the item's wording without saying what it
        // does about it; the planner needs to know why that list does not count.
        (Status::Missing, _) if !c.quotes.is_empty() => {
            let message = format!(
                "{} ({}) is quoted under \"{}\" but not addressed{note}",
                item.id,
                item.title,
                document.heading(c.quotes[0])
            );
            (Code::MissingItem, message, Vec::new())
        }
        (Status::Missing, _) => {
            let message = format!(
                "{} ({}) is not addressed anywhere in the plan{note}",
                item.id, item.title
            );
            (Code::MissingItem, message, Vec::new())
        }
    };
    Some(Finding {
        code,
        severity: code.severity(item.obligation),
        item: Some(c.item),
        section: None,
        message,
        labels,
    })
}

/// Whether an `addresses` comment in a section that covers the item declares it.
fn declared(links: &[Vec<Link>], c: &Coverage) -> bool {
    c.sections
        .iter()
        .flat_map(|&s| links[s].iter().filter(|l| l.item == c.item))
        .flat_map(|l| &l.evidence)
        .any(|e| matches!(e.source, Source::Declared(_)))
}

/// Where a section addresses an item with no commitment: the words that address it, so the
/// reader sees which text needs a commitment beside it; the heading when those words are all
/// in its subsections.
fn addressing_labels(
    document: &Document,
    links: &[Vec<Link>],
    section: usize,
    item: usize,
) -> Vec<Label> {
    let text = "addresses it without a commitment or measure";
    let spans = links[section]
        .iter()
        .filter(|l| l.item == item)
        .flat_map(|l| &l.evidence)
        .map(Evidence::span);
    let words = outermost(spans, text);
    match words.is_empty() {
        true => vec![Label {
            span: heading_span(document, section),
            text: text.into(),
        }],
        false => words,
    }
}

/// Labels saying `text` at `spans`, in document order, without those inside another: a phrase
/// within a matched pattern is one place to look, not two. Evidence comes in document order,
/// longest first at a place, so it is read as it stands; a label for every span first was a
/// tenth of the peak of a plan of 880,000 headings that name one item each.
fn outermost<I>(spans: I, text: &'static str) -> Vec<Label>
where
    I: Iterator<Item = Range<usize>> + Clone,
{
    let order = |span: &Range<usize>| (span.start, std::cmp::Reverse(span.end));
    if spans.clone().is_sorted_by_key(|span| order(&span)) {
        return outside(spans, text);
    }
    // Unstable: equal spans make the same label.
    let mut sorted: Vec<Range<usize>> = spans.collect();
    sorted.sort_unstable_by_key(order);
    outside(sorted.into_iter(), text)
}

/// Labels for the `spans` (sorted by start, longest first) that no earlier one holds.
fn outside(spans: impl Iterator<Item = Range<usize>>, text: &'static str) -> Vec<Label> {
    let mut end = None;
    spans
        .filter(|span| {
            let outside = end.is_none_or(|end| span.end > end);
            if outside {
                end = Some(span.end);
            }
            outside
        })
        .map(|span| Label {
            span,
            text: text.into(),
        })
        .collect()
}

/// Where to point at a section: its heading, or for the preamble its first block.
pub(super) fn heading_span(document: &Document, section: usize) -> Range<usize> {
    let section = &document.sections[section];
    let first_block = || {
        document
            .blocks
            .get(section.blocks().start)
            .map(|b| b.span())
    };
    section
        .heading_span()
        .clone()
        .or_else(first_block)
        .unwrap_or(section.span().start..section.span().start)
}

/// Sections long enough to say something that address no item. A section that maps the
/// plan's priorities to the items (`claiming`: the sections holding its own claims) serves them
/// all, linked or not: telling a reviewer to ask whether the plan needs it would be wrong advice.
fn orphans<'a>(
    document: &'a Document,
    coverage: &'a CoverageTable,
    claiming: &[usize],
) -> impl Iterator<Item = Finding> + 'a {
    let mut holds_claims = vec![false; document.sections.len()];
    for &section in claiming {
        holds_claims[section] = true;
    }
    (0..document.sections.len())
        .filter(move |&s| {
            !coverage.linked[s]
                && !holds_claims[s]
                && document.body_words(s) >= ORPHAN_MIN_WORDS
                && !document.is_contents(s)
        })
        .map(|s| {
            let span = heading_span(document, s);
            Finding {
                code: Code::OrphanSection,
                severity: Code::OrphanSection.severity(Obligation::Must),
                item: None,
                section: Some(s),
                message: format!("section \"{}\" serves no item", document.heading(s)),
                labels: vec![Label {
                    span,
                    text: format!(
                        "{} words that address no selected item",
                        document.body_words(s)
                    )
                    .into(),
                }],
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evidence usually comes sorted and is read as it stands; a declaration appended after a
    /// section's hits does not, and must give the same labels as sorted input.
    #[test]
    fn labels_hold_only_outermost_spans_in_any_input_order() {
        let spans = [0..13, 7..30, 18..30, 40..45, 41..44];
        let starts = |labels: Vec<Label>| -> Vec<Range<usize>> {
            labels.into_iter().map(|l| l.span).collect()
        };
        let sorted = starts(outermost(spans.iter().cloned(), "x"));
        assert_eq!(sorted, [0..13, 7..30, 40..45]);
        let shuffled = [40..45, 18..30, 0..13, 41..44, 7..30];
        assert_eq!(starts(outermost(shuffled.iter().cloned(), "x")), sorted);
    }
}
