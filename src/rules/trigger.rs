//! What must occur in a plan's text before a pattern can match: the literals its matches start
//! or end with, extracted from the pattern itself. Also compiled into `build.rs`, which works
//! out the built-ins' triggers once, so this module uses nothing but regex-syntax.

use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// How much longer a pattern's shortest suffix must be than its shortest prefix before the
/// pattern is run over the lines holding a suffix instead of anchored at each prefix. Anchored
/// runs cost ~50 ns and a line search ~1 µs, so only a much rarer suffix pays: on a generated
/// 1 MB plan, `\b(?:our|the|a)\s+…well[\s-]?being` meant 79,000 anchored runs at "a", "our"
/// and "the" but only 625 lines holding "being".
const RARER_SUFFIX: usize = 2;

/// How many literals extraction may produce before it gives up on a pattern.
const MAX_LITERALS: usize = 64;

/// What must occur in the text before a pattern can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// Every match starts with one of these (ASCII-lowercase) literals.
    Start(Vec<String>),
    /// Every match ends with one of these literals; the pattern runs over lines holding one.
    Line(Vec<String>),
    /// Nothing literal is required: the pattern runs over every line.
    Always,
}

/// Works out how `pattern` is triggered: anchored at its prefixes, unless its suffixes are much
/// more distinctive or it has no prefixes.
pub fn of(pattern: &str) -> Trigger {
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
    else {
        return Trigger::Always;
    };
    let prefixes = literals(&hir, ExtractKind::Prefix);
    let suffixes = literals(&hir, ExtractKind::Suffix);
    match (prefixes, suffixes) {
        (Some(p), Some(s)) if shortest(&s) >= shortest(&p) + RARER_SUFFIX => Trigger::Line(s),
        (Some(p), _) => Trigger::Start(p),
        (None, Some(s)) => Trigger::Line(s),
        (None, None) => Trigger::Always,
    }
}

fn shortest(literals: &[String]) -> usize {
    literals.iter().map(String::len).min().unwrap_or(0)
}

/// Literals of `kind` that every match of `hir` must have, ASCII-lowercased and without any
/// that extends another. `None` if some match could do without.
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    let suffix = matches!(kind, ExtractKind::Suffix);
    // A class of even two bytes doubles the literals, and `\s` has six: stop at any class.
    let seq = Extractor::new()
        .kind(kind)
        .limit_class(1)
        .limit_total(MAX_LITERALS)
        .extract(hir);
    let mut found = seq
        .literals()?
        .iter()
        .map(|l| String::from_utf8(l.as_bytes().to_ascii_lowercase()).ok())
        .collect::<Option<Vec<String>>>()?;
    if found.iter().any(String::is_empty) {
        return None;
    }
    found.sort();
    found.dedup();
    let extends = |a: &String, b: &String| match suffix {
        true => a.ends_with(b.as_str()),
        false => a.starts_with(b.as_str()),
    };
    let minimal = found
        .iter()
        .filter(|a| !found.iter().any(|b| b != *a && extends(a, b)))
        .cloned()
        .collect();
    Some(minimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn distinctive_prefixes_anchor_the_pattern() {
        assert_eq!(
            of(r"\b(?:Support|supporting|value)s?\s+(?:staff|team)\b"),
            Trigger::Start(strings(&["support", "value"]))
        );
    }

    #[test]
    fn short_prefixes_give_way_to_longer_suffixes() {
        assert_eq!(
            of(r"\b(?:two|\d+)\s+localities\b"),
            Trigger::Line(strings(&["localities"]))
        );
    }

    #[test]
    fn patterns_without_required_literals_run_everywhere() {
        assert_eq!(of(r"\w+\s+\w+"), Trigger::Always);
        assert_eq!(of(r"(?:carers)?"), Trigger::Always);
    }
}
