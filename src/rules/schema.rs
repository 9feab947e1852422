//! Rule set schema v1, as written in `rules/*.yaml` (documented in `rules/README.md`).

use serde::Deserialize;

/// One framework's rule set: its items and how to recognise them in a plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub schema_version: u32,
    /// Short id used on the command line, e.g. `outcomes`.
    pub id: String,
    pub name: String,
    /// Where the framework's wording comes from (an Act, regulations, a published set).
    pub source: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique across all loaded rule sets, e.g. `O6`.
    pub id: String,
    pub title: String,
    /// The exact wording of the outcome or principle.
    pub statement: String,
    /// What a plan must show to address the item, in plain words.
    pub summary: String,
    /// Challenge questions a reviewer asks of a plan.
    pub questions: Vec<String>,
    pub signals: Signals,
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
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), matched case-insensitively.
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl Signals {
    pub fn is_empty(&self) -> bool {
        self.references.is_empty() && self.phrases.is_empty() && self.patterns.is_empty()
    }
}
