//! `planaudit rules`: see what planaudit checks and why.

use std::fmt::Write;

use clap::Subcommand;

use super::{RuleArgs, exit, output};
use crate::rules::{Item, RuleSet};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every framework and its items.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show one item: its statement, summary, challenge questions and signals.
    #[command(after_help = "Example:\n  planaudit rules show O6")]
    Show {
        /// Item id, e.g. O6 or P11.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

pub fn run(command: RulesCommand) -> miette::Result<u8> {
    let text = match command {
        RulesCommand::List { rules } => list(rules.catalog()?.0.sets()),
        RulesCommand::Show { id, rules } => {
            let (catalog, _) = rules.catalog()?;
            let (set, item) = catalog.item(&id)?;
            show(set, item)
        }
    };
    output::print(&text)?;
    Ok(exit::CLEAN)
}

fn list(sets: &[RuleSet]) -> String {
    let mut out = String::new();
    for set in sets {
        let _ = writeln!(out, "{} — {} ({} items)", set.id, set.name, set.items.len());
        let _ = writeln!(out, "  source: {}", set.source);
        let width = set.items.iter().map(|i| i.id.len()).max().unwrap_or(0);
        for item in &set.items {
            let _ = writeln!(out, "  {:width$}  {}", item.id, item.title);
        }
        out.push('\n');
    }
    out
}

fn show(set: &RuleSet, item: &Item) -> String {
    let mut out = format!("{} — {}\n", item.id, item.title);
    let _ = writeln!(out, "framework: {} ({})", set.id, set.name);
    let _ = writeln!(out, "source: {}\n", set.source);
    let _ = writeln!(out, "Statement\n  {}\n", item.statement.trim());
    let _ = writeln!(out, "Summary\n  {}\n", item.summary.trim());
    if !item.questions.is_empty() {
        out.push_str("Challenge questions\n");
        for question in &item.questions {
            let _ = writeln!(out, "  • {}", question.trim());
        }
        out.push('\n');
    }
    out.push_str("Signals\n");
    let signals = &item.signals;
    for (name, list) in [
        ("references", &signals.references),
        ("phrases", &signals.phrases),
        ("patterns", &signals.patterns),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "  {name} ({}): {}", list.len(), list.join(", "));
        }
    }
    out
}
