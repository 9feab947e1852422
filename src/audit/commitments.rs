//! Commitments and measures: the sentences that turn an intention into something a reader can
//! hold the partnership to ("we will … by March 2027", a target, a percentage, a named lead).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    let months =
        "january|february|march|april|may|june|july|august|september|october|november|december";
    let promise = r"\bwe will\b|\bwe(?: a|')re committed to\b|\bwe (?:aim|plan|intend|expect|commit|pledge) to\b|\bwill be (?:delivered|completed|in place|introduced|launched|reviewed|published|reduced|increased|extended)\b";
    let deadline = format!(
        r"\b(?:by|before) (?:the end of |spring |summer |autumn |winter |(?:{months}) )?20\d\d\b|\bwithin (?:\d+|one|two|three|six|twelve|eighteen) (?:weeks|months|years)\b"
    );
    let measure = r"\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\btargets?\b|\b(?:key )?performance indicators?\b|\bKPIs?\b|\bbaseline\b|\bmeasured by\b|\blead (?:officer|manager|director)\b|\bresponsible officer\b";
    RegexBuilder::new(&format!("{promise}|{deadline}|{measure}"))
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| unreachable!("the commitment pattern is a constant: {e}"))
});

/// The first commitment or measure in a block's text: the sentence that holds it, as a range
/// of that text.
pub fn find(text: &str) -> Option<Range<usize>> {
    let found = COMMITMENT.find(text)?;
    Some(sentence_around(text, found.range()))
}

/// The sentence holding `range`: from after the previous `.`, `!`, `?` or `;` followed by a
/// space, to the next one (inclusive), or the block's ends.
fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let is_end = |(i, c): (usize, char)| {
        matches!(c, '.' | '!' | '?' | ';') && text[i + 1..].starts_with([' ', '\n'])
    };
    let start = text[..range.start]
        .char_indices()
        .rev()
        .find(|&ic| is_end(ic))
        .map_or(0, |(i, _)| i + 2);
    let end = text[range.end..]
        .char_indices()
        .find(|&(i, c)| is_end((range.end + i, c)))
        .map_or(text.trim_end().len(), |(i, _)| range.end + i + 1);
    start..end.max(range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        find(text).map(|r| &text[r])
    }

    #[test]
    fn finds_the_sentence_of_a_promise_deadline_or_measure() {
        let text = "Carers matter. We will open two hubs. Nothing else.";
        assert_eq!(found(text), Some("We will open two hubs."));
        assert_eq!(
            found("Two hubs open by March 2027"),
            Some("Two hubs open by March 2027")
        );
        assert_eq!(
            found("Delays fall by 15% this year."),
            Some("Delays fall by 15% this year.")
        );
        assert_eq!(
            found("We aim to halve waits; it is hard."),
            Some("We aim to halve waits;")
        );
        assert_eq!(
            found("Lead officer: Morven Baillie"),
            Some("Lead officer: Morven Baillie")
        );
        assert_eq!(
            found("Reviews happen within six months."),
            Some("Reviews happen within six months.")
        );
    }

    #[test]
    fn ignores_plain_description() {
        assert_eq!(found("Carers told us that breaks matter."), None);
        assert_eq!(found("Since 2019 the service has grown."), None);
        assert_eq!(found("The will of the people, e.g. in 2020."), None);
    }
}
