//! planaudit as a required check: directories, config discovery, waivers, baselines, threads.

mod common;

use std::path::Path;

use common::{code, hit, plan_path, planaudit, planaudit_in, stderr, stdout};

fn copy_plan(name: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(plan_path(name));
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap();
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let output = planaudit_in(dir, args);
    assert!(matches!(code(&output), 0 | 1), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

fn status(report: &serde_json::Value, item: &str) -> String {
    report["files"][0]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == item)
        .map(|c| c["status"].as_str().unwrap().to_owned())
        .unwrap()
}

/// plans/a.md (the complete plan), plans/b.md and plans/drafts/c.md (the plan with gaps).
fn three_plans(d: &Path) {
    copy_plan("complete-plan", &d.join("plans/a.md"));
    copy_plan("gaps-plan", &d.join("plans/b.md"));
    copy_plan("gaps-plan", &d.join("plans/drafts/c.md"));
}

#[test]
fn directories_are_walked_in_order_respecting_gitignore_and_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    three_plans(d);
    copy_plan("gaps-plan", &d.join("plans/ignored.md"));
    std::fs::write(d.join("plans/figures.csv"), "not a plan").unwrap();
    std::fs::write(d.join(".gitignore"), "plans/ignored.md\n").unwrap();
    let paths = |report: serde_json::Value| -> Vec<String> {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = json(d, &["check", "plans", "--format", "json", "--no-config"]);
    assert_eq!(
        paths(all),
        ["plans/a.md", "plans/b.md", "plans/drafts/c.md"]
    );
    let excluded = json(
        d,
        &[
            "check",
            "plans",
            "--exclude",
            "**/drafts/**",
            "--format",
            "json",
        ],
    );
    assert_eq!(paths(excluded), ["plans/a.md", "plans/b.md"]);
    let globbed = json(d, &["check", "plans/*.md", "--format", "json"]);
    assert_eq!(paths(globbed), ["plans/a.md", "plans/b.md"]);
    // A glob names files as a path does: any format planaudit reads, not the walk's
    // Markdown extensions alone; still not a CSV.
    let fixture = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/plans")
            .join(name)
    };
    std::fs::copy(fixture("gaps-plan.html"), d.join("plans/e.html")).unwrap();
    std::fs::copy(fixture("gaps-plan.docx"), d.join("plans/d.docx")).unwrap();
    let walked = json(d, &["check", "plans", "--format", "json", "--no-config"]);
    assert_eq!(paths(walked).len(), 3, "a walk takes Markdown");
    let everything = json(d, &["check", "plans/*", "--format", "json", "--no-config"]);
    assert_eq!(paths(everything), ["plans/a.md", "plans/b.md"], "as a walk");
    let named = [
        "check",
        "plans/*.{docx,html}",
        "--format",
        "json",
        "--no-config",
    ];
    assert_eq!(paths(json(d, &named)), ["plans/d.docx", "plans/e.html"]);
    // --extension still picks what a walk takes, by glob too.
    std::fs::copy(d.join("plans/a.md"), d.join("plans/f.rst")).unwrap();
    let args = [
        "check",
        "plans/*.rst",
        "--extension",
        "rst",
        "--format",
        "json",
        "--no-config",
    ];
    assert_eq!(paths(json(d, &args)), ["plans/f.rst"]);
    // A plan named twice, however spelt, is audited once, under its first name.
    let mut args = vec!["check", "--format", "json", "--no-config"];
    args.extend(["./plans/a.md", "plans/a.md", "plans/drafts/../a.md"]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a.md", d.join("plans/link.md")).unwrap();
        args.push("plans/link.md");
    }
    assert_eq!(paths(json(d, &args)), ["./plans/a.md"]);
    let walked = json(
        d,
        &[
            "check",
            "plans/b.md",
            "plans",
            "--format",
            "json",
            "--no-config",
        ],
    );
    assert_eq!(
        paths(walked),
        ["plans/b.md", "plans/a.md", "plans/drafts/c.md"]
    );
}

/// `matrix` of a folder reads the plans `check` of it reads: the config's `plans:` and
/// `exclude:`, and the same walk options.
#[test]
fn matrix_walks_a_folder_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    three_plans(d);
    std::fs::write(d.join("planaudit.yaml"), "exclude: [\"**/drafts/**\"]\n").unwrap();
    let checked = json(d, &["check", "plans", "--format", "json"]);
    let checked: Vec<&str> = checked["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(checked, ["plans/a.md", "plans/b.md"]);
    let rows = |matrix: serde_json::Value| -> Vec<String> {
        let rows = matrix["rows"].as_array().unwrap().iter();
        rows.map(|r| r["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let matrix = json(d, &["matrix", "plans", "--format", "json"]);
    assert_eq!(rows(matrix), checked);
    let args = [
        "matrix",
        "plans",
        "--no-config",
        "--exclude",
        "b.md",
        "--format",
        "json",
    ];
    assert_eq!(rows(json(d, &args)), ["plans/a.md", "plans/drafts/c.md"]);
}

#[test]
fn output_is_identical_on_one_and_eight_threads() {
    let args = |threads: &'static str| {
        [
            "check",
            "fixtures/plans",
            "--format",
            "json",
            "--threads",
            threads,
        ]
    };
    let one = planaudit(&args("1"));
    let eight = planaudit(&args("8"));
    assert_eq!(code(&one), code(&eight));
    assert_eq!(one.stdout, eight.stdout);
    assert!(stdout(&one).matches("\"path\"").count() >= 4);
}

/// One plan's hits are found a chunk of lines at a time and its sections linked in parallel:
/// a plan of many chunks and sections must come out the same whatever the threads.
#[test]
fn one_large_plan_is_identical_on_one_and_four_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = String::new();
    for entry in std::fs::read_dir("fixtures/plans").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "README.md" {
            plan.push_str(&std::fs::read_to_string(&path).unwrap());
            plan.push('\n');
        }
    }
    assert!(plan.len() > 4 << 16, "{} bytes: too few chunks", plan.len());
    let path = dir.path().join("all.md");
    std::fs::write(&path, plan).unwrap();
    let path = path.to_str().unwrap();
    let run = |threads| {
        let args = ["check", path, "--format", "json", "--all-evidence"];
        planaudit(&[&args[..], &["--threads", threads]].concat())
    };
    let (one, four) = (run("1"), run("4"));
    assert_eq!(code(&one), code(&four));
    assert_eq!(one.stdout, four.stdout);
    assert!(stdout(&one).matches("\"heading\"").count() > 500);
}

#[test]
fn unreadable_files_are_reported_and_the_rest_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plans/good.md"));
    std::fs::write(d.join("plans/bad.md"), b"# Plan\n\nCosts \xA3400.\n").unwrap();
    let output = planaudit_in(d, &["check", "plans", "--format", "json"]);
    assert_eq!(
        code(&output),
        2,
        "something was wrong, even though a report was made"
    );
    assert!(
        stderr(&output).contains("plans/bad.md:3:7: the plan is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["unread"],
        serde_json::json!([{
            "path": "plans/bad.md",
            "message": "plans/bad.md:3:7: the plan is not valid UTF-8 (byte 0xA3)"
        }]),
        "the report itself says a plan is missing from it"
    );
}

