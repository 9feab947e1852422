//! Accuracy against labelled plans: for each labelled `##` section, the items planaudit says it
//! addresses are compared with the items a reviewer said it addresses.

pub mod compare;
pub mod interval;
mod labels;
mod reader;
mod select;
pub mod suggest;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use thiserror::Error;

pub use interval::Intervals;
use labels::Place;
pub use labels::{ITEM_HELP, LabelledDocument, LabelledSection, Labels};
pub use reader::Reader;
pub use select::Selection;

use crate::audit::{self, FileReport};
use crate::document::{Document, InputFormat};
use crate::rules::Rules;

/// How an evaluation is run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replace every heading with neutral text first, to measure how much headings carry.
    pub neutral_headings: bool,
    /// The documents to score.
    pub selection: Selection,
    /// Every item id a label may name (those of every rule set loaded, selected or not); a
    /// label naming another is a typo, refused where it is written. Empty: not checked.
    pub items: std::collections::BTreeSet<String>,
    /// A second reader's labels, scored in place of planaudit's links.
    pub reader: Option<Reader>,
    /// A second reader's labels of the same sections: only the decisions (a section and an
    /// item) where they and the labels agree are scored; the rest are disputed and left out.
    pub agreed_with: Option<Reader>,
}

/// Why an evaluation could not run: its inputs' own errors, passed through with their places.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// The labels file is unreadable or invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Labels(#[from] labels::Error),

    /// A `--documents` or `--exclude` glob is invalid or picks nothing.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Selection(#[from] select::Error),

    /// A labelled plan could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Document(#[from] crate::document::Error),

    /// The rules could not be loaded, or a label names an item they do not have.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Rules(#[from] crate::rules::Error),

    /// One labels file named twice, which would count its sections twice.
    #[error("labels file {path} is given twice")]
    #[diagnostic(
        code(planaudit::eval::twice),
        help("name each labels file once; its sections would otherwise count twice")
    )]
    Twice {
        /// The path as the second mention gives it.
        path: String,
    },

    /// A section the labels score that the second reader did not label, found by
    /// [`Reader::items`] (plans read by [`load`] are refused where their labels name it).
    #[error("the second reader did not label \"{heading}\" of {file}")]
    #[diagnostic(
        code(planaudit::eval::unread),
        help(
            "a second reader's files (--reader, --agreed-with) must label every section the \
             --labels files do; --documents and --exclude narrow both"
        )
    )]
    Unread {
        /// The plan as the labels file names it.
        file: String,
        /// The heading as the labels file writes it.
        heading: String,
    },
}

/// True and false positives and negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Counts {
    /// Links both planaudit and the reviewer made.
    pub tp: usize,
    /// Links planaudit made that the reviewer did not.
    pub fp: usize,
    /// Links the reviewer made that planaudit missed (`fn` is a keyword).
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// `None` when nothing was predicted: there is no claim to be right or wrong about.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `None` when nothing was expected.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall where both exist; 0 when
    /// either is 0 or undefined while the other is not, `None` when nothing was predicted or
    /// expected.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// Adds `other`'s counts to these, for micro-averaging.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(counts: I) -> Self {
        counts.fold(Counts::default(), |mut total, c| {
            total.add(c);
            total
        })
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// One disagreement with the labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// As the report names it: its `file` entry, or with several labels files its path from
    /// here, `.` and `..` resolved.
    pub file: String,
    /// The labelled section's heading.
    pub heading: String,
    /// The item's id.
    pub item: String,
    /// True for a false positive, false for a false negative.
    pub predicted: bool,
    /// planaudit's summed score for the item in the section; `None` when a second reader's
    /// labels were scored.
    pub score: Option<f32>,
    /// Matched texts behind the score.
    pub evidence: Vec<String>,
    /// The other side of the confusion, within the item's framework: for a false negative, the
    /// items the section was linked to that the reviewer did not expect; for a false positive,
    /// the expected items it was not linked to.
    pub instead: Vec<String>,
}

