//! Words as the matcher compares them: a plan's text and a rule's phrases are cut into the same
//! word tokens, and each word is reduced to one form before it is compared, so that a phrase
//! matches the forms a plan writes it in without the rule listing them.
//!
//! A word is a run of letters and digits; an apostrophe between two of them stays inside the
//! word ("carer’s"), and `&` is a word of its own that reads as "and". Everything else separates
//! words, hyphens included, so "self-management" is the two words of "self management".
//! Each word is lowercased, its curly apostrophes made straight, its spelling made British
//! ("organize" reads as "organise", "behavior" as "behaviour") and then stemmed by the
//! Snowball English stemmer, so "carer" and "carers", or "independent" and "independently",
//! are the same word.

use std::borrow::Cow;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

/// One word of a line: where it is, relative to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: u32,
    pub end: u32,
}

impl Word {
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Calls `on_word` for each word of `text` (one line: the matcher never joins words across a
/// line) in order. `text` may be ASCII-lowercased already; the words' bytes are as in `text`.
pub fn each_word(text: &str, mut on_word: impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (is_word, len) = char_at(text, at);
        if !is_word {
            if bytes[at] == b'&' {
                on_word(word(at, at + 1));
            }
            at += len;
            continue;
        }
        let start = at;
        at += len;
        while at < bytes.len() {
            let (is_word, len) = char_at(text, at);
            let apostrophe = bytes[at] == b'\'' || text[at..].starts_with('’');
            let joins =
                is_word || (apostrophe && char_at_checked(text, at + len).is_some_and(|(w, _)| w));
            if !joins {
                break;
            }
            at += len;
        }
        on_word(word(start, at));
    }
}

fn word(start: usize, end: usize) -> Word {
    // Lines of more than 4 GiB are refused long before this (the plan size limit).
    Word {
        start: start as u32,
        end: end as u32,
    }
}

/// Whether the character at byte `at` is a word character, and its length.
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (c.is_alphanumeric() && !is_note_mark(c), c.len_utf8())
}

/// Whether a character marks a note ("unpaid¹ carers", "carers†"): superscript digits are
/// numbers to Unicode, but a word they follow is the word without them, and they part no
/// phrase.
fn is_note_mark(c: char) -> bool {
    matches!(
        c,
        '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}' | '†' | '‡'
    )
}

fn char_at_checked(text: &str, at: usize) -> Option<(bool, usize)> {
    (at < text.len()).then(|| char_at(text, at))
}

/// What lies between two words, as far as a phrase cares: its punctuation, without whitespace,
/// hyphens and apostrophes ("s. 29(2)" and "s.29 (2)" read alike; "you said, we did" keeps
/// its comma). `None` if the gap ends a sentence.
pub fn punctuation(gap: &str) -> impl Iterator<Item = char> + '_ {
    gap.chars().filter(|c| {
        !(c.is_whitespace() || is_hyphen(*c) || is_note_mark(*c) || matches!(c, '\'' | '’'))
    })
}

/// Whether a gap between words ends a sentence or clause, which padding never crosses.
pub fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', '!', '?', ';', ':'])
}

/// Whether a gap is a hyphen and nothing else: "well-being" is also the word "wellbeing".
pub fn is_hyphen_only(gap: &str) -> bool {
    let mut chars = gap.chars();
    chars.next().is_some_and(is_hyphen) && chars.next().is_none()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Reduces words to their stems.
pub struct Stems {
    stemmer: Stemmer,
}

impl std::fmt::Debug for Stems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stems(Snowball English)")
    }
}

impl Default for Stems {
    fn default() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Stems {
    /// The stem of one word as the matcher cuts words (`each_word`), in any case.
    pub fn of(&self, word: &str) -> String {
        if word == "&" {
            return "and".to_owned();
        }
        let lower = match word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            true => Cow::Borrowed(word),
            false => Cow::Owned(word.to_lowercase().replace('’', "'")),
        };
        let british = british(&lower);
        if let Some((_, stem)) = KEPT_APART.iter().find(|(word, _)| *word == british) {
            return (*stem).to_owned();
        }
        let stem = self.stemmer.stem(&british);
        match IRREGULAR.iter().find(|(plural, _)| *plural == stem) {
            Some((_, singular)) => (*singular).to_owned(),
            None => stem.into_owned(),
        }
    }
}

/// Plurals the stemmer leaves apart from their singular, by stem (so "children's" too): a
/// phrase of "disabled child" finds "disabled children".
const IRREGULAR: &[(&str, &str)] = &[("children", "child"), ("women", "woman"), ("men", "man")];

