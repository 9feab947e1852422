//! Where a large plan's Markdown can be parsed piece by piece.
//!
//! pulldown-cmark builds a tree of the whole document before it yields the first event, in a
//! vector grown by doubling: 31 MB for a 10 MB plan, the largest thing in memory while a plan
//! is read, and more than the audit after it ever holds. Parsed in pieces, each tree is small.
//!
//! A piece starts only at a `#` heading in the first column after a blank line, outside a
//! fenced code block or HTML comment. What a line in the first column opens does not depend
//! on any list or quote before it (a heading, fence or comment there ends them), so these
//! are followed exactly; a heading there closes every other block. A line that could open
//! something else that runs on (other HTML, or a fence indented under a list item) ends the
//! cutting, as does a link reference or footnote definition anywhere (they reach across the
//! plan) or a bare carriage return (pulldown-cmark's own line ends). A property test checks
//! that a plan read in pieces is the plan read whole.

use std::ops::Range;

/// Pieces are at least this long: a piece's tree is then a small part of a plan's memory, and
/// a plan of many short sections is still few parses.
pub(super) const PIECE_BYTES: usize = 256 * 1024;

/// `source[start..]` in pieces of at least `least` bytes each (the last may be shorter), in
/// order, together covering it.
pub(super) fn pieces(source: &str, start: usize, least: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut piece = start;
    // "[label]: url" or "[^1]: note" may be used anywhere in the plan.
    let definitions = memchr::memmem::find(source.as_bytes(), b"]:").is_some();
    if source.len() - start > least && !definitions && !super::has_bare_cr(source) {
        let (mut open, mut after_blank, mut at) = (Open::Nothing, true, start);
        for line in source[start..].split_inclusive('\n') {
            if open == Open::Nothing && after_blank && at - piece >= least && is_heading(line) {
                pieces.push(piece..at);
                piece = at;
            }
            let Some(next) = open.after(line) else {
                break;
            };
            open = next;
            after_blank = line.trim().is_empty();
            at += line.len();
        }
    }
    pieces.push(piece..source.len());
    pieces
}

/// A top-level block that runs on until a marker of its own, which a heading cannot end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    /// A fenced code block, with its fence character and length.
    Fence(u8, usize),
    /// An HTML comment.
    Comment,
}

impl Open {
    /// What is open after `line`; `None` if that cannot be known from the line alone.
    fn after(self, line: &str) -> Option<Open> {
        match self {
            Open::Nothing => opens(line),
            Open::Fence(mark, length) => Some(match fence(line) {
                Some((m, l, rest)) if m == mark && l >= length && rest.trim().is_empty() => {
                    Open::Nothing
                }
                _ => self,
            }),
            Open::Comment => Some(match line.contains("-->") {
                true => Open::Nothing,
                false => self,
            }),
        }
    }
}

/// What `line`, read outside any fence or comment, leaves open.
fn opens(line: &str) -> Option<Open> {
    let spaces = indent(line);
    let text = &line[spaces..];
    let fenced = fence(line);
    if spaces > 0 {
        // Indented: a fence or HTML here may belong to a list item, or not.
        let unsure = spaces <= 3 && (fenced.is_some() || text.starts_with('<'));
        return (!unsure).then_some(Open::Nothing);
    }
    if let Some((mark, length, info)) = fenced {
        // A backtick fence's info string has no backticks; with one, the line is text.
        return Some(match mark == b'`' && info.contains('`') {
            true => Open::Nothing,
            false => Open::Fence(mark, length),
        });
    }
    match text.starts_with("<!--") {
        // The comment may close on its own first line, even as `<!-->`.
        true if text[2..].contains("-->") => Some(Open::Nothing),
        true => Some(Open::Comment),
        false if text.starts_with('<') => None,
        false => Some(Open::Nothing),
    }
}

/// A fence line indented by three spaces or fewer: its character, its length and what
/// follows it.
fn fence(line: &str) -> Option<(u8, usize, &str)> {
    let spaces = indent(line);
    let text = &line[spaces..];
    let mark = *text.as_bytes().first()?;
    if spaces > 3 || (mark != b'`' && mark != b'~') {
        return None;
    }
    let length = text.bytes().take_while(|&b| b == mark).count();
    (length >= 3).then(|| (mark, length, &text[length..]))
}

