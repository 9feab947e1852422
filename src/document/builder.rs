//! Builds a [`Document`] from any input format: an adapter (Markdown today) walks its input
//! and calls these methods in document order; the builder keeps the section tree, the blocks,
//! the plan text and the directives consistent with each other.

use std::ops::Range;

use super::directives::{Directive, DirectiveKind};
use super::text::PlanTextBuilder;
use super::{
    Block, BlockKind, Cell, Document, FrontMatter, Place, Section, Unclosed, narrow, narrow_range,
};
use crate::source::LineIndex;

/// Level of the sections a plan without headings gets from the lines that stand for them
/// (bold, capitals, a section number; [`reads_as_heading`]): one level, as nothing says which
/// such line is above another.
pub(super) const LINE_HEADING_LEVEL: u8 = 2;

/// Whether a line that stands out (set wholly in bold, in capitals, after a section number)
/// reads as a heading, in a plan whose format marks no headings (Word documents written without
/// heading styles, their conversions, text copied out of a PDF): a few words that do not end as
/// a sentence or a clause does. Otherwise such a plan is one section.
pub(super) fn reads_as_heading(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && !text.ends_with(['.', ',', ';'])
}

/// Whether a plan's own headings mark its sections: two or more. One with none, or with only a
/// title (a Word document's Title over bold lines, a Markdown `#` over a converter's
/// paragraphs), marks them by lines that stand out ([`reads_as_heading`]).
pub(super) fn headings_mark_sections(headings: usize) -> bool {
    headings >= 2
}

/// Where text lands: the leaf block being filled, inside the open sections.
#[derive(Default)]
pub(super) struct Builder {
    text: PlanTextBuilder,
    sections: Vec<Section>,
    blocks: Vec<Block>,
    /// Heading sections whose span is still open, outermost first.
    open_sections: Vec<usize>,
    block: Option<OpenBlock>,
    /// Open lists, and how many outermost lists have been opened so far.
    list_depth: usize,
    lists_seen: usize,
    /// The place the next table cell takes: tables seen so far, and the row and column now in
    /// each open table, innermost last (a page laid out in a table holds tables of its own).
    tables_seen: usize,
    cells: Vec<Cell>,
    /// Where the preamble (text before the first heading) may start: after any front matter.
    preamble_start: usize,
    directives: Vec<Directive>,
    unclosed: Vec<Unclosed>,
    places: Vec<Place>,
    /// The open link, if any: whether it points at a place in the plan itself.
    link: Option<bool>,
}

struct OpenBlock {
    kind: BlockKind,
    text_start: usize,
    span: Option<Range<usize>>,
    /// Links to places in the plan started in the block, and whether any text lay outside one.
    plan_links: usize,
    text_outside: bool,
}

