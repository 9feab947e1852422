//! Constant patterns of the audit's own wording rules ("we will", "by March 2027"), each in two
//! forms: Unicode off for plain text, as written for any other text.
//!
//! Compiling these patterns at run time was a quarter of a small plan's run. On text whose only
//! non-ASCII characters are plain punctuation (curly quotes, dashes, `£`), ASCII `\b`, `\s`,
//! `\d`, `\w` and case folding decide exactly as the Unicode ones do, so the plain form gives the
//! same matches; `build.rs` determinizes every plain form ([`forms`]) and a run searches its
//! tables in place (`crate::dfa`). Text with any other non-ASCII character (an accented name, a
//! no-break space) uses the Unicode form, compiled on first use, as are the captures a few
//! callers need.

pub mod forms;

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::util::wire::AlignAs;

use crate::dfa::{Pair, Table};
use forms::{Form, PUNCTUATION};

/// Whether the cheap form decides `text` exactly as the Unicode form would.
fn is_plain(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || PUNCTUATION.contains(&c))
}

/// One constant pattern in its two forms, each made on first use: the plain form's tables read
/// in place from those `build.rs` stored, or compiled when it stored none.
#[derive(Debug)]
pub(super) struct Wording {
    form: Form,
    unicode_built: OnceLock<Regex>,
    plain_built: OnceLock<Regex>,
    stored: OnceLock<Option<Stored>>,
}

/// A plain form's DFAs, determinized by `build.rs`: the forward table, which says whether and
/// where matches end, and, for a form whose callers need where they start, the pair of it and
/// its reverse table.
#[derive(Debug)]
struct Stored {
    forward: Table,
    ranges: Option<Pair>,
}

/// A form's name and where in [`BLOB`] its forward and (if stored) reverse DFAs are.
type StoredForm = (&'static str, (usize, usize), Option<(usize, usize)>);

// `static STORED_FORMS: &[StoredForm]`, sorted by name.
include!(concat!(env!("OUT_DIR"), "/wording.rs"));

/// The stored tables, one after another.
static BLOB: &AlignAs<[u8], u32> = &AlignAs {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/wording.dfa")),
};

impl Stored {
    /// The tables `build.rs` stored for the form named `name`, if it stored any (and they read,
    /// which a test proves).
    fn read(name: &str) -> Option<Self> {
        let at = STORED_FORMS.binary_search_by_key(&name, |(n, ..)| n).ok()?;
        let (_, forward, reverse) = STORED_FORMS[at];
        let read = |(start, end): (usize, usize)| Table::read(&BLOB.bytes[start..end]);
        let forward = read(forward)?;
        let ranges = match reverse {
            Some(reverse) => Some(Pair {
                forward,
                reverse: read(reverse)?,
            }),
            None => None,
        };
        Some(Self { forward, ranges })
    }

    fn is_match(&self, text: &str) -> bool {
        self.forward
            .find_fwd(text.as_bytes(), 0..text.len(), true)
            .is_some()
    }

    /// Where each match ends, as `find_iter` finds them: each search starts where the last
    /// match ended.
    fn ends(&self, text: &str) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(end) = self
                .forward
                .find_fwd(text.as_bytes(), at..text.len(), false)
            else {
                break;
            };
            ends.push(end);
            // A constant pattern never matches the empty string; stepping on keeps it so.
            at = end.max(at + 1);
        }
        ends
    }

    /// [`Wording::each_match`], or false if no reverse table was stored.
    fn each_match(&self, text: &str, each: impl FnMut(Range<usize>) -> bool) -> bool {
        let Some(pair) = &self.ranges else {
            return false;
        };
        visit(pair.find_iter(text.as_bytes(), 0..text.len()), each);
        true
    }
}

/// Calls `each` with each range until it returns false.
fn visit(ranges: impl Iterator<Item = Range<usize>>, mut each: impl FnMut(Range<usize>) -> bool) {
    for range in ranges {
        if !each(range) {
            break;
        }
    }
}

