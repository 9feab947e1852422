//! The reviewer's views: the coverage matrix, the league table across plans, the diff of two
//! versions and the HTML pages of `--output-dir`. Snapshots are promises about what reviewers
//! paste into their papers; read each change.

mod common;

use std::fs;
use std::path::Path;

use common::{PLANS, code, plan_path, planaudit, planaudit_in, planaudit_stdin, stderr, stdout};

fn all_plans() -> Vec<String> {
    PLANS.iter().map(|p| plan_path(p)).collect()
}

fn run(args: &[&str]) -> String {
    let output = planaudit(args);
    assert_eq!(code(&output), 0, "{args:?}: {}", common::stderr(&output));
    stdout(&output)
}

#[test]
fn matrix_of_one_plan_is_its_sections_and_fits_100_columns() {
    let table = run(&["matrix", &plan_path("gaps-plan")]);
    for line in table.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} wide: {line}",
            line.chars().count()
        );
    }
    assert!(table.starts_with("section "), "{table}");
    insta::assert_snapshot!("matrix-table-gaps-plan", table);
}

/// Wide (CJK) letters take two columns: a long heading of them is cut and padded by columns,
/// so its cells stay under their items.
#[test]
fn matrix_rows_of_wide_letters_keep_their_columns() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let heading = "全角の見出し".repeat(8);
    let plan = format!(
        "# Plan\n\n## {heading}\n\nWe will recruit care staff for the workforce by 2026.\n"
    );
    fs::write(dir.path().join("p.md"), plan).unwrap();
    let table = stdout(&planaudit_in(
        dir.path(),
        &["matrix", "p.md", "-f", "outcomes"],
    ));
    let widths: Vec<usize> = table.lines().take(3).map(UnicodeWidthStr::width).collect();
    assert_eq!(widths, [100, 100, 100], "{table}");
    assert!(table.contains('…'), "{table}");
}

#[test]
fn matrix_of_several_plans_has_a_row_per_plan() {
    let plans = all_plans();
    let mut args = vec!["matrix", "--format", "markdown"];
    args.extend(plans.iter().map(String::as_str));
    let markdown = run(&args);
    let rows = markdown
        .lines()
        .filter(|l| l.starts_with("| fixtures/"))
        .count();
    assert_eq!(rows, PLANS.len(), "{markdown}");
    insta::assert_snapshot!("matrix-markdown-plans", markdown);
    // The terminal table says the shared directory once, so names are not cut to it.
    args[1..3].copy_from_slice(&["--format", "table"]);
    let table = run(&args);
    assert!(table.starts_with("plans in fixtures/plans/ "), "{table}");
    for plan in PLANS {
        let row = format!("\n{plan}.md ");
        assert!(table.contains(&row), "{row:?} in {table}");
    }
}

/// A plan or a section that addresses nothing keeps its row, empty: it is the gap a review
/// paper looks for, and the other formats show it too.
#[test]
fn markdown_matrix_keeps_rows_without_ticks() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("vision.md"),
        "# Vision\n\n## Our vision\n\nA friendly place.\n",
    )
    .unwrap();
    let gaps = plan_path("gaps-plan");
    let vision = dir.path().join("vision.md");
    let vision = vision.to_str().unwrap();
    let markdown = run(&["matrix", "--format", "markdown", &gaps, vision]);
    let empty = format!("| {vision} |{}\n", "  |".repeat(22));
    assert!(markdown.contains(&empty), "{markdown}");
    let sections = run(&["matrix", "--format", "markdown", &gaps]);
    assert!(
        sections.contains("| Measuring progress (line 107) |"),
        "{sections}"
    );
}

/// `-` is refused by `matrix` by name, pointing at `check -`, which reads standard input.
#[test]
fn matrix_refuses_standard_input_and_names_the_command_that_reads_it() {
    let output = planaudit_stdin(&["matrix", "-"], b"# Plan\n");
    assert_eq!(code(&output), 2);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("matrix does not read plans from standard input"),
        "{error}"
    );
    assert!(error.contains("`planaudit check -`"), "{error}");
}

