//! Plans that arrive other than as a Markdown file with headings: on standard input, empty,
//! without a heading, or with bold lines for headings.

mod common;

use common::{code, stderr, stdout};

/// Runs `planaudit check ARGS` with `input` on standard input.
fn check_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend(args);
    common::planaudit_stdin(&all, input)
}

#[test]
fn a_plan_on_standard_input_is_audited_under_its_given_name() {
    let plan = std::fs::read("fixtures/plans/gaps-plan.md").unwrap();
    let piped = check_stdin(&["-", "--stdin-filename", "plans/gaps.md"], &plan);
    let named = common::planaudit(&["check", "fixtures/plans/gaps-plan.md"]);
    assert_eq!(code(&piped), code(&named));
    // The same report under the given name, but for the closing hint: no file has that name
    // for `explain` to read, so it says PLAN.
    let hint = "`planaudit explain PLAN O5`";
    assert!(stdout(&piped).contains(hint), "{}", stdout(&piped));
    assert_eq!(
        stdout(&piped)
            .replace("plans/gaps.md", "fixtures/plans/gaps-plan.md")
            .replace(hint, "`planaudit explain fixtures/plans/gaps-plan.md O5`"),
        stdout(&named)
    );
    let unnamed = check_stdin(&["-", "--format", "json"], &plan);
    let json: serde_json::Value = serde_json::from_slice(&unnamed.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "<stdin>");
}

#[test]
fn standard_input_and_files_are_audited_together() {
    let plan = std::fs::read("fixtures/plans/gaps-plan.md").unwrap();
    let output = check_stdin(
        &["-", "fixtures/plans/complete-plan.md", "--summary"],
        &plan,
    );
    let report = stdout(&output);
    assert!(report.starts_with("<stdin>\n"), "{report}");
    assert!(
        report.contains("fixtures/plans/complete-plan.md\n"),
        "{report}"
    );
    assert!(report.contains("2 files: "), "{report}");
}

#[test]
fn standard_input_in_another_format_is_named_as_such() {
    let output = check_stdin(&["-"], b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("<stdin>: cannot read this PDF file"),
        "{}",
        stderr(&output)
    );
    let too_large = check_stdin(
        &["-", "--max-file-size", "10"],
        b"# A plan longer than ten bytes\n",
    );
    assert_eq!(code(&too_large), 2, "{}", stderr(&too_large));
    // Read only up to the limit, its size is not known: no size is made up.
    assert!(
        stderr(&too_large).contains("<stdin>: the plan is over the limit of 10 bytes"),
        "{}",
        stderr(&too_large)
    );
}

/// A plan with nothing to read gets one finding that says why, not a missing item per item: an
/// error, so an empty plan (or one of front matter or comments alone: a truncated export) does
/// not pass CI.
#[test]
fn a_plan_with_no_text_gets_one_no_sections_error() {
    let no_text = "the plan has no text to read";
    for (input, message) in [
        (&b""[..], "the plan is empty"),
        (b"---\ntitle: Strategic Plan 2025-2028\n---\n", no_text),
        (b"<!-- exported from Word -->\n", no_text),
    ] {
        let output = check_stdin(&["-", "--format", "json"], input);
        assert_eq!(code(&output), 1, "{message}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let findings = json["files"][0]["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0]["code"], "no-sections");
        assert_eq!(findings[0]["severity"], "error");
        assert!(findings[0]["message"].as_str().unwrap().contains(message));
        let human = stdout(&check_stdin(&["-"], input));
        assert!(!human.contains("missing:"), "{human}");
        assert!(human.contains("[no-sections]"), "{human}");
    }
}

/// A plan with text but no headings is read as one section and warned about, and the items it
/// misses still count: it must not pass CI for lack of headings.
#[test]
fn a_plan_without_headings_is_warned_and_still_judged() {
    let input = b"We will support unpaid carers with short breaks.\n\nMore text, no heading.\n";
    let output = check_stdin(&["-", "--format", "json"], input);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let with = |code: &str| findings.iter().filter(|f| f["code"] == code).count();
    assert_eq!(with("no-sections"), 1, "{findings:?}");
    assert!(with("missing-item") > 0, "{findings:?}");
    assert_eq!(with("orphan-section"), 0, "{findings:?}");
    let human = stdout(&check_stdin(&["-"], input));
    assert!(
        human.contains("no headings, so it is read as one section"),
        "{human}"
    );
    assert!(
        human.contains("missing: O1 Healthier, longer lives"),
        "{human}"
    );
}

