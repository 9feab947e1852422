//! `planaudit check`: audit plans, report, and exit by the worst finding.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use rayon::prelude::*;

use miette::IntoDiagnostic;

use super::{ColorChoice, RuleArgs, exit, output, paths};
use crate::audit::{self, FailOn, Policy, Report};
use crate::baseline::Baseline;
use crate::config;
use crate::document::Document;
use crate::report::{self, Format};
use crate::rules::Catalog;
use crate::rules::DEFAULT_FRAMEWORKS;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  planaudit check plan.md
  planaudit check plan.md --framework outcomes --framework principles
  planaudit check plan.md --rules our-local-outcomes.yaml
  planaudit check plans/*.md --format json --output report.json --fail-on warning
  planaudit check plans/*.md --format sarif --output planaudit.sarif")]
pub struct CheckArgs {
    /// Plans to audit: Markdown files, directories (walked, respecting .gitignore) or globs.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Only audit walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,

    /// Skip walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// File extension of plans in walked directories (repeatable) [default: md, markdown].
    #[arg(long = "extension", value_name = "EXT")]
    extensions: Vec<String>,

    /// Audit files on this many threads; 0 means one per core. Output is identical either way.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,

    /// Framework to audit against (repeatable) [default: outcomes, principles].
    #[arg(long = "framework", short = 'f', value_name = "ID")]
    frameworks: Vec<String>,

    #[command(flatten)]
    rules: RuleArgs,

    /// Report format [default: human].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Lowest finding severity that makes the run fail (exit code 1) [default: error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,

    /// Read settings from FILE instead of the nearest planaudit.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Ignore planaudit.yaml files.
    #[arg(long)]
    no_config: bool,

    /// Report waived items and findings too (waivers in the config and in plans are ignored).
    #[arg(long)]
    no_waivers: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record this run's findings as a baseline file.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Print no report (a file given with --output is still written); errors still show.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Largest plan to read, in bytes, or with a unit: 500K, 32M, 1G.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    max_file_size: u64,

    /// Read every plan as this format, whatever its content or extension suggest.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<crate::document::InputFormat>,

    /// Colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// The settings of one run: command line over configuration over defaults.
struct Settings {
    frameworks: Vec<String>,
    policy: Policy,
    format: Format,
    fail_on: FailOn,
    selection: paths::Selection,
}

fn settings(
    args: &CheckArgs,
    catalog: &mut Catalog,
    added: Vec<String>,
) -> miette::Result<Settings> {
    let config = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(path), false) => Some(config::Loaded::read(path)?),
        (None, false) => {
            let cwd = std::env::current_dir().into_diagnostic()?;
            config::discover(&cwd)
                .map(|p| config::Loaded::read(&p))
                .transpose()?
        }
    };
    let c = config
        .as_ref()
        .map(|l| l.config.clone())
        .unwrap_or_default();
    let mut added = added;
    for file in config.iter().flat_map(config::Loaded::rule_files) {
        added.push(catalog.add_file(&file)?);
    }
    let mut frameworks = match (args.frameworks.is_empty(), c.frameworks.is_empty()) {
        (false, _) => args.frameworks.clone(),
        (true, false) => c.frameworks.clone(),
        (true, true) => DEFAULT_FRAMEWORKS.iter().map(|s| s.to_string()).collect(),
    };
    frameworks.extend(added);
    let mut policy = match &config {
        Some(loaded) => loaded.policy(catalog, config::today())?,
        None => Policy::standard(),
    };
    if args.no_waivers {
        policy.waivers.clear();
        policy.inline_waivers = false;
    }
    let format = args.format.or(c.format).unwrap_or(Format::Human);
    let fail_on = args.fail_on.or(c.fail_on).unwrap_or(FailOn::Error);
    let merge = |cli: &[String], file: &[String]| -> Vec<String> {
        cli.iter().chain(file).cloned().collect()
    };
    let mut extensions = merge(&args.extensions, &c.extensions);
    if extensions.is_empty() {
        extensions = vec!["md".into(), "markdown".into()];
    }
    Ok(Settings {
        frameworks,
        policy,
        format,
        fail_on,
        selection: paths::Selection {
            extensions,
            include: merge(&args.include, &c.include),
            exclude: merge(&args.exclude, &c.exclude),
        },
    })
}

pub fn run(args: CheckArgs) -> miette::Result<u8> {
    let (mut catalog, added) = args.rules.catalog()?;
    let settings = settings(&args, &mut catalog, added)?;
    let rules = catalog.select(&settings.frameworks)?;
    let selection = settings.selection.clone();
    let found = paths::discover(&args.paths, &selection)?;
    if let Some(output) = &args.output {
        refuse_overwriting_input(output, &found.plans)?;
    }
    let progress = Progress::new(found.plans.len(), args.quiet);
    let results = audit_all(
        &found.plans,
        &rules,
        &settings.policy,
        args.max_file_size,
        args.input_format,
        args.threads,
        &progress,
    )?;
    progress.finish();
    let mut problems = found.problems;
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    for problem in &problems {
        super::print_error(problem);
    }
    if files.is_empty() {
        return Ok(exit::ERROR);
    }
    let mut report = Report {
        rules: &rules,
        files,
    };
    if let Some(path) = &args.write_baseline {
        output::write_file(path, &Baseline::of(&report).to_json())?;
    }
    if let Some(path) = &args.baseline {
        Baseline::read(path)?.suppress(&mut report);
    }

    let terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let options = report::Options {
        color: args.color.enabled(terminal),
        ..report::Options::default()
    };
    let mut render = |w: &mut dyn Write| -> io::Result<()> {
        report::write(settings.format, &report, &options, w)
    };
    match &args.output {
        Some(path) => output::write_file_with(path, &mut render)?,
        None if args.quiet => {}
        None => output::print_with(&mut render)?,
    }

    let worst = report.files.iter().filter_map(|f| f.worst()).max();
    let failed = matches!((worst, settings.fail_on.threshold()), (Some(w), Some(t)) if w >= t);
    Ok(match (problems.is_empty(), failed) {
        (false, _) => exit::ERROR,
        (true, true) => exit::FINDINGS,
        (true, false) => exit::CLEAN,
    })
}

/// Reads and audits every plan on `threads` threads (0: one per core). Results come back in
/// the order of `plans`, so output never depends on scheduling.
fn audit_all(
    plans: &[PathBuf],
    rules: &crate::rules::Rules,
    policy: &Policy,
    max_bytes: u64,
    format: Option<crate::document::InputFormat>,
    threads: usize,
    progress: &Progress,
) -> miette::Result<Vec<miette::Result<audit::FileReport>>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| miette::miette!("cannot start {threads} threads: {e}"))?;
    Ok(pool.install(|| {
        plans
            .par_iter()
            .map(|path| {
                let document = Document::read_as(path, max_bytes, format);
                progress.tick();
                Ok(audit::audit_with(document?, rules, policy))
            })
            .collect()
    }))
}

/// A byte count, optionally with a K, M or G suffix (powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = text[digits.len()..].to_ascii_uppercase();
    let scale: u64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown unit `{unit}`; use K, M or G")),
    };
    let number: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 500K or 32M"))?;
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// Writing the report over a plan would destroy the plan.
fn refuse_overwriting_input(output: &Path, inputs: &[PathBuf]) -> miette::Result<()> {
    let same = |input: &PathBuf| match (output.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => output == input,
    };
    if inputs.iter().any(same) {
        miette::bail!(
            help = "choose another file for --output",
            "--output {} is one of the plans being audited",
            output.display()
        );
    }
    Ok(())
}

/// A progress bar on standard error, for runs over many files in a terminal only: it never
/// mixes into piped output or CI logs.
struct Progress(Option<indicatif::ProgressBar>);

/// Fewer files than this finish before a bar would be worth drawing.
const PROGRESS_MIN_FILES: usize = 20;

impl Progress {
    fn new(files: usize, quiet: bool) -> Self {
        let wanted = !quiet && files >= PROGRESS_MIN_FILES && std::io::stderr().is_terminal();
        Self(wanted.then(|| {
            let bar = indicatif::ProgressBar::new(files as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} plans")
            {
                bar.set_style(style);
            }
            bar
        }))
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
