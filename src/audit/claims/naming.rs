//! What a cell, sentence or heading names: items by id, reference, title or number, ranges
//! filled in, and numbered names that are no item of the run ("outcome 11", "O10").

use std::ops::Range;
use std::sync::LazyLock;

use crate::audit::wording::{Wording, forms};
use crate::rules::Rules;

/// See [`forms::item_list`].
static ITEM_LIST: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::item_list()));

/// See [`forms::item_number`].
static NUMBER: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::item_number()));

/// Items named in `text`, in order of first mention, with where (a range of `text`): by id
/// ("O7"), by one of the item's references ("HWO3", "principle (xi)"), by a list of numbers
/// after a keyword ("outcomes 2 and 7"), by title, and, when the column's header supplied a
/// keyword, by bare number ("2, 7"). By words (a title, a document's name) only where `words`
/// allows.
pub(in crate::audit) fn items_named(
    rules: &Rules,
    text: &str,
    keyword: Option<&str>,
    words: bool,
) -> Vec<(usize, Range<usize>)> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, Range<usize>)> = Vec::new();
    for name in rules
        .names_in(&lower)
        .filter(|name| words || !name.is_words)
    {
        if let Some(at) = find_word(&lower, &name.finder) {
            found.push((name.item, at));
        }
    }
    // Most texts name no list: the stored automaton says so before the full regex, which alone
    // gives the keyword and the numbers, is built.
    let lists = ITEM_LIST.is_match(text).then(|| ITEM_LIST.regex(text));
    // "Local outcome 2" is the plan's own second outcome, whatever national one shares its
    // number: nothing inside it names an item, by reference or by number ([`local_numbers`]).
    let mut local: Vec<Range<usize>> = Vec::new();
    for list in lists
        .into_iter()
        .flat_map(|regex| regex.captures_iter(text))
    {
        let (Some(word), Some(numbers)) = (list.get_group(1), list.get_group(2)) else {
            continue;
        };
        local.extend(local_numbers(text, word.range(), numbers.range()));
        // "outcomes 1,500 carers" counts carers: a thousands separator is no list.
        let rest = &text[numbers.end..];
        if rest.starts_with(',') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        found.extend(numbered(
            rules,
            &text[word.range()].to_lowercase(),
            numbers.range(),
            text,
        ));
    }
    if let Some(keyword) = keyword {
        found.extend(
            numbered(rules, keyword, 0..text.len(), text)
                .into_iter()
                .filter(|(_, at)| is_bare(text, at, keyword)),
        );
    }
    found.retain(|(_, at)| !local.iter().any(|l| l.start < at.end && at.start < l.end));
    found.sort_by_key(|(item, at)| (at.start, *item));
    fill_ranges(rules, text, &mut found);
    let mut seen = Vec::new();
    found.retain(|(item, _)| {
        let new = !seen.contains(item);
        seen.push(*item);
        new
    });
    found
}

/// Items named by the numbers in `range` of `text` after `keyword`: "outcome 7", "principle (xi)".
fn numbered(
    rules: &Rules,
    keyword: &str,
    range: Range<usize>,
    text: &str,
) -> Vec<(usize, Range<usize>)> {
    numbers(rules, keyword, range, text)
        .into_iter()
        .filter_map(|(item, at)| Some((item?, at)))
        .collect()
}

/// Each number in `range` of `text` after `keyword`, where it is, with the item it names when
/// one of the run's items has that reference.
fn numbers(
    rules: &Rules,
    keyword: &str,
    range: Range<usize>,
    text: &str,
) -> Vec<(Option<usize>, Range<usize>)> {
    let numbers = &text[range.clone()];
    NUMBER
        .matches(numbers)
        .into_iter()
        .map(|n| {
            let number = numbers[n.clone()].to_lowercase();
            let wanted = [
                format!("{keyword} {number}"),
                format!("{keyword} ({})", number.trim_matches(['(', ')'])),
            ];
            let item = rules.items().find(|i| {
                i.item
                    .signals
                    .references
                    .iter()
                    .any(|r| wanted.iter().any(|w| r.eq_ignore_ascii_case(w)))
            });
            (
                item.map(|i| i.index),
                range.start + n.start..range.start + n.end,
            )
        })
        .collect()
}

