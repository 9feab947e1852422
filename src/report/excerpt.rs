//! Source excerpts for the human report: one plan line, or a window of a long one, with the
//! labelled spans underlined beneath it.
//!
//! Labels far apart get excerpts of their own, so a finding never prints the lines between
//! them; a line exported from a word processor (a whole paragraph) is cut to a window around
//! its labels. Lines end at `\n`, `\r\n` or a lone `\r`, as the plan's [`LineIndex`] counts
//! them, so a plan saved with old Mac line endings shows one line, not the whole file.
//!
//! [`LineIndex`]: crate::source::LineIndex

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::audit::Label;
use crate::document::Document;

/// Labels on one line with fewer characters than this between them share an excerpt.
const NEAR: usize = 40;
/// Fewest characters of context kept either side of the labels on a line too wide to show
/// whole; otherwise the context fills the width.
const MIN_MARGIN: usize = 10;

/// One excerpt: a line of the plan as shown, and the row of underlines beneath it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Excerpt {
    /// The 1-based line number.
    pub line: usize,
    pub text: String,
    /// The underlines, and the labels' note after them when it fits the width.
    pub underline: String,
    /// The note on rows of its own, under the first underline, when it does not fit after
    /// the underlines: broken at spaces when it is wider than the excerpt.
    pub below: Vec<String>,
    /// How many labels it underlines.
    pub labels: usize,
}

/// Excerpts for `labels` (in document order), each at most about `width` columns wide.
pub(super) fn excerpts(doc: &Document, labels: &[Label], width: usize) -> Vec<Excerpt> {
    groups(doc, labels, width)
        .into_iter()
        .map(|group| excerpt(doc, &group, width))
        .collect()
}

/// Labels split into runs that are on one line and near each other, each run narrow enough to
/// show whole within `width` with some context: a paragraph exported as one line, with a label
/// every few words, would otherwise chain into one run as wide as the paragraph.
fn groups<'a>(doc: &Document, labels: &'a [Label], width: usize) -> Vec<Vec<&'a Label>> {
    // As wide as `excerpt` shows whole with its margins and ellipses.
    let widest = width.saturating_sub(2 * MIN_MARGIN + 2);
    let mut groups: Vec<Vec<&Label>> = Vec::new();
    for label in labels {
        let joins = groups.last().is_some_and(|group| {
            let (first, last) = (group[0], group[group.len() - 1]);
            let (prev, next) = (last.span.end.min(label.span.start), label.span.start);
            // As shown: cut at the end of the line.
            let line_end = doc.line_span(first.span.start).end;
            let run = first.span.start..label.span.end.max(last.span.end).min(line_end);
            // A place that starts inside the last one cannot be shown apart from it: the two
            // are one underline, however wide.
            let overlaps = next < last.span.end;
            doc.lines.line(last.span.start) == doc.lines.line(next)
                && (overlaps
                    || doc
                        .source
                        .get(prev..next)
                        .is_some_and(|gap| gap.chars().count() < NEAR)
                        && doc
                            .source
                            .get(run)
                            .is_some_and(|run| shown_width(run) <= widest))
        });
        match groups.last_mut() {
            Some(group) if joins => group.push(label),
            _ => groups.push(vec![label]),
        }
    }
    groups
}

fn excerpt(doc: &Document, group: &[&Label], width: usize) -> Excerpt {
    let text = doc.source.as_str();
    let first = group[0].span.start;
    let line = doc.line(first);
    let Range {
        start: line_start,
        end: line_end,
    } = doc.line_span(first);
    let clip = |span: &Range<usize>| {
        span.start.clamp(line_start, line_end)..span.end.clamp(line_start, line_end)
    };
    let spans: Vec<Range<usize>> = group.iter().map(|l| clip(&l.span)).collect();
    let whole = line_start..line_end;
    let labelled = spans[0].start..spans[spans.len() - 1].end;
    let labelled_width = shown_width(&text[labelled.clone()]);
    let shown = if shown_width(&text[whole.clone()]) <= width {
        whole
    } else if labelled_width + 2 * MIN_MARGIN + 2 <= width {
        let margin = (width.saturating_sub(labelled_width + 2) / 2).max(MIN_MARGIN);
        window(text, whole, labelled, margin)
    } else {
        // A label wider than the excerpt (a long sentence): its start, as much as fits.
        let from = window(text, whole.clone(), labelled.clone(), MIN_MARGIN).start;
        from..fit(
            text,
            from..whole.end,
            width.saturating_sub(2),
            labelled.start,
        )
    };
    let lead = if shown.start > line_start { "…" } else { "" };
    let tail = if shown.end < line_end { "…" } else { "" };
    let mut underline = String::new();
    let mut column = 0;
    let mut first = None;
    let mut drawn = 0;
    for span in &spans {
        let span = span.start.max(shown.start)..span.end.min(shown.end);
        // A label past a long one's cut is not shown; the report lists it with the rest.
        if span.start > span.end {
            continue;
        }
        drawn += 1;
        let start = lead.width() + shown_width(&text[shown.start..span.start]);
        let len = shown_width(&text[span]).max(1);
        // A place that starts inside the last underline extends it.
        if start >= column {
            underline.push_str(&" ".repeat(start - column));
            first.get_or_insert(start);
        }
        let end = start + len;
        if end > column {
            underline.push_str(&"─".repeat(end - column.max(start)));
            column = end;
        }
    }
    let mut notes: Vec<&str> = Vec::new();
    for label in group {
        if !notes.contains(&&*label.text) {
            notes.push(&label.text);
        }
    }
    let note = printable(&notes.join("; "));
    let below = match column + 1 + note.width() <= width {
        true => {
            underline.push(' ');
            underline.push_str(&note);
            Vec::new()
        }
        false => match first.filter(|&at| at + note.width() <= width) {
            Some(indent) => vec![format!("{}{note}", " ".repeat(indent))],
            None => textwrap::wrap(&note, width.max(1))
                .into_iter()
                .map(String::from)
                .collect(),
        },
    };
    Excerpt {
        line,
        text: format!("{lead}{}{tail}", printable(&text[shown])),
        underline,
        below,
        labels: drawn,
    }
}

