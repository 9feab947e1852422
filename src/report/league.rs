//! The league table: one row per plan with its covered, weak and missing items per framework
//! and the share covered, best first. Reviewers auditing every partnership's plan at once read
//! this before any single report.

use std::fmt::Write as _;
use std::io;

use unicode_width::UnicodeWidthStr;

use serde::Serialize;

use super::Unread;
use super::matrix::{csv_line, from_the_left};
use crate::audit::{FileReport, Report, Status};
use crate::rules::Rules;

/// Fewest columns the plan column keeps before the frameworks' names are cut.
const MIN_PLAN: usize = 12;

/// Columns a framework's name is cut to on a narrow terminal.
const NARROW_NAME: usize = 8;

/// Every plan's row, sorted by share covered (highest first), then by path.
#[derive(Debug, Clone, Serialize)]
pub struct League {
    /// One row per plan, best covered first.
    pub rows: Vec<Row>,
}

/// One plan's line of the league table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The plan's path, as named or walked.
    pub plan: String,
    /// Its counts for each framework audited, in rule order.
    pub frameworks: Vec<Tally>,
    /// Items covered, as a whole percentage of the items not waived, over all frameworks.
    pub percent: u32,
}

/// One framework's counts in one plan.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    /// The framework's id.
    pub framework: String,
    /// Items at least one section addresses.
    pub covered: usize,
    /// Items only mentioned in passing.
    pub weak: usize,
    /// Items not mentioned at all.
    pub missing: usize,
    /// Items the team waived, left out of the percentage.
    pub waived: usize,
}

/// `--format csv`: the league table alone, for a spreadsheet of every plan, then a row for each
/// plan the run could not read (its counts left empty).
pub(super) fn write(
    report: &Report<'_>,
    unread: &[Unread],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let frameworks: Vec<&str> = (report.rules.frameworks().iter())
        .map(|f| f.id.as_str())
        .collect();
    out.write_all(League::of(report).csv(&frameworks, unread).as_bytes())
}

impl League {
    /// The league table of every plan in `report`.
    pub fn of(report: &Report<'_>) -> Self {
        let rows = report
            .files
            .iter()
            .map(|f| Row::of(f, report.rules))
            .collect();
        Self::from_rows(rows)
    }

    /// The table of rows gathered one plan at a time, as a streamed run does.
    pub fn from_rows(mut rows: Vec<Row>) -> Self {
        rows.sort_by(|a, b| b.percent.cmp(&a.percent).then_with(|| a.plan.cmp(&b.plan)));
        Self { rows }
    }

    /// Framework ids, in rule order (every row has the same).
    pub fn frameworks(&self) -> Vec<&str> {
        self.rows.first().map_or(Vec::new(), |r| {
            r.frameworks.iter().map(|t| t.framework.as_str()).collect()
        })
    }

    /// Plain text for the end of the human report, within `columns`: `covered/weak/missing`
    /// per framework (`+Nw` for items waived), each column as wide as its name or widest cell,
    /// and a plan's path cut from the left (`…/plan.md`) when the table would be wider. On a
    /// narrow terminal the frameworks' names are cut too (`national…`), as four of them run
    /// past 60 columns.
    pub fn text(&self, columns: usize) -> String {
        let cell = |t: &Tally| match t.waived {
            0 => format!("{}/{}/{}", t.covered, t.weak, t.missing),
            n => format!("{}/{}/{}+{n}w", t.covered, t.weak, t.missing),
        };
        let column_widths = |name_room: usize| -> Vec<usize> {
            (self.frameworks().iter().enumerate())
                .map(|(i, framework)| {
                    let cells = self.rows.iter().map(|r| cell(&r.frameworks[i]).len());
                    cells
                        .chain([framework.len().min(name_room)])
                        .max()
                        .unwrap_or(0)
                })
                .collect()
        };
        let rest = |widths: &[usize]| widths.iter().map(|w| w + 2).sum::<usize>() + 9;
        let mut widths = column_widths(usize::MAX);
        if rest(&widths) + MIN_PLAN > columns {
            widths = column_widths(NARROW_NAME);
        }
        let rest = rest(&widths);
        let longest = self.rows.iter().map(|r| r.plan.width()).max().unwrap_or(0);
        let width = longest.min(columns.saturating_sub(rest)).max(4);
        let mut out = format!("{:<width$}", "plan");
        for (framework, w) in self.frameworks().iter().zip(&widths) {
            let _ = write!(out, "  {:>w$}", super::matrix::shorten(framework, *w));
        }
        out.push_str("  covered\n");
        for row in &self.rows {
            let name = crate::input::escape_name(&row.plan);
            let plan = from_the_left(&name, width);
            let _ = write!(out, "{plan}{:pad$}", "", pad = width - plan.width());
            for (t, w) in row.frameworks.iter().zip(&widths) {
                let _ = write!(out, "  {:>w$}", cell(t));
            }
            let _ = writeln!(out, "  {:>6}%", row.percent);
        }
        let waived = self
            .rows
            .iter()
            .flat_map(|r| &r.frameworks)
            .any(|t| t.waived > 0);
        let legend = match waived {
            false => "(per framework: covered/weak/missing items)",
            true => "(per framework: covered/weak/missing items; +N waived, not in the share)",
        };
        out.push_str(&textwrap::fill(legend, columns));
        out.push('\n');
        out
    }

