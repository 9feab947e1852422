//! `planaudit eval` and `planaudit rules suggest` on the synthetic labelled set in
//! fixtures/labels/synthetic: four locality plans of an invented partnership, labelled against
//! its own small framework (rules.yaml beside them), so the figures depend on the scoring and
//! not on the built-in vocabulary.

mod common;

use common::{code, planaudit, stderr, stdout};

const LABELS: &str = "fixtures/labels/synthetic/labels.yaml";
const RULES: &str = "fixtures/labels/synthetic/rules.yaml";

fn eval(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "eval",
        "--labels",
        LABELS,
        "--rules",
        RULES,
        "-f",
        "harrowfield",
    ];
    args.extend_from_slice(extra);
    planaudit(&args)
}

fn suggest(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["rules", "suggest", "--labels", LABELS, "--rules", RULES];
    args.extend_from_slice(extra);
    planaudit(&args)
}

/// T3 is neither expected nor predicted anywhere: its scores are "—", not 1.00. "Living alone"
/// is expected to address T2 and linked to T1 instead.
#[test]
fn eval_human_report() {
    let output = eval(&[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!("eval-human-synthetic", stdout(&output));
}

/// A labelled section the labels also strip is not scored, and the report says so rather than
/// dropping its label unseen.
#[test]
fn eval_counts_labels_on_stripped_sections() {
    let labels = ["eval", "--labels", "fixtures/labels/labels.yaml"];
    let output = planaudit(&labels);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output)
            .starts_with("1 document, 3 labelled sections (1 more stripped, not scored);"),
        "{}",
        stdout(&output)
    );
    let json = planaudit(&[&labels[..], &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["sections"], 3);
    assert_eq!(report["stripped_sections"], 1);
}

#[test]
fn eval_json_report_gives_null_for_undefined_scores() {
    let output = eval(&["--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let t3 = &report["items"][2];
    assert_eq!(t3["id"], "T3");
    for score in ["precision", "recall", "f1"] {
        assert!(t3["counts"][score].is_null(), "{t3}");
    }
    assert_eq!(report["confusions"][0]["expected"], "T2");
    assert_eq!(report["confusions"][0]["linked"], "T1");
    insta::assert_snapshot!("eval-json-synthetic", text);
}

#[test]
fn eval_scores_a_chosen_subset_of_documents() {
    let output = eval(&[
        "--documents",
        "north.md",
        "--documents",
        "s*",
        "--exclude",
        "*south*",
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["labelled_documents"], 4);
    assert_eq!(document_files(&report), ["north.md"]);
    assert_eq!(report["sections"], 3);
    let human = stdout(&eval(&["--exclude", "north.md"]));
    assert!(
        human.starts_with("3 of 4 documents, 7 labelled sections"),
        "{human}"
    );

    let typo = eval(&["--documents", "nort.md"]);
    assert_eq!(code(&typo), 2);
    assert!(
        stderr(&typo).contains("--documents \"nort.md\" matches no document"),
        "{}",
        stderr(&typo)
    );
    let stray = eval(&["--exclude", "nrth.md"]);
    assert_eq!(code(&stray), 2);
    assert!(
        stderr(&stray).contains("--exclude \"nrth.md\" matches no document"),
        "{}",
        stderr(&stray)
    );
}

/// The JSON report of the labels `files` scored together, on the documents `glob` picks.
fn run_picking(files: &[&str], glob: &str) -> serde_json::Value {
    let mut args = vec!["eval", "--format", "json", "--documents", glob];
    for file in files {
        args.extend(["--labels", file]);
    }
    let output = planaudit(&args);
    assert_eq!(code(&output), 0, "{glob}: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// An error as one line: miette wraps a long message onto lines that start "  │ ".
fn one_line(error: &str) -> String {
    error.replace("\n  │ ", " ")
}

/// The scored documents' names in an `eval --format json` report.
fn document_files(report: &serde_json::Value) -> Vec<&str> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect()
}

/// Framework counts (tp, fp, fn) of an `eval --format json` report.
fn framework_counts(report: &serde_json::Value) -> Vec<[u64; 3]> {
    report["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| ["tp", "fp", "fn"].map(|k| f["counts"][k].as_u64().unwrap()))
        .collect()
}

/// Two labels files scored together count every section of both once: the pooled counts are
/// the sums of each file's, and each document is named by its path, so two files' `al/x.md`
/// stay apart. A file named twice is refused rather than counted twice.
#[test]
fn eval_scores_several_labels_files_as_one_set() {
    let run = |files: &[&str]| {
        let mut args = vec!["eval", "--format", "json"];
        for file in files {
            args.extend(["--labels", file]);
        }
        let output = planaudit(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap()
    };
    let (web, blind) = (
        "fixtures/labels/web-pages.yaml",
        "fixtures/labels/blind-plan.yaml",
    );
    let both = run(&[web, blind]);
    let sums: Vec<[u64; 3]> = framework_counts(&run(&[web]))
        .iter()
        .zip(framework_counts(&run(&[blind])))
        .map(|(a, b)| [a[0] + b[0], a[1] + b[1], a[2] + b[2]])
        .collect();
    assert_eq!(framework_counts(&both), sums);
    assert_eq!(both["labelled_documents"], 2);
    assert_eq!(
        document_files(&both),
        [
            "fixtures/plans/web-pages.md",
            "fixtures/plans/blind-plan.md"
        ]
    );
    // A document is picked by the name printed, with `..` resolved or not, or by its entry.
    for glob in [
        "fixtures/plans/blind-plan.md",
        "fixtures/labels/../plans/blind-plan.md",
        "../plans/blind-plan.md",
    ] {
        let picked = run_picking(&[web, blind], glob);
        assert_eq!(
            document_files(&picked),
            ["fixtures/plans/blind-plan.md"],
            "{glob}"
        );
    }
    let alone = run_picking(&[blind], "fixtures/plans/blind-plan.md");
    assert_eq!(document_files(&alone), ["../plans/blind-plan.md"]);

    let twice = planaudit(&[
        "eval",
        "--labels",
        web,
        "--labels",
        "./fixtures/labels/web-pages.yaml",
    ]);
    assert_eq!(code(&twice), 2);
    assert!(
        stderr(&twice).contains("web-pages.yaml is given twice"),
        "{}",
        stderr(&twice)
    );
}

/// "community transport" occurs in every section labelled T1 and nowhere else.
/// Seven fixtures scored as one set: each framework's 95% interval holds its score, is as wide
/// as seven documents deserve, and is the same on every run.
#[test]
fn eval_gives_each_framework_an_interval_over_documents() {
    let fixtures = [
        "paraphrase",
        "web-pages",
        "blind-plan",
        "blind-plan-islands",
        "blind-plan-city",
        "blind-plan-towns",
        "paraphrase-blind",
    ]
    .map(|name| format!("fixtures/labels/{name}.yaml"));
    let mut args = vec!["eval", "--format", "json"];
    for labels in &fixtures {
        args.extend(["--labels", labels.as_str()]);
    }
    let output = planaudit(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let intervals = report["intervals"].as_array().unwrap();
    assert_eq!(intervals.len(), 2);
    for (interval, framework) in intervals
        .iter()
        .zip(report["frameworks"].as_array().unwrap())
    {
        assert_eq!(interval["id"], framework["id"]);
        let f1 = framework["counts"]["f1"].as_f64().unwrap();
        let [low, high] = [0, 1].map(|i| interval["f1"][i].as_f64().unwrap());
        assert!(low < f1 && f1 < high, "{f1} in {interval}");
        assert!(high - low > 0.03 && high - low < 0.5, "{interval}");
    }
    assert_eq!(stdout(&planaudit(&args)), stdout(&output));
}

/// `--compare-to` reads an earlier JSON report: against itself every change is nil; a file that
/// is not such a report is an input error naming it.
#[test]
fn eval_compares_with_an_earlier_report_document_by_document() {
    let labels: Vec<String> = [
        "web-pages",
        "blind-plan",
        "blind-plan-islands",
        "blind-plan-city",
        "blind-plan-towns",
    ]
    .iter()
    .flat_map(|name| {
        [
            "--labels".to_owned(),
            format!("fixtures/labels/{name}.yaml"),
        ]
    })
    .collect();
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = vec!["eval"];
        args.extend(labels.iter().map(String::as_str));
        args.extend_from_slice(extra);
        planaudit(&args)
    };
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier.json");
    std::fs::write(&earlier, stdout(&run(&["--format", "json"]))).unwrap();
    let earlier = earlier.to_str().unwrap();
    let output = run(&["--compare-to", earlier, "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let frameworks = report["comparison"]["frameworks"].as_array().unwrap();
    assert_eq!(frameworks.len(), 2);
    for framework in frameworks {
        assert_eq!(framework["documents"], 5);
        assert_eq!(framework["before"], framework["after"]);
        assert_eq!(framework["change"], serde_json::json!([0.0, 0.0]));
    }
    let human = stdout(&run(&["--compare-to", earlier]));
    assert!(human.contains("+0.00 to +0.00"), "{human}");

    // An earlier report of the outcomes alone compares no document for the principles.
    let outcomes_only = dir.path().join("outcomes.json");
    std::fs::write(
        &outcomes_only,
        stdout(&run(&["-f", "outcomes", "--format", "json"])),
    )
    .unwrap();
    let output = run(&[
        "--compare-to",
        outcomes_only.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let principles = &report["comparison"]["frameworks"][1];
    assert_eq!(principles["id"], "principles");
    assert_eq!(principles["documents"], 0);
    assert!(principles["change"].is_null(), "{principles}");

    // A report of one labels file names its plans from that file, a run of several from here:
    // matching none, the comparison says so rather than comparing nothing.
    let alone = dir.path().join("alone.json");
    let web = planaudit(&[
        "eval",
        "--labels",
        "fixtures/labels/web-pages.yaml",
        "--format",
        "json",
    ]);
    std::fs::write(&alone, stdout(&web)).unwrap();
    let unmatched = run(&["--compare-to", alone.to_str().unwrap()]);
    assert_eq!(code(&unmatched), 2);
    assert!(
        stderr(&unmatched).contains("scored none of this run's documents"),
        "{}",
        stderr(&unmatched)
    );

    let labels_file = "fixtures/labels/web-pages.yaml";
    let wrong = run(&["--compare-to", labels_file]);
    assert_eq!(code(&wrong), 2);
    assert!(stderr(&wrong).contains(labels_file), "{}", stderr(&wrong));
    let missing = run(&["--compare-to", "no-such-report.json"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("earlier evaluation no-such-report.json"),
        "{}",
        stderr(&missing)
    );
    // The help names a command that works: `eval` has no --output.
    assert!(
        stderr(&missing).contains("--format json > FILE"),
        "{}",
        stderr(&missing)
    );
}

/// An earlier report scored on other labels would print a labels change as the rules': each
/// document's labels are fingerprinted in the report, and a report whose document was scored
/// on other labels, or that does not record them, is refused, naming the document.
#[test]
fn eval_compares_only_reports_of_the_same_labels() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for file in [
        "north.md",
        "south.md",
        "east.md",
        "west.md",
        "labels.yaml",
        "rules.yaml",
    ] {
        std::fs::copy(format!("fixtures/labels/synthetic/{file}"), d.join(file)).unwrap();
    }
    let labels = std::fs::read_to_string(d.join("labels.yaml")).unwrap();
    let run = |extra: &[&str]| {
        let args = ["eval", "--labels", "labels.yaml", "--rules", "rules.yaml"];
        common::planaudit_in(d, &[&args[..], extra].concat())
    };
    let report = run(&["--format", "json"]);
    let earlier: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    let fingerprint = earlier["documents"][0]["labels"].as_str().unwrap();
    assert_eq!(fingerprint.len(), 16, "{fingerprint}");
    std::fs::write(d.join("before.json"), stdout(&report)).unwrap();
    let same = run(&["--compare-to", "before.json"]);
    assert_eq!(code(&same), 0, "{}", stderr(&same));

    // The same labels, written in another order and with a note, are the same labels.
    let (a, b) = (
        "  - heading: Getting there\n    expected: [T1]\n",
        "  - heading: Company and friendship\n    expected: [T2]\n",
    );
    let reordered = labels.replacen(&format!("{a}{b}"), &format!("{b}{a}    source: me\n"), 1);
    assert_ne!(reordered, labels);
    std::fs::write(d.join("labels.yaml"), &reordered).unwrap();
    assert_eq!(code(&run(&["--compare-to", "before.json"])), 0);

    let first = &earlier["documents"][0]["file"].as_str().unwrap().to_owned();
    let relabelled = labels.replacen("expected: [", "expected: [T3, ", 1);
    assert_ne!(relabelled, labels);
    std::fs::write(d.join("labels.yaml"), &relabelled).unwrap();
    let other = run(&["--compare-to", "before.json"]);
    assert_eq!(code(&other), 2, "{}", stderr(&other));
    assert!(
        stderr(&other).contains(&format!(
            "the earlier evaluation scored {first} on other labels"
        )),
        "{}",
        stderr(&other)
    );
    let rest = run(&["--compare-to", "before.json", "--exclude", first]);
    assert_eq!(code(&rest), 0, "{}", stderr(&rest));

    std::fs::write(d.join("labels.yaml"), &labels).unwrap();
    let mut unrecorded = earlier.clone();
    for document in unrecorded["documents"].as_array_mut().unwrap() {
        document.as_object_mut().unwrap().remove("labels");
    }
    std::fs::write(d.join("old.json"), unrecorded.to_string()).unwrap();
    let old = run(&["--compare-to", "old.json"]);
    assert_eq!(code(&old), 2, "{}", stderr(&old));
    assert!(
        stderr(&old).contains("does not record which labels it scored"),
        "{}",
        stderr(&old)
    );
}

/// An item no section is labelled with has nothing to mine, which is what it is told, not
/// that the rules link every such section already.
#[test]
fn suggest_says_when_no_section_carries_the_item() {
    let output = suggest(&["--item", "T3"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("# No candidate: no labelled section carries the item"),
        "{text}"
    );
}

#[test]
fn suggest_ranks_a_phrase_found_only_under_the_item_first() {
    let output = suggest(&["--item", "T1", "--top", "3"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "# F1 +0.56 (0.33 → 0.89) if each section holding it were linked · newly links 3 labelled and 0 other sections · z 1.23\n\
             # alone: precision 1.00 (4 of 4 sections) · recall 1.00 (4 of 4) · count 4\n"
        ),
        "{text}"
    );
    let documents: Vec<serde_yaml::Value> = serde_yaml::Deserializer::from_str(&text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect();
    assert_eq!(documents.len(), 1, "one YAML document per item");
    let phrases: Vec<&str> = documents[0]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(phrases[0], "community transport");
    assert_eq!(phrases.len(), 3);

    let chosen = stdout(&suggest(&["--item", "T1", "--exclude", "west.md"]));
    assert!(
        chosen.contains("# mined from 8 labelled sections in 3 documents, 3 of them labelled T1."),
        "{chosen}"
    );
}

/// The reviewer's run over the four blind plans: every phrase printed would add a true link
/// the rules miss, raise the item's F1, and link sections labelled with the item more often
/// than sections at large; none is a number, a date or a single letter. "carers" and "staff"
/// led O6 and O8 while the rules linked every section labelled with them already.
#[test]
fn suggest_prints_only_phrases_that_add_true_links() {
    let labels = ["", "-city", "-towns", "-islands"]
        .map(|set| format!("fixtures/labels/blind-plan{set}.yaml"));
    let mut args = vec!["rules", "suggest", "--top", "20"];
    for file in &labels {
        args.extend(["--labels", file.as_str()]);
    }
    let output = planaudit(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let mut base_rate = 0.0;
    let mut printed = 0;
    for line in text.lines() {
        let numbers: Vec<f64> = line
            .split([' ', '(', ')', ','])
            .filter_map(|w| w.parse().ok())
            .collect();
        if line.starts_with("# mined from ") {
            base_rate = numbers[2] / numbers[0];
        } else if line.starts_with("# F1 ") {
            let (gain, new_labelled, new_other) = (numbers[0], numbers[3], numbers[4]);
            assert!(gain > 0.0 && new_labelled > 0.0, "{line}");
            let precision = new_labelled / (new_labelled + new_other);
            assert!(precision > base_rate, "{line}");
            printed += 1;
        } else if let Some(phrase) = line.strip_prefix("- ") {
            let generic = [
                "\"carers\"",
                "\"staff\"",
                "\"m\"",
                "\"march\"",
                "\"million\"",
            ];
            assert!(!generic.contains(&phrase), "{phrase}");
        }
    }
    assert!(printed > 20, "{text}");
    for item in [
        "O6 (Supporting unpaid carers)",
        "O8 (Engaged, supported workforce)",
    ] {
        let section = text.split(item).nth(1).unwrap();
        assert!(
            section.contains(
                "# No candidate: the rules link every section labelled with the item already"
            ),
            "{item}: {section}"
        );
    }
}

/// Folds follow sorted file names (east, north, south, west → folds 1, 2, 1, 2), and the run
/// prints the same thing every time.
#[test]
fn suggest_cross_validates_over_deterministic_folds() {
    let output = suggest(&["--folds", "2", "--top", "3"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("#   fold 1 (east.md, south.md): "), "{text}");
    assert!(text.contains("#   fold 2 (north.md, west.md): "), "{text}");
    assert_eq!(stdout(&suggest(&["--folds", "2", "--top", "3"])), text);
    let items: Vec<&str> = text
        .lines()
        .filter(|l| l.ends_with("candidate phrases"))
        .collect();
    assert_eq!(items.len(), 2, "T3 has no labelled section: {items:?}");
    insta::assert_snapshot!("suggest-folds-synthetic", text);

    let too_many = suggest(&["--folds", "5"]);
    assert_eq!(code(&too_many), 2);
    assert!(stderr(&too_many).contains("--folds 5 needs 5 documents; 4 documents selected"));
}

/// The excerpt in README's "Suggesting phrases" section is real output.
#[test]
fn readme_suggest_excerpt_is_real() {
    let readme = include_str!("../README.md");
    let section = readme.split("## Suggesting phrases").nth(1).unwrap();
    let excerpt = section.split("```yaml\n").nth(1).unwrap();
    let excerpt = excerpt.split("```").next().unwrap();
    let output = stdout(&suggest(&["--item", "T1"]));
    for line in excerpt.lines() {
        assert!(
            output.contains(line),
            "README line not in the output:\n{line}"
        );
    }
}

/// docs/accuracy.md's "Reproduce" commands run and print scores; those on sets beside the
/// repository (`../shared`, the real batches) only where the workspace has them (a clone
/// outside the workspace does not).
#[test]
fn accuracy_doc_commands_run() {
    let doc = include_str!("../docs/accuracy.md");
    let block = doc
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("an sh block in docs/accuracy.md");
    let commands = block.replace("\\\n", " ");
    let mut ran = 0;
    for line in commands.lines() {
        let Some(rest) = line.trim().strip_prefix("cargo run --release -- ") else {
            continue;
        };
        // Sets outside the repository (`../shared`, `../realplans*`) run only where this
        // workspace has them.
        let outside_and_missing = rest
            .split_whitespace()
            .filter(|arg| arg.starts_with("../"))
            .any(|path| !std::path::Path::new(path).exists());
        if outside_and_missing {
            continue;
        }
        // The globs are quoted for the shell; planaudit gets them bare.
        let args: Vec<String> = rest
            .split_whitespace()
            .map(|a| a.trim_matches('\'').to_owned())
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = planaudit(&args);
        assert_eq!(code(&output), 0, "`{line}`: {}", stderr(&output));
        assert!(stdout(&output).contains("outcomes"), "`{line}`");
        ran += 1;
    }
    assert!(
        ran >= 6,
        "the doc's fixture commands were not found ({ran})"
    );
}

/// A typo in a label's item id, or a document or heading labelled twice, would skew every
/// figure without a word: each is refused where the labels file writes it, by `eval` and by
/// `rules suggest` alike, as are a heading or a plan that is not there and a file of no
/// documents. An item of a framework that is not selected is no typo.
/// A labelled Word, PDF or HTML plan is scored as `check` reads it. Stripping sections or
/// neutralising headings edits Markdown, so it is refused for them, at the entry that asks.
/// `eval --help` says so.
#[test]
fn labelled_plans_of_every_format_are_scored_and_edits_need_markdown() {
    let help = stdout(&planaudit(&["eval", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("they work on Markdown plans only") && help.contains("(Markdown plans only)"),
        "{help}"
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let labels = d.join("labels.yaml");
    for ext in ["md", "docx", "pdf", "html"] {
        let plan = format!("gaps-plan.{ext}");
        std::fs::copy(format!("fixtures/plans/{plan}"), d.join(&plan)).unwrap();
        let text = format!(
            "schema_version: 1\ndocuments:\n- file: {plan}\n  sections:\n  \
             - heading: Helping people stay well\n    expected: [O1]\n"
        );
        std::fs::write(&labels, &text).unwrap();
        let args = [
            "eval",
            "--labels",
            labels.to_str().unwrap(),
            "-f",
            "outcomes",
        ];
        let output = planaudit(&args);
        assert_eq!(code(&output), 0, "{plan}: {}", stderr(&output));
        assert!(
            stdout(&output).contains("1.00       1.00    1.00    1   0   0"),
            "{plan}: {}",
            stdout(&output)
        );
        let suggested = planaudit(&[
            "rules",
            "suggest",
            "--labels",
            labels.to_str().unwrap(),
            "--item",
            "O1",
        ]);
        assert_eq!(code(&suggested), 0, "{plan}: {}", stderr(&suggested));

        let neutral = planaudit(&[&args[..], &["--neutral-headings"]].concat());
        let stripped_text = text.replace(
            "  sections:",
            "  strip_sections: [About this document]\n  sections:",
        );
        std::fs::write(&labels, stripped_text).unwrap();
        let stripped = planaudit(&args);
        if ext == "md" {
            assert_eq!(code(&neutral), 0, "{}", stderr(&neutral));
            assert_eq!(code(&stripped), 0, "{}", stderr(&stripped));
            continue;
        }
        for (output, asks) in [
            (neutral, ":3:9: --neutral-headings"),
            (stripped, ":4:19: strip_sections"),
        ] {
            assert_eq!(code(&output), 2, "{plan}: {}", stderr(&output));
            assert!(
                stderr(&output).contains(asks),
                "{plan}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).contains("edits a Markdown plan"),
                "{}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn labels_with_unknown_items_or_repeats_are_refused_where_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy("fixtures/labels/synthetic/north.md", d.join("north.md")).unwrap();
    let labels = d.join("labels.yaml");
    let labels_arg = labels.to_str().unwrap();
    let section =
        |heading: &str, ids: &str| format!("  - heading: {heading}\n    expected: [{ids}]\n");
    let document = |file: &str, sections: &str| {
        format!("schema_version: 1\ndocuments:\n- file: {file}\n  sections:\n{sections}")
    };
    let cases = [
        (
            document("north.md", &section("Getting there", "T9")),
            ":6:16: no rule set has an item `T9`",
        ),
        (
            document(
                "north.md",
                &(section("Getting there", "T1") + &section("Getting there", "T2")),
            ),
            ":7:5: \"Getting there\" is labelled twice",
        ),
        (
            document(
                "north.md",
                &(section("Getting there", "T1") + &section("\" Getting there \"", "T2")),
            ),
            "is labelled twice",
        ),
        (
            document("north.md", &section("Getting here", "T1")),
            ":5:14: north.md has no section headed \"Getting here\"; did you mean \"Getting \
             there\" (line 3)?",
        ),
        (
            document("south.md", &section("Getting there", "T1")),
            ":3:9: there is no plan",
        ),
        (
            document("north.md", &section("Getting there", "T1")).replace(
                "  sections:",
                "  strip_sections: [Gettin there]\n  sections:",
            ),
            ":4:20: north.md has no section headed \"Gettin there\" to strip; did you mean \
             \"Getting there\" (line 3)?",
        ),
        (
            "schema_version: 1\ndocuments: []\n".to_owned(),
            ":2:12: the labels file lists no documents",
        ),
    ];
    for (text, error) in cases {
        std::fs::write(&labels, text).unwrap();
        for command in [&["eval"][..], &["rules", "suggest"][..]] {
            let mut args = command.to_vec();
            args.extend(["--labels", labels_arg, "--rules", RULES]);
            let output = planaudit(&args);
            assert_eq!(code(&output), 2, "{command:?}: {}", stderr(&output));
            assert!(
                stderr(&output).contains(error),
                "{command:?}: {}",
                stderr(&output)
            );
        }
    }
    // O6 is a built-in item, only not selected here: scored as nothing expected of it.
    let text = format!(
        "schema_version: 1\ndocuments:\n- file: north.md\n  sections:\n{}",
        section("Getting there", "T1, O6")
    );
    std::fs::write(&labels, text).unwrap();
    let output = planaudit(&[
        "eval",
        "--labels",
        labels_arg,
        "--rules",
        RULES,
        "-f",
        "harrowfield",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

/// A misspelt key would be dropped without a word, and the figures would change with it: each
/// is refused where it is written, with the keys there are and the one it nearly is. The free
/// text the shared labels files note for people is read past. An id listed twice in one
/// `expected` list is refused too.
#[test]
fn labels_refuse_unknown_keys_and_repeated_ids_where_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy("fixtures/labels/synthetic/north.md", d.join("north.md")).unwrap();
    let labels = d.join("labels.yaml");
    let head = "schema_version: 1\ndocuments:\n- file: north.md\n";
    let section = "  sections:\n  - heading: Getting there\n    expected: [T1]\n";
    let run = |text: String| {
        std::fs::write(&labels, text).unwrap();
        let args = [
            "eval",
            "--labels",
            labels.to_str().unwrap(),
            "--rules",
            RULES,
        ];
        planaudit(&args)
    };
    let cases = [
        (
            format!("{head}  strip_section: [Getting there]\n{section}"),
            [
                ":4:3:",
                "unknown field `strip_section`",
                "did you mean `strip_sections`?",
            ],
        ),
        (
            format!("{head}{section}    rationle: why\n"),
            [
                ":7:5:",
                "unknown field `rationle`",
                "did you mean `rationale`?",
            ],
        ),
        (
            format!("{head}{section}    addresses: [T2]\n"),
            [
                ":7:5:",
                "unknown field `addresses`",
                "expected one of `heading`",
            ],
        ),
        (
            format!("schema_version: 1\nlabeller: me\ndocuments:\n- file: north.md\n{section}"),
            [":2:1:", "unknown field `labeller`", "`schema_version`"],
        ),
        (
            format!("{head}{}", section.replace("[T1]", "[T1, T2, T1]")),
            [
                ":6:24:",
                "`T1` is listed twice in one `expected` list",
                "once",
            ],
        ),
    ];
    for (text, errors) in cases {
        let output = run(text);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        for error in errors {
            let text = one_line(&stderr(&output));
            assert!(text.contains(error), "{error}: {text}");
        }
    }
    let noted = format!(
        "{head}  title: North locality plan\n  jurisdiction: Scotland\n  source_url: \
         https://example.org/north\n{section}    rationale: the bus is named\n    source: \
         annotator\n"
    );
    let output = run(noted);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

/// A plan with two sections of one heading: a label that does not say which is refused,
/// naming both, where it bound to the first without a word; `under`, the heading of the
/// section's parent, says which.
#[test]
fn labels_say_which_of_two_sections_of_one_heading_with_under() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Part one\n\n## Actions\n\nWe will review the library opening hours.\n\n\
                # Part two\n\n## Actions\n\nWe will publish patient transport times and \
                add bus routes for travel to appointments.\n";
    std::fs::write(d.join("plan.md"), plan).unwrap();
    let labels = d.join("labels.yaml");
    let run = |sections: &str| {
        let text =
            format!("schema_version: 1\ndocuments:\n- file: plan.md\n  sections:\n{sections}");
        std::fs::write(&labels, text).unwrap();
        let args = [
            "eval",
            "--labels",
            labels.to_str().unwrap(),
            "--rules",
            RULES,
        ];
        planaudit(&[&args[..], &["--format", "json"]].concat())
    };
    let label = |under: &str| format!("  - heading: Actions\n{under}    expected: [T1]\n");
    let unsaid = run(&label(""));
    assert_eq!(code(&unsaid), 2);
    assert!(
        stderr(&unsaid)
            .contains(":5:14: plan.md has 2 sections headed \"Actions\", at line 3 and line 9"),
        "{}",
        stderr(&unsaid)
    );
    assert!(stderr(&unsaid).contains("under:"), "{}", stderr(&unsaid));

    let counts = |sections: &str| {
        let output = run(sections);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        framework_counts(&serde_json::from_str(&stdout(&output)).unwrap())
    };
    assert_eq!(counts(&label("    under: Part two\n")), [[1, 0, 0]]);
    assert_eq!(counts(&label("    under: Part one\n")), [[0, 0, 1]]);
    let both = label("    under: Part one\n") + &label("    under: \" Part two \"\n");
    assert_eq!(counts(&both), [[1, 0, 1]]);

    let stray = run(&label("    under: Part three\n"));
    assert_eq!(code(&stray), 2);
    assert!(
        stderr(&stray)
            .contains(":6:12: plan.md has no section headed \"Actions\" under \"Part three\""),
        "{}",
        stderr(&stray)
    );
    let twice = run(&(label("    under: Part one\n") + &label("    under: Part one\n")));
    assert!(
        stderr(&twice).contains("is labelled twice"),
        "{}",
        stderr(&twice)
    );
}

/// A plan whose topics are `###` headings is labelled at their level: each section is scored
/// with its subsections, as a `##` one is. A `#` heading, a title or chapter judged without its
/// subsections, is refused saying so. A heading that is not there is refused with the plan's
/// headings it nearly is: the same but for apostrophes, case or numbering, or a typo away.
#[test]
fn labels_name_sections_at_any_level_and_suggest_near_headings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Getting about\n\n## Buses\n\n### Patient transport\n\nWe will publish \
                patient transport times and add bus routes for travel to appointments.\n\n\
                ## 2. People’s homes\n\nWe will review our buildings.\n";
    std::fs::write(d.join("plan.md"), plan).unwrap();
    let labels = d.join("labels.yaml");
    let run = |heading: &str, expected: &str| {
        let text = format!(
            "schema_version: 1\ndocuments:\n- file: plan.md\n  sections:\n  - heading: \
             \"{heading}\"\n    expected: [{expected}]\n"
        );
        std::fs::write(&labels, text).unwrap();
        let args = [
            "eval",
            "--labels",
            labels.to_str().unwrap(),
            "--rules",
            RULES,
        ];
        planaudit(&[&args[..], &["--format", "json"]].concat())
    };
    for heading in ["Patient transport", "Buses"] {
        let output = run(heading, "T1");
        assert_eq!(code(&output), 0, "{heading}: {}", stderr(&output));
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(framework_counts(&report), [[1, 0, 0]], "{heading}");
    }
    for (heading, suggested) in [
        (
            "Getting about",
            "its \"Getting about\" (line 1) is a `#` heading, a title or chapter",
        ),
        (
            "People's homes",
            "did you mean \"2. People’s homes\" (line 9)?",
        ),
        (
            "Patient transprt",
            "did you mean \"Patient transport\" (line 5)?",
        ),
    ] {
        let output = run(heading, "T3");
        assert_eq!(code(&output), 2, "{heading}");
        let error = one_line(&stderr(&output));
        assert!(
            error.contains(&format!(
                "plan.md has no section headed \"{heading}\"; {suggested}"
            )),
            "{error}"
        );
    }
}

const SECOND_READER: &str = "fixtures/labels/synthetic/second-reader.yaml";

/// `--reader` scores a second reader's labels in place of planaudit's links: a reader who
/// labels as the first did agrees fully, and one who differs twice is scored on those two
/// sections alone, with no planaudit score beside them.
#[test]
fn eval_scores_a_second_reader_against_the_first() {
    let same = eval(&["--reader", LABELS, "--format", "json"]);
    assert_eq!(code(&same), 0, "{}", stderr(&same));
    let report: serde_json::Value = serde_json::from_str(&stdout(&same)).unwrap();
    assert_eq!(framework_counts(&report), [[8, 0, 0]]);
    assert_eq!(report["misses"].as_array().unwrap().len(), 0);
    assert_eq!(report["readers"][0], LABELS);

    let other = eval(&["--reader", SECOND_READER, "--format", "json"]);
    assert_eq!(code(&other), 0, "{}", stderr(&other));
    let report: serde_json::Value = serde_json::from_str(&stdout(&other)).unwrap();
    assert_eq!(framework_counts(&report), [[7, 1, 1]]);
    let misses: Vec<(&str, &str, &str, bool)> = report["misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = |k: &str| m[k].as_str().unwrap();
            (
                text("heading"),
                text("item"),
                text("kind"),
                m["score"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        misses,
        [
            ("Staying connected", "T2", "false_negative", true),
            ("Living alone", "T1", "false_positive", true),
        ]
    );
    let human = eval(&["--reader", SECOND_READER]);
    insta::assert_snapshot!("eval-human-second-reader", stdout(&human));
}

/// `--agreed-with` scores planaudit only on the decisions the second reader agrees with: the two
/// the readers differ on (a T2 planaudit finds, a T1 it links that the first reader left out)
/// are left out and counted, the rest scored as before.
#[test]
fn eval_scores_only_what_two_readers_agree_on() {
    let counted = |extra: &[&str]| {
        let output = eval(&[extra, &["--format", "json"][..]].concat());
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap()
    };
    let all = counted(&[]);
    assert_eq!(framework_counts(&all), [[4, 1, 4]]);
    assert_eq!(all["disputed"], 0);
    let agreed = counted(&["--agreed-with", SECOND_READER]);
    assert_eq!(framework_counts(&agreed), [[3, 0, 4]]);
    assert_eq!(agreed["disputed"], 2);
    assert_eq!(agreed["agreed_with"][0], SECOND_READER);
    let missed = |report: &serde_json::Value| -> Vec<String> {
        let misses = report["misses"].as_array().unwrap().iter();
        misses
            .map(|m| format!("{} {}", m["heading"].as_str().unwrap(), m["item"]))
            .collect()
    };
    assert!(missed(&all).contains(&"Living alone \"T1\"".to_owned()));
    assert!(!missed(&agreed).contains(&"Living alone \"T1\"".to_owned()));
    // A disputed decision is no confusion's other side either.
    assert_eq!(all["confusions"][0]["linked"], "T1");
    assert_eq!(agreed["confusions"], serde_json::json!([]));
    let human = eval(&["--agreed-with", SECOND_READER]);
    assert!(
        stdout(&human).contains(&format!(
            "only where a second reader ({SECOND_READER}) agrees with the labels \
             (2 disputed decisions left out)"
        )),
        "{}",
        stdout(&human)
    );
    // An evaluation of every decision is no baseline for one of the agreed ones: the change
    // would be the choice's, not the rules'.
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("all.json");
    std::fs::write(&earlier, serde_json::to_string(&all).unwrap()).unwrap();
    let earlier = earlier.to_str().unwrap();
    let mixed = eval(&["--agreed-with", SECOND_READER, "--compare-to", earlier]);
    assert_eq!(code(&mixed), 2);
    assert!(
        stderr(&mixed).contains("the earlier evaluation's `disputed` is 0, and this one's 2"),
        "{}",
        stderr(&mixed)
    );
    assert_eq!(code(&eval(&["--compare-to", earlier])), 0);
    let neutral = eval(&["--neutral-headings", "--compare-to", earlier]);
    assert_eq!(code(&neutral), 2, "headings kept then, neutralised now");
    // Agreement is a choice of what to score, not a second thing to score.
    let both = eval(&["--agreed-with", SECOND_READER, "--reader", SECOND_READER]);
    assert_eq!(code(&both), 2);
}

/// `eval` and `rules suggest` score the built-in frameworks and the --rules files, never the
/// config's: an item only the config's rule file has is refused with help saying so.
#[test]
fn eval_says_it_does_not_read_the_config_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy("fixtures/rules/local-priorities.yaml", d.join("local.yaml")).unwrap();
    std::fs::copy("fixtures/plans/complete-plan.md", d.join("plan.md")).unwrap();
    std::fs::write(d.join("planaudit.yaml"), "rules: [local.yaml]\n").unwrap();
    let labels = "schema_version: 1\ndocuments:\n- file: plan.md\n  sections:\n  - heading: \
                  Making the best use of buildings, people and technology\n    expected: [L1]\n";
    std::fs::write(d.join("labels.yaml"), labels).unwrap();
    for args in [
        &["eval", "--labels", "labels.yaml"][..],
        &[
            "rules",
            "suggest",
            "--labels",
            "labels.yaml",
            "--item",
            "L1",
        ],
    ] {
        let output = common::planaudit_in(d, args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(
            stderr(&output).contains("do not read planaudit.yaml")
                || stderr(&output).contains("does not read planaudit.yaml"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

/// One plan named two ways, in one labels file or from two, would count its sections twice:
/// refused at the second's entry, naming both spellings.
#[test]
fn eval_refuses_a_plan_labelled_under_two_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy("fixtures/plans/gaps-plan.md", d.join("plan.md")).unwrap();
    let entry = |file: &str| {
        format!(
            "- file: {file}\n  sections:\n  - heading: Helping people stay well\n    \
             expected: [O1]\n"
        )
    };
    let head = "schema_version: 1\ndocuments:\n";
    std::fs::write(d.join("one.yaml"), format!("{head}{}", entry("plan.md"))).unwrap();
    let both = format!("{head}{}{}", entry("plan.md"), entry("./plan.md"));
    std::fs::write(d.join("both.yaml"), both).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(
        d.join("sub/up.yaml"),
        format!("{head}{}", entry("../plan.md")),
    )
    .unwrap();
    let labels = |files: &[&str]| {
        let mut args = vec!["eval".to_owned()];
        for file in files {
            args.extend(["--labels".to_owned(), d.join(file).display().to_string()]);
        }
        planaudit(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(code(&labels(&["one.yaml"])), 0);
    for (files, at) in [
        (&["both.yaml"][..], "both.yaml:7:9:"),
        (&["one.yaml", "sub/up.yaml"], "up.yaml:3:9:"),
    ] {
        let output = labels(files);
        assert_eq!(code(&output), 2, "{files:?}");
        assert!(
            stderr(&output).contains(&format!("{at} "))
                && stderr(&output).contains("is labelled twice"),
            "{}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("names the same plan"),
            "{}",
            stderr(&output)
        );
    }
}

/// A section the first labels score and the reader left out is an error at its label, not a
/// section the reader linked to nothing; a reader file's plan labelled twice across files (at
/// the second), and headings neutralised for a reader who reads no headings, are refused too.
#[test]
fn eval_refuses_a_reader_who_skipped_a_section() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The reader's files name the same plans from elsewhere: by their absolute paths.
    let plans = std::fs::canonicalize("fixtures/labels/synthetic").unwrap();
    let full = std::fs::read_to_string(SECOND_READER)
        .unwrap()
        .replace("- file: ", &format!("- file: {}/", plans.display()));
    let skipped = full.replace("  - heading: Our staff\n    expected: []\n", "");
    assert_ne!(skipped, full);
    let reader = d.join("reader.yaml");
    std::fs::write(&reader, skipped).unwrap();
    let output = eval(&["--reader", reader.to_str().unwrap()]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(
            "labels.yaml:19:14: the second reader did not label \"Our staff\" of south.md"
        ),
        "{}",
        stderr(&output)
    );

    let again = d.join("again.yaml");
    std::fs::write(&reader, &full).unwrap();
    std::fs::write(&again, &full).unwrap();
    let output = eval(&[
        "--reader",
        reader.to_str().unwrap(),
        "--reader",
        again.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("again.yaml:9:14: the second reader labels \"Getting there\" of")
            && stderr(&output).contains("north.md twice"),
        "{}",
        stderr(&output)
    );

    let output = eval(&["--reader", SECOND_READER, "--neutral-headings"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("cannot be used with"),
        "{}",
        stderr(&output)
    );
}
