//! The command line contract: exit codes, outputs and error messages.

mod common;

use common::{code, plan_path, planaudit, planaudit_in, stderr, stdout};

#[test]
fn exit_code_follows_the_fail_on_threshold() {
    let complete = plan_path("complete-plan");
    let gaps = plan_path("gaps-plan");
    assert_eq!(code(&planaudit(&["check", &complete])), 0, "notes only");
    assert_eq!(
        code(&planaudit(&["check", &gaps])),
        1,
        "missing items are errors"
    );
    assert_eq!(code(&planaudit(&["check", &gaps, "--fail-on", "never"])), 0);
    assert_eq!(
        code(&planaudit(&["check", &complete, "--fail-on", "warning"])),
        0,
        "the complete plan has no warnings"
    );
    let principles = [
        "check",
        &gaps,
        "--framework",
        "principles",
        "--fail-on",
        "warning",
    ];
    assert_eq!(code(&planaudit(&principles)), 1, "P8 and P11 are weak");
}

#[test]
fn framework_selection_limits_the_report() {
    let output = planaudit(&["check", &plan_path("gaps-plan"), "--framework", "outcomes"]);
    let text = stdout(&output);
    assert!(
        text.contains("National Health and Wellbeing Outcomes — 5/9 covered"),
        "{text}"
    );
    assert!(!text.contains("Integration Planning and Delivery Principles"));
    assert!(!text.contains("P5 ("));
}

#[test]
fn output_file_gets_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let out_arg = out.to_str().unwrap();
    let plan = plan_path("gaps-plan");
    let output = planaudit(&["check", &plan, "--format", "json", "--output", out_arg]);
    assert_eq!(code(&output), 1);
    assert_eq!(stdout(&output), "");
    let written = std::fs::read_to_string(&out).unwrap();
    let direct = stdout(&planaudit(&["check", &plan, "--format", "json"]));
    assert_eq!(written, direct);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn output_over_a_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    std::fs::write(&plan, "# Plan\n\nUnpaid carers get short breaks.\n").unwrap();
    let output = planaudit_in(dir.path(), &["check", "plan.md", "--output", "./plan.md"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--output ./plan.md is the plan plan.md"));
    let kept = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(kept, "# Plan\n\nUnpaid carers get short breaks.\n");
}

#[test]
fn bad_rule_file_is_a_located_error() {
    let plan = plan_path("gaps-plan");
    let output = planaudit(&["check", &plan, "--rules", "fixtures/rules/bad-pattern.yaml"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("fixtures/rules/bad-pattern.yaml:15:12: invalid pattern in item `B1`"),
        "{err}"
    );
    assert!(err.contains("unclosed group"), "{err}");
    assert_eq!(stdout(&output), "", "no report on a rule error");
}

#[test]
fn user_rule_sets_are_audited_alongside_the_built_ins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.md"),
        "# Plan\n\n## Digital\n\nDigital inclusion matters: digital champions in every library, \
         and Near Me video appointments for those who want them.\n",
    )
    .unwrap();
    let rules = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/rules/local-priorities.yaml"
    );
    let args = ["check", "plan.md", "--rules", rules, "--format", "json"];
    let output = planaudit_in(dir.path(), &args);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ids: Vec<&str> = report["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["outcomes", "principles", "local"]);
    let local = report["files"][0]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "L1")
        .unwrap();
    assert_eq!(local["status"], "covered");
}

