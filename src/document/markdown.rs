//! The Markdown adapter: one pass over pulldown-cmark's events drives the [`Builder`].
//!
//! What is Markdown's own stays here: which events are blocks, that code and front matter are
//! not plan text, that an HTML comment may be a `planaudit:` directive.

use std::ops::Range;

use crate::input::Excerpt;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

mod inline_html;
mod pieces;

use super::builder::{Builder, LINE_HEADING_LEVEL, headings_mark_sections, reads_as_heading};
use super::{BlockKind, Document, Error, FrontMatter, directives};
use crate::source::LineIndex;

/// pulldown-cmark's YAML metadata blocks are left off: it takes one anywhere in a plan, so two
/// horizontal rules with a heading after the first could swallow the sections between them.
/// Front matter is read here instead, at the top of the plan only ([`front_matter_block`]).
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS);

/// [`OPTIONS`], and heading attributes, so that pandoc's `## Carers {#carers}` is headed
/// "Carers"; but not for a plan with a line ended by a carriage return alone (old Mac files),
/// as pulldown-cmark 0.13 then reads an ATX heading on to the next line feed (its issue #1132,
/// open).
fn options(source: &str) -> Options {
    match has_bare_cr(source) {
        true => OPTIONS,
        false => OPTIONS.union(Options::ENABLE_HEADING_ATTRIBUTES),
    }
}

/// Whether a line of `source` ends in a carriage return alone.
fn has_bare_cr(source: &str) -> bool {
    let bytes = source.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
}

pub(super) fn parse(path: String, source: String) -> Result<Document, Error> {
    parse_in_pieces(path, source, pieces::PIECE_BYTES)
}

/// [`parse`], with the plan read in pieces of at least `least` bytes where it can be cut.
fn parse_in_pieces(path: String, source: String, least: usize) -> Result<Document, Error> {
    let lines = LineIndex::new(&source);
    let block = front_matter_block(&source, &lines);
    let start = block.as_ref().map_or(0, |block| block.markdown);
    let mut markdown = read(&source, start, false, least);
    if !headings_mark_sections(markdown.builder.headings()) {
        markdown = read(&source, start, true, least);
    }
    let front_matter = match block {
        Some(block) => {
            markdown.builder.preamble_starts_at(block.end);
            let yaml = &source[block.yaml.clone()];
            parse_front_matter(&path, &source, &lines, yaml, block.yaml.start)?
        }
        None => FrontMatter::default(),
    };
    Ok(markdown.builder.finish(path, source, lines, front_matter))
}

/// The Markdown of `source` from `start` on; with `line_headings`, a paragraph outside lists
/// and quotes that is a heading line ([`Markdown::paragraph`]) is a heading.
fn read(source: &str, start: usize, line_headings: bool, least: usize) -> Markdown<'_> {
    let mut markdown = Markdown {
        source,
        ..Markdown::default()
    };
    markdown.builder.reserve_text(source.len() - start);
    let mut events = events(source, start, least);
    while let Some((event, range)) = events.next() {
        let paragraph = matches!(event, Event::Start(Tag::Paragraph));
        if line_headings && paragraph && markdown.containers.is_empty() {
            let inside: Vec<_> = events
                .by_ref()
                .take_while(|(event, _)| *event != Event::End(TagEnd::Paragraph))
                .collect();
            markdown.paragraph(range, inside);
        } else {
            markdown.event(event, range);
        }
    }
    markdown
}

/// The events of the Markdown of `source` from `start` on, with their spans in `source`: of
/// each piece in turn (`pieces`), so pulldown-cmark holds one piece's tree at a time.
fn events(
    source: &str,
    start: usize,
    least: usize,
) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    let options = options(source);
    let events = pieces::pieces(source, start, least)
        .into_iter()
        .flat_map(move |piece| {
            Parser::new_ext(&source[piece.clone()], options)
                .into_offset_iter()
                .map(move |(event, range)| {
                    (event, piece.start + range.start..piece.start + range.end)
                })
        });
    inline_html::without_note_numbers(inline_html::without_raw_text(events))
}

/// `text`, the last of an ATX heading's line, without a closing sequence of `#`s after white
/// space and the white space around it.
fn closing_hashes_cut(text: &str) -> &str {
    let trimmed = text.trim_end_matches([' ', '\t']);
    let hashes = trimmed.trim_end_matches('#');
    match hashes.len() < trimmed.len() && hashes.ends_with([' ', '\t']) {
        true => hashes.trim_end_matches([' ', '\t']),
        false => text,
    }
}

/// Whether a fenced code block's source ends with a fence that closes it: a line of at least as
/// many of its opening's backticks or tildes. Markers of the list item or quote it sits in come
/// before the fence on each line.
fn fence_closes(block: &str) -> bool {
    let fence = block.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
    let Some(mark) = fence.chars().next() else {
        return true;
    };
    let opening = fence.chars().take_while(|&c| c == mark).count();
    let last = block.trim_end().lines().skip(1).last();
    last.is_some_and(|last| {
        let last = last.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
        last.trim_end().chars().all(|c| c == mark) && last.trim_end().len() >= opening
    })
}

