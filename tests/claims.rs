//! The plan's own claims (mapping tables and sentences) against its text, and the thread from
//! priority to measure. Fixtures: fixtures/claims/ (synthetic; see its README).

mod common;

use common::{code, planaudit, stdout};
use serde_json::Value;

const CLAIMS: &[&str] = &[
    "honest",
    "over-claiming",
    "tick-matrix",
    "numbers-column",
    "list-form",
    "missing-section",
    "background-only",
];

fn path(name: &str) -> String {
    format!("fixtures/claims/{name}.md")
}

fn json(name: &str) -> Value {
    let output = planaudit(&["check", &path(name), "--format", "json"]);
    assert_ne!(code(&output), 2, "{name}: {}", common::stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// The heading of the section a claim names by its index.
fn heading<'r>(report: &'r Value, section: &Value) -> &'r str {
    let index = section.as_u64().unwrap() as usize;
    report["files"][0]["sections"][index]["heading"]
        .as_str()
        .unwrap()
}

/// (code, item, row or section) of each finding about claims or measures.
fn claim_findings(report: &Value) -> Vec<(String, String, String)> {
    let file = &report["files"][0];
    let claim_codes = [
        "unsupported-claim",
        "unclaimed-evidence",
        "bad-claim",
        "no-measure",
    ];
    let mut found: Vec<(String, String, String)> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| claim_codes.contains(&f["code"].as_str().unwrap()))
        .map(|f| {
            let labels = f["labels"].as_array().unwrap();
            let first = labels[0]["span"][0].as_u64().unwrap() as usize;
            let source = std::fs::read_to_string(path_of(report)).unwrap();
            let line = source[first..].lines().next().unwrap().to_owned();
            (
                f["code"].as_str().unwrap().to_owned(),
                f["item"].as_str().unwrap_or("—").to_owned(),
                line,
            )
        })
        .collect();
    found.sort();
    found
}

fn path_of(report: &Value) -> String {
    report["files"][0]["path"].as_str().unwrap().to_owned()
}

/// The line of each of a JSON finding's labels, in order.
fn label_lines(finding: &Value) -> Vec<u64> {
    let labels = finding["labels"].as_array().unwrap();
    labels.iter().map(|l| l["line"].as_u64().unwrap()).collect()
}

/// A finding as (code, item or "—", the source line its first label starts on).
type Expected<'a> = (&'a str, &'a str, &'a str);

fn strings(found: &[Expected]) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = found
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    v.sort();
    v
}