/// How often a section expected to address `expected` was linked to `linked` instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confusion {
    /// The item the reviewer expected.
    pub expected: String,
    /// The item planaudit linked instead.
    pub linked: String,
    /// How many labelled sections were confused so.
    pub sections: usize,
}

/// The scores of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentScore {
    /// As the report names it: its `file` entry, or with several labels files its path from
    /// here, `.` and `..` resolved.
    pub file: String,
    /// Labelled sections scored in it.
    pub sections: usize,
    /// Micro-averaged counts per framework id, in rule order.
    pub frameworks: Vec<(String, Counts)>,
    /// The fingerprint of its labels ([`LabelledDocument::fingerprint`]).
    pub labels: String,
}

/// The result of `planaudit eval`: accuracy against a labels file, overall, per framework,
/// per item and per document, with every disagreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Documents in the labels file, scored or not.
    pub labelled_documents: usize,
    /// The documents scored, in the labels file's order.
    pub documents: Vec<DocumentScore>,
    /// Labelled sections scored, in all documents.
    pub sections: usize,
    /// Labelled sections not scored because their document's `strip_sections` removes them.
    pub stripped: usize,
    /// Micro-averaged counts per framework id, in rule order.
    pub frameworks: Vec<(String, Counts)>,
    /// 95% intervals of each framework's scores, documents resampled ([`interval`]); `None`
    /// with fewer than [`interval::MIN_DOCUMENTS`] documents.
    pub intervals: Vec<Option<Intervals>>,
    /// Counts per item id, in rule order.
    pub items: Vec<(String, Counts)>,
    /// Every disagreement, in document and rule order.
    pub misses: Vec<Miss>,
    /// Most frequent first, then in rule order.
    pub confusions: Vec<Confusion>,
    /// Decisions (a section and an item of the scored frameworks) left out because the
    /// labels and [`Options::agreed_with`] disagree on them.
    pub disputed: usize,
}

/// A labelled plan ready to audit: edited as its labels say, with each labelled section found.
#[derive(Debug)]
pub struct LabelledPlan {
    /// As the report names it: its `file` entry, or with several labels files its path from
    /// here, `.` and `..` resolved.
    pub file: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The plan as edited for evaluation (stripped sections removed).
    pub document: Document,
    /// Each scored label with the index of the section it names.
    pub sections: Vec<(LabelledSection, usize)>,
    /// Labelled sections left unscored because `strip_sections` removes them.
    pub stripped: usize,
    /// The fingerprint of its labels ([`LabelledDocument::fingerprint`]).
    pub labels: String,
}

impl LabelledPlan {
    /// Audits a copy of the plan (an audit consumes its document). A copy, not the source read
    /// again: a Word or PDF plan's source is its extracted text, which reads as neither.
    pub fn audit(&self, rules: &Rules) -> FileReport {
        audit::audit(self.document.clone(), rules)
    }
}

/// The labelled plans a run scores, from one labels file or several scored as one set. Paths in
/// a labels file are relative to it; with several files, each plan is named by its path from
/// here, so that two batches' `al/plan.md` stay apart in the report. Returns the number of
/// documents in the files too.
pub fn load(
    labels_paths: &[impl AsRef<Path>],
    options: &Options,
) -> Result<(Vec<LabelledPlan>, usize), Error> {
    refuse_repeats(labels_paths)?;
    let files = labels_paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let (source, labels) = Labels::read(path, &options.items)?;
            Ok((base, source, labels))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let documents: Vec<(&Path, Place, &LabelledDocument)> = files
        .iter()
        .flat_map(|(base, source, labels)| {
            labels
                .documents
                .iter()
                .enumerate()
                .map(move |(document, d)| (base.as_path(), Place { source, document }, d))
        })
        .collect();
    let several = files.len() > 1;
    // The entry, its path from here as written, and the name the report prints.
    let names = |&(base, _, d): &(&Path, Place, &LabelledDocument)| {
        let joined = base.join(&d.file).display().to_string();
        vec![
            d.file.clone(),
            joined,
            reported_name(base, &d.file, several),
        ]
    };
    let chosen = options.selection.apply(&documents, names)?;
    let plans = (chosen.iter())
        .map(|&&(base, place, document)| {
            let mut plan = prepare(base, place, document, options)?;
            plan.file = reported_name(base, &plan.file, several);
            Ok(plan)
        })
        .collect::<Result<Vec<LabelledPlan>, Error>>()?;
    refuse_plan_repeats(chosen.iter().map(|(_, place, _)| *place), &plans)?;
    Ok((plans, documents.len()))
}

