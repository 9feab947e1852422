//! Nothing lost, nothing leaked, nothing hangs: outputs never overwrite inputs, a failed or
//! interrupted run writes nothing, special and secret files are refused unread, and odd inputs
//! get a clear message. Devices are stood in for by FIFOs and symlinks in temporary
//! directories, never the machine's own /dev.
#![cfg(unix)]

mod common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{code, planaudit_in, stderr, stdout};

const PLAN: &str = "# Plan\n\n## Carers\n\nUnpaid carers get short breaks.\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo works");
}

/// Runs planaudit in `dir`, killing it if it takes longer than 20 s: a hang is a failure,
/// not a stuck test run.
fn bounded(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("planaudit {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Asserts exit 2 with `needle` in the error, and returns the error.
fn fails(output: &Output, needle: &str) -> String {
    let err = stderr(output);
    assert_eq!(code(output), 2, "{err}");
    assert!(err.contains(needle), "expected `{needle}` in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn no_output_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    write(d, "plan.md", PLAN);
    let rules = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    write(d, "local.yaml", &rules);
    write(d, "planaudit.yaml", "frameworks: [outcomes]\n");
    symlink("plan.md", d.join("link.md")).unwrap();
    std::fs::hard_link(d.join("local.yaml"), d.join("hard.yaml")).unwrap();

    let cases: &[(&[&str], &str)] = &[
        (&["--write-baseline", "plan.md"], "is the plan"),
        (&["--write-baseline", "link.md"], "is the plan"),
        (&["--write-baseline", "sub/../plan.md"], "is the plan"),
        (&["--output", "./link.md"], "is the plan"),
        (
            &["--rules", "local.yaml", "--output", "local.yaml"],
            "is the rule file",
        ),
        (
            &["--rules", "local.yaml", "--output", "hard.yaml"],
            "is the rule file",
        ),
        (&["--output", "planaudit.yaml"], "is the config"),
        (&["--output", "sub/../planaudit.yaml"], "is the config"),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["check", "plan.md"];
        args.extend(*extra);
        fails(&planaudit_in(d, &args), needle);
        assert_eq!(read(d, "plan.md"), PLAN, "{extra:?}");
        assert_eq!(read(d, "local.yaml"), rules, "{extra:?}");
        assert_eq!(read(d, "planaudit.yaml"), "frameworks: [outcomes]\n");
    }

    let recorded = planaudit_in(d, &["check", "plan.md", "--write-baseline", "base.json"]);
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    let baseline = read(d, "base.json");
    for extra in [
        ["--baseline", "base.json", "--output", "base.json"],
        ["--baseline", "base.json", "--write-baseline", "base.json"],
        ["--baseline", "base.json", "--write-baseline", "./base.json"],
    ] {
        let mut args = vec!["check", "plan.md"];
        args.extend(extra);
        fails(&planaudit_in(d, &args), "is the baseline");
        assert_eq!(read(d, "base.json"), baseline);
    }
    let both = [
        "check",
        "plan.md",
        "--output",
        "x.json",
        "--write-baseline",
        "x.json",
    ];
    fails(&planaudit_in(d, &both), "both name x.json");
    // Spelt two ways, before either exists: the report must not be lost under the baseline.
    std::fs::create_dir_all(d.join("sub")).unwrap();
    for (report, base) in [("./x.json", "x.json"), ("sub/../x.json", "./x.json")] {
        let args = [
            "check",
            "plan.md",
            "--output",
            report,
            "--write-baseline",
            base,
        ];
        fails(&planaudit_in(d, &args), "both name");
        assert!(!d.join("x.json").exists(), "{report} {base}");
    }
    // A report and the folder of pages at one new path: named as the clash it is.
    for dir in ["x.out", "./x.out/"] {
        let args = ["check", "plan.md", "--output", "x.out", "--output-dir", dir];
        fails(
            &planaudit_in(d, &args),
            "--output and --output-dir both name x.out",
        );
        assert!(!d.join("x.out").exists(), "{dir}");
    }
}

/// A report or baseline among the pages of `--output-dir` would be replaced by a page or
/// removed as a stale one: refused, whether the folder exists yet or not.
/// A baseline that cannot be written (a directory, a missing folder) is refused before the
/// run, not after its whole report has been printed.
#[test]
fn an_unwritable_baseline_is_refused_before_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    std::fs::create_dir(d.join("taken")).unwrap();
    for (path, needle) in [
        ("taken", "it is a directory"),
        ("nowhere/b.json", "there is no directory"),
    ] {
        let output = planaudit_in(d, &["check", "plan.md", "--write-baseline", path]);
        let err = fails(&output, needle);
        assert_eq!(stdout(&output), "", "{path}");
        // The folder of HTML pages is another option's business, not a baseline's.
        assert!(!err.contains("--output-dir"), "{err}");
    }
}

/// A page of `--output-dir` that would land on the rule file, the config or the baseline, by
/// its name or through a symlink in the folder, is refused before anything is written.
#[test]
fn no_page_of_output_dir_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let rules = std::fs::read_to_string("fixtures/rules/local-priorities.yaml").unwrap();
    write(d, "local.yaml", &rules);
    let recorded = planaudit_in(d, &["check", "plan.md", "--write-baseline", "base.json"]);
    assert_eq!(code(&recorded), 0, "{}", stderr(&recorded));
    let baseline = read(d, "base.json");
    std::fs::create_dir(d.join("linked")).unwrap();
    symlink("../local.yaml", d.join("linked/index.html")).unwrap();
    std::fs::create_dir(d.join("site")).unwrap();
    write(d, "site/index.html", &baseline);
    write(d, "site/plan.html", "frameworks: [outcomes]\n");
    let cases: &[(&[&str], &str)] = &[
        (
            &["--rules", "local.yaml", "--output-dir", "linked"],
            "is the rule file",
        ),
        (
            &["--rules", "linked/index.html", "--output-dir", "linked"],
            "is the rule file",
        ),
        (
            &["--baseline", "site/index.html", "--output-dir", "site"],
            "is the baseline",
        ),
        (
            &["--config", "site/plan.html", "--output-dir", "site"],
            "is the config",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["check", "plan.md", "--fail-on", "never"];
        args.extend(*extra);
        fails(&planaudit_in(d, &args), needle);
        assert_eq!(read(d, "local.yaml"), rules, "{extra:?}");
        assert_eq!(read(d, "site/index.html"), baseline, "{extra:?}");
        assert_eq!(read(d, "site/plan.html"), "frameworks: [outcomes]\n");
    }
}

#[test]
fn no_output_goes_among_the_pages_of_output_dir() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    for option in ["--output", "--write-baseline"] {
        for path in ["site/plan.html", "./site/index.html", "site/r.json"] {
            let args = ["check", "plan.md", option, path, "--output-dir", "site"];
            fails(&planaudit_in(d, &args), "is in --output-dir site");
            assert!(!d.join("site").exists(), "{option} {path}");
        }
    }
    std::fs::create_dir(d.join("site")).unwrap();
    let args = [
        "check",
        "plan.md",
        "--output",
        "site/../site/r.json",
        "--output-dir",
        "site",
    ];
    fails(&planaudit_in(d, &args), "is in --output-dir");
    // Beside the folder, or further down, is fine.
    std::fs::create_dir(d.join("site/deeper")).unwrap();
    for path in ["r.json", "site/deeper/r.json"] {
        let args = [
            "check",
            "plan.md",
            "--output",
            path,
            "--output-dir",
            "site",
            "--fail-on",
            "never",
        ];
        let run = planaudit_in(d, &args);
        assert_eq!(code(&run), 0, "{path}: {}", stderr(&run));
        assert!(d.join(path).is_file(), "{path}");
    }
}

#[test]
fn a_failed_run_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    write(
        d,
        "base.json",
        "{\"schema_version\": 1, \"findings\": [oops]}",
    );
    let output = planaudit_in(
        d,
        &[
            "check",
            "plan.md",
            "--baseline",
            "base.json",
            "--write-baseline",
            "new.json",
        ],
    );
    fails(&output, "base.json:1:");
    assert!(
        !d.join("new.json").exists(),
        "a corrupt baseline fails first"
    );

    std::fs::write(d.join("bad.md"), b"# Plan\n\xff\xfe broken\n").unwrap();
    write(d, "r.json", "previous report");
    write(d, "b.json", "previous baseline");
    let output = planaudit_in(
        d,
        &[
            "check",
            "plan.md",
            "bad.md",
            "--output",
            "r.json",
            "--write-baseline",
            "b.json",
        ],
    );
    fails(&output, "bad.md");
    assert_eq!(read(d, "r.json"), "previous report");
    assert_eq!(read(d, "b.json"), "previous baseline");

    // The pages of --output-dir: none written, none replaced, no temporary file left.
    // (An earlier run's pages: a page planaudit did not write is refused before any plan is read.)
    std::fs::write(d.join("previous.md"), PLAN.replace("# ", "# Earlier ")).unwrap();
    let earlier = [
        "check",
        "previous.md",
        "--output-dir",
        "site",
        "--fail-on",
        "never",
    ];
    assert_eq!(code(&planaudit_in(d, &earlier)), 0);
    std::fs::rename(d.join("site/previous.html"), d.join("site/plan.html")).unwrap();
    let previous = read(d, "site/plan.html");
    let output = planaudit_in(d, &["check", "plan.md", "bad.md", "--output-dir", "site"]);
    fails(&output, "bad.md");
    let mut left: Vec<String> = std::fs::read_dir(d.join("site"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["index.html", "plan.html"]);
    assert_eq!(read(d, "site/plan.html"), previous);
    // Nor a folder made for them.
    let output = planaudit_in(
        d,
        &["check", "plan.md", "bad.md", "--output-dir", "new/site"],
    );
    fails(&output, "bad.md");
    assert!(!d.join("new").exists(), "a failed run leaves no folder");
    // A file where the folder should be is named as such, and left alone.
    write(d, "taken", "a file");
    let output = planaudit_in(d, &["check", "plan.md", "--output-dir", "taken"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("--output-dir taken is a file, not a directory"),
        "{err}"
    );
    assert_eq!(read(d, "taken"), "a file");
    let output = planaudit_in(d, &["check", "plan.md", "--output-dir", "site"]);
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    assert!(read(d, "site/plan.html").starts_with("<!DOCTYPE html>"));
    assert!(read(d, "site/index.html").contains("plan.html"));
}

#[test]
fn output_goes_through_fifos_and_symlinks_and_keeps_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let direct = stdout(&planaudit_in(d, &["check", "plan.md", "--format", "json"]));

    mkfifo(&d.join("pipe"));
    let reader = {
        let pipe = d.join("pipe");
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let output = bounded(
        d,
        &["check", "plan.md", "--format", "json", "--output", "pipe"],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    // Had the FIFO been replaced by a file, the reader would wait forever: fail instead.
    let start = Instant::now();
    while !reader.is_finished() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(reader.is_finished(), "nothing was written into the FIFO");
    let piped = reader.join().unwrap();
    assert_eq!(piped, direct, "the report went down the pipe");
    let kind = std::fs::symlink_metadata(d.join("pipe"))
        .unwrap()
        .file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a FIFO"
    );

    std::fs::create_dir(d.join("reports")).unwrap();
    write(d, "reports/r.json", "old");
    std::fs::set_permissions(d.join("reports/r.json"), PermissionsExt::from_mode(0o600)).unwrap();
    symlink("reports/r.json", d.join("link.json")).unwrap();
    let output = planaudit_in(
        d,
        &["check", "plan.md", "--format", "json", "-o", "link.json"],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(d.join("link.json").symlink_metadata().unwrap().is_symlink());
    assert_eq!(read(d, "reports/r.json"), direct);
    let mode = std::fs::metadata(d.join("reports/r.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "a private report stays private");
    assert_eq!(std::fs::read_dir(d.join("reports")).unwrap().count(), 1);

    write(d, "locked.json", "old");
    std::fs::set_permissions(d.join("locked.json"), PermissionsExt::from_mode(0o444)).unwrap();
    fails(
        &planaudit_in(d, &["check", "plan.md", "-o", "locked.json"]),
        "read-only",
    );
    assert_eq!(read(d, "locked.json"), "old");
}

/// `--output /dev/stdout` with standard output sent to a file by `>>` (a CI step summary)
/// appends the report to what the file held, in the same file; a dangling symlink gets its
/// target created and stays a link; a loop of links is refused.
#[test]
fn output_through_a_descriptor_appends_and_a_dangling_link_gets_its_target() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let direct = stdout(&planaudit_in(d, &["check", "plan.md", "--format", "json"]));

    write(d, "summary.txt", "HEADER\n");
    let inode = std::fs::metadata(d.join("summary.txt")).unwrap().ino();
    let appended = std::fs::File::options()
        .append(true)
        .open(d.join("summary.txt"))
        .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args([
            "check",
            "plan.md",
            "--format",
            "json",
            "--output",
            "/dev/stdout",
        ])
        .current_dir(d)
        .stdout(Stdio::from(appended))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(read(d, "summary.txt"), format!("HEADER\n{direct}"));
    assert_eq!(
        std::fs::metadata(d.join("summary.txt")).unwrap().ino(),
        inode
    );

    symlink("made.json", d.join("dangling.json")).unwrap();
    let output = planaudit_in(
        d,
        &[
            "check",
            "plan.md",
            "--format",
            "json",
            "-o",
            "dangling.json",
        ],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        d.join("dangling.json")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert_eq!(read(d, "made.json"), direct);

    symlink("loop-b", d.join("loop-a")).unwrap();
    symlink("loop-a", d.join("loop-b")).unwrap();
    fails(
        &planaudit_in(d, &["check", "plan.md", "-o", "loop-a"]),
        "too many levels of symbolic links",
    );
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    // Enough plans that the report is still being written when the signal comes.
    std::fs::create_dir(d.join("plans")).unwrap();
    let plan = PLAN.repeat(400);
    for i in 0..400 {
        write(d, &format!("plans/p{i:03}.md"), &plan);
    }
    for (signal, status) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planaudit"))
            .args([
                "check",
                "plans",
                "--format",
                "json",
                "--threads",
                "1",
                "-o",
                "out/r.json",
            ])
            .current_dir(d)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let temporary = || {
            std::fs::read_dir(&out).unwrap().any(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".planaudit-")
            })
        };
        while !temporary() {
            assert!(child.try_wait().unwrap().is_none(), "the run ended first");
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        let kill = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let exit = child.wait().unwrap();
        assert_eq!(exit.code(), Some(status), "SIG{signal}");
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "SIG{signal}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn secret_and_special_files_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    write(d, "sub/plan.md", PLAN);
    write(d, "planaudit.yaml", "rules: [/proc/self/environ]\n");
    let marker = "PLANAUDIT_TEST_SECRET=do-not-print-me";
    let output = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(["check", "plan.md"])
        .current_dir(d.join("sub"))
        .env("PLANAUDIT_TEST_SECRET", "do-not-print-me")
        .output()
        .unwrap();
    let err = fails(&output, "cannot read rule file /proc/self/environ");
    assert!(!err.contains("do-not-print-me"), "{err}");
    assert!(!err.contains(marker), "{err}");

    mkfifo(&d.join("rules.yaml"));
    mkfifo(&d.join("base.json"));
    let cases: &[(&[&str], &str)] = &[
        (
            &["--rules", "rules.yaml"],
            "cannot read rule file rules.yaml: it is a FIFO",
        ),
        (
            &["--config", "rules.yaml"],
            "cannot read config rules.yaml: it is a FIFO",
        ),
        (
            &["--baseline", "base.json"],
            "cannot read baseline base.json: it is a FIFO",
        ),
        (
            &["--rules", "sub"],
            "cannot read rule file sub: it is a directory",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["check", "sub/plan.md"];
        if extra[0] != "--config" {
            args.push("--no-config");
        }
        args.extend(*extra);
        fails(&bounded(d, &args), needle);
    }
    let labels = bounded(d, &["eval", "--labels", "rules.yaml"]);
    fails(&labels, "cannot read labels rules.yaml: it is a FIFO");

    // A kernel file is no plan, named or in a labels file: /proc/kmsg never ends.
    let kernel = bounded(d, &["check", "--no-config", "/proc/self/status"]);
    fails(&kernel, "it is a system file (/proc or /sys)");
    write(
        d,
        "labels.yaml",
        "schema_version: 1\ndocuments:\n- file: /proc/self/status\n  sections:\n  - heading: X\n    expected: [O1]\n",
    );
    let labelled = bounded(d, &["eval", "--labels", "labels.yaml"]);
    fails(&labelled, "it is a system file (/proc or /sys)");

    // A config found above that is a FIFO is refused, not skipped for the defaults unseen.
    std::fs::remove_file(d.join("planaudit.yaml")).unwrap();
    mkfifo(&d.join("planaudit.yaml"));
    let found = bounded(&d.join("sub"), &["check", "plan.md"]);
    fails(&found, "cannot read config ../planaudit.yaml: it is a FIFO");
}

#[test]
fn an_invalid_file_is_shown_only_in_a_short_escaped_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let secret = "k".repeat(3000);
    write(
        d,
        "creds.yaml",
        &format!("user: me\ntoken: \u{1b}]0;pwned\u{7}{secret}\nhost: [x\n"),
    );
    for option in ["--rules", "--config"] {
        let output = planaudit_in(d, &["check", "plan.md", option, "creds.yaml"]);
        let err = fails(&output, "creds.yaml:");
        assert!(!err.contains('\u{1b}'), "no raw escape: {err}");
        assert!(!err.contains('\u{7}'), "no raw bell: {err}");
        assert!(!err.contains(&"k".repeat(400)), "{err}");
        assert!(err.len() < 3000, "{} bytes of error", err.len());
    }
}

#[test]
fn impossible_dates_and_unknown_baselines_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    write(
        d,
        "planaudit.yaml",
        "waivers:\n  - item: O6\n    reason: In the carers strategy\n    until: 2027-02-30\n",
    );
    let err = fails(
        &planaudit_in(d, &["check", "plan.md"]),
        "planaudit.yaml:4:12:",
    );
    assert!(err.contains("`2027-02-30` is not a date"), "{err}");
    write(
        d,
        "planaudit.yaml",
        "waivers:\n  - item: O6\n    reason: In the carers strategy\n    until: 2020-02-30\n",
    );
    let err = fails(&planaudit_in(d, &["check", "plan.md"]), "is not a date");
    assert!(!err.contains("expired"), "{err}");
    // Only YYYY-MM-DD is a date here: not a timestamp, a five-digit year or digits alone, and
    // the error speaks of the config, not of the date library's types.
    for until in ["2027-12-31T00:00:00Z", "99999-12-31", "20271231"] {
        write(
            d,
            "planaudit.yaml",
            &format!(
                "waivers:\n  - item: O6\n    reason: In the carers strategy\n    until: \"{until}\"\n"
            ),
        );
        let err = fails(
            &planaudit_in(d, &["check", "plan.md"]),
            "planaudit.yaml:4:12:",
        );
        assert!(
            err.contains(&format!("`{until}` is not a date written YYYY-MM-DD")),
            "{err}"
        );
        assert!(!err.contains("jiff") && !err.contains("integer"), "{err}");
    }

    write(
        d,
        "base.json",
        "{\n  \"schema_version\": 99,\n  \"findings\": []\n}\n",
    );
    let output = planaudit_in(
        d,
        &["check", "plan.md", "--no-config", "--baseline", "base.json"],
    );
    let err = fails(
        &output,
        "base.json:2:21: unsupported baseline schema_version 99",
    );
    assert!(err.contains("schema_version 1"), "{err}");
    let entry = r#"{"file": "plan.md", "code": "weird", "item": null, "section": null}"#;
    let text = format!("{{\n  \"schema_version\": 1,\n  \"findings\": [\n    {entry}\n  ]\n}}\n");
    write(d, "base.json", &text);
    let output = planaudit_in(
        d,
        &["check", "plan.md", "--no-config", "--baseline", "base.json"],
    );
    fails(&output, "base.json:4:33: unknown finding code `weird`");
}

#[test]
fn odd_paths_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    std::fs::create_dir(d.join("sub")).unwrap();
    mkfifo(&d.join("fifo.md"));
    symlink("fifo.md", d.join("link.md")).unwrap();
    fails(&bounded(d, &["check", "fifo.md"]), "fifo.md: it is a FIFO");
    fails(&bounded(d, &["check", "link.md"]), "link.md: it is a FIFO");
    // explain and diff read one plan each, and refuse what check refuses rather than wait.
    let explain = ["explain", "fifo.md", "O6", "--no-config"];
    fails(&bounded(d, &explain), "fifo.md: it is a FIFO");
    let diff = ["diff", "plan.md", "link.md", "--no-config"];
    fails(&bounded(d, &diff), "link.md: it is a FIFO");
    fails(
        &bounded(d, &["explain", "sub", "O6"]),
        "sub: it is a directory",
    );
    let site = ["check", "plan.md", "--output-dir", "fifo.md"];
    fails(&bounded(d, &site), "--output-dir fifo.md is a FIFO");
    let stdin = ["diff", "-", "-", "--no-config"];
    fails(
        &bounded(d, &stdin),
        "diff reads at most one plan from standard input",
    );
    // A link to nothing is not "no such file": the link is there.
    symlink("missing.md", d.join("dangling.md")).unwrap();
    symlink("loop-b.md", d.join("loop-a.md")).unwrap();
    symlink("loop-a.md", d.join("loop-b.md")).unwrap();
    // A loop is one, in the system's words.
    for (link, says) in [
        ("dangling.md", "a symlink that leads to no file"),
        ("loop-a.md", "too many levels of symbolic links"),
    ] {
        let err = fails(&bounded(d, &["check", link]), says);
        assert!(!err.contains("no such file or directory"), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
    // `check -` reads standard input: tests/plan_inputs.rs.
    let err = fails(
        &planaudit_in(d, &["check", "nowhere/*.md"]),
        "no file matches nowhere/*.md",
    );
    assert!(!err.contains("IO error"), "{err}");

    let big = planaudit_in(
        d,
        &[
            "explain",
            "plan.md",
            "--item",
            "O6",
            "--max-file-size",
            "10",
        ],
    );
    let err = fails(&big, "plan.md");
    assert!(err.contains("--max-file-size"), "{err}");
    let output = planaudit_in(
        d,
        &[
            "explain",
            "plan.md",
            "--item",
            "O6",
            "--max-file-size",
            "1M",
        ],
    );
    assert_eq!(code(&output), 0, "explain takes the option it suggests");

    write(d, "sub/plan.md", PLAN);
    std::fs::write(d.join("planaudit.yaml"), b"\xff\xfef\x00r\x00").unwrap();
    let err = fails(
        &planaudit_in(&d.join("sub"), &["check", "plan.md"]),
        "UTF-16",
    );
    assert!(err.contains("planaudit.yaml"), "{err}");

    // Saved as "Unicode" by a Windows editor, with no byte order mark: valid UTF-8 with a NUL
    // beside each letter, which YAML would refuse as a control character.
    let wide: Vec<u8> = "framework: local\n".bytes().flat_map(|b| [b, 0]).collect();
    std::fs::write(d.join("local.yaml"), wide).unwrap();
    let err = fails(
        &planaudit_in(d, &["rules", "check", "local.yaml"]),
        "it is UTF-16 (little-endian, with no byte order mark) text; save it as UTF-8",
    );
    // The file was found: what to do is save it again, not check its path.
    assert!(err.contains("help: save it again as UTF-8"), "{err}");
    assert!(!err.contains("check the rule file's path"), "{err}");

    // An empty rule file is empty, not missing its first field.
    write(d, "empty.yaml", "\n");
    fails(
        &planaudit_in(d, &["rules", "check", "empty.yaml"]),
        "empty.yaml:1:1: the file is empty",
    );
}

#[test]
fn init_never_shadows_an_existing_config() {
    for name in ["planaudit.yaml", ".planaudit.yaml"] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, name, "frameworks: [outcomes]\n");
        fails(
            &planaudit_in(d, &["init"]),
            &format!("{name} already exists"),
        );
        assert_eq!(std::fs::read_dir(d).unwrap().count(), 1, "{name}");
    }
}

#[test]
fn thread_counts_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", PLAN);
    write(d, "b.md", PLAN);
    let one = bounded(
        d,
        &[
            "check",
            "a.md",
            "b.md",
            "--format",
            "json",
            "--threads",
            "1",
        ],
    );
    let many = bounded(
        d,
        &[
            "check",
            "a.md",
            "b.md",
            "--format",
            "json",
            "--threads",
            "100000",
        ],
    );
    assert_eq!(code(&many), 1, "{}", stderr(&many));
    assert_eq!(stdout(&one), stdout(&many));
}

/// Item positions are found in one pass: 10,000 items took minutes when each item's place was
/// searched for from the top of the file. The last, duplicated, item is still placed exactly.
#[test]
fn rule_files_with_many_items_are_checked_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = "schema_version: 1\nid: big\nname: Big\nsource: Test\nitems:\n".to_owned();
    let item = |i: usize| {
        format!(
            "  - id: X{i}\n    title: Item {i}\n    statement: Statement {i}.\n    summary: Summary.\n    questions: [Why?]\n    signals:\n      phrases: [alpha{i} beta, gamma{i}]\n"
        )
    };
    for i in 0..10_000 {
        text.push_str(&item(i));
    }
    write(d, "big.yaml", &text);
    let output = bounded(d, &["rules", "check", "big.yaml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("10000 items"));

    text.push_str(&item(9_999));
    write(d, "big.yaml", &text);
    let line = 5 + 10_000 * 7 + 1;
    let needle = format!("big.yaml:{line}:9: duplicate item id `X9999`");
    fails(&bounded(d, &["rules", "check", "big.yaml"]), &needle);
}

/// YAML nested thousands of levels deep is refused at once, wherever a file is read: the
/// YAML reader's time grows with the square of the depth (200 KB of `[` took 36 s).
#[test]
fn deeply_nested_yaml_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let depth = 100_000;
    let flow = "[".repeat(depth) + &"]".repeat(depth);
    write(d, "config.yaml", &format!("frameworks: {flow}\n"));
    write(d, "rules.yaml", &format!("schema_version: 1\nid: {flow}\n"));
    let mapping = "{a: ".repeat(depth) + "1" + &"}".repeat(depth);
    write(
        d,
        "labels.yaml",
        &format!("schema_version: 1\ndocuments: {mapping}\n"),
    );
    let block: String = (0..100)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    write(
        d,
        "block.yaml",
        &format!("schema_version: 1\nitems:\n{block}"),
    );
    let runs: [&[&str]; 4] = [
        &["check", "plan.md", "--config", "config.yaml"],
        &["rules", "check", "rules.yaml"],
        &["eval", "--labels", "labels.yaml"],
        &["rules", "check", "block.yaml"],
    ];
    for args in runs {
        fails(&bounded(d, args), "nested more than 64 levels deep");
    }
}

/// Each way of writing a `planaudit:` comment either works or is a `bad-directive` warning;
/// none is silently ignored or half applied.
#[test]
fn inline_directives_work_or_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A waived item, or what the warning says is wrong.
    let cases: &[(&str, Result<&str, &str>)] = &[
        (
            "<!-- PLANAUDIT: Ignore O8 reason=\"in the carers strategy\" -->",
            Ok("O8"),
        ),
        (
            "Our plan <!-- planaudit: ignore O8\nreason=\"wrapped\" --> in brief.",
            Ok("O8"),
        ),
        (
            "Our plan <!-- planaudit: ignore O8 reason=\"mid\" --> in brief.",
            Ok("O8"),
        ),
        (
            "<!-- planaudit: ignore O8\n     reason=\"split block\" -->",
            Ok("O8"),
        ),
        (
            "<!--\nplanaudit: ignore O8 reason=\"opened a line above\"\n-->",
            Ok("O8"),
        ),
        (
            "<div><!--\nplanaudit: ignore O8 reason=\"after a tag\"\n--></div>",
            Ok("O8"),
        ),
        (
            "<div><!-- planaudit: ignore O8 reason=\"between tags\" --></div>",
            Ok("O8"),
        ),
        (
            "<!-- a note\n--> <!-- planaudit: ignore O8 reason=\"the second\" -->",
            Ok("O8"),
        ),
        (
            "<div>\n<!-->\n<!---> <!-- planaudit: ignore O8 reason=\"after empty ones\" -->\n</div>",
            Ok("O8"),
        ),
        (
            "<!--\nplanaudit ignore O8 reason=\"no colon\" -->",
            Err("cannot read"),
        ),
        (
            "<!--\nplanaudit: ignore O8 reason=\"never closed\"",
            Err("never closed"),
        ),
        ("<!-- planaudit: ignore O8 -->", Err("gives no reason")),
        (
            "<!-- planaudit: ignore O8 reason=\"\" -->",
            Err("gives no reason"),
        ),
        (
            "<!-- planaudit: ignore O8 reason=\"x\" O9 reason=\"y\" -->",
            Err("more than one reason"),
        ),
    ];
    for (comment, waived) in cases {
        write(
            d,
            "plan.md",
            &format!("# Plan\n\n{comment}\n\n## Carers\n\nUnpaid carers.\n"),
        );
        let output = planaudit_in(d, &["check", "plan.md", "--format", "json", "--no-config"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let file = &report["files"][0];
        let waived_items: Vec<&str> = file["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "waived")
            .map(|c| c["item"].as_str().unwrap())
            .collect();
        let bad: Vec<&str> = file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "bad-directive")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        match waived {
            Ok(item) => {
                assert_eq!(waived_items, [*item], "{comment}");
                assert!(bad.is_empty(), "{comment}: {bad:?}");
            }
            Err(problem) => {
                assert!(waived_items.is_empty(), "{comment}: {waived_items:?}");
                assert_eq!(bad.len(), 1, "{comment}: {bad:?}");
                assert!(bad[0].contains(problem), "{comment}: {bad:?}");
            }
        }
    }
}

/// A newline in a plan's file name is escaped wherever the name is printed for people: in a
/// CI log, a line starting `::error` is a command to the runner.
#[test]
fn a_newline_in_a_plan_name_never_starts_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "evil\n::error file=x.md,line=1::injected.md";
    write(
        d,
        name,
        "# Plan\n\n## Carers\n\nWe will give unpaid carers short breaks.\n",
    );
    write(d, "other.md", PLAN);
    let runs: [&[&str]; 5] = [
        &["check", name, "--fail-on", "never"],
        &["check", name, "other.md", "--summary", "--fail-on", "never"],
        &["check", name, "--verbose", "--fail-on", "never"],
        &["explain", name, "O6"],
        &["diff", name, "other.md"],
    ];
    for args in runs {
        let output = planaudit_in(d, args);
        assert_ne!(code(&output), 2, "{args:?}: {}", stderr(&output));
        let out = stdout(&output);
        assert!(out.contains("evil\\u{a}::error"), "{args:?}: {out}");
        assert!(!out.lines().any(|l| l.starts_with("::")), "{args:?}: {out}");
    }
}

/// Terminal escape codes and bidirectional overrides in a plan are shown, not obeyed, in every
/// report (JSON writes them as `\uXXXX` escapes): those of `check`, `explain`, `matrix`, `diff`
/// and `eval`; and in an error that quotes the plan.
#[test]
fn control_characters_from_a_plan_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = "# Plan\n\n## Carers \u{1b}[31mred \u{202e}sdrac\n\nUnpaid carers \u{1b}]0;pwned\u{7} get short breaks; health inequalities \u{9b}2J in town \u{202e}nwot.\n\n<!-- planaudit: ignore O8 reason=\"see \u{1b}[2J\" -->\n";
    write(d, "plan.md", plan);
    write(d, "other.md", PLAN);
    // `--verbose` where it applies, for the waiver's reason.
    let check = |format| match format {
        "human" => vec!["check", "plan.md", "--verbose", "--no-config"],
        _ => vec!["check", "plan.md", "--format", format, "--no-config"],
    };
    let runs: Vec<Vec<&str>> = [
        "human", "markdown", "html", "github", "sarif", "csv", "json",
    ]
    .into_iter()
    .map(check)
    .chain([
        vec!["matrix", "plan.md"],
        vec!["matrix", "plan.md", "--format", "csv"],
        vec!["matrix", "plan.md", "--format", "json"],
        vec!["diff", "plan.md", "other.md", "--format", "json"],
        vec!["diff", "plan.md", "other.md"],
        vec!["diff", "plan.md", "other.md", "--format", "markdown"],
        vec!["explain", "plan.md", "O5", "--no-config"],
    ])
    .collect();
    for args in runs {
        let format = args.join(" ");
        let output = planaudit_in(d, &args);
        let text = stdout(&output);
        assert_ne!(code(&output), 2, "{format}: {}", stderr(&output));
        assert!(!text.trim().is_empty(), "{format} printed nothing");
        for control in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !text.contains(control),
                "{format} printed {control:?}:\n{text}"
            );
        }
    }
    write(
        d,
        "front.md",
        "---\ntitle: \u{1b}]0;pwned\u{7} \u{202e}x\n---\n# Plan\n",
    );
    let err = fails(&planaudit_in(d, &["check", "front.md"]), "front matter");
    for control in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !err.contains(control),
            "the error printed {control:?}:\n{err}"
        );
    }
    let human = stdout(&planaudit_in(
        d,
        &["check", "plan.md", "--no-config", "--verbose"],
    ));
    assert!(
        human.contains("Carers \\u{1b}[31mred \\u{202e}sdrac (line 3)"),
        "{human}"
    );
    let json = stdout(&planaudit_in(
        d,
        &["check", "plan.md", "--format", "json", "--no-config"],
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let heading = &report["files"][0]["sections"][1]["heading"];
    assert_eq!(
        heading, "Carers \u{1b}[31mred \u{202e}sdrac",
        "JSON keeps the text as it is, escaped"
    );
    assert!(json.contains(r"Carers \u001b[31mred \u202esdrac"), "{json}");
}

/// A config found in a parent directory changes the run, so every report names it.
#[test]
fn reports_name_the_config_they_used() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().canonicalize().unwrap();
    std::fs::create_dir(d.join("plans")).unwrap();
    write(&d, "plans/plan.md", PLAN);
    write(&d, "planaudit.yaml", "frameworks: [outcomes]\n");
    let config = "../planaudit.yaml";
    let plans = d.join("plans");
    let run = |format: &str| {
        stdout(&planaudit_in(
            &plans,
            &["check", "plan.md", "--format", format],
        ))
    };

    let human = run("human");
    assert!(human.starts_with(&format!("config: {config}\n")), "{human}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["config"], config);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&json), "the schema allows `config`");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["config"], config);
    let markdown = run("markdown");
    assert!(
        markdown.starts_with("Config: ../planaudit.yaml\n"),
        "{markdown}"
    );
    let html = run("html");
    assert!(html.contains("Config: ../planaudit.yaml</p>"), "{html}");

    let explain = stdout(&planaudit_in(&plans, &["explain", "plan.md", "O6"]));
    assert!(
        explain.starts_with(&format!("config: {config}\n")),
        "{explain}"
    );
    let diff = stdout(&planaudit_in(&plans, &["diff", "plan.md", "plan.md"]));
    assert!(diff.starts_with(&format!("config: {config}\n")), "{diff}");
    let args = ["diff", "plan.md", "plan.md", "--format", "markdown"];
    let diff = stdout(&planaudit_in(&plans, &args));
    assert!(diff.starts_with(&format!("Config: {config}\n")), "{diff}");

    let none = stdout(&planaudit_in(&plans, &["check", "plan.md", "--no-config"]));
    assert!(!none.contains("config:"), "{none}");
}

/// Reports are written a plan at a time; the result is the same whatever the threads, with
/// totals that count every plan.
#[test]
fn streamed_reports_are_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..7 {
        let extra = "\n## Workforce\n\nWe will train staff by March 2027.\n".repeat(i);
        write(d, &format!("p{i}.md"), &format!("{PLAN}{extra}"));
    }
    for format in ["human", "json", "markdown", "github", "sarif"] {
        let run = |threads: &str| {
            let args = [
                "check",
                ".",
                "--format",
                format,
                "--threads",
                threads,
                "--no-config",
            ];
            stdout(&planaudit_in(d, &args))
        };
        let one = run("1");
        assert_eq!(one, run("3"), "{format}");
        if format == "json" {
            let report: serde_json::Value = serde_json::from_str(&one).unwrap();
            let files = report["files"].as_array().unwrap();
            let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
            assert_eq!(
                paths,
                [
                    "p0.md", "p1.md", "p2.md", "p3.md", "p4.md", "p5.md", "p6.md"
                ]
            );
            let errors: u64 = files
                .iter()
                .map(|f| f["summary"]["errors"].as_u64().unwrap())
                .sum();
            assert_eq!(report["summary"]["errors"].as_u64().unwrap(), errors);
        }
        if format == "human" {
            assert!(
                one.trim_end()
                    .lines()
                    .last()
                    .unwrap()
                    .starts_with("7 files: "),
                "{one}"
            );
        }
    }
}

