//! The HTML adapter: a published web page's main content drives the [`Builder`].
//!
//! Parsing is html5ever's (through `scraper`), which repairs markup the way browsers do, so a
//! plan exported by any CMS reads as a browser shows it. html5ever keeps no source positions,
//! so [`Locator`] finds each text node's place in the source by searching forward from the
//! previous one: text nodes come in source order, and a match inside a tag is skipped. Text
//! whose source differs from its parsed form (entities) is located a word at a time, an
//! entity's word to its word of the source, so a finding still names the right line.
//!
//! Only the main content is plan text: inside `<main>` (or `role="main"`) when the page has
//! one, and never scripts, styles, navigation, page headers and footers, forms without
//! headings or cookie banners (see [`is_chrome`]).

mod table;

use std::ops::Range;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use super::builder::Builder;
use super::{BlockKind, Document, Error, FrontMatter, directives};
use crate::source::LineIndex;
use table::Grid;

/// Deepest element nesting read. Real pages nest a few dozen deep; html5ever's tree building
/// slows quadratically with depth, so a page nested thousands deep is refused before parsing.
const MAX_DEPTH: usize = 2_000;

pub(super) fn parse(path: String, source: String) -> Result<Document, Error> {
    if nesting_depth(&source) > MAX_DEPTH {
        return Err(Error::Malformed {
            path,
            format: "HTML",
            reason: format!("its elements nest more than {MAX_DEPTH} deep"),
        });
    }
    let html = Html::parse_document(&source);
    let lines = LineIndex::new(&source);
    let front_matter = FrontMatter {
        title: title(&html),
        ..FrontMatter::default()
    };
    let mut builder = Builder::default();
    let mut walk = Walk::new(&mut builder, &source, &|at| at);
    let content = main_content(&html);
    walk.directives_before(html.tree.root(), content);
    walk.content(content);
    Ok(builder.finish(path, source, lines, front_matter))
}

/// Reads a fragment of HTML inside another document, such as an HTML block of a Markdown plan
/// (a table pandoc could not write as Markdown), into `builder`: its text as a page's would be,
/// at the offsets `to_source` gives for the fragment's own. Its comments are left to the
/// caller, which reads directives its own way. A fragment nested deeper than a page may be is
/// not read.
pub(super) fn read_fragment(
    builder: &mut Builder,
    fragment: &str,
    to_source: &dyn Fn(usize) -> usize,
) {
    if nesting_depth(fragment) > MAX_DEPTH {
        return;
    }
    let html = Html::parse_fragment(fragment);
    let mut walk = Walk::new(builder, fragment, to_source);
    walk.directives = false;
    walk.content(*html.root_element());
}

