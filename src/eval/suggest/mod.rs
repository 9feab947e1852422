//! `planaudit rules suggest`: candidate phrases for an item, mined from labelled plans for a
//! person to review. Nothing here runs at check time.
//!
//! Candidates are word n-grams that go with the item more than with other sections: a positive
//! z-score of their log-odds ratio between the sections labelled with the item and the rest,
//! with an informative Dirichlet prior taken from the whole labelled corpus (Monroe, Colaresi
//! and Quinn 2008, "Fightin' Words"). A rule author wants what a phrase would add, though, not
//! how typical it is: "carers" is the most typical word of carers' sections and adds nothing
//! where the rules link them all already. So candidates are ranked by the F1 the item would gain
//! on the labelled sections, given what the rules link already, and kept only where the sections
//! they would newly link are labelled with the item clearly more often than chance.

mod folds;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};

pub use folds::{Fold, cross_validate};

use super::{Counts, Error, LabelledPlan};
use crate::rules::{RuleSet, Rules, Stems};

/// A candidate must occur in at least this many sections labelled with the item: a phrase from
/// one section is that section's wording, not the item's.
pub const MIN_SECTIONS: usize = 2;

/// Example sentences shown per candidate, from each side (labelled, not labelled), one per
/// section.
const EXAMPLES: usize = 2;

/// One labelled section as the miner sees it.
#[derive(Debug, Clone)]
pub struct SectionText {
    /// As the labels file names the document.
    pub file: String,
    /// The section's heading as written.
    pub heading: String,
    /// Item ids the reviewer labelled it with.
    pub expected: Vec<String>,
    /// Items the rules as they are already link the section to.
    pub linked: Vec<String>,
    /// Its sentences, whitespace collapsed: the candidates' examples are drawn from them.
    pub sentences: Vec<String>,
    /// Occurrences of each candidate n-gram.
    grams: BTreeMap<String, usize>,
}

impl SectionText {
    /// Splits the section's `text` into sentences and counts its candidate n-grams.
    pub fn new(file: &str, heading: &str, expected: &[String], text: &str) -> Self {
        let sentences: Vec<String> = text
            .lines()
            .flat_map(tokens::sentences)
            .map(str::to_owned)
            .collect();
        let mut grams = BTreeMap::new();
        for gram in sentences.iter().flat_map(|s| tokens::ngrams(s)) {
            *grams.entry(gram).or_insert(0) += 1;
        }
        Self {
            file: file.to_owned(),
            heading: heading.to_owned(),
            expected: expected.to_vec(),
            linked: Vec::new(),
            sentences,
            grams,
        }
    }

    fn labelled(&self, item: &str) -> bool {
        self.expected.iter().any(|e| e == item)
    }

    fn linked(&self, item: &str) -> bool {
        self.linked.iter().any(|e| e == item)
    }

    fn contains(&self, phrase: &str) -> bool {
        self.grams.contains_key(phrase)
    }
}

/// The labelled sections of plans, each with its subsections' text, one line per block, and the
/// items `rules` link it to.
pub fn sections(plans: &[LabelledPlan], rules: &Rules) -> Result<Vec<SectionText>, Error> {
    let mut out = Vec::new();
    for plan in plans {
        let doc = &plan.document;
        let report = plan.audit(rules);
        for (label, index) in &plan.sections {
            let end = doc.sections[*index].span().end;
            let last = index + doc.sections[*index..].partition_point(|s| s.span().start < end);
            let text: Vec<&str> = doc
                .blocks
                .iter()
                .filter(|b| (*index..last).contains(&b.section()))
                .map(|b| doc.block_text(b))
                .collect();
            let mut section = SectionText::new(
                &plan.file,
                &label.heading,
                &label.expected,
                &text.join("\n"),
            );
            section.linked = (report.addressed_in_subtree(*index, rules).into_iter())
                .map(|item| rules.item(item).item.id.clone())
                .collect();
            out.push(section);
        }
    }
    Ok(out)
}

/// The item's phrases and services as written in its rule set.
pub fn existing_phrases(set: &RuleSet, item: &str) -> Vec<String> {
    set.items
        .iter()
        .filter(|i| i.id == item)
        .flat_map(|i| i.signals.phrases.iter().chain(&i.signals.services))
        .map(|p| p.text.clone())
        .collect()
}

