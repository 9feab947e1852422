//! Rule set schema v1, as written in `rules/*.yaml` (documented in `rules/README.md`).
//!
//! Later additions are optional keys with defaults, so every file written for an earlier form
//! of v1 still loads.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// One framework's rule set: its items and how to recognise them in a plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The schema's version; only 1 is read.
    pub schema_version: u32,
    /// Short id used on the command line, e.g. `outcomes`.
    pub id: String,
    /// The framework's name as reports show it ("National Health and Wellbeing Outcomes").
    pub name: String,
    /// Where the framework's wording comes from (an Act, regulations, a published set).
    pub source: String,
    /// Scores that decide between mentioned and addressed; defaults when not given.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Whether a covered item is asked for a commitment or measure (`no-commitment`). A
    /// framework of what a plan must contain (its statutory content) says no: a needs
    /// assessment or a mapping to the outcomes is there or not, and has nothing to promise.
    /// A config's `require: {framework: committed}` asks all the same.
    #[serde(default = "asks")]
    pub asks_commitments: bool,
    /// Whether a section that serves none of the run's items is reported as an orphan when
    /// this framework is among those audited. Statutory content says no: it asks for a few
    /// things a plan must contain, and most sections of a sound plan serve none of them, so a
    /// run of that framework alone would call nearly every section an orphan.
    #[serde(default = "asks")]
    pub asks_sections: bool,
    /// The framework's items, in the order reports list them.
    pub items: Vec<Item>,
    /// The file a user's rule set was read from, which errors about two sets name; `None`
    /// for a built-in.
    #[serde(skip)]
    pub file: Option<String>,
}

impl RuleSet {
    /// "`outcomes` (built in)" or "`local` (rules/local.yaml)": which set, and where it came
    /// from, for errors about two of them.
    pub fn described(&self) -> String {
        let from = self.file.as_deref().unwrap_or("built in");
        format!("`{}` ({from})", self.id)
    }
}

/// A rule set's scores for deciding how firmly a section takes on an item.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Score at which a section addresses an item rather than mentioning it.
    #[serde(default = "default_addressed")]
    pub addressed: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            addressed: default_addressed(),
        }
    }
}

fn asks() -> bool {
    true
}

fn default_addressed() -> f32 {
    3.0
}

/// One outcome, principle or duty a plan is audited for, with its wording, its reviewer's
/// guide and the signals that find it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique across all loaded rule sets, e.g. `O6`.
    pub id: String,
    /// A short name for reports ("Unpaid carers").
    pub title: String,
    /// Other short names plans use for the item, as the framework's own publications name it
    /// ("Carers are supported"). A plan that lists items by them restates the framework, and
    /// a claim may name an item by them; they are no evidence on their own.
    #[serde(default)]
    pub names: Vec<String>,
    /// The exact wording of the outcome or principle.
    pub statement: String,
    /// Where this item's requirement comes from, when more precise than the set's source.
    #[serde(default)]
    pub source: Option<String>,
    /// Whether the plan must or should address the item; a missing `should` item is a warning.
    #[serde(default)]
    pub obligation: Obligation,
    /// What a plan must show to address the item, in plain words.
    pub summary: String,
    /// Challenge questions a reviewer asks of a plan.
    pub questions: Vec<String>,
    /// What finds the item in a plan's text.
    pub signals: Signals,
    /// Overrides the set's `thresholds.addressed` for this item.
    #[serde(default)]
    pub threshold: Option<f32>,
    /// A check of the plan's structure that decides coverage instead of its words.
    #[serde(default)]
    pub structure: Option<Structure>,
    /// A locality's own section (a chapter for one of two or more localities) addresses the
    /// item when it sets out a purpose or commitment: its whole subject is one part of the
    /// area, which no phrase of it need say.
    #[serde(default)]
    pub locality_sections: bool,
    /// Passages proved by `planaudit rules test`, so a change to the signals cannot silently
    /// break them.
    #[serde(default)]
    pub examples: Examples,
}