/// How deep the source's elements nest, counted from its tags without parsing: an opening tag
/// goes one deeper, a closing tag one back. Void elements, self-closing tags and elements whose
/// end tag may be left out (`<p>`, `<li>`, cells) do not count, so unclosed ones add nothing.
fn nesting_depth(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    // Tags inside a comment are not elements.
    let mut comment_end = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        if at < comment_end {
            continue;
        }
        let rest = &bytes[at + 1..];
        if rest.starts_with(b"!--") {
            comment_end =
                memchr::memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        if !counts_for_depth(&name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if !rest[..tag_end].ends_with(b"/") {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

fn counts_for_depth(name: &[u8]) -> bool {
    !matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// The page's `<title>`, as the plan's title.
fn title(html: &Html) -> Option<String> {
    let selector = Selector::parse("title").ok()?;
    let text: String = html.select(&selector).next()?.text().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The element holding the plan: `<main>` or `role="main"` when there is one, else the page.
fn main_content(html: &Html) -> NodeRef<'_, Node> {
    let main = Selector::parse(r#"main, [role="main"]"#)
        .ok()
        .and_then(|s| html.select(&s).next());
    match main {
        Some(element) => *element,
        None => *html.root_element(),
    }
}

/// Whether an element is page furniture or otherwise not plan text.
fn is_chrome(element: ElementRef<'_>) -> bool {
    let e = element.value();
    let dropped_tag = matches!(
        e.name(),
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "button"
            | "select"
            | "svg"
            | "iframe"
            | "object"
            | "dialog"
    );
    // A header or footer inside an article or section belongs to it (a title, a date); only
    // the page's own banner and footer are furniture.
    let page_furniture = (matches!(e.name(), "header" | "footer") || names_a_footer(e))
        && !element.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|a| matches!(a.name(), "main" | "article" | "section"))
        });
    let role = matches!(
        e.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search" | "dialog" | "alertdialog")
    );
    let hidden = e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(hides);
    let named = e.attr("id").into_iter().chain(e.classes()).any(|name| {
        CHROME_NAMES
            .iter()
            .any(|c| name.to_ascii_lowercase().contains(c))
    });
    // A search or sign-up form is furniture; a form holding headings is the page itself
    // (ASP.NET wraps every page in one).
    let form = e.name() == "form" && !holds_a_heading(element);
    dropped_tag
        || page_furniture
        || role
        || hidden
        || named
        || form
        || is_code_block(element)
        || is_note_marker(element)
}

/// Whether an element is a footnote's marker in the text (pandoc's `<a class="footnote-ref"
/// role="doc-noteref">`, a bare `<sup>1</sup>`): read, it splits the phrase it follows
/// ("unpaid¹ carers"), as a Markdown plan's `[^1]` does not.
fn is_note_marker(element: ElementRef<'_>) -> bool {
    let e = element.value();
    e.attr("role") == Some("doc-noteref")
        || e.classes().any(|class| class == "footnote-ref")
        || (e.name() == "sup" && is_note_number(&element.text().collect::<String>()))
}

/// Whether a superscript's text is a note's number or mark ("1", "12", "*", "†"), not words.
pub(super) fn is_note_number(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 3
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'))
}

/// Whether an element is a block of code (`<pre><code>`, pandoc's rendering of a fenced code
/// block): not plan text, as a Markdown plan's fenced block is not. A bare `<pre>` is text set
/// out as typed, and is read.
fn is_code_block(element: ElementRef<'_>) -> bool {
    element.value().name() == "pre"
        && element
            .children()
            .filter_map(ElementRef::wrap)
            .any(|child| child.value().name() == "code")
}

/// Whether an inline style hides its element: `display: none` or `visibility: hidden`, as a
/// browser would not show it.
fn hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let (property, value) = (property.trim(), value.trim());
        let value = value.trim_end_matches("!important").trim_end();
        (property.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (property.eq_ignore_ascii_case("visibility")
                && (value.eq_ignore_ascii_case("hidden") || value.eq_ignore_ascii_case("collapse")))
    })
}

fn holds_a_heading(element: ElementRef<'_>) -> bool {
    element.descendants().any(|node| {
        node.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    })
}

/// Whether an element's id or a class names it a footer (`footer`, `page-footer`,
/// `footer_links`), as pages built before `<footer>` mark theirs.
fn names_a_footer(e: &Element) -> bool {
    e.attr("id").into_iter().chain(e.classes()).any(|name| {
        let name = name.to_ascii_lowercase();
        name.split(['-', '_']).any(|part| part == "footer")
    })
}

/// Parts of ids and class names that mark page furniture. Not "consent" alone: a heading's
/// generated id ("carers-rights-and-consent", as pandoc writes it) would drop the plan's own
/// section; consent banners are named for cookies or their vendor.
const CHROME_NAMES: &[&str] = &[
    "cookie",
    "consent-banner",
    "consent-manager",
    "onetrust",
    "gdpr",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "navbar",
    "site-header",
    "site-footer",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
}

struct Walk<'s, 'b> {
    builder: &'b mut Builder,
    locator: Locator<'s>,
    /// Where an offset of the HTML the locator searches is in the document's source: the same
    /// for a page, further on for a fragment inside a Markdown plan.
    to_source: &'b dyn Fn(usize) -> usize,
    /// Whether its `planaudit:` comments are read as directives (a fragment's caller reads them).
    directives: bool,
    containers: Vec<Container>,
    /// Tables so far, and each open table's grid, innermost last.
    tables: usize,
    grids: Vec<Grid>,
    /// A `<br>` came last: text after it that opens as a new line does ([`Walk::text`]).
    line_break: bool,
    /// The last word of text read, which says whether a line broken after it goes on.
    last_word: String,
    /// Inside a heading, whose lines are all its own.
    in_heading: bool,
}

impl<'s, 'b> Walk<'s, 'b> {
    /// Adds `text`, found as it is at `range` of the HTML read, a line at a time where those
    /// lines are not side by side in the plan: a Markdown plan's HTML block comes a line at a
    /// time, and with CR LF line ends each line's CR lies between them. Placed whole, every
    /// word of such text pointed at its start.
    fn exact_text(&mut self, text: &str, range: Range<usize>) {
        let placed = self.placed(range.clone());
        if placed.len() == text.len() {
            self.builder.text(text, placed);
            return;
        }
        let mut start = range.start;
        for piece in text.split_inclusive('\n') {
            // The line, then its line break, each where it stands.
            let line = piece.strip_suffix('\n').unwrap_or(piece);
            for part in [line, &piece[line.len()..]]
                .into_iter()
                .filter(|p| !p.is_empty())
            {
                // Its end is where its last byte ends: the offset after it is the next line's.
                let end = start + part.len();
                let placed = self.placed(start..end - 1);
                self.builder.text(part, placed.start..placed.end + 1);
                start = end;
            }
        }
    }

    fn new(builder: &'b mut Builder, html: &'s str, to_source: &'b dyn Fn(usize) -> usize) -> Self {
        Walk {
            builder,
            locator: Locator::new(html),
            to_source,
            directives: true,
            containers: Vec::new(),
            tables: 0,
            grids: Vec::new(),
            line_break: false,
            last_word: String::new(),
            in_heading: false,
        }
    }

    /// `range` of the HTML searched, as a range of the document's source.
    fn placed(&self, range: Range<usize>) -> Range<usize> {
        (self.to_source)(range.start)..(self.to_source)(range.end)
    }

    /// Walks the content in document order without recursion, so deeply nested markup costs
    /// no stack.
    fn content(&mut self, root: NodeRef<'_, Node>) {
        // Text is found in the source searching forward: start where the content starts, and
        // step over what is skipped, or a menu's heading or a script's sentence before the
        // plan's own would be cited for it.
        if let Some(element) = root.value().as_element() {
            self.locator.start_at(element);
        }
        let mut skipping = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => {
                    if let Some(element) = ElementRef::wrap(node).filter(|e| is_chrome(*e)) {
                        self.locator.skip_element(element.value());
                        skipping = Some(node.id());
                    } else {
                        self.open(node);
                    }
                }
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() => self.close(node),
                _ => {}
            }
        }
        self.builder.end_block();
    }

    /// `planaudit:` comments the walk of the content never reaches, ahead of its first heading
    /// (before `<!doctype>`, in `<head>`, in a menu before `<main>`): a comment there applies to
    /// the whole plan, as one above a Markdown plan's first heading does. Read, they waive what
    /// they say or, misspelt, get their `bad-directive` warning; ignored, a typo passed.
    fn directives_before(&mut self, page: NodeRef<'_, Node>, content: NodeRef<'_, Node>) {
        let is_heading = |node: NodeRef<'_, Node>| {
            node.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        };
        for edge in page.traverse() {
            let Edge::Open(node) = edge else { continue };
            let walked = node.ancestors().any(|a| a.id() == content.id())
                && !node
                    .ancestors()
                    .take_while(|a| a.id() != content.id())
                    .any(|a| ElementRef::wrap(a).is_some_and(is_chrome));
            if walked && is_heading(node) {
                return;
            }
            let Node::Comment(comment) = node.value() else {
                continue;
            };
            let Some(kind) = directives::parse(&format!("<!--{}-->", &**comment)) else {
                continue;
            };
            if !walked {
                let span = self.locator.comment(comment);
                self.builder.directive(kind, self.placed(span));
            }
        }
    }

    fn open(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Comment(comment) => {
                let html = format!("<!--{}-->", &**comment);
                let directive = directives::parse(&html);
                // Stepped over either way: a commented-out heading or sentence is not the one
                // that follows it.
                if directive.is_some() || !comment.trim().is_empty() {
                    let span = self.locator.comment(comment);
                    if let Some(kind) = directive.filter(|_| self.directives) {
                        self.builder.directive(kind, self.placed(span));
                    }
                }
                self.builder.space();
            }
            Node::Element(element) => self.open_element(element),
            _ => {}
        }
    }

    fn open_element(&mut self, element: &Element) {
        let name = element.name();
        // A line break counts only within its block.
        if !is_inline(name) && !matches!(name, "br" | "wbr" | "img") {
            self.line_break = false;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.in_heading = true;
                let level = name.as_bytes()[1] - b'0';
                let start = self.locator.tag(name);
                self.builder.heading(level, self.placed(start..start));
            }
            "p" | "dt" | "dd" | "figcaption" | "caption" | "pre" => {
                let kind = self.paragraph_kind();
                self.builder.block(kind);
            }
            "table" => {
                self.builder.table();
                self.grids.push(Grid::new(self.tables));
                self.tables += 1;
            }
            "thead" => self.grids.last_mut().into_iter().for_each(|g| g.head(true)),
            "tr" => self.grids.last_mut().into_iter().for_each(Grid::row),
            "td" | "th" => match self.grids.last_mut() {
                Some(grid) => {
                    let cell = grid.cell(
                        name == "th",
                        element.attr("colspan"),
                        element.attr("rowspan"),
                    );
                    self.builder.cell_at(cell);
                }
                None => self.builder.block(BlockKind::TableCell),
            },
            "li" => {
                self.builder.end_block();
                self.containers.push(Container::Item);
            }
            "blockquote" => {
                self.builder.end_block();
                self.containers.push(Container::Quote);
            }
            "ul" | "ol" | "dl" => self.builder.list(),
            "br" => {
                self.builder.space();
                self.line_break = true;
            }
            "wbr" | "img" => self.builder.space(),
            "a" => {
                let in_plan = element
                    .attr("href")
                    .is_some_and(|href| href.starts_with('#'));
                self.builder.link(in_plan);
            }
            _ if is_inline(name) => {}
            _ => self.builder.end_block(),
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        let Some(element) = node.value().as_element() else {
            return;
        };
        if !is_inline(element.name()) && !matches!(element.name(), "br" | "wbr" | "img") {
            self.line_break = false;
        }
        match element.name() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.in_heading = false;
                self.builder.end_heading();
            }
            "li" | "blockquote" => {
                self.builder.end_block();
                self.containers.pop();
            }
            "ul" | "ol" | "dl" => self.builder.end_list(),
            "td" | "th" => self.builder.end_block(),
            "thead" => self
                .grids
                .last_mut()
                .into_iter()
                .for_each(|g| g.head(false)),
            "table" => {
                self.builder.end_table();
                self.grids.pop();
            }
            "a" => self.builder.end_link(),
            // A line break is a space in its paragraph (see `open_element`), not its end.
            "br" | "wbr" | "img" => {}
            name if is_inline(name) => {}
            _ => self.builder.end_block(),
        }
    }

    fn text(&mut self, text: &str) {
        // A soft hyphen (`&shy;`) marks where a browser may break a word, not a letter of it.
        let joined;
        let text = match text.contains('\u{ad}') {
            true => {
                joined = text.replace('\u{ad}', "");
                joined.as_str()
            }
            false => text,
        };
        if text.trim().is_empty() {
            self.builder.space();
            return;
        }
        // After a `<br>`, a line that opens with a capital, a digit or a bullet is a new line
        // of its own ("Caring for carers: outcomes 6 and 7<br>Home First: outcomes 2 and 4"),
        // as a paragraph of its own would be, unless the line before ends on a word that
        // leads on ("in partnership with<br>Carers Scotland"); one that opens in lower case
        // goes on with its sentence ("every unpaid<br>carer"). A heading and a table's cell
        // stay whole.
        if std::mem::take(&mut self.line_break)
            && self.grids.is_empty()
            && !self.in_heading
            && starts_anew(&self.last_word, text)
        {
            self.builder.end_block();
        }
        if let Some(word) = text.split_whitespace().next_back() {
            self.last_word.clear();
            self.last_word.push_str(word);
        }
        if !self.builder.in_block() {
            let kind = self.paragraph_kind();
            self.builder.block(kind);
        }
        if let Some(range) = self.locator.exact(text) {
            self.exact_text(text, range);
            return;
        }
        // Entities make the parsed text differ from the source: locate it a word at a time.
        if text.starts_with(char::is_whitespace) {
            self.builder.space();
        }
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                self.builder.space();
            }
            let range = self.locator.word(word);
            match entity_pieces(word, &self.locator.source[range.clone()]) {
                Some(pieces) => {
                    for (piece, at) in pieces {
                        let at = range.start + at.start..range.start + at.end;
                        self.builder.text(piece, self.placed(at));
                    }
                }
                None => self.builder.text(word, self.placed(range)),
            }
        }
        if text.ends_with(char::is_whitespace) {
            self.builder.space();
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        match self.containers.last() {
            Some(Container::Item) => BlockKind::ListItem,
            Some(Container::Quote) => BlockKind::Quote,
            None => BlockKind::Paragraph,
        }
    }
}

