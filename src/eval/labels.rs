//! The labels file (schema 1) and the edits made to a plan before it is evaluated.

use std::collections::BTreeSet;
use std::path::Path;

use miette::Diagnostic;
use serde::Deserialize;
use thiserror::Error;

use crate::document::{self, Document};
use crate::input::Source;
use crate::yaml::Step::{self, Index, Value};

/// A reviewer's labels: for each document, the items each `##` section addresses (or a deeper
/// section, where no `##` section has its heading). A key the format does not have is refused
/// where it is written: a misspelt `strip_sections` would otherwise be dropped without a word,
/// and the figures with it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The labels format's version; only 1 is read.
    pub schema_version: u32,
    /// The labelled plans.
    pub documents: Vec<LabelledDocument>,
}

/// One plan's labels.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledDocument {
    /// Path of the plan, relative to the labels file.
    pub file: String,
    /// `##` sections removed before auditing, e.g. ones that quote the framework itself.
    #[serde(default)]
    pub strip_sections: Vec<String>,
    /// Its labelled sections; sections not named are not scored.
    pub sections: Vec<LabelledSection>,
    /// The plan's title, for people: free text that planaudit does not read.
    #[serde(default)]
    pub title: Option<String>,
    /// Whose plan it is (a country, say), for people: free text that planaudit does not read.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Where the plan was published, for people: free text that planaudit does not read.
    #[serde(default)]
    pub source_url: Option<String>,
}

/// One `##` section and the items a reviewer says it addresses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledSection {
    /// The exact text of a `##` heading, or of a deeper one that no `##` heading has.
    pub heading: String,
    /// The heading of the section's parent, which says which section is meant where the plan
    /// has two of `heading`.
    #[serde(default)]
    pub under: Option<String>,
    /// Item ids the section substantively addresses.
    pub expected: Vec<String>,
    /// Why the section is labelled so, in the reviewer's words: free text that planaudit does
    /// not read.
    #[serde(default)]
    pub rationale: Option<String>,
    /// Where the labels came from (the plan's own mapping, a reviewer): free text that
    /// planaudit does not read.
    #[serde(default)]
    pub source: Option<String>,
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
                if !headings.insert(section.key()) {
                    let message = format!("\"{}\" is labelled twice", section.heading);
                    return Err(invalid(&at, message, TWICE_HELP));
                }
                check_expected(&section.expected, items).map_err(|(e, message, help)| {
                    let at = [at[0], at[1], at[2], at[3], Value("expected"), Index(e)];
                    invalid(&at, message, help)
                })?;
            }
        }
        Ok(())
    }
}

/// The first id of a section's `expected` list that no rule set in `items` has (unless it is
/// empty) or that the list already names, by its index, with the message and help to give.
fn check_expected(
    expected: &[String],
    items: &BTreeSet<String>,
) -> Result<(), (usize, String, &'static str)> {
    let mut seen = BTreeSet::new();
    for (e, id) in expected.iter().enumerate() {
        if !items.is_empty() && !items.contains(id) {
            return Err((e, format!("no rule set has an item `{id}`"), ITEM_HELP));
        }
        if !seen.insert(id) {
            let message = format!("`{id}` is listed twice in one `expected` list");
            return Err((e, message, "list each item a section addresses once"));
        }
    }
    Ok(())
}

impl LabelledDocument {
    /// A fingerprint of what these labels say of the plan: the sections stripped, and each
    /// labelled section with its expected items, in any order (the notes and the plan's name
    /// left out). `eval --compare-to` refuses an earlier report whose document was scored on
    /// other labels, where a change in the labels would read as one in the rules. FNV-1a over
    /// a canonical text: the same on every run and platform.
    pub fn fingerprint(&self) -> String {
        let strips =
            (self.strip_sections.iter()).map(|heading| format!("strip\0{}", heading.trim()));
        let sections = self.sections.iter().map(|section| {
            let (heading, under) = section.key();
            let mut expected: Vec<&str> = section.expected.iter().map(String::as_str).collect();
            expected.sort_unstable();
            let under = under.map_or(String::new(), |parent| format!("\0under\0{parent}"));
            format!("section\0{heading}{under}\0{}", expected.join("\0"))
        });
        let mut lines: Vec<String> = strips.chain(sections).collect();
        lines.sort_unstable();
        format!("{:016x}", fnv1a(lines.join("\n").as_bytes()))
    }
}

