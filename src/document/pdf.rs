//! The PDF adapter: positioned text runs from each page drive the [`Builder`].
//!
//! A PDF holds no headings or paragraphs, only text drawn at places on pages, so the plan's
//! structure is inferred the way a reader sees it: lines are runs that share a baseline; a
//! page whose lines fall on either side of a gutter is read column by column; text repeated
//! at the same place near the top or bottom of most pages (a running header or footer), and
//! bare page numbers, are left out; a line larger or bolder than the body text is a heading,
//! its level ranked by size and deepened by numbering ("3.2 Our priorities"); a wider gap
//! than the usual line spacing ends a paragraph; a word hyphenated across a line end is
//! joined. The plan's `source` is the kept lines, one a line, and each page's first line is
//! placed as "page N", so findings cite the page a reader would turn to.
//!
//! Text comes from `pdf_oxide` (pure Rust). It is known to panic on some malformed files, so
//! extraction runs under [`std::panic::catch_unwind`] and a panic becomes a clear error. Files
//! cut off before their `%%EOF` marker are refused rather than audited in part, and files
//! with more than [`MAX_PAGES`] pages or [`MAX_OBJECTS`] objects, or whose text takes longer
//! than [`MAX_SECONDS`] to extract, are refused; `pdf_oxide` bounds stream decompression itself.

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

use pdf_oxide::PdfDocument;
use pdf_oxide::layout::TextSpan;

use super::builder::Builder;
use super::{BlockKind, Document, Error, FrontMatter};
use crate::source::LineIndex;

/// Most pages read: far above any strategic plan, low enough to bound the work.
const MAX_PAGES: usize = 5_000;
/// Most objects (`obj` keywords) a file may hold; real plans hold a few thousand.
const MAX_OBJECTS: usize = 1_000_000;
/// Longest time spent extracting text, checked between pages.
const MAX_SECONDS: u64 = 60;
/// Fewest letters a page must average before the file counts as having a text layer.
const MIN_LETTERS_PER_PAGE: usize = 10;

pub(super) fn parse(path: String, bytes: &[u8]) -> Result<Document, Error> {
    let pages = read_pages(&path, bytes)?;
    let letters: usize = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < MIN_LETTERS_PER_PAGE * pages.len().max(1) {
        return Err(Error::Scanned { path });
    }
    let lines = reading_order(pages);
    Ok(build(path, &lines))
}

/// One page's lines and its visible box, `(left, bottom, right, top)` in points.
#[derive(Debug)]
struct Page {
    bounds: (f32, f32, f32, f32),
    lines: Vec<Line>,
}

/// A line of text: runs sharing a baseline, left to right, in one column.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Left and right edges and baseline, in points (PDF space: `y` grows upwards).
    left: f32,
    right: f32,
    y: f32,
    /// Font size of most of the line's characters, and whether every one is bold.
    size: f32,
    bold: bool,
    /// 1-based page number.
    page: usize,
}

/// Every page's lines, extracted under the limits, with a panic in the PDF crate turned into
/// an error.
fn read_pages(path: &str, bytes: &[u8]) -> Result<Vec<Page>, Error> {
    let objects = memchr::memmem::find_iter(bytes, b" obj").take(MAX_OBJECTS + 1);
    if objects.count() > MAX_OBJECTS {
        return Err(too_complex(
            path,
            format!("it holds over {MAX_OBJECTS} objects"),
        ));
    }
    // A reader can recover some pages of a cut-off file, but auditing part of a plan would
    // report what is on the missing pages as missing.
    // A PDF starts with its header, in its first kilobyte; a file named `.pdf` without one is
    // something else, not a PDF cut off.
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(malformed(
            path,
            "it is not a PDF: it does not start with the %PDF- header (is it another kind of file?)".into(),
        ));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if memchr::memmem::rfind(tail, b"%%EOF").is_none() {
        return Err(malformed(
            path,
            "it is cut off: it lacks the %%EOF marker that ends a complete PDF (an interrupted download or copy?)".into(),
        ));
    }
    match quietly(|| extract(path, bytes)) {
        Ok(result) => result,
        Err(()) => Err(malformed(
            path,
            "its structure is broken (the PDF reader gave up on it)".into(),
        )),
    }
}

