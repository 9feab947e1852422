//! Every constant pattern of the audit's own wording rules, by name, in its two forms: as
//! written, for any text, and Unicode off, for plain text (see the module above).
//!
//! Also compiled into `build.rs`, which determinizes each plain form into DFAs ahead of time,
//! so that a run reads them in place rather than compiling them: compiling these patterns was
//! a quarter of a small plan's run. A pattern is defined here once, for both.

/// Non-ASCII characters that leave the plain form exact: none is a word character, a space, a
/// digit, or has another case, in Unicode (a test checks each).
pub const PUNCTUATION: &[char] = &[
    '’', '‘', '“', '”', '–', '—', '…', '£', '€', '•', '·', '°', '§', '†', '‡', '✓', '✔',
];

/// One constant pattern in its two forms.
#[derive(Debug, Clone)]
pub struct Form {
    /// The pattern's name, which finds its stored DFAs.
    pub name: &'static str,
    /// The pattern as written, for any text.
    pub unicode: String,
    /// The same pattern for plain text, Unicode off.
    pub plain: String,
    pub case_insensitive: bool,
    /// Whether callers need where matches start (`find`, `matches`, `without`), not only
    /// whether and where they end: only then does `build.rs` store a reverse DFA. (Read by
    /// `build.rs` and the tests; a run finds out from what was stored.)
    #[allow(dead_code)]
    pub ranges: bool,
}

impl Form {
    /// A pattern whose Unicode-off form is the same text.
    fn same(name: &'static str, pattern: &str, case_insensitive: bool) -> Self {
        Self::two(name, pattern, pattern, case_insensitive)
    }

    /// A pattern with its own Unicode-off form, for patterns with a negated class (see
    /// [`any_plain_but`]) or a class of non-ASCII characters.
    fn two(name: &'static str, unicode: &str, plain: &str, case_insensitive: bool) -> Self {
        Self {
            name,
            unicode: unicode.to_owned(),
            plain: plain.to_owned(),
            case_insensitive,
            ranges: false,
        }
    }

    /// The form, for callers that need where its matches start.
    fn ranged(self) -> Self {
        Self {
            ranges: true,
            ..self
        }
    }
}

/// A pattern that matches any one character of plain text but `except`, for negated classes,
/// which Unicode-off patterns cannot have: `[^—–|]` is `any_plain_but(&['—', '–', '|'])`.
pub fn any_plain_but(except: &[char]) -> String {
    let ascii = (0u8..=0x7F)
        .map(char::from)
        .filter(|c| !except.contains(c))
        .map(|c| format!("\\x{:02X}", u32::from(c)))
        .collect::<String>();
    let punctuation = PUNCTUATION
        .iter()
        .filter(|c| !except.contains(c))
        .map(|c| format!("|{}", regex_syntax::escape(&c.to_string())))
        .collect::<String>();
    format!("(?:[{ascii}]{punctuation})")
}

/// Every form, for `build.rs` and the tests; the library finds a form's DFAs by its name.
#[allow(dead_code)]
pub const ALL: &[fn() -> Form] = &[
    purpose,
    promise_lead_in,
    figures,
    comparison,
    measure,
    notice,
    reported,
    law,
    out_of_scope,
    pressure,
    clinical_pressure,
    budget_gap,
    commitment,
    start_date,
    projection,
    inability,
    measure_header,
    risk_header,
    action_header,
    notice_heading,
    reported_heading,
    profile_heading,
    retrospect_heading,
    policy_heading,
    vision_heading,
    foreword_heading,
    answer_heading,
    document_name,
    named_measure,
    date,
    number,
    resources,
    markers,
    item_list,
    item_number,
    claim_sentence,
    period,
    review,
];

// Statements (`statements/`): what a sentence does.