/// `word` as read, in pieces placed in `source`, the word as the HTML writes it: runs of plain
/// text one for one, and what a character reference decoded to (`&#8220;`, `&amp;`) on the
/// reference. Placed whole, a hit on "support plan" in `&#8220;support plan&#8221;` pointed
/// at the reference before it. `None` when the word has no reference or the two do not line up.
fn entity_pieces<'w>(word: &'w str, source: &str) -> Option<Vec<(&'w str, Range<usize>)>> {
    let mut tokens: Vec<(bool, Range<usize>)> = Vec::new();
    let mut at = 0;
    while at < source.len() {
        let reference = source[at..].starts_with('&').then(|| {
            let name = &source[at + 1..];
            let end = name.find(';').filter(|&end| {
                end > 0
                    && end <= 32
                    && name[..end]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'#')
            });
            end.map(|end| at + end + 2)
        });
        match reference.flatten() {
            Some(end) => {
                tokens.push((true, at..end));
                at = end;
            }
            None => {
                let end = at + source[at..].chars().next().map_or(1, char::len_utf8);
                match tokens.last_mut() {
                    Some((false, run)) => run.end = end,
                    _ => tokens.push((false, at..end)),
                }
                at = end;
            }
        }
    }
    if !tokens.iter().any(|(reference, _)| *reference) {
        return None;
    }
    let mut pieces = Vec::new();
    let mut read = 0;
    for (i, (reference, range)) in tokens.iter().enumerate() {
        let rest = &word[read..];
        let len = match reference {
            false => rest
                .starts_with(&source[range.clone()])
                .then_some(range.len())?,
            // A reference is what lies before the next plain run.
            true => match tokens.get(i + 1) {
                Some((_, next)) => rest.find(&source[next.clone()])?,
                None => rest.len(),
            },
        };
        if len > 0 {
            pieces.push((&word[read..read + len], range.clone()));
        }
        read += len;
    }
    (read == word.len()).then_some(pieces)
}

