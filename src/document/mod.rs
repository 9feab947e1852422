//! A plan → section tree with exact source spans.
//!
//! This stage knows nothing of rules: it answers "what text is where, under which heading".
//! An adapter per input format (`markdown.rs`, `html.rs`, `docx.rs`, `pdf.rs`) drives one
//! format-neutral `builder`; `format.rs` picks the adapter, so nothing downstream ever asks
//! what the input format was.

mod builder;
mod directives;
mod docx;
mod error;
mod format;
mod html;
mod markdown;
mod pdf;
mod text;

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::source::{LineIndex, Position};

pub use directives::{Directive, DirectiveKind, Unreadable};
pub use error::Error;
pub use format::Format as InputFormat;
pub use text::PlanText;

/// Largest plan read by default: 32 MiB, far above any real plan, small enough that a stray
/// data file is refused rather than parsed.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// Largest plan read whatever `--max-file-size` says, 4 GiB less a byte: the audit holds
/// offsets into a plan, and indices of its blocks and sections, in 32 bits (`narrow`), which
/// halves its largest tables (half a million hits on a 10 MB plan).
pub const MAX_PLAN_BYTES: u64 = u32::MAX as u64;

pub(crate) use crate::source::narrow;

/// A range of offsets in 32 bits ([`narrow`]).
pub(crate) fn narrow_range(range: Range<usize>) -> Range<u32> {
    narrow(range.start)..narrow(range.end)
}

/// A range held in 32 bits, as the `usize` range that indexes with it.
pub(crate) fn widen(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

/// A parsed plan. Cloned where one plan is audited more than once (`eval`, `rules suggest`):
/// an audit consumes its document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name the user gave for the plan, shown in reports.
    pub path: String,
    /// Read from the file `path` names, so a command can read it again; false for a plan
    /// from standard input (whose name is only a label) or from memory.
    pub on_disk: bool,
    /// The format it was read as. Only a Markdown plan's `source` is the file itself, which
    /// can be edited and read again.
    pub format: InputFormat,
    /// The plan's text, without a leading byte order mark. All spans index into it.
    pub source: String,
    /// The file began with a UTF-8 byte order mark, which `source` leaves out: a span's bytes
    /// in the file are that much further on ([`Document::file_span`]).
    pub bom: bool,
    /// The front matter's metadata; empty when the plan has none.
    pub front_matter: FrontMatter,
    /// Sections in document order: a parent always comes before its subsections.
    pub sections: Vec<Section>,
    /// Text blocks in document order, each owned by one section.
    pub blocks: Vec<Block>,
    /// The blocks' text, whitespace collapsed, one line per block: line `i` is `blocks[i]`.
    pub text: PlanText,
    /// Line starts of `source`, to turn spans into line:column positions.
    pub lines: LineIndex,
    /// `<!-- planaudit: … -->` comments, in document order.
    pub directives: Vec<Directive>,
    /// Comments and code blocks opened and never closed, in document order.
    pub unclosed: Vec<Unclosed>,
    /// Where stretches of `source` were in the original file, for formats whose `source` is
    /// text planaudit extracted (DOCX paragraphs, PDF pages), sorted by offset. Empty when
    /// `source` is the file itself, whose lines are the place to cite.
    pub places: Vec<Place>,
}

/// A comment or code block opened and never closed. The parser takes everything after it, to
/// the end of the plan (or of the list item or quote it opened in), as its content, none of it
/// plan text: an audit that said nothing would report the sections it swallowed as missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// What was opened: "an HTML comment", "a code block".
    pub what: &'static str,
    /// From its opening to where the parser ended it, in [`Document::source`].
    pub span: Range<usize>,
    /// The section it opened in, if any.
    pub section: Option<usize>,
}

/// From `start` in [`Document::source`] on, the text was at `label` in the original file
/// ("page 4", "paragraph 12").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Offset in [`Document::source`] where the place begins.
    pub start: usize,
    /// How reports cite it ("page 4").
    pub label: String,
}

/// Optional metadata from a YAML front matter block (`---` … `---`) at the top of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct FrontMatter {
    /// The plan's title; read, as the first heading is, for the plan's period.
    pub title: Option<String>,
    /// The area the plan covers (a council or partnership), shown in the JSON report.
    pub area: Option<String>,
    /// The years the plan covers ("2025-2028"): a period of three years or less meets the review
    /// requirement.
    pub period: Option<String>,
}

