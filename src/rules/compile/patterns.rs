//! Pattern signals: each runs only where the literals it needs occur.
//!
//! The literals that trigger every pattern go into one Aho-Corasick automaton, run once over the
//! lowercased text; each pattern's own automaton then runs only at (or on the lines of) its
//! literals ([`crate::rules::pattern`]).

use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use foldhash::HashMap;

use super::{Hit, Lines};
use crate::parallel;
use crate::rules::pattern::{self, Engine, Scratch, Trigger};

/// Fewer automata to make than this are made on the scanning thread: each takes tens of
/// microseconds or more, and handing work to the pool costs a few.
const MIN_PARALLEL_ENGINES: usize = 4;

/// A pattern signal: how it is triggered and, once first needed, its automaton.
#[derive(Debug)]
struct Compiled {
    source: String,
    trigger: Trigger,
    /// Compiled the first time the pattern's trigger occurs: most patterns never match a given
    /// plan. `None` if it cannot compile (see [`Patterns::engine`]).
    engine: OnceLock<Option<Engine>>,
}

/// What one trigger literal stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Pattern `.0` may start where the literal starts.
    Start(usize),
    /// Pattern `.0` may match in the line that holds the literal.
    Line(usize),
}

/// Collects the patterns of a matcher, in the order their signals are numbered.
#[derive(Debug, Default)]
pub(super) struct Builder {
    patterns: Vec<Compiled>,
    literals: HashMap<String, usize>,
    uses: Vec<Vec<Use>>,
}

impl Builder {
    /// Adds pattern `source`.
    pub fn add(&mut self, source: &str) {
        let trigger = pattern::trigger(source);
        let index = self.patterns.len();
        let (literals, what): (&[String], fn(usize) -> Use) = match &trigger {
            Trigger::Start(literals) => (literals, Use::Start),
            Trigger::Line(literals) => (literals, Use::Line),
            Trigger::Always => (&[], Use::Line),
        };
        for literal in literals {
            let slot = match self.literals.get(literal) {
                Some(&slot) => slot,
                None => {
                    self.literals.insert(literal.clone(), self.uses.len());
                    self.uses.push(Vec::new());
                    self.uses.len() - 1
                }
            };
            self.uses[slot].push(what(index));
        }
        self.patterns.push(Compiled {
            source: source.to_owned(),
            trigger,
            engine: OnceLock::new(),
        });
    }

    /// Builds the trigger automaton, which needs the patterns but not their signals' numbers
    /// (see [`Patterns::numbered`]). It is case-sensitive over an ASCII-lowercased copy of the
    /// text (same byte offsets): an ASCII-case-insensitive automaton took three times as long to
    /// build, for the same matches.
    pub fn build(self) -> Result<Patterns, String> {
        let mut ordered: Vec<(String, usize)> = self.literals.into_iter().collect();
        ordered.sort_by_key(|(_, slot)| *slot);
        let triggers = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(ordered.iter().map(|(literal, _)| literal))
            .map_err(|e| e.to_string())?;
        Ok(Patterns {
            patterns: self.patterns,
            signals: Vec::new(),
            triggers,
            uses: self.uses,
            scratch: Mutex::default(),
        })
    }
}

#[derive(Debug)]
pub(super) struct Patterns {
    patterns: Vec<Compiled>,
    /// Each pattern's signal.
    signals: Vec<usize>,
    triggers: AhoCorasick,
    /// Automaton pattern → what that literal stands for.
    uses: Vec<Vec<Use>>,
    /// Scratch space for the pattern automata, one set per concurrent scan, kept between scans
    /// so that a batch does not rebuild the lazy DFAs' states for every plan.
    scratch: Mutex<Vec<Vec<Scratch>>>,
}

impl Patterns {
    /// The patterns with their signals numbered `signals`, in the order they were added.
    pub fn numbered(self, signals: Vec<usize>) -> Self {
        debug_assert_eq!(signals.len(), self.patterns.len());
        Self { signals, ..self }
    }