/// Every report a CI step reads names the plans it could not read, as well as standard error,
/// so a report missing a plan never passes for whole; a report with every plan read has no
/// such entry.
#[test]
fn reports_for_ci_name_the_plans_they_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("good.md"));
    std::fs::write(d.join("bad.md"), b"\xFF\xFE#\x00 \x00").unwrap();
    let run = |format: &str, paths: &[&str]| {
        let output = planaudit_in(d, &[&["check", "--format", format][..], paths].concat());
        (code(&output), stdout(&output))
    };
    let both = ["good.md", "bad.md", "none/*.md"];

    let (exit, sarif) = run("sarif", &both);
    assert_eq!(exit, 2);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(notes[0]["message"]["text"], "no file matches none/*.md");
    assert!(notes[0].get("locations").is_none(), "no plan to point at");
    assert_eq!(notes[1]["level"], "error");
    assert_eq!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad.md"
    );
    assert!(
        notes[1]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("UTF-16")
    );

    // A name with a newline is named as a read plan's would be: percent-encoded in SARIF.
    std::fs::write(d.join("new\nline.md"), b"\xFF").unwrap();
    let (_, sarif) = run("sarif", &["good.md", "new\nline.md"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    let uri = &notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "new%0Aline.md");
    let (_, github) = run("github", &both);
    assert!(
        github.contains("::error file=bad.md,line=1,title=unread plan::bad.md: the plan is UTF-16"),
        "{github}"
    );
    assert!(github.contains("::error title=unread plan::no file matches none/*.md"));
    // An error at a place in the plan is annotated there, in both formats for CI.
    std::fs::write(d.join("latin1.md"), b"# T\n\ncaf\xE9 carers\n").unwrap();
    let (_, github) = run("github", &["latin1.md"]);
    assert!(
        github.starts_with("::error file=latin1.md,line=3,col=4,title=unread plan::"),
        "{github}"
    );
    let (_, sarif) = run("sarif", &["latin1.md"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    let region = &notes[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3, "{region}");
    assert_eq!(region["startColumn"], 4, "{region}");
    let (_, markdown) = run("markdown", &both);
    assert!(
        markdown.contains("## bad.md\n\n**Not read:** bad.md: the plan is UTF-16"),
        "{markdown}"
    );

    // The reviewer's page names them first; the spreadsheet has a row each, counts left empty.
    let (_, html) = run("html", &both);
    let not_read = html
        .find("<h1 id=\"unread\">Not read</h1>")
        .expect("a Not read list");
    assert!(
        not_read < html.find("<article class=\"plan\"").unwrap(),
        "before the plans"
    );
    assert!(
        html.contains("<li>bad.md: the plan is UTF-16 (little-endian), not UTF-8</li>"),
        "{html}"
    );
    assert!(
        html.contains("<li>no file matches none/*.md</li>"),
        "{html}"
    );
    assert!(
        html.contains("<title>planaudit: 1 plan, 2 not read</title>"),
        "{html}"
    );
    let (exit, csv) = run("csv", &both);
    assert_eq!(exit, 2);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[1].starts_with("good.md,5,"), "{csv}");
    assert_eq!(
        &rows[2..],
        ["no file matches none/*.md,,,,,,,,,", "bad.md,,,,,,,,,"]
    );
    // A run that read nothing keeps the columns of its frameworks, and still says so last.
    let (exit, csv) = run("csv", &["bad.md"]);
    assert_eq!(exit, 2);
    assert_eq!(csv.lines().next(), rows.first().copied(), "{csv}");
    assert_eq!(csv.lines().nth(1), Some("bad.md,,,,,,,,,"), "{csv}");
    let (_, human) = run("human", &["bad.md"]);
    assert_eq!(human, "1 plan or path not read: see standard error\n");
    let (_, html) = run("html", &["good.md"]);
    assert!(!html.contains("Not read"), "every plan was read");

    let (_, human) = run("human", &both);
    assert!(
        human.ends_with("\n2 plans or paths not read: see standard error\n"),
        "{human}"
    );
    let (_, human) = run("human", &["good.md"]);
    assert!(!human.contains("not read"), "{human}");
    let (_, json) = run("json", &both);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["unread"].as_array().unwrap().len(), 2);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&json), "the published schema allows it");
    let (_, json) = run("json", &["good.md"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json.get("unread").is_none(), "every plan was read");
    let (exit, sarif) = run("sarif", &["good.md"]);
    assert_eq!(exit, 1);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert!(sarif["runs"][0].get("invocations").is_none());
}

#[test]
fn config_is_found_from_a_nested_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plans/deep/plan.md"));
    std::fs::write(
        d.join("planaudit.yaml"),
        "frameworks: [outcomes]\nformat: json\nfail_on: never\n",
    )
    .unwrap();
    let nested = d.join("plans/deep");
    let output = planaudit_in(&nested, &["check", "plan.md"]);
    assert_eq!(code(&output), 0, "fail_on: never");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        report["frameworks"].as_array().unwrap().len(),
        1,
        "frameworks: [outcomes]"
    );
    assert_eq!(
        report["config"], "../../planaudit.yaml",
        "named from the working directory, the same on every checkout"
    );
    let ignored = planaudit_in(&nested, &["check", "plan.md", "--no-config"]);
    assert_eq!(code(&ignored), 1);
    assert!(stdout(&ignored).contains("Integration Planning and Delivery Principles"));
}

/// The config's `plans:` globs are written from its own folder, as its `rules:` paths are: a
/// walk from a subfolder finds the plans a walk from the top finds.
#[test]
fn plans_globs_are_read_from_the_configs_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plans/a.md"));
    copy_plan("gaps-plan", &d.join("plans/notes.md"));
    std::fs::write(d.join("planaudit.yaml"), "plans: [\"plans/a.md\"]\n").unwrap();
    for (from, shown) in [(d.to_path_buf(), "plans/a.md"), (d.join("plans"), "a.md")] {
        let output = planaudit_in(&from, &["check", ".", "--format", "csv"]);
        assert_eq!(code(&output), 1, "{}", stderr(&output));
        let csv = stdout(&output);
        let rows: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].starts_with(shown), "{rows:?}");
    }
}

#[test]
fn config_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let cases = [
        (
            "fail_on: error\ncolour: red\n",
            "planaudit.yaml:2:1: unknown field `colour`",
        ),
        (
            "require:\n  outcome: covered\n",
            "planaudit.yaml:2:3: unknown framework `outcome`",
        ),
        (
            "severity:\n  weak-items: off\n",
            "planaudit.yaml:2:3: unknown finding code `weak-items`",
        ),
        (
            "waivers:\n  - item: O66\n    reason: r\n",
            "planaudit.yaml:2:11: waiver names unknown item `O66`",
        ),
        (
            "require:\n  outcomes: perfect\n",
            "planaudit.yaml:2:13: require.outcomes: unknown variant `perfect`",
        ),
        (
            "fail_on: never\nframeworks: []\n",
            "planaudit.yaml:2:13: `frameworks` names no framework",
        ),
        (
            "extensions: []\n",
            "planaudit.yaml:1:13: `extensions` names no extension",
        ),
        (
            "extensions: [md, \"\"]\n",
            "planaudit.yaml:1:18: an empty string is not a file extension",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(d.join("planaudit.yaml"), text).unwrap();
        let output = planaudit_in(d, &["check", "plan.md"]);
        assert_eq!(code(&output), 2, "{text}");
        assert!(
            stderr(&output).contains(expected),
            "{text}\n{}",
            stderr(&output)
        );
    }
}

