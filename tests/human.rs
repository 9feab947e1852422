//! The human report is read by a planner in one screen: concise by default, quiet on what is
//! fine, with the detail one flag away.

mod common;

use common::{code, plan_path, planaudit, stderr, stdout};

fn human(args: &[&str]) -> String {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    let output = planaudit(&all);
    assert_ne!(code(&output), 2, "{}", common::stderr(&output));
    stdout(&output)
}

/// The largest fixture (about 5,000 words) and a plan of about 1,700 words stay within a
/// screen or two: a finding is a few lines, not its item's whole documentation.
#[test]
fn reports_stay_within_a_line_budget() {
    for (plan, budget) in [("paraphrase-plan", 110), ("gaps-plan", 84)] {
        let report = human(&[&plan_path(plan)]);
        let lines = report.lines().count();
        assert!(lines <= budget, "{plan}: {lines} lines\n{report}");
        assert!(
            !report.contains("Questions the plan should answer"),
            "{plan}"
        );
    }
}

/// Every line of every fixture's report fits the 100 columns a file or pipe gets, concise or
/// verbose, with all four frameworks (statutory content's titles are the longest): a label
/// that would run past the underline goes on its own row, a sentence-long label is cut, and
/// coverage places go beneath the title when there is no room beside it.
#[test]
fn every_line_fits_the_width() {
    use unicode_width::UnicodeWidthStr;
    let frameworks = ["outcomes", "principles", "national-voices", "statutory"];
    let mut plans: Vec<String> = Vec::new();
    for dir in ["fixtures/plans", "fixtures/claims"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                plans.push(path.display().to_string());
            }
        }
    }
    plans.sort();
    assert!(plans.len() > 10);
    for detail in ["--summary", "--fail-on=never", "--verbose"] {
        let mut args = vec![detail];
        args.extend(frameworks.iter().flat_map(|f| ["-f", *f]));
        args.extend(plans.iter().map(String::as_str));
        let report = human(&args);
        // A suggested command is never broken, so that it can be pasted.
        for line in report.lines().filter(|l| !l.starts_with("  planaudit ")) {
            assert!(
                line.width() <= 100,
                "{detail}: {} columns\n{line}",
                line.width()
            );
        }
    }
}

/// A narrower terminal gets its own width (60 columns at least), and every line keeps to it:
/// the summary's counts go under a long framework name, titles in the coverage table are cut,
/// and the closing hints, tallies and labels' notes break.
#[test]
fn every_line_fits_a_narrow_terminal() {
    use planaudit::report::{self, Detail, Format, Options};
    use unicode_width::UnicodeWidthStr;
    let catalog = planaudit::rules::Catalog::builtin();
    let ids: Vec<String> = catalog.ids().map(str::to_owned).collect();
    let rules = catalog.select(&ids).unwrap();
    let mut files = Vec::new();
    for dir in ["fixtures/plans", "fixtures/claims"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            let document = planaudit::document::Document::read(path).unwrap();
            files.push(planaudit::audit::audit(document, &rules));
        }
    }
    let report = planaudit::audit::Report {
        rules: &rules,
        files,
        config: None,
    };
    for width in [60, 72, 80] {
        for detail in [Detail::Summary, Detail::Concise, Detail::Verbose] {
            let options = Options {
                width,
                detail,
                ..Options::default()
            };
            let mut out = Vec::new();
            report::write(Format::Human, &report, &options, &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            for line in out.lines().filter(|l| !l.starts_with("  planaudit ")) {
                assert!(
                    line.width() <= width,
                    "{width} {detail:?}: {} columns\n{line}",
                    line.width()
                );
            }
        }
    }
}

#[test]
fn the_largest_fixture_report_reads_well() {
    insta::assert_snapshot!(
        "human-paraphrase-plan",
        human(&[&plan_path("paraphrase-plan")])
    );
}

/// Each finding names its code and has one hint; the summary names what is missing first.
#[test]
fn the_summary_comes_first_and_each_finding_has_a_hint() {
    let report = human(&[&plan_path("gaps-plan")]);
    let summary = report
        .find("  missing: O6 Supporting unpaid carers; O8 Engaged, supported workforce")
        .unwrap();
    let first_finding = report.find("[missing-item]").unwrap();
    assert!(summary < first_finding, "{report}");
    let blocks = report.matches("\nhelp: ").count();
    let findings = report.matches("[weak-item]").count()
        + report.matches("[no-commitment]").count()
        + report.matches("[orphan-section]").count()
        + report.matches("[no-measure]").count();
    assert_eq!(
        blocks,
        findings + 1,
        "missing items share one hint\n{report}"
    );
}

