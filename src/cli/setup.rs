//! What every command that audits plans chooses the same way — which configuration it reads,
//! the rule sets and frameworks, the waivers — so `explain`, `matrix` and `diff` judge a plan as
//! `check` does.

use std::path::PathBuf;

use clap::Args;
use miette::IntoDiagnostic;

use super::RuleArgs;
use crate::audit::Policy;
use crate::config;
use crate::rules::{Catalog, DEFAULT_FRAMEWORKS, Rules};

/// Which configuration a command reads: the nearest planaudit.yaml unless told otherwise.
#[derive(Debug, Clone, Args)]
pub(super) struct ConfigArgs {
    /// Read settings from FILE instead of the nearest planaudit.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore planaudit.yaml files.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    /// The configuration in use: FILE, none, or the nearest one above the working directory.
    fn load(&self) -> miette::Result<Option<config::Loaded>> {
        match (&self.config, self.no_config) {
            (_, true) => Ok(None),
            (Some(path), false) => Ok(Some(config::Loaded::read(path)?)),
            (None, false) => {
                let cwd = std::env::current_dir().into_diagnostic()?;
                let found = config::discover(&cwd)?;
                Ok(found.map(|p| config::Loaded::read(&p)).transpose()?)
            }
        }
    }
}

/// How a command that takes plans by path reads each one, as `check` does: the errors of a
/// plan too large or of another format name these options, so every such command has them.
#[derive(Debug, Clone, Args)]
pub(super) struct ReadArgs {
    /// Largest plan to read, in bytes, or with a unit: 500K, 32M, 1G.
    #[arg(
        long,
        value_name = "SIZE",
        default_value = DEFAULT_MAX_FILE_SIZE,
        value_parser = parse_size
    )]
    pub max_file_size: u64,

    /// Read every plan as this format, whatever its content or extension suggest.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::document::InputFormat>,
}

impl ReadArgs {
    /// Reads and parses the plan at `path`.
    pub fn read(
        &self,
        path: &std::path::Path,
    ) -> Result<crate::document::Document, crate::document::Error> {
        crate::document::Document::read_as(path, self.max_file_size, self.input_format)
    }
}

/// A byte count, optionally with a K, M or G suffix (powers of 1024), of at most
/// [`MAX_PLAN_BYTES`](crate::document::MAX_PLAN_BYTES).
pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = text[digits.len()..].to_ascii_uppercase();
    let scale: u64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => {
            let written = &text[digits.len()..];
            return Err(format!("unknown unit `{written}`; use K, M or G"));
        }
    };
    let number: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 500K or 32M"))?;
    number
        .checked_mul(scale)
        .filter(|&size| size <= crate::document::MAX_PLAN_BYTES)
        .ok_or_else(|| format!("`{text}` is too large: plans must be under 4G"))
}

/// The largest plan read unless `--max-file-size` says otherwise.
pub(super) const DEFAULT_MAX_FILE_SIZE: &str = "32M";

/// Which files a directory walk picks up, for every command that takes plans by path.
#[derive(Debug, Clone, Args)]
pub(super) struct WalkArgs {
    /// Only audit walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// File extension of plans in walked directories (repeatable) [default: md, markdown, txt].
    #[arg(
        long = "extension",
        value_name = "EXT",
        value_parser = clap::builder::NonEmptyStringValueParser::new()
    )]
    pub extensions: Vec<String>,
}

/// The configuration, rule sets and frameworks of a run: the command line over the
/// configuration over the defaults.
pub(super) struct Setup {
    /// The configuration file read, if any.
    pub config: Option<config::Loaded>,
    /// The built-in rule sets, with the `--rules` files and the configuration's added.
    pub catalog: Catalog,
    /// The rule files the configuration adds.
    pub config_rules: Vec<PathBuf>,
    /// The frameworks to audit: `-f`, else the configuration's, else the defaults; then every
    /// added rule file's.
    pub frameworks: Vec<String>,
}

