//! Rule sets: YAML → validated [`RuleSet`]s → one compiled [`Matcher`].
//!
//! This stage knows nothing of documents: it turns frameworks into something that can scan text.

mod automaton;
mod compile;
mod error;
mod load;
mod pattern;
mod phrase;
mod schema;
mod trigger;
mod words;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

pub use compile::{Hit, Matcher, Signal, SignalKind};
pub use error::Error;
pub use load::parse;
pub use schema::{
    Examples, Group, Item, Obligation, Pattern, PatternKey, Phrase, PhraseKey, RuleSet, Scope,
    Signals, Structure, Term, TextKey, Thresholds, Weighted,
};
pub use words::Stems;

/// A built-in rule set as `build.rs` embeds it: its JSON, and the ids a run needs of a set it
/// does not audit, so that set's JSON is never read.
#[derive(Debug)]
struct BuiltinSet {
    /// The YAML file it was made from, as errors and tests name it.
    path: &'static str,
    /// Its framework id.
    id: &'static str,
    /// Its items' ids, in file order.
    items: &'static [&'static str],
    /// The set as JSON, which reads ten times faster than the YAML.
    json: &'static str,
}

// The built-in rule sets, embedded at build time from every `rules/*.yaml`:
// `const BUILTIN: &[BuiltinSet]`, by file name.
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// How rule files are named in errors.
const RULE_FILE: crate::input::Kind = crate::input::Kind {
    noun: "rule file",
    read_help: "check the rule file's path, as given to --rules or `rules check`, or in planaudit.yaml's `rules`",
};

/// Frameworks checked when the user names none.
pub const DEFAULT_FRAMEWORKS: &[&str] = &["outcomes", "principles"];

/// Every rule set available to a run: the built-ins plus the user's files.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Entry>,
}

/// One set of a [`Catalog`]. A built-in is read from its JSON when first asked for: a run of
/// the default frameworks never reads the other two, a third of the built-in JSON.
#[derive(Debug, Clone)]
enum Entry {
    Builtin(&'static BuiltinSet, OnceLock<RuleSet>),
    /// A user's file, read when it was added.
    File(RuleSet),
}

impl Entry {
    /// Its framework id, known before a built-in is read.
    fn id(&self) -> &str {
        match self {
            Entry::Builtin(builtin, _) => builtin.id,
            Entry::File(set) => &set.id,
        }
    }

    /// The set, read now if it is a built-in not yet read.
    fn set(&self) -> &RuleSet {
        match self {
            Entry::Builtin(builtin, set) => set.get_or_init(|| builtin.read()),
            Entry::File(set) => set,
        }
    }

    /// The set, taken out of the catalog.
    fn into_set(self) -> RuleSet {
        match self {
            Entry::Builtin(builtin, set) => set.into_inner().unwrap_or_else(|| builtin.read()),
            Entry::File(set) => set,
        }
    }

    /// "`statutory` (built in)" or "`local` (rules/local.yaml)", without reading a built-in.
    fn described(&self) -> String {
        match self {
            Entry::Builtin(builtin, _) => format!("`{}` (built in)", builtin.id),
            Entry::File(set) => set.described(),
        }
    }

