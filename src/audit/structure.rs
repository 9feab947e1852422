//! Checks of a plan's shape that words cannot make: statutory items such as "two or more
//! localities, with arrangements for each" are about sections, not vocabulary.

use std::sync::LazyLock;

use super::wording::{Wording, forms};
use crate::document::Document;
use crate::rules::Structure;

/// What a structural check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub passed: bool,
    /// Sections that show the structure (or the nearest thing to it).
    pub sections: Vec<usize>,
    /// One line for the report, e.g. "3 localities, each with a section of its own".
    pub note: String,
}

pub fn check(document: &Document, structure: Structure) -> Shown {
    match structure {
        Structure::Localities => localities(document),
        Structure::ReviewPeriod => review_period(document),
    }
}

fn heading_has(document: &Document, section: usize, word: &str) -> bool {
    let heading = document.section_heading(section).unwrap_or("");
    heading.to_lowercase().contains(word)
}

/// Two or more localities, each with a section: either subsections of a section about
/// localities, or sections that each name a locality.
fn localities(document: &Document) -> Shown {
    let count = document.sections.len();
    let parents = (0..count).filter(|&s| heading_has(document, s, "localit"));
    for parent in parents {
        let children: Vec<usize> = (parent + 1..count)
            .filter(|&s| document.sections[s].parent() == Some(parent))
            .collect();
        if children.len() >= 2 {
            return Shown {
                passed: true,
                note: format!(
                    "{} localities, each with a section of its own",
                    children.len()
                ),
                sections: children,
            };
        }
    }
    let named: Vec<usize> = (0..count)
        .filter(|&s| {
            heading_has(document, s, "locality") && !heading_has(document, s, "localities")
        })
        .collect();
    if named.len() >= 2 {
        return Shown {
            passed: true,
            note: format!("{} locality sections", named.len()),
            sections: named,
        };
    }
    Shown {
        passed: false,
        sections: (0..count)
            .filter(|&s| heading_has(document, s, "localit"))
            .collect(),
        note: "no two localities have a section of their own setting out their arrangements".into(),
    }
}

/// See [`forms::period`].
pub(super) static PERIOD: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::period()));

/// See [`forms::review`].
pub(super) static REVIEW: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::review()));

/// A plan period of three years or less, read from the front matter, the title or the first
/// heading; failing that, a stated commitment to review within three years.
fn review_period(document: &Document) -> Shown {
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
    for (text, section) in candidates {
        let Some((start, end)) = text.and_then(period) else {
            continue;
        };
        let years = end.saturating_sub(start);
        return Shown {
            passed: (1..=3).contains(&years),
            sections: section.into_iter().collect(),
            note: format!("plan period {start}–{end} ({years} years)"),
        };
    }
    let text = document.text.as_str();
    if let Some(found) = REVIEW.find(text) {
        let block = document
            .blocks
            .partition_point(|b| b.text().start <= found.start);
        let section = block.checked_sub(1).map(|b| document.blocks[b].section());
        return Shown {
            passed: true,
            sections: section.into_iter().collect(),
            note: "commits to review within three years".into(),
        };
    }
    Shown {
        passed: false,
        sections: Vec::new(),
        note: "no plan period in the front matter or title, and no commitment to review within three years".into(),
    }
}

/// The first and last year of a period such as "2022–25" or "2025 to 2028".
fn period(text: &str) -> Option<(u32, u32)> {
    let regex = PERIOD.regex(text);
    let mut captures = regex.create_captures();
    regex.captures(text, &mut captures);
    let year = |group| text.get(captures.get_group(group)?.range())?.parse().ok();
    let start: u32 = year(1)?;
    let mut end: u32 = year(2)?;
    if end < 100 {
        end += start / 100 * 100;
        if end < start {
            end += 100;
        }
    }
    (end >= start).then_some((start, end))
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
    }

    #[test]
    fn review_period_comes_from_front_matter_or_title() {
        let short = check(
            &doc("---\nperiod: 2025–2028\n---\n# Plan\n"),
            Structure::ReviewPeriod,
        );
        assert!(short.passed, "{}", short.note);
        let long = check(&doc("# Plan 2020-2030\n\nText.\n"), Structure::ReviewPeriod);
        assert!(!long.passed);
        assert_eq!(long.note, "plan period 2020–2030 (10 years)");
        let promise = doc("# Plan\n\nThis plan will be reviewed at least every three years.\n");
        assert!(check(&promise, Structure::ReviewPeriod).passed);
        assert!(!check(&doc("# Plan\n\nText.\n"), Structure::ReviewPeriod).passed);
    }

    #[test]
    fn localities_need_two_sections() {
        let nested = doc("# P\n\n## Our localities\n\n### North\n\nx\n\n### South\n\ny\n");
        let shown = check(&nested, Structure::Localities);
        assert!(shown.passed);
        assert_eq!(shown.sections, vec![2, 3]);
        let named = doc("# P\n\n## North locality\n\nx\n\n## South locality\n\ny\n");
        assert!(check(&named, Structure::Localities).passed);
        let one = doc("# P\n\n## Our localities\n\nWe have two localities, North and South.\n");
        let shown = check(&one, Structure::Localities);
        assert!(!shown.passed);
        assert_eq!(shown.sections, vec![1]);
    }
}
