//! A phrase as written in a rule file: its words, the gaps between them (`...` padding or
//! punctuation) and each way of spelling it, with the stem of every word. Also compiled into
//! `build.rs`, which works out the built-ins' spellings and stems once, so this module uses
//! nothing but [`super::words`].
//!
//! A phrase may hold padding: `...` for up to [`DEFAULT_PADDING`] words, `...N` for up to N, so
//! "manage ... health" finds "manage their own long-term health". Otherwise the words of a
//! phrase follow each other with no punctuation between them but what the phrase itself has
//! there (whitespace, hyphens and apostrophes aside).

use super::words::{self, Stems};

/// Words `...` allows between two words of a phrase.
pub const DEFAULT_PADDING: u8 = 3;
/// Most words `...N` may allow: more is no longer one statement.
pub const MAX_PADDING: u8 = 8;

/// Most hyphenated words of one phrase that also match written as one word ("well-being" as
/// "wellbeing"); each doubles the phrase's spellings.
const MAX_JOINS: usize = 3;

/// How a word of a phrase follows the word before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Gap {
    /// Straight after, with this punctuation between (whitespace, hyphens and apostrophes
    /// aside).
    Tight(Box<str>),
    /// After up to this many other words of the same sentence.
    Padding(u8),
}

/// One word of a phrase as written: the gap before it, whether that gap is a lone hyphen, and
/// the word.
#[derive(Debug, Clone)]
pub struct Written {
    pub gap: Gap,
    pub hyphen: bool,
    pub word: String,
}

/// Checks a phrase's syntax, for the rule file's validation.
pub fn check(phrase: &str) -> Result<(), String> {
    parse(phrase).map(|_| ())
}

/// Cuts `phrase` into words, reading its padding markers.
pub fn parse(phrase: &str) -> Result<Vec<Written>, String> {
    let mut written = Vec::new();
    let mut padding = None;
    let mut rest = phrase;
    loop {
        let (part, after) = match rest.find("...") {
            Some(at) => (&rest[..at], Some(&rest[at + 3..])),
            None => (rest, None),
        };
        let before = written.len();
        push_words(part, padding.take(), &mut written);
        if written.len() == before {
            return Err(match (before, after) {
                (0, None) => format!("the phrase `{phrase}` has no words"),
                _ => format!("`...` in `{phrase}` must stand between two words"),
            });
        }
        let Some(after) = after else { break };
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let limit = match digits {
            0 => DEFAULT_PADDING,
            _ => after[..digits]
                .parse()
                .ok()
                .filter(|n| (1..=MAX_PADDING).contains(n))
                .ok_or_else(|| {
                    format!(
                        "`...{}` in `{phrase}`: padding allows 1 to {MAX_PADDING} words",
                        &after[..digits]
                    )
                })?,
        };
        let run_in = |c: char| c.is_alphanumeric() || c == '.';
        if after[digits..].starts_with(run_in) || part.ends_with(run_in) {
            return Err(format!(
                "write padding in `{phrase}` as `...` or `...N`, with a space before and after it"
            ));
        }
        padding = Some(Gap::Padding(limit));
        rest = &after[digits..];
    }
    Ok(written)
}

/// Appends the words of `part`; the first follows `padding` when given.
fn push_words(part: &str, mut padding: Option<Gap>, written: &mut Vec<Written>) {
    let mut end = 0;
    words::each_word(part, |word| {
        let range = word.range();
        let gap = &part[end..range.start];
        written.push(Written {
            gap: padding
                .take()
                .unwrap_or_else(|| Gap::Tight(words::punctuation(gap).collect())),
            hyphen: end > 0 && words::is_hyphen_only(gap),
            word: part[range.clone()].to_owned(),
        });
        end = range.end;
    });
}

/// Each way a phrase's words may be written: as given, and with each of the first
/// [`MAX_JOINS`] hyphenated pairs also joined into one word.
pub fn spellings(written: &[Written]) -> Vec<Vec<Written>> {
    let mut spellings: Vec<Vec<Written>> = vec![Vec::new()];
    let mut joins = 0;
    for word in written {
        let joinable = word.hyphen && joins < MAX_JOINS;
        joins += usize::from(joinable);
        let mut joined = Vec::new();
        for spelling in &mut spellings {
            if joinable && !spelling.is_empty() {
                let mut copy = spelling.clone();
                let last = copy.len() - 1;
                copy[last].word.push_str(&word.word);
                joined.push(copy);
            }
            spelling.push(word.clone());
        }
        spellings.extend(joined);
    }
    spellings
}

/// One word of one spelling of a phrase, ready for the trie: the punctuation before it, the
/// padding before it (0 for none), the word lowercased and its stem. The built-ins' are
/// `&'static str`s that `build.rs` wrote; a user's phrases are worked out at run time.
pub type Step<S> = (S, u8, S, S);

/// Every spelling of `phrase` ([`spellings`]) as [`Step`]s. Stemming the phrase words was most
/// of compiling the built-in rules (~0.6 µs a word), hence `build.rs` does it for them.
pub fn steps(phrase: &str, stems: &Stems) -> Result<Vec<Vec<Step<String>>>, String> {
    let written = parse(phrase)?;
    let step = |w: &Written| {
        let word = w.word.to_lowercase();
        let stem = stems.of(&word);
        match &w.gap {
            Gap::Tight(punctuation) => (punctuation.to_string(), 0, word, stem),
            Gap::Padding(limit) => (String::new(), *limit, word, stem),
        }
    };
    let spellings = spellings(&written);
    Ok(spellings
        .iter()
        .map(|s| s.iter().map(step).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn padding_stands_between_two_words_with_spaces_around_it() {
        for good in [
            "manage ... health",
            "outcomes ...6 report",
            "a ...8 b",
            "carers",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
        let refused = [
            ("... health", "must stand between two words"),
            ("manage ...", "must stand between two words"),
            ("a ...0 b", "padding allows 1 to 8 words"),
            ("a ...9 b", "padding allows 1 to 8 words"),
            ("digital... access", "with a space before and after it"),
            ("digital ...access", "with a space before and after it"),
            ("digital ....  access", "with a space before and after it"),
            ("   ", "has no words"),
        ];
        for (phrase, why) in refused {
            let error = check(phrase).unwrap_err();
            assert!(error.contains(why), "{phrase}: {error}");
        }
    }
}
