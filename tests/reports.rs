//! Snapshots of the human and JSON reports for every fixture plan. Review changes with
//! `cargo insta review`: each snapshot is a promise about what users see.

mod common;

use common::{PLANS, code, plan_path, planaudit, stdout};

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
        let output = planaudit(&["check", &plan_path(plan), "--format", "json"]);
        assert_ne!(code(&output), 2, "{plan}: {}", common::stderr(&output));
        insta::assert_snapshot!(format!("json-{plan}"), stdout(&output));
    }
}

#[test]
fn json_reports_validate_against_the_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut args = vec!["check", "--format", "json"];
    let paths: Vec<String> = PLANS.iter().map(|p| plan_path(p)).collect();
    args.extend(paths.iter().map(String::as_str));
    let output = planaudit(&args);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(report["files"].as_array().unwrap().len(), PLANS.len());
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
