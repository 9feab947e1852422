//! How a statement is said: named rules that weigh a hit by the sentence and block it sits in.
//!
//! A reviewer reads "we will widen short breaks for carers" as the plan taking an item on, and
//! "demand for short breaks rose by 12%" as background. Each rule is an [`Adjustment`] with a
//! fixed factor on the hit's weight. A hit takes the first rule that applies, in the order of
//! [`Adjustment`]'s variants, or none; `explain` shows which.

mod enclosing;
mod figures;
mod inline_lists;
mod lists;
mod names;

use foldhash::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::wording::{Wording, forms};
use crate::document::{Block, BlockKind, Document};
pub(super) use enclosing::TITLE_LEVEL;
use enclosing::{SectionReading, TableReading};
use figures::{Figures, figures, is_comparison, is_statistic};
use inline_lists::{inline_lists, semicolon_lists};
use lists::{ListReading, is_contents_list, lead_in_promises, list_items};
use names::{cited_documents, in_proper_name};

/// What a signal's words are, for the rules about names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// Plain words ("carer support"): a name when inside a longer one or a list.
    Words,
    /// Written with capitals in the rule file ("Care Opinion"): a name of its own, so not
    /// discounted as part of a longer one or as an item of a list.
    Name,
    /// A reference to the item ("outcome 6", "Market Position Statement"): what the plan
    /// says it addresses, whatever surrounds it.
    Reference,
}

/// A named rule that changes what a hit is worth, by where and how it is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Adjustment {
    /// The block restates a framework (its statutory wording or numbered references): a quote,
    /// not coverage.
    Quoted,
    /// Headings say what a section is about, so they count double; alone they decide nothing.
    Heading,
    /// Inside a longer run of Capitalised Words, the name of an organisation or programme
    /// ("Improvement" in "Healthcare Improvement Scotland"): a name, not a statement about the
    /// item.
    ProperName,
    /// Within 12 words (`PURPOSE_REACH`) after words of purpose or commitment ("we will", "our aim
    /// is", "we are committed to", "focus on", "ensure that", "a target of"), or after a second
    /// purpose joined to the first by "and to": what the plan sets out to do.
    Purpose,
    /// A sentence of figures (a percentage, a sum of money, or two or more numbers other than
    /// years): background, not a statement of what the plan does.
    Statistic,
    /// Any sentence of a section of figures throughout, with no purpose (a needs profile), or
    /// what no sentence rule decides under a heading over a profile ("At a glance",
    /// "Demographics"): background, as its sentences of figures are.
    Profile,
    /// A measure's name ("the percentage of adults supported at home who…"), or a cell under a
    /// column headed "Indicator" or "Measure": what a report counts, not what the plan does.
    Measure,
    /// A sentence about pressures, challenges or demand: the case for acting, not the action.
    Pressure,
    /// A service's name in a sentence that sets out no purpose for it ("care at home staff met
    /// the board"): the rule file lists it under `services`.
    Service,
    /// A service's name where [`Adjustment::Purpose`] would double it: what the plan sets out to
    /// do with a service (tender for it, train its staff, fund it) is often not the item's
    /// aim, so the name counts once, neither halved nor doubled. Decided on the blind fixture
    /// plans, where services under a purpose linked commissioning and finance pages to O2.
    ServicePurpose,
    /// A report of what people told the partnership ("carers told us they are exhausted",
    /// "carers described…", "in our survey"), or anything said under a heading over engagement
    /// findings with no answer in its section: what was heard, not what the plan does about it.
    Reported,
    /// What no sentence rule decides under a heading that looks back at the last plan
    /// ("Looking back", "What we achieved", "Progress so far"), with no purpose in its
    /// section: the record of what was done, not what this plan does.
    Past,
    /// Anything said in a foreword or welcome ("Foreword", "A message from the Chair") with no
    /// purpose in it: the chair's words about the plan and the people behind it, not what the
    /// plan does.
    Foreword,
    /// What the law requires ("the Act requires the plan to…", "the IJB must take into account
    /// the principles…"): the duty, not what the plan does about it.
    Law,
    /// A sentence about what the plan leaves out ("is not part of this plan", "outside the
    /// scope of this strategy", "are not delegated to the IJB"): naming a thing to exclude it is
    /// not addressing it, whatever words of purpose the sentence has.
    OutOfScope,
    /// A notice about the document itself ("available in other languages and formats on
    /// request", "this plan can be downloaded"), or anything under a heading that announces one
    /// ("Other formats") or the plan's contents: how to get the plan or what is in it, not what
    /// it does.
    Notice,
    /// A short list item or table cell with no statement in it, one of the short items of a
    /// list inside a sentence ("staff, volunteers and carers"), or a paragraph's bold lead-in
    /// ("**Living well at home.** …"), a document or law in a list of them ("the Carers
    /// (Scotland) Act 2016, the Equality Act 2010"), or a cell of a risk register: a list of
    /// services, names, priorities, documents or risks.
    NameList,
}

impl Adjustment {
    /// What a hit under this rule is worth, as a multiple of its signal's weight.
    pub fn factor(self) -> f32 {
        match self {
            Adjustment::Quoted => 0.0,
            Adjustment::Heading => 2.0,
            Adjustment::ProperName => 0.25,
            Adjustment::Purpose => 2.0,
            Adjustment::ServicePurpose => 1.0,
            Adjustment::Statistic
            | Adjustment::Profile
            | Adjustment::Measure
            | Adjustment::Pressure
            | Adjustment::Service
            | Adjustment::Reported
            | Adjustment::Past
            | Adjustment::Foreword
            | Adjustment::Law
            | Adjustment::OutOfScope
            | Adjustment::Notice
            | Adjustment::NameList => 0.5,
        }
    }

    /// Background: what a section lists, counts, names, reports hearing or says about itself,
    /// not what it says it does. Evidence that is all background never addresses an item,
    /// however much of it there is. A pressure is not background ("the plan responds to market
    /// fragility" answers the pressure it names), nor a service's name, nor a foreword (which
    /// may say what the plan is for: "it sets out how the Board will direct the Council…").
    pub fn is_background(self) -> bool {
        matches!(
            self,
            Adjustment::ProperName
                | Adjustment::Statistic
                | Adjustment::Profile
                | Adjustment::Measure
                | Adjustment::Reported
                | Adjustment::Past
                | Adjustment::Law
                | Adjustment::OutOfScope
                | Adjustment::Notice
                | Adjustment::NameList
        )
    }

    /// The lowercase name `explain` and the JSON report use (`proper-name`).
    pub fn as_str(self) -> &'static str {
        match self {
            Adjustment::Quoted => "quoted",
            Adjustment::Heading => "heading",
            Adjustment::ProperName => "proper-name",
            Adjustment::Purpose => "purpose",
            Adjustment::Statistic => "statistic",
            Adjustment::Profile => "profile",
            Adjustment::Measure => "measure",
            Adjustment::Pressure => "pressure",
            Adjustment::Service => "service",
            Adjustment::ServicePurpose => "service-purpose",
            Adjustment::Reported => "reported",
            Adjustment::Past => "past",
            Adjustment::Foreword => "foreword",
            Adjustment::Law => "law",
            Adjustment::OutOfScope => "out-of-scope",
            Adjustment::Notice => "notice",
            Adjustment::NameList => "name-list",
        }
    }
}

/// See [`forms::purpose`].
pub(super) static PURPOSE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::purpose()));

/// See [`forms::promise_lead_in`].
pub(super) static PROMISE_LEAD_IN: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::promise_lead_in()));

/// See [`forms::measure`].
pub(super) static MEASURE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::measure()));

/// See [`forms::notice`].
pub(super) static NOTICE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::notice()));

/// Whether a sentence is a [`NOTICE`]. Every notice holds one of these word ends ("request",
/// "available", "download", in any case), so a plan with none never builds the pattern.
fn is_notice(sentence: &str) -> bool {
    ["equest", "vailable", "ownload"]
        .iter()
        .any(|end| sentence.contains(end))
        && NOTICE.is_match(sentence)
}

/// See [`forms::reported`].
pub(super) static REPORTED: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::reported()));

/// See [`forms::law`].
pub(super) static LAW: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::law()));