    /// Finds every pattern match in the lines `range` of `text`, whose ASCII-lowercased copy
    /// is `lower`.
    pub fn scan(
        &self,
        text: &str,
        lower: &str,
        lines: &Lines,
        range: Range<usize>,
        hits: &mut Vec<Hit>,
    ) {
        if self.patterns.is_empty() {
            return;
        }
        let candidates = self.candidates(lower, lines, range.start);
        self.run(text, lines, range, candidates, hits);
    }

    /// For each pattern, the (line, start) pairs its trigger literals give: a start of 0 for a
    /// pattern that runs over the whole line. `lower` holds the lines from `first` on.
    fn candidates(&self, lower: &str, lines: &Lines, first: usize) -> Vec<Vec<(usize, usize)>> {
        let mut candidates = vec![Vec::new(); self.patterns.len()];
        let offset = lines.range(first).start;
        let mut line = first;
        for found in self.triggers.find_overlapping_iter(lower) {
            let start = offset + found.start();
            line = lines.of_after(line, start);
            for &what in &self.uses[found.pattern().as_usize()] {
                match what {
                    Use::Start(pattern) => candidates[pattern].push((line, start)),
                    Use::Line(pattern) => candidates[pattern].push((line, 0)),
                }
            }
        }
        candidates
    }

    /// Runs each triggered pattern over the lines its trigger occurred in.
    fn run(
        &self,
        text: &str,
        lines: &Lines,
        range: Range<usize>,
        mut candidates: Vec<Vec<(usize, usize)>>,
        hits: &mut Vec<Hit>,
    ) {
        for (index, pattern) in self.patterns.iter().enumerate() {
            if pattern.trigger == Trigger::Always {
                candidates[index].extend(range.clone().map(|line| (line, 0)));
            }
        }
        self.make_engines(&candidates);
        let mut scratch = self.take_scratch();
        let mut starts = Vec::new();
        for (index, &signal) in self.signals.iter().enumerate() {
            let candidates = &mut candidates[index];
            if candidates.is_empty() {
                continue;
            }
            let Some(engine) = self.engine(index) else {
                continue;
            };
            // Nearly sorted already: the automaton reports matches in order of their ends.
            candidates.sort_unstable();
            candidates.dedup();
            let scratch = &mut scratch[index];
            for chunk in candidates.chunk_by(|a, b| a.0 == b.0) {
                let line = chunk[0].0;
                starts.clear();
                starts.extend(chunk.iter().map(|c| c.1));
                engine.find(scratch, text, lines.range(line), &starts, |range| {
                    hits.push(Hit {
                        signal,
                        line,
                        range,
                    })
                });
            }
        }
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
    }

    /// A set of pattern scratch spaces for one scan, reused from an earlier scan if one is free.
    fn take_scratch(&self) -> Vec<Scratch> {
        let mut set = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default();
        set.resize_with(self.patterns.len(), || None);
        set
    }

    /// Makes the automata of the patterns that have candidates and none yet, on the pool when
    /// there are enough of them, on this thread otherwise: reading or compiling the few dozen a
    /// 10 KB plan triggers was a quarter of its run, and each is independent of the others.
    fn make_engines(&self, candidates: &[Vec<(usize, usize)>]) {
        let missing: Vec<usize> = (0..self.patterns.len())
            .filter(|&i| !candidates[i].is_empty() && self.patterns[i].engine.get().is_none())
            .collect();
        let parallel = missing.len() >= MIN_PARALLEL_ENGINES;
        parallel::map_in_order(
            &missing,
            parallel,
            || (),
            |_, &i| {
                self.engine(i);
            },
        );
    }

    /// Pattern `index`'s automaton, compiled on first use. Users' rule files are loaded through
    /// [`crate::rules::parse`], which refuses any pattern that does not compile, and a test
    /// proves the built-ins the same way, so `None` only happens for items built by hand.
    fn engine(&self, index: usize) -> Option<&Engine> {
        let pattern = &self.patterns[index];
        pattern
            .engine
            .get_or_init(|| Engine::new(&pattern.source, &pattern.trigger).ok())
            .as_ref()
    }
}
