//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The three synthetic plans shipped in fixtures/plans.
pub const PLANS: &[&str] = &["complete-plan", "gaps-plan", "awkward-markdown"];

pub fn plan_path(name: &str) -> String {
    format!("fixtures/plans/{name}.md")
}

/// Runs the planaudit binary from the crate root with colour off.
pub fn planaudit(args: &[&str]) -> Output {
    planaudit_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn planaudit_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("planaudit runs")
}

/// Runs the planaudit binary from the crate root with `input` on standard input.
pub fn planaudit_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planaudit runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// Scores a labels file against the built-in outcomes and principles, as `planaudit eval` does.
/// For one framework: its id, true positives at least and false positives at most.
pub type Floor = (&'static str, usize, usize);

/// Evaluates `labels` and asserts each framework's floor, printing the false positives first so
/// that a failure shows what changed.
pub fn assert_floors(labels: &str, floors: &[Floor], neutral_headings: bool) {
    let evaluation = evaluate(labels, neutral_headings);
    for miss in evaluation.misses.iter().filter(|m| m.predicted) {
        eprintln!("false positive: {} § {}", miss.item, miss.heading);
    }
    for &(framework, true_positives, false_positives) in floors {
        let (_, counts) = evaluation
            .frameworks
            .iter()
            .find(|(id, _)| id == framework)
            .unwrap();
        assert!(
            counts.tp >= true_positives,
            "{framework}: {} true positives (floor {true_positives})",
            counts.tp
        );
        assert!(
            counts.fp <= false_positives,
            "{framework}: {} false positives (ceiling {false_positives})",
            counts.fp
        );
    }
}

/// [`assert_floors`] with the headings kept and with neutral ones: a blind fixture's floors hold
/// either way.
pub fn assert_floors_both_ways(labels: &str, floors: &[Floor]) {
    for neutral in [false, true] {
        assert_floors(labels, floors, neutral);
    }
}

pub fn evaluate(labels: &str, neutral_headings: bool) -> planaudit::eval::Evaluation {
    let rules = planaudit::rules::Catalog::builtin()
        .select(&["outcomes", "principles"])
        .unwrap();
    planaudit::eval::evaluate(
        &[Path::new(labels)],
        &rules,
        &planaudit::eval::Options {
            neutral_headings,
            ..Default::default()
        },
    )
    .unwrap()
}

/// A piece of evidence of a schema 2 JSON report, read back: its line, byte span, text (its
/// signal's when the array leaves it out) and signal entry.
pub struct Hit<'r> {
    pub line: u64,
    pub span: [u64; 2],
    pub text: &'r str,
    pub signal: &'r serde_json::Value,
}

/// Reads `evidence`, an array of `report`'s links, through the report's `signals`.
pub fn hit<'r>(report: &'r serde_json::Value, evidence: &'r serde_json::Value) -> Hit<'r> {
    let number = |i: usize| evidence[i].as_u64().expect("a number");
    let signal = &report["signals"][number(3) as usize];
    Hit {
        line: number(0),
        span: [number(1), number(2)],
        text: evidence[4].as_str().or(signal["text"].as_str()).unwrap(),
        signal,
    }
}