/// See [`forms::out_of_scope`].
pub(super) static OUT_OF_SCOPE: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::out_of_scope()));

/// Whether a sentence says what the plan leaves out ([`OUT_OF_SCOPE`]). Every such sentence
/// holds one of these words, so most sentences never run the pattern (one more automaton per
/// sentence showed as 1–3% of a 1 MB plan's run).
fn is_out_of_scope(sentence: &str) -> bool {
    ["scope", "remit", "not ", "Not ", "separate"]
        .iter()
        .any(|word| sentence.contains(word))
        && OUT_OF_SCOPE.is_match(sentence)
}

/// See [`forms::pressure`].
pub(super) static PRESSURE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::pressure()));

/// See [`forms::clinical_pressure`].
static CLINICAL_PRESSURE: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::clinical_pressure()));

/// Whether a sentence is about pressures, challenges or demand ([`PRESSURE`]), read without its
/// clinical terms ("blood pressure checks", "pressure ulcers"): offering blood pressure checks is
/// a service, not a pressure on one.
fn is_pressure(sentence: &str) -> bool {
    PRESSURE.is_match(sentence)
        && (!CLINICAL_PRESSURE.is_match(sentence)
            || PRESSURE.is_match(&CLINICAL_PRESSURE.without(sentence)))
}

/// See [`forms::budget_gap`].
static BUDGET_GAP: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::budget_gap()));

/// Word beginnings that say something is done about a budget's gap, in whatever voice: "is being
/// addressed by reducing…", "has led the IJB to commission a review", "will release resources".
const REMEDIES: &[&str] = &[
    "address",
    "balanc",
    "bridg",
    "clos",
    "commission",
    "invest",
    "protect",
    "recover",
    "reduc",
    "redesign",
    "releas",
    "review",
    "sav",
    "tackl",
    "transform",
    "will",
];

/// Whether a sentence states a budget's gap as a fact, with nothing said of what is done about it.
fn is_budget_pressure(text: &str) -> bool {
    BUDGET_GAP.is_match(text)
        && !text.split(|c: char| !c.is_alphanumeric()).any(|word| {
            REMEDIES.iter().any(|remedy| {
                word.get(..remedy.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(remedy))
            })
        })
}

/// See [`forms::commitment`].
pub(super) static COMMITMENT: LazyLock<Wording> =
    LazyLock::new(|| Wording::new(forms::commitment()));

/// See [`forms::start_date`].
static START_DATE: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::start_date()));

/// See [`forms::projection`].
static PROJECTION: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::projection()));

/// See [`forms::inability`].
static INABILITY: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::inability()));

/// Whether a sentence is a future action or a target. A forecast's date ("is expected to grow
/// by 30% by 2035") is no deadline unless words of purpose come with it, and what the
/// partnership cannot do ([`unable`]) is no promise.
pub fn is_commitment(sentence: &str) -> bool {
    commits(sentence, &unable(sentence))
}

/// [`is_commitment`] for a sentence whose [`unable`] clauses are known: read without them. Most
/// sentences have none, and are read as they stand.
fn commits(sentence: &str, unable: &[Range<usize>]) -> bool {
    let able: std::borrow::Cow<'_, str> = match unable {
        [] => sentence.into(),
        _ => {
            let mut able = String::with_capacity(sentence.len());
            let mut from = 0;
            for range in unable {
                able.push_str(&sentence[from..range.start]);
                from = range.end;
            }
            able.push_str(&sentence[from..]);
            able.into()
        }
    };
    // The start-date form needs a year "20dd": most sentences have no "20" to scan for.
    (COMMITMENT.is_match(&able) || (able.contains("20") && START_DATE.is_match(&able)))
        && (!PROJECTION.is_match(&able) || PURPOSE.is_match(&able) || names_a_target(&able))
}

/// Whether a sentence forecasts ([`forms::projection`]): its numbers and dates are the
/// forecast's, neither a commitment's deadline nor a measure the plan will report on.
pub(super) fn is_projection(sentence: &str) -> bool {
    PROJECTION.is_match(sentence)
}

/// Whether a sentence says "target" or "targets" as a word ("targeted" is not one).
fn names_a_target(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("target") || word.eq_ignore_ascii_case("targets"))
}

/// Where a sentence says what the partnership cannot do ([`INABILITY`]), each clause ending
/// before the next "we", which starts another ("we will not be able to do this alone and we
/// will work with …"): their "we will" promises nothing.
fn unable(sentence: &str) -> Vec<Range<usize>> {
    if !(sentence.contains("able") || sentence.contains("annot")) {
        return Vec::new();
    }
    let mut found = INABILITY.matches(sentence);
    for range in &mut found {
        let clause = sentence[range.clone()].to_ascii_lowercase();
        if let Some(at) = clause.get(1..).and_then(|rest| rest.find(" we ")) {
            range.end = range.start + 1 + at;
        }
    }
    found
}

/// How many words after words of purpose they still govern: "we will [widen short breaks for
/// carers]", but not a carer named at the end of a long sentence about something else.
const PURPOSE_REACH: usize = 12;

/// Longest list item or table cell, in words, that can be a bare name.
const NAME_LIST_WORDS: usize = 8;

/// Whether `word` is one of `words`, in any ASCII case.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// One sentence of a block, read once.
#[derive(Debug, Clone)]
pub(super) struct Sentence {
    /// Where it sits in the plan text.
    pub range: Range<usize>,
    /// States a purpose or commitment.
    pub purpose: bool,
    /// A future action or target (see [`is_commitment`]).
    pub commitment: bool,
    /// Plan-text ranges that words of purpose govern.
    reach: Vec<Range<usize>>,
    /// The rule for hits outside `reach`: background, if the sentence is that.
    context: Option<Adjustment>,
    /// Plan-text ranges of the lists of short items inside it (see [`inline_lists()`]).
    lists: Vec<Range<usize>>,
    /// Whether it has a figure that counts something other than money ([`Figures`]);
    /// false in a sentence of purpose, which the figures do not decide.
    counts: bool,
    /// Plan-text ranges of the lists of documents and laws it names (see [`cited_documents`]).
    cites: Vec<Range<usize>>,
}

impl Sentence {
    /// Whether words of purpose govern a plan-text offset. Reach ranges start and end in
    /// order, so the last one starting at or before the offset is the one to ask.
    fn governs(&self, offset: usize) -> bool {
        let after = self.reach.partition_point(|r| r.start <= offset);
        after
            .checked_sub(1)
            .is_some_and(|i| self.reach[i].contains(&offset))
    }

    /// Whether a hit lies wholly within one of the sentence's inline lists.
    fn lists(&self, range: &Range<usize>) -> bool {
        within(&self.lists, range)
    }

    /// Whether a hit lies wholly within a list of documents or laws the sentence names (a
    /// group's words may come from two names in a row).
    fn cites(&self, range: &Range<usize>) -> bool {
        within(&self.cites, range)
    }
}

/// A block's sentences and what the block as a whole is.
#[derive(Debug, Clone)]
struct BlockReading {
    sentences: Vec<Sentence>,
    /// A short list item or table cell with no statement in it.
    bare: bool,
    /// A list item under a lead-in that promises ("We will:"), or a cell of a table's column
    /// of actions.
    promised: bool,
}

/// Blocks whose readings a section keeps before it starts again: a section is weighed item by
/// item, so its blocks are asked for again, but a plan that is one section of 800,000 short
/// paragraphs held every sentence of them, a quarter of its peak memory. Reading a block again
/// gives the same answer.
const CACHED_BLOCKS: usize = 4096;

/// Reads blocks into sentences on demand, each once while it is cached ([`CACHED_BLOCKS`]).
/// The maps are only looked up, never iterated, so a fast hash cannot change any output;
/// SipHash was 10 M of a 1 MB plan's run.
pub(super) struct Statements<'d> {
    document: &'d Document,
    blocks: HashMap<usize, BlockReading>,
    /// Per list number: what the list as a whole is.
    lists: HashMap<usize, ListReading>,
    /// Per section: what its heading and text as a whole make of its hits (see
    /// [`Statements::section`]).
    sections: HashMap<usize, SectionReading>,
    /// Per table: what its header row says of its cells (see [`Statements::table_rule`]).
    tables: HashMap<usize, TableReading>,
}

