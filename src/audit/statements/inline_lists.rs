//! Lists inside a sentence: "prevention, carers, mental health and the workforce", or longer
//! names between semicolons. Their items are names, so a hit inside one counts as
//! [`Adjustment::NameList`](super::Adjustment::NameList), and a purpose over the whole list
//! doubles none of them.

use std::ops::Range;

use super::names::words;
use super::{NAME_LIST_WORDS, is_one_of, split_at};

/// Longest item, in words, of a list inside a sentence ("prevention, carers, mental health and
/// the workforce"): longer pieces between commas are clauses, not names.
const LIST_ITEM_WORDS: usize = 4;

/// Short items in a row after a list's first item that make a list without a joining "and":
/// three pieces of four words or fewer between commas are names, unless one opens a clause
/// ([`CLAUSE_OPENERS`]).
const OPEN_LIST_ITEMS: usize = 3;

/// Words that open a clause, not a name: "In Kelsmuir, short breaks, which carers value most,
/// will grow" is a sentence, however short its pieces, and so is "…, through early
/// intervention and prevention" after a list's first item.
const CLAUSE_OPENERS: &[&str] = &[
    "which", "who", "whose", "that", "will", "would", "is", "are", "was", "were", "can", "may",
    "must", "should", "to", "but", "so", "as", "if", "when", "where", "while", "because", "we",
    "they", "it", "this", "these", "there", "not", "through", "by", "via", "using",
];

/// Words that end a list's last item, besides those that open a clause: what follows says
/// when, not what ("… and housing before a crisis").
const ADJUNCT_OPENERS: &[&str] = &["before", "after", "until", "unless", "once"];

/// Whether `word` ends a list's last item ([`CLAUSE_OPENERS`], [`ADJUNCT_OPENERS`]).
fn ends_item(word: &str) -> bool {
    opens_clause(word) || is_one_of(word, ADJUNCT_OPENERS)
}

/// Verbs that make a piece between semicolons a clause wherever they stand in it.
const CLAUSE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "can", "could", "may", "might", "must", "should",
    "has", "have", "had",
];

/// Whether `word` opens a clause ([`CLAUSE_OPENERS`]).
fn opens_clause(word: &str) -> bool {
    is_one_of(word, CLAUSE_OPENERS)
}

/// The lists of short items inside a sentence, as ranges of it: three or more items, every
/// item after the first at most [`LIST_ITEM_WORDS`] words, and either the last joined by "and"
/// or "or", or [`OPEN_LIST_ITEMS`] short items in a row after the first with no joining word
/// ("figures on emergency admissions, bed days, A&E attendances, delayed discharges, the last
/// six months of life …"). The first item is the last words of the clause before the first
/// comma ("our priorities are prevention"), as many as the longest later item has.
///
/// Lists between semicolons are [`semicolon_lists`].
pub(super) fn inline_lists(text: &str) -> Vec<Range<usize>> {
    lists_between(text, 0..text.len(), ',')
}

/// The lists of longer names between the semicolons of each sentence of `text` (a block), as
/// ranges of it. Sentences are read apart at semicolons, which also join clauses ("… on
/// request; we will hold drop-in sessions"), but a list's items may hold commas and "and"
/// themselves ("older people, frailty and unscheduled care; mental health and addictions; and
/// housing"): items of up to [`NAME_LIST_WORDS`] words, and only one that opens with "and" or
/// "or" ends the list.
pub(super) fn semicolon_lists(text: &str) -> Vec<Range<usize>> {
    if !text.contains("; ") {
        return Vec::new();
    }
    split_at(text, b".!?")
        .into_iter()
        .flat_map(|sentence| lists_between(text, sentence, ';'))
        .collect()
}

/// The lists in `range` of `text` whose items `separator` divides.
fn lists_between(text: &str, range: Range<usize>, separator: char) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    for (i, _) in text[range.clone()].match_indices(separator) {
        pieces.push(start..range.start + i);
        start = range.start + i + 1;
    }
    pieces.push(start..range.end);
    let mut lists = Vec::new();
    let mut first = 0;
    while first + 1 < pieces.len() {
        match list_from(text, &pieces[first..], separator == ';') {
            Some((list, used)) => {
                lists.push(list);
                first += used;
            }
            None => first += 1,
        }
    }
    lists
}