/// Words that state a purpose or commitment. A sentence with a deadline or target is a
/// commitment ([`commitment`]), so not background, but governs no hits by that alone.
/// Plans, reports and news about them speak of the partnership or its plan in the third person
/// as often as "we": "the Partnership will redesign", "these plans are designed to". "The
/// board will" is left out: a board is told and asked more often than it promises.
pub fn purpose() -> Form {
    let ours = r"(?:the|this|our) (?:partnership|hscp|ijb|integration joint board|strategic plan|plan|strategy)";
    Form::same(
        "purpose",
        &format!(
            r"\bwe(?: will| shall| want| aim| intend| plan to| need to| seek to| strive to)\b|\bwe(?:'|’)ll\b|\bcommitted to\b|\bour (?:aims?|ambitions?|priority|purpose|focus|goal|intention|vision|commitment|target) (?:is|are|will be)\b|\ba target of\b|\b(?:aims?|intends?|seeks?) to\b|\bfocus(?:es|ed|ing)? on\b|\bensur(?:e|es|ing) that\b|\bto ensure\b|\b{ours}(?:'s|’s)? (?:will|plans to|wants to)\b|\b(?:is|are) designed to\b"
        ),
        true,
    )
}

/// Promise words that, ending a lead-in ("We will:"), make each item of the list below a
/// statement of purpose. "Our priorities are:" is left out: a bare list of priorities is a list
/// of names.
pub fn promise_lead_in() -> Form {
    Form::same(
        "promise_lead_in",
        r"\bwe(?: will|'ll|’ll| shall| aim to| intend to| plan to| want to)\b|\bcommitted to\b",
        true,
    )
}

/// A figure: a percentage, a sum of money, millions.
pub fn figures() -> Form {
    Form::same(
        "figures",
        r"\d\s?(?:%|per ?cent\b)|£\s?\d|\d\s?(?:million|billion|bn|m)\b",
        true,
    )
}

/// A comparison of figures between places or groups: "nine years shorter than in the least
/// deprived areas", "almost twice the rate of the rest of the area", "above the Scottish
/// average", "in line with the national rate", "lower than in comparable areas".
/// A profile of need says so, whether its number is in digits or words. What it is compared
/// with must be a place, a group or an average: "two weeks less than now" is a change over
/// time, "no one knows better than carers" no figure at all.
pub fn comparison() -> Form {
    let amount = r"(?:\d[\d,.]*%?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)";
    let comparative = r"(?:higher|lower|shorter|longer|more|less|fewer|greater|smaller|worse|better|older|younger)";
    let against = r"(?:(?:in|for|among|across|at|of)\s+)?(?:the\s+)?(?:scottish|scotland|national|uk|england|least|most|other|rest|average|men|women)\b|elsewhere\b";
    let average = r"(?:the\s+)?(?:scottish|scotland|national|uk|board|health\s+board)\s+(?:average|rate|figure)\b|(?:in\s+)?(?:comparable|similar|neighbouring)\s+(?:areas|partnerships|councils|authorities)\b";
    Form::same(
        "comparison",
        &format!(
            r"\b{amount}\s+(?:\w+\s+){{0,2}}{comparative}\s+than\s+(?:{against})|\b(?:twice|three\s+times|four\s+times|\d+\s+times)\s+(?:as\s+(?:likely|high)|more\s+likely|higher|lower|the\s+(?:(?:scottish|scotland|national|uk)\s+)?(?:rate|level|average))\b|\b(?:above|below|higher\s+than|lower\s+than|compared\s+(?:with|to)|close\s+to|in\s+line\s+with|similar\s+to|the\s+same\s+as)\s+(?:{average})"
        ),
        true,
    )
}

/// The start of a measure's name: "the percentage of", "the number of", as national indicators
/// and performance reports name what they count; or a rate "per 1,000" or "per 100,000".
pub fn measure() -> Form {
    Form::same(
        "measure",
        r"^\s*(?:the\s+)?(?:percentage|proportion|number|rate|share)\s+of\b|\bper\s+(?:100|1,?000|10,?000|100,?000)\b",
        true,
    )
}