/// `--extension` names the extensions a walk takes in place of the config's, as every other
/// option given on the command line wins over the file.
#[test]
fn extensions_on_the_command_line_replace_the_configs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    copy_plan("gaps-plan", &d.join("plans/a.md"));
    copy_plan("gaps-plan", &d.join("plans/notes.txt"));
    std::fs::write(d.join("planaudit.yaml"), "extensions: [md, txt]\n").unwrap();
    let plans = |args: &[&str]| -> Vec<String> {
        let csv = stdout(&planaudit_in(
            d,
            &[&["check", "plans", "--format", "csv"][..], args].concat(),
        ));
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(plans(&[]), ["plans/a.md", "plans/notes.txt"]);
    assert_eq!(plans(&["--extension", "md"]), ["plans/a.md"]);
}

/// Statutory content is there or not, with nothing to promise: its covered items are not asked
/// for a commitment, unless the config requires one.
#[test]
fn statutory_content_is_not_asked_for_commitments_unless_required() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("complete-plan", &d.join("plan.md"));
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "plan.md", "-f", "statutory", "--format", "json"];
        all.extend(args);
        let report = json(d, &all);
        let findings = report["files"][0]["findings"].as_array().unwrap().clone();
        findings
            .iter()
            .filter(|f| f["code"] == "no-commitment")
            .map(|f| format!("{} {}", f["item"], f["severity"]))
            .collect()
    };
    assert_eq!(codes(&["--no-config"]), [] as [String; 0]);
    std::fs::write(
        d.join("planaudit.yaml"),
        "require:\n  statutory: committed\n",
    )
    .unwrap();
    let required = codes(&[]);
    assert!(!required.is_empty(), "committed asks all the same");
    assert!(
        required.iter().all(|c| c.ends_with("\"error\"")),
        "{required:?}"
    );
}

/// Statutory content missing or set out only in passing is added to the plan, not promised:
/// its help says so, in a block of its own beside the outcomes' advice.
#[test]
fn statutory_content_is_advised_to_be_added_not_promised() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let args = [
        "check",
        "plan.md",
        "-f",
        "outcomes",
        "-f",
        "statutory",
        "--no-config",
    ];
    let human = stdout(&planaudit_in(d, &args));
    let blocks: Vec<&str> = human.split("\n\n").collect();
    let block = |id: &str| -> &str {
        let found = blocks
            .iter()
            .find(|b| b.contains(&format!("× {id} ")) || b.contains(&format!("⚠ {id} ")));
        found.unwrap_or_else(|| panic!("{id}: {human}"))
    };
    assert!(
        block("S7").contains("help: add it to the plan: a section or passage"),
        "{human}"
    );
    assert!(!block("S7").contains("O6"), "{human}");
    assert!(
        block("O6").contains("help: add a section, or a commitment"),
        "{human}"
    );
    let markdown = stdout(&planaudit_in(
        d,
        &[&args[..], &["--format", "markdown"]].concat(),
    ));
    assert!(
        markdown.contains("- `missing-item`: add it to the plan"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- `missing-item`: add a section, or a commitment"),
        "{markdown}"
    );
}

/// Under `require: committed` an item only mentioned in passing is an error, as a covered item
/// without a commitment is: it has no commitment either.
#[test]
fn a_weak_item_is_an_error_where_commitments_are_required() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let severities = |code: &str| -> Vec<String> {
        let report = json(
            d,
            &["check", "plan.md", "-f", "principles", "--format", "json"],
        );
        let findings = report["files"][0]["findings"].as_array().unwrap().clone();
        (findings.iter())
            .filter(|f| f["code"] == code)
            .map(|f| f["severity"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(severities("weak-item").iter().all(|s| s == "warning"));
    std::fs::write(
        d.join("planaudit.yaml"),
        "require:\n  principles: committed\n",
    )
    .unwrap();
    let weak = severities("weak-item");
    assert!(
        !weak.is_empty() && weak.iter().all(|s| s == "error"),
        "{weak:?}"
    );
    let uncommitted = severities("no-commitment");
    assert!(!uncommitted.is_empty() && uncommitted.iter().all(|s| s == "error"));
}

/// A run of statutory content alone calls no section an orphan: most sections of a sound plan
/// serve none of its items. With the outcomes as well, a section that serves nothing still is.
#[test]
fn statutory_content_alone_makes_no_orphans() {
    let orphans = |frameworks: &[&str]| -> Vec<String> {
        let mut args = vec!["check", "fixtures/plans/gaps-plan.md", "--format", "json"];
        args.extend(frameworks.iter().flat_map(|f| ["-f", f]));
        let report: serde_json::Value = serde_json::from_str(&stdout(&planaudit(&args))).unwrap();
        let findings = report["files"][0]["findings"].as_array().unwrap().clone();
        let orphan = findings.iter().filter(|f| f["code"] == "orphan-section");
        orphan.map(|f| f["message"].to_string()).collect()
    };
    assert_eq!(orphans(&["statutory"]), [] as [String; 0]);
    let with_outcomes = orphans(&["statutory", "outcomes"]);
    assert!(
        !with_outcomes.is_empty(),
        "outcomes ask every section to serve"
    );
    let outcomes = orphans(&["outcomes"]);
    assert!(
        with_outcomes.iter().all(|o| outcomes.contains(o)),
        "{with_outcomes:?} {outcomes:?}"
    );
}

/// A section that maps the plan's priorities to the outcomes serves them, though its own words
/// link none; the same words without the mapping table serve nothing.
#[test]
fn a_section_mapping_priorities_to_outcomes_is_no_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let intro = "The Scottish Government has set national outcomes that every partnership works towards, and the table below shows where each of the priorities that follow makes its main contribution to them over the three years of this plan. Most of our priorities contribute to more than one of them, and the annual performance report will be set out in the same order, so that the board and the public can follow the thread from each priority through to the difference it is meant to make for the people who live here.";
    let table = "| Our priority | National outcomes |\n|---|---|\n| Unpaid carers | 6 |\n| Our workforce | 8 |\n";
    let rest = "## Unpaid carers\n\nWe will give unpaid carers short breaks and an adult carer support plan by 2026.\n\n## Our workforce\n\nWe will publish a workforce plan and support staff wellbeing by 2026.\n";
    let orphans = |body: &str| -> Vec<String> {
        let plan = format!("# Plan\n\n## How our priorities fit\n\n{body}\n\n{rest}");
        std::fs::write(dir.path().join("plan.md"), plan).unwrap();
        let args = [
            "check",
            "plan.md",
            "-f",
            "outcomes",
            "--no-config",
            "--format",
            "json",
        ];
        let report: serde_json::Value =
            serde_json::from_str(&stdout(&planaudit_in(dir.path(), &args))).unwrap();
        let findings = report["files"][0]["findings"].as_array().unwrap().clone();
        let orphan = findings.iter().filter(|f| f["code"] == "orphan-section");
        orphan.map(|f| f["message"].to_string()).collect()
    };
    assert_eq!(orphans(&format!("{intro}\n\n{table}")), [] as [String; 0]);
    assert_eq!(
        orphans(intro),
        ["\"section \\\"How our priorities fit\\\" serves no item\""]
    );
}

/// A walk that finds nothing says which filters it applied, the globs of both places included.
#[test]
fn a_walk_that_finds_nothing_names_every_filter() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("strategy/plan.md"));
    std::fs::write(d.join("team.yaml"), "plans: [\"strategy/*.md\"]\n").unwrap();
    let args = [
        "check",
        ".",
        "--include",
        "drafts/*.md",
        "--config",
        "team.yaml",
    ];
    let output = planaudit_in(d, &args);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    // The config named is the one whose `plans:` was read, not the usual name.
    assert!(
        err.contains("the files named by `plans:` in team.yaml"),
        "{err}"
    );
    assert!(err.contains("the include and exclude globs"), "{err}");
}