/// Words the stemmer would merge with a word that means something else in a plan, with the
/// stem they get instead: "locality" with "local", "university" with "universal",
/// "informal" (carers) with "information", "productivity" with "production", "humanity" with
/// "human" (resources), "consultant" (a doctor) with "consultation", "manager" (a post) with
/// "manage" (their health), "respectively" (after figures) with "respect", "clinical" with
/// "clinic", "responsibility" and "responsive" with "response", "outlying" (villages) with
/// "out", "interpreter" and "interpreting" (for a language) with "interpret" (readings, data),
/// "officer" (a post: "Chief Finance Officer") with "office" (premises), "viewed" and
/// "viewing" (a document "can be viewed" online) with "views" (what people think).
/// Snowball keeps a list of the same kind for its own exceptions.
const KEPT_APART: &[(&str, &str)] = &[
    ("locality", "locality"),
    ("localities", "locality"),
    ("university", "university"),
    ("universities", "university"),
    ("informal", "informal"),
    ("productivity", "productivity"),
    ("humanity", "humanity"),
    ("consultant", "consultant"),
    ("consultants", "consultant"),
    ("manager", "manager"),
    ("managers", "manager"),
    ("respectively", "respectively"),
    ("respective", "respective"),
    ("clinical", "clinical"),
    ("clinically", "clinical"),
    ("responsibility", "responsibility"),
    ("responsibilities", "responsibility"),
    ("responsible", "responsible"),
    ("responsive", "responsive"),
    ("outlying", "outlying"),
    ("interpreter", "interpreter"),
    ("interpreters", "interpreter"),
    ("interpreting", "interpreting"),
    ("officer", "officer"),
    ("officers", "officer"),
    ("viewed", "viewed"),
    ("viewing", "viewing"),
];

/// American spellings that British plans write otherwise, as (American, British) word starts.
/// British is the target because the stemmer keeps "organis-" apart from "organ", where
/// "organiz-" would be stemmed to "organ".
const SPELLING_STARTS: &[(&str, &str)] = &[
    ("behavior", "behaviour"),
    ("color", "colour"),
    ("endeavor", "endeavour"),
    ("favor", "favour"),
    ("harbor", "harbour"),
    ("honor", "honour"),
    ("humor", "humour"),
    ("labor", "labour"),
    ("neighbor", "neighbour"),
    ("rumor", "rumour"),
    ("vigor", "vigour"),
    ("pediatric", "paediatric"),
    ("orthopedic", "orthopaedic"),
    ("anesthe", "anaesthe"),
    ("hemato", "haemato"),
    ("hemorrh", "haemorrh"),
    ("edema", "oedema"),
    ("esophag", "oesophag"),
    ("fetal", "foetal"),
    ("anemi", "anaemi"),
    ("leukemi", "leukaemi"),
    ("ischemi", "ischaemi"),
    ("diarrhe", "diarrhoe"),
    ("gynecolog", "gynaecolog"),
    ("estrogen", "oestrogen"),
    ("skeptic", "sceptic"),
];