    /// Its items' ids, without reading a built-in's JSON.
    fn item_ids(&self) -> Vec<&str> {
        match self {
            Entry::Builtin(builtin, _) => builtin.items.to_vec(),
            Entry::File(set) => set.items.iter().map(|item| item.id.as_str()).collect(),
        }
    }
}

impl BuiltinSet {
    /// Reads the set from its JSON. A test
    /// (`builtins_pass_full_validation_and_load_alike_from_yaml_and_json`) reads every
    /// built-in, so a set that cannot be read is a broken build, not a user's input.
    fn read(&self) -> RuleSet {
        load::parse_builtin(self.path, self.json).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Catalog {
    /// The built-in rule sets: the default frameworks first, then the others by id.
    pub fn builtin() -> Self {
        let builtins = BUILTIN
            .iter()
            .map(|set| Entry::Builtin(set, OnceLock::new()));
        let mut entries: Vec<Entry> = builtins.collect();
        entries.sort_by_key(|entry| {
            let default = DEFAULT_FRAMEWORKS.iter().position(|id| *id == entry.id());
            (
                default.unwrap_or(DEFAULT_FRAMEWORKS.len()),
                entry.id().to_owned(),
            )
        });
        Self { entries }
    }

    /// Adds a user's rule file. A set whose id matches a built-in replaces it, so a team can
    /// tune a framework without forking planaudit; two of the user's files with one id are
    /// refused, as one would silently hide the other. Returns the set's id.
    pub fn add_file(&mut self, path: &Path) -> Result<String, Error> {
        let source = crate::input::Source::read(path, RULE_FILE)?;
        let mut set = load::parse_source(&source)?;
        set.file = Some(source.name.clone());
        self.refuse_shared_items(&source, &set)?;
        let id = set.id.clone();
        match self.entries.iter_mut().find(|entry| entry.id() == set.id) {
            Some(Entry::File(existing)) => {
                return Err(Error::DuplicateFramework {
                    id,
                    first: existing.file.clone().unwrap_or_default(),
                    second: source.name,
                });
            }
            Some(existing) => *existing = Entry::File(set),
            None => self.entries.push(Entry::File(set)),
        }
        Ok(id)
    }

    /// Refuses an item of `set` whose id another set (one `set` does not replace) has, at the
    /// item's `id:` line: waivers, comments, `explain` and `rules show` name an item by its id
    /// alone, so a local `S3` beside the built-in one worked under `-f local` and failed, or
    /// showed the other, everywhere else.
    fn refuse_shared_items(
        &self,
        source: &crate::input::Source,
        set: &RuleSet,
    ) -> Result<(), Error> {
        let others = self.entries.iter().filter(|entry| entry.id() != set.id);
        for other in others {
            let ids = other.item_ids();
            let shared = set
                .items
                .iter()
                .enumerate()
                .find(|(_, item)| ids.iter().any(|id| id.eq_ignore_ascii_case(&item.id)));
            if let Some((index, item)) = shared {
                use crate::yaml::Step::{Index, Value};
                let at = [Value("items"), Index(index), Value("id")];
                let span = crate::yaml::node_span(&source.text, &at).unwrap_or_default();
                let message = format!(
                    "item `{}` is also an item of {}",
                    item.id,
                    other.described()
                );
                let help = "give the item another id: waivers, comments and `planaudit explain` name an item by its id alone";
                return Err(source.invalid(span, message, help).into());
            }
        }
        Ok(())
    }

    /// A catalog without the built-ins, for timing users' files alone (the benches).
    pub fn empty() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Every item id of every set, selected or not: what a label may name.
    pub fn item_ids(&self) -> BTreeSet<String> {
        let items = self.entries.iter().flat_map(Entry::item_ids);
        items.map(str::to_owned).collect()
    }

    /// Every rule set known: built-ins first, then users' files in the order added. Reads
    /// every built-in.
    pub fn sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.entries.iter().map(Entry::set)
    }

    /// The sets read from users' files, in the order added.
    pub fn user_sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.entries.iter().filter_map(|entry| match entry {
            Entry::File(set) => Some(set),
            Entry::Builtin(..) => None,
        })
    }

    /// Every framework id known, in [`Catalog::sets`] order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(Entry::id)
    }

    /// The set with framework id `id`.
    pub fn get(&self, id: &str) -> Result<&RuleSet, Error> {
        self.position(id).map(|at| self.entries[at].set())
    }

    /// Where the set with framework id `id` is in [`Catalog::sets`].
    fn position(&self, id: &str) -> Result<usize, Error> {
        self.entries
            .iter()
            .position(|entry| entry.id() == id)
            .ok_or_else(|| Error::UnknownFramework {
                id: id.to_owned(),
                available: self.ids().collect::<Vec<_>>().join(", "),
                near: nearly(id, self.ids())
                    .map(|near| format!("did you mean `{near}`? "))
                    .unwrap_or_default(),
            })
    }

    /// Finds an item by id (case-insensitive) in any set.
    pub fn item(&self, id: &str) -> Result<(&RuleSet, &Item), Error> {
        self.sets()
            .flat_map(|set| set.items.iter().map(move |item| (set, item)))
            .find(|(_, item)| item.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| Error::UnknownItem { id: id.to_owned() })
    }

    /// Compiles the named frameworks, in the order given, for an audit.
    pub fn select<S: AsRef<str>>(&self, ids: &[S]) -> Result<Rules, Error> {
        let chosen = self.chosen(ids)?;
        let others = self.ids_outside(&chosen);
        let sets = chosen.into_iter().map(|at| self.entries[at].set().clone());
        Ok(Rules::new(sets.collect())?.knowing(others))
    }

