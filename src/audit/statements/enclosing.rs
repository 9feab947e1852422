//! What a section or a table as a whole decides about the hits in it: a notice or a profile
//! of figures takes every hit, a heading over engagement findings, a profile or a foreword what
//! no sentence decides, and a table's header row its cells (measures, a risk register). Each is
//! read once per section or table.

use std::sync::LazyLock;

use super::{Adjustment, Statements};
use crate::audit::wording::{Wording, forms};
use crate::document::BlockKind;

/// Sections at this level or above stand for the whole plan (its title) or a chapter of it:
/// their headings speak for no one part, and coverage does not add up their subsections.
pub(in crate::audit) const TITLE_LEVEL: u8 = 1;

/// Share of a section's sentences with a figure that makes it a profile of figures.
const PROFILE_SHARE: f32 = 0.75;

/// The share for a section of [`PROFILE_BLOCKS`] body blocks or more: a needs chapter's
/// paragraphs and bullet points introduce and join their figures in sentences of their own.
/// Decided on blind plans (ten false outcome and principle links gone, one true one lost);
/// a one-paragraph statement keeps the stricter share.
const LONG_PROFILE_SHARE: f32 = 0.5;

/// Body blocks (paragraphs, list items, cells) from which [`LONG_PROFILE_SHARE`] applies.
const PROFILE_BLOCKS: usize = 3;

/// See [`forms::measure_header`].
static MEASURE_HEADER: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::measure_header()));

/// See [`forms::risk_header`].
static RISK_HEADER: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::risk_header()));

/// See [`forms::action_header`].
static ACTION_HEADER: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::action_header()));

/// See [`forms::notice_heading`].
static NOTICE_HEADING: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::notice_heading()));

/// See [`forms::reported_heading`].
static REPORTED_HEADING: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::reported_heading()));

/// See [`forms::profile_heading`].
static PROFILE_HEADING: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::profile_heading()));

/// See [`forms::retrospect_heading`].
static RETROSPECT_HEADING: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::retrospect_heading()));

/// See [`forms::policy_heading`].
static POLICY_HEADING: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::policy_heading()));

/// See [`forms::vision_heading`].
static VISION_HEADING: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::vision_heading()));

/// See [`forms::foreword_heading`].
static FOREWORD_HEADING: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::foreword_heading()));

/// See [`forms::answer_heading`].
static ANSWER_HEADING: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::answer_heading()));

/// Whether a heading is over a profile ([`PROFILE_HEADING`]).
fn is_profile_heading(heading: &str) -> bool {
    let words = [
        "glance",
        "demograph",
        "profile",
        "facts",
        "figures",
        "statistics",
        "population",
    ];
    holds_then_matches(heading, &words, &PROFILE_HEADING)
}

/// Whether a heading is over a look back at the last plan ([`RETROSPECT_HEADING`]).
fn is_retrospect_heading(heading: &str) -> bool {
    let words = [
        "back",
        "what we",
        "achievements",
        "progress",
        "review",
        "reflecting",
    ];
    holds_then_matches(heading, &words, &RETROSPECT_HEADING)
}

/// Whether a heading is over the laws and policies a plan answers to ([`POLICY_HEADING`]).
fn is_policy_heading(heading: &str) -> bool {
    holds_then_matches(
        heading,
        &["legislat", "legal", "polic", "laws"],
        &POLICY_HEADING,
    )
}

/// Whether a heading is over the plan's vision ([`VISION_HEADING`]).
fn is_vision_heading(heading: &str) -> bool {
    holds_then_matches(heading, &["vision"], &VISION_HEADING)
}

/// Whether `heading` holds one of `words` (lower case) and matches `form`. Every heading a
/// form finds holds one of its words, so most headings never read the form's DFA (reading
/// the profile form's was 1% of a small plan's run).
fn holds_then_matches(heading: &str, words: &[&str], form: &Wording) -> bool {
    let lower = heading.to_ascii_lowercase();
    words.iter().any(|word| lower.contains(word)) && form.is_match(heading)
}

