//! What must occur in a plan's text before a pattern can match: the literals its matches start
//! or end with, extracted from the pattern itself. Also compiled into `build.rs`, which works
//! out the built-ins' triggers once, so this module uses nothing but regex-syntax.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};

/// How much longer a pattern's shortest suffix must be than its shortest prefix before the
/// pattern is run over the lines holding a suffix instead of anchored at each prefix. Anchored
/// runs cost ~50 ns and a line search ~1 µs, so only a much rarer suffix pays: on a generated
/// 1 MB plan, `\b(?:our|the|a)\s+…well[\s-]?being` meant 79,000 anchored runs at "a", "our"
/// and "the" but only 625 lines holding "being".
const RARER_SUFFIX: usize = 2;

/// Longest literal kept: long enough to be rare, short enough that the automaton stays small
/// (3,700 literals in all at full length, for little gain in selectivity). Building the
/// automaton is a quarter of a small plan's set-up: at 12 bytes an empty plan took 29.0 M
/// instructions and a 1 MB plan 986 M; at 8, 24.4 M and 991 M; at 6, 22.6 M and 1,008 M.
const MAX_LITERAL_LEN: usize = 8;

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
    let hir = in_line(&hir);
    let prefixes = literals(&hir, ExtractKind::Prefix);
    let suffixes = literals(&hir, ExtractKind::Suffix);
    match (prefixes, suffixes) {
        (Some(p), Some(s)) if shortest(&s) >= shortest(&p) + RARER_SUFFIX => Trigger::Line(s),
        (Some(p), _) => Trigger::Start(p),
        (None, Some(s)) => Trigger::Line(s),
        (None, None) => Trigger::Always,
    }
}

/// `hir` as it can match inside one line of plan text, whose only whitespace is a single space
/// (the document stage collapses the rest): classes lose tabs, line breaks and the like, and a
/// run of spaces is one space, so `\s+` becomes " " and the literals run on past it
/// ("allowed to experiment" rather than "allowed").
fn in_line(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Bytes(class)) => {
            let mut class = class.clone();
            class.difference(&ClassBytes::new([ClassBytesRange::new(b'\t', b'\r')]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.difference(&ClassUnicode::new([ClassUnicodeRange::new('\t', '\r')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Repetition(repetition) => {
            let sub = in_line(&repetition.sub);
            let space = Hir::literal(*b" ");
            if repetition.max != Some(0) && (sub == space || is_space_class(&sub)) {
                return match repetition.min {
                    0 => Hir::repetition(Repetition {
                        min: 0,
                        max: Some(1),
                        greedy: repetition.greedy,
                        sub: Box::new(space),
                    }),
                    _ => space,
                };
            }
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..repetition.clone()
            })
        }
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(in_line(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(in_line).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(in_line).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => hir.clone(),
    }
}

fn is_space_class(hir: &Hir) -> bool {
    matches!(hir.kind(), HirKind::Class(Class::Bytes(c)) if c.ranges() == [ClassBytesRange::new(b' ', b' ')])
}

fn shortest(literals: &[String]) -> usize {
    literals.iter().map(String::len).min().unwrap_or(0)
}

/// Literals of `kind` that every match of `hir` must have, ASCII-lowercased and without any
/// that extends another. `None` if some match could do without.
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    let suffix = matches!(kind, ExtractKind::Suffix);
    // A class of two bytes (`[\s-]`) doubles the literals; larger ones (`\d`) stop them.
    let seq = Extractor::new()
        .kind(kind)
        .limit_class(2)
        .limit_literal_len(MAX_LITERAL_LEN)
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
    fn distinctive_prefixes_anchor_the_pattern_and_run_past_whitespace() {
        assert_eq!(
            of(r"\b(?:Help|value)\s+staff\b"),
            Trigger::Start(strings(&["help sta", "value st"]))
        );
        assert_eq!(
            of(r"\bvalue[\s-]?staff"),
            Trigger::Start(strings(&["value st", "value-st", "valuesta"]))
        );
    }

    #[test]
    fn literals_are_capped_and_minimal() {
        assert_eq!(
            of(r"\b(?:supported|support|supporting)\s+self-management"),
            Trigger::Start(strings(&["support ", "supporte", "supporti"]))
        );
        assert_eq!(of(r"\bcarers?\b"), Trigger::Start(strings(&["carer"])));
    }

    #[test]
    fn short_prefixes_give_way_to_longer_suffixes() {
        assert_eq!(
            of(r"\b(?:a|\d+)\s+localities\b"),
            Trigger::Line(strings(&["calities"]))
        );
    }

    #[test]
    fn patterns_without_required_literals_run_everywhere() {
        assert_eq!(of(r"\w+\s+\w+"), Trigger::Always);
        assert_eq!(of(r"(?:carers)?"), Trigger::Always);
    }
}