    /// Compiles the named frameworks as [`Catalog::select`] does, taking the sets instead of
    /// copying them, for a run that needs the catalog no more: copying the built-in sets was
    /// a twentieth of an empty plan's run.
    pub fn into_rules<S: AsRef<str>>(self, ids: &[S]) -> Result<Rules, Error> {
        let chosen = self.chosen(ids)?;
        let others = self.ids_outside(&chosen);
        let mut entries: Vec<Option<Entry>> = self.entries.into_iter().map(Some).collect();
        let sets = chosen.into_iter().filter_map(|at| entries[at].take());
        Ok(Rules::new(sets.map(Entry::into_set).collect())?.knowing(others))
    }

    /// The item ids, lowercased, of the sets not at `chosen` positions, none of them read.
    fn ids_outside(&self, chosen: &[usize]) -> BTreeSet<String> {
        let others = self.entries.iter().enumerate();
        let others = others.filter(|(at, _)| !chosen.contains(at));
        let items = others.flat_map(|(_, entry)| entry.item_ids());
        items.map(str::to_ascii_lowercase).collect()
    }

    /// Refuses a framework id that [`Catalog::into_rules`] would refuse, without compiling.
    pub fn check_frameworks<S: AsRef<str>>(&self, ids: &[S]) -> Result<(), Error> {
        self.chosen(ids).map(drop)
    }

    /// Where the named sets are, in the order named, each once.
    fn chosen<S: AsRef<str>>(&self, ids: &[S]) -> Result<Vec<usize>, Error> {
        let mut chosen = Vec::new();
        for id in ids {
            let at = self.position(id.as_ref())?;
            if !chosen.contains(&at) {
                chosen.push(at);
            }
        }
        Ok(chosen)
    }
}

/// The selected frameworks, compiled. Items are numbered in framework order, then file order.
#[derive(Debug)]
pub struct Rules {
    sets: Vec<RuleSet>,
    /// Item number → (set, item) positions.
    items: Vec<(usize, usize)>,
    matcher: Matcher,
    names: Vec<ItemName>,
    /// Every distinct name of `names`, built on first use by [`Rules::names_in`].
    name_automaton: OnceLock<Option<AhoCorasick>>,
    /// Item ids (lowercased) of known frameworks this audit did not select: a plan's waiver
    /// or `addresses` comment may name them for another run, and is not a typo.
    unselected: BTreeSet<String>,
}

/// One way a plan names an item (its id, title, one of its `names` or a reference), lowercased,
/// with a substring searcher made once: a plan's claims are looked for in every cell of a
/// table, and preparing each name again per cell was over 40% of a dense 1 MB plan's audit.
#[derive(Debug)]
pub struct ItemName {
    /// The item's number in [`Rules::items`].
    pub item: usize,
    /// The name is words — a title ("Market facilitation") or a document's name ("market
    /// facilitation statement") — which ordinary prose uses too, rather than a numbered name
    /// ("S7", "outcome 7", "principle (xi)") that only a mapping does.
    pub is_words: bool,
    /// The number of its lowercased spelling among the distinct names.
    distinct: usize,
    /// Finds the lowercased name in lowercased text.
    pub finder: memchr::memmem::Finder<'static>,
}

/// One item of [`Rules`] with the framework it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    /// The item's number in [`Rules::items`], which links, coverage and findings index by.
    pub index: usize,
    /// The rule set that defines it.
    pub framework: &'a RuleSet,
    /// The item as written in its rule file.
    pub item: &'a Item,
}

impl ItemRef<'_> {
    /// Score at which a section addresses this item.
    pub fn threshold(&self) -> f32 {
        self.item
            .threshold
            .unwrap_or(self.framework.thresholds.addressed)
    }
}