/// A config wrong in several places reports every place in one run, not one per run.
#[test]
fn every_config_error_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    // A waiver without its `reason` key is one of the problems, not the end of reading.
    let config = "frameworks: [outcome]\nseverity:\n  weak-items: off\nwaivers:\n  - item: O66\n    reason: r\n  - item: O6\n";
    std::fs::write(d.join("planaudit.yaml"), config).unwrap();
    let output = planaudit_in(d, &["check", "plan.md"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    for expected in [
        "planaudit.yaml: 4 problems, each shown below",
        "planaudit.yaml:1:14: unknown framework `outcome`",
        // As `-f outcome` is asked.
        "did you mean `outcomes`?",
        "planaudit.yaml:3:3: unknown finding code `weak-items`",
        "planaudit.yaml:5:11: waiver names unknown item `O66`",
        "planaudit.yaml:7:5: the waiver for `O6` gives no reason",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

/// With both spellings in one directory only one would be read: the run refuses rather than
/// pick one silently.
#[test]
fn two_config_files_in_one_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plans/plan.md"));
    std::fs::write(d.join("planaudit.yaml"), "fail_on: never\n").unwrap();
    std::fs::write(d.join(".planaudit.yaml"), "fail_on: note\n").unwrap();
    let output = planaudit_in(&d.join("plans"), &["check", "plan.md"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(err.contains("two config files:"), "{err}");
    assert!(
        err.contains(".planaudit.yaml") && err.contains("--config"),
        "{err}"
    );
    let chosen = ["check", "plan.md", "--config", "../planaudit.yaml"];
    assert_eq!(code(&planaudit_in(&d.join("plans"), &chosen)), 0);
}

/// An `addresses` comment is the author's word, not evidence: `--no-waivers` sets it aside
/// with the waivers, so an auditor sees what the text alone shows.
#[test]
fn no_waivers_sets_declarations_aside() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Plan\n\n## Everything\n\n<!-- planaudit: addresses O6 -->\nWe meet monthly.\n";
    std::fs::write(d.join("plan.md"), plan).unwrap();
    let declared = json(
        d,
        &["check", "plan.md", "--format", "json", "-f", "outcomes"],
    );
    assert_eq!(status(&declared, "O6"), "covered");
    let args = [
        "check",
        "plan.md",
        "--format",
        "json",
        "-f",
        "outcomes",
        "--no-waivers",
    ];
    assert_eq!(status(&json(d, &args), "O6"), "missing");
}

#[test]
fn waivers_need_reasons_and_expire() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let waiver = |until: &str| {
        format!(
            "waivers:\n  - item: O6\n    reason: Covered by the Carers Strategy 2024-27\n    until: {until}\n"
        )
    };
    std::fs::write(d.join("planaudit.yaml"), waiver("2999-12-31")).unwrap();
    let report = json(d, &["check", "plan.md", "--format", "json"]);
    assert_eq!(status(&report, "O6"), "waived");
    let o6 = report["files"][0]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "O6")
        .unwrap()
        .clone();
    assert_eq!(o6["waiver"], "Covered by the Carers Strategy 2024-27");
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["item"] != "O6"));
    let everything = json(d, &["check", "plan.md", "--format", "json", "--no-waivers"]);
    assert_eq!(status(&everything, "O6"), "missing");

    // A waiver for an item the plan covers waives nothing of its row: the Markdown table
    // printed its reason where the commitment goes ("covered, committed: Covered by …").
    copy_plan("complete-plan", &d.join("complete.md"));
    let markdown = stdout(&planaudit_in(
        d,
        &["check", "complete.md", "--format", "markdown"],
    ));
    let row = markdown.lines().find(|l| l.starts_with("| O6 |")).unwrap();
    assert!(!row.contains("Carers Strategy"), "{row}");
    let covered = json(d, &["check", "complete.md", "--format", "json"]);
    assert_eq!(status(&covered, "O6"), "covered");
    assert!(
        covered["files"][0]["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["waiver"].is_null()),
        "{}",
        covered["files"][0]["coverage"]
    );

    // Past its day a waiver no longer applies: the gap is reported again at its own severity,
    // with a warning naming the waiver, and a report-only step still writes its report.
    std::fs::write(d.join("planaudit.yaml"), waiver("2020-01-31")).unwrap();
    let expired = planaudit_in(d, &["check", "plan.md", "--format", "json"]);
    assert_eq!(code(&expired), 1, "O6 is missing again");
    assert!(
        stderr(&expired).contains(
            "warning: planaudit.yaml:4:12: the waiver for `O6` expired on 2020-01-31 and no longer applies"
        ),
        "{}",
        stderr(&expired)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&expired)).unwrap();
    assert_eq!(status(&report, "O6"), "missing");
    let summary = planaudit_in(
        d,
        &[
            "check",
            "plan.md",
            "--format",
            "markdown",
            "--fail-on",
            "never",
            "-q",
            "-o",
            "s.md",
        ],
    );
    assert_eq!(code(&summary), 0, "{}", stderr(&summary));
    assert!(stderr(&summary).contains("expired on 2020-01-31"));
    assert!(
        std::fs::read_to_string(d.join("s.md"))
            .unwrap()
            .contains("O6")
    );
    // A waiver that runs out within two weeks still applies, and check says when it ends.
    let soon = planaudit::config::today() + jiff::Span::new().days(3);
    std::fs::write(d.join("planaudit.yaml"), waiver(&soon.to_string())).unwrap();
    let expiring = planaudit_in(d, &["check", "plan.md", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&expiring)).unwrap();
    assert_eq!(status(&report, "O6"), "waived");
    assert!(
        stderr(&expiring).contains(&format!("`O6` runs out after {soon} (3 days from now)")),
        "{}",
        stderr(&expiring)
    );
    // A plan that addresses the item needs no waiver: nothing to renew, no warning.
    let addressed = planaudit_in(d, &["check", "complete.md", "--format", "json"]);
    assert!(
        !stderr(&addressed).contains("runs out"),
        "{}",
        stderr(&addressed)
    );
    let both = planaudit_in(d, &["check", "complete.md", "plan.md", "--format", "json"]);
    assert!(stderr(&both).contains("runs out"), "{}", stderr(&both));
    std::fs::write(d.join("planaudit.yaml"), waiver("2020-01-31")).unwrap();
    let addressed = planaudit_in(d, &["check", "complete.md", "--format", "json"]);
    assert!(
        !stderr(&addressed).contains("expired"),
        "{}",
        stderr(&addressed)
    );
    // Ignoring every waiver, an expired one stops nothing.
    let everything = json(d, &["check", "plan.md", "--format", "json", "--no-waivers"]);
    assert_eq!(status(&everything, "O6"), "missing");
    // explain, matrix and diff gate nothing: an expired waiver is left out, not an error.
    let explain = planaudit_in(d, &["explain", "plan.md", "O6"]);
    assert_eq!(code(&explain), 0, "{}", stderr(&explain));
    assert!(
        stdout(&explain).contains("plan.md: missing"),
        "{}",
        stdout(&explain)
    );
    let matrix = planaudit_in(d, &["matrix", "plan.md", "--format", "json"]);
    assert_eq!(code(&matrix), 0, "{}", stderr(&matrix));
    let diff = planaudit_in(d, &["diff", "plan.md", "plan.md"]);
    assert_eq!(code(&diff), 0, "{}", stderr(&diff));

    std::fs::write(
        d.join("planaudit.yaml"),
        "waivers:\n  - item: O6\n    reason: \"\"\n",
    )
    .unwrap();
    assert!(stderr(&planaudit_in(d, &["check", "plan.md"])).contains("gives no reason"));
}