fn extract(path: &str, bytes: &[u8]) -> Result<Vec<Page>, Error> {
    let pdf_error = |e: pdf_oxide::Error| malformed(path, e.to_string());
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(pdf_error)?;
    // Most protected plans restrict copying with an empty password to open them, which the
    // reader tries itself; one that needs a password to open cannot be read.
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(Error::Encrypted { path: path.into() });
    }
    let count = doc.page_count().map_err(pdf_error)?;
    if count > MAX_PAGES {
        return Err(too_complex(
            path,
            format!("it has {count} pages, over the limit of {MAX_PAGES}"),
        ));
    }
    let deadline = Instant::now() + Duration::from_secs(MAX_SECONDS);
    let mut pages = Vec::with_capacity(count);
    for index in 0..count {
        if Instant::now() > deadline {
            return Err(too_complex(
                path,
                format!(
                    "reading its text took over {MAX_SECONDS} s (stopped at page {})",
                    index + 1
                ),
            ));
        }
        let bounds = doc.get_page_visible_box(index).map_err(pdf_error)?;
        let spans = doc.extract_spans(index).map_err(pdf_error)?;
        pages.push(Page {
            bounds,
            lines: lines(&spans, index + 1),
        });
    }
    Ok(pages)
}

fn malformed(path: &str, reason: String) -> Error {
    Error::Malformed {
        path: path.to_owned(),
        format: "PDF",
        reason,
    }
}

fn too_complex(path: &str, reason: String) -> Error {
    Error::TooComplex {
        path: path.to_owned(),
        reason,
    }
}

thread_local! {
    /// Set while this thread runs PDF extraction, whose panics are reported as errors.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err(())` without the panic message that would otherwise be
/// printed: the caller reports it as a malformed file. Panics elsewhere print as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| ())
}

/// The page's text runs gathered into lines, top to bottom and left to right: runs whose
/// baselines are within half a character's height share a row, and a row splits where runs
/// are far apart (either side of a column gutter).
fn lines(spans: &[TextSpan], page: usize) -> Vec<Line> {
    let mut runs: Vec<&TextSpan> = spans
        .iter()
        .filter(|s| !s.text.trim().is_empty() && s.font_size.is_finite() && s.bbox.y.is_finite())
        .collect();
    runs.sort_by(|a, b| b.bbox.y.total_cmp(&a.bbox.y));
    let mut out = Vec::new();
    let mut rest = runs.as_slice();
    while let Some(first) = rest.first() {
        let tolerance = first.font_size.max(1.0) * 0.5;
        let n = rest
            .iter()
            .position(|r| first.bbox.y - r.bbox.y >= tolerance)
            .unwrap_or(rest.len());
        let mut row = rest[..n].to_vec();
        rest = &rest[n..];
        row.sort_by(|a, b| a.bbox.x.total_cmp(&b.bbox.x));
        let mut line: Option<(Line, usize)> = None;
        for run in row {
            match line.as_mut() {
                Some(open)
                    if run.bbox.x - open.0.right
                        < open.0.size.min(run.font_size).max(1.0) * 2.0 =>
                {
                    add_run(open, run);
                }
                _ => out.extend(line.replace(new_line(run, page)).map(|(l, _)| l)),
            }
        }
        out.extend(line.map(|(l, _)| l));
    }
    for line in &mut out {
        line.text = tidy(&line.text);
    }
    out
}

/// A line's text with whitespace collapsed, and soft hyphens left out except at its end,
/// where one marks a word broken across lines (see [`join`]).
fn tidy(text: &str) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Some writers draw a visible hyphen after the soft hyphen that marks the break.
    let soft_end = text.trim_end_matches(['-', '\u{2010}', ' ']).len();
    if text[..soft_end].ends_with('\u{AD}') {
        text.truncate(soft_end);
    }
    let inner = text.strip_suffix('\u{AD}').unwrap_or(&text);
    let mut out: String = inner.chars().filter(|&c| c != '\u{AD}').collect();
    if inner.len() < text.len() {
        out.push('\u{AD}');
    }
    out
}

/// A line begun by `run`, with the character count of its dominant size.
fn new_line(run: &TextSpan, page: usize) -> (Line, usize) {
    let line = Line {
        text: run.text.clone(),
        left: run.bbox.x,
        right: run.bbox.x + run.bbox.width,
        y: run.bbox.y,
        size: run.font_size,
        bold: run.font_weight.is_bold(),
        page,
    };
    (line, run.text.chars().count())
}

