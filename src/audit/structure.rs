//! Checks of a plan's shape that words cannot make: statutory items such as "two or more
//! localities, with arrangements for each" are about sections, not vocabulary.

use std::sync::LazyLock;

use super::wording::{Wording, forms};
use crate::document::Document;
use crate::rules::{Rules, Structure};

/// What a structural check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub passed: bool,
    /// Sections that show the structure (or the nearest thing to it).
    pub sections: Vec<usize>,
    /// One line for the report, e.g. "3 localities, each with a section of its own".
    pub note: String,
}

/// One of the plan's claims as the outcome mapping reads it: the item claimed, the section it
/// is claimed for, and the section that holds the claim (its table or sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped {
    pub item: usize,
    pub claimed: usize,
    pub holder: usize,
}

pub fn check(document: &Document, rules: &Rules, mapped: &[Mapped], structure: Structure) -> Shown {
    match structure {
        Structure::Localities => localities(document),
        Structure::ReviewPeriod => review_period(document),
        Structure::OutcomeMapping => outcome_mapping(rules, mapped),
    }
}

/// The framework whose items an outcome mapping names.
const OUTCOMES: &str = "outcomes";

/// The plan's mapping of its priorities to the national outcomes: claims (a table's cells or
/// sentences) naming outcomes for two or more sections. Found only when the outcomes are
/// audited too, since a claim is read against the run's own items. The sections shown are
/// those holding the mapping.
fn outcome_mapping(rules: &Rules, mapped: &[Mapped]) -> Shown {
    let outcomes = mapped
        .iter()
        .filter(|m| rules.item(m.item).framework.id == OUTCOMES);
    let mut priorities: Vec<usize> = outcomes.clone().map(|m| m.claimed).collect();
    priorities.sort_unstable();
    priorities.dedup();
    let mut places: Vec<usize> = outcomes.map(|m| m.holder).collect();
    places.sort_unstable();
    places.dedup();
    Shown {
        passed: priorities.len() >= 2,
        note: format!(
            "the plan maps {} of its sections to the national outcomes",
            priorities.len()
        ),
        sections: places,
    }
}

fn heading_has(document: &Document, section: usize, word: &str) -> bool {
    let heading = document.section_heading(section).unwrap_or("");
    heading.to_lowercase().contains(word)
}

/// Two or more localities, each with a section of its own ([`locality_sections`]).
fn localities(document: &Document) -> Shown {
    if let Some(found) = locality_sections(document) {
        let count = found.sections.len();
        return Shown {
            passed: true,
            note: match found.nested {
                true => format!("{count} localities, each with a section of its own"),
                false => format!("{count} locality sections"),
            },
            sections: found.sections,
        };
    }
    Shown {
        passed: false,
        sections: (0..document.sections.len())
            .filter(|&s| heading_has(document, s, "localit"))
            .collect(),
        note: "no two localities have a section of their own setting out their arrangements".into(),
    }
}

/// The sections that are each one locality's own, in document order.
pub(super) struct LocalitySections {
    pub sections: Vec<usize>,
    /// They are the subsections of a section about localities.
    nested: bool,
}

/// The plan's localities that have a section each: the subsections of a section about
/// localities, or sections whose headings name a locality ("North locality", not "Locality
/// planning groups", which is about them all) or are a name that the plan's table of
/// localities lists ("| Locality | Population |"). `None` unless two or more do: one such
/// section is a place named, not a plan laid out by locality.
pub(super) fn locality_sections(document: &Document) -> Option<LocalitySections> {
    let count = document.sections.len();
    // A lone top-level heading is the plan's title ("Strategic and Locality Plans"): its
    // sections are the whole plan, not its localities.
    let titles = document.sections.iter().filter(|s| s.level == 1).count();
    let parents = (0..count).filter(|&s| {
        heading_has(document, s, "localit") && !(titles == 1 && document.sections[s].level == 1)
    });
    for parent in parents {
        let children: Vec<usize> = (parent + 1..count)
            .filter(|&s| document.sections[s].parent() == Some(parent))
            .collect();
        if children.len() >= 2 {
            return Some(LocalitySections {
                sections: children,
                nested: true,
            });
        }
    }
    let listed = listed_localities(document);
    let named: Vec<usize> = (0..count)
        .filter(|&s| {
            let heading = document.section_heading(s).unwrap_or("");
            let heading = crate::document::unnumbered(heading).trim().to_lowercase();
            let names_one = heading.contains("locality")
                && !heading.contains("localities")
                && !heading.contains("locality planning");
            names_one || listed.binary_search(&heading).is_ok()
        })
        .collect();
    (named.len() >= 2).then_some(LocalitySections {
        sections: named,
        nested: false,
    })
}