/// A notice about the document itself: the formats and languages it comes in, on request, or
/// where to download it. Nearly every published plan carries one, and its words ("British Sign
/// Language", "Easy Read", "large print") are those of accessible services.
pub fn notice() -> Form {
    // It runs on one sentence at a time, so "anywhere in it" needs no bound: an unbounded gap
    // keeps the automaton small where `[^.]{0,80}` made it the largest of the audit's patterns.
    let notice = |any: &str| {
        let format = r"\b(?:formats?|versions?|copies|copy)\b";
        let request = r"\b(?:on|upon)\s+request\b";
        let document = r"\b(?:this|the|our)\s+(?:document|plan|strategy|publication|report|leaflet|summary)\s+(?:is|can\s+be|will\s+be)\s+(?:also\s+)?(?:available|downloaded)\b";
        let download = r"\bdownload(?:ed)?\s+(?:the|our|a|this)\b";
        format!("{format}{any}*{request}|{document}|{download}")
    };
    Form::two("notice", &notice("."), &notice(&any_plain_but(&[])), true)
}

/// A report of what people told the partnership: "people told us", "carers said", "in our
/// survey", or a group of people and a verb of telling ("carers described", "residents raised").
/// Plans quote their engagement at length, in the words of the items it touched.
pub fn reported() -> Form {
    Form::same(
        "reported",
        r"\b(?:told us|tell us|said that|we heard|people said|carers said|said they|feedback (?:showed|told|from)|responses? to our|answered our|in our (?:survey|consultation|engagement)|through our (?:survey|consultation|engagement))\b|\b(?:people|carers|residents|patients|families|relatives|staff|respondents|participants)\s+(?:described|reported|spoke of|spoke about|shared|raised|asked for)\b",
        true,
    )
}

/// What the law requires: an Act (with its year or not), the law or regulations as the subject
/// of a duty or a definition, a body required to show it meets a duty, or a body that "must" do
/// what a plan must do. Plans set out their legal basis in the words of the items the law
/// names; an equality plan's "Legislative context" names every protected characteristic.
pub fn law() -> Form {
    let law = r"\b(?:act|law|legislation|regulations|statute)(?:\s+\(?(?:19|20)\d\d\)?)?\s+(?:also\s+)?(?:requires?|required|says|states|sets\s+out|defines|places?\s+(?:a\s+)?dut(?:y|ies))\b";
    let required = r"\b(?:is|are)\s+required\s+(?:by\s+law|under|to\s+(?:evidence|demonstrate|show|publish|report\s+on|comply|meet))\b";
    let body = r"\b(?:ijb|board|partnership|authority|authorities|plan|public\s+(?:sector\s+)?(?:bodies|organisations))\s+must\s+(?:also\s+)?(?:take\s+(?:in)?to\s+account|have\s+(?:due\s+)?regard|set\s+out|include|evidence|demonstrate|be\s+(?:reviewed|prepared|published))\b";
    Form::same("law", &format!("{law}|{required}|{body}"), true)
}

/// What the plan says it leaves out: "not part of this plan", "outside the scope of this
/// strategy", "are not delegated to the IJB", "set out in a separate strategy". Naming a thing
/// to exclude it does not address it.
pub fn out_of_scope() -> Form {
    let document = r"(?:this|the|our)\s+(?:plan|strategy|document)";
    let not_in = format!(
        r"\bnot\s+(?:part\s+of|(?:covered|included|addressed)\s+(?:in|by)|within(?:\s+the\s+scope\s+of)?)\s+{document}\b"
    );
    let outside = format!(
        r"\b(?:outside|beyond)\s+(?:the\s+)?(?:scope|remit)\s+of\s+(?:{document}|the\s+(?:partnership|ijb|hscp))\b|\bout\s+of\s+scope\b"
    );
    let elsewhere = r"\b(?:is|are)\s+not\s+delegated\b|\b(?:covered|set\s+out|addressed)\s+(?:in|by)\s+a\s+separate\s+(?:plan|strategy)\b";
    Form::same(
        "out_of_scope",
        &format!("{not_in}|{outside}|{elsewhere}"),
        true,
    )
}

/// Pressures and demand: context, not action. "Challenge" alone is also a verb ("we will
/// challenge stigma"), so it is a pressure after an article or a word of size, or when
/// something "remains" one.
pub fn pressure() -> Form {
    Form::same(
        "pressure",
        r"\b(?:pressures?|challenges|demands?|strains?)\b|\b(?:an?|the|one|biggest|greatest|key|main|major|significant|particular|ongoing|real|continuing|growing)\s+challenge\b|\bremains?\s+(?:challenging|difficult)\b|\bdifficult\s+to\s+(?:recruit|fill|retain)\b",
        true,
    )
}

