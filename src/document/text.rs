//! The plan's prose as one matchable string, with a map back to source offsets.
//!
//! Matchers need to see "unpaid carers" whether the source wrapped it across lines, indented a
//! list continuation or wrapped a word in `**`. [`PlanText`] holds only plan text (no markup, code
//! or HTML), every whitespace run collapsed to one space and each block on a line of its own, so
//! a phrase can match inside a block but never across two. Offsets into it map back to exact
//! source spans through a sparse list of anchors, one per place where the two drift apart.

use std::ops::Range;

use super::narrow;

/// The plan's prose as one matchable string, with a map back to the source (see the module
/// docs).
#[derive(Debug, Clone, Default)]
pub struct PlanText {
    text: String,
    anchors: Vec<Anchor>,
}

/// From `text` onwards, plan text offsets map to `source + (offset - text)`, up to `source_end`.
/// An inexact anchor (an entity or escape, whose parsed text differs from its source) maps every
/// offset to the whole of its source span instead. Offsets are in 32 bits ([`narrow`]): a 10 MB
/// plan has 160,000 anchors, 16 bytes each rather than 32.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    text: u32,
    source: u32,
    source_end: u32,
    exact: bool,
}

impl Anchor {
    /// Where plan text `offset`, at or after this anchor, is in the source.
    fn source_at(self, offset: usize) -> usize {
        let (text, source, end) = (
            self.text as usize,
            self.source as usize,
            self.source_end as usize,
        );
        if self.exact {
            (source + (offset - text)).min(end)
        } else {
            source
        }
    }
}

/// Whether a word is a web or email address, which says where something is, not what the plan
/// says: "support https://example.org/unpaid-carers" or "carers@council.gov.uk" would
/// otherwise be evidence for unpaid carers.
fn is_address(word: &str) -> bool {
    let word = word.trim_start_matches(['(', '<', '[', '"', '\'', '‘', '“']);
    let lower = |prefix: &str| {
        word.get(..prefix.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(prefix))
    };
    if lower("www.") {
        return true;
    }
    // Most words have neither mark: one scan for either says so.
    let Some(mark) = memchr::memchr2(b':', b'@', word.as_bytes()) else {
        return false;
    };
    word[mark..].starts_with("://")
        || lower("mailto:")
        || word
            .split_once('@')
            .is_some_and(|(name, host)| !name.is_empty() && host.contains('.'))
}

impl PlanText {
    /// The text matchers scan: blocks one to a line, whitespace collapsed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The source span of a plan text range that lies within one block.
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.source_offset(range.start);
            return at..at;
        }
        let last = self.text[..range.end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        let start = self.source_offset(range.start);
        let end = match self.anchor(range.end - last) {
            Some(a) if a.exact => a.source_at(range.end),
            Some(a) => a.source_end as usize,
            None => range.end,
        };
        start..end.max(start)
    }

    fn source_offset(&self, offset: usize) -> usize {
        self.anchor(offset).map_or(offset, |a| a.source_at(offset))
    }

    fn anchor(&self, offset: usize) -> Option<Anchor> {
        let i = self.anchors.partition_point(|a| a.text as usize <= offset);
        i.checked_sub(1).map(|i| self.anchors[i])
    }
}

/// Appends text events and block breaks, collapsing whitespace as it goes.
#[derive(Debug, Default)]
pub(super) struct PlanTextBuilder {
    out: PlanText,
    /// Whitespace was seen since the last character written in the current block.
    pending_space: bool,
    /// Where the next byte would land in the source if nothing drifted.
    expected_source: Option<usize>,
}

impl PlanTextBuilder {
    pub fn len(&self) -> usize {
        self.out.text.len()
    }

    /// Makes room for `bytes` of text at once: grown by doubling, a 10 MB plan's 9.8 MB of
    /// text held 16.8 MB while the plan was parsed, the parse's peak.
    pub fn reserve(&mut self, bytes: usize) {
        self.out.text.reserve(bytes);
    }

    /// Appends `text`, which is the parsed form of `source[span]`. Where the two differ in length
    /// (entities, escapes), offsets inside the event are approximate but stay inside `span`.
    /// Works a word at a time: copying character by character was most of the document stage.
    pub fn push(&mut self, text: &str, span: Range<usize>, block_start: usize) {
        let exact = text.len() == span.len();
        let mut at = 0;
        while at < text.len() {
            let start = at
                + text[at..]
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(text.len() - at);
            if start > at {
                self.pending_space = true;
            }
            if start == text.len() {
                break;
            }
            let end = start
                + text[start..]
                    .find(char::is_whitespace)
                    .unwrap_or(text.len() - start);
            // An address stands in the text as "…": still a word where words are counted and
            // quoted, and nothing a matcher reads.
            let address = is_address(&text[start..end]);
            let word = if address { "…" } else { &text[start..end] };
            let source = if exact {
                span.start + start
            } else {
                span.start
            };
            if std::mem::take(&mut self.pending_space) && self.out.text.len() > block_start {
                self.out.text.push(' ');
                // One source space written as one space keeps text and source in step.
                if exact && &text[at..start] == " " && self.expected_source == Some(source - 1) {
                    self.expected_source = Some(source);
                }
            }
            if address || self.expected_source != Some(source) {
                let source_end = match (address, exact) {
                    (true, true) => span.start + end,
                    _ => span.end,
                };
                self.out.anchors.push(Anchor {
                    text: narrow(self.out.text.len()),
                    source: narrow(source),
                    source_end: narrow(source_end),
                    exact: exact && !address,
                });
            } else if let Some(last) = self.out.anchors.last_mut() {
                // The word carries on the last anchor's run of source, perhaps from a later
                // event (an unmatched "[" or "<" is an event of its own): the run reaches this
                // event's end, or every offset after the first event would map to its end.
                last.source_end = last.source_end.max(narrow(span.end));
            }
            self.out.text.push_str(word);
            self.expected_source = (exact && !address).then_some(source + (end - start));
            at = end;
        }
    }

