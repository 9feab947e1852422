//! Which files to audit: plain files as given, directories walked (respecting .gitignore),
//! and globs expanded, in a stable order.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

/// What to pick up when walking a directory.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub extensions: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// The plans found, and the problems met on the way (reported, but not fatal).
#[derive(Debug, Default)]
pub struct Found {
    pub plans: Vec<PathBuf>,
    pub problems: Vec<miette::Report>,
}

struct Filter {
    extensions: Vec<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    fn new(selection: &Selection) -> miette::Result<Self> {
        let include = match selection.include.is_empty() {
            true => None,
            false => Some(glob_set(&selection.include)?),
        };
        Ok(Self {
            extensions: selection
                .extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_lowercase())
                .collect(),
            include,
            exclude: glob_set(&selection.exclude)?,
        })
    }

    fn wants(&self, path: &Path) -> bool {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        let plan = extension.is_some_and(|e| self.extensions.contains(&e));
        let included = self.include.as_ref().is_none_or(|set| set.is_match(path));
        plan && included && !self.exclude.is_match(path)
    }
}

fn glob_set(globs: &[String]) -> miette::Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = Glob::new(glob).map_err(|e| {
            miette::miette!(
                help = "globs use *, ** and ?, e.g. `drafts/**`",
                "invalid glob `{glob}`: {e}"
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| miette::miette!("invalid globs: {e}"))
}

/// Expands the command line's paths. A path that does not exist (and is not a glob) is fatal:
/// it is almost always a typo, and auditing the rest would hide it.
pub fn discover(paths: &[PathBuf], selection: &Selection) -> miette::Result<Found> {
    let filter = Filter::new(selection)?;
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path);
        match meta.as_ref().map(std::fs::Metadata::file_type) {
            Ok(t) if t.is_file() => found.plans.push(path.clone()),
            Ok(t) if t.is_dir() => walk(path, None, &filter, &mut found),
            Ok(t) => miette::bail!(
                help =
                    "planaudit reads plans from files; save the plan to a file and pass its path",
                "cannot read {}: it is {}, not a plan file",
                path.display(),
                crate::input::special_kind(&t).unwrap_or("not a file")
            ),
            Err(_) if path.as_os_str() == "-" => miette::bail!(
                help = "save the plan to a file and pass its path",
                "planaudit does not read plans from standard input (`-`)"
            ),
            Err(_) => match glob_root(path) {
                Some(root) => walk_glob(path, &root, &filter, &mut found)?,
                None => miette::bail!(
                    help = "check the path; directories and globs such as `plans/*.md` work too",
                    "cannot read {}: no such file or directory",
                    path.display()
                ),
            },
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.plans.retain(|p| seen.insert(p.clone()));
    Ok(found)
}

/// Walks `root` for the files the glob `path` matches. A glob whose directory does not exist
/// matches nothing, and says so.
fn walk_glob(path: &Path, root: &Path, filter: &Filter, found: &mut Found) -> miette::Result<()> {
    if !root.is_dir() {
        found.problems.push(miette::miette!(
            help = format!("{} is not a directory; check the path", root.display()),
            "no file matches {}",
            path.display()
        ));
        return Ok(());
    }
    let matcher = globset::GlobBuilder::new(&path.to_string_lossy())
        .literal_separator(true)
        .build()
        .map_err(|e| miette::miette!("invalid glob `{}`: {e}", path.display()))?
        .compile_matcher();
    walk(root, Some(&matcher), filter, found);
    Ok(())
}

/// The directory to walk for a glob (`plans/**/*.md` → `plans`), if `path` is one.
fn glob_root(path: &Path) -> Option<PathBuf> {
    let text = path.to_string_lossy();
    if !text.contains(['*', '?', '[', '{']) {
        return None;
    }
    let root: PathBuf = path
        .components()
        .take_while(|c| {
            !c.as_os_str()
                .to_string_lossy()
                .contains(['*', '?', '[', '{'])
        })
        .collect();
    Some(if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    })
}

fn walk(root: &Path, glob: Option<&globset::GlobMatcher>, filter: &Filter, found: &mut Found) {
    let before = found.plans.len();
    let walker = WalkBuilder::new(root)
        .sort_by_file_name(|a, b| a.cmp(b))
        .follow_links(false)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let globbed =
                    glob.is_none_or(|g| g.is_match(path.strip_prefix("./").unwrap_or(path)));
                if is_file && globbed && filter.wants(path) {
                    found
                        .plans
                        .push(path.strip_prefix("./").unwrap_or(path).to_path_buf());
                }
            }
            Err(error) => found.problems.push(miette::miette!(
                help = "planaudit skipped it and audited the rest",
                "{}: {error}",
                root.display()
            )),
        }
    }
    if found.plans.len() == before {
        let extensions = filter.extensions.join(", ");
        found.problems.push(miette::miette!(
            help =
                format!("planaudit looks for files ending in {extensions}; --extension adds more"),
            "no plan files found in {}",
            root.display()
        ));
    }
}