/// Whether a heading reports engagement findings without the partnership's answer.
fn is_reported_heading(heading: &str) -> bool {
    REPORTED_HEADING.is_match(heading) && !ANSWER_HEADING.is_match(heading)
}

/// A section's own sentences, counted.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    sentences: usize,
    /// Sentences with a figure that counts something other than money.
    with_figures: usize,
    /// Whether a sentence states a purpose, or a list sits under a promising lead-in.
    purpose: bool,
    /// Body blocks: paragraphs, list items, cells.
    blocks: usize,
}

impl Tally {
    /// Whether the section is a profile of figures: two or more sentences, at least
    /// [`PROFILE_SHARE`] of them ([`LONG_PROFILE_SHARE`] in a section of [`PROFILE_BLOCKS`]
    /// blocks or more) with a figure other than a sum of money, and none stating a purpose. A
    /// needs profile ("Nine of our 128 data zones are among the 20% most deprived…") describes
    /// the case for acting in the words of the items it touches, a sentence at a time too
    /// thinly for [`is_statistic`](super::is_statistic); a finance statement's sums are what it
    /// is about.
    fn is_profile(self) -> bool {
        !self.purpose
            && self.sentences >= 2
            && self.with_figures as f32 >= self.share() * self.sentences as f32
    }

    /// The share of its sentences with a figure that makes this section a profile.
    fn share(self) -> f32 {
        match self.blocks >= PROFILE_BLOCKS {
            true => LONG_PROFILE_SHARE,
            false => PROFILE_SHARE,
        }
    }
}

/// What a table's header row says of its cells.
#[derive(Debug, Clone, Default)]
pub(super) struct TableReading {
    /// The columns headed "Indicator", "Measure" or the like, in order.
    measures: Vec<usize>,
    /// A column is headed "Risk": the table is a risk register.
    risks: bool,
    /// The columns headed "Action", "What will change" or the like, in order.
    actions: Vec<usize>,
}

/// What a section as a whole makes of the hits in it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SectionReading {
    /// The rule for every hit, when the section as a whole is background: a notice or a profile.
    pub(super) whole: Option<Adjustment>,
    /// The rule for hits that no sentence of purpose governs and no sentence rule decides:
    /// reported, under a heading over engagement findings; profile, under a profile's; past,
    /// under a look back's; law, under a heading over laws and policies; foreword, under a
    /// foreword's.
    pub(super) context: Option<Adjustment>,
    /// Under a heading over the plan's vision: what it says is what the plan is for.
    pub(super) vision: bool,
}

