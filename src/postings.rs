//! Which headings share a word with a name: a claim's row label looking for the section it
//! names, a heading of one version of a plan looking for itself renamed in the next.
//!
//! Comparing a name with every heading made a plan of tens of thousands of headings take
//! minutes, so each word lists the headings that hold it, and a name is compared only with
//! the headings its words lead to: rarest word first, up to a bound, as a word in thousands of
//! headings ("Section" in "Section 1" … "Section 40000") tells none of them apart.

use std::hash::BuildHasher;

/// Most headings one name is compared with.
pub const MAX_CANDIDATES: usize = 1024;

/// For each word, the headings (by number) that hold it: (hash of the word, heading) pairs,
/// sorted, in one vector rather than a map of strings, as a plan of nothing but headings has
/// hundreds of thousands.
pub struct Postings(Vec<(u64, u32)>);

impl Postings {
    /// Lists each heading under each of its words, given as (word, heading) pairs; a heading
    /// is listed once per distinct word.
    pub fn new<'w>(words: impl Iterator<Item = (&'w str, u32)>) -> Self {
        let mut pairs: Vec<(u64, u32)> = words.map(|(word, at)| (hash(word), at)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Postings(pairs)
    }

    /// The headings that hold a word of `words` (or a word with the same hash: callers compare
    /// the candidates' words themselves), in order, each once: each word's headings, rarest
    /// word first, while they number at most [`MAX_CANDIDATES`] in all. A name that holds
    /// every word of a heading holds its rarest, so finds it whenever that word's headings fit.
    pub fn sharing<'w>(&self, words: impl Iterator<Item = &'w str>) -> Vec<u32> {
        let mut lists: Vec<&[(u64, u32)]> = words.map(|word| self.holding(word)).collect();
        lists.sort_by_key(|list| list.len());
        let mut found: Vec<u32> = Vec::new();
        for list in lists {
            // A word of more headings than the bound ends the search unmerged, so that a name
            // costs at most the bound for each of its words.
            if list.len() > MAX_CANDIDATES {
                break;
            }
            // Headings counted once however many of the words they hold.
            let mut more = found.clone();
            more.extend(list.iter().map(|&(_, at)| at));
            more.sort_unstable();
            more.dedup();
            if more.len() > MAX_CANDIDATES {
                break;
            }
            found = more;
        }
        found
    }

    /// The (hash, heading) pairs of `word`.
    fn holding(&self, word: &str) -> &[(u64, u32)] {
        let key = hash(word);
        let from = self.0.partition_point(|&(h, _)| h < key);
        let to = self.0.partition_point(|&(h, _)| h <= key);
        &self.0[from..to]
    }
}

/// A word's hash, the same in every run.
pub fn hash(word: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lead_to_their_headings_rarest_first_within_the_bound() {
        let common = MAX_CANDIDATES as u32 + 5;
        let headings = (0..common).flat_map(|at| [("section", at), ("part", at % 3)]);
        let postings = Postings::new(headings.chain([("carers", 7), ("carers", 9)]));
        assert_eq!(postings.sharing(["carers"].into_iter()), vec![7, 9]);
        assert_eq!(
            postings.sharing(["part", "carers"].into_iter()),
            vec![0, 1, 2, 7, 9]
        );
        assert!(
            postings.sharing(["section"].into_iter()).is_empty(),
            "too common"
        );
        let rarest = postings.sharing(["section", "carers"].into_iter());
        assert_eq!(
            rarest,
            vec![7, 9],
            "the rarest word's headings, not the common one's"
        );
        assert!(postings.sharing(["respite"].into_iter()).is_empty());
        // Two words of the same 600 headings, one of them in one more: 601 headings, within
        // the bound, not 1,201.
        let shared = (0..600).flat_map(|at| [("zebra", at), ("carers", at)]);
        let postings = Postings::new(shared.chain([("carers", 600)]));
        let found = postings.sharing(["zebra", "carers"].into_iter());
        assert_eq!(found.len(), 601);
    }
}
