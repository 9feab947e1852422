//! What changed between two audits of a plan: items gained, lost, strengthened or weakened,
//! and sections added, removed or renamed. `planaudit diff` prints it and fails when coverage
//! regressed, so CI can guard a plan repository.

use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write as _;

use foldhash::{HashMap, HashSet};

use serde::Serialize;

use crate::audit::{Coverage, FileReport, Policy, Status};
use crate::document::{Document, narrow};
use crate::postings::Postings;
use crate::rules::Rules;

/// How far a plan goes on an item, weakest first; comparing two tells the direction of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Neither addressed nor mentioned.
    Missing,
    /// Only mentioned in passing.
    Weak,
    /// Addressed by at least one section.
    Covered,
    /// Covered, with a commitment or measure.
    Committed,
}

impl Level {
    /// A waived item is judged by what the plan says, as if it were not waived.
    fn of(c: &Coverage) -> Self {
        match c.status {
            Status::Covered if c.committed() => Level::Committed,
            Status::Covered => Level::Covered,
            Status::Weak => Level::Weak,
            Status::Missing => Level::Missing,
            Status::Waived if !c.sections.is_empty() => Level::Covered,
            Status::Waived if !c.mentions.is_empty() => Level::Weak,
            Status::Waived => Level::Missing,
        }
    }

    /// What the human and Markdown reports call it: where a commitment is asked of the item,
    /// `covered` alone would read as a step down from any covered item, where it means covered
    /// without a commitment (JSON keeps the short names).
    pub fn describe(self, commitment_asked: bool) -> &'static str {
        match self {
            Level::Missing => "missing",
            Level::Weak => "weak",
            Level::Covered if commitment_asked => "covered, no commitment",
            Level::Covered => "covered",
            Level::Committed => "committed",
        }
    }
}

/// Which way an item moved between the two plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemChangeKind {
    /// Now covered, not before.
    Gained,
    /// Covered before, not now.
    Lost,
    /// Firmer on the same side of covered (missing → weak, covered → committed).
    Strengthened,
    /// Less firm on the same side of covered.
    Weakened,
}

/// One item whose level differs between the old and the new plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    /// The item's id (`O6`).
    pub item: String,
    /// The item's title, so the reader need not look the id up.
    pub title: String,
    /// Which way it moved.
    pub change: ItemChangeKind,
    /// Its level in the old plan.
    pub old: Level,
    /// Its level in the new plan.
    pub new: Level,
    /// Sections that addressed it in the old plan and do not in the new one (removed, or no
    /// longer addressing it), in the old plan's order: where to look for what was lost.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_longer_addressed_in: Vec<Place>,
    /// Sections that address it in the new plan and did not in the old one, in the new plan's
    /// order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub now_addressed_in: Vec<Place>,
    /// Sections that only mentioned it in the old plan and do not in the new one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_longer_mentioned_in: Vec<Place>,
    /// Sections that only mention it in the new plan and did not in the old one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub now_mentioned_in: Vec<Place>,
    /// The old plan's first commitment to the item, when the new plan has none: what to look
    /// for where a covered item lost its commitment and no section stopped addressing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment_lost: Option<Quote>,
    /// The new plan's first commitment to the item, when the old plan had none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment_found: Option<Quote>,
    /// Whether the policy asks a commitment of the item; where it does not (statutory content),
    /// covered is as far as it goes.
    #[serde(skip)]
    pub commitment_asked: bool,
}

/// A passage of one of the two plans: a commitment, by its text and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The passage as the plan words it.
    pub text: String,
    /// Its line (of the extracted text, for a Word or PDF plan).
    pub line: usize,
    /// Where people find it: its line, or its page or paragraph in a Word or PDF plan.
    #[serde(skip)]
    pub place: String,
    /// Its page or paragraph in a Word or PDF plan, whose `line` points nowhere in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Quote {
    /// An item's first commitment in `doc`, when it has one and the other plan has none.
    fn of_commitment(
        doc: &Document,
        rules: &Rules,
        c: &Coverage,
        other: &Coverage,
    ) -> Option<Self> {
        let at = c
            .commitment
            .as_ref()
            .filter(|_| other.commitment.is_none())?;
        let start = at.span().start;
        Some(Quote {
            text: at.text(doc, rules).into_owned(),
            line: doc.lines.line(start),
            place: doc.place(start),
            location: doc.place_label(start).map(str::to_owned),
        })
    }
}

