//! Deterministic synthetic strategic plans for benchmarks.
//!
//! Shared by `benches/pipeline.rs` and `examples/genplan.rs` through `#[path]`, so it is never
//! part of the shipped CLI. The same size always gives the same bytes: a fixed-seed LCG picks
//! among invented sentence templates filled with phrases from the built-in rule files, so the
//! matchers do realistic work (hits, near misses, groups, patterns) rather than scanning filler.
//! Plans have front matter, headings at levels 1–4, paragraphs, bullet and numbered lists (some
//! nested), measure tables, quotes and inline emphasis.
// Each includer uses only what it needs.
#![allow(dead_code)]

/// The one seed every plan is drawn from.
const SEED: u64 = 0x5EED_2025_0028_0001;

/// Knuth's MMIX linear congruential generator; the high bits are good enough to pick words.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Phrases taken from the four built-in rule files (some will match, some are near misses).
const PHRASES: &[&str] = &[
    "unpaid carers",
    "short breaks",
    "respite",
    "carer support plans",
    "self-management",
    "supported self-management",
    "physical activity",
    "public health",
    "health inequalities",
    "deprivation",
    "social prescribing",
    "care at home",
    "home care",
    "Home First",
    "delayed discharge",
    "discharge without delay",
    "emergency admissions",
    "anticipatory care",
    "community alarms",
    "telecare",
    "falls prevention",
    "reablement",
    "adult support and protection",
    "self-neglect",
    "workforce planning",
    "recruitment and retention",
    "staff wellbeing",
    "staff shortages",
    "best value",
    "financial sustainability",
    "reduce waste",
    "set aside budget",
    "locality planning groups",
    "locality profiles",
    "housing options",
    "housing need",
    "the integration scheme",
    "delegated functions",
    "directions to the council",
    "measures of success",
    "annual performance report",
    "formal consultation",
    "engagement activity",
    "you said, we did",
    "what matters to you",
    "person centred",
    "personalised care",
    "personal budgets",
    "self-directed support",
    "strengths based",
    "team around the person",
    "multi-disciplinary teams",
    "shared care records",
    "single point of access",
    "community groups",
    "lunch clubs",
    "third sector",
    "transition to adult services",
    "infection control",
    "oral health",
    "healthy weight",
    "smoking cessation",
    "alcohol and drugs",
    "mental health and wellbeing",
    "dementia diagnosis",
    "palliative and end of life care",
    "quality of life",
    "dignity and respect",
    "human rights",
    "test and learn",
    "whole system",
    "digital inclusion",
    "national outcomes 2, 4 and 9",
    "outcome 6",
];

const SUBJECTS: &[&str] = &[
    "Unpaid carers",
    "People who use our services",
    "Our staff",
    "Local communities",
    "Third sector partners",
    "GP practices",
    "Young people moving on from school",
    "Older people living alone",
    "The Integration Joint Board",
    "Community pharmacies",
];

const VERBS: &[&str] = &[
    "expand",
    "improve",
    "invest in",
    "review",
    "strengthen",
    "redesign",
    "develop",
    "protect",
    "extend",
    "simplify",
];

const PLACES: &[&str] = &[
    "Kilbeck",
    "Glenmore",
    "the north locality",
    "the coastal towns",
    "the island communities",
    "Strathard",
    "the city centre",
    "our rural areas",
];

const RESULTS: &[&str] = &[
    "people can live independently at home for longer",
    "carers can look after their own health and wellbeing",
    "fewer people are admitted to hospital in an emergency",
    "people tell their story only once",
    "staff feel valued and supported",
    "resources go where they make the most difference",
    "people get the right care at the right time",
    "the gap in healthy life expectancy narrows",
];

const PARTNERS: &[&str] = &[
    "NHS Kilbeck",
    "Kilbeck Council",
    "the housing association",
    "the carers centre",
    "Police Scotland",
    "the Alcohol and Drug Partnership",
    "the voluntary sector interface",
];

const FILLER: &[&str] = &[
    "This section sets out the context and the work already under way.",
    "The figures below come from the most recent annual return.",
    "Progress has been uneven, and some of it was slowed by the pandemic.",
    "Each action has a named lead and a date for review.",
    "We describe what we heard first, then what we plan to do about it.",
    "The board will receive a report on this every six months.",
];

const CHAPTERS: &[&str] = &[
    "Introduction",
    "Our vision and priorities",
    "Supporting unpaid carers",
    "Living well at home",
    "Prevention and early intervention",
    "Tackling health inequalities",
    "Keeping people safe",
    "Our workforce",
    "Money and resources",
    "Localities",
    "Engagement and consultation",
    "Measuring what matters",
];

const TOPICS: &[&str] = &[
    "What people told us",
    "Where we are now",
    "What we will do",
    "How we will know",
    "Risks and dependencies",
    "Working with partners",
    "Case study",
    "Resources",
];