#[test]
fn inline_ignore_and_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Plan 2025-2028\n\n<!-- planaudit: ignore O6 reason=\"in the carers strategy\" -->\n\n## Our people\n\n<!-- planaudit: addresses O8 -->\nWe value everyone who works with us.\n\n## Safety\n\nAdult support and protection.\n<!-- planaudit: ignore O7 reason=\"see the APC plan\" -->\n";
    std::fs::write(d.join("plan.md"), plan).unwrap();
    let report = json(
        d,
        &[
            "check",
            "plan.md",
            "--format",
            "json",
            "-f",
            "outcomes",
            "--no-config",
        ],
    );
    assert_eq!(
        status(&report, "O6"),
        "waived",
        "plan-wide: before the first section"
    );
    assert_eq!(status(&report, "O8"), "covered", "declared by the author");
    let o8 = &report["files"][0]["sections"][1]["links"][0];
    assert_eq!(hit(&report, &o8["evidence"][0]).signal["kind"], "declared");
    assert_eq!(
        status(&report, "O7"),
        "weak",
        "a section's comment does not waive the item"
    );
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["item"] != "O7"),
        "but its finding in that section is waived"
    );
    let typo = "# Plan\n\n<!-- planaudit: ignore O66 -->\n";
    std::fs::write(d.join("typo.md"), typo).unwrap();
    let report = json(d, &["check", "typo.md", "--format", "json"]);
    let bad: Vec<&serde_json::Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "bad-directive")
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["labels"][0]["line"], 3);
    // Inside a section too: one warning that the target names nothing, not a second that it
    // waives nothing.
    let in_section =
        "# Plan\n\nText.\n\n## Carers\n\nText.\n\n<!-- planaudit: ignore O99 reason=\"x\" -->\n";
    let bad = bad_directives(d, in_section, &["-f", "outcomes"]);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0]
            .1
            .contains("`O99` is neither an item id nor a finding code"),
        "{bad:?}"
    );
}

/// The `bad-directive` findings of `plan` audited with `args`, as (line, message).
fn bad_directives(d: &std::path::Path, plan: &str, args: &[&str]) -> Vec<(u64, String)> {
    std::fs::write(d.join("directives.md"), plan).unwrap();
    let mut all = vec!["check", "directives.md", "--format", "json", "--no-config"];
    all.extend(args);
    let report = json(d, &all);
    let findings = report["files"][0]["findings"].as_array().unwrap();
    findings
        .iter()
        .filter(|f| f["code"] == "bad-directive")
        .map(|f| {
            let line = f["labels"][0]["line"].as_u64().unwrap();
            (line, f["message"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// `bad` is one finding, at `line`, whose message says `says`.
fn assert_one(bad: &[(u64, String)], line: u64, says: &str) {
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].0, line, "{bad:?}");
    assert!(bad[0].1.contains(says), "{}", bad[0].1);
}

#[test]
fn directives_may_name_items_of_frameworks_another_run_selects() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n<!-- planaudit: ignore S3 reason=\"published separately\" -->\n\n\
                ## Carers\n\n<!-- planaudit: addresses NV4 O6 -->\nWe support unpaid carers.\n";
    let bad = bad_directives(dir.path(), plan, &["-f", "outcomes"]);
    assert_eq!(
        bad,
        [],
        "S3 and NV4 are items, of frameworks not selected here"
    );
    let typo = plan.replace("NV4", "NV44");
    let bad = bad_directives(dir.path(), &typo, &["-f", "outcomes"]);
    assert_one(&bad, 7, "`NV44` is not an item of any framework");
}

/// A section's waiver that no finding needs is reported, so it goes before it can hide a gap
/// that comes back; one that waives something, or names another run's framework, is quiet.
#[test]
fn a_section_waiver_that_waives_nothing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n## Carers\n\n<!-- planaudit: ignore O7 reason=\"see the APC plan\" -->\n\
                <!-- planaudit: ignore S3 reason=\"published separately\" -->\n\
                We will widen short breaks for unpaid carers by March 2027.\n\n## Safety\n\n\
                Adult support and protection.\n\
                <!-- planaudit: ignore O7 reason=\"see the APC plan\" -->\n";
    // The Carers comment; the Safety one waives O7's mention there.
    let bad = bad_directives(dir.path(), plan, &["-f", "outcomes"]);
    let says = "waives nothing: no finding about `O7` points into \"Carers\"";
    assert_one(&bad, 5, says);
    let args = ["-f", "outcomes", "--no-waivers"];
    assert_eq!(
        bad_directives(dir.path(), plan, &args),
        [],
        "waivers set aside"
    );
}

/// A plan-wide waiver is idle when the plan has no finding of its target and its item is
/// covered; one that waives a missing item, or a finding a config waiver also waives, is not.
#[test]
fn a_plan_wide_waiver_that_waives_nothing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n<!-- planaudit: ignore O6 reason=\"in the carers strategy\" -->\n\
                <!-- planaudit: ignore O8 reason=\"in the workforce plan\" -->\n\n## Carers\n\n\
                We will widen short breaks for unpaid carers by March 2027, with adult carer \
                support plans for every carer who asks.\n";
    let bad = bad_directives(dir.path(), plan, &["-f", "outcomes"]);
    assert_one(
        &bad,
        3,
        "waives nothing: the plan has no finding about `O6`",
    );
    // A finding code is not judged: its findings come with the frameworks a run audits.
    let code = format!("<!-- planaudit: ignore no-commitment reason=\"staged\" -->\n{plan}");
    let bad = bad_directives(dir.path(), &code, &["-f", "outcomes"]);
    assert_one(&bad, 4, "`O6`");
    // The O8 comment is still needed beside a config waiver of O8.
    let config = "waivers:\n  - item: O8\n    reason: \"in the workforce plan\"\n";
    std::fs::write(dir.path().join("planaudit.yaml"), config).unwrap();
    let args = [
        "check",
        "directives.md",
        "--format",
        "json",
        "-f",
        "outcomes",
    ];
    let report = json(dir.path(), &args);
    let codes: Vec<&str> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "bad-directive")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(codes[0].contains("`O6`"), "{codes:?}");
}

/// Two waivers of one item: the first gives the coverage row its reason, as it took the
/// findings, the config's before the plan's.
#[test]
fn the_first_of_two_waivers_gives_the_reason_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = std::fs::read_to_string(plan_path("gaps-plan")).unwrap();
    let comments = "<!-- planaudit: ignore O6 reason=\"first\" -->\n\
                    <!-- planaudit: ignore O6 reason=\"second\" -->\n";
    std::fs::write(d.join("plan.md"), format!("{comments}{plan}")).unwrap();
    let reasons = |report: &serde_json::Value| {
        let file = &report["files"][0];
        let row = file["coverage"].as_array().unwrap().iter();
        let row = row.clone().find(|c| c["item"] == "O6").unwrap()["waiver"].clone();
        let waived = file["waived"].as_array().unwrap().iter();
        let waived: Vec<&str> = waived
            .filter(|w| w["finding"]["item"] == "O6")
            .map(|w| w["reason"].as_str().unwrap())
            .collect();
        (row.as_str().unwrap().to_owned(), waived.join(","))
    };
    let args = ["check", "plan.md", "--format", "json", "--no-config"];
    assert_eq!(reasons(&json(d, &args)), ("first".into(), "first".into()));
    std::fs::write(
        d.join("planaudit.yaml"),
        "waivers:\n  - item: O6\n    reason: config\n",
    )
    .unwrap();
    let args = ["check", "plan.md", "--format", "json"];
    assert_eq!(reasons(&json(d, &args)), ("config".into(), "config".into()));
}

