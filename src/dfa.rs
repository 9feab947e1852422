//! DFAs that `build.rs` determinized, as tables a run searches in place with nothing to check
//! first.
//!
//! regex-automata reads its own serialized DFAs in place too, but validates every transition
//! first (only an `unsafe` function skips that, and this project calls none): a third of a
//! 10 KB plan's run went to validating the tables it touched, and every page of them was read.
//! These tables are searched with bounds-checked indexing, so a run pays only for the states
//! its text visits. Their meaning is regex-automata's, which `build.rs` reads them from:
//! a match is seen one byte late (a state entered after the byte that follows the match's
//! end), a search's first state depends on the byte before it (for `\b` and line anchors), and
//! its last step reads the byte after its range, or the end of the text. Tests hold every
//! stored table to the engine it was made from.
//!
//! A table, in `u32` words of the target's byte order: the number of classes `k` (a byte's
//! class is its column; column `k` is the end of the text), the end of the match states, then
//! 64 words of the 256 bytes' classes, 65 words of the start state's index for each
//! look-behind (none, then each byte; one byte each, padded), the words of the distinct start
//! states, and a row of `k + 1` next states per state. A state is the index of its row's first
//! word. State 0 is dead; the match states come next, so one comparison tells a state that
//! needs a look.

use std::ops::Range;

/// One stored DFA, ready to search: views of the blob it was stored in.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Each byte's column.
    classes: &'static [u8; 256],
    /// The column of the end of the text.
    eoi: u32,
    /// States below this one, other than the dead state 0, are match states.
    match_end: u32,
    /// The start state's index in `starts` for each look-behind: none, then each byte.
    start_of: &'static [u8],
    /// The distinct start states.
    starts: &'static [u32],
    /// The rows.
    rows: &'static [u32],
}

impl Table {
    /// The table `build.rs` stored in `bytes` (aligned to 4); `None` if they are not one,
    /// which a test rules out for every stored table.
    pub fn read(bytes: &'static [u8]) -> Option<Self> {
        let words: &'static [u32] = bytemuck::try_cast_slice(bytes).ok()?;
        let (eoi, match_end) = (*words.first()?, *words.get(1)?);
        let bytes_of = |range: Range<usize>| -> Option<&'static [u8]> {
            Some(bytemuck::cast_slice(words.get(range)?))
        };
        let classes = bytes_of(2..66)?.try_into().ok()?;
        let start_of = bytes_of(66..131)?.get(..257)?;
        let distinct = usize::from(*start_of.iter().max()?) + 1;
        let starts = words.get(131..131 + distinct)?;
        let rows = words.get(131 + distinct..)?;
        Some(Self {
            classes,
            eoi,
            match_end,
            start_of,
            starts,
            rows,
        })
    }

    /// The state a search starts in when `before` is the byte before it (`None` at the text's
    /// start).
    fn start(&self, before: Option<u8>) -> usize {
        let look = before.map_or(0, |byte| usize::from(byte) + 1);
        self.starts[usize::from(self.start_of[look])] as usize
    }

    fn next(&self, state: usize, byte: u8) -> usize {
        self.rows[state + usize::from(self.classes[usize::from(byte)])] as usize
    }

    fn next_eoi(&self, state: usize) -> usize {
        self.rows[state + self.eoi as usize] as usize
    }

    /// Dead or a match: a state the search must look at, told with one comparison.
    fn is_special(&self, state: usize) -> bool {
        state < self.match_end as usize
    }

    fn is_match(&self, state: usize) -> bool {
        state != 0 && self.is_special(state)
    }

    /// Steps from `state` over `bytes` from `at` until a dead or match state, or their end;
    /// returns the state and where it stopped. The hot loop of every search: four bytes a turn,
    /// as regex-automata's is.
    fn run(&self, mut state: usize, bytes: &[u8], mut at: usize) -> (usize, usize) {
        while let Some(four) = bytes.get(at..at + 4) {
            for (k, &byte) in four.iter().enumerate() {
                state = self.next(state, byte);
                if self.is_special(state) {
                    return (state, at + k);
                }
            }
            at += 4;
        }
        while let Some(&byte) = bytes.get(at) {
            state = self.next(state, byte);
            if self.is_special(state) {
                return (state, at);
            }
            at += 1;
        }
        (state, at)
    }

    /// Where the first match in `text[range]` ends, leftmost-first, or (with `earliest`) the
    /// first place any match is known to end. The search reads the byte before `range` and
    /// the byte after it, as regex-automata's does.
    pub fn find_fwd(&self, text: &[u8], range: Range<usize>, earliest: bool) -> Option<usize> {
        let mut state = self.start(range.start.checked_sub(1).map(|at| text[at]));
        let bytes = &text[range.clone()];
        let mut found = None;
        let mut at = 0;
        while state != 0 && at < bytes.len() {
            (state, at) = self.run(state, bytes, at);
            if at == bytes.len() {
                break;
            }
            if state != 0 {
                found = Some(range.start + at);
                if earliest {
                    return found;
                }
                at += 1;
            }
        }
        if state == 0 {
            return found;
        }
        state = match text.get(range.end) {
            Some(&byte) => self.next(state, byte),
            None => self.next_eoi(state),
        };
        if self.is_match(state) {
            found = Some(range.end);
        }
        found
    }

    /// Where the match of a reverse table that ends at `range.end` starts, as far left as it
    /// goes (regex-automata's reverse DFAs match every way, so the last seen is the leftmost).
    /// Reverse searches are short (one match's length), so they take a byte a turn.
    pub fn find_rev(&self, text: &[u8], range: Range<usize>) -> Option<usize> {
        let mut state = self.start(text.get(range.end).copied());
        if state == 0 {
            return None;
        }
        let mut found = None;
        for (at, &byte) in range.clone().zip(&text[range.clone()]).rev() {
            state = self.next(state, byte);
            if self.is_special(state) {
                if state == 0 {
                    return found;
                }
                found = Some(at + 1);
            }
        }
        state = match range.start.checked_sub(1) {
            Some(before) => self.next(state, text[before]),
            None => self.next_eoi(state),
        };
        if self.is_match(state) {
            found = Some(range.start);
        }
        found
    }
}

/// A forward table and the reverse one that finds where its matches start, searched as
/// regex-automata's `dfa::regex::Regex` searches its pair. `build.rs` stores no pair whose
/// pattern can match the empty string.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    /// Finds where matches end.
    pub forward: Table,
    /// Finds where the match that ends at a place starts.
    pub reverse: Table,
}

impl Pair {
    /// Every match in `text[range]`, leftmost-first and not overlapping, in order.
    pub fn find_iter<'t>(
        &self,
        text: &'t [u8],
        range: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + 't {
        let pair = *self;
        let mut at = range.start;
        std::iter::from_fn(move || {
            if at > range.end {
                return None;
            }
            let end = pair.forward.find_fwd(text, at..range.end, false)?;
            let start = pair.reverse.find_rev(text, at..end)?;
            // Never empty (see above), so the next search starts past this one.
            at = end.max(at + 1);
            Some(start..end)
        })
    }
}
