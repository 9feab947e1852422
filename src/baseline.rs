//! Baselines: today's findings recorded, so a team can adopt planaudit on an existing plan and
//! be told only about what gets worse.
//!
//! Findings are matched by file, code, item and, for a finding about a section, its heading
//! without the numbering before its name ([`unnumbered`]), never by line or by where an item
//! happens to be mentioned first, so editing unrelated parts of a plan, or inserting a priority
//! that renumbers the rest, does not bring old findings back. A finding about a section also
//! records the headings above it, as SARIF's fingerprints do, and is matched under them first:
//! a section of the same heading inserted elsewhere (each priority's "Actions") is the one
//! reported new, and a renamed parent still leaves the finding matched by its heading.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::audit::{Code, FileReport, Finding, Policy};
use crate::document::unnumbered;
use crate::input::{Format, Kind, read_parsed};
use crate::rules::Rules;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The plan's path, as named or walked.
    pub file: String,
    /// The finding code (`missing-item`).
    pub code: String,
    /// The item's id, for findings about an item.
    pub item: Option<String>,
    /// The section's heading, for findings about a section: it survives edits that move lines.
    pub section: Option<String>,
    /// The headings above the section (unnumbered, "Priority 2 › Carers"); absent for a
    /// top-level section, and in baselines written before it was always recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
    /// For a finding about neither an item nor a section (a mapping row that names no section,
    /// a plan-wide comment that cannot be read), its message, which names the row or comment:
    /// without it any such finding would stand for every other of its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// The findings a team has accepted, as `--write-baseline` records them and `--baseline`
/// reads them back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The file format's version; only 1 is read.
    pub schema_version: u32,
    /// The accepted findings, sorted, one entry per occurrence.
    pub findings: Vec<Entry>,
}

/// Why a baseline cannot be used: unreadable, or not a baseline this planaudit writes.
pub use crate::input::Error;

/// How baseline files are named in errors.
const BASELINE_FILE: Kind = Kind {
    noun: "baseline",
    read_help: "write one with --write-baseline FILE",
};

/// The one baseline format planaudit reads and writes.
const SCHEMA_VERSION: u32 = 1;

fn entry(rules: &Rules, file: &FileReport, path: &str, finding: &Finding) -> Entry {
    let doc = &file.document;
    Entry {
        file: path.to_owned(),
        code: finding.code.as_str().to_owned(),
        item: finding.item.map(|i| rules.item(i).item.id.clone()),
        section: finding.section.map(|s| doc.heading(s).to_owned()),
        under: None,
        about: (finding.item.is_none() && finding.section.is_none())
            .then(|| finding.message.clone()),
    }
}

/// A plan's path as a baseline records and matches it: `/` separators, no `.` parts and no
/// doubled `/`, so `check plans`, `check ./plans` and `check plans/` (walked as `plans//a.md`)
/// in two CI steps agree. A path with `..`, or an absolute one, is the file it reaches,
/// relative to the working folder (`plans/drafts/../a.md`, `"$PWD/plans/a.md"`,
/// `../plans/a.md`): resolved by the file system, as a `..` after a symbolic link leads
/// elsewhere than the folder before it.
fn normal_path(path: &str) -> String {
    let (absolute, plain) = plain_parts(path);
    if !absolute && !plain.split('/').any(|part| part == "..") {
        return plain;
    }
    resolved(path).unwrap_or_else(|| match absolute {
        true => format!("/{plain}"),
        false => plain,
    })
}

/// The file `path` reaches, relative to the working folder (with `..` where it lies outside
/// it); `None` if the file system cannot say (no such file, or a name that is not UTF-8).
fn resolved(path: &str) -> Option<String> {
    let file = std::fs::canonicalize(path).ok()?;
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .ok()?;
    Some(plain_parts(relative_to(&file, &cwd).to_str()?).1)
}

/// `file` as reached from `folder`, both absolute: `..` for each of `folder`'s parts the two
/// do not share. A baseline recorded from `ci/` of `../plans/a.md` then holds the same key in
/// any clone of the repository, where the absolute path would differ. On another drive there
/// is no way from one to the other, and `file` stays absolute.
fn relative_to(file: &Path, folder: &Path) -> std::path::PathBuf {
    if file.components().next() != folder.components().next() {
        return file.to_owned();
    }
    let (mut file_parts, mut folder_parts) =
        (file.components().peekable(), folder.components().peekable());
    while let (Some(a), Some(b)) = (file_parts.peek(), folder_parts.peek()) {
        if a != b {
            break;
        }
        file_parts.next();
        folder_parts.next();
    }
    folder_parts
        .map(|_| std::path::Component::ParentDir)
        .chain(file_parts)
        .collect()
}

