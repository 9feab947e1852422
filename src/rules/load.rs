//! YAML → validated [`RuleSet`], with errors located in the file.

use std::collections::HashSet;
use std::ops::Range;

use super::{Error, RuleSet, pattern};
use crate::document::LineIndex;
use miette::NamedSource;

/// Parses and validates one rule file. `path` names it in errors.
pub fn parse(path: &str, text: &str) -> Result<RuleSet, Error> {
    let set: RuleSet = crate::yaml::from_str(text).map_err(|error| {
        let at = error.offset.unwrap_or(0);
        invalid(path, text, at..at, error.message, "here", SCHEMA_HELP)
    })?;
    Validator { path, text }.check(&set)?;
    Ok(set)
}

/// Loads a built-in rule set from the JSON `build.rs` made of it. It is not validated again:
/// the built-ins are fixed at build time, and a test
/// (`rules::tests::builtins_pass_full_validation_and_load_alike_from_yaml_and_json`) proves
/// each with [`parse`] and that both forms load alike.
pub(super) fn parse_builtin(path: &str, json: &str) -> Result<RuleSet, Error> {
    serde_json::from_str(json).map_err(|error| Error::Compile {
        message: format!("built-in {path}: {error}"),
    })
}

const SCHEMA_HELP: &str = "rules/README.md documents the rule set schema (schema_version 1)";

/// Builds a located error. `span` is a byte range in `text`.
fn invalid(
    path: &str,
    text: &str,
    span: Range<usize>,
    message: String,
    label: &str,
    help: &str,
) -> Error {
    let position = LineIndex::new(text).position(text, span.start);
    Error::Invalid {
        path: path.to_owned(),
        line: position.line,
        column: position.column,
        message,
        src: NamedSource::new(path, text.to_owned()),
        span: span.into(),
        label: label.to_owned(),
        help: help.to_owned(),
    }
}

/// Semantic checks serde cannot make. serde_yaml keeps no spans for values, so each check finds
/// its value's place in the text again: the key or string is searched for after the start of
/// the item it belongs to, which is exact for the way rule files are written.
struct Validator<'a> {
    path: &'a str,
    text: &'a str,
}

