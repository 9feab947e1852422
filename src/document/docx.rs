//! The DOCX adapter: a Word document's paragraphs drive the [`Builder`].
//!
//! A .docx is a ZIP archive; the text is `word/document.xml` and the heading styles are in
//! `word/styles.xml`. The plan's `source` is the extracted text, one paragraph a line, and
//! each paragraph is placed as "paragraph N" (counting paragraphs that hold text, as a reader
//! would), with its page where Word recorded page breaks, since a line of extracted text
//! means nothing to someone holding the document.
//!
//! A hostile archive is refused before it costs much: too many entries, or a part whose
//! unpacked size passes [`MAX_PART_SIZE`] (a ZIP bomb), are clear errors.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::builder::{Builder, LINE_HEADING_LEVEL, headings_mark_sections, reads_as_heading};
use super::{BlockKind, Cell, Document, Error, FrontMatter};
use crate::source::LineIndex;

/// Largest unpacked XML part read: far above any real plan's text, far below memory.
const MAX_PART_SIZE: u64 = 64 * 1024 * 1024;
/// Most entries an archive may list; Word writes a few dozen.
const MAX_ENTRIES: usize = 10_000;

pub(super) fn parse(path: String, bytes: &[u8]) -> Result<Document, Error> {
    let malformed = |reason: String| Error::Malformed {
        path: path.clone(),
        format: "DOCX",
        reason,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| malformed(format!("it is not a readable ZIP archive ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(malformed(format!(
            "the archive lists {} entries, over the limit of {MAX_ENTRIES}",
            archive.len()
        )));
    }
    let document = read_part(&mut archive, "word/document.xml")
        .map_err(&malformed)?
        .ok_or_else(|| {
            malformed("it has no word/document.xml, so it is not a Word document".into())
        })?;
    let styles = match read_part(&mut archive, "word/styles.xml").map_err(&malformed)? {
        Some(xml) => paragraph_styles(&xml).map_err(&malformed)?,
        None => HashMap::new(),
    };
    let mut paragraphs = paragraphs(&document, &styles).map_err(&malformed)?;
    let headings = (paragraphs.iter())
        .filter(|p| matches!(p.kind, Kind::Heading(_)))
        .count();
    if !headings_mark_sections(headings) {
        for paragraph in &mut paragraphs {
            if paragraph.kind == Kind::Body && paragraph.bold && reads_as_heading(&paragraph.text) {
                paragraph.kind = Kind::Heading(LINE_HEADING_LEVEL);
            }
        }
    }
    Ok(build(path, &paragraphs))
}

/// A part of the archive as text, refusing one that unpacks past [`MAX_PART_SIZE`] whatever
/// size its header claims.
fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot open {name} ({e})")),
    };
    let too_large = || format!("{name} unpacks to over {MAX_PART_SIZE} bytes (a ZIP bomb?)");
    if file.size() > MAX_PART_SIZE {
        return Err(too_large());
    }
    let mut text = String::new();
    file.take(MAX_PART_SIZE + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot unpack {name} ({e})"))?;
    if text.len() as u64 > MAX_PART_SIZE {
        return Err(too_large());
    }
    Ok(Some(text))
}

/// What a paragraph style makes a paragraph, for the styles that make it more than body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A heading of this level (1–6).
    Heading(u8),
    /// An entry of the table of contents: navigation, not plan text, as a web page's menu is
    /// not (its headings would otherwise be read twice, the first time all together).
    Contents,
    /// A list paragraph: the style numbers or bullets it ("List Bullet", "List Number").
    List,
}

