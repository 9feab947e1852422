//! `planaudit rules`: see what planaudit checks and why, and prove rule files.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::setup::{ConfigArgs, Setup};
use super::{RuleArgs, exit, output};
use crate::audit::{Code, test_examples};
use crate::rules::{Catalog, Item, Obligation, RuleSet, Signals, Weighted};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every framework and its items, and the finding codes.
    List {
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show one item (statement, summary, challenge questions, signals and examples), one
    /// finding code (what it flags, why, what to do) or one framework's items.
    #[command(
        after_help = "Examples:\n  planaudit rules show O6\n  planaudit rules show orphan-section\n  planaudit rules show outcomes"
    )]
    Show {
        /// Item id, e.g. O6 or P11, a finding code, e.g. orphan-section, or a framework id,
        /// e.g. outcomes.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the Markdown reference of every rule set (docs/rules.md is this output).
    Docs {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Validate rule files; errors point into the YAML.
    #[command(after_help = "Example:\n  planaudit rules check my-rules.yaml")]
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run every item's examples (the built-in rule sets when no file is given).
    #[command(
        after_help = "Examples:\n  planaudit rules test\n  planaudit rules test my-rules.yaml"
    )]
    Test {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Suggest phrases for an item from labelled plans, as YAML for a person to review.
    Suggest(super::suggest::SuggestArgs),
}

pub fn run(command: RulesCommand) -> miette::Result<u8> {
    let (text, code) = match command {
        RulesCommand::List { rules, config } => {
            let setup = Setup::new(&rules, &config, &[])?;
            let mut text = frameworks(setup.catalog.sets());
            text.push_str(&codes());
            (text, exit::CLEAN)
        }
        RulesCommand::Show { id, rules, config } => (show_id(&id, &rules, &config)?, exit::CLEAN),
        // Markdown for docs/rules.md, never fitted to a terminal.
        RulesCommand::Docs { rules } => {
            output::print(&docs(rules.catalog()?.0.sets()))?;
            return Ok(exit::CLEAN);
        }
        RulesCommand::Check { files } => check(&files),
        RulesCommand::Test { files } => test(&files)?,
        RulesCommand::Suggest(args) => return super::suggest::run(args),
    };
    output::print_fitted(&text)?;
    Ok(code)
}

/// Each rule set with its items.
fn frameworks<'a>(sets: impl Iterator<Item = &'a RuleSet>) -> String {
    let mut out = String::new();
    for set in sets {
        let items = crate::report::counted(set.items.len(), "item");
        let _ = writeln!(out, "{} — {} ({items})", set.id, set.name);
        let _ = writeln!(out, "  source: {}", set.source);
        let width = set.items.iter().map(|i| i.id.len()).max().unwrap_or(0);
        for item in &set.items {
            let _ = writeln!(out, "  {:width$}  {}", item.id, item.title);
        }
        out.push('\n');
    }
    out
}

/// The finding codes with their titles.
fn codes() -> String {
    let mut out = String::from("finding codes (`planaudit rules show CODE` explains one)\n");
    let width = Code::all().map(|c| c.as_str().len()).max().unwrap_or(0);
    for code in Code::all() {
        let _ = writeln!(out, "  {:width$}  {}", code.as_str(), code.doc().title);
    }
    out
}

/// A finding code's documentation, or else the item with that id.
fn show_id(id: &str, rules: &RuleArgs, config: &ConfigArgs) -> miette::Result<String> {
    // Item ids are looked up in any case here (`rules show o6`), so codes are too.
    if let Some(code) = Code::parse(&id.to_ascii_lowercase()) {
        return Ok(show_code(code));
    }
    let setup = Setup::new(rules, config, &[])?;
    // A framework's id shows its items, as `rules list` lists them.
    if let Ok(set) = setup.catalog.get(id) {
        return Ok(frameworks(std::iter::once(set)));
    }
    let (set, item) = setup.catalog.item(id)?;
    Ok(show(set, item))
}

