//! Reading and parsing the small files planaudit is given besides plans: rule sets, configs,
//! labels and baselines. One door for all four, so each gets the same care:
//!
//! - only regular files are read: a FIFO would block forever, a device or `/proc` file could be
//!   endless or secret (`rules: [/proc/self/environ]`);
//! - each has a size cap, so a wrong path to a huge file fails fast instead of being parsed;
//! - an error shows a short excerpt around the place it points at, with control characters
//!   made harmless, never the whole file: the file may not be what the user thinks it is.

use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::source::{LineIndex, Position};

/// Largest rule set, config, labels or baseline file read: 16 MiB, far beyond any real one.
pub const MAX_TEXT_FILE: u64 = 16 * 1024 * 1024;

/// Bytes of context shown on either side of an error's place.
const EXCERPT_CONTEXT: usize = 160;
/// Longest span underlined in an excerpt.
const EXCERPT_SPAN: usize = 120;
/// Longest parser message repeated in an error: messages quote the values they choke on.
const MAX_MESSAGE: usize = 200;

/// What a file is to planaudit, for messages: "rule file", "config", "labels", "baseline".
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// What the file is called in messages.
    pub noun: &'static str,
    /// What to do when the file cannot be read.
    pub read_help: &'static str,
}

/// A file that could not be read; `cause` says why.
#[derive(Debug, Error, Diagnostic)]
#[error("cannot read {noun} {path}: {}", read_reason(path, cause))]
#[diagnostic(code(planaudit::input::read))]
pub struct ReadError {
    /// What the file is ([`Kind::noun`]).
    pub noun: &'static str,
    /// The path, as given.
    pub path: String,
    /// Why it could not be read.
    pub cause: std::io::Error,
    /// What to do about it.
    #[help]
    pub help: String,
}

/// Why a file could not be read, as a message says it: the system's words without their
/// "(os error 2)" and capital ("no such file or directory"), as every command says them.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => &text,
    };
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Why `path` could not be read: [`io_reason`], or that it is a symlink to nothing, where
/// the system says only that no such file exists, though the name is there to see.
pub fn read_reason(path: &str, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound if Path::new(path).is_symlink() => {
            "it is a symlink that leads to no file".to_owned()
        }
        _ => io_reason(error),
    }
}

/// A file that was read but is not what it should be, pointing at the place.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
#[diagnostic(code(planaudit::input::invalid))]
pub struct Invalid {
    /// The path, as given.
    pub path: String,
    /// 1-based line of the place.
    pub line: usize,
    /// 1-based column of the place, in characters.
    pub column: usize,
    /// What is wrong, escaped and cut short.
    pub message: String,
    /// A short excerpt of the file around the place.
    #[source_code]
    pub src: Excerpt,
    /// The place, as a byte range of the file.
    #[label("{label}")]
    pub span: SourceSpan,
    /// What the underline says.
    pub label: String,
    /// What to do about it.
    #[help]
    pub help: String,
}

/// Either way a file can fail.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// The file could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] ReadError),
    /// The file was read but is not valid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(#[from] Box<Invalid>),
    /// The file was read, and is wrong in several places.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Several(Box<Several>),
}

impl Several {
    /// One error for all of `errors` in the file shown as `path`: none, the one, or several
    /// reported together, made an `E` by `several`. Config and rule files share it.
    pub fn of_all<E: Diagnostic + Send + Sync + 'static>(
        path: &str,
        mut errors: Vec<E>,
        several: impl FnOnce(Box<Several>) -> E,
    ) -> Option<E> {
        match errors.len() {
            0 | 1 => errors.pop(),
            count => Some(several(Box::new(Self {
                path: path.to_owned(),
                count,
                errors: errors.into_iter().map(|e| Box::new(e) as _).collect(),
            }))),
        }
    }
}

/// Several problems in one file, each with its own place, so one run shows them all.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}: {count} problems, each shown below")]
#[diagnostic(code(planaudit::input::several))]
pub struct Several {
    /// The file, as shown.
    pub path: String,
    /// How many.
    pub count: usize,
    /// Each problem, in the file's order of checking.
    #[related]
    pub errors: Vec<Box<dyn Diagnostic + Send + Sync>>,
}

