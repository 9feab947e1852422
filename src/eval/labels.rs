//! The labels file (schema 1) and the edits made to a plan before it is evaluated.

use std::collections::BTreeSet;
use std::path::Path;

use miette::Diagnostic;
use serde::Deserialize;
use thiserror::Error;

use crate::document::{self, Document};
use crate::input::Source;
use crate::yaml::Step::{self, Index, Value};

/// A reviewer's labels: for each document, the items each `##` section addresses.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    /// The labels format's version; only 1 is read.
    pub schema_version: u32,
    /// The labelled plans.
    pub documents: Vec<LabelledDocument>,
}

/// One plan's labels.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledDocument {
    /// Path of the plan, relative to the labels file.
    pub file: String,
    /// `##` sections removed before auditing, e.g. ones that quote the framework itself.
    #[serde(default)]
    pub strip_sections: Vec<String>,
    /// Its labelled sections; sections not named are not scored.
    pub sections: Vec<LabelledSection>,
}

/// One `##` section and the items a reviewer says it addresses.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledSection {
    /// The exact text of a `##` heading.
    pub heading: String,
    /// Item ids the section substantively addresses.
    pub expected: Vec<String>,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(#[from] crate::input::Error),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Document(#[from] document::Error),
}

/// How labels files are named in errors.
const LABELS_FILE: crate::input::Kind = crate::input::Kind {
    noun: "labels",
    read_help: "check the path given to --labels",
};
const LABELS_HELP: &str = "the labels format is described in `planaudit eval --help`";

impl Labels {
    /// Reads and checks the labels file at `path`; an unsupported `schema_version`, a document
    /// or heading labelled twice (its sections would count twice) and an item id not in `items`
    /// (unless it is empty) are errors where they are written, as is a file of no documents.
    /// Returns the file's text too, for errors found when its plans are read.
    pub fn read(path: &Path, items: &BTreeSet<String>) -> Result<(Source, Self), Error> {
        let (source, labels): (_, Labels) =
            crate::input::read_parsed(path, LABELS_FILE, crate::input::Format::Yaml, LABELS_HELP)?;
        labels.check(&source, items)?;
        Ok((source, labels))
    }

    fn check(&self, source: &Source, items: &BTreeSet<String>) -> Result<(), Error> {
        let labels = self;
        let invalid =
            |steps: &[Step<'_>], message: String, help: &str| invalid(source, steps, message, help);
        if labels.documents.is_empty() {
            let message = "the labels file lists no documents".to_owned();
            return Err(invalid(&[Value("documents")], message, LABELS_HELP));
        }
        if labels.schema_version != 1 {
            let message = format!("unsupported schema_version {}", labels.schema_version);
            return Err(invalid(&[Value("schema_version")], message, LABELS_HELP));
        }
        let mut files = BTreeSet::new();
        for (d, document) in labels.documents.iter().enumerate() {
            let at = [Value("documents"), Index(d)];
            if !files.insert(&document.file) {
                let message = format!("{} is labelled twice", document.file);
                return Err(invalid(&at, message, TWICE_HELP));
            }
            let mut headings = BTreeSet::new();
            for (s, section) in document.sections.iter().enumerate() {
                let at = [at[0], at[1], Value("sections"), Index(s)];
                // Headings are matched trimmed, so " Carers " names the section "Carers" does.
                if !headings.insert(section.heading.trim()) {
                    let message = format!("\"{}\" is labelled twice", section.heading);
                    return Err(invalid(&at, message, TWICE_HELP));
                }
                let mut ids = section.expected.iter().enumerate();
                let unknown = ids.find(|(_, id)| !items.is_empty() && !items.contains(*id));
                if let Some((e, id)) = unknown {
                    let at = [at[0], at[1], at[2], at[3], Value("expected"), Index(e)];
                    let message = format!("no rule set has an item `{id}`");
                    return Err(invalid(&at, message, ITEM_HELP));
                }
            }
        }
        Ok(())
    }
}

/// An error at the node `steps` lead to in the labels file `source`.
fn invalid(source: &Source, steps: &[Step<'_>], message: String, help: &str) -> Error {
    let at = crate::yaml::node_span(&source.text, steps).unwrap_or_default();
    Error::from(crate::input::Error::from(source.invalid(at, message, help)))
}

const FILE_HELP: &str = "a plan's `file` is relative to the labels file";
const EDIT_HELP: &str =
    "label a Markdown copy of the plan to strip sections or neutralise headings";
const HEADING_HELP: &str = "labels name `##` headings exactly as they appear in the plan";
const TWICE_HELP: &str = "label each document once, and each of its headings once: its sections would otherwise count twice";
/// What to do about an item id the rules do not know; `rules suggest --item` says it too.
pub const ITEM_HELP: &str = "item ids are those of the built-in frameworks and of the files \
     given with --rules; eval and rules suggest do not read planaudit.yaml, so name a local rule \
     file with --rules";

fn is_labelled_level(level: u8) -> bool {
    level == 2
}

/// Where a document's labels are written: its labels file, and its index there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place<'l> {
    pub source: &'l Source,
    pub document: usize,
}

impl Place<'_> {
    /// Reads the plan the labels name (relative to `base`); one that is not there is an error
    /// at its `file:` entry.
    pub(super) fn read(&self, base: &Path, labelled: &LabelledDocument) -> Result<Document, Error> {
        let path = base.join(&labelled.file);
        if !path.exists() {
            let message = format!("there is no plan {}", path.display());
            let at = [Value("documents"), Index(self.document), Value("file")];
            return Err(invalid(self.source, &at, message, FILE_HELP));
        }
        Ok(Document::read(&path)?)
    }

