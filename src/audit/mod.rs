//! Joins a document and the rules: which sections address which items, what each item's coverage
//! is, and what a planner should fix.

mod claims;
mod codes;
mod commitments;
mod coverage;
mod examples;
mod findings;
mod links;
mod policy;
mod quotes;
mod statements;
mod structure;
mod thread;
mod wording;

use crate::document::Document;
use crate::parallel;
use crate::rules::Rules;

pub use claims::{Claim, MATCH_THRESHOLD, unsupported_claim};
pub use codes::{Code, CodeDoc, FailOn, ORPHAN_MIN_WORDS, Severity};
pub use coverage::{Coverage, ItemScores, SectionScore, Status};
pub use examples::{ExampleResult, test_examples};
pub use findings::{Finding, Label};
pub use links::{
    Evidence, FOREGROUND_SHARE, Focus, LOCALITY_SECTION, Link, PASSING_FACTOR,
    PASSING_PROSE_FACTOR, PASSING_SHARE, SHORT_SECTION_FACTOR, SHORT_SECTION_WORDS, Source,
    Strength, declaration, repeat_factors,
};
pub use policy::{Expiring, Policy, Requirement, Waived, Waiver};
pub use statements::Adjustment;
pub use thread::{Passage, Thread};

/// The audit of every plan in a run.
#[derive(Debug)]
pub struct Report<'r> {
    /// The rules every plan was audited against.
    pub rules: &'r Rules,
    /// One report per plan, in the order the plans were named and walked.
    pub files: Vec<FileReport>,
    /// The configuration file the run read, named in every report: one found in a parent
    /// directory changes the run, and the reader should see which.
    pub config: Option<String>,
}

/// The audit of one plan.
#[derive(Debug)]
pub struct FileReport {
    /// The plan as read, which every span in this report points into.
    pub document: Document,
    /// For each section, its own links (subsections excluded), ordered by item.
    pub links: Vec<Vec<Link>>,
    /// For each section, its score for each item with its subsections, by the section-context
    /// rule (see `coverage::section_scores`).
    pub section_scores: Vec<ItemScores>,
    /// One entry per item, in rule order.
    pub coverage: Vec<Coverage>,
    /// Ordered by severity (highest first), then item, then position.
    pub findings: Vec<Finding>,
    /// What the plan's mapping tables and sentences claim, in document order.
    pub claims: Vec<Claim>,
    /// For each section that addresses an item, its commitment, measure and resources.
    pub threads: Vec<Thread>,
    /// The findings waivers took out whole, in the order the waivers were applied.
    pub waived: Vec<Waived>,
    /// The findings a baseline took out (`check --baseline`), in report order: a report that
    /// leaves them out says how many it left out, and SARIF keeps them as suppressed results.
    pub baselined: Vec<Finding>,
}

/// Audits one plan against the selected rules, with the standard policy.
pub fn audit(document: Document, rules: &Rules) -> FileReport {
    audit_with(document, rules, &Policy::standard())
}

/// Audits one plan against the selected rules, judging findings by `policy`.
pub fn audit_with(document: Document, rules: &Rules, policy: &Policy) -> FileReport {
    // The plan's own claims are read from its tables and sentences, not from the links: on a
    // large plan they are read while the sections are linked.
    let (mut links, (mut claims, unknown_claims)) = parallel::join(
        parallel::worth_it(document.text.as_str()),
        || links::link_sections(&document, rules),
        || claims::read(&document, rules),
    );
    let unknown = links::declare(&document, rules, &mut links, policy.plan_directives);
    links::localities(&document, rules, &mut links, || {
        structure::locality_sections(&document).map(|found| found.sections)
    });
    claims::withhold(&document, rules, &claims, &mut links);
    let section_scores = coverage::section_scores(&document, &links);
    let mapped = claims::mapped(&document, &claims);
    let mut coverage = coverage::coverage(&document, rules, &links, &section_scores, &mapped);
    let claiming: Vec<usize> = (claims.iter())
        .filter_map(|claim| claims::holder(&document, claim))
        .collect();
    let mut findings = findings::findings(&document, rules, &links, &coverage, &claiming);
    findings.extend(findings::directive_problems(&document, rules, &unknown));
    findings.extend(findings::unclosed(&document));
    findings.extend(unknown_claims);
    findings.extend(claims::judge(
        &document,
        rules,
        &links,
        &section_scores,
        &mut claims,
    ));
    findings.extend(thread::no_measure(
        &document,
        rules,
        &section_scores,
        &claims,
    ));
    let threads = thread::threads(&document, &links);
    let waived = policy::apply(&document, rules, policy, &mut coverage.items, &mut findings);
    findings::sort(&mut findings);
    FileReport {
        document,
        links,
        section_scores,
        coverage: coverage.items,
        findings,
        claims,
        threads,
        waived,
        baselined: Vec::new(),
    }
}