impl<'d> Statements<'d> {
    pub fn new(document: &'d Document) -> Self {
        Self {
            document,
            blocks: HashMap::default(),
            lists: HashMap::default(),
            sections: HashMap::default(),
            tables: HashMap::default(),
        }
    }

    /// The sentences of a block, in order.
    pub fn sentences(&mut self, block: usize) -> &[Sentence] {
        &self.reading(block).sentences
    }

    /// Whether any sentence of a block states a purpose or commitment, or its list's lead-in does.
    pub fn has_purpose(&mut self, block: usize) -> bool {
        let reading = self.reading(block);
        reading.promised || reading.sentences.iter().any(|s| s.purpose)
    }

    /// The sentences of a block that commit, with their places: each sentence of commitment,
    /// and the first of a list item under a lead-in that promises (the item is the promise).
    pub fn commitments(&mut self, block: usize) -> impl Iterator<Item = (usize, &Sentence)> {
        let reading = self.reading(block);
        let promised = reading.promised;
        (reading.sentences.iter().enumerate())
            .filter(move |(i, s)| s.commitment || (promised && *i == 0))
    }

    /// The rule for a hit at `range` (plan text) in `block`, quotes aside. A signal that is
    /// itself a name ([`Naming::Name`] or [`Naming::Reference`]) is not discounted as one, nor
    /// as an item of a list inside a sentence: "the Housing Strategy and our market
    /// facilitation plan" names the plan.
    pub fn adjustment(
        &mut self,
        block: usize,
        range: &Range<usize>,
        naming: Naming,
    ) -> Option<Adjustment> {
        let named = naming != Naming::Words;
        let document = self.document;
        let kind = document.blocks[block].kind;
        if kind == BlockKind::Heading {
            return Some(Adjustment::Heading);
        }
        if !named && in_proper_name(document.text.as_str(), range) {
            return Some(Adjustment::ProperName);
        }
        let section = document.blocks[block].section();
        let whole_section = self.section(section);
        if let Some(whole) = whole_section.whole {
            return Some(whole);
        }
        if self.list(block).is_some_and(|list| list.contents) {
            return Some(Adjustment::Notice);
        }
        let tabled = self.table_rule(block);
        let reading = self.reading(block);
        let at = reading
            .sentences
            .partition_point(|s| s.range.end < range.end)
            .min(reading.sentences.len().saturating_sub(1));
        let sentence = reading.sentences.get(at);
        // Under "We will report:", an item that names a measure or gives figures is what will
        // be counted, not a promise about its subject.
        let background = sentence
            .and_then(|s| s.context)
            .is_some_and(Adjustment::is_background);
        if ((reading.promised || whole_section.vision) && !background)
            || sentence.is_some_and(|s| s.governs(range.start))
        {
            // A purpose over a list of short items is about the list as a whole: "we will ask
            // people using care at home, reablement and intermediate care…" doubles none of them.
            let listed = !named && sentence.is_some_and(|s| s.lists(range));
            return (!listed).then_some(Adjustment::Purpose);
        }
        // A document or law in a list of them is a name, even one the rule file writes
        // with capitals; a reference to the item itself ("our Market Position Statement"
        // for the statutory item that asks for one) stays what it is.
        if naming != Naming::Reference && sentence.is_some_and(|s| s.cites(range)) {
            return Some(Adjustment::NameList);
        }
        match sentence.and_then(|s| s.context).or(whole_section.context) {
            Some(context) => Some(context),
            None if tabled.is_some() => tabled,
            None if reading.bare || (!named && sentence.is_some_and(|s| s.lists(range))) => {
                Some(Adjustment::NameList)
            }
            None => None,
        }
    }

    /// What the list holding a list item is, read once per list; `None` for other blocks.
    fn list(&mut self, block: usize) -> Option<ListReading> {
        let document = self.document;
        let list = document.blocks[block].list()?;
        let reading = self.lists.entry(list).or_insert_with(|| {
            let items = list_items(document, block);
            ListReading {
                promised: lead_in_promises(document, items.start),
                contents: is_contents_list(document, items),
            }
        });
        Some(*reading)
    }

    fn reading(&mut self, block: usize) -> &BlockReading {
        let document = self.document;
        let promised =
            self.list(block).is_some_and(|list| list.promised) || self.in_action_column(block);
        if self.blocks.len() >= CACHED_BLOCKS && !self.blocks.contains_key(&block) {
            self.blocks.clear();
        }
        self.blocks
            .entry(block)
            .or_insert_with(|| read_block(document, block, promised))
    }
}

fn read_block(document: &Document, block: usize, promised: bool) -> BlockReading {
    let b = &document.blocks[block];
    let text = document.block_text(b);
    let mut sentences: Vec<Sentence> = split_sentences(text)
        .into_iter()
        .map(|r| {
            read_sentence(
                &text[r.clone()],
                b.text().start + r.start..b.text().start + r.end,
            )
        })
        .collect();
    for list in semicolon_lists(text) {
        let list = b.text().start + list.start..b.text().start + list.end;
        for sentence in sentences
            .iter_mut()
            .filter(|s| s.range.start < list.end && list.start < s.range.end)
        {
            sentence.lists.push(list.clone());
        }
    }
    if let [lead, _, ..] = sentences.as_mut_slice()
        && !lead.purpose
        && lead.context.is_none()
        && is_bold_label(document, &lead.range)
    {
        lead.context = Some(Adjustment::NameList);
    }
    if is_definition(document, b) {
        for sentence in sentences
            .iter_mut()
            .filter(|s| !s.purpose && s.context.is_none())
        {
            sentence.context = Some(Adjustment::NameList);
        }
    }
    let short = matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell)
        && text.split_whitespace().count() <= NAME_LIST_WORDS;
    let bare =
        short && sentences.len() <= 1 && !sentences.iter().any(|s| s.purpose) && !has_subject(text);
    BlockReading {
        sentences,
        bare,
        promised,
    }
}

/// Whether a short item opens with a personal pronoun, as a clause does ("I am treated with
/// dignity", "You get one named worker"): a statement, however short, not a name.
fn has_subject(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let first = first.split(['\'', '’']).next().unwrap_or("");
    SUBJECTS.contains(&first)
}

/// Pronouns that open a clause, as written at the start of an item.
const SUBJECTS: &[&str] = &["I", "We", "You", "They", "He", "She"];

fn read_sentence(text: &str, range: Range<usize>) -> Sentence {
    // What the plan leaves out is neither a purpose nor a commitment, however it is worded
    // ("we will not cover acute services in this plan").
    let excluded = is_out_of_scope(text);
    // Nor is what the partnership says it cannot do ("we will not be able to…").
    let unable = unable(text);
    let commitment = !excluded && commits(text, &unable);
    let cues: Vec<usize> = match excluded {
        true => Vec::new(),
        false => PURPOSE
            .ends(text)
            .into_iter()
            .filter(|&end| !unable.iter().any(|r| r.start < end && end <= r.end))
            .collect(),
    };
    let purpose = commitment || !cues.is_empty();
    let reach: Vec<Range<usize>> = cues
        .iter()
        .map(|&end| range.start + end..range.start + reach_end(text, end))
        .collect();
    // Counted only where a purpose does not already decide the sentence.
    let figures = if purpose {
        Figures::default()
    } else {
        figures(text)
    };
    let context = if excluded {
        Some(Adjustment::OutOfScope)
    } else if purpose {
        None
    } else if is_statistic(text, figures) || is_comparison(text, figures.words) {
        Some(Adjustment::Statistic)
    } else if is_pressure(text) || is_budget_pressure(text) {
        Some(Adjustment::Pressure)
    } else if MEASURE.is_match(text) {
        Some(Adjustment::Measure)
    } else if is_notice(text) {
        Some(Adjustment::Notice)
    } else if REPORTED.is_match(text) {
        Some(Adjustment::Reported)
    } else if LAW.is_match(text) {
        Some(Adjustment::Law)
    } else {
        None
    };
    let lists = inline_lists(text)
        .into_iter()
        .map(|list| range.start + list.start..range.start + list.end)
        .collect();
    let cites = cited_documents(text)
        .into_iter()
        .map(|name| range.start + name.start..range.start + name.end)
        .collect();
    Sentence {
        range,
        purpose,
        commitment,
        reach,
        context,
        counts: figures.count > 0 && figures.counts_things,
        lists,
        cites,
    }
}

