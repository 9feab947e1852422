//! The command line: parses arguments, runs a subcommand, maps the outcome to an exit code.

mod check;
mod diff;
mod eval;
mod explain;
mod matrix;
mod output;
mod paths;
mod rules;
mod setup;
mod site;
mod suggest;

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes are part of the interface: CI pipelines branch on them.
pub mod exit {
    /// No finding at or above the `--fail-on` threshold.
    pub const CLEAN: u8 = 0;
    /// Findings at or above the threshold.
    pub const FINDINGS: u8 = 1;
    /// Bad usage, unreadable input, invalid rules.
    pub const ERROR: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "planaudit",
    version,
    about = "Audit health and social care strategic plans against the National Health and Wellbeing Outcomes and the integration principles",
    after_help = "Examples:
  planaudit check plan.md
  planaudit check plan.md --framework outcomes --format json --output report.json
  planaudit rules list
  planaudit rules show O6

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, input or rule errors."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit plans and report coverage gaps.
    Check(check::CheckArgs),
    /// Show every hit and near miss for one or more items in one plan.
    Explain(explain::ExplainArgs),
    /// Show coverage as a grid: sections × items for one plan, plans × items for several.
    Matrix(matrix::MatrixArgs),
    /// Compare two versions of a plan; exit 1 when coverage regressed.
    Diff(diff::DiffArgs),
    /// Measure linking accuracy against a reviewer's labels.
    Eval(eval::EvalArgs),
    /// Write a commented starter planaudit.yaml in the current directory.
    Init,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
    /// List, show and inspect rule sets.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
}

/// Options shared by every command that loads rules.
#[derive(Debug, Clone, Args)]
struct RuleArgs {
    /// Add a rule set from a YAML file (repeatable); one with a built-in id replaces it.
    #[arg(long = "rules", value_name = "FILE")]
    files: Vec<PathBuf>,
}

impl RuleArgs {
    /// The options that choose the rules (these and `config`'s), for a suggested `explain` or
    /// `rules show` to repeat so that it knows the run's items.
    fn repeat(&self, config: &setup::ConfigArgs) -> crate::report::Repeat {
        crate::report::Repeat {
            rules: self.files.iter().map(|p| p.display().to_string()).collect(),
            config: config.config.as_ref().map(|p| p.display().to_string()),
            no_config: config.no_config,
            ..crate::report::Repeat::default()
        }
    }

    /// The built-in rule sets plus the user's; returns the ids the user's files define too.
    fn catalog(&self) -> miette::Result<(crate::rules::Catalog, Vec<String>)> {
        let mut catalog = crate::rules::Catalog::builtin();
        let added = add_files(&mut catalog, &[], &self.files)?;
        refuse_code_ids(&catalog)?;
        Ok((catalog, added))
    }
}

/// Adds each of `files` not already read (`read`, or earlier in `files`) to `catalog`, and
/// returns the ids of the sets added. One file named twice — with `--rules` and in the
/// configuration, or as `rules/local.yaml` and `./rules/local.yaml` — is read once, where it
/// was refused as two definitions of its framework.
fn add_files(
    catalog: &mut crate::rules::Catalog,
    read: &[PathBuf],
    files: &[PathBuf],
) -> miette::Result<Vec<String>> {
    let mut added = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let mut earlier = read.iter().chain(&files[..n]);
        if !earlier.any(|r| output::same_file(r, file)) {
            added.push(catalog.add_file(file)?);
        }
    }
    Ok(added)
}

/// A score as people read it: at most four decimals, without trailing zeros. Scores are
/// `f32` sums of weights times factors, whose shortest exact form is often noise (1.675 is
/// held as 1.6750001); JSON reports keep the number as it is.
fn score(value: f32) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" => "0".to_owned(),
        text => text.to_owned(),
    }
}

/// A score with its unit: "1 point", "2.5 points".
fn points(value: f32) -> String {
    match score(value) {
        one if one == "1" => "1 point".to_owned(),
        value => format!("{value} points"),
    }
}

/// Refuses a user's item whose id is also a finding code (`orphan-section`): `ignore` comments,
/// waivers and `rules show` name both kinds, and could not tell the two apart.
fn refuse_code_ids(catalog: &crate::rules::Catalog) -> miette::Result<()> {
    for set in catalog.user_sets() {
        let Some(file) = &set.file else { continue };
        let clash = set
            .items
            .iter()
            .find(|item| crate::audit::Code::parse(&item.id.to_ascii_lowercase()).is_some());
        if let Some(item) = clash {
            miette::bail!(
                help = "rename the item: finding codes are listed by `planaudit rules list`",
                "{}: item id `{}` is also a finding code",
                crate::input::escape_name(file),
                item.id
            );
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How errors are coloured, where a command was told (`check --color`): a CI runner that gives
/// the process a terminal keeps escape codes out of its log only if errors obey it too.
static ERROR_COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

impl ColorChoice {
    /// Colours the errors of the rest of the run this way.
    fn for_errors(self) {
        // A run sets it once, from its arguments; a second call (in tests) keeps the first.
        let _ = ERROR_COLOR.set(self);
    }

    /// `auto` colours a terminal unless NO_COLOR is set (https://no-color.org).
    fn enabled(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Prints clap's message (an error, or help and version on stdout); one that repeats an
/// argument holding a control or bidirectional formatting character is printed escaped.
fn print_usage_error(error: &clap::Error) {
    let plain = error.render().to_string();
    match crate::input::escape_controls(&plain) {
        Cow::Borrowed(_) => {
            let _ = error.print();
        }
        escaped if error.use_stderr() => eprint!("{escaped}"),
        escaped => print!("{escaped}"),
    }
}

/// Runs planaudit with the process's arguments.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            print_usage_error(&error);
            return ExitCode::from(if error.use_stderr() {
                exit::ERROR
            } else {
                exit::CLEAN
            });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Rules(command) => rules::run(command),
        Command::Init => init(),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            print_error(&report);
            ExitCode::from(exit::ERROR)
        }
    }
}

fn completions(shell: clap_complete::Shell) -> miette::Result<u8> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "planaudit", &mut script);
    output::print(&String::from_utf8_lossy(&script))?;
    Ok(exit::CLEAN)
}