fn show(set: &RuleSet, item: &Item) -> String {
    let mut out = format!("{} — {}\n", item.id, item.title);
    let _ = writeln!(out, "framework: {} ({})", set.id, set.name);
    let _ = writeln!(
        out,
        "source: {}",
        item.source.as_deref().unwrap_or(&set.source)
    );
    if item.obligation == Obligation::Should {
        out.push_str("obligation: should (expected, not required: a missing item is a warning)\n");
    }
    if !item.names.is_empty() {
        let _ = writeln!(out, "also called: {}", item.names.join("; "));
    }
    let threshold = item.threshold.unwrap_or(set.thresholds.addressed);
    let _ = writeln!(out, "addressed at: {}\n", super::points(threshold));
    let _ = writeln!(out, "Statement\n  {}\n", item.statement.trim());
    let _ = writeln!(out, "Summary\n  {}\n", item.summary.trim());
    bullets(
        &mut out,
        "Challenge questions",
        item.questions.iter().map(|q| q.trim().to_owned()),
    );
    out.push_str("Signals\n");
    let lines = signal_lists(&item.signals);
    for (name, list) in lines.iter().filter(|(_, l)| !l.is_empty()) {
        let separator = if *name == "groups" { "; " } else { ", " };
        let _ = writeln!(out, "  {name} ({}): {}", list.len(), list.join(separator));
    }
    if let Some(structure) = item.structure {
        let _ = writeln!(
            out,
            "  structure: {}",
            format!("{structure:?}").to_lowercase()
        );
    }
    if item.locality_sections {
        let _ = writeln!(out, "  locality sections: {LOCALITY_SECTIONS}");
    }
    out.push('\n');
    bullets(
        &mut out,
        "Examples that link",
        item.examples.links.iter().cloned(),
    );
    bullets(
        &mut out,
        "Examples that must not link",
        item.examples.does_not_link.iter().cloned(),
    );
    out
}

/// An item's signals, kind by kind, each written as `rules show` prints it.
fn signal_lists(s: &Signals) -> [(&'static str, Vec<String>); 6] {
    [
        ("references", s.references.clone()),
        ("phrases", annotated(&s.phrases)),
        ("services", annotated(&s.services)),
        ("patterns", annotated(&s.patterns)),
        (
            "groups",
            s.groups.iter().map(crate::rules::Group::describe).collect(),
        ),
        ("exclusions", s.exclusions.clone()),
    ]
}

/// Each phrase or pattern, with its weight and scope in brackets where the rule sets them.
fn annotated<K>(list: &[Weighted<K>]) -> Vec<String> {
    list.iter().map(annotate).collect()
}

fn annotate<K>(signal: &Weighted<K>) -> String {
    let mut notes = Vec::new();
    if let Some(weight) = signal.weight {
        notes.push(format!("weight {weight}"));
    }
    if let Some(scope) = signal.scope {
        notes.push(format!("{scope:?}").to_lowercase());
    }
    match notes.is_empty() {
        true => signal.text.clone(),
        false => format!("{} ({})", signal.text, notes.join(", ")),
    }
}

/// What an item with `locality_sections` takes from the plan's layout.
const LOCALITY_SECTIONS: &str = "a section of its own for one of the plan's localities addresses the item when it sets out a purpose or commitment";

/// The rule reference in Markdown: one heading per item, so report links can point at
/// `docs/rules.md#o6`. Generated, like ruff's rule pages, so it never drifts from the rules.
fn docs<'a>(sets: impl Iterator<Item = &'a RuleSet>) -> String {
    let mut out = String::from(
        "# Rule reference\n\nGenerated by `planaudit rules docs` from the built-in rule sets; do not edit by hand. \
         To write rules of your own, see the rule file format in [rules/README.md](../rules/README.md).\n",
    );
    for set in sets {
        let _ = writeln!(
            out,
            "\n## {}: {}\n\nSource: {}",
            set.id, set.name, set.source
        );
        for item in &set.items {
            let _ = writeln!(out, "\n### {}\n\n**{}**", item.id, item.title);
            if !item.names.is_empty() {
                let _ = writeln!(out, "\nAlso called: {}", item.names.join("; "));
            }
            if let Some(source) = &item.source {
                let _ = writeln!(out, "\nSource: {source}");
            }
            let _ = writeln!(
                out,
                "\n> {}\n\n{}",
                item.statement.trim(),
                item.summary.trim()
            );
            if !item.questions.is_empty() {
                out.push_str("\nChallenge questions:\n\n");
                for question in &item.questions {
                    let _ = writeln!(out, "- {}", question.trim());
                }
            }
            let s = &item.signals;
            let _ = writeln!(
                out,
                "\nSignals: {} references, {} phrases, {} services, {} patterns, {} groups (`planaudit rules show {}` lists them).",
                s.references.len(),
                s.phrases.len(),
                s.services.len(),
                s.patterns.len(),
                s.groups.len(),
                item.id
            );
            if item.locality_sections {
                let _ = writeln!(out, "\nLocality sections: {LOCALITY_SECTIONS}.");
            }
        }
    }
    out.push_str("\n## Finding codes\n");
    for code in Code::all() {
        let doc = code.doc();
        let _ = writeln!(
            out,
            "\n### {code}\n\n{} {}\n\n{}\n\nHelp: {}.",
            doc.what, doc.severity, doc.why, doc.help
        );
    }
    out
}

