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
  planaudit check plans/*.md --format json --output report.json --fail-on warning")]
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
        .map(|path| read_plan(path))
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
    };
    match &args.output {
        Some(path) => output::write_file(path, &text)?,
        None => output::print(&text)?,
    }

    let worst = report.files.iter().filter_map(|f| f.worst()).max();
    let failed = matches!((worst, args.fail_on.threshold()), (Some(w), Some(t)) if w >= t);
    Ok(if failed { exit::FINDINGS } else { exit::CLEAN })
}

fn read_plan(path: &Path) -> miette::Result<Document> {
    if path.is_dir() {
        miette::bail!(
            help = "pass the plan files inside it, e.g. `{}/*.md`",
            "{} is a directory, not a plan",
            path.display()
        );
    }
    Ok(Document::read(path)?)
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
