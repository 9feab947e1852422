//! The one door through which planaudit reads YAML.
//!
//! serde_yaml is deprecated upstream. Every YAML read goes through [`from_str`], so a maintained
//! fork with the same API (serde_norway) can replace it by changing the `use` below.
//!
//! serde_yaml keeps no spans for values, so a check made after deserialising (an unknown item,
//! an expired waiver) finds its node again with [`node_span`], which walks the parser events
//! of saphyr-parser: those carry the place each node was written.

use std::collections::HashSet;
use std::ops::Range;

use saphyr_parser::{Event, Parser, Span};
use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A YAML error with the byte offset it happened at, when the parser knows it.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub offset: Option<usize>,
}

/// Deserialises `text` into `T`, keeping the error's location. A key written twice in one
/// mapping is an error at its second spelling: serde_yaml places a struct's at the mapping's
/// start, and lets a map (`require:`, `severity:`) keep the last value without a word.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    // A byte order mark, which Windows editors write, is no part of the first key: the parser
    // read `\u{feff}schema_version` as a key of its own. Errors still point into `text`.
    match text.strip_prefix('\u{feff}') {
        Some(rest) => parse(rest).map_err(|e| Error {
            offset: e.offset.map(|at| at + '\u{feff}'.len_utf8()),
            ..e
        }),
        None => parse(text),
    }
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some((at, message)) = shape_error(text) {
        return Err(Error {
            offset: Some(at),
            message,
        });
    }
    backend::from_str(text).map_err(|error| {
        let mut message = error.to_string();
        let located = error.location().map(|location| location.index());
        let offset = match located {
            None | Some(0) => reader_position(&mut message, text).or(located),
            _ => located,
        };
        // Callers show the place themselves.
        if let Some(location) = error.location() {
            let place = format!(" at line {} column {}", location.line(), location.column());
            message = message.replacen(&place, "", 1);
        }
        if offset.is_some_and(|at| indented_with_tab(text, at)) {
            message.push_str(" (this line is indented with a tab; YAML indents with spaces)");
        }
        Error {
            offset,
            message: in_plain_words(&message),
        }
    })
}

/// The parser's message with its Rust type names said as a file's author knows them
/// ("expected usize" reads "expected a whole number"), and a hint to quote a value that YAML
/// read as a number, a list or a mapping where text was wanted (`NHS 24, 999`, `manage: health`),
/// and the key meant by a misspelt one (`strip_section`).
fn in_plain_words(message: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("expected usize", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        (
            "expected struct RuleSet",
            "expected a rule set (a mapping of keys)",
        ),
        (
            "expected struct Group",
            "expected a group (a mapping with `all` or `any`)",
        ),
        ("expected struct ", "expected a mapping of keys: "),
    ];
    let mut message = message.to_owned();
    if let Some((name, words)) = NAMES.iter().find(|(name, _)| message.contains(name)) {
        message = message.replacen(name, words, 1);
    }
    let not_text = ["integer", "floating point", "boolean", "map", "sequence"]
        .iter()
        .any(|kind| message.contains(&format!("invalid type: {kind}")));
    if not_text {
        message = message.replacen(
            "expected a string",
            "expected a string (in quotes, to be read as text)",
            1,
        );
    }
    if let Some(near) = meant_key(&message) {
        message.push_str(&format!(" (did you mean `{near}`?)"));
    }
    message
}

/// The key an "unknown field `strip_section`, expected one of `file`, `strip_sections`, …"
/// was nearly, when it is a typo of one of them.
fn meant_key(message: &str) -> Option<&str> {
    let rest = message.split_once("unknown field `")?.1;
    let (key, expected) = rest.split_once("`, expected ")?;
    crate::near::closest(key, expected.split('`').skip(1).step_by(2))
}