/// A file's text and the name it is shown by.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path, as given, for messages.
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// Serialisation formats the helper parses.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// YAML, through `crate::yaml`, the one door to the YAML parser.
    Yaml,
    /// JSON, through serde_json.
    Json,
}

impl Source {
    /// Reads the regular file at `path`, refusing anything else (see the module docs).
    pub fn read(path: &Path, kind: Kind) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let text = read_text(path).map_err(|cause| ReadError {
            noun: kind.noun,
            path: name.clone(),
            // A file found but not UTF-8 needs saving again, not another path.
            help: match cause.kind() {
                std::io::ErrorKind::InvalidData => UTF8_HELP.to_owned(),
                _ => kind.read_help.to_owned(),
            },
            cause,
        })?;
        Ok(Self { name, text })
    }

    /// Deserialises the text, with a located error whose `help` is `help`.
    pub fn parse<T: DeserializeOwned>(
        &self,
        format: Format,
        help: &str,
    ) -> Result<T, Box<Invalid>> {
        let (message, at) = match format {
            Format::Yaml => match crate::yaml::from_str(&self.text) {
                Ok(value) => return Ok(value),
                Err(e) => (e.message, e.offset.unwrap_or(0)),
            },
            Format::Json => match serde_json::from_str(&self.text) {
                Ok(value) => return Ok(value),
                Err(e) => {
                    let at = LineIndex::new(&self.text)
                        .line_start(e.line())
                        .map_or(0, |start| start + e.column().saturating_sub(1));
                    (e.to_string(), at)
                }
            },
        };
        // An empty file is not missing a field, whatever the parser says.
        let (message, at) = match self.text.trim().is_empty() {
            true => ("the file is empty".to_owned(), 0),
            false => (message, at),
        };
        Err(self.invalid(at..at, message, help))
    }

    /// An error at byte range `span`, labelled "here".
    pub fn invalid(&self, span: Range<usize>, message: String, help: &str) -> Box<Invalid> {
        self.invalid_labelled(span, message, "here", help)
    }

    /// An error at byte range `span` with its own label.
    pub fn invalid_labelled(
        &self,
        span: Range<usize>,
        message: String,
        label: &str,
        help: &str,
    ) -> Box<Invalid> {
        let start = floor_char(&self.text, span.start.min(self.text.len()));
        let end = floor_char(&self.text, span.end.clamp(start, start + EXCERPT_SPAN));
        let end = end.min(self.text.len());
        let at = editor_position(&self.text, start);
        Box::new(Invalid {
            path: self.name.clone(),
            line: at.line,
            column: at.column,
            message: shorten(&message),
            src: Excerpt::new(&self.name, &self.text, start..end),
            span: (start..end).into(),
            label: label.to_owned(),
            help: help.to_owned(),
        })
    }
}

/// Reads and parses the file at `path` in one step.
pub fn read_parsed<T: DeserializeOwned>(
    path: &Path,
    kind: Kind,
    format: Format,
    help: &str,
) -> Result<(Source, T), Error> {
    let source = Source::read(path, kind)?;
    let value = source.parse(format, help)?;
    Ok((source, value))
}

/// The file's text, or why it cannot be had: missing, not a regular file, too large, growing
/// while read (as `/proc` files do, whose size reads as 0), not UTF-8.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    refuse_special(path, "a file")?;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_TEXT_FILE {
        return Err(over_limit());
    }
    let mut bytes = Vec::new();
    file.take(size + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > size {
        return Err(std::io::Error::other(
            "it is not an ordinary file (its size changes as it is read, as in /proc)",
        ));
    }
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(not_text(format!("it is {encoding} text; save it as UTF-8")));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        not_text(format!(
            "it is not UTF-8 text (a bad byte on line {line}); save it as UTF-8"
        ))
    })
}

/// What to do about a file that is not UTF-8 text.
const UTF8_HELP: &str = "save it again as UTF-8 (in most editors: Save As → Encoding → UTF-8)";