impl Wording {
    pub(super) fn new(form: Form) -> Self {
        Self {
            form,
            unicode_built: OnceLock::new(),
            plain_built: OnceLock::new(),
            stored: OnceLock::new(),
        }
    }

    /// The form to search `text` with, as a full regex: for captures, and for searches the
    /// stored DFAs cannot make.
    pub(super) fn regex(&self, text: &str) -> &Regex {
        self.compiled(is_plain(text))
    }

    /// The plain form or the Unicode one, compiled on first use.
    fn compiled(&self, plain: bool) -> &Regex {
        let form = &self.form;
        if plain {
            self.plain_built
                .get_or_init(|| build(&form.plain, false, form.case_insensitive))
        } else {
            self.unicode_built
                .get_or_init(|| build(&form.unicode, true, form.case_insensitive))
        }
    }

    /// What to search `text` with: the stored DFAs if it is plain and `build.rs` stored them,
    /// otherwise the compiled form fit for it. Whether it is plain is worked out once.
    fn searcher(&self, text: &str) -> Result<&Stored, &Regex> {
        let plain = is_plain(text);
        let stored = plain
            .then(|| {
                self.stored
                    .get_or_init(|| Stored::read(self.form.name))
                    .as_ref()
            })
            .flatten();
        stored.ok_or_else(|| self.compiled(plain))
    }

    /// Whether the pattern matches `text`, searched in the form fit for it.
    pub(super) fn is_match(&self, text: &str) -> bool {
        match self.searcher(text) {
            Ok(stored) => stored.is_match(text),
            Err(regex) => regex.is_match(text),
        }
    }

    /// The first match in `text`.
    pub(super) fn find(&self, text: &str) -> Option<Range<usize>> {
        let mut first = None;
        self.each_match(text, |range| {
            first = Some(range);
            false
        });
        first
    }

    /// Calls `each` with every match in `text`, in order, until it returns false.
    pub(super) fn each_match(&self, text: &str, mut each: impl FnMut(Range<usize>) -> bool) {
        let regex = match self.searcher(text) {
            Ok(stored) if stored.each_match(text, &mut each) => return,
            // Stored without a reverse DFA: the text is plain.
            Ok(_) => self.compiled(true),
            Err(regex) => regex,
        };
        visit(regex.find_iter(text).map(|m| m.range()), each);
    }

    /// Where each match in `text` ends.
    pub(super) fn ends(&self, text: &str) -> Vec<usize> {
        match self.searcher(text) {
            Ok(stored) => stored.ends(text),
            Err(regex) => regex.find_iter(text).map(|m| m.end()).collect(),
        }
    }

    /// Every match in `text`.
    pub(super) fn matches(&self, text: &str) -> Vec<Range<usize>> {
        let mut all = Vec::new();
        self.each_match(text, |range| {
            all.push(range);
            true
        });
        all
    }

    /// `text` with every match taken out, as `regex::Regex::replace_all(text, "")` gives it.
    pub(super) fn without(&self, text: &str) -> String {
        let mut kept = String::with_capacity(text.len());
        let mut from = 0;
        self.each_match(text, |found| {
            kept.push_str(&text[from..found.start]);
            from = found.end;
            true
        });
        kept.push_str(&text[from..]);
        kept
    }

    /// Both compiled forms, for tests that compare them.
    #[cfg(test)]
    pub(super) fn forms(&self) -> (Regex, Regex) {
        let form = &self.form;
        (
            build(&form.plain, false, form.case_insensitive),
            build(&form.unicode, true, form.case_insensitive),
        )
    }
}