/// Appends `run` to a line, with a space where the gap between them shows one.
fn add_run((line, dominant): &mut (Line, usize), run: &TextSpan) {
    let gap = run.bbox.x - line.right;
    if gap > run.font_size * 0.15 && !line.text.ends_with(' ') && !run.text.starts_with(' ') {
        line.text.push(' ');
    }
    line.text.push_str(&run.text);
    line.right = line.right.max(run.bbox.x + run.bbox.width);
    line.bold &= run.font_weight.is_bold();
    let chars = run.text.chars().count();
    if chars > *dominant {
        line.size = run.font_size;
        *dominant = chars;
    }
}

/// All pages' lines in reading order, running headers, footers and page numbers left out.
fn reading_order(pages: Vec<Page>) -> Vec<Line> {
    let furniture = repeated_furniture(&pages);
    pages
        .into_iter()
        .flat_map(|page| {
            let bounds = page.bounds;
            let kept: Vec<Line> = page
                .lines
                .into_iter()
                .filter(|l| {
                    let margin = in_margin(l, bounds);
                    !(margin && (is_page_number(&l.text) || furniture.contains(&furniture_key(l))))
                })
                .collect();
            columns(kept, bounds)
        })
        .collect()
}

/// Whether a line lies in the top or bottom tenth of its page, where running headers,
/// footers and page numbers sit.
fn in_margin(line: &Line, (_, bottom, _, top): (f32, f32, f32, f32)) -> bool {
    let band = (top - bottom) * 0.1;
    line.y > top - band || line.y < bottom + band
}

/// What a running header or footer has in common from page to page: its text with digits
/// masked (page numbers change) and its height on the page.
fn furniture_key(line: &Line) -> (String, i32) {
    let text = line
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    (text, (line.y / 2.0).round() as i32)
}

/// The margin lines repeated on at least half the pages (and on two or more).
fn repeated_furniture(pages: &[Page]) -> HashSet<(String, i32)> {
    let mut seen: HashMap<(String, i32), usize> = HashMap::new();
    for page in pages {
        let keys: HashSet<_> = page
            .lines
            .iter()
            .filter(|l| in_margin(l, page.bounds))
            .map(furniture_key)
            .collect();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    seen.into_iter()
        .filter(|&(_, n)| n >= needed)
        .map(|(key, _)| key)
        .collect()
}

/// A bare page number: "7", "Page 7", "7 of 12", "7/12", "- 7 -".
fn is_page_number(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let text = text.to_ascii_lowercase();
    let text = text.strip_prefix("page").unwrap_or(&text).trim();
    let mut parts = text
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let numeric = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, None) => numeric(a),
        (Some(a), Some(b), None) => numeric(a) && numeric(b),
        _ => false,
    }
}

/// A page's lines in reading order: when they fall either side of a vertical gutter, each
/// stretch between lines that cross it (a title across both columns) is read left column
/// first, then right.
fn columns(lines: Vec<Line>, bounds: (f32, f32, f32, f32)) -> Vec<Line> {
    let Some(gutter) = gutter(&lines, bounds) else {
        return lines;
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut right = Vec::new();
    for line in lines {
        if line.left >= gutter {
            right.push(line);
        } else if line.right <= gutter {
            out.push(line);
        } else {
            out.append(&mut right);
            out.push(line);
        }
    }
    out.append(&mut right);
    out
}

/// Where a page splits into two columns, if it does: the x in the middle half of the page
/// with the most lines wholly on each side, each side holding a third of the lines or more.
/// Only lines with words count: a table's columns of figures are not a column of text.
fn gutter(lines: &[Line], (left, _, right, _): (f32, f32, f32, f32)) -> Option<f32> {
    let width = right - left;
    let needed = (lines.len() / 3).max(3);
    let mut best: Option<(usize, f32)> = None;
    let mut x = left + width * 0.3;
    while x <= left + width * 0.7 {
        let before = lines.iter().filter(|l| l.right <= x && worded(l)).count();
        let after = lines.iter().filter(|l| l.left >= x && worded(l)).count();
        let score = before.min(after);
        if score >= needed && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, x));
        }
        x += 2.0;
    }
    best.map(|(_, x)| x)
}