/// Clinical terms that hold the word "pressure" ("blood pressure checks", "pressure ulcers",
/// "pressure area care"): what a service does or prevents, not a pressure on it, so the
/// [`pressure`] form reads the sentence without them.
pub fn clinical_pressure() -> Form {
    Form::same(
        "clinical_pressure",
        r"\bblood\s+pressures?\b|\bpressure\s+(?:ulcers?|sores?|areas?|injur(?:y|ies)|damage|reliev\w*|mattress(?:es)?)\b",
        true,
    )
}

/// A budget's gap: "a funding gap of £4 million", "an overspend in prescribing". Stated as a
/// fact it is a pressure; what the sentence says is done about it is read there
/// (`statements::read_sentence`).
pub fn budget_gap() -> Form {
    Form::same(
        "budget_gap",
        r"\boverspend(?:s|ing)?\b|\b(?:funding|financial|budget|budgetary)\s+(?:gaps?|shortfalls?|deficits?)\b",
        true,
    )
}

/// The months, as dates in plans name them.
const MONTHS: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";

/// A future action or a target: "we will … by March 2027", "the HSCP will offer … from April
/// 2026", "a target of 500 breaks". A named lead alone ("Lead officer: …") is not one: it says
/// who, not what; nor is "we are committed to supporting carers", a value unless a deadline or
/// target comes with it (it is still a sentence of purpose). Commitments
/// (`commitments.rs`) and the thread read sentences through it, and a sentence of purpose is
/// one that holds it.
pub fn commitment() -> Form {
    let promise = r"\bwe will\b|\bwe(?:'|’)ll\b|\bwe shall\b|\bwe (?:aim|plan|intend|expect|commit|pledge) to\b|\bwe are going to\b|\b(?:the|our) (?:partnership|hscp|ijb|integration joint board) will\b|\bwill be (?:delivered|completed|in place|introduced|launched|reviewed|published|reduced|increased|extended|offered|provided|opened|expanded|rolled out)\b";
    let deadline = format!(
        r"\b(?:by|before) (?:the end of |spring |summer |autumn |winter |(?:{MONTHS}) )?20\d\d\b|\bwithin (?:\d+|one|two|three|six|twelve|eighteen) (?:weeks|months|years)\b"
    );
    let target =
        r"\btargets?\b|\b(?:key )?performance indicators?\b|\bKPIs?\b|\bbaseline\b|\bmeasured by\b";
    Form::same(
        "commitment",
        &format!("{promise}|{deadline}|{target}"),
        true,
    )
}

/// A start date in a sentence that says what will happen then: "every pharmacy will offer a
/// check from April 2026", "from 2027, short breaks will be booked online". A deadline as
/// [`commitment`]'s are, kept apart from them: with its "anywhere in the sentence" (it runs on
/// one sentence at a time, so needs no bound) the joined pattern was too large to store.
pub fn start_date() -> Form {
    let start = format!(r"\bfrom (?:(?:{MONTHS}) )?20\d\d\b");
    let pattern = |any: &str| format!(r"\bwill\b{any}*{start}|{start}{any}*\bwill\b");
    Form::two(
        "start_date",
        &pattern("."),
        &pattern(&any_plain_but(&[])),
        true,
    )
}

/// A projection of need, demand or money: "the number of people over 85 is expected to grow by
/// 30% by 2035", "we forecast a funding gap of £8m by 2028 if nothing changes". Its date is the
/// forecast's, not a deadline the plan sets itself. "Will rise by" is left out: plans set
/// targets so ("short breaks will double by 2027").
pub fn projection() -> Form {
    Form::same(
        "projection",
        r"\b(?:expected|projected|forecast|predicted|estimated|likely|set)\s+to\s+(?:rise|grow|increase|fall|decrease|decline|double|treble|reach)\b|\bwe\s+(?:forecast|project|predict|estimate|anticipate)\s+(?:an?|the|that)\b|\bif\s+nothing\s+(?:changes|is\s+done)\b|\bon\s+current\s+trends\b",
        true,
    )
}