/// Compiles a form at run time, without a prefilter: the patterns run on single sentences and
/// blocks, where extracting literals cost more than it saved.
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
        let one = regex::Regex::new(&format!("^{}$", forms::any_plain_but(&['—', '|']))).unwrap();
        assert!(one.is_match("a") && one.is_match("’") && one.is_match("–"));
        assert!(!one.is_match("—") && !one.is_match("|") && !one.is_match("é"));
    }

    /// Every wording pattern of the audit, by name.
    fn all() -> Vec<(&'static str, Wording)> {
        forms::ALL
            .iter()
            .map(|form| {
                let form = form();
                (form.name, Wording::new(form))
            })
            .collect()
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
                "2022/23 to 2029/30; April 2024 – March 2027; 2024-25—2026-27",
                "This priority supports O7 and HWO 8; this work supports national and local outcomes 2 and 9",
                "We will review it — as agreed — within 2 years; reviewed every three years",
                "The HSCP will offer every carer a plan from April 2026; from 2027 breaks will be offered",
                "The percentage of adults supported at home; 12 falls per 1,000 people",
                "Performance measure",
                "Strategic risk",
                "Key actions",
                "What will change",
                "What we want to achieve",
                "Other formats and languages",
                "Table of contents",
                "Appendix 2: Glossary of terms",
                "Abbreviations and acronyms",
                "How this plan is organised",
                "Our vision, values and priorities",
                "What carers told us",
                "What our staff have told us",
                "Looking back at our last plan",
                "The laws and national policies that shape this plan",
                "Chair’s foreword",
                "Welcome",
                "You said, we did",
                "Copies in other formats are available on request.",
                "Residents described long waits; in our survey, people said they felt heard",
                "The Carers (Scotland) Act 2016 requires a local carer strategy",
                "It is read with the Carers (Scotland) Act 2016, the Equality Act 2010 and our Workforce Plan",
                "Rising demand and workforce pressures",
                "Blood pressure checks, and fewer pressure ulcers under pressure of demand",
                "Kelsmuir at a glance: population and deprivation",
                "We will not be able to keep every day centre open",
                "The number of people over 85 is expected to grow by 30% by 2035",
                "Children’s services are not delegated, and acute care is outside the scope of this plan",
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

    /// A form's name finds its stored DFAs, so no two forms share one.
    #[test]
    fn form_names_are_unique() {
        let mut names: Vec<&str> = all().iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a form name is used twice");
    }

    /// The DFAs `build.rs` stored find what the compiled plain form finds, match for match.
    #[test]
    fn stored_forms_find_what_compiled_ones_find() {
        let texts = haystacks();
        let plain: Vec<&String> = texts.iter().filter(|t| is_plain(t)).collect();
        let mut stored = 0;
        for (name, wording) in all() {
            let Some(dfas) = Stored::read(name) else {
                continue;
            };
            stored += 1;
            let (compiled, _) = wording.forms();
            for text in &plain {
                let expected: Vec<Range<usize>> = compiled
                    .find_iter(text.as_str())
                    .map(|m| m.range())
                    .collect();
                let ends: Vec<usize> = expected.iter().map(|m| m.end).collect();
                assert_eq!(
                    dfas.is_match(text),
                    !expected.is_empty(),
                    "{name} on {text:?}"
                );
                assert_eq!(dfas.ends(text), ends, "{name} on {text:?}");
                let mut found = Vec::new();
                let ranged = dfas.each_match(text, |range| {
                    found.push(range);
                    true
                });
                assert_eq!(ranged, wording.form.ranges, "{name} stores a reverse DFA");
                if ranged {
                    assert_eq!(found, expected, "{name} on {text:?}");
                }
                assert_eq!(wording.matches(text), expected, "{name} on {text:?}");
            }
        }
        // One pattern, with a bounded gap, is too large to determinize and is compiled at run
        // time instead.
        assert_eq!(stored, forms::ALL.len() - 1, "forms stored by build.rs");
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
        let figures = Wording::new(forms::figures());
        assert!(figures.is_match("£2\u{a0}million"));
        assert!(figures.is_match("2\u{a0}million"));
    }
}