/// The 64-bit FNV-1a hash of `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let step = |hash: u64, &byte: &u8| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, step)
}

impl LabelledSection {
    /// What names the section: its heading and its parent's, trimmed, so " Carers " names the
    /// section "Carers" does.
    pub(super) fn key(&self) -> (&str, Option<&str>) {
        (self.heading.trim(), self.under.as_deref().map(str::trim))
    }
}

/// An error at the node `steps` lead to in the labels file `source`.
pub(super) fn invalid(source: &Source, steps: &[Step<'_>], message: String, help: &str) -> Error {
    let at = crate::yaml::node_span(&source.text, steps).unwrap_or_default();
    Error::from(crate::input::Error::from(source.invalid(at, message, help)))
}

const FILE_HELP: &str = "a plan's `file` is relative to the labels file";
const EDIT_HELP: &str =
    "label a Markdown copy of the plan to strip sections or neutralise headings";
const HEADING_HELP: &str = "labels name headings exactly as the plan writes them: a `##` \
     heading, or a deeper one where no `##` section has it";
const UNDER_HELP: &str =
    "say which section is meant with `under:`, the heading of its parent section";
/// What to do about a document or section the labels, or a second reader's, name twice.
pub(super) const TWICE_HELP: &str = "label each document once, and each of its headings once: its sections would otherwise count twice";
/// What to do about an item id the rules do not know; `rules suggest --item` says it too.
pub const ITEM_HELP: &str = "item ids are those of the built-in frameworks and of the files \
     given with --rules; eval and rules suggest do not read planaudit.yaml, so name a local rule \
     file with --rules";

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

    /// The section that label `index` of the document names, or an error at the label:
    /// where the plan has none, or two and the label's `under` does not say which (binding to
    /// the first would score the other's label against it without a word).
    pub(super) fn find_section(
        &self,
        document: &Document,
        labelled: &LabelledDocument,
        index: usize,
    ) -> Result<usize, Error> {
        let (wanted, under) = labelled.sections[index].key();
        let headed = headed(document, wanted);
        let chosen: Vec<usize> = match under {
            None => headed.clone(),
            Some(parent) => (headed.iter().copied())
                .filter(|&s| parent_heading(document, s) == Some(parent))
                .collect(),
        };
        let at = [Value("documents"), Index(self.document), Value("sections")];
        let at = |key| [at[0], at[1], at[2], Index(index), Value(key)];
        let file = &labelled.file;
        let (key, message, help) = match (&chosen[..], under) {
            ([section], _) => return Ok(*section),
            ([], Some(parent)) if !headed.is_empty() => (
                "under",
                format!("{file} has no section headed \"{wanted}\" under \"{parent}\""),
                UNDER_HELP,
            ),
            ([], _) => (
                "heading",
                format!(
                    "{file} has no section headed \"{wanted}\"{}",
                    why_missing(document, wanted)
                ),
                HEADING_HELP,
            ),
            (several, _) => {
                let places: Vec<String> = (several.iter())
                    .map(|&s| document.section_place(s))
                    .collect();
                let message = format!(
                    "{file} has {} sections headed \"{wanted}\", at {}",
                    several.len(),
                    places.join(" and ")
                );
                ("heading", message, UNDER_HELP)
            }
        };
        Err(invalid(self.source, &at(key), message, help))
    }

    /// [`super::Error::Unread`] placed at the document's label `index`, which a second reader
    /// did not label: a section the reader skipped is not one the reader linked to nothing.
    pub(super) fn unread(&self, labelled: &LabelledDocument, index: usize) -> Error {
        let unread = super::Error::Unread {
            file: labelled.file.clone(),
            heading: labelled.sections[index].heading.clone(),
        };
        let help = unread
            .help()
            .map(|help| help.to_string())
            .unwrap_or_default();
        let at = [Value("documents"), Index(self.document), Value("sections")];
        let at = [at[0], at[1], at[2], Index(index), Value("heading")];
        invalid(self.source, &at, unread.to_string(), &help)
    }

    /// The error for this document's plan, named `file` here, which `first` names already.
    pub(super) fn plan_twice(&self, file: &str, first: &str) -> Error {
        let message = format!("{file} is labelled twice: {first} names the same plan");
        let at = [Value("documents"), Index(self.document), Value("file")];
        invalid(self.source, &at, message, TWICE_HELP)
    }

    /// Refuses a `strip_sections` heading the plan does not have, as a labelled heading it
    /// does not have is refused: a typo there would leave in the section meant to go.
    pub(super) fn refuse_unknown_strips(
        &self,
        document: &Document,
        labelled: &LabelledDocument,
    ) -> Result<(), Error> {
        let unknown = (labelled.strip_sections.iter().enumerate())
            .find(|(_, heading)| headed(document, heading.trim()).is_empty());
        match unknown {
            None => Ok(()),
            Some((index, heading)) => {
                let heading = heading.trim();
                let message = format!(
                    "{} has no section headed \"{heading}\" to strip{}",
                    labelled.file,
                    why_missing(document, heading)
                );
                let at = [Value("documents"), Index(self.document)];
                let at = [at[0], at[1], Value("strip_sections"), Index(index)];
                Err(invalid(self.source, &at, message, HEADING_HELP))
            }
        }
    }
}

