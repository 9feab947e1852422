//! Snapshots of the human and JSON reports for every fixture plan. Review changes with
//! `cargo insta review`: each snapshot is a promise about what users see.

mod common;

use common::{PLANS, code, hit, plan_path, planaudit, stdout};
use std::path::Path;

#[test]
fn human_reports() {
    for plan in PLANS {
        let output = planaudit(&["check", &plan_path(plan), "--color", "never"]);
        assert_ne!(code(&output), 2, "{plan}: {}", common::stderr(&output));
        insta::assert_snapshot!(format!("human-{plan}"), stdout(&output));
    }
}

#[test]
fn json_reports() {
    for plan in PLANS {
        let args = ["check", &plan_path(plan), "--format", "json", "--pretty"];
        let output = planaudit(&args);
        assert_ne!(code(&output), 2, "{plan}: {}", common::stderr(&output));
        insta::assert_snapshot!(format!("json-{plan}"), stdout(&output));
    }
}

#[test]
fn json_is_compact_unless_pretty_and_reads_the_same() {
    let path = plan_path("complete-plan");
    let compact = planaudit(&["check", &path, "--format", "json"]);
    let pretty = planaudit(&["check", &path, "--format", "json", "--pretty"]);
    let compact = stdout(&compact);
    assert_eq!(compact.lines().count(), 1, "one line, newline-terminated");
    assert!(compact.len() < stdout(&pretty).len());
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(parse(&compact), parse(&stdout(&pretty)));
}

#[test]
fn links_list_their_strongest_evidence_unless_all_evidence() {
    let path = plan_path("complete-plan");
    let report = |extra: &[&str]| {
        let mut args = vec!["check", path.as_str(), "--format", "json"];
        args.extend(extra);
        serde_json::from_str::<serde_json::Value>(&stdout(&planaudit(&args))).unwrap()
    };
    // Each link's evidence as (span, text, signal): the signals' numbers differ between the
    // two reports, which use different signals.
    let links = |report: &serde_json::Value| {
        let sections = report["files"][0]["sections"].as_array().unwrap();
        let links = sections.iter().flat_map(|s| s["links"].as_array().unwrap());
        links
            .map(|l| {
                let evidence = l["evidence"].as_array().unwrap().iter();
                let hits = evidence.map(|e| {
                    let hit = hit(report, e);
                    (hit.span, hit.text.to_owned(), hit.signal.clone())
                });
                (hits.collect::<Vec<_>>(), l.get("more_evidence").cloned())
            })
            .collect::<Vec<_>>()
    };
    let (capped, all) = (report(&[]), report(&["--all-evidence"]));
    let (capped, all) = (links(&capped), links(&all));
    assert_eq!(capped.len(), all.len());
    let mut cut = 0;
    for ((shown, more), (every, none)) in capped.iter().zip(&all) {
        let more = more.as_ref().map_or(0, |m| m.as_u64().unwrap() as usize);
        assert_eq!(shown.len() + more, every.len());
        assert!(shown.len() <= 3);
        assert!(shown.iter().all(|e| every.contains(e)));
        assert!(none.is_none());
        let spans: Vec<u64> = shown.iter().map(|(span, ..)| span[0]).collect();
        assert!(spans.is_sorted(), "document order");
        cut += usize::from(more > 0);
    }
    assert!(cut > 0, "the fixture has links with more than 3 hits");
}

