//! Every finding code in one table: its name, default severity and what, why and help texts.
//!
//! The reports, the generated rule reference (docs/rules.md), config validation and
//! `planaudit rules show CODE` all read [`Code::doc`], as ruff's and cargo-deny's rule
//! registries are read, so a code's wording is written once. A new finding kind is one variant
//! here plus the audit step that raises it.

use serde::Deserialize;
use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use crate::rules::Obligation;

/// How much a finding matters; ordered, so the worst of a set is its maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// For the reader's attention; never fails a run.
    Note,
    /// Likely a gap worth fixing; fails a run with `--fail-on warning`.
    Warning,
    /// A gap the plan must close; fails a run by default.
    Error,
}

impl Severity {
    /// The lowercase name reports and config use (`warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The lowest severity that fails a run (`--fail-on`, config `fail_on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only: the default, so a plan with weak items still passes.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail on findings: the report is for reading only (exit code 0 unless input is bad).
    Never,
}

impl FailOn {
    /// The severity at or above which a finding fails the run; `None` when nothing does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// Stable finding codes: CI configs, waivers and baselines refer to them by their kebab-case
/// names (`missing-item`), which [`Code::as_str`] gives and [`str::parse`] reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, EnumString, IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Code {
    /// An item no section addresses or mentions.
    MissingItem,
    /// An item only mentioned in passing.
    WeakItem,
    /// A covered item with no commitment or measure with it.
    NoCommitment,
    /// A substantial section that serves no item.
    OrphanSection,
    /// A `planaudit:` comment that cannot be acted on.
    BadDirective,
    /// A plan with no headings, so no sections to audit.
    NoSections,
    /// A mapping claims an item for a section whose text does not address it.
    UnsupportedClaim,
    /// A section addresses an item its mapping leaves out.
    UnclaimedEvidence,
    /// A mapping row names no section of the plan.
    BadClaim,
    /// A priority that addresses items has no measure going with it.
    NoMeasure,
    /// A comment or code block is never closed, so the text after it is not read.
    UnclosedBlock,
}

/// Sections shorter than this are signposts or headings, not content that ought to serve an item.
pub const ORPHAN_MIN_WORDS: usize = 80;

/// A finding code's documentation, as ruff documents a rule: what it flags, why that matters,
/// and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeDoc {
    /// The code as one capitalised word, e.g. `OrphanSection` (SARIF rule names).
    pub name: &'static str,
    /// A one-line summary.
    pub title: &'static str,
    /// When the finding is raised.
    pub what: &'static str,
    /// The severity, and when it differs.
    pub severity: &'static str,
    /// Why a reviewer cares.
    pub why: &'static str,
    /// What to do about it, in lower case without a full stop so it reads after `help:`.
    pub help: &'static str,
    /// Whether the finding names an item, whose own wording then explains it; codes that name
    /// none need a SARIF rule of their own.
    pub names_item: bool,
}

impl Code {
    /// Every code, in declaration order.
    pub fn all() -> impl Iterator<Item = Code> {
        Code::iter()
    }

    /// The code's name as written in configs, waivers and reports.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The code named `text`, as written in configs and comments.
    pub fn parse(text: &str) -> Option<Code> {
        text.parse().ok()
    }

    /// Every code's name, comma-separated: the list an "unknown code" error offers.
    pub fn names() -> String {
        Code::all().map(Code::as_str).collect::<Vec<_>>().join(", ")
    }

    /// The default severity; an item the plan only `should` address is never an error.
    pub fn severity(self, obligation: Obligation) -> Severity {
        match (self, obligation) {
            (Code::MissingItem, Obligation::Must) => Severity::Error,
            (
                Code::MissingItem
                | Code::WeakItem
                | Code::NoCommitment
                | Code::BadDirective
                | Code::NoSections
                | Code::UnsupportedClaim
                | Code::BadClaim
                | Code::NoMeasure
                | Code::UnclosedBlock,
                _,
            ) => Severity::Warning,
            (Code::OrphanSection | Code::UnclaimedEvidence, _) => Severity::Note,
        }
    }