impl Builder {
    /// Makes room for `bytes` of plan text: an adapter whose plan text is at most about its
    /// source's length (Markdown) gives that length, so the text is not grown by doubling.
    pub fn reserve_text(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// Starts a section at a heading of `level` (1–6) whose markup spans `range`; the
    /// heading's own text follows, up to [`Builder::end_heading`].
    pub fn heading(&mut self, level: u8, range: Range<usize>) {
        self.close_block();
        self.open_section(level, range);
        self.open_block(BlockKind::Heading);
    }

    /// Ends the heading's text, which becomes the section's heading. An adapter that knew only
    /// where the heading starts (the HTML `<h2>` tag) gets the span of its words: a finding
    /// about the heading underlines them, not an empty place before the tag.
    pub fn end_heading(&mut self) {
        let Some(block) = self.close_block() else {
            return;
        };
        let section = &mut self.sections[block.section()];
        if section.heading_span.as_ref().is_some_and(|h| h.is_empty()) {
            section.heading_span = Some(narrow_range(block.span()));
        }
    }

    /// Starts a block of `kind`, ending the open one.
    pub fn block(&mut self, kind: BlockKind) {
        self.close_block();
        self.open_block(kind);
    }

    /// Ends the open block, if any.
    pub fn end_block(&mut self) {
        self.close_block();
    }

    /// How many headings have started sections so far.
    pub fn headings(&self) -> usize {
        (self.sections.iter())
            .filter(|section| section.heading_span.is_some())
            .count()
    }

    /// Whether text would land in an open block; an adapter opens one when it would not.
    pub fn in_block(&self) -> bool {
        self.block.is_some()
    }

    /// Adds plan text found at `range` of the source to the open block.
    pub fn text(&mut self, text: &str, range: Range<usize>) {
        let Some(block) = self.block.as_mut() else {
            return;
        };
        block.text_outside |= self.link != Some(true);
        block.span = Some(match block.span.take() {
            Some(span) => span.start..range.end,
            None => range.clone(),
        });
        self.text.push(text, range, block.text_start);
    }

    /// Starts a link; `in_plan` when it points at a place in the plan itself
    /// (`#unpaid-carers`). A block whose text is one such link and nothing else is navigation
    /// ([`Block::is_navigation`]), as a table of contents is.
    pub fn link(&mut self, in_plan: bool) {
        self.link = Some(in_plan);
        if let (true, Some(block)) = (in_plan, self.block.as_mut()) {
            block.plan_links += 1;
        }
    }

    /// Ends the open link.
    pub fn end_link(&mut self) {
        self.link = None;
    }

    /// Separates words, e.g. at a line break or where markup was left out.
    pub fn space(&mut self) {
        self.text.space();
    }

    /// Starts a list; items of one outermost list, nested ones included, share a number.
    pub fn list(&mut self) {
        self.close_block();
        if self.list_depth == 0 {
            self.lists_seen += 1;
        }
        self.list_depth += 1;
    }

    pub fn end_list(&mut self) {
        self.close_block();
        self.list_depth = self.list_depth.saturating_sub(1);
    }

    /// Starts a table; its first row is its header.
    pub fn table(&mut self) {
        self.close_block();
        self.cells.push(Cell {
            table: self.tables_seen,
            row: 0,
            column: 0,
        });
        self.tables_seen += 1;
    }

    /// Starts the next row of the open table (the header row needs no call).
    pub fn row(&mut self) {
        self.close_block();
        if let Some(cell) = self.cells.last_mut() {
            cell.row += 1;
            cell.column = 0;
        }
    }

    /// Starts a table cell. Every cell takes a column, even one left empty.
    pub fn cell(&mut self) {
        self.block(BlockKind::TableCell);
    }

    /// Ends a table cell; the next one takes the next column.
    pub fn end_cell(&mut self) {
        self.close_block();
        if let Some(cell) = self.cells.last_mut() {
            cell.column += 1;
        }
    }

    /// Ends the open table.
    pub fn end_table(&mut self) {
        self.close_block();
        self.cells.pop();
    }

    /// Starts a table cell at a place the adapter knows whole (a Word table's row and column),
    /// in place of [`Builder::table`], [`Builder::row`] and [`Builder::cell`]; the table stays
    /// open until [`Builder::end_table`].
    pub fn cell_at(&mut self, cell: Cell) {
        self.close_block();
        match self.cells.last_mut() {
            Some(open) => *open = cell,
            None => self.cells.push(cell),
        }
        self.block(BlockKind::TableCell);
    }

    /// Records `what` (a comment, a code block) opened at `span` and never closed, in the
    /// section open now.
    pub fn unclosed(&mut self, what: &'static str, span: Range<usize>) {
        let section = self.sections.len().checked_sub(1);
        self.unclosed.push(Unclosed {
            what,
            span,
            section,
        });
    }

    /// A `planaudit:` comment at `span`, in the section open now.
    pub fn directive(&mut self, kind: DirectiveKind, span: Range<usize>) {
        let section = self.sections.len().checked_sub(1);
        self.directives.push(Directive {
            kind,
            section,
            span,
        });
    }

    /// From `offset` in the source on, text was at `label` in the original file.
    pub fn place(&mut self, offset: usize, label: String) {
        self.places.push(Place {
            start: offset,
            label,
        });
    }

    /// Metadata ends at `offset`: the preamble, if any, starts there.
    pub fn preamble_starts_at(&mut self, offset: usize) {
        self.preamble_start = offset;
    }

    /// The document, its open sections closed at the end of `source`.
    pub fn finish(
        mut self,
        path: String,
        source: String,
        lines: LineIndex,
        front_matter: FrontMatter,
    ) -> Document {
        self.close_block();
        let len = source.len();
        for &open in &self.open_sections {
            self.sections[open].span.end = narrow(len);
        }
        if let [preamble] = self.sections.as_mut_slice() {
            preamble.span.end = narrow(len);
        }
        self.sections.shrink_to_fit();
        self.blocks.shrink_to_fit();
        Document {
            path,
            on_disk: false,
            format: super::InputFormat::Markdown,
            source,
            bom: false,
            front_matter,
            sections: self.sections,
            blocks: self.blocks,
            text: self.text.finish(),
            lines,
            directives: self.directives,
            unclosed: self.unclosed,
            places: self.places,
        }
    }

    fn open_section(&mut self, level: u8, range: Range<usize>) {
        while let Some(&last) = self.open_sections.last() {
            if self.sections[last].level < level {
                break;
            }
            self.sections[last].span.end = narrow(range.start);
            self.open_sections.pop();
        }
        if let [preamble] = self.sections.as_mut_slice() {
            preamble.span.end = narrow(range.start);
        }
        let index = self.sections.len();
        self.sections.push(Section {
            level,
            parent: self.open_sections.last().copied().map(narrow),
            span: narrow_range(range.start..range.start),
            heading_span: Some(narrow_range(range)),
            blocks: narrow_range(self.blocks.len()..self.blocks.len()),
        });
        self.open_sections.push(index);
    }

    fn open_block(&mut self, kind: BlockKind) {
        self.block = Some(OpenBlock {
            kind,
            text_start: self.text.len(),
            span: None,
            // A link open as the block starts (a tight list item's text) is its first.
            plan_links: usize::from(self.link == Some(true)),
            text_outside: false,
        });
    }

    /// Ends the open block, if any, and returns it when it held text.
    fn close_block(&mut self) -> Option<Block> {
        let open = self.block.take()?;
        let text = open.text_start..self.text.len();
        if !self.text.end_block(open.text_start) {
            return None;
        }
        if self.sections.is_empty() {
            self.sections.push(Section {
                level: 0,
                parent: None,
                span: narrow_range(self.preamble_start..self.preamble_start),
                heading_span: None,
                blocks: 0..0,
            });
        }
        let section = self.sections.len() - 1;
        let block = Block::new(open.kind, section, open.span.unwrap_or(0..0), text)
            .in_list((self.lists_seen.checked_sub(1)).filter(|_| open.kind == BlockKind::ListItem))
            .in_cell(
                self.cells
                    .last()
                    .copied()
                    .filter(|_| open.kind == BlockKind::TableCell),
            )
            .navigation(open.plan_links == 1 && !open.text_outside);
        self.blocks.push(block.clone());
        self.sections[section].blocks.end = narrow(self.blocks.len());
        Some(block)
    }
}