#[test]
fn a_directive_without_its_colon_is_reported_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n<!-- planaudit ignore O6 reason=\"in the carers strategy\" -->\n\n\
                <!-- planauditor: reviewed by the board -->\n";
    let bad = bad_directives(dir.path(), plan, &[]);
    assert_one(&bad, 3, "use `planaudit: ignore ID");
    // The Markdown summary's advice shows the comment to write as code, which entities would
    // spoil: `&lt;!--` is shown as written inside a code span.
    let args = [
        "check",
        "directives.md",
        "--format",
        "markdown",
        "--no-config",
    ];
    let markdown = stdout(&planaudit_in(dir.path(), &args));
    assert!(
        markdown.contains("write `<!-- planaudit: ignore ID reason=\"…\" -->`"),
        "{markdown}"
    );
}

/// A temporary folder holding fixture plans (`(fixture, path inside the folder)`) and a
/// baseline `b.json` recorded there by `planaudit ARGS --write-baseline b.json`.
fn recorded_baseline(plans: &[(&str, &str)], args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (plan, path) in plans {
        let to = dir.path().join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        copy_plan(plan, &to);
    }
    let record = planaudit_in(
        dir.path(),
        &[args, &["--write-baseline", "b.json"]].concat(),
    );
    assert_eq!(code(&record), 0, "{}", stderr(&record));
    dir
}

/// A run with a baseline says how many of the checked plans' recorded findings are gone, and
/// leaves a plan it did not check out of the count.
#[test]
fn baseline_findings_that_no_longer_occur_are_counted() {
    let plans = [("gaps-plan", "plan.md"), ("complete-plan", "other.md")];
    let dir = recorded_baseline(&plans, &["check", "plan.md", "other.md"]);
    let d = dir.path();
    let carers = "\n## Unpaid carers\n\nWe will give every unpaid carer an adult carer support \
                  plan and short breaks by March 2027, led by the carers centre.\n";
    let mut text = std::fs::read_to_string(d.join("plan.md")).unwrap();
    text.push_str(carers);
    std::fs::write(d.join("plan.md"), text).unwrap();
    let fixed = planaudit_in(d, &["check", "plan.md", "--baseline", "b.json"]);
    assert_eq!(code(&fixed), 0, "{}", stderr(&fixed));
    assert!(
        stderr(&fixed).contains("note: 1 finding recorded in b.json no longer occurs"),
        "{}",
        stderr(&fixed)
    );
    // other.md's findings all still occur, and plan.md was not checked.
    let other = planaudit_in(d, &["check", "other.md", "--baseline", "b.json"]);
    assert!(!stderr(&other).contains("no longer"), "{}", stderr(&other));
    let quiet = planaudit_in(d, &["check", "plan.md", "--baseline", "b.json", "-q"]);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
}

/// A run of one framework, or with a code turned off, could not have found the other
/// entries: it does not call them gone, nor advise recording the baseline again without them.
#[test]
fn baseline_entries_outside_the_run_are_not_called_gone() {
    let args = ["check", "plan.md", "--no-config"];
    let dir = recorded_baseline(&[("gaps-plan", "plan.md")], &args);
    let d = dir.path();
    let recorded = std::fs::read_to_string(d.join("b.json")).unwrap();
    assert!(
        recorded.contains("\"P2") && recorded.contains("\"O6"),
        "{recorded}"
    );
    let base = ["check", "plan.md", "--baseline", "b.json"];
    let outcomes = planaudit_in(d, &[&base[..], &["-f", "outcomes", "--no-config"]].concat());
    assert_eq!(code(&outcomes), 0, "{}", stderr(&outcomes));
    assert!(
        !stderr(&outcomes).contains("no longer"),
        "{}",
        stderr(&outcomes)
    );
    std::fs::write(d.join("planaudit.yaml"), "severity:\n  weak-item: off\n").unwrap();
    assert!(recorded.contains("weak-item"), "{recorded}");
    let off = planaudit_in(d, &base);
    assert_eq!(code(&off), 0, "{}", stderr(&off));
    assert!(!stderr(&off).contains("no longer"), "{}", stderr(&off));
    // What the run could have found and did not is still counted.
    std::fs::write(d.join("plan.md"), "# Plan\n").unwrap();
    let emptied = planaudit_in(d, &[&base[..], &["-f", "outcomes"]].concat());
    assert!(
        stderr(&emptied).contains("no longer occur"),
        "{}",
        stderr(&emptied)
    );
}

/// A plan renamed since the baseline was recorded brings its findings back as new: the run
/// says which recorded plan no longer exists, quiet or not.
#[test]
fn a_baseline_naming_a_plan_since_renamed_says_so() {
    let plans = [("gaps-plan", "plans/a.md"), ("complete-plan", "plans/c.md")];
    let dir = recorded_baseline(&plans, &["check", "plans", "--no-config"]);
    let d = dir.path();
    let args = [
        "check",
        "plans",
        "--baseline",
        "b.json",
        "--no-config",
        "-q",
    ];
    let same = planaudit_in(d, &args);
    assert!(!stderr(&same).contains("note:"), "{}", stderr(&same));
    std::fs::rename(d.join("plans/a.md"), d.join("plans/a-2024.md")).unwrap();
    let renamed = planaudit_in(d, &args);
    assert_eq!(code(&renamed), 1);
    assert!(
        stderr(&renamed)
            .contains("note: b.json records findings of plans/a.md, which no longer exists"),
        "{}",
        stderr(&renamed)
    );
}

/// A baseline that names none of the plans checked, as one recorded from another folder
/// does, says so rather than leave every finding new without a word.
#[test]
fn a_baseline_naming_no_plan_checked_says_so() {
    let dir = recorded_baseline(&[("gaps-plan", "plans/a.md")], &["check", "plans/a.md"]);
    let d = dir.path();
    let args = ["check", "a.md", "--baseline", "../b.json"];
    let elsewhere = planaudit_in(&d.join("plans"), &args);
    assert_eq!(code(&elsewhere), 1, "every finding is new");
    assert!(
        stderr(&elsewhere).contains(
            "note: no finding recorded in ../b.json is about a plan checked here (it names \
             plans/a.md and the like)"
        ),
        "{}",
        stderr(&elsewhere)
    );
    // A quiet run says it too: it would otherwise fail without a word.
    let quiet = planaudit_in(&d.join("plans"), &[&args[..], &["-q"]].concat());
    assert_eq!(code(&quiet), 1);
    assert!(
        stderr(&quiet).contains("is about a plan checked here"),
        "{}",
        stderr(&quiet)
    );
    let same = planaudit_in(d, &["check", "plans/a.md", "--baseline", "b.json"]);
    assert!(!stderr(&same).contains("note:"), "{}", stderr(&same));
}

