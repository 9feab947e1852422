//! Constant patterns of the audit's own wording rules ("we will", "by March 2027"), each built
//! in two forms on first use: Unicode off for plain text, as written for any other text.
//!
//! Building these patterns was most of a small plan's run: Unicode word boundaries, classes
//! and case folding, and the literals the regex crate extracts for prefilters, which were two
//! thirds of the building. The patterns run on single sentences and blocks, where a lazy DFA
//! needs no prefilter, so they are built without one (regex-automata's meta regex, which the
//! regex crate wraps, with the same syntax settings). On text whose only non-ASCII characters are plain punctuation (curly
//! quotes, dashes, `£`), ASCII `\b`, `\s`, `\d`, `\w` and case folding decide exactly as the
//! Unicode ones do, so the cheap form gives the same matches; text with any other non-ASCII
//! character (an accented name, a no-break space) keeps the Unicode form, built only then.

use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;

/// Non-ASCII characters that leave the cheap form exact: none is a word character, a space, a
/// digit, or has another case, in Unicode (a test checks each).
const PUNCTUATION: &[char] = &[
    '’', '‘', '“', '”', '–', '—', '…', '£', '€', '•', '·', '°', '§', '†', '‡', '✓', '✔',
];

/// Whether the cheap form decides `text` exactly as the Unicode form would.
fn is_plain(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || PUNCTUATION.contains(&c))
}

/// A pattern that matches any one character of plain text but `except`, for negated classes,
/// which Unicode-off patterns cannot have: `[^—–|]` is `any_plain_but(&['—', '–', '|'])`.
pub(super) fn any_plain_but(except: &[char]) -> String {
    let ascii = (0u8..=0x7F)
        .map(char::from)
        .filter(|c| !except.contains(c))
        .map(|c| format!("\\x{:02X}", u32::from(c)))
        .collect::<String>();
    let punctuation = PUNCTUATION
        .iter()
        .filter(|c| !except.contains(c))
        .map(|c| format!("|{}", regex::escape(&c.to_string())))
        .collect::<String>();
    format!("(?:[{ascii}]{punctuation})")
}

/// One constant pattern in its two forms.
#[derive(Debug)]
pub(super) struct Wording {
    /// The pattern as written, for any text.
    unicode: String,
    /// The same pattern for plain text, Unicode off.
    plain: String,
    case_insensitive: bool,
    unicode_built: OnceLock<Regex>,
    plain_built: OnceLock<Regex>,
}

impl Wording {
    /// A pattern whose Unicode-off form is the same text.
    pub(super) fn new(pattern: &str, case_insensitive: bool) -> Self {
        Self::with_plain(pattern, pattern, case_insensitive)
    }

    /// A pattern with its own Unicode-off form, for patterns with a negated class (see
    /// [`any_plain_but`]) or a class of non-ASCII characters.
    pub(super) fn with_plain(unicode: &str, plain: &str, case_insensitive: bool) -> Self {
        Self {
            unicode: unicode.to_owned(),
            plain: plain.to_owned(),
            case_insensitive,
            unicode_built: OnceLock::new(),
            plain_built: OnceLock::new(),
        }
    }

    /// The form to search `text` with.
    pub(super) fn regex(&self, text: &str) -> &Regex {
        if is_plain(text) {
            self.plain_built
                .get_or_init(|| build(&self.plain, false, self.case_insensitive))
        } else {
            self.unicode_built
                .get_or_init(|| build(&self.unicode, true, self.case_insensitive))
        }
    }

    /// Whether the pattern matches `text`, searched in the form fit for it.
    pub(super) fn is_match(&self, text: &str) -> bool {
        self.regex(text).is_match(text)
    }

    /// `text` with every match taken out, as `regex::Regex::replace_all(text, "")` gives it.
    pub(super) fn without(&self, text: &str) -> String {
        let mut kept = String::with_capacity(text.len());
        let mut from = 0;
        for found in self.regex(text).find_iter(text) {
            kept.push_str(&text[from..found.start()]);
            from = found.end();
        }
        kept.push_str(&text[from..]);
        kept
    }

    /// Both forms, for tests that compare them.
    #[cfg(test)]
    pub(super) fn forms(&self) -> (Regex, Regex) {
        (
            build(&self.plain, false, self.case_insensitive),
            build(&self.unicode, true, self.case_insensitive),
        )
    }
}