    /// One line per plan with four columns for each of `frameworks` (the rules', so a run that
    /// read no plan has the same columns), for spreadsheets; a plan not read has its path (or,
    /// for a path that found none, why) and empty counts.
    pub fn csv(&self, frameworks: &[&str], unread: &[Unread]) -> String {
        let mut header = vec!["plan".to_owned()];
        for f in frameworks {
            for column in ["covered", "weak", "missing", "waived"] {
                header.push(format!("{f} {column}"));
            }
        }
        header.push("percent covered".into());
        let mut out = csv_line(&header);
        for row in &self.rows {
            let mut fields = vec![row.plan.clone()];
            for t in &row.frameworks {
                fields.extend([t.covered, t.weak, t.missing, t.waived].map(|n| n.to_string()));
            }
            fields.push(row.percent.to_string());
            out.push_str(&csv_line(&fields));
        }
        for entry in unread {
            let mut fields = vec![String::new(); header.len()];
            fields[0] = entry.path.clone().unwrap_or_else(|| entry.message.clone());
            out.push_str(&csv_line(&fields));
        }
        out
    }
}

impl Row {
    /// One plan's row: its coverage counted per framework.
    pub fn of(file: &FileReport, rules: &Rules) -> Self {
        let frameworks: Vec<Tally> = rules
            .frameworks()
            .iter()
            .map(|f| {
                let mut tally = Tally {
                    framework: f.id.clone(),
                    covered: 0,
                    weak: 0,
                    missing: 0,
                    waived: 0,
                };
                let statuses = file
                    .coverage
                    .iter()
                    .filter(|c| rules.item(c.item).framework.id == f.id)
                    .map(|c| c.status);
                for status in statuses {
                    *match status {
                        Status::Covered => &mut tally.covered,
                        Status::Weak => &mut tally.weak,
                        Status::Missing => &mut tally.missing,
                        Status::Waived => &mut tally.waived,
                    } += 1;
                }
                tally
            })
            .collect();
        Row {
            plan: file.document.path.clone(),
            percent: percent(&frameworks),
            frameworks,
        }
    }
}

fn percent(frameworks: &[Tally]) -> u32 {
    let covered: usize = frameworks.iter().map(|t| t.covered).sum();
    let counted: usize = frameworks
        .iter()
        .map(|t| t.covered + t.weak + t.missing)
        .sum();
    match counted {
        0 => 100,
        n => ((covered * 100 + n / 2) / n) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(covered: usize, weak: usize, missing: usize, waived: usize) -> Tally {
        Tally {
            framework: "x".into(),
            covered,
            weak,
            missing,
            waived,
        }
    }

    #[test]
    fn a_long_path_keeps_its_file_name() {
        assert_eq!(from_the_left("plans/plan.md", 20), "plans/plan.md");
        assert_eq!(
            from_the_left("a/very/long/plans/plan.md", 12),
            "…ans/plan.md"
        );
        let row = |plan: &str| Row {
            plan: plan.to_owned(),
            frameworks: vec![Tally {
                framework: "outcomes".to_owned(),
                ..tally(9, 0, 0, 0)
            }],
            percent: 100,
        };
        let league = League {
            rows: vec![row(&"x/".repeat(60)), row("short.md")],
        };
        let text = league.text(60);
        for line in text.lines().take(3) {
            assert!(line.width() <= 60, "{line}");
        }
        assert!(text.contains("…x/x/"), "{text}");
    }

    #[test]
    fn waived_items_are_left_out_of_the_share() {
        assert_eq!(percent(&[tally(1, 1, 0, 2)]), 50);
        assert_eq!(percent(&[tally(2, 0, 1, 0)]), 67, "rounded to nearest");
        assert_eq!(percent(&[tally(0, 0, 0, 3)]), 100, "all waived");
    }

    /// A waived item is counted in its cell, so the cell's items add up to the framework's;
    /// the legend says so only when a plan has one.
    #[test]
    fn waived_items_are_counted_in_the_table() {
        let row = |plan: &str, waived| Row {
            plan: plan.to_owned(),
            frameworks: vec![tally(5, 2, 2 - waived, waived)],
            percent: 0,
        };
        let league = League {
            rows: vec![row("a.md", 1), row("b.md", 0)],
        };
        let text = league.text(60);
        assert!(
            text.contains("5/2/1+1w") && text.contains("5/2/2"),
            "{text}"
        );
        assert!(text.contains("+N waived"), "{text}");
        assert!(text.lines().all(|line| line.width() <= 60), "{text}");
        let unwaived = League {
            rows: vec![row("b.md", 0)],
        };
        assert!(!unwaived.text(60).contains("waived"));
    }
}