/// The "done": a carers priority claimed for outcome 7 that says nothing about safety
/// gives one unsupported-claim, at the cell, and the honest claims give none.
#[test]
fn an_over_claimed_outcome_is_the_only_claim_finding() {
    let report = json("over-claiming");
    assert_eq!(
        claim_findings(&report),
        strings(&[("unsupported-claim", "O7", "6, 7 |")])
    );
    let claims = report["files"][0]["claims"].as_array().unwrap();
    let summary: Vec<(&str, &str, bool)> = claims
        .iter()
        .map(|c| {
            (
                c["item"].as_str().unwrap(),
                heading(&report, &c["section"]),
                c["evidenced"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("O2", "Priority 1: Staying well at home", true),
            ("O6", "Priority 2: Caring for carers", true),
            ("O7", "Priority 2: Caring for carers", false),
        ]
    );
    let finding = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unsupported-claim")
        .unwrap();
    assert_eq!(
        label_lines(finding),
        vec![14, 25],
        "the table cell, then the section heading"
    );
}

#[test]
fn each_fixture_raises_what_it_was_written_to_raise() {
    let expected: &[(&str, &[Expected])] = &[
        ("honest", &[]),
        (
            "tick-matrix",
            &[
                ("unsupported-claim", "O2", "Yes |  |  | Yes |"),
                ("unsupported-claim", "O9", "X |"),
                ("no-measure", "—", "## Carers count"),
            ],
        ),
        (
            "numbers-column",
            &[
                ("unsupported-claim", "O9", "2, 9 |  |"),
                ("unsupported-claim", "P2", "(ii) |"),
                ("no-measure", "—", "## Supporting carers"),
            ],
        ),
        (
            "list-form",
            &[
                (
                    "unsupported-claim",
                    "O7",
                    "This priority supports outcomes 6 and 7.",
                ),
                (
                    "unsupported-claim",
                    "O9",
                    "Priority 2: Living well at home — outcomes 2 and 9",
                ),
                ("no-measure", "—", "## Priority 1: Carers"),
                ("no-measure", "—", "## Priority 2: Living well at home"),
            ],
        ),
        (
            "missing-section",
            &[("bad-claim", "—", "Digital front door | Outcome 3, HWO9 |")],
        ),
        // A list of services names the item; it does not evidence the claim.
        ("background-only", &[("unsupported-claim", "O6", "6 |")]),
    ];
    for (name, findings) in expected {
        let report = json(name);
        assert_eq!(claim_findings(&report), strings(findings), "{name}");
    }
}

/// Bold, a footnote marker, an asterisk and an empty first cell (the row above continues) are
/// all read; and the claim text itself never counts as evidence.
#[test]
fn awkward_cells_resolve_and_claims_are_not_evidence() {
    let report = json("honest");
    let claims: Vec<(&str, &str, &str)> = report["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["item"].as_str().unwrap(),
                c["row"]["text"].as_str().unwrap(),
                heading(&report, &c["section"]),
            )
        })
        .collect();
    assert_eq!(
        claims,
        vec![
            ("O6", "Caring for carers", "Caring for carers"),
            ("O7", "Safer at home", "Safer at home"),
            ("O2", "Safer at home", "Safer at home"),
        ]
    );
    let table_section = &report["files"][0]["sections"][1];
    assert_eq!(
        table_section["links"].as_array().unwrap().len(),
        0,
        "the mapping table's own section links nothing: {table_section}"
    );
    let missing = planaudit(&["check", &path("missing-section"), "--format", "json"]);
    let missing: Value = serde_json::from_str(&stdout(&missing)).unwrap();
    let o3 = missing["files"][0]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "O3")
        .unwrap();
    assert_eq!(o3["status"], "missing", "a claim alone covers nothing");
    // Nor does a row's label: it names the priority the row speaks for.
    for name in [
        "over-claiming",
        "numbers-column",
        "tick-matrix",
        "background-only",
    ] {
        let report = json(name);
        let table_section = &report["files"][0]["sections"][1];
        let links = table_section["links"].as_array().unwrap();
        assert!(links.is_empty(), "{name}: {table_section}");
    }
}

#[test]
fn explain_shows_the_thread_and_the_claims() {
    let output = planaudit(&["explain", &path("over-claiming"), "--item", "O6"]);
    assert_eq!(code(&output), 0, "{}", common::stderr(&output));
    insta::assert_snapshot!("explain-over-claiming-O6", stdout(&output));
    let output = planaudit(&["explain", &path("over-claiming"), "--item", "O7"]);
    insta::assert_snapshot!("explain-over-claiming-O7", stdout(&output));
}

#[test]
fn reports_for_each_fixture() {
    for name in CLAIMS {
        for format in ["human", "json", "markdown"] {
            let path = path(name);
            let mut args = vec!["check", &path, "--format", format, "--color", "never"];
            if format == "json" {
                args.push("--pretty");
            }
            let output = planaudit(&args);
            assert_ne!(code(&output), 2, "{name}: {}", common::stderr(&output));
            insta::assert_snapshot!(format!("{format}-{name}"), stdout(&output));
        }
    }
}

