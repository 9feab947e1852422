//! Proves a rule set's own examples: each `links` passage must address its item on its own, and
//! each `does_not_link` passage must not touch it at all.

use crate::document::Document;
use crate::rules::{Error, RuleSet, Rules};

use super::Strength;

/// The verdict on one example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResult {
    /// The id of the item the example belongs to.
    pub item: String,
    /// The example passage as written in the rule file.
    pub text: String,
    /// Where it is in the rule file: the item's place among the set's items and the
    /// example's in its list, so a passage written twice is found where it failed.
    pub at: (usize, usize),
    /// True for a `links` example, false for `does_not_link`.
    pub should_link: bool,
    /// Whether the example did what it says: linked, or stayed clear of the item.
    pub passed: bool,
    /// The item's score in the passage, against the item's threshold.
    pub score: f32,
    /// The score at which a section addresses the item.
    pub threshold: f32,
    /// The signals that fired, as written in the rule file.
    pub fired: Vec<String>,
}

/// Runs every example of every item of `set`, in file order.
pub fn test_examples(set: &RuleSet) -> Result<Vec<ExampleResult>, Error> {
    let rules = Rules::new(vec![set.clone()])?;
    let mut results = Vec::new();
    for item in rules.items() {
        let examples = &item.item.examples;
        let cases = (examples.links.iter().enumerate())
            .map(|(n, t)| (n, t, true))
            .chain((examples.does_not_link.iter().enumerate()).map(|(n, t)| (n, t, false)));
        for (n, text, should_link) in cases {
            // One set: its items are numbered as the rules number them.
            let at = (item.index, n);
            let bytes = format!("{text}\n").into_bytes();
            let document = match Document::from_bytes("example".into(), bytes) {
                Ok(document) => document,
                Err(error) => {
                    results.push(ExampleResult {
                        item: item.item.id.clone(),
                        text: text.clone(),
                        at,
                        should_link,
                        passed: false,
                        score: 0.0,
                        threshold: item.threshold(),
                        fired: vec![format!("not valid plan text: {error}")],
                    });
                    continue;
                }
            };
            let report = super::audit(document, &rules);
            let link = report.links.iter().flatten().find(|l| l.item == item.index);
            let strength = link.map(|l| l.strength);
            let passed = if should_link {
                strength >= Some(Strength::Addressed)
            } else {
                strength.is_none()
            };
            let signals = rules.matcher().signals();
            let mut fired: Vec<String> = link
                .into_iter()
                .flat_map(|l| &l.evidence)
                .filter_map(|e| e.signal().map(|s| signals[s].text.clone()))
                .collect();
            fired.dedup();
            results.push(ExampleResult {
                item: item.item.id.clone(),
                text: text.clone(),
                at,
                should_link,
                passed,
                score: link.map_or(0.0, |l| l.score),
                threshold: item.threshold(),
                fired,
            });
        }
    }
    Ok(results)
}