/// The list that starts with the clause `pieces[0]`, and how many pieces it uses; `semicolons`
/// says the pieces are between semicolons (see [`semicolon_lists`]).
fn list_from(
    text: &str,
    pieces: &[Range<usize>],
    semicolons: bool,
) -> Option<(Range<usize>, usize)> {
    let most = if semicolons {
        NAME_LIST_WORDS
    } else {
        LIST_ITEM_WORDS
    };
    let words = |r: &Range<usize>| words(&text[r.clone()]);
    let mut longest = 1;
    // The list's end: the text of its last item and the number of pieces it uses.
    let mut end = None;
    for (n, piece) in pieces.iter().enumerate().skip(1) {
        let piece_words = words(piece);
        let said: Vec<&str> = piece_words
            .iter()
            .map(|w| &text[piece.start + w.start..piece.start + w.end])
            .collect();
        let joined = said
            .iter()
            .position(|word| is_one_of(word, &["and", "or"]))
            .filter(|&at| at == 0 || !semicolons);
        // A short last item ends where a clause or an adjunct opens: in "help with money,
        // loneliness and housing before a crisis" the list is of three names, and "before a
        // crisis" says when, as a sentence does. (A longer last piece makes no list at all.)
        let kept = joined
            .and_then(|at| {
                let rest = said[at + 1..].iter().position(|word| ends_item(word));
                rest.map(|p| at + 1 + p)
            })
            .unwrap_or(piece_words.len());
        // The longer of the items either side of "and", or the whole piece. After three short
        // items in a row the list is plain, and only its last item, after "and", must be short:
        // "bed days, delayed discharges, the last six months of life and the balance of care".
        let item_of = |len: usize| {
            joined.map_or(len, |at| {
                let after = len - at - 1;
                if n >= OPEN_LIST_ITEMS {
                    after
                } else {
                    at.max(after)
                }
            })
        };
        let item = item_of(piece_words.len());
        // Between semicolons a piece may be a whole clause ("demand is rising; budgets are
        // falling; and staff are stretched"): a verb of being, having or modality in it says so.
        let verb = semicolons && said.iter().any(|word| is_one_of(word, CLAUSE_VERBS));
        let clause = said.first().is_some_and(|word| opens_clause(word)) || verb;
        let nothing_after_and = joined.is_some_and(|at| kept == at + 1);
        if item == 0 || item > most || clause || nothing_after_and {
            break;
        }
        longest = longest.max(item_of(kept));
        let last = piece.start + piece_words[kept - 1].end;
        if let Some(at) = joined {
            let items = n + 1 + usize::from(at > 0);
            end = (items >= 3).then_some((last, n + 1));
            break;
        }
        if n >= OPEN_LIST_ITEMS {
            end = Some((last, n + 1));
        }
    }
    let (last, used) = end?;
    let lead = words(&pieces[0]);
    // A first item that is the whole opening clause, and opens as a clause does ("We meet
    // weekly, using short breaks and advice, to …"), is the sentence's subject and verb, not a
    // name in a list.
    if (2..=longest).contains(&lead.len())
        && opens_clause(&text[pieces[0].start + lead[0].start..pieces[0].start + lead[0].end])
    {
        return None;
    }
    let start = pieces[0].start + lead[lead.len().saturating_sub(longest)..].first()?.start;
    Some((start..last, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words after a list's last name that say when or why are the sentence's, not the
    /// list's: a phrase there is not a name in a list.
    #[test]
    fn a_list_ends_where_an_adjunct_or_clause_opens() {
        let lists = |text: &'static str| -> Vec<&'static str> {
            inline_lists(text).into_iter().map(|r| &text[r]).collect()
        };
        assert_eq!(
            lists("people get help with money, loneliness and housing before a crisis"),
            ["money, loneliness and housing"]
        );
        assert_eq!(
            lists("we fund carers, staff and volunteers so nobody waits"),
            ["carers, staff and volunteers"]
        );
        // A last piece too long for a name makes no list, wherever a clause opens in it.
        assert!(lists("we thank carers, families and friends who look after someone").is_empty());
        assert_eq!(
            lists("the board heard carers, staff and people who use services"),
            ["carers, staff and people"]
        );
        assert!(lists("we met carers, staff and before that nobody").is_empty());
    }

    /// Found by the document fuzz target: a sentence that opens with a comma panicked.
    #[test]
    fn a_list_may_have_nothing_before_its_first_comma() {
        let text = ", carers, staff and families";
        let lists: Vec<&str> = inline_lists(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lists, ["carers, staff and families"]);
        assert!(inline_lists(",NV6,n[,\u{8}\u{8}]4").is_empty());
        let text = "; carers; staff; and families.";
        let lists: Vec<&str> = semicolon_lists(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lists, ["carers; staff; and families"]);
    }
}