impl FileReport {
    /// The highest severity among the findings, if there are any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The links of a section and all its subsections, in document order.
    pub fn subtree_links(&self, section: usize) -> impl Iterator<Item = &Link> + '_ {
        self.links[self.document.subtree(section)].iter().flatten()
    }

    /// Items a section addresses, its subsections included, by the section-context rule: the
    /// judgement a reviewer makes of a chapter, and the one coverage makes.
    pub fn addressed_in_subtree(&self, section: usize, rules: &Rules) -> Vec<usize> {
        self.section_scores[section]
            .iter()
            .filter(|(item, score)| score.addresses(rules.item(*item).threshold()))
            .map(|&(item, _)| item)
            .collect()
    }

    /// A section's score for an item with its subsections, by the section-context rule.
    pub fn subtree_score(&self, section: usize, item: usize) -> f32 {
        let scores = &self.section_scores[section];
        scores
            .binary_search_by_key(&item, |&(item, _)| item)
            .map_or(0.0, |at| scores[at].1.score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Catalog, parse};

    /// Two items: C (carers) and W (workforce), small enough to score by hand.
    const RULES: &str = r#"
schema_version: 1
id: test
name: Test
source: Test
items:
  - id: C
    title: Carers
    statement: Carers are supported.
    summary: Carers.
    questions: []
    signals:
      references: ["outcome 6"]
      phrases: [unpaid carers, carers, short breaks, respite]
      patterns: ['carers?\s+centre']
  - id: W
    title: Workforce
    statement: Staff are supported.
    summary: Staff.
    questions: []
    signals:
      phrases: [workforce, recruitment, staff wellbeing]
"#;

    fn rules() -> Rules {
        Rules::new(vec![parse("test.yaml", RULES).unwrap()]).unwrap()
    }

    fn report(plan: &str) -> FileReport {
        let rules = rules();
        let doc = Document::from_bytes("plan.md".into(), plan.as_bytes().to_vec()).unwrap();
        audit(doc, &rules)
    }

    /// A paragraph that signals nothing, long enough that a section holding it is not short:
    /// tests of the arithmetic put it in each section so the short-section factor stays out.
    fn filler() -> String {
        "The board met and agreed its minutes. ".repeat(SHORT_SECTION_WORDS / 7 + 1)
    }

    fn own(report: &FileReport, section: usize, item: usize) -> Option<(Strength, f32)> {
        let link = report.links[section].iter().find(|l| l.item == item)?;
        Some((link.strength, link.score))
    }

    /// A contents page repeats the headings: read, it would make every item it names look
    /// mentioned, and a long one would serve nothing.
    #[test]
    fn the_table_of_contents_is_not_read() {
        let entries =
            "- Short breaks for unpaid carers 4\n- Workforce and recruitment 7\n".repeat(12);
        for heading in ["Contents", "Table of Contents", "CONTENTS:"] {
            let r = report(&format!(
                "# Plan\n\n## {heading}\n\n{entries}\n## Finance\n\nText.\n"
            ));
            assert!(r.links[1].is_empty(), "{heading}");
            let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
            assert!(
                !codes.contains(&Code::OrphanSection),
                "{heading}: {codes:?}"
            );
            assert!(!codes.contains(&Code::WeakItem), "{heading}: {codes:?}");
        }
        let r = report(&format!("# Plan\n\n## Contents of the pack\n\n{entries}"));
        assert!(
            !r.links[1].is_empty(),
            "only a heading that is the word itself"
        );
    }

    /// Markdown tools write a table of contents as a list of links to the headings, under a
    /// heading of any name or none: it is navigation all the same. A list of links elsewhere,
    /// or with words beside its links, is read.
    #[test]
    fn a_list_of_links_to_the_headings_is_a_table_of_contents() {
        let toc = "- [Short breaks for unpaid carers](#short-breaks-for-unpaid-carers)\n  \
                   - [Respite and carers' support](#respite)\n\
                   1. [Workforce and recruitment](#workforce)\n";
        let body = "## Finance\n\nText.\n";
        for plan in [
            format!("# Plan\n\n{toc}\n{body}"),
            format!("# Plan\n\n## In this plan\n\n{toc}\n{body}"),
        ] {
            let r = report(&plan);
            let toc_section = r.document.sections.len() - 2;
            assert!(r.document.is_contents(toc_section), "{plan}");
            assert!(r.links[toc_section].is_empty(), "{plan}");
            let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
            assert!(!codes.contains(&Code::WeakItem), "{plan}: {codes:?}");
        }
        for read in [
            "- [Short breaks for unpaid carers](https://example.org/carers)\n- [Respite](https://example.org/respite)\n",
            "- [Short breaks for unpaid carers](#carers) for those who look after someone\n- [Respite](#respite)\n",
            "- [Short breaks for unpaid carers](#carers)\n- [Respite](#respite)\n\nWe fund short breaks.\n",
        ] {
            let r = report(&format!("# Plan\n\n## Links\n\n{read}\n{body}"));
            assert!(!r.document.is_contents(1), "{read}");
            assert!(!r.links[1].is_empty(), "{read}");
        }
    }

    #[test]
    fn distinct_signals_add_up_to_addressed() {
        let f = filler();
        let r = report(&format!(
            "# Plan\n\n## Help\n\nShort breaks and respite for unpaid carers.\n\n{f}\n"
        ));
        assert_eq!(own(&r, 1, 0), Some((Strength::Addressed, 3.0)));
        assert_eq!(r.coverage[0].status, Status::Covered);
    }

    #[test]
    fn a_short_section_makes_two_signals_its_subject() {
        let text = "Short breaks for unpaid carers.";
        let short = report(&format!("## Help\n\n{text}\n"));
        assert_eq!(own(&short, 0, 0), Some((Strength::Addressed, 3.0)));
        assert_eq!(short.links[0][0].focus, Focus::Subject);
        let f = filler();
        let long = report(&format!("## Help\n\n{text}\n\n{f}\n"));
        assert_eq!(own(&long, 0, 0), Some((Strength::Mentioned, 2.0)));
        assert_eq!(long.links[0][0].focus, Focus::Plain);
    }

    #[test]
    fn an_item_few_blocks_of_a_long_section_name_is_a_passing_mention() {
        let f = filler();
        let line = "Short breaks, respite and a carers centre for unpaid carers.";
        let plan = format!("## Services\n\n- {line}\n\n{f}\n\n{f}\n\n{f}\n\n{f}\n\n{f}\n");
        let passing = report(&plan);
        let link = &passing.links[0][0];
        let focus = Focus::Passing {
            blocks: 1,
            of: 6,
            prose: false,
        };
        assert_eq!(link.focus, focus);
        assert_eq!(link.strength, Strength::Mentioned);
        // Four phrases ("carers" again inside the pattern's match) and the pattern: 5.5, halved
        // as one line of a list.
        assert_eq!(link.score, PASSING_FACTOR * 5.5);
        // Said in a paragraph, the same words are less in passing, and address the item.
        let prose = report(&plan.replace("- ", ""));
        let link = &prose.links[0][0];
        let focus = Focus::Passing {
            blocks: 1,
            of: 6,
            prose: true,
        };
        assert_eq!(link.focus, focus);
        assert_eq!(link.score, PASSING_PROSE_FACTOR * 5.5);
        assert_eq!(link.strength, Strength::Addressed);
        // A second block naming it makes two in six: not under a fifth.
        let twice = report(&format!(
            "## Services\n\n{line}\n\n{line}\n\n{f}\n\n{f}\n\n{f}\n"
        ));
        assert_eq!(twice.links[0][0].focus, Focus::Plain);
        assert_eq!(twice.links[0][0].strength, Strength::Addressed);
        // A sentence of purpose about it still addresses it there.
        let purpose = "We will double short breaks and respite for unpaid carers.";
        let committed = report(&format!(
            "## Services\n\n{purpose}\n\n{f}\n\n{f}\n\n{f}\n\n{f}\n\n{f}\n"
        ));
        assert!(matches!(committed.links[0][0].focus, Focus::Passing { .. }));
        assert!(committed.links[0][0].strength >= Strength::Addressed);
    }

    #[test]
    fn a_phrase_inside_a_longer_one_counts_once() {
        let r = report("# Plan\n\n## Help\n\nWe met unpaid carers.\n");
        let link = &r.links[1][0];
        assert_eq!(link.score, 1.0, "one place: no short-section factor");
        assert_eq!(link.evidence.len(), 1);
        assert_eq!(
            link.evidence[0].text(&r.document, &rules()),
            "unpaid carers"
        );
    }

    #[test]
    fn repeats_count_half_and_only_twice_and_only_beside_another_signal() {
        let f = filler();
        let r = report(&format!(
            "## A\n\nWe spoke of respite and then respite again. Respite came up once more and \
             respite for unpaid carers too.\n\n{f}\n"
        ));
        // respite 1 + 0.5 + 0.5 (the fourth not counted), unpaid carers 1.
        assert_eq!(own(&r, 0, 0), Some((Strength::Addressed, 3.0)));
        let alone = report(&format!(
            "## A\n\nWe spoke of respite and then respite again. Respite came up once more and \
             respite at the end.\n\n{f}\n"
        ));
        assert_eq!(own(&alone, 0, 0), Some((Strength::Mentioned, 1.0)));
    }

    #[test]
    fn background_alone_never_addresses_however_much_of_it() {
        let f = filler();
        let listed = "- Short breaks\n- Respite\n- Unpaid carers\n- A carers centre\n- Carers";
        let r = report(&format!("## Services\n\n{listed}\n\n{f}\n"));
        let link = &r.links[0][0];
        assert!(link.score >= 3.0, "{}", link.score);
        assert_eq!(link.strength, Strength::Mentioned);
        assert_eq!(r.coverage[0].status, Status::Weak);
        // One sentence that says something about the item makes the same list count.
        let said = "Carers get short breaks from our own team.";
        let r = report(&format!("## Services\n\n{said}\n\n{listed}\n\n{f}\n"));
        assert_eq!(r.links[0][0].strength, Strength::Addressed);
    }

    #[test]
    fn background_tops_up_a_statement_only_so_far() {
        let f = filler();
        let listed = "- Short breaks\n- Respite\n- A carers centre\n- Unpaid carers";
        // One plain signal (1 point) is under half the threshold: the list cannot carry the rest.
        let said = "The board thanked carers.";
        let r = report(&format!("## Services\n\n{said}\n\n{listed}\n\n{f}\n"));
        let link = &r.links[0][0];
        assert!(link.score >= 3.0, "{}", link.score);
        assert_eq!(link.foreground, 1.0);
        assert_eq!(link.strength, Strength::Mentioned);
        assert_eq!(r.coverage[0].status, Status::Weak);
        // Two (half the threshold) let it top up.
        let said = "The board thanked carers for their work on respite.";
        let r = report(&format!("## Services\n\n{said}\n\n{listed}\n\n{f}\n"));
        assert_eq!(r.links[0][0].foreground, 2.0);
        assert_eq!(r.links[0][0].strength, Strength::Addressed);
    }

    #[test]
    fn a_service_named_in_passing_counts_half_and_under_a_purpose_once() {
        let text = RULES.replace(
            "phrases: [unpaid carers, carers, short breaks, respite]",
            "phrases: [unpaid carers, carers, respite]\n      services: [short breaks]",
        );
        let rules = Rules::new(vec![parse("test.yaml", &text).unwrap()]).unwrap();
        let score = |said: &str| {
            let plan = format!("## A\n\n{said}\n\n{}\n", filler());
            let doc = Document::from_bytes("plan.md".into(), plan.into_bytes()).unwrap();
            let report = audit(doc, &rules);
            let link = &report.links[0][0];
            (link.score, link.evidence[0].adjustment)
        };
        assert_eq!(
            score("The short breaks team met the board."),
            (0.5, Some(Adjustment::Service))
        );
        assert_eq!(
            score("We will widen short breaks."),
            (1.0, Some(Adjustment::ServicePurpose))
        );
        // A phrase under the same purpose is doubled.
        assert_eq!(
            score("We will widen respite."),
            (2.0, Some(Adjustment::Purpose))
        );
    }

    #[test]
    fn headings_count_double_and_references_address_alone() {
        let f = filler();
        let r = report(&format!(
            "## Respite\n\nShort breaks.\n\n{f}\n\n## B\n\nOutcome 6 is what the section is about.\n\n{f}\n"
        ));
        assert_eq!(own(&r, 0, 0), Some((Strength::Addressed, 3.0)));
        assert_eq!(own(&r, 1, 0), Some((Strength::Addressed, 3.0)));
    }

    #[test]
    fn a_commitment_in_the_same_block_makes_a_link_committed() {
        let r = report("## A\n\nWe will double respite and short breaks for carers by 2026.\n");
        let link = &r.links[0][0];
        assert_eq!(link.strength, Strength::Committed);
        let sentence = "We will double respite and short breaks for carers by 2026.";
        assert_eq!(link.commitments[0].text(&r.document, &rules()), sentence);
        assert!(r.coverage[0].committed());
    }

    #[test]
    fn a_measure_elsewhere_in_the_same_list_commits_it() {
        let plan = "## A

- Carers get respite and short breaks when they need them most
- Target: 500 more breaks

We will.
";
        let r = report(plan);
        let link = &r.links[0][0];
        assert_eq!(link.strength, Strength::Committed);
        assert_eq!(
            link.commitments[0].text(&r.document, &rules()),
            "Target: 500 more breaks"
        );
        let apart = report(
            "## A

Respite and short breaks for carers.

We will act.
",
        );
        assert_eq!(
            apart.links[0][0].strength,
            Strength::Addressed,
            "another block"
        );
    }

    #[test]
    fn covered_items_without_commitments_are_flagged() {
        let f = filler();
        let r = report(&format!(
            "## Carers

Respite and short breaks matter.

## Staff

Workforce recruitment was reviewed.

{f}
"
        ));
        let codes: Vec<(Code, Option<usize>)> =
            r.findings.iter().map(|f| (f.code, f.item)).collect();
        assert_eq!(
            codes,
            vec![(Code::NoCommitment, Some(0)), (Code::WeakItem, Some(1))]
        );
    }

    #[test]
    fn subsections_add_up_below_the_title_level() {
        let f = filler();
        let plan = format!(
            "# Plan\n\n## Carers\n\n### One\n\nrespite\n\n{f}\n\n### Two\n\nshort breaks\n\n{f}\n\n### Three\n\ncarers centre\n\n{f}\n"
        );
        let r = report(&plan);
        let c = &r.coverage[0];
        assert_eq!(c.status, Status::Covered);
        assert_eq!(
            c.sections,
            vec![1],
            "the smallest section that addresses it"
        );
        assert_eq!(
            c.mentions,
            vec![2, 3, 4],
            "each subsection mentions it; the section they add up to addresses it, not both"
        );
    }

    #[test]
    fn mentions_scattered_under_a_title_stay_weak() {
        let r = report("# Plan\n\n## A\n\nrespite\n\n## B\n\nshort breaks\n\n## C\n\ncarers\n");
        assert_eq!(r.coverage[0].status, Status::Weak);
        assert_eq!(r.coverage[1].status, Status::Missing);
        let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::MissingItem, Code::WeakItem]);
        assert_eq!(r.findings[1].labels.len(), 3, "each mention is labelled");
    }

    #[test]
    fn long_sections_without_links_are_orphans() {
        let words = "word ".repeat(ORPHAN_MIN_WORDS);
        let plan = format!("## About\n\n{words}\n\n## Short\n\nA few words.\n");
        let r = report(&plan);
        let orphans: Vec<Option<usize>> = r
            .findings
            .iter()
            .filter(|f| f.code == Code::OrphanSection)
            .map(|f| f.section)
            .collect();
        assert_eq!(orphans, vec![Some(0)]);
    }

    #[test]
    fn builtin_rules_compile() {
        let catalog = Catalog::builtin();
        let rules = catalog.select(crate::rules::DEFAULT_FRAMEWORKS).unwrap();
        assert_eq!(rules.items().len(), 22);
    }
}