/// The role of each paragraph style that has one, by style id: from its name ("heading 2",
/// "Title", "toc 1") or its outline level, else its numbering, following `basedOn` to the style
/// it inherits.
fn paragraph_styles(xml: &str) -> Result<HashMap<String, Role>, String> {
    struct Style {
        role: Option<Role>,
        /// The style numbers its paragraphs: a list, unless it is a (numbered) heading.
        numbered: bool,
        based_on: Option<String>,
    }
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<String> = None;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("word/styles.xml", &e))?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "style" => {
                    current = attr(&e, "styleId");
                    if let Some(id) = &current {
                        styles.insert(
                            id.clone(),
                            Style {
                                role: None,
                                numbered: false,
                                based_on: None,
                            },
                        );
                    }
                }
                "name" => {
                    if let (Some(id), Some(name)) = (&current, attr(&e, "val")) {
                        let role = role_of_name(&name);
                        if let Some(style) = styles.get_mut(id) {
                            style.role = style.role.or(role);
                        }
                    }
                }
                "outlineLvl" => {
                    if let (Some(id), Some(level)) = (&current, attr(&e, "val")) {
                        let role = outline_level(&level).map(Role::Heading);
                        if let Some(style) = styles.get_mut(id) {
                            style.role = style.role.or(role);
                        }
                    }
                }
                "numPr" => {
                    if let Some(style) = current.as_ref().and_then(|id| styles.get_mut(id)) {
                        style.numbered = true;
                    }
                }
                "basedOn" => {
                    if let (Some(id), Some(base)) = (&current, attr(&e, "val"))
                        && let Some(style) = styles.get_mut(id)
                    {
                        style.based_on = Some(base);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // A chain of styles is short; the bound only stops a cycle.
    let chain = |id: &str| {
        std::iter::successors(styles.get(id), |style| {
            styles.get(style.based_on.as_deref()?)
        })
        .take(16)
    };
    let role = |id: &str| {
        chain(id)
            .find_map(|style| style.role)
            .or_else(|| chain(id).any(|style| style.numbered).then_some(Role::List))
    };
    Ok(styles
        .keys()
        .filter_map(|id| Some((id.clone(), role(id)?)))
        .collect())
}

/// The role a style name stands for: "heading 1" … "heading 6" and "Title" are headings,
/// "toc 1" … "toc 9" entries of the table of contents.
fn role_of_name(name: &str) -> Option<Role> {
    let name = name.to_ascii_lowercase();
    if name == "title" {
        return Some(Role::Heading(1));
    }
    if let Some(level) = name.strip_prefix("toc ") {
        return level.trim().parse::<u8>().is_ok().then_some(Role::Contents);
    }
    let level: u8 = name.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(Role::Heading(level))
}

/// Word's outline levels count from 0; 9 is body text.
fn outline_level(value: &str) -> Option<u8> {
    let level: u8 = value.parse().ok()?;
    (level < 6).then_some(level + 1)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn xml_error(part: &str, e: &quick_xml::Error) -> String {
    format!("{part} is not well-formed XML ({e})")
}

/// One paragraph of the document with text, and what it is.
#[derive(Debug)]
struct Paragraph {
    text: String,
    /// Where, in `text`, a line after a manual line break starts a block of its own
    /// ([`line_breaks`]).
    breaks: Vec<usize>,
    kind: Kind,
    page: usize,
    /// Every run with text in it is set in bold.
    bold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    Body,
    ListItem,
    /// A paragraph in this table cell; a cell's paragraphs make one block.
    Cell(Cell),
    /// An entry of the table of contents: counted as a paragraph, not read.
    Contents,
}

/// The document's paragraphs in order, with their kind and the page Word last rendered them on.
fn paragraphs(xml: &str, styles: &HashMap<String, Role>) -> Result<Vec<Paragraph>, String> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::new(styles);
    // Open elements, and whether the root is a document: quick-xml reads a part cut off
    // mid-element, or text with no element at all, to its end without complaint, and either
    // would pass for an empty plan.
    let (mut open, mut root) = (0usize, None);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/document.xml", &e))?;
        match &event {
            Event::Start(e) => {
                root.get_or_insert(e.local_name().into_inner() == "document");
                open += 1;
            }
            Event::Empty(e) => {
                root.get_or_insert(e.local_name().into_inner() == "document");
            }
            Event::End(_) => open = open.saturating_sub(1),
            Event::Eof if open > 0 => {
                return Err("word/document.xml is cut off: it ends inside an element".into());
            }
            Event::Eof if root != Some(true) => {
                return Err("word/document.xml holds no document element".into());
            }
            _ => {}
        }
        if body.fallback > 0 {
            body.skip(&event);
            continue;
        }
        match event {
            Event::Start(e) => body.start(&e),
            Event::Empty(e) => body.empty(&e),
            Event::Text(t) if body.in_text => body.text(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) if body.in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => body.text(c.encode_utf8(&mut [0; 4])),
                _ => body.text(entity(&r.xml10_content())),
            },
            Event::End(e) => body.end(e.local_name().into_inner()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body.out)
}

/// Where `word/document.xml` is read up to.
struct Body<'s> {
    styles: &'s HashMap<String, Role>,
    out: Vec<Paragraph>,
    page: usize,
    /// A manual page break (`<w:br w:type="page"/>`, `pageBreakBefore`) counted, with no text
    /// since: Word also records the page it started as a `lastRenderedPageBreak` at the new
    /// page's first run, which is the same page, not another.
    break_counted: bool,
    /// Tables so far, and the place of the cell open in each open table, innermost last.
    tables: usize,
    open_tables: Vec<OpenTable>,
    cell_depth: usize,
    in_text: bool,
    /// Open paragraphs, innermost last: a text box's paragraphs sit inside a run of the
    /// paragraph it is anchored to, and are paragraphs of their own.
    open: Vec<OpenParagraph>,
    /// How each open run is set: in bold (`<w:b/>`), the way headings are made without
    /// heading styles, or hidden (`<w:vanish/>`), which Word neither shows nor prints.
    runs: Vec<RunFormat>,
    /// Depth inside `w:moveFrom`: a moved passage's old place, which tracked changes keep
    /// beside its new one (`w:moveTo`), as they keep deleted text.
    moved_from: usize,
    /// Depth inside `mc:Fallback`: Word writes a text box twice, as a drawing and as a
    /// fallback picture for older readers, and only the first is read.
    fallback: usize,
}

