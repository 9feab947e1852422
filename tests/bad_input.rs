//! Every bad input gets a clear error naming the file (and the line and column where they
//! apply), exit code 2, no panic, and no report file. Inputs that are odd but valid are audited.

mod common;

use std::path::Path;

use common::{code, hit, planaudit_in, stderr, stdout};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Runs `check` on `name` with `--output`, and asserts a clean refusal.
fn refused(dir: &Path, name: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", name, "--output", "report.json"];
    args.extend(extra);
    let output = planaudit_in(dir, &args);
    let err = stderr(&output);
    assert_eq!(code(&output), 2, "{name}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !dir.join("report.json").exists(),
        "{name}: no report is written"
    );
    err
}

/// Runs `check` on `name` and asserts it was audited (exit 0 or 1, JSON on stdout).
fn audited(dir: &Path, name: &str) -> serde_json::Value {
    let output = planaudit_in(dir, &["check", name, "--format", "json"]);
    let err = stderr(&output);
    assert!(matches!(code(&output), 0 | 1), "{name}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    serde_json::from_str(&stdout(&output)).unwrap()
}

#[test]
fn paths_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let err = refused(dir.path(), "missing.md", &[]);
    assert!(err.contains("cannot read missing.md"), "{err}");
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    let err = refused(dir.path(), "plans", &[]);
    assert!(err.contains("no plan files found in plans"), "{err}");
    // A glob is named as written, not by the folder it is walked from.
    let err = refused(dir.path(), "nomatch*.md", &[]);
    assert!(err.contains("no plan file matches nomatch*.md"), "{err}");
    // A name for standard input when nothing is read from it is a mistake, not a no-op.
    write(dir.path(), "plan.md", b"# Plan\n");
    let err = refused(dir.path(), "plan.md", &["--stdin-filename", "plan.md"]);
    assert!(err.contains("no path is `-`"), "{err}");
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "cp1252.md",
        b"# Plan\n\nCarers\x92 breaks cost \xA3400.\n",
    );
    let err = refused(d, "cp1252.md", &[]);
    assert!(
        err.contains("cp1252.md:3:7: the plan is not valid UTF-8 (byte 0x92)"),
        "{err}"
    );
    assert!(err.contains("re-save the file as UTF-8"), "{err}");

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("# Plan".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(d, "utf16.md", &utf16);
    assert!(
        refused(d, "utf16.md", &[])
            .contains("utf16.md: the plan is UTF-16 (little-endian), not UTF-8")
    );

    write(d, "binary.md", b"\x7fELF\x02\x01\x00\x00\x00");
    assert!(refused(d, "binary.md", &[]).contains("binary.md: the file holds NUL bytes"));

    write(
        d,
        "bom.md",
        b"\xEF\xBB\xBF# Plan\n\nUnpaid carers get short breaks.\n",
    );
    let report = audited(d, "bom.md");
    assert_eq!(report["files"][0]["sections"][0]["heading"], "Plan");
    // Spans are bytes of the file, mark included, so a tool can cut the file with them; so
    // for an HTML plan.
    let file = &report["files"][0];
    let evidence = &file["sections"][0]["links"][0]["evidence"][0];
    let bytes = std::fs::read(d.join("bom.md")).unwrap();
    let cut = |span: &serde_json::Value| {
        let [start, end] = [0, 1].map(|i| span[i].as_u64().unwrap() as usize);
        String::from_utf8(bytes[start..end].to_vec()).unwrap()
    };
    assert_eq!(
        cut(&evidence.as_array().unwrap()[1..3].into()),
        "Unpaid carers"
    );
    assert!(cut(&file["sections"][0]["span"]).starts_with("# Plan\n"));
    write(
        d,
        "bom.html",
        b"\xEF\xBB\xBF<h1>Plan</h1><p>Unpaid carers get short breaks.</p>\n",
    );
    let report = audited(d, "bom.html");
    let span = &report["files"][0]["sections"][0]["span"];
    let bytes = std::fs::read(d.join("bom.html")).unwrap();
    let start = span[0].as_u64().unwrap() as usize;
    assert!(bytes[start..].starts_with(b"<h1>"), "{span}");
}