fn not_text(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

/// The UTF-16 or UTF-32 a file is written in, told by its byte order mark, or, without one, by
/// its first characters being ASCII with a NUL byte beside each (as Windows tools save "Unicode"
/// text): such a plan would otherwise be refused as binary, and such a rule file read as UTF-8
/// with a NUL in every other byte.
pub fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => return Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 (big-endian)"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    let ascii_beside_nul = |text: usize, nul: usize| {
        head.len() >= 4
            && head
                .chunks_exact(2)
                .all(|pair| pair[nul] == 0 && pair[text] != 0 && pair[text].is_ascii())
    };
    if ascii_beside_nul(0, 1) {
        Some("UTF-16 (little-endian, with no byte order mark)")
    } else if ascii_beside_nul(1, 0) {
        Some("UTF-16 (big-endian, with no byte order mark)")
    } else {
        None
    }
}

fn over_limit() -> std::io::Error {
    std::io::Error::other(format!(
        "the file is over the limit of {MAX_TEXT_FILE} bytes"
    ))
}

/// Refuses anything but a regular file outside /proc and /sys before opening it (`wanted` is
/// what was expected: "a file", "a plan file"): opening a FIFO blocks until someone writes to
/// it, a kernel file may never end (/proc/kmsg) or hold secrets, and neither is a plan or a
/// rule set.
pub fn refuse_special(path: &Path, wanted: &str) -> std::io::Result<()> {
    refuse_unless_file(path, wanted)?;
    let system = std::fs::canonicalize(path)?
        .components()
        .nth(1)
        .is_some_and(|c| ["proc", "sys"].contains(&&*c.as_os_str().to_string_lossy()));
    match system {
        true => Err(std::io::Error::other(
            "it is a system file (/proc or /sys), not a file of yours",
        )),
        false => Ok(()),
    }
}

/// Refuses anything but a regular file (or a link to one) before it is opened: opening a FIFO
/// waits for a writer, and a directory or device is not `wanted` ("a file", "a plan file").
fn refuse_unless_file(path: &Path, wanted: &str) -> std::io::Result<()> {
    match special_kind(&std::fs::metadata(path)?.file_type()) {
        Some(kind) => Err(std::io::Error::other(format!("it is {kind}, not {wanted}"))),
        None => Ok(()),
    }
}

/// What a file that is not a regular file is, in words: "a directory", "a FIFO", ….
pub fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Whether no output may show `c` as it is: a control character, which can drive a terminal,
/// one of Unicode's bidirectional formatting characters, which reorder the text shown around
/// them (after U+202E a line reads backwards, so a name can pass for another), or a line or
/// paragraph separator, which some readers take for a line break a report did not write.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` with every [unsafe](is_unsafe) character but tab and newline shown as an escape
/// (`\u{1b}`), so text from a plan or an unexpected file cannot drive the terminal or reorder
/// what it shows.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    escape_where(text, |c| is_unsafe(c) && c != '\t' && c != '\n')
}

/// `name` (a file's path as given) with every control character shown as an escape, newline
/// and tab too: a name is one line, and a newline in a file's name would start a line of its
/// own in a log, where a CI runner reads `::error …` at a line's start as a command.
pub fn escape_name(name: &str) -> std::borrow::Cow<'_, str> {
    escape_where(name, is_unsafe)
}

/// `word` as one word for a POSIX shell: as it is when it is plain, else in single quotes, so a
/// command planaudit suggests can be pasted as it stands.
pub fn shell_word(word: &str) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:+,@%=".contains(c);
    match !word.is_empty() && word.chars().all(plain) {
        true => std::borrow::Cow::Borrowed(word),
        false => std::borrow::Cow::Owned(format!("'{}'", word.replace('\'', r"'\''"))),
    }
}

/// A path or value for a suggested command, as one shell word, with `./` before one that
/// starts with `-`, which a command would read as an option; `None` when it cannot be shown as
/// it is typed (control or bidirectional-formatting characters, which are shown escaped, or
/// bytes that were not UTF-8), so that the command says so rather than name another file.
pub fn shell_argument(value: &str) -> Option<String> {
    if escape_name(value) != value || value.contains(char::REPLACEMENT_CHARACTER) {
        return None;
    }
    Some(match value.starts_with('-') && value.len() > 1 {
        true => shell_word(&format!("./{value}")).into_owned(),
        false => shell_word(value).into_owned(),
    })
}

