//! `check --output-dir DIR`: one HTML report per plan and an index page with the league table
//! linking to them, so a reviewer of many plans can share a folder. Pages are written as plans
//! are audited, into temporary files beside them; the index comes last, and then every page is
//! put in place. A run that fails never finishes, and leaves the folder as it was; one that
//! finishes removes the pages of plans it no longer audits (those the old index linked, if
//! planaudit wrote them), so the folder matches its index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use miette::IntoDiagnostic;

use super::output;
use crate::audit::FileReport;
use crate::report::html::{self, INDEX};
use crate::report::league::{League, Row};
use crate::rules::Rules;

pub struct Site {
    dir: PathBuf,
    /// Page name per plan, by the plan's path as reports show it.
    pages: BTreeMap<String, String>,
    rows: Vec<Row>,
    written: output::Staged,
    /// The folders [`Site::new`] made, innermost first: a run that fails removes them again.
    created: Vec<PathBuf>,
    /// The configuration file the run read, named on every page.
    config: Option<String>,
}

impl Site {
    /// Names a page for every plan and refuses, before anything is written, a page that would
    /// land on one of `inputs`, or on the file standard input is read from when a plan is
    /// `piped` in.
    pub fn new(
        dir: &Path,
        plans: &[PathBuf],
        inputs: &[(&str, &Path)],
        piped: bool,
        config: Option<String>,
    ) -> miette::Result<Self> {
        let pages = page_names(plans);
        let paths: Vec<PathBuf> = (pages.values().chain([&INDEX.to_owned()]))
            .map(|name| dir.join(name))
            .collect();
        for page in &paths {
            output::refuse_inputs("--output-dir", page, inputs)?;
            if piped {
                output::refuse_stdin("--output-dir", page)?;
            }
        }
        // After the inputs: a page on the rule file is better said to be on the rule file.
        for page in &paths {
            refuse_foreign(page)?;
        }
        if let Some(meta) = std::fs::metadata(dir).ok().filter(|m| !m.is_dir()) {
            let kind = crate::input::special_kind(&meta.file_type()).unwrap_or("a file");
            miette::bail!(
                help = "name a directory, new or existing: the pages and index.html go inside it",
                "--output-dir {} is {kind}, not a directory",
                dir.display()
            );
        }
        let created = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        std::fs::create_dir_all(dir)
            .into_diagnostic()
            .map_err(|e| e.wrap_err(format!("cannot create --output-dir {}", dir.display())))?;
        Ok(Self {
            dir: dir.to_owned(),
            pages,
            rows: Vec::new(),
            written: output::Staged::default(),
            created,
            config,
        })
    }

    /// Writes one plan's page and keeps its league row for the index.
    pub fn add(&mut self, file: &FileReport, rules: &Rules) -> miette::Result<()> {
        let path = &file.document.path;
        let name = self
            .pages
            .get(path)
            .cloned()
            .unwrap_or_else(|| page_name(path));
        let page = html::plan_page(file, rules, self.config.as_deref());
        self.written.write(&self.dir.join(&name), &page)?;
        self.rows.push(Row::of(file, rules));
        Ok(())
    }

    /// Writes the index (the league table of the plans added, each linking to its page), puts
    /// every page in place, and removes the pages an earlier run's index linked that this run
    /// did not write: a folder re-run with fewer plans would otherwise keep pages no index
    /// reaches, and a reviewer would share them.
    pub fn finish(mut self) -> miette::Result<()> {
        let earlier = linked_pages(&self.dir);
        let league = League::from_rows(std::mem::take(&mut self.rows));
        let pages = &self.pages;
        let index = html::index(
            &league,
            &|plan| pages.get(plan).cloned(),
            self.config.as_deref(),
        );
        self.written.write(&self.dir.join(INDEX), &index)?;
        std::mem::take(&mut self.written).commit()?;
        self.created.clear();
        let current: BTreeSet<&String> = self.pages.values().collect();
        for stale in earlier.iter().filter(|name| !current.contains(name)) {
            let path = self.dir.join(stale);
            if is_own_page(&path) {
                std::fs::remove_file(&path)
                    .into_diagnostic()
                    .map_err(|e| e.wrap_err(format!("cannot remove {}", path.display())))?;
            }
        }
        Ok(())
    }
}