    /// The code's documentation.
    pub fn doc(self) -> &'static CodeDoc {
        match self {
            Code::MissingItem => &MISSING_ITEM,
            Code::WeakItem => &WEAK_ITEM,
            Code::NoCommitment => &NO_COMMITMENT,
            Code::OrphanSection => &ORPHAN_SECTION,
            Code::BadDirective => &BAD_DIRECTIVE,
            Code::NoSections => &NO_SECTIONS,
            Code::UnsupportedClaim => &UNSUPPORTED_CLAIM,
            Code::UnclaimedEvidence => &UNCLAIMED_EVIDENCE,
            Code::BadClaim => &BAD_CLAIM,
            Code::NoMeasure => &NO_MEASURE,
            Code::UnclosedBlock => &UNCLOSED_BLOCK,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const MISSING_ITEM: CodeDoc = CodeDoc {
    name: "MissingItem",
    title: "An item is not addressed anywhere in the plan",
    what: "No section addresses or mentions the item.",
    severity: "An error, or a warning for an item the plan only should address.",
    why: "A strategic plan has to say how it will achieve each outcome and follow each \
          principle; an item it never mentions is a gap a reviewer will ask about first.",
    help: "add a section, or a commitment in an existing one, on what the partnership will do",
    names_item: true,
};

const WEAK_ITEM: CodeDoc = CodeDoc {
    name: "WeakItem",
    title: "An item is only mentioned in passing",
    what: "The item is only mentioned in passing: no section scores the item's threshold.",
    severity: "A warning.",
    why: "A passing mention shows the item was thought of, not that the plan does anything \
          about it.",
    help: "say in the section that mentions it what will be done, by whom and by when",
    names_item: true,
};

const NO_COMMITMENT: CodeDoc = CodeDoc {
    name: "NoCommitment",
    title: "A covered item has no commitment or measure",
    what: "The item is covered, but no commitment or measure (we will…, a deadline, a target) \
           goes with it. A named lead alone says who, not what will be done.",
    severity: "A warning.",
    why: "Without a commitment or measure nobody can later tell whether the plan delivered.",
    help: "add what will be done by when, or a target, and who leads it",
    names_item: true,
};

const ORPHAN_SECTION: CodeDoc = CodeDoc {
    name: "OrphanSection",
    title: "A substantial section serves no item",
    what: "A section with 80 words or more of its own text (a subsection's words count for \
           the subsection) links to no item of the selected frameworks, and neither do its \
           subsections. Not reported for a section that maps the plan's priorities to the \
           items (a table or sentence the plan claims them in), nor when statutory content is \
           the only framework: most sections of a sound plan serve none of its items.",
    severity: "A note.",
    why: "A section long enough to be content rather than a signpost, yet tied to no outcome or \
          principle, is either serving one without saying so or not serving the plan.",
    help: "say which item of the frameworks audited this section serves, or ask whether the plan needs it",
    names_item: false,
};

const BAD_DIRECTIVE: CodeDoc = CodeDoc {
    name: "BadDirective",
    title: "A planaudit comment cannot be acted on",
    what: "A `<!-- planaudit: … -->` comment cannot be read, names no item or finding code, \
           or waives nothing: inside a section, no finding about the item it names points \
           into the section; before the first section, the plan has no finding about the item \
           and the item is covered. A finding code is not judged so, as its findings depend on \
           the frameworks a run audits.",
    severity: "A warning.",
    why: "An ignored comment would otherwise hide silently, for example a waiver with a typo \
          in its item id; and a waiver left behind once its gap is closed would hide the gap \
          if it came back.",
    help: "write `<!-- planaudit: ignore ID reason=\"…\" -->` or `<!-- planaudit: addresses ID \
           -->` with an item id or finding code from `planaudit rules list`; delete a waiver \
           that waives nothing",
    names_item: false,
};

const NO_SECTIONS: CodeDoc = CodeDoc {
    name: "NoSections",
    title: "The plan has no headings",
    what: "The plan is empty, or has no heading, so it is read as one section: coverage counts \
           what that section addresses, and the items it misses or only mentions are found as \
           in any plan. An empty plan gets this finding alone.",
    severity: "An error for an empty plan, or one of front matter or comments alone, which \
               addresses nothing (a wrong or truncated export must not pass); a warning for a \
               plan without headings.",
    why: "planaudit judges a plan section by section; without headings it cannot say which part \
          of the plan addresses an item, nor which part serves nothing. A plan \
          copied out of Word or a PDF often loses its headings; one without any takes its lines \
          of a few words set in bold or capitals, or after a section number (\"3.2 Carers\"), as \
          headings, so this finding means it had none of those either.",
    help: "give each part of the plan a heading (in Markdown `## Supporting unpaid carers`, in \
           Word a Heading 1–3 style, in HTML `<h2>`; a PDF's come from its source document), \
           or check that the right file was audited",
    names_item: false,
};

const UNSUPPORTED_CLAIM: CodeDoc = CodeDoc {
    name: "UnsupportedClaim",
    title: "The plan claims a section serves an item its text does not address",
    what: "A mapping table or sentence of the plan (\"Caring for carers | 6, 7\", \"This \
           priority supports outcomes 2 and 7\") claims a section contributes to an item, but \
           the section's own text, the claims left out, does not address it.",
    severity: "A warning.",
    why: "A mapping table is the plan's account of itself, and the first thing a reviewer \
          checks: a claim the text does not back is an outcome the plan says it serves but \
          does nothing for.",
    help: "say in the section what it does for the item, or take the item out of the mapping",
    names_item: true,
};

const UNCLAIMED_EVIDENCE: CodeDoc = CodeDoc {
    name: "UnclaimedEvidence",
    title: "A section addresses an item its mapping leaves out",
    what: "A section that the plan's mapping names addresses an item of a framework the \
           mapping uses strongly (with a commitment, or at twice the item's threshold), but \
           the mapping does not claim it.",
    severity: "A note.",
    why: "The mapping under-sells the plan: a reader who trusts the table misses what the \
          section does.",
    help: "add the item to the section's row of the mapping, if the section is meant to serve it",
    names_item: true,
};

const BAD_CLAIM: CodeDoc = CodeDoc {
    name: "BadClaim",
    title: "A claim that cannot be checked",
    what: "A row of a mapping table, or a labelled list item, claims an item for a priority \
           whose name matches no heading of the plan (see the matching rule in the README); \
           or a cell or sentence claims a numbered item that no framework of the run has \
           (\"outcome 11\", \"O10\").",
    severity: "A warning.",
    why: "A claim about a priority the plan does not contain, or about an item that does not \
          exist, cannot be checked: the table was often copied from an earlier plan, or the \
          number is a typo or follows another numbering.",
    help: "claim only items that exist (`planaudit rules list` shows them), and name a \
           table row or list label after the section's heading, or add the section it refers to",
    names_item: false,
};

const NO_MEASURE: CodeDoc = CodeDoc {
    name: "NoMeasure",
    title: "A priority names no measure",
    what: "A priority (a section the plan's mapping names, or one headed \"Priority …\") \
           addresses items, but no measure goes with it: no national indicator (NI1–NI23), \
           no Ministerial Strategic Group measure, no target (a commitment with a number and a \
           date), in its text or in a table row that names it.",
    severity: "A warning.",
    why: "Audit and self-evaluation reviews follow the thread from each priority to its \
          actions, measures and resources; without a measure nobody can tell whether the \
          priority was delivered.",
    help: "name the national indicator, MSG measure or local target (a number and a date) \
           that will show progress on this priority; a date alone is a commitment, not a measure",
    names_item: false,
};

const UNCLOSED_BLOCK: CodeDoc = CodeDoc {
    name: "UnclosedBlock",
    title: "A comment or code block is never closed",
    what: "An HTML comment (`<!--` with no `-->`) or a fenced code block (three backticks or \
           tildes with no closing fence) runs on to the end of the plan, or of the list item \
           or quote it opened in: everything after it is the comment's or the code's, and none \
           of it is read as plan text.",
    severity: "A warning.",
    why: "The sections it takes in are not audited, so their items are reported missing and \
          the cause is easy to miss: a draft note left open near the top of a plan can hide \
          almost all of it.",
    help: "close it where it should end (`-->` after a comment, the same fence after code), \
           or delete it",
    names_item: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for code in Code::all() {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::parse("orphan-section"), Some(Code::OrphanSection));
        assert_eq!(Code::parse("Orphan-Section"), None, "names are exact");
        assert_eq!(Code::parse("orphan"), None);
    }

    #[test]
    fn every_code_is_documented_once() {
        let names: Vec<&str> = Code::all().map(|c| c.doc().name).collect();
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(names, unique);
        for code in Code::all() {
            let doc = code.doc();
            let pascal: String = code
                .as_str()
                .split('-')
                .map(|w| w[..1].to_uppercase() + &w[1..])
                .collect();
            assert_eq!(doc.name, pascal, "{code}");
            assert!(!doc.help.ends_with('.'), "{code}: help reads after `help:`");
        }
    }

    /// `--fail-on NAME` and config `fail_on: NAME` accept the same names.
    #[test]
    fn command_line_and_config_name_fail_on_alike() {
        use clap::ValueEnum;
        for fail_on in FailOn::value_variants() {
            let name = fail_on.to_possible_value().unwrap().get_name().to_owned();
            let parsed: FailOn = crate::yaml::from_str(&name).unwrap();
            assert_eq!(parsed, *fail_on, "{name}");
        }
    }

    #[test]
    fn orphan_text_states_the_threshold_in_force() {
        let stated = format!("{ORPHAN_MIN_WORDS} words");
        assert!(
            ORPHAN_SECTION.what.contains(&stated),
            "{}",
            ORPHAN_SECTION.what
        );
    }
}