    /// `strip_sections` and `--neutral-headings` edit the plan's source as Markdown and read it
    /// again; an HTML page's source would take Markdown headings as text, and a Word or PDF
    /// plan's source is only its extracted text. Refused there, at the entry that asks.
    pub(super) fn refuse_edits(
        &self,
        document: &Document,
        labelled: &LabelledDocument,
        neutral_headings: bool,
    ) -> Result<(), Error> {
        let format = document.format;
        let asks = match (labelled.strip_sections.is_empty(), neutral_headings) {
            _ if format == document::InputFormat::Markdown => return Ok(()),
            (false, _) => ("strip_sections", "strip_sections"),
            (true, true) => ("--neutral-headings", "file"),
            (true, false) => return Ok(()),
        };
        let message = format!(
            "{} edits a Markdown plan, and {} is {}",
            asks.0,
            labelled.file,
            format.noun()
        );
        let at = [Value("documents"), Index(self.document), Value(asks.1)];
        Err(invalid(self.source, &at, message, EDIT_HELP))
    }

    /// The `##` section that label `index` of the document names, or an error at the label.
    pub(super) fn find_section(
        &self,
        document: &Document,
        labelled: &LabelledDocument,
        index: usize,
    ) -> Result<usize, Error> {
        let wanted = labelled.sections[index].heading.trim();
        headed(document, wanted).ok_or_else(|| {
            let message = format!("{} has no `##` section headed \"{wanted}\"", labelled.file);
            let at = [Value("documents"), Index(self.document), Value("sections")];
            let at = [at[0], at[1], at[2], Index(index), Value("heading")];
            invalid(self.source, &at, message, HEADING_HELP)
        })
    }

    /// Refuses a `strip_sections` heading the plan does not have, as a labelled heading it
    /// does not have is refused: a typo there would leave in the section meant to go.
    pub(super) fn refuse_unknown_strips(
        &self,
        document: &Document,
        labelled: &LabelledDocument,
    ) -> Result<(), Error> {
        let unknown = (labelled.strip_sections.iter().enumerate())
            .find(|(_, heading)| headed(document, heading.trim()).is_none());
        match unknown {
            None => Ok(()),
            Some((index, heading)) => {
                let message = format!(
                    "{} has no `##` section headed \"{}\" to strip",
                    labelled.file,
                    heading.trim()
                );
                let at = [Value("documents"), Index(self.document)];
                let at = [at[0], at[1], Value("strip_sections"), Index(index)];
                Err(invalid(self.source, &at, message, HEADING_HELP))
            }
        }
    }
}

/// The section at a labelled level whose heading, trimmed, is `wanted`.
fn headed(document: &Document, wanted: &str) -> Option<usize> {
    (0..document.sections.len()).find(|&s| {
        is_labelled_level(document.sections[s].level)
            && document.section_heading(s).map(str::trim) == Some(wanted)
    })
}

/// The plan's source without the named `##` sections.
pub(super) fn strip_sections(document: &Document, headings: &[String]) -> String {
    let mut source = document.source.clone();
    let doomed = (0..document.sections.len()).rev().filter(|&s| {
        is_labelled_level(document.sections[s].level)
            && document
                .section_heading(s)
                .is_some_and(|h| headings.iter().any(|x| x.trim() == h.trim()))
    });
    for section in doomed.map(|s| &document.sections[s]) {
        source.replace_range(section.span(), "");
    }
    source
}

/// The plan's source with every heading replaced by "Section N" at the same level, so that
/// section indices are unchanged.
pub(super) fn neutral_headings(document: &Document) -> String {
    let mut source = document.source.clone();
    let headings = document.sections.iter().enumerate().rev();
    for (index, section) in headings {
        let Some(span) = section.heading_span() else {
            continue;
        };
        let marker = "#".repeat(usize::from(section.level));
        source.replace_range(span, &format!("{marker} Section {index}\n\n"));
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes("p.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn strips_named_sections_with_their_subsections() {
        let d = doc("# T\n\n## Keep\n\nk\n\n## Drop\n\nd\n\n### Sub\n\ns\n\n## Also\n\na\n");
        let stripped = strip_sections(&d, &["Drop".into()]);
        assert_eq!(stripped, "# T\n\n## Keep\n\nk\n\n## Also\n\na\n");
    }

    #[test]
    fn neutral_headings_keep_levels_and_order() {
        let d = doc("# Unpaid carers\n\ntext\n\nWorkforce\n---------\n\nmore\n");
        let neutral = doc(&neutral_headings(&d));
        assert_eq!(
            crate::document::tests::headings(&neutral),
            vec![(1, "Section 0"), (2, "Section 1")]
        );
        assert_eq!(neutral.text.as_str(), "Section 0\ntext\nSection 1\nmore\n");
    }
}