/// A plan that cannot be read is named, as `check` names it, and the grid shows the others;
/// the run exits 2.
#[test]
fn matrix_shows_the_plans_it_could_read_and_names_the_rest() {
    let scanned = "fixtures/plans/scanned-plan.pdf";
    let (gaps, complete) = (plan_path("gaps-plan"), plan_path("complete-plan"));
    let output = planaudit(&["matrix", &gaps, scanned, &complete]);
    assert_eq!(code(&output), 2);
    let table = stdout(&output);
    assert!(
        table.lines().any(|l| l.starts_with("gaps-plan.md ")),
        "{table}"
    );
    assert!(
        table.lines().any(|l| l.starts_with("complete-plan.md ")),
        "{table}"
    );
    assert!(!table.contains("scanned-plan"), "{table}");
    let error = common::stderr(&output);
    assert!(error.contains("scanned-plan.pdf"), "{error}");
    assert!(error.contains("looks scanned"), "{error}");
}

#[test]
fn matrix_csv_and_json_agree_with_the_table() {
    let path = plan_path("awkward-markdown");
    let csv = run(&["matrix", &path, "--format", "csv"]);
    insta::assert_snapshot!("matrix-csv-awkward-markdown", csv);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["matrix", &path, "--format", "json"])).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(
        rows.len() + 1,
        csv.lines().count(),
        "a CSV line per row, plus the header"
    );
    let items = json["items"].as_array().unwrap().len();
    for row in rows {
        assert_eq!(row["cells"].as_array().unwrap().len(), items);
    }
}

#[test]
fn check_on_many_plans_ends_with_the_league_table() {
    let plans = all_plans();
    let mut args = vec!["check", "--no-config", "--color", "never"];
    args.extend(plans.iter().map(String::as_str));
    let output = planaudit(&args);
    let human = stdout(&output);
    let league = &human[human.rfind("plan  ").expect("a league table")..];
    insta::assert_snapshot!("league-human", league);

    let mut csv_args = vec!["check", "--no-config", "--format", "csv"];
    csv_args.extend(plans.iter().map(String::as_str));
    let csv = stdout(&planaudit(&csv_args));
    insta::assert_snapshot!("league-csv", csv);
    let percents: Vec<u32> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(
        percents.windows(2).all(|w| w[0] >= w[1]),
        "sorted: {percents:?}"
    );
}

/// The fixture without one priority section: from its heading up to the next `## ` heading.
fn without_section(plan: &str, heading: &str) -> String {
    let start = plan.find(heading).expect("the heading is in the plan");
    let end = start + 1 + plan[start + 1..].find("\n## ").expect("a later section");
    format!("{}{}", &plan[..start], &plan[end + 1..])
}

#[test]
fn diff_names_the_item_a_removed_priority_section_covered_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(plan_path("complete-plan")).unwrap();
    fs::write(dir.path().join("old.md"), &plan).unwrap();
    let cut = without_section(&plan, "## Supporting unpaid carers");
    fs::write(dir.path().join("new.md"), cut).unwrap();

    let output = planaudit_in(dir.path(), &["diff", "old.md", "new.md"]);
    let text = stdout(&output);
    assert_eq!(code(&output), 1, "coverage regressed: {text}");
    assert!(text.contains("lost         O6 "), "{text}");
    assert!(
        text.contains("section removed: Supporting unpaid carers"),
        "{text}"
    );
    // The item's line says where it was addressed.
    let lost = text
        .lines()
        .skip_while(|l| !l.starts_with("lost         O6 "));
    let where_ = lost.clone().nth(1).unwrap_or_default();
    assert!(
        where_
            .trim_start()
            .starts_with("no longer addressed in: Supporting unpaid carers (was line "),
        "{text}"
    );
    insta::assert_snapshot!("diff-human-section-removed", text);

    let json = planaudit_in(
        dir.path(),
        &["diff", "old.md", "new.md", "--format", "json"],
    );
    insta::assert_snapshot!("diff-json-section-removed", stdout(&json));
    let markdown = planaudit_in(
        dir.path(),
        &["diff", "old.md", "new.md", "--format", "markdown"],
    );
    insta::assert_snapshot!("diff-markdown-section-removed", stdout(&markdown));

    let back = planaudit_in(dir.path(), &["diff", "new.md", "old.md"]);
    assert_eq!(
        code(&back),
        0,
        "putting it back is a gain: {}",
        stdout(&back)
    );
    assert!(stdout(&back).contains("gained       O6 "));
    assert!(
        stdout(&back).contains("now addressed in: Supporting unpaid carers (line "),
        "{}",
        stdout(&back)
    );
}

