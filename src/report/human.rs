//! The terminal report, for a planner to read in one screen. Per plan: a coverage summary
//! for each framework (counts, and the items missing or weak), then one short block per
//! finding: where it is, with the place underlined, and what to do. `--verbose` adds the
//! statutory wording and challenge questions of each item a finding is about, and the full
//! coverage table; `--summary` keeps only the summary.

use std::borrow::Cow;
use std::fmt::Write;
use std::io;

use unicode_width::UnicodeWidthStr;

use super::excerpt::{self, Excerpt};
use super::league::League;
use super::{Detail, Options, Tally};
use crate::audit::{Code, Coverage, FileReport, Finding, Label, Report, Severity, Status};
use crate::document::Document;
use crate::input::{escape_controls, escape_name, shell_argument};
use crate::rules::{Item, RuleSet, Rules};

/// A coverage summary and short findings for each plan, for people.
pub(super) fn write(
    report: &Report<'_>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(Human(options).render(report).as_bytes())
}

/// The line that ends a report on more than one plan.
pub(super) fn totals(files: usize, tally: Tally) -> String {
    format!("{files} files: {tally}{}\n", tally.set_aside())
}

/// The league table before the totals of a report on more than one plan.
pub(super) fn league(league: &League, options: &Options) -> String {
    league.text(options.width) + "\n"
}

/// Renders reports for people. Output depends only on the report and these options.
struct Human<'o>(&'o Options);

/// Most lines named after "and N more": the rest are counted, so a finding with a place on
/// every line of a long plan stays one short line.
const MAX_MORE_LINES: usize = 8;