/// Whether a line holds a letter.
fn worded(line: &Line) -> bool {
    line.text.chars().any(char::is_alphabetic)
}

/// A heading style: font size to the half point, and weight.
type Style = (i32, bool);

fn style(line: &Line) -> Style {
    ((line.size * 2.0).round() as i32, line.bold)
}

/// The heading level of each style that marks headings: styles larger than the body text,
/// or bold at its size (`body`, from [`body_size`]), ranked largest first.
fn heading_levels(lines: &[Line], body: Option<i32>) -> HashMap<Style, u8> {
    let Some(body) = body else {
        return HashMap::new();
    };
    let mut styles: Vec<Style> = lines
        .iter()
        .filter(|l| could_be_heading(l))
        .map(style)
        // In 64 bits: a damaged file can give any size.
        .filter(|&(size, bold)| {
            i64::from(size) * 10 >= i64::from(body) * 11 || (bold && size >= body)
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    styles.sort_by_key(|&(size, bold)| (Reverse(size), !bold));
    styles.into_iter().zip(1..=6).collect()
}

/// The body text's size (doubled, as in [`Style`]): the size most characters are set in.
fn body_size(lines: &[Line]) -> Option<i32> {
    let mut chars: HashMap<i32, usize> = HashMap::new();
    for line in lines {
        *chars.entry(style(line).0).or_default() += line.text.chars().count();
    }
    chars
        .into_iter()
        .max_by_key(|&(size, n)| (n, Reverse(size)))
        .map(|(size, _)| size)
}

/// A line short enough, and with letters enough, to be a heading.
fn could_be_heading(line: &Line) -> bool {
    line.text.split_whitespace().count() <= 20 && worded(line)
}

/// The depth of a heading's numbering: "3" and "3." are 1, "3.2" is 2; 0 when unnumbered.
fn numbering_depth(text: &str) -> usize {
    let Some(number) = text.split_whitespace().next() else {
        return 0;
    };
    let number = number.strip_suffix('.').unwrap_or(number);
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()));
    if numeric && text.split_whitespace().nth(1).is_some() {
        parts.len()
    } else {
        0
    }
}

/// A unit of the plan: a heading or a block of body text, made of lines.
struct Unit<'a> {
    heading: Option<u8>,
    list: bool,
    lines: Vec<&'a Line>,
}

/// Lines grouped into headings and blocks. A heading is a run of heading-styled lines; a
/// block ends at a gap wider than the usual line spacing, a bullet, or a heading.
fn units(lines: &[Line]) -> Vec<Unit<'_>> {
    let body = body_size(lines);
    let levels = heading_levels(lines, body);
    let depths = shallowest_numbering(lines, &levels);
    let pitch = line_pitch(lines);
    let rows = table_rows(lines, body, pitch);
    let mut out: Vec<Unit<'_>> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in lines {
        let styled = levels
            .get(&style(line))
            .filter(|_| !in_table(line, &rows, pitch))
            .map(|&level| deepen(level, line, &depths));
        // A heading's last line may hold no letters ("… Plan 2026–" above "2029").
        let wraps = match (out.last(), previous) {
            (Some(unit), Some(prev)) => {
                unit.heading.is_some()
                    && unit.heading == styled
                    && prev.page == line.page
                    && prev.y - line.y <= prev.size * 2.0
                    && line.text.split_whitespace().count() <= 3
            }
            _ => false,
        };
        let level = styled.filter(|_| could_be_heading(line) || wraps);
        let bullet = bullet(&line.text).is_some();
        let continues = match (out.last(), previous) {
            (Some(unit), Some(prev)) => {
                unit.heading == level
                    && !bullet
                    && if level.is_some() {
                        prev.page == line.page && prev.y - line.y <= prev.size * 2.0
                    } else {
                        continues_block(prev, line, pitch)
                    }
            }
            _ => false,
        };
        match out.last_mut() {
            Some(unit) if continues => unit.lines.push(line),
            _ => out.push(Unit {
                heading: level,
                list: bullet && level.is_none(),
                lines: vec![line],
            }),
        }
        previous = Some(line);
    }
    out
}

/// A line's page and baseline, to the half point.
fn baseline(line: &Line) -> (usize, i32) {
    (line.page, (line.y * 2.0).round() as i32)
}