/// Whether `path` is absolute, and its parts without `.` or empty ones, joined by `/`.
fn plain_parts(path: &str) -> (bool, String) {
    let path = path.replace('\\', "/");
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    (path.starts_with('/'), parts.join("/"))
}

impl Baseline {
    /// The entries that record `file`'s findings, for a baseline built a file at a time.
    pub fn entries(rules: &Rules, file: &FileReport) -> Vec<Entry> {
        let path = normal_path(&file.document.path);
        let mut entries: Vec<Entry> = (file.findings.iter())
            .map(|f| entry(rules, file, &path, f))
            .collect();
        // Recorded whether or not the heading repeats today: a section of the same heading
        // inserted later is then told from this one.
        for (e, finding) in entries.iter_mut().zip(&file.findings) {
            let Some(section) = finding.section else {
                continue;
            };
            let path = file.document.heading_path(section);
            e.under = (path.rsplit_once(" › ")).map(|(above, _)| above.to_owned());
        }
        entries
    }

    /// A baseline of these entries, in a stable order.
    pub fn from_entries(mut findings: Vec<Entry>) -> Self {
        findings.sort();
        Self {
            schema_version: SCHEMA_VERSION,
            findings,
        }
    }

    /// The baseline as pretty JSON with a final newline, stable for diffs in version control.
    pub fn to_json(&self) -> String {
        let mut text = crate::json::to_string_pretty(self)
            .unwrap_or_else(|e| unreachable!("baselines always serialise: {e}"));
        text.push('\n');
        text
    }

    /// Reads the baseline at `path`; one of another `schema_version`, or naming a finding code
    /// this planaudit does not have, is an error at that value.
    pub fn read(path: &Path) -> Result<Self, Error> {
        const HELP: &str = "write a new one with --write-baseline FILE";
        let (source, baseline): (_, Self) = read_parsed(path, BASELINE_FILE, Format::Json, HELP)?;
        if baseline.schema_version != SCHEMA_VERSION {
            let at =
                crate::yaml::node_span(&source.text, &[crate::yaml::Step::Value("schema_version")])
                    .unwrap_or_default();
            return Err(source
                .invalid(
                    at,
                    format!(
                        "unsupported baseline schema_version {}",
                        baseline.schema_version
                    ),
                    &format!("this planaudit reads schema_version {SCHEMA_VERSION}; {HELP}"),
                )
                .into());
        }
        let unknown = baseline
            .findings
            .iter()
            .position(|e| Code::parse(&e.code).is_none());
        if let Some(index) = unknown {
            use crate::yaml::Step::{Index, Value};
            let steps = [Value("findings"), Index(index), Value("code")];
            let at = crate::yaml::node_span(&source.text, &steps).unwrap_or_default();
            let code = &baseline.findings[index].code;
            return Err(source
                .invalid(at, format!("unknown finding code `{code}`"), HELP)
                .into());
        }
        Ok(baseline)
    }

    /// Removes the findings this baseline holds from the files given to the [`Suppressor`],
    /// each at most as often as it was recorded. Only entries a run by `rules` and `policy`
    /// could find are judged: a run of one framework, or with a code turned off, says nothing
    /// of the others' entries, and calling them gone would have a team re-record them away.
    pub fn suppressor(&self, rules: &Rules, policy: &Policy) -> Suppressor {
        let items: BTreeSet<&str> = rules.items().map(|i| i.item.id.as_str()).collect();
        let in_run = |e: &Entry| {
            let item = (e.item.as_deref()).is_none_or(|id| items.contains(id));
            let on = Code::parse(&e.code)
                .is_none_or(|code| policy.severities.get(&code).is_none_or(Option::is_some));
            item && on
        };
        let mut remaining: BTreeMap<Entry, usize> = BTreeMap::new();
        for e in self.findings.iter().filter(|e| in_run(e)) {
            *remaining.entry(matching(e)).or_default() += 1;
        }
        Suppressor {
            remaining,
            checked: BTreeSet::new(),
        }
    }
}

/// `entry` as it is matched: its heading [`unnumbered`].
fn matching(entry: &Entry) -> Entry {
    Entry {
        section: entry.section.as_deref().map(|s| unnumbered(s).into_owned()),
        ..entry.clone()
    }
}