/// The name a report gives a plan its labels file names `file`, `.` and `..` resolved: the
/// entry itself, or with `several` labels files its path from here.
fn reported_name(base: &Path, file: &str, several: bool) -> String {
    match several {
        true => lexically_normal(&base.join(file).display().to_string()),
        false => lexically_normal(file),
    }
}

/// `path` with `.` left out and each `..` taking out the name before it, without asking the
/// file system (a name that is a link may be taken out wrongly, which only a report's name
/// shows): `labels/../plans/x.md` is `plans/x.md`, `./x.md` is `x.md`; a leading `..` stays.
pub(crate) fn lexically_normal(path: &str) -> String {
    use std::path::Component;
    let mut parts: Vec<Component> = Vec::new();
    for part in Path::new(path).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    match parts.is_empty() {
        true => ".".to_owned(),
        false => parts.iter().collect::<PathBuf>().display().to_string(),
    }
}

/// A plan named twice, however its path is spelt ("plan.md", "./plan.md", "../d/plan.md" from
/// another labels file), would count its sections twice: refused at the second's entry, which
/// `places` gives, one for each plan.
fn refuse_plan_repeats<'l>(
    places: impl Iterator<Item = Place<'l>>,
    plans: &[LabelledPlan],
) -> Result<(), Error> {
    let mut seen = HashMap::new();
    for (place, plan) in places.zip(plans) {
        if let Some(first) = seen.insert(same_file(&plan.path), &plan.file) {
            return Err(place.plan_twice(&plan.file, first).into());
        }
    }
    Ok(())
}

/// A labels file named twice, however it is spelt, would count its sections twice.
fn refuse_repeats(labels_paths: &[impl AsRef<Path>]) -> Result<(), Error> {
    let mut seen = HashSet::new();
    match labels_paths
        .iter()
        .map(AsRef::as_ref)
        .find(|path| !seen.insert(same_file(path)))
    {
        Some(twice) => Err(Error::Twice {
            path: twice.display().to_string(),
        }),
        None => Ok(()),
    }
}