#[derive(Clone, Copy, Default)]
struct RunFormat {
    bold: bool,
    hidden: bool,
}

#[derive(Default)]
struct OpenParagraph {
    text: String,
    role: Option<Role>,
    listed: bool,
    /// No run with text in it so far was set in normal weight.
    bold: bool,
}

impl<'s> Body<'s> {
    fn new(styles: &'s HashMap<String, Role>) -> Self {
        Body {
            styles,
            out: Vec::new(),
            page: 1,
            break_counted: false,
            tables: 0,
            open_tables: Vec::new(),
            cell_depth: 0,
            in_text: false,
            open: Vec::new(),
            runs: Vec::new(),
            moved_from: 0,
            fallback: 0,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().into_inner() {
            "tbl" => {
                self.open_tables.push(OpenTable::new(self.tables));
                self.tables += 1;
            }
            "tr" => {
                if let Some(table) = self.open_tables.last_mut() {
                    table.next_row();
                }
            }
            "tc" => {
                if let Some(table) = self.open_tables.last_mut() {
                    table.next_cell();
                }
                self.cell_depth += 1;
            }
            "p" => self.open.push(OpenParagraph {
                bold: true,
                ..OpenParagraph::default()
            }),
            "r" => self.runs.push(RunFormat::default()),
            "moveFrom" => self.moved_from += 1,
            "t" => self.in_text = true,
            "Fallback" => self.fallback = 1,
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        let val = || attr(e, "val");
        if e.local_name().into_inner() == "gridSpan"
            && let Some(table) = self.open_tables.last_mut()
        {
            table.span = val().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
        }
        let Some(paragraph) = self.open.last_mut() else {
            return;
        };
        match e.local_name().into_inner() {
            "pStyle" => {
                let styles = self.styles;
                paragraph.role = paragraph
                    .role
                    .or_else(|| val().and_then(|id| styles.get(&id).copied()));
            }
            "outlineLvl" => {
                paragraph.role = paragraph
                    .role
                    .or_else(|| val().and_then(|v| outline_level(&v)).map(Role::Heading));
            }
            "numPr" => paragraph.listed = true,
            "b" => {
                if let Some(run) = self.runs.last_mut() {
                    run.bold = !matches!(val().as_deref(), Some("0" | "false"));
                }
            }
            "vanish" => {
                if let Some(run) = self.runs.last_mut() {
                    run.hidden = !matches!(val().as_deref(), Some("0" | "false"));
                }
            }
            "tab" | "cr" => paragraph.text.push(' '),
            // Word's non-breaking hyphen is a hyphen as shown ("long-term"); its optional
            // hyphen (`softHyphen`) shows only at a line's end, and is no letter of the word.
            "noBreakHyphen" => paragraph.text.push('-'),
            "br" if attr(e, "type").as_deref() == Some("page") => self.manual_break(),
            "br" => paragraph.text.push('\n'),
            "lastRenderedPageBreak" if std::mem::take(&mut self.break_counted) => {}
            "lastRenderedPageBreak" => self.page += 1,
            "pageBreakBefore" if !matches!(val().as_deref(), Some("0" | "false")) => {
                self.manual_break();
            }
            _ => {}
        }
    }

    fn manual_break(&mut self) {
        self.page += 1;
        self.break_counted = true;
    }

    fn text(&mut self, content: &str) {
        let run = self.runs.last().copied().unwrap_or_default();
        if run.hidden || self.moved_from > 0 {
            return;
        }
        if !content.trim().is_empty() {
            self.break_counted = false;
        }
        if let Some(paragraph) = self.open.last_mut() {
            paragraph.bold &= run.bold || content.trim().is_empty();
            paragraph.text.push_str(content);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "r" => {
                self.runs.pop();
            }
            "moveFrom" => self.moved_from = self.moved_from.saturating_sub(1),
            "numPr" => {
                if let Some(paragraph) = self.open.last_mut() {
                    paragraph.listed = true;
                }
            }
            "tc" => self.cell_depth = self.cell_depth.saturating_sub(1),
            "tbl" => {
                self.open_tables.pop();
            }
            "p" => {
                if let Some(paragraph) = self.open.pop() {
                    self.close(paragraph);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, paragraph: OpenParagraph) {
        let (text, breaks) = line_breaks(&paragraph.text);
        if text.is_empty() {
            return;
        }
        let kind = match (paragraph.role, self.cell_depth > 0, paragraph.listed) {
            (Some(Role::Contents), ..) => Kind::Contents,
            (_, true, _) => Kind::Cell(
                self.open_tables
                    .last()
                    .map(OpenTable::cell)
                    .unwrap_or_default(),
            ),
            (Some(Role::Heading(level)), _, _) => Kind::Heading(level),
            (Some(Role::List), ..) | (_, _, true) => Kind::ListItem,
            (None, _, false) => Kind::Body,
        };
        let breaks = match kind {
            Kind::Body | Kind::ListItem => breaks,
            // A heading and a table's cell stay whole, as in an HTML plan.
            _ => Vec::new(),
        };
        self.out.push(Paragraph {
            text,
            breaks,
            kind,
            page: self.page,
            bold: paragraph.bold,
        });
    }

    /// Inside `mc:Fallback`, only its own nesting counts.
    fn skip(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) if e.local_name().into_inner() == "Fallback" => self.fallback += 1,
            Event::End(e) if e.local_name().into_inner() == "Fallback" => self.fallback -= 1,
            _ => {}
        }
    }
}

/// A paragraph's text with its white space collapsed, and where in it a line after a manual
/// line break (Shift+Enter, `w:br`) starts a block of its own: one that opens with a capital,
/// a digit or a bullet after a line that does not lead on, as an HTML plan's `<br>` is read
/// ("Caring for carers: outcomes 6 and 7" / "Our workforce: outcome 8" are two claims).
fn line_breaks(raw: &str) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut breaks = Vec::new();
    let mut last_word = "";
    for line in raw.split('\n') {
        if line.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            if super::html::starts_anew(last_word, line) {
                breaks.push(text.len() + 1);
            }
            text.push(' ');
        }
        for (i, word) in line.split_whitespace().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(word);
            last_word = word;
        }
    }
    (text, breaks)
}