/// Runs planaudit in `dir` with standard input read from the file `stdin` there, as a shell's
/// `< stdin` gives it.
fn planaudit_from(dir: &Path, stdin: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::fs::File::open(dir.join(stdin)).unwrap())
        .output()
        .unwrap()
}

#[test]
fn output_is_refused_over_the_plan_read_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    // `check - --output plan.md < plan.md`: standard input is the file itself.
    for option in ["--output", "--write-baseline"] {
        let run = planaudit_from(d, "plan.md", &["check", "-", option, "plan.md"]);
        let err = fails(&run, "is the plan read from standard input");
        assert!(err.contains(option), "{err}");
        assert_eq!(read(d, "plan.md"), PLAN, "{option} left the plan as it was");
    }
    // `check - --output-dir site < site/index.html`: a page would land on it.
    std::fs::create_dir(d.join("site")).unwrap();
    write(d, "site/index.html", PLAN);
    let run = planaudit_from(
        d,
        "site/index.html",
        &["check", "-", "--output-dir", "site"],
    );
    let err = fails(
        &run,
        "--output-dir site/index.html is the plan read from standard input",
    );
    assert!(err.contains("choose another folder"), "{err}");
    assert_eq!(read(d, "site/index.html"), PLAN);
    // Its own page, named after the name its report gives it.
    write(d, "site/a.html", PLAN);
    let args = [
        "check",
        "-",
        "--stdin-filename",
        "a.md",
        "--output-dir",
        "site",
    ];
    let run = planaudit_from(d, "site/a.html", &args);
    fails(
        &run,
        "--output-dir site/a.html is the plan read from standard input",
    );
    assert_eq!(read(d, "site/a.html"), PLAN);
    // A piped plan and a named one of the same stem get a page each, both linked.
    std::fs::create_dir(d.join("sub")).unwrap();
    write(d, "sub/plan.md", PLAN);
    let args = [
        "check",
        "-",
        "sub/plan.md",
        "--stdin-filename",
        "other/plan.md",
        "--output-dir",
        "pages",
        "--fail-on",
        "never",
    ];
    let run = planaudit_from(d, "plan.md", &args);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let index = read(d, "pages/index.html");
    for page in ["plan.html", "plan-2.html"] {
        assert!(d.join("pages").join(page).is_file(), "{page}");
        assert!(index.contains(&format!("href=\"{page}\"")), "{index}");
    }
    // Piped under the name the report gives it: that file is the plan too.
    let named = [
        "check",
        "-",
        "--stdin-filename",
        "plan.md",
        "--output",
        "plan.md",
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(named)
        .current_dir(d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    fails(
        &child.wait_with_output().unwrap(),
        "is --stdin-filename plan.md",
    );
    assert_eq!(read(d, "plan.md"), PLAN);
    // Another file for the report is fine.
    let run = planaudit_from(d, "plan.md", &["check", "-", "--output", "report.txt"]);
    assert_ne!(code(&run), 2, "{}", stderr(&run));
    assert!(read(d, "report.txt").starts_with("<stdin>"));
}

/// `--output-dir` puts its pages in place together at the end; while they wait they hold no
/// file descriptor each, so a run over more plans than the descriptor limit still finishes.
#[test]
fn output_dir_pages_wait_without_holding_descriptors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    for n in 0..150 {
        write(d, &format!("plans/plan{n}.md"), PLAN);
    }
    let run = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64 && exec \"$0\" check plans --output-dir site --fail-on never -q")
        .arg(env!("CARGO_BIN_EXE_planaudit"))
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(d.join("site")).unwrap().count(), 151);
}

/// `--output -` is standard output, as `-` among the paths is standard input: no file named
/// `-` appears.
#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", PLAN);
    let args = ["check", "plan.md", "--format", "csv", "--no-config"];
    let plain = planaudit_in(d, &args);
    let dashed = planaudit_in(d, &[&args[..], &["--output", "-"]].concat());
    assert_eq!(code(&dashed), code(&plain), "{}", stderr(&dashed));
    assert!(stdout(&plain).contains("plan.md"), "{}", stdout(&plain));
    assert_eq!(stdout(&dashed), stdout(&plain));
    assert!(!d.join("-").exists());
}
