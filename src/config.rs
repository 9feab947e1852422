//! `planaudit.yaml`: a team's settings for a plan repository, found from the working directory
//! upwards (like ruff's and Vale's), so every run in the repository behaves the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::audit::{Code, Expiring, FailOn, Policy, Requirement, Severity, Waiver};
use crate::input::{Format as FileFormat, Kind, Several, Source, read_parsed};
use crate::report::Format;
use crate::rules::Catalog;
use crate::yaml::Step;

/// File names looked for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &["planaudit.yaml", ".planaudit.yaml"];

/// The configuration as written; every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Frameworks to audit against (default: outcomes and principles); `--framework` replaces
    /// them. Written but empty is an error, not the default.
    pub frameworks: Option<Vec<String>>,
    /// Extra rule files, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// How well each framework's items must be addressed.
    #[serde(default)]
    pub require: BTreeMap<String, RequirementName>,
    /// Severity per finding code, or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
    /// The lowest severity that fails the run; `--fail-on` wins.
    pub fail_on: Option<FailOn>,
    /// The report format; `--format` wins.
    pub format: Option<Format>,
    /// Globs a walked file must match; `--include` adds more.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of walked files to skip; `--exclude` adds more.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Plan file extensions for walks; absent means md, markdown and txt.
    #[serde(default)]
    pub extensions: Option<Vec<String>>,
    /// Globs naming the plan files; a directory walk then picks up these and nothing else.
    #[serde(default)]
    pub plans: Vec<String>,
    /// Items and finding codes not reported, each with a reason.
    #[serde(default)]
    pub waivers: Vec<WaiverEntry>,
}

/// How well a framework's items must be addressed, as config writes it (`require:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementName {
    /// A passing mention is enough: weak items become notes.
    Weak,
    /// Weak items are warnings, missing ones errors: the default.
    Covered,
    /// Covered with a commitment or measure: a missing commitment is an error, and so is an
    /// item only mentioned in passing.
    Committed,
}

/// A finding code's severity as config writes it (`severity:`), with `off` to drop the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    /// Reported as an error.
    Error,
    /// Reported as a warning.
    Warning,
    /// Reported as a note.
    Note,
    /// Not reported at all.
    Off,
}

/// One entry of `waivers:`, as written; [`Loaded::policy`] checks it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverEntry {
    /// The item id to waive; exactly one of `item` and `code` is given.
    pub item: Option<String>,
    /// The finding code to waive.
    pub code: Option<String>,
    /// Why; required and shown in reports, so a waiver is never silent. Read as empty when
    /// the key is missing, so the check reports it beside the config's other problems.
    #[serde(default)]
    pub reason: String,
    /// Last day the waiver holds, `YYYY-MM-DD`; `Some(None)` when the key is there with no
    /// value, which is refused rather than read as a waiver that never runs out.
    #[serde(default, deserialize_with = "present")]
    pub until: Option<Option<String>>,
}

/// A key that is there, with or without a value: absent keys take the default, `None`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A configuration file, read and checked.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file read.
    pub path: PathBuf,
    /// Its settings as written.
    pub config: Config,
    source: Source,
}

/// Why a configuration cannot be used: unreadable, or invalid at a place in the file.
pub use crate::input::Error;

/// How configuration files are named in errors.
const CONFIG_FILE: Kind = Kind {
    noun: "config",
    read_help: "fix or remove the file; --config names another, --no-config ignores planaudit.yaml",
};

/// The nearest configuration file in `cwd`, the working directory, or a directory above it,
/// named from `cwd` (`../planaudit.yaml`) as reports show it: the same on every machine that
/// checks the repository out.
pub fn discover(cwd: &Path) -> Result<Option<PathBuf>, TwoConfigs> {
    for (up, dir) in cwd.ancestors().enumerate() {
        let relative: PathBuf = std::iter::repeat_n("..", up).collect();
        // Anything by that name, not only a regular file: a FIFO or a directory named
        // planaudit.yaml is refused when read, where skipping it would drop the config unseen.
        let found = FILE_NAMES
            .iter()
            .filter(|name| dir.join(name).symlink_metadata().is_ok());
        let mut found = found.map(|name| relative.join(name));
        match (found.next(), found.next()) {
            (Some(first), Some(second)) => return Err(TwoConfigs { first, second }),
            (Some(first), None) => return Ok(Some(first)),
            _ => {}
        }
    }
    Ok(None)
}

