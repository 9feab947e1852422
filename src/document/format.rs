//! Which adapter reads a plan: chosen by what the file holds, then by its extension.
//!
//! Each format has an adapter module beside this one (`markdown.rs`, `html.rs`, `docx.rs`,
//! `pdf.rs`); `--input-format` overrides the detection here.

use std::path::Path;

/// An input format planaudit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown or plain text.
    #[value(alias = "md")]
    Markdown,
    /// An HTML page.
    Html,
    /// A PDF file.
    Pdf,
    /// A Word document.
    Docx,
}

impl Format {
    /// How messages name it ("a Word document").
    pub fn noun(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "an HTML page",
            Format::Pdf => "a PDF",
            Format::Docx => "a Word document",
        }
    }

    /// The format of the plan named `path` holding `bytes`. Content wins over the extension:
    /// a PDF saved as `plan.md` is still a PDF. Text with no telling extension is Markdown,
    /// which plain text also is.
    pub fn detect(path: &str, bytes: &[u8]) -> Format {
        Self::sniff(bytes)
            .or_else(|| Self::from_extension(path))
            .unwrap_or(Format::Markdown)
    }

    /// The format named by a file's magic bytes: `%PDF`, a ZIP archive (what a .docx is), or
    /// an HTML document's opening tag.
    fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"%PDF") {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(Format::Docx);
        }
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let start = start.trim_ascii_start();
        let opens = |tag: &[u8]| {
            start
                .get(..tag.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(tag))
        };
        (opens(b"<!doctype html") || opens(b"<html")).then_some(Format::Html)
    }

    /// What an office document planaudit does not read is, told by its first bytes: a Word
    /// 97–2003 file, OpenDocument text or RTF. Read as a Word document or as text they gave a
    /// misleading error, or an audit of control words.
    pub fn unreadable(bytes: &[u8]) -> Option<&'static str> {
        const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        let head = &bytes[..bytes.len().min(128)];
        if bytes.starts_with(OLE) {
            Some("a Word 97–2003 document (.doc)")
        } else if bytes.starts_with(b"PK\x03\x04")
            && memchr::memmem::find(head, b"application/vnd.oasis.opendocument").is_some()
        {
            Some("an OpenDocument file (.odt)")
        } else if bytes.trim_ascii_start().starts_with(b"{\\rtf") {
            Some("a Rich Text Format document (.rtf)")
        } else {
            None
        }
    }

    /// The format a file's extension names, if it is one planaudit reads.
    pub fn from_extension(path: &str) -> Option<Format> {
        let extension = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" | "txt" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_formats_it_does_not_read_are_named() {
        let odt =
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text";
        for (bytes, named) in [
            (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"[..], "(.doc)"),
            (&odt[..], "(.odt)"),
            (&b"{\\rtf1\\ansi Plan}"[..], "(.rtf)"),
        ] {
            assert!(
                Format::unreadable(bytes).is_some_and(|n| n.ends_with(named)),
                "{named}"
            );
        }
        for readable in [&b"PK\x03\x04word/document.xml"[..], b"# Plan", b"%PDF-1.7"] {
            assert_eq!(Format::unreadable(readable), None);
        }
    }

    #[test]
    fn extension_picks_the_format_of_plain_text() {
        for (path, format) in [
            ("plan.md", Format::Markdown),
            ("plan.MARKDOWN", Format::Markdown),
            ("plan.txt", Format::Markdown),
            ("plan", Format::Markdown),
            ("plan.rst", Format::Markdown),
            ("plan.htm", Format::Html),
            ("plan.html", Format::Html),
            ("plan.pdf", Format::Pdf),
            ("plan.docx", Format::Docx),
        ] {
            assert_eq!(Format::detect(path, b"# Plan\n"), format, "{path}");
        }
    }

    #[test]
    fn content_wins_over_the_extension() {
        assert_eq!(Format::detect("plan.md", b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(
            Format::detect("plan.md", b"PK\x03\x04\x14\x00"),
            Format::Docx
        );
        assert_eq!(
            Format::detect("plan.md", b"\xEF\xBB\xBF\n  <!DOCTYPE HTML>"),
            Format::Html
        );
        assert_eq!(Format::detect("plan.txt", b"<html lang=en>"), Format::Html);
    }

    #[test]
    fn markdown_that_mentions_html_is_markdown() {
        let text = b"# Plan\n\n<html> appears in this sentence.\n";
        assert_eq!(Format::detect("plan.md", text), Format::Markdown);
        assert_eq!(
            Format::detect("plan.md", b"<!-- planaudit: addresses O1 -->"),
            Format::Markdown
        );
    }
}