/// Numbered names in `text` that are no item of the run's frameworks: "outcome 11" where the
/// run audits the outcomes (whose references are "outcome 1" …), "O10" where it audits items
/// O1 …, and under a keyword column a bare "12". A mapping that names one has a typo or follows
/// another numbering, and its claim would otherwise vanish without a word.
pub(super) fn unknown_named(rules: &Rules, text: &str, keyword: Option<&str>) -> Vec<String> {
    let audited = |keyword: &str| {
        let prefix = format!("{keyword} ");
        rules.items().any(|i| {
            let references = &i.item.signals.references;
            references
                .iter()
                .any(|r| r.to_lowercase().starts_with(&prefix))
        })
    };
    // Digits, or a roman numeral in brackets: a bare "I" in "the outcomes I want" is a word.
    let numeral = |at: &Range<usize>| {
        let number = &text[at.clone()];
        number.starts_with(|c: char| c.is_ascii_digit()) || number.starts_with('(')
    };
    let unnamed = |keyword: &str, range: Range<usize>| {
        numbers(rules, keyword, range, text)
            .into_iter()
            .filter(|(item, at)| item.is_none() && numeral(at))
            .map(|(_, at)| (format!("{keyword} {}", &text[at.clone()]), at))
            .collect::<Vec<_>>()
    };
    let mut unknown: Vec<(String, Range<usize>)> = Vec::new();
    let lists = ITEM_LIST.is_match(text).then(|| ITEM_LIST.regex(text));
    for list in lists.into_iter().flat_map(|r| r.captures_iter(text)) {
        let (Some(word), Some(numbers)) = (list.get_group(1), list.get_group(2)) else {
            continue;
        };
        let keyword = text[word.range()].to_lowercase();
        if audited(&keyword) && !is_local(text, word.range(), numbers.range()) {
            unknown.extend(unnamed(&keyword, numbers.range()));
        }
    }
    // A bare number is an unknown item only in a cell that is a list of numbers ("2, 11"): in
    // "85% said so" under an "Outcomes achieved" header it is no item at all.
    if let Some(keyword) = keyword.filter(|k| audited(k) && is_number_list(text)) {
        let bare = unnamed(keyword, 0..text.len());
        unknown.extend(
            bare.into_iter()
                .filter(|(_, at)| is_bare(text, at, keyword)),
        );
    }
    unknown.extend(unknown_ids(rules, text));
    unknown.sort_by_key(|(_, at)| at.start);
    let mut names: Vec<String> = Vec::new();
    for (name, _) in unknown {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether a numbered name is the plan's own, by the word before it or a note after it: "local
/// outcome 10", "our outcome 11", "Outcome 10 (local)". Plans number local outcomes on from the
/// nine national ones; such a name is no typo for a national item.
fn is_local(text: &str, keyword: Range<usize>, numbers: Range<usize>) -> bool {
    let word = word_before(text, keyword.start);
    is_local_word(word) || word.eq_ignore_ascii_case("our") || has_local_note(text, numbers.end)
}

/// Whether `word` marks what follows as local: "local", "locality".
fn is_local_word(word: &str) -> bool {
    ["local", "locality"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// The numbers of a list after `keyword` that the plan marks as its own, where they are: all of
/// them after "local" or "locality" ("Local Outcome 2" is no national outcome 2), unless
/// national ones come first ("national and local outcomes 2 and 9"); the last before a note
/// "(local)" ("outcomes 6 and 4 (local)": outcome 6 is national). "Our outcomes 2 and 9" may be
/// national ones the plan adopted, so "our" marks none.
fn local_numbers(text: &str, keyword: Range<usize>, numbers: Range<usize>) -> Option<Range<usize>> {
    let word = word_before(text, keyword.start);
    if is_local_word(word) {
        let earlier = text[..keyword.start].trim_end();
        let earlier = earlier[..earlier.len() - word.len()].trim_end();
        // By `get`: the bytes a name's length back may fall inside a letter such as "é".
        let national = ["national and", "national or", "national /", "national &"]
            .iter()
            .any(|n| {
                earlier
                    .len()
                    .checked_sub(n.len())
                    .and_then(|at| earlier.get(at..))
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(n))
            });
        return (!national).then_some(keyword.start..numbers.end);
    }
    if !has_local_note(text, numbers.end) {
        return None;
    }
    let list = text[numbers.clone()].trim_end();
    let last = list
        .rfind(|c: char| c.is_whitespace() || ",;&/".contains(c))
        .map_or(0, |at| at + 1);
    Some(numbers.start + last..numbers.start + list.len())
}

/// The word that ends just before `at`, after any spaces.
fn word_before(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    &before[before.trim_end_matches(char::is_alphabetic).len()..]
}

/// Whether the note "(local)" follows `at`.
fn has_local_note(text: &str, at: usize) -> bool {
    text[at..]
        .trim_start()
        .get(..7)
        .is_some_and(|note| note.eq_ignore_ascii_case("(local)"))
}

/// Whether `text` is numbers and the words and signs that join them: "2, 11", "3 & 9", "1–4".
fn is_number_list(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || ",;&/()-–".contains(c))
        .all(|word| {
            word.is_empty()
                || word.bytes().all(|b| b.is_ascii_digit())
                || ["and", "or", "to"].contains(&word.to_ascii_lowercase().as_str())
        })
}

/// Words of `text` shaped as an id of the run's items (the letters of one, one or two digits)
/// that no item has: "O10" where the items are O1 … O9.
fn unknown_ids(rules: &Rules, text: &str) -> Vec<(String, Range<usize>)> {
    let letters = |word: &str| word.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let mut prefixes: Vec<String> = rules
        .items()
        .map(|i| &i.item.id)
        .filter(|id| (1..id.len()).contains(&letters(id)))
        .map(|id| id[..letters(id)].to_ascii_lowercase())
        .collect();
    prefixes.sort();
    prefixes.dedup();
    let mut unknown = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        // Where the word starts: `split` hands out slices of `text`.
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let split = letters(word);
        let shaped = split > 0 && (1..=2).contains(&(word.len() - split));
        if shaped
            && prefixes.contains(&word[..split].to_ascii_lowercase())
            && !rules.items().any(|i| i.item.id.eq_ignore_ascii_case(word))
        {
            unknown.push((word.to_ascii_uppercase(), start..start + word.len()));
        }
    }
    unknown
}

/// Whether the number at `at` in a cell under a `keyword` column stands for an item by
/// itself: not part of another id ("P2", "NI8") and not numbering something else ("NI 8",
/// "Principle 3" under "Outcomes"). The word before it, if any, is a list's joining word or the
/// keyword.
fn is_bare(text: &str, at: &Range<usize>, keyword: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // "NI-8" is as glued as "NI8".
    let hyphened = text[..at.start]
        .strip_suffix('-')
        .is_some_and(|before| before.ends_with(char::is_alphabetic));
    if glued(text[..at.start].chars().next_back())
        || glued(text[at.end..].chars().next())
        || hyphened
    {
        return false;
    }
    let before = text[..at.start].trim_end_matches(|c: char| c.is_whitespace() || c == '(');
    let word = before[before.trim_end_matches(char::is_alphabetic).len()..].to_lowercase();
    let joined = |word: &str| matches!(word, "and" | "or" | "to");
    let named = word.is_empty()
        || joined(&word)
        || word == "hwo"
        || word.strip_suffix('s').unwrap_or(&word) == keyword;
    // What follows a list's number is the list going on, or its end: "8% more", "1 in 4" and
    // "5 new teams" count things.
    let after = text[at.end..].trim_start();
    let next = &after[..after.len() - after.trim_start_matches(char::is_alphabetic).len()];
    // A full stop ends the list, unless a word runs on from it ("i.e.").
    let stop = after
        .strip_prefix('.')
        .is_some_and(|rest| !rest.starts_with(char::is_alphabetic));
    let listed = after.is_empty()
        || after.starts_with([',', ';', '&', '/', '(', ')', '-', '–'])
        || stop
        || joined(&next.to_lowercase());
    named && listed
}

/// Adds the items a range names between its ends ("O1–O4", "outcomes 1 to 4", "1-4" under an
/// "Outcomes" header): two items of one framework, in order, with only a dash or "to" between
/// them. `found` is sorted by position; the middle items are placed at the dash.
fn fill_ranges(rules: &Rules, text: &str, found: &mut Vec<(usize, Range<usize>)>) {
    let mut middles = Vec::new();
    for pair in found.windows(2) {
        let [(first, a), (last, b)] = pair else {
            continue;
        };
        if a.end > b.start || first >= last {
            continue;
        }
        let between = text[a.end..b.start].trim();
        let framework = |item: usize| rules.item(item).framework.id.as_str();
        let dash = matches!(between, "-" | "–" | "—") || between.eq_ignore_ascii_case("to");
        if dash && framework(*first) == framework(*last) {
            middles.extend((first + 1..*last).map(|item| (item, a.end..b.start)));
        }
    }
    if !middles.is_empty() {
        found.extend(middles);
        found.sort_by_key(|(item, at)| (at.start, *item));
    }
}

/// Items `text` names in words, by title or one of the rule file's `names` ("Carers are
/// supported"): never by id, number or reference, which a claim uses as much as a list does.
pub(in crate::audit) fn named_in_words(rules: &Rules, text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let mut items: Vec<usize> = rules
        .names_in(&lower)
        .filter(|name| name.is_words && find_word(&lower, &name.finder).is_some())
        .map(|name| name.item)
        .collect();
    items.dedup();
    items
}

/// The first whole-word occurrence of `word` in `text`.
fn find_word(text: &str, word: &memchr::memmem::Finder) -> Option<Range<usize>> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    word.find_iter(text.as_bytes())
        .map(|at| at..at + word.needle().len())
        .find(|r| {
            boundary(text[..r.start].chars().next_back()) && boundary(text[r.end..].chars().next())
        })
}

/// Header words that turn a bare number in a column into an item reference, and the word the
/// built-in frameworks' references use for it ("Outcomes" or "HWO" → "outcome 2").
const KEYWORDS: [(&str, &str); 3] = [
    ("outcome", "outcome"),
    ("hwo", "outcome"),
    ("principle", "principle"),
];

/// The keyword a column's header gives its bare numbers ("National outcomes" → "outcome"), if
/// it names a framework.
pub(in crate::audit) fn header_keyword(header: &str) -> Option<&'static str> {
    let header = header.to_lowercase();
    KEYWORDS
        .into_iter()
        .find(|(word, _)| header.contains(word))
        .map(|(_, keyword)| keyword)
}