#[test]
fn sarif_and_github_carry_the_claim_findings() {
    let output = planaudit(&["check", &path("over-claiming"), "--format", "github"]);
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.contains("unsupported-claim"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.starts_with("::warning file=fixtures/claims/over-claiming.md,line=14"),
        "{line}"
    );
    let output = planaudit(&["check", &path("over-claiming"), "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let claim: Vec<&Value> = results
        .iter()
        .filter(|r| r["properties"]["code"] == "unsupported-claim")
        .collect();
    assert_eq!(claim.len(), 1, "{results:#?}");
    let line = |location: &Value| location["physicalLocation"]["region"]["startLine"].clone();
    assert_eq!(claim[0]["ruleId"], "O7");
    assert_eq!(line(&claim[0]["locations"][0]), 14, "the cell");
    assert_eq!(line(&claim[0]["relatedLocations"][0]), 25, "the heading");
}

#[test]
fn claim_reports_validate_against_the_published_schema() {
    let schema: Value = serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for name in CLAIMS {
        let report = json(name);
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

/// The schema lists every code of the registry, so a new code cannot fail validation unseen.
#[test]
fn the_schema_lists_every_finding_code() {
    let schema: Value = serde_json::from_str(include_str!("../docs/report.schema.json")).unwrap();
    let listed: Vec<&str> = schema["$defs"]["finding"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let registry: Vec<&str> = planaudit::audit::Code::all()
        .map(planaudit::audit::Code::as_str)
        .collect();
    assert_eq!(listed, registry);
}

/// A table whose header names no framework (a risk register) makes no claim by the words of
/// an item's title or a document's name ("Market Facilitation Statement", "All localities"),
/// but does by a numbered name ("outcome 7") in any column, and by title under a header that
/// names the framework.
#[test]
fn words_in_a_register_are_not_claims_but_numbered_names_are() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan 2025-2028\n\n## Strategic risks\n\n\
                | Risk | Rating | Mitigations |\n| --- | --- | --- |\n\
                | Provider failure | High | Market Facilitation Statement; contingency plans |\n\
                | Overspend | High | Medium Term Financial Plan |\n\
                | Falls rise | Medium | Falls pathway in all localities (outcome 7) |\n\n\
                ## Priorities\n\n| Priority | Outcomes |\n| --- | --- |\n\
                | Strategic risks | Safe from harm |\n";
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let args = [
        "check",
        "plan.md",
        "-f",
        "outcomes",
        "-f",
        "statutory",
        "--format",
        "json",
    ];
    let report: Value =
        serde_json::from_str(&stdout(&common::planaudit_in(dir.path(), &args))).unwrap();
    let claims: Vec<(String, String)> = report["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let item = c["item"].as_str().unwrap().to_owned();
            (item, c["row"]["text"].as_str().unwrap().to_owned())
        })
        .collect();
    let own = |item: &str, row: &str| (item.to_owned(), row.to_owned());
    assert_eq!(
        claims,
        [own("O7", "Falls rise"), own("O7", "Strategic risks")]
    );
}

/// The unsupported claims for one section are one block of the human report, with one
/// message naming every item and one excerpt, and one GitHub annotation, while JSON keeps a
/// finding per item (waivers, baselines and code scanning follow items).
#[test]
fn one_sentences_unsupported_claims_are_one_block_for_people() {
    let plan = "fixtures/plans/blind-plan-city.md";
    let human = stdout(&planaudit(&["check", plan]));
    let blocks: Vec<&str> = human
        .split("\n\n")
        .filter(|b| b.contains("[unsupported-claim]") && b.contains("\"Alcohol and drugs\""))
        .collect();
    assert_eq!(blocks.len(), 1, "{human}");
    let block = blocks[0];
    assert!(
        block.contains("claims O1, O3, O4 and O7"),
        "one excerpt labelled with every item:\n{block}"
    );
    assert_eq!(
        block
            .matches("This contributes to national outcomes")
            .count(),
        1
    );
    let words = block.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("but that section does not address them"),
        "{block}"
    );

    let report: Value =
        serde_json::from_str(&stdout(&planaudit(&["check", plan, "--format", "json"]))).unwrap();
    let line: Vec<&str> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unsupported-claim" && f["labels"][0]["line"] == 254)
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    assert_eq!(line, ["O1", "O3", "O4", "O7"]);

    // One annotation too: GitHub shows only a step's first few.
    let github = stdout(&planaudit(&["check", plan, "--format", "github"]));
    let annotations: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("line=254,") && l.contains("unsupported-claim"))
        .collect();
    assert_eq!(annotations.len(), 1, "{github}");
    assert!(
        annotations[0].contains("title=unsupported-claim::"),
        "{github}"
    );
    assert!(
        annotations[0].contains("O4 (Better quality of life) and O7"),
        "{github}"
    );
}

/// The JSON report of `plan`, written out as plan.md, audited against `frameworks`.
/// A claim sentence is no evidence however a section's factors weighed it: in a short section
/// naming the item twice (its claim and a service), the claim's reference counted ×1.5 and
/// left the section addressing the item once its weight alone came off.
#[test]
fn a_claim_sentence_never_evidences_itself() {
    let status = |report: &Value| {
        let coverage = report["files"][0]["coverage"].as_array().unwrap();
        let o6 = coverage.iter().find(|c| c["item"] == "O6").unwrap();
        o6["status"].as_str().unwrap().to_owned()
    };
    let codes = |report: &Value| -> Vec<String> {
        let findings = report["files"][0]["findings"].as_array().unwrap();
        (findings.iter())
            .filter(|f| f["item"] == "O6")
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let said = "We will review our short breaks offer.";
    for claim in [
        "This priority supports outcome 6.",
        "This priority supports outcomes 4 and 6.",
    ] {
        let plan = format!("# Plan\n\n## Caring for carers\n\n{said} {claim}\n");
        let report = report_of(&plan, &["outcomes"]);
        assert_eq!(status(&report), "weak", "{claim}");
        assert!(
            codes(&report).contains(&"unsupported-claim".to_owned()),
            "{claim}"
        );
        let links = report["files"][0]["sections"][1]["links"]
            .as_array()
            .unwrap();
        let o6 = links.iter().find(|l| l["item"] == "O6").unwrap();
        assert_eq!(o6["score"], 1.0, "{claim}: {o6}");
    }
}

fn report_of(plan: &str, frameworks: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let mut args = vec!["check", "plan.md", "--format", "json"];
    for framework in frameworks {
        args.extend(["-f", framework]);
    }
    serde_json::from_str(&stdout(&common::planaudit_in(dir.path(), &args))).unwrap()
}

/// The items each mapping row claims, as (row, items), from `plan`'s JSON report.
fn claimed(plan: &str) -> Vec<(String, Vec<String>)> {
    let report = report_of(plan, &["outcomes", "principles"]);
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for claim in report["files"][0]["claims"].as_array().unwrap() {
        let row = claim["row"]["text"].as_str().unwrap().to_owned();
        let item = claim["item"].as_str().unwrap().to_owned();
        match rows.iter_mut().find(|(r, _)| *r == row) {
            Some((_, items)) => items.push(item),
            None => rows.push((row, vec![item])),
        }
    }
    rows
}

/// A mapping of priorities with one section each, and the text of each row's claim.
fn mapping(rows: &[(&str, &str)]) -> String {
    let mut plan =
        "# Plan 2026-2029\n\n## Mapping\n\n| Priority | Outcomes |\n| --- | --- |\n".to_owned();
    for (row, cell) in rows {
        plan.push_str(&format!("| {row} | {cell} |\n"));
    }
    for (row, _) in rows {
        plan.push_str(&format!("\n## {row}\n\nText about {row}.\n"));
    }
    plan
}

/// Under a column headed by one item, the usual marks claim it, a Word export's √ and a doubled
/// tick among them.
#[test]
fn tick_columns_take_the_marks_plans_use() {
    let plan = "# Plan 2026-2029\n\n## Mapping\n\n| Priority | O2 | O6 | O9 |\n| --- | --- | --- | --- |\n\
                | Home first | √ | | ✓✓ |\n| Carers count | | Yes | |\n\n\
                ## Home first\n\nText.\n\n## Carers count\n\nText.\n";
    let own = |row: &str, items: &[&str]| {
        let items = items.iter().map(|i| i.to_string()).collect::<Vec<_>>();
        (row.to_owned(), items)
    };
    assert_eq!(
        claimed(plan),
        [
            own("Home first", &["O2", "O9"]),
            own("Carers count", &["O6"])
        ]
    );
}

/// Numbers that belong to another id or another numbering are not outcome numbers; ranges claim
/// their middle; an Oxford comma keeps the last item.
#[test]
fn mapping_cells_are_read_as_a_reviewer_reads_them() {
    let plan = mapping(&[
        ("Alpha", "P2, P4"),
        ("Beta", "6 (NI8)"),
        ("Gamma", "Outcome 6 (NI 8)"),
        ("Delta", "HWO6, S3"),
        ("Epsilon", "Principle 3"),
        ("Zeta", "O1–O3"),
        ("Eta", "outcomes 2 to 4"),
        ("Theta", "7-9"),
        ("Iota", "outcomes 1, 2, and 9"),
        ("Kappa", "Outcomes 3, 4, or 5"),
        ("Lambda", "8% more carers assessed; 1 in 4 offered a break"),
        ("Mu", "NI-8, NI-12"),
        ("Nu", "2 (5% of budget)"),
    ]);
    let own = |row: &str, items: &[&str]| {
        (
            row.to_owned(),
            items.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        claimed(&plan),
        [
            own("Alpha", &["P2", "P4"]),
            own("Beta", &["O6"]),
            own("Gamma", &["O6"]),
            own("Delta", &["O6"]),
            own("Epsilon", &["P3"]),
            own("Zeta", &["O1", "O2", "O3"]),
            own("Eta", &["O2", "O3", "O4"]),
            own("Theta", &["O7", "O8", "O9"]),
            own("Iota", &["O1", "O2", "O9"]),
            own("Kappa", &["O3", "O4", "O5"]),
            // Lambda and Mu count things and name indicators: no claim.
            own("Nu", &["O2"]),
        ]
    );
    let sentences = "# Plan 2026-2029\n\n## Carers\n\nThis priority supports outcomes 1, 2, and 9.\n\n\
                     ## Safety\n\nThis priority contributes to outcomes 6–8.\n";
    assert_eq!(
        claimed(sentences),
        [
            own("Carers", &["O1", "O2", "O9"]),
            own("Safety", &["O6", "O7", "O8"])
        ]
    );
}

/// A claim the mapping repeats (two rows, a second table, a sentence) is one finding with every
/// place, in line order, not one finding per repetition.
#[test]
fn a_repeated_claim_is_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "# Plan 2026-2029\n\n## Mapping\n\n| Priority | Outcomes |\n| --- | --- |\n\
                | Caring for carers | 6, 7 |\n| Caring for carers | 7 |\n\n## Other map\n\n\
                | Priority | Outcomes |\n| --- | --- |\n| Caring for carers | Outcome 7 |\n\n\
                ## Caring for carers\n\nThis priority supports outcome 7.\n\n\
                Unpaid carers need short breaks. We will agree 300 more adult carer support \
                plans by March 2027.\n";
    let report = report_of(plan, &["outcomes"]);
    let unsupported: Vec<&Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unsupported-claim")
        .collect();
    assert_eq!(unsupported.len(), 1, "{unsupported:#?}");
    assert_eq!(
        label_lines(unsupported[0]),
        [7, 8, 14, 18, 16],
        "claims by line, then the heading"
    );
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let args = ["check", "plan.md", "-f", "outcomes"];
    let human = stdout(&common::planaudit_in(dir.path(), &args));
    assert!(human.contains("serves O7 (Safe from harm), but"), "{human}");
    assert!(human.contains("on lines 8, 14, 16, 18"), "{human}");
}

/// An `ignore` comment in the claimed section waives the unsupported claim whole, though the
/// claim's cell is in the mapping: the comment goes with the section the claim is about.
#[test]
fn an_ignore_in_the_claimed_section_waives_the_claim() {
    let plan = "# Plan 2026-2029\n\n## Mapping\n\n| Priority | Outcomes |\n| --- | --- |\n\
                | Caring for carers | 6, 7 |\n\n## Caring for carers\n\n\
                <!-- planaudit: ignore unsupported-claim reason=\"safety is in the adult support and protection plan\" -->\n\n\
                Unpaid carers need short breaks. We will agree 300 more adult carer support \
                plans by March 2027.\n";
    let report = report_of(plan, &["outcomes"]);
    let file = &report["files"][0];
    let codes: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"unsupported-claim"), "{codes:?}");
    assert!(!codes.contains(&"bad-directive"), "{codes:?}");
    let waived = file["waived"].as_array().unwrap();
    assert_eq!(waived.len(), 1, "{waived:#?}");
    assert_eq!(waived[0]["finding"]["code"], "unsupported-claim");
    assert_eq!(waived[0]["finding"]["item"], "O7");
}