#[test]
fn findings_list_their_first_places_unless_all_evidence() {
    // One section that addresses O6 in 30 paragraphs and commits to nothing: its
    // no-commitment finding has a place per paragraph.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let paragraphs = "Unpaid carers get short breaks.\n\n".repeat(30);
    std::fs::write(&plan, format!("# Carers\n\n{paragraphs}")).unwrap();
    let plan = plan.to_str().unwrap();
    let run = |format: &str, extra: &[&str]| {
        let mut args = vec!["check", plan, "--format", format, "--fail-on", "never"];
        args.extend(extra);
        stdout(&planaudit(&args))
    };
    let json = |extra: &[&str]| {
        let report: serde_json::Value = serde_json::from_str(&run("json", extra)).unwrap();
        let findings = report["files"][0]["findings"].as_array().unwrap().clone();
        findings
            .into_iter()
            .find(|f| f["code"] == "no-commitment" && f["item"] == "O6")
            .expect("a no-commitment finding for O6")
    };
    let (capped, all) = (json(&[]), json(&["--all-evidence"]));
    let every = all["labels"].as_array().unwrap();
    assert!(every.len() >= 30, "a place per paragraph: {}", every.len());
    assert!(all.get("more_labels").is_none());
    assert_eq!(capped["labels"].as_array().unwrap()[..], every[..8]);
    assert_eq!(capped["more_labels"], every.len() - 8);

    let sarif = |extra: &[&str]| {
        let log: serde_json::Value = serde_json::from_str(&run("sarif", extra)).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap().clone();
        results
            .into_iter()
            .find(|r| r["ruleId"] == "O6" && r["properties"]["code"] == "no-commitment")
            .unwrap()
    };
    let (capped, all) = (sarif(&[]), sarif(&["--all-evidence"]));
    assert_eq!(capped["relatedLocations"].as_array().unwrap().len(), 7);
    assert_eq!(capped["properties"]["morePlaces"], every.len() - 8);
    assert_eq!(
        all["relatedLocations"].as_array().unwrap().len(),
        every.len() - 1
    );
    assert!(all["properties"].get("morePlaces").is_none());

    // The human report underlines the first place, then names 8 lines and counts the others.
    let human = run("human", &["--color", "never"]);
    let more = human
        .lines()
        .find(|l| l.contains("more, on lines"))
        .unwrap();
    assert!(
        more.ends_with("on lines 5, 7, 9, 11, 13, 15, 17, 19 and 21 other lines"),
        "{more}"
    );
}

#[test]
fn json_reports_validate_against_the_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // A Word and a PDF plan too, whose reports carry places.
    let mut paths: Vec<String> = PLANS.iter().map(|p| plan_path(p)).collect();
    paths.extend(
        [
            "fixtures/plans/gaps-plan.docx",
            "fixtures/plans/gaps-plan.pdf",
        ]
        .map(String::from),
    );
    for extra in [&[][..], &["--all-evidence"]] {
        let mut args = vec!["check", "--format", "json"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(extra);
        let output = planaudit(&args);
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(report["files"].as_array().unwrap().len(), paths.len());
        every_signal_is_used_and_described(&report);
    }
}

/// What the schema cannot say: each piece of evidence's signal is in `signals`, every entry
/// there is used, and numbered in order of first use.
fn every_signal_is_used_and_described(report: &serde_json::Value) {
    let used: Vec<u64> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["sections"].as_array().unwrap())
        .flat_map(|s| s["links"].as_array().unwrap())
        .flat_map(|l| l["evidence"].as_array().unwrap())
        .map(|e| e[3].as_u64().unwrap())
        .collect();
    let mut first_uses = used.clone();
    first_uses.dedup();
    let mut seen = std::collections::BTreeSet::new();
    first_uses.retain(|&s| seen.insert(s));
    let signals = report["signals"].as_array().unwrap();
    assert_eq!(first_uses, (0..signals.len() as u64).collect::<Vec<_>>());
}