#[test]
fn empty_and_headingless_plans_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "empty.md", b"");
    write(d, "blank.md", b"  \n\n\t\n");
    write(
        d,
        "prose.md",
        b"Unpaid carers get short breaks and respite.\n",
    );
    for name in ["empty.md", "blank.md"] {
        let report = audited(d, name);
        assert_eq!(report["files"][0]["sections"].as_array().unwrap().len(), 0);
        let summary = &report["files"][0]["summary"];
        assert_eq!(
            summary["errors"], 1,
            "one no-sections error, not one per item"
        );
        assert_eq!(summary["warnings"], 0);
    }
    let report = audited(d, "prose.md");
    let sections = report["files"][0]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1, "one section without a heading");
    assert_eq!(sections[0]["heading"], serde_json::Value::Null);
}

#[test]
fn line_endings_keep_lines_and_columns_right() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "crlf.md",
        b"# Plan\r\n\r\nText.\r\nMore about unpaid carers.\r\n",
    );
    write(d, "cr.md", b"# Plan\r\rText.\rMore about unpaid carers.\r");
    write(
        d,
        "mixed.md",
        b"# Plan\n\r\nText.\rMore about unpaid carers.\r\n",
    );
    for name in ["crlf.md", "cr.md", "mixed.md"] {
        let report = audited(d, name);
        let hit = hit(
            &report,
            &report["files"][0]["sections"][0]["links"][0]["evidence"][0],
        );
        assert_eq!((hit.text, hit.line), ("unpaid carers", 4), "{name}");
        let plan = std::fs::read(d.join(name)).unwrap();
        let [start, end] = hit.span.map(|o| o as usize);
        assert_eq!(&plan[start..end], b"unpaid carers", "{name}");
    }
}

#[test]
fn oversized_plans_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "big.md", &vec![b'a'; 2 * 1024 * 1024]);
    let err = refused(d, "big.md", &["--max-file-size", "1M"]);
    assert!(
        err.contains("big.md: the file is 2097152 bytes, over the limit of 1048576 bytes"),
        "{err}"
    );
    assert!(err.contains("raise --max-file-size"), "{err}");
    let err = refused(d, "big.md", &["--max-file-size", "lots"]);
    assert!(
        err.contains("invalid value 'lots' for '--max-file-size"),
        "{err}"
    );
    // The unit is named as it was typed.
    assert!(err.contains("unknown unit `lots`"), "{err}");
    // The audit keeps offsets into a plan in 32 bits.
    let err = refused(d, "big.md", &["--max-file-size", "4G"]);
    assert!(err.contains("plans must be under 4G"), "{err}");
}

/// `matrix`, `diff` and `explain` read plans as `check` does, so the options their errors
/// name are theirs too: a plan over the limit is read once it is raised, and a plan's format
/// can be named.
#[test]
fn every_command_reading_plans_takes_the_options_its_errors_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = std::fs::read_to_string("fixtures/plans/gaps-plan.md").unwrap();
    write(d, "plan.txt", plan.as_bytes());
    let commands: [&[&str]; 3] = [
        &["matrix", "plan.txt"],
        &["diff", "plan.txt", "plan.txt"],
        &["explain", "plan.txt", "O6"],
    ];
    for command in commands {
        let mut small = command.to_vec();
        small.extend(["--max-file-size", "1K"]);
        let refused = planaudit_in(d, &small);
        assert_eq!(code(&refused), 2, "{command:?}");
        assert!(
            stderr(&refused).contains("raise --max-file-size"),
            "{command:?}"
        );
        let mut raised = command.to_vec();
        raised.extend(["--max-file-size", "1M", "--input-format", "markdown"]);
        let read = planaudit_in(d, &raised);
        assert!(code(&read) < 2, "{command:?}: {}", stderr(&read));
    }
}