/// The end of the longest stretch of `range` from its start that takes at most `columns`
/// columns, cut at a space after `keep` where there is one: a cut at a space before the label
/// (one long word of a table row, say) would show none of it.
fn fit(text: &str, range: Range<usize>, columns: usize, keep: usize) -> usize {
    let mut used = 0;
    let mut end = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        used += shown_width(c.encode_utf8(&mut [0; 4]));
        if used > columns {
            break;
        }
        end = range.start + i + c.len_utf8();
    }
    if end == range.end {
        return end;
    }
    text[range.start..end]
        .rfind(' ')
        .map(|space| range.start + space)
        .filter(|&space| space > keep)
        .unwrap_or(end)
}

/// Up to `margin` characters either side of `labelled` within `line`, cut at spaces.
fn window(text: &str, line: Range<usize>, labelled: Range<usize>, margin: usize) -> Range<usize> {
    let Range { start, end } = labelled;
    let mut from = text[line.start..start]
        .char_indices()
        .rev()
        .nth(margin)
        .map_or(line.start, |(i, _)| line.start + i);
    if from > line.start {
        from = text[from..start].find(' ').map_or(from, |i| from + i + 1);
    }
    let mut to = text[end..line.end]
        .char_indices()
        .nth(margin)
        .map_or(line.end, |(i, _)| end + i);
    if to < line.end {
        to = text[end..to].rfind(' ').map_or(to, |i| end + i);
    }
    from..to
}

