//! `check --output-dir DIR`: one HTML report per plan and an index page with the league table
//! linking to them, so a reviewer of many plans can share a folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use miette::IntoDiagnostic;

use super::output;
use crate::audit::Report;
use crate::report::html;

/// The index page's name inside the output directory.
pub const INDEX: &str = "index.html";

/// Writes every page atomically. A page whose path is one of `inputs` stops the run before
/// anything is written.
pub fn write(dir: &Path, report: &Report<'_>, inputs: &[PathBuf]) -> miette::Result<()> {
    let names = page_names(report);
    let targets: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.join(n))
        .chain([dir.join(INDEX)])
        .collect();
    for target in &targets {
        super::check::refuse_overwriting_input(target, inputs)?;
    }
    std::fs::create_dir_all(dir)
        .into_diagnostic()
        .map_err(|e| e.wrap_err(format!("cannot create --output-dir {}", dir.display())))?;
    for (file, target) in report.files.iter().zip(&targets) {
        output::write_file(target, &html::plan_page(file, report.rules))?;
    }
    let index = html::index(report, &|i| names[i].clone());
    output::write_file(&dir.join(INDEX), &index)
}

/// A page name per plan: its file stem with `.html`, numbered when two plans share a stem
/// (`plan.html`, `plan-2.html`), never the index's name.
fn page_names(report: &Report<'_>) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::from([INDEX.to_owned()]);
    report
        .files
        .iter()
        .map(|file| {
            let stem = Path::new(&file.document.path)
                .file_stem()
                .map_or("plan".into(), |s| s.to_string_lossy().into_owned());
            let name = (1..)
                .map(|n| match n {
                    1 => format!("{stem}.html"),
                    n => format!("{stem}-{n}.html"),
                })
                .find(|name| !taken.contains(name))
                .unwrap_or_default();
            taken.insert(name.clone());
            name
        })
        .collect()
}