/// The names in the first column of the tables whose first header cell names localities
/// ("Locality", "Localities"), lower-cased and sorted: a plan's profile often tabulates its
/// localities, and its chapters for them are then headed by their bare names.
fn listed_localities(document: &Document) -> Vec<String> {
    let cells = || {
        document
            .blocks
            .iter()
            .filter_map(|b| b.cell().filter(|c| c.column == 0).map(|c| (c, b)))
    };
    // Tables come in document order, so their numbers are sorted as found.
    let tables: Vec<usize> = cells()
        .filter(|(c, b)| c.row == 0 && document.block_text(b).to_lowercase().contains("localit"))
        .map(|(c, _)| c.table)
        .collect();
    let mut names: Vec<String> = cells()
        .filter(|(c, _)| c.row > 0 && tables.binary_search(&c.table).is_ok())
        .map(|(_, b)| document.block_text(b).trim().to_lowercase())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// See [`forms::period`].
pub(super) static PERIOD: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::period()));

/// See [`forms::review`].
pub(super) static REVIEW: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::review()));

/// A plan period of three years or less, read from the front matter, the title or the first
/// heading, or a stated commitment to review within three years. A longer period passes with
/// such a commitment: s.37 asks for a review every three years, not a plan that short.
fn review_period(document: &Document) -> Shown {
    let period = plan_period(document);
    let review = committed_review(document);
    let Some((start, end, title)) = period else {
        return match review {
            Some(section) => Shown {
                passed: true,
                sections: section.into_iter().collect(),
                note: "commits to review within three years".into(),
            },
            None => Shown {
                passed: false,
                sections: Vec::new(),
                note: "no plan period in the front matter or title, and no commitment to review \
                       within three years"
                    .into(),
            },
        };
    };
    let years = end.saturating_sub(start);
    let plural = if years == 1 { "" } else { "s" };
    let stated = format!("plan period {start}–{end} ({years} year{plural})");
    if (1..=3).contains(&years) {
        let sections = title.into_iter().collect();
        return Shown {
            passed: true,
            sections,
            note: stated,
        };
    }
    match review {
        Some(section) => Shown {
            passed: true,
            sections: section.into_iter().collect(),
            note: format!("{stated}, with a commitment to review within three years"),
        },
        None => Shown {
            passed: false,
            sections: title.into_iter().collect(),
            note: format!(
                "{stated}, longer than three years, and no commitment to review within three years"
            ),
        },
    }
}

/// The first plan period the front matter, the title or the first heading states, with the
/// heading's section when it is there.
fn plan_period(document: &Document) -> Option<(u32, u32, Option<usize>)> {
    let title_section = document.sections.iter().position(|s| s.level == 1);
    let fm = &document.front_matter;
    let candidates = [
        (fm.period.as_deref(), None),
        (fm.title.as_deref(), None),
        (
            title_section.and_then(|s| document.section_heading(s)),
            title_section,
        ),
    ];
    (candidates.into_iter()).find_map(|(text, section)| {
        text.and_then(period)
            .map(|(start, end)| (start, end, section))
    })
}

/// The section of the plan's first commitment to review within three years ([`REVIEW`]), if
/// it makes one: `Some(None)` when the commitment sits before any section.
fn committed_review(document: &Document) -> Option<Option<usize>> {
    let found = REVIEW.find(document.text.as_str())?;
    let block = document
        .blocks
        .partition_point(|b| b.text().start <= found.start);
    Some(block.checked_sub(1).map(|b| document.blocks[b].section()))
}

/// The first and last year of a period such as "2022–25", "2025 to 2028" or "2022/23 to
/// 2029/30" (2022–2030: the period ends with its last financial year).
fn period(text: &str) -> Option<(u32, u32)> {
    let regex = PERIOD.regex(text);
    let mut captures = regex.create_captures();
    regex.captures(text, &mut captures);
    let year = |group| text.get(captures.get_group(group)?.range())?.parse().ok();
    let start: u32 = year(1)?;
    let mut end = century(year(2)?, start);
    if let Some(last) = year(3) {
        end = century(last, end);
    }
    (end >= start).then_some((start, end))
}

