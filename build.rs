//! Prepares the built-in rule sets at build time, so that no run pays for it:
//! - every `rules/*.yaml` is a built-in rule set, found here, so a new framework is one YAML
//!   file; `builtin.rs` lists them for `src/rules/mod.rs` to embed;
//! - each becomes JSON: parsing the four YAML files took ~4 ms of every run, JSON of the same
//!   data ~0.4 ms;
//! - every built-in pattern's trigger (the literals that must occur before it can match) is
//!   worked out with the same code the program uses, `src/rules/trigger.rs`: ~3 ms per run;
//! - every built-in phrase, reference, group term and exclusion is cut into its spellings and
//!   each word stemmed, with the program's own `src/rules/phrase.rs` and `src/rules/words.rs`:
//!   stemming was over half of compiling the built-in rules;
//! - every built-in pattern is determinized into DFAs with the program's own settings
//!   (`src/rules/automaton.rs`), written as tables (`src/dfa.rs`) in one blob that a run
//!   searches in place with nothing to check first: compiling the patterns a 10 KB plan
//!   triggers was a quarter of its run, and validating regex-automata's own stored form of
//!   them a fifth;
//! - so is every constant pattern of the audit's own wording (`src/audit/wording/forms.rs`):
//!   compiling those was another quarter.
//!
//! The YAML stays the source of truth; tests prove both forms load alike, that each stored
//! trigger is what extraction gives and each stored phrase what stemming gives.

use std::fmt::Write;
use std::path::Path;
use std::{env, fs};

#[path = "src/rules/automaton.rs"]
mod automaton;
// The build reads only the plain form of each.
#[allow(dead_code)]
#[path = "src/audit/wording/forms.rs"]
mod forms;
#[path = "src/rules/trigger.rs"]
mod trigger;
// Shared with the library, which uses more of them than the build does.
#[allow(dead_code)]
#[path = "src/rules/phrase.rs"]
mod phrase;
#[allow(dead_code)]
#[path = "src/rules/words.rs"]
mod words;

use regex_automata::Anchored;
use regex_automata::dfa::dense::{self, DFA};
use trigger::Trigger;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/trigger.rs");
    println!("cargo::rerun-if-changed=src/rules/words.rs");
    println!("cargo::rerun-if-changed=src/rules/phrase.rs");
    println!("cargo::rerun-if-changed=src/rules/automaton.rs");
    println!("cargo::rerun-if-changed=src/audit/wording/forms.rs");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut patterns = Vec::new();
    let mut phrases = Vec::new();
    let names = rule_set_names();
    let mut sets = Vec::new();
    for name in &names {
        let path = format!("rules/{name}.yaml");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        patterns.extend(patterns_of(&value));
        phrases.extend(phrases_of(&value));
        sets.push((name.clone(), ids_of(&value)));
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{path}: {e}"));
        write(&Path::new(&out).join(format!("{name}.json")), &json);
    }
    write(&Path::new(&out).join("builtin.rs"), &builtin_table(&sets));
    patterns.sort();
    patterns.dedup();
    let mut blob = Vec::new();
    write(
        &Path::new(&out).join("triggers.rs"),
        &trigger_table(&patterns, &mut blob),
    );
    fs::write(Path::new(&out).join("patterns.dfa"), &blob)
        .unwrap_or_else(|e| panic!("patterns.dfa: {e}"));
    phrases.sort();
    phrases.dedup();
    write(&Path::new(&out).join("phrases.rs"), &phrase_table(&phrases));
    let mut blob = Vec::new();
    write(
        &Path::new(&out).join("wording.rs"),
        &wording_table(&mut blob),
    );
    fs::write(Path::new(&out).join("wording.dfa"), &blob)
        .unwrap_or_else(|e| panic!("wording.dfa: {e}"));
}

/// The file stem of every `rules/*.yaml`, sorted so that the build is reproducible.
fn rule_set_names() -> Vec<String> {
    let entries = fs::read_dir("rules").unwrap_or_else(|e| panic!("rules/: {e}"));
    let mut names: Vec<String> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("rules/: {e}")).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    names.sort();
    names
}

/// A set's framework id and its items' ids: what a run needs of the sets it does not audit.
fn ids_of(set: &serde_yaml::Value) -> (String, Vec<String>) {
    let id = set["id"].as_str().unwrap_or_default().to_owned();
    let items = set["items"].as_sequence().into_iter().flatten();
    let items = items
        .filter_map(|item| item["id"].as_str())
        .map(str::to_owned);
    (id, items.collect())
}