/// A section of one of the two plans, by heading and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The heading as written.
    pub heading: String,
    /// Its line (of the extracted text, for a Word or PDF plan).
    pub line: usize,
    /// Where people find it: its line, or its page or paragraph in a Word or PDF plan.
    #[serde(skip)]
    pub place: String,
    /// Its page or paragraph in a Word or PDF plan, whose `line` points nowhere in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The heading above it, when another section of the plan has the same heading (each
    /// priority's "Actions"): the line alone does not tell them apart at a glance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
}

impl Place {
    /// Section `section` of `doc`; `repeated` holds the headings the plan uses more than once.
    fn of(doc: &Document, section: usize, repeated: &HashSet<&str>) -> Self {
        let heading = doc.heading(section);
        let under = (repeated.contains(heading))
            .then(|| doc.sections[section].parent())
            .flatten()
            .map(|parent| doc.heading(parent).to_owned());
        Place {
            heading: heading.to_owned(),
            line: doc.section_line(section),
            place: doc.section_place(section),
            location: location(doc, section),
            under,
        }
    }

    /// "Actions (line 7)", or "Actions under Priority 1 (line 7)" for a repeated heading;
    /// `was` goes before the line of a place in the old plan.
    fn describe(&self, was: &str) -> String {
        match &self.under {
            Some(parent) => format!("{} under {parent} ({was}{})", self.heading, self.place),
            None => format!("{} ({was}{})", self.heading, self.place),
        }
    }
}

/// Section `section`'s page or paragraph, for the JSON of a Word or PDF plan; `None` for a
/// plan whose lines are its own.
fn location(doc: &Document, section: usize) -> Option<String> {
    (!doc.places.is_empty()).then(|| doc.section_place(section))
}

/// The headings `doc` uses for more than one section.
fn repeated_headings(doc: &Document) -> HashSet<&str> {
    let mut seen = HashSet::default();
    headed(doc)
        .map(|s| doc.heading(s))
        .filter(|heading| !seen.insert(*heading))
        .collect()
}

/// A section that appeared, disappeared or changed its heading between the two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum SectionChange {
    /// A heading only the new plan has.
    Added {
        /// The heading as written in the new plan.
        heading: String,
        /// Its line in the new plan (of the extracted text, for a Word or PDF plan).
        line: usize,
        /// Where people find it: its line, or its page or paragraph in a Word or PDF plan.
        #[serde(skip)]
        place: String,
        /// Its page or paragraph in a Word or PDF plan.
        #[serde(skip_serializing_if = "Option::is_none")]
        location: Option<String>,
    },
    /// A heading only the old plan has.
    Removed {
        /// The heading as written in the old plan.
        heading: String,
        /// Its line in the old plan (of the extracted text, for a Word or PDF plan).
        line: usize,
        /// Where people find it, as for [`SectionChange::Added`].
        #[serde(skip)]
        place: String,
        /// Its page or paragraph in a Word or PDF plan.
        #[serde(skip_serializing_if = "Option::is_none")]
        location: Option<String>,
    },
    /// A heading that changed its words but is similar enough ([`RENAME_SIMILARITY`]) to be the
    /// same section.
    Renamed {
        /// The heading in the old plan.
        old: String,
        /// The heading in the new plan.
        new: String,
        /// Its line in the old plan.
        old_line: usize,
        /// Its line in the new plan.
        new_line: usize,
        /// Where people find it in each plan, as for [`SectionChange::Added`].
        #[serde(skip)]
        places: [String; 2],
        /// Its page or paragraph in the old plan, if Word or PDF.
        #[serde(skip_serializing_if = "Option::is_none")]
        old_location: Option<String>,
        /// Its page or paragraph in the new plan, if Word or PDF.
        #[serde(skip_serializing_if = "Option::is_none")]
        new_location: Option<String>,
    },
}