/// The sections headed `wanted` (trimmed) that a label can name: its `##` sections, or where
/// the plan has none, its deeper ones, so a plan whose topics are `###` headings can be
/// labelled too. Each is scored with its subsections, as a `##` one is; preferring `##` keeps
/// each label that named a `##` section naming it alone. A `#` section is a title or chapter,
/// which the section-context rule judges without its subsections: a label of one would not be
/// scored on what its reviewer read, so none names one.
fn headed(document: &Document, wanted: &str) -> Vec<usize> {
    let all: Vec<usize> = (0..document.sections.len())
        .filter(|&s| is_labelled_level(document.sections[s].level))
        .filter(|&s| document.section_heading(s).map(str::trim) == Some(wanted))
        .collect();
    let second: Vec<usize> = (all.iter().copied())
        .filter(|&s| document.sections[s].level == 2)
        .collect();
    if second.is_empty() { all } else { second }
}

/// Whether a label can name a section of `level`: below a `#` title or chapter ([`headed`]).
fn is_labelled_level(level: u8) -> bool {
    level >= 2
}

/// Why no section is headed `wanted`, for the error: the plan's `#` heading of it, which no
/// label can name ([`headed`]), or the headings it nearly is ([`did_you_mean`]).
fn why_missing(document: &Document, wanted: &str) -> String {
    let title = (0..document.sections.len()).find(|&s| {
        document.sections[s].level == 1
            && document.section_heading(s).map(str::trim) == Some(wanted)
    });
    match title {
        Some(s) => format!(
            "; its \"{wanted}\" ({}) is a `#` heading, a title or chapter, which planaudit judges \
             without its subsections: label the sections under it",
            document.section_place(s)
        ),
        None => did_you_mean(document, wanted),
    }
}

/// "; did you mean …?" naming the plan's headings that `wanted` nearly is, with their places:
/// those the same but for case, apostrophes, quotes and numbering ("2. Carers’ support" for
/// "Carers' support"), else the one a typo or two away. Empty when none is near.
fn did_you_mean(document: &Document, wanted: &str) -> String {
    let headings: Vec<(usize, String)> = (0..document.sections.len())
        .filter(|&s| is_labelled_level(document.sections[s].level))
        .filter_map(|s| Some((s, plain(document.section_heading(s)?))))
        .filter(|(_, heading)| !heading.is_empty())
        .collect();
    let wanted = plain(wanted);
    let mut near: Vec<usize> = (headings.iter())
        .filter(|(_, heading)| *heading == wanted)
        .map(|&(s, _)| s)
        .collect();
    if near.is_empty() {
        let closest = crate::near::closest(&wanted, headings.iter().map(|(_, h)| h.as_str()));
        near.extend(
            headings
                .iter()
                .filter(|(_, h)| Some(h.as_str()) == closest)
                .map(|&(s, _)| s),
        );
    }
    let named: Vec<String> = (near.iter())
        .map(|&s| {
            let heading = document.section_heading(s).unwrap_or_default().trim();
            format!("\"{heading}\" ({})", document.section_place(s))
        })
        .collect();
    match named.is_empty() {
        true => String::new(),
        false => format!("; did you mean {}?", named.join(" or ")),
    }
}