/// The baselines of a table's rows, whose cells are lines of their own (runs far apart are
/// split, see [`lines`]): three or more lines of body size or smaller on one baseline, or two
/// or more all bold in one style over figures, as a header row is ("Measure" and "Target"),
/// with a gap between two of them wider than [`CELL_GAP`] characters. A bold header cell is not a
/// heading. Justified text in a narrow column splits at its wide spaces too, and two columns
/// of text put two lines on a baseline, but neither leaves such a gap; headings larger than
/// the body text side by side (each column's, or a sidebar's) are headings.
fn table_rows(lines: &[Line], body: Option<i32>, pitch: f32) -> HashSet<(usize, i32)> {
    let body = body.unwrap_or(i32::MAX);
    let mut rows: HashMap<(usize, i32), Vec<&Line>> = HashMap::new();
    for line in lines.iter().filter(|l| style(l).0 <= body) {
        rows.entry(baseline(line)).or_default().push(line);
    }
    // Figures (a line with no letter) within three lines below: what a header of two cells
    // heads, where two headings side by side head text.
    let figures_below = |&(page, y): &(usize, i32)| {
        let y = y as f32 / 2.0;
        lines
            .iter()
            .any(|l| l.page == page && l.y < y && y - l.y <= pitch * 3.0 && !worded(l))
    };
    rows.into_iter()
        .filter(|(at, row)| {
            let cells = is_table_row(row);
            cells == Some(true) || (cells == Some(false) && figures_below(at))
        })
        .map(|(at, _)| at)
        .collect()
}

/// Gap between two cells of a table's row, in characters of its text's size, wider than any
/// between words of justified text or between two columns of text.
const CELL_GAP: f32 = 4.0;

/// Whether the lines sharing one baseline are a table's row (see [`table_rows`]): `Some(true)`
/// for three or more cells, `Some(false)` for two bold ones in one style, which are a header
/// only over figures; `None` if they are no row of cells at all.
fn is_table_row(row: &[&Line]) -> Option<bool> {
    let header = row.len() >= 2 && row.iter().all(|l| l.bold && style(l) == style(row[0]));
    if row.len() < 3 && !header {
        return None;
    }
    let mut cells = row.to_vec();
    cells.sort_by(|a, b| a.left.total_cmp(&b.left));
    let apart = cells
        .windows(2)
        .any(|pair| pair[1].left - pair[0].right > pair[0].size.max(1.0) * CELL_GAP);
    apart.then_some(row.len() >= 3)
}

/// Whether a line is on a table's row, or less than a line's spacing from one: a header cell
/// of two lines sits between the rows of its neighbours ("Target" above "2024/25").
fn in_table(line: &Line, rows: &HashSet<(usize, i32)>, pitch: f32) -> bool {
    rows.contains(&baseline(line))
        || rows
            .iter()
            .any(|&(page, y)| page == line.page && (y as f32 / 2.0 - line.y).abs() < pitch)
}

/// For each heading style, the shallowest numbering depth among its numbered headings.
fn shallowest_numbering(lines: &[Line], levels: &HashMap<Style, u8>) -> HashMap<Style, usize> {
    let mut depths: HashMap<Style, usize> = HashMap::new();
    for line in lines.iter().filter(|l| levels.contains_key(&style(l))) {
        let depth = numbering_depth(&line.text);
        if depth > 0 {
            let entry = depths.entry(style(line)).or_insert(depth);
            *entry = (*entry).min(depth);
        }
    }
    depths
}

/// A heading's level: its style's rank, one deeper for each level of numbering beyond the
/// shallowest its style has, so "3 Plan" and "3.2 Priorities" in one style nest.
fn deepen(level: u8, line: &Line, shallowest: &HashMap<Style, usize>) -> u8 {
    let depth = numbering_depth(&line.text);
    let extra = shallowest
        .get(&style(line))
        .map_or(0, |&s| depth.saturating_sub(s));
    (level as usize + extra).min(6) as u8
}

