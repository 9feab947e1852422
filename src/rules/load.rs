//! YAML → validated [`RuleSet`], with errors located in the file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Error, RuleSet, pattern};
use crate::input::{Format, Several, Source, is_unsafe};

/// Parses and validates one rule file. `path` names it in errors.
pub fn parse(path: &str, text: &str) -> Result<RuleSet, Error> {
    parse_source(&Source {
        name: path.to_owned(),
        text: text.to_owned(),
    })
}

/// [`parse`] for a file already read.
pub(super) fn parse_source(source: &Source) -> Result<RuleSet, Error> {
    let set: RuleSet = source.parse(Format::Yaml, SCHEMA_HELP)?;
    Validator {
        source,
        definitions: definitions(&source.text),
    }
    .check(&set)?;
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

/// Semantic checks serde cannot make. serde_yaml keeps no spans for values, so each check finds
/// its value's place in the text again: the key or string is searched for after the start of
/// the item it belongs to, which is exact for the way rule files are written.
struct Validator<'a> {
    source: &'a Source,
    /// Where each item id is defined (`id: X` lines), in file order: found in one pass, so
    /// placing 20,000 items costs no more than reading the file.
    definitions: HashMap<&'a str, Vec<usize>>,
}

/// Largest weight or threshold: far above any real one, and far below where sums of them
/// could overflow into infinity.
pub const MAX_WEIGHT: f64 = 1000.0;

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
        // The set's own problems come with every item's first one, in one run.
        let mut problems = Vec::new();
        let described = [("name", &set.name), ("source", &set.source)];
        if let Some((field, _)) = described.into_iter().find(|(_, v)| has_control(v)) {
            problems.push(self.error(
                self.find(0, &format!("{field}:")),
                format!("the rule set's `{field}` has a control or text-direction character"),
                "remove it: reports print this text as it is written",
            ));
        }
        // Reports head the set's coverage with its name, and cite its source.
        if let Some((field, _)) = described.into_iter().find(|(_, v)| v.trim().is_empty()) {
            problems.push(self.error(
                self.find(0, &format!("{field}:")),
                format!("the rule set's `{field}` is empty"),
                "reports head the set's coverage with its name and cite its source: write both",
            ));
        }
        if !is_id(&set.id, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
        }) {
            let at = self.find(0, &set.id);
            problems.push(self.error(
                at,
                format!("framework id `{}` is not a lowercase word", set.id),
                "use lowercase letters, digits and `-`, e.g. `outcomes`",
            ));
        }
        let threshold = set.thresholds.addressed;
        if !in_bounds(threshold) {
            let first_item = self.text().find("items:").unwrap_or(self.text().len());
            let at = self.out_of_bounds(0..first_item, &["addressed"]);
            // As written: 1e300 is "inf" once held in 32 bits.
            let written = at.as_ref().map_or(threshold.to_string(), |(_, at)| {
                self.text()[at.clone()].to_owned()
            });
            problems.push(self.error(
                at.map_or_else(|| self.find(0, "addressed"), |(_, at)| at),
                format!("thresholds.addressed is {written}"),
                WEIGHT_HELP,
            ));
        }
        if set.items.is_empty() {
            let at = self.find(0, "items");
            problems.push(self.error(
                at,
                "the rule set has no items".into(),
                "add at least one item",
            ));
        }
        let mut seen = HashSet::new();
        let starts: Vec<usize> = set
            .items
            .iter()
            .map(|item| {
                let duplicate = !seen.insert(item.id.as_str());
                self.item_start(&item.id, duplicate)
            })
            .collect();
        // Each item is checked, and the first problem of every item reported in one run.
        // Ids are read without regard to case (`explain o6`, comments), so `l1` is `L1` again.
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (i, item) in set.items.iter().enumerate() {
            let start = starts[i];
            if let Some(first) = seen.insert(item.id.to_ascii_lowercase(), &item.id) {
                let message = match first == item.id {
                    true => format!("duplicate item id `{}`", item.id),
                    false => format!("item id `{}` is `{first}` in another case", item.id),
                };
                problems.push(self.error(
                    start..start + item.id.len(),
                    message,
                    "each item id appears once, in any case; rename or remove one of them",
                ));
                continue;
            }
            let end = starts
                .get(i + 1)
                .copied()
                .filter(|&end| end > start)
                .unwrap_or(self.text().len());
            problems.extend(self.check_item(item, start..end).err());
        }
        match Several::of_all(&self.source.name, problems, Error::Several) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Checks one item; `span` is where it is written in the file.
    fn check_item(&self, item: &super::Item, span: Range<usize>) -> Result<(), Error> {
        let start = span.start;
        let id_span = start..start + item.id.len();
        self.check_fields(item, id_span.clone())?;
        self.check_words(item, start, id_span.clone())?;
        self.check_groups(item, start)?;
        self.check_weights(item, span, id_span)?;
        self.check_patterns(item, start)
    }

    /// The item's id is a plain word, its prose is there, and it has something to match.
    fn check_fields(&self, item: &super::Item, id_span: Range<usize>) -> Result<(), Error> {
        if !is_id(&item.id, |c| {
            c.is_ascii_alphanumeric() || c == '-' || c == '_'
        }) {
            return Err(self.error(
                id_span,
                format!("item id `{}` is not a plain word", item.id),
                "use letters, digits, `-` and `_`, e.g. `O6`",
            ));
        }
        let prose = [
            ("title", &item.title),
            ("statement", &item.statement),
            ("summary", &item.summary),
        ];
        // Reports print an item's prose as written: a control character in it would reach the
        // reader's terminal as a command.
        let questions = item.questions.iter().map(|q| ("questions", q));
        let source = item.source.iter().map(|s| ("source", s));
        let names = item.names.iter().map(|n| ("names", n));
        let written = prose
            .into_iter()
            .chain(questions)
            .chain(source)
            .chain(names);
        // A title or a name is printed inside one line of a report: a line break in it would
        // split that line.
        let one_line = |field: &str, value: &str| {
            matches!(field, "title" | "names") && value.contains(['\n', '\t'])
        };
        let unsafe_text =
            |&(field, value): &(&str, &String)| has_control(value) || one_line(field, value);
        if let Some((field, _)) = written.clone().find(unsafe_text) {
            return Err(self.error(
                self.find(id_span.start, &format!("{field}:")),
                format!(
                    "item `{}` has a control or text-direction character in `{field}`",
                    item.id
                ),
                "remove it: reports print this text as it is written",
            ));
        }
        let empty = prose.into_iter().find(|(_, value)| value.trim().is_empty());
        if let Some((field, _)) = empty {
            return Err(self.error(
                id_span,
                format!("item `{}` has an empty `{field}`", item.id),
                "every item needs a title, its statement and a summary",
            ));
        }
        if item.names.iter().any(|name| name.trim().is_empty()) {
            return Err(self.error(
                self.find(id_span.start, "names:"),
                format!("item `{}` has an empty entry in `names`", item.id),
                "remove the empty entry",
            ));
        }
        if item.signals.is_empty() {
            return Err(self.error(
                id_span,
                format!("item `{}` has no signals", item.id),
                "add references, phrases, services or patterns under `signals`, or planaudit can never link it",
            ));
        }
        Ok(())
    }

    /// Every phrase, reference, exclusion and group term is written as the phrase syntax
    /// allows; the item starts at `start`.
    fn check_words(
        &self,
        item: &super::Item,
        start: usize,
        id_span: Range<usize>,
    ) -> Result<(), Error> {
        let signals = &item.signals;
        let terms = || {
            signals
                .groups
                .iter()
                .flat_map(|g| g.all.iter().chain(&g.any).chain(&g.not).chain(&g.except))
        };
        let words = || {
            signals
                .references
                .iter()
                .chain(signals.phrases.iter().map(|p| &p.text))
                .chain(signals.services.iter().map(|p| &p.text))
                .chain(&signals.exclusions)
                .chain(terms().flat_map(|t| &t.0))
        };
        if let Some(empty) = words().find(|p| p.trim().is_empty()) {
            // A blank entry is written in quotes: point at it rather than at the item.
            let quoted = [format!("\"{empty}\""), format!("'{empty}'")];
            let at = quoted
                .iter()
                .filter_map(|q| self.text()[start..].find(q.as_str()).map(|at| start + at))
                .min()
                .map_or(id_span, |at| at..at + empty.len() + 2);
            return Err(self.error(
                at,
                format!("item `{}` has an empty phrase or reference", item.id),
                "remove the empty entry",
            ));
        }
        if terms().any(|t| t.0.is_empty()) {
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
            if let Err(message) = super::phrase::check(phrase) {
                return Err(self.error(
                    self.find(start, phrase),
                    format!("invalid phrase in item `{}`: {message}", item.id),
                    &format!(
                        "`...` between two words allows up to {} words there, `...N` up to N \
                         (at most {})",
                        super::phrase::DEFAULT_PADDING,
                        super::phrase::MAX_PADDING
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Each group has terms that must occur, a `near` of at least one word and a `least` its
    /// `all` terms can meet.
    fn check_groups(&self, item: &super::Item, start: usize) -> Result<(), Error> {
        let groups = &item.signals.groups;
        // A group's keys are looked for from the item's `groups:` key, as keys: the same word
        // in its title or summary ("at least once a year") is not the place.
        if groups.iter().any(|g| g.all.is_empty() && g.any.is_empty()) {
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
        // Looked for only on the way to an error: a search per item to the end of a file of
        // items without groups made checking a large file quadratic.
        let groups_at = || self.find(start, "groups:").start;
        if groups.iter().any(|g| g.near == Some(0)) {
            return Err(self.error(
                self.find(groups_at(), "near:"),
                format!("a group of item `{}` has `near: 0`", item.id),
                "`near` is how many words the last term's last word may be after the first term's first word, and must be at least 1",
            ));
        }
        if let Some(group) = groups.iter().find(|g| {
            g.least
                .is_some_and(|least| least == 0 || least > g.all.len())
        }) {
            return Err(self.error(
                self.find(groups_at(), "least:"),
                format!(
                    "a group of item `{}` asks for `least: {}` of its {} `all` terms",
                    item.id,
                    group.least.unwrap_or_default(),
                    group.all.len()
                ),
                "`least` is how many of the `all` terms must occur: from 1 to their number",
            ));
        }
        Ok(())
    }

    /// Every weight and the item's threshold are within bounds; the item is at `span`.
    fn check_weights(
        &self,
        item: &super::Item,
        span: Range<usize>,
        id_span: Range<usize>,
    ) -> Result<(), Error> {
        let signals = &item.signals;
        let weights = signals
            .phrases
            .iter()
            .map(|p| p.weight)
            .chain(signals.services.iter().map(|p| p.weight))
            .chain(signals.patterns.iter().map(|p| p.weight))
            .chain(signals.groups.iter().map(|g| g.weight))
            .chain([item.threshold])
            .flatten();
        if let Some(bad) = weights.into_iter().find(|&w| !in_bounds(w)) {
            let at = self.out_of_bounds(span, &["weight", "threshold"]);
            let (key, written) = match &at {
                Some((key, at)) => (*key, self.text()[at.clone()].to_owned()),
                None => ("weight or threshold", bad.to_string()),
            };
            return Err(self.error(
                at.map_or(id_span, |(_, at)| at),
                format!("item `{}` has a {key} of {written}", item.id),
                WEIGHT_HELP,
            ));
        }
        Ok(())
    }

    /// Every pattern compiles as the matcher will compile it.
    fn check_patterns(&self, item: &super::Item, start: usize) -> Result<(), Error> {
        for pattern in &item.signals.patterns {
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
            if matches_empty(&pattern.text) {
                let shown = match pattern.text.is_empty() {
                    true => "patterns",
                    false => &pattern.text,
                };
                return Err(self.error(
                    self.find(start, shown),
                    format!("a pattern of item `{}` matches empty text", item.id),
                    "it would match at every position of every plan; make each part of it \
                     require some text (`carers?`, not `(carers)?`)",
                ));
            }
        }
        Ok(())
    }

    fn error(&self, span: Range<usize>, message: String, help: &str) -> Error {
        Error::Invalid(self.source.invalid(span, message, help))
    }

    /// Where the item with `id` starts: its first definition, or its second when `duplicate`.
    fn item_start(&self, id: &str, duplicate: bool) -> usize {
        let found = self.definitions.get(id);
        found
            .and_then(|starts| starts.get(usize::from(duplicate)))
            .copied()
            .unwrap_or(0)
    }

    /// The first value of one of `keys` in `range` that is not a number in bounds, with its key:
    /// serde_yaml keeps no spans, and an out-of-range number reads back as `inf`, not as written.
    fn out_of_bounds<'k>(
        &self,
        range: Range<usize>,
        keys: &[&'k str],
    ) -> Option<(&'k str, Range<usize>)> {
        let text = &self.text()[range.clone()];
        keys.iter()
            .flat_map(|&key| text.match_indices(key).map(move |(at, _)| (at, key)))
            .filter_map(|(at, key)| {
                let rest = text[at + key.len()..].strip_prefix(':')?;
                let value = rest.trim_start_matches([' ', '\t']);
                let len = value
                    .find([',', '}', '\n', '\r', ' ', '#'])
                    .unwrap_or(value.len());
                let start = range.start + text.len() - value.len();
                let number = yaml_number(value[..len].trim_matches(['"', '\'']))?;
                // Judged as the rules hold it: `1e-50` is 0 as an f32.
                (!in_bounds(number as f32)).then_some((key, start..start + len))
            })
            .min_by_key(|(_, span)| span.start)
    }

    fn text(&self) -> &str {
        &self.source.text
    }

    fn find(&self, from: usize, needle: &str) -> Range<usize> {
        crate::yaml::find_value(&self.source.text, from, needle)
    }
}

const WEIGHT_HELP: &str = "weights and thresholds are numbers above 0 and at most 1000";

/// Whether `text` holds a character no report may print as it is ([`is_unsafe`]: a control,
/// bidirectional formatting or line separator character) other than a line break or a tab,
/// which YAML's folded and literal strings hold.
fn has_control(text: &str) -> bool {
    text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// Whether `pattern` can match without consuming a character, as `''` or `(carers)?` can.
fn matches_empty(pattern: &str) -> bool {
    let hir = regex_syntax::parse(pattern);
    hir.is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
}

fn in_bounds(value: f32) -> bool {
    let value = f64::from(value);
    value.is_finite() && value > 0.0 && value <= MAX_WEIGHT
}

/// A YAML number as written, YAML's `.inf` and `.nan` spellings included.
fn yaml_number(written: &str) -> Option<f64> {
    match written.to_ascii_lowercase().as_str() {
        ".inf" | "+.inf" => Some(f64::INFINITY),
        "-.inf" => Some(f64::NEG_INFINITY),
        ".nan" => Some(f64::NAN),
        other => other.parse().ok(),
    }
}

/// Where each `id:` is defined, by id, in one pass over the lines.
fn definitions(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut definitions: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let key = line.trim_start_matches([' ', '\t', '-']);
        let Some(value) = key.strip_prefix("id:") else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or(value).trim();
        let id = value.trim_matches(['"', '\'']);
        let start = at + line.len() - key.len() + key.find(id).unwrap_or(0);
        definitions.entry(id).or_default().push(start);
    }
    definitions
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
            Error::Invalid(e) => format!("{}:{}: {}", e.line, e.column, e.message),
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
    fn a_set_names_itself_and_its_source() {
        let nameless = GOOD.replace("name: Demo", "name: \"\"");
        assert_eq!(err(&nameless), "3:1: the rule set's `name` is empty");
        let sourceless = GOOD.replace("source: Test", "source: \"  \"");
        assert_eq!(err(&sourceless), "4:1: the rule set's `source` is empty");
    }

    #[test]
    fn least_must_be_between_one_and_the_all_terms() {
        let group = "      groups: [{all: [carers, respite], least: 3}]\n";
        let text = GOOD.replace("      phrases: [unpaid carers]\n", group);
        assert_eq!(
            err(&text),
            "12:41: a group of item `D1` asks for `least: 3` of its 2 `all` terms"
        );
        let fine = GOOD.replace("      phrases: [unpaid carers]\n", &group.replace('3', "1"));
        assert!(parse("demo.yaml", &fine).is_ok());
        // The key is found as a key, not as the same word in the item's prose.
        let wordy = text
            .replace("title: Carers", "title: Carers near home")
            .replace(
                "summary: Support for carers.",
                "summary: A break at least once a year.",
            );
        assert_eq!(
            err(&wordy),
            "12:41: a group of item `D1` asks for `least: 3` of its 2 `all` terms"
        );
        let near = GOOD.replace(
            "      phrases: [unpaid carers]\n",
            "      groups: [{all: [carers, respite], near: 0}]\n",
        );
        let near = near.replace("title: Carers", "title: Carers near home");
        assert!(
            err(&near).starts_with("12:41: a group of item `D1` has `near: 0`"),
            "{}",
            err(&near)
        );
    }

    #[test]
    fn a_group_term_is_a_phrase_or_a_list_of_phrases() {
        let group = "      groups: [{all: [carers, [respite, short breaks]]}]\n";
        let text = GOOD.replace("      phrases: [unpaid carers]\n", group);
        let set = parse("demo.yaml", &text).unwrap();
        let all = &set.items[0].signals.groups[0].all;
        assert_eq!(all[0].0, ["carers"]);
        assert_eq!(all[1].0, ["respite", "short breaks"]);
        let bad = GOOD.replace(
            "      phrases: [unpaid carers]\n",
            "      groups: [{all: [carers, {respite: 1}]}]\n",
        );
        let message = err(&bad);
        assert!(message.starts_with("12:"), "{message}");
        assert!(
            message.contains("expected a phrase, or a list of alternative phrases"),
            "{message}"
        );
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
