//! `planaudit check`: audit plans, report, and exit by the worst finding.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use clap::Args;

use miette::IntoDiagnostic;

use super::output::Commit;
use super::setup::{ConfigArgs, DEFAULT_MAX_FILE_SIZE, ReadArgs, Setup, WalkArgs, parse_size};
use super::{ColorChoice, RuleArgs, exit, output, paths};
use crate::audit::{self, Expiring, FailOn, FileReport, Policy, Severity};
use crate::baseline::Baseline;
use crate::document::Document;
use crate::report::{self, Detail, Format};
use crate::rules::{Catalog, Rules};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  planaudit check plan.md
  planaudit check plan.md --framework outcomes --framework principles
  planaudit check plan.md --rules our-local-outcomes.yaml
  planaudit check plans/*.md --format json --output report.json --fail-on warning
  planaudit check plans/*.md --format sarif --output planaudit.sarif")]
pub struct CheckArgs {
    /// Plans to audit: files (Markdown, text, HTML, Word or PDF), directories (walked,
    /// respecting .gitignore) or globs; `-` reads a plan from standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The name that the plan read from standard input (`-`) has in reports; its extension
    /// also tells its format [default: <stdin>].
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,

    #[command(flatten)]
    walk: WalkArgs,

    /// Audit files on this many threads; 0 means one per core. A plan's sections share the
    /// threads its run does not need for other plans. At most the number of files or of cores,
    /// whichever is more, 4 per core and 256. Output is identical either way.
    // A negative count is read as one, so it is refused as a count, not suggested as a path.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    threads: usize,

    /// Framework to audit against (repeatable, or comma-separated) [default: the config's, else
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

    /// Report format [default: the config's, else human].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write the report to FILE instead of standard output (`-` is standard output): replaced
    /// atomically, and not at all when the run exits 2. A FIFO or device is written straight
    /// through. FILE may not be one of the run's inputs.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Also write one HTML report per plan and an index.html linking them into DIR.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,

    /// Lowest finding severity that makes the run fail (exit code 1) [default: the config's,
    /// else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,

    #[command(flatten)]
    config: ConfigArgs,

    /// Report waived items and findings too: waivers in the config (expired ones included) and
    /// the plan's `ignore` and `addresses` comments are ignored.
    #[arg(long)]
    no_waivers: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record this run's findings as a baseline file (not written when the run exits 2); the
    /// findings recorded do not fail the run.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Print no report (a file given with --output is still written); errors still show.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Show the statutory wording and challenge questions of each item a finding is about, and
    /// the full coverage table, in the human report.
    #[arg(long, short = 'v', conflicts_with = "summary")]
    verbose: bool,

    /// Show only each plan's coverage summary and totals in the human report.
    #[arg(long)]
    summary: bool,

    /// Indent the JSON report for people to read (it is compact otherwise).
    #[arg(long)]
    pretty: bool,

    /// List every piece of evidence and commitment of each link in the JSON report, not only
    /// the 3 strongest, and every place of each finding in the JSON and SARIF reports, not
    /// only the first 8; each with a count of the rest.
    #[arg(long)]
    all_evidence: bool,

    #[command(flatten)]
    read: ReadArgs,

    /// Colour the human report and errors.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// The settings of one run: command line over configuration over defaults.
struct Settings {
    /// The configuration file in use, if any.
    config: Option<PathBuf>,
    /// The rule files the configuration adds.
    config_rules: Vec<PathBuf>,
    frameworks: Vec<String>,
    policy: Policy,
    format: Format,
    fail_on: FailOn,
    selection: paths::Selection,
}

fn settings(args: &CheckArgs) -> miette::Result<(Catalog, Settings)> {
    let setup = Setup::new(&args.rules, &args.config, &args.frameworks)?;
    let policy = setup.policy(!args.no_waivers)?;
    let c = setup.settings();
    let format = args.format.or(c.format).unwrap_or(Format::Human);
    let format_from = match args.format {
        None if c.format.is_some() => setup.config.as_ref().map(|l| l.path.display().to_string()),
        _ => None,
    };
    refuse_idle_options(args, format, format_from.as_deref())?;
    let fail_on = args.fail_on.or(c.fail_on).unwrap_or(FailOn::Error);
    let selection = setup.selection(&args.walk);
    let settings = Settings {
        config: setup.config.map(|l| l.path),
        config_rules: setup.config_rules,
        frameworks: setup.frameworks,
        policy,
        format,
        fail_on,
        selection,
    };
    Ok((setup.catalog, settings))
}

/// Refuses a report option that the report in use ignores: `--pretty` on a human report, or
/// `--summary` on JSON, would otherwise be dropped without a word, and a user would take the
/// output for what they asked. `config` names the configuration file that chose the format.
fn refuse_idle_options(
    args: &CheckArgs,
    format: Format,
    config: Option<&str>,
) -> miette::Result<()> {
    let options = [
        ("--summary", args.summary, &[Format::Human][..]),
        ("--verbose", args.verbose, &[Format::Human]),
        ("--pretty", args.pretty, &[Format::Json]),
        (
            "--all-evidence",
            args.all_evidence,
            &[Format::Json, Format::Sarif],
        ),
    ];
    // With --quiet and no --output, no report is written for an option to shape.
    if let Some((option, ..)) = options.iter().find(|(_, given, _)| *given)
        && args.quiet
        && args.output.is_none()
    {
        miette::bail!(
            help =
                format!("add --output FILE to write the report it shapes, or leave out {option}"),
            "{option} has no effect with --quiet, which prints no report"
        );
    }
    let Some((option, _, formats)) = options
        .into_iter()
        .find(|(_, given, formats)| *given && !formats.contains(&format))
    else {
        return Ok(());
    };
    let names: Vec<String> = formats
        .iter()
        .map(|f| format!("`--format {}`", f.name()))
        .collect();
    let chosen = config.map_or(String::new(), |path| format!(", the format {path} sets"));
    miette::bail!(
        help = format!("add {} or leave out {option}", names.join(" or ")),
        "{option} has no effect on the {} report{chosen}",
        format.name()
    )
}

pub fn run(mut args: CheckArgs) -> miette::Result<u8> {
    args.color.for_errors();
    // `-` is standard output, as it is standard input among the paths: not a file named `-`.
    if args.output.as_ref().is_some_and(|o| o.as_os_str() == STDIN) {
        args.output = None;
    }
    let (catalog, settings) = settings(&args)?;
    // An unknown framework is refused before any path is looked at; the rules compile later,
    // beside the first plan.
    catalog.check_frameworks(&settings.frameworks)?;
    let selection = settings.selection.clone();
    let (stdin, named): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| p.as_os_str() == STDIN);
    if stdin.is_empty() && args.stdin_filename.is_some() {
        miette::bail!(
            help = "add `-` to the paths to read a plan from standard input",
            "--stdin-filename names the plan read from standard input, and no path is `-`"
        );
    }
    let named: Vec<PathBuf> = named.into_iter().cloned().collect();
    let found = match named.is_empty() {
        true => paths::Found::default(),
        false => paths::discover(&named, &selection)?,
    };
    refuse_overwriting_inputs(&args, &settings, &found.plans)?;
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    for problem in &found.problems {
        super::print_error(problem);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(thread_count(args.threads, found.plans.len()))
        .build()
        .map_err(|e| miette::miette!("cannot start threads: {e}"))?;
    // The report is written as plans are audited: a bar would tangle with it on a terminal.
    let to_terminal = args.output.is_none() && !args.quiet && std::io::stdout().is_terminal();
    let progress = Progress::new(found.plans.len(), args.quiet || to_terminal);
    let reader = Reader {
        max_bytes: args.read.max_file_size,
        format: args.read.input_format,
        progress: &progress,
    };
    // The rules compile while the first plan is read and parsed: compiling the built-in sets
    // takes as long as parsing a plan of several hundred KB, and nothing else waits on either.
    let (rules, (piped, mut first)) = pool.join(
        || catalog.into_rules(&settings.frameworks),
        || match stdin.is_empty() {
            false => (
                Some(read_stdin(stdin_name(&args), args.read.max_file_size)),
                None,
            ),
            true => (None, found.plans.first().map(|path| reader.read(path))),
        },
    );
    let rules = rules?;
    let audit = Audit {
        rules: &rules,
        policy: &settings.policy,
        reader: &reader,
        pool: &pool,
    };
    let config = settings.config.as_ref().map(|p| p.display().to_string());
    let mut outcome = Outcome {
        problems: found.problems.len(),
        ..Outcome::default()
    };
    let mut suppressor = (baseline.as_ref()).map(|b| b.suppressor(&rules, &settings.policy));
    let record = args.write_baseline.is_some();
    let mut piped = piped.map(|document| {
        let path = Path::new(stdin_name(&args));
        (
            path,
            document.map(|d| audit::audit_with(d, &rules, &settings.policy)),
        )
    });
    // What discovery could not read opens the report's list of plans left unread.
    let mut noticed: Vec<report::Unread> = (found.problems.iter())
        .map(|problem| report::Unread::new(None, problem))
        .collect();
    let mut site = (args.output_dir.as_deref())
        .map(|dir| {
            let inputs = inputs(&args, &settings, &found.plans);
            // Each plan's page is named after the name its report gives it: standard input's
            // plan too, which comes first.
            let piped = reads_stdin(&args).then(|| PathBuf::from(stdin_name(&args)));
            let plans: Vec<PathBuf> = piped.into_iter().chain(found.plans.clone()).collect();
            super::site::Site::new(dir, &plans, &inputs, reads_stdin(&args), config.clone())
        })
        .transpose()?;
    let mut site_error = None;
    let expiring = &settings.policy.expiring;
    // Which waivers running out some plan read still needs, and whether any plan was read.
    let (mut needed, mut read) = (vec![false; expiring.len()], false);
    let mut render = |w: &mut dyn Write| -> io::Result<Commit> {
        // Plans are audited on the pool while this thread writes their reports.
        pool.in_place_scope(|scope| {
            let audited = piped
                .take()
                .into_iter()
                .chain(audit.in_order(scope, &found.plans, first.take()))
                .map(|(path, result)| {
                    outcome.take(path, result, &rules, suppressor.as_mut(), record)
                })
                .inspect(|entry| {
                    if let Ok(file) = entry {
                        read = true;
                        still_needed(expiring, file, &rules, &mut needed);
                    }
                    let added = site.as_mut().zip(entry.as_ref().ok());
                    if let Some(Err(e)) = added.map(|(site, file)| site.add(file, &rules)) {
                        site_error.get_or_insert(e);
                    }
                });
            let files = noticed.drain(..).map(Err).chain(audited);
            let options = report_options(&args, baseline.is_some());
            report::write_stream(settings.format, &rules, config.clone(), files, &options, w)
        })?;
        // A run that fails writes no file: a report missing plans would pass for whole.
        Ok(match outcome.problems {
            0 => Commit::Keep,
            _ => Commit::Discard,
        })
    };
    match &args.output {
        Some(path) => output::write_file_with(path, &mut render)?,
        None if args.quiet => {
            render(&mut io::sink()).into_diagnostic()?;
        }
        None => output::print_with(&mut render)?,
    }
    progress.finish();
    // On standard error, which a report on standard output leaves alone; shown however quiet,
    // as errors are: a waiver running out is news the team needs, unless every plan read
    // addresses its item.
    for (expiring, needed) in expiring.iter().zip(needed) {
        if needed || !read {
            eprintln!("warning: {}", expiring.warning);
        }
    }
    if let Some(error) = site_error {
        return Err(error);
    }
    // As with --output, a run that fails writes no page.
    if let Some(site) = site.filter(|_| outcome.files > 0 && outcome.problems == 0) {
        site.finish()?;
    }
    let Outcome {
        problems,
        files,
        worst,
        recorded,
    } = outcome;
    if let Some(path) = args.write_baseline.as_deref().filter(|_| problems == 0) {
        let count = recorded.len();
        output::write_file(path, &Baseline::from_entries(recorded).to_json())?;
        // On standard error: standard output is the report, which a pipe may be reading.
        if !args.quiet {
            let recorded = crate::report::counted(count, "finding");
            let path = path.display().to_string();
            let path = crate::input::shell_argument(&path)
                .unwrap_or_else(|| crate::input::escape_name(&path).into_owned());
            eprintln!("wrote {path}: {recorded} recorded; `--baseline {path}` leaves them out");
        }
    }
    if let (Some(path), Some(suppressor), false) = (&args.baseline, &suppressor, record) {
        baseline_notes(path, suppressor, args.quiet);
    }
    // Recording a baseline accepts today's findings: none of them fails the run that records
    // them, so the recipe `check … --write-baseline FILE` passes under `set -e`.
    let failed = args.write_baseline.is_none()
        && matches!((worst, settings.fail_on.threshold()), (Some(w), Some(t)) if w >= t);
    // Every report is written and closed, and the process ends next: freeing the rule sets and
    // their compiled matcher piece by piece was 5% of a 10 KB plan's run (callgrind).
    std::mem::forget(rules);
    Ok(match (problems == 0 && files > 0, failed) {
        (false, _) => exit::ERROR,
        (true, true) => exit::FINDINGS,
        (true, false) => exit::CLEAN,
    })
}

/// Marks each waiver running out that `file` still needs: one of a finding code, or of an item
/// no section of the plan addresses.
fn still_needed(expiring: &[Expiring], file: &FileReport, rules: &Rules, needed: &mut [bool]) {
    for (waiver, needed) in expiring.iter().zip(needed) {
        let addressed = waiver.item.as_ref().is_some_and(|id| {
            (file.coverage.iter())
                .any(|c| !c.sections.is_empty() && rules.item(c.item).item.id == *id)
        });
        *needed |= !addressed;
    }
}

/// How the reports of a run are written, from its options.
fn report_options(args: &CheckArgs, baseline: bool) -> report::Options {
    let terminal = args.output.is_none() && std::io::stdout().is_terminal();
    report::Options {
        color: args.color.enabled(terminal),
        width: output::width(terminal),
        detail: match (args.verbose, args.summary) {
            (true, _) => Detail::Verbose,
            (_, true) => Detail::Summary,
            _ => Detail::Concise,
        },
        baseline,
        pretty: args.pretty,
        max_evidence: (!args.all_evidence).then_some(report::MAX_EVIDENCE),
        max_labels: (!args.all_evidence).then_some(report::MAX_LABELS),
        repeat: report::Repeat {
            frameworks: args.frameworks.clone(),
            max_file_size: (Ok(args.read.max_file_size) != parse_size(DEFAULT_MAX_FILE_SIZE))
                .then_some(args.read.max_file_size),
            input_format: args.read.input_format.and_then(|format| {
                let value = clap::ValueEnum::to_possible_value(&format)?;
                Some(value.get_name().to_owned())
            }),
            ..args.rules.repeat(&args.config)
        },
        hints: true,
    }
}

/// Notes on standard error, beside the report, of what the baseline at `path` holds that the
/// run did not meet: findings of the plans checked that no longer occur (fixed, and a baseline
/// keeping them would hide their gaps if they came back), and no finding about any plan
/// checked (a baseline recorded from another folder names every plan another way), and plans
/// it names that no longer exist (renamed or moved). The last two say why findings came back,
/// and show under `--quiet` too: a quiet run would otherwise fail without a word.
fn baseline_notes(path: &Path, suppressor: &crate::baseline::Suppressor, quiet: bool) {
    let path = crate::input::escape_name(&path.display().to_string()).into_owned();
    let unmatched = suppressor.unmatched();
    if unmatched > 0 && !quiet {
        let recorded = crate::report::counted(unmatched, "finding");
        let (occur, them) = match unmatched {
            1 => ("occurs", "it"),
            _ => ("occur", "them"),
        };
        eprintln!(
            "note: {recorded} recorded in {path} no longer {occur} in the plans checked; to \
             drop {them}, so a gap closed cannot come back unnoticed, record the baseline again \
             over every plan it holds: `check PLANS --write-baseline {path}`, without \
             --baseline, once no finding is new"
        );
    }
    let vanished = suppressor.vanished();
    if let ([first, ..], None) = (vanished.as_slice(), suppressor.stranger()) {
        let first = crate::input::escape_name(first);
        let more = match vanished.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        eprintln!(
            "note: {path} records findings of {first}{more}, which no longer exists; a baseline \
             names plans by path, so a renamed or moved plan's findings come back as new: \
             record the baseline again after the rename"
        );
    }
    if let Some(named) = suppressor.stranger() {
        let named = crate::input::escape_name(named);
        eprintln!(
            "note: no finding recorded in {path} is about a plan checked here (it names \
             {named} and the like); a baseline names plans by their path from the folder it \
             was recorded in, so record and check from the same folder"
        );
    }
}

/// What a run found, gathered as its files stream past.
#[derive(Default)]
struct Outcome {
    problems: usize,
    files: usize,
    worst: Option<Severity>,
    /// Baseline entries of every finding, when a baseline is being written.
    recorded: Vec<crate::baseline::Entry>,
}

impl Outcome {
    /// Counts one plan's audit, records it for the baseline being written (before the old
    /// baseline removes anything) and passes on the plan to report; or, if `path` could not
    /// be read, says why on standard error and passes on that for the report to list.
    fn take(
        &mut self,
        path: &Path,
        result: miette::Result<audit::FileReport>,
        rules: &crate::rules::Rules,
        suppressor: Option<&mut crate::baseline::Suppressor>,
        record: bool,
    ) -> Result<audit::FileReport, report::Unread> {
        let mut file = match result {
            Ok(file) => file,
            Err(problem) => {
                super::print_error(&problem);
                self.problems += 1;
                let path = path.display().to_string();
                let position = (problem.downcast_ref::<crate::document::Error>())
                    .and_then(crate::document::Error::position);
                return Err(report::Unread::new(Some(path), &problem).at(position));
            }
        };
        if record {
            self.recorded.extend(Baseline::entries(rules, &file));
        }
        if let Some(suppressor) = suppressor {
            suppressor.suppress(rules, &mut file);
        }
        self.files += 1;
        self.worst = self.worst.max(file.worst());
        Ok(file)
    }
}

/// Reads plans as the command line asks.
struct Reader<'a> {
    max_bytes: u64,
    /// The format `--input-format` names, read whatever detection would say.
    format: Option<crate::document::InputFormat>,
    progress: &'a Progress,
}

impl Reader<'_> {
    fn read(&self, path: &Path) -> miette::Result<Document> {
        let document = Document::read_as(path, self.max_bytes, self.format);
        self.progress.tick();
        Ok(document?)
    }
}

/// Reads and audits plans on a thread pool.
struct Audit<'a> {
    rules: &'a crate::rules::Rules,
    policy: &'a Policy,
    reader: &'a Reader<'a>,
    pool: &'a rayon::ThreadPool,
}

/// A plan read ahead of its audit, or why it could not be.
type ReadAhead = miette::Result<Document>;

impl<'a> Audit<'a> {
    /// The audits of `plans`, in their order whatever the scheduling, so output never depends
    /// on it; run on the pool inside `scope`, as the caller asks for them. `first` is the first
    /// plan, if it was read already.
    fn in_order<'s>(
        &'a self,
        scope: &'s rayon::Scope<'a>,
        plans: &'a [PathBuf],
        first: Option<ReadAhead>,
    ) -> InOrder<'s, 'a> {
        InOrder::new(self, scope, plans, PARALLEL_BYTES, first)
    }

    /// Reads (unless `read` already did) and audits one plan.
    fn one(&self, path: &Path, read: Option<ReadAhead>) -> miette::Result<audit::FileReport> {
        let document = read.unwrap_or_else(|| self.reader.read(path))?;
        Ok(audit::audit_with(document, self.rules, self.policy))
    }
}

/// Plans in flight together total at most the largest plan's size, or this many bytes if that
/// is more: small plans still share the cores, while two large ones never audit at once.
const PARALLEL_BYTES: u64 = 2 << 20;

/// Plans audited on the pool and handed out in their order. A plan starts only when it fits
/// beside the plans in flight within the budget (the largest plan's size, or
/// [`PARALLEL_BYTES`]); the report being written counts until the next is asked for. A run
/// then needs the memory of its largest plan, whatever the number of plans or threads: four
/// 10 MB plans held four audits at once on four threads, and every finished report of a batch.
struct InOrder<'s, 'a> {
    audit: &'a Audit<'a>,
    scope: &'s rayon::Scope<'a>,
    /// Plans not yet started, with their sizes in bytes, last first.
    plans: Vec<(&'a PathBuf, u64)>,
    /// Plans started, in order: their paths, sizes and where their audits arrive.
    in_flight: VecDeque<(&'a Path, u64, Receiver<miette::Result<audit::FileReport>>)>,
    /// Bytes of plans in flight and of the report handed out last.
    used: u64,
    /// Bytes of the report handed out last, released when the next is asked for.
    handed: u64,
    budget: u64,
    threads: usize,
    /// The first plan, if it was read before the audits began.
    first: Option<ReadAhead>,
}

impl<'s, 'a> InOrder<'s, 'a> {
    /// Audits of `plans` within a budget of the largest plan's size or `floor` bytes.
    fn new(
        audit: &'a Audit<'a>,
        scope: &'s rayon::Scope<'a>,
        plans: &'a [PathBuf],
        floor: u64,
        first: Option<ReadAhead>,
    ) -> Self {
        let sizes: Vec<u64> = plans
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .collect();
        let budget = sizes.iter().copied().max().unwrap_or(0).max(floor);
        InOrder {
            audit,
            scope,
            plans: plans.iter().zip(sizes).rev().collect(),
            in_flight: VecDeque::new(),
            used: 0,
            handed: 0,
            budget,
            threads: audit.pool.current_num_threads().max(1),
            first,
        }
    }

    /// Starts the next plans while they fit within the budget; the first always fits.
    fn start(&mut self) {
        while self.in_flight.len() < self.threads {
            let Some(&(path, size)) = self.plans.last() else {
                return;
            };
            if !self.in_flight.is_empty() && self.used + size > self.budget {
                return;
            }
            self.plans.pop();
            self.used += size;
            let (done, arrives) = std::sync::mpsc::sync_channel(1);
            let audit = self.audit;
            let read = self.first.take();
            self.scope.spawn(move |_| {
                // The receiver is gone only when the report is no longer wanted.
                let _ = done.send(audit.one(path, read));
            });
            self.in_flight.push_back((path, size, arrives));
        }
    }
}

impl<'a> Iterator for InOrder<'_, 'a> {
    type Item = (&'a Path, miette::Result<audit::FileReport>);

    fn next(&mut self) -> Option<Self::Item> {
        self.used -= std::mem::take(&mut self.handed);
        self.start();
        let (path, size, arrives) = self.in_flight.pop_front()?;
        self.handed = size;
        // An audit that panicked sends nothing; the scope raises its panic when it ends.
        arrives.recv().ok().map(|result| (path, result))
    }
}

/// The path that stands for standard input.
pub(super) const STDIN: &str = "-";

/// What the plan read from standard input is called in reports.
fn stdin_name(args: &CheckArgs) -> &str {
    args.stdin_filename.as_deref().unwrap_or("<stdin>")
}

/// Reads the plan on standard input, up to `max_bytes`, named `name` in reports.
pub(super) fn read_stdin(name: &str, max_bytes: u64) -> miette::Result<Document> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| miette::miette!("cannot read the plan on standard input: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(crate::document::Error::TooLarge {
            path: name.to_owned(),
            size: None,
            limit: max_bytes,
        }
        .into());
    }
    Ok(Document::from_bytes(name.to_owned(), bytes)?)
}

/// Most threads a run starts, per core: more only cost memory and start-up time.
const THREADS_PER_CORE: usize = 4;
/// Most threads a run starts, whatever the machine.
const MAX_THREADS: usize = 256;

/// The threads to start for `wanted` (0: one per core) and `files` plans: never more than
/// there are files or cores, whichever is more (a plan links its sections in parallel, so one
/// plan uses every core), [`THREADS_PER_CORE`] per core or [`MAX_THREADS`]. `--threads 10000`
/// once spent minutes starting threads.
fn thread_count(wanted: usize, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let wanted = if wanted == 0 { cores } else { wanted };
    wanted
        .min(cores * THREADS_PER_CORE)
        .min(MAX_THREADS)
        .min(files.max(cores))
        .max(1)
}

/// Whether a plan is read from standard input (`-`).
fn reads_stdin(args: &CheckArgs) -> bool {
    args.paths.iter().any(|p| p.as_os_str() == STDIN)
}

/// The files a run reads, each with what it is, for the refusals of outputs that would land on
/// one: the plans, the name given to standard input's plan, the rule files, the config and the
/// baseline.
fn inputs<'a>(
    args: &'a CheckArgs,
    settings: &'a Settings,
    plans: &'a [PathBuf],
) -> Vec<(&'static str, &'a Path)> {
    let mut inputs: Vec<(&str, &Path)> = plans.iter().map(|p| ("the plan", p.as_path())).collect();
    if reads_stdin(args) {
        inputs.push(("--stdin-filename", Path::new(stdin_name(args))));
    }
    let rules = args.rules.files.iter().chain(&settings.config_rules);
    inputs.extend(rules.map(|p| ("the rule file", p.as_path())));
    inputs.extend(settings.config.iter().map(|p| ("the config", p.as_path())));
    inputs.extend(args.baseline.iter().map(|p| ("the baseline", p.as_path())));
    inputs
}

/// Refuses an `--output` or `--write-baseline` that is one of the run's inputs, or both options
/// naming one file: writing either would destroy the input (or hide every finding); and a
/// baseline it could not write, before the run rather than once the report has been printed.
fn refuse_overwriting_inputs(
    args: &CheckArgs,
    settings: &Settings,
    plans: &[PathBuf],
) -> miette::Result<()> {
    let mut inputs = inputs(args, settings, plans);
    let piped = reads_stdin(args);
    let outputs = [
        ("--write-baseline", &args.write_baseline),
        ("--output", &args.output),
    ];
    for (option, path) in outputs.into_iter().filter(|_| piped) {
        if let Some(path) = path {
            output::refuse_stdin(option, path)?;
        }
    }
    if let Some(path) = &args.write_baseline {
        output::refuse_inputs("--write-baseline", path, &inputs)?;
    }
    if let Some(path) = &args.output {
        inputs.extend(
            args.write_baseline
                .iter()
                .map(|p| ("the baseline to write", p.as_path())),
        );
        output::refuse_inputs("--output", path, &inputs)?;
        if path.is_dir() {
            miette::bail!(
                help = "name a file inside it; `check --format html --output-dir` writes a \
                        directory of pages",
                "cannot write {}: it is a directory",
                path.display()
            );
        }
        let both = args.write_baseline.as_ref();
        if let Some(written) = both.filter(|w| output::same_destination(w, path)) {
            miette::bail!(
                "--output and --write-baseline both name {}",
                written.display()
            );
        }
    }
    // The folder's pages are written after the report and stale ones removed: a report or
    // baseline among them would be replaced or lost.
    if let Some(dir) = &args.output_dir {
        for (option, path) in outputs {
            if let Some(path) = path.as_ref().filter(|p| output::same_destination(p, dir)) {
                miette::bail!("{option} and --output-dir both name {}", path.display());
            }
            if let Some(path) = path.as_ref().filter(|p| output::in_folder(p, dir)) {
                miette::bail!(
                    help = format!("choose a file outside {} for {option}", dir.display()),
                    "{option} {} is in --output-dir {}, whose pages this run writes",
                    path.display(),
                    dir.display()
                );
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        output::refuse_unwritable(path)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DEFAULT_FRAMEWORKS;

    /// One plan gets every core for its sections; many plans at most one thread each, and no
    /// request starts more than 4 per core.
    #[test]
    fn threads_are_bounded_by_cores_and_files() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        assert_eq!(thread_count(0, 1), cores);
        assert_eq!(thread_count(10_000, 1), cores);
        assert_eq!(thread_count(1, 50), 1);
        assert_eq!(
            thread_count(10_000, 10_000),
            (cores * THREADS_PER_CORE).min(MAX_THREADS)
        );
    }

    /// Plans come out in their order and as each audits alone, whatever the threads and however
    /// tight the budget, a plan that cannot be read included.
    #[test]
    fn plans_come_in_order_and_whole_whatever_the_budget() {
        let rules = Catalog::builtin().select(DEFAULT_FRAMEWORKS).unwrap();
        let policy = Policy::standard();
        let names = [
            "english-strategy.md",
            "gaps-plan.md",
            "missing.md",
            "awkward-markdown.md",
            "complete-plan.md",
            "gaps-plan.docx",
        ];
        let plans: Vec<PathBuf> = names
            .iter()
            .map(|n| Path::new("fixtures/plans").join(n))
            .collect();
        let shown = |result: miette::Result<audit::FileReport>| match result {
            Ok(file) => format!("{file:?}"),
            Err(error) => format!("error: {error}"),
        };
        let alone: Vec<String> = plans
            .iter()
            .map(|p| {
                let document = Document::read(p).map_err(miette::Report::from);
                let audited = document.map(|d| audit::audit_with(d, &rules, &policy));
                format!("{}: {}", p.display(), shown(audited))
            })
            .collect();
        assert!(alone[2].contains(": error: "), "{}", alone[2]);
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let progress = Progress(None);
            let reader = Reader {
                max_bytes: crate::document::MAX_FILE_SIZE,
                format: None,
                progress: &progress,
            };
            let audit = Audit {
                rules: &rules,
                policy: &policy,
                reader: &reader,
                pool: &pool,
            };
            // Floor 0: the largest plan sets the budget, so most plans audit one at a time;
            // the first plan read ahead, as a run reads it while its rules compile, or not.
            for (floor, ahead) in [(0, false), (PARALLEL_BYTES, true), (u64::MAX, false)] {
                let first = ahead.then(|| reader.read(&plans[0]));
                let got: Vec<String> = pool.in_place_scope(|scope| {
                    InOrder::new(&audit, scope, &plans, floor, first)
                        .map(|(path, result)| format!("{}: {}", path.display(), shown(result)))
                        .collect()
                });
                assert_eq!(got, alone, "{threads} threads, floor {floor}");
            }
        }
    }
}