impl Rules {
    /// Compiles rule sets for an audit; item ids must be unique across them.
    pub fn new(sets: Vec<RuleSet>) -> Result<Self, Error> {
        let mut items = Vec::new();
        let mut owner: foldhash::HashMap<String, &RuleSet> = Default::default();
        for (s, set) in sets.iter().enumerate() {
            for (i, item) in set.items.iter().enumerate() {
                // Ids are matched without regard to case everywhere (`explain o6`, comments).
                if let Some(first) = owner.insert(item.id.to_ascii_lowercase(), set) {
                    return Err(Error::DuplicateItem {
                        id: item.id.clone(),
                        first: first.described(),
                        second: set.described(),
                    });
                }
                items.push((s, i));
            }
        }
        let matcher = Matcher::new(items.iter().map(|&(s, i)| {
            let item = &sets[s].items[i];
            (item, item.threshold.unwrap_or(sets[s].thresholds.addressed))
        }))
        .map_err(|e| Error::Compile {
            message: e.to_string(),
        })?;
        let mut distinct: foldhash::HashMap<String, usize> = Default::default();
        let names = items
            .iter()
            .enumerate()
            .flat_map(|(index, &(s, i))| {
                let item = &sets[s].items[i];
                let names = [&item.id, &item.title].into_iter();
                let names = names.chain(&item.names).chain(&item.signals.references);
                names.map(move |name| (index, name.to_lowercase()))
            })
            .filter(|(_, name)| !name.is_empty())
            .map(|(item, name)| {
                let next = distinct.len();
                ItemName {
                    item,
                    is_words: !name.contains(|c: char| c.is_ascii_digit() || c == '('),
                    distinct: *distinct.entry(name.clone()).or_insert(next),
                    finder: memchr::memmem::Finder::new(name.as_bytes()).into_owned(),
                }
            })
            .collect();
        Ok(Self {
            sets,
            items,
            matcher,
            names,
            name_automaton: OnceLock::new(),
            unselected: BTreeSet::new(),
        })
    }

    /// These rules, knowing the item ids of the catalog's other frameworks.
    fn knowing(self, unselected: BTreeSet<String>) -> Self {
        Self { unselected, ..self }
    }

    /// Whether `id` names an item of a known framework this audit did not select.
    pub fn is_unselected_item(&self, id: &str) -> bool {
        self.unselected.contains(&id.to_ascii_lowercase())
    }

    /// Every item's id, title, names and references, lowercased, none empty, that occurs in
    /// `lower` (lowercased text): in item order and that order within an item, as a cheap
    /// first pass: each still needs its own search for a whole-word match. One
    /// automaton pass over a table cell replaced a search per name (~300 of them for all
    /// frameworks), which was 9% of a dense 1 MB plan's audit.
    pub fn names_in(&self, lower: &str) -> impl Iterator<Item = &ItemName> {
        let automaton = self.name_automaton.get_or_init(|| self.build_names());
        let mut occurs = vec![automaton.is_none(); self.names.len()];
        for found in automaton
            .iter()
            .flat_map(|a| a.find_overlapping_iter(lower))
        {
            occurs[found.pattern().as_usize()] = true;
        }
        self.names.iter().filter(move |name| occurs[name.distinct])
    }

    /// An automaton of the distinct names, numbered as [`ItemName::distinct`]; `None` if it
    /// cannot be built (it always can for names of rule files, which are small).
    fn build_names(&self) -> Option<AhoCorasick> {
        let mut distinct: Vec<(usize, &[u8])> = self
            .names
            .iter()
            .map(|name| (name.distinct, name.finder.needle()))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        AhoCorasick::new(distinct.iter().map(|(_, name)| name)).ok()
    }

    /// The rule sets selected, in the order given.
    pub fn frameworks(&self) -> &[RuleSet] {
        &self.sets
    }

    /// Every item of every selected set, numbered in order: set by set, file order within a set.
    pub fn items(&self) -> impl ExactSizeIterator<Item = ItemRef<'_>> + '_ {
        (0..self.items.len()).map(|i| self.item(i))
    }

    /// The item numbered `index`; panics on a number not from [`Rules::items`].
    pub fn item(&self, index: usize) -> ItemRef<'_> {
        let (s, i) = self.items[index];
        ItemRef {
            index,
            framework: &self.sets[s],
            item: &self.sets[s].items[i],
        }
    }

    /// The compiled signals of every item, scanned once per plan.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }
}