#[test]
fn input_errors_name_the_file() {
    let missing = planaudit(&["check", "no-such-plan.md"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read no-such-plan.md"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cp1252.md"), b"# Plan\n\nCosts \xA3400.\n").unwrap();
    let encoding = planaudit_in(dir.path(), &["check", "cp1252.md"]);
    assert_eq!(code(&encoding), 2);
    assert!(stderr(&encoding).contains("cp1252.md:3:7: the plan is not valid UTF-8"));

    let unknown = planaudit(&["check", &plan_path("gaps-plan"), "--framework", "nope"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown framework `nope`"));
    assert!(stderr(&unknown).contains("outcomes, principles"));
}

/// A framework list as people type it: spaces after the commas, a comma left at the end.
#[test]
fn framework_lists_forgive_spaces_and_a_trailing_comma() {
    let plan = plan_path("gaps-plan");
    let json = |list: &str| -> Vec<String> {
        let args = [
            "check",
            plan.as_str(),
            "-f",
            list,
            "--format",
            "json",
            "--fail-on",
            "never",
        ];
        let output = planaudit(&args);
        assert_eq!(code(&output), 0, "{list}: {}", stderr(&output));
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let coverage = report["files"][0]["coverage"].as_array().unwrap().clone();
        let mut frameworks: Vec<String> = coverage
            .iter()
            .map(|c| c["framework"].as_str().unwrap().to_owned())
            .collect();
        frameworks.dedup();
        frameworks
    };
    assert_eq!(json("outcomes, principles"), ["outcomes", "principles"]);
    assert_eq!(json("outcomes,"), ["outcomes"]);
    let none = planaudit(&["check", plan.as_str(), "-f", ","]);
    assert_eq!(code(&none), 2);
    assert!(stderr(&none).contains("--framework names no framework"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(code(&planaudit(&["check"])), 2);
    assert_eq!(code(&planaudit(&["check", "x.md", "--format", "xml"])), 2);
    // A negative count is a bad count, not an argument to pass after `--`.
    let negative = planaudit(&["check", "x.md", "--threads", "-1"]);
    assert_eq!(code(&negative), 2);
    assert!(
        stderr(&negative).contains("invalid value '-1' for '--threads <N>'"),
        "{}",
        stderr(&negative)
    );
    let help = planaudit(&["check", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("--fail-on"));
}

#[test]
fn a_report_option_the_format_ignores_is_refused() {
    let plan = plan_path("gaps-plan");
    let cases: [(&[&str], &str); 4] = [
        (&["--pretty"], "--pretty has no effect on the human report"),
        (
            &["--summary", "--format", "json"],
            "--summary has no effect on the json report",
        ),
        (
            &["--verbose", "--format", "markdown"],
            "--verbose has no effect on the markdown",
        ),
        (
            &["--all-evidence", "--format", "github"],
            "--all-evidence has no effect on the github",
        ),
    ];
    for (options, message) in cases {
        let output = planaudit(&[&["check", plan.as_str(), "--no-config"], options].concat());
        assert_eq!(code(&output), 2, "{options:?}");
        assert!(
            stderr(&output).contains(message),
            "{options:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty());
    }
    // Each is taken where it has an effect.
    for options in [
        &["--pretty", "--all-evidence", "--format", "json"][..],
        &["--summary"],
    ] {
        let output = planaudit(&[&["check", plan.as_str(), "--no-config"], options].concat());
        assert_eq!(code(&output), 1, "{options:?}: {}", stderr(&output));
    }
    // With --quiet no report is printed for them to shape, unless --output writes one.
    let quiet = planaudit(&[
        "check",
        plan.as_str(),
        "--no-config",
        "--quiet",
        "--verbose",
    ]);
    assert_eq!(code(&quiet), 2);
    assert!(
        stderr(&quiet).contains("--verbose has no effect with --quiet"),
        "{}",
        stderr(&quiet)
    );
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let written = planaudit(&[
        "check",
        plan.as_str(),
        "--no-config",
        "--quiet",
        "--verbose",
        "--output",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&written), 1, "{}", stderr(&written));
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("Questions the plan should answer")
    );
    // A format the config chose is named as the config's.
    std::fs::write(dir.path().join("planaudit.yaml"), "format: sarif\n").unwrap();
    std::fs::copy(&plan, dir.path().join("plan.md")).unwrap();
    let output = planaudit_in(dir.path(), &["check", "plan.md", "--summary"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no effect on the sarif report, the format planaudit.yaml sets"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rules_list_names_every_item() {
    let output = planaudit(&["rules", "list"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    for id in (1..=9)
        .map(|n| format!("O{n}"))
        .chain((0..=12).map(|n| format!("P{n}")))
    {
        assert!(
            text.contains(&format!("\n  {id} ")),
            "{id} missing from\n{text}"
        );
    }
}

/// An empty `--extension` would look for files "ending in" nothing: refused as a usage error.
#[test]
fn an_empty_extension_is_a_usage_error() {
    let output = planaudit(&["check", "fixtures/plans", "--extension", ""]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--extension"),
        "{}",
        stderr(&output)
    );
}

/// Counts read as English: a set of one item, an item addressed at one point.
#[test]
fn rules_list_and_show_count_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("one.yaml");
    let text = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let text = text.replacen("    statement:", "    threshold: 1\n    statement:", 1);
    std::fs::write(&rules, text).unwrap();
    let rules = rules.to_str().unwrap();
    let list = stdout(&planaudit(&["rules", "list", "--rules", rules]));
    assert!(list.contains("local priorities (1 item)\n"), "{list}");
    let show = planaudit(&["rules", "show", "L1", "--rules", rules]);
    assert!(
        stdout(&show).contains("addressed at: 1 point\n"),
        "{}",
        stderr(&show)
    );
}

#[test]
fn rules_show_prints_statement_questions_and_signals() {
    let output = planaudit(&["rules", "show", "o6"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(text.starts_with("O6 — "), "{text}");
    assert!(text.contains("People who provide unpaid care are supported to look after"));
    assert!(text.contains("Challenge questions\n  • "));
    assert!(text.contains("phrases ("));
    let unknown = planaudit(&["rules", "show", "O99"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("unknown item `O99`"));
}

#[test]
fn colour_only_when_asked() {
    let plan = plan_path("gaps-plan");
    let plain = stdout(&planaudit(&["check", &plan]));
    assert!(!plain.contains('\u{1b}'), "NO_COLOR and a pipe: no escapes");
    let coloured = stdout(&planaudit(&["check", &plan, "--color", "always"]));
    assert!(coloured.contains("\u{1b}["));
    // Errors obey the option too: a CI runner that gives the process a terminal logs what it
    // prints as it is.
    let missing = planaudit(&["check", "no-such-plan.md", "--color", "always"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("\u{1b}["), "{}", stderr(&missing));
    let missing = planaudit(&["check", "no-such-plan.md"]);
    assert!(!stderr(&missing).contains('\u{1b}'), "{}", stderr(&missing));
}

#[test]
fn explain_shows_hits_and_near_misses() {
    let output = planaudit(&["explain", &plan_path("gaps-plan"), "--item", "O5"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(text.contains("fixtures/plans/gaps-plan.md: weak"), "{text}");
    assert!(
        text.contains("§ Strathbeck North (line 33): mentioned, 1 point — a near miss, 2 short")
    );
    assert!(
        text.contains("35:276   phrase    \"health inequalities\""),
        "{text}"
    );
    let missing = stdout(&planaudit(&[
        "explain",
        &plan_path("gaps-plan"),
        "--item",
        "O6",
    ]));
    assert!(
        missing.contains("No section has any of its signals"),
        "{missing}"
    );
}

/// A structural item's explanation names the sections its check found, the ones `check` lists
/// as covering it, though a section's own words may score differently.
#[test]
fn explain_names_the_sections_a_structure_check_found() {
    let plan = plan_path("gaps-plan");
    let explained = stdout(&planaudit(&["explain", "-f", "statutory", &plan, "S3"]));
    assert!(
        explained.contains(
            "structure: 2 localities, each with a section of its own: Strathbeck North \
             (line 33); Beckmouth and the Glens (line 37)"
        ),
        "{explained}"
    );
    let checked = stdout(&planaudit(&[
        "check",
        "-f",
        "statutory",
        &plan,
        "--verbose",
    ]));
    assert!(checked.contains("Strathbeck North (line 33);"), "{checked}");
    // Its note is told from the "↳" that shows a covered* row's first commitment.
    assert!(
        checked.contains("↳ structure: 2 localities, each with a section of its own\n"),
        "{checked}"
    );
}

/// Items can follow the plan, several at once, in the rule sets' order whatever order they are
/// given in, and `--item` says the same; the check report's closing hint is a command that
/// runs as printed.
#[test]
fn explain_takes_items_after_the_plan_as_the_report_suggests() {
    let plan = plan_path("gaps-plan");
    let both = stdout(&planaudit(&["explain", &plan, "o6", "O5", "O6"]));
    let starts: Vec<&str> = both
        .lines()
        .filter(|l| l.contains("; addressed where"))
        .collect();
    assert_eq!(starts.len(), 2, "{both}");
    assert!(
        starts[0].starts_with("O5 — Reducing health inequalities"),
        "{both}"
    );
    assert!(
        starts[1].starts_with("O6 — Supporting unpaid carers"),
        "{both}"
    );
    let one = stdout(&planaudit(&["explain", &plan, "O5"]));
    assert_eq!(one, stdout(&planaudit(&["explain", &plan, "--item", "O5"])));
    let none = planaudit(&["explain", &plan]);
    assert_eq!(code(&none), 2);
    assert!(
        stderr(&none).contains("at least one item id") && stderr(&none).contains("--item"),
        "{}",
        stderr(&none)
    );
    assert!(both.starts_with(&one), "{both}");

    let report = stdout(&planaudit(&["check", &plan]));
    let hint = report
        .lines()
        .find_map(|l| l.strip_prefix("Evidence section by section: `"))
        .unwrap_or_else(|| panic!("{report}"));
    let words: Vec<&str> = hint.trim_end_matches('`').split(' ').collect();
    assert_eq!(words[..2], ["planaudit", "explain"]);
    let output = planaudit(&words[1..]);
    assert_eq!(
        code(&output),
        0,
        "{hint}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The first item found with evidence to show: O6, reported first, has none.
    assert!(stdout(&output).starts_with("O5 — "), "{hint}");

    let missing = planaudit(&["explain", &plan]);
    assert_eq!(code(&missing), 2);

    // Read from standard input, the plan has no path to give `explain`.
    let piped = common::planaudit_stdin(&["check", "-"], &std::fs::read(&plan).unwrap());
    assert!(
        stdout(&piped).contains("`planaudit explain PLAN O5`"),
        "{}",
        stdout(&piped)
    );
    // Named after a file on disk, it is still not that file: the file may hold other text.
    let named = common::planaudit_stdin(
        &["check", "-", "--stdin-filename", &plan],
        &std::fs::read(&plan).unwrap(),
    );
    assert!(
        stdout(&named).contains("`planaudit explain PLAN O5`"),
        "{}",
        stdout(&named)
    );
}

/// An item no section names points to `rules show`, with the rule options that made the item
/// known: without them the command says the item is unknown.
#[test]
fn explain_of_an_unlinked_local_item_suggests_rules_show_as_it_runs() {
    let rules = "fixtures/rules/local-priorities.yaml";
    let args = ["explain", "--no-config", "--rules", rules];
    let text = stdout(&planaudit(
        &[&args[..], &[&plan_path("word-export"), "L1"]].concat(),
    ));
    let command = text
        .split('`')
        .find(|part| part.starts_with("planaudit rules show"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        command,
        format!("planaudit rules show --rules {rules} --no-config L1")
    );
    let words: Vec<&str> = command.split(' ').collect();
    let shown = planaudit(&words[1..]);
    assert_eq!(
        code(&shown),
        0,
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(stdout(&shown).contains("Digital inclusion"));
}

/// A passing mention's factor depends on where it is said: a line of a list counts half, a
/// paragraph two thirds; explain says which.
#[test]
fn explain_names_the_passing_factor_and_why() {
    let text = stdout(&planaudit(&[
        "explain",
        &plan_path("web-pages"),
        "--item",
        "O2",
    ]));
    assert!(
        text.contains("§ Strategic Plan 2025–2028 (line 50): mentioned, 0.375 points — a near miss, 2.625 short (a passing mention: 1 of the section's 9 blocks name it, under 20%: ×0.5)"),
        "{text}"
    );
    assert!(
        text.contains("(a passing mention: 1 of the section's 8 blocks name it, under 20%, one a paragraph: ×0.67)"),
        "{text}"
    );
}

/// A heading hit over a body that never names the item says so, and a quote, which scores
/// nothing, gets no passing-mention note at all.
#[test]
fn explain_says_when_only_the_heading_names_it() {
    let plan = plan_path("blind-plan-islands");
    let text = stdout(&planaudit(&["explain", &plan, "--item", "O2"]));
    let quoted = text
        .lines()
        .find(|l| l.starts_with("§ The National Health and Wellbeing Outcomes"))
        .unwrap();
    assert!(
        quoted.ends_with("a restatement of the framework, not coverage"),
        "{quoted}"
    );
    let text = stdout(&planaudit(&["explain", &plan, "--item", "P10"]));
    assert!(
        text.contains("(a passing mention: the section's body, 9 blocks, never names it: ×0.5)"),
        "{text}"
    );
    assert!(!text.contains(" 0 of the section's"), "{text}");
    // A heading over background is named with it: the heading's points are most of the score.
    let text = stdout(&planaudit(&["explain", &plan, "--item", "P3"]));
    assert!(
        text.contains(
            "(line 471): mentioned, 3.6875 points — only its heading and background (names,"
        ),
        "{text}"
    );
}

#[test]
fn explain_shows_declarations_and_patterns_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Wellbeing plan\n\n## Healthy lives\n\nWe will help people stay active and \
                make healthier choices.\n\n## Community hubs\n\n<!-- planaudit: addresses O1 -->\n\
                Hubs open in each town in 2026.\n";
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let output = planaudit_in(dir.path(), &["explain", "plan.md", "--item", "O1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains(r"\\"), "no doubled backslashes: {text}");
    insta::assert_snapshot!("explain-declared-and-pattern-O1", text);
}

/// A short section's subject is weighed across the frameworks audited, so a principle can be a
/// passing mention beside an outcome the section is about, and the subject when audited alone.
/// `explain` gives the verdict of the `check` run with the same frameworks.
#[test]
fn explain_agrees_with_check_run_with_the_same_frameworks() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n## Keeping people safe\n\nWe will work with the Adult Protection \
                Committee to improve the timeliness of adult support and protection inquiries, \
                completing nine in ten within ten working days by 2026. We will roll out falls \
                prevention in every care home.\n";
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let status = |args: &[&str]| {
        let output = planaudit_in(dir.path(), args);
        assert_ne!(code(&output), 2, "{}", stderr(&output));
        stdout(&output)
    };
    let p8 = |report: String| {
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        let coverage = report["files"][0]["coverage"].as_array().unwrap().clone();
        let p8 = coverage.iter().find(|c| c["item"] == "P8").unwrap();
        p8["status"].as_str().unwrap().to_owned()
    };
    for frameworks in [&[][..], &["-f", "principles"][..]] {
        let mut check = vec!["check", "plan.md", "--format", "json"];
        check.extend(frameworks);
        let mut explain = vec!["explain", "plan.md", "--item", "P8"];
        explain.extend(frameworks);
        let checked = p8(status(&check));
        let explained = status(&explain);
        assert!(
            explained.contains(&format!("plan.md: {checked}\n")),
            "{frameworks:?}: check says {checked}; explain says {explained}"
        );
    }
}

#[test]
fn rules_check_and_test_prove_rule_files() {
    let good = planaudit(&["rules", "check", "fixtures/rules/local-priorities.yaml"]);
    assert_eq!(code(&good), 0);
    assert!(stdout(&good).contains("ok (Glenmorrow local priorities `local`, 1 item)"));
    // A file without examples tests nothing, and says so rather than pass quietly.
    let untested = planaudit(&["rules", "test", "fixtures/rules/local-priorities.yaml"]);
    assert_eq!(code(&untested), 0);
    assert!(
        stdout(&untested).contains("no item has examples, so nothing was tested"),
        "{}",
        stdout(&untested)
    );
    let bad = planaudit(&["rules", "check", "fixtures/rules/bad-pattern.yaml"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("bad-pattern.yaml:15:12"));
    // Its second pattern is bad: the builder's "pattern 0" (each is built alone) is not shown.
    assert!(stderr(&bad).contains("unclosed group"), "{}", stderr(&bad));
    assert!(!stderr(&bad).contains("pattern 0"), "{}", stderr(&bad));
    // Every file is checked, before and after a bad one.
    let local = "fixtures/rules/local-priorities.yaml";
    let bad_pattern = "fixtures/rules/bad-pattern.yaml";
    let all = planaudit(&["rules", "check", local, bad_pattern, local, bad_pattern]);
    assert_eq!(code(&all), 2);
    assert_eq!(
        stdout(&all).matches(": ok (").count(),
        2,
        "{}",
        stdout(&all)
    );
    let errors = stderr(&all).matches("invalid pattern in item `B1`").count();
    assert_eq!(errors, 2, "{}", stderr(&all));

    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.yaml");
    let text = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let with_examples = format!(
        "{text}    examples:\n      links: [\"Digital inclusion work: digital champions and Near Me for all.\"]\n      does_not_link: [\"We will build a new health centre.\", \"Near Me video calls are popular.\"]\n"
    );
    std::fs::write(&rules, with_examples).unwrap();
    let output = planaudit(&["rules", "test", rules.to_str().unwrap()]);
    let report = stdout(&output);
    assert_eq!(code(&output), 1, "{report}");
    // Named by file and the example's line, where the fix goes.
    let line = std::fs::read_to_string(&rules)
        .unwrap()
        .lines()
        .position(|l| l.contains("Near Me video calls are popular."))
        .unwrap()
        + 1;
    let fail = format!(
        "FAIL {}:{line}: local: should not link to L1",
        rules.display()
    );
    assert!(report.contains(&fail), "{fail}\n{report}");
    assert!(
        report.contains("\"Near Me video calls are popular.\"\n     fired: Near Me"),
        "{report}"
    );
    assert!(
        report.ends_with("examples: 2 passed, 1 failed\n"),
        "{report}"
    );
}

/// A passage written as an example of two items is reported at the line of the one that
/// failed, not the first place the text occurs.
#[test]
fn rules_test_names_the_line_of_the_example_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.yaml");
    let passage = "We will expand befriending and lunch clubs to reduce loneliness.";
    let item = |id: &str, phrase: &str, examples: &str| {
        format!(
            "  - id: {id}\n    title: T{id}\n    statement: S.\n    summary: S.\n    questions: [Q?]\n    \
             signals:\n      phrases: [{phrase}]\n    examples:\n{examples}"
        )
    };
    let text = format!(
        "schema_version: 1\nid: kb\nname: K\nsource: test\nitems:\n{}{}",
        item(
            "L3",
            "befriending",
            &format!("      links:\n        - {passage}\n")
        ),
        item(
            "L4",
            "stairlift",
            &format!("      links:\n        - {passage}\n")
        ),
    );
    std::fs::write(&rules, &text).unwrap();
    let output = planaudit(&["rules", "test", rules.to_str().unwrap()]);
    let report = stdout(&output);
    assert_eq!(code(&output), 1, "{report}");
    let lines: Vec<&str> = text.lines().collect();
    let line = lines.iter().rposition(|l| l.contains(passage)).unwrap() + 1;
    let fail = format!("FAIL {}:{line}: kb: should address L4", rules.display());
    assert!(report.contains(&fail), "{fail}\n{report}");
}

/// fixtures/labels/labels.yaml labels four sections of the gaps plan by hand: O7 (one passing
/// mention) is the one miss; P12 in the financial section is found from its financial
/// sustainability as well as "best value".
#[test]
fn eval_scores_predictions_against_labels() {
    let output = planaudit(&[
        "eval",
        "--labels",
        "fixtures/labels/labels.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["sections"], 3, "the stripped section is not scored");
    let counts = |i: usize| &report["frameworks"][i]["counts"];
    assert_eq!(report["frameworks"][0]["id"], "outcomes");
    assert_eq!(
        (
            counts(0)["tp"].as_u64(),
            counts(0)["fp"].as_u64(),
            counts(0)["fn"].as_u64()
        ),
        (Some(2), Some(0), Some(1))
    );
    assert_eq!(
        (
            counts(1)["tp"].as_u64(),
            counts(1)["fp"].as_u64(),
            counts(1)["fn"].as_u64()
        ),
        (Some(2), Some(0), Some(0))
    );
    let misses: Vec<(&str, &str)> = report["misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["item"].as_str().unwrap(), m["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(misses, [("O7", "false_negative")]);

    let human = stdout(&planaudit(&[
        "eval",
        "--labels",
        "fixtures/labels/labels.yaml",
        "--neutral-headings",
    ]));
    assert!(
        human.starts_with(
            "1 document, 3 labelled sections (1 more stripped, not scored); scored: planaudit's \
             links, headings neutralised"
        ),
        "{human}"
    );
    // Each framework's figures stand under its header, however long the framework's id.
    let header = human
        .lines()
        .find(|l| l.trim_start().starts_with("document "))
        .unwrap();
    let row = human.lines().find(|l| l.contains("gaps-plan.md")).unwrap();
    let column = header.find("principles P / R / F1").unwrap();
    assert_eq!(&row[column..], "1.00 / 1.00 / 1.00", "{human}");
}

#[test]
fn eval_names_a_label_that_matches_no_heading() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.md"), "## Real heading\n\nText.\n").unwrap();
    let labels = "schema_version: 1\ndocuments:\n- file: plan.md\n  sections:\n  - heading: Imagined heading\n    expected: [O1]\n";
    std::fs::write(dir.path().join("labels.yaml"), labels).unwrap();
    let output = planaudit_in(dir.path(), &["eval", "--labels", "labels.yaml"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("labels.yaml:5:14: plan.md has no section headed \"Imagined heading\""),
        "{err}"
    );
}

/// docs/rules.md is generated; SARIF help links point into it. Regenerate with
/// `cargo run -- rules docs > docs/rules.md`.
#[test]
fn rule_reference_is_up_to_date() {
    let output = planaudit(&["rules", "docs"]);
    assert_eq!(code(&output), 0);
    let committed = std::fs::read_to_string("docs/rules.md").unwrap();
    assert!(
        stdout(&output) == committed,
        "docs/rules.md is stale: regenerate it with `cargo run -- rules docs > docs/rules.md`"
    );
    for anchor in [
        "\n### O6\n",
        "\n### P11\n",
        "\n### NV8\n",
        "\n### S3\n",
        "\n### orphan-section\n",
    ] {
        assert!(committed.contains(anchor), "{anchor}");
    }
}

/// Every example of every built-in item: what must link does, what must not does not.
#[test]
fn builtin_rule_examples_all_pass() {
    let output = planaudit(&["rules", "test"]);
    let report = stdout(&output);
    assert_eq!(code(&output), 0, "{report}");
    let totals = report.lines().last().unwrap();
    let passed: usize = totals
        .trim_start_matches("examples: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        passed >= 6 * 46,
        "at least 3 + 3 examples for each of 46 items: {totals}"
    );
    assert!(totals.ends_with(", 0 failed"), "{totals}");
}

/// Two of the user's files with one framework id, or one item id in two frameworks (in any
/// case), are refused naming both files: one would silently hide the other, or findings could
/// not say which item they mean. `rules check` of the files together says so too.
/// The 1-based line of `text` that holds `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn rule_files_that_clash_are_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let local = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let first = write("first.yaml", local.clone());
    let again = write(
        "again.yaml",
        local.replace("name: Glenmorrow", "name: Other"),
    );
    let other = write("other.yaml", local.replace("id: local", "id: other"));
    let lower = write(
        "lower.yaml",
        local
            .replace("id: local", "id: lower")
            .replace("id: L1", "id: l1"),
    );
    let plan = "fixtures/plans/gaps-plan.md";

    let same_set = planaudit(&["check", plan, "--rules", &first, "--rules", &again]);
    assert_eq!(code(&same_set), 2);
    let message = stderr(&same_set);
    assert!(
        message.contains("framework `local` is defined by both")
            && message.contains("first.yaml and")
            && message.contains("again.yaml"),
        "{message}"
    );

    for clash in [&other, &lower] {
        let output = planaudit(&["check", plan, "--rules", &first, "--rules", clash]);
        assert_eq!(code(&output), 2);
        let message = stderr(&output);
        assert!(
            message.contains("is also an item of `local` ("),
            "{message}"
        );
        assert!(message.contains("first.yaml)"), "{message}");
        let together = planaudit(&["rules", "check", &first, clash]);
        assert_eq!(code(&together), 2, "{}", stderr(&together));
        assert!(stderr(&together).contains("is also an item of `local`"));
        // Each file was said to be ok alone: the error says it is the two together.
        assert!(
            stderr(&together).contains("the rule files are each ok alone, but not together"),
            "{}",
            stderr(&together)
        );
    }

    // An id a built-in set has is refused at its line, by `rules check` too, unless the file
    // replaces that set: `explain`, `rules show` and waivers read every built-in's ids.
    let builtin = write("builtin.yaml", local.replace("id: L1", "id: S3"));
    let line = line_of(&std::fs::read_to_string(&builtin).unwrap(), "id: S3");
    for args in [
        vec!["rules", "check", &builtin],
        vec!["check", plan, "--rules", &builtin, "-f", "local"],
        vec!["explain", plan, "L2", "--rules", &builtin],
    ] {
        let output = planaudit(&args);
        assert_eq!(code(&output), 2, "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains("item `S3` is also an item of `statutory` (built in)"),
            "{message}"
        );
        assert!(
            message.contains(&format!("builtin.yaml:{line}:")),
            "{message}"
        );
    }
    let tested = planaudit(&["rules", "test", &builtin]);
    assert_eq!(code(&tested), 2, "rules test reads a file as a run does");
    // One file named twice is one file, for rules check and rules test as for check.
    for command in ["check", "test"] {
        let twice = planaudit(&["rules", command, &first, &first]);
        assert_eq!(code(&twice), 0, "rules {command}: {}", stderr(&twice));
    }

    let cased = write(
        "cased.yaml",
        format!(
            "{local}  - id: l1\n    title: Again\n    statement: S.\n    summary: S.\n    questions: [Q?]\n    signals: {{phrases: [again]}}\n"
        ),
    );
    let output = planaudit(&["rules", "check", &cased]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("item id `l1` is `L1` in another case"),
        "{}",
        stderr(&output)
    );

    // An item id that is a finding code: `ignore` and waivers name both kinds.
    let coded = write("coded.yaml", local.replace("id: L1", "id: Orphan-Section"));
    // A config's rule file is checked as the command line's are.
    let config = write("planaudit.yaml", format!("rules: [{coded}]\n"));
    for args in [
        vec!["rules", "check", &coded],
        vec!["check", plan, "--rules", &coded],
        vec!["check", plan, "--config", &config],
    ] {
        let output = planaudit(&args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(
            stderr(&output).contains("item id `Orphan-Section` is also a finding code"),
            "{}",
            stderr(&output)
        );
    }
}

/// A rule file's prose reaches every report as written, so a control character in it is
/// refused at its key; a blank phrase is pointed at where it is written, not at the item.
#[test]
fn rule_file_prose_has_no_control_characters_and_blanks_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let local = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let check = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let output = planaudit(&["rules", "check", path.to_str().unwrap()]);
        assert_eq!(code(&output), 2, "{name}");
        stderr(&output)
    };
    let red = check(
        "red.yaml",
        local.replace(
            "title: Digital inclusion",
            "title: \"Digital \\e[31m inclusion\"",
        ),
    );
    assert!(
        red.contains(
            "red.yaml:8:5: item `L1` has a control or text-direction character in `title`"
        ),
        "{red}"
    );
    assert!(!red.contains('\u{1b}'), "{red}");
    // A right-to-left override reorders what a terminal shows after it, as a line separator
    // may break the line: neither reaches a report.
    // A line break or tab in a title would split or stretch the one line that prints it.
    for (name, character) in [
        ("rtl.yaml", "\\u202e"),
        ("separator.yaml", "\\u2028"),
        ("newline.yaml", "\\n"),
        ("tab.yaml", "\\t"),
    ] {
        let error = check(
            name,
            local.replace(
                "title: Digital inclusion",
                &format!("title: \"Digital {character} inclusion\""),
            ),
        );
        assert!(
            error.contains("has a control or text-direction character in `title`"),
            "{error}"
        );
        assert!(!error.contains(['\u{202e}', '\u{2028}']), "{error}");
    }
    let named = check(
        "named.yaml",
        local.replace(
            "name: Glenmorrow local priorities",
            "name: \"\\e]0;x\\a Glenmorrow\"",
        ),
    );
    assert!(
        named.contains("named.yaml:4:1: the rule set's `name`"),
        "{named}"
    );
    let blank = check(
        "blank.yaml",
        local.replace(
            "phrases: [digital inclusion,",
            "phrases: [\"  \", digital inclusion,",
        ),
    );
    assert!(
        blank.contains("blank.yaml:17:17: item `L1` has an empty phrase or reference"),
        "{blank}"
    );
}

/// `explain -` reads the plan from standard input as `check -` does, and a second plan where
/// an item belongs is named as a file, not as an unknown item.
#[test]
fn explain_reads_standard_input_and_names_a_second_plan() {
    let plan = std::fs::read("fixtures/plans/gaps-plan.md").unwrap();
    let piped = common::planaudit_stdin(&["explain", "-", "O6"], &plan);
    assert_eq!(code(&piped), 0, "{}", stderr(&piped));
    let from_file = planaudit(&["explain", "fixtures/plans/gaps-plan.md", "O6"]);
    let body = |text: &str| text.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&stdout(&piped)), body(&stdout(&from_file)));
    assert!(stdout(&piped).contains("<stdin>: "), "{}", stdout(&piped));

    let two = planaudit(&[
        "explain",
        "fixtures/plans/gaps-plan.md",
        "fixtures/plans/gaps-plan.md",
        "O6",
    ]);
    assert_eq!(code(&two), 2);
    assert!(
        stderr(&two).contains("is a file, not an item id: explain reads one plan"),
        "{}",
        stderr(&two)
    );
    // The item first and the plan after it: the order is what is wrong.
    let swapped = planaudit(&["explain", "O6", "fixtures/plans/gaps-plan.md"]);
    assert_eq!(code(&swapped), 2);
    assert!(
        stderr(&swapped).contains("explain takes the plan first"),
        "{}",
        stderr(&swapped)
    );
}

/// README (Limits): a phrase's letters outside ASCII match in either case but keep their
/// accents.
#[test]
fn phrases_fold_case_but_keep_accents() {
    let dir = tempfile::tempdir().unwrap();
    let local = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let rules = local.replace(
        "phrases: [digital inclusion,",
        "phrases: [ÉCOLE, Gàidhlig, digital inclusion,",
    );
    std::fs::write(dir.path().join("r.yaml"), rules).unwrap();
    std::fs::write(
        dir.path().join("plan.md"),
        "# Plan\n\n## Schools\n\nThe école and the ecole. GÀIDHLIG and Gaidhlig.\n",
    )
    .unwrap();
    let args = [
        "explain",
        "plan.md",
        "L1",
        "--no-config",
        "--rules",
        "r.yaml",
    ];
    let text = stdout(&common::planaudit_in(dir.path(), &args));
    assert!(
        text.contains("\"ÉCOLE\" (weight 1) matched \"école\""),
        "{text}"
    );
    assert!(
        text.contains("\"Gàidhlig\" (weight 1) matched \"GÀIDHLIG\""),
        "{text}"
    );
    assert!(!text.contains("matched \"ecole\"") && !text.contains("matched \"Gaidhlig\""));
}

/// A missing file is said the same way by every command: the system's words, without their
/// "(os error 2)".
#[test]
fn a_missing_file_reads_alike_in_every_command() {
    let plan = plan_path("gaps-plan");
    let runs: [&[&str]; 5] = [
        &["check", "missing.md"],
        &["explain", "missing.md", "O6"],
        &["diff", "missing.md", &plan],
        &["check", &plan, "--rules", "missing.yaml"],
        &["eval", "--labels", "missing.yaml"],
    ];
    for args in runs {
        let output = planaudit(args);
        assert_eq!(code(&output), 2, "{args:?}");
        let error = stderr(&output);
        assert!(
            error.contains(": no such file or directory"),
            "{args:?}: {error}"
        );
        assert!(!error.contains("os error"), "{args:?}: {error}");
    }
}

/// Every path that cannot be read is named before the run stops, in the order given, and
/// no plan is audited.
#[test]
fn every_unreadable_path_is_named() {
    let plan = plan_path("gaps-plan");
    for command in ["check", "matrix"] {
        let args = [
            command,
            "nope1.md",
            &plan,
            "none/*.md",
            "nope2.md",
            "--no-config",
        ];
        let output = planaudit(&args);
        assert_eq!(code(&output), 2);
        let err = stderr(&output);
        let (one, two) = (
            err.find("cannot read nope1.md"),
            err.find("cannot read nope2.md"),
        );
        assert!(one.is_some() && one < two, "{command}: {err}");
        assert!(
            err.contains("no file matches none/*.md"),
            "{command}: {err}"
        );
        assert!(stdout(&output).is_empty(), "{command}");
    }
}

/// A symlink to nothing is named as one in every command that reads a plan: the system says
/// only that no such file exists, though the name is there to see.
#[cfg(unix)]
#[test]
fn a_symlink_to_nothing_reads_alike_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("gone.md", dir.path().join("plan.md")).unwrap();
    let runs: [&[&str]; 3] = [
        &["check", "plan.md", "--no-config"],
        &["explain", "plan.md", "O6", "--no-config"],
        &["diff", "plan.md", "plan.md", "--no-config"],
    ];
    for args in runs {
        let output = planaudit_in(dir.path(), args);
        assert_eq!(code(&output), 2, "{args:?}");
        let error = stderr(&output);
        assert!(
            error.contains("cannot read plan.md: it is a symlink that leads to no file\n"),
            "{args:?}: {error}"
        );
    }
}

/// Frameworks may be listed with commas, as linters take their rule lists: the same run as
/// repeating `-f`.
#[test]
fn frameworks_may_be_given_comma_separated() {
    let plan = plan_path("gaps-plan");
    let listed = stdout(&planaudit(&["check", &plan, "-f", "outcomes,statutory"]));
    let repeated = stdout(&planaudit(&[
        "check",
        &plan,
        "-f",
        "outcomes",
        "-f",
        "statutory",
    ]));
    assert_eq!(listed, repeated);
    assert!(listed.contains("Statutory content"), "{listed}");
}

/// Help is wrapped between words only: an option's name split at its hyphen reads as two.
#[test]
fn error_help_never_splits_an_option_name() {
    let plan = plan_path("gaps-plan");
    let output = planaudit(&["check", &plan, "--input-format", "pdf"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--input-format, or leave"),
        "{}",
        stderr(&output)
    );
}

/// Errors are for people: no Rust module path as a code, no bare `Error:` before each of
/// several problems.
#[test]
fn errors_show_no_internal_codes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("planaudit.yaml");
    std::fs::write(
        &config,
        "frameworks: [outcomes, nope]\nwaivers:\n  - item: O77\n    reason: x\n",
    )
    .unwrap();
    let plan = plan_path("gaps-plan");
    let runs: [&[&str]; 3] = [
        &["explain", &plan, "O99"],
        &["check", &plan, "--config", config.to_str().unwrap()],
        &["check", &plan, "--framework", "nope"],
    ];
    for args in runs {
        let output = planaudit(args);
        assert_eq!(code(&output), 2, "{args:?}");
        let err = stderr(&output);
        assert!(err.contains("  × "), "{err}");
        assert!(
            !err.contains("planaudit::") && !err.contains("Error:"),
            "{err}"
        );
    }
}