/// Whether `range` lies wholly within one of `spans`.
fn within(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    spans
        .iter()
        .any(|span| span.start <= range.start && range.end <= span.end)
}

/// Whether a block defines a term, as a glossary does: it opens with a bold term of at most
/// [`NAME_LIST_WORDS`] words and a dash or colon ("**Reablement** – short-term support to help
/// people regain skills"). A definition says what a word means, not what the plan does, so its
/// sentences are background unless they state a purpose.
fn is_definition(document: &Document, block: &Block) -> bool {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
        return false;
    }
    let source = document.source.as_str();
    // The block's source span starts at its first character of text, inside the emphasis.
    let start = document.text.source_span(block.text()).start;
    let Some(mark) = strong_open(source, start) else {
        return false;
    };
    // The marks are ASCII, so `close` is a character boundary.
    let window = source.len().min(start + 200);
    let Some(close) = (start..window).find(|&at| opens_with(&source.as_bytes()[at..], mark)) else {
        return false;
    };
    let term = &source[start..close];
    let after = source[close + mark.len()..].trim_start();
    !term.trim().is_empty()
        && term.split_whitespace().count() <= NAME_LIST_WORDS
        && ["–", "—", "-", ":"]
            .iter()
            .any(|dash| after.starts_with(dash))
}

/// Marks that open and close strong emphasis: Markdown's, and HTML's in an HTML plan or a
/// Markdown plan's HTML, so a lead-in or a defined term reads the same in either.
const STRONG: [(&str, &str); 4] = [
    ("**", "**"),
    ("__", "__"),
    ("<strong>", "</strong>"),
    ("<b>", "</b>"),
];

/// The mark that closes the strong emphasis opening just before `start` of `source`, if one
/// does.
fn strong_open(source: &str, start: usize) -> Option<&'static str> {
    let before = &source.as_bytes()[..start];
    STRONG
        .iter()
        .find(|(open, _)| {
            before.len() >= open.len()
                && before[before.len() - open.len()..].eq_ignore_ascii_case(open.as_bytes())
        })
        .map(|&(_, close)| close)
}

/// Whether `text` opens with `mark`, in any case.
fn opens_with(text: &[u8], mark: &str) -> bool {
    text.len() >= mark.len() && text[..mark.len()].eq_ignore_ascii_case(mark.as_bytes())
}

/// Whether a block's first sentence (a plan-text range) is a bold lead-in of at most
/// [`NAME_LIST_WORDS`] words: "**Living well at home.** Care at home, reablement …" names a
/// priority, as a heading would, and the sentences after it say what it is.
fn is_bold_label(document: &Document, range: &Range<usize>) -> bool {
    let sentence = &document.text.as_str()[range.clone()];
    let words = sentence.trim_end_matches(['.', ':', '!', '?']);
    if words.is_empty() || words.split_whitespace().count() > NAME_LIST_WORDS {
        return false;
    }
    let source = document.source.as_str();
    let span = document
        .text
        .source_span(range.start..range.start + words.len());
    // The stop may be inside the emphasis or after it: "**Carers.**", "**Carers**.".
    let end = span.end
        + source.as_bytes()[span.end..]
            .iter()
            .take_while(|b| matches!(b, b'.' | b':' | b'!' | b'?'))
            .count();
    strong_open(source, span.start).is_some_and(|mark| opens_with(&source.as_bytes()[end..], mark))
}

/// Where [`PURPOSE_REACH`] words after `from` end, or the sentence does. A second purpose
/// joined to the first ("our purpose is to … and to make the best use of …") starts the
/// count again: "and to" or "or to" repeats the words of purpose it depends on.
fn reach_end(text: &str, from: usize) -> usize {
    let mut words = 0;
    let mut last = "";
    for (at, word) in spaced_words(&text[from..]) {
        if word == "to" && matches!(last, "and" | "or") {
            words = 0;
        }
        if words == PURPOSE_REACH {
            return from + at;
        }
        words += 1;
        last = word;
    }
    text.len()
}

/// The runs of `text` between whitespace, each with its offset.
fn spaced_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let ends = text.char_indices().chain([(text.len(), ' ')]);
    ends.filter_map(move |(i, c)| match (c.is_whitespace(), start) {
        (true, Some(s)) => {
            start = None;
            Some((s, &text[s..i]))
        }
        (false, None) => {
            start = Some(i);
            None
        }
        _ => None,
    })
}

/// A block's sentences: each ends at `.`, `!`, `?` or `;` followed by a space, or at the end.
pub(super) fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split_at(text, b".!?;")
}