/// The bad-claim findings of `plan` audited against `frameworks`, as (message, first label's
/// line).
fn bad_claims(plan: &str, frameworks: &[&str]) -> Vec<(String, u64)> {
    report_of(plan, frameworks)["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "bad-claim")
        .map(|f| {
            let message = f["message"].as_str().unwrap().to_owned();
            (message, f["labels"][0]["line"].as_u64().unwrap())
        })
        .collect()
}

/// A claim of an item no audited framework has ("O10", "outcome 12", "principle (xiii)") is a
/// bad-claim where it is written, not dropped without a word. A "Local outcomes" column is the
/// partnership's own numbering, and "the outcomes I want" names no outcome I.
#[test]
fn claims_of_items_that_do_not_exist_are_reported() {
    let plan = "# Plan 2026-2029\n\n## Mapping\n\n| Priority | Outcomes |\n| --- | --- |\n\
                | Safer lives | O10, Outcome 12 |\n| Home first | 2, 11 |\n\
                | Home first | 85% of people agreed |\n\n\
                | Priority | National outcomes | Local outcomes |\n| --- | --- | --- |\n\
                | Workforce | 8 | 3, 10, 12 |\n\n\
                ## Safer lives\n\nText.\n\n## Home first\n\nText.\n\n\
                ## Workforce\n\nThis priority supports outcome 8 and principle (xiii).\n\n\
                This priority supports the outcomes I want.\n";
    let found = bad_claims(plan, &["outcomes", "principles"]);
    let own = |message: &str, line: u64| (message.to_owned(), line);
    assert_eq!(
        found,
        [
            own(
                "\"Safer lives\" is claimed to serve O10 and outcome 12, which no framework of this run has",
                7
            ),
            own(
                "\"Home first\" is claimed to serve outcome 11, which no framework of this run has",
                8
            ),
            own(
                "\"Workforce\" is claimed to serve principle (xiii), which no framework of this run has",
                25
            ),
        ]
    );
    // Principles are not audited: their numbering is not this run's to judge.
    assert_eq!(bad_claims(plan, &["outcomes"]).len(), 2);
    assert_eq!(
        claimed(plan)
            .into_iter()
            .filter(|(row, _)| row == "Workforce")
            .collect::<Vec<_>>(),
        // The table's national column and the sentence; not the local column's 3, 10, 12.
        [(
            "Workforce".to_owned(),
            vec!["O8".to_owned(), "O8".to_owned()]
        )]
    );
}

/// In prose, a colon or dash after a label that names no other heading is no claim: "Note:
/// outcomes 1 to 9 are listed in Appendix 2" or "Performance: outcome 4 improved" under "Our
/// performance" name no priority, unlike a mapping table's row.
#[test]
fn labels_in_prose_that_name_no_heading_claim_nothing() {
    let plan = "# Plan 2026-2029\n\n## Our performance\n\n\
                Note: outcomes 1 to 9 are listed in full in Appendix 2.\n\n\
                Performance: outcome 4 improved, with 78% of people rating their care good.\n\n\
                Caring for carers — outcomes 6 and 7.\n\n## Caring for carers\n\n\
                Unpaid carers need short breaks. We will agree 300 more adult carer support \
                plans by March 2027.\n";
    assert_eq!(
        claimed(plan),
        [(
            "Caring for carers".to_owned(),
            vec!["O6".to_owned(), "O7".to_owned()]
        )]
    );
    assert_eq!(bad_claims(plan, &["outcomes"]), []);
}

/// (item, row, claimed section's heading) of every claim in a plan's JSON report.
fn claims_of(report: &Value) -> Vec<(String, String, String)> {
    report["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["item"].as_str().unwrap().to_owned(),
                c["row"]["text"].as_str().unwrap().to_owned(),
                heading(report, &c["section"]).to_owned(),
            )
        })
        .collect()
}