/// Whether `line`, after a line break (`<br>`, Word's Shift+Enter) following a line that ends
/// on `last_word`, is a line of its own: it opens with a capital, a digit or a bullet, and the
/// line before does not lead on into it ([`leads_on`]).
pub(super) fn starts_anew(last_word: &str, line: &str) -> bool {
    !leads_on(last_word)
        && line.trim_start().starts_with(|c: char| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '•' | '·' | '–' | '-' | '*')
        })
}

/// Whether a line that ends on `word` goes on in the next: a word that joins or leads into
/// what follows ("with", "and", "the").
fn leads_on(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "a",
        "across",
        "alongside",
        "an",
        "and",
        "as",
        "at",
        "between",
        "by",
        "for",
        "from",
        "in",
        "including",
        "into",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "through",
        "to",
        "with",
        "within",
    ];
    WORDS.contains(&word)
}

/// Elements that sit inside a line of text rather than starting a block.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "font"
            | "label"
    )
}

/// The length of the entity for a space that `text` starts with (`&nbsp;`, `&#160;`), if it
/// starts with one: html5ever reads it as a space, which splits words where the source has none.
fn blank_entity(text: &str) -> Option<usize> {
    const BLANK: &[&str] = &[
        "&nbsp;", "&#160;", "&#xa0;", "&ensp;", "&emsp;", "&thinsp;", "&#32;", "&#x20;",
    ];
    let bytes = text.as_bytes();
    BLANK
        .iter()
        .find(|entity| {
            bytes
                .get(..entity.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(entity.as_bytes()))
        })
        .map(|entity| entity.len())
}

/// Finds parsed text back in the source, moving forward only.
struct Locator<'s> {
    source: &'s str,
    /// The source, ASCII-lowercased, for finding tags whatever their case.
    lower: Vec<u8>,
    cursor: usize,
}

impl<'s> Locator<'s> {
    fn new(source: &'s str) -> Self {
        Self {
            source,
            lower: source.as_bytes().to_ascii_lowercase(),
            cursor: 0,
        }
    }

    /// Where the next `<name` tag starts, outside comments; the cursor when it cannot be
    /// found (a tag the parser implied).
    fn tag(&mut self, name: &str) -> usize {
        match self.find_tag(name, self.cursor) {
            Some(at) => {
                self.cursor = at;
                at
            }
            None => self.cursor,
        }
    }

    /// The next `<name` tag at or after `from`, outside comments.
    fn find_tag(&self, name: &str, mut from: usize) -> Option<usize> {
        let needle = format!("<{name}");
        while let Some(found) = memchr::memmem::find(&self.lower[from..], needle.as_bytes()) {
            let at = from + found;
            if let Some(end) = self.comment_around(from, at) {
                from = end;
                continue;
            }
            let next = self.lower.get(at + needle.len()).copied();
            if next.is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/') {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// Where the comment holding `at` ends, if one opened after `from` (outside any comment)
    /// is still open there.
    fn comment_around(&self, from: usize, at: usize) -> Option<usize> {
        let open = from + memchr::memmem::rfind(&self.lower[from..at], b"<!--")?;
        if memchr::memmem::find(&self.lower[open..at], b"-->").is_some() {
            return None;
        }
        let close = memchr::memmem::find(&self.lower[at..], b"-->");
        Some(close.map_or(self.lower.len(), |c| at + c + 3))
    }

    /// Moves to the element holding the content: `<main>`, or the tag carrying
    /// `role="main"`.
    fn start_at(&mut self, element: &Element) {
        if element.name() == "main" {
            self.tag("main");
            return;
        }
        if element.attr("role") != Some("main") {
            return;
        }
        let role = ["role=\"main\"", "role='main'", "role=main"]
            .iter()
            .find_map(|attr| memchr::memmem::find(&self.lower[self.cursor..], attr.as_bytes()));
        if let Some(found) = role {
            let at = self.cursor + found;
            self.cursor = memchr::memrchr(b'<', &self.lower[..at]).unwrap_or(at);
        }
    }

    /// Moves past a skipped `element`, to the end of its matching close tag (counting any of
    /// the same name inside it). It is found by its `id` or `class` attribute, or by its tag
    /// when that names furniture (`<nav`, `<script`); a plain `<div hidden>` could be any
    /// `<div` ahead, so the cursor stays where it is, as it did before.
    fn skip_element(&mut self, element: &Element) {
        let name = element.name();
        let by_attribute = element.id().or(element.attr("class")).and_then(|value| {
            let quoted = format!("\"{value}\"");
            let at =
                memchr::memmem::find(&self.source.as_bytes()[self.cursor..], quoted.as_bytes())?;
            let tag = memchr::memrchr(b'<', &self.lower[..self.cursor + at])?;
            self.lower[tag + 1..]
                .starts_with(name.as_bytes())
                .then_some(tag)
        });
        let distinctive = !matches!(
            name,
            "div" | "span" | "section" | "article" | "aside" | "p" | "ul" | "ol" | "li" | "a"
        );
        let start = match by_attribute.or_else(|| self.hidden_tag(element)) {
            Some(tag) => tag,
            None if distinctive => match self.find_tag(name, self.cursor) {
                Some(tag) => tag,
                None => return,
            },
            None => return,
        };
        let close = format!("</{name}");
        let (mut depth, mut from) = (0usize, start);
        loop {
            let open = self.find_tag(name, from);
            let shut =
                memchr::memmem::find(&self.lower[from..], close.as_bytes()).map(|c| from + c);
            match (open, shut) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    from = o + 1;
                }
                (_, Some(c)) => {
                    depth = depth.saturating_sub(1);
                    from = c + close.len();
                    if depth == 0 {
                        let end = memchr::memchr(b'>', &self.lower[from..]);
                        self.cursor = end.map_or(self.lower.len(), |e| from + e + 1);
                        return;
                    }
                }
                _ => {
                    self.cursor = start;
                    return;
                }
            }
        }
    }