/// The usual distance between the baselines of consecutive lines of body text.
fn line_pitch(lines: &[Line]) -> f32 {
    let mut steps: HashMap<i32, usize> = HashMap::new();
    for pair in lines.windows(2) {
        let step = pair[0].y - pair[1].y;
        if pair[0].page == pair[1].page && step > 0.0 {
            *steps.entry((step * 2.0).round() as i32).or_default() += 1;
        }
    }
    steps
        .into_iter()
        .max_by_key(|&(step, n)| (n, -step))
        .map_or(f32::INFINITY, |(step, _)| step as f32 / 2.0)
}

/// Whether `line` goes on with the block `prev` is in: it sits the usual spacing below it;
/// or, starting a new column or page, the previous line did not end a sentence.
fn continues_block(prev: &Line, line: &Line, pitch: f32) -> bool {
    let step = prev.y - line.y;
    let same_column = prev.page == line.page && step > 0.0 && (line.left - prev.left).abs() < 50.0;
    if same_column {
        return step <= pitch * 1.25 + 0.5;
    }
    let ended = prev.text.ends_with(['.', '!', '?', ':']);
    !ended || line.text.starts_with(char::is_lowercase)
}

/// The text after a list bullet, if the line starts with one.
fn bullet(text: &str) -> Option<&str> {
    ['•', '◦', '▪', '‣', '●', '○', '■', '–']
        .iter()
        .find_map(|b| text.strip_prefix(*b))
        .and_then(|rest| rest.strip_prefix(' '))
}

/// How a line's text joins the next line's within a block.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    /// With a space, as lines of prose.
    Space,
    /// Directly: the line ends in a dash inside a compound ("2024–" "2027", "self-" "care").
    Direct,
    /// Directly, the hyphen left out: a word broken by the typesetter ("respon-" "sible").
    Dehyphenate,
}

/// How `line` joins `next`: a soft hyphen always goes; a hyphen goes when the joined word,
/// unhyphenated, is found elsewhere in the plan (`words`), and stays otherwise.
fn join(line: &str, next: &str, words: &HashSet<String>) -> Join {
    let Some(last) = line.chars().next_back() else {
        return Join::Space;
    };
    let before = line[..line.len() - last.len_utf8()].chars().next_back();
    if !before.is_some_and(char::is_alphanumeric) {
        return Join::Space;
    }
    match last {
        '\u{AD}' => Join::Dehyphenate,
        '-' | '\u{2010}' if next.starts_with(char::is_lowercase) => {
            let head = line.split_whitespace().next_back().unwrap_or_default();
            let head = head.trim_end_matches(['-', '\u{2010}']);
            let tail = next.split_whitespace().next().unwrap_or_default();
            let word: String = format!("{head}{tail}")
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            if words.contains(&word) {
                Join::Dehyphenate
            } else {
                Join::Direct
            }
        }
        '-' | '\u{2010}' | '–' | '—' => Join::Direct,
        _ => Join::Space,
    }
}

/// Every word of the plan, lower-cased, to tell a broken word from a compound.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

/// The document: each kept line a line of `source`, placed by page.
fn build(path: String, lines: &[Line]) -> Document {
    let words = vocabulary(lines);
    let mut source = String::new();
    let mut builder = Builder::default();
    let mut page = 0;
    let mut in_list = false;
    for unit in units(lines) {
        if in_list && !unit.list {
            builder.end_list();
        }
        let start = source.len();
        let mut ranges = Vec::with_capacity(unit.lines.len());
        for line in &unit.lines {
            if line.page != page {
                page = line.page;
                builder.place(source.len(), format!("page {page}"));
            }
            let at = source.len();
            source.push_str(&line.text);
            ranges.push(at..source.len());
            source.push('\n');
        }
        match unit.heading {
            Some(level) => builder.heading(level, start..source.len() - 1),
            None if unit.list => {
                if !in_list {
                    builder.list();
                }
                builder.block(BlockKind::ListItem);
            }
            None => builder.block(BlockKind::Paragraph),
        }
        in_list = unit.list;
        add_lines(&mut builder, &source, &ranges, &words, unit.list);
        if unit.heading.is_some() {
            builder.end_heading();
        }
    }
    let lines = LineIndex::new(&source);
    builder.finish(path, source, lines, FrontMatter::default())
}