/// A Rust table of each set's YAML path, framework id, item ids and JSON text (embedded from
/// `OUT_DIR`): the ids let a run leave unselected sets' JSON unread.
fn builtin_table(sets: &[(String, (String, Vec<String>))]) -> String {
    let mut table = String::from("const BUILTIN: &[BuiltinSet] = &[\n");
    for (name, (id, items)) in sets {
        let _ = writeln!(
            table,
            "    BuiltinSet {{ path: \"rules/{name}.yaml\", id: {id:?}, items: &{items:?}, \
             json: include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}.json\")) }},"
        );
    }
    table.push_str("];\n");
    table
}

/// Every pattern of every item, written either as a string or as `{pattern: …}`.
fn patterns_of(set: &serde_yaml::Value) -> Vec<String> {
    let items = set["items"].as_sequence().into_iter().flatten();
    let patterns = items.flat_map(|item| {
        item["signals"]["patterns"]
            .as_sequence()
            .into_iter()
            .flatten()
    });
    patterns
        .filter_map(|p| p.as_str().or_else(|| p["pattern"].as_str()))
        .map(str::to_owned)
        .collect()
}

/// A Rust table of (pattern, trigger kind, literals, where its stored DFAs are in `blob`),
/// sorted by pattern for binary search.
fn trigger_table(patterns: &[String], blob: &mut Vec<u8>) -> String {
    let mut table = String::from("static BUILTIN_TRIGGERS: &[Builtin] = &[\n");
    for pattern in patterns {
        let trigger = trigger::of(pattern);
        let dfas = dense(pattern, &trigger);
        let stored = store_tables(&dfas, blob);
        let (kind, literals) = match trigger {
            Trigger::Start(literals) => ("start", literals),
            Trigger::Line(literals) => ("line", literals),
            Trigger::Always => ("always", Vec::new()),
        };
        let _ = writeln!(
            table,
            "    ({pattern:?}, {kind:?}, &{literals:?}, &{stored:?}),"
        );
    }
    table.push_str("];\n");
    table
}

/// The size limit of a DFA to store (regex-automata's count, about its dense table's bytes):
/// a larger one (a long bounded repetition followed by words) is compiled lazily at run time
/// instead. A stored table costs a run only the states its text visits, so the limit guards
/// the binary's size and the build's time, not a run's.
const TABLE_LIMIT: usize = 1 << 20;

/// The dense DFAs that stand for `pattern` at run time: the anchored forward DFA of a pattern
/// run at its trigger literals, the forward and reverse DFAs of one run over lines; none if
/// they would be too large, or for a line pattern that can match the empty string (which the
/// run-time regex steps over differently).
fn dense(pattern: &str, trigger: &Trigger) -> Vec<DFA<Vec<u32>>> {
    use regex_automata::dfa::{Automaton, StartKind, regex};
    let config = || {
        dense::Config::new()
            .minimize(true)
            .dfa_size_limit(Some(TABLE_LIMIT))
            .determinize_size_limit(Some(TABLE_LIMIT * 4))
    };
    let built = match trigger {
        Trigger::Start(_) => dense::Builder::new()
            .configure(config().start_kind(StartKind::Anchored))
            .syntax(automaton::syntax())
            .thompson(automaton::thompson())
            .build(pattern)
            .map(|dfa| vec![dfa]),
        Trigger::Line(_) | Trigger::Always => regex::Builder::new()
            .dense(config())
            .syntax(automaton::syntax())
            .thompson(automaton::thompson())
            .build(pattern)
            .map(|re| vec![re.forward().clone(), re.reverse().clone()]),
    };
    let dfas = built.unwrap_or_default();
    match dfas.first() {
        Some(dfa) if dfas.len() == 2 && dfa.has_empty() => Vec::new(),
        _ => dfas,
    }
}

/// A Rust table of (name, where its forward DFA is in `blob`, where its reverse DFA is if
/// callers need where matches start) of every audit wording form (`src/audit/wording/forms.rs`)
/// whose plain form determinizes within the limit, sorted by name. A reverse table is stored
/// only where it is needed: 1.4 MB in all.
fn wording_table(blob: &mut Vec<u8>) -> String {
    use regex_automata::dfa::{Automaton, regex};
    use regex_automata::util::syntax;
    let mut forms: Vec<forms::Form> = forms::ALL.iter().map(|form| form()).collect();
    forms.sort_by_key(|form| form.name);
    let mut table = String::from("static STORED_FORMS: &[StoredForm] = &[\n");
    for form in forms {
        let config = dense::Config::new()
            .minimize(true)
            .dfa_size_limit(Some(TABLE_LIMIT))
            .determinize_size_limit(Some(TABLE_LIMIT * 4));
        let syntax = syntax::Config::new()
            .unicode(false)
            .case_insensitive(form.case_insensitive);
        let Ok(built) = regex::Builder::new()
            .dense(config)
            .syntax(syntax)
            .build(&form.plain)
        else {
            continue;
        };
        let Some(forward) = table_of(built.forward(), Anchored::No) else {
            continue;
        };
        let forward = store(forward, blob);
        // A pair's search steps over no empty match (`src/dfa.rs`): such a form's matches are
        // found by the compiled regex.
        let reverse = (form.ranges && !built.forward().has_empty())
            .then(|| table_of(built.reverse(), Anchored::Yes))
            .flatten()
            .map(|reverse| store(reverse, blob));
        let _ = writeln!(table, "    ({:?}, {forward:?}, {reverse:?}),", form.name);
    }
    table.push_str("];\n");
    table
}