/// Whole American words whose British form differs in a way no rule above covers.
const SPELLING_WORDS: &[(&str, &str)] = &[
    ("aging", "ageing"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("judgment", "judgement"),
    ("judgments", "judgements"),
    ("license", "licence"),
    ("defense", "defence"),
    ("offense", "offence"),
    ("fulfill", "fulfil"),
    ("fulfills", "fulfils"),
    ("fulfillment", "fulfilment"),
    ("enroll", "enrol"),
    ("enrollment", "enrolment"),
    ("enrollments", "enrolments"),
    ("catalog", "catalogue"),
    ("dialog", "dialogue"),
    ("counseling", "counselling"),
    ("counselor", "counsellor"),
    ("counselors", "counsellors"),
    ("modeling", "modelling"),
    ("traveling", "travelling"),
    ("traveler", "traveller"),
    ("travelers", "travellers"),
    ("gray", "grey"),
    ("center", "centre"),
    ("centers", "centres"),
    ("centered", "centred"),
    ("centering", "centring"),
    ("theater", "theatre"),
    ("theaters", "theatres"),
    ("maneuver", "manoeuvre"),
    ("maneuvers", "manoeuvres"),
    ("mold", "mould"),
    ("moldy", "mouldy"),
];

/// Endings spelt with z in American (and Oxford) English and with s in most British plans.
const Z_ENDINGS: &[&str] = &[
    "ize",
    "izes",
    "ized",
    "izing",
    "ization",
    "izations",
    "izational",
    "izer",
    "izers",
    "yze",
    "yzes",
    "yzed",
    "yzing",
    "yzer",
];

/// `word` (lowercase) in British spelling.
fn british(word: &str) -> Cow<'_, str> {
    if let Some((_, b)) = SPELLING_WORDS.iter().find(|(a, _)| *a == word) {
        return Cow::Borrowed(b);
    }
    if let Some((a, b)) = SPELLING_STARTS.iter().find(|(a, _)| word.starts_with(a)) {
        return Cow::Owned(format!("{b}{}", &word[a.len()..]));
    }
    for ending in Z_ENDINGS {
        // Three letters at least before the ending: "size", "prize" and "seize" stay.
        if let Some(root) = word.strip_suffix(ending)
            && root.len() >= 3
        {
            let z = ending.find('z').unwrap_or(0);
            return Cow::Owned(format!("{root}{}s{}", &ending[..z], &ending[z + 1..]));
        }
    }
    Cow::Borrowed(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        each_word(text, |w| found.push(&text[w.range()]));
        found
    }

    fn stems(text: &str) -> Vec<String> {
        let stems = Stems::default();
        words(text).into_iter().map(|w| stems.of(w)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_at_hyphens() {
        assert_eq!(
            words("Carer’s self-management, 'quoted' people's carers’ A&E\r\n"),
            vec![
                "Carer’s",
                "self",
                "management",
                "quoted",
                "people's",
                "carers",
                "A",
                "&",
                "E"
            ]
        );
    }

    #[test]
    fn non_ascii_letters_are_word_letters() {
        assert_eq!(words("Ùige – naïve £5"), vec!["Ùige", "naïve", "5"]);
        assert_eq!(stems("ÙIGE"), stems("ùige"));
    }

    #[test]
    fn note_marks_are_not_part_of_a_word() {
        assert_eq!(words("unpaid¹ carers† x²³"), vec!["unpaid", "carers", "x"]);
        assert_eq!(punctuation("¹ ").count(), 0);
    }

    #[test]
    fn forms_and_apostrophes_share_a_stem() {
        assert_eq!(stems("carer carers carer’s carers'"), vec!["carer"; 4]);
        assert_eq!(
            stems("independent independently independence"),
            vec!["independ"; 3]
        );
        assert_eq!(stems("& and"), vec!["and"; 2]);
        assert_eq!(stems("locality localities"), vec!["locality"; 2]);
        assert_ne!(stems("locality"), stems("local"));
        // Posts, figures and governance are not what their stems' verbs and nouns say.
        for (word, other) in [
            ("manager", "manage"),
            ("respectively", "respect"),
            ("clinical", "clinic"),
            ("responsibility", "response"),
            ("outlying", "out"),
            ("interpreter", "interpret"),
            ("interpreting", "interpret"),
            ("officer", "office"),
            ("officers", "offices"),
            ("viewed", "views"),
            ("viewing", "views"),
        ] {
            assert_ne!(stems(word), stems(other), "{word}");
        }
        assert_eq!(stems("manager managers"), vec!["manager"; 2]);
        assert_eq!(stems("management manage"), vec!["manag"; 2]);
    }

    #[test]
    fn american_spellings_read_as_british() {
        for (american, british) in [
            ("organize", "organise"),
            ("organization", "organisation"),
            ("organizational", "organisational"),
            ("prioritizing", "prioritising"),
            ("analyze", "analyse"),
            ("behavior", "behaviour"),
            ("behavioral", "behavioural"),
            ("neighborhoods", "neighbourhoods"),
            ("center", "centre"),
            ("centered", "centred"),
            ("program", "programme"),
            ("pediatric", "paediatric"),
            ("aging", "ageing"),
            ("anemia", "anaemia"),
            ("leukemia", "leukaemia"),
            ("diarrhea", "diarrhoea"),
            ("gynecology", "gynaecology"),
            ("estrogen", "oestrogen"),
            ("skeptical", "sceptical"),
            ("maneuver", "manoeuvre"),
            ("mold", "mould"),
        ] {
            assert_eq!(stems(american), stems(british), "{american}");
        }
        // "anemone" is no anaemia.
        assert_ne!(stems("anemone"), stems("anaemone"));
        // "organise" stays apart from "organ", and a short word keeps its z.
        assert_ne!(stems("organise"), stems("organ"));
        assert_ne!(stems("size"), stems("sise"));
    }

    /// The plurals the stemmer does not reach share their singular's stem, possessives too.
    #[test]
    fn irregular_plurals_find_their_singular() {
        assert_eq!(stems("disabled children"), stems("disabled child"));
        assert_eq!(stems("children's"), stems("child"));
        assert_eq!(stems("women men"), stems("woman man"));
        assert_ne!(stems("amen"), stems("man"));
        // The stemmer gives "person" and "personal" one stem: "people" stays apart from both,
        // or "people" would find a rule's "personal budgets".
        assert_ne!(stems("people"), stems("person"));
    }

    #[test]
    fn gaps_say_what_separates_words() {
        assert_eq!(punctuation(" (").collect::<String>(), "(");
        assert_eq!(punctuation(" - ’ ").collect::<String>(), "");
        assert!(ends_sentence(". ") && ends_sentence("; ") && !ends_sentence(", "));
        assert!(is_hyphen_only("-") && !is_hyphen_only(" - ") && !is_hyphen_only(""));
    }
}