/// Whether a plan has to address an item; decides the default severity of its findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligation {
    /// Required by law or the framework: a missing item is an error.
    #[default]
    Must,
    /// Expected: a missing item is a warning.
    Should,
}

/// A check of the plan's structure, for an item that is about how a plan is organised rather
/// than what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Structure {
    /// Two or more localities, each with a section of its own.
    Localities,
    /// A plan period of three years or less, from the front matter or the title.
    ReviewPeriod,
    /// The plan's own account of how its priorities serve the national outcomes: a mapping
    /// table or claim sentences naming outcomes for two or more of its sections. Unlike the
    /// others it only adds: without one, the item's words decide as for any item.
    OutcomeMapping,
}

impl Structure {
    /// Whether the structure alone decides coverage (the item's words then make it weak at
    /// most), rather than covering it where words have not.
    pub fn decides(self) -> bool {
        !matches!(self, Structure::OutcomeMapping)
    }
}

/// Passages that must and must not link to the item, proved by `planaudit rules test`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Each must address the item on its own.
    #[serde(default)]
    pub links: Vec<String>,
    /// Each must not link to the item at all.
    #[serde(default)]
    pub does_not_link: Vec<String>,
}

/// The evidence that a passage addresses an item.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    /// Explicit references ("Outcome 6", "principle (xi)"): strong evidence on their own.
    #[serde(default)]
    pub references: Vec<String>,
    /// Phrases matched case-insensitively on whole words.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// Names of services and programmes that serve the item ("care at home", "reablement"),
    /// matched as phrases but counted half unless a sentence of purpose governs them: naming a
    /// service is not saying what the plan does with it.
    #[serde(default)]
    pub services: Vec<Phrase>,
    /// Regular expressions (Rust `regex` syntax), matched case-insensitively.
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    /// Combinations of phrases within one text block.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Phrases that cancel any of this item's hits they overlap.
    #[serde(default)]
    pub exclusions: Vec<String>,
}

impl Signals {
    /// Whether the item has no signal that can find it (exclusions alone find nothing).
    pub fn is_empty(&self) -> bool {
        self.references.is_empty()
            && self.phrases.is_empty()
            && self.services.is_empty()
            && self.patterns.is_empty()
            && self.groups.is_empty()
    }
}

/// Which blocks a signal may match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Headings only.
    Heading,
    /// Any block but a heading.
    Body,
    /// List items only.
    List,
    /// Table cells only.
    Table,
    /// Block quotes only.
    Quote,
}

/// A phrase: a plain string, or `{phrase: …, weight: …, scope: …}`.
pub type Phrase = Weighted<PhraseKey>;
/// A pattern: a plain string, or `{pattern: …, weight: …, scope: …}`.
pub type Pattern = Weighted<PatternKey>;

/// A phrase or pattern with its optional weight and scope. One type for both, told apart only
/// by the key its map form names the text with.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted<K> {
    /// The phrase or pattern as written.
    pub text: String,
    /// What one hit adds to a section's score; the kind's default when `None`.
    pub weight: Option<f32>,
    /// The blocks it may match in; any when `None`.
    pub scope: Option<Scope>,
    key: PhantomData<K>,
}

impl<K> Weighted<K> {
    /// The plain form: a text with the default weight, in any block.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            weight: None,
            scope: None,
            key: PhantomData,
        }
    }
}

/// The key that names the text of a [`Weighted`] signal in its map form.
pub trait TextKey {
    /// The text's key, then every key the map form accepts.
    const KEYS: &'static [&'static str];
}

/// Names a [`Phrase`]'s text `phrase`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhraseKey;

impl TextKey for PhraseKey {
    const KEYS: &'static [&'static str] = &["phrase", "weight", "scope"];
}

/// Names a [`Pattern`]'s text `pattern`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PatternKey;

impl TextKey for PatternKey {
    const KEYS: &'static [&'static str] = &["pattern", "weight", "scope"];
}