/// What changed between two audits of a plan; `planaudit diff` prints it as text, Markdown or
/// JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The old plan's path.
    pub old: String,
    /// The new plan's path.
    pub new: String,
    /// Ordered by kind (gained, lost, strengthened, weakened), then rule order.
    pub items: Vec<ItemChange>,
    /// Removed and renamed in the old plan's order, then added in the new plan's.
    pub sections: Vec<SectionChange>,
    /// An item was lost or weakened.
    pub regressed: bool,
}

/// Compares two audits made with the same rules and policy. Where the policy asks no
/// commitment of an item (statutory content, or a framework under `require: weak`), a
/// commitment gained or lost is no change: `check` would not report it either.
pub fn diff(old: &FileReport, new: &FileReport, rules: &Rules, policy: &Policy) -> Diff {
    let (old_doc, new_doc) = (&old.document, &new.document);
    let pairing = Pairing::new(old_doc, new_doc);
    let repeated = [repeated_headings(old_doc), repeated_headings(new_doc)];
    let mut items: Vec<ItemChange> = old
        .coverage
        .iter()
        .zip(&new.coverage)
        .filter_map(|(o, n)| {
            let commitment_asked = policy.asks_commitment(rules, o.item);
            let level = |c: &Coverage| match Level::of(c) {
                Level::Committed if !commitment_asked => Level::Covered,
                level => level,
            };
            let (old, new) = (level(o), level(n));
            let change = match (old >= Level::Covered, new >= Level::Covered) {
                _ if old == new => return None,
                (false, true) => ItemChangeKind::Gained,
                (true, false) => ItemChangeKind::Lost,
                _ if new > old => ItemChangeKind::Strengthened,
                _ => ItemChangeKind::Weakened,
            };
            let item = rules.item(o.item).item;
            // A section that mentioned the item and now addresses it has not stopped
            // mentioning it: it says more.
            let places = |old: &[usize], new: &[usize], more: &[usize]| {
                let (gone, come) = pairing.moved(old, new, more);
                let at = |doc, sections: Vec<usize>, repeated| -> Vec<Place> {
                    (sections.into_iter())
                        .map(|s| Place::of(doc, s, repeated))
                        .collect()
                };
                (
                    at(old_doc, gone, &repeated[0]),
                    at(new_doc, come, &repeated[1]),
                )
            };
            let (no_longer_addressed_in, now_addressed_in) = places(&o.sections, &n.sections, &[]);
            let (no_longer_mentioned_in, now_mentioned_in) =
                places(&o.mentions, &n.mentions, &n.sections);
            // Where a section stopped or started addressing it, that section is the place to
            // look; where none did, the commitment that went or came is.
            let commitments = commitment_asked
                && (old == Level::Committed) != (new == Level::Committed)
                && no_longer_addressed_in.is_empty()
                && now_addressed_in.is_empty();
            Some(ItemChange {
                item: item.id.clone(),
                title: item.title.clone(),
                change,
                old,
                new,
                no_longer_addressed_in,
                now_addressed_in,
                no_longer_mentioned_in,
                now_mentioned_in,
                commitment_lost: commitments
                    .then(|| Quote::of_commitment(old_doc, rules, o, n))
                    .flatten(),
                commitment_found: commitments
                    .then(|| Quote::of_commitment(new_doc, rules, n, o))
                    .flatten(),
                commitment_asked,
            })
        })
        .collect();
    items.sort_by_key(|c| c.change);
    let regressed = items
        .iter()
        .any(|c| matches!(c.change, ItemChangeKind::Lost | ItemChangeKind::Weakened));
    Diff {
        old: old.document.path.clone(),
        new: new.document.path.clone(),
        items,
        sections: pairing.changes(old_doc, new_doc),
        regressed,
    }
}