/// What the partnership says it cannot do, to the end of its clause: "we will not be able to
/// keep doing everything we do now". Its "we will" promises nothing; a promise in another
/// clause still does ("…, so we will work with the third sector"). Only with "we" as the
/// subject: "carers who are unable to work" is about carers.
pub fn inability() -> Form {
    let form = |rest: &str| {
        format!(
            r"\bwe\s+(?:(?:will\s+not|won(?:'|’)t|will\s+no\s+longer|cannot|can(?:'|’)t)\s+be\s+able\s+to|(?:are|will\s+be)\s+(?:not\s+able|unable)\s+to|(?:cannot|can(?:'|’)t)\s+(?:continue|keep))\b{rest}*"
        )
    };
    // The clause goes with it, to the next comma or stop: its object and date too ("we won't
    // be able to fund every service by 2027").
    Form::two(
        "inability",
        &form("[^,;:.]"),
        &form(&any_plain_but(&[',', ';', ':', '.'])),
        true,
    )
    .ranged()
}

/// A table column header that names what is counted: "Indicator", "Measure", "National
/// indicators", "Performance measure", "KPI".
pub fn measure_header() -> Form {
    Form::same(
        "measure_header",
        r"^\s*(?:(?:national|local|core|performance|key)\s+)*(?:indicators?|measures?|metrics?|kpis?|key\s+performance\s+indicators?)\s*:?\s*$",
        true,
    )
}

/// A table column header that names risks: "Risk", "Strategic risk", "Risk description".
pub fn risk_header() -> Form {
    Form::same(
        "risk_header",
        r"^\s*(?:(?:strategic|key|main|corporate|principal)\s+)?risks?(?:\s+(?:description|title|area|event))?\s*:?\s*$",
        true,
    )
}

/// A table column header over what the partnership will do, what its doing will change or what
/// it aims at: "Action", "Key actions", "What we will do", "Our commitments", "Deliverable",
/// "What will change", "Expected impact", "Aim", "What we want to achieve". An action plan set
/// out as a table promises in every row, as a list under "We will:" does, and a plan on a page
/// states each priority's purpose in its aim column.
pub fn action_header() -> Form {
    Form::same(
        "action_header",
        r"^\s*(?:(?:key|main|our|planned|priority|improvement|delivery)\s+)?(?:actions?|commitments?|deliverables?|activit(?:y|ies)|tasks?|steps)\s*:?\s*$|^\s*(?:what\s+we\s+will\s+do|we\s+will|how\s+we\s+will\s+(?:do\s+it|deliver\s+it|get\s+there)|what\s+will\s+change|what\s+(?:difference|change)\s+(?:it|this|they)\s+will\s+make|(?:expected|intended)\s+(?:changes?|results?|differences?|impacts?)|(?:(?:our|key|main|strategic|overall)\s+)?(?:aims?|objectives?|goals?|ambitions?)|what\s+we\s+want\s+to\s+(?:achieve|see|happen)|(?:intended|desired)\s+outcomes?)\s*:?\s*$",
        true,
    )
}

/// A heading over a notice about the document: "Other formats", "Alternative formats and
/// languages", "How to get this document in other formats", its list of contents ("Contents",
/// "Table of contents") or its glossary ("Glossary", "Appendix 2: Glossary of terms",
/// "Abbreviations", "Jargon buster") or its reader's guide ("About this plan", "How this plan
/// is organised", "How to use this plan"). Everything under it says how to get the plan, what
/// is in it or what its words mean, whatever words of the items its chapter titles or terms
/// use. "Introduction" is left out: a real plan's introduction often says what it is for.
pub fn notice_heading() -> Form {
    Form::same(
        "notice_heading",
        r"\b(?:other|alternative|accessible)\s+(?:formats?|languages?|versions?)\b|^\s*(?:table\s+of\s+)?contents(?:\s+page)?\s*:?\s*$|\bglossary\b|\bjargon\s+buster\b|^\s*(?:abbreviations|acronyms|definitions|(?:key\s+)?terms\s+(?:we\s+use|used))(?:\s+and\s+(?:abbreviations|acronyms|definitions))?\s*:?\s*$|^\s*(?:about\s+(?:this|our|the)\s+(?:strategic\s+)?(?:plan|document|strategy)|how\s+(?:this|our|the)\s+(?:plan|document|strategy)\s+is\s+(?:organised|organized|structured|set\s+out|laid\s+out)|how\s+to\s+(?:use|read)\s+(?:this|our|the)\s+(?:plan|document|strategy)|(?:the\s+)?structure\s+of\s+(?:this|our|the)\s+(?:plan|document|strategy))\s*:?\s*$",
        true,
    )
}

