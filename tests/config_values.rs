//! `format` and `fail_on` in planaudit.yaml are typed: a value the CLI would refuse is a
//! located error (file, line, column, the values allowed), exit code 2, and a good one is used.

mod common;

use common::{code, planaudit_in, stderr, stdout};

fn run_with_config(config: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planaudit.yaml"), config).unwrap();
    let plan = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans/gaps-plan.md");
    std::fs::copy(plan, dir.path().join("plan.md")).unwrap();
    planaudit_in(dir.path(), &["check", "plan.md"])
}

#[test]
fn bad_values_point_into_the_file() {
    for (config, at, allowed) in [
        (
            "frameworks: [outcomes]\nformat: xml\n",
            "planaudit.yaml:2:9",
            "`markdown`",
        ),
        ("fail_on: sometimes\n", "planaudit.yaml:1:10", "`never`"),
        (
            "# format: xml would be refused\nformat: xml # not yet\n",
            "planaudit.yaml:2:9",
            "`sarif`",
        ),
    ] {
        let output = run_with_config(config);
        let err = stderr(&output);
        assert_eq!(code(&output), 2, "{config}: {err}");
        assert!(err.contains(at), "{config}: {err}");
        assert!(err.contains(allowed), "{config}: {err}");
    }
}

#[test]
fn good_values_are_used() {
    let output = run_with_config("format: sarif\nfail_on: never\n");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("\"version\": \"2.1.0\""));
}