/// A path that names the same file however it is spelt, where the file exists: one labels
/// file named twice, or one plan named from two labels files, is found the same.
fn same_file(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Where the items a labelled section is scored on come from.
#[derive(Debug, Clone, Copy)]
pub enum Predictions<'r> {
    /// planaudit's links: the items a section addresses, subsections included.
    Links,
    /// A second reader's labels of the same sections ([`Reader`]).
    Reader(&'r Reader),
}

/// Scores every chosen labelled document's predictions (planaudit's links, or the second
/// reader's labels of [`Options::reader`]) against the labels, all files' documents together
/// (micro-averaged over every section).
pub fn evaluate(
    labels_paths: &[impl AsRef<Path>],
    rules: &Rules,
    options: &Options,
) -> Result<Evaluation, Error> {
    let (plans, labelled_documents) = load(labels_paths, options)?;
    let predictions = options
        .reader
        .as_ref()
        .map_or(Predictions::Links, Predictions::Reader);
    let mut evaluation = score(&plans, rules, predictions, options.agreed_with.as_ref())?;
    evaluation.labelled_documents = labelled_documents;
    Ok(evaluation)
}

/// Scores labelled plans under `rules`: every decision, or only those `agreed` (a second
/// reader's labels) agrees with.
pub fn score<'p>(
    plans: impl IntoIterator<Item = &'p LabelledPlan>,
    rules: &Rules,
    predictions: Predictions,
    agreed: Option<&Reader>,
) -> Result<Evaluation, Error> {
    let mut items: Vec<Counts> = vec![Counts::default(); rules.items().len()];
    let mut misses = Vec::new();
    let mut documents = Vec::new();
    let mut disputed = 0;
    let mut stripped = 0;
    for plan in plans {
        stripped += plan.stripped;
        let mut own = vec![Counts::default(); items.len()];
        for predicted in predict(plan, rules, predictions)? {
            let disputes = match agreed {
                Some(reader) => disputes(reader, plan, predicted.section, rules)?,
                None => HashSet::new(),
            };
            disputed += disputes.len();
            score_section(&predicted, &disputes, plan, rules, &mut own, &mut misses);
        }
        for (total, counts) in items.iter_mut().zip(&own) {
            total.add(*counts);
        }
        documents.push(DocumentScore {
            file: plan.file.clone(),
            sections: plan.sections.len(),
            frameworks: by_framework(rules, &own),
            labels: plan.labels.clone(),
        });
    }
    let frameworks = by_framework(rules, &items);
    let intervals = (0..frameworks.len())
        .map(|f| {
            let counts: Vec<Counts> = documents.iter().map(|d| d.frameworks[f].1).collect();
            interval::of(&counts)
        })
        .collect();
    Ok(Evaluation {
        labelled_documents: documents.len(),
        sections: documents.iter().map(|d| d.sections).sum(),
        stripped,
        documents,
        frameworks,
        intervals,
        items: rules
            .items()
            .map(|i| (i.item.id.clone(), items[i.index]))
            .collect(),
        confusions: confusions(&misses, rules),
        misses,
        disputed,
    })
}

/// The items (by index) on which a second reader's labels of `section` differ from its own.
fn disputes(
    reader: &Reader,
    plan: &LabelledPlan,
    section: &LabelledSection,
    rules: &Rules,
) -> Result<HashSet<usize>, Error> {
    let said = reader.items(&plan.path, &plan.file, section)?;
    Ok(rules
        .items()
        .filter(|i| said.contains(&i.item.id) != section.expected.contains(&i.item.id))
        .map(|i| i.index)
        .collect())
}

/// Item counts summed per framework, in rule order.
fn by_framework(rules: &Rules, items: &[Counts]) -> Vec<(String, Counts)> {
    let mut frameworks: Vec<(String, Counts)> = rules
        .frameworks()
        .iter()
        .map(|f| (f.id.clone(), Counts::default()))
        .collect();
    for item in rules.items() {
        if let Some(entry) = frameworks
            .iter_mut()
            .find(|(id, _)| *id == item.framework.id)
        {
            entry.1.add(items[item.index]);
        }
    }
    frameworks
}