/// A heading and everything under it, up to the next heading of the same or a higher level;
/// the unit that addresses items. Its offsets are held in 32 bits, as a block's are: a plan of
/// 880,000 headings has as many sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1–6 for headings, 0 for the preamble.
    pub level: u8,
    parent: Option<u32>,
    span: Range<u32>,
    heading_span: Option<Range<u32>>,
    blocks: Range<u32>,
}

impl Section {
    /// The enclosing section, if any; `None` for top-level sections and the preamble.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }

    /// The whole section, subsections included: from its heading to the next heading of the
    /// same or a higher level.
    pub fn span(&self) -> Range<usize> {
        widen(&self.span)
    }

    /// The heading line(s) including markers; `None` for the preamble.
    pub fn heading_span(&self) -> Option<Range<usize>> {
        self.heading_span.as_ref().map(widen)
    }

    /// Indices of this section's own blocks (its heading first, subsections excluded).
    pub fn blocks(&self) -> Range<usize> {
        widen(&self.blocks)
    }
}

/// What kind of text a block is, which decides how its evidence counts (a heading alone
/// decides nothing) and how claims and commitments are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// A heading's own text.
    Heading,
    /// A paragraph of prose.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// One cell of a table, with its place in [`Block::cell`].
    TableCell,
    /// A paragraph inside a block quote, often another document's words.
    Quote,
}

/// A run of plan text that phrases match within, never across: a paragraph, list item, cell or
/// heading. Its numbers are held in 32 bits, as the audit's offsets are (`narrow`), and a list
/// item's list and a cell's place share one field: a plan of 800,000 short paragraphs has as
/// many blocks, 40 bytes each rather than 96.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What kind of text it is.
    pub kind: BlockKind,
    section: u32,
    span: Range<u32>,
    text: Range<u32>,
    within: Within,
    navigation: bool,
}

/// The list a list item belongs to, or the place of a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Nothing,
    List(u32),
    Table(CellAt),
}

impl Block {
    /// A block of `kind` in `section`, at `span` of the source and `text` of the plan text.
    pub(crate) fn new(
        kind: BlockKind,
        section: usize,
        span: Range<usize>,
        text: Range<usize>,
    ) -> Self {
        Block {
            kind,
            section: narrow(section),
            span: narrow_range(span),
            text: narrow_range(text),
            within: Within::Nothing,
            navigation: false,
        }
    }

    /// The section that owns it, as an index into [`Document::sections`].
    pub fn section(&self) -> usize {
        self.section as usize
    }

    /// Source span from the block's first to its last character of text.
    pub fn span(&self) -> Range<usize> {
        widen(&self.span)
    }

    /// Where the block's text sits in [`Document::text`].
    pub fn text(&self) -> Range<usize> {
        widen(&self.text)
    }

    /// For a list item, the number of the outermost list it belongs to: items of one list,
    /// nested ones included, share it.
    pub fn list(&self) -> Option<usize> {
        match self.within {
            Within::List(list) => Some(list as usize),
            _ => None,
        }
    }

    /// For a table cell, where it sits in its table.
    pub fn cell(&self) -> Option<Cell> {
        match self.within {
            Within::Table(c) => Some(Cell {
                table: c.table as usize,
                row: c.row as usize,
                column: c.column as usize,
            }),
            _ => None,
        }
    }

    /// The same block, as an item of list number `list` when there is one.
    pub(crate) fn in_list(mut self, list: Option<usize>) -> Self {
        if let Some(list) = list {
            self.within = Within::List(narrow(list));
        }
        self
    }

    /// Whether the block's text is one link to a place in the plan and nothing else: an entry
    /// of a table of contents, which the adapter sees in its format's own markup.
    pub fn is_navigation(&self) -> bool {
        self.navigation
    }

    /// The same block, marked as navigation when `navigation` ([`Block::is_navigation`]).
    pub(crate) fn navigation(mut self, navigation: bool) -> Self {
        self.navigation = navigation;
        self
    }