/// How many spaces `line` starts with.
fn indent(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// A `#` heading starting in the first column.
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && line[hashes..]
            .bytes()
            .next()
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn cuts(source: &str) -> Vec<usize> {
        pieces(source, 0, 1)
            .iter()
            .skip(1)
            .map(|p| p.start)
            .collect()
    }

    #[test]
    fn cuts_at_headings_after_blank_lines_only() {
        let plan = "# Plan\n\nText.\n\n## Carers\n\nMore.\n## Straight after\n\n### Deeper\n";
        let at = |heading: &str| plan.find(heading).unwrap();
        assert_eq!(cuts(plan), vec![at("## Carers"), at("### Deeper")]);
        let pieces = pieces(plan, 0, 1);
        assert_eq!(pieces.first().unwrap().start, 0);
        assert_eq!(pieces.last().unwrap().end, plan.len());
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn never_cuts_inside_a_fence_or_comment() {
        for inside in [
            "```\n\n# Not a heading\n\n```\n",
            "~~~~ yaml\n\n# Not a heading\n~~~\n\n# Still code\n~~~~\n",
            "<!-- a comment\n\n# Not a heading\n-->\n",
        ] {
            let plan = format!("# Plan\n\n{inside}\n## After\n");
            assert_eq!(
                cuts(&plan),
                vec![plan.find("## After").unwrap()],
                "{inside}"
            );
        }
    }

    #[test]
    fn stops_cutting_where_a_line_alone_cannot_tell() {
        for unsure in ["<div>\n", "  ```\n", " <!-- c\n", "<pre>\n"] {
            let plan = format!("# Plan\n\n## One\n\n{unsure}\n## Two\n\n## Three\n");
            assert_eq!(cuts(&plan), vec![plan.find("## One").unwrap()], "{unsure}");
        }
    }

    #[test]
    fn a_plan_with_definitions_or_bare_carriage_returns_is_one_piece() {
        for plan in [
            "# A\n\nSee [the act][act].\n\n## B\n\n[act]: https://example.org\n",
            "# A\n\nA note.[^1]\n\n## B\n\n[^1]: The note.\n",
            "# A\r\rText.\n\n## B\n",
        ] {
            assert_eq!(pieces(plan, 0, 1), vec![0..plan.len()], "{plan:?}");
        }
    }

    #[test]
    fn small_plans_are_one_piece() {
        let plan = "# A\n\nText.\n\n## B\n\nText.\n";
        assert_eq!(pieces(plan, 0, PIECE_BYTES), vec![0..plan.len()]);
        assert_eq!(
            pieces(plan, 4, 1),
            vec![
                4..plan.find("## B").unwrap(),
                plan.find("## B").unwrap()..plan.len()
            ]
        );
    }

    /// Lines of every kind that could make a cut wrong: fences of both kinds and lengths,
    /// indented fences, comments that close at once or later, raw HTML, lists and quotes
    /// that a heading must end, tables, setext underlines, code blocks by indentation.
    const LINES: &[&str] = &[
        "",
        "",
        "",
        "# Title",
        "## Section",
        "### Sub",
        "#not a heading",
        "Some plan text.",
        "More text with *emphasis* and `code`.",
        "```",
        "```rust",
        "````",
        "~~~",
        "~~~~ x",
        "``` a`b",
        "  ```",
        "    ```",
        "\t```",
        "<!-- note",
        "<!-- planaudit: addresses O6 -->",
        "-->",
        "<!-->",
        "text --> more",
        "<div>",
        "</div>",
        "<pre>",
        "</pre>",
        " <div>",
        "<span>inline</span> text",
        "- a list item",
        "  - nested item",
        "1. numbered",
        "   continued",
        "> a quote",
        ">",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
        "===",
        "---",
        "    indented code",
        "* * *",
        "<?php",
        "?>",
        "<!DOCTYPE html>",
        "<![CDATA[",
        "]]>",
    ];

    /// A line of [`LINES`], or mostly of Markdown's punctuation, spaces and tabs, to reach
    /// what the list does not.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(LINES).prop_map(str::to_owned),
            1 => "[#`~<>!?/\\-\\[\\]:*|=_ \t\ra-z0-9]{0,12}",
        ]
    }

    proptest! {
        /// A plan read in pieces is the plan read whole: the same sections, blocks, text,
        /// spans and directives, whatever the lines and wherever the cuts fall. (pulldown-cmark's
        /// own events can differ at a cut, and harmlessly: an empty list item before one ends
        /// at the cut rather than before the blank line.)
        #[test]
        fn pieces_read_as_the_whole(lines in prop::collection::vec(line(), 0..60)) {
            let plan = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
            let read = |least| {
                let document = super::super::parse_in_pieces("plan.md".into(), plan.clone(), least);
                format!("{document:?}")
            };
            prop_assert_eq!(read(usize::MAX), read(1));
        }
    }
}