/// Reads one labelled plan, edits it as the labels say, and finds the section each label names
/// (before headings are neutralised, which keeps section indices).
fn prepare(
    base: &Path,
    place: Place,
    labelled: &LabelledDocument,
    options: &Options,
) -> Result<LabelledPlan, Error> {
    let neutral_headings = options.neutral_headings;
    let original = place.read(base, labelled)?;
    place.refuse_edits(&original, labelled, neutral_headings)?;
    place.refuse_unknown_strips(&original, labelled)?;
    let path = original.path.clone();
    let mut document = match labelled.strip_sections.is_empty() {
        true => original,
        false => {
            let stripped = labels::strip_sections(&original, &labelled.strip_sections);
            Document::from_bytes_as(path.clone(), stripped.into_bytes(), InputFormat::Markdown)?
        }
    };
    let stripped = |s: &LabelledSection| {
        let mut headings = labelled.strip_sections.iter();
        headings.any(|h| h.trim() == s.heading.trim())
    };
    let readers = [&options.reader, &options.agreed_with];
    let unread = |s: &LabelledSection| {
        let plan = base.join(&labelled.file);
        readers
            .iter()
            .any(|r| r.as_ref().is_some_and(|r| !r.has(&plan, s)))
    };
    let sections = (labelled.sections.iter().enumerate())
        .filter(|(_, s)| !stripped(s))
        .map(|(i, s)| {
            let section = place.find_section(&document, labelled, i)?;
            match unread(s) {
                true => Err(place.unread(labelled, i)),
                false => Ok((s.clone(), section)),
            }
        })
        .collect::<Result<Vec<_>, labels::Error>>()?;
    if neutral_headings {
        let neutral = labels::neutral_headings(&document);
        document = Document::from_bytes_as(path, neutral.into_bytes(), InputFormat::Markdown)?;
    }
    Ok(LabelledPlan {
        file: labelled.file.clone(),
        path: base.join(&labelled.file),
        document,
        stripped: labelled.sections.len() - sections.len(),
        sections,
        labels: labelled.fingerprint(),
    })
}

/// What was predicted for one labelled section.
struct Predicted<'p> {
    section: &'p LabelledSection,
    /// The items predicted, by index in the rules.
    items: HashSet<usize>,
    /// For planaudit's links, each linked item's summed score and matched texts; `None` for a
    /// second reader, who gives neither.
    evidence: Option<BTreeMap<usize, (f32, Vec<String>)>>,
}

/// The predictions for each of a plan's labelled sections, in order.
fn predict<'p>(
    plan: &'p LabelledPlan,
    rules: &Rules,
    predictions: Predictions,
) -> Result<Vec<Predicted<'p>>, Error> {
    match predictions {
        Predictions::Links => {
            let report = plan.audit(rules);
            Ok(plan
                .sections
                .iter()
                .map(|(section, index)| linked(&report, *index, section, rules))
                .collect())
        }
        Predictions::Reader(reader) => plan
            .sections
            .iter()
            .map(|(section, _)| {
                let said = reader.items(&plan.path, &plan.file, section)?;
                let items = rules.items().filter(|i| said.contains(&i.item.id));
                Ok(Predicted {
                    section,
                    items: items.map(|i| i.index).collect(),
                    evidence: None,
                })
            })
            .collect(),
    }
}

/// The items planaudit links section `index` to, subsections included, with their evidence.
fn linked<'p>(
    report: &FileReport,
    index: usize,
    section: &'p LabelledSection,
    rules: &Rules,
) -> Predicted<'p> {
    let mut evidence: BTreeMap<usize, (f32, Vec<String>)> = BTreeMap::new();
    for link in report.subtree_links(index) {
        let entry = evidence.entry(link.item).or_default();
        entry.0 += link.score;
        let texts = link
            .evidence
            .iter()
            .map(|e| e.text(&report.document, rules));
        entry.1.extend(texts.map(String::from));
    }
    Predicted {
        section,
        items: report
            .addressed_in_subtree(index, rules)
            .into_iter()
            .collect(),
        evidence: Some(evidence),
    }
}