/// Statutory content is not asked for commitments, so a commitment lost there is no regression,
/// as `check` reports none; under `require: committed` it is.
#[test]
fn diff_follows_what_check_asks_of_statutory_content() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let housing = "# Plan\n\n## Housing\n\nOur housing contribution statement sets out how \
                   housing services support this plan.";
    fs::write(
        d.join("old.md"),
        format!("{housing} We will deliver 120 homes by March 2027.\n"),
    )
    .unwrap();
    fs::write(d.join("new.md"), format!("{housing}\n")).unwrap();
    let diff = || planaudit_in(d, &["diff", "old.md", "new.md", "-f", "statutory"]);
    let output = diff();
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(
        stdout(&output).contains("no change in coverage"),
        "{}",
        stdout(&output)
    );
    fs::write(
        d.join("planaudit.yaml"),
        "require:\n  statutory: committed\n",
    )
    .unwrap();
    let output = diff();
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(
        stdout(&output).contains(
            "weakened     S10 Housing contribution statement: committed → covered, no commitment\n"
        ),
        "{}",
        stdout(&output)
    );
}

/// Where no commitment is asked of an item, its reports say "covered" and nothing of
/// commitments.
#[test]
fn diff_says_covered_where_no_commitment_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("old.md"), "# Plan\n\n## Housing\n\nHomes.\n").unwrap();
    fs::write(
        d.join("new.md"),
        "# Plan\n\n## Housing\n\nOur housing contribution statement sets out how housing \
         services support this plan.\n",
    )
    .unwrap();
    for format in ["human", "markdown"] {
        let args = [
            "diff",
            "old.md",
            "new.md",
            "-f",
            "statutory",
            "--format",
            format,
        ];
        let text = stdout(&planaudit_in(d, &args));
        assert!(
            text.contains("missing → covered\n") || text.contains("| missing | covered |"),
            "{text}"
        );
        assert!(!text.contains("no commitment"), "{text}");
    }
}

/// One version may come from standard input, as `git show HEAD~1:plan.md | planaudit diff -
/// plan.md` pipes it: the report names it `<stdin>`.
#[test]
fn diff_reads_one_version_from_standard_input() {
    let old = fs::read(plan_path("gaps-plan")).unwrap();
    let args = ["diff", "-", &plan_path("complete-plan"), "--no-config"];
    let output = planaudit_stdin(&args, &old);
    let text = stdout(&output);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        text.starts_with("<stdin> → fixtures/plans/complete-plan.md\n"),
        "{text}"
    );
    assert!(
        text.contains("gained       O6 Supporting unpaid carers"),
        "{text}"
    );
}

