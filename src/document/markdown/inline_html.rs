//! Inline HTML inside a Markdown paragraph: which tags part the words around them, which are a
//! footnote's number, and which hold code rather than plan text.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

use crate::document::html::is_note_number;

/// Tags that format text where it stands: "un<b>paid</b> carers" is the words "unpaid carers".
const FORMATTING: [&str; 22] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
    "q", "s", "small", "span", "strong", "sub", "sup", "u",
];

/// Whether an inline HTML tag parts the words on either side of it, as a line break, an image
/// or a comment does; formatting tags sit inside the text.
pub(super) fn parts_words(html: &str) -> bool {
    let name = tag_name(html);
    !FORMATTING.iter().any(|tag| tag.eq_ignore_ascii_case(name))
}

/// The name of a tag, opening or closing: "sup" for `<sup>`, `</SUP>` and `<sup class="x">`;
/// empty for a comment or anything else.
fn tag_name(html: &str) -> &str {
    let inside = html.strip_prefix('<').unwrap_or_default();
    let inside = inside.strip_prefix('/').unwrap_or(inside);
    let end = inside
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inside.len());
    &inside[..end]
}

/// Elements whose content is code or styling, never plan text, wherever they stand.
const RAW_TEXT: [&str; 2] = ["script", "style"];

/// `events` without the content of a `<script>` or `<style>` written inside a paragraph
/// ("We use a tracker. <script>var t = "…"</script>"), which a browser never shows: read, its
/// strings would be evidence. An element left open ends with its block. Starts and ends of
/// formatting inside it pass, with no text between them, so the blocks stay balanced.
pub(super) fn without_raw_text<'e>(
    events: impl Iterator<Item = (Event<'e>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'e>, Range<usize>)> {
    let mut inside: Option<&'static str> = None;
    events.filter(move |(event, _)| {
        let Some(name) = inside else {
            inside = RAW_TEXT.into_iter().find(|name| is_tag(event, name, false));
            return inside.is_none();
        };
        match event {
            Event::Start(_) => true,
            Event::End(tag) => {
                if !is_formatting_end(tag) {
                    inside = None;
                }
                true
            }
            _ => {
                if is_tag(event, name, true) {
                    inside = None;
                }
                false
            }
        }
    })
}

/// Whether an end closes formatting inside a paragraph rather than a block.
fn is_formatting_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn is_tag(event: &Event<'_>, name: &str, closing: bool) -> bool {
    matches!(event, Event::InlineHtml(html)
        if html.starts_with("</") == closing && tag_name(html).eq_ignore_ascii_case(name))
}

/// `events` without the footnote numbers written as `<sup>1</sup>` (as converters from Word
/// and pandoc write a note's reference): read, "unpaid<sup>1</sup> carers" would part the
/// phrase with a "1", as a Markdown note's `[^1]` does not.
pub(super) fn without_note_numbers<'e>(
    events: impl Iterator<Item = (Event<'e>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'e>, Range<usize>)> {
    let mut events = events.fuse();
    let mut ahead = VecDeque::with_capacity(3);
    std::iter::from_fn(move || {
        loop {
            while ahead.len() < 3 {
                match events.next() {
                    Some(event) => ahead.push_back(event),
                    None => break,
                }
            }
            let note = match ahead.make_contiguous() {
                [(open, _), (Event::Text(number), _), (close, _), ..] => {
                    is_tag(open, "sup", false)
                        && is_note_number(number)
                        && is_tag(close, "sup", true)
                }
                _ => false,
            };
            if !note {
                return ahead.pop_front();
            }
            ahead.drain(..3);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> String {
        let events = pulldown_cmark::Parser::new(markdown).into_offset_iter();
        let kept = without_raw_text(events).filter_map(|(event, _)| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        });
        kept.collect::<Vec<_>>().join("|")
    }

    #[test]
    fn scripts_and_styles_inside_a_paragraph_are_not_text() {
        let plan = "We use a tracker. <script>var t = \"unpaid carers\";</script> Nothing else.\n\n\
                    A <STYLE>p { color: red }</STYLE> styled page.\n";
        assert_eq!(
            texts(plan),
            "We use a tracker. | Nothing else.|A | styled page."
        );
        // One left open ends with its paragraph; emphasis inside it keeps no text.
        let open = "Tracker <script>a *b* c\n\nUnpaid carers get short breaks.\n";
        assert_eq!(texts(open), "Tracker |Unpaid carers get short breaks.");
    }

    #[test]
    fn formatting_tags_sit_inside_the_text() {
        for tag in [
            "<b>",
            "</B>",
            "<span class=\"x\">",
            "</sup>",
            "<a href=\"#n1\">",
        ] {
            assert!(!parts_words(tag), "{tag}");
        }
        for tag in [
            "<br>",
            "<br/>",
            "<img src=\"x.png\">",
            "<!-- note -->",
            "<bold>",
        ] {
            assert!(parts_words(tag), "{tag}");
        }
    }
}
