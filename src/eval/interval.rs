//! How far a score could move on other plans like these: a percentile bootstrap over documents.
//!
//! The labelled sections of one plan share its author, structure and vocabulary, so they are not
//! independent draws: the document is what a new plan adds. Drawing the set's documents again
//! with replacement, many times, and scoring each draw's micro-averaged counts shows the spread
//! a reader should expect from a set of this size. Seven outcome labels on six pages give an F1
//! anywhere between about a half and one; a difference between two rule sets smaller than that
//! spread is not evidence. The seed is fixed, so the same labels give the same interval.

use super::Counts;

/// Draws of the documents scored.
pub const RESAMPLES: usize = 2000;

/// Fewer documents give no interval: the draws of so few repeat each other, and the spread
/// they show is narrower than the truth.
pub const MIN_DOCUMENTS: usize = 5;

/// The share of draws left out on each side: 2.5% for a 95% interval.
const TAIL: f64 = 0.025;

/// Any fixed number: the draws only need to be the same on every run.
const SEED: u64 = 2026;

/// A range a score falls in for 95% of the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The 2.5th percentile of the draws' scores.
    pub low: f64,
    /// The 97.5th percentile.
    pub high: f64,
}

/// The 95% intervals of one framework's scores; a score undefined in most draws (nothing
/// predicted, say) has none.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Intervals {
    /// Of the draws' precision.
    pub precision: Option<Interval>,
    /// Of their recall.
    pub recall: Option<Interval>,
    /// Of their F1.
    pub f1: Option<Interval>,
}

/// The intervals of the micro-averaged scores of `documents` (one framework's counts in each),
/// or `None` under [`MIN_DOCUMENTS`].
pub fn of(documents: &[Counts]) -> Option<Intervals> {
    if documents.len() < MIN_DOCUMENTS {
        return None;
    }
    let mut scores: [Vec<f64>; 3] = Default::default();
    for draw in draws(documents) {
        let draw: Counts = draw.into_iter().sum();
        for (values, score) in scores
            .iter_mut()
            .zip([draw.precision(), draw.recall(), draw.f1()])
        {
            values.extend(score);
        }
    }
    let [precision, recall, f1] = scores.map(percentiles);
    Some(Intervals {
        precision,
        recall,
        f1,
    })
}

/// The 95% interval of the change in micro-averaged F1 from the first counts of each pair to
/// the second, the same documents drawn for both (a paired bootstrap: what two rule sets share,
/// the pages' difficulty, cancels out), or `None` under [`MIN_DOCUMENTS`] pairs.
pub fn of_change(pairs: &[(Counts, Counts)]) -> Option<Interval> {
    if pairs.len() < MIN_DOCUMENTS {
        return None;
    }
    let changes = draws(pairs).filter_map(|draw| {
        let (before, after): (Vec<Counts>, Vec<Counts>) = draw.into_iter().unzip();
        let [before, after] = [before, after].map(|c| c.into_iter().sum::<Counts>().f1());
        after.zip(before).map(|(a, b)| a - b)
    });
    percentiles(changes.collect())
}

/// [`RESAMPLES`] draws of `items` with replacement, each as many as there are items, from the
/// fixed seed.
fn draws<T: Copy>(items: &[T]) -> impl Iterator<Item = Vec<T>> + '_ {
    let mut rng = fastrand::Rng::with_seed(SEED);
    (0..RESAMPLES).map(move |_| {
        (0..items.len())
            .map(|_| items[rng.usize(..items.len())])
            .collect()
    })
}

/// The 2.5th and 97.5th percentiles of `values`, when at least half the draws defined them.
fn percentiles(mut values: Vec<f64>) -> Option<Interval> {
    if values.len() < RESAMPLES / 2 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    Some(Interval {
        low: at(TAIL),
        high: at(1.0 - TAIL),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts { tp, fp, fn_ }
    }

    #[test]
    fn documents_that_agree_give_a_point() {
        let same = vec![counts(2, 1, 1); 6];
        let intervals = of(&same).unwrap();
        let f1 = intervals.f1.unwrap();
        assert_eq!((f1.low, f1.high), (2.0 / 3.0, 2.0 / 3.0));
    }

    #[test]
    fn documents_that_disagree_give_a_spread_around_the_score() {
        let mixed = [
            counts(3, 0, 0),
            counts(0, 2, 2),
            counts(2, 1, 0),
            counts(1, 0, 3),
            counts(2, 2, 1),
            counts(3, 1, 1),
        ];
        let total: Counts = mixed.iter().copied().sum();
        let f1 = of(&mixed).unwrap().f1.unwrap();
        let score = total.f1().unwrap();
        assert!(f1.low < score && score < f1.high, "{f1:?} around {score}");
        assert!(f1.high - f1.low > 0.2, "{f1:?}");
        // The same draws every time.
        assert_eq!(of(&mixed), of(&mixed));
    }

    #[test]
    fn a_change_on_every_document_is_outside_the_noise_and_none_is_a_point() {
        let before = [
            counts(1, 1, 2),
            counts(2, 0, 2),
            counts(0, 1, 1),
            counts(1, 0, 1),
            counts(2, 1, 1),
        ];
        let better: Vec<(Counts, Counts)> = before
            .iter()
            .map(|c| (*c, counts(c.tp + 1, c.fp, c.fn_ - 1)))
            .collect();
        let change = of_change(&better).unwrap();
        assert!(change.low > 0.0, "{change:?}");
        let same: Vec<(Counts, Counts)> = before.iter().map(|c| (*c, *c)).collect();
        assert_eq!(
            of_change(&same),
            Some(Interval {
                low: 0.0,
                high: 0.0
            })
        );
        assert_eq!(of_change(&better[..4]), None);
    }

    #[test]
    fn few_documents_or_undefined_scores_give_no_interval() {
        assert_eq!(of(&[counts(1, 0, 0); 4]), None);
        // Nothing predicted anywhere: no precision, a recall of 0.
        let missed = of(&[counts(0, 0, 2); 5]).unwrap();
        assert_eq!(missed.precision, None);
        assert_eq!(missed.recall.map(|r| r.high), Some(0.0));
    }
}
