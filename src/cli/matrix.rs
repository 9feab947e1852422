//! `planaudit matrix`: coverage as a grid, sections × items for one plan or plans × items for
//! several, as a terminal table, CSV, JSON or Markdown.

use std::path::PathBuf;

use clap::Args;

use super::setup::{ConfigArgs, ReadArgs, Setup, WalkArgs};
use super::{RuleArgs, exit, output, paths};
use crate::audit::{self, FileReport, Report};
use crate::report::matrix::{Matrix, MatrixFormat};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  planaudit matrix plan.md
  planaudit matrix plan.md --framework outcomes --format markdown
  planaudit matrix plans/ --format csv > coverage.csv")]
pub struct MatrixArgs {
    /// Plans: files, directories (walked as `check` walks them) or globs.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Framework to show (repeatable, or comma-separated) [default: the config's, else outcomes,
    /// principles].
    #[arg(
        long = "framework",
        short = 'f',
        value_name = "ID",
        value_delimiter = ','
    )]
    frameworks: Vec<String>,

    #[command(flatten)]
    rules: RuleArgs,

    #[command(flatten)]
    config: ConfigArgs,

    #[command(flatten)]
    walk: WalkArgs,

    #[command(flatten)]
    read: ReadArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    format: MatrixFormat,
}

pub fn run(args: MatrixArgs) -> miette::Result<u8> {
    let setup = Setup::new(&args.rules, &args.config, &args.frameworks)?;
    let selection = setup.selection(&args.walk);
    let (rules, policy) = setup.into_rules()?;
    let found = paths::discover(&args.paths, &selection)?;
    let mut problems = found.problems;
    let files: Vec<FileReport> = (found.plans.iter())
        .filter_map(|path| match args.read.read(path) {
            Ok(document) => Some(audit::audit_with(document, &rules, &policy)),
            Err(error) => {
                problems.push(error.into());
                None
            }
        })
        .collect();
    // As `check` does: each plan that cannot be read is named, and the grid shows the rest.
    for problem in &problems {
        super::print_error(problem);
    }
    if !files.is_empty() {
        let report = Report {
            rules: &rules,
            files,
            config: None,
        };
        let matrix = Matrix::of(&report, found.plans.len());
        output::print_with(&mut |w| matrix.write(args.format, w).map(|()| output::Commit::Keep))?;
    }
    Ok(match problems.is_empty() {
        true => exit::CLEAN,
        false => exit::ERROR,
    })
}