impl Setup {
    pub fn new(
        rules: &RuleArgs,
        config: &ConfigArgs,
        frameworks: &[String],
    ) -> miette::Result<Self> {
        let (mut catalog, mut added) = rules.catalog()?;
        let config = config.load()?;
        let config_rules = match &config {
            Some(loaded) => loaded.rule_files()?,
            None => Vec::new(),
        };
        added.extend(super::add_files(&mut catalog, &rules.files, &config_rules)?);
        // `rules.catalog()` has checked the command line's files; the config's are new.
        if !config_rules.is_empty() {
            super::refuse_code_ids(&catalog)?;
        }
        let listed = config.as_ref().and_then(|l| l.config.frameworks.clone());
        // `-f 'outcomes, principles'` and `-f outcomes,` mean what they say: the spaces around
        // a comma and an empty entry are not part of any id.
        let named: Vec<String> = (frameworks.iter().map(|id| id.trim()))
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect();
        if named.is_empty() && !frameworks.is_empty() {
            miette::bail!(
                help = "name one: `-f outcomes`; `planaudit rules list` shows them all",
                "--framework names no framework"
            );
        }
        let mut frameworks = match (named.is_empty(), listed) {
            (false, _) => named,
            (true, Some(listed)) => listed,
            (true, None) => DEFAULT_FRAMEWORKS.iter().map(|s| s.to_string()).collect(),
        };
        frameworks.extend(added);
        Ok(Setup {
            config,
            catalog,
            config_rules,
            frameworks,
        })
    }

    /// The configuration's severities and waivers, else the standard policy, for `check`: a
    /// waiver past its `until` date is left out with a warning, and `waivers` false sets every
    /// waiver aside.
    pub fn policy(&self, waivers: bool) -> miette::Result<Policy> {
        let expiry = match waivers {
            true => config::Expiry::Warn(config::today()),
            false => config::Expiry::Never,
        };
        self.policy_with(expiry)
    }

    /// The policy, waivers read as `expiry` says; `Expiry::Never` is `--no-waivers`, which sets
    /// every waiver aside, the plan's comments included.
    fn policy_with(&self, expiry: config::Expiry) -> miette::Result<Policy> {
        let mut policy = match &self.config {
            Some(loaded) => loaded.policy(&self.catalog, expiry)?,
            None => Policy::standard(),
        };
        if matches!(expiry, config::Expiry::Never) {
            policy.waivers.clear();
            policy.plan_directives = false;
        }
        Ok(policy)
    }

    /// The frameworks' compiled rules and the configuration's policy, waivers included but
    /// those past their date left out: what `explain`, `matrix` and `diff` audit with, which
    /// report on a plan and are not the place to renew a waiver.
    pub fn into_rules(self) -> miette::Result<(Rules, Policy)> {
        let policy = self.policy_with(config::Expiry::LeaveOut(config::today()))?;
        Ok((self.catalog.into_rules(&self.frameworks)?, policy))
    }

    /// Which files to audit: `walk`'s options and the configuration's together, so `check`
    /// and `matrix` of one folder read the same plans.
    pub fn selection(&self, walk: &WalkArgs) -> super::paths::Selection {
        let c = self.settings();
        let merge = |cli: &[String], file: &[String]| -> Vec<String> {
            cli.iter().chain(file).cloned().collect()
        };
        super::paths::Selection {
            // `--extension` names the extensions to walk for, in place of the config's.
            extensions: match walk.extensions.is_empty() {
                true => c.extensions.unwrap_or_default(),
                false => walk.extensions.clone(),
            },
            include: merge(&walk.include, &c.include),
            exclude: merge(&walk.exclude, &c.exclude),
            plans: c.plans,
            plans_from: self.config.as_ref().map(|l| l.path.clone()),
        }
    }

    /// The configuration's settings, or the defaults when there is none.
    pub fn settings(&self) -> config::Config {
        let config = self.config.as_ref().map(|l| l.config.clone());
        config.unwrap_or_default()
    }
}