/// The tables of a pattern's dense DFAs (`dense`): an anchored one, or a forward and reverse
/// pair; none if any cannot be a table.
fn store_tables(dfas: &[DFA<Vec<u32>>], blob: &mut Vec<u8>) -> Vec<(usize, usize)> {
    let tables: Option<Vec<Vec<u8>>> = match dfas {
        [anchored] => table_of(anchored, Anchored::Yes).map(|t| vec![t]),
        [forward, reverse] => table_of(forward, Anchored::No)
            .zip(table_of(reverse, Anchored::Yes))
            .map(|(f, r)| vec![f, r]),
        _ => None,
    };
    tables
        .unwrap_or_default()
        .into_iter()
        .map(|table| store(table, blob))
        .collect()
}

/// `dfa` as a table for searches `anchored` or not, laid out as `src/dfa.rs` reads it; `None`
/// if it has no start state for them, or a search could give up (a quit state), which a table
/// cannot say.
fn table_of(dfa: &DFA<Vec<u32>>, anchored: Anchored) -> Option<Vec<u8>> {
    use regex_automata::dfa::Automaton;
    use regex_automata::util::primitives::StateID;
    use regex_automata::util::start;
    use std::collections::HashMap;
    let classes: Vec<u8> = (0..=255u8).map(|b| dfa.byte_classes().get(b)).collect();
    let columns = usize::from(*classes.iter().max()?) + 1;
    let stride = columns + 1;
    // One byte of each class stands for it.
    let bytes: Vec<u8> = (0..columns)
        .map(|c| classes.iter().position(|&class| usize::from(class) == c))
        .map(|at| at.map(|at| at as u8))
        .collect::<Option<_>>()?;
    let looks = std::iter::once(None).chain((0..=255u8).map(Some));
    let starts: Vec<StateID> = looks
        .map(|before| {
            let config = start::Config::new().anchored(anchored).look_behind(before);
            dfa.start_state(&config).ok()
        })
        .collect::<Option<_>>()?;
    // Every state a search can reach, in the order first met.
    let mut states: Vec<StateID> = Vec::new();
    let mut index: HashMap<StateID, usize> = HashMap::new();
    let mut rows: Vec<Vec<StateID>> = Vec::new();
    let mut visit = |id: StateID, states: &mut Vec<StateID>| {
        index.entry(id).or_insert_with(|| {
            states.push(id);
            states.len() - 1
        });
    };
    for &id in &starts {
        visit(id, &mut states);
    }
    let mut at = 0;
    while at < states.len() {
        let id = states[at];
        let mut row: Vec<StateID> = bytes.iter().map(|&b| dfa.next_state(id, b)).collect();
        row.push(dfa.next_eoi_state(id));
        for &next in &row {
            if dfa.is_quit_state(next) {
                return None;
            }
            visit(next, &mut states);
        }
        rows.push(row);
        at += 1;
    }
    // The dead state first, the match states next, then the rest, each kept in its order.
    let rank = |id: &StateID| match (dfa.is_dead_state(*id), dfa.is_match_state(*id)) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    let mut order: Vec<usize> = (0..states.len()).collect();
    order.sort_by_key(|&i| rank(&states[i]));
    if !states.iter().any(|id| dfa.is_dead_state(*id)) {
        // No search dies: row 0 is an unreached dead state, so that 0 can mean dead.
        order.insert(0, usize::MAX);
    }
    let mut number = vec![0u32; states.len()];
    for (n, &i) in order.iter().enumerate() {
        if i != usize::MAX {
            number[i] = (n * stride) as u32;
        }
    }
    let id_of = |id: &StateID| number[index[id]];
    let matches = states.iter().filter(|id| dfa.is_match_state(**id)).count();
    let mut distinct: Vec<u32> = Vec::new();
    let start_of: Vec<u8> = starts
        .iter()
        .map(|id| {
            let id = id_of(id);
            let at = distinct.iter().position(|&s| s == id).unwrap_or_else(|| {
                distinct.push(id);
                distinct.len() - 1
            });
            u8::try_from(at).ok()
        })
        .collect::<Option<_>>()?;
    let mut table = Vec::new();
    let big = env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let word = |table: &mut Vec<u8>, w: u32| match big {
        true => table.extend_from_slice(&w.to_be_bytes()),
        false => table.extend_from_slice(&w.to_le_bytes()),
    };
    word(&mut table, columns as u32);
    word(&mut table, ((matches + 1) * stride) as u32);
    table.extend_from_slice(&classes);
    table.extend_from_slice(&start_of);
    table.resize(table.len().next_multiple_of(4), 0);
    for &start in &distinct {
        word(&mut table, start);
    }
    for &i in &order {
        match i {
            usize::MAX => (0..stride).for_each(|_| word(&mut table, 0)),
            i => rows[i]
                .iter()
                .for_each(|next| word(&mut table, id_of(next))),
        }
    }
    Some(table)
}