/// A sentence a candidate matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The document, as the labels file names it.
    pub file: String,
    /// The section's heading.
    pub heading: String,
    /// The sentence that holds the phrase.
    pub sentence: String,
    /// Whether the section is labelled with the item.
    pub labelled: bool,
    /// Whether the rules as they are already link the section to the item.
    pub linked: bool,
}

/// A candidate phrase and what it would do if added to the item alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The n-gram, lowercased, as it would be written in a rule file.
    pub phrase: String,
    /// How strongly it goes with the item: the z-score of its log-odds between the sections
    /// labelled with the item and the rest. Breaks ties in the gain.
    pub z: f64,
    /// Labelled sections the phrase occurs in.
    pub matched: usize,
    /// Of [`Suggestion::matched`], the sections labelled with the item.
    pub matched_labelled: usize,
    /// Occurrences in all labelled sections.
    pub count: usize,
    /// The item's counts on the labelled sections under the rules as they are.
    pub before: Counts,
    /// Sections labelled with the item that the phrase occurs in and the rules do not link to
    /// it yet: the true links it would add.
    pub new_labelled: usize,
    /// Of the sections it would newly link, those not labelled with the item: the false
    /// positives it would add.
    pub new_other: usize,
    /// Up to two (`EXAMPLES`) from each side, sections not linked yet first.
    pub examples: Vec<Example>,
}

impl Suggestion {
    /// Of the sections the phrase occurs in, the share labelled with the item.
    pub fn precision(&self) -> f64 {
        self.matched_labelled as f64 / self.matched as f64
    }

    /// Of the sections labelled with the item, the share the phrase occurs in.
    pub fn recall(&self) -> f64 {
        self.matched_labelled as f64 / (self.before.tp + self.before.fn_) as f64
    }

    /// The item's counts with the phrase added, counting a section as linked when the phrase
    /// occurs in it.
    pub fn after(&self) -> Counts {
        Counts {
            tp: self.before.tp + self.new_labelled,
            fp: self.before.fp + self.new_other,
            fn_: self.before.fn_ - self.new_labelled,
        }
    }

    /// What adding the phrase does to the item's F1 on the labelled sections: the ranking key.
    /// Positive exactly when the precision among the sections it newly links beats half the F1
    /// as it is, so a phrase that links nothing new never gains.
    pub fn gain(&self) -> f64 {
        f1(self.after()) - f1(self.before)
    }

    /// Whether the sections the phrase would newly link are labelled with the item clearly
    /// more often than sections at large are (`base_rate`): the lower bound of their share's
    /// one-sided 95% Wilson interval beats it. A phrase that wins a few sections by luck, or
    /// that links whatever it touches, does not pass, however much it would add to recall.
    fn beats(&self, base_rate: f64) -> bool {
        wilson_lower(self.new_labelled, self.new_labelled + self.new_other) > base_rate
    }
}

/// The `top` candidates for `item` that would raise its F1 with a precision clearly above its
/// base rate, best gain first, skipping those that one of its `existing` phrases or a better
/// candidate already covers. Ties go to the higher z, then the longer phrase, then
/// alphabetically.
pub fn mine(
    sections: &[SectionText],
    item: &str,
    existing: &[String],
    top: usize,
) -> Vec<Suggestion> {
    let before = item_counts(sections, item);
    let base_rate = (before.tp + before.fn_) as f64 / sections.len() as f64;
    let candidates = log_odds(sections, item);
    let mut found = postings(sections, &candidates);
    let mut ranked: Vec<Suggestion> = candidates
        .into_iter()
        .map(|(z, phrase)| {
            let matching = found.remove(phrase).unwrap_or_default();
            measure(&matching, item, phrase, z, before)
        })
        .filter(|s| s.gain() > 0.0 && s.beats(base_rate))
        .collect();
    // On equal evidence the longer phrase goes first: it is the more specific.
    let words = |phrase: &str| phrase.split(' ').count();
    ranked.sort_by(|a, b| {
        (b.gain().total_cmp(&a.gain()))
            .then_with(|| b.z.total_cmp(&a.z))
            .then_with(|| words(&b.phrase).cmp(&words(&a.phrase)))
            .then_with(|| a.phrase.cmp(&b.phrase))
    });
    // Compared on their words' stems, as the matcher compares them: "young carers" is the rules'
    // "young carer" already.
    let stems = Stems::default();
    let stemmed = |phrase: &str| -> String {
        let words: Vec<String> = phrase.split(' ').map(|word| stems.of(word)).collect();
        words.join(" ")
    };
    let existing: Vec<String> = (existing.iter())
        .map(|p| stemmed(&tokens::normalise(p)))
        .collect();
    let mut kept: Vec<(String, Suggestion)> = Vec::new();
    for suggestion in ranked {
        if kept.len() == top {
            break;
        }
        let stem = stemmed(&suggestion.phrase);
        let inside = |short: &str, long: &str| format!(" {long} ").contains(&format!(" {short} "));
        let mut redundant = existing.iter().map(|e| inside(e, &stem)).chain(
            (kept.iter()).map(|(k, kept)| covers(kept, k, &suggestion.phrase, &stem, sections)),
        );
        if !redundant.any(|r| r) {
            kept.push((stem, suggestion));
        }
    }
    let mut kept: Vec<Suggestion> = kept.into_iter().map(|(_, s)| s).collect();
    for suggestion in &mut kept {
        suggestion.examples = examples(sections, item, &suggestion.phrase);
    }
    kept
}

