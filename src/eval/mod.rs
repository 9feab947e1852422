//! Accuracy against labelled plans: for each labelled `##` section, the items planaudit says it
//! addresses are compared with the items a reviewer said it addresses.

mod labels;

use std::collections::BTreeMap;
use std::path::Path;

pub use labels::{Error, LabelledDocument, LabelledSection, Labels};

use crate::audit::{self, FileReport};
use crate::document::Document;
use crate::rules::Rules;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Replace every heading with neutral text first, to measure how much headings carry.
    pub neutral_headings: bool,
}

/// True and false positives and negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// An empty denominator scores 1: nothing was claimed, so nothing was claimed wrongly.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// One disagreement with the labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub file: String,
    pub heading: String,
    pub item: String,
    /// True for a false positive, false for a false negative.
    pub predicted: bool,
    /// planaudit's summed score for the item in the section.
    pub score: f32,
    /// Matched texts behind the score.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub documents: usize,
    pub sections: usize,
    /// Micro-averaged counts per framework id, in rule order.
    pub frameworks: Vec<(String, Counts)>,
    /// Counts per item id, in rule order.
    pub items: Vec<(String, Counts)>,
    pub misses: Vec<Miss>,
}

/// Audits every labelled document and scores the predictions against the labels. Paths in the
/// labels file are relative to it.
pub fn evaluate(labels_path: &Path, rules: &Rules, options: Options) -> Result<Evaluation, Error> {
    let labels = Labels::read(labels_path)?;
    let base = labels_path.parent().unwrap_or(Path::new("."));
    let mut items: Vec<Counts> = vec![Counts::default(); rules.items().len()];
    let mut misses = Vec::new();
    let mut sections = 0;
    for labelled in &labels.documents {
        let (report, indices) = audit_labelled(base, labelled, rules, options)?;
        for (section, index) in indices {
            sections += 1;
            score_section(&report, index, section, rules, &mut items, &mut misses);
        }
    }
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
    Ok(Evaluation {
        documents: labels.documents.len(),
        sections,
        frameworks,
        items: rules
            .items()
            .map(|i| (i.item.id.clone(), items[i.index]))
            .collect(),
        misses,
    })
}

/// A labelled section and the index of the section it names.
type Located<'l> = (&'l LabelledSection, usize);

/// Audits one labelled plan as the labels describe it, and finds the section each label names
/// (before headings are neutralised, which keeps section indices).
fn audit_labelled<'l>(
    base: &Path,
    labelled: &'l LabelledDocument,
    rules: &Rules,
    options: Options,
) -> Result<(FileReport, Vec<Located<'l>>), Error> {
    let original = Document::read(&base.join(&labelled.file))?;
    let path = original.path.clone();
    let stripped = labels::strip_sections(&original, &labelled.strip_sections);
    let mut document = Document::from_bytes(path.clone(), stripped.into_bytes())?;
    let indices = labelled
        .sections
        .iter()
        .filter(|s| {
            !labelled
                .strip_sections
                .iter()
                .any(|h| h.trim() == s.heading.trim())
        })
        .map(|s| Ok((s, labels::find_section(&document, labelled, s)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    if options.neutral_headings {
        let neutral = labels::neutral_headings(&document);
        document = Document::from_bytes(path, neutral.into_bytes())?;
    }
    Ok((audit::audit(document, rules), indices))
}

fn score_section(
    report: &FileReport,
    index: usize,
    section: &LabelledSection,
    rules: &Rules,
    items: &mut [Counts],
    misses: &mut Vec<Miss>,
) {
    let predicted = report.addressed_in_subtree(index, rules);
    let mut evidence: BTreeMap<usize, (f32, Vec<String>)> = BTreeMap::new();
    for link in report.subtree_links(index) {
        let entry = evidence.entry(link.item).or_default();
        entry.0 += link.score;
        entry.1.extend(link.evidence.iter().map(|e| e.text.clone()));
    }
    for item in rules.items() {
        let expected = section.expected.contains(&item.item.id);
        let said = predicted.contains(&item.index);
        let counts = &mut items[item.index];
        match (said, expected) {
            (true, true) => counts.tp += 1,
            (false, false) => continue,
            (true, false) => counts.fp += 1,
            (false, true) => counts.fn_ += 1,
        }
        if said != expected {
            let (score, texts) = evidence.get(&item.index).cloned().unwrap_or_default();
            misses.push(Miss {
                file: report.document.path.clone(),
                heading: section.heading.clone(),
                item: item.item.id.clone(),
                predicted: said,
                score,
                evidence: texts,
            });
        }
    }
}