/// Counts one section's decisions, all but the `disputed` items.
fn score_section(
    predicted: &Predicted,
    disputed: &HashSet<usize>,
    plan: &LabelledPlan,
    rules: &Rules,
    items: &mut [Counts],
    misses: &mut Vec<Miss>,
) {
    let section = predicted.section;
    let said = |item: usize| predicted.items.contains(&item);
    let expected = |item: usize| section.expected.contains(&rules.item(item).item.id);
    for item in rules.items().filter(|i| !disputed.contains(&i.index)) {
        let counts = &mut items[item.index];
        match (said(item.index), expected(item.index)) {
            (true, true) => counts.tp += 1,
            (false, false) => continue,
            (true, false) => counts.fp += 1,
            (false, true) => counts.fn_ += 1,
        }
        if said(item.index) != expected(item.index) {
            // The confusion's other side: items of the same framework judged the other way.
            let instead = rules
                .items()
                .filter(|other| other.framework.id == item.framework.id)
                .filter(|other| !disputed.contains(&other.index))
                .filter(|other| said(other.index) == expected(item.index))
                .filter(|other| said(other.index) != expected(other.index))
                .map(|other| other.item.id.clone())
                .collect();
            let (score, texts) = match &predicted.evidence {
                Some(evidence) => {
                    let (score, texts) = evidence.get(&item.index).cloned().unwrap_or_default();
                    (Some(score), texts)
                }
                None => (None, Vec::new()),
            };
            misses.push(Miss {
                file: plan.file.clone(),
                heading: section.heading.clone(),
                item: item.item.id.clone(),
                predicted: said(item.index),
                score,
                evidence: texts,
                instead,
            });
        }
    }
}

/// (expected, linked instead) pairs over every false negative, counted.
fn confusions(misses: &[Miss], rules: &Rules) -> Vec<Confusion> {
    let position = |id: &str| rules.items().position(|i| i.item.id == id);
    let mut pairs: BTreeMap<(Option<usize>, Option<usize>), Confusion> = BTreeMap::new();
    for miss in misses.iter().filter(|m| !m.predicted) {
        for linked in &miss.instead {
            pairs
                .entry((position(&miss.item), position(linked)))
                .or_insert_with(|| Confusion {
                    expected: miss.item.clone(),
                    linked: linked.clone(),
                    sections: 0,
                })
                .sections += 1;
        }
    }
    let mut confusions: Vec<Confusion> = pairs.into_values().collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.sections));
    confusions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miss(item: &str, predicted: bool, instead: &[&str]) -> Miss {
        Miss {
            file: "plan.md".into(),
            heading: "A".into(),
            item: item.into(),
            predicted,
            score: None,
            evidence: Vec::new(),
            instead: instead.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn confusions_count_false_negatives_most_frequent_first_then_in_rule_order() {
        let catalog = crate::rules::Catalog::builtin();
        let rules = catalog.select(&["outcomes"]).unwrap();
        let misses = [
            miss("O9", false, &["O1"]),
            miss("O2", false, &["O5", "O1"]),
            miss("O5", true, &["O2"]),
            miss("O2", false, &["O5"]),
            miss("O3", false, &[]),
        ];
        let confusions = confusions(&misses, &rules);
        let found: Vec<(&str, &str, usize)> = confusions
            .iter()
            .map(|c| (c.expected.as_str(), c.linked.as_str(), c.sections))
            .collect();
        assert_eq!(found, [("O2", "O5", 2), ("O2", "O1", 1), ("O9", "O1", 1)]);
    }

    #[test]
    fn undefined_scores_are_none_not_perfect() {
        let none = Counts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (None, None, None)
        );
        let missed = Counts {
            tp: 0,
            fp: 0,
            fn_: 2,
        };
        assert_eq!(
            (missed.precision(), missed.recall(), missed.f1()),
            (None, Some(0.0), Some(0.0))
        );
        let claimed = Counts {
            tp: 0,
            fp: 3,
            fn_: 0,
        };
        assert_eq!(
            (claimed.precision(), claimed.recall(), claimed.f1()),
            (Some(0.0), None, Some(0.0))
        );
        let mixed = Counts {
            tp: 2,
            fp: 2,
            fn_: 0,
        };
        assert_eq!(
            (mixed.precision(), mixed.recall(), mixed.f1()),
            (Some(0.5), Some(1.0), Some(2.0 / 3.0))
        );
    }
}