/// A heading over engagement findings: "What people told us", "What our staff told us", "What
/// we have heard", "What you said", "Consultation findings". What is said under it, and under its subsections, reports
/// what was heard, unless a sentence sets out a purpose.
pub fn reported_heading() -> Form {
    Form::same(
        "reported_heading",
        r"\bwhat\s+(?:(?:our|local|the)\s+)?(?:people|you|we|carers|residents|communities|young\s+people|families|staff|service\s+users|patients|partners|providers)\s+(?:have\s+|are\s+)?(?:told\s+us|telling\s+us|said|heard|shared)\b|\b(?:engagement|consultation|survey)\s+(?:findings|feedback|results|responses)\b",
        true,
    )
}

/// A heading over a profile of the area or its people: "At a glance", "Population and
/// deprivation", "Demographics", "Locality profile", "Key facts", "Facts and figures".
pub fn profile_heading() -> Form {
    Form::same(
        "profile_heading",
        r"\bat\s+a\s+glance\b|\bdemograph(?:y|ics)\b|\b(?:locality|area|population|community|needs)\s+profiles?\b|\bfacts\s+and\s+figures\b|\bkey\s+(?:facts|statistics|figures)\b|\bour\s+population\b|\bpopulation\s+and\s+(?:deprivation|demography|demographics)\b",
        true,
    )
}

/// A heading over a look back at the last plan: "Looking back", "What we achieved", "Our
/// achievements", "Progress so far", "Progress since 2022", "Review of our last plan",
/// "Reflecting on …".
pub fn retrospect_heading() -> Form {
    Form::same(
        "retrospect_heading",
        r"\blooking\s+back\b|\bwhat\s+we\s+(?:have\s+)?(?:achieved|did|delivered)\b|\bour\s+achievements\b|\bprogress\s+(?:so\s+far|since)\b|\breview\s+of\s+(?:our|the)\s+(?:last|previous)\s+plan\b|\breflecting\s+on\b",
        true,
    )
}

/// A heading over the laws and national policies a plan answers to: "Legislation and national
/// policy", "Legislative context", "Policy context", "The laws and policies that shape this
/// plan". What is listed under it names the Acts and strategies, in the words of the items
/// they are about, without committing to anything.
pub fn policy_heading() -> Form {
    Form::same(
        "policy_heading",
        r"\blegislat(?:ion|ive)\b|\blegal\s+(?:context|framework|basis)\b|\bpolicy\s+(?:context|landscape|framework|drivers)\b|\bnational\s+(?:and\s+local\s+)?polic(?:y|ies)\b|\blaws\b",
        true,
    )
}

/// A heading over the plan's vision and nothing else: "Vision", "Our vision", "Our shared
/// vision for 2026–2029", "Our vision and values", "Vision, values and priorities". What is
/// said under it says what the plan is for, in whatever words: "Good lives, close to home. By
/// this we mean that people can stay well…". A page's "our strategy and vision" is not one.
pub fn vision_heading() -> Form {
    Form::same(
        "vision_heading",
        r"^\s*(?:our\s+)?(?:shared\s+|joint\s+|new\s+)?vision(?:\s+for\s+(?:the\s+)?(?:\d{4}\s*(?:-|–|to)\s*\d{2,4}|\w+))?(?:\s*(?:,|and|&)\s*(?:our\s+)?(?:values|ambitions?|aims|priorities|mission|principles|outcomes))*\s*:?\s*$",
        true,
    )
}