impl Diff {
    /// Plain text: one line per change, then whether coverage regressed.
    pub fn human(&self) -> String {
        let name = |path: &str| crate::input::escape_name(path).into_owned();
        let mut out = format!("{} → {}\n", name(&self.old), name(&self.new));
        if self.items.is_empty() && self.sections.is_empty() {
            out.push_str("no change in coverage or sections\n");
        }
        for c in &self.items {
            let _ = writeln!(
                out,
                "{:<12} {} {}: {} → {}",
                c.change.as_str(),
                c.item,
                c.title,
                c.old.describe(c.commitment_asked),
                c.new.describe(c.commitment_asked)
            );
            for (what, places) in c.where_() {
                let _ = writeln!(out, "{:<12}   {what}: {places}", "");
            }
        }
        for s in &self.sections {
            let _ = writeln!(out, "{}", s.describe());
        }
        out.push_str(self.verdict());
        out
    }

    /// Markdown for a pull-request comment: a table of item changes, a list of section changes.
    pub fn markdown(&self) -> String {
        let name = crate::input::markdown_text;
        let mut out = format!("## {} → {}\n\n", name(&self.old), name(&self.new));
        if !self.items.is_empty() {
            out.push_str(
                "| change | item | before | after | where |\n| --- | --- | --- | --- | --- |\n",
            );
            for c in &self.items {
                let places: Vec<String> = (c.where_().into_iter())
                    .map(|(what, places)| format!("{what}: {}", name(&places)))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} {} | {} | {} | {} |",
                    c.change.as_str(),
                    c.item,
                    name(&c.title),
                    c.old.describe(c.commitment_asked),
                    c.new.describe(c.commitment_asked),
                    places.join("; ")
                );
            }
            out.push('\n');
        }
        for s in &self.sections {
            let _ = writeln!(out, "- {}", name(&s.describe()));
        }
        if !self.sections.is_empty() {
            out.push('\n');
        }
        out.push_str(self.verdict());
        out
    }

    fn verdict(&self) -> &'static str {
        match self.regressed {
            true => "coverage regressed: an item was lost or weakened\n",
            false => "coverage did not regress\n",
        }
    }
}

/// How many sections an item change names on each side before "and N more".
const PLACES_SHOWN: usize = 3;

impl ItemChange {
    /// "no longer addressed in", "now addressed in" and the like, each with its sections,
    /// where any.
    fn where_(&self) -> Vec<(&'static str, String)> {
        // The old plan's places are where they were.
        let listed = |places: &[Place], was: &str| {
            let mut names: Vec<String> = (places.iter().take(PLACES_SHOWN))
                .map(|p| p.describe(was))
                .collect();
            if places.len() > PLACES_SHOWN {
                names.push(format!("and {} more", places.len() - PLACES_SHOWN));
            }
            names.join(", ")
        };
        [
            (
                "no longer addressed in",
                &self.no_longer_addressed_in,
                "was ",
            ),
            ("now addressed in", &self.now_addressed_in, ""),
            (
                "no longer mentioned in",
                &self.no_longer_mentioned_in,
                "was ",
            ),
            ("now mentioned in", &self.now_mentioned_in, ""),
        ]
        .into_iter()
        .filter(|(_, places, _)| !places.is_empty())
        .map(|(what, places, was)| (what, listed(places, was)))
        .chain(
            [
                ("commitment no longer found", &self.commitment_lost, "was "),
                ("commitment now", &self.commitment_found, ""),
            ]
            .into_iter()
            .filter_map(|(what, quote, was)| {
                let quote = quote.as_ref()?;
                Some((what, format!("“{}” ({was}{})", quote.text, quote.place)))
            }),
        )
        .collect()
    }
}

impl ItemChangeKind {
    /// The lowercase name reports use (`strengthened`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemChangeKind::Gained => "gained",
            ItemChangeKind::Lost => "lost",
            ItemChangeKind::Strengthened => "strengthened",
            ItemChangeKind::Weakened => "weakened",
        }
    }
}

impl SectionChange {
    fn describe(&self) -> String {
        match self {
            SectionChange::Added { heading, place, .. } => {
                format!("section added: {heading} ({place})")
            }
            SectionChange::Removed { heading, place, .. } => {
                format!("section removed: {heading} (was {place})")
            }
            SectionChange::Renamed {
                old,
                new,
                places: [from, to],
                ..
            } => format!("section renamed: {old} ({from}) → {new} ({to})"),
        }
    }
}