/// A covered item that lost its commitment, though every section still addresses it, names the
/// commitment that went and where it was; one that gained a commitment names it.
#[test]
fn diff_names_the_commitment_an_item_lost_or_found() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = fs::read_to_string(plan_path("gaps-plan")).unwrap();
    let promise = "We will expand self-management support so that 1,000 people complete a \
                   Living Well course by March 2026.";
    // The paragraph it opens goes whole, with the item's other promises.
    let line = text
        .lines()
        .position(|l| l.starts_with(promise))
        .expect("the promise")
        + 1;
    let paragraph = text.lines().nth(line - 1).unwrap();
    fs::write(d.join("old.md"), &text).unwrap();
    fs::write(
        d.join("new.md"),
        text.replacen(&format!("{paragraph}\n"), "", 1),
    )
    .unwrap();
    let lost = stdout(&planaudit_in(d, &["diff", "old.md", "new.md"]));
    assert!(
        lost.contains(&format!(
            "commitment no longer found: “{promise}” (was line {line})"
        )),
        "{lost}"
    );
    let found = stdout(&planaudit_in(d, &["diff", "new.md", "old.md"]));
    assert!(
        found.contains(&format!("commitment now: “{promise}” (line {line})")),
        "{found}"
    );
    let args = ["diff", "old.md", "new.md", "--format", "json"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&planaudit_in(d, &args))).unwrap();
    assert_eq!(json["items"][0]["commitment_lost"]["text"], promise);
}

/// A section that mentioned an item and now addresses it is where the item was gained, and
/// has not stopped mentioning it.
#[test]
fn diff_names_a_section_that_now_addresses_what_it_mentioned_once() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(plan_path("gaps-plan")).unwrap();
    fs::write(dir.path().join("old.md"), &plan).unwrap();
    let said = "health inequalities between neighbourhoods in Kilbeck.";
    let more = format!(
        "{said} We will cut the gap in healthy life expectancy between Kilbeck's most and \
         least deprived neighbourhoods by 2028, led by the locality manager."
    );
    fs::write(dir.path().join("new.md"), plan.replacen(said, &more, 1)).unwrap();
    let text = stdout(&planaudit_in(dir.path(), &["diff", "old.md", "new.md"]));
    let o5: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains(" O5 "))
        .take_while(|l| l.contains(" O5 ") || l.starts_with("    "))
        .collect();
    assert!(o5[0].starts_with("gained       O5 "), "{text}");
    assert_eq!(
        o5[1..],
        ["               now addressed in: Strathbeck North (line 33)"],
        "{text}"
    );
}

/// A heading the plan repeats (each priority's "Actions") is named with the heading above it.
#[test]
fn diff_names_a_repeated_heading_with_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n## Priority 1: Carers\n\n### Actions\n\nWe will give every unpaid \
                carer an adult carer support plan and short breaks by March 2027.\n\n\
                ## Priority 2: Safety\n\n### Actions\n\nWe will strengthen adult support and \
                protection so people are safe from harm, with a new hub by 2027.\n";
    fs::write(dir.path().join("old.md"), plan).unwrap();
    let cut = plan.replace("We will strengthen adult support and protection so people are safe from harm, with a new hub by 2027.\n", "");
    fs::write(dir.path().join("new.md"), cut).unwrap();
    let args = ["diff", "old.md", "new.md", "-f", "outcomes", "--no-config"];
    let text = stdout(&planaudit_in(dir.path(), &args));
    assert!(
        text.contains("no longer addressed in: Actions under Priority 2: Safety (was line 11)"),
        "{text}"
    );
}

#[test]
fn diff_of_a_plan_against_itself_is_clean() {
    let path = plan_path("gaps-plan");
    let text = run(&["diff", &path, &path]);
    assert!(text.contains("no change in coverage or sections"), "{text}");
}

#[test]
fn a_renamed_heading_is_a_rename_not_a_removal() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(plan_path("gaps-plan")).unwrap();
    fs::write(dir.path().join("old.md"), &plan).unwrap();
    let renamed = plan.replace(
        "## Living independently at home",
        "## 3. Living independently",
    );
    fs::write(dir.path().join("new.md"), renamed).unwrap();
    let text = stdout(&planaudit_in(dir.path(), &["diff", "old.md", "new.md"]));
    assert!(
        text.contains("section renamed: Living independently at home (line 51) → 3. Living independently (line 51)"),
        "{text}"
    );
    assert!(!text.contains("section removed"), "{text}");
}