#[test]
fn output_is_byte_identical_across_runs() {
    let path = plan_path("gaps-plan");
    let first = planaudit(&["check", &path, "--format", "json"]);
    let second = planaudit(&["check", &path, "--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn english_strategy_against_national_voices() {
    let plan = plan_path("english-strategy");
    let args = [
        "check",
        &plan,
        "--framework",
        "national-voices",
        "--color",
        "never",
    ];
    let output = planaudit(&args);
    assert_eq!(code(&output), 0, "{}", common::stderr(&output));
    insta::assert_snapshot!("human-english-strategy", stdout(&output));
}

/// Snapshots every fixture plan's report in `format`, named `{format}-{plan}`.
fn snapshot_each(format: &str) {
    for plan in PLANS {
        let output = planaudit(&["check", &plan_path(plan), "--format", format]);
        assert_ne!(code(&output), 2, "{plan}: {}", common::stderr(&output));
        insta::assert_snapshot!(format!("{format}-{plan}"), stdout(&output));
    }
}

#[test]
fn sarif_reports() {
    snapshot_each("sarif");
}

#[test]
fn github_reports() {
    snapshot_each("github");
}

#[test]
fn markdown_reports() {
    snapshot_each("markdown");
}

#[test]
fn new_formats_are_byte_identical_across_runs() {
    let path = plan_path("awkward-markdown");
    for format in ["sarif", "github", "markdown"] {
        let first = planaudit(&["check", &path, "--format", format]);
        let second = planaudit(&["check", &path, "--format", format]);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

/// The official OASIS schema (tests/data/README.md says where it comes from), read offline.
fn sarif_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    assert_eq!(
        schema["$schema"], "http://json-schema.org/draft-04/schema#",
        "the validator must read the schema as the draft it declares"
    );
    jsonschema::validator_for(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_reports_validate_against_the_official_schema() {
    let validator = sarif_validator();
    let paths: Vec<String> = PLANS.iter().map(|p| plan_path(p)).collect();
    let mut runs: Vec<Vec<&str>> = paths.iter().map(|p| vec![p.as_str()]).collect();
    runs.push(paths.iter().map(String::as_str).collect());
    for plans in runs {
        let mut args = vec!["check", "--format", "sarif"];
        args.extend(&plans);
        let log: serde_json::Value = serde_json::from_str(&stdout(&planaudit(&args))).unwrap();
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{plans:?}: {errors:#?}");
        assert_rules_and_uris_agree(&log);
    }
}

/// Every rule's help link goes to a heading of docs/rules.md; a user's items, which have none
/// there, get no link.
#[test]
fn sarif_help_links_go_to_headings_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let local = root.join("fixtures/rules/local-priorities.yaml");
    let plan = plan_path("gaps-plan");
    let args = ["check", &plan, "--format", "sarif", "-f", "outcomes"];
    let mut with_local = args.to_vec();
    with_local.extend(["--rules", local.to_str().unwrap()]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&planaudit(&with_local))).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let mut linked = 0;
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        match rule.get("helpUri").and_then(|u| u.as_str()) {
            Some(uri) => {
                let anchor = uri.rsplit_once('#').unwrap().1;
                let heading = format!("\n### {}\n", id);
                assert!(doc.contains(&heading), "{id}: {uri}");
                assert_eq!(anchor, id.to_lowercase());
                linked += 1;
            }
            None => assert!(!doc.contains(&format!("\n### {id}\n")), "{id} has a page"),
        }
    }
    assert!(linked >= 9, "the outcomes and the finding codes are linked");
    assert!(
        rules.iter().any(|r| r.get("helpUri").is_none()),
        "local items have no page"
    );
}

/// A plan with two waivers in comments (one file-wide, one in a section) and a config waiving a
/// third item, in a temporary directory.
fn waived_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Plan 2025-2028\n\n<!-- planaudit: ignore O6 reason=\"in the carers strategy\" -->\n\n\
                ## Safety\n\nAdult support and protection.\n\
                <!-- planaudit: ignore O7 reason=\"see the APC plan\" -->\n";
    std::fs::write(d.join("plan.md"), plan).unwrap();
    let config = "waivers:\n  - item: O8\n    reason: in the workforce plan\n";
    std::fs::write(d.join("planaudit.yaml"), config).unwrap();
    dir
}

/// The (item, waived by, reason) each format should give for [`waived_plan`].
fn waived_plan_expects(config: &str, plan: &str) -> Vec<(String, String, String)> {
    let own = |id: &str, kind: &str, why: &str| (id.to_owned(), kind.to_owned(), why.to_owned());
    vec![
        own("O8", config, "in the workforce plan"),
        own("O6", plan, "in the carers strategy"),
        own("O7", plan, "see the APC plan"),
    ]
}

/// A waived finding stays in SARIF as a suppressed result with the waiver's reason, so code
/// scanning closes it rather than losing it: `inSource` for a comment in the plan, `external`
/// for the config. The log still validates.
#[test]
fn sarif_keeps_waived_findings_as_suppressed() {
    let dir = waived_plan();
    let args = ["check", "plan.md", "-f", "outcomes", "--format", "sarif"];
    let log: serde_json::Value =
        serde_json::from_str(&stdout(&common::planaudit_in(dir.path(), &args))).unwrap();
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "{errors:#?}");
    let suppressed: Vec<(String, String, String)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let s = r.get("suppressions")?.get(0)?;
            let text = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
            Some((
                text(&r["ruleId"]),
                text(&s["kind"]),
                text(&s["justification"]),
            ))
        })
        .collect();
    assert_eq!(suppressed, waived_plan_expects("external", "inSource"));
}

