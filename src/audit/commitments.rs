//! Commitments: the sentences that turn an intention into something a reader can hold the
//! partnership to ("we will … by March 2027", a target, a percentage).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    let months =
        "january|february|march|april|may|june|july|august|september|october|november|december";
    let pattern = format!(
        r"\bwe will\b|\bwe(?: a|')re committed to\b|\bwe (?:aim|plan|intend|expect|commit) to\b|\bby (?:the end of |spring |summer |autumn |winter |(?:{months}) )?20\d\d\b|\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\btargets?\b"
    );
    RegexBuilder::new(&pattern)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| unreachable!("the commitment pattern is a constant: {e}"))
});

/// The first commitment in a block's text, as a range of that text.
pub fn find(text: &str) -> Option<Range<usize>> {
    COMMITMENT.find(text).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        find(text).map(|r| &text[r])
    }

    #[test]
    fn finds_promises_dates_and_measures() {
        assert_eq!(found("We will open two hubs."), Some("We will"));
        assert_eq!(found("Two hubs open by March 2027."), Some("by March 2027"));
        assert_eq!(found("Cut delays by 15% this year."), Some("15%"));
        assert_eq!(found("We aim to halve waits."), Some("We aim to"));
        assert_eq!(found("Our target is clear."), Some("target"));
    }

    #[test]
    fn ignores_plain_description() {
        assert_eq!(found("Carers told us that breaks matter."), None);
        assert_eq!(found("Since 2019 the service has grown."), None);
    }
}