/// The item's counts on the labelled sections under the rules as they are.
pub fn item_counts(sections: &[SectionText], item: &str) -> Counts {
    let mut counts = Counts::default();
    for section in sections {
        match (section.linked(item), section.labelled(item)) {
            (true, true) => counts.tp += 1,
            (true, false) => counts.fp += 1,
            (false, true) => counts.fn_ += 1,
            (false, false) => {}
        }
    }
    counts
}

/// F1, 0 where nothing is linked or labelled: a gain from nothing is a gain.
fn f1(counts: Counts) -> f64 {
    counts.f1().unwrap_or(0.0)
}

/// The lower bound of the one-sided 95% Wilson score interval of `hits` in `n`; 0 for none.
fn wilson_lower(hits: usize, n: usize) -> f64 {
    const Z: f64 = 1.645;
    if n == 0 {
        return 0.0;
    }
    let (p, n) = (hits as f64 / n as f64, n as f64);
    let centre = p + Z * Z / (2.0 * n);
    let spread = Z * (p * (1.0 - p) / n + Z * Z / (4.0 * n * n)).sqrt();
    (centre - spread) / (1.0 + Z * Z / n)
}

/// z-scores of the n-grams that occur in at least [`MIN_SECTIONS`] labelled sections and are
/// more frequent there than elsewhere. A group's size is its number of candidate occurrences,
/// n-grams of every length together.
fn log_odds<'s>(sections: &'s [SectionText], item: &str) -> Vec<(f64, &'s str)> {
    let mut inside: BTreeMap<&str, (usize, usize)> = BTreeMap::new(); // (count, sections)
    let mut outside: BTreeMap<&str, usize> = BTreeMap::new();
    for section in sections {
        for (gram, &count) in &section.grams {
            if section.labelled(item) {
                let entry = inside.entry(gram).or_default();
                entry.0 += count;
                entry.1 += 1;
            } else {
                *outside.entry(gram).or_default() += count;
            }
        }
    }
    let n_in: usize = inside.values().map(|v| v.0).sum();
    let n_out: usize = outside.values().sum();
    inside
        .iter()
        .filter(|(_, (_, in_sections))| *in_sections >= MIN_SECTIONS)
        .map(|(&gram, &(y_in, _))| {
            let y_out = outside.get(gram).copied().unwrap_or(0);
            (z_score(y_in, n_in, y_out, n_out), gram)
        })
        .filter(|(z, _)| *z > 0.0)
        .collect()
}

/// Monroe et al.'s z-score of the log-odds difference with an informative Dirichlet prior. The
/// prior is the whole corpus: α_w = y_w (the n-gram's count in both groups), α₀ = n.
fn z_score(y_in: usize, n_in: usize, y_out: usize, n_out: usize) -> f64 {
    let [y_in, n_in, y_out, n_out] = [y_in, n_in, y_out, n_out].map(|v| v as f64);
    let alpha = y_in + y_out;
    let alpha0 = n_in + n_out;
    let odds = |y: f64, n: f64| ((y + alpha) / (n + alpha0 - y - alpha)).ln();
    let delta = odds(y_in, n_in) - odds(y_out, n_out);
    let variance = 1.0 / (y_in + alpha) + 1.0 / (y_out + alpha);
    delta / variance.sqrt()
}

