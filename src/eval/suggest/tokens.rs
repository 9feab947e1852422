//! Plan text → the word n-grams a phrase could be: lowercase tokens, never across punctuation,
//! numbers or a sentence end, so that every candidate is text a phrase rule can match as written.

/// The longest candidate, in words.
pub const MAX_WORDS: usize = 3;

/// A section's sentences, split after `.`, `!`, `?` or `;` followed by a space.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .zip(rest.chars().skip(1))
            .find(|((_, c), next)| matches!(c, '.' | '!' | '?' | ';') && next.is_whitespace())
            .map_or(rest.len(), |((i, c), _)| i + c.len_utf8());
        let (sentence, tail) = rest.split_at(end);
        rest = tail.trim_start();
        Some(sentence)
    })
}

/// The candidate n-grams (1 to [`MAX_WORDS`] words) of one sentence, each once per occurrence.
/// An n-gram starts and ends on a word that is not a stopword (stopwords may sit inside:
/// "quality of life") and has a content word: one made only of numbers, single letters and
/// calendar words ("march", "£m", "two weeks") says nothing of an item.
pub fn ngrams(sentence: &str) -> Vec<String> {
    let mut grams = Vec::new();
    for run in runs(sentence) {
        for start in 0..run.len() {
            if is_stopword(&run[start]) {
                continue;
            }
            for end in start + 1..=(start + MAX_WORDS).min(run.len()) {
                let gram = &run[start..end];
                if !is_stopword(&gram[gram.len() - 1]) && gram.iter().any(|w| is_content(w)) {
                    grams.push(gram.join(" "));
                }
            }
        }
    }
    grams
}

/// A phrase in the candidates' form: lowercase words joined by single spaces.
pub fn normalise(phrase: &str) -> String {
    runs(phrase).concat().join(" ")
}

/// Runs of lowercase words separated only by spaces. Hyphens and apostrophes inside a word keep
/// it whole ("self-directed", "people's"); any other punctuation, and any word with a digit,
/// ends the run.
fn runs(sentence: &str) -> Vec<Vec<String>> {
    let mut runs = vec![Vec::new()];
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            let mut word = String::new();
            word.extend(c.to_lowercase());
            while let Some(&next) = chars.peek() {
                let joiner = matches!(next, '-' | '\'' | '’');
                if next.is_alphanumeric() {
                    word.extend(next.to_lowercase());
                } else if joiner && chars.clone().nth(1).is_some_and(char::is_alphanumeric) {
                    word.push(if next == '’' { '\'' } else { next });
                } else {
                    break;
                }
                chars.next();
            }
            if word.chars().any(|c| c.is_ascii_digit()) {
                runs.push(Vec::new());
            } else if let Some(run) = runs.last_mut() {
                run.push(word);
            }
        } else if !c.is_whitespace() {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// English function words: a candidate may not start or end on one.
const STOPWORDS: &[&str] = &[
    "a", "about", "across", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "each",
    "either", "every", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "may", "more", "most", "much", "must", "my", "no",
    "nor", "not", "of", "on", "or", "other", "our", "ours", "out", "over", "own", "shall", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "up", "upon", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "would", "you", "your",
];

fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// Number words and calendar words (months, weekdays, units of time): beside a content word
/// they may be part of a phrase ("first contact", "day centre"), alone they are not one.
#[rustfmt::skip] // one word a line would run to a hundred lines
const NUMBERS_AND_DATES: &[&str] = &[
    "annual", "annually", "april", "august", "billion", "cent", "daily", "day", "days", "december",
    "eight", "eighteen", "eighth", "eighty", "eleven", "february", "fifteen", "fifth", "fifty",
    "first", "five", "forty", "four", "fourteen", "fourth", "friday", "half", "hour", "hours",
    "hundred", "hundreds", "january", "july", "june", "march", "million", "millions", "minute",
    "minutes", "monday", "month", "monthly", "months", "night", "nights", "nine", "nineteen",
    "ninety", "ninth", "november", "october", "once", "one", "per", "percent", "quarter",
    "quarterly", "saturday", "second", "september", "seven", "seventeen", "seventh", "seventy",
    "six", "sixteen", "sixth", "sixty", "sunday", "ten", "tenth", "third", "thirteen", "thirty",
    "thousand", "thousands", "three", "thursday", "time", "times", "today", "tonight", "tuesday",
    "twelve", "twenty", "twice", "two", "wednesday", "week", "weekly", "weeks", "year", "yearly",
    "years", "zero",
];

/// Neither a stopword, nor a number or calendar word, nor a single letter ("m" of "£m").
fn is_content(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && !is_stopword(word)
        && NUMBERS_AND_DATES.binary_search(&word).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [STOPWORDS, NUMBERS_AND_DATES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn numbers_dates_and_single_letters_are_candidates_only_beside_a_content_word() {
        assert_eq!(
            ngrams("By March, in the first two weeks of June: £m."),
            Vec::<String>::new()
        );
        assert_eq!(
            ngrams("First contact at the day centre"),
            ["first contact", "contact", "day centre", "centre"]
        );
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space() {
        let text = "We will act. Is it 3.5 miles? Yes; soon!";
        let found: Vec<&str> = sentences(text).collect();
        assert_eq!(found, ["We will act.", "Is it 3.5 miles?", "Yes;", "soon!"]);
    }

    #[test]
    fn ngrams_stay_inside_punctuation_and_trim_stopwords_at_the_ends() {
        let grams = ngrams("Quality of life, for Unpaid Carers’ self-directed support in 2026");
        assert_eq!(
            grams,
            [
                "quality",
                "quality of life",
                "life",
                "unpaid",
                "unpaid carers",
                "carers",
                "self-directed",
                "self-directed support",
                "support",
            ]
        );
        assert_eq!(
            ngrams("People’s own-home care"),
            [
                "people's",
                "people's own-home",
                "people's own-home care",
                "own-home",
                "own-home care",
                "care"
            ]
        );
    }
}