/// `text` with each character `escaped` says yes to shown as `\u{…}`.
fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.contains(&escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escaped(c) {
            true => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            false => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` as the literal text of one Markdown table cell or list line: a `|` would end the
/// cell and a line break the row, and `&`, `<` and `>` are written as entities, so that a
/// heading such as `<img src=x>` shows as written in a rendered pull-request comment instead
/// of becoming markup; brackets are escaped, so a file named `[click](https://…).md` is no
/// link whose text hides where it goes; emphasis, code and strike-through marks and the
/// backslash itself are escaped, so `my_plan_v2.md` or `` `draft`.md `` reads as named;
/// control characters are escaped as [`escape_controls`] does.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            '\\' | '[' | ']' | '|' | '*' | '_' | '`' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    escape_controls(&out).into_owned()
}

/// `text` with every [unsafe](is_unsafe) character but tab, newline and carriage return
/// replaced by `?`, byte for byte, so that offsets into it stay those of `text`: for showing
/// source lines under a diagnostic, where spans point into the text.
pub fn harmless(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r');
    if !text.contains(control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let replaced = text.chars().flat_map(|c| {
        let n = if control(c) { c.len_utf8() } else { 0 };
        (n == 0)
            .then_some(c)
            .into_iter()
            .chain(std::iter::repeat_n('?', n))
    });
    std::borrow::Cow::Owned(replaced.collect())
}

/// A parser's message, escaped and cut short.
fn shorten(message: &str) -> String {
    let escaped = escape_controls(message);
    match escaped.char_indices().nth(MAX_MESSAGE) {
        Some((at, _)) => format!("{}…", &escaped[..at]),
        None => escaped.into_owned(),
    }
}

/// The char boundary of `text` at or before byte `at` (at most its length).
pub(crate) fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A few lines of a file around an error, never the whole file: at most
/// 160 bytes (`EXCERPT_CONTEXT`) either side of the place, control characters replaced by `?`
/// byte for byte (so offsets stay true). It answers miette as the whole file would, with
/// the file's own line numbers.
pub struct Excerpt {
    name: String,
    /// Offset of `text` in the file.
    start: usize,
    /// Line (0-based) and column (in characters) of `start`.
    line: usize,
    column: usize,
    text: String,
    /// `text` as the file has it, to count columns in: a control character `text` shows as
    /// `?` byte for byte still takes one column.
    plain: String,
    /// Whether the file opens with a byte order mark, which takes no column.
    bom: bool,
}

impl fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Excerpt({}, {} bytes)", self.name, self.text.len())
    }
}

impl Excerpt {
    /// The lines of `text` (the file `name`) around `span`.
    pub fn new(name: &str, text: &str, span: Range<usize>) -> Self {
        let line = line_start(text, span.start);
        // Back over the line end before it, `\r\n` whole: from its `\n`, the `\r` read as the
        // end of an empty line.
        let before = line.saturating_sub(1 + usize::from(text[..line].ends_with("\r\n")));
        let previous_line = line_start(text, before);
        let start = ceil_char(
            text,
            previous_line.max(span.start.saturating_sub(EXCERPT_CONTEXT)),
        );
        let after = text[span.end..]
            .match_indices('\n')
            .nth(1)
            .map_or(text.len(), |(i, _)| span.end + i);
        let end = floor_char(text, after.min(span.end + EXCERPT_CONTEXT).min(text.len()));
        let harmless = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        // A Windows line end shows as a line end: miette drew the `\r` of `\r\n` as
        // `\u{d}` and a blank line. A space keeps every offset where it was.
        let mut window = text[start..end].replace("\r\n", " \n");
        if window.ends_with('\r') && text[end..].starts_with('\n') {
            window.replace_range(window.len() - 1.., " ");
        }
        let window: String = window
            .chars()
            .flat_map(|c| {
                let n = if harmless(c) { c.len_utf8() } else { 0 };
                (n == 0)
                    .then_some(c)
                    .into_iter()
                    .chain(std::iter::repeat_n('?', n))
            })
            .collect();
        let at = editor_position(text, start);
        Self {
            name: name.to_owned(),
            start,
            line: at.line - 1,
            column: at.column - 1,
            text: window,
            plain: text[start..end].to_owned(),
            bom: text.starts_with('\u{feff}'),
        }
    }
}

/// Where `offset` is in `text` as an editor shows it: [`LineIndex`]'s line and column, less
/// the byte order mark, which takes no column.
fn editor_position(text: &str, offset: usize) -> Position {
    let at = LineIndex::new(text).position(text, offset);
    let bom = at.line == 1 && offset > 0 && text.starts_with('\u{feff}');
    Position {
        line: at.line,
        column: at.column - usize::from(bom),
    }
}

/// Where the line holding `at` starts: after the last `\n` or `\r` before it, as miette and
/// [`LineIndex`] end lines.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span
            .offset()
            .saturating_sub(self.start)
            .min(self.text.len());
        let len = span.len().min(self.text.len() - offset);
        let local = self.text.read_span(&(offset, len).into(), before, after)?;
        // miette counts a column in bytes, the message in characters: count characters here
        // too, so a line with "é" or "—" before the place has one column in both.
        let at = local.span().offset();
        let from = line_start(&self.plain, at);
        let bom = self.bom && self.start + from == 0 && at > 0;
        // Spans start on characters of the file, so `at` is one in `plain` as in `text`.
        let chars = self
            .plain
            .get(from..at)
            .unwrap_or(&self.text[from..at])
            .chars();
        let column = chars.count() - usize::from(bom) + if from == 0 { self.column } else { 0 };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            local.data(),
            (at + self.start, local.span().len()).into(),
            local.line() + self.line,
            column,
            local.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_path_is_one_shell_word() {
        assert_eq!(shell_word("plans/plan-2025_v2.md"), "plans/plan-2025_v2.md");
        assert_eq!(shell_word("download (3).md"), "'download (3).md'");
        assert_eq!(shell_word("it's.md"), r"'it'\''s.md'");
        assert_eq!(shell_word("$HOME;rm.md"), "'$HOME;rm.md'");
        assert_eq!(shell_word(""), "''");
    }

    /// A value a command would take for an option gets `./` before it; one a report shows
    /// escaped gets none.
    #[test]
    fn a_suggested_argument_never_reads_as_an_option() {
        let shown = |value| shell_argument(value).unwrap();
        assert_eq!(shown("-l.yaml"), "./-l.yaml");
        assert_eq!(shown("my rules.yaml"), "'my rules.yaml'");
        assert_eq!(shown("-"), "-");
        assert_eq!(shown("/abs/-x.md"), "/abs/-x.md");
        // Shown escaped in a report, so not as it is typed.
        assert_eq!(shell_argument("ctl\u{1}x.md"), None);
        assert_eq!(shell_argument("rtl\u{202e}.md"), None);
        assert_eq!(shell_argument("latin1-\u{fffd}.md"), None);
    }

    #[test]
    fn an_excerpt_is_short_and_harmless() {
        let secret = format!("A=1\u{1b}]0;x\u{7}{}\n", "s".repeat(5000));
        let source = Source {
            name: "x.yaml".into(),
            text: format!("one: 1\n{secret}three: 3\n"),
        };
        let error = source.invalid(7..8, "bad".into(), "help");
        assert_eq!((error.line, error.column), (2, 1));
        assert!(error.src.text.len() <= EXCERPT_CONTEXT + EXCERPT_SPAN + 8);
        assert!(!error.src.text.contains('\u{1b}'));
        let report = miette::Report::new(*error);
        let mut shown = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut shown, report.as_ref())
            .unwrap();
        assert!(shown.contains("x.yaml:2:1"), "{shown}");
        assert!(shown.contains(" 2 │ A=1?]0;x?sss"), "{shown}");
        assert!(!shown.contains(&"s".repeat(EXCERPT_CONTEXT + 1)), "{shown}");
    }

    /// A file with Windows line ends shows its lines as an editor does: the line before the
    /// place was drawn empty and the one after ended in `\u{d}`.
    #[test]
    fn windows_line_ends_show_as_line_ends() {
        let source = Source {
            name: "x.yaml".into(),
            text: "a: 1\r\nb: 2\r\nc: [\r\nd: 4\r\ne: 5\r\n".into(),
        };
        let at = source.text.find('c').unwrap();
        let error = source.invalid(at..at + 1, "bad".into(), "help");
        let mut shown = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut shown, &*error)
            .unwrap();
        assert!(shown.contains(" 2 │ b: 2"), "{shown}");
        assert!(shown.contains(" 3 │ c: ["), "{shown}");
        assert!(shown.contains(" 4 │ d: 4"), "{shown}");
        assert!(!shown.contains("\\u{d}"), "{shown}");
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let source = Source {
            name: "x.yaml".into(),
            text: "\u{feff}a: \u{1b}\nb: 2\n".into(),
        };
        let error = source.invalid(6..7, "bad".into(), "help");
        assert_eq!((error.line, error.column), (1, 4));
        let error = source.invalid(8..9, "bad".into(), "help");
        assert_eq!((error.line, error.column), (2, 1));
    }

    /// The snippet's header and the message name one column on a line with text outside
    /// ASCII before the place (miette's own count is in bytes), in a window of the file or
    /// at its start.
    #[test]
    fn the_snippet_and_the_message_agree_on_a_column() {
        let shown = |text: String, at: usize| {
            let source = Source {
                name: "x.yaml".into(),
                text,
            };
            let error = source.invalid(at..at + 1, "bad".into(), "help");
            let place = format!("x.yaml:{}:{}", error.line, error.column);
            let mut shown = String::new();
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .render_report(&mut shown, &*error)
                .unwrap();
            (place, shown)
        };
        let line = "name: \"Café — “naïve”\" bad: [\n";
        let (place, report) = shown(format!("a: 1\n{line}"), 5 + line.find("bad").unwrap());
        assert_eq!(place, "x.yaml:2:24");
        assert!(report.contains("[x.yaml:2:24]"), "{report}");
        let long = format!("{}\n", "é".repeat(400));
        let (place, report) = shown(
            format!("{long}{line}"),
            long.len() + line.find("bad").unwrap(),
        );
        assert_eq!(place, "x.yaml:2:24");
        assert!(report.contains("[x.yaml:2:24]"), "{report}");
        let at = 2 * 300;
        let (place, report) = shown(long.clone(), at);
        assert_eq!(place, "x.yaml:1:301");
        assert!(report.contains("[x.yaml:1:301]"), "{report}");
        // Lines ended by a lone `\r`, a byte order mark, and a control character shown as `?`
        // byte for byte: each takes what it takes in an editor, in the header as in the message.
        for (text, expected) in [
            (
                format!("{}a: \"é\" bad\r", "# c\r".repeat(30)),
                "x.yaml:31:8",
            ),
            ("\u{feff}a: \"é\" bad\n".to_owned(), "x.yaml:1:8"),
            ("a: \"\u{85}\u{86}\" bad\n".to_owned(), "x.yaml:1:9"),
        ] {
            let (place, report) = shown(text.clone(), text.find("bad").unwrap());
            assert_eq!(place, expected, "{text:?}");
            assert!(report.contains(&format!("[{place}]")), "{report}");
        }
    }

    #[test]
    fn escapes_controls_but_not_layout() {
        assert_eq!(escape_controls("a\u{1b}[31mb\tc\n"), "a\\u{1b}[31mb\tc\n");
        assert_eq!(escape_controls("\u{9b}x\r"), "\\u{9b}x\\u{d}");
        // Bidirectional overrides and isolates reorder what a terminal or browser shows.
        assert_eq!(
            escape_controls("a\u{202e}b\u{2066}c"),
            "a\\u{202e}b\\u{2066}c"
        );
        assert_eq!(escape_name("x\u{200f}.md"), "x\\u{200f}.md");
        assert_eq!(harmless("a\u{202e}b"), "a???b");
    }
}