/// A finding code's documentation, as `ruff rule` prints a rule's.
fn show_code(code: Code) -> String {
    let doc = code.doc();
    format!(
        "{code} — {}\n\nWhat it flags\n  {} {}\n\nWhy it matters\n  {}\n\nWhat to do\n  {}\n",
        doc.title, doc.what, doc.severity, doc.why, doc.help
    )
}

fn bullets(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}");
    for line in lines {
        let _ = writeln!(out, "  • {line}");
    }
    out.push('\n');
}

/// Checks every file, each on its own: a bad file's error goes to standard error as it is
/// found, and the files after it are still checked. Files that are each sound are then checked
/// together, as a run with `--rules` for each would load them: one framework id or item id
/// defined twice. Exit 2 when any check failed.
fn check(files: &[PathBuf]) -> (String, u8) {
    let mut out = String::new();
    let mut code = exit::CLEAN;
    for file in files {
        match check_file(file) {
            Ok(line) => out.push_str(&line),
            Err(error) => {
                super::print_error(&error);
                code = exit::ERROR;
            }
        }
    }
    if code == exit::CLEAN
        && files.len() > 1
        && let Err(error) = check_together(files)
    {
        super::print_error(&error);
        code = exit::ERROR;
    }
    (out, code)
}

/// Loads `files` into one catalog and compiles every set of it at once. Each has been said to
/// be ok alone, so a problem here says it is one of the files together.
fn check_together(files: &[PathBuf]) -> miette::Result<()> {
    let together = || -> miette::Result<()> {
        let mut catalog = Catalog::builtin();
        super::add_files(&mut catalog, &[], files)?;
        crate::rules::Rules::new(catalog.user_sets().cloned().collect())?;
        Ok(())
    };
    together().map_err(|e| e.wrap_err("the rule files are each ok alone, but not together"))
}

/// `FILE: ok (…)` for a rule file that loads and compiles.
fn check_file(file: &Path) -> miette::Result<String> {
    // Beside the built-ins, whose item ids a user's file may not take.
    let mut catalog = Catalog::builtin();
    let id = catalog.add_file(file)?;
    super::refuse_code_ids(&catalog)?;
    let set = catalog.get(&id)?;
    crate::rules::Rules::new(vec![set.clone()])?;
    Ok(format!(
        "{}: ok ({} `{}`, {})\n",
        file.display(),
        set.name,
        id,
        crate::report::counted(set.items.len(), "item")
    ))
}

