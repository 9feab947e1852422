//! Byte offsets to human line:column positions, for any text planaudit points into: plans,
//! rule sets, configs and baselines. A leaf module, so that every stage can locate an error
//! without depending on another stage.

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Lines count from 1, as editors and compilers show them.
    pub line: usize,
    /// Characters (not bytes or display cells) from 1, so a column agrees across encodings.
    pub column: usize,
}

/// Start offsets of every line, so a position lookup is a binary search.
///
/// `\n`, `\r\n` and a lone `\r` each end a line, as they do for CommonMark, so positions agree
/// with what an editor shows whatever line endings the plan was saved with.
///
/// Columns count characters, which would mean rescanning a line for every position asked for;
/// on a plan that is one 50 MB line that is quadratic. So the index also keeps the character
/// count at every 1024-byte mark (`CHECKPOINT`), and a column costs at most that many bytes of
/// scan.
///
/// Offsets are held in 32 bits: every text planaudit reads is capped far below 4 GiB (plans at
/// `MAX_PLAN_BYTES`, other files at `MAX_TEXT_FILE`). A plan of 30 MB in short lines has a
/// million and a half lines: 6 MB of starts, where 64-bit offsets in a doubling vector held 17.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Characters before the first character boundary at or after each multiple of
    /// [`CHECKPOINT`] bytes, with that boundary's offset.
    checkpoints: Vec<(u32, u32)>,
}

/// An offset into a text, or an index of one of its parts, in 32 bits. Texts over 4 GiB are
/// refused when read (`document::MAX_PLAN_BYTES`), and a text has fewer lines, blocks, sections
/// and hits than bytes, so it fits; only a document built by hand past that size saturates,
/// giving wrong places rather than a panic.
pub(crate) fn narrow(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

const CHECKPOINT: usize = 1024;

/// Characters in valid UTF-8: every byte that is not a continuation byte starts one. Counted in
/// a byte per 255-byte chunk, which the compiler vectorises 16 bytes a step: decoding, or a
/// count per byte in a machine word, took ten times as long, and a JSON report finds the column
/// of every piece of evidence it lists.
fn count_chars(bytes: &[u8]) -> usize {
    let starts = |chunk: &[u8]| {
        chunk
            .iter()
            .map(|&b| u8::from((b as i8) >= -0x40))
            .sum::<u8>()
    };
    bytes
        .chunks(255)
        .map(|chunk| usize::from(starts(chunk)))
        .sum()
}

impl LineIndex {
    /// Indexes `text`: one pass over its bytes.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(narrow(i + 1));
            }
        }
        starts.shrink_to_fit();
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let (mut offset, mut chars) = (0, 0);
        while offset < text.len() {
            checkpoints.push((narrow(offset), narrow(chars)));
            let mut next = (offset + CHECKPOINT).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += count_chars(&bytes[offset..next]);
            offset = next;
        }
        Self {
            starts,
            checkpoints,
        }
    }

    /// Characters in `text` before `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = self
            .checkpoints
            .partition_point(|&(at, _)| at as usize <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, chars)) => {
                chars as usize + count_chars(&text.as_bytes()[at as usize..offset])
            }
            None => count_chars(&text.as_bytes()[..offset]),
        }
    }

    /// The 1-based line holding `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start as usize <= offset)
    }

    /// The position of `offset` in `text` (the text this index was built from). Offsets past the
    /// end or inside a character are clamped to the nearest character boundary before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line - 1] as usize;
        // Lines are short in any real plan: count along the line, and use the checkpoints only
        // for a long one.
        let before = match offset - start <= CHECKPOINT {
            true => count_chars(&text.as_bytes()[start..offset]),
            false => self.chars_before(text, offset) - self.chars_before(text, start),
        };
        let column = before + 1;
        Position { line, column }
    }

    /// The lines of `text` (the text this index was built from), each with its ending: a line
    /// feed, a carriage return and line feed, or a carriage return alone.
    pub fn lines<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        let starts = self.starts.iter().map(|&start| start as usize);
        let ends = starts.clone().skip(1).chain([text.len()]);
        starts
            .zip(ends)
            .filter(|&(start, end)| start < end)
            .map(|(start, end)| &text[start..end])
    }

    /// Byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i).map(|&start| start as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_endings_whichever_they_are() {
        let text = "a\nb\r\nc\rd";
        let lines: Vec<&str> = LineIndex::new(text).lines(text).collect();
        assert_eq!(lines, ["a\n", "b\r\n", "c\r", "d"]);
        assert_eq!(LineIndex::new("").lines("").count(), 0);
        assert_eq!(
            LineIndex::new("x\n").lines("x\n").collect::<Vec<_>>(),
            ["x\n"]
        );
    }

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text).position(text, offset);
        (p.line, p.column)
    }

    #[test]
    fn counts_lines_for_every_line_ending() {
        let text = "a\nb\r\nc\rd";
        assert_eq!(pos(text, 0), (1, 1));
        assert_eq!(pos(text, 2), (2, 1));
        assert_eq!(pos(text, 5), (3, 1));
        assert_eq!(pos(text, 7), (4, 1));
    }

    #[test]
    fn crlf_is_one_line_break() {
        let text = "ab\r\ncd";
        assert_eq!(
            pos(text, 3),
            (1, 4),
            "the \\n of \\r\\n still belongs to line 1"
        );
        assert_eq!(pos(text, 4), (2, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "£5 – Ùige";
        let offset = text.find('Ù').unwrap();
        assert_eq!(pos(text, offset), (1, 6));
    }

    proptest::proptest! {
        /// Short lines and lines past the checkpoint spacing, ASCII and not.
        #[test]
        fn a_column_is_the_characters_before_it_on_its_line_plus_one(
            text in "([a£–Ùé ]{0,300}\n){0,3}[a£–Ùé ]{0,3000}",
            at in 0usize..12_000,
        ) {
            let offset = text.char_indices().map(|(i, _)| i).chain([text.len()])
                .nth(at % (text.chars().count() + 1))
                .unwrap();
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() + 1;
            let line = text[..offset].matches('\n').count() + 1;
            proptest::prop_assert_eq!(pos(&text, offset), (line, column));
            proptest::prop_assert_eq!(LineIndex::new(&text).line(offset), line);
        }
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "é";
        assert_eq!(pos(text, 1), (1, 1));
        assert_eq!(pos(text, 99), (1, 2));
    }
}
