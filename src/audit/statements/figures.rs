//! Figures in a sentence: counts, percentages, sums of money, proportions in words and
//! comparisons between places or groups. A sentence of figures is background to what a plan
//! does ([`Adjustment::Statistic`](super::Adjustment::Statistic)), so they are counted once
//! per sentence, in one pass over its words.

use std::sync::LazyLock;

use super::is_one_of;
use crate::audit::wording::{Wording, forms};

/// See [`forms::figures`].
static FIGURES: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::figures()));

/// A sentence is a statistic when one word in this many is a figure.
const FIGURE_SHARE: usize = 10;

/// See [`forms::comparison`].
static COMPARISON: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::comparison()));

/// Words in a sentence that a comparison of figures ([`COMPARISON`]) makes a statistic: a
/// profile's sentence often pairs two comparisons ("above the Scottish average, but … nine
/// years shorter than in the rest of the locality"); in a longer one the comparison is a clause
/// beside what the sentence goes on to say.
const COMPARISON_WORDS: usize = 40;

/// Whether a sentence of `words` words, at most [`COMPARISON_WORDS`], compares figures.
pub(super) fn is_comparison(text: &str, words: usize) -> bool {
    words <= COMPARISON_WORDS && COMPARISON.is_match(text)
}

/// Figures (numbers other than years, percentages, sums of money) make up at least one word in
/// [`FIGURE_SHARE`], and at least one of them is a percentage or sum, or there are two.
pub(super) fn is_statistic(text: &str, figures: Figures) -> bool {
    let Figures { count, words, .. } = figures;
    let enough = if FIGURES.is_match(text) { 1 } else { 2 };
    count >= enough && count * FIGURE_SHARE >= words
}

/// Words after which numbers name things rather than count them: "outcomes 2, 4 and 9",
/// "indicator 18", "section 29", "priority 3".
pub(super) const NUMBERING_WORDS: &[&str] = &[
    "outcome",
    "outcomes",
    "principle",
    "principles",
    "indicator",
    "indicators",
    "ni",
    "section",
    "sections",
    "priority",
    "priorities",
    "chapter",
    "page",
    "pages",
    "appendix",
    "table",
    "figure",
    "phase",
    "level",
];

/// The figures of a sentence, read in one pass over its words.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Figures {
    /// How many words are figures, leaving out numbers that follow a numbering word and the
    /// numbers listed with them ("outcomes 2, 4 and 9").
    pub(super) count: usize,
    /// Whether a figure is not a sum of money ("£1.5 million", "£585k"): a finance statement
    /// is figures throughout, and they are its subject, where a needs profile's counts of
    /// people are background to what the plan does.
    pub(super) counts_things: bool,
    /// How many words the sentence has, counted in the same pass: the share of figures and the
    /// length of a comparison are read against it.
    pub(super) words: usize,
}

pub(super) fn figures(text: &str) -> Figures {
    let mut numbering = false;
    let mut figures = Figures::default();
    // The two words before this one, for a proportion in words.
    let mut before: [&str; 2] = ["", ""];
    for word in text.split_whitespace() {
        figures.words += 1;
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let proportion = is_proportion(before, bare);
        before = [before[1], bare];
        if proportion {
            figures.count += 1;
            figures.counts_things = true;
        } else if is_figure(word) {
            figures.count += usize::from(!numbering);
            let money = word
                .trim_start_matches(['(', '['])
                .starts_with(['£', '$', '€']);
            figures.counts_things |= !money;
        } else if matches!(bare, "and" | "or" | "to" | "") {
            // "2, 4 and 9", "2 to 5", "2 – 5": the numbering goes on.
        } else {
            numbering = is_one_of(bare, NUMBERING_WORDS);
        }
    }
    figures
}

/// Number words small enough to make a proportion: "one in five", "three out of ten".
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Whether `word` ends a proportion in words with the two words before it ("one in *five*",
/// "nine out of *ten*"): a figure as much as "20%" is.
fn is_proportion(before: [&str; 2], word: &str) -> bool {
    let number = |w: &str| is_one_of(w, NUMBER_WORDS);
    // The joining word first: it rules out almost every word of a sentence in one comparison.
    let joined = (before[1].eq_ignore_ascii_case("in") && number(before[0]))
        || (before[1].eq_ignore_ascii_case("of") && before[0].eq_ignore_ascii_case("out"));
    joined && number(word)
}

/// A number standing as a word ("340", "12%", "£2m", "1,240"), not a year and not part of a
/// reference such as "29(2)(a)".
fn is_figure(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':'));
    let digits = word.trim_start_matches(['£', '$', '€']);
    let number = digits.trim_end_matches(|c: char| c == '%' || c.is_ascii_alphabetic());
    let unit = &digits[number.len()..];
    !number.is_empty()
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && matches!(unit, "" | "%" | "m" | "bn" | "k")
        && !(unit.is_empty() && word == digits && is_year(number))
}

fn is_year(number: &str) -> bool {
    number.len() == 4 && (number.starts_with("19") || number.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_a_number_that_is_not_a_year_or_a_reference() {
        assert!(is_figure("1,240") && is_figure("12%") && is_figure("£2m") && is_figure("(340)"));
        assert!(!is_figure("2024") && !is_figure("29(2)(a)") && !is_figure("O6"));
    }
}
