//! What the auditor finds in the fixture plans: the gaps built into them, and nothing else.

use std::collections::BTreeMap;

use planaudit::audit::{self, FileReport, Status};
use planaudit::document::Document;
use planaudit::rules::{Catalog, DEFAULT_FRAMEWORKS, Rules, SignalKind};

fn rules() -> Rules {
    Catalog::builtin().select(DEFAULT_FRAMEWORKS).unwrap()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("fixtures/plans/{name}.md")).unwrap()
}

fn audit_text(text: &str, rules: &Rules) -> FileReport {
    let document = Document::from_bytes("plan.md".into(), text.as_bytes().to_vec()).unwrap();
    audit::audit(document, rules)
}

fn statuses(report: &FileReport, rules: &Rules) -> BTreeMap<String, Status> {
    report
        .coverage
        .iter()
        .map(|c| (rules.item(c.item).item.id.clone(), c.status))
        .collect()
}

fn with_status(statuses: &BTreeMap<String, Status>, status: Status) -> Vec<&str> {
    statuses
        .iter()
        .filter(|(_, s)| **s == status)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn complete_plan_covers_every_outcome_and_principle() {
    let rules = rules();
    let report = audit_text(&read("complete-plan"), &rules);
    let statuses = statuses(&report, &rules);
    assert_eq!(statuses.len(), 22);
    assert_eq!(with_status(&statuses, Status::Weak), Vec::<&str>::new());
    assert_eq!(with_status(&statuses, Status::Missing), Vec::<&str>::new());
}

/// The gaps plan was written with these gaps and no others (see its own introduction to
/// the fixture in fixtures/plans/README.md).
#[test]
fn gaps_plan_reports_exactly_its_built_in_gaps() {
    let rules = rules();
    let report = audit_text(&read("gaps-plan"), &rules);
    let statuses = statuses(&report, &rules);
    assert_eq!(
        with_status(&statuses, Status::Missing),
        ["O6", "O8", "P5", "P6"]
    );
    assert_eq!(
        with_status(&statuses, Status::Weak),
        ["O5", "O7", "P11", "P8"]
    );
    let orphans: Vec<&str> = report
        .findings
        .iter()
        .filter_map(|f| f.section)
        .map(|s| report.document.heading(s))
        .collect();
    // "This contributes to … Outcome 4" is the plan's claim for "Quality of life", whose text
    // names no indicator or dated target: the one priority without a measure.
    assert_eq!(orphans, ["Quality of life", "About this document"]);
}

/// Removing the sections that cover an item leaves that item uncovered: proof that each item is
/// found where the plan addresses it, not through vocabulary spread over the plan. O8 has two:
/// training practitioners in improvement methods is the outcome's "supported to continuously
/// improve", so the quality section addresses it too.
#[test]
fn removing_an_items_sections_uncovers_it() {
    let cases: [(&str, &[&str]); 9] = [
        // Short sections that say two things about an item address it too (links.rs):
        // a locality's priorities, the prevention, rights and safety sections.
        (
            "O1",
            &[
                "Helping people look after their own health",
                "Ardcraig Coast",
                "Taking part in community life",
            ],
        ),
        (
            "O2",
            &[
                "Living independently at home",
                "Ardcraig Coast",
                "Prevention and early intervention",
            ],
        ),
        (
            "O3",
            &["Making sure people have positive experiences of care"],
        ),
        (
            "O4",
            &[
                "Quality of life and mental health",
                "Respecting people's rights",
                "Safe, effective care",
            ],
        ),
        ("O5", &["Reducing health inequalities"]),
        ("O6", &["Supporting unpaid carers"]),
        ("O7", &["Keeping people safe from harm"]),
        (
            "O8",
            &[
                "Supporting our workforce",
                "Improving the quality of our services",
            ],
        ),
        (
            "O9",
            &[
                "Financial framework",
                "Making the best use of buildings, people and technology",
            ],
        ),
    ];
    let rules = rules();
    let text = read("complete-plan");
    let complete = audit_text(&text, &rules);
    let document = &complete.document;
    let mut failures = Vec::new();
    for (item, headings) in cases {
        let mut spans: Vec<_> = headings
            .iter()
            .map(|heading| {
                let section = (0..document.sections.len())
                    .find(|&s| document.heading(s) == *heading)
                    .unwrap_or_else(|| panic!("no section {heading:?}"));
                document.sections[section].span()
            })
            .collect();
        spans.sort_by_key(|span| std::cmp::Reverse(span.start));
        let mut ablated = text.clone();
        for span in spans {
            ablated.replace_range(span, "");
        }
        let report = audit_text(&ablated, &rules);
        if statuses(&report, &rules)[item] == Status::Covered {
            failures.push(format!("{item} still covered without {headings:?}"));
        }
        let before = statuses(&complete, &rules)[item];
        assert_eq!(
            before,
            Status::Covered,
            "{item} is covered in the whole plan"
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn plan_of(rules: &Rules, framework: &str, numbered: bool) -> String {
    let mut plan = String::from("# Strategic plan\n\n## The national outcomes\n\n");
    plan.push_str("The partnership works within the national framework, which says:\n\n");
    for (n, item) in rules
        .items()
        .filter(|i| i.framework.id == framework)
        .enumerate()
    {
        let marker = if numbered {
            format!("{}.", n + 1)
        } else {
            "-".into()
        };
        plan.push_str(&format!("{marker} {}\n", item.item.statement));
    }
    plan
}

/// A section that only lists the framework quotes it: nothing is covered, or even mentioned,
/// and each item's link is shown as a quote.
#[test]
fn a_plan_that_only_lists_the_outcomes_covers_none_of_them() {
    let rules = rules();
    for framework in ["outcomes", "principles"] {
        let report = audit_text(&plan_of(&rules, framework, true), &rules);
        let statuses = statuses(&report, &rules);
        let framework_items: Vec<&str> = rules
            .items()
            .filter(|i| i.framework.id == framework)
            .map(|i| i.item.id.as_str())
            .collect();
        for id in &framework_items {
            assert_eq!(statuses[*id], Status::Missing, "{framework}: {id}");
        }
        let quoted: Vec<&str> = report
            .coverage
            .iter()
            .filter(|c| !c.quotes.is_empty())
            .map(|c| rules.item(c.item).item.id.as_str())
            .collect();
        assert!(quoted.len() >= 3, "{framework}: quoted {quoted:?}");
        // The finding says why the list does not count, and where it is.
        let said = |id: &str| {
            let index = index(&rules, id);
            let finding = report.findings.iter().find(|f| f.item == Some(index));
            finding.map(|f| f.message.clone()).unwrap_or_default()
        };
        for id in &quoted {
            assert!(
                said(id).contains("is quoted under \""),
                "{id}: {}",
                said(id)
            );
        }
        let strengths: Vec<&str> = report.links[1]
            .iter()
            .map(|l| l.strength.as_str())
            .collect();
        assert!(strengths.iter().all(|s| *s == "quoted"), "{strengths:?}");
    }
}

/// Plans often quote the main purpose inside the paragraph that introduces the twelve
/// principles: that sentence is part of the quote, so P0 is not covered by it.
#[test]
fn the_main_purpose_quoted_in_an_introduction_is_part_of_the_quote() {
    let rules = rules();
    let p0 = &rules.item(index(&rules, "P0")).item.statement;
    let mut plan = format!(
        "# Strategic plan\n\n## The principles\n\nThe Act also sets out principles we must \
         have regard to. The {}. Services should be provided in a way which, so far as \
         possible:\n\n",
        p0.trim_start_matches("that the ")
    );
    for item in rules
        .items()
        .filter(|i| i.framework.id == "principles" && i.item.id != "P0")
    {
        plan.push_str(&format!("- {}\n", item.item.statement));
    }
    let report = audit_text(&plan, &rules);
    assert_eq!(statuses(&report, &rules)["P0"], Status::Missing);
    let p0_link = report.links[1]
        .iter()
        .find(|l| l.item == index(&rules, "P0"));
    assert_eq!(p0_link.map(|l| l.strength.as_str()), Some("quoted"));
}

/// The same list followed by the plan's own words about carers: the quote still counts for
/// nothing, and carers are covered by what the plan says.
#[test]
fn a_quoted_framework_does_not_hide_the_plans_own_words() {
    let rules = rules();
    let mut plan = plan_of(&rules, "outcomes", false);
    plan.push_str(
        "\n## Unpaid carers\n\nWe will give unpaid carers short breaks and a carer support plan \
         by March 2027, so that caring does not harm their own health.\n",
    );
    let report = audit_text(&plan, &rules);
    let statuses = statuses(&report, &rules);
    assert_eq!(statuses["O6"], Status::Covered);
    assert_eq!(statuses["O1"], Status::Missing);
    assert!(report.coverage[index(&rules, "O6")].committed());
}

/// A table of the nine outcomes by the short names partnerships give them ("6. Carers are
/// supported") quotes the framework as the statutory wording does: it covers nothing, even
/// where a name is also a phrase of the item ("Quality of life"). The same names in a plan's
/// own sentences still count.
#[test]
fn a_table_of_the_outcomes_short_names_is_a_quote() {
    let rules = rules();
    let mut plan = String::from(
        "# Plan\n\n## The national outcomes\n\n| National outcome | Our chapters |\n|---|---|\n",
    );
    let outcomes = rules.items().filter(|i| i.framework.id == "outcomes");
    for (n, item) in outcomes.enumerate() {
        let name = item
            .item
            .names
            .first()
            .expect("every outcome has a short name");
        plan.push_str(&format!("| {}. {name} | Chapters 2 and 5 |\n", n + 1));
    }
    let report = audit_text(&plan, &rules);
    let listed = statuses(&report, &rules);
    for id in ["O1", "O4", "O6", "O8"] {
        assert_eq!(listed[id], Status::Missing, "{id}: {:?}", report.links);
    }
    assert!(
        report.links[1]
            .iter()
            .any(|l| l.strength.as_str() == "quoted")
    );
    // One name in a sentence of the plan's own is no restatement.
    let own = "# Plan\n\n## Our aim\n\nWe will improve the quality of life of people who use \
               our services, by asking them what matters and acting on it by March 2027.\n";
    let report = audit_text(own, &rules);
    assert_eq!(statuses(&report, &rules)["O4"], Status::Covered);
}

/// A table of the outcomes in the plan's own short words, numbered under a column headed by
/// the framework, restates it as a table of their names does; the same rows under a header
/// of the plan's own are its words.
#[test]
fn a_numbered_table_of_the_outcomes_in_other_words_is_a_quote() {
    let rules = rules();
    let table = "# Plan\n\n## How we contribute\n\n| National outcome | Our chapter |\n|---|---|\n\
                 | 2. People live independently at home or in a homely setting | Chapter 2 |\n\
                 | 6. Unpaid carers are supported to look after their own health | Chapter 5 |\n\
                 | 9. Resources are used effectively and efficiently | Chapter 7 |\n";
    let report = audit_text(table, &rules);
    let listed = statuses(&report, &rules);
    for id in ["O2", "O6", "O9"] {
        assert_eq!(listed[id], Status::Missing, "{id}: {:?}", report.links);
    }
    let own = table.replace("National outcome", "What we want");
    let report = audit_text(&own, &rules);
    assert_ne!(statuses(&report, &rules)["O2"], Status::Missing);
}

fn index(rules: &Rules, id: &str) -> usize {
    rules.items().find(|i| i.item.id == id).unwrap().index
}

/// Background is not a commitment: a statistic about the item, and a promise about something
/// else, leave a covered item without one.
#[test]
fn statistics_and_promises_about_other_things_do_not_commit() {
    let rules = rules();
    let plan = "# Plan\n\n## Unpaid carers\n\nAbout 12% of adults in the area are unpaid carers. \
                Short breaks and respite matter most to carers.\n\n\
                We will resurface the car park.\n";
    let report = audit_text(plan, &rules);
    let coverage = &report.coverage[index(&rules, "O6")];
    assert_eq!(coverage.status, Status::Covered, "{:?}", report.links);
    assert!(!coverage.committed(), "{:?}", coverage.commitment);
}

/// A group's first or last term is the group's own word: "prevent" in "prevent avoidable
/// admissions" is one piece of evidence, not a phrase hit beside the group's.
#[test]
fn a_phrase_that_is_a_groups_end_is_not_counted_again() {
    let rules = rules();
    let text = "## Background\n\nWe need to do more to prevent avoidable admissions to hospital.\n";
    let report = audit_text(text, &rules);
    let p11 = index(&rules, "P11");
    let link = report
        .links
        .iter()
        .flatten()
        .find(|l| l.item == p11)
        .unwrap();
    let signals = rules.matcher().signals();
    let kinds: Vec<(SignalKind, usize)> = link
        .evidence
        .iter()
        .filter_map(|e| e.signal().map(|s| (signals[s].kind, e.span().start)))
        .collect();
    let group = kinds
        .iter()
        .find(|(kind, _)| *kind == SignalKind::Group)
        .expect("the prevention group fires");
    assert!(
        !kinds
            .iter()
            .any(|(kind, start)| *kind == SignalKind::Phrase && *start == group.1),
        "{kinds:?}"
    );
}

/// Plans number their own sections: a heading "Section 32" is not the Act's section 32, while
/// "section 32 of the Act" and the ways plans say they gathered views on the draft are S4's.
#[test]
fn a_numbered_section_is_not_the_acts_section() {
    let rules = Catalog::builtin()
        .select(&["statutory".to_string()])
        .unwrap();
    let status = |text: &str| {
        let report = audit_text(text, &rules);
        statuses(&report, &rules)["S4"]
    };
    assert_eq!(
        status("## Section 32\n\nWe opened a new day centre.\n"),
        Status::Missing
    );
    assert_eq!(
        status("## Planning\n\nUnder section 32 of the Act we set up a planning group.\n"),
        Status::Covered
    );
    let gathered = "## How we listened\n\nWe held 23 drop-in events and ran an online survey \
                    over the summer to shape this draft.\n";
    assert_eq!(status(gathered), Status::Covered);
}

/// A locality's own section addresses principle (iii) when it sets out what will be done there,
/// whatever its words: its heading is the evidence. Localities are found by a section about
/// them, by headings that say "locality", or by the plan's table of localities.
#[test]
fn a_localitys_own_section_with_a_purpose_takes_account_of_its_part_of_the_area() {
    let rules = rules();
    let p3 = index(&rules, "P3");
    let profile = "# Plan\n\n## Our area\n\n| Locality | People |\n|---|---|\n\
                   | Kirkbrae | 9,000 |\n| Easter Moss | 4,000 |\n\n";
    let chapter = |name: &str, body: &str| format!("## {name}\n\n{body}\n\n");
    let acting = "We will open a drop-in clinic in the library by March 2027.";
    let describing = "The town has a library, a harbour and two GP practices.";
    let linked = |plan: &str| -> Vec<String> {
        let report = audit_text(plan, &rules);
        (0..report.document.sections.len())
            .filter(|&s| {
                report.links[s]
                    .iter()
                    .any(|l| l.item == p3 && l.strength.as_str() != "mentioned")
            })
            .map(|s| report.document.heading(s).to_owned())
            .collect()
    };
    let plan = format!(
        "{profile}{}{}",
        chapter("Kirkbrae", acting),
        chapter("Easter Moss", describing)
    );
    assert_eq!(linked(&plan), ["Kirkbrae"]);
    let report = audit_text(&plan, &rules);
    let evidence = report.links[2].iter().find(|l| l.item == p3).unwrap();
    assert!(matches!(
        evidence.evidence[0].source,
        audit::Source::Locality(_)
    ));
    assert_eq!(
        evidence.evidence[0].text(&report.document, &rules),
        "Kirkbrae"
    );
    // What the chapter commits to goes with the link, as it does with words' evidence: a
    // planner who wrote it is not asked for it again.
    assert_eq!(evidence.strength.as_str(), "committed");
    assert_eq!(
        evidence.commitments[0].text(&report.document, &rules),
        acting
    );
    assert!(
        !(report.findings.iter())
            .any(|f| f.item == Some(p3) && f.code == audit::Code::NoCommitment),
        "{:?}",
        report.findings
    );
    // Named by their headings, with no table.
    let named = format!(
        "# Plan\n\n{}{}",
        chapter("Kirkbrae locality", acting),
        chapter("Easter Moss locality", acting)
    );
    assert_eq!(
        linked(&named),
        ["Kirkbrae locality", "Easter Moss locality"]
    );
    // One place with a section of its own is a place named, not a plan laid out by locality.
    let one = format!("{profile}{}", chapter("Kirkbrae", acting));
    assert!(linked(&one).is_empty());
    // A table that does not say its rows are localities lists nothing.
    let areas = plan.replace("| Locality |", "| Area |");
    assert!(linked(&areas).is_empty());
}

/// A section is either addressing an item or mentioning it, never both: the localities item
/// adds each locality's own section to its addressing sections, and those sections say
/// "locality" in passing too.
#[test]
fn no_section_both_addresses_and_only_mentions_an_item() {
    let rules = Catalog::builtin().select(&["statutory"]).unwrap();
    for name in ["gaps-plan", "complete-plan", "blind-plan-kinloss"] {
        let report = audit_text(&read(name), &rules);
        let localities = &report.coverage[index(&rules, "S3")];
        assert!(!localities.sections.is_empty(), "{name}");
        for c in &report.coverage {
            for s in &c.mentions {
                assert!(
                    !c.sections.contains(s),
                    "{name}: section {s} of item {}",
                    c.item
                );
            }
        }
    }
}