/// Where a table being read is: its number, and the row and column of its open cell.
struct OpenTable {
    table: usize,
    row: Option<usize>,
    column: Option<usize>,
    /// Columns the open cell spans (`w:gridSpan`): the next cell's column is past them all.
    span: usize,
}

impl OpenTable {
    fn new(table: usize) -> Self {
        OpenTable {
            table,
            row: None,
            column: None,
            span: 1,
        }
    }

    fn next_row(&mut self) {
        self.row = Some(self.row.map_or(0, |r| r + 1));
        self.column = None;
        self.span = 1;
    }

    fn next_cell(&mut self) {
        self.column = Some(self.column.map_or(0, |c| c + self.span));
        self.span = 1;
    }

    fn cell(&self) -> Cell {
        Cell {
            table: self.table,
            row: self.row.unwrap_or(0),
            column: self.column.unwrap_or(0),
        }
    }
}

/// The text of XML's predefined entities; Word escapes nothing else.
fn entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// The document: each paragraph a line of `source`, placed by paragraph (and page).
fn build(path: String, paragraphs: &[Paragraph]) -> Document {
    let paged = paragraphs.last().is_some_and(|p| p.page > 1);
    let mut source = String::new();
    let mut builder = Builder::default();
    let mut previous: Option<Kind> = None;
    for (number, paragraph) in paragraphs.iter().enumerate() {
        // A contents entry is counted and not read: an empty line keeps line N of the
        // source paragraph N, so reports that give lines (SARIF, GitHub) agree with "paragraph N".
        if paragraph.kind == Kind::Contents {
            source.push('\n');
            continue;
        }
        let start = source.len();
        source.push_str(&paragraph.text);
        let range = start..source.len();
        source.push('\n');
        let label = if paged {
            format!("page {}, paragraph {}", paragraph.page, number + 1)
        } else {
            format!("paragraph {}", number + 1)
        };
        builder.place(start, label);
        let in_list = previous == Some(Kind::ListItem);
        let in_table = matches!(previous, Some(Kind::Cell(_)));
        if in_table && !matches!(paragraph.kind, Kind::Cell(_)) {
            builder.end_table();
        }
        match paragraph.kind {
            Kind::ListItem if !in_list => {
                builder.list();
                builder.block(BlockKind::ListItem);
            }
            Kind::ListItem => builder.block(BlockKind::ListItem),
            kind => {
                if in_list {
                    builder.end_list();
                }
                match kind {
                    Kind::Heading(level) => builder.heading(level, range.clone()),
                    Kind::Cell(_) if previous == Some(kind) => builder.space(),
                    Kind::Cell(cell) => builder.cell_at(cell),
                    _ => builder.block(BlockKind::Paragraph),
                }
            }
        }
        let mut from = 0;
        for &at in &paragraph.breaks {
            let piece = paragraph.text[from..at].trim_end();
            builder.text(piece, start + from..start + from + piece.len());
            builder.end_block();
            builder.block(match paragraph.kind {
                Kind::ListItem => BlockKind::ListItem,
                _ => BlockKind::Paragraph,
            });
            from = at;
        }
        builder.text(&paragraph.text[from..], start + from..range.end);
        if matches!(paragraph.kind, Kind::Heading(_)) {
            builder.end_heading();
        }
        previous = Some(paragraph.kind);
    }
    let lines = LineIndex::new(&source);
    builder.finish(path, source, lines, FrontMatter::default())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::document::tests::{at, cells, headings};

    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Ueberschrift2"><w:name w:val="Custom"/>
          <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="Mine"/><w:basedOn w:val="Heading1"/></w:style>
        <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
          <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="NumberedHeading"><w:name w:val="Numbered"/>
          <w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyBullet"><w:name w:val="Mine too"/><w:basedOn w:val="ListBullet"/></w:style>
        </w:styles>"#;

    fn docx(body: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/styles.xml", options).unwrap();
        zip.write_all(STYLES.as_bytes()).unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn para(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn heading_styles_make_the_section_tree() {
        let body = [
            para("Heading1", "Our plan"),
            para("Normal", "We back carers &amp; families."),
            para("Ueberschrift2", "Carers"),
            para("MyHeading", "Next"),
        ]
        .concat();
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            headings(&doc),
            [(1, "Our plan"), (2, "Carers"), (1, "Next")]
        );
        assert!(doc.text.as_str().contains("We back carers & families."));
        let at = doc.source.find("carers").unwrap();
        assert_eq!(doc.place(at), "paragraph 2");
    }

    fn bold(text: &str) -> String {
        format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#)
    }

    /// Written without heading styles, or with a title alone, a plan's headings are its bold
    /// lines; with headings of its own, a bold line is a paragraph as any other.
    #[test]
    fn bold_lines_are_headings_only_in_a_document_without_heading_styles() {
        let body = [
            bold("Unpaid carers"),
            para("Normal", "We will offer short breaks."),
            bold("We will do this by 2026."),
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Half</w:t></w:r><w:r><w:t> bold</w:t></w:r></w:p>"#.into(),
            r#"<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Not bold</w:t></w:r></w:p>"#.into(),
            bold("Workforce"),
        ]
        .concat();
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(headings(&doc), [(2, "Unpaid carers"), (2, "Workforce")]);
        // Under a title alone the bold lines are still the sections.
        let titled = [para("Heading1", "Our plan"), body.clone()].concat();
        let doc = parse("p.docx".into(), &docx(&titled)).unwrap();
        assert_eq!(
            headings(&doc),
            [(1, "Our plan"), (2, "Unpaid carers"), (2, "Workforce")]
        );
        let styled = [
            para("Heading1", "Our plan"),
            para("Heading1", "About"),
            body,
        ]
        .concat();
        let doc = parse("p.docx".into(), &docx(&styled)).unwrap();
        assert_eq!(headings(&doc), [(1, "Our plan"), (1, "About")]);
    }

    /// A table of contents lists the headings again, with page numbers: navigation, not plan
    /// text.
    #[test]
    fn table_of_contents_entries_are_not_plan_text() {
        let body = [
            para("Heading1", "Contents"),
            para("TOC1", "Supporting unpaid carers 12"),
            para("TOC1", "Our workforce 15"),
            para("Heading1", "Supporting unpaid carers"),
            para("Normal", "We will offer short breaks."),
        ]
        .concat();
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "Contents\nSupporting unpaid carers\nWe will offer short breaks.\n"
        );
        assert_eq!(
            headings(&doc),
            [(1, "Contents"), (1, "Supporting unpaid carers")]
        );
        let at = doc.source.find("short breaks").unwrap();
        assert_eq!(doc.place(at), "paragraph 5", "a reader counts the entries");
        // Line N of the source is paragraph N, so a report citing lines says the same.
        assert_eq!(doc.lines.line(at), 5);
    }

    /// Word writes a text box inside a run of the paragraph it is anchored to, twice: as a
    /// drawing and, for older readers, as a fallback picture. Its text is read once, as
    /// paragraphs of its own, and the anchoring paragraph keeps its own text.
    #[test]
    fn a_text_box_is_read_once_as_its_own_paragraphs() {
        let text_box = |p: &str| format!("<w:txbxContent>{p}</w:txbxContent>");
        let boxed = text_box(&para("Normal", "Case study: Jean gets short breaks."));
        let body = format!(
            r#"<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{boxed}</w:drawing></mc:Choice><mc:Fallback><w:pict>{boxed}</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> After it.</w:t></w:r></w:p>{}"#,
            para("Normal", "Next paragraph.")
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "Case study: Jean gets short breaks.\nBefore the box. After it.\nNext paragraph.\n"
        );
    }

    /// Hidden text and a moved passage's old place are not what the plan says: Word shows
    /// neither, as it shows no deleted text.
    #[test]
    fn hidden_runs_and_moved_from_text_are_not_plan_text() {
        let body = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">We will support </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">[not agreed] </w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>young carers.</w:t></w:r></w:p><w:moveFrom w:id="1"><w:p><w:r><w:t>Moved sentence.</w:t></w:r></w:p></w:moveFrom><w:p><w:r><w:del><w:delText>Gone.</w:delText></w:del></w:r></w:p>{}"#,
            para("Normal", "Moved sentence.")
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "We will support young carers.\nMoved sentence.\n"
        );
    }

    /// A manual line break before a capital starts a block of its own, as an HTML plan's
    /// `<br>` does; one inside a sentence ("every unpaid" / "carer") does not. The paragraph is
    /// still one line of the source, so "paragraph N" keeps its number.
    #[test]
    fn manual_line_breaks_part_lines_that_start_anew() {
        let body = format!(
            "{}{}",
            r#"<w:p><w:r><w:t>Caring for carers: outcomes 6 and 7</w:t><w:br/><w:t>Our workforce: outcome 8</w:t><w:br/><w:t>in partnership with</w:t><w:br/><w:t>Carers Scotland and every unpaid</w:t><w:br/><w:t>carer.</w:t></w:r></w:p>"#,
            para("Normal", "Next paragraph.")
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "Caring for carers: outcomes 6 and 7\nOur workforce: outcome 8 in partnership with Carers Scotland and every unpaid carer.\nNext paragraph.\n"
        );
        assert_eq!(doc.source.lines().count(), 2, "{}", doc.source);
        let at = doc.text.as_str().find("Our workforce").unwrap();
        assert_eq!(
            &doc.source[doc.text.source_span(at..at + 13)],
            "Our workforce"
        );
    }

    /// A non-breaking hyphen shows as a hyphen and an optional one as nothing: "long-term",
    /// not "longterm", so the phrase is found and the quote is what Word shows.
    #[test]
    fn word_hyphens_read_as_shown() {
        let body = r#"<w:p><w:r><w:t>long</w:t><w:noBreakHyphen/><w:t>term conditions, face</w:t><w:noBreakHyphen/><w:t>to</w:t><w:noBreakHyphen/><w:t>face; in</w:t><w:softHyphen/><w:t>dependence</w:t></w:r></w:p>"#;
        let doc = parse("p.docx".into(), &docx(body)).unwrap();
        assert_eq!(
            doc.text.as_str(),
            "long-term conditions, face-to-face; independence\n"
        );
    }

    #[test]
    fn pages_are_counted_where_word_recorded_them() {
        let body = format!(
            "{}{}{}",
            para("Normal", "First."),
            r#"<w:p><w:r><w:br w:type="page"/><w:t>Second page.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>Third &#x2019;page.</w:t></w:r></w:p>"#,
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        let at = doc.source.find("Third ’page").unwrap();
        assert_eq!(doc.place(at), "page 3, paragraph 3");
        assert_eq!(doc.place(0), "page 1, paragraph 1");
    }

    /// Word saves a manual page break and then, at the new page's first run, the page it
    /// rendered there: one page, not two.
    #[test]
    fn a_manual_break_and_the_page_word_rendered_after_it_are_one_page() {
        let body = format!(
            "{}{}{}{}{}",
            para("Normal", "First."),
            r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>Second page.</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:lastRenderedPageBreak/><w:t>Third.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:lastRenderedPageBreak/><w:t>Fourth.</w:t></w:r></w:p>"#,
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        let page = |text: &str| doc.place(doc.source.find(text).unwrap());
        // The break's own paragraph is empty, so not counted.
        assert_eq!(page("Second page."), "page 2, paragraph 2");
        assert_eq!(page("Third."), "page 3, paragraph 3");
        assert_eq!(page("Fourth."), "page 4, paragraph 4");
    }

    #[test]
    fn lists_and_cells_are_blocks() {
        let item = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p>"#;
        let cell = |t: &str| {
            format!(
                "<w:tc>{}{}</w:tc>",
                para("Normal", t),
                para("Normal", "more")
            )
        };
        let body = format!(
            "{}{item}{item}<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            para("Heading1", "P"),
            cell("A"),
            cell("B")
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, ListItem, ListItem, TableCell, TableCell]);
        assert_eq!(doc.block_text(&doc.blocks[3]), "A more");
        assert_eq!(doc.blocks[1].list(), doc.blocks[2].list());
    }

    /// A table's cells know their table, row and column, as a Markdown table's do, so a
    /// mapping table in a Word plan is read as a claim: merged cells (`w:gridSpan`) take their
    /// columns, a table inside a cell has its own places, and the outer table's go on after it.
    #[test]
    fn table_cells_know_their_row_and_column() {
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", para("Normal", t));
        let wide = format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}</w:tc>"#,
            para("Normal", "Wide")
        );
        let inner = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell("Inner"));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{wide}{}<w:tc>{inner}{}</w:tc></w:tr></w:tbl>{}\
             <w:tbl><w:tr>{}</w:tr></w:tbl>",
            para("Heading1", "P"),
            cell("Priority"),
            cell("Outcomes"),
            cell("Lead"),
            cell("Third"),
            para("Normal", "After inner"),
            para("Normal", "Between"),
            cell("Next table"),
        );
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        assert_eq!(
            cells(&doc),
            [
                ("Priority", at(0, 0, 0)),
                ("Outcomes", at(0, 0, 1)),
                ("Lead", at(0, 0, 2)),
                ("Wide", at(0, 1, 0)),
                ("Third", at(0, 1, 2)),
                ("Inner", at(1, 0, 0)),
                ("After inner", at(0, 1, 3)),
                ("Between", None),
                ("Next table", at(2, 0, 0)),
            ]
        );
    }

    /// Word's "List Bullet" and "List Number" styles number their paragraphs themselves; a
    /// numbered heading style stays a heading.
    #[test]
    fn a_list_style_makes_list_items() {
        let body = [
            para("NumberedHeading", "Carers"),
            para("ListBullet", "Short breaks"),
            para("MyBullet", "Carer support plans"),
            para("Normal", "After the list."),
        ]
        .concat();
        let doc = parse("p.docx".into(), &docx(&body)).unwrap();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, ListItem, ListItem, Paragraph]);
        assert_eq!(headings(&doc), [(2, "Carers")]);
    }

    #[test]
    fn bad_archives_are_clear_errors() {
        let err = parse("p.docx".into(), b"PK\x03\x04 not really").unwrap_err();
        assert!(
            err.to_string().contains("not a readable ZIP archive"),
            "{err}"
        );
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("other.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap();
        let err = parse("p.docx".into(), out.get_ref()).unwrap_err();
        assert!(err.to_string().contains("no word/document.xml"), "{err}");
        let err = parse("p.docx".into(), &docx("<w:p><w:r>")).unwrap_err();
        assert!(err.to_string().contains("not well-formed"), "{err}");
        // Cut off, or no XML at all: read to the end, either would pass for an empty plan.
        for (xml, reason) in [
            ("<w:document><w:body><w:p>", "cut off"),
            ("this is not xml at all", "no document element"),
            ("", "no document element"),
        ] {
            let mut out = Cursor::new(Vec::new());
            let mut zip = zip::ZipWriter::new(&mut out);
            zip.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
            zip.finish().unwrap();
            let err = parse("p.docx".into(), out.get_ref()).unwrap_err();
            assert!(err.to_string().contains(reason), "{xml:?}: {err}");
        }
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("word/document.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..=MAX_PART_SIZE >> 20 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
        let err = parse("p.docx".into(), out.get_ref()).unwrap_err();
        assert!(err.to_string().contains("ZIP bomb"), "{err}");
    }
}