/// Both spellings of the config file in one directory: only one would be read, and which is
/// not something a team should have to remember.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("two config files: {} and {}", first.display(), second.display())]
#[diagnostic(
    code(planaudit::config::two),
    help("merge them into one and delete the other, or pass `--config FILE` to choose")
)]
pub struct TwoConfigs {
    /// The one planaudit would have read.
    pub first: PathBuf,
    /// The one it would have left unread.
    pub second: PathBuf,
}

impl Loaded {
    /// Reads and parses the config file at `path`; names are checked later, by [`Loaded::policy`],
    /// once the rules are known.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let (source, config) = read_parsed(path, CONFIG_FILE, FileFormat::Yaml, CONFIG_HELP)?;
        let loaded = Self {
            path: path.to_owned(),
            config,
            source,
        };
        loaded.check_globs()?;
        Ok(loaded)
    }

    /// Extra rule files, resolved against the configuration file's directory. One that is not
    /// there is an error at its entry in `rules:`, where the fix is.
    pub fn rule_files(&self) -> Result<Vec<PathBuf>, Error> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let files = self.config.rules.iter().enumerate();
        files
            .map(|(index, file)| match dir.join(file) {
                path if path.exists() => Ok(path),
                path => Err(self.error(
                    &[Step::Value("rules"), Step::Index(index)],
                    format!("there is no rule file {}", path.display()),
                    "paths in `rules:` are relative to the directory of the config file",
                )),
            })
            .collect()
    }

    /// Every glob of `include`, `exclude` and `plans` parses, and every extension is one, or
    /// the error points at it.
    fn check_globs(&self) -> Result<(), Error> {
        let c = &self.config;
        let keys = [
            ("include", &c.include),
            ("exclude", &c.exclude),
            ("plans", &c.plans),
        ];
        if c.extensions.as_ref().is_some_and(Vec::is_empty) {
            return Err(self.error(
                &[Step::Value("extensions")],
                "`extensions` names no extension".into(),
                "name at least one, e.g. `extensions: [md, txt]`, or remove the key to walk for \
                 md, markdown and txt files",
            ));
        }
        for (index, extension) in c.extensions.iter().flatten().enumerate() {
            if extension.trim_start_matches('.').is_empty() || extension.contains(['/', '\\']) {
                return Err(self.error(
                    &[Step::Value("extensions"), Step::Index(index)],
                    match extension.is_empty() {
                        true => "an empty string is not a file extension".to_owned(),
                        false => format!("`{extension}` is not a file extension"),
                    },
                    "write an extension without its dot, e.g. `md`",
                ));
            }
        }
        for (key, globs) in keys {
            for (index, glob) in globs.iter().enumerate() {
                if let Err(e) = globset::Glob::new(glob) {
                    return Err(self.error(
                        &[Step::Value(key), Step::Index(index)],
                        format!("invalid glob `{glob}`: {}", e.kind()),
                        "globs use *, ** and ?, e.g. `drafts/**`",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks every name against the rules available, and builds the audit policy, reading
    /// each waiver's `until` as `expiry` says.
    pub fn policy(&self, catalog: &Catalog, expiry: Expiry) -> Result<Policy, Error> {
        let c = &self.config;
        // Every entry is checked, and every wrong one reported in one run.
        let mut problems = Vec::new();
        if c.frameworks.as_ref().is_some_and(Vec::is_empty) {
            problems.push(self.error(
                &[Step::Value("frameworks")],
                "`frameworks` names no framework".into(),
                "name at least one, e.g. `frameworks: [outcomes, principles]`, or remove the key \
                 to audit the default ones",
            ));
        }
        for (index, id) in c.frameworks.iter().flatten().enumerate() {
            let at = [Step::Value("frameworks"), Step::Index(index)];
            problems.extend(self.check_framework(catalog, id, &at).err());
        }
        for id in c.require.keys() {
            let at = [Step::Value("require"), Step::Key(id)];
            problems.extend(self.check_framework(catalog, id, &at).err());
        }
        let mut severities = BTreeMap::new();
        for (name, severity) in &c.severity {
            match Code::parse(name) {
                Some(code) => drop(severities.insert(code, severity.to_severity())),
                None => problems.push(self.error(
                    &[Step::Value("severity"), Step::Key(name)],
                    format!("unknown finding code `{name}`"),
                    &codes_help(),
                )),
            }
        }
        let (mut waivers, mut expiring) = (Vec::new(), Vec::new());
        for (index, entry) in c.waivers.iter().enumerate() {
            match self.waiver(index, entry, catalog, expiry, &mut expiring) {
                Ok(waiver) => waivers.extend(waiver),
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(error) = Several::of_all(&self.source.name, problems, Error::Several) {
            return Err(error);
        }
        let requirements = c
            .require
            .iter()
            .map(|(id, r)| (id.clone(), r.to_requirement()))
            .collect();
        Ok(Policy {
            requirements,
            severities,
            waivers,
            expiring,
            plan_directives: true,
        })
    }

    /// An error unless the rules available define framework `id`, written at `path`.
    fn check_framework(&self, catalog: &Catalog, id: &str, path: &[Step]) -> Result<(), Error> {
        // The catalog's own refusal says which framework an id nearly names, as `-f` does.
        let help = match catalog.get(id) {
            Ok(_) => return Ok(()),
            Err(crate::rules::Error::UnknownFramework {
                near, available, ..
            }) => format!("{near}available: {available}"),
            Err(other) => other.to_string(),
        };
        Err(self.error(path, format!("unknown framework `{id}`"), &help))
    }

    /// Checks the waiver written as item `index` of `waivers:`; one past its day is left out.
    /// With [`Expiry::Warn`], `expiring` gets a warning for it, and for one that runs out
    /// within [`EXPIRY_NOTICE_DAYS`].
    fn waiver(
        &self,
        index: usize,
        entry: &WaiverEntry,
        catalog: &Catalog,
        expiry: Expiry,
        expiring: &mut Vec<Expiring>,
    ) -> Result<Option<Waiver>, Error> {
        let at = |key| [Step::Value("waivers"), Step::Index(index), Step::Value(key)];
        let target = match (&entry.item, &entry.code) {
            (Some(item), None) => {
                let found = catalog.item(item).map_err(|_| {
                    self.error(
                        &at("item"),
                        format!("waiver names unknown item `{item}`"),
                        "`planaudit rules list` shows every item id",
                    )
                })?;
                found.1.id.clone()
            }
            (None, Some(code)) => {
                Code::parse(code).ok_or_else(|| {
                    self.error(
                        &at("code"),
                        format!("waiver names unknown finding code `{code}`"),
                        &codes_help(),
                    )
                })?;
                code.clone()
            }
            _ => {
                return Err(self.error(
                    &[Step::Value("waivers"), Step::Index(index)],
                    "a waiver names exactly one `item` or `code`".into(),
                    WAIVER_HELP,
                ));
            }
        };
        if entry.reason.trim().is_empty() {
            // At the empty reason, or at the waiver when it has no `reason` key.
            let key = at("reason");
            let written = crate::yaml::node_span(&self.source.text, &key).is_some();
            let place = if written { &key[..] } else { &key[..2] };
            return Err(self.error(
                place,
                format!("the waiver for `{target}` gives no reason"),
                WAIVER_HELP,
            ));
        }
        if let Some(until) = &entry.until {
            let until = until.as_deref().ok_or_else(|| {
                self.error(
                    &at("until"),
                    format!("the waiver for `{target}` has an empty `until`"),
                    "write the last day it holds as YYYY-MM-DD, or remove `until` for a waiver \
                     that does not run out",
                )
            })?;
            let date = waiver_date(until.trim()).ok_or_else(|| {
                self.error(
                    &at("until"),
                    format!("`{until}` is not a date written YYYY-MM-DD"),
                    "write dates as YYYY-MM-DD, a day that exists in that month",
                )
            })?;
            let remedy = match entry.item {
                Some(_) => "address the item",
                None => "fix what the code finds",
            };
            let mut warn = |message: String| {
                let place = self.error(&at("until"), message, "");
                expiring.push(Expiring {
                    item: entry.item.is_some().then(|| target.clone()),
                    warning: place.to_string(),
                });
            };
            match expiry {
                Expiry::Warn(today) if date < today => {
                    warn(format!(
                        "the waiver for `{target}` expired on {until} and no longer applies: \
                         {remedy}, or renew the waiver with a new date and a reason that still \
                         holds"
                    ));
                    return Ok(None);
                }
                Expiry::Warn(today) if (date - today).get_days() <= EXPIRY_NOTICE_DAYS => {
                    let last = match (date - today).get_days() {
                        0 => "today is its last day".to_owned(),
                        1 => "tomorrow is its last day".to_owned(),
                        n => format!("{n} days from now"),
                    };
                    warn(format!(
                        "the waiver for `{target}` runs out after {until} ({last}): {remedy}, \
                         or renew the waiver with a new date and a reason that still holds"
                    ));
                }
                Expiry::LeaveOut(today) if date < today => return Ok(None),
                _ => {}
            }
        }
        Ok(Some(Waiver {
            target,
            reason: entry.reason.trim().to_owned(),
        }))
    }

    /// An error at the node `path` leads to; the file's start if it cannot be found.
    fn error(&self, path: &[Step], message: String, help: &str) -> Error {
        let span = crate::yaml::node_span(&self.source.text, path).unwrap_or_default();
        Error::Invalid(self.source.invalid(span, message, help))
    }
}

const CONFIG_HELP: &str =
    "`planaudit init` writes a commented starter config; docs/ci.md describes every key";
fn codes_help() -> String {
    format!("finding codes: {}", Code::names())
}
/// A waiver's `until`: exactly YYYY-MM-DD, and a day of the calendar. jiff alone also reads
/// `20271231` and timestamps, and its errors speak of its own types.
fn waiver_date(text: &str) -> Option<Date> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped.then(|| text.parse().ok()).flatten()
}

const WAIVER_HELP: &str = "a waiver is `- item: O6` (or `code: orphan-section`), `reason: …` and optionally `until: YYYY-MM-DD`";

impl RequirementName {
    fn to_requirement(self) -> Requirement {
        match self {
            RequirementName::Weak => Requirement::Weak,
            RequirementName::Covered => Requirement::Covered,
            RequirementName::Committed => Requirement::Committed,
        }
    }
}

impl SeverityName {
    fn to_severity(self) -> Option<Severity> {
        match self {
            SeverityName::Error => Some(Severity::Error),
            SeverityName::Warning => Some(Severity::Warning),
            SeverityName::Note => Some(Severity::Note),
            SeverityName::Off => None,
        }
    }
}

/// A waiver that runs out within this many days is announced by `check`, so a team renews or
/// closes it before a CI run fails on the day.
pub const EXPIRY_NOTICE_DAYS: i32 = 14;

/// How a waiver's `until` is read.
#[derive(Debug, Clone, Copy)]
pub enum Expiry {
    /// A waiver past its day no longer applies, and `check` says so: its findings come back
    /// at their own severity, and a report-only run still writes its report, where an error
    /// stopped every step of a CI job the day a waiver ran out.
    Warn(Date),
    /// A waiver past its day is left out, as it waives nothing any more: `explain`, `matrix` and
    /// `diff` show what the plan says, rather than fail on a calendar date.
    LeaveOut(Date),
    /// Nothing expires (`--no-waivers`, which sets every waiver aside).
    Never,
}

/// Today's date in UTC, from the system clock.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The starter configuration `planaudit init` writes.
pub const STARTER: &str = include_str!("../docs/planaudit.yaml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_config_loads_and_checks() {
        let dir = std::env::temp_dir().join(format!("planaudit-starter-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("planaudit.yaml");
        std::fs::write(&path, STARTER).unwrap();
        let loaded = Loaded::read(&path).unwrap();
        loaded
            .policy(
                &Catalog::builtin(),
                Expiry::Warn(jiff::civil::date(2026, 1, 1)),
            )
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The starter's comment lists the codes `severity` takes: every one, so a team can find the
    /// one it wants to turn down.
    #[test]
    fn the_starter_config_names_every_finding_code() {
        let comment: String = STARTER
            .lines()
            .skip_while(|l| !l.starts_with("# Severity per finding code"))
            .take_while(|l| l.starts_with('#'))
            .collect();
        for code in crate::audit::Code::all() {
            let name = format!(" {}", code.as_str());
            assert!(
                comment.contains(&format!("{name},")) || comment.contains(&format!("{name} ")),
                "{name} missing from: {comment}"
            );
        }
    }

    /// The line of the error `policy` gives for the starter config with `waivers` appended, or
    /// of its warning of an expired waiver.
    fn error_line(waivers: &str) -> usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("planaudit.yaml");
        std::fs::write(&path, format!("{STARTER}waivers:\n{waivers}")).unwrap();
        let loaded = Loaded::read(&path).unwrap();
        match loaded.policy(
            &Catalog::builtin(),
            Expiry::Warn(jiff::civil::date(2028, 1, 1)),
        ) {
            Err(Error::Invalid(invalid)) => invalid.line,
            Ok(policy) if policy.expiring.len() == 1 => {
                let place = policy.expiring[0]
                    .warning
                    .strip_prefix(&*path.to_string_lossy())
                    .unwrap();
                place.split(':').nth(1).unwrap().parse().unwrap()
            }
            other => panic!("{other:?}"),
        }
    }

    /// A waiver that runs out within the notice period still applies, and is announced; one
    /// further off is not.
    #[test]
    fn a_waiver_about_to_run_out_applies_and_is_announced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("planaudit.yaml");
        let waiver =
            "waivers:\n  - item: O6\n    reason: the Carers Strategy\n    until: 2027-03-31\n";
        std::fs::write(&path, waiver).unwrap();
        let loaded = Loaded::read(&path).unwrap();
        let on = |day| {
            loaded
                .policy(&Catalog::builtin(), Expiry::Warn(day))
                .unwrap()
        };
        let soon = on(jiff::civil::date(2027, 3, 25));
        assert_eq!(soon.waivers.len(), 1);
        assert_eq!(soon.expiring.len(), 1);
        assert_eq!(soon.expiring[0].item.as_deref(), Some("O6"));
        assert!(
            soon.expiring[0].warning.ends_with(
                "planaudit.yaml:4:12: the waiver for `O6` runs out after 2027-03-31 (6 days \
                 from now): address the item, or renew the waiver with a new date and a reason \
                 that still holds"
            ),
            "{}",
            soon.expiring[0].warning
        );
        assert!(
            on(jiff::civil::date(2027, 3, 31)).expiring[0]
                .warning
                .contains("after 2027-03-31 (today is its last day)")
        );
        assert_eq!(on(jiff::civil::date(2027, 3, 17)).expiring.len(), 1);
        let later = on(jiff::civil::date(2027, 3, 16));
        assert_eq!((later.waivers.len(), later.expiring.len()), (1, 0));
        let past = on(jiff::civil::date(2027, 4, 1));
        assert_eq!((past.waivers.len(), past.expiring.len()), (0, 1));
    }

    #[test]
    fn errors_point_at_the_node_not_at_the_same_text_elsewhere() {
        let starter_lines = STARTER.lines().count();
        let comment = STARTER
            .lines()
            .position(|l| l.contains("until: 2027-03-31"))
            .expect("the starter shows a waiver in a comment");
        assert!(comment < starter_lines);
        let expired = "  - item: O6\n    reason: the Carers Strategy\n    until: 2027-03-31\n";
        assert_eq!(
            error_line(expired),
            starter_lines + 4,
            "the `until:` set, not the comment's"
        );
        let second = format!("  - item: O7\n    reason: later\n    until: 2099-01-01\n{expired}");
        assert_eq!(
            error_line(&second),
            starter_lines + 7,
            "the second waiver's `until:`"
        );
        let code = "  - code: format\n    reason: not a code, but the name of a key above\n";
        assert_eq!(error_line(code), starter_lines + 2);
        let unreasoned = "  - item: O6\n    reason: ' '\n";
        assert_eq!(error_line(unreasoned), starter_lines + 3);
        // An empty `until` is refused at its line, not read as a waiver for ever.
        for empty in ["", " ~", " null"] {
            let waiver = format!("  - item: O6\n    reason: later\n    until:{empty}\n");
            assert_eq!(error_line(&waiver), starter_lines + 4, "until:{empty}");
        }
    }
}