/// Where the YAML reader stopped, for an error it ends with "at position N" (a byte offset),
/// placed at the file's start (a control character): the error is placed there instead, and
/// the position is taken out of the message, as callers show the place. Only the message's
/// end is read, so a value that says "at position" is never taken for one.
fn reader_position(message: &mut String, text: &str) -> Option<usize> {
    let digits = message.len() - message.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let at = message.len() - digits;
    let stem = message[..at].strip_suffix(" at position ")?;
    let mut offset: usize = message[at..].parse().ok()?;
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    message.truncate(stem.len());
    Some(offset)
}

/// Whether the line holding byte `at` of `text` starts with a tab.
fn indented_with_tab(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..].starts_with('\t')
}

/// Deepest nesting of mappings and sequences read. planaudit's files nest a handful of levels;
/// the YAML reader's time grows with the square of the depth, so a file of 200 KB of `[`
/// held a run for half a minute.
const MAX_NESTING: usize = 64;

/// The first problem of shape serde_yaml would not report, or not quickly: where a key written
/// twice in one mapping is written the second time, or where the nesting passes
/// [`MAX_NESTING`], with the message to give.
fn shape_error(text: &str) -> Option<(usize, String)> {
    let too_deep = format!("mappings and sequences are nested more than {MAX_NESTING} levels deep");
    // Per open collection, innermost last: for a mapping, the keys seen so far and whether its
    // next node is a key; `None` for a sequence.
    let mut open: Vec<Option<(HashSet<String>, bool)>> = Vec::new();
    for read in Parser::new_from_str(text) {
        let (event, span) = match read {
            Ok(read) => read,
            // The scanner reads ahead through a run of brackets and stops at its own limit
            // (255 flow levels) before this walk sees the first: the same problem, found sooner.
            Err(e) if e.info() == "recursion limit exceeded" => {
                return Some((char_to_byte(text, e.marker().index()), too_deep));
            }
            // serde_yaml reports the file's syntax errors, in its own words.
            Err(_) => return None,
        };
        if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            open.pop();
            continue;
        }
        let at = || char_to_byte(text, span.start.index());
        if let Some(Some((keys, next_is_key))) = open.last_mut() {
            if let (true, Event::Scalar(key, ..)) = (*next_is_key, &event)
                && !keys.insert(key.to_string())
            {
                return Some((at(), format!("`{key}` is written twice in one mapping")));
            }
            *next_is_key = !*next_is_key;
        }
        let opened = match event {
            Event::MappingStart(..) => Some((HashSet::new(), true)),
            Event::SequenceStart(..) => None,
            _ => continue,
        };
        if open.len() == MAX_NESTING {
            return Some((at(), too_deep));
        }
        open.push(opened);
    }
    None
}

/// One step from a YAML node to a node inside it.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The value of this key in a mapping.
    Value(&'a str),
    /// This key itself, for a name written as a key (`require: {outcome: covered}`); it ends a
    /// path.
    Key(&'a str),
    /// The item at this index of a sequence.
    Index(usize),
}

/// The byte span of the node at `path` in YAML (or JSON) `text`, from the parser's markers, so
/// the same value repeated in a comment, or written elsewhere as a key, is never taken for it.
/// `None` when the text does not parse or holds no such node. A mapping or sequence spans
/// its opening only; callers point at a scalar inside it where they can.
pub fn node_span(text: &str, path: &[Step]) -> Option<Range<usize>> {
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let bom = '\u{feff}'.len_utf8();
        return node_span(rest, path).map(|span| span.start + bom..span.end + bom);
    }
    let mut events = Parser::new_from_str(text)
        .map_while(Result::ok)
        .skip_while(|(event, _)| matches!(event, Event::StreamStart | Event::DocumentStart(_)));
    let span = find(&mut events, path)?;
    Some(char_to_byte(text, span.start.index())..char_to_byte(text, span.end.index()))
}

/// The byte offset of the character at `char_index` of `text` (the parser counts characters).
fn char_to_byte(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(at, _)| at)
}

