//! K-fold cross-validation over documents: does adding the suggestions mined from the other
//! folds help on a fold they were not mined from?

use crate::rules::{Phrase, RuleSet, Rules};

use super::super::{Counts, Error, LabelledPlan, Predictions, score};
use super::{SectionText, existing_phrases, mine, sections};

/// One fold: the documents held out, the phrases mined without them, and the item's counts on
/// them under the rules as they are and with the phrases added.
#[derive(Debug, Clone, PartialEq)]
pub struct Fold {
    /// The held-out documents, as the labels file names them.
    pub documents: Vec<String>,
    /// The phrases mined from the other folds.
    pub phrases: Vec<String>,
    /// The item's counts on the held-out documents under the rules as they are.
    pub before: Counts,
    /// The same with the mined phrases added to the item.
    pub after: Counts,
}

impl Fold {
    /// The F1 gain on the held-out documents; `None` when none of their sections carries the
    /// item, since F1 then says nothing about it.
    pub fn gain(&self) -> Option<f64> {
        if self.before.tp + self.before.fn_ == 0 {
            return None;
        }
        Some(self.after.f1()? - self.before.f1()?)
    }
}

/// Splits the plans into `k` folds by sorted file name (the i-th file goes to fold i mod k) and,
/// for each, mines the top `top` phrases for `item` from the other folds, adds them to the
/// item in `set` and scores the held-out fold with and without them.
pub fn cross_validate(
    plans: &[LabelledPlan],
    set: &RuleSet,
    item: &str,
    k: usize,
    top: usize,
) -> Result<Vec<Fold>, Error> {
    let mut files: Vec<&str> = plans.iter().map(|p| p.file.as_str()).collect();
    files.sort_unstable();
    let fold_of = |file: &str| files.iter().position(|f| *f == file).unwrap_or(0) % k;
    let base = Rules::new(vec![set.clone()])?;
    let all = sections(plans, &base)?;
    let existing = existing_phrases(set, item);
    let mut folds = Vec::new();
    for fold in 0..k {
        let training: Vec<SectionText> = all
            .iter()
            .filter(|s| fold_of(&s.file) != fold)
            .cloned()
            .collect();
        let phrases: Vec<String> = mine(&training, item, &existing, top)
            .into_iter()
            .map(|s| s.phrase)
            .collect();
        let tuned = Rules::new(vec![with_phrases(set, item, &phrases)?])?;
        let held: Vec<&LabelledPlan> = plans.iter().filter(|p| fold_of(&p.file) == fold).collect();
        let mut documents: Vec<String> = held.iter().map(|p| p.file.clone()).collect();
        documents.sort();
        folds.push(Fold {
            documents,
            before: item_counts(&held, &base, item)?,
            after: item_counts(&held, &tuned, item)?,
            phrases,
        });
    }
    Ok(folds)
}

/// `set` with `phrases` added to `item`, each read the way a phrase pasted into a rule file is.
fn with_phrases(set: &RuleSet, item: &str, phrases: &[String]) -> Result<RuleSet, Error> {
    let mut set = set.clone();
    for target in set.items.iter_mut().filter(|i| i.id == item) {
        for phrase in phrases {
            let phrase: Phrase = serde_json::from_value(phrase.clone().into()).map_err(|e| {
                crate::rules::Error::Compile {
                    message: format!("suggested phrase {phrase:?}: {e}"),
                }
            })?;
            target.signals.phrases.push(phrase);
        }
    }
    Ok(set)
}

fn item_counts(plans: &[&LabelledPlan], rules: &Rules, item: &str) -> Result<Counts, Error> {
    let evaluation = score(plans.iter().copied(), rules, Predictions::Links, None)?;
    let counts = evaluation.items.iter().find(|(id, _)| id == item);
    Ok(counts.map(|(_, c)| *c).unwrap_or_default())
}