/// The JSON report lists the same waived findings, each whole with its reason and where the
/// waiver is, and keeps them out of its summary; `--no-waivers` puts them back among the
/// findings and leaves the list empty.
#[test]
fn json_lists_waived_findings_with_their_reasons() {
    let dir = waived_plan();
    let report = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["check", "plan.md", "-f", "outcomes", "--format", "json"];
        args.extend(extra);
        serde_json::from_str(&stdout(&common::planaudit_in(dir.path(), &args))).unwrap()
    };
    let waived_run = report(&[]);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let errors = schema_errors(&jsonschema::validator_for(&schema).unwrap(), &waived_run);
    assert!(errors.is_empty(), "{errors:#?}");
    let file = &waived_run["files"][0];
    let waived: Vec<(String, String, String)> = file["waived"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let text = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
            (
                text(&w["finding"]["item"]),
                text(&w["by"]),
                text(&w["reason"]),
            )
        })
        .collect();
    assert_eq!(waived, waived_plan_expects("config", "plan"));
    let findings = |file: &serde_json::Value| -> Vec<String> {
        let list = file["findings"].as_array().unwrap().iter();
        list.filter_map(|f| f["item"].as_str().map(str::to_owned))
            .collect()
    };
    for item in ["O6", "O7", "O8"] {
        assert!(!findings(file).iter().any(|f| f == item), "{item} waived");
    }
    let unwaived = report(&["--no-waivers"]);
    let file = &unwaived["files"][0];
    assert_eq!(file["waived"], serde_json::json!([]));
    for item in ["O6", "O7", "O8"] {
        assert!(findings(file).iter().any(|f| f == item), "{item} unwaived");
    }
    let errors = |report: &serde_json::Value| report["summary"]["errors"].as_u64().unwrap();
    assert!(errors(&unwaived) > errors(&waived_run));
    for summary in [&waived_run["summary"], &waived_run["files"][0]["summary"]] {
        assert_eq!(summary["waived"], 3, "{summary}");
    }
    assert_eq!(unwaived["summary"].get("waived"), None);
}

/// Every format that counts findings says how many a waiver set aside, and the human report
/// (with `--verbose`) and the Markdown one list them with their reasons, so "0 errors" never
/// hides a waived gap from the reader of one format only.
#[test]
fn every_count_says_what_waivers_set_aside() {
    let dir = waived_plan();
    let run = |format: &str, extra: &[&str]| {
        let mut args = vec!["check", "plan.md", "-f", "outcomes", "--format", format];
        args.extend(extra);
        stdout(&common::planaudit_in(dir.path(), &args))
    };
    let human = run("human", &["--verbose"]);
    assert!(human.contains("(3 waived, not shown)"), "{human}");
    assert!(
        human.contains("\n  weak-item O7: see the APC plan (a comment in the plan)\n"),
        "{human}"
    );
    let markdown = run("markdown", &[]);
    assert!(markdown.contains("(3 waived, not shown)"), "{markdown}");
    assert!(
        markdown.contains("- missing-item O8: in the workforce plan (the config)\n"),
        "{markdown}"
    );
    let html = run("html", &[]);
    assert!(html.contains("(3 waived, not shown)"), "{html}");
    // With every finding in a baseline, --verbose still lists the waivers.
    let _ = run("json", &["--write-baseline", "b.json", "--quiet"]);
    let quiet = run("human", &["--baseline", "b.json", "--verbose"]);
    assert!(quiet.contains("no new findings (3 waived and"), "{quiet}");
    assert!(
        quiet.contains("\n  weak-item O7: see the APC plan (a comment in the plan)\n"),
        "{quiet}"
    );
}

/// A framework's name, which a user's rule file chooses, is text in every Markdown line that
/// shows it.
#[test]
fn markdown_escapes_a_frameworks_name() {
    let dir = tempfile::tempdir().unwrap();
    let local = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    let name = local.lines().find(|l| l.starts_with("name:")).unwrap();
    let odd = local.replace(name, "name: \"Glen_morrow *local* <img src=x> priorities\"");
    std::fs::write(dir.path().join("odd.yaml"), odd).unwrap();
    let rules = dir.path().join("odd.yaml");
    let args = [
        "check",
        &plan_path("gaps-plan"),
        "--rules",
        rules.to_str().unwrap(),
        "-f",
        "local",
        "--format",
        "markdown",
    ];
    let report = stdout(&planaudit(&args));
    assert!(!report.contains("<img"), "{report}");
    assert!(!report.contains("*local*"), "{report}");
    assert!(
        report.contains("Glen\\_morrow \\*local\\* &lt;img"),
        "{report}"
    );
}

/// The Markdown report's coverage table gives a waived item's reason in its status cell, for
/// the reviewer of a pull request.
#[test]
fn markdown_gives_the_reason_for_a_waived_item() {
    let dir = waived_plan();
    let args = ["check", "plan.md", "-f", "outcomes", "--format", "markdown"];
    let report = stdout(&common::planaudit_in(dir.path(), &args));
    for row in [
        "| O6 | Supporting unpaid carers | ➖ waived: in the carers strategy |",
        "| O8 | Engaged, supported workforce | ➖ waived: in the workforce plan |",
    ] {
        assert!(report.contains(row), "{row}\n{report}");
    }
}