/// A Word or PDF plan's sections are cited by paragraph or page in the matrix and the diff, as
/// `check` and `explain` cite them: a line of its extracted text points nowhere a reader has.
#[test]
fn matrix_and_diff_cite_word_and_pdf_sections_by_paragraph_or_page() {
    let pdf = "fixtures/plans/gaps-plan.pdf";
    let docx = "fixtures/plans/gaps-plan.docx";
    let matrix = run(&["matrix", pdf, "--format", "markdown"]);
    assert!(
        matrix.contains("| About this document (page 1) |"),
        "{matrix}"
    );
    let matrix = run(&["matrix", docx, "--format", "markdown"]);
    assert!(
        matrix.contains("| About this document (paragraph "),
        "{matrix}"
    );
    assert!(!matrix.contains("(line "), "{matrix}");
    // The spreadsheet and JSON say where too: a line of the extracted text is nowhere.
    let csv = run(&["matrix", pdf, "--format", "csv"]);
    assert!(csv.starts_with("section,location,O1,"), "{csv}");
    assert!(csv.contains("\nAbout this document,page 1,"), "{csv}");
    let json = run(&["matrix", docx, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let location = &json["rows"][1]["location"];
    assert!(
        location.as_str().unwrap().starts_with("paragraph "),
        "{location}"
    );
    let markdown_plan = run(&["matrix", "fixtures/plans/gaps-plan.md", "--format", "csv"]);
    assert!(
        markdown_plan.starts_with("section,line,O1,"),
        "{markdown_plan}"
    );
    let diff = stdout(&planaudit(&[
        "diff",
        "fixtures/plans/complete-plan.md",
        pdf,
    ]));
    assert!(
        diff.contains("section renamed: How this plan was prepared (line 23) → How we prepared this plan (page 1)"),
        "{diff}"
    );
    // The HTML report, a reviewer's view, cites them alike.
    for (plan, place) in [(pdf, "page "), (docx, "paragraph ")] {
        let html = run(&["check", plan, "--format", "html", "--fail-on", "never"]);
        assert!(
            html.contains(&format!("<span class=\"line\">{place}")),
            "{plan}"
        );
        assert!(!html.contains("<span class=\"line\">line "), "{plan}");
    }
    let markdown = "fixtures/plans/gaps-plan.md";
    let html = run(&["check", markdown, "--format", "html", "--fail-on", "never"]);
    assert!(html.contains("<span class=\"line\">line "));
}

#[test]
fn output_dir_has_a_page_per_plan_and_an_index_linking_them() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let plans = all_plans();
    let site_arg = site.to_str().unwrap();
    let mut args = vec!["check", "--no-config", "-q", "--output-dir", site_arg];
    args.extend(plans.iter().map(String::as_str));
    let output = planaudit(&args);
    assert_ne!(code(&output), 2, "{}", common::stderr(&output));
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    for plan in PLANS {
        let page = format!("{plan}.html");
        assert!(index.contains(&format!("href=\"{page}\"")), "{index}");
        let html = fs::read_to_string(site.join(&page)).unwrap();
        assert!(html.contains("data-heatmap=\"sections-items\""));
        assert!(!html.contains("Config: "), "{html}");
    }
}

/// Every page of `--output-dir` names the configuration the run read, as `--format html` does:
/// one found in a parent directory changes the run, and the reader should see which.
#[test]
fn output_dir_pages_name_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(plan_path("gaps-plan"), d.join("g.md")).unwrap();
    fs::write(d.join("planaudit.yaml"), "fail_on: never\n").unwrap();
    let output = planaudit_in(d, &["check", "g.md", "--output-dir", "out", "-q"]);
    assert_eq!(code(&output), 0, "{}", common::stderr(&output));
    for page in ["g.html", "index.html"] {
        let html = fs::read_to_string(d.join("out").join(page)).unwrap();
        assert!(
            html.contains("<p class=\"path\">Config: planaudit.yaml</p>"),
            "{page}: {html}"
        );
    }
}

