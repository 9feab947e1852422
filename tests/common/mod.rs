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
pub fn evaluate(labels: &str, neutral_headings: bool) -> planaudit::eval::Evaluation {
    let rules = planaudit::rules::Catalog::builtin()
        .unwrap()
        .select(&["outcomes", "principles"])
        .unwrap();
    planaudit::eval::evaluate(
        Path::new(labels),
        &rules,
        &planaudit::eval::Options {
            neutral_headings,
            selection: Default::default(),
        },
    )
    .unwrap()
}