/// `year` in full: a two-digit year is the first such year from `after` on ("25" after 2022 is
/// 2025, "02" after 2098 is 2102).
fn century(year: u32, after: u32) -> u32 {
    if year >= 100 {
        return year;
    }
    let full = after / 100 * 100 + year;
    if full < after { full + 100 } else { full }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes("p.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn reads_plan_periods() {
        assert_eq!(period("Strategic Plan 2022–25"), Some((2022, 2025)));
        assert_eq!(period("2025 to 2028"), Some((2025, 2028)));
        assert_eq!(period("2019-2023 plan"), Some((2019, 2023)));
        assert_eq!(period("no years here"), None);
        assert_eq!(
            period("Strategic Plan 2022/23 to 2029/30"),
            Some((2022, 2030))
        );
        assert_eq!(period("2024-25 to 2026-27"), Some((2024, 2027)));
        assert_eq!(period("April 2024 – March 2027"), Some((2024, 2027)));
        assert_eq!(period("Annual plan 2024/25"), Some((2024, 2025)));
        assert_eq!(period("2025 to 2028/29"), Some((2025, 2029)));
    }

    #[test]
    fn review_period_comes_from_front_matter_or_title() {
        let short = review_period(&doc("---\nperiod: 2025–2028\n---\n# Plan\n"));
        assert!(short.passed, "{}", short.note);
        let long = review_period(&doc("# Plan 2020-2030\n\nText.\n"));
        assert!(!long.passed);
        assert_eq!(
            long.note,
            "plan period 2020–2030 (10 years), longer than three years, and no commitment to \
             review within three years"
        );
        let one = review_period(&doc("# Annual Plan 2024/25\n\nText.\n"));
        assert_eq!(one.note, "plan period 2024–2025 (1 year)");
        let financial = review_period(&doc("# Strategic Plan 2022/23 to 2029/30\n\nText.\n"));
        assert!(!financial.passed);
        let promise = doc("# Plan\n\nThis plan will be reviewed at least every three years.\n");
        assert!(review_period(&promise).passed);
        // s.37 asks for a review every three years: a longer plan that promises one passes.
        let reviewed = doc(
            "# Plan 2022-2030\n\n## Review\n\nThis plan will be reviewed at least every three years.\n",
        );
        let shown = review_period(&reviewed);
        assert!(shown.passed, "{}", shown.note);
        assert_eq!(shown.sections, [1]);
        assert_eq!(
            shown.note,
            "plan period 2022–2030 (8 years), with a commitment to review within three years"
        );
        assert!(!review_period(&doc("# Plan\n\nText.\n")).passed);
    }

    #[test]
    fn localities_need_two_sections() {
        let nested = doc("# P\n\n## Our localities\n\n### North\n\nx\n\n### South\n\ny\n");
        let shown = localities(&nested);
        assert!(shown.passed);
        assert_eq!(shown.sections, vec![2, 3]);
        let named = doc("# P\n\n## North locality\n\nx\n\n## South locality\n\ny\n");
        assert!(localities(&named).passed);
        let planning = doc("# P\n\n## North locality\n\nx\n\n## Locality planning groups\n\ny\n");
        assert!(!localities(&planning).passed);
        let titled = doc("# Strategic and locality plans\n\n## Carers\n\nx\n\n## Money\n\ny\n");
        assert!(!localities(&titled).passed);
        let chapters = doc("# Our localities\n\n## North\n\nx\n\n## South\n\ny\n\n# Money\n\nz\n");
        assert_eq!(localities(&chapters).sections, vec![1, 2]);
        let listed = doc(
            "# P\n\n## Profile\n\n| Locality | People |\n|---|---|\n| North Glen | 9 |\n\
             | South Shore | 8 |\n\n## 1. North Glen\n\nx\n\n## South Shore\n\ny\n\n## Other\n\nz\n",
        );
        let shown = localities(&listed);
        assert_eq!((shown.passed, shown.sections), (true, vec![2, 3]));
        let unlisted = doc(
            "# P\n\n| Area | People |\n|---|---|\n| North | 9 |\n| South | 8 |\n\n\
                            ## North\n\nx\n\n## South\n\ny\n",
        );
        assert!(!localities(&unlisted).passed);
        let one = doc("# P\n\n## Our localities\n\nWe have two localities, North and South.\n");
        let shown = localities(&one);
        assert!(!shown.passed);
        assert_eq!(shown.sections, vec![1]);
    }

    /// A mapping of two or more sections to the outcomes covers the item, and only adds: a
    /// plan without one keeps what its words give.
    #[test]
    fn an_outcome_mapping_covers_what_words_do_not() {
        let catalog = crate::rules::Catalog::builtin();
        let rules = catalog.select(&["outcomes", "statutory"]).unwrap();
        let s2 = |plan: &str| {
            let report = crate::audit::audit(doc(plan), &rules);
            let item = rules.items().find(|i| i.item.id == "S2").unwrap().index;
            let entry = report
                .coverage
                .into_iter()
                .find(|c| c.item == item)
                .unwrap();
            (entry.status, entry.note)
        };
        let mapped = "# Plan\n\n## Carers\n\nShort breaks.\n\n## Home\n\nCare at home.\n\n\
                      ## Our contribution\n\n| Priority | Outcomes |\n|---|---|\n\
                      | Carers | 6 |\n| Home | 2, 9 |\n";
        let (status, note) = s2(mapped);
        assert_eq!(status, crate::audit::Status::Covered);
        assert_eq!(
            note.as_deref(),
            Some("the plan maps 2 of its sections to the national outcomes")
        );
        let one = "# Plan\n\n## Carers\n\nShort breaks.\n\n## Our contribution\n\n\
                   | Priority | Outcomes |\n|---|---|\n| Carers | 6 |\n";
        assert_eq!(s2(one), (crate::audit::Status::Missing, None));
        let words = "# Plan\n\n## Outcomes\n\nThis plan sets out how our priorities contribute \
                     to the national health and wellbeing outcomes, mapped to the national \
                     outcomes in a logic model.\n";
        assert_eq!(s2(words).0, crate::audit::Status::Covered);
    }
}