/// Follows `path` from the node whose first event comes next.
fn find<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>, path: &[Step]) -> Option<Span> {
    let (event, span) = events.next()?;
    if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
        return None;
    }
    let Some((step, rest)) = path.split_first() else {
        return Some(span);
    };
    match (event, *step) {
        (Event::MappingStart(..), Step::Key(name) | Step::Value(name)) => loop {
            let (key, key_span) = events.next()?;
            match key {
                Event::MappingEnd => return None,
                Event::Scalar(key, ..) if key == name => {
                    return match step {
                        Step::Key(_) => Some(key_span),
                        _ => find(events, rest),
                    };
                }
                key => {
                    skip_inside(&key, events)?;
                    skip_node(events)?;
                }
            }
        },
        (Event::SequenceStart(..), Step::Index(index)) => {
            for _ in 0..index {
                if !skip_node(events)? {
                    return None;
                }
            }
            find(events, rest)
        }
        _ => None,
    }
}

/// Skips the next node; `false` when the enclosing mapping or sequence ended instead.
fn skip_node<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>) -> Option<bool> {
    let (event, _) = events.next()?;
    if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
        return Some(false);
    }
    skip_inside(&event, events)?;
    Some(true)
}

/// Skips what lies inside a node whose first event was `first`, up to its end.
fn skip_inside<'a>(
    first: &Event<'a>,
    events: &mut impl Iterator<Item = (Event<'a>, Span)>,
) -> Option<()> {
    let opens = |event: &Event| matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
    let mut depth = usize::from(opens(first));
    while depth > 0 {
        let (event, _) = events.next()?;
        match event {
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            event if opens(&event) => depth += 1,
            _ => {}
        }
    }
    Some(())
}

/// The span of `value` as written in YAML `text` (plain, single- or double-quoted) at or after
/// `from`; an empty span at `from` when it cannot be found.
///
/// Rule files' checks find a value within its item's span this way; it is exact for the way
/// rule files are written. Text in a comment is never the value. Where a path to the node is
/// known, [`node_span`] is exact whatever the text around it.
pub fn find_value(text: &str, from: usize, value: &str) -> std::ops::Range<usize> {
    let spellings = [
        value.to_owned(),
        value.replace('\'', "''"),
        value.replace('\\', "\\\\").replace('"', "\\\""),
    ];
    let from = from.min(text.len());
    let rest = &text[from..];
    spellings
        .iter()
        .filter_map(|s| {
            rest.match_indices(s.as_str())
                .map(|(at, _)| from + at)
                .find(|&at| !in_comment(text, at))
                .map(|at| at..at + s.len())
        })
        .min_by_key(|span| span.start)
        .unwrap_or(from..from)
}