impl<'de, K: TextKey> Deserialize<'de> for Weighted<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WeightedVisitor(PhantomData))
    }
}

struct WeightedVisitor<K>(PhantomData<K>);

impl<'de, K: TextKey> Visitor<'de> for WeightedVisitor<K> {
    type Value = Weighted<K>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a string, or a map with `{}` and optionally `weight` and `scope`",
            K::KEYS[0]
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Weighted::new(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut signal = Weighted::new(String::new());
        let mut text = None;
        while let Some(key) = map.next_key::<String>()? {
            match K::KEYS.iter().position(|k| *k == key) {
                Some(0) => text = Some(map.next_value()?),
                Some(1) => signal.weight = map.next_value()?,
                Some(_) => signal.scope = map.next_value()?,
                None => return Err(de::Error::unknown_field(&key, K::KEYS)),
            }
        }
        signal.text = text.ok_or_else(|| de::Error::missing_field(K::KEYS[0]))?;
        Ok(signal)
    }
}

/// Phrases that must occur together in one block: every `all` term (or `least` of them), at
/// least one `any` term (when given) and no `not` term, optionally all within `near` words of
/// each other; a term inside an `except` phrase does not count.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Terms that must all occur.
    #[serde(default)]
    pub all: Vec<Term>,
    /// Terms of which at least one must occur, when any are given.
    #[serde(default)]
    pub any: Vec<Term>,
    /// Terms whose presence cancels the group.
    #[serde(default)]
    pub not: Vec<Term>,
    /// Wider phrases inside which a term does not count ("home" in "care home"): unlike `not`,
    /// the group can still match on the block's other words.
    #[serde(default)]
    pub except: Vec<Term>,
    /// How many distinct `all` terms must occur, when not every one: a topic told by several of
    /// its words together ("at least 3 of these 10 ideas") rather than by one fixed phrase.
    pub least: Option<usize>,
    /// The most words the group's terms may span; anywhere in the block when `None`.
    pub near: Option<usize>,
    /// What a hit adds to a section's score; the group default when `None`.
    pub weight: Option<f32>,
    /// The blocks it may match in; any when `None`.
    pub scope: Option<Scope>,
}

impl Group {
    /// The group written out for people: `all(carer|carers, respite) not(staff) near 8`, or
    /// `3 of(…)` for a topic group.
    pub fn describe(&self) -> String {
        let terms = |terms: &[Term]| {
            let alternatives: Vec<String> = terms.iter().map(|t| t.0.join("|")).collect();
            alternatives.join(", ")
        };
        // A topic group reads "3 of(…)", first, so that a cut description still says so.
        let all = self
            .least
            .map_or("all".to_owned(), |least| format!("{least} of"));
        let mut parts = Vec::new();
        for (name, list) in [
            (all.as_str(), &self.all),
            ("any", &self.any),
            ("not", &self.not),
            ("except", &self.except),
        ] {
            if !list.is_empty() {
                parts.push(format!("{name}({})", terms(list)));
            }
        }
        if let Some(near) = self.near {
            parts.push(format!("near {near}"));
        }
        parts.join(" ")
    }
}

/// One term of a group: a phrase, or a list of alternative phrases.
#[derive(Debug, Clone, PartialEq)]
pub struct Term(pub Vec<String>);

/// Read by a visitor of its own rather than as an untagged enum, which buffers every term
/// before trying each form: that was a fifth of loading the built-in rules.
impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TermVisitor)
    }
}

struct TermVisitor;

impl<'de> Visitor<'de> for TermVisitor {
    type Value = Term;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a phrase, or a list of alternative phrases")
    }

    fn visit_str<E: de::Error>(self, phrase: &str) -> Result<Self::Value, E> {
        Ok(Term(vec![phrase.to_owned()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut phrases = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(phrase) = seq.next_element()? {
            phrases.push(phrase);
        }
        Ok(Term(phrases))
    }
}