    /// Where a hidden element's tag starts (`<div hidden>`, `aria-hidden`, a `style` that hides
    /// it): the next of the few `<name` tags ahead whose attributes say so, as the copy a page
    /// hides often repeats the text shown after it. Only a few are looked at, so a page of many
    /// hidden elements is not read again for each.
    fn hidden_tag(&self, element: &Element) -> Option<usize> {
        const LOOKED_AT: usize = 16;
        let marks: &[&[u8]] = match (element.attr("hidden"), element.attr("aria-hidden")) {
            (Some(_), _) => &[b"hidden"],
            (None, Some(_)) => &[b"aria-hidden"],
            (None, None) if element.attr("style").is_some_and(hides) => {
                &[b"display", b"visibility"]
            }
            (None, None) => return None,
        };
        let mut from = self.cursor;
        for _ in 0..LOOKED_AT {
            let tag = self.find_tag(element.name(), from)?;
            let end =
                memchr::memchr(b'>', &self.lower[tag..]).map_or(self.lower.len(), |e| tag + e);
            let attributes = &self.lower[tag..end];
            if marks
                .iter()
                .any(|m| memchr::memmem::find(attributes, m).is_some())
            {
                return Some(tag);
            }
            from = tag + 1;
        }
        None
    }

    /// The source span of a text node the source holds exactly as parsed. It is nearly always
    /// where the source's text resumes; where the source word there holds an entity, the text
    /// is not exact, and is located a word at a time ([`Locator::word`]) without a search: a
    /// search over the rest of the file for each such node made a page with an entity in every
    /// paragraph take time growing with the square of its length.
    fn exact(&mut self, text: &str) -> Option<Range<usize>> {
        let lead = text.len() - text.trim_start().len();
        let first = text.split_whitespace().next()?;
        let next = self.text_from(self.cursor);
        let at = if self.source[next..].starts_with(first) {
            next
        } else if self.source[next..self.word_end(next)].contains('&') {
            return None;
        } else {
            self.find_outside_tags(first)?
        };
        let start = at.checked_sub(lead)?;
        if !self.source.get(start..)?.starts_with(text) {
            return None;
        }
        self.cursor = start + text.len();
        Some(start..self.cursor)
    }

    /// The source span of one word of a text node that holds entities. The next word of the
    /// source text is the word when it reads the same or holds an entity (`carers&rsquo;`,
    /// `&#x61;`, `Inequal&shy;ities`; entities for spaces, `&nbsp;`, part words as spaces do);
    /// otherwise the word is looked for further on. Searching first found a short word ("a"
    /// for `&#x61;`) inside a later one, and every word after it further down the file.
    fn word(&mut self, word: &str) -> Range<usize> {
        let start = self.past_blank_entities(self.text_from(self.cursor));
        let next = start..self.word_end(start);
        let source = &self.source[next.clone()];
        let range = if source.starts_with(word) {
            start..start + word.len()
        } else if source.contains('&') {
            next
        } else {
            match self.find_outside_tags(word) {
                Some(at) => at..at + word.len(),
                None => next,
            }
        };
        self.cursor = range.end;
        range
    }

    /// `from`, moved past entities for spaces and the white space around them.
    fn past_blank_entities(&self, mut from: usize) -> usize {
        while let Some(len) = blank_entity(&self.source[from..]) {
            from = self.text_from(from + len);
        }
        from
    }

    /// Where the source word at `start` ends: at white space, a tag or an entity for a space.
    fn word_end(&self, start: usize) -> usize {
        let rest = &self.source[start..];
        rest.char_indices()
            .find(|&(i, c)| {
                c.is_ascii_whitespace()
                    || c == '<'
                    || (c == '&' && blank_entity(&rest[i..]).is_some())
            })
            .map_or(self.source.len(), |(i, _)| start + i)
    }

    /// The first byte at or after `from` that is text: not white space, not inside a tag.
    fn text_from(&self, mut from: usize) -> usize {
        let bytes = self.source.as_bytes();
        loop {
            while bytes.get(from).is_some_and(u8::is_ascii_whitespace) {
                from += 1;
            }
            if bytes.get(from) != Some(&b'<') {
                return from;
            }
            match memchr::memchr(b'>', &bytes[from..]) {
                Some(end) => from += end + 1,
                None => return bytes.len(),
            }
        }
    }

    /// The span of a comment whose text is `body`.
    fn comment(&mut self, body: &str) -> Range<usize> {
        let Some(at) =
            memchr::memmem::find(&self.source.as_bytes()[self.cursor..], body.as_bytes())
        else {
            return self.cursor..self.cursor;
        };
        let start = (self.cursor + at).saturating_sub(4);
        let end = (self.cursor + at + body.len() + 3).min(self.source.len());
        self.cursor = end;
        start..end
    }