/// Shapes that are costly for naive parsers: each is audited, in bounded time (see
/// BENCHMARKS.md for the figures; these tests only prove completion without a panic).
#[test]
fn pathological_shapes_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long_line = "unpaid carers and short breaks ".repeat(200_000);
    write(d, "long-line.md", long_line.as_bytes());
    let headings: String = (0..100_000).map(|i| format!("## Heading {i}\n")).collect();
    write(d, "headings.md", headings.as_bytes());
    write(
        d,
        "deep-list.md",
        format!("{}deep item\n", "- ".repeat(10_000)).as_bytes(),
    );
    write(
        d,
        "deep-quote.md",
        format!("{}quoted\n", "> ".repeat(10_000)).as_bytes(),
    );
    let columns = 10_000;
    let table = format!(
        "|{}|\n|{}|\n|{}|\n",
        vec!["h"; columns].join("|"),
        vec!["---"; columns].join("|"),
        vec!["respite"; columns].join("|")
    );
    write(d, "wide-table.md", table.as_bytes());
    // A mapping table of 20,000 rows, each naming one of as many priorities (25 s when each
    // row was compared with every heading; BENCHMARKS.md).
    let rows: String = (0..20_000)
        .map(|i| format!("| Priority {i} carers | NI8 |\n"))
        .collect();
    let priorities: String = (0..20_000)
        .map(|i| format!("\n## Priority {i} carers\n\nWe will widen short breaks by 2027.\n"))
        .collect();
    let mapping = format!("## Map\n\n| Priority | Measure |\n| --- | --- |\n{rows}{priorities}");
    write(d, "mapping.md", mapping.as_bytes());
    for name in [
        "mapping.md",
        "long-line.md",
        "headings.md",
        "deep-list.md",
        "deep-quote.md",
        "wide-table.md",
    ] {
        audited(d, name);
    }
}

/// The shipped example rule file, which the cases below break one way each.
fn local_priorities() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/local-priorities.yaml");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn bad_rule_files_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n\nText.\n");
    let good = local_priorities();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "malformed.yaml",
            "schema_version: 1\nid: [unclosed\n".into(),
            "malformed.yaml:",
        ),
        (
            "types.yaml",
            good.replace("schema_version: 1", "schema_version: [1]"),
            "types.yaml:2:17",
        ),
        (
            "unknown.yaml",
            good.replace(
                "    title: Digital inclusion",
                "    title: Digital inclusion\n    colour: blue",
            ),
            "unknown field `colour`",
        ),
        (
            "duplicate.yaml",
            format!("{good}{}", &good[good.find("  - id: L1").unwrap()..]),
            "duplicate item id `L1`",
        ),
        (
            "empty-item.yaml",
            good.replace("    title: Digital inclusion", "    title: \"\""),
            "has an empty `title`",
        ),
        (
            "empty-name.yaml",
            good.replace(
                "    title: Digital inclusion",
                "    title: Digital inclusion\n    names: [\"Online help\", \" \"]",
            ),
            "has an empty entry in `names`",
        ),
        (
            "regex.yaml",
            good.replace(r"\bdigital\s+(?:skills|champions?|access)\b", "digital(("),
            "invalid pattern in item `L1`",
        ),
        (
            "unicode-class.yaml",
            good.replace(
                r"\bdigital\s+(?:skills|champions?|access)\b",
                r"\bcarers[’s]\s+centre",
            ),
            "write (?:’|') rather than ['’]",
        ),
        (
            "huge-regex.yaml",
            good.replace(
                r"\bdigital\s+(?:skills|champions?|access)\b",
                r"\w{1000}{1000}",
            ),
            "exceeded limit",
        ),
        (
            "huge-weight.yaml",
            good.replace(
                "phrases: [digital inclusion,",
                "phrases: [{phrase: digital inclusion, weight: 3e38},",
            ),
            "huge-weight.yaml:17:53: item `L1` has a weight of 3e38",
        ),
        (
            "infinite-weight.yaml",
            good.replace("    signals:\n", "    threshold: 1e300\n    signals:\n"),
            "has a threshold of 1e300",
        ),
        // 0 once held in 32 bits: named as written, where it is written.
        (
            "tiny-weight.yaml",
            good.replace(
                "phrases: [digital inclusion,",
                "phrases: [{phrase: digital inclusion, weight: 1e-50},",
            ),
            "tiny-weight.yaml:17:53: item `L1` has a weight of 1e-50",
        ),
        (
            "nan-weight.yaml",
            good.replace(
                "phrases: [digital inclusion,",
                "phrases: [{phrase: digital inclusion, weight: .nan},",
            ),
            "nan-weight.yaml:17:53: item `L1` has a weight of .nan",
        ),
        (
            "zero-threshold.yaml",
            good.replace("items:\n", "thresholds: {addressed: 0}\nitems:\n"),
            "thresholds.addressed is 0",
        ),
        // Named as written, not as "inf" once held in 32 bits.
        (
            "huge-threshold.yaml",
            good.replace("items:\n", "thresholds: {addressed: 1e300}\nitems:\n"),
            "thresholds.addressed is 1e300",
        ),
        (
            "empty-pattern.yaml",
            good.replace(r"'\bdigital\s+(?:skills|champions?|access)\b'", "''"),
            "a pattern of item `L1` matches empty text",
        ),
        (
            "optional-pattern.yaml",
            good.replace(
                r"\bdigital\s+(?:skills|champions?|access)\b",
                r"(?:digital\s+skills)?",
            ),
            "optional-pattern.yaml:18:19: a pattern of item `L1` matches empty text",
        ),
        (
            "twice.yaml",
            good.replace(
                "    title: Digital inclusion",
                "    title: Digital inclusion\n    title: Again",
            ),
            "twice.yaml:9:5: `title` is written twice in one mapping",
        ),
    ];
    for (name, text, expected) in &cases {
        write(d, name, text.as_bytes());
        let err = refused(d, "plan.md", &["--rules", name]);
        assert!(err.contains(expected), "{name}: {err}");
    }
}