#[test]
fn verbose_adds_statutory_wording_and_the_coverage_table() {
    let report = human(&[&plan_path("gaps-plan"), "--verbose"]);
    assert!(
        report.contains("O6 says: \"People who provide unpaid care"),
        "{report}"
    );
    assert!(report.contains("Questions the plan should answer:"));
    assert!(report.contains("covered*"), "the full coverage table");
    let once = report.matches("O6 says:").count();
    assert_eq!(once, 1, "an item's wording appears once");
}

/// The coverage table fits the report's width: places wrap between sections, and the first
/// commitment is cut to one line beneath the title, whole in `explain`. Only a single place
/// longer than the room left may run over.
#[test]
fn the_coverage_table_fits_the_width() {
    let report = human(&[&plan_path("gaps-plan"), "--verbose"]);
    let table = &report[report
        .find("\nNational Health and Wellbeing Outcomes\n")
        .unwrap()..];
    let table = &table[..table.find("\n* with a commitment").unwrap()];
    insta::assert_snapshot!("human-gaps-plan-coverage-table", table);
    for line in table.lines() {
        let places = line.matches("(line ").count();
        let width = line.chars().count();
        assert!(width <= 100 || places == 1, "{width}: {line}");
    }
    assert!(
        table.contains("\n      ↳ line 45: We will expand self-management support so that 1,000 people complete a Living…\n"),
        "{table}"
    );
    let wrapped = "People's experience of services (line 61);\n";
    assert!(
        table.contains(wrapped),
        "P10's places wrap between sections\n{table}"
    );
}

#[test]
fn summary_prints_only_the_summary() {
    let report = human(&[&plan_path("gaps-plan"), "--summary"]);
    assert!(
        report.contains("National Health and Wellbeing Outcomes — 5/9 covered, 2 weak, 2 missing")
    );
    assert!(report.contains("fixtures/plans/gaps-plan.md: 4 errors"));
    assert!(!report.contains("[missing-item]"), "{report}");
    assert!(!report.contains("help:"), "{report}");
}

#[test]
fn a_plan_with_no_new_findings_since_the_baseline_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let gaps = plan_path("gaps-plan");
    let write = planaudit(&["check", &gaps, "--write-baseline", baseline]);
    assert_eq!(code(&write), 0);
    assert!(
        stderr(&write).contains(": 13 findings recorded"),
        "{}",
        stderr(&write)
    );
    let report = human(&[&gaps, "--baseline", baseline]);
    assert_eq!(
        report,
        "fixtures/plans/gaps-plan.md: no new findings (13 in the baseline, not shown)\n"
    );
}

/// A plan with findings old and new says how many old ones the baseline left out: its summary
/// still names every missing item, which would otherwise contradict its short list.
#[test]
fn a_baseline_run_counts_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let gaps = plan_path("gaps-plan");
    let write = planaudit(&["check", &gaps, "--write-baseline", baseline, "--quiet"]);
    assert_eq!(code(&write), 0);
    let recorded = std::fs::read_to_string(baseline).unwrap();
    let mut recorded: serde_json::Value = serde_json::from_str(&recorded).unwrap();
    let removed = recorded["findings"].as_array_mut().unwrap().remove(0);
    assert_eq!(removed["code"], "missing-item");
    std::fs::write(baseline, recorded.to_string()).unwrap();
    let report = human(&[&gaps, "--baseline", baseline]);
    assert!(
        report.contains(": 1 error, 0 warnings, 0 notes (12 in the baseline, not shown)"),
        "{report}"
    );
}

/// A no-commitment finding points at the words that address the item, so the reader sees
/// where a commitment belongs, not only the section's heading.
#[test]
fn no_commitment_underlines_the_addressing_text() {
    let report = human(&[&plan_path("gaps-plan")]);
    let block = report
        .split("\n\n")
        .find(|b| b.contains("P2 (Tailored to individual needs) is covered, but no commitment"))
        .unwrap();
    assert!(
        block.contains("addresses it without a commitment or measure"),
        "{block}"
    );
    assert!(block.contains("and 7 more, on line 83"), "{block}");
}

/// Places that overlap on a line are one underline, run on from the first: the second is not
/// listed as another place "further along than shown" when it lies inside what is shown.
#[test]
fn overlapping_places_are_one_underline() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("vision.md");
    let line = "The main purpose of our services is to improve the wellbeing of the people who \
                use them.";
    std::fs::write(&plan, format!("# Plan\n\n## Our vision\n\n{line}\n")).unwrap();
    let report = human(&[plan.to_str().unwrap(), "-f", "principles"]);
    let block = report
        .split("\n\n")
        .find(|b| b.contains("P0 (Wellbeing as main purpose) is covered, but no commitment"))
        .unwrap();
    assert!(!block.contains("more, on line"), "{block}");
    // The first place ends at "wellbeing"; the second, inside it, runs on past "people".
    let underline = block
        .lines()
        .find(|l| l.contains('·') && l.contains('─'))
        .unwrap();
    let start = line.find("main purpose").unwrap();
    let past = line.find("people").unwrap() + "people".len();
    assert!(underline.matches('─').count() >= past - start, "{block}");
}