/// Whether a paragraph of one line of plain text is a heading of a plan without any, as text
/// copied out of a PDF or a word processor sets them: in capitals ("SUPPORTING UNPAID CARERS")
/// or after a section number ("3.2 Supporting unpaid carers").
fn is_heading_line(line: &str) -> bool {
    let capitals = line.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !line.chars().any(char::is_lowercase);
    let numbered = line.split_once(' ').is_some_and(|(number, rest)| {
        let number = number.strip_suffix('.').unwrap_or(number);
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        number.contains('.')
            && number.split('.').all(digits)
            && rest.starts_with(char::is_uppercase)
    });
    (capitals || numbered) && reads_as_heading(line)
}

/// The words of text events, joined.
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(words),
            _ => text.push(' '),
        }
    }
    text
}

/// The source span of an inline code span's text: inside its backticks, and inside the space
/// CommonMark strips from each end when both have one, where that is as long as the text (a
/// line break inside reads as a space, one byte for one unless it is CR LF); the whole span
/// otherwise. Its evidence then points at the words, not at the marks around them.
fn code_text(source: &str, text: &str, span: Range<usize>) -> Range<usize> {
    let code = &source[span.clone()];
    let start = span.start + (code.len() - code.trim_start_matches('`').len());
    let end = span.end - (code.len() - code.trim_end_matches('`').len());
    let (start, end) = match source.get(start..end) {
        Some(inner)
            if inner.len() == text.len() + 2 && inner.starts_with(' ') && inner.ends_with(' ') =>
        {
            (start + 1, end - 1)
        }
        _ => (start, end),
    };
    match start <= end && end - start == text.len() {
        true => start..end,
        false => span,
    }
}

/// Where the front matter is: a `---` line at the very top, a first line that is neither blank
/// nor a closing one, and a closing `---` or `...` line (the rule pulldown-cmark applies).
struct FrontMatterBlock {
    /// The YAML between the delimiter lines.
    yaml: Range<usize>,
    /// The end of the closing delimiter and its spaces, where the preamble may start.
    end: usize,
    /// The start of the line after it, where the Markdown starts.
    markdown: usize,
}

fn front_matter_block(source: &str, index: &LineIndex) -> Option<FrontMatterBlock> {
    let mut lines = index.lines(source);
    let first = lines.next()?;
    let opens = first.starts_with("---") && first[3..].bytes().all(|b| b.is_ascii_whitespace());
    if !opens {
        return None;
    }
    let mut at = first.len();
    for (n, line) in lines.enumerate() {
        if let Some(delimiter) = closing_delimiter(line) {
            let keyed = opens_with_key(&source[first.len()..at]);
            return (n > 0 && keyed).then(|| FrontMatterBlock {
                yaml: first.len()..at,
                end: at + delimiter,
                markdown: at + line.len(),
            });
        }
        if n == 0
            && line
                .bytes()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            return None;
        }
        at += line.len();
    }
    None
}

/// Whether `yaml`'s first line that is not a comment starts with a key (`title:`, `period: …`):
/// front matter is a mapping. A sentence or a list between two rules at the top of a plan
/// ("---", "Approved by the board on 5 March.", "---") is Markdown: a rule and a heading.
fn opens_with_key(yaml: &str) -> bool {
    let Some(line) = yaml
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
    else {
        return false;
    };
    let key = line.split_once(':').map_or("", |(key, _)| key);
    let value_follows = line[key.len()..]
        .strip_prefix(':')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '"' | '\'');
    value_follows && !key.is_empty() && key.len() <= 40 && key.chars().all(plain)
}

/// The length of a closing `---` or `...` with its trailing spaces, if `line` is one.
fn closing_delimiter(line: &str) -> Option<usize> {
    let body = line.strip_suffix('\n').unwrap_or(line);
    let body = body.strip_suffix('\r').unwrap_or(body);
    matches!(body.trim_end_matches(' '), "---" | "...").then_some(body.len())
}

fn parse_front_matter(
    path: &str,
    source: &str,
    lines: &LineIndex,
    yaml: &str,
    start: usize,
) -> Result<FrontMatter, Error> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    // YAML would read the comment as a key and drop it: a waiver there would be lost silently.
    let directive = yaml.match_indices("<!--").find(|(at, open)| {
        yaml[at + open.len()..]
            .trim_start()
            .starts_with("planaudit:")
    });
    if let Some((at, _)) = directive {
        let offset = start + at;
        let end = yaml[at..].find("-->").map_or(yaml.len(), |e| at + e + 3);
        return Err(Error::DirectiveInFrontMatter {
            path: path.to_owned(),
            line: lines.line(offset),
            src: Excerpt::new(path, source, offset..offset + end - at),
            span: (offset, end - at).into(),
        });
    }
    crate::yaml::from_str(yaml).map_err(|error| {
        let offset = (start + error.offset.unwrap_or(0)).min(source.len());
        Error::FrontMatter {
            path: path.to_owned(),
            line: lines.line(offset),
            message: error.message,
            src: Excerpt::new(path, source, offset..offset),
            span: (offset, 0).into(),
        }
    })
}