/// What the draft-04 schema cannot say: each result's `ruleIndex` points at its rule, and
/// every artifact URI is a URI reference (a format draft-04 does not know, so checked here
/// under draft-07).
fn assert_rules_and_uris_agree(log: &serde_json::Value) {
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let uri_reference = serde_json::json!({ "type": "string", "format": "uri-reference" });
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "{result}");
        let related = result.get("relatedLocations").and_then(|r| r.as_array());
        for location in locations.iter().chain(related.into_iter().flatten()) {
            let uri = &location["physicalLocation"]["artifactLocation"]["uri"];
            assert!(jsonschema::draft7::is_valid(&uri_reference, uri), "{uri}");
        }
    }
}

#[test]
fn the_sarif_check_catches_an_invalid_log() {
    let validator = sarif_validator();
    let output = planaudit(&["check", &plan_path("gaps-plan"), "--format", "sarif"]);
    let mut log: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "not a uri".into();
    assert_eq!(schema_errors(&validator, &log).len(), 3);
}

/// Two findings are two alerts: sections of one heading (under one parent or two) and bad rows
/// of one code get distinct partial fingerprints, which stay put when lines move.
#[test]
fn sarif_fingerprints_tell_every_finding_apart() {
    // Orphans need 80 words of their own.
    let filler = "The history of the old building, its architects and its stonework, told for \
                  readers who enjoy such things. "
        .repeat(6);
    let plan = format!(
        "# Plan 2026-2029\n\n## About this document\n\n{filler}\n\n## Carers\n\n\
         ### Background\n\n{filler}\n\n## Workforce\n\n### Background\n\n{filler}\n\n\
         ## About this document\n\n{filler}\n"
    );
    let plan = plan.as_str();
    let prints = |plan: &str| -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.md"), plan).unwrap();
        let args = ["check", "plan.md", "--format", "sarif", "-f", "outcomes"];
        let log: serde_json::Value =
            serde_json::from_str(&stdout(&common::planaudit_in(dir.path(), &args))).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["planaudit/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .filter(|p| p.starts_with("orphan-section"))
            .collect()
    };
    let found = prints(plan);
    assert_eq!(
        found,
        [
            "orphan-section::About this document",
            "orphan-section::Carers › Background",
            "orphan-section::Workforce › Background",
            "orphan-section::About this document#2",
        ]
    );
    let moved = plan.replace("# Plan 2026-2029\n", "# Plan 2026-2029\n\nA new line.\n\n");
    assert_eq!(prints(&moved), found);
    // Numbered headings keep their alerts when a new one above renumbers them.
    let numbered = plan
        .replace("## Carers", "## 2. Carers")
        .replace("## Workforce", "## Priority 3: Workforce");
    let renumbered = plan
        .replace("## Carers", "## 3. Carers")
        .replace("## Workforce", "## Priority 4: Workforce");
    let found = prints(&numbered);
    assert!(
        found.contains(&"orphan-section::Priority Workforce › Background".to_owned()),
        "{found:?}"
    );
    assert_eq!(prints(&renumbered), found);
}

/// A finding a baseline leaves out stays in the SARIF log as a suppressed result with the
/// fingerprint it had without the baseline: left out, code scanning would close its alert as
/// fixed, and open a new one the day the baseline is rewritten.
#[test]
fn sarif_keeps_baselined_findings_as_suppressed_results() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(plan_path("gaps-plan"), d.join("plan.md")).unwrap();
    let run = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec![
            "check",
            "plan.md",
            "--format",
            "sarif",
            "--fail-on",
            "never",
        ];
        all.extend(args);
        let log: serde_json::Value =
            serde_json::from_str(&stdout(&common::planaudit_in(d, &all))).unwrap();
        log["runs"][0]["results"].as_array().unwrap().clone()
    };
    let before = run(&[]);
    let write = common::planaudit_in(d, &["check", "plan.md", "--write-baseline", "b.json"]);
    assert_eq!(code(&write), 0);
    let after = run(&["--baseline", "b.json"]);
    let prints = |results: &[serde_json::Value]| -> Vec<serde_json::Value> {
        results
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    assert!(before.len() > 5, "{before:?}");
    assert_eq!(prints(&after), prints(&before));
    for result in &after {
        assert_eq!(result["suppressions"][0]["kind"], "external", "{result}");
    }
    assert!(before.iter().all(|r| r.get("suppressions").is_none()));
}