/// Appends one invented sentence.
fn sentence(rng: &mut Lcg, out: &mut String) {
    let phrase = |rng: &mut Lcg| rng.pick(PHRASES);
    let text = match rng.below(8) {
        0 => format!(
            "We will {} {} in {} by {}.",
            rng.pick(VERBS),
            phrase(rng),
            rng.pick(PLACES),
            2026 + rng.below(4)
        ),
        1 => format!(
            "{} told us that {} and {} matter most to them.",
            rng.pick(SUBJECTS),
            phrase(rng),
            phrase(rng)
        ),
        2 => format!(
            "The partnership will work with {} to {} {}, so that {}.",
            rng.pick(PARTNERS),
            rng.pick(VERBS),
            phrase(rng),
            rng.pick(RESULTS)
        ),
        3 => format!(
            "{} people used {} last year, compared with {} the year before.",
            120 + rng.below(4000),
            phrase(rng),
            100 + rng.below(4000)
        ),
        4 => format!(
            "Our aim is to {} **{}** so that {}.",
            rng.pick(VERBS),
            phrase(rng),
            rng.pick(RESULTS)
        ),
        5 => format!(
            "In {}, {} and {} are delivered by [{}](https://example.org/{}).",
            rng.pick(PLACES),
            phrase(rng),
            phrase(rng),
            rng.pick(PARTNERS),
            rng.below(90)
        ),
        _ => rng.pick(FILLER).to_owned(),
    };
    out.push_str(&text);
}

fn paragraph(rng: &mut Lcg, out: &mut String) {
    for i in 0..3 + rng.below(5) {
        if i > 0 {
            // Wrapped source lines, as editors leave them.
            out.push_str(if rng.chance(30) { "\n" } else { " " });
        }
        sentence(rng, out);
    }
    out.push_str("\n\n");
}

fn list(rng: &mut Lcg, out: &mut String) {
    let numbered = rng.chance(40);
    for i in 1..=3 + rng.below(4) {
        let marker = if numbered {
            format!("{i}.")
        } else {
            "-".into()
        };
        out.push_str(&marker);
        out.push(' ');
        sentence(rng, out);
        out.push('\n');
        if rng.chance(25) {
            out.push_str("   - ");
            sentence(rng, out);
            out.push('\n');
        }
    }
    out.push('\n');
}

fn table(rng: &mut Lcg, out: &mut String) {
    out.push_str("| Measure | Baseline 2024 | Target 2028 | Lead |\n|---|---:|---:|---|\n");
    for _ in 0..3 + rng.below(5) {
        let baseline = 20 + rng.below(70);
        out.push_str(&format!(
            "| {} | {}% | {}% | {} |\n",
            rng.pick(PHRASES),
            baseline,
            baseline + 1 + rng.below(9),
            rng.pick(PARTNERS)
        ));
    }
    out.push('\n');
}

fn subsection(rng: &mut Lcg, out: &mut String, level: usize) {
    out.push_str(&"#".repeat(level));
    out.push(' ');
    out.push_str(rng.pick(TOPICS));
    out.push_str("\n\n");
    paragraph(rng, out);
    match rng.below(6) {
        0 | 1 => list(rng, out),
        2 => table(rng, out),
        3 => {
            out.push_str("> ");
            sentence(rng, out);
            out.push_str("\n\n");
        }
        _ => {}
    }
    if rng.chance(50) {
        paragraph(rng, out);
    }
    if level < 4 && rng.chance(20) {
        subsection(rng, out, level + 1);
    }
}

/// A plan of about `target` bytes (it stops at the first subsection boundary past `target`,
/// so it overshoots by at most a couple of kilobytes). The same `target` always gives the
/// same plan.
pub fn plan(target: usize) -> String {
    plan_seeded(target, 0)
}

/// Like [`plan`], with the words drawn from stream `seed`, for batches of different plans.
pub fn plan_seeded(target: usize, seed: u64) -> String {
    let mut rng = Lcg(SEED ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut out = String::with_capacity(target + 4096);
    out.push_str(
        "---\ntitle: Kilbeck Strategic Plan 2025–2028\narea: Kilbeck\nperiod: 2025–2028\n---\n\n",
    );
    out.push_str("# Kilbeck Health and Social Care Partnership: Strategic Plan 2025–2028\n\n");
    paragraph(&mut rng, &mut out);
    let mut chapter = 0;
    while out.len() < target {
        out.push_str(&format!(
            "## {}. {}\n\n",
            chapter + 1,
            CHAPTERS[chapter % CHAPTERS.len()]
        ));
        paragraph(&mut rng, &mut out);
        for _ in 0..2 + rng.below(4) {
            if out.len() >= target {
                break;
            }
            subsection(&mut rng, &mut out, 3);
        }
        chapter += 1;
    }
    out
}