/// The manual: planaudit's page, then one for each command and subcommand
/// (`planaudit-check(1)`, `planaudit-rules-show(1)`, …) with its options, which the first page
/// names under its commands; `man` reads them in order from the one file.
fn man() -> miette::Result<u8> {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let mut pages = Vec::new();
    render_pages(&command, &mut pages)
        .map_err(|e| miette::miette!("cannot render the manual page: {e}"))?;
    output::print(&String::from_utf8_lossy(&pages))?;
    Ok(exit::CLEAN)
}

/// `command`'s page, then its subcommands' in order, depth first.
fn render_pages(command: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        render_pages(sub, out)?;
    }
    Ok(())
}

/// Writes the starter config; an existing one, under either name, is never overwritten or
/// shadowed (`planaudit.yaml` is found before `.planaudit.yaml`).
fn init() -> miette::Result<u8> {
    let names = crate::config::FILE_NAMES.iter().map(std::path::Path::new);
    if let Some(existing) = names.into_iter().find(|p| p.symlink_metadata().is_ok()) {
        miette::bail!(
            help = "edit the existing file, or delete it first to start again",
            "{} already exists",
            existing.display()
        );
    }
    let path = std::path::Path::new(crate::config::FILE_NAMES[0]);
    output::write_file(path, crate::config::STARTER)?;
    eprintln!(
        "wrote {}: planaudit now reads it in this directory and below",
        path.display()
    );
    Ok(exit::CLEAN)
}

/// Prints an error to stderr. Its message, file names and source lines may come from a plan,
/// a file name or an argument: one holding a control or bidirectional formatting character
/// is printed escaped and without colour, since escaping a coloured rendering would escape
/// the colours too.
pub(crate) fn print_error(report: &miette::Report) {
    let plain = render_error(report, miette::GraphicalTheme::unicode_nocolor());
    let text = match crate::input::escape_controls(&plain) {
        Cow::Borrowed(_)
            if (ERROR_COLOR.get().copied())
                .unwrap_or(ColorChoice::Auto)
                .enabled(std::io::stderr().is_terminal()) =>
        {
            render_error(report, miette::GraphicalTheme::unicode())
        }
        escaped => escaped.into_owned(),
    };
    eprint!("{text}");
}

/// A diagnostic as people read it: without its code (`planaudit::input::invalid`), which
/// names a Rust module rather than anything a user can look up; its related problems too.
struct Uncoded<'a> {
    inner: &'a dyn miette::Diagnostic,
    related: Vec<Uncoded<'a>>,
}

impl<'a> Uncoded<'a> {
    fn of(inner: &'a dyn miette::Diagnostic) -> Self {
        let related = inner.related().into_iter().flatten().map(Uncoded::of);
        Self {
            inner,
            related: related.collect(),
        }
    }
}

impl std::fmt::Display for Uncoded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.inner, f)
    }
}

impl std::fmt::Debug for Uncoded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.inner, f)
    }
}

impl std::error::Error for Uncoded<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

impl miette::Diagnostic for Uncoded<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.help()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.inner.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.inner.labels()
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        match self.related.is_empty() {
            true => None,
            false => Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            )),
        }
    }
    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.inner.diagnostic_source()
    }
}

fn render_error(report: &miette::Report, theme: miette::GraphicalTheme) -> String {
    let mut text = String::new();
    // Never broken inside a word (`--input-format` split at its hyphen reads as two words),
    // and on a terminal laid out like the reports; a log or a pipe gets miette's long lines,
    // which a search for the message finds whole.
    let mut handler = miette::GraphicalReportHandler::new_themed(theme);
    if std::io::stderr().is_terminal() {
        handler = handler.with_width(output::width(true));
    }
    let handler = handler
        .with_links(false)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    if handler
        .render_report(&mut text, &Uncoded::of(report.as_ref()))
        .is_err()
    {
        text = format!("error: {report}\n");
    }
    // miette heads each related problem `Error: ` and its code; without the code, the word
    // alone on a line says nothing the `×` after it does not.
    text.replace("\nError: \n", "\n")
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn scores_read_as_people_write_them() {
        assert_eq!(score(1.675_000_1), "1.675");
        assert_eq!(score(0.319_999_93), "0.32");
        assert_eq!(score(3.0), "3");
        assert_eq!(score(2.345), "2.345");
        assert_eq!(score(3.6875), "3.6875");
        assert_eq!(score(0.000_01), "0");
        assert_eq!(score(-0.000_01), "0");
        assert_eq!(score(16.75), "16.75");
    }
}