/// Two headings with at least this share of words in common (Jaccard: shared words over all
/// distinct words) name the same section.
pub const RENAME_SIMILARITY: f64 = 0.5;

/// The headings of two versions of a plan, paired in steps. First, equal headings (compared as
/// [`words`]) under equal parent headings pair up, so each priority's "Actions" pairs with its
/// own. Then headings that no equal heading is left for may pair as renames, by [`similarity`]
/// at or above [`RENAME_SIMILARITY`], the most similar pair first (ties go to the earlier old
/// heading, then the earlier new one), so a renamed priority is found before its "Actions".
/// Then equal headings whose parents paired, then equal headings left, in document order; then
/// renames again among what is left. Old headings left over were removed; new ones were added.
struct Pairing {
    /// The headed sections of each plan, in document order.
    old_ids: Vec<usize>,
    new_ids: Vec<usize>,
    /// For each of `old_ids`, the index into `new_ids` of the section it pairs with.
    old_pair: Vec<Option<usize>>,
    /// Whether that pair is a rename.
    renamed: Vec<bool>,
}

/// What two headings must share to pair as equal: their words, and maybe more.
#[derive(Clone, Copy)]
enum Equal {
    /// The words of every heading above them too.
    Parents,
    /// The section each sits under, already paired.
    PairedParent,
    /// Nothing more.
    Words,
}

/// The pairing as it is built, step by step.
struct Pairs<'d> {
    old: &'d Document,
    new: &'d Document,
    old_ids: Vec<usize>,
    new_ids: Vec<usize>,
    old_words: Vec<BTreeSet<String>>,
    new_words: Vec<BTreeSet<String>>,
    old_pair: Vec<Option<usize>>,
    new_taken: Vec<bool>,
    renamed: Vec<bool>,
}

impl<'d> Pairs<'d> {
    fn new(old: &'d Document, new: &'d Document) -> Self {
        let old_ids: Vec<usize> = headed(old).collect();
        let new_ids: Vec<usize> = headed(new).collect();
        Self {
            old_words: old_ids.iter().map(|&s| words(old.heading(s))).collect(),
            new_words: new_ids.iter().map(|&s| words(new.heading(s))).collect(),
            old_pair: vec![None; old_ids.len()],
            new_taken: vec![false; new_ids.len()],
            renamed: vec![false; old_ids.len()],
            old,
            new,
            old_ids,
            new_ids,
        }
    }

    /// The index in `ids` of the headed section `s` sits under, if any.
    fn parent(doc: &Document, ids: &[usize], s: usize) -> Option<usize> {
        let parent = doc.sections[s].parent()?;
        ids.binary_search(&parent).ok()
    }

    /// Pairs equal headings left, each old heading taking the first new one of its key, in
    /// document order (a scan of every new heading for each old one made two versions of a
    /// 32,000-heading plan take minutes).
    fn equal(&mut self, by: Equal) {
        // Owned, so the pairs can be written while the keys stand; the paired parent's index
        // among the new headings stands for both parents.
        type Key = (
            BTreeSet<String>,
            Option<Result<usize, Vec<BTreeSet<String>>>>,
        );
        let key =
            |words: &BTreeSet<String>, doc: &Document, s, pair: Option<usize>| -> Option<Key> {
                let parent = match by {
                    Equal::Parents => Some(Err(parents(doc, s))),
                    Equal::PairedParent => Some(Ok(pair?)),
                    Equal::Words => None,
                };
                Some((words.clone(), parent))
            };
        let mut left: HashMap<Key, VecDeque<usize>> = HashMap::default();
        for n in 0..self.new_ids.len() {
            if self.new_taken[n] {
                continue;
            }
            let s = self.new_ids[n];
            let pair = Self::parent(self.new, &self.new_ids, s);
            if let Some(key) = key(&self.new_words[n], self.new, s, pair) {
                left.entry(key).or_default().push_back(n);
            }
        }
        for o in 0..self.old_ids.len() {
            if self.old_pair[o].is_some() {
                continue;
            }
            let s = self.old_ids[o];
            let pair = Self::parent(self.old, &self.old_ids, s).and_then(|p| self.old_pair[p]);
            let queue = key(&self.old_words[o], self.old, s, pair).and_then(|k| left.get_mut(&k));
            if let Some(n) = queue.and_then(VecDeque::pop_front) {
                self.new_taken[n] = true;
                self.old_pair[o] = Some(n);
            }
        }
    }

