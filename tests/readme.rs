//! Keeps README.md true: every command in its `sh` blocks runs, and every line of its `text`
//! blocks (the tour of the report) appears in the real report.

mod common;

use std::path::Path;

use common::{code, planaudit, planaudit_in, stderr, stdout};

fn blocks(kind: &str) -> Vec<String> {
    let readme = include_str!("../README.md");
    let fence = format!("```{kind}\n");
    readme
        .split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_owned())
        .collect()
}

/// The planaudit arguments of a README command line, if it runs planaudit.
fn planaudit_args(line: &str) -> Option<Vec<&str>> {
    let command = line.split(" #").next().unwrap_or_default().trim();
    let rest = command
        .strip_prefix("cargo run --release -- ")
        .or_else(|| command.strip_prefix("planaudit "))?;
    Some(rest.split_whitespace().collect())
}

#[test]
fn readme_commands_run() {
    let work = tempfile::tempdir().unwrap();
    copy_dir(Path::new("fixtures"), &work.path().join("fixtures"));
    let mut ran = 0;
    for block in blocks("sh") {
        for line in block.lines() {
            let Some(args) = planaudit_args(line) else {
                continue;
            };
            let output = planaudit_in(work.path(), &args);
            assert!(
                matches!(code(&output), 0 | 1),
                "`{line}` failed:\n{}",
                stderr(&output)
            );
            let silent = ["--output", "--quiet", "init"]
                .iter()
                .any(|a| args.contains(a));
            assert!(!stdout(&output).is_empty() || silent, "{line}");
            ran += 1;
        }
    }
    assert!(ran >= 7, "the README's commands were not found ({ran})");
    assert!(
        work.path().join("report.json").exists(),
        "--output example wrote its file"
    );
}

#[test]
fn readme_report_excerpts_are_real() {
    // The tour shows the default report and, for the coverage table, the verbose one.
    let args = ["check", "fixtures/plans/gaps-plan.md", "--color", "never"];
    let report =
        stdout(&planaudit(&args)) + &stdout(&planaudit(&[&args[..], &["--verbose"]].concat()));
    let excerpts = blocks("text");
    assert!(excerpts.len() >= 3);
    for excerpt in excerpts {
        for line in excerpt.lines() {
            assert!(
                report.contains(line),
                "README line not in the report:\n{line}"
            );
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The README's table of findings names every finding code with its default severity, so a
/// new code cannot ship undocumented there.
#[test]
fn readme_findings_table_has_every_code() {
    let readme = include_str!("../README.md");
    for code in planaudit::audit::Code::all() {
        let severity = code.severity(planaudit::rules::Obligation::Must).as_str();
        let row = format!("| `{code}` | {severity} |");
        assert!(readme.contains(&row), "README.md lacks the row `{row} …`");
    }
}

/// docs/ci.md's GitHub workflow: each planaudit step runs (exit 0 or 1, never a usage error),
/// and only the last may fail the job, since GitHub skips the steps after a failed one.
#[test]
fn the_ci_guides_workflow_reports_before_it_gates() {
    let guide = include_str!("../docs/ci.md");
    let workflow = guide
        .split("```yaml\n")
        .find(|block| block.contains("runs-on:"))
        .and_then(|block| block.split("```").next())
        .expect("docs/ci.md has a workflow");
    let steps: Vec<&str> = workflow
        .lines()
        .filter_map(|line| line.trim().strip_prefix("- run: planaudit "))
        .collect();
    assert!(steps.len() >= 3, "{workflow}");
    let (gate, reports) = steps.split_last().unwrap();
    for step in reports {
        assert!(
            step.contains("--fail-on never"),
            "only the last step may fail: {step}"
        );
    }
    assert!(
        !gate.contains("--fail-on never"),
        "the last step gates: {gate}"
    );
    let work = tempfile::tempdir().unwrap();
    copy_dir(Path::new("fixtures/plans"), &work.path().join("plans"));
    for step in steps {
        let command = step.split(" >>").next().unwrap_or_default();
        let args: Vec<&str> = command.split_whitespace().collect();
        let output = planaudit_in(work.path(), &args);
        assert!(
            matches!(code(&output), 0 | 1),
            "`{step}` failed:\n{}",
            stderr(&output)
        );
    }
}