impl Human<'_> {
    fn render(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        if let Some(config) = &report.config {
            let _ = writeln!(out, "config: {}\n", escape_controls(config));
        }
        for file in &report.files {
            self.file(&mut out, file, report.rules);
        }
        if report.files.len() > 1 {
            out.push_str(&league(&League::of(report), self.0));
            out.push_str(&totals(report.files.len(), Tally::of_report(report)));
        }
        out
    }

    fn file(&self, out: &mut String, file: &FileReport, rules: &Rules) {
        let doc = &file.document;
        let path = escape_name(&doc.path);
        if self.0.baseline && file.findings.is_empty() {
            let set_aside = Tally::of_file(file).set_aside();
            let _ = writeln!(out, "{path}: no new findings{set_aside}");
            if self.0.detail == Detail::Verbose {
                waivers(out, file, rules);
            }
            return;
        }
        let _ = writeln!(out, "{}", self.paint(&path, Style::Bold));
        self.summary(out, file, rules);
        out.push('\n');
        // Unsupported claims shown one block a section, which the closing count says.
        let mut claims_shown = None;
        if self.0.detail != Detail::Summary {
            let runs = self.runs(doc, rules, &file.findings);
            claims_shown = Some(count_claims(runs.iter().flatten().map(|f| f.as_ref())));
            for run in runs {
                self.findings(out, &run, doc, rules);
            }
        }
        if self.0.detail == Detail::Verbose {
            self.coverage_table(out, file, rules);
            waivers(out, file, rules);
        }
        if let (Detail::Concise, true, Some(item)) = (self.0.detail, self.0.hints, hinted(file)) {
            self.suggest(out, doc, &rules.item(item).item.id);
        }
        let counts = Tally::of_file(file);
        let mut tally = counts.to_string();
        let claims = count_claims(file.findings.iter());
        if let Some(shown) = claims_shown.filter(|&shown| shown < claims) {
            let blocks = super::counted(shown, "block");
            let _ = write!(
                tally,
                " ({claims} unsupported claims in {blocks}, a section each)"
            );
        }
        tally.push_str(&counts.set_aside());
        match path.width() + 2 + tally.width() <= self.0.width {
            true => writeln!(out, "{path}: {tally}\n"),
            false => {
                let indented = textwrap::Options::new(self.0.width)
                    .initial_indent("  ")
                    .subsequent_indent("  ");
                writeln!(out, "{path}:\n{}\n", textwrap::fill(&tally, indented))
            }
        }
        .ok();
    }

    /// The commands that show more about item `id`: its evidence section by section, and its
    /// wording and questions, with the run's own options so that they run as printed.
    fn suggest(&self, out: &mut String, doc: &Document, id: &str) {
        // A plan read from standard input has no file for `explain` to read again.
        // Nor one whose name a report shows escaped: the command names it PLAN.
        let plan = match doc.on_disk {
            true => shell_argument(&doc.path).unwrap_or_else(|| "PLAN".into()),
            false => "PLAN".into(),
        };
        let (rules, explain) = (
            self.0.repeat.rule_options(),
            self.0.repeat.explain_options(),
        );
        let hints = [
            (
                "Evidence section by section",
                format!("planaudit explain{rules}{explain} {plan} {id}"),
                "",
            ),
            (
                "Wording and questions",
                format!("planaudit rules show{rules} {id}"),
                "under each finding: --verbose",
            ),
        ];
        for (what, command, and) in hints {
            let (line, label) = match and {
                "" => (format!("{what}: `{command}`"), what.to_owned()),
                and => (
                    format!("{what}: `{command}`; {and}."),
                    format!("{what} ({and})"),
                ),
            };
            // A command is never broken, so it can be pasted: too long for the line, it goes
            // on a line of its own.
            match line.width() <= self.0.width {
                true => writeln!(out, "{line}"),
                false => writeln!(out, "{label}:\n  {command}"),
            }
            .ok();
        }
    }

    /// Per framework: how many items are covered, weak, missing and waived, and which are
    /// missing or weak, by id and title.
    fn summary(&self, out: &mut String, file: &FileReport, rules: &Rules) {
        for framework in rules.frameworks() {
            let coverage = framework_coverage(file, rules, framework);
            let count = |status| coverage.iter().filter(|c| c.status == status).count();
            let mut line = format!("{}/{} covered", count(Status::Covered), coverage.len());
            for status in [Status::Weak, Status::Missing, Status::Waived] {
                if count(status) > 0 {
                    let _ = write!(line, ", {} {}", count(status), status.as_str());
                }
            }
            let name = self.paint(&framework.name, Style::Bold);
            // The counts go under a long name on a narrow terminal.
            match framework.name.width() + 3 + line.width() <= self.0.width {
                true => writeln!(out, "{name} — {line}"),
                false => writeln!(out, "{name}\n  — {line}"),
            }
            .ok();
            if file.document.blocks.is_empty() {
                continue; // one no-sections error says why, rather than a list of every item
            }
            for (status, style) in [(Status::Missing, Style::Red), (Status::Weak, Style::Yellow)] {
                let items: Vec<String> = coverage
                    .iter()
                    .filter(|c| c.status == status)
                    .map(|c| {
                        let item = rules.item(c.item).item;
                        format!("{} {}", item.id, item.title)
                    })
                    .collect();
                if items.is_empty() {
                    continue;
                }
                let label = format!("{}:", status.as_str());
                let lines = pack(&items, label.len() + 3, self.0.width);
                let indent = " ".repeat(label.len() + 3);
                let _ = writeln!(
                    out,
                    "  {} {}",
                    self.paint(&label, style),
                    lines.join(&format!("\n{indent}"))
                );
            }
        }
    }

    /// Findings split into blocks. By default each section's unsupported claims are one
    /// finding ([`super::gathered`]), and findings of one code that point at no place (missing
    /// items) share a block and its hint, as the summary has already named them; so do
    /// priorities with no measure, each pointing at the heading its message names.
    fn runs<'f>(
        &self,
        doc: &Document,
        rules: &Rules,
        findings: &'f [Finding],
    ) -> Vec<Vec<Cow<'f, Finding>>> {
        let findings = match self.0.detail {
            Detail::Concise => super::gathered(doc, rules, findings),
            _ => findings.iter().map(Cow::Borrowed).collect(),
        };
        let shares = |a: &Finding, b: &Finding| {
            let unplaced = a.labels.is_empty() && b.labels.is_empty();
            self.0.detail == Detail::Concise
                && a.code == b.code
                && (unplaced || a.code == Code::NoMeasure)
                && super::advice(a, rules) == super::advice(b, rules)
        };
        let mut runs: Vec<Vec<Cow<Finding>>> = Vec::new();
        for finding in findings {
            match runs.last_mut() {
                Some(run) if shares(&run[0], &finding) => run.push(finding),
                _ => runs.push(vec![finding]),
            }
        }
        runs
    }

    /// A block of findings: each message and code with the places it points at, then a
    /// one-line hint.
    fn findings(&self, out: &mut String, run: &[Cow<Finding>], doc: &Document, rules: &Rules) {
        // Each finding's place is its heading, named in its message: where it is is enough.
        let brief = run.len() > 1 && run[0].code == Code::NoMeasure;
        for finding in run {
            let (symbol, style) = match finding.severity {
                Severity::Error => ("×", Style::Red),
                Severity::Warning => ("⚠", Style::Yellow),
                Severity::Note => ("☞", Style::Cyan),
            };
            // Wrapped plain, then painted: the symbol starts the text and the code, one word,
            // ends it.
            let code = format!("[{}]", finding.code);
            let plain = format!("{symbol} {} {code}", escape_controls(&finding.message));
            let options = textwrap::Options::new(self.0.width)
                .subsequent_indent("  ")
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            let wrapped = textwrap::fill(&plain, options);
            let body = &wrapped[symbol.len()..wrapped.len() - code.len()];
            let _ = writeln!(
                out,
                "{}{body}{}",
                self.paint(symbol, style),
                self.paint(&code, style)
            );
            match (brief, finding.labels.first()) {
                (true, Some(first)) => {
                    let _ = writeln!(out, "  at {}", place(doc, first));
                }
                _ => self.places(out, finding, doc),
            }
        }
        let help = format!("help: {}", super::advice(&run[0], rules));
        let help = wrap(&help, "      ", self.0.width);
        let _ = writeln!(out, "{help}");
        if let (Detail::Verbose, Some(item)) = (self.0.detail, run[0].item) {
            item_detail(out, rules.item(item).item, self.0.width);
        }
        out.push('\n');
    }

    /// The finding's places: its first position as `path:line:column` for editors, then an
    /// excerpt per run of nearby labels.
    fn places(&self, out: &mut String, finding: &Finding, doc: &Document) {
        let Some(first) = finding.labels.first() else {
            return;
        };
        // Most places underlined with `--verbose`; by default only the first excerpt is shown
        // and the other places are listed by line.
        let shown = &finding.labels[..finding.labels.len().min(super::MAX_LABELS)];
        let mut excerpts = excerpt::excerpts(doc, shown, self.0.width.saturating_sub(8));
        if self.0.detail == Detail::Concise {
            excerpts.truncate(1);
        }
        // The gutter numbers a line; a Word or PDF plan's lines are of its extracted text,
        // which no reader sees, so there it names the page or paragraph.
        let mut from = 0;
        let margins: Vec<String> = (excerpts.iter())
            .map(|e| {
                let at = shown[from].span.start;
                from += e.labels;
                doc.place_label(at)
                    .map_or_else(|| e.line.to_string(), str::to_owned)
            })
            .collect();
        let gutter = margins.iter().map(|m| m.chars().count()).max().unwrap_or(1);
        let _ = writeln!(out, "{}", location(doc, first, gutter));
        for (
            Excerpt {
                text,
                underline,
                below,
                ..
            },
            margin,
        ) in excerpts.iter().zip(&margins)
        {
            let _ = writeln!(out, " {margin:>gutter$} │ {text}");
            let _ = writeln!(out, " {:gutter$} · {underline}", "");
            for note in below {
                let _ = writeln!(out, " {:gutter$} · {note}", "");
            }
        }
        let underlined: usize = excerpts.iter().map(|e| e.labels).sum();
        let rest = &finding.labels[underlined..];
        if !rest.is_empty() {
            let shown: Vec<usize> = excerpts.iter().map(|e| e.line).collect();
            let more = more_places(rest, &shown, doc);
            for line in hang(&more, gutter + 4, self.0.width) {
                let _ = writeln!(out, " {:gutter$} · {line}", "");
            }
        }
    }

    fn coverage_table(&self, out: &mut String, file: &FileReport, rules: &Rules) {
        for framework in rules.frameworks() {
            let coverage = framework_coverage(file, rules, framework);
            let rows: Vec<Row> = coverage.iter().map(|c| row(file, rules, c)).collect();
            let _ = writeln!(out, "{}", self.paint(&framework.name, Style::Bold));
            self.table(out, &rows);
            out.push('\n');
        }
        if file.coverage.iter().any(Coverage::committed) {
            let _ = writeln!(
                out,
                "* with a commitment or measure (↳ the first one found)\n"
            );
        }
    }
    fn table(&self, out: &mut String, rows: &[Row]) {
        let width = |col: usize| {
            let widths = rows.iter().map(|r| r.cells[col].chars().count());
            widths.max().unwrap_or(0)
        };
        let (id_w, title_w, status_w, claim_w) = (width(0), width(1), width(2), width(3));
        // On a narrow terminal the titles give way (cut at a word) so a row fits its width.
        let others = 8 + id_w + status_w + if claim_w > 0 { claim_w + 2 } else { 0 };
        let title_w = title_w.min(self.0.width.saturating_sub(others).max(MIN_TITLE));
        for Row {
            cells: [id, title, status, claim, places],
            beneath,
        } in rows
        {
            let style = match status.trim_end_matches('*') {
                "covered" => Style::Green,
                "weak" | "waived" => Style::Yellow,
                _ => Style::Red,
            };
            let padded = format!("{status:status_w$}");
            let claim = match claim_w {
                0 => String::new(),
                _ => format!("{claim:claim_w$}  "),
            };
            let column = id_w + title_w + status_w + 8 + claim.chars().count();
            // Beneath the title, where a line has the most room.
            let indent = id_w + 4;
            // Broken only between sections, so a heading stays with its line number.
            let room_beneath = self.0.width.saturating_sub(indent + 1);
            let items: Vec<String> = places
                .split("; ")
                .map(|place| shorten_place(place, room_beneath))
                .collect();
            let beside = pack(&items, column, self.0.width);
            let room = self.0.width.saturating_sub(column);
            let fits = room >= MIN_HANGING_ROOM && beside.iter().all(|l| l.width() <= room);
            // Long titles and claim states (statutory content's, say) leave too little room
            // beside them: the places then go beneath the title rather than past the width.
            let (mut places, at) = match fits {
                true => (beside.into_iter(), column),
                false => {
                    let mut lines = vec![String::new()];
                    lines.extend(pack(&items, indent, self.0.width));
                    (lines.into_iter(), indent)
                }
            };
            let title = match title.chars().count() > title_w {
                true => truncate(title, title_w),
                false => title.clone(),
            };
            let row = format!(
                "  {id:id_w$}  {title:title_w$}  {}  {claim}{}",
                self.paint(&padded, style),
                places.next().unwrap_or_default()
            );
            let _ = writeln!(out, "{}", row.trim_end());
            for more in places {
                let _ = writeln!(out, "{:at$}{more}", "");
            }
            let room = self
                .0
                .width
                .saturating_sub(indent + 2)
                .max(MIN_HANGING_ROOM);
            let beneath = match beneath {
                Some(Beneath::Quote(quote)) => vec![truncate(quote, room)],
                Some(Beneath::Note(note)) => hang(note, indent + 2, self.0.width),
                None => Vec::new(),
            };
            for (i, line) in beneath.iter().enumerate() {
                let lead = if i == 0 { "↳ " } else { "  " };
                let _ = writeln!(out, "{:indent$}{lead}{line}", "");
            }
        }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if !self.0.color {
            return text.to_owned();
        }
        let code = match style {
            Style::Bold => "1",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Red => "31",
            Style::Cyan => "36",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// The item whose commands the report suggests: the first one found with some evidence, where
/// `explain` has sections to show (a missing item has none), else the first one found.
fn hinted(file: &FileReport) -> Option<usize> {
    let with_evidence = file.findings.iter().filter(|f| f.code != Code::MissingItem);
    with_evidence.chain(&file.findings).find_map(|f| f.item)
}

/// "and 3 more, on lines 12, 14": the places not underlined, by line, at most
/// [`MAX_MORE_LINES`] lines named and the others counted. A line whose excerpt is `shown`
/// holds a place past where the excerpt cut the line, and says so.
fn more_places(rest: &[Label], shown: &[usize], doc: &Document) -> String {
    if !doc.places.is_empty() {
        return more_pages(rest, doc);
    }
    let mut lines: Vec<usize> = rest.iter().map(|l| doc.lines.line(l.span.start)).collect();
    lines.sort_unstable();
    lines.dedup();
    let plural = if lines.len() == 1 { "" } else { "s" };
    let named: Vec<String> = lines
        .iter()
        .take(MAX_MORE_LINES)
        .map(|line| match shown.contains(line) {
            true => format!("{line} (further along than shown)"),
            false => line.to_string(),
        })
        .collect();
    let others = match lines.len().saturating_sub(MAX_MORE_LINES) {
        0 => String::new(),
        n => format!(" and {n} other lines"),
    };
    format!(
        "and {} more, on line{plural} {}{others}",
        rest.len(),
        named.join(", ")
    )
}

/// [`more_places`] for a Word or PDF plan, by page or paragraph ("and 7 more, at page 4,
/// page 5"): the lines of its extracted text are nowhere a reader can look them up.
fn more_pages(rest: &[Label], doc: &Document) -> String {
    let mut starts: Vec<usize> = rest.iter().map(|l| l.span.start).collect();
    starts.sort_unstable();
    let mut places: Vec<String> = starts.into_iter().map(|at| doc.place(at)).collect();
    places.dedup();
    let others = match places.len().saturating_sub(MAX_MORE_LINES) {
        0 => String::new(),
        1 => " and 1 other place".to_owned(),
        n => format!(" and {n} other places"),
    };
    places.truncate(MAX_MORE_LINES);
    format!("and {} more, at {}{others}", rest.len(), places.join(", "))
}

/// The waived findings, each with its waiver's reason, under `--verbose`.
fn waivers(out: &mut String, file: &FileReport, rules: &Rules) {
    if file.waived.is_empty() {
        return;
    }
    out.push_str("Waived\n");
    for waived in &file.waived {
        let line = super::waiver_line(file, rules, waived);
        let _ = writeln!(out, "  {}", escape_controls(&line));
    }
    out.push('\n');
}

/// How many of `findings` are unsupported claims.
fn count_claims<'f>(findings: impl Iterator<Item = &'f Finding>) -> usize {
    findings
        .filter(|f| f.code == Code::UnsupportedClaim)
        .count()
}

/// One line of the coverage table, and what to show beneath it.
struct Row {
    /// Id, title, status, claim (empty when the plan claims nothing) and places.
    cells: [String; 5],
    beneath: Option<Beneath>,
}

/// What a coverage row shows beneath it.
enum Beneath {
    /// The first commitment, cut to one line: `explain` shows it whole.
    Quote(String),
    /// A waiver's reason or the structure check's note, shown whole.
    Note(String),
}

fn row(file: &FileReport, rules: &Rules, c: &Coverage) -> Row {
    let doc = &file.document;
    let item = rules.item(c.item).item;
    let claim = super::claim_state(file, rules, c.item).unwrap_or_default();
    let status = match (c.status, c.committed()) {
        (Status::Covered, true) => "covered*".to_owned(),
        (status, _) => status.as_str().to_owned(),
    };
    let quote = c.commitment.as_ref().map(|e| {
        let place = doc.place(e.span().start);
        Beneath::Quote(format!("{place}: {}", escape_controls(&e.text(doc, rules))))
    });
    let waiver = c.waiver.as_ref();
    let note = waiver.map(|reason| format!("waived: {}", escape_controls(reason)));
    Row {
        cells: [
            item.id.clone(),
            item.title.clone(),
            status,
            claim,
            super::places(doc, c),
        ],
        // "structure:" tells a check's note from the legend's "↳" of a first commitment.
        beneath: (note.or(c.note.as_ref().map(|note| format!("structure: {note}"))))
            .map(Beneath::Note)
            .or(quote),
    }
}

/// `text` cut to at most `limit` characters, at the end of a word where there is one.
fn truncate(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit.saturating_sub(1)) {
        Some((cut, _)) => {
            let head = &text[..cut];
            let at_word = head.rfind(' ').map_or(head, |space| &head[..space]);
            format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
        }
        None => text.to_owned(),
    }
}

