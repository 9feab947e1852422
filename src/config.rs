//! `planaudit.yaml`: a team's settings for a plan repository, found from the working directory
//! upwards (like ruff's and Vale's), so every run in the repository behaves the same.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use thiserror::Error;

use crate::audit::{Code, FailOn, Policy, Requirement, Severity, Waiver};
use crate::report::Format;
use crate::rules::Catalog;
use crate::source::LineIndex;

/// File names looked for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &["planaudit.yaml", ".planaudit.yaml"];

/// The configuration as written; every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub frameworks: Vec<String>,
    /// Extra rule files, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// How well each framework's items must be addressed.
    #[serde(default)]
    pub require: BTreeMap<String, RequirementName>,
    /// Severity per finding code, or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
    pub fail_on: Option<FailOn>,
    pub format: Option<Format>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub extensions: Vec<String>,
    /// Globs naming the plan files; a directory walk then picks up these and nothing else.
    #[serde(default)]
    pub plans: Vec<String>,
    #[serde(default)]
    pub waivers: Vec<WaiverEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementName {
    Weak,
    Covered,
    Committed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Note,
    Off,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverEntry {
    pub item: Option<String>,
    pub code: Option<String>,
    pub reason: String,
    /// Last day the waiver holds, `YYYY-MM-DD`.
    pub until: Option<String>,
}

/// A configuration file, read and checked.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
    text: String,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("cannot read config {path}: {cause}")]
    #[diagnostic(
        code(planaudit::config::read),
        help("check the path given to --config")
    )]
    Read { path: String, cause: std::io::Error },

    #[error("{path}:{line}:{column}: {message}")]
    #[diagnostic(code(planaudit::config::invalid))]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: String,
    },
}

/// The nearest configuration file in `start` or a directory above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())
    })
}

impl Loaded {
    pub fn read(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let text = crate::input::read_text(path).map_err(|cause| Error::Read {
            path: name.clone(),
            cause,
        })?;
        let config: Config = crate::yaml::from_str(&text).map_err(|e| {
            let at = e.offset.unwrap_or(0);
            invalid(&name, &text, at..at, e.message, CONFIG_HELP)
        })?;
        Ok(Self {
            path: path.to_owned(),
            config,
            text,
        })
    }

    /// Extra rule files, resolved against the configuration file's directory.
    pub fn rule_files(&self) -> Vec<PathBuf> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        self.config.rules.iter().map(|r| dir.join(r)).collect()
    }

    /// Checks every name against the rules available, and builds the audit policy.
    /// `today` is `(year, month, day)`; an expired waiver is an error, not a silent pass.
    pub fn policy(&self, catalog: &Catalog, today: (u32, u32, u32)) -> Result<Policy, Error> {
        let c = &self.config;
        let frameworks = c.frameworks.iter().chain(c.require.keys());
        for id in frameworks {
            if catalog.get(id).is_err() {
                let ids: Vec<&str> = catalog.sets().iter().map(|s| s.id.as_str()).collect();
                return Err(self.error(
                    id,
                    format!("unknown framework `{id}`"),
                    &format!("available: {}", ids.join(", ")),
                ));
            }
        }
        let mut severities = BTreeMap::new();
        for (name, severity) in &c.severity {
            let code = Code::parse(name).ok_or_else(|| {
                self.error(
                    name,
                    format!("unknown finding code `{name}`"),
                    &codes_help(),
                )
            })?;
            severities.insert(code, severity.to_severity());
        }
        let mut waivers = Vec::new();
        for entry in &c.waivers {
            waivers.push(self.waiver(entry, catalog, today)?);
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
            inline_waivers: true,
        })
    }

    fn waiver(
        &self,
        entry: &WaiverEntry,
        catalog: &Catalog,
        today: (u32, u32, u32),
    ) -> Result<Waiver, Error> {
        let anchor = entry
            .item
            .as_deref()
            .or(entry.code.as_deref())
            .unwrap_or("reason");
        let target = match (&entry.item, &entry.code) {
            (Some(item), None) => {
                let found = catalog.item(item).map_err(|_| {
                    self.error(
                        item,
                        format!("waiver names unknown item `{item}`"),
                        "`planaudit rules list` shows every item id",
                    )
                })?;
                found.1.id.clone()
            }
            (None, Some(code)) => {
                Code::parse(code).ok_or_else(|| {
                    self.error(
                        code,
                        format!("waiver names unknown finding code `{code}`"),
                        &codes_help(),
                    )
                })?;
                code.clone()
            }
            _ => {
                return Err(self.error(
                    anchor,
                    "a waiver names exactly one `item` or `code`".into(),
                    WAIVER_HELP,
                ));
            }
        };
        if entry.reason.trim().is_empty() {
            return Err(self.error(
                anchor,
                format!("the waiver for `{target}` gives no reason"),
                WAIVER_HELP,
            ));
        }
        if let Some(until) = &entry.until {
            let date = parse_date(until).ok_or_else(|| {
                self.error(
                    until,
                    format!("`{until}` is not a date"),
                    "write dates as YYYY-MM-DD",
                )
            })?;
            if date < today {
                return Err(self.error(
                    until,
                    format!("the waiver for `{target}` expired on {until}"),
                    "address the item, or renew the waiver with a new date and a reason that still holds",
                ));
            }
        }
        Ok(Waiver {
            target,
            reason: entry.reason.trim().to_owned(),
        })
    }

    fn error(&self, value: &str, message: String, help: &str) -> Error {
        let span = crate::yaml::find_value(&self.text, 0, value);
        invalid(
            &self.path.display().to_string(),
            &self.text,
            span,
            message,
            help,
        )
    }
}

const CONFIG_HELP: &str =
    "`planaudit init` writes a commented starter config; docs/ci.md describes every key";
fn codes_help() -> String {
    format!("finding codes: {}", Code::names())
}
const WAIVER_HELP: &str = "a waiver is `- item: O6` (or `code: orphan-section`), `reason: …` and optionally `until: YYYY-MM-DD`";

fn invalid(path: &str, text: &str, span: Range<usize>, message: String, help: &str) -> Error {
    let at = LineIndex::new(text).position(text, span.start);
    Error::Invalid {
        path: path.to_owned(),
        line: at.line,
        column: at.column,
        message,
        src: NamedSource::new(path, text.to_owned()),
        span: span.into(),
        help: help.to_owned(),
    }
}

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

fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = parts
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

/// Today's date (UTC) as `(year, month, day)`, from the system clock.
pub fn today() -> (u32, u32, u32) {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(seconds / 86_400)
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

/// The starter configuration `planaudit init` writes.
pub const STARTER: &str = include_str!("../docs/planaudit.yaml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_517), (2026, 3, 5));
        assert_eq!(civil_from_days(20_782), (2026, 11, 25));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn parses_dates() {
        assert_eq!(parse_date("2026-12-31"), Some((2026, 12, 31)));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("31/12/2026"), None);
    }

    #[test]
    fn the_starter_config_loads_and_checks() {
        let dir = std::env::temp_dir().join(format!("planaudit-starter-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("planaudit.yaml");
        std::fs::write(&path, STARTER).unwrap();
        let loaded = Loaded::read(&path).unwrap();
        loaded
            .policy(&Catalog::builtin().unwrap(), (2026, 1, 1))
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