    /// The same block, as a table cell at `cell` when there is one.
    pub(crate) fn in_cell(mut self, cell: Option<Cell>) -> Self {
        if let Some(c) = cell {
            self.within = Within::Table(CellAt {
                table: narrow(c.table),
                row: narrow(c.row),
                column: narrow(c.column),
            });
        }
        self
    }
}

/// A table cell's place: which table of the plan (numbered from 0 in document order), which
/// row (0 is the header row) and which column. Columns count empty cells too, which have no
/// block, so a row's cells keep their columns when one is blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// The table, numbered from 0 in document order.
    pub table: usize,
    /// The row; 0 is the header row.
    pub row: usize,
    /// The column, counting empty cells.
    pub column: usize,
}

/// A [`Cell`] as a block holds it, in 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CellAt {
    table: u32,
    row: u32,
    column: u32,
}

/// The UTF-8 byte order mark a plan file may begin with, which `source` leaves out.
const BOM: &str = "\u{feff}";

impl Document {
    /// Reads and parses the plan at `path`, refusing files over [`MAX_FILE_SIZE`].
    pub fn read(path: &Path) -> Result<Self, Error> {
        Self::read_limited(path, MAX_FILE_SIZE)
    }

    /// Reads and parses the plan at `path`, refusing files over `max_bytes` before reading
    /// them, so an accidental multi-gigabyte file costs nothing.
    pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Self, Error> {
        Self::read_as(path, max_bytes, None)
    }

    /// As [`Document::read_limited`], read as `format` when given rather than as detected.
    /// Anything but a regular file is refused before it is opened: opening a FIFO waits for a
    /// writer, and a device is no one's plan.
    pub fn read_as(
        path: &Path,
        max_bytes: u64,
        format: Option<InputFormat>,
    ) -> Result<Self, Error> {
        let name = path.display().to_string();
        let read_error = |cause| Error::Read {
            path: name.clone(),
            cause,
        };
        crate::input::refuse_special(path, "a plan file").map_err(read_error)?;
        let file = std::fs::File::open(path).map_err(read_error)?;
        let size = file.metadata().map_err(read_error)?.len();
        if size > max_bytes {
            return Err(Error::TooLarge {
                path: name,
                size: Some(size),
                limit: max_bytes,
            });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        // Read one byte past the limit: a file that grew since its size was taken is caught too.
        std::io::Read::read_to_end(&mut std::io::Read::take(file, max_bytes + 1), &mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > max_bytes {
            // The file grew since its size was taken: read only up to the limit.
            return Err(Error::TooLarge {
                path: name,
                size: None,
                limit: max_bytes,
            });
        }
        let mut document = match format {
            Some(format) => Self::from_bytes_as(name, bytes, format),
            None => Self::from_bytes(name, bytes),
        }?;
        document.on_disk = true;
        Ok(document)
    }

    /// Parses a plan already in memory with the adapter for its format; `path` names it, and
    /// its extension helps tell the format.
    pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<Self, Error> {
        if let Some(kind) = format::Format::unreadable(&bytes) {
            return Err(Error::Unreadable { path, kind });
        }
        let format = format::Format::detect(&path, &bytes);
        Self::from_bytes_as(path, bytes, format)
    }

    /// Parses a plan already in memory as `format`, whatever its name or content suggest.
    /// Plans over [`MAX_PLAN_BYTES`], or whose extracted text is, are refused.
    pub fn from_bytes_as(path: String, bytes: Vec<u8>, format: InputFormat) -> Result<Self, Error> {
        let too_large = |path, size: usize| Error::TooLarge {
            path,
            size: Some(size as u64),
            limit: MAX_PLAN_BYTES,
        };
        if bytes.len() as u64 > MAX_PLAN_BYTES {
            return Err(too_large(path, bytes.len()));
        }
        let mut document = Self::parse(path, bytes, format)?;
        document.format = format;
        let size = document.source.len().max(document.text.as_str().len());
        if size as u64 > MAX_PLAN_BYTES {
            return Err(too_large(document.path, size));
        }
        Ok(document)
    }

    fn parse(path: String, bytes: Vec<u8>, format: InputFormat) -> Result<Self, Error> {
        let bom = bytes.starts_with(BOM.as_bytes());
        let mut document = Self::parse_format(path, bytes, format)?;
        document.bom = bom && matches!(format, InputFormat::Markdown | InputFormat::Html);
        Ok(document)
    }

    fn parse_format(path: String, bytes: Vec<u8>, format: InputFormat) -> Result<Self, Error> {
        match format {
            InputFormat::Markdown => {
                let source = error::decode(&path, bytes)?;
                markdown::parse(path, source)
            }
            InputFormat::Html => {
                let source = error::decode(&path, bytes)?;
                html::parse(path, source)
            }
            InputFormat::Docx => docx::parse(path, &bytes),
            InputFormat::Pdf => pdf::parse(path, &bytes),
        }
    }

    /// `span` as bytes of the file the plan was read from, for reports that promise offsets a
    /// tool can slice the file with: `source` leaves out a byte order mark the file has.
    /// (A Word or PDF plan's spans index its extracted text, as the JSON schema says.)
    pub fn file_span(&self, span: &Range<usize>) -> [usize; 2] {
        let skipped = if self.bom { BOM.len() } else { 0 };
        [span.start + skipped, span.end + skipped]
    }

    /// Where `offset` was in the original file: its page or paragraph for a format that has
    /// them, else its line ("line 12").
    pub fn place(&self, offset: usize) -> String {
        let i = self.places.partition_point(|p| p.start <= offset);
        match i.checked_sub(1).map(|i| &self.places[i]) {
            Some(place) => place.label.clone(),
            None => format!("line {}", self.lines.line(offset)),
        }
    }

    /// The label of `offset`'s page or paragraph, when the format has them (`None` for text
    /// formats, whose line is the place).
    pub fn place_label(&self, offset: usize) -> Option<&str> {
        let i = self.places.partition_point(|p| p.start <= offset);
        i.checked_sub(1).map(|i| self.places[i].label.as_str())
    }

    /// The label of where a section starts, as [`Document::place_label`].
    pub fn section_label(&self, section: usize) -> Option<&str> {
        self.place_label(self.section_start(section))
    }

    /// Where a section starts in the original file, as [`Document::place`].
    pub fn section_place(&self, section: usize) -> String {
        self.place(self.section_start(section))
    }

    /// The line and column of byte `offset` of [`Document::source`].
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.source, offset)
    }