/// The id of `ids` that `id` was nearly: the same in another case, with `_` for `-`, or with
/// an "s" more or less (`outcome`, `National_Voices`).
fn nearly<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let plain = |id: &str| {
        id.to_lowercase()
            .replace('_', "-")
            .trim_end_matches('s')
            .to_owned()
    };
    let wanted = plain(id);
    ids.into_iter().find(|known| plain(known) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_the_sets_compiles_what_copying_them_does() {
        let ids = ["principles", "outcomes", "principles"];
        let ids_of = |rules: &Rules| -> Vec<String> {
            rules.frameworks().iter().map(|f| f.id.clone()).collect()
        };
        let copied = Catalog::builtin().select(&ids).unwrap();
        let taken = Catalog::builtin().into_rules(&ids).unwrap();
        assert_eq!(ids_of(&taken), ["principles", "outcomes"]);
        assert_eq!(ids_of(&taken), ids_of(&copied));
        assert_eq!(
            taken.matcher().signals().len(),
            copied.matcher().signals().len()
        );
        let unknown = Catalog::builtin().into_rules(&["outcomes", "nope"]);
        assert!(
            matches!(unknown, Err(Error::UnknownFramework { ref near, .. }) if near.is_empty())
        );
    }

    /// An id one letter, a case or a `_` away from a framework's is told which it nearly is.
    #[test]
    fn an_unknown_framework_is_told_the_one_it_nearly_is() {
        let near = |id: &str| match Catalog::builtin().get(id) {
            Err(Error::UnknownFramework { near, .. }) => near,
            other => panic!("{id}: {other:?}"),
        };
        assert_eq!(near("outcome"), "did you mean `outcomes`? ");
        assert_eq!(near("National_Voices"), "did you mean `national-voices`? ");
        assert_eq!(near("principle"), "did you mean `principles`? ");
        assert_eq!(near("nope"), "");
    }

    #[test]
    fn builtins_pass_full_validation_and_load_alike_from_yaml_and_json() {
        for builtin in BUILTIN {
            let path = builtin.path;
            let yaml = std::fs::read_to_string(path).unwrap();
            let from_yaml = parse(path, &yaml).unwrap_or_else(|e| panic!("{path}: {e:?}"));
            let from_json = load::parse_builtin(path, builtin.json).unwrap();
            assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"), "{path}");
            // The ids a run reads in place of an unselected set's JSON are the set's own.
            assert_eq!(builtin.id, from_yaml.id, "{path}");
            let items: Vec<&str> = from_yaml.items.iter().map(|i| i.id.as_str()).collect();
            assert_eq!(builtin.items, items, "{path}");
        }
    }

    #[test]
    fn an_audit_of_some_frameworks_reads_no_other_built_in() {
        let catalog = Catalog::builtin();
        let rules = catalog.select(&["outcomes"]).unwrap();
        let read: Vec<&str> = catalog
            .entries
            .iter()
            .filter(|entry| matches!(entry, Entry::Builtin(_, set) if set.get().is_some()))
            .map(Entry::id)
            .collect();
        assert_eq!(read, ["outcomes"]);
        // Still, a waiver may name an item of a set left unread.
        assert!(rules.is_unselected_item("P3") && rules.is_unselected_item("nv12"));
    }

    #[test]
    fn every_yaml_file_in_rules_is_built_in_defaults_first() {
        let mut files: Vec<String> = std::fs::read_dir("rules")
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .filter(|p| p.ends_with(".yaml"))
            .collect();
        files.sort();
        let built_in: Vec<&str> = BUILTIN.iter().map(|set| set.path).collect();
        assert_eq!(files, built_in);
        let catalog = Catalog::builtin();
        let ids: Vec<&str> = catalog.sets().map(|s| s.id.as_str()).collect();
        assert_eq!(ids[..DEFAULT_FRAMEWORKS.len()], *DEFAULT_FRAMEWORKS);
        assert_eq!(ids, catalog.ids().collect::<Vec<_>>());
    }

    #[test]
    fn bad_padding_in_a_phrase_is_a_located_error() {
        let text = "schema_version: 1
id: demo
name: Demo
source: Test
items:
  - id: D1
    title: Carers
    statement: Carers are supported.
    summary: Says how.
    questions: [How?]
    signals:
      phrases: [unpaid carers, 'manage ...9 health']
";
        match parse("demo.yaml", text).unwrap_err() {
            Error::Invalid(e) => {
                assert_eq!((e.line, e.column), (12, 33), "{}", e.message);
                assert!(e.message.contains("`...9`"), "{}", e.message);
            }
            other => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn phrases_and_patterns_share_one_written_form() {
        let signals: Signals = crate::yaml::from_str(
            "phrases: [a, {phrase: b, weight: 2, scope: heading}]\npatterns: [{pattern: c}]",
        )
        .unwrap();
        assert_eq!(signals.phrases[1].text, "b");
        assert_eq!(signals.phrases[1].weight, Some(2.0));
        assert_eq!(signals.phrases[1].scope, Some(Scope::Heading));
        assert_eq!(signals.patterns[0].text, "c");
        let wrong: Result<Signals, _> = crate::yaml::from_str("patterns: [{phrase: c}]");
        assert!(wrong.is_err(), "a pattern is written with `pattern`");
    }
}