#[derive(Clone, Copy)]
enum Style {
    Bold,
    Green,
    Yellow,
    Red,
    Cyan,
}

/// The coverage of one framework's items, in rule order.
fn framework_coverage<'f>(
    file: &'f FileReport,
    rules: &Rules,
    framework: &RuleSet,
) -> Vec<&'f Coverage> {
    file.coverage
        .iter()
        .filter(|c| std::ptr::eq(rules.item(c.item).framework, framework))
        .collect()
}

/// `items` joined by "; " into lines that fit `width` after an indent, breaking only
/// between items (an item's id stays with its title).
fn pack(items: &[String], indent: usize, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if indent + line.chars().count() + item.chars().count() + 3 <= width => {
                line.push_str("; ");
                line.push_str(item);
            }
            Some(line) => {
                line.push(';');
                lines.push(item.clone());
            }
            None => lines.push(item.clone()),
        }
    }
    lines
}

/// A coverage row's place ("Heading (line 12)") cut to `room` columns at a word, its heading
/// shortened and its line kept: a plan's title as its first heading can be a line long.
fn shorten_place(place: &str, room: usize) -> String {
    if place.width() <= room {
        return place.to_owned();
    }
    let (heading, at) = place.rsplit_once(" (").unwrap_or((place, ""));
    let at = if at.is_empty() {
        String::new()
    } else {
        format!(" ({at}")
    };
    format!("{}{at}", truncate(heading, room.saturating_sub(at.width())))
}