/// A heading over a foreword or welcome: "Foreword", "Chair's foreword", "Welcome", "A message
/// from the Chief Officer", "A word from the Chair".
pub fn foreword_heading() -> Form {
    Form::same(
        "foreword_heading",
        r"\bforeword\b|^\s*welcome\b|\b(?:message|word)\s+from\b|\bchair(?:'s|’s)?\s+(?:introduction|welcome)\b",
        true,
    )
}

/// A heading that also gives the partnership's answer ("You said, we did", "What you told us
/// and what we will do"): not a report alone.
pub fn answer_heading() -> Form {
    Form::same(
        "answer_heading",
        r"\b(?:we\s+did|we\s+will|we'll|we\s+are\s+doing|our\s+response|in\s+response|what\s+happens\s+next)\b",
        true,
    )
}

/// A document's or law's name: Capitalised Words (with "and", "of", "for", "the", "&" or
/// Capitalised Words in brackets, "(Scotland)", between them) ending in a word that names a
/// document or law, the first such word ("… Plan and the Annual Financial Statement" is two).
pub fn document_name() -> Form {
    Form::same(
        "document_name",
        r"\b[A-Z][A-Za-z-]*(?: (?:[A-Z][A-Za-z-]*|\([A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*\)|and|of|for|the|&))*? (?:Act(?: \d{4})?|Plan|Strategy|Statement|Assessment|Framework|Duty|Standards)\b",
        false,
    )
    .ranged()
}

// The thread from outcome to measure (`thread.rs`).

/// National indicators and the Ministerial Strategic Group's measures, by number or name.
pub fn named_measure() -> Form {
    Form::same(
        "named_measure",
        r"\bNI\s?-?(?:[1-9]|1\d|2[0-3])\b|\b(?:core|national) (?:integration )?indicators?\b|\bMSG\b|\bministerial strategic group\b|\bunplanned (?:admissions|bed days)\b|\bemergency admissions\b|\bA&E attendances\b|\bdelayed discharge bed days\b|\blast six months of life\b|\bbalance of care\b",
        true,
    )
    .ranged()
}

/// A date a measure is due by or counted from: "by March 2027", "from 2024-25".
pub fn date() -> Form {
    let form = |dash: &str| {
        format!(
            r"\b(?:by|before|until|in|from|during)\s+(?:the end of\s+)?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter)\s+)?20\d\d(?:{dash}\d\d(?:\d\d)?)?\b"
        )
    };
    Form::two("date", &form("[/–-]"), &form("(?:[/-]|–)"), true).ranged()
}

/// A digit.
pub fn number() -> Form {
    Form::same("number", r"\d", true)
}

/// Money, posts and funding.
pub fn resources() -> Form {
    Form::same(
        "resources",
        r"£\s?\d[\d,.]*\s?(?:m|k|bn|million|billion)?|\b\d[\d,.]*\s?(?:million|thousand) pounds\b|\bbudget\b|\bfunding\b|\bfunded\b|\binvestment\b|\binvest\b|\b\d+(?:\.\d+)?\s?(?:FTE|WTE)\b|\bwhole[- ]time equivalents?\b|\b(?:new|additional|\d+)\s+(?:\w+\s+){0,2}posts?\b",
        true,
    )
    .ranged()
}

// The plan's own claims (`claims.rs`).

/// Footnote markers in a table cell: `[^1]`, `*`, `†`, superscript digits, a trailing "(1)".
pub fn markers() -> Form {
    let signs = "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰";
    let any_sign = signs
        .chars()
        .map(|c| regex_syntax::escape(&c.to_string()))
        .collect::<Vec<_>>()
        .join("|");
    let form = |note: &str, sign: &str| format!(r"\[\^{note}*\]|{sign}+|\s+\(\d\)$");
    Form::two(
        "markers",
        &form(r"[^\]]", &format!("[{signs}]")),
        &form(&any_plain_but(&[']']), &format!("(?:{any_sign})")),
        false,
    )
    .ranged()
}