fn build(pattern: &str, unicode: bool, case_insensitive: bool) -> Regex {
    meta::Builder::new()
        .configure(meta::Config::new().auto_prefilter(false))
        .syntax(
            syntax::Config::new()
                .unicode(unicode)
                .case_insensitive(case_insensitive),
        )
        .build(pattern)
        .unwrap_or_else(|e| unreachable!("a constant pattern: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_no_word_space_digit_or_cased_letter() {
        let class = regex::Regex::new(r"^[\w\s\d]$").unwrap();
        for &c in PUNCTUATION {
            let text = c.to_string();
            assert!(!class.is_match(&text), "{c:?} is a word, space or digit");
            assert!(!c.is_alphabetic(), "{c:?} is a letter");
            let folded = regex_syntax::parse(&format!("(?i){text}")).unwrap();
            assert!(
                matches!(folded.kind(), regex_syntax::hir::HirKind::Literal(_)),
                "{c:?} has another case"
            );
        }
    }

    #[test]
    fn plain_text_is_ascii_or_listed_punctuation() {
        assert!(is_plain("We’ll fund £5m – by 2027"));
        assert!(!is_plain("Bòrd na Slàinte"));
        assert!(!is_plain("£5\u{a0}million"));
        assert!(!is_plain("\u{212a}ey"));
    }

    #[test]
    fn any_plain_but_leaves_out_only_the_exceptions() {
        let one = regex::Regex::new(&format!("^{}$", any_plain_but(&['—', '|']))).unwrap();
        assert!(one.is_match("a") && one.is_match("’") && one.is_match("–"));
        assert!(!one.is_match("—") && !one.is_match("|") && !one.is_match("é"));
    }

    /// Every wording pattern of the audit, by name.
    fn all() -> Vec<(&'static str, &'static Wording)> {
        use crate::audit::{claims, statements, structure, thread};
        vec![
            ("PURPOSE", &*statements::PURPOSE),
            ("PROMISE_LEAD_IN", &*statements::PROMISE_LEAD_IN),
            ("FIGURES", &*statements::FIGURES),
            ("PRESSURE", &*statements::PRESSURE),
            ("COMMITMENT", &*statements::COMMITMENT),
            ("NAMED_MEASURE", &*thread::NAMED_MEASURE),
            ("DATE", &*thread::DATE),
            ("NUMBER", &*thread::NUMBER),
            ("RESOURCES", &*thread::RESOURCES),
            ("MARKERS", &*claims::MARKERS),
            ("ITEM_LIST", &*claims::ITEM_LIST),
            ("NUMBERS", &*claims::NUMBER),
            ("SENTENCE", &*claims::SENTENCE),
            ("PERIOD", &*structure::PERIOD),
            ("REVIEW", &*structure::REVIEW),
        ]
    }

    /// Lines and sentence tails of the fixture plans, plus text made to sit on the edges.
    fn haystacks() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for plan in [
            "complete-plan",
            "gaps-plan",
            "paraphrase-plan",
            "english-strategy",
            "awkward-markdown",
        ] {
            let path = format!("{}/fixtures/plans/{plan}.md", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            for line in text.lines() {
                let line = line.trim_start_matches(['#', '-', '*', ' ', '|']);
                texts.push(line.to_owned());
                texts.extend(
                    line.match_indices(". ")
                        .map(|(i, _)| line[i + 2..].to_owned()),
                );
            }
        }
        texts.extend(
            [
                "We’ll fund £5m – 3 posts by March 2027; a target of 20 KPIs.",
                "Carers’ breaks†‡ — outcomes 2, 7 & (iv) [^note] (3)",
                "Safer lives – principle (xi) and outcomes ii, 9",
                "Wewill, we'll…we’ll “we will” budget—funded NI7, NI-12, NI 23 20% per cent",
                "Plan 2022–25, then 2025 to 2028 (2019-2023, 2020—2030, 2024/27)",
                "We will review it — as agreed — within 2 years; reviewed every three years",
            ]
            .map(str::to_owned),
        );
        texts
    }

    #[test]
    fn both_forms_agree_on_plain_text() {
        let texts = haystacks();
        let plain: Vec<&String> = texts.iter().filter(|t| is_plain(t)).collect();
        assert!(plain.len() > 500, "{} plain texts", plain.len());
        for (name, wording) in all() {
            let (cheap, full) = wording.forms();
            let mut matched = 0;
            for text in &plain {
                let spans = |r: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    r.captures_iter(text.as_str())
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start, m.end))).collect())
                        .collect()
                };
                let found = spans(&full);
                matched += found.len();
                assert_eq!(spans(&cheap), found, "{name} on {text:?}");
            }
            assert!(matched > 0, "{name} matched no text");
        }
    }

    #[test]
    fn other_text_keeps_unicode_rules() {
        use crate::audit::statements;
        let purpose = &*statements::PURPOSE;
        // An accented letter is a word character: no boundary before "we".
        assert!(!purpose.is_match("Cafèwe will"));
        assert!(purpose.is_match("Bòrd: we’ll act"));
        // The Kelvin sign folds to k; a no-break space is a space.
        assert!(statements::is_commitment("twenty \u{212a}PIs"));
        let figures = &*statements::FIGURES;
        assert!(figures.is_match("£2\u{a0}million"));
        assert!(figures.is_match("2\u{a0}million"));
    }
}