    /// Marks a word break that has no whitespace of its own (a line break, an inline comment).
    pub fn space(&mut self) {
        self.pending_space = true;
    }

    /// Ends the current block; returns false if it held no text.
    pub fn end_block(&mut self, block_start: usize) -> bool {
        self.pending_space = false;
        if self.out.text.len() == block_start {
            return false;
        }
        self.out.text.push('\n');
        self.expected_source = None;
        true
    }

    /// The text, without the spare capacity it grew with or was given: it lives through the whole audit,
    /// whose allocations make a run's peak memory.
    pub fn finish(mut self) -> PlanText {
        self.out.text.shrink_to_fit();
        self.out.anchors.shrink_to_fit();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_not_plan_text() {
        for word in [
            "https://example.org/unpaid-carers",
            "(https://example.org).",
            "<https://x.org>",
            "www.example.org/carers",
            "WWW.example.org",
            "carers@council.gov.uk",
            "mailto:carers@council.gov.uk",
        ] {
            assert!(is_address(word), "{word}");
        }
        for word in ["carers", "@carers", "e.g.", "carers@", "and/or", "24/7"] {
            assert!(!is_address(word), "{word}");
        }
    }

    /// Anchors stay 32-bit: a plan has one per place its text and source drift apart.
    #[test]
    fn anchors_are_compact() {
        assert_eq!(size_of::<Anchor>(), 16);
    }

    fn build(parts: &[(&str, Range<usize>)]) -> PlanText {
        let mut b = PlanTextBuilder::default();
        for (text, span) in parts {
            b.push(text, span.clone(), 0);
        }
        b.end_block(0);
        b.finish()
    }

    #[test]
    fn collapses_whitespace_and_maps_back() {
        let source = "unpaid\n   carers matter";
        let text = build(&[(source, 0..source.len())]);
        assert_eq!(text.as_str(), "unpaid carers matter\n");
        let at = text.as_str().find("carers").unwrap();
        let span = text.source_span(at..at + 6);
        assert_eq!(&source[span], "carers");
        let span = text.source_span(0..13);
        assert_eq!(&source[span], "unpaid\n   carers");
    }

    #[test]
    fn joins_events_across_markup() {
        let source = "**unpaid** carers";
        let text = build(&[("unpaid", 2..8), (" carers", 10..17)]);
        assert_eq!(text.as_str(), "unpaid carers\n");
        assert_eq!(&source[text.source_span(7..13)], "carers");
        assert_eq!(&source[text.source_span(0..13)], "unpaid** carers");
    }

    /// The parser gives an unmatched bracket an event of its own, and the text after it runs on
    /// in the source with no markup between: offsets past the bracket map one to one.
    #[test]
    fn a_run_of_source_carries_on_across_events() {
        let source = "The group [1] met and offers short breaks.";
        let text = build(&[
            ("The group ", 0..10),
            ("[", 10..11),
            ("1] met and offers short breaks.", 11..42),
        ]);
        assert_eq!(
            text.as_str(),
            "The group [1] met and offers short breaks.\n"
        );
        let at = text.as_str().find("short breaks").unwrap();
        assert_eq!(&source[text.source_span(at..at + 12)], "short breaks");
        assert_eq!(&source[text.source_span(4..22)], "group [1] met and ");
    }

    #[test]
    fn multibyte_text_maps_to_char_boundaries() {
        let source = "Ùige –  £5";
        let text = build(&[(source, 0..source.len())]);
        let at = text.as_str().find('£').unwrap();
        assert_eq!(&source[text.source_span(at..at + 3)], "£5");
    }

    #[test]
    fn entities_stay_inside_their_event() {
        let source = "A &amp; B";
        let text = build(&[("A ", 0..2), ("&", 2..7), (" B", 7..9)]);
        assert_eq!(text.as_str(), "A & B\n");
        assert_eq!(&source[text.source_span(4..5)], "B");
        assert_eq!(&source[text.source_span(2..3)], "&amp;");
    }
}