impl Statements<'_> {
    /// What a section as a whole makes of its hits, read once per section: everything is a
    /// notice under a heading that announces one ("Other formats"), or part of a profile of
    /// figures ([`Tally::is_profile`]); what no sentence decides is reported under a heading
    /// over engagement findings, or under a section with one ("What we heard" in "What people
    /// told us"), when no sentence of the section answers it with a purpose ("we will report
    /// back each year"); profile under a heading over a profile of the area ("At a glance",
    /// "Demographics") or a section with one, with no purpose in the section; a look back and
    /// law likewise under their headings; a foreword's under a heading "Foreword", "Welcome" or
    /// "A message from …" with no purpose in it. Under a heading over the vision, what is said
    /// states the plan's purpose.
    pub(super) fn section(&mut self, section: usize) -> SectionReading {
        if let Some(&reading) = self.sections.get(&section) {
            return reading;
        }
        let document = self.document;
        let tally = self.tally(section);
        let whole = if NOTICE_HEADING.is_match(document.heading(section)) {
            Some(Adjustment::Notice)
        } else if tally.is_profile() {
            Some(Adjustment::Profile)
        } else {
            None
        };
        // A title names the whole document, not the part a section is in: "Draft plan and
        // consultation feedback" over every chapter does not make each a report of views.
        let enclosed = |heading: &dyn Fn(&str) -> bool| {
            std::iter::successors(Some(section), |&s| document.sections[s].parent())
                .take_while(|&s| s == section || document.sections[s].level > TITLE_LEVEL)
                .any(|s| heading(document.heading(s)))
        };
        let under = |heading: &dyn Fn(&str) -> bool| !tally.purpose && enclosed(heading);
        let reported = under(&is_reported_heading);
        let profile = under(&is_profile_heading);
        let past = under(&is_retrospect_heading);
        let law = under(&is_policy_heading);
        // A foreword speaks for the plan: only its own heading makes one, not a page's title.
        let foreword = !tally.purpose && FOREWORD_HEADING.is_match(document.heading(section));
        let context = if reported {
            Some(Adjustment::Reported)
        } else if profile {
            Some(Adjustment::Profile)
        } else if past {
            Some(Adjustment::Past)
        } else if law {
            Some(Adjustment::Law)
        } else {
            foreword.then_some(Adjustment::Foreword)
        };
        let reading = SectionReading {
            whole,
            context,
            vision: enclosed(&is_vision_heading),
        };
        self.sections.insert(section, reading);
        reading
    }

    /// A section's own sentences, counted: how many, how many with a figure, and whether
    /// any states a purpose (a list under a promising lead-in counts as one; a block quote,
    /// someone else's words, does not: "We want the ferry to run"). The count stops at the
    /// first purpose, which decides what the section as a whole is: nothing.
    fn tally(&mut self, section: usize) -> Tally {
        let document = self.document;
        let mut tally = Tally::default();
        for block in document.sections[section].blocks() {
            let kind = document.blocks[block].kind;
            // A table of contents' page numbers count nothing.
            if kind == BlockKind::Heading || self.list(block).is_some_and(|l| l.contents) {
                continue;
            }
            let reading = self.reading(block);
            tally.purpose = reading.promised
                || reading
                    .sentences
                    .iter()
                    .any(|s| s.purpose && kind != BlockKind::Quote);
            if tally.purpose {
                return tally;
            }
            tally.blocks += 1;
            tally.sentences += reading.sentences.len();
            tally.with_figures += reading.sentences.iter().filter(|s| s.counts).count();
        }
        tally
    }

    /// The rule for a table cell that its table's header row decides: a measure in a column
    /// headed "Indicator", "Measure" or the like (a performance table names what will be
    /// counted, in the words of the items counted); a name in a risk register, a table with a
    /// column headed "Risk" (it names risks and the plans that control them).
    pub(super) fn table_rule(&mut self, block: usize) -> Option<Adjustment> {
        let (column, table) = self.table(block)?;
        if table.risks {
            Some(Adjustment::NameList)
        } else {
            // The header row's cells come in column order.
            let measure = table.measures.binary_search(&column).is_ok();
            measure.then_some(Adjustment::Measure)
        }
    }

    /// Whether a table cell is in a column of actions ([`forms::action_header`]): each row
    /// of an action plan's table is a promise, as an item of a list under "We will:" is.
    pub(super) fn in_action_column(&mut self, block: usize) -> bool {
        self.table(block)
            .is_some_and(|(column, table)| table.actions.binary_search(&column).is_ok())
    }

    /// A body cell's column and what its table's header row says, read once per table; `None`
    /// for other blocks and header cells.
    fn table(&mut self, block: usize) -> Option<(usize, &TableReading)> {
        let document = self.document;
        let cell = document.blocks[block].cell().filter(|c| c.row > 0)?;
        let table = self.tables.entry(cell.table).or_insert_with(|| {
            let mut reading = TableReading::default();
            for (text, column) in document.header_row(block) {
                if MEASURE_HEADER.is_match(text) {
                    reading.measures.push(column);
                }
                reading.risks |= RISK_HEADER.is_match(text);
                if ACTION_HEADER.is_match(text) {
                    reading.actions.push(column);
                }
            }
            reading
        });
        Some((cell.column, table))
    }
}
