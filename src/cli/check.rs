//! `planaudit check`: audit plans, report, and exit by the worst finding.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{ColorChoice, RuleArgs, exit, output};
use crate::audit::{self, Report, Severity};
use crate::document::Document;
use crate::report;
use crate::rules::DEFAULT_FRAMEWORKS;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  planaudit check plan.md
  planaudit check plan.md --framework outcomes --framework principles
  planaudit check plan.md --rules our-local-outcomes.yaml
  planaudit check plans/*.md --format json --output report.json --fail-on warning
  planaudit check plans/*.md --format sarif --output planaudit.sarif")]
pub struct CheckArgs {
    /// Plans to audit (Markdown files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Framework to audit against (repeatable) [default: outcomes, principles].
    #[arg(long = "framework", short = 'f', value_name = "ID")]
    frameworks: Vec<String>,

    #[command(flatten)]
    rules: RuleArgs,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Lowest finding severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Largest plan to read, in bytes, or with a unit: 500K, 32M, 1G.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    max_file_size: u64,

    /// Colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Annotated findings and a coverage table, for people.
    Human,
    /// Everything, for programs (schema in docs/report.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning (e.g. GitHub's upload-sarif action).
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

pub fn run(args: CheckArgs) -> miette::Result<u8> {
    let (catalog, added) = args.rules.catalog()?;
    let mut frameworks = args.frameworks.clone();
    if frameworks.is_empty() {
        frameworks.extend(DEFAULT_FRAMEWORKS.iter().map(|s| s.to_string()));
    }
    frameworks.extend(added);
    let rules = catalog.select(&frameworks)?;

    if let Some(output) = &args.output {
        refuse_overwriting_input(output, &args.paths)?;
    }
    let documents = args
        .paths
        .iter()
        .map(|path| read_plan(path, args.max_file_size))
        .collect::<miette::Result<Vec<_>>>()?;
    let report = Report {
        rules: &rules,
        files: documents
            .into_iter()
            .map(|d| audit::audit(d, &rules))
            .collect(),
    };

    let text = match args.format {
        Format::Human => {
            let terminal = args.output.is_none() && std::io::stdout().is_terminal();
            let human = report::Human {
                color: args.color.enabled(terminal),
                ..report::Human::default()
            };
            human.render(&report)
        }
        Format::Json => report::json(&report),
        Format::Sarif => report::sarif(&report),
        Format::Github => report::github(&report),
        Format::Markdown => report::markdown(&report),
    };
    match &args.output {
        Some(path) => output::write_file(path, &text)?,
        None => output::print(&text)?,
    }

    let worst = report.files.iter().filter_map(|f| f.worst()).max();
    let failed = matches!((worst, args.fail_on.threshold()), (Some(w), Some(t)) if w >= t);
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}

fn read_plan(path: &Path, max_bytes: u64) -> miette::Result<Document> {
    if path.is_dir() {
        miette::bail!(
            help = "pass the plan files inside it, e.g. `{}/*.md`",
            "{} is a directory, not a plan",
            path.display()
        );
    }
    Ok(Document::read_limited(path, max_bytes)?)
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