/// The parts of `text` that end at one of `stops` (ASCII punctuation) followed by a space, or
/// at the end. Read a byte at a time, the space first: an ASCII byte of UTF-8 is always a whole
/// character, and decoding characters here was a tenth of a large plan's run.
fn split_at(text: &str, stops: &[u8]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, pair) in text.as_bytes().windows(2).enumerate() {
        if pair[1] == b' ' && stops.contains(&pair[0]) {
            sentences.push(start..i + 1);
            start = i + 2;
        }
    }
    let rest = text[start..].trim_end();
    if !rest.is_empty() {
        sentences.push(start..start + rest.len());
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_bytes("p.md".into(), text.as_bytes().to_vec()).unwrap()
    }

    /// The rule for the first occurrence of `phrase` in a plan.
    fn rule(plan: &str, phrase: &str) -> Option<Adjustment> {
        named_rule(plan, phrase, Naming::Words)
    }

    fn named_rule(plan: &str, phrase: &str, naming: Naming) -> Option<Adjustment> {
        let document = doc(plan);
        let lower = document.text.as_str().to_lowercase();
        let start = lower.find(&phrase.to_lowercase()).expect("phrase in plan");
        let block = document.text.as_str()[..start].matches('\n').count();
        let mut statements = Statements::new(&document);
        statements.adjustment(block, &(start..start + phrase.len()), naming)
    }

    /// A bold lead-in and a defined term read alike in Markdown and in HTML's `<strong>`/`<b>`.
    #[test]
    fn bold_lead_ins_and_terms_read_alike_in_markdown_and_html() {
        let lead = "We will review the procedures with partners and publish them.";
        for plan in [
            format!("# Plan\n\n## Safety\n\n**Adult protection.** {lead}\n"),
            format!("<h1>Plan</h1><h2>Safety</h2><p><strong>Adult protection.</strong> {lead}</p>"),
            format!("<h1>Plan</h1><h2>Safety</h2><p><B>Adult protection</B>. {lead}</p>"),
        ] {
            assert_eq!(
                rule(&plan, "adult protection"),
                Some(Adjustment::NameList),
                "{plan}"
            );
        }
        let term = "short-term support that helps people regain skills after a stay in hospital";
        for plan in [
            format!("# Plan\n\n## Words\n\n**Reablement** – {term}.\n"),
            format!("<h1>Plan</h1><h2>Words</h2><p><strong>Reablement</strong> – {term}.</p>"),
        ] {
            assert_eq!(
                rule(&plan, "regain skills"),
                Some(Adjustment::NameList),
                "{plan}"
            );
        }
    }

    #[test]
    fn a_table_of_contents_is_a_notice_and_a_numbered_list_of_outcomes_is_not() {
        let body = "Our teams work with partners across the area, every week of the year.";
        let contents = format!(
            "## Plan\n\nContents\n\n- Foreword 3\n- 1.2 Unpaid carers and short breaks 5\n\
             - 1.3 Our priorities 8\n- Appendices ...... 38\n\n{body}\n"
        );
        assert_eq!(rule(&contents, "short breaks"), Some(Adjustment::Notice));
        // Falling numbers, or too few entries, are not pages.
        let falling = contents.replace("38", "2");
        assert_ne!(rule(&falling, "short breaks"), Some(Adjustment::Notice));
        let outcomes = format!(
            "## Plan\n\n- Outcome 1\n- Outcome 2\n- Carers are supported, outcome 6\n\
             - Outcome 9\n\n{body}\n"
        );
        assert_ne!(rule(&outcomes, "carers"), Some(Adjustment::Notice));
        let targets = format!(
            "## Plan\n\n- Carers assessed: 150\n- Short breaks: 200\n- Reablement: 250\n\
             - Adaptations: 300\n\n{body} {body}\n"
        );
        assert_ne!(rule(&targets, "short breaks"), Some(Adjustment::Notice));
    }

    #[test]
    fn what_a_vision_says_is_what_the_plan_is_for() {
        let said = "By this we mean that people can stay at home for longer.";
        for heading in [
            "Our vision",
            "Our vision and values",
            "Our shared vision for 2026–2029",
        ] {
            let vision = format!("## {heading}\n\n{said}\n");
            assert_eq!(
                rule(&vision, "stay at home"),
                Some(Adjustment::Purpose),
                "{heading}"
            );
        }
        // Its subsections too, but not a page that merely mentions a vision, and not what the
        // vision section reports or counts.
        let values = format!("## Our vision\n\n### What it means\n\n{said}\n");
        assert_eq!(rule(&values, "stay at home"), Some(Adjustment::Purpose));
        let page = format!("## Our strategy and vision for the region\n\n{said}\n");
        assert_eq!(rule(&page, "stay at home"), None);
        let heard = "## Our vision\n\nPeople told us they want to stay at home for longer.\n";
        assert_eq!(rule(heard, "stay at home"), Some(Adjustment::Reported));
    }

    #[test]
    fn what_is_listed_under_a_heading_over_laws_and_policies_is_law() {
        let listed = "- the National Mission on drug deaths and the Medication Assisted \
                      Treatment Standards\n- the Carers Act";
        let plan =
            format!("## Legislation and national policy\n\nThis plan answers to:\n\n{listed}\n");
        assert_eq!(rule(&plan, "drug deaths"), Some(Adjustment::Law));
        // A purpose in the section makes it more than a list of laws.
        let answered =
            format!("## Policy context\n\n{listed}\n\nWe will cut drug deaths by half.\n");
        assert_eq!(rule(&answered, "drug deaths"), None);
        let elsewhere = format!("## Alcohol and drugs\n\n{listed}\n");
        assert_eq!(rule(&elsewhere, "drug deaths"), None);
    }

    #[test]
    fn what_is_said_under_a_heading_over_engagement_findings_is_reported() {
        let heard = "Many did not know they could ask for an adult carer support plan.";
        let plan =
            format!("## What people told us\n\n### Carers\n\n{heard}\n\n> We want a break.\n");
        assert_eq!(
            rule(&plan, "adult carer support plan"),
            Some(Adjustment::Reported)
        );
        // The partnership's answer in the section, or in its heading, makes it more than a report.
        let answered =
            format!("## What people told us\n\n{heard} We will offer every carer one.\n");
        assert_eq!(rule(&answered, "adult carer support plan"), None);
        let staff = format!("## What our staff have told us\n\n- {heard}\n");
        assert_eq!(
            rule(&staff, "adult carer support plan"),
            Some(Adjustment::Reported)
        );
        let said_did = format!("## What you told us and what we will do\n\n{heard}\n");
        assert_eq!(rule(&said_did, "adult carer support plan"), None);
        let elsewhere = format!("## Carers\n\n{heard}\n");
        assert_eq!(rule(&elsewhere, "adult carer support plan"), None);
        // A title names the whole document: its words make no chapter under it a report,
        // though a level-1 heading over text of its own is read as any heading is.
        let titled = format!("# Draft plan and consultation feedback\n\n## Carers\n\n{heard}\n");
        assert_eq!(rule(&titled, "adult carer support plan"), None);
        let chapter = format!("# What people told us\n\n{heard}\n");
        assert_eq!(
            rule(&chapter, "adult carer support plan"),
            Some(Adjustment::Reported)
        );
    }

    #[test]
    fn what_a_foreword_says_without_a_purpose_counts_half() {
        let said = "Unpaid carers give so much to our communities.";
        for heading in [
            "Foreword",
            "Welcome",
            "A message from the Chair",
            "Chair's foreword",
        ] {
            let plan = format!("## {heading}\n\n{said}\n");
            assert_eq!(
                rule(&plan, "unpaid carers"),
                Some(Adjustment::Foreword),
                "{heading}"
            );
        }
        // A purpose anywhere in it makes the foreword more than a welcome.
        let promised = format!("## Foreword\n\n{said} We will fund a break for every carer.\n");
        assert_eq!(rule(&promised, "unpaid carers"), None);
        let elsewhere = format!("## Carers\n\n{said}\n");
        assert_eq!(rule(&elsewhere, "unpaid carers"), None);
        // Only the section's own heading counts: a chapter under a welcome page is not one.
        let under = format!("## Welcome\n\nHello.\n\n### Carers\n\n{said}\n");
        assert_eq!(rule(&under, "unpaid carers"), None);
    }

    #[test]
    fn a_look_back_at_the_last_plan_is_the_record_not_the_plan() {
        let done = "Our carers centre helped 900 unpaid carers with short breaks.";
        for heading in [
            "Looking back at our 2022-2025 plan",
            "What we achieved under our last plan",
            "Progress so far",
            "Reflecting on the last three years",
        ] {
            let plan = format!("## {heading}\n\n{done}\n");
            assert_eq!(
                rule(&plan, "unpaid carers"),
                Some(Adjustment::Past),
                "{heading}"
            );
        }
        // Its subsections look back too; a purpose in the section makes it a plan again.
        let under = format!("## Looking back\n\nIn brief.\n\n### Carers\n\n{done}\n");
        assert_eq!(rule(&under, "unpaid carers"), Some(Adjustment::Past));
        let promised = format!("## Looking back\n\n{done} We will double it by 2028.\n");
        assert_eq!(rule(&promised, "unpaid carers"), None);
        let elsewhere = format!("## Carers\n\n{done}\n");
        assert_eq!(rule(&elsewhere, "unpaid carers"), None);
    }

    #[test]
    fn a_column_of_indicators_or_measures_names_what_is_counted() {
        let table = |header: &str| {
            format!(
                "## Performance\n\n| {header} | Baseline |\n|---|---|\n\
                 | Carers who feel supported to continue in their caring role | 27% |\n"
            )
        };
        for header in [
            "Indicator",
            "National indicators",
            "Measure",
            "KPI",
            "Local measures:",
        ] {
            let plan = table(header);
            assert_eq!(
                rule(&plan, "continue in their caring role"),
                Some(Adjustment::Measure),
                "{header}"
            );
        }
        // A column of actions is no measure: each of its rows promises.
        let actions = table("What we will do");
        assert_eq!(
            rule(&actions, "continue in their caring role"),
            Some(Adjustment::Purpose)
        );
    }

    #[test]
    fn a_risk_register_names_risks_and_controls() {
        let register = "## Strategic risks\n\n| Risk | Rating | Main controls |\n|---|---|---|\n\
                        | Staff shortages in the upper valley prevent safe care at home for older people | High | Workforce plan |\n";
        assert_eq!(
            rule(register, "safe care at home"),
            Some(Adjustment::NameList)
        );
        assert_eq!(rule(register, "Workforce plan"), Some(Adjustment::NameList));
        let plan = register.replace("| Risk |", "| Priority |");
        assert_eq!(rule(&plan, "safe care at home"), None);
    }

    #[test]
    fn a_section_of_figures_throughout_is_a_profile() {
        let profile = "## Deprivation\n\nNine of our 128 data zones are among the most deprived \
                       in Scotland. Men there live 8.9 fewer years than elsewhere. Fuel poverty \
                       is estimated at 34% of rural households.\n";
        assert_eq!(rule(profile, "most deprived"), Some(Adjustment::Profile));
        // Not when a sentence sets out a purpose, nor when a sentence in three has no figure:
        // a short report of what was done, with a figure or two, still says what was done.
        let purpose = profile.replace("Fuel poverty", "We will act on fuel poverty, which");
        assert_eq!(rule(&purpose, "most deprived"), None);
        let report = "## Medicines\n\nPharmacists now check every care home resident's \
                      medicines with their GP. Errors fell by 40% in 2024. The checks found 212 \
                      medicine errors before they did harm.\n";
        assert_eq!(rule(report, "medicines with"), None);
        // Sums of money are a finance statement's subject, not a profile of need.
        let finance = "## Our money\n\nLast year the board reported a deficit of £1.5 million, \
                       met from £0.6m of reserves. A balanced budget for 2025/26 was agreed with \
                       £7.5 million of savings.\n";
        assert_eq!(rule(finance, "balanced budget"), None);
        let counted = "## Our money\n\nLast year 40 care homes reported a deficit, met from 3 \
                       funds. A balanced budget for 2025/26 was agreed with savings in 12 \
                       services.\n";
        assert_eq!(rule(counted, "balanced budget"), Some(Adjustment::Profile));
        // A needs chapter of three blocks or more joins its figures with sentences of its own:
        // half its sentences with a figure make it a profile, where one paragraph needs more.
        let chapter = "## Health in our area\n\nThe area faces real challenges.\n\n\
                       - 33% of adults live with a long-term condition.\n\
                       - Frailty is common among older people in the glens.\n\
                       - 1,950 people live with dementia.\n";
        assert_eq!(rule(chapter, "frailty"), Some(Adjustment::Profile));
        let paragraph = chapter.replace("\n\n- ", " ").replace("\n- ", " ");
        assert_eq!(rule(&paragraph, "frailty"), None);
    }

    /// Under a heading over a profile of the area ("At a glance", "Population and deprivation",
    /// "Demographics"), what no sentence rule decides is profile too, even where a sentence has
    /// no figure; a sentence of purpose in the section still counts as itself.
    #[test]
    fn what_a_profile_heading_covers_is_background() {
        let glance = "## Kelsmuir at a glance\n\n### Population and deprivation\n\nThe town is \
                      prosperous, but health inequalities persist between its neighbourhoods.\n";
        assert_eq!(
            rule(glance, "health inequalities"),
            Some(Adjustment::Profile)
        );
        let demographics = "## Demographics\n\nHealth inequalities persist in the town.\n";
        assert_eq!(
            rule(demographics, "health inequalities"),
            Some(Adjustment::Profile)
        );
        let purpose = glance.replace("The town is", "We will act where the town is");
        assert_eq!(
            rule(&purpose, "health inequalities"),
            Some(Adjustment::Purpose)
        );
        let health = "## Population health\n\nHealth inequalities persist in the town.\n";
        assert_eq!(rule(health, "health inequalities"), None);
    }

    #[test]
    fn what_the_plan_leaves_out_is_not_addressed() {
        let cases = [
            (
                "Support for unpaid carers is not part of this plan.",
                "unpaid carers",
            ),
            (
                "We will not cover children's services, which are outside the scope of this \
                 strategy.",
                "children's services",
            ),
            (
                "Acute hospital services are not delegated to the IJB.",
                "hospital services",
            ),
            (
                "Short breaks for carers are set out in a separate strategy.",
                "Short breaks",
            ),
        ];
        for (plan, phrase) in cases {
            assert_eq!(rule(plan, phrase), Some(Adjustment::OutOfScope), "{plan}");
            let sentence = read_sentence(plan, 0..plan.len());
            assert!(!sentence.commitment && !sentence.purpose, "{plan}");
        }
        // What the plan takes on is not an exclusion because it names a scope.
        let within = "We will widen short breaks for carers within the scope of this plan.";
        assert_eq!(rule(within, "short breaks"), Some(Adjustment::Purpose));
    }

    #[test]
    fn what_the_law_requires_is_the_duty_not_the_plan() {
        let cases = [
            (
                "The IJB must also take into account the principles, the first of which is that \
                 the main purpose of services is to improve the wellbeing of service-users.",
                "improve the wellbeing",
            ),
            (
                "The Carers Act places a duty on the partnership to offer adult carer support plans.",
                "adult carer support plans",
            ),
            (
                "The Act requires the plan to say how it will support unpaid carers.",
                "unpaid carers",
            ),
            (
                "The Equality Act 2010 defines nine protected characteristics, among them age.",
                "protected characteristics",
            ),
            (
                "As a public body, the IJB is required to evidence how it meets the Public Sector \
                 Equality Duty.",
                "Public Sector Equality Duty",
            ),
            (
                "Public sector organisations must evidence how they have taken the needs of people \
                 with protected characteristics into account.",
                "protected characteristics",
            ),
        ];
        for (plan, phrase) in cases {
            assert_eq!(rule(plan, phrase), Some(Adjustment::Law), "{plan}");
        }
        // What the partnership itself must or will do is not the law's requirement.
        let own = "Carers must get a break, and every carer who asks gets a support plan.";
        assert_eq!(rule(own, "support plan"), None);
        let promise = "We will do what the Act requires and offer every carer a support plan.";
        assert_eq!(rule(promise, "support plan"), Some(Adjustment::Purpose));
    }

    #[test]
    fn documents_and_laws_listed_together_are_names() {
        let laws = "Other laws shaping the plan include the Social Care (Self-directed Support) \
                    (Scotland) Act 2013, the Carers (Scotland) Act 2016 and the Equality Act 2010.";
        let act = "Carers (Scotland) Act 2016";
        assert_eq!(
            named_rule(laws, act, Naming::Name),
            Some(Adjustment::NameList)
        );
        // A group's words from two names in a row lie in one run of names.
        let across = "Support) (Scotland) Act 2013, the Carers";
        assert_eq!(rule(laws, across), Some(Adjustment::NameList));
        let reading = "Read it with our Medium Term Financial Plan 2025–2030 and the Annual \
                       Financial Statement 2025/26.";
        let plan = "Medium Term Financial Plan";
        assert_eq!(
            named_rule(reading, plan, Naming::Name),
            Some(Adjustment::NameList)
        );
        // One document named may be what the sentence is about; a reference to the item, or
        // a purpose, keeps its weight.
        let one = "The Carers (Scotland) Act 2016 gives every carer a right to a support plan.";
        assert_eq!(named_rule(one, act, Naming::Name), None);
        assert_eq!(named_rule(laws, act, Naming::Reference), None);
        let duty = "We will meet the Carers (Scotland) Act 2016 and the Equality Act 2010 in full.";
        assert_eq!(
            named_rule(duty, act, Naming::Name),
            Some(Adjustment::Purpose)
        );
        // Two documents apart in a sentence are not a list; names of bodies are not documents.
        let apart = "Our Carers Strategy sets out how we meet the duties of the Carers \
                     (Scotland) Act 2016.";
        assert_eq!(named_rule(apart, act, Naming::Name), None);
        let bodies = "The Carers Centre and the Alcohol and Drug Partnership met.";
        assert_eq!(named_rule(bodies, "Carers Centre", Naming::Name), None);
    }

    #[test]
    fn sentences_of_purpose_are_boosted() {
        for plan in [
            "We will widen short breaks for carers.",
            "Our aim is that carers get short breaks.",
            "The partnership is committed to short breaks for carers.",
            "We want carers to have short breaks.",
            "Our priority is short breaks for carers.",
            "Next year we intend to widen short breaks.",
            "Services will focus on short breaks.",
            "We work to ensure that carers get short breaks.",
            "Our target is to double short breaks by March 2027.",
            "The Partnership will widen short breaks for carers.",
            "This plan wants to widen short breaks for every carer.",
            "These changes are designed to widen short breaks.",
        ] {
            assert_eq!(
                rule(plan, "short breaks"),
                Some(Adjustment::Purpose),
                "{plan}"
            );
        }
        // A board that will be told, or a partnership named as a body, promises nothing.
        let told = "The board will hear how short breaks were used last year.";
        assert_ne!(rule(told, "short breaks"), Some(Adjustment::Purpose));
        let lead_in = "## A\n\nWe will:\n\n- widen short breaks\n- train staff\n";
        assert_eq!(rule(lead_in, "short breaks"), Some(Adjustment::Purpose));
        // A promise to pursue priorities lists their names, not what will be done.
        let titles = "## A\n\nWe will deliver our vision through three priorities:\n\n\
                      - Short breaks for carers\n- Safer homes\n- Fair work\n";
        assert_eq!(rule(titles, "short breaks"), Some(Adjustment::NameList));
    }

    #[test]
    fn what_cannot_be_done_states_no_purpose() {
        let unable = "We will not be able to keep short breaks at today's level.";
        assert_ne!(rule(unable, "short breaks"), Some(Adjustment::Purpose));
        let sentence = read_sentence(unable, 0..unable.len());
        assert!(!sentence.purpose && !sentence.commitment);
        let able = "We will make sure carers are able to get short breaks.";
        assert_eq!(rule(able, "short breaks"), Some(Adjustment::Purpose));
        let alone = "We will not be able to do this alone, so we will widen short breaks.";
        assert_eq!(rule(alone, "short breaks"), Some(Adjustment::Purpose));
        let others = "We will offer short breaks to carers who are unable to work.";
        assert_eq!(rule(others, "short breaks"), Some(Adjustment::Purpose));
    }

    #[test]
    fn purpose_reaches_twelve_words() {
        let near = "We will, with partners across the whole area and beyond, widen short breaks.";
        assert_eq!(rule(near, "short breaks"), Some(Adjustment::Purpose));
        let far = "We will publish a plan that sets out for people in every town and \
                   village what the partnership does, including short breaks.";
        assert_eq!(rule(far, "short breaks"), None);
        let joined = "Our purpose is to make sure people see the right person first time and \
                      to widen short breaks for carers.";
        assert_eq!(rule(joined, "short breaks"), Some(Adjustment::Purpose));
        let unjoined = "Our purpose is to make sure people see the right person first time and \
                        that every town has short breaks.";
        assert_eq!(rule(unjoined, "short breaks"), None);
    }

    #[test]
    fn plain_description_is_left_alone() {
        assert_eq!(
            rule("Carers say that short breaks matter.", "short breaks"),
            None
        );
        assert_eq!(
            rule("In 2024 the team began short breaks.", "short breaks"),
            None,
            "a year is not a statistic"
        );
    }

    #[test]
    fn short_items_of_a_list_in_a_sentence_count_less() {
        let listed = [
            "Our priorities are prevention, mental health, short breaks and the workforce.",
            "We thank our staff, volunteers, families and short breaks providers.",
            "The board heard from staff, volunteers and the short breaks team.",
            "Monthly figures cover waiting lists, bed days, short breaks, delayed discharges, the last six months of life and the balance of care.",
            "Local measures include waiting times, staff absence, short breaks, carer support plans.",
            "Figures cover bed days, A&E attendances, delayed discharges, the last six months of life and short breaks.",
            "Programmes cover older people and frailty; mental health and addictions; housing; and short breaks.",
        ];
        for plan in listed {
            assert_eq!(
                rule(plan, "short breaks"),
                Some(Adjustment::NameList),
                "{plan}"
            );
        }
        let statements = [
            "Carers told us that short breaks, even a few hours, matter more than anything else.",
            "Short breaks help. Carers told us so.",
            "**We will widen short breaks.** Carers asked for it.",
            "**Short breaks.**",
            "Short breaks give carers time, rest and a chance to see friends.",
            "We will fund short breaks, advice and training for carers.",
            "Short breaks and respite matter to carers.",
            "In Kelsmuir, short breaks, which carers value most, will grow each year.",
            "Carers need rest, short breaks, and time for their own health and friends.",
            "We work together, using short breaks and advice, to keep carers well.",
            "Families use short breaks, which carers and staff value.",
            "The teams protect adults, through short breaks and advice.",
            "Demand is rising; short breaks are full; and staff are stretched.",
        ];
        for plan in statements {
            assert_ne!(
                rule(plan, "short breaks"),
                Some(Adjustment::NameList),
                "{plan}"
            );
        }
    }

    #[test]
    fn background_counts_less() {
        let cases = [
            (
                "Some 12% of carers had short breaks.",
                Adjustment::Statistic,
            ),
            (
                "About 10% of NHS spend goes on short breaks.",
                Adjustment::Statistic,
            ),
            (
                "There were 340 short breaks for 95 carers.",
                Adjustment::Statistic,
            ),
            ("Short breaks cost £2 million.", Adjustment::Statistic),
            (
                "Demand for short breaks keeps rising.",
                Adjustment::Pressure,
            ),
            ("Pressures on short breaks grew.", Adjustment::Pressure),
            (
                "The short breaks budget shows a funding gap of £300,000 if nothing changes.",
                Adjustment::Pressure,
            ),
            (
                "Short breaks overspent again, and the overspend is now met from reserves.",
                Adjustment::Pressure,
            ),
            (
                "## A\n\n- Day centres\n- Short breaks\n",
                Adjustment::NameList,
            ),
            (
                "## A\n\nOur priorities are:\n\n- Short breaks\n",
                Adjustment::NameList,
            ),
            (
                "We met the Short Breaks Bureau last week.",
                Adjustment::ProperName,
            ),
            ("## Short breaks\n\nText.\n", Adjustment::Heading),
            (
                "- the percentage of carers who had short breaks this year\n",
                Adjustment::Measure,
            ),
            (
                "The number of short breaks is reported to the board each quarter.",
                Adjustment::Measure,
            ),
            (
                "- short breaks rate (per 1,000 carers);\n",
                Adjustment::Measure,
            ),
            (
                "**Short breaks.** Day centres, sitters and a bureau.",
                Adjustment::NameList,
            ),
            (
                "__Help with short breaks__. Day centres and sitters.",
                Adjustment::NameList,
            ),
            (
                "The short breaks guide is available in large print and other formats on request.",
                Adjustment::Notice,
            ),
            (
                "This plan can be downloaded from the short breaks page.",
                Adjustment::Notice,
            ),
        ];
        for (plan, expected) in cases {
            assert_eq!(rule(plan, "short breaks"), Some(expected), "{plan}");
        }
        // Closing the gap is what the plan does, not the pressure it is under, in any voice.
        for closing in [
            "We will close the funding gap by sharing one short breaks bureau.",
            "The funding gap is being addressed by sharing one short breaks bureau.",
            "The budget shortfall has led the board to commission a review of short breaks.",
            "Overspends in short breaks are being tackled by the commissioning team.",
        ] {
            assert_ne!(
                rule(closing, "short breaks"),
                Some(Adjustment::Pressure),
                "{closing}"
            );
        }
        // A glossary's definition, and a measure under a lead-in that promises to report it.
        let defined = "**Respite** – short breaks that give a carer time off.";
        assert_eq!(rule(defined, "short breaks"), Some(Adjustment::NameList));
        let reported = "## A\n\nWe will report:\n\n- the number of short breaks a year\n";
        assert_eq!(rule(reported, "short breaks"), Some(Adjustment::Measure));
        let promised = "## A\n\nWe will:\n\n- double short breaks for carers\n";
        assert_eq!(rule(promised, "short breaks"), Some(Adjustment::Purpose));
        // A short item that is a clause ("I" statements) says something; a bare name does not.
        let clause = "## A\n\n- I get short breaks when I need them.\n- Advice\n";
        assert_eq!(rule(clause, "short breaks"), None);
        let named = "## A\n\n- Short breaks for carers\n- Advice\n";
        assert_eq!(rule(named, "short breaks"), Some(Adjustment::NameList));
        // An action plan's table promises in its column of actions, not in its others.
        let actions = "## A\n\n| Action | By when |\n|---|---|\n| Double short breaks | 2027 |\n";
        assert_eq!(rule(actions, "short breaks"), Some(Adjustment::Purpose));
        let services =
            "## A\n\n| Service | Places |\n|---|---|\n| Short breaks for carers | 40 |\n";
        assert_eq!(rule(services, "short breaks"), Some(Adjustment::NameList));
        let lead = "## A\n\n| Lead | Action |\n|---|---|\n| Short breaks team | Recruit |\n";
        assert_eq!(rule(lead, "short breaks"), Some(Adjustment::NameList));
        // A plan on a page states each priority's purpose in its column of aims.
        let aims = "## A\n\n| Priority | Aim |\n|---|---|\n| Carers | More short breaks |\n";
        assert_eq!(rule(aims, "short breaks"), Some(Adjustment::Purpose));
        let lead_in = "**Respite** – we will double short breaks.";
        assert_eq!(rule(lead_in, "short breaks"), Some(Adjustment::Purpose));
        // A purpose over a list of short items doubles none of them.
        let listed = "We will survey users of day care, short breaks, sitters and lunch clubs.";
        assert_eq!(rule(listed, "short breaks"), None);
        let heard = "Carers told us that short breaks are hard to find.";
        assert_eq!(rule(heard, "short breaks"), Some(Adjustment::Reported));
        let described = "Carers described years without short breaks.";
        assert_eq!(rule(described, "short breaks"), Some(Adjustment::Reported));
        let answered = "We will widen short breaks because carers told us to.";
        assert_eq!(rule(answered, "short breaks"), Some(Adjustment::Purpose));
        // Services offered on request are statements, not notices about the document.
        let formats = "## Alternative formats\n\nAn easy read version and short breaks leaflets.\n";
        assert_eq!(rule(formats, "short breaks"), Some(Adjustment::Notice));
        // A list of contents names chapters: "Supporting carers: short breaks 34-38".
        let chapters = "- Section 5 – Supporting unpaid carers: short breaks 34-38\n";
        for heading in ["Contents", "Table of Contents", "CONTENTS PAGE"] {
            let contents = format!("## {heading}\n\n{chapters}");
            assert_eq!(rule(&contents, "short breaks"), Some(Adjustment::Notice));
        }
        let chapter = format!("## Contents of a carer's break\n\n{chapters}");
        assert_eq!(rule(&chapter, "short breaks"), None);
        // A glossary says what the plan's words mean, whatever its terms name.
        let defined = "- **Respite:** short breaks that give a carer time off.\n";
        for heading in ["Glossary", "Appendix 2: Glossary of terms", "Abbreviations"] {
            let glossary = format!("## {heading}\n\n{defined}");
            assert_eq!(rule(&glossary, "short breaks"), Some(Adjustment::Notice));
        }
        let terms = format!("## Carers' terms\n\n{defined}");
        assert_ne!(rule(&terms, "short breaks"), Some(Adjustment::Notice));
        // A reader's guide says what is in the plan; an introduction may say what it is for.
        let guide = "Chapter 5 sets out how we will widen short breaks for carers.\n";
        for heading in [
            "About this plan",
            "How this plan is organised",
            "How to use this plan",
        ] {
            let about = format!("## {heading}\n\n{guide}");
            assert_eq!(rule(&about, "short breaks"), Some(Adjustment::Notice));
        }
        let introduction = format!("## Introduction\n\n{guide}");
        assert_ne!(
            rule(&introduction, "short breaks"),
            Some(Adjustment::Notice)
        );
        let offered = "Short breaks are available on request from the carers centre.";
        assert_eq!(rule(offered, "Short breaks"), None, "{offered}");
    }

    #[test]
    fn a_word_inside_a_longer_name_counts_little_but_a_whole_name_does_not() {
        let cases = [
            (
                "Work with the Alcohol and Drug Partnership goes on.",
                "Drug",
            ),
            ("We met Healthcare Improvement Scotland.", "Improvement"),
            ("They use the Carers Centre.", "Carers"),
        ];
        for (plan, phrase) in cases {
            assert_eq!(rule(plan, phrase), Some(Adjustment::ProperName), "{plan}");
        }
        let whole = "The Strategic Planning Group met.";
        assert_eq!(rule(whole, "Strategic Planning Group"), None);
        assert_eq!(rule("Carers get breaks.", "Carers"), None, "sentence start");
        let start = "Unpaid carers get breaks, says the Carers Centre.";
        assert_eq!(rule(start, "Unpaid carers"), None);
    }

    #[test]
    fn a_figure_in_a_long_sentence_or_a_reference_is_no_statistic() {
        let long = "Short breaks, which carers value, are projected to grow by 40 per cent over the \
                    next ten years as the population ages and more people care for a relative.";
        assert_eq!(rule(long, "short breaks"), None);
        let reference = "Short breaks are set out under section 29(2)(a) of the Act.";
        assert_eq!(rule(reference, "short breaks"), None);
        let numbered = "Short breaks serve national outcomes 2, 4 and 9 and priorities 1 to 3.";
        assert_eq!(rule(numbered, "short breaks"), None);
        let counted = "Short breaks reached 2, 4 and 9 carers in three towns.";
        assert_eq!(rule(counted, "short breaks"), Some(Adjustment::Statistic));
    }

    #[test]
    fn a_clinical_term_holding_pressure_is_no_pressure() {
        let checks = "The hub offers blood pressure checks beside short breaks for carers.";
        assert_eq!(rule(checks, "short breaks"), None);
        let ulcers = "Short breaks staff are trained to prevent pressure ulcers.";
        assert_eq!(rule(ulcers, "Short breaks"), None);
        // The sentence's own pressure still counts.
        let demand = "Blood pressure checks and short breaks face growing demand.";
        assert_eq!(rule(demand, "short breaks"), Some(Adjustment::Pressure));
    }

    #[test]
    fn a_proportion_in_words_is_a_figure() {
        let proportion = "One in five (21%) children in the Southern area live in poverty.";
        assert_eq!(rule(proportion, "poverty"), Some(Adjustment::Statistic));
        let out_of = "Nine out of ten carers (88%) in the Southern area say short breaks help.";
        assert_eq!(rule(out_of, "short breaks"), Some(Adjustment::Statistic));
        // One figure in a sentence this long is no statistic without the proportion.
        let one = "A fifth (21%) of the children in the Southern area live in poverty.";
        assert_eq!(rule(one, "poverty"), None);
        let words = "One in every town will have a hub that tackles poverty.";
        assert_eq!(rule(words, "poverty"), None);
    }

    #[test]
    fn a_comparison_of_places_or_groups_is_a_statistic() {
        let gap = "Life expectancy in the most deprived areas is nine years shorter than in the \
                   least deprived, where poverty is rarer.";
        assert_eq!(rule(gap, "poverty"), Some(Adjustment::Statistic));
        let likely = "Carers in poverty are twice as likely to report poor health.";
        assert_eq!(rule(likely, "poverty"), Some(Adjustment::Statistic));
        let average = "Child poverty here is above the Scottish average.";
        assert_eq!(rule(average, "poverty"), Some(Adjustment::Statistic));
        let in_line = "Child poverty here is in line with the national rate.";
        assert_eq!(rule(in_line, "poverty"), Some(Adjustment::Statistic));
        let comparable = "Fuel poverty is higher than in comparable areas.";
        assert_eq!(rule(comparable, "poverty"), Some(Adjustment::Statistic));
        // A comparison the plan sets out to make is its purpose, not a profile.
        let aim = "We aim to make the gap in poverty two years shorter than it is now.";
        assert_eq!(rule(aim, "poverty"), Some(Adjustment::Purpose));
        let plain = "More people than ever live in poverty in the town.";
        assert_eq!(rule(plain, "poverty"), None);
        // Over time, or no figure at all, is no comparison of places or groups.
        let time = "Carers in poverty should wait two weeks less than now for a plan.";
        assert_eq!(rule(time, "poverty"), None);
        let nobody = "No one knows better than carers what poverty does.";
        assert_eq!(rule(nobody, "poverty"), None);
        // In a long sentence the comparison is a clause beside what it goes on to say.
        let long = "Poverty here is above the Scottish average, and every extra month of it makes \
                    it harder for older people on low incomes across our towns, villages and \
                    islands to stay well, to keep warm through the winter and to go on living \
                    independently in their own homes.";
        assert_eq!(rule(long, "poverty"), None);
    }

    #[test]
    fn a_long_list_item_is_a_statement() {
        let plan = "## A\n\n- Carers use short breaks at weekends to keep working and rest.\n";
        assert_eq!(rule(plan, "short breaks"), None);
    }

    #[test]
    fn splits_sentences_at_stops_followed_by_a_space() {
        let text = "One. Two? Three; four 2.5 five.";
        let parts: Vec<&str> = split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["One.", "Two?", "Three;", "four 2.5 five."]);
    }
}