/// A baseline recorded of `../plans` from a CI folder keys the plan by that relative path, not
/// by where the repository happened to be cloned: a copy of the tree checks clean.
#[test]
fn a_baseline_of_plans_outside_the_working_folder_survives_a_fresh_clone() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    for folder in ["plans", "ci"] {
        std::fs::create_dir_all(first.join(folder)).unwrap();
    }
    copy_plan("gaps-plan", &first.join("plans/a.md"));
    let record = [
        "check",
        "../plans",
        "--no-config",
        "-q",
        "--write-baseline",
        "b.json",
    ];
    assert_eq!(code(&planaudit_in(&first.join("ci"), &record)), 0);
    let recorded = std::fs::read_to_string(first.join("ci/b.json")).unwrap();
    assert!(
        recorded.contains("\"file\": \"../plans/a.md\""),
        "{recorded}"
    );

    let clone = dir.path().join("clone");
    for folder in ["plans", "ci"] {
        std::fs::create_dir_all(clone.join(folder)).unwrap();
    }
    copy_plan("gaps-plan", &clone.join("plans/a.md"));
    std::fs::write(clone.join("ci/b.json"), recorded).unwrap();
    let args = ["check", "../plans", "--no-config", "--baseline", "b.json"];
    let again = planaudit_in(&clone.join("ci"), &args);
    assert_eq!(code(&again), 0, "{}{}", stdout(&again), stderr(&again));
}