/// A page is headed by the plan's own title (front matter, else its first heading), with the
/// path beneath: a download's file name says little about which plan it is.
#[test]
fn html_pages_are_headed_by_the_plans_title() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "---\ntitle: Strathbeck Strategic Plan 2025-2028\n---\n\n# Our plan\n\n## Carers\n\n\
                We will widen short breaks for unpaid carers by March 2027.\n";
    fs::write(dir.path().join("download (3).md"), plan).unwrap();
    let args = [
        "check",
        "--no-config",
        "download (3).md",
        "--format",
        "html",
    ];
    let html = stdout(&planaudit_in(dir.path(), &args));
    let title = "<title>planaudit: Strathbeck Strategic Plan 2025-2028 (download (3).md)</title>";
    assert!(html.contains(title), "{html}");
    let heading =
        "<h1>Strathbeck Strategic Plan 2025-2028</h1><p class=\"path\">download (3).md</p>";
    assert!(html.contains(heading), "{html}");
    let untitled = "## Carers\n\nWe will widen short breaks for unpaid carers.\n";
    fs::write(dir.path().join("untitled.md"), untitled).unwrap();
    let args = ["check", "--no-config", "untitled.md", "--format", "html"];
    let html = stdout(&planaudit_in(dir.path(), &args));
    assert!(
        html.contains("<title>planaudit: untitled.md</title>"),
        "{html}"
    );
    assert!(html.contains("<h1>untitled.md</h1>"), "{html}");
}

/// A second run into the same folder with fewer plans removes the pages its index no longer
/// links, and only those: a file of the reviewer's own and a page linked from nowhere stay.
#[test]
fn output_dir_drops_the_pages_of_plans_no_longer_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["gaps-plan", "complete-plan"] {
        fs::copy(plan_path(name), d.join(format!("{name}.md"))).unwrap();
    }
    let run = |plans: &[&str]| {
        let mut args = vec!["check", "--no-config", "-q", "--output-dir", "site"];
        args.extend(plans);
        assert_ne!(code(&planaudit_in(d, &args)), 2);
    };
    run(&["gaps-plan.md", "complete-plan.md"]);
    let site = d.join("site");
    assert!(site.join("complete-plan.html").exists());
    fs::write(site.join("notes.html"), "<p>the reviewer's own notes</p>").unwrap();
    run(&["gaps-plan.md"]);
    assert!(
        !site.join("complete-plan.html").exists(),
        "no index links it"
    );
    assert!(site.join("gaps-plan.html").exists());
    assert!(site.join("notes.html").exists(), "not planaudit's");
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains("complete-plan.html"), "{index}");
}

/// Two plans whose names differ only in case get pages told apart, as one folder on macOS or
/// Windows holds only one of `Plan.html` and `plan.html`; standard input's page does not start
/// with `-`, which a shell reads as an option.
#[test]
fn output_dir_pages_differ_whatever_the_case_and_never_start_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for folder in ["a", "b"] {
        fs::create_dir(d.join(folder)).unwrap();
    }
    fs::copy(plan_path("gaps-plan"), d.join("a/Plan.md")).unwrap();
    fs::copy(plan_path("complete-plan"), d.join("b/plan.md")).unwrap();
    let args = [
        "check",
        "--no-config",
        "-q",
        "--output-dir",
        "site",
        "a",
        "b",
    ];
    assert_ne!(code(&planaudit_in(d, &args)), 2);
    let mut pages: Vec<String> = fs::read_dir(d.join("site"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages, ["Plan.html", "index.html", "plan-2.html"]);
    let plan = fs::read(plan_path("gaps-plan")).unwrap();
    let site = d.join("stdin-site");
    let args = [
        "check",
        "--no-config",
        "-q",
        "--output-dir",
        site.to_str().unwrap(),
        "-",
    ];
    let output = planaudit_stdin(&args, &plan);
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    assert!(d.join("stdin-site/stdin.html").is_file());
}