/// The orphan-section hint names the frameworks the run audited, not the Scottish ones.
#[test]
fn orphan_help_names_the_frameworks_audited() {
    let plan = plan_path("english-strategy");
    let report = human(&[&plan, "--framework", "national-voices"]);
    assert!(
        report.contains("help: say which item of National Voices principles for integrated care"),
        "{report}"
    );
    assert!(!report.contains("outcome or principle"), "{report}");
}

/// The commands a report suggests run as printed, each on one line: with the run's own rule
/// file (named like an option here, and in a folder long enough to put the command on a line
/// of its own), `explain` and `rules show` know its items; they said "unknown item" without
/// `--rules`, and a command broken over two lines ran as two.
#[test]
fn suggested_commands_run_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("a folder of local rule sets for the partnership");
    std::fs::create_dir(&deep).unwrap();
    let rules = deep.join("-local.yaml");
    std::fs::copy("fixtures/rules/local-priorities.yaml", &rules).unwrap();
    let rules = format!("--rules={}", rules.display());
    let plan = plan_path("complete-plan");
    // A Markdown plan named as a PDF, read as what it is.
    let named_pdf = dir.path().join("plan.pdf");
    std::fs::copy(&plan, &named_pdf).unwrap();
    let plan = named_pdf.to_str().unwrap();
    let report = human(&[
        plan,
        &rules,
        "-f",
        "outcomes",
        "--max-file-size",
        "40M",
        "--input-format",
        "markdown",
    ]);
    let commands: Vec<&str> = report
        .lines()
        .filter_map(|line| match line.split_once("`planaudit ") {
            Some((_, rest)) => rest.split_once('`').map(|(command, _)| command),
            None => line.strip_prefix("  planaudit "),
        })
        .collect();
    assert_eq!(commands.len(), 2, "{report}");
    assert!(
        report.contains("Evidence section by section:\n  planaudit explain"),
        "{report}"
    );
    for command in commands {
        assert!(command.contains("/-local.yaml'"), "{command}");
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$PLANAUDIT\" {command}"))
            .env("PLANAUDIT", env!("CARGO_BIN_EXE_planaudit"))
            .output()
            .unwrap();
        assert_eq!(code(&output), 0, "{command}: {}", stderr(&output));
    }
}

/// A run over many plans suggests the commands that show more once, not after every plan.
#[test]
fn a_batch_suggests_the_commands_once() {
    let report = human(&[&plan_path("gaps-plan"), &plan_path("blind-plan")]);
    assert_eq!(
        report.matches("Evidence section by section").count(),
        1,
        "{report}"
    );
    assert_eq!(report.matches("Wording and questions").count(), 1);
}

/// Each section's unsupported claims are one block in the human report, and its closing
/// count, which counts findings as JSON and SARIF do, says so.
#[test]
fn the_closing_count_says_how_claims_were_grouped() {
    let plan = plan_path("blind-plan-city");
    let report = human(&[&plan]);
    let blocks = report.matches("[unsupported-claim]").count();
    let json = planaudit(&["check", &plan, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let claims = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unsupported-claim")
        .count();
    assert!(blocks > 1 && claims > blocks, "{blocks} {claims}");
    let said = format!("({claims} unsupported claims in {blocks} blocks, a section each)");
    assert!(
        report.replace("\n  ", " ").contains(&said),
        "{said}\n{report}"
    );
    // One section claiming two items it does not serve: one block.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let text = std::fs::read_to_string("fixtures/claims/over-claiming.md").unwrap();
    std::fs::write(&plan, text.replace("| 6, 7 |", "| 6, 7, 8 |")).unwrap();
    let report = human(&[plan.to_str().unwrap()]);
    assert!(
        report.contains("(2 unsupported claims in 1 block, a section each)"),
        "{report}"
    );
}

/// A plan whose name the report shows escaped is named PLAN in the suggested command, as a
/// piped plan is: the escaped name would name another file.
#[test]
fn a_name_shown_escaped_is_not_suggested_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("ctl\u{1}x.md");
    std::fs::copy(plan_path("gaps-plan"), &plan).unwrap();
    let report = human(&[plan.to_str().unwrap()]);
    assert!(report.contains("`planaudit explain PLAN O5`"), "{report}");
}