/// A rule file wrong in several items reports each item's problem in one run.
#[test]
fn every_bad_item_of_a_rule_file_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n\nText.\n");
    let good = local_priorities();
    let second = good[good.find("  - id: L1").unwrap()..]
        .replace("  - id: L1", "  - id: L2")
        .replace("    title: Digital inclusion", "    title: \"\"");
    let text = format!("{good}{second}").replacen(
        r"\bdigital\s+(?:skills|champions?|access)\b",
        "digital((",
        1,
    );
    write(d, "two.yaml", text.as_bytes());
    let err = refused(d, "plan.md", &["--rules", "two.yaml"]);
    for expected in [
        "two.yaml: 2 problems, each shown below",
        "invalid pattern in item `L1`",
        "has an empty `title`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // A problem of the set itself comes with the items' problems, not instead of them.
    let id = text
        .lines()
        .find(|l| l.starts_with("id: "))
        .unwrap()
        .to_owned();
    write(
        d,
        "three.yaml",
        text.replacen(&id, "id: Bad_Id", 1).as_bytes(),
    );
    let err = refused(d, "plan.md", &["--rules", "three.yaml"]);
    for expected in [
        "three.yaml: 3 problems, each shown below",
        "framework id `Bad_Id` is not a lowercase word",
        "has an empty `title`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n");
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    write(d, "bomb.yaml", bomb.as_bytes());
    let err = refused(d, "plan.md", &["--rules", "bomb.yaml"]);
    assert!(err.contains("bomb.yaml"), "{err}");
}