/// A plan's name may hold characters a link reads otherwise (`#` a fragment, `?` a query, `&`
/// an entity): its page is named without them, so the index's links open it and a later run
/// reads them back to remove it.
#[test]
fn output_dir_pages_of_oddly_named_plans_are_linked_and_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let odd = ["a&b.md", "c#2.md", "q?.md", "plan 100%.md"];
    for name in odd.iter().chain(&["d.md"]) {
        fs::copy(plan_path("gaps-plan"), d.join(name)).unwrap();
    }
    let run = |plans: &[&str]| {
        let mut args = vec!["check", "--no-config", "-q", "--output-dir", "site"];
        args.extend(plans);
        assert_ne!(code(&planaudit_in(d, &args)), 2);
    };
    run(&odd);
    let site = d.join("site");
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    let pages = ["a-b.html", "c-2.html", "q.html", "plan-100.html"];
    for page in pages {
        assert!(site.join(page).is_file(), "{page}");
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "{page}: {index}"
        );
    }
    run(&["d.md"]);
    for page in pages {
        assert!(!site.join(page).exists(), "{page} is no longer linked");
    }
    assert!(site.join("d.html").is_file());
}

#[test]
fn output_dir_never_overwrites_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let trap = dir.path().join("plan.html");
    fs::write(&trap, "# Plan\n\n## Carers\n").unwrap();
    let output = planaudit_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--extension",
            "html",
            "plan.html",
            "--output-dir",
            ".",
        ],
    );
    assert_eq!(code(&output), 2, "{}", common::stderr(&output));
    assert_eq!(fs::read_to_string(&trap).unwrap(), "# Plan\n\n## Carers\n");
    assert!(!Path::new(&dir.path().join("index.html")).exists());
}

/// A page's name may be taken by a file planaudit did not write: an HTML plan left out of the
/// run, or a reviewer's own index. The run refuses before writing anything, and replaces its
/// own pages as before.
#[test]
fn output_dir_never_overwrites_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "fixtures/plans/gaps-plan.md",
        dir.path().join("gaps-plan.md"),
    )
    .unwrap();
    let run = || {
        let args = [
            "check",
            "--no-config",
            "-q",
            "gaps-plan.md",
            "--output-dir",
            ".",
        ];
        planaudit_in(dir.path(), &args)
    };
    for (name, text) in [
        ("gaps-plan.html", "<p>the plan as published</p>"),
        ("index.html", "my notes"),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
        let output = run();
        assert_eq!(code(&output), 2, "{}", common::stderr(&output));
        assert!(
            common::stderr(&output).contains(&format!(
                "write over ./{name}, which planaudit did not write"
            )),
            "{}",
            common::stderr(&output)
        );
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), text);
        fs::remove_file(dir.path().join(name)).unwrap();
    }
    assert_eq!(code(&run()), 1);
    assert_eq!(code(&run()), 1, "a second run replaces its own pages");
    assert!(
        fs::read_to_string(dir.path().join("index.html"))
            .unwrap()
            .contains("gaps-plan.html")
    );
}

/// A batch with a plan that cannot be read keeps the plans × items shape for the rest, and
/// exits 2.
#[test]
fn matrix_of_plans_keeps_its_shape_when_one_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("fixtures/plans/gaps-plan.md", dir.path().join("a.md")).unwrap();
    fs::write(dir.path().join("b.md"), b"\x00\x01binary").unwrap();
    let args = [
        "matrix", "a.md", "b.md", "-f", "outcomes", "--format", "csv",
    ];
    let output = planaudit_in(dir.path(), &args);
    assert_eq!(code(&output), 2);
    let csv = stdout(&output);
    let rows: Vec<&str> = csv.lines().map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(rows, ["plan", "a.md"], "{csv}");
}

