//! Why a plan could not be read, with the place to fix it.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::input::{Excerpt, wide_encoding};
use crate::source::LineIndex;

/// Why a plan could not be read; each variant names the file and, where there is one, the
/// place, and `main` turns it into exit code 2.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("cannot read {path}: {}", crate::input::read_reason(path, cause))]
    #[diagnostic(
        code(planaudit::document::read),
        help("check that the path names a plan file and that you can read it")
    )]
    /// The file could not be opened or read, or is not a file (a directory, a FIFO, a device).
    Read {
        /// The plan as named on the command line.
        path: String,
        /// What the system said.
        cause: std::io::Error,
    },

    #[error("{path}: {}", over_the_limit(*size, *limit))]
    #[diagnostic(
        code(planaudit::document::too_large),
        help(
            "plans are rarely over a few megabytes; if this one really is a plan, raise --max-file-size"
        )
    )]
    /// The file is over `--max-file-size`: refused before it is read into memory.
    TooLarge {
        /// The plan as named on the command line.
        path: String,
        /// Its size in bytes, when known: a plan read from standard input is read only up to
        /// the limit.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },

    #[error("{path}:{line}:{column}: the plan is not valid UTF-8 (byte 0x{byte:02X})")]
    #[diagnostic(
        code(planaudit::document::encoding),
        help(
            "planaudit reads UTF-8 plans; re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"
        )
    )]
    /// A byte that is not UTF-8, at the place an editor would show.
    NotUtf8 {
        /// The plan as named on the command line.
        path: String,
        /// The bad byte's line, from 1.
        line: usize,
        /// Its column, from 1.
        column: usize,
        /// The byte itself, shown in hex.
        byte: u8,
    },

    #[error("{path}: the plan is {encoding}, not UTF-8")]
    #[diagnostic(
        code(planaudit::document::encoding),
        help("re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)")
    )]
    /// UTF-16 or UTF-32 text, told by its byte order mark or its NUL bytes.
    Utf16 {
        /// The plan as named on the command line.
        path: String,
        /// Which UTF-16 or UTF-32.
        encoding: &'static str,
    },

    #[error("{path}: the PDF has almost no text on its pages; it looks scanned, or blank")]
    #[diagnostic(
        code(planaudit::document::scanned_pdf),
        help(
            "a scanned plan is pictures of pages, with no text to audit; run it through OCR (for example ocrmypdf) to add a text layer, or audit the plan's Word, HTML or Markdown version"
        )
    )]
    /// A PDF whose pages are pictures with (almost) no text layer, or blank.
    Scanned {
        /// The plan as named on the command line.
        path: String,
    },

    #[error("{path}: the PDF is password-protected: its text cannot be read without the password")]
    #[diagnostic(
        code(planaudit::document::encrypted_pdf),
        help(
            "open it with the password and save an unprotected copy (or audit the plan's Word, HTML or Markdown version); a PDF that only restricts copying or printing is read as it is"
        )
    )]
    /// A PDF encrypted with a password to open it, which planaudit never has.
    Encrypted {
        /// The plan as named on the command line.
        path: String,
    },

    #[error("{path}: the PDF is too large or complex to read: {reason}")]
    #[diagnostic(
        code(planaudit::document::too_complex),
        help(
            "a strategic plan is a few hundred pages at most; if this one really is a plan, export it as Word, HTML or Markdown and audit that"
        )
    )]
    /// A PDF over the page, object or time limits.
    TooComplex {
        /// The plan as named on the command line.
        path: String,
        /// Which limit it went over.
        reason: String,
    },

    #[error("{path}: cannot read this {format} file: {reason}")]
    #[diagnostic(
        code(planaudit::document::malformed),
        help(
            "check that the file opens in the program that made it; if it does, save or export it again (or as Markdown) and audit that; if it is another kind of file, name its format with --input-format, or leave that option out to take the format from the file's name"
        )
    )]
    /// A file of a format planaudit reads, but broken or over a safety limit.
    Malformed {
        /// The plan as named on the command line.
        path: String,
        /// The format's name ("DOCX", "HTML").
        format: &'static str,
        /// What is wrong with it.
        reason: String,
    },

    #[error("{path}: the plan is {kind}, which planaudit does not read")]
    #[diagnostic(
        code(planaudit::document::unreadable_format),
        help(
            "save it as a Word document (.docx), or export it as PDF, HTML or Markdown, and audit that"
        )
    )]
    /// An office format planaudit does not read ([`super::format::Format::unreadable`]).
    Unreadable {
        /// The plan as named on the command line.
        path: String,
        /// What the file is ("a Word 97–2003 document (.doc)").
        kind: &'static str,
    },

    #[error("{path}: the file holds NUL bytes, so it is not a text plan")]
    #[diagnostic(
        code(planaudit::document::binary),
        help(
            "a binary file was read as text; if it is a Word or PDF plan, name its format with --input-format (markdown, html, docx, pdf), or leave that option out to take the format from the file's name"
        )
    )]
    /// NUL bytes: a binary file, not text.
    Binary {
        /// The plan as named on the command line.
        path: String,
    },

    #[error("{path}:{line}: a planaudit comment in the front matter is not read")]
    #[diagnostic(
        code(planaudit::document::directive_in_front_matter),
        help(
            "move the comment below the front matter's closing `---`; comments before the first heading are read"
        )
    )]
    /// A `planaudit:` comment inside the front matter, which would otherwise be silently
    /// ignored.
    DirectiveInFrontMatter {
        /// The plan as named on the command line.
        path: String,
        /// The comment's line.
        line: usize,
        /// The plan, for miette to show the comment in.
        #[source_code]
        src: Excerpt,
        /// The comment.
        #[label("this comment")]
        span: SourceSpan,
    },

    #[error("{path}:{line}: the front matter is not valid YAML: {message}")]
    #[diagnostic(
        code(planaudit::document::front_matter),
        help(
            "front matter is a `---` block of `key: value` lines (title, area, period) at the top of the plan"
        )
    )]
    /// Front matter that is not YAML of the expected shape.
    FrontMatter {
        /// The plan as named on the command line.
        path: String,
        /// The line of the error.
        line: usize,
        /// The YAML parser's message.
        message: String,
        /// The plan, for miette to show the error's place in.
        #[source_code]
        src: Excerpt,
        /// Where the parser stopped.
        #[label("here")]
        span: SourceSpan,
    },
}