#[test]
fn output_problems() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n\nUnpaid carers.\n");
    let output = planaudit_in(
        d,
        &["check", "plan.md", "--output", "no/such/dir/report.json"],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("cannot write no/such/dir/report.json: there is no directory no/such/dir"),
        "{}",
        stderr(&output)
    );
    std::fs::create_dir(d.join("reports")).unwrap();
    let output = planaudit_in(d, &["check", "plan.md", "--output", "reports"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("cannot write reports: it is a directory") && err.contains("--output-dir"),
        "{err}"
    );

    write(d, "report.json", b"previous report");
    let output = planaudit_in(
        d,
        &["check", "plan.md", "missing.md", "--output", "report.json"],
    );
    assert_eq!(code(&output), 2);
    let kept = std::fs::read_to_string(d.join("report.json")).unwrap();
    assert_eq!(
        kept, "previous report",
        "a failed run leaves the previous report alone"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans/gaps-plan.md");
    let mut child = Command::new(env!("CARGO_BIN_EXE_planaudit"))
        .args(["check", plan.to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}

#[test]
fn huge_rule_and_config_files_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n");
    let huge = "# padding\n".repeat(1_700_000);
    write(d, "huge.yaml", huge.as_bytes());
    let err = refused(d, "plan.md", &["--rules", "huge.yaml"]);
    assert!(
        err.contains("cannot read rule file huge.yaml: the file is over the limit"),
        "{err}"
    );
    let err = refused(d, "plan.md", &["--config", "huge.yaml"]);
    assert!(
        err.contains("cannot read config huge.yaml: the file is over the limit"),
        "{err}"
    );
}

#[test]
fn malformed_config_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "plan.md", b"# Plan\n");
    write(
        d,
        "planaudit.yaml",
        b"frameworks: [outcomes\nfail_on: error\n",
    );
    let err = refused(d, "plan.md", &[]);
    assert!(err.contains("planaudit.yaml:"), "{err}");
    write(d, "planaudit.yaml", b"frameworks: outcomes\n");
    let err = refused(d, "plan.md", &[]);
    assert!(
        err.contains("planaudit.yaml:1:13: frameworks: invalid type"),
        "{err}"
    );
    let cases = [
        (
            "frameworks:\n\t- outcomes\n",
            "planaudit.yaml:2:1: found character that cannot start any token, while scanning \
             for the next token (this line is indented with a tab; YAML indents with spaces)",
        ),
        (
            "format: json\nformat: human\n",
            "planaudit.yaml:2:1: `format` is written twice in one mapping",
        ),
        (
            "require:\n  outcomes: weak\n  outcomes: covered\n",
            "planaudit.yaml:3:3: `outcomes` is written twice in one mapping",
        ),
        (
            "rules:\n  - local/missing.yaml\n",
            "planaudit.yaml:2:5: there is no rule file",
        ),
        (
            "exclude:\n  - drafts/**\n  - \"[bad\"\n",
            "planaudit.yaml:3:5: invalid glob `[bad`: unclosed character class",
        ),
    ];
    for (config, expected) in cases {
        write(d, "planaudit.yaml", config.as_bytes());
        let err = refused(d, "plan.md", &[]);
        assert!(err.contains(expected), "{config}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_walk_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    write(
        &d.join("plans"),
        "plan.md",
        b"# Plan\n\nUnpaid carers get short breaks.\n",
    );
    std::os::unix::fs::symlink("..", d.join("plans/loop")).unwrap();
    let report = audited(d, "plans");
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

/// A draft note left open swallows the rest of the plan: a warning says where it opened and
/// which lines went unread, where the sections it took in would otherwise just be missing.
#[test]
fn an_unclosed_comment_or_fence_is_a_warning_at_its_opening() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "plan.md",
        b"# Plan\n\n<!-- draft note: not finished\n\n## Carers\n\nWe will support unpaid carers.\n",
    );
    let report = audited(d, "plan.md");
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let unclosed: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "unclosed-block")
        .collect();
    assert_eq!(unclosed.len(), 1, "{findings:?}");
    assert_eq!(unclosed[0]["severity"], "warning");
    assert_eq!(
        unclosed[0]["message"],
        "an HTML comment opened on line 3 is never closed: lines 4–7 are not read"
    );
    assert_eq!(unclosed[0]["labels"][0]["line"], 3);
    // A fence inside a list item is pointed at where it opens, past the item's indent; one
    // line unread is one line.
    write(
        d,
        "fence.md",
        b"# Plan\n\n- Our actions:\n\n  ```\n  We will support carers.\n",
    );
    let report = audited(d, "fence.md");
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let fence = findings
        .iter()
        .find(|f| f["code"] == "unclosed-block")
        .unwrap();
    assert_eq!(
        fence["message"],
        "a code block opened on line 5 is never closed: line 6 is not read"
    );
    assert_eq!(
        (&fence["labels"][0]["line"], &fence["labels"][0]["column"]),
        (&5.into(), &3.into())
    );
    // An unclosed planaudit comment is one warning, its own bad-directive, not two.
    write(
        d,
        "waiver.md",
        b"# Plan\n\nText.\n\n<!-- planaudit: ignore O5 reason=\"x\"\n",
    );
    let report = audited(d, "waiver.md");
    let codes: Vec<&str> = (report["files"][0]["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap())
        .filter(|code| ["bad-directive", "unclosed-block"].contains(code))
        .collect();
    assert_eq!(codes, ["bad-directive"]);
    let closed = b"# Plan\n\n<!-- draft note -->\n\n## Carers\n\n```\ncode\n```\n";
    write(d, "closed.md", closed);
    let report = audited(d, "closed.md");
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["code"] != "unclosed-block"));
}