/// A keyword and a list of numbers: "outcomes 2 and 7", "principles (ii), (iv)", "outcomes 1,
/// 2, and 9", and ranges, "outcomes 1–4" or "1 to 4" (the reader fills in the middle).
pub fn item_list() -> Form {
    let number = r"(?:\d{1,2}\b|\(?[ivx]{1,5}\)|\b[ivx]{1,5}\b)";
    let between = r"\s*(?:,\s*(?:and|or|&)?|and|&|/|or|-|–|to)\s*";
    Form::same(
        "item_list",
        &format!(r"\b(outcome|principle)s?(?:\s*:)?\s+({number}(?:{between}{number})*)"),
        true,
    )
}

/// One number of such a list.
pub fn item_number() -> Form {
    Form::same(
        "item_number",
        r"\d{1,2}|\([ivx]{1,5}\)|\b[ivx]{1,5}\b",
        true,
    )
    .ranged()
}

/// A sentence that claims items for its section ("This programme contributes to national
/// outcomes 2 and 4", "Contribution to national outcomes: 5 and 9") or for a section it names
/// ("Caring for carers — outcomes 6, 7"). The noun after "this" is optional, as plans write
/// "This contributes to…" as often as "This priority contributes to…". A label is at least 3
/// characters long, and the reader refuses one over [`LABEL_CHARS`]: bounded here, the
/// repetition made the automaton too large to determinize.
pub fn claim_sentence() -> Form {
    let verb = r"(?:will\s+)?(?:supports?|contribut(?:es?|ing)\s+(?:to|towards)|delivers?\s+(?:on|against)|links?\s+to|aligns?\s+(?:with|to)|maps?\s+to|serves?|addresses|address)";
    let noun = r"priority|priorities|programme|program|section|chapter|theme|work|area|objective|action|workstream|strand|commitment|plan";
    // "national and local outcomes 2 and 9" names both, as in a mapping table's cell; "local"
    // alone does not ("links to the Local Outcomes Improvement Plan").
    let framework = r"(?:the\s+)?(?:national\s+(?:and\s+local\s+)?|local\s+and\s+national\s+)?(?:health\s+and\s+wellbeing\s+)?(?:outcomes?|principles?)";
    // An item's code names its framework itself ("This priority supports O7"): the match ends
    // before it (group `code`), where the items are read from.
    let code = r"(?P<code>(?:N?HWO|O|P|NV)\s?\d)";
    let form = |label_char: &str| {
        format!(
            r"^(?:(?:this|the|these)\s+(?:(?:{noun})s?\s+)?(?:also\s+)?{verb}\s*(?:{framework}\s|{code})|(?:contribution|contributes|links?|alignment)\s+to\s+{framework}\s*:\s|(?P<label>{label_char}{{3,}}?)\s*(?::|—|–|\s-)\s*{verb}?\s*{framework}\s)"
        )
    };
    Form::two(
        "claim_sentence",
        &form("[^—–|]"),
        &form(&any_plain_but(&['—', '–', '|'])),
        true,
    )
}

/// Longest label of a [`claim_sentence`], in characters.
pub const LABEL_CHARS: usize = 80;

// The plan's structure (`structure.rs`).

/// A plan period: "2022–25", "2025 to 2028", "April 2024 – March 2027", and financial years
/// as Scottish plans write them, "2022/23 to 2029/30" (the last year's end is the period's
/// end: group 3).
pub fn period() -> Form {
    let month = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?";
    let fy = r"(?:[-/]\d\d)?";
    let end = r"((?:19|20)?\d\d)(?:[-/](\d\d))?\b";
    Form::two(
        "period",
        &format!(r"\b((?:19|20)\d\d){fy}\s*(?:[-–—/]|to)\s*{month}{end}"),
        &format!(r"\b((?:19|20)\d\d){fy}\s*(?:[-/]|–|—|to)\s*{month}{end}"),
        false,
    )
}

/// A stated commitment to review the plan within three years.
pub fn review() -> Form {
    let words = r"\breview(?:ed|ing)?\b";
    let years = r"{0,80}\b(?:every|within|at least every)\s+(?:three|3|two|2)\s+years\b";
    Form::two(
        "review",
        &format!(r"{words}[^.\n]{years}"),
        &format!("{words}{}{years}", any_plain_but(&['.', '\n'])),
        true,
    )
    .ranged()
}