/// Whether `at` lies in a YAML comment: after a `#` that starts its line or follows a space,
/// outside quotes.
fn in_comment(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let (mut single, mut double, mut previous) = (false, false, ' ');
    for c in line.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => return true,
            _ => {}
        }
        previous = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader's own errors (a control character) give a byte position and no place: the
    /// error is placed at the character, not at the file's first line.
    #[test]
    fn a_control_character_is_placed_where_it_is() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Config {
            #[allow(dead_code)]
            exclude: Vec<String>,
        }
        let text = "# é\nexclude: [\"x\u{1b}y\"]\n";
        let error = from_str::<Config>(text).unwrap_err();
        assert_eq!(error.offset, Some(text.find('\u{1b}').unwrap()));
        assert_eq!(error.message, "control characters are not allowed");
        // A value that says "at position" is the value, not a place.
        let text = "exclude: [a]\nformat: \"json at position 0\"\n";
        let error = from_str::<Config>(text).unwrap_err();
        assert!(error.message.contains("format"), "{}", error.message);
        assert_ne!(error.offset, Some(0));
    }

    /// Windows editors start a file with a byte order mark: it is read past, and places are
    /// still offsets into the file.
    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_key() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Set {
            schema_version: u32,
            id: String,
        }
        let set: Set = from_str("\u{feff}schema_version: 1\nid: kb\n").unwrap();
        assert_eq!((set.schema_version, set.id.as_str()), (1, "kb"));
        let text = "\u{feff}schema_version: 1\nid: [kb\n";
        let error = from_str::<Set>(text).unwrap_err();
        let plain = from_str::<Set>(&text[3..]).unwrap_err();
        assert_eq!(
            error.offset,
            plain.offset.map(|at| at + 3),
            "{}",
            error.message
        );
        let text = "\u{feff}schema_version: 1\nid: kb\n";
        let span = node_span(text, &[Step::Value("id")]).unwrap();
        assert_eq!(&text[span], "kb");
    }

    /// An author reads "a whole number", not `usize`, and is told to quote a value YAML took
    /// for a number where text was wanted.
    #[test]
    fn errors_name_types_in_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Group {
            near: usize,
            weight: f32,
            terms: Vec<String>,
        }
        let error = |text: &str| from_str::<Group>(text).unwrap_err().message;
        let near = error("near: '5'\nweight: 1\nterms: [a]\n");
        assert!(near.ends_with("expected a whole number"), "{near}");
        let weight = error("near: 5\nweight: heavy\nterms: [a]\n");
        assert!(weight.ends_with("expected a number"), "{weight}");
        let term = error("near: 5\nweight: 1\nterms: [manage: health]\n");
        assert!(
            term.contains("map, expected a string (in quotes, to be read as text)"),
            "{term}"
        );
        let list = from_str::<Group>("[1, 2]\n").unwrap_err().message;
        assert!(!list.contains("struct"), "{list}");
    }

    #[test]
    fn a_node_is_found_by_its_path_not_by_its_text() {
        let text = "# waivers:\n#   - until: 2020-01-01\nformat: json\nwaivers:\n  - code: format\n    \
                    until: 2020-01-01\n  - {item: O6, until: '2020-01-01'}\nrequire:\n  format: weak\n";
        let at = |path: &[Step]| node_span(text, path).map(|span| &text[span]);
        let line = |path: &[Step]| {
            let span = node_span(text, path).unwrap();
            text[..span.start].matches('\n').count() + 1
        };
        let first = [Step::Value("waivers"), Step::Index(0)];
        assert_eq!(
            at(&[first[0], first[1], Step::Value("code")]),
            Some("format")
        );
        assert_eq!(line(&[first[0], first[1], Step::Value("code")]), 5);
        assert_eq!(line(&[first[0], first[1], Step::Value("until")]), 6);
        let second = [Step::Value("waivers"), Step::Index(1), Step::Value("until")];
        assert_eq!(at(&second), Some("'2020-01-01'"));
        assert_eq!(line(&second), 7);
        assert_eq!(
            at(&[Step::Value("require"), Step::Key("format")]),
            Some("format")
        );
        assert_eq!(line(&[Step::Value("require"), Step::Key("format")]), 9);
        assert_eq!(at(&[Step::Value("format")]), Some("json"));
        assert_eq!(at(&[Step::Value("waivers"), Step::Index(2)]), None);
        assert_eq!(at(&[Step::Value("absent")]), None);
        assert_eq!(node_span("a: [unclosed", &[Step::Value("a")]), Some(3..4));
    }

    #[test]
    fn json_nodes_are_found_too() {
        let text = "{\n  \"findings\": [],\n  \"schema_version\": 9\n}\n";
        let span = node_span(text, &[Step::Value("schema_version")]).unwrap();
        assert_eq!(&text[span], "9");
    }

    #[test]
    fn a_value_repeated_in_a_comment_is_found_where_it_is_set() {
        let text = "# waivers:\n#     until: 2020-01-01\nwaivers:\n  - item: O6\n    until: 2020-01-01 # old\n";
        let span = find_value(text, 0, "2020-01-01");
        assert_eq!(&text[span.clone()], "2020-01-01");
        assert_eq!(
            text[..span.start].matches('\n').count(),
            4,
            "line 5, not the comment"
        );
        let quoted = "a: \"see # 7\"\n";
        assert_eq!(
            find_value(quoted, 0, "see # 7"),
            4..11,
            "a quoted # starts no comment"
        );
        assert_eq!(find_value("a: 'it''s' # it's\n", 0, "it's"), 4..9);
    }
}