impl Error {
    /// Where in the plan the problem is, as a line and maybe a column (from 1), for a report
    /// that points at the plan; `None` for a problem with the whole file.
    pub fn position(&self) -> Option<(usize, Option<usize>)> {
        match self {
            Error::NotUtf8 { line, column, .. } => Some((*line, Some(*column))),
            Error::DirectiveInFrontMatter { line, .. } | Error::FrontMatter { line, .. } => {
                Some((*line, None))
            }
            _ => None,
        }
    }
}

/// Turns a file's bytes into text: strips a UTF-8 byte order mark, and names the encoding
/// problem (UTF-16, binary, or the first invalid byte's line and column) otherwise.
pub(super) fn decode(path: &str, mut bytes: Vec<u8>) -> Result<String, Error> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(Error::Utf16 {
            path: path.to_owned(),
            encoding,
        });
    }
    if bytes.contains(&0) {
        return Err(Error::Binary {
            path: path.to_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid_up_to = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        let position = LineIndex::new(prefix).position(prefix, valid_up_to);
        Error::NotUtf8 {
            path: path.to_owned(),
            line: position.line,
            column: position.column,
            byte: bytes[valid_up_to],
        }
    })
}

/// What a too-large plan's message says of its size: the exact size only when it is known.
fn over_the_limit(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("the file is {size} bytes, over the limit of {limit} bytes"),
        None => format!("the plan is over the limit of {limit} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_byte_order_mark() {
        let text = decode("p.md", b"\xEF\xBB\xBF# Plan".to_vec()).unwrap();
        assert_eq!(text, "# Plan");
    }

    #[test]
    fn locates_the_first_invalid_byte() {
        // Windows-1252 "£" is 0xA3.
        let err = decode("p.md", b"# Plan\nCost: \xA3400".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.md:2:7: the plan is not valid UTF-8 (byte 0xA3)"
        );
    }

    #[test]
    fn names_utf16_and_binary() {
        let utf16 = decode("p.md", vec![0xFF, 0xFE, b'#', 0]).unwrap_err();
        assert!(utf16.to_string().contains("UTF-16 (little-endian)"));
        let binary = decode("p.md", b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(matches!(binary, Error::Binary { .. }));
        // UTF-32's mark opens with UTF-16's; and "Unicode" text saved with no mark at all.
        let utf32 = decode("p.md", vec![0xFF, 0xFE, 0, 0, b'#', 0, 0, 0]).unwrap_err();
        assert!(
            utf32.to_string().contains("UTF-32 (little-endian)"),
            "{utf32}"
        );
        let wide = |text: &str, big: bool| -> Vec<u8> {
            let units = text.encode_utf16();
            match big {
                false => units.flat_map(u16::to_le_bytes).collect(),
                true => units.flat_map(u16::to_be_bytes).collect(),
            }
        };
        let little = decode("p.md", wide("# Plan\n\nCarers", false)).unwrap_err();
        assert!(
            little
                .to_string()
                .contains("UTF-16 (little-endian, with no byte order mark)")
        );
        let big = decode("p.md", wide("# Plan", true)).unwrap_err();
        assert!(
            big.to_string()
                .contains("UTF-16 (big-endian, with no byte order mark)")
        );
    }
}