    /// Pairs the most similar headings left as renames, again and again; with `distinct`, only
    /// headings that no equal heading is left for on the other side.
    fn renames(&mut self, distinct: bool) {
        let left_new: Vec<usize> = (0..self.new_ids.len())
            .filter(|&n| !self.new_taken[n])
            .collect();
        let left_old: Vec<usize> = (0..self.old_ids.len())
            .filter(|&o| self.old_pair[o].is_none())
            .collect();
        let (mut old_left, mut new_left): (HashSet<&BTreeSet<String>>, HashSet<&BTreeSet<String>>) =
            Default::default();
        if distinct {
            old_left = left_old.iter().map(|&o| &self.old_words[o]).collect();
            new_left = left_new.iter().map(|&n| &self.new_words[n]).collect();
        }
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        // Only headings sharing a word can reach RENAME_SIMILARITY (those with none score 0):
        // comparing every old heading left with every new one took 50 s for two versions of a
        // 32,000-heading plan.
        let sharing = Postings::new(left_new.iter().flat_map(|&n| {
            let words = self.new_words[n].iter();
            words.map(move |word| (word.as_str(), narrow(n)))
        }));
        for &o in left_old
            .iter()
            .filter(|&&o| !new_left.contains(&self.old_words[o]))
        {
            let words = self.old_words[o].iter().map(String::as_str);
            for n in sharing.sharing(words).into_iter().map(|n| n as usize) {
                if old_left.contains(&self.new_words[n]) {
                    continue;
                }
                let score = similarity(&self.old_words[o], &self.new_words[n]);
                if score >= RENAME_SIMILARITY {
                    candidates.push((score, o, n));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, o, n) in candidates {
            if self.old_pair[o].is_none() && !self.new_taken[n] {
                self.old_pair[o] = Some(n);
                self.renamed[o] = true;
                self.new_taken[n] = true;
            }
        }
    }
}

impl Pairing {
    fn new(old: &Document, new: &Document) -> Self {
        let mut pairs = Pairs::new(old, new);
        pairs.equal(Equal::Parents);
        pairs.renames(true);
        pairs.equal(Equal::PairedParent);
        pairs.equal(Equal::Words);
        pairs.renames(false);
        Pairing {
            old_ids: pairs.old_ids,
            new_ids: pairs.new_ids,
            old_pair: pairs.old_pair,
            renamed: pairs.renamed,
        }
    }

    /// Removed and renamed sections in the old plan's order, then added ones in the new plan's.
    fn changes(&self, old: &Document, new: &Document) -> Vec<SectionChange> {
        let mut changes = Vec::new();
        for (o, &os) in self.old_ids.iter().enumerate() {
            match self.old_pair[o] {
                None => changes.push(SectionChange::Removed {
                    heading: old.heading(os).to_owned(),
                    line: old.section_line(os),
                    place: old.section_place(os),
                    location: location(old, os),
                }),
                Some(n) if self.renamed[o] => changes.push(SectionChange::Renamed {
                    old: old.heading(os).to_owned(),
                    new: new.heading(self.new_ids[n]).to_owned(),
                    old_line: old.section_line(os),
                    new_line: new.section_line(self.new_ids[n]),
                    places: [old.section_place(os), new.section_place(self.new_ids[n])],
                    old_location: location(old, os),
                    new_location: location(new, self.new_ids[n]),
                }),
                Some(_) => {}
            }
        }
        let paired: BTreeSet<usize> = self.old_pair.iter().flatten().copied().collect();
        for (_, &ns) in (self.new_ids.iter().enumerate()).filter(|(n, _)| !paired.contains(n)) {
            changes.push(SectionChange::Added {
                heading: new.heading(ns).to_owned(),
                line: new.section_line(ns),
                place: new.section_place(ns),
                location: location(new, ns),
            });
        }
        changes
    }

    /// The new plan's section paired with old section `section`: the text before the first
    /// heading pairs with the other plan's.
    fn new_of(&self, section: usize) -> Option<usize> {
        match self.old_ids.binary_search(&section) {
            Ok(o) => self.old_pair[o].map(|n| self.new_ids[n]),
            Err(_) if section == 0 => Some(0).filter(|_| self.new_ids.first() != Some(&0)),
            Err(_) => None,
        }
    }

    /// Of an item's sections in each plan (`old`, `new`, each in document order: those that
    /// address it, or those that mention it), those of the old plan whose pair is neither
    /// among the new ones nor among `more` (sections that now say more of it), and those of
    /// the new plan no old one pairs with.
    fn moved(&self, old: &[usize], new: &[usize], more: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let now: BTreeSet<usize> = new.iter().copied().collect();
        let kept: BTreeSet<usize> = (old.iter())
            .filter_map(|&s| self.new_of(s))
            .filter(|n| now.contains(n))
            .collect();
        let no_longer = (old.iter().copied())
            .filter(|&s| {
                self.new_of(s)
                    .is_none_or(|n| !now.contains(&n) && !more.contains(&n))
            })
            .collect();
        let now = new.iter().copied().filter(|n| !kept.contains(n)).collect();
        (no_longer, now)
    }
}

/// The [`words`] of the headings above section `s`, nearest first.
fn parents(doc: &Document, s: usize) -> Vec<BTreeSet<String>> {
    std::iter::successors(doc.sections[s].parent(), |&p| doc.sections[p].parent())
        .map(|p| words(doc.heading(p)))
        .collect()
}

/// Sections with a heading (the preamble has none to compare).
fn headed(doc: &Document) -> impl Iterator<Item = usize> + '_ {
    (0..doc.sections.len()).filter(|&s| doc.section_heading(s).is_some())
}

/// A heading's words: lower-cased runs of letters, so numbering ("2.", "Priority 3:") and
/// punctuation do not stop two headings matching.
fn words(heading: &str) -> BTreeSet<String> {
    heading
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Jaccard similarity of two word sets; 0 when both are empty.
fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    match union {
        0 => 0.0,
        n => a.intersection(b).count() as f64 / n as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> BTreeSet<String> {
        words(text)
    }

    #[test]
    fn numbering_and_case_do_not_count() {
        assert_eq!(set("2. Supporting Carers"), set("supporting carers"));
    }

    #[test]
    fn similarity_is_shared_over_all_words() {
        let s = similarity(
            &set("support for unpaid carers"),
            &set("support for carers"),
        );
        assert!((s - 0.75).abs() < 1e-9, "{s}");
        assert_eq!(similarity(&set(""), &set("")), 0.0);
    }

    fn doc(text: &str) -> Document {
        Document::from_bytes("p.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    /// "committed → covered" read as a drop out of coverage; the reports say what was lost.
    #[test]
    fn a_lost_commitment_reads_as_one() {
        let diff = Diff {
            old: "old_plan.md".into(),
            new: "new_plan.md".into(),
            items: vec![ItemChange {
                item: "P0".into(),
                title: "Wellbeing | main purpose".into(),
                change: ItemChangeKind::Weakened,
                old: Level::Committed,
                new: Level::Covered,
                no_longer_addressed_in: Vec::new(),
                now_addressed_in: Vec::new(),
                no_longer_mentioned_in: Vec::new(),
                now_mentioned_in: Vec::new(),
                commitment_lost: None,
                commitment_found: None,
                commitment_asked: true,
            }],
            sections: Vec::new(),
            regressed: true,
        };
        let human = diff.human();
        assert!(
            human.contains("P0 Wellbeing | main purpose: committed → covered, no commitment\n"),
            "{human}"
        );
        let markdown = diff.markdown();
        assert!(
            markdown.starts_with("## old\\_plan.md → new\\_plan.md\n"),
            "{markdown}"
        );
        assert!(
            markdown.contains(
                "| weakened | P0 Wellbeing \\| main purpose | committed | covered, no commitment |  |"
            ),
            "{markdown}"
        );
    }

    #[test]
    fn headings_pair_by_equality_then_similarity() {
        let old = doc("# Plan\n\n## Support for unpaid carers\n\n## Housing\n\n## Digital\n");
        let new = doc("# Plan\n\n## Support for carers\n\n## Housing\n\n## Workforce\n");
        let changes = Pairing::new(&old, &new).changes(&old, &new);
        assert_eq!(
            changes,
            vec![
                SectionChange::Renamed {
                    old: "Support for unpaid carers".into(),
                    new: "Support for carers".into(),
                    old_line: 3,
                    new_line: 3,
                    places: ["line 3".into(), "line 3".into()],
                    old_location: None,
                    new_location: None,
                },
                SectionChange::Removed {
                    heading: "Digital".into(),
                    line: 7,
                    place: "line 7".into(),
                    location: None,
                },
                SectionChange::Added {
                    heading: "Workforce".into(),
                    line: 7,
                    place: "line 7".into(),
                    location: None,
                },
            ]
        );
    }

    /// Each priority's "Actions" pairs with its own: the one removed is the one under the
    /// priority that lost it, not the first of that name, even where its own priority was
    /// renamed.
    #[test]
    fn a_repeated_heading_follows_its_renamed_parent() {
        let old = doc(
            "# Plan\n\n## Priority B: housing\n\n### Actions\n\n## Priority A: unpaid carers\n\n### Actions\n",
        );
        let new = doc("# Plan\n\n## Priority A: supporting unpaid carers\n\n### Actions\n");
        let changes = Pairing::new(&old, &new).changes(&old, &new);
        let removed = |heading: &str, line| SectionChange::Removed {
            heading: heading.into(),
            line,
            place: format!("line {line}"),
            location: None,
        };
        assert_eq!(
            changes,
            vec![
                removed("Priority B: housing", 3),
                removed("Actions", 5),
                SectionChange::Renamed {
                    old: "Priority A: unpaid carers".into(),
                    new: "Priority A: supporting unpaid carers".into(),
                    old_line: 7,
                    new_line: 3,
                    places: ["line 7".into(), "line 3".into()],
                    old_location: None,
                    new_location: None,
                },
            ]
        );
    }

    /// A rename is looked for only among headings sharing a telling word: two long plans
    /// whose headings were all renamed compare in linear time, and still pair what they can.
    #[test]
    fn renames_are_sought_among_headings_sharing_a_telling_word() {
        let count = crate::postings::MAX_CANDIDATES + 10;
        let plan = |name: &str| -> String {
            let mut text = String::from("# Plan\n\n## Unpaid carers support\n\n");
            for i in 0..count {
                text.push_str(&format!("## {name} {i}\n\n"));
            }
            text
        };
        let old = doc(&plan("Part"));
        let new =
            doc(&plan("Chapter").replace("Unpaid carers support", "Support for unpaid carers"));
        let changes = Pairing::new(&old, &new).changes(&old, &new);
        let renamed: Vec<_> = changes
            .iter()
            .filter(|c| matches!(c, SectionChange::Renamed { .. }))
            .collect();
        assert_eq!(renamed.len(), 1, "{renamed:?}");
        assert_eq!(changes.len(), 1 + 2 * count);
    }

    #[test]
    fn repeated_headings_pair_under_their_own_parents() {
        let old = doc("# Plan\n\n## Carers\n\n### Actions\n\n## Workforce\n\n### Actions\n");
        let new = doc("# Plan\n\n## Carers\n\n## Workforce\n\n### Actions\n");
        assert_eq!(
            Pairing::new(&old, &new).changes(&old, &new),
            vec![SectionChange::Removed {
                heading: "Actions".into(),
                line: 5,
                place: "line 5".into(),
                location: None,
            }]
        );
        // Moved to another parent, a heading still pairs by its words, in document order.
        let moved = doc("# Plan\n\n## Carers\n\n## Workforce\n\n## Actions\n");
        let changes = Pairing::new(&old, &moved).changes(&old, &moved);
        assert!(
            matches!(&changes[..], [SectionChange::Removed { line: 9, .. }]),
            "{changes:?}"
        );
    }
}
