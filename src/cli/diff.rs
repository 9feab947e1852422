//! `planaudit diff`: what changed in coverage between two versions of a plan; exit 1 when it
//! regressed, so CI can guard a plan repository.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::setup::{ConfigArgs, ReadArgs, Setup};
use super::{RuleArgs, exit, output};
use crate::audit::{self, FileReport, Policy};
use crate::compare;
use crate::rules::Rules;

#[derive(Debug, Args)]
#[command(
    after_help = "Headings pair up when equal (ignoring case, numbering and punctuation), \
then as renames when the words they share are at least half of the distinct words of the two \
headings together.

Examples:
  planaudit diff old/plan.md plan.md
  git show HEAD~1:plan.md > /tmp/old.md && planaudit diff /tmp/old.md plan.md --format markdown

Exit codes: 0 coverage did not regress, 1 an item was lost or weakened, 2 errors."
)]
pub struct DiffArgs {
    /// The earlier version of the plan.
    #[arg(value_name = "OLD")]
    old: PathBuf,

    /// The later version.
    #[arg(value_name = "NEW")]
    new: PathBuf,

    /// Framework to compare on (repeatable, or comma-separated) [default: the config's, else
    /// outcomes, principles].
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
    read: ReadArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// One line per change.
    Human,
    /// The changes as JSON.
    Json,
    /// A table and a list, for a pull-request comment.
    Markdown,
}

pub fn run(args: DiffArgs) -> miette::Result<u8> {
    if [&args.old, &args.new]
        .iter()
        .all(|p| p.as_os_str() == super::check::STDIN)
    {
        miette::bail!(
            help = "pass one version as `-` and the other as a file: `git show HEAD~1:plan.md | \
                    planaudit diff - plan.md`",
            "diff reads at most one plan from standard input (`-`)"
        );
    }
    let setup = Setup::new(&args.rules, &args.config, &args.frameworks)?;
    // Named first, as `check` names it: its frameworks, rule files and waivers change what
    // counts as a regression.
    let config = setup.config.as_ref().map(|c| c.path.display().to_string());
    let (rules, policy) = setup.into_rules()?;
    let files = audit_paths(&[args.old, args.new], &args.read, &rules, &policy)?;
    let diff = compare::diff(&files[0], &files[1], &rules, &policy);
    let text = match (args.format, config) {
        (DiffFormat::Human, None) => diff.human(),
        (DiffFormat::Human, Some(config)) => format!("config: {config}\n\n{}", diff.human()),
        (DiffFormat::Markdown, None) => diff.markdown(),
        (DiffFormat::Markdown, Some(config)) => {
            let config = crate::input::markdown_text(&config);
            format!("Config: {config}\n\n{}", diff.markdown())
        }
        (DiffFormat::Json, _) => {
            crate::json::to_string_pretty(&diff)
                .map_err(|e| miette::miette!("cannot write JSON: {e}"))?
                + "\n"
        }
    };
    // Headings and paths come from the plans: no control character of theirs reaches the
    // terminal. Only the human report is fitted to it: Markdown and JSON are pasted.
    let text = crate::input::escape_controls(&text);
    match args.format {
        DiffFormat::Human => output::print_fitted(&text)?,
        DiffFormat::Markdown | DiffFormat::Json => output::print(&text)?,
    }
    Ok(match diff.regressed {
        true => exit::FINDINGS,
        false => exit::CLEAN,
    })
}

/// Reads and audits each plan, `-` from standard input (an earlier version piped from `git
/// show`, say); the first unreadable plan stops it.
fn audit_paths(
    plans: &[PathBuf],
    reading: &ReadArgs,
    rules: &Rules,
    policy: &Policy,
) -> miette::Result<Vec<FileReport>> {
    plans
        .iter()
        .map(|path| {
            let document = match path.as_os_str() == super::check::STDIN {
                true => super::check::read_stdin("<stdin>", reading.max_file_size)?,
                false => reading.read(path)?,
            };
            Ok(audit::audit_with(document, rules, policy))
        })
        .collect()
}
