//! JSON as planaudit writes it, in every report and file: compact or indented, and with no raw
//! control or bidirectional-formatting character in any string.
//!
//! serde_json escapes the control characters below U+0020 but writes the rest as they are: a
//! plan's file name or text holding U+202E (right-to-left override) or a C1 control would reach
//! a terminal reading the report raw and reorder or drive what it shows. Here each such
//! character is written as its `\uXXXX` escape, which any JSON reader decodes to the same text.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

use crate::input::is_unsafe;

/// Writes `value` to `out`, indented when `pretty`.
pub fn to_writer(out: impl io::Write, value: &impl Serialize, pretty: bool) -> io::Result<()> {
    match pretty {
        true => write_with(out, value, PrettyFormatter::new()),
        false => write_with(out, value, CompactFormatter),
    }
}

/// `value` as indented JSON text.
pub fn to_string_pretty(value: &impl Serialize) -> io::Result<String> {
    let mut out = Vec::new();
    to_writer(&mut out, value, true)?;
    String::from_utf8(out).map_err(io::Error::other)
}

fn write_with(
    out: impl io::Write,
    value: &impl Serialize,
    format: impl Formatter,
) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(out, Escaping(format));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// A formatter that writes strings as `F` does, but every [unsafe](is_unsafe) character that
/// serde_json leaves raw as an escape. Every other call is `F`'s.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            self.0.write_string_fragment(writer, &rest[..at])?;
            let mut units = [0; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_string_fragment(writer, rest)
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_read_back_the_same() {
        let text = "plan\u{202e}gnp.md \u{1b}[31m \u{85} café ✓";
        for pretty in [false, true] {
            let mut out = Vec::new();
            to_writer(&mut out, &serde_json::json!({ "path": text }), pretty).unwrap();
            let written = String::from_utf8(out).unwrap();
            // The indented form's own line breaks are the only control characters left.
            let raw = written.chars().any(|c| is_unsafe(c) && c != '\n');
            assert!(!raw, "{written:?}");
            assert!(written.contains("\\u202e") && written.contains("\\u0085"));
            assert!(written.contains("café ✓"), "other text is left as it is");
            let read: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(read["path"], text);
        }
        let indented = to_string_pretty(&serde_json::json!({ "a": [1] })).unwrap();
        assert_eq!(indented, "{\n  \"a\": [\n    1\n  ]\n}");
    }
}