    /// The next occurrence of `word` at or after the cursor that is not inside a tag.
    fn find_outside_tags(&self, word: &str) -> Option<usize> {
        if word.is_empty() {
            return None;
        }
        let bytes = self.source.as_bytes();
        let mut from = self.cursor;
        while let Some(found) = memchr::memmem::find(&bytes[from..], word.as_bytes()) {
            let at = from + found;
            let in_tag =
                memchr::memrchr2(b'<', b'>', &bytes[..at]).is_some_and(|i| bytes[i] == b'<');
            if !in_tag {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;
    use crate::document::tests::{at, cells, headings};

    fn parse(html: &str) -> Document {
        super::parse("plan.html".into(), html.to_owned()).unwrap()
    }

    #[test]
    fn headings_make_the_section_tree() {
        let doc = parse(
            "<!doctype html><title>Plan</title><h1>Our plan</h1><p>Intro.</p>\
             <h2>Carers</h2><p>We support unpaid carers.</p><h3>Young carers</h3><p>Schools.</p>",
        );
        assert_eq!(
            headings(&doc),
            [(1, "Our plan"), (2, "Carers"), (3, "Young carers")]
        );
        assert_eq!(doc.sections[2].parent(), Some(1));
        assert_eq!(doc.front_matter.title.as_deref(), Some("Plan"));
    }

    /// A page's own table of contents, a list of links to its headings, is navigation as a
    /// Markdown one is; a link elsewhere, or words beside the link, are not.
    #[test]
    fn a_list_of_links_to_the_page_is_navigation() {
        let d = parse(
            "<main><h2>In this plan</h2><ul>\n<li><a href=\"#carers\">Unpaid carers</a></li>\n\
             <li> <a href=\"#money\"><b>Money</b></a> </li></ul>\
             <h2>Links</h2><ul><li><a href=\"https://example.org\">Carers</a></li>\
             <li><a href=\"#money\">Money</a> and budgets</li></ul></main>",
        );
        let navigation: Vec<bool> = d.blocks.iter().map(Block::is_navigation).collect();
        assert_eq!(navigation, [false, true, true, false, false, false]);
        assert!(d.is_contents(0));
        assert!(!d.is_contents(1));
    }

    #[test]
    fn page_furniture_is_not_plan_text() {
        let doc = parse(
            "<html><head><style>p{}</style><script>var carers=1;</script></head><body>\
             <header><a>Home</a></header><nav><li>Menu carers</li></nav>\
             <div class=\"cookie-banner\">We use cookies</div>\
             <h1>Plan</h1><p>Unpaid carers matter.</p>\
             <footer>Copyright</footer></body></html>",
        );
        assert_eq!(doc.text.as_str(), "Plan\nUnpaid carers matter.\n");
    }

    /// A footer marked by its id or class, as pages older than `<footer>` mark theirs, is page
    /// furniture too; one inside an article is the article's.
    #[test]
    fn a_footer_named_by_id_or_class_is_not_plan_text() {
        for footer in [
            "id=\"footer\"",
            "class=\"page-footer\"",
            "class=\"wrap footer_links\"",
        ] {
            let doc = parse(&format!(
                "<body><h1>Plan</h1><p>Unpaid carers matter.</p><div {footer}><h2>Contact us</h2>\
                 <p>We respect your dignity.</p></div></body>"
            ));
            assert_eq!(
                doc.text.as_str(),
                "Plan\nUnpaid carers matter.\n",
                "{footer}"
            );
        }
        let article = parse(
            "<article><h1>Plan</h1><p>Text.</p><div class=\"footer\">Published 2026.</div></article>",
        );
        assert_eq!(article.text.as_str(), "Plan\nText.\nPublished 2026.\n");
    }

    /// An inline style that hides an element hides it from the plan as from a browser.
    #[test]
    fn elements_a_style_hides_are_not_plan_text() {
        let doc = parse(
            "<h1>Plan</h1><p>Shown.</p><div style=\"color: red; DISPLAY:none !important\">\
             <p>We will recruit staff.</p></div><p style=\"visibility: hidden\">Old draft.</p>\
             <p style=\"display: block\">Also shown.</p>",
        );
        assert_eq!(doc.text.as_str(), "Plan\nShown.\nAlso shown.\n");
    }

    /// A line break inside a sentence is a space, so the sentence across it stays whole; a
    /// line after it that opens with a capital is a line of its own, as a mapping written one
    /// priority a line is; a table's cell stays one cell.
    #[test]
    fn a_line_break_ends_a_line_not_a_sentence() {
        let doc = parse("<h1>Plan</h1><p>We will offer every unpaid<br>carer a plan.</p>");
        assert_eq!(
            doc.text.as_str(),
            "Plan\nWe will offer every unpaid carer a plan.\n"
        );
        assert_eq!(doc.blocks.len(), 2);
        let doc = parse(
            "<h1>Plan</h1><p>Carers: outcomes 6 and 7<br>Home First: outcome 2<br>\
             <strong>2026</strong> onwards</p><table><tr><td>A<br>B</td></tr></table>",
        );
        assert_eq!(
            doc.text.as_str(),
            "Plan\nCarers: outcomes 6 and 7\nHome First: outcome 2\n2026 onwards\nA B\n"
        );
        // A line ending on a word that leads on goes on; a bullet starts a line; a heading's
        // lines are all its own.
        let doc = parse(
            "<h2>Priority 2<br>Caring for carers</h2><p>We will work with<br>Carers Scotland \
             and<br>NHS Fife.<br>• Short breaks<br>• Advice</p>",
        );
        assert_eq!(
            doc.text.as_str(),
            "Priority 2 Caring for carers\nWe will work with Carers Scotland and NHS Fife.\n\
             • Short breaks\n• Advice\n"
        );
    }

    #[test]
    fn main_content_wins_when_marked() {
        let doc =
            parse("<body><div>Sidebar text</div><main><h1>Plan</h1><p>Body.</p></main></body>");
        assert_eq!(doc.text.as_str(), "Plan\nBody.\n");
    }

    #[test]
    fn lists_and_tables_are_blocks() {
        let doc = parse(
            "<h1>P</h1><ul><li>One</li><li><p>Two</p></li></ul>\
             <table><tr><th>Outcome</th><td>Carers</td></tr></table>",
        );
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, ListItem, ListItem, TableCell, TableCell]);
        assert_eq!(doc.blocks[1].list(), doc.blocks[2].list());
    }

    /// A table's cells know their table, row and column, as a Markdown table's do, so a
    /// mapping table on a web page is read as a claim; a table inside a cell has its own.
    #[test]
    fn table_cells_know_their_row_and_column() {
        let doc = parse(
            "<h1>P</h1><table><thead><tr><th>Priority</th><th>Outcomes</th></tr></thead>\
             <tbody><tr><td>Carers</td><td>6, 7</td></tr>\
             <tr><td><table><tr><td>Inner</td></tr></table></td><td>Outer</td></tr></tbody></table>\
             <p>After</p>",
        );
        assert_eq!(
            cells(&doc),
            [
                ("Priority", at(0, 0, 0)),
                ("Outcomes", at(0, 0, 1)),
                ("Carers", at(0, 1, 0)),
                ("6, 7", at(0, 1, 1)),
                ("Inner", at(1, 0, 0)),
                ("Outer", at(0, 2, 1)),
                ("After", None),
            ]
        );
    }

    /// A header of two rows (a `rowspan` over a `colspan`) is read as one, and a body cell
    /// spanning two rows moves the next row's cells along, as a browser lays them out.
    #[test]
    fn spanned_cells_take_their_places() {
        let doc = parse(
            "<h1>P</h1><table><tr><th rowspan=\"2\">Priority</th><th colspan=\"2\">Outcomes</th>\
             </tr><tr><th>Outcome 2</th><th>Outcome 6</th></tr>\
             <tr><td rowspan=\"2\">Carers</td><td>✓</td><td></td></tr><tr><td>x</td></tr>\
             </table>",
        );
        assert_eq!(
            cells(&doc),
            [
                ("Priority", at(0, 0, 0)),
                ("Outcomes", at(0, 0, 1)),
                ("Outcome 2", at(0, 0, 1)),
                ("Outcome 6", at(0, 0, 2)),
                ("Carers", at(0, 1, 0)),
                ("✓", at(0, 1, 1)),
                ("x", at(0, 2, 1)),
            ]
        );
    }

    #[test]
    fn text_points_at_its_source_line() {
        let source = "<html>\n<body>\n<h1>Plan</h1>\n<p title=\"carers\">\nWe back\nunpaid carers &amp; families.</p>\n</body></html>\n";
        let doc = parse(source);
        let at = doc.text.as_str().find("carers").unwrap();
        let span = doc.text.source_span(at..at + 6);
        assert_eq!(doc.lines.line(span.start), 6);
        assert_eq!(doc.section_line(0), 3);
    }

    /// A footnote's marker does not split the phrase it follows; a superscript that is not
    /// one is read.
    #[test]
    fn footnote_markers_are_not_plan_text() {
        let doc = parse(
            "<h1>Plan</h1><p>We back unpaid<a href=\"#fn1\" class=\"footnote-ref\" role=\"doc-noteref\"><sup>1</sup></a> carers and unpaid<sup>2</sup> carers, on the 1<sup>st</sup> floor.</p>",
        );
        assert_eq!(
            doc.text.as_str(),
            "Plan\nWe back unpaid carers and unpaid carers, on the 1st floor.\n"
        );
    }

    /// A block of code is not plan text, as in Markdown; preformatted text is.
    #[test]
    fn code_blocks_are_skipped_and_preformatted_text_read() {
        let doc = parse(
            "<h1>Plan</h1><pre><code class=\"language-text\">We will reduce health inequalities.</code></pre>\n<pre>We will support unpaid carers.</pre><p>We <code>always</code> listen.</p>",
        );
        assert_eq!(
            doc.text.as_str(),
            "Plan\nWe will support unpaid carers.\nWe always listen.\n"
        );
    }

    /// A word that holds a character reference is placed piece by piece: the words beside a
    /// curly quote written `&#8220;` point at themselves, not at the reference.
    #[test]
    fn words_beside_character_references_point_at_themselves() {
        let source = "<h1>Plan</h1>\n<p>The &#8220;support plan&#8221; is here, carers&rsquo; &lt;own&gt; plan.</p>\n";
        let doc = parse(source);
        for (read, written) in [
            ("support", "support"),
            ("plan", "plan&#8221;"),
            ("carers", "carers&rsquo;"),
            ("own", "own"),
        ] {
            let at = doc.text.as_str().find(read).unwrap();
            let span = doc.text.source_span(at..at + read.len());
            assert_eq!(&source[span.clone()], read, "{read}");
            assert_eq!(span.start, source.find(written).unwrap(), "{read}");
        }
        let quote = doc.text.as_str().find('“').unwrap();
        assert_eq!(
            &source[doc.text.source_span(quote..quote + '“'.len_utf8())],
            "&#8220;"
        );
        assert_eq!(
            entity_pieces("a&b", "a&amp;b"),
            Some(vec![("a", 0..1), ("&", 1..6), ("b", 6..7)])
        );
        assert_eq!(entity_pieces("plain", "plain"), None);
    }

    /// What the walk skips (a menu before `<main>`, a script in the head, a commented-out
    /// section) is stepped over in the source too: the plan's own heading and sentence are
    /// cited, not the earlier copy.
    #[test]
    fn skipped_copies_are_not_cited_for_the_plan_text() {
        let sentence = "We will support unpaid carers with short breaks.";
        let pages = [
            "<nav class=\"menu\">\n<h2>Main menu</h2>\n</nav>\n<main>\n<h2>Unpaid carers</h2>\n<p>We will support unpaid carers with short breaks.</p>\n</main>\n",
            "<head><script>var s = \"We will support unpaid carers with short breaks.\";</script></head>\n<body>\n<h1>Plan</h1>\n<h2>Unpaid carers</h2>\n<p>We will support unpaid carers with short breaks.</p>\n</body>\n",
            "<h1>Plan</h1>\n<!--\n<h2>Old</h2>\n<p>We will support unpaid carers with short breaks.</p>\n-->\n<h2>Unpaid carers</h2>\n<p>We will support unpaid carers with short breaks.</p>\n",
        ];
        for page in pages {
            let doc = parse(page);
            let heading = (0..doc.sections.len())
                .find(|&s| doc.heading(s) == "Unpaid carers")
                .unwrap();
            let heading_line = page
                .lines()
                .position(|l| l == "<h2>Unpaid carers</h2>")
                .unwrap()
                + 1;
            assert_eq!(doc.section_line(heading), heading_line, "{page}");
            let at = doc.text.as_str().find(sentence).unwrap();
            let span = doc.text.source_span(at..at + sentence.len());
            assert_eq!(doc.lines.line(span.start), heading_line + 1, "{page}");
        }
    }

    /// A hidden copy of a sentence just before it, however it is hidden, is stepped over too:
    /// the sentence shown is cited.
    #[test]
    fn hidden_copies_are_not_cited_for_the_plan_text() {
        let sentence = "We will support unpaid carers with short breaks.";
        for hidden in ["hidden", "aria-hidden=\"true\"", "style=\"display: none\""] {
            let page = format!(
                "<h1>Plan</h1>\n<h2>Unpaid carers</h2>\n<div {hidden}>{sentence}</div>\n<p>{sentence}</p>\n"
            );
            let doc = parse(&page);
            let at = doc.text.as_str().find(sentence).unwrap();
            let span = doc.text.source_span(at..at + sentence.len());
            assert_eq!(doc.lines.line(span.start), 4, "{page}");
        }
    }

    /// ASP.NET wraps a whole page in a `<form>`: one holding headings is read; a search
    /// form is not.
    #[test]
    fn a_form_holding_the_page_is_read() {
        let doc = parse(
            "<body><form id=\"aspnetForm\"><h1>Plan</h1><h2>Carers</h2><p>We will support unpaid carers.</p></form><form action=\"/search\"><label>Search this site</label><input name=\"q\"></form></body>",
        );
        assert!(doc.text.as_str().contains("We will support unpaid carers."));
        assert!(!doc.text.as_str().contains("Search this site"));
    }

    /// A heading's generated id may hold "consent" (pandoc writes `carers-rights-and-consent`):
    /// the section is the plan's, not a consent banner.
    #[test]
    fn a_section_named_for_consent_is_read() {
        let doc = parse(
            "<h1>Plan</h1><section id=\"carers-rights-and-consent\"><h2>Carers, rights and consent</h2><p>Text.</p></section><div id=\"cookie-banner\"><p>We use cookies.</p></div>",
        );
        assert!(doc.text.as_str().contains("Carers, rights and consent"));
        assert!(!doc.text.as_str().contains("cookies"));
    }

    /// An entity's word is its own word of the source: the words after it, and the headings
    /// below, keep their lines (they drifted down to the next place each word occurred).
    #[test]
    fn words_after_an_entity_keep_their_lines() {
        let source = "<h1>Plan</h1>\n<p>Three years &mdash; to March 2027, carers&rsquo; breaks.</p>\n\
                      <h2>Unpaid carers</h2>\n<p>Breaks to March 2027.</p>\n";
        let doc = parse(source);
        let text = doc.text.as_str();
        for (word, line) in [
            ("—", 2),
            ("to", 2),
            ("2027,", 2),
            ("carers’", 2),
            ("breaks", 2),
        ] {
            let at = text.find(word).unwrap();
            let span = doc.text.source_span(at..at + word.len());
            assert_eq!(doc.lines.line(span.start), line, "{word}");
        }
        let entity = text.find("—").unwrap();
        let span = doc.text.source_span(entity..entity + "—".len());
        assert_eq!(&source[span], "&mdash;");
        assert_eq!(doc.section_line(1), 3);
    }

    /// A character reference for a plain letter, entities for spaces inside a run of words,
    /// and a soft hyphen: each word keeps its own line (a short word was found inside a later
    /// one, and every word after it further down), and the soft hyphen goes.
    #[test]
    fn words_of_references_and_spaces_keep_their_lines() {
        let source = "<h1>Plan</h1>\n<p>&#x61; support plan</p>\n<h2>Staff</h2>\n\
                      <p>We&nbsp;will&nbsp;support staff.</p>\n<h2>Inequal&shy;ities</h2>\n";
        let doc = parse(source);
        let text = doc.text.as_str();
        assert!(text.contains("\nInequalities\n"), "{text:?}");
        for (word, line) in [("a support", 2), ("will", 4), ("support staff", 4)] {
            let at = text.find(word).unwrap();
            let span = doc.text.source_span(at..at + word.len());
            assert_eq!(doc.lines.line(span.start), line, "{word}");
        }
        assert_eq!(doc.section_line(1), 3);
        assert_eq!(doc.section_line(2), 5);
    }

    /// A `planaudit:` comment the content walk never reaches, ahead of the first heading
    /// (before the doctype, in the head, in a menu before `<main>`), applies to the whole plan.
    #[test]
    fn directives_ahead_of_the_content_apply_to_the_whole_plan() {
        let doc = parse(
            "<!-- planaudit: ignore O6 reason=\"a\" -->\n<!doctype html><html><head><!-- planaudit: ignore O7 reason=\"b\" --></head><body><nav><!-- planaudit: ignor O8 --></nav><main><h1>P</h1><p>Text.</p><!-- planaudit: addresses O9 --></main><footer><!-- planaudit: ignore O1 reason=\"c\" --></footer></body></html>",
        );
        let read: Vec<Option<usize>> = doc.directives.iter().map(|d| d.section).collect();
        // Three ahead of the content (the misspelt one too, for its warning), one in it; the
        // footer's, after the content, is not read.
        assert_eq!(read, [None, None, None, Some(0)]);
        assert!(doc.source[doc.directives[1].span.clone()].contains("O7"));
    }

    #[test]
    fn directives_in_comments_are_read() {
        let doc = parse("<h1>P</h1><!-- planaudit: addresses O6 --><p>Text.</p>");
        assert_eq!(doc.directives.len(), 1);
        assert_eq!(doc.directives[0].section, Some(0));
    }

    #[test]
    fn deep_nesting_is_read_up_to_a_limit() {
        let html = format!("<h1>P</h1>{}<p>Deep.</p>", "<div>".repeat(MAX_DEPTH));
        let doc = parse(&html);
        assert!(doc.text.as_str().contains("Deep."));
        let html = format!("<h1>P</h1>{}", "<div><span>".repeat(MAX_DEPTH));
        let err = super::parse("p.html".into(), html).unwrap_err();
        assert!(err.to_string().contains("nest more than"), "{err}");
        let unclosed = format!("<h1>P</h1><ul>{}</ul>", "<li>item<p>text".repeat(MAX_DEPTH));
        assert!(super::parse("p.html".into(), unclosed).is_ok());
        // Tags in a comment are not elements.
        let commented = format!(
            "<h1>P</h1><p>Text.</p><!--{}-->",
            "<div>".repeat(MAX_DEPTH + 1)
        );
        assert!(super::parse("p.html".into(), commented).is_ok());
    }
}
