//! The settings every rule pattern is compiled with. Also compiled into `build.rs`, which
//! determinizes the built-in patterns with them ahead of time, so a stored automaton and one
//! compiled at run time match alike (a test compares them on the fixture plans).

use regex_automata::nfa::thompson;
use regex_automata::util::syntax;

/// Largest compiled size of one pattern; keeps a hostile rule file from eating memory.
pub const SIZE_LIMIT: usize = 1 << 20;

/// The syntax every pattern gets. ASCII throughout: case-insensitivity, `\w`, `\s`, `\d` and
/// `\b` are ASCII, and a negated class such as `[^.\n]` steps over bytes. Unicode classes and
/// case folding made compiling the built-in patterns take ~50 ms; plan vocabulary is English
/// and non-ASCII letters (’, £, é) still match themselves.
pub fn syntax() -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
        .utf8(false)
}

/// The NFA every pattern's automata are built from. They report no groups, so it needs no
/// capture states.
pub fn thompson() -> thompson::Config {
    thompson::Config::new()
        .nfa_size_limit(Some(SIZE_LIMIT))
        .which_captures(thompson::WhichCaptures::None)
}