    /// The line of byte `offset` of [`Document::source`], as [`Document::position`] gives it,
    /// without counting the characters before it on its line.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset.min(self.source.len()))
    }

    /// The plain text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text.as_str()[block.text()]
    }

    /// The plan's title: the front matter's, else its first top-level heading's; what a
    /// reviewer knows the plan by, where its path may be a download's file name.
    pub fn title(&self) -> Option<&str> {
        let first = self.sections.iter().position(|s| s.level == 1);
        let title = self.front_matter.title.as_deref();
        title.or_else(|| first.and_then(|s| self.section_heading(s)))
    }

    /// A section's heading, or a stand-in for the preamble and for a heading with no words (a
    /// bare `##`), which a report would otherwise show as `section ""`.
    pub fn heading(&self, section: usize) -> &str {
        match self.section_heading(section) {
            None => "(text before the first heading)",
            Some("") => "(an empty heading)",
            Some(heading) => heading,
        }
    }

    /// Section `section`'s heading under those of its parents below the plan's title, each
    /// [`unnumbered`] ("Carers › Actions"): what tells apart two sections of one heading where
    /// reports and baselines must.
    pub fn heading_path(&self, section: usize) -> String {
        let mut headings: Vec<std::borrow::Cow<'_, str>> =
            std::iter::successors(Some(section), |&s| self.sections[s].parent())
                .filter(|&s| self.sections[s].level > 1 || s == section)
                .map(|s| unnumbered(self.heading(s)))
                .collect();
        headings.reverse();
        headings.join(" › ")
    }

    /// Whether a section is the plan's table of contents: navigation that repeats the headings,
    /// which the audit does not read. It is headed "Contents" ("Table of contents"), or its
    /// own text is nothing but a list of links to the plan's headings, as Markdown tools write
    /// one (`- [Unpaid carers](#unpaid-carers)`), under any heading or none.
    pub fn is_contents(&self, section: usize) -> bool {
        let named = self.section_heading(section).is_some_and(|heading| {
            let heading = heading.trim().trim_end_matches(':');
            ["contents", "table of contents", "contents page"]
                .iter()
                .any(|name| heading.eq_ignore_ascii_case(name))
        });
        named || self.is_link_list(section)
    }

    /// Whether a section's own blocks are two or more list items, each one link to a place in
    /// the plan and nothing else ([`Block::is_navigation`]).
    fn is_link_list(&self, section: usize) -> bool {
        let mut items = 0;
        for block in &self.blocks[self.sections[section].blocks()] {
            match block.kind {
                BlockKind::Heading => continue,
                BlockKind::ListItem if block.is_navigation() => items += 1,
                _ => return false,
            }
        }
        items >= 2
    }

    /// Where the line of [`Document::source`] that holds byte `offset` is, without its ending.
    pub fn line_span(&self, offset: usize) -> Range<usize> {
        let start = self.lines.line_start(self.line(offset)).unwrap_or(0);
        let end = self.source[start..]
            .find(['\r', '\n'])
            .map_or(self.source.len(), |i| start + i);
        start..end
    }

    /// A section's heading as plain text, read from its heading block rather than held apart
    /// (a plan of headings has a section every few dozen bytes); `None` for the preamble.
    pub fn section_heading(&self, section: usize) -> Option<&str> {
        let found = &self.sections[section];
        found.heading_span.as_ref()?;
        let block = self
            .blocks
            .get(found.blocks().start)
            .filter(|b| b.kind == BlockKind::Heading && b.section() == section);
        Some(block.map_or("", |b| self.block_text(b)))
    }

    /// Whether any section has a heading: without one the plan cannot be judged section by
    /// section.
    pub fn has_headings(&self) -> bool {
        self.sections.iter().any(|s| s.heading_span.is_some())
    }

    /// The line a section starts on.
    pub fn section_line(&self, section: usize) -> usize {
        self.line(self.section_start(section))
    }

    fn section_start(&self, section: usize) -> usize {
        let s = &self.sections[section];
        s.heading_span().map_or(s.span().start, |h| h.start)
    }

    /// The header row of the table that block `cell` is a cell of, as each header cell's text
    /// and column, in column order; empty for a block outside a table. A table's cells are
    /// consecutive blocks, its header row first.
    pub fn header_row(&self, cell: usize) -> impl Iterator<Item = (&str, usize)> {
        let table = self.blocks[cell].cell().map(|c| c.table);
        let in_table = move |b: &Block| b.cell().map(|c| c.table) == table && table.is_some();
        let first = self.blocks[..cell]
            .iter()
            .rposition(|b| !in_table(b))
            .map_or(0, |outside| outside + 1);
        self.blocks[first..].iter().map_while(move |b| {
            let c = b.cell().filter(|c| in_table(b) && c.row == 0)?;
            Some((self.block_text(b), c.column))
        })
    }

    /// A section and all its subsections, as a range of indices into [`Document::sections`]:
    /// they follow it in document order, up to the end of its span.
    pub fn subtree(&self, section: usize) -> Range<usize> {
        let end = self.sections[section].span().end;
        section..section + self.sections[section..].partition_point(|s| s.span().start < end)
    }

    /// Words in a section's own body (heading and subsections excluded).
    pub fn body_words(&self, section: usize) -> usize {
        self.blocks[self.sections[section].blocks()]
            .iter()
            .filter(|b| b.kind != BlockKind::Heading)
            .map(|b| word_count(self.block_text(b)))
            .sum()
    }
}