/// What the phrase matches and would newly link, without examples.
fn measure(
    matching: &[&SectionText],
    item: &str,
    phrase: &str,
    z: f64,
    before: Counts,
) -> Suggestion {
    let new = |labelled: bool| {
        let fresh = matching.iter().filter(|s| !s.linked(item));
        fresh.filter(|s| s.labelled(item) == labelled).count()
    };
    Suggestion {
        phrase: phrase.to_owned(),
        z,
        matched: matching.len(),
        matched_labelled: matching.iter().filter(|s| s.labelled(item)).count(),
        count: matching.iter().map(|s| s.grams[phrase]).sum(),
        before,
        new_labelled: new(true),
        new_other: new(false),
        examples: Vec::new(),
    }
}

/// The sections each candidate occurs in, found in one pass over the sections' n-grams: a
/// look-up in every section for every candidate made a large labelled set take minutes.
fn postings<'s>(
    sections: &'s [SectionText],
    candidates: &[(f64, &'s str)],
) -> BTreeMap<&'s str, Vec<&'s SectionText>> {
    let mut found: BTreeMap<&str, Vec<&SectionText>> = candidates
        .iter()
        .map(|&(_, phrase)| (phrase, Vec::new()))
        .collect();
    for section in sections {
        for gram in section.grams.keys() {
            if let Some(list) = found.get_mut(gram.as_str()) {
                list.push(section);
            }
        }
    }
    found
}

/// Up to [`EXAMPLES`] sentences holding the phrase from each side, labelled first, sections not
/// linked yet before those linked already.
fn examples(sections: &[SectionText], item: &str, phrase: &str) -> Vec<Example> {
    let mut matching: Vec<&SectionText> = sections.iter().filter(|s| s.contains(phrase)).collect();
    matching.sort_by_key(|s| s.linked(item)); // stable: corpus order within each group
    let mut examples = Vec::new();
    for side in [true, false] {
        let found = matching
            .iter()
            .filter(|s| s.labelled(item) == side)
            .filter_map(|s| {
                let mut sentences = s.sentences.iter();
                let first = sentences.find(|t| tokens::ngrams(t).iter().any(|g| g == phrase));
                first.map(|sentence| (s, sentence))
            })
            .take(EXAMPLES);
        examples.extend(found.map(|(s, sentence)| Example {
            file: s.file.clone(),
            heading: s.heading.clone(),
            sentence: sentence.clone(),
            labelled: side,
            linked: s.linked(item),
        }));
    }
    examples
}

/// Whether a phrase already kept makes `candidate` redundant: its stems (`kept_stem`,
/// `candidate_stem`) lie inside the candidate's (so it matches wherever the candidate does), or
/// the candidate's lie inside its and the two occur in exactly the same sections.
fn covers(
    kept: &Suggestion,
    kept_stem: &str,
    candidate: &str,
    candidate_stem: &str,
    sections: &[SectionText],
) -> bool {
    let inside = |short: &str, long: &str| format!(" {long} ").contains(&format!(" {short} "));
    let same_sections = || {
        let found = |p: &str| -> BTreeSet<usize> {
            (0..sections.len())
                .filter(|&i| sections[i].contains(p))
                .collect()
        };
        found(&kept.phrase) == found(candidate)
    };
    inside(kept_stem, candidate_stem) || (inside(candidate_stem, kept_stem) && same_sections())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections holding `phrase`, as `mine` finds them in one pass.
    fn holding<'s>(sections: &'s [SectionText], phrase: &str) -> Vec<&'s SectionText> {
        sections.iter().filter(|s| s.contains(phrase)).collect()
    }

    fn section(file: &str, expected: &[&str], text: &str) -> SectionText {
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        SectionText::new(file, "Heading", &expected, text)
    }

    /// `n` sections labelled with nothing, in words no other section uses: they bring an item's
    /// base rate down to where a few sections can beat it clearly, as in a real plan.
    fn padding(n: usize) -> Vec<SectionText> {
        let text = "The estates register is kept up to date.";
        (0..n).map(|_| section("z.md", &[], text)).collect()
    }

    fn phrases(found: &[Suggestion]) -> Vec<&str> {
        found.iter().map(|s| s.phrase.as_str()).collect()
    }

    /// Four sections labelled K of twelve, three not and five of padding. "community
    /// transport" occurs only in K sections, though each of its words occurs elsewhere;
    /// "volunteer drivers" in two K sections and one other.
    fn corpus() -> Vec<SectionText> {
        let mut sections = vec![
            section(
                "a.md",
                &["K"],
                "Community transport helps. Volunteer drivers help people.",
            ),
            section("a.md", &["K"], "We fund community transport to clinics."),
            section(
                "b.md",
                &["K"],
                "Community transport reaches villages. Volunteer drivers are thanked.",
            ),
            section("b.md", &["K"], "Clinics are far away for people."),
            section(
                "c.md",
                &[],
                "Volunteer drivers also deliver meals to people. The community centre opens.",
            ),
            section(
                "c.md",
                &["J"],
                "People want clinics close to home. Transport budgets are tight.",
            ),
            section("d.md", &[], "The budget for people is set."),
        ];
        sections.extend(padding(5));
        sections
    }

    #[test]
    fn the_phrase_that_adds_most_to_f1_ranks_first() {
        let found = mine(&corpus(), "K", &[], 10);
        let first = &found[0];
        assert_eq!(first.phrase, "community transport");
        assert_eq!((first.matched, first.matched_labelled), (3, 3));
        assert_eq!((first.precision(), first.recall()), (1.0, 0.75));
        assert_eq!(first.count, 3);
        assert_eq!((first.new_labelled, first.new_other), (3, 0));
        assert!((first.gain() - 6.0 / 7.0).abs() < 1e-12, "F1 0 → 6/7");
        let phrases = phrases(&found);
        assert!(
            !phrases.contains(&"people"),
            "no more frequent inside than out: {phrases:?}"
        );
        for (i, a) in phrases.iter().enumerate() {
            for b in &phrases[i + 1..] {
                assert!(
                    !format!(" {b} ").contains(&format!(" {a} ")),
                    "{b} repeats {a}"
                );
            }
        }
        for pair in found.windows(2) {
            assert!(pair[0].gain() >= pair[1].gain(), "{found:#?}");
        }
    }

    /// "carers" is the most typical word of carers' sections, and useless where the rules link
    /// them all already: it would add no true link and every false one.
    #[test]
    fn a_phrase_that_adds_no_true_link_is_not_suggested() {
        let mut sections = corpus();
        for section in sections
            .iter_mut()
            .filter(|s| s.contains("community transport"))
        {
            section.linked = vec!["K".into()];
        }
        let found = mine(&sections, "K", &[], 10);
        assert!(
            !phrases(&found).contains(&"community transport"),
            "{found:#?}"
        );
        assert!(!phrases(&found).contains(&"community"), "{found:#?}");
        assert!(found.iter().all(|s| s.new_labelled > 0 && s.gain() > 0.0));
        for section in &mut sections {
            if section.labelled("K") {
                section.linked = vec!["K".into()];
            }
        }
        assert!(
            mine(&sections, "K", &[], 10).is_empty(),
            "all linked already"
        );
    }

    /// "care" would lift K's F1 from nothing, but the sections it would link are labelled K
    /// (2 of 10) hardly more often than sections at large (2 of 20): a rule author pasting it
    /// would link whatever mentions care.
    #[test]
    fn a_phrase_no_more_precise_than_the_base_rate_is_not_suggested() {
        let mut sections = vec![
            section("a.md", &["K"], "Care, care and more care."),
            section("b.md", &["K"], "Care comes first; care comes home; care."),
        ];
        for file in [
            "c.md", "d.md", "e.md", "f.md", "g.md", "h.md", "i.md", "j.md",
        ] {
            sections.push(section(file, &[], "Care is mentioned."));
        }
        sections.extend(padding(10));
        let care = measure(
            &holding(&sections, "care"),
            "K",
            "care",
            1.0,
            item_counts(&sections, "K"),
        );
        assert!(care.gain() > 0.0, "F1 0 → 1/3");
        assert!(!care.beats(0.1), "2 of 10 newly linked");
        assert!(mine(&sections, "K", &[], 10).is_empty());
    }

    #[test]
    fn precision_is_clearly_above_the_base_rate_by_a_wilson_bound() {
        assert_eq!(wilson_lower(0, 0), 0.0);
        assert!((wilson_lower(1, 1) - 0.2699).abs() < 1e-3);
        assert!((wilson_lower(2, 10) - 0.0686).abs() < 1e-3);
        assert!(wilson_lower(30, 100) < 0.3 && wilson_lower(30, 100) > 0.22);
    }

    #[test]
    fn a_shorter_phrase_found_in_exactly_the_same_sections_adds_nothing() {
        let mut sections = vec![
            section("a.md", &["K"], "Door to door rides."),
            section("b.md", &["K"], "Door to door trips."),
            section("c.md", &[], "Rides and trips."),
        ];
        sections.extend(padding(4));
        assert_eq!(
            phrases(&mine(&sections, "K", &[], 10)),
            ["door"],
            "\"door to door\" (counted half as often) matches the same sections"
        );
    }

    #[test]
    fn counts_and_examples_show_what_is_new_on_both_sides() {
        let mut sections = corpus();
        sections[0].linked = vec!["K".into()];
        let before = item_counts(&sections, "K");
        assert_eq!((before.tp, before.fp, before.fn_), (1, 0, 3));
        let drivers = measure(
            &holding(&sections, "volunteer drivers"),
            "K",
            "volunteer drivers",
            1.0,
            before,
        );
        assert_eq!((drivers.matched, drivers.matched_labelled), (3, 2));
        assert!((drivers.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(drivers.recall(), 0.5);
        assert_eq!(
            (drivers.new_labelled, drivers.new_other),
            (1, 1),
            "a.md is linked already"
        );
        let after = drivers.after();
        assert_eq!((after.tp, after.fp, after.fn_), (2, 1, 2));
        let examples = examples(&sections, "K", "volunteer drivers");
        let sides: Vec<(&str, bool)> = examples
            .iter()
            .map(|e| (e.sentence.as_str(), e.labelled))
            .collect();
        assert_eq!(
            sides,
            [
                ("Volunteer drivers are thanked.", true),
                ("Volunteer drivers help people.", true),
                ("Volunteer drivers also deliver meals to people.", false),
            ]
        );
    }

    #[test]
    fn existing_phrases_and_single_section_wording_are_not_suggested() {
        let found = mine(&corpus(), "K", &["Community Transport".into()], 10);
        assert!(
            !phrases(&found).contains(&"community transport"),
            "{found:#?}"
        );
        let found = mine(&corpus(), "K", &["Volunteer  Drivers".into()], 10);
        let phrases = phrases(&found);
        assert!(
            !phrases.contains(&"volunteer"),
            "inside a phrase the rules have: {phrases:?}"
        );
        assert!(!phrases.contains(&"volunteer drivers"), "{phrases:?}");
        assert!(!phrases.contains(&"villages"), "one section only");
        // Another form of a phrase the rules have is that phrase to the matcher.
        let found = mine(&corpus(), "K", &["community transports".into()], 10);
        assert!(
            !self::phrases(&found).contains(&"community transport"),
            "{found:#?}"
        );
        assert!(
            mine(&corpus(), "J", &[], 10).is_empty(),
            "J has one section"
        );
    }

    /// The single words occur in c.md as well, which leaves them under the floor; the pairs
    /// tie on gain and z and sort by phrase.
    #[test]
    fn z_grows_with_evidence_and_ties_sort_by_phrase() {
        assert!(z_score(4, 100, 0, 100) > z_score(2, 100, 0, 100));
        assert!(
            z_score(2, 100, 2, 100) < 1e-9,
            "equal rates are not discriminative"
        );
        let mut twins = vec![
            section("a.md", &["K"], "alpha beta. gamma delta."),
            section("b.md", &["K"], "alpha beta. gamma delta."),
            section(
                "c.md",
                &[],
                "alpha. beta. gamma. delta. Other words fill this section up well.",
            ),
        ];
        twins.extend(padding(4));
        assert_eq!(
            phrases(&mine(&twins, "K", &[], 10)),
            ["alpha beta", "gamma delta"]
        );
    }
}