#[test]
fn baseline_suppresses_old_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let first = planaudit_in(
        d,
        &["check", "plan.md", "--write-baseline", "baseline.json"],
    );
    assert_eq!(code(&first), 0, "the findings it records are accepted");
    // The plan named another way is the same plan.
    let clean = planaudit_in(d, &["check", "./plan.md", "--baseline", "baseline.json"]);
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    // Edits elsewhere move lines but not the old findings' identity, even where they mention
    // a weak item first; a new gap is reported.
    let text = std::fs::read_to_string(d.join("plan.md")).unwrap();
    let edited = text.replacen(
        "## Introduction\n",
        "## Introduction\n\nA new opening line on health inequalities.\n",
        1,
    );
    // Numbering put before a heading is not its name: numbering it keeps its findings' identity.
    let edited = edited.replace("## About this document", "## 1. About this document");
    let start = edited.find("## Meeting different needs").unwrap();
    let end = edited.find("## Being part of the community").unwrap();
    let edited = format!("{}{}", &edited[..start], &edited[end..]);
    std::fs::write(d.join("plan.md"), edited).unwrap();
    let report = json(
        d,
        &[
            "check",
            "plan.md",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    let findings: Vec<(&str, &str)> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["item"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        !findings.iter().any(|(_, item)| ["O5", "O6"].contains(item)),
        "old gaps stay suppressed: {findings:?}"
    );
    assert!(
        !findings.contains(&("orphan-section", "")),
        "the numbered section's finding stays suppressed: {findings:?}"
    );
    assert!(
        findings.contains(&("missing-item", "P4")),
        "the removed section's item is new: {findings:?}"
    );
    // Every format that counts findings says how many the baseline left out, as the human
    // report does: an HTML page said "No findings." beside four missing items.
    let baselined = report["files"][0]["summary"]["baselined"].as_u64().unwrap();
    assert!(baselined > 5, "{}", report["files"][0]["summary"]);
    assert_eq!(report["summary"]["baselined"], baselined);
    let note = format!("({baselined} in the baseline, not shown)");
    for format in ["human", "markdown", "html"] {
        let args = [
            "check",
            "plan.md",
            "--baseline",
            "baseline.json",
            "--format",
            format,
        ];
        let text = stdout(&planaudit_in(d, &args));
        assert!(text.contains(&note), "{format}: {text}");
    }
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(code(&planaudit_in(d, &["init"])), 0);
    let written = std::fs::read_to_string(d.join("planaudit.yaml")).unwrap();
    assert!(written.starts_with("# planaudit configuration"));
    let again = planaudit_in(d, &["init"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("planaudit.yaml already exists"));
    copy_plan("gaps-plan", &d.join("plan.md"));
    assert_eq!(
        code(&planaudit_in(d, &["check", "plan.md"])),
        1,
        "the starter config loads"
    );
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    let output = planaudit(&["check", &plan_path("gaps-plan"), "--quiet"]);
    assert_eq!(code(&output), 1);
    assert_eq!(stdout(&output), "");
}

#[test]
fn completions_and_man_page() {
    let bash = planaudit(&["completions", "bash"]);
    assert_eq!(code(&bash), 0);
    assert!(stdout(&bash).contains("planaudit"));
    let man = planaudit(&["man"]);
    assert!(stdout(&man).starts_with(".ie"), "{}", &stdout(&man)[..40]);
    assert!(stdout(&man).contains("planaudit"));
    // The pages the first one names under its commands follow it, with their options.
    for page in [".TH planaudit-check 1", ".TH planaudit-rules-show 1"] {
        assert!(stdout(&man).contains(page), "{page}");
    }
    assert!(
        stdout(&man).contains("fail\\-on"),
        "check's options are in the manual"
    );
}

/// `explain`, `matrix`, `diff` and `rules show` read the planaudit.yaml that `check` reads —
/// its frameworks, rule files and waivers — so each judges a plan as `check` does, and
/// `--no-config` sets it aside for them too.
#[test]
fn every_auditing_command_reads_the_config_check_reads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_plan("gaps-plan", &d.join("plan.md"));
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/labels/synthetic/rules.yaml");
    std::fs::copy(local, d.join("local.yaml")).unwrap();
    let config = "frameworks: [outcomes]\nrules: [local.yaml]\n\
                  waivers:\n  - item: O6\n    reason: in the carers strategy\n";
    std::fs::write(d.join("planaudit.yaml"), config).unwrap();

    let check = json(d, &["check", "plan.md", "--format", "json"]);
    assert_eq!(status(&check, "O6"), "waived");
    let matrix = json(d, &["matrix", "plan.md", "--format", "json"]);
    let columns: Vec<&str> = matrix["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    let expected: Vec<String> = check["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["items"].as_array().unwrap())
        .map(|i| i.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(columns, expected, "the config's frameworks and rule file");
    assert!(
        columns.contains(&"T1") && !columns.contains(&"P1"),
        "{columns:?}"
    );

    let explained = stdout(&planaudit_in(d, &["explain", "plan.md", "O6", "T1"]));
    assert!(
        explained.contains("plan.md: waived (in the carers strategy)"),
        "{explained}"
    );
    assert!(
        explained.contains("T1 — Getting to appointments"),
        "{explained}"
    );
    let shown = planaudit_in(d, &["rules", "show", "T1"]);
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));

    // Two versions that differ in the local framework's T1 alone: lost under the config's
    // rule file, unknown without it.
    let transport = "\n## Getting to appointments\n\nWe will fund patient transport and new bus \
                     routes so people can travel to appointments.\n";
    let old = std::fs::read_to_string(d.join("plan.md")).unwrap() + transport;
    std::fs::write(d.join("old.md"), old).unwrap();
    let diff = planaudit_in(d, &["diff", "old.md", "plan.md"]);
    assert_eq!(code(&diff), 1, "{}", stdout(&diff));
    assert!(
        stdout(&diff).contains("T1 Getting to appointments"),
        "{}",
        stdout(&diff)
    );
    let unconfigured = planaudit_in(d, &["diff", "old.md", "plan.md", "--no-config"]);
    assert_eq!(code(&unconfigured), 0, "{}", stdout(&unconfigured));

    // The config's rule file named again on the command line, in another spelling, is the
    // same file read once, not a second definition of its framework.
    std::fs::create_dir_all(d.join("x")).unwrap();
    std::fs::hard_link(d.join("local.yaml"), d.join("x/local.yaml")).unwrap();
    for args in [
        &[
            "check",
            "plan.md",
            "--rules",
            "x/../local.yaml",
            "--rules",
            "x/local.yaml",
        ][..],
        &["explain", "plan.md", "T1", "--rules", "local.yaml"],
    ] {
        let twice = planaudit_in(d, args);
        assert_ne!(code(&twice), 2, "{args:?}: {}", stderr(&twice));
    }
    let twice = json(
        d,
        &[
            "check",
            "plan.md",
            "--rules",
            "./local.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(twice["frameworks"], check["frameworks"]);

    for args in [
        &["explain", "plan.md", "T1", "--no-config"][..],
        &["rules", "show", "T1", "--no-config"],
    ] {
        let output = planaudit_in(d, args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(stderr(&output).contains("unknown item `T1`"), "{args:?}");
    }
}

/// Two sections of one heading ("Notes" under each priority) are told apart by the headings
/// above them: a priority inserted before both is the one reported as new, in every format.
#[test]
fn a_baseline_tells_repeated_headings_apart_by_their_parents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let filler = "The hills are green and the rivers run fast past the old mill. ".repeat(12);
    let plan = |priorities: &[&str]| {
        let mut text = String::from(
            "# Plan\n\n## Unpaid carers\n\nWe will support unpaid carers with short breaks.\n\n",
        );
        for p in priorities {
            text.push_str(&format!("## Priority {p}\n\n### Notes\n\n{filler}\n\n"));
        }
        text
    };
    std::fs::write(d.join("plan.md"), plan(&["A", "B"])).unwrap();
    let args = ["check", "plan.md", "--no-config", "-f", "outcomes"];
    let write = planaudit_in(d, &[&args[..], &["--write-baseline", "b.json"]].concat());
    assert_eq!(code(&write), 0, "{}", stderr(&write));
    let recorded = std::fs::read_to_string(d.join("b.json")).unwrap();
    assert!(recorded.contains("\"under\": \"Priority A\""), "{recorded}");
    std::fs::write(d.join("plan.md"), plan(&["New", "A", "B"])).unwrap();
    let report = json(
        d,
        &[&args[..], &["--baseline", "b.json", "--format", "json"]].concat(),
    );
    let new: Vec<u64> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "orphan-section")
        .map(|f| f["labels"][0]["line"].as_u64().unwrap())
        .collect();
    let text = std::fs::read_to_string(d.join("plan.md")).unwrap();
    let line = text.lines().position(|l| l == "## Priority New").unwrap() as u64 + 3;
    assert_eq!(new, [line], "{report}");
    // A heading recorded while it was the only one of its name is told apart as well, and a
    // renamed parent still matches by the heading.
    std::fs::write(d.join("plan.md"), plan(&["A"])).unwrap();
    let write = planaudit_in(d, &[&args[..], &["--write-baseline", "b.json"]].concat());
    assert_eq!(code(&write), 0, "{}", stderr(&write));
    let new_notes = |priorities: &[&str]| -> Vec<u64> {
        std::fs::write(d.join("plan.md"), plan(priorities)).unwrap();
        let args = [&args[..], &["--baseline", "b.json", "--format", "json"]].concat();
        let report = json(d, &args);
        (report["files"][0]["findings"].as_array().unwrap().iter())
            .filter(|f| f["code"] == "orphan-section")
            .map(|f| f["labels"][0]["line"].as_u64().unwrap())
            .collect()
    };
    let inserted = new_notes(&["New", "A"]);
    let text = std::fs::read_to_string(d.join("plan.md")).unwrap();
    let line = text.lines().position(|l| l == "## Priority New").unwrap() as u64 + 3;
    assert_eq!(inserted, [line]);
    assert_eq!(new_notes(&["Renamed"]), Vec::<u64>::new());
    // SARIF names the parents too, so the inserted section leaves the old alert's print alone.
    let print = |priorities: &[&str]| -> Vec<String> {
        std::fs::write(d.join("plan.md"), plan(priorities)).unwrap();
        let sarif = json(d, &[&args[..], &["--format", "sarif"]].concat());
        (sarif["runs"][0]["results"].as_array().unwrap().iter())
            .filter(|r| r["properties"]["code"] == "orphan-section")
            .map(|r| {
                r["partialFingerprints"]["planaudit/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let before = print(&["A"]);
    assert_eq!(before, ["orphan-section::Priority A › Notes"]);
    assert!(print(&["New", "A"]).contains(&before[0]));
}

/// A finding about neither an item nor a section (a mapping row that names no section) is
/// recorded with its message: a new bad row is reported, not hidden by an old one. The plan's
/// path matches however it is spelt (`plans//a.md`, `plans/./a.md`, `plans/drafts/../a.md`, or
/// absolute inside the working folder).
#[test]
fn a_baseline_tells_one_bad_row_from_another_and_one_spelling_from_another() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    let plan = std::fs::read_to_string("fixtures/claims/missing-section.md").unwrap();
    std::fs::write(d.join("plans/a.md"), &plan).unwrap();
    let write = [
        "check",
        "plans/a.md",
        "-f",
        "outcomes",
        "--write-baseline",
        "b.json",
    ];
    assert_eq!(code(&planaudit_in(d, &write)), 0);
    std::fs::create_dir(d.join("plans/drafts")).unwrap();
    let absolute = d.canonicalize().unwrap().join("plans/a.md");
    let absolute = absolute.to_str().unwrap();
    let name = d.file_name().unwrap().to_str().unwrap();
    let up = format!("../{name}/plans/a.md");
    for spelling in [
        "plans//a.md",
        "plans/./a.md",
        "./plans/a.md",
        "plans/drafts/../a.md",
        &up,
        absolute,
    ] {
        let again = ["check", spelling, "-f", "outcomes", "--baseline", "b.json"];
        let output = planaudit_in(d, &again);
        assert_eq!(code(&output), 0, "{spelling}: {}", stdout(&output));
    }
    // A `..` after a symbolic link leads to another file, which the baseline does not hide.
    #[cfg(unix)]
    {
        let other = tempfile::tempdir().unwrap();
        std::fs::create_dir(other.path().join("sub")).unwrap();
        std::fs::write(other.path().join("a.md"), &plan).unwrap();
        std::os::unix::fs::symlink(other.path().join("sub"), d.join("plans/x")).unwrap();
        let again = [
            "check",
            "plans/x/../a.md",
            "-f",
            "outcomes",
            "--baseline",
            "b.json",
        ];
        let output = planaudit_in(d, &again);
        assert_eq!(code(&output), 1, "{}", stdout(&output));
    }
    let row = "| Digital front door | Outcome 3, HWO9 |";
    assert!(plan.contains(row));
    let edited = plan.replace(row, "| Homes for life | Outcome 2 |");
    std::fs::write(d.join("plans/a.md"), edited).unwrap();
    let check = [
        "check",
        "plans/a.md",
        "-f",
        "outcomes",
        "--baseline",
        "b.json",
    ];
    let output = planaudit_in(d, &[&check[..], &["--fail-on", "warning"]].concat());
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("the row \"Homes for life\" claims O2"),
        "{}",
        stdout(&output)
    );
    // A baseline written before entries had `about` still matches by code, as it did then.
    let old = std::fs::read_to_string(d.join("b.json")).unwrap();
    let old: String = old
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"about\""))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("\"section\": null,\n", "\"section\": null\n");
    std::fs::write(d.join("old.json"), old).unwrap();
    let check = [
        "check",
        "plans/a.md",
        "-f",
        "outcomes",
        "--baseline",
        "old.json",
    ];
    let output = planaudit_in(d, &[&check[..], &["--fail-on", "warning"]].concat());
    assert_eq!(
        code(&output),
        0,
        "{}{}",
        stdout(&output),
        common::stderr(&output)
    );
}