impl Validator<'_> {
    fn check(&self, set: &RuleSet) -> Result<(), Error> {
        if set.schema_version != 1 {
            let at = self.find(0, "schema_version");
            return Err(self.error(
                at,
                format!("unsupported schema_version {}", set.schema_version),
                "planaudit reads schema_version 1",
            ));
        }
        if !is_id(&set.id, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
        }) {
            let at = self.find(0, &set.id);
            return Err(self.error(
                at,
                format!("framework id `{}` is not a lowercase word", set.id),
                "use lowercase letters, digits and `-`, e.g. `outcomes`",
            ));
        }
        let threshold = set.thresholds.addressed;
        if !(threshold.is_finite() && threshold > 0.0) {
            return Err(self.error(
                self.find(0, "addressed"),
                format!("thresholds.addressed is {threshold}"),
                "the threshold is a positive number of points, 3 by default",
            ));
        }
        if set.items.is_empty() {
            let at = self.find(0, "items");
            return Err(self.error(
                at,
                "the rule set has no items".into(),
                "add at least one item",
            ));
        }
        let mut seen = HashSet::new();
        for item in &set.items {
            let start = self.item_start(&item.id, seen.contains(item.id.as_str()));
            if !seen.insert(item.id.as_str()) {
                return Err(self.error(
                    start..start + item.id.len(),
                    format!("duplicate item id `{}`", item.id),
                    "each item id appears once; rename or remove one of them",
                ));
            }
            self.check_item(item, start)?;
        }
        Ok(())
    }

    fn check_item(&self, item: &super::Item, start: usize) -> Result<(), Error> {
        let id_span = start..start + item.id.len();
        if !is_id(&item.id, |c| {
            c.is_ascii_alphanumeric() || c == '-' || c == '_'
        }) {
            return Err(self.error(
                id_span,
                format!("item id `{}` is not a plain word", item.id),
                "use letters, digits, `-` and `_`, e.g. `O6`",
            ));
        }
        let empty = [
            ("title", &item.title),
            ("statement", &item.statement),
            ("summary", &item.summary),
        ]
        .into_iter()
        .find(|(_, value)| value.trim().is_empty());
        if let Some((field, _)) = empty {
            return Err(self.error(
                id_span,
                format!("item `{}` has an empty `{field}`", item.id),
                "every item needs a title, its statement and a summary",
            ));
        }
        if item.signals.is_empty() {
            return Err(self.error(
                id_span,
                format!("item `{}` has no signals", item.id),
                "add references, phrases or patterns under `signals`, or planaudit can never link it",
            ));
        }
        let signals = &item.signals;
        let groups = signals.groups.iter();
        let terms = groups
            .clone()
            .flat_map(|g| g.all.iter().chain(&g.any).chain(&g.not));
        let words = || {
            signals
                .references
                .iter()
                .chain(signals.phrases.iter().map(|p| &p.text))
                .chain(&signals.exclusions)
                .chain(terms.clone().flat_map(|t| &t.0))
        };
        if words().any(|p| p.trim().is_empty()) || terms.clone().any(|t| t.0.is_empty()) {
            return Err(self.error(
                id_span,
                format!(
                    "item `{}` has an empty phrase, reference or group term",
                    item.id
                ),
                "remove the empty entry",
            ));
        }
        for phrase in words() {
            if let Err(message) = super::compile::check_phrase(phrase) {
                return Err(self.error(
                    self.find(start, phrase),
                    format!("invalid phrase in item `{}`: {message}", item.id),
                    &format!(
                        "`...` between two words allows up to {} words there, `...N` up to N \
                         (at most {})",
                        super::compile::DEFAULT_PADDING,
                        super::compile::MAX_PADDING
                    ),
                ));
            }
        }
        if signals
            .groups
            .iter()
            .any(|g| g.all.is_empty() && g.any.is_empty())
        {
            let at = self.find(start, "not");
            return Err(self.error(
                at,
                format!(
                    "a group of item `{}` has neither `all` nor `any` terms",
                    item.id
                ),
                "a group needs terms that must occur; `not` alone matches nothing",
            ));
        }
        if signals.groups.iter().any(|g| g.near == Some(0)) {
            return Err(self.error(
                self.find(start, "near"),
                format!("a group of item `{}` has `near: 0`", item.id),
                "`near` counts words between terms and must be at least 1",
            ));
        }
        let weights = signals
            .phrases
            .iter()
            .map(|p| p.weight)
            .chain(signals.patterns.iter().map(|p| p.weight))
            .chain(signals.groups.iter().map(|g| g.weight))
            .chain([item.threshold])
            .flatten();
        if let Some(bad) = weights.into_iter().find(|w| !(w.is_finite() && *w > 0.0)) {
            return Err(self.error(
                id_span,
                format!("item `{}` has a weight or threshold of {bad}", item.id),
                "weights and thresholds are positive numbers",
            ));
        }
        for pattern in &signals.patterns {
            let trigger = pattern::trigger(&pattern.text);
            if let Err(error) = pattern::Engine::new(&pattern.text, &trigger) {
                let at = self.find(start, &pattern.text);
                return Err(self.error(
                    at,
                    format!("invalid pattern in item `{}`", item.id),
                    &format!(
                        "{error}\npatterns use Rust regex syntax, ASCII only in classes \
                         (write (?:’|') rather than ['’]), with no look-around or backreferences"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn error(&self, span: Range<usize>, message: String, help: &str) -> Error {
        invalid(self.path, self.text, span, message, "here", help)
    }

    /// Where the item with `id` starts: its first definition, or its second when `duplicate`.
    /// A line scan rather than a regex: this runs for every item of every file loaded.
    fn item_start(&self, id: &str, duplicate: bool) -> usize {
        let mut offset = 0;
        let mut definitions = self.text.split_inclusive('\n').filter_map(|line| {
            let at = offset;
            offset += line.len();
            let key = line.trim_start_matches([' ', '\t', '-']);
            let value = key.strip_prefix("id:")?;
            let value = value.split(" #").next().unwrap_or(value).trim();
            let value = value.trim_matches(['"', '\'']);
            (value == id).then(|| at + line.len() - key.len() + key.find(id).unwrap_or(0))
        });
        definitions.nth(usize::from(duplicate)).unwrap_or(0)
    }

    fn find(&self, from: usize, needle: &str) -> Range<usize> {
        crate::yaml::find_value(self.text, from, needle)
    }
}

fn is_id(id: &str, allowed: impl Fn(char) -> bool) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && id.chars().all(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "schema_version: 1
id: demo
name: Demo
source: Test
items:
  - id: D1
    title: Carers
    statement: Carers are supported.
    summary: Support for carers.
    questions: [How?]
    signals:
      phrases: [unpaid carers]
      patterns: ['carers?\\s+centre']
";

    fn err(text: &str) -> String {
        match parse("demo.yaml", text).unwrap_err() {
            Error::Invalid {
                line,
                column,
                message,
                ..
            } => format!("{line}:{column}: {message}"),
            other => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn accepts_a_valid_rule_set() {
        let set = parse("demo.yaml", GOOD).unwrap();
        assert_eq!(set.id, "demo");
        assert_eq!(set.items[0].signals.patterns[0].text, r"carers?\s+centre");
    }

    #[test]
    fn unknown_keys_are_located() {
        let text = GOOD.replace("    title: Carers", "    title: Carers\n    colour: red");
        let message = err(&text);
        assert!(message.starts_with("8:5: "), "{message}");
        assert!(message.contains("unknown field `colour`"), "{message}");
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let text = GOOD.replace(r"carers?\s+centre", "carers(");
        assert_eq!(err(&text), "13:19: invalid pattern in item `D1`");
    }

    #[test]
    fn duplicate_ids_point_at_the_second() {
        let second = &GOOD[GOOD.find("  - id: D1").unwrap()..];
        let text = format!("{GOOD}{second}");
        assert_eq!(err(&text), "14:9: duplicate item id `D1`");
    }

    #[test]
    fn items_need_signals() {
        let text = GOOD.replace(
            "      phrases: [unpaid carers]\n      patterns: ['carers?\\s+centre']\n",
            "      {}\n",
        );
        assert_eq!(err(&text), "6:9: item `D1` has no signals");
    }

    #[test]
    fn wrong_types_are_located() {
        let text = GOOD.replace("schema_version: 1", "schema_version: one");
        assert!(
            err(&text).starts_with("1:17: schema_version: invalid type"),
            "{}",
            err(&text)
        );
    }
}