/// A plan converted from a Word document written without heading styles has its bold lines for
/// headings: they make its sections, and its sections are audited.
#[test]
fn a_plan_without_headings_takes_its_bold_lines_as_headings() {
    let input = b"**Supporting unpaid carers**\n\nWe will offer unpaid carers short breaks and \
                  adult carer support plans by 2026.\n\n**Our workforce**\n\nWe will \
                  support staff wellbeing.\n";
    let output = check_stdin(&["-", "--format", "json"], input);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &json["files"][0];
    let each = |list: &serde_json::Value, key: &str| -> Vec<String> {
        let list = list.as_array().unwrap().iter();
        list.map(|entry| entry[key].as_str().unwrap().to_owned())
            .collect()
    };
    let headings = each(&file["sections"], "heading");
    assert_eq!(headings, ["Supporting unpaid carers", "Our workforce"]);
    let codes = each(&file["findings"], "code");
    assert!(!codes.iter().any(|code| code == "no-sections"), "{codes:?}");
    let carers = each(&file["sections"][0]["links"], "item");
    assert!(carers.iter().any(|item| item == "O6"), "{carers:?}");
}

/// A draft exported from a word processor without heading styles: its bold lines are its
/// sections, and its contents list (under a bold "Contents") is not read, so "Safe from harm",
/// named only there, is missing rather than mentioned.
#[test]
fn a_word_export_reads_as_its_author_laid_it_out() {
    let output = common::planaudit(&["check", "fixtures/plans/word-export.md"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    insta::assert_snapshot!("human-word-export", stdout(&output));
}

/// An item the author declares addressed is not also asked for a commitment: the declaration
/// is the author's word on it.
#[test]
fn a_declared_item_gets_no_no_commitment_warning() {
    let plan =
        b"# Plan\n\n## Our staff\n\n<!-- planaudit: addresses O8 -->\n\nThe teams meet monthly.\n";
    let output = check_stdin(&["-", "--format", "json", "--no-config"], plan);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &json["files"][0];
    let o8 = file["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "O8")
        .unwrap();
    assert_eq!(o8["status"], "covered", "{o8}");
    let about_o8 = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["item"] == "O8")
        .count();
    assert_eq!(about_o8, 0, "{}", file["findings"]);
}

/// A planaudit comment before the first heading is read; one inside the front matter, where
/// YAML would drop it, is an error at its line rather than a waiver silently lost.
#[test]
fn directives_before_the_first_heading_work_and_in_front_matter_are_located_errors() {
    let before = b"---\ntitle: Plan\n---\n<!-- planaudit: ignore O8 reason=\"separate workforce plan\" -->\n\n# Plan\n\n## Staff\n\nText.\n";
    let output = check_stdin(&["-", "--format", "json", "--no-config"], before);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let o8 = json["files"][0]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "O8")
        .unwrap()
        .clone();
    assert_eq!(o8["status"], "waived", "{o8}");

    let inside = b"---\ntitle: Plan\n<!-- planaudit: ignore O8 reason=\"separate workforce plan\" -->\n---\n# Plan\n\n## Staff\n\nText.\n";
    let output = check_stdin(&["-", "--stdin-filename", "plan.md", "--no-config"], inside);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("plan.md:3: a planaudit comment in the front matter is not read"),
        "{err}"
    );

    // The snippet's place counts characters, as every other place does, and shows a few
    // lines of the plan, not all of it.
    let inside = format!(
        "---\ntitle: “Café” <!-- planaudit: ignore O8 reason=\"x\" -->\n---\n# Plan\n{}",
        "\nMore of the plan.\n".repeat(40)
    );
    let output = check_stdin(&["-", "--stdin-filename", "plan.md"], inside.as_bytes());
    let err = stderr(&output);
    assert!(err.contains("[plan.md:2:15]"), "{err}");
    assert!(err.matches("More of the plan").count() < 3, "{err}");
}