/// The Markdown state around the builder: the containers a paragraph sits in, and whether
/// text is plan text at all.
#[derive(Default)]
struct Markdown<'s> {
    /// The plan, which the events' ranges index.
    source: &'s str,
    builder: Builder,
    containers: Vec<Container>,
    /// Depth of fenced code blocks, whose text is not plan text.
    skip: usize,
    /// Inside an indented code block, read as a paragraph: a plan has no code, and text
    /// indented by four spaces is prose (a plain-text plan's paragraphs, text pasted with its
    /// indent), which skipping would lose without a word.
    indented: bool,
    /// Where the ATX heading being read ends, if one is.
    atx_end: Option<usize>,
    /// The HTML block being read, whose comments are read once it ends: the parser hands a
    /// block over a line at a time, and a `planaudit:` comment may span lines or sit among
    /// other tags.
    html: Option<HtmlBlock>,
}

/// An HTML block's lines, joined, each with where it starts in the joined text and in the
/// source (a line inside a list item or quote comes without the markers before it).
#[derive(Default)]
struct HtmlBlock {
    text: String,
    lines: Vec<(usize, Range<usize>)>,
}

impl HtmlBlock {
    fn push(&mut self, line: &str, range: Range<usize>) {
        self.lines.push((self.text.len(), range));
        self.text.push_str(line);
    }

    /// Each comment of the block (`<!--` to `-->`, or to the block's end when it never
    /// closes), with its place in the source.
    fn comments(&self) -> Vec<(&str, Range<usize>)> {
        let mut found = Vec::new();
        let mut rest = 0;
        while let Some(open) = self.text[rest..].find("<!--") {
            let start = rest + open;
            // Searched from inside the opening, as HTML reads `<!-->` and `<!--->` as whole
            // (empty) comments.
            let inside = start + "<!".len();
            let end = self.text[inside..]
                .find("-->")
                .map_or(self.text.len(), |close| inside + close + "-->".len());
            found.push((&self.text[start..end], self.source(start)..self.source(end)));
            rest = end;
        }
        found
    }

    /// Whether anything but comments and white space is in the block: most HTML blocks of a
    /// plan are comments alone, with nothing to parse.
    fn has_content(&self) -> bool {
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find("<!--") {
            if !rest[..open].trim().is_empty() {
                return true;
            }
            // From inside the opening, as `comments` reads it.
            let inside = &rest[open + "<!".len()..];
            rest = inside
                .find("-->")
                .map_or("", |close| &inside[close + "-->".len()..]);
        }
        !rest.trim().is_empty()
    }