/// A heading without the numbering before its name, as a finding's identity across versions
/// reads it: "Priority 3: Carers" is "Priority Carers" and "2.1 Our money" is "Our money",
/// so inserting a priority above does not make every later one a new finding. A number with
/// no name after it is the name ("Appendix 2", "Year 1") and stays.
pub fn unnumbered(heading: &str) -> std::borrow::Cow<'_, str> {
    let words: Vec<&str> = heading.split_whitespace().collect();
    let named = |w: &&str| w.chars().any(char::is_alphabetic);
    let Some(last_name) = words.iter().rposition(named) else {
        return heading.into();
    };
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| named(w) || i > last_name)
        .map(|(_, w)| *w)
        .collect();
    match kept.len() == words.len() {
        true => heading.into(),
        false => kept.join(" ").into(),
    }
}

/// How many words `text` has, as `split_whitespace().count()` counts them: the bytes where a
/// word starts, unless the text holds whitespace outside ASCII (a no-break space, say), which
/// only the slow way sees. The audit and every report count each section's words: char by char
/// that was 3% of a 1 MB plan's run.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Every whitespace character outside ASCII is encoded from one of these lead bytes.
    let wide_space = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .any(|at| text[at..].chars().next().is_some_and(char::is_whitespace));
    if wide_space {
        return text.split_whitespace().count();
    }
    // ASCII whitespace as `char::is_whitespace` has it, \t \n \x0B \x0C \r and space
    // (`u8::is_ascii_whitespace` leaves out \x0B), in two comparisons; a byte of any other
    // character is part of a word. Counted in bytes per 255-byte chunk, which vectorizes to
    // 16 bytes a step: a count per byte pair in a machine word took three times as long.
    let space = |byte: u8| (byte == b' ') | (byte.wrapping_sub(b'\t') < 5);
    let mut starts = 0;
    let mut after_space = true;
    for chunk in bytes.chunks(255) {
        let inner: u8 = (chunk.iter().zip(&chunk[1..]))
            .map(|(&before, &byte)| u8::from(space(before) & !space(byte)))
            .sum();
        starts += usize::from(inner) + usize::from(after_space & !space(chunk[0]));
        after_space = space(chunk[chunk.len() - 1]);
    }
    starts
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Block, BlockKind, Cell, Document, unnumbered, word_count};

    #[test]
    fn numbering_before_a_name_is_not_the_heading() {
        for (heading, key) in [
            ("Priority 3: Carers", "Priority Carers"),
            ("2.1 Our money", "Our money"),
            ("2. Carers", "Carers"),
            ("Appendix 2", "Appendix 2"),
            ("Year 1 (2025/26)", "Year 1 (2025/26)"),
            ("2026", "2026"),
            ("Supporting unpaid carers", "Supporting unpaid carers"),
        ] {
            assert_eq!(unnumbered(heading), key, "{heading}");
        }
    }

    /// A plan of short paragraphs has a block for every few dozen bytes, and one of headings a
    /// section for every few dozen bytes; a section's heading is its heading block's text, not
    /// a string of its own.
    #[test]
    fn blocks_and_sections_are_compact() {
        assert_eq!(size_of::<Block>(), 40);
        assert_eq!(size_of::<super::Section>(), 40);
        let cell = Cell {
            table: 3,
            row: 2,
            column: 1,
        };
        let block = Block::new(BlockKind::TableCell, 7, 10..20, 4..9).in_cell(Some(cell));
        assert_eq!(
            (block.section(), block.span(), block.text()),
            (7, 10..20, 4..9)
        );
        assert_eq!((block.list(), block.cell()), (None, Some(cell)));
        let item = Block::new(BlockKind::ListItem, 7, 10..20, 4..9).in_list(Some(5));
        assert_eq!((item.list(), item.cell()), (Some(5), None));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\x0Bvertical\x0Cfeed\r\nline",
            "£5 – no\u{a0}break",
            "a\u{2003}b",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_as_many_words_as_split_whitespace_finds(
            text in "[ab. \\t\\n\\x0B\\x0C\\r\u{a0}\u{2003}\u{3000}’–é]{0,600}"
        ) {
            proptest::prop_assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }

    /// Each heading with its level, in order: what an input adapter's tests compare.
    pub(crate) fn headings(doc: &Document) -> Vec<(u8, &str)> {
        doc.sections
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((s.level, doc.section_heading(i)?)))
            .collect()
    }

    /// Each block's text but headings' with its table cell, in order: what an input adapter's
    /// table tests compare.
    pub(crate) fn cells(doc: &Document) -> Vec<(&str, Option<Cell>)> {
        doc.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Heading)
            .map(|b| (doc.block_text(b), b.cell()))
            .collect()
    }

    /// A cell's place, as [`cells`] gives it.
    pub(crate) fn at(table: usize, row: usize, column: usize) -> Option<Cell> {
        Some(Cell { table, row, column })
    }
}