impl Drop for Site {
    /// A run that did not finish drops its waiting pages, then the folders it made for them.
    fn drop(&mut self) {
        drop(std::mem::take(&mut self.written));
        for dir in &self.created {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// The pages an index planaudit wrote in `dir` links to, by file name; none when there is no
/// such index.
fn linked_pages(dir: &Path) -> Vec<String> {
    let index = dir.join(INDEX);
    if !is_own_page(&index) {
        return Vec::new();
    }
    let text = std::fs::read_to_string(index).unwrap_or_default();
    let links = text
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next());
    // Only a page beside the index: never a path elsewhere, nor the index itself.
    let page = |name: &&str| {
        name.ends_with(".html") && *name != INDEX && !name.contains(['/', '\\', '#', ':'])
    };
    links.filter(page).map(str::to_owned).collect()
}

/// Refuses a page that would replace a file planaudit did not write: an HTML plan left out of
/// the run, or a reviewer's own `index.html`, is as much the user's as an input is.
fn refuse_foreign(page: &Path) -> miette::Result<()> {
    if std::fs::symlink_metadata(page).is_err() || is_own_page(page) {
        return Ok(());
    }
    miette::bail!(
        help = "choose another folder for --output-dir, or move the file: only pages planaudit \
                wrote are replaced",
        "--output-dir would write over {}, which planaudit did not write",
        page.display()
    )
}

/// Whether `path` is a regular file (not a link) whose head says planaudit wrote it.
fn is_own_page(path: &Path) -> bool {
    use std::io::Read;
    let marker = format!("<meta name=\"generator\" content=\"{}\">", html::GENERATOR);
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    read.is_ok() && String::from_utf8_lossy(&head).contains(&marker)
}

/// A page name per plan: its file stem with `.html`, numbered when two plans share a stem
/// (`plan.html`, `plan-2.html`), never the index's name. Stems are made safe to link first.
/// Names are told apart without regard to case: on macOS or Windows, or in a zip opened
/// there, `Plan.html` and `plan.html` are one file.
fn page_names(plans: &[PathBuf]) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BTreeSet::from([INDEX.to_owned()]);
    plans
        .iter()
        .map(|plan| {
            let stem = page_name(&plan.display().to_string());
            let stem = stem.trim_end_matches(".html");
            let name = (1..)
                .map(|n| match n {
                    1 => format!("{stem}.html"),
                    n => format!("{stem}-{n}.html"),
                })
                .find(|name| !taken.contains(&name.to_lowercase()))
                .unwrap_or_default();
            taken.insert(name.to_lowercase());
            (plan.display().to_string(), name)
        })
        .collect()
}

/// A plan's page name: its file stem with `.html`, every character but letters, digits, `-`,
/// `_` and `.` made `-`. A link to `c#2.html` opens `c` at a fragment, `q?.html` sends a
/// query, and `a&b.html` is written `a&amp;b.html` in the index, which the next run's pruning
/// reads back as another name: a name that needs no escaping is linked and read back as it is.
/// No name starts with `-`, which a shell command reads as an option (standard input's
/// `<stdin>` is `stdin.html`), or `.`, which hides a file; nor ends with `-`.
fn page_name(path: &str) -> String {
    let stem = Path::new(path)
        .file_stem()
        .map_or("plan".into(), |s| s.to_string_lossy().into_owned());
    let safe = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let stem: String = stem
        .chars()
        .map(|c| if safe(c) { c } else { '-' })
        .collect();
    let stem = stem.trim_start_matches(['-', '.']).trim_end_matches('-');
    match stem.is_empty() {
        true => "plan.html".to_owned(),
        false => format!("{stem}.html"),
    }
}