/// A mapping table on a web page is read as the same table in Markdown is: the HTML adapter
/// gives its cells their rows and columns (it gave none, and the table claimed nothing).
#[test]
fn a_web_page_mapping_table_claims_as_markdown_does() {
    let dir = tempfile::tempdir().unwrap();
    let markdown = "# Plan\n\n## Caring for carers\n\nWe will offer every unpaid carer a support \
                    plan by 2026.\n\n## Our people\n\nWe will publish a workforce plan.\n\n\
                    ## How our priorities contribute\n\n| Priority | Outcomes |\n|---|---|\n\
                    | Caring for carers | 6 |\n| Our people | 8, 9 |\n";
    let html = "<h1>Plan</h1><h2>Caring for carers</h2><p>We will offer every unpaid carer a \
                support plan by 2026.</p><h2>Our people</h2><p>We will publish a workforce \
                plan.</p><h2>How our priorities contribute</h2><table><tr><th>Priority</th>\
                <th>Outcomes</th></tr><tr><td>Caring for carers</td><td>6</td></tr><tr>\
                <td>Our people</td><td>8, 9</td></tr></table>";
    let report = |name: &str, text: &str| -> Value {
        std::fs::write(dir.path().join(name), text).unwrap();
        let output = common::planaudit_in(dir.path(), &["check", name, "--format", "json"]);
        assert_ne!(code(&output), 2, "{}", common::stderr(&output));
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    let from_markdown = claims_of(&report("plan.md", markdown));
    assert_eq!(from_markdown.len(), 3, "{from_markdown:?}");
    assert_eq!(claims_of(&report("plan.html", html)), from_markdown);
}

/// A header of two rows on a web page, the outcomes' name spanning their numbers, heads each
/// number's column with both ("National outcomes 6"), so the ticks under it claim; under "Our
/// local outcomes" the same numbers are the partnership's own and claim nothing.
#[test]
fn a_web_page_header_of_two_rows_names_each_column() {
    let dir = tempfile::tempdir().unwrap();
    let table = |over: &str| {
        format!(
            "<h1>Plan</h1><h2>Caring for carers</h2><p>We will offer every unpaid carer a \
             support plan by 2026.</p><h2>Home First</h2><p>We will expand reablement so people \
             live independently at home.</p><h2>Contribution</h2><table><tr><th rowspan=\"2\">\
             Priority</th><th colspan=\"2\">{over}</th></tr><tr><th>2</th><th>6</th></tr>\
             <tr><td>Caring for carers</td><td></td><td>✓</td></tr>\
             <tr><td>Home First</td><td>✓</td><td></td></tr></table>"
        )
    };
    let report = |name: &str, text: &str| -> Value {
        std::fs::write(dir.path().join(name), text).unwrap();
        let output = common::planaudit_in(dir.path(), &["check", name, "--format", "json"]);
        assert_ne!(code(&output), 2, "{}", common::stderr(&output));
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    let national = claims_of(&report("national.html", &table("National outcomes")));
    let expected = [
        ("O6", "Caring for carers", "Caring for carers"),
        ("O2", "Home First", "Home First"),
    ]
    .map(|(item, row, section)| (item.to_owned(), row.to_owned(), section.to_owned()));
    assert_eq!(national, expected);
    assert!(claims_of(&report("local.html", &table("Our local outcomes"))).is_empty());
}