    /// Where offset `at` of the joined text is in the source.
    fn source(&self, at: usize) -> usize {
        let line = self.lines.partition_point(|(start, _)| *start <= at) - 1;
        let (start, range) = &self.lines[line];
        (range.start + (at - start)).min(range.end)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
}

impl Markdown<'_> {
    /// A paragraph whose events (inside its start and end) were read ahead, to see whether it
    /// is a line that stands for a heading in a plan without any: one bold span, or one line
    /// of capitals or with a section number ([`is_heading_line`]), that reads as a heading.
    fn paragraph(&mut self, range: Range<usize>, inside: Vec<(Event<'_>, Range<usize>)>) {
        let words_only = |events: &[(Event<'_>, Range<usize>)]| {
            events.iter().all(|(event, _)| {
                matches!(event, Event::Text(_) | Event::Code(_) | Event::SoftBreak)
            })
        };
        let heading_line = match inside.as_slice() {
            [
                (Event::Start(Tag::Strong), _),
                words @ ..,
                (Event::End(TagEnd::Strong), _),
            ] => words_only(words) && reads_as_heading(&plain_text(words)),
            [(Event::Text(line), _)] => is_heading_line(line),
            _ => false,
        };
        if heading_line {
            self.builder.heading(LINE_HEADING_LEVEL, range);
            for (event, range) in inside {
                self.event(event, range);
            }
            self.builder.end_heading();
        } else {
            self.event(Event::Start(Tag::Paragraph), range.clone());
            for (event, range) in inside {
                self.event(event, range);
            }
            self.event(Event::End(TagEnd::Paragraph), range);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => self.text(&code, code_text(self.source, &code, range)),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, range),
            Event::Html(html) => {
                self.builder.space();
                self.html.get_or_insert_default().push(&html, range);
            }
            Event::InlineHtml(html) => {
                if inline_html::parts_words(&html) {
                    self.builder.space();
                }
                self.directive(&html, range);
            }
            Event::SoftBreak | Event::HardBreak => self.builder.space(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    /// Reads the HTML block that ended: the directives among its comments, and its text as an
    /// HTML page's (a table or a `<div>` that a converter wrote as HTML is plan text).
    fn end_html(&mut self) {
        if let Some(block) = self.html.take() {
            for (comment, place) in block.comments() {
                if !comment.ends_with("-->") {
                    self.builder.unclosed("an HTML comment", place.clone());
                }
                self.directive(comment, place);
            }
            if block.has_content() {
                super::html::read_fragment(&mut self.builder, &block.text, &|at| block.source(at));
            }
        }
    }

    fn directive(&mut self, html: &str, range: Range<usize>) {
        if let Some(kind) = directives::parse(html) {
            self.builder.directive(kind, range);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                let atx = self.source[range.clone()].trim_start().starts_with('#');
                self.atx_end = atx.then_some(range.end);
                self.builder.heading(level as u8, range);
            }
            Tag::Paragraph => self.builder.block(self.paragraph_kind()),
            Tag::TableCell => self.builder.cell(),
            Tag::Table(_) => self.builder.table(),
            Tag::TableRow => self.builder.row(),
            Tag::Item => {
                self.builder.end_block();
                self.containers.push(Container::Item);
            }
            Tag::BlockQuote(_) => {
                self.builder.end_block();
                self.containers.push(Container::Quote);
            }
            Tag::List(_) => self.builder.list(),
            Tag::Link { dest_url, .. } => self.builder.link(dest_url.starts_with('#')),
            Tag::FootnoteDefinition(_) => self.builder.end_block(),
            // An image's alt text describes a picture (an icon, a logo), as an HTML plan's
            // `alt` does, and is no more plan text than it.
            Tag::Image { .. } => self.skip += 1,
            Tag::CodeBlock(CodeBlockKind::Indented) => {
                self.builder.end_block();
                self.indented = true;
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
                self.builder.end_block();
                self.skip += 1;
                if !fence_closes(&self.source[range.clone()]) {
                    self.builder.unclosed("a code block", range);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.atx_end = None;
                self.builder.end_heading();
            }
            TagEnd::Paragraph => self.builder.end_block(),
            TagEnd::TableCell => self.builder.end_cell(),
            TagEnd::Table => self.builder.end_table(),
            TagEnd::Item | TagEnd::BlockQuote(_) => {
                self.builder.end_block();
                self.containers.pop();
            }
            TagEnd::List(_) => self.builder.end_list(),
            TagEnd::Link => self.builder.end_link(),
            TagEnd::CodeBlock if self.indented => {
                self.end_html();
                self.indented = false;
                self.builder.end_block();
            }
            TagEnd::CodeBlock | TagEnd::Image => self.skip = self.skip.saturating_sub(1),
            TagEnd::HtmlBlock => self.end_html(),
            _ => {}
        }
    }

    /// What a paragraph is where the parser stands: an item's or a quote's text, or a
    /// paragraph of its own.
    fn paragraph_kind(&self) -> BlockKind {
        match self.containers.last() {
            Some(Container::Item) => BlockKind::ListItem,
            Some(Container::Quote) => BlockKind::Quote,
            None => BlockKind::Paragraph,
        }
    }

    /// Reads a line of an indented block where it is not prose: a blank line parts its
    /// paragraphs (one with only spaces comes alone; an empty one comes with the line before),
    /// and a comment is read as an HTML block's, its directive applied and its words not plan
    /// text. Returns whether the line was read.
    fn indented_line(&mut self, text: &str, range: Range<usize>) -> bool {
        let line = text.trim_end();
        if line.trim_start().is_empty() {
            self.builder.end_block();
            return true;
        }
        let parted = text[line.len()..].matches('\n').count() > 1;
        if self.html.is_some() || line.trim_start().starts_with("<!--") {
            // As a comment line parts paragraphs outside an indented block.
            self.builder.end_block();
            self.html.get_or_insert_default().push(text, range);
            if line.contains("-->") {
                self.end_html();
            }
        } else if parted {
            // The blank lines are the source's own, at its end (the parser may have put
            // spaces for a tab at the start).
            let end = range.end.saturating_sub(text.len() - line.len());
            self.prose(line, range.start..end.max(range.start));
        } else {
            return false;
        }
        if parted {
            self.builder.end_block();
        }
        true
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.skip > 0 {
            return;
        }
        if self.indented && self.indented_line(text, range.clone()) {
            return;
        }
        self.prose(text, range);
    }

    /// Plan text, added to the block being read.
    fn prose(&mut self, text: &str, range: Range<usize>) {
        // pulldown-cmark 0.13 keeps an ATX heading's closing `#`s when a tab is next to them
        // ("## Carers ##\t"); CommonMark takes spaces and tabs alike there.
        let (text, range) = match self.atx_end {
            Some(end) if self.source[range.end..end].trim().is_empty() => {
                let kept = closing_hashes_cut(text);
                (kept, range.start..range.end - (text.len() - kept.len()))
            }
            _ => (text, range),
        };
        // A tight list item's text comes with no paragraph around it, nor does an indented
        // block's.
        if !self.builder.in_block() {
            let kind = match self.containers.last() {
                _ if self.indented => self.paragraph_kind(),
                Some(Container::Quote) => BlockKind::Quote,
                _ => BlockKind::ListItem,
            };
            self.builder.block(kind);
        }
        // A soft hyphen marks where a word may break, and is no letter of it ("un\u{ad}paid"
        // is "unpaid", as the HTML reader has it): the parts around it are placed apart.
        if text.contains('\u{ad}') && self.source.get(range.clone()) == Some(text) {
            let mut at = range.start;
            for part in text.split('\u{ad}') {
                if !part.is_empty() {
                    self.builder.text(part, at..at + part.len());
                }
                at += part.len() + '\u{ad}'.len_utf8();
            }
            return;
        }
        self.builder.text(text, range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    fn doc(source: &str) -> Document {
        parse("plan.md".into(), source.into()).unwrap()
    }

    /// A list item that is one link to a heading of the plan, however the link is written,
    /// is navigation; one with words beside its link, or a link elsewhere, is not.
    #[test]
    fn links_to_the_plans_own_headings_are_navigation() {
        let d = doc("## Contents\n\n\
                     - [Unpaid carers](#unpaid-carers)\n\
                     - [**Money**][money]\n  \
                     - [Budgets](<#budgets>)\n\
                     - [Carers](#unpaid-carers) and their families\n\
                     - [Elsewhere](https://example.org)\n\n\
                     [money]: #money\n");
        let navigation: Vec<bool> = d.blocks.iter().map(Block::is_navigation).collect();
        assert_eq!(navigation, [false, true, true, true, false, false]);
    }

    /// A soft hyphen is no letter: the word reads whole, and each part points at itself.
    #[test]
    fn soft_hyphens_join_their_word() {
        let source = "# Plan\n\nWe back un\u{ad}paid carers.\n";
        let d = doc(source);
        assert_eq!(d.text.as_str(), "Plan\nWe back unpaid carers.\n");
        let at = d.text.as_str().find("paid").unwrap();
        assert_eq!(&source[d.text.source_span(at..at + 4)], "paid");
    }

    /// Inline formatting tags sit inside the words, and a note's number in `<sup>` is not plan
    /// text; a line break still parts words.
    #[test]
    fn inline_html_formats_words_and_notes_are_not_read() {
        let d = doc(
            "We back un<b>paid</b> carers<sup>1</sup> and <SUP>2</SUP>families.\n\n\
                     Rates<sup>high</sup> rose.<br>Next<!-- x -->line.\n",
        );
        assert_eq!(
            d.text.as_str(),
            "We back unpaid carers and families.\nRateshigh rose. Next line.\n"
        );
    }

    /// An image's alt text is not plan text, in a heading or a paragraph.
    #[test]
    fn image_alt_text_is_not_read() {
        let d = doc(
            "# ![Carers icon](icon.png) Our priorities\n\nWe back ![unpaid carers](c.png) families.\n",
        );
        assert_eq!(d.section_heading(0), Some("Our priorities"));
        assert_eq!(d.text.as_str(), "Our priorities\nWe back families.\n");
    }

    fn headings(d: &Document) -> Vec<(Option<&str>, u8, Option<usize>)> {
        d.sections
            .iter()
            .enumerate()
            .map(|(i, s)| (d.section_heading(i), s.level, s.parent()))
            .collect()
    }

    /// A script inside a paragraph is no more plan text than one in an HTML block: the
    /// paragraph reads as a browser shows it.
    #[test]
    fn a_script_inside_a_paragraph_is_not_plan_text() {
        let source = "# Plan\n\nWe use a tracker. <script>var t = \"We will support unpaid carers\";\
                      </script> Nothing else here.\n";
        let d = doc(source);
        let texts: Vec<&str> = d.blocks.iter().map(|b| d.block_text(b)).collect();
        assert_eq!(texts, ["Plan", "We use a tracker. Nothing else here."]);
    }

    /// An HTML block is read as a page's HTML would be (a converter writes a table it cannot
    /// put in Markdown so), at its place in the source, in a list item too; a script in it
    /// is not plan text.
    #[test]
    fn html_blocks_are_plan_text() {
        let source = "# Plan\n\n<table>\n<tr><td>We will fund short breaks &amp; more.</td></tr>\n</table>\n\n\
                      <div>\n<h2>Workforce</h2>\n<script>var carers = 1;</script>\n</div>\n\n\
                      - item\n\n  <div>Inside a list item.</div>\n";
        let d = doc(source);
        assert_eq!(
            headings(&d),
            vec![(Some("Plan"), 1, None), (Some("Workforce"), 2, Some(0))]
        );
        let texts: Vec<(&str, &str)> = d
            .blocks
            .iter()
            .map(|b| (d.block_text(b), &source[b.span()]))
            .collect();
        assert_eq!(
            texts,
            [
                ("Plan", "Plan"),
                (
                    "We will fund short breaks & more.",
                    "We will fund short breaks &amp; more."
                ),
                ("Workforce", "Workforce"),
                ("item", "item"),
                ("Inside a list item.", "Inside a list item."),
            ]
        );
    }

    /// A comment or fence never closed takes in the rest of the plan: it is recorded from its
    /// opening to where the parser ended it. Closed ones, in list items and quotes too, are not.
    #[test]
    fn unclosed_comments_and_fences_are_recorded() {
        let unclosed = |source: &str| -> Vec<(&'static str, String)> {
            let d = doc(source);
            d.unclosed
                .iter()
                .map(|u| (u.what, source[u.span.clone()].to_owned()))
                .collect()
        };
        assert_eq!(
            unclosed("# Plan\n\n<!-- draft\n\n## Carers\n"),
            [("an HTML comment", "<!-- draft\n\n## Carers\n".to_owned())]
        );
        assert_eq!(
            unclosed("# Plan\n\n~~~~\ncode\n~~~\n## Carers\n"),
            [("a code block", "~~~~\ncode\n~~~\n## Carers\n".to_owned())]
        );
        let closed = "# Plan\n\n<!-- note -->\n\n```\ncode\n```\n\n- item\n\n  ~~~\n  x\n  ~~~\n\n\
                      > ```\n> y\n> ```\n\nText.\n";
        assert_eq!(unclosed(closed), []);
    }

    /// Text indented four spaces or a tab, which Markdown takes for code, is a plan's prose (a
    /// plain-text plan's paragraphs): read as a paragraph, each line joined as wrapped text
    /// is, at its place in the source. A fenced block is still code.
    #[test]
    fn indented_text_is_read_as_a_paragraph_and_fenced_code_is_not() {
        let source = "# Plan\n\n## Carers\n\n    We will support unpaid\n    carers by 2027.\n\n\
                      \tShort breaks too.\n\n```\nnot read\n```\n";
        let spaces = doc(
            "## N\n\n    The survey asked about carers.\n    \n    Breaks.\n\n\
                          >     a\n>\n>     b\n",
        );
        assert_eq!(
            spaces.text.as_str(),
            "N\nThe survey asked about carers.\nBreaks.\na\nb\n"
        );
        // A comment in indented text is read as one anywhere else: its directive applies, and
        // its words, the draft note's too, are not plan text.
        let comments = doc(
            "# P\n\n    <!-- planaudit: ignore O6 reason=\"x\" -->\n    \
                            Text.\n    <!-- draft: unpaid\n    carers -->\n    More.\n",
        );
        assert_eq!(comments.text.as_str(), "P\nText.\nMore.\n");
        assert_eq!(comments.directives.len(), 1);
        let unclosed = doc("# P\n\n    <!-- draft\n    carers\n");
        assert_eq!(unclosed.unclosed.len(), 1);
        let d = doc(source);
        assert_eq!(
            d.text.as_str(),
            "Plan\nCarers\nWe will support unpaid carers by 2027.\nShort breaks too.\n"
        );
        let at = d.text.as_str().find("unpaid").unwrap();
        let span = d.text.source_span(at..at + "unpaid".len());
        assert_eq!(&source[span], "unpaid");
        let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    /// A closing sequence is cut whether spaces or tabs stand next to it; a `#` that is part
    /// of a word stays, and so does a setext heading's.
    #[test]
    fn closing_hashes_go_with_tabs_as_with_spaces() {
        let d = doc(
            "# Plan\n\n## Carers ##\t\n\n## Money\t##\n\n## *Staff* ##\t\n\n\
                     ## Learn C#\n\nIssue #\n---\n",
        );
        let titles: Vec<Option<&str>> = (0..d.sections.len())
            .map(|s| d.section_heading(s))
            .collect();
        assert_eq!(
            titles,
            [
                Some("Plan"),
                Some("Carers"),
                Some("Money"),
                Some("Staff"),
                Some("Learn C#"),
                Some("Issue #")
            ]
        );
    }

    /// An address is no evidence: it stands as "…", a word where words are counted, with the
    /// span of the address.
    #[test]
    fn addresses_stand_as_an_ellipsis() {
        let source = "# Plan\n\nSee <https://example.org/unpaid-carers> or write to carers@example.org now.\n";
        let d = doc(source);
        let block = &d.blocks[1];
        assert_eq!(d.block_text(block), "See … or write to … now.");
        let text = d.text.as_str();
        let at = text.find('…').unwrap();
        let span = d.text.source_span(at..at + '…'.len_utf8());
        assert_eq!(&source[span], "https://example.org/unpaid-carers");
    }

    #[test]
    fn builds_a_tree_from_atx_and_setext_headings() {
        let d = doc(
            "Intro text.\n\nPlan\n====\n\nBody.\n\nCarers\n------\n\n### Short breaks\n\nText.\n\n## Workforce ##\n",
        );
        assert_eq!(
            headings(&d),
            vec![
                (None, 0, None),
                (Some("Plan"), 1, None),
                (Some("Carers"), 2, Some(1)),
                (Some("Short breaks"), 3, Some(2)),
                (Some("Workforce"), 2, Some(1)),
            ]
        );
    }

    /// A heading is read from its heading block: an empty heading is "", not the preamble's
    /// `None`, and inline markup is left out as in any block.
    #[test]
    fn headings_are_read_from_their_blocks() {
        let d = doc("##\n\nBody.\n\n## *Unpaid* `carers`\n\nText.\n");
        assert_eq!(
            headings(&d),
            vec![(Some(""), 2, None), (Some("Unpaid carers"), 2, None)]
        );
        assert_eq!(d.heading(1), "Unpaid carers");
        assert_eq!(d.heading(0), "(an empty heading)", "as reports name it");
    }

    #[test]
    fn section_spans_nest_and_cover_subsections() {
        let src = "# A\n\na\n\n## B\n\nb\n\n# C\n\nc\n";
        let d = doc(src);
        let spans: Vec<&str> = d.sections.iter().map(|s| &src[s.span()]).collect();
        assert_eq!(
            spans,
            vec!["# A\n\na\n\n## B\n\nb\n\n", "## B\n\nb\n\n", "# C\n\nc\n"]
        );
    }

    #[test]
    fn heading_without_body_is_a_section() {
        let d = doc("## Empty\n## Next\n\nText.\n");
        assert_eq!(d.sections.len(), 2);
        assert_eq!(d.sections[0].blocks.len(), 1, "only its heading block");
    }

    #[test]
    fn code_and_html_are_not_plan_text() {
        let d = doc(
            "Para one.\n\n```\nunpaid carers\n```\n\n<!-- workforce -->\n\nSee <!-- x -->this.\n",
        );
        assert_eq!(d.text.as_str(), "Para one.\nSee this.\n");
    }

    #[test]
    fn blocks_know_their_kind_and_exact_span() {
        let src = "> quoted words\n\n- item one\n  - nested **two**\n\n| a | b |\n|---|---|\n| cell | x |\n";
        let d = doc(src);
        let got: Vec<(BlockKind, &str, &str)> = d
            .blocks
            .iter()
            .map(|b| (b.kind, &src[b.span()], d.block_text(b)))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Quote, "quoted words", "quoted words"),
                (BlockKind::ListItem, "item one", "item one"),
                (BlockKind::ListItem, "nested **two", "nested two"),
                (BlockKind::TableCell, "a", "a"),
                (BlockKind::TableCell, "b", "b"),
                (BlockKind::TableCell, "cell", "cell"),
                (BlockKind::TableCell, "x", "x"),
            ]
        );
    }

    #[test]
    fn table_cells_know_their_row_and_column_even_past_an_empty_cell() {
        let src = "| Priority | Outcomes |\n|---|---|\n| **Carers**[^1] | 6, 7 |\n|  | 9 |\n\nAfter.\n\n| x |\n|---|\n";
        let d = doc(src);
        let cells: Vec<(&str, (usize, usize, usize))> = d
            .blocks
            .iter()
            .filter_map(|b| {
                let c = b.cell()?;
                Some((d.block_text(b), (c.table, c.row, c.column)))
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                ("Priority", (0, 0, 0)),
                ("Outcomes", (0, 0, 1)),
                ("Carers[^1]", (0, 1, 0)),
                ("6, 7", (0, 1, 1)),
                ("9", (0, 2, 1)),
                ("x", (1, 0, 0)),
            ]
        );
        let after = d.blocks.iter().find(|b| d.block_text(b) == "After.");
        assert_eq!(after.map(|b| b.cell()), Some(None));
    }

    #[test]
    fn reads_front_matter() {
        let d = doc("---\ntitle: Plan 2025–28\narea: Glen\nowner: someone\n---\n\n# Plan\n");
        assert_eq!(d.front_matter.title.as_deref(), Some("Plan 2025–28"));
        assert_eq!(d.front_matter.area.as_deref(), Some("Glen"));
        assert_eq!(d.sections.len(), 1);
    }

    /// pandoc writes an id and classes after a heading; they are not its words.
    #[test]
    fn heading_attributes_are_not_heading_text() {
        for eol in ["\n", "\r\n"] {
            let source = "# Plan {#plan}\n\n## Unpaid carers {#carers .unnumbered}\n\nText.\n";
            let d = doc(&source.replace('\n', eol));
            let got: Vec<_> = headings(&d).into_iter().map(|(h, ..)| h).collect();
            assert_eq!(got, [Some("Plan"), Some("Unpaid carers")], "{eol:?}");
        }
    }

    /// A Word document converted without heading styles marks its headings in bold: they are
    /// its sections, unless the plan has headings of its own.
    #[test]
    fn bold_lines_are_headings_only_in_a_plan_without_headings_or_with_a_title_alone() {
        let source = "**Strategic plan**\n\n**Unpaid carers**\n\nWe will offer breaks.\n\n\
                      **We will do this by 2026.**\n\n**Half** bold\n\n- **In a list**\n\n\
                      > **Quoted**\n\n__Workforce__\n\nStaff.\n";
        let d = doc(source);
        let got: Vec<_> = headings(&d).into_iter().map(|(h, l, _)| (h, l)).collect();
        assert_eq!(
            got,
            [
                (Some("Strategic plan"), 2),
                (Some("Unpaid carers"), 2),
                (Some("Workforce"), 2),
            ]
        );
        // Under a title alone the bold lines are still the sections, the title's.
        let d = doc(&format!("# Plan\n\n{source}"));
        let got = headings(&d);
        assert_eq!(
            got[..2],
            [
                (Some("Plan"), 1, None),
                (Some("Strategic plan"), 2, Some(0))
            ]
        );
        assert_eq!(got.len(), 4);
        // A plan with headings of its own keeps its bold lines as text.
        let d = doc(&format!("# Plan\n\n## About\n\n{source}"));
        assert_eq!(headings(&d).len(), 2);
        assert!(d.text.as_str().contains("Unpaid carers\n"));
    }

    /// Text copied out of a PDF marks headings in capitals or with section numbers.
    #[test]
    fn capital_and_numbered_lines_are_headings_only_in_a_plan_without_headings_or_with_a_title_alone()
     {
        let source = "STRATEGIC PLAN 2026\n\n3.2 Unpaid carers\n\nWe will offer breaks.\n\n\
                      NHS\n\n2026 Budget and savings\n\n3.2.1. Short breaks\n\n\
                      1.5 million people live here.\n\nTHE BOARD AGREED.\n\nA\n";
        let d = doc(source);
        let got: Vec<_> = headings(&d).into_iter().map(|(h, ..)| h).collect();
        assert_eq!(
            got,
            [
                Some("STRATEGIC PLAN 2026"),
                Some("3.2 Unpaid carers"),
                Some("NHS"),
                Some("3.2.1. Short breaks"),
            ]
        );
        assert_eq!(headings(&doc(&format!("# Plan\n\n{source}"))).len(), 5);
        let own = doc(&format!("# Plan\n\n## About\n\n{source}"));
        assert_eq!(headings(&own).len(), 2);
    }

    /// pulldown-cmark took a `---` … `---` block anywhere as front matter: these sections were
    /// swallowed, or the plan refused as bad YAML.
    #[test]
    fn horizontal_rules_around_sections_are_not_front_matter() {
        let d = doc(
            "# Plan\n\nIntro.\n\n---\n## Carers\nUnpaid carers get breaks.\n\n---\n\n## Workforce\n",
        );
        let got: Vec<_> = headings(&d).into_iter().map(|(h, ..)| h).collect();
        assert_eq!(got, [Some("Plan"), Some("Carers"), Some("Workforce")]);
        assert_eq!(d.front_matter, FrontMatter::default());
    }

    #[test]
    fn front_matter_is_a_closed_block_whose_first_line_says_something() {
        let title = |source: &str| doc(source).front_matter.title;
        assert_eq!(title("---\ntitle: A\n...\n# Plan\n").as_deref(), Some("A"));
        assert_eq!(title("--- \r\ntitle: A\r\n---  \r\n").as_deref(), Some("A"));
        assert_eq!(title("---\rtitle: A\r---\r# Plan\r").as_deref(), Some("A"));
        assert_eq!(title("---\n\ntitle: A\n---\n"), None, "a blank first line");
        assert_eq!(title("----\ntitle: A\n----\n"), None, "four dashes");
        assert_eq!(title("---\ntitle: A\n"), None, "never closed");
        assert_eq!(title("---\n# note\ntitle: A\n---\n").as_deref(), Some("A"));
        let approved =
            doc("---\nThis plan was approved on 5 March 2024.\n---\n\n# Plan\n\nText.\n");
        assert_eq!(
            approved.front_matter,
            FrontMatter::default(),
            "a sentence is not front matter"
        );
        let got: Vec<_> = headings(&approved).into_iter().map(|(h, ..)| h).collect();
        assert_eq!(
            got,
            [
                Some("This plan was approved on 5 March 2024."),
                Some("Plan")
            ]
        );
        let listed = doc("---\n- one\n- two\n---\n# Plan\n");
        assert_eq!(listed.front_matter, FrontMatter::default(), "nor is a list");
        assert_eq!(
            title("# Plan\n---\ntitle: A\n---\n"),
            None,
            "not at the top"
        );
    }

    #[test]
    fn bad_front_matter_is_located() {
        let err = parse(
            "plan.md".into(),
            "---\ntitle: [unclosed\n---\n# Plan\n".into(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("plan.md:"), "{err}");
    }

    #[test]
    fn a_plan_without_headings_is_one_section() {
        let d = doc("Just text.\n\nMore text.\n");
        assert_eq!(headings(&d), vec![(None, 0, None)]);
        assert_eq!(d.sections[0].span(), 0..d.source.len());
    }
}