/// The findings of a baseline not yet matched, as files are suppressed one by one.
pub struct Suppressor {
    remaining: BTreeMap<Entry, usize>,
    /// The plans suppressed so far, as entries name them.
    checked: BTreeSet<String>,
}

impl Suppressor {
    /// Moves from `file`'s findings to `file.baselined` those still recorded: first each
    /// finding recorded under the same parent headings, then the rest by heading alone, so a
    /// section of the same heading inserted elsewhere is the one reported new.
    pub fn suppress(&mut self, rules: &Rules, file: &mut FileReport) {
        self.checked.insert(normal_path(&file.document.path));
        let keys: Vec<Entry> = (Baseline::entries(rules, file).iter())
            .map(matching)
            .collect();
        let mut recorded: Vec<bool> = keys.iter().map(|key| self.take_exact(key)).collect();
        for (taken, key) in recorded.iter_mut().zip(&keys) {
            *taken = *taken || self.take(key);
        }
        let findings = std::mem::take(&mut file.findings);
        for (finding, taken) in findings.into_iter().zip(recorded) {
            match taken {
                true => file.baselined.push(finding),
                false => file.findings.push(finding),
            }
        }
    }

    /// Takes one recorded occurrence of exactly `key`, if one is left.
    fn take_exact(&mut self, key: &Entry) -> bool {
        match self.remaining.get_mut(key).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                true
            }
            None => false,
        }
    }

    /// How many recorded findings of the plans suppressed so far no finding matched: gaps
    /// closed since the baseline was written, which it would hide if they came back. A plan
    /// this run did not check keeps its entries unjudged.
    pub fn unmatched(&self) -> usize {
        self.remaining
            .iter()
            .filter(|(entry, _)| self.checked.contains(&entry.file))
            .map(|(_, n)| n)
            .sum()
    }

    /// The plans the baseline records findings of that this run did not check and that no
    /// longer exist where it names them: renamed or moved, so their findings, matched by path,
    /// come back as new under the new name.
    pub fn vanished(&self) -> Vec<&str> {
        let mut files: Vec<&str> = (self.remaining.keys())
            .map(|entry| entry.file.as_str())
            .filter(|file| !self.checked.contains(*file) && !Path::new(file).exists())
            .collect();
        files.dedup();
        files
    }

    /// When the baseline records findings and none of them names a plan suppressed so far,
    /// the first plan it names: a baseline recorded from another folder names every plan
    /// another way, and would otherwise leave every finding new without a word.
    pub fn stranger(&self) -> Option<&str> {
        let mut files = self.remaining.keys().map(|entry| entry.file.as_str());
        let first = files.clone().next()?;
        (!self.checked.is_empty() && files.all(|file| !self.checked.contains(file)))
            .then_some(first)
    }

    /// Takes one recorded occurrence of `key` by its heading alone, once no finding took it
    /// under its own parents: an entry recorded under other headings (a parent renamed since)
    /// or none (a baseline written before `under` was always recorded) stands for any of that
    /// heading's sections; a baseline written before entries had `about` matches such findings
    /// by code alone, as it did then.
    fn take(&mut self, key: &Entry) -> bool {
        let bare = |e: &Entry| Entry {
            under: None,
            about: None,
            ..e.clone()
        };
        let anywhere = |e: &Entry| Entry {
            under: None,
            ..e.clone()
        };
        let older = Entry {
            about: None,
            ..key.clone()
        };
        // Entries sort by file, code, item and heading first: those of this heading are one run.
        let found = (self.remaining.range(bare(key)..))
            .take_while(|(e, _)| bare(e) == bare(key))
            .filter(|(_, n)| **n > 0)
            .map(|(e, _)| e)
            .find(|e| {
                anywhere(e) == anywhere(key) || (e.about.is_none() && bare(e) == bare(&older))
            })
            .cloned();
        found.is_some_and(|e| self.take_exact(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_recorded_however_it_is_spelt() {
        for spelling in ["plans/a.md", "./plans/a.md", "plans//a.md", "plans/./a.md"] {
            assert_eq!(normal_path(spelling), "plans/a.md", "{spelling}");
        }
        // A path the file system cannot resolve keeps its `..`: no other file takes its place.
        assert_eq!(normal_path("no-such/../a.md"), "no-such/../a.md");
        assert_eq!(normal_path("/no-such//a.md"), "/no-such/a.md");
    }
}