/// A unit's lines as plan text: a bullet left out, lines joined as [`join`] says.
fn add_lines(
    builder: &mut Builder,
    source: &str,
    ranges: &[std::ops::Range<usize>],
    words: &HashSet<String>,
    list: bool,
) {
    for (i, range) in ranges.iter().enumerate() {
        let mut range = range.clone();
        let text = &source[range.clone()];
        if i == 0 && list {
            let rest = bullet(text).unwrap_or(text);
            range.start = range.end - rest.len();
        }
        let next = ranges.get(i + 1).map(|r| &source[r.clone()]);
        let join = next.map_or(Join::Space, |next| {
            join(&source[range.clone()], next, words)
        });
        if join == Join::Dehyphenate {
            let last = source[range.clone()]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            range.end -= last;
        }
        builder.text(&source[range.clone()], range);
        if join == Join::Space {
            builder.space();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: f32, y: f32, size: f32, bold: bool) -> Line {
        Line {
            text: text.into(),
            left,
            right: left + text.len() as f32 * size * 0.5,
            y,
            size,
            bold,
            page: 1,
        }
    }

    /// A damaged file can give any font size (found by fuzzing: `size * 10` overflowed): the
    /// largest size still ranks first, and nothing panics.
    #[test]
    fn extreme_font_sizes_rank_without_overflow() {
        let lines = [
            line("Plan", 0.0, 700.0, f32::MAX, false),
            line("Body text of the plan.", 0.0, 680.0, 11.0, false),
            line("More body text here.", 0.0, 660.0, 11.0, false),
            line("Tiny", 0.0, 640.0, -f32::MAX, true),
        ];
        let levels = heading_levels(&lines, body_size(&lines));
        assert_eq!(levels.get(&style(&lines[0])), Some(&1));
        assert_eq!(levels.get(&style(&lines[3])), None);
    }

    #[test]
    fn page_numbers_are_recognised() {
        for text in ["7", "Page 7", "7 of 12", "7/12", "- 7 -", "page 12 of 40"] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["2024 plan", "Page seven", "1 2 3", "Our page"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn numbering_depth_counts_the_parts() {
        assert_eq!(numbering_depth("3.2 Our priorities"), 2);
        assert_eq!(numbering_depth("3. Our plan"), 1);
        assert_eq!(numbering_depth("1.2.3 Detail"), 3);
        assert_eq!(
            numbering_depth("2024 and beyond"),
            0,
            "a year is not numbering"
        );
        assert_eq!(numbering_depth("Our plan"), 0);
        assert_eq!(numbering_depth("3.2"), 0);
        assert_eq!(numbering_depth("56,000 people"), 0);
    }

    #[test]
    fn broken_words_join_and_compounds_keep_their_hyphen() {
        let words: HashSet<String> = ["responsible".into()].into();
        assert_eq!(join("is respon-", "sible for", &words), Join::Dehyphenate);
        assert_eq!(join("is respo\u{AD}", "nsible", &words), Join::Dehyphenate);
        assert_eq!(join("long-", "standing", &words), Join::Direct);
        assert_eq!(join("Plan 2024–", "2027", &words), Join::Direct);
        assert_eq!(join("care -", "and", &words), Join::Space);
        assert_eq!(join("we will", "fund", &words), Join::Space);
    }

    /// The headings of `lines` as read, each with its lines joined by a space.
    fn heading_texts(lines: &[Line]) -> Vec<String> {
        units(lines)
            .iter()
            .filter(|u| u.heading.is_some())
            .map(|u| {
                let texts: Vec<&str> = u.lines.iter().map(|l| l.text.as_str()).collect();
                texts.join(" ")
            })
            .collect()
    }

    /// A title that wraps before a year keeps the year, though the line has no letter.
    #[test]
    fn a_heading_wrapped_before_a_year_keeps_it() {
        let body = "Body text that runs on and on as body text does, line after line.";
        let lines = [
            line(
                "Strathmore Strategic Commissioning Plan 2026–",
                50.0,
                700.0,
                24.0,
                true,
            ),
            line("2029", 50.0, 672.0, 24.0, true),
            line(body, 50.0, 640.0, 10.0, false),
            line(body, 50.0, 628.0, 10.0, false),
        ];
        assert_eq!(
            heading_texts(&lines),
            ["Strathmore Strategic Commissioning Plan 2026– 2029"]
        );
    }

    /// A table's bold header cells are not headings: cells on one row, and a cell of two lines
    /// set between its neighbours' rows ("Target" above "2024/25").
    #[test]
    fn a_table_header_row_is_not_a_heading() {
        let body = "Body text that runs on and on as body text does, line after line.";
        let lines = [
            line("Performance", 50.0, 720.0, 18.0, true),
            line(body, 50.0, 700.0, 12.0, false),
            line(body, 50.0, 686.0, 12.0, false),
            line("Target", 440.0, 658.0, 12.0, true),
            line("Measure", 150.0, 650.0, 12.0, true),
            line("2024/25", 380.0, 650.0, 12.0, true),
            line(
                "Bed days lost to delayed discharge",
                50.0,
                630.0,
                12.0,
                false,
            ),
            line("28,900 15,000", 380.0, 630.0, 12.0, false),
            line("Equality and fairness", 50.0, 590.0, 18.0, true),
            line(body, 50.0, 570.0, 12.0, false),
            line(body, 50.0, 556.0, 12.0, false),
        ];
        assert_eq!(
            heading_texts(&lines),
            ["Performance", "Equality and fairness"]
        );
        // A page's columns of figures are not a column of text.
        let figures: Vec<Line> = (0..6)
            .flat_map(|i| {
                let y = 600.0 - i as f32 * 14.0;
                [
                    line(
                        "Percentage of adults supported at home",
                        40.0,
                        y,
                        12.0,
                        false,
                    ),
                    line("78% 85%", 440.0, y, 12.0, false),
                ]
            })
            .collect();
        assert_eq!(gutter(&figures, (30.0, 50.0, 570.0, 800.0)), None);
    }

    #[test]
    fn sizes_and_numbering_make_the_levels() {
        let lines = [
            line("Our plan", 50.0, 700.0, 20.0, true),
            line("3 Priorities", 50.0, 660.0, 14.0, true),
            line(
                "Body text that runs on and on as body text does.",
                50.0,
                640.0,
                10.0,
                false,
            ),
            line("3.2 Our priorities", 50.0, 600.0, 14.0, true),
            line(
                "More body text that runs on as body text does.",
                50.0,
                580.0,
                10.0,
                false,
            ),
            line("Lead officer", 50.0, 560.0, 10.0, true),
        ];
        let units = units(&lines);
        let levels: Vec<Option<u8>> = units.iter().map(|u| u.heading).collect();
        assert_eq!(levels, [Some(1), Some(2), None, Some(3), None, Some(3)]);
    }

    #[test]
    fn two_columns_are_read_left_then_right() {
        let bounds = (0.0, 0.0, 600.0, 800.0);
        let mut lines = vec![line(
            "A title across both columns of the page",
            40.0,
            760.0,
            20.0,
            true,
        )];
        for (i, y) in [700.0, 686.0, 672.0, 658.0].into_iter().enumerate() {
            lines.push(line(&format!("left {i}"), 40.0, y, 10.0, false));
            lines.push(line(&format!("right {i}"), 320.0, y, 10.0, false));
        }
        let order: Vec<String> = columns(lines, bounds).into_iter().map(|l| l.text).collect();
        assert_eq!(
            order,
            [
                "A title across both columns of the page",
                "left 0",
                "left 1",
                "left 2",
                "left 3",
                "right 0",
                "right 1",
                "right 2",
                "right 3"
            ]
        );
    }

    #[test]
    fn a_panic_while_reading_is_an_error() {
        assert_eq!(quietly(|| 7), Ok(7));
        let caught: Result<(), ()> = quietly(|| panic!("the PDF reader gave up"));
        assert_eq!(caught, Err(()));
        assert!(!QUIET.with(Cell::get), "panics elsewhere still print");
    }

    #[test]
    fn soft_hyphens_are_kept_only_at_the_line_end() {
        assert_eq!(tidy("respo\u{AD}\u{2010}"), "respo\u{AD}");
        assert_eq!(tidy("con\u{AD}tributes  to  plan"), "contributes to plan");
        assert_eq!(tidy("self-"), "self-");
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        for bytes in [
            &b"%PDF-1.7\n"[..],
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >>",
            b"not a pdf",
        ] {
            let err = parse("p.pdf".into(), bytes).unwrap_err();
            assert!(
                matches!(err, Error::Malformed { .. } | Error::Scanned { .. }),
                "{err:?}"
            );
        }
    }
}