/// A Word or PDF plan's sections are placed by page or paragraph in `diff`'s JSON, as in its
/// text: the line of extracted text points nowhere in the file.
#[test]
fn diff_json_places_word_and_pdf_sections_by_page() {
    let args = [
        "diff",
        "fixtures/plans/gaps-plan.pdf",
        "fixtures/plans/complete-plan.md",
        "--format",
        "json",
    ];
    let json: serde_json::Value = serde_json::from_str(&stdout(&common::planaudit(&args))).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"location\":\"page 2\""), "{text}");
    // The Markdown plan's places are its lines alone.
    let o5 = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "O5")
        .unwrap();
    assert!(o5["now_addressed_in"][0].get("location").is_none(), "{o5}");
}

/// Plans whose long names share their start are told apart in the table by their ends.
#[test]
fn matrix_rows_of_long_plan_names_keep_their_ends() {
    let dir = tempfile::tempdir().unwrap();
    let stem = "health-and-social-care-strategic-plan-2025-2028";
    for (area, plan) in [("angus", "gaps-plan"), ("argyll-and-bute", "complete-plan")] {
        let from = format!("fixtures/plans/{plan}.md");
        fs::copy(from, dir.path().join(format!("{stem}-{area}.md"))).unwrap();
    }
    let table = stdout(&planaudit_in(dir.path(), &["matrix", "."]));
    let labels: Vec<&str> = table
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert!(
        labels[0].starts_with('…') && labels[0].ends_with("-angus.md"),
        "{table}"
    );
    assert!(labels[1].ends_with("-argyll-and-bute.md"), "{table}");
}

/// Across plans, an item a waiver took out shows as waived, not as the blank of an item the
/// plan misses, in every format.
#[test]
fn matrix_of_plans_tells_waived_from_missing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string("fixtures/plans/gaps-plan.md").unwrap();
    let waived = plan.replacen(
        "\n## ",
        "\n<!-- planaudit: ignore O6 reason=\"in the Carers Strategy\" -->\n\n## ",
        1,
    );
    fs::write(dir.path().join("a.md"), waived).unwrap();
    fs::write(dir.path().join("b.md"), plan).unwrap();
    let matrix = |format: &str| {
        let args = [
            "matrix", "a.md", "b.md", "-f", "outcomes", "--format", format,
        ];
        stdout(&common::planaudit_in(dir.path(), &args))
    };
    let table = matrix("table");
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with(['a', 'b']))
        .collect();
    let o6 = |row: &str| row.split_whitespace().nth(6).unwrap().to_owned();
    assert_eq!([o6(rows[0]), o6(rows[1])], ["w", "."], "{table}");
    assert!(table.contains("w waived"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&matrix("json")).unwrap();
    assert_eq!(json["rows"][0]["waived"], serde_json::json!(["O6"]));
    assert!(json["rows"][1].get("waived").is_none());
    let csv = matrix("csv");
    assert!(csv.lines().nth(1).unwrap().contains(",waived,"), "{csv}");
}

/// Every link within an HTML report has its target on the page: a heatmap cell of a section
/// that reaches its item only with its subsections has no evidence of its own, and goes to
/// the item's evidence instead.
#[test]
fn every_link_in_the_html_report_lands_on_the_page() {
    let mut args = vec![
        "check",
        "--no-config",
        "--fail-on",
        "never",
        "--format",
        "html",
    ];
    let plans = all_plans();
    args.extend(plans.iter().map(String::as_str));
    let html = run(&args);
    let ids: std::collections::HashSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let hrefs: Vec<&str> = html
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(hrefs.len() > 100, "{}", hrefs.len());
    let dead: Vec<&&str> = hrefs.iter().filter(|h| !ids.contains(*h)).collect();
    assert!(dead.is_empty(), "{dead:?}");
    assert!(
        html.contains(", with its subsections\""),
        "no such cell in the fixtures"
    );
}