/// Appends `bytes` to `blob`, 4-aligned as a table's words are read; returns their (start, end).
fn store(bytes: Vec<u8>, blob: &mut Vec<u8>) -> (usize, usize) {
    let start = blob.len();
    blob.extend_from_slice(&bytes);
    let end = blob.len();
    blob.resize(end.next_multiple_of(4), 0);
    (start, end)
}

/// Every phrase, reference, group term and exclusion of every item: what goes into the
/// phrase trie (`src/rules/compile/phrases.rs`).
fn phrases_of(set: &serde_yaml::Value) -> Vec<String> {
    let strings = |value: &serde_yaml::Value| -> Vec<String> {
        let one = value.as_str().map(str::to_owned);
        let many = value.as_sequence().into_iter().flatten();
        one.into_iter()
            .chain(many.filter_map(|v| v.as_str().map(str::to_owned)))
            .collect()
    };
    let mut phrases = Vec::new();
    for item in set["items"].as_sequence().into_iter().flatten() {
        let signals = &item["signals"];
        phrases.extend(strings(&signals["references"]));
        phrases.extend(strings(&signals["exclusions"]));
        let written = ["phrases", "services"]
            .into_iter()
            .flat_map(|key| signals[key].as_sequence().into_iter().flatten());
        for phrase in written {
            phrases.extend(
                phrase
                    .as_str()
                    .or_else(|| phrase["phrase"].as_str())
                    .map(str::to_owned),
            );
        }
        for group in signals["groups"].as_sequence().into_iter().flatten() {
            for key in ["all", "any", "not", "except"] {
                let terms = group[key].as_sequence().into_iter().flatten();
                phrases.extend(terms.flat_map(strings));
            }
        }
    }
    phrases
}

/// The phrase table: every phrase's spellings as steps, sorted by phrase for binary search (a
/// phrase that does not parse is left out: validation refuses it). Integers into one string,
/// not `&str`s: a table of 23,000 string slices made the loader relocate every one of them at
/// each start, a millisecond of every run.
fn phrase_table(phrases: &[String]) -> String {
    let stems = words::Stems::default();
    let mut strings = Strings::default();
    let (mut entries, mut spellings, mut steps) = (String::new(), String::new(), String::new());
    let (mut spelling_count, mut step_count) = (0, 0);
    for text in phrases {
        let Ok(written) = phrase::steps(text, &stems) else {
            continue;
        };
        let (start, end) = strings.intern(text);
        let first = spelling_count;
        for spelling in written {
            let first_step = step_count;
            for (punctuation, gap, word, stem) in spelling {
                let [p, w, s] = [punctuation, word, stem].map(|part| strings.intern(&part));
                let _ = write!(
                    steps,
                    "[{},{},{gap},{},{},{},{}],",
                    p.0, p.1, w.0, w.1, s.0, s.1
                );
                step_count += 1;
            }
            let _ = write!(spellings, "[{first_step},{step_count}],");
            spelling_count += 1;
        }
        let _ = writeln!(entries, "    [{start},{end},{first},{spelling_count}],");
    }
    format!(
        "static PHRASE_TEXT: &str = {:?};\n\
         static PHRASE_ENTRIES: &[[u32; 4]] = &[\n{entries}];\n\
         static PHRASE_SPELLINGS: &[[u32; 2]] = &[{spellings}];\n\
         static PHRASE_STEPS: &[[u32; 7]] = &[{steps}];\n",
        strings.text
    )
}

/// Strings written once each into one text, as (start, end) byte offsets.
#[derive(Default)]
struct Strings {
    text: String,
    at: std::collections::HashMap<String, (usize, usize)>,
}

impl Strings {
    fn intern(&mut self, string: &str) -> (usize, usize) {
        if let Some(&range) = self.at.get(string) {
            return range;
        }
        let range = (self.text.len(), self.text.len() + string.len());
        self.text.push_str(string);
        self.at.insert(string.to_owned(), range);
        range
    }
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