/// A heading as a reader compares two: without numbering, in lower case, with straight
/// apostrophes and quotes and single spaces.
fn plain(heading: &str) -> String {
    let unnumbered = document::unnumbered(heading.trim()).to_lowercase();
    let straight = unnumbered
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"");
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading of section `s`'s parent, trimmed.
fn parent_heading(document: &Document, s: usize) -> Option<&str> {
    let parent = document.sections[s].parent()?;
    document.section_heading(parent).map(str::trim)
}

/// The plan's source without the sections the headings name ([`headed`]), subsections and
/// all; a named section inside another goes with it.
pub(super) fn strip_sections(document: &Document, headings: &[String]) -> String {
    let mut spans: Vec<std::ops::Range<usize>> = (headings.iter())
        .flat_map(|heading| headed(document, heading.trim()))
        .map(|s| document.sections[s].span())
        .collect();
    spans.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    let mut outermost: Vec<std::ops::Range<usize>> = Vec::new();
    for span in spans {
        if outermost.last().is_none_or(|last| span.start >= last.end) {
            outermost.push(span);
        }
    }
    let mut source = document.source.clone();
    for span in outermost.into_iter().rev() {
        source.replace_range(span, "");
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
        // "Sub" has no `##` section, so its `###` one goes; inside "Drop", it goes with it.
        let nested = strip_sections(&d, &["Sub".into(), "Drop".into(), "Drop".into()]);
        assert_eq!(nested, stripped);
        let sub = strip_sections(&d, &["Sub".into()]);
        assert_eq!(sub, "# T\n\n## Keep\n\nk\n\n## Drop\n\nd\n\n## Also\n\na\n");
    }

    #[test]
    fn a_fingerprint_changes_with_what_the_labels_say_and_not_their_order() {
        let section = |heading: &str, expected: &[&str]| LabelledSection {
            heading: heading.into(),
            expected: expected.iter().map(|id| id.to_string()).collect(),
            ..LabelledSection::default()
        };
        let labels = |sections: Vec<LabelledSection>| LabelledDocument {
            file: "plan.md".into(),
            sections,
            ..LabelledDocument::default()
        };
        let first = labels(vec![section("A", &["O1", "O2"]), section("B", &[])]);
        let reordered = labels(vec![section("B", &[]), section(" A ", &["O2", "O1"])]);
        assert_eq!(first.fingerprint(), reordered.fingerprint());
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let others = [
            labels(vec![section("A", &["O1"]), section("B", &[])]),
            labels(vec![section("A", &["O1", "O2"]), section("B", &["O1"])]),
            labels(vec![section("A", &["O1", "O2"])]),
            LabelledDocument {
                strip_sections: vec!["C".into()],
                ..first.clone()
            },
            labels(vec![
                LabelledSection {
                    under: Some("Part one".into()),
                    ..section("A", &["O1", "O2"])
                },
                section("B", &[]),
            ]),
        ];
        for other in others {
            assert_ne!(first.fingerprint(), other.fingerprint(), "{other:?}");
        }
    }

    #[test]
    fn a_heading_nearly_right_is_suggested_with_its_place() {
        let d = doc("# Plan\n\n## 2. Carers’ support\n\nc\n\n## Workforce\n\nw\n");
        let near = |wanted| did_you_mean(&d, wanted);
        assert_eq!(
            near("Carers' Support"),
            "; did you mean \"2. Carers’ support\" (line 3)?"
        );
        assert_eq!(near("Workfroce"), "; did you mean \"Workforce\" (line 7)?");
        assert_eq!(near("Money"), "");
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