/// Plan text as it is printed: tabs as one space and other control and bidirectional
/// formatting characters ([`crate::input::is_unsafe`]) as `�`, so that text cannot move the
/// cursor or reorder a line, and underlines stay aligned.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if crate::input::is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Terminal columns `text` takes once printed.
fn shown_width(text: &str) -> usize {
    printable(text).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(doc: &Document, needles: &[&str]) -> Vec<Label> {
        needles
            .iter()
            .map(|n| {
                let start = doc.source.find(n).unwrap();
                Label {
                    span: start..start + n.len(),
                    text: "here".into(),
                }
            })
            .collect()
    }

    fn doc(text: &str) -> Document {
        Document::from_bytes("plan.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    /// A label that is one long word just after the line's start: the excerpt is cut inside
    /// it, not at the space before it (which showed one character, and panicked slicing the
    /// label; found by fuzzing).
    #[test]
    fn a_long_word_label_is_shown_from_its_start() {
        let word = "b".repeat(200);
        let doc = doc(&format!("# Plan\n\na {word} c\n"));
        let shown = excerpts(&doc, &labels(&doc, &[&word]), 52);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].labels, 1);
        assert!(shown[0].text.starts_with("a bbbb"), "{}", shown[0].text);
        assert!(shown[0].underline.contains("──"), "{}", shown[0].underline);
    }

    /// Any line, any labels on it, any width: every label is underlined in some excerpt, and
    /// none is cut off (fuzzing found two labels joined into one excerpt that then showed only
    /// the first, and a panic slicing the second).
    #[test]
    fn every_label_of_a_line_is_underlined_at_every_width() {
        use proptest::prelude::*;
        let words = prop::collection::vec((1usize..25, any::<bool>()), 5..60);
        let picks = prop::collection::btree_map(0usize..60, 1usize..12, 1..5);
        proptest!(|(lengths in words, picked in picks, width in 40usize..110)| {
            let word = |&(n, wide): &(usize, bool)| if wide { "é—".repeat(n / 2 + 1) } else { "w".repeat(n) };
            let words: Vec<String> = lengths.iter().map(word).collect();
            let line = words.join(" ");
            let plan = format!("# Plan\n\n{line}\n");
            let doc = doc(&plan);
            let starts: Vec<usize> = words
                .iter()
                .scan(plan.find(&line).unwrap(), |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some(start)
                })
                .collect();
            let mut chosen: Vec<Label> = Vec::new();
            for (&first, &count) in &picked {
                let Some(&start) = starts.get(first) else { continue };
                let last = (first + count).min(words.len()) - 1;
                let end = starts[last] + words[last].len();
                if chosen.last().is_some_and(|l| l.span.end > start) {
                    continue;
                }
                chosen.push(Label { span: start..end, text: "here".into() });
            }
            let shown = excerpts(&doc, &chosen, width);
            prop_assert_eq!(shown.iter().map(|e| e.labels).sum::<usize>(), chosen.len());
        });
    }

    #[test]
    fn far_apart_labels_get_separate_excerpts_without_the_lines_between() {
        let doc =
            doc("# Plan\n\nunpaid carers first.\n\nfiller\n\nmore filler\n\nshort breaks last.\n");
        let shown = excerpts(&doc, &labels(&doc, &["unpaid carers", "short breaks"]), 100);
        assert_eq!(shown.len(), 2);
        assert_eq!((shown[0].line, shown[1].line), (3, 9));
        assert_eq!(shown[0].text, "unpaid carers first.");
        assert_eq!(shown[0].underline, "───────────── here");
        assert_eq!(shown[1].underline, "──────────── here");
    }

    #[test]
    fn near_labels_on_one_line_share_an_excerpt() {
        let doc = doc("# Plan\n\nWe support unpaid carers with short breaks.\n");
        let shown = excerpts(&doc, &labels(&doc, &["unpaid carers", "short breaks"]), 100);
        assert_eq!(shown.len(), 1);
        assert_eq!(
            shown[0].underline,
            "           ─────────────      ──────────── here"
        );
    }

    #[test]
    fn near_labels_along_a_long_line_are_cut_into_runs_that_fit() {
        let sentence = "We fund short breaks for unpaid carers in every locality. ";
        let doc = doc(&format!("# Plan\n\n{}\n", sentence.repeat(6)));
        let needles: Vec<Label> = (0..6)
            .flat_map(|i| {
                let at = 8 + i * sentence.len();
                let breaks = at + sentence.find("short breaks").unwrap();
                let carers = at + sentence.find("unpaid carers").unwrap();
                [breaks..breaks + 12, carers..carers + 13]
            })
            .map(|span| Label {
                span,
                text: "here".into(),
            })
            .collect();
        let shown = excerpts(&doc, &needles, 100);
        assert!(shown.len() > 1, "one run as wide as the line");
        assert_eq!(shown.iter().map(|e| e.labels).sum::<usize>(), 12);
        for excerpt in &shown {
            assert!(excerpt.text.width() <= 100, "{}", excerpt.text);
            assert!(excerpt.underline.width() <= 100, "{}", excerpt.underline);
        }
    }

    /// A label wider than the excerpt (a long sentence) is shown from its start as far as the
    /// width allows, underlined to the edge; a note that no longer fits after the underline
    /// goes on a row of its own, under the underline's start.
    #[test]
    fn a_label_wider_than_the_excerpt_is_cut_and_its_note_goes_below() {
        let sentence = format!(
            "The aim is {}to help carers.",
            "to do much more ".repeat(12)
        );
        let filler = "word ".repeat(30);
        let doc = doc(&format!("# Plan\n\n{filler}{sentence} {filler}\n"));
        let mut label = labels(&doc, &[&sentence]);
        label[0].text = "addresses it without a commitment or measure".into();
        let shown = &excerpts(&doc, &label, 100)[0];
        assert!(shown.text.width() <= 100, "{}", shown.text);
        assert!(shown.text.contains("The aim is to do"), "{}", shown.text);
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        assert!(shown.underline.width() <= 100, "{}", shown.underline);
        assert!(
            !shown.underline.contains("addresses"),
            "{}",
            shown.underline
        );
        let at = shown.underline.find('─').unwrap();
        let indent = shown.underline[..at].width();
        let below = shown.below.first().unwrap();
        assert_eq!(
            below.trim_start(),
            "addresses it without a commitment or measure"
        );
        assert_eq!(below.len() - below.trim_start().len(), indent);
        let fits = excerpts(&doc, &labels(&doc, &["to help carers"]), 100);
        assert!(
            fits[0].underline.ends_with("── here"),
            "{}",
            fits[0].underline
        );
        assert!(fits[0].below.is_empty());
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let doc = doc("# Plan\r\rFirst line.\rSecond line with carers.\rThird.\r");
        let shown = excerpts(&doc, &labels(&doc, &["carers"]), 100);
        assert_eq!(shown[0].line, 4);
        assert_eq!(shown[0].text, "Second line with carers.");
        assert_eq!(shown[0].underline, "                 ────── here");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_at_spaces() {
        let filler = "word ".repeat(60);
        let doc = doc(&format!("# Plan\n\n{filler}unpaid carers {filler}\n"));
        let shown = excerpts(&doc, &labels(&doc, &["unpaid carers"]), 100);
        let text = &shown[0].text;
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.width() < 100, "{text}");
        let at = shown[0].underline.find('─').unwrap();
        let column = shown[0].underline[..at].width();
        let before: String = text.chars().take(column).collect();
        assert_eq!(&text[before.len()..before.len() + 13], "unpaid carers");
    }
}