/// ` ╭─[path:line:column]`, where `label` is, for editors to jump to: after a gutter as wide as
/// the excerpt's line numbers.
fn location(doc: &Document, label: &Label, gutter: usize) -> String {
    format!(" {:gutter$} ╭─[{}]", "", place(doc, label))
}

/// Where `label` is: `path:line:column` for editors to jump to, or for a Word or PDF plan,
/// whose extracted lines no reader sees, `path, paragraph 12` (or page).
fn place(doc: &Document, label: &Label) -> String {
    let path = escape_name(&doc.path);
    match doc.place_label(label.span.start) {
        Some(cited) => format!("{path}, {cited}"),
        None => {
            let at = doc.position(label.span.start);
            format!("{path}:{}:{}", at.line, at.column)
        }
    }
}

/// `text` broken at spaces into lines that fit `width` after a hanging indent of `indent`
/// columns, or left whole when too little room remains beside the indent to be worth breaking.
fn hang(text: &str, indent: usize, width: usize) -> Vec<String> {
    match width.checked_sub(indent) {
        Some(room) if room >= MIN_HANGING_ROOM => {
            let options = textwrap::Options::new(room)
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            let lines = textwrap::wrap(text, options);
            lines.into_iter().map(String::from).collect()
        }
        _ => vec![text.to_owned()],
    }
}

/// Fewest columns an item's title keeps in the coverage table, however narrow the terminal.
const MIN_TITLE: usize = 12;

/// Fewest columns beside a hanging indent that are still worth wrapping into.
const MIN_HANGING_ROOM: usize = 30;

/// `text` wrapped to `width`, continuation lines indented by `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let options = textwrap::Options::new(width).subsequent_indent(indent);
    textwrap::fill(text, options)
}

/// The item's statutory wording and its challenge questions: what the plan has to answer.
fn item_detail(out: &mut String, item: &Item, width: usize) {
    let indent = textwrap::Options::new(width)
        .initial_indent("      ")
        .subsequent_indent("      ");
    let says = format!("{} says: \"{}\"", item.id, item.statement.trim());
    let _ = writeln!(out, "{}", textwrap::fill(&says, indent));
    if item.questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "      Questions the plan should answer:");
    for question in &item.questions {
        let bullet = textwrap::Options::new(width)
            .initial_indent("        • ")
            .subsequent_indent("          ");
        let _ = writeln!(out, "{}", textwrap::fill(question.trim(), bullet));
    }
}