fn test(files: &[PathBuf]) -> miette::Result<(String, u8)> {
    // The user's files beside the built-ins, as a run reads them (an item id of theirs is
    // refused there), and tested alone; one file named twice is read once.
    let mut catalog = Catalog::builtin();
    super::add_files(&mut catalog, &[], files)?;
    let sets: Vec<&crate::rules::RuleSet> = match files.is_empty() {
        true => catalog.sets().collect(),
        false => catalog.user_sets().collect(),
    };
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for set in sets {
        // A user's file is named at the failing example's line, where the fix goes.
        let text = set
            .file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok());
        let place = |result: &crate::audit::ExampleResult| match (&set.file, &text) {
            (Some(file), Some(text)) => {
                use crate::yaml::Step;
                let (item, n) = result.at;
                let list = if result.should_link {
                    "links"
                } else {
                    "does_not_link"
                };
                let path = [
                    Step::Value("items"),
                    Step::Index(item),
                    Step::Value("examples"),
                    Step::Value(list),
                    Step::Index(n),
                ];
                let at = crate::yaml::node_span(text, &path).map_or_else(
                    || crate::yaml::find_value(text, 0, &result.text).start,
                    |s| s.start,
                );
                let line = text[..at].matches('\n').count() + 1;
                format!("{}:{line}: {}", crate::input::escape_name(file), set.id)
            }
            _ => set.id.clone(),
        };
        for result in test_examples(set)? {
            if result.passed {
                passed += 1;
                continue;
            }
            failed += 1;
            let expectation = if result.should_link {
                format!(
                    "should address {} (score {} of {})",
                    result.item,
                    super::score(result.score),
                    super::score(result.threshold)
                )
            } else {
                format!("should not link to {}", result.item)
            };
            let fired = match result.fired.is_empty() {
                true => "no signal fired".to_owned(),
                false => format!("fired: {}", result.fired.join(", ")),
            };
            let _ = writeln!(
                out,
                "FAIL {}: {expectation}\n     \"{}\"\n     {fired}",
                place(&result),
                result.text
            );
        }
    }
    let _ = writeln!(out, "examples: {passed} passed, {failed} failed");
    if passed + failed == 0 {
        out.push_str(
            "no item has examples, so nothing was tested: give items `examples:` with `links:` \
             and `does_not_link:` passages (the rule format, rules/README.md in planaudit's \
             repository, describes them)\n",
        );
    }
    let code = if failed == 0 {
        exit::CLEAN
    } else {
        exit::FINDINGS
    };
    Ok((out, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_takes_a_finding_code_an_item_id_or_a_framework() {
        let rules = RuleArgs { files: Vec::new() };
        let config = ConfigArgs {
            config: None,
            no_config: true,
        };
        let code = show_id("orphan-section", &rules, &config).unwrap();
        assert!(code.contains(Code::OrphanSection.doc().why), "{code}");
        assert_eq!(show_id("ORPHAN-Section", &rules, &config).unwrap(), code);
        let item = show_id("O6", &rules, &config).unwrap();
        assert!(item.starts_with("O6 — "), "{item}");
        assert_eq!(show_id("o6", &rules, &config).unwrap(), item);
        assert!(show_id("no-such-thing", &rules, &config).is_err());
        let set = show_id("statutory", &rules, &config).unwrap();
        assert!(set.starts_with("statutory — "), "{set}");
        assert!(set.contains("\n  S3   Localities\n"), "{set}");
        assert!(!set.contains("finding codes"), "{set}");
    }

    #[test]
    fn list_names_every_finding_code() {
        let text = codes();
        for code in Code::all() {
            assert!(text.contains(&format!("\n  {code} ")), "{code}: {text}");
        }
    }

    #[test]
    fn the_reference_documents_every_code() {
        let reference = docs(std::iter::empty());
        for code in Code::all() {
            assert!(reference.contains(&format!("### {code}\n")), "{code}");
        }
    }
}
