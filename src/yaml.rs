//! The one door through which planaudit reads YAML.
//!
//! serde_yaml is deprecated upstream. Every YAML read goes through [`from_str`], so a maintained
//! fork with the same API (serde_norway) can replace it by changing the `use` below.

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A YAML error with the byte offset it happened at, when the parser knows it.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub offset: Option<usize>,
}

/// Deserialises `text` into `T`, keeping the error's location.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    backend::from_str(text).map_err(|error| Error {
        offset: error.location().map(|location| location.index()),
        message: error.to_string(),
    })
}

/// The span of `value` as written in YAML `text` (plain, single- or double-quoted) at or after
/// `from`; an empty span at `from` when it cannot be found.
///
/// serde_yaml keeps no spans for values, so checks made after deserialising find their value's
/// place again this way; it is exact for the way rule and config files are written. Text in a
/// comment is never the value: the starter config repeats example values in comments.
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
