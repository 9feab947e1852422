//! Which files to audit: plain files as given, directories walked (respecting .gitignore),
//! and globs expanded, in a stable order.
//!
//! A walk skips Markdown that is about a repository rather than a plan (README, CHANGELOG,
//! LICENSE, templates, …): auditing it would bury the plans' findings under a wall of
//! missing items. A file named on the command line or by the config's `plans:` globs is
//! audited whatever its name; one matched by `--include`, whatever its name among the
//! extensions a walk takes.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use crate::document::InputFormat;

/// What to pick up when walking a directory.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Extensions (without the dot, any case) of the files a walk takes for plans; empty means
    /// [`DEFAULT_EXTENSIONS`].
    pub extensions: Vec<String>,
    /// Globs a walked file must match; a match also picks up a file named like a repository
    /// document (README, …).
    pub include: Vec<String>,
    /// Globs of walked files to leave out, whatever else picks them up.
    pub exclude: Vec<String>,
    /// Globs naming the plan files (config `plans:`); when given, a walk picks up only these.
    pub plans: Vec<String>,
    /// The configuration file `plans` comes from, which a walk that finds nothing names.
    pub plans_from: Option<PathBuf>,
}

/// The extensions a walk takes for plans unless told otherwise: the ones the Markdown adapter
/// reads by name (`document::Format`), so a plan is audited the same whether it is named or
/// found in a directory.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// File names (without extension, any case) of repository documents that are not plans.
const NOT_PLANS: &[&str] = &[
    "readme",
    "changelog",
    "changes",
    "contributing",
    "license",
    "licence",
    "code_of_conduct",
    "code-of-conduct",
    "security",
    "authors",
];

/// Whether `path` names a repository document or a template rather than a plan.
fn is_not_a_plan(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    NOT_PLANS.contains(&stem.as_str())
        || names_a_template(&stem)
        || path.parent().is_some_and(|p| {
            p.components()
                .any(|c| names_a_template(&c.as_os_str().to_string_lossy().to_lowercase()))
        })
}

/// Whether a (lowercased) file or folder name has the word "template" or "templates" in it:
/// `plan-template`, `templates`, `locality_template_v2`, but not `contemplate`.
fn names_a_template(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "template" || word == "templates")
}

/// The plans found, and the problems met on the way (reported, but not fatal).
#[derive(Debug, Default)]
pub struct Found {
    /// The files to audit, each once, in the order given and then walked (by name).
    pub plans: Vec<PathBuf>,
    /// Unreadable entries and walks that found nothing: shown as warnings, so one bad
    /// directory does not stop the audit of the rest.
    pub problems: Vec<miette::Report>,
}

struct Filter {
    extensions: Vec<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    plans: Option<GlobSet>,
    plans_from: Option<PathBuf>,
    /// The folder of the configuration file (resolved), which `plans:` globs may be written
    /// from, as its `rules:` paths are: a run from a subfolder finds the same plans.
    config_dir: Option<PathBuf>,
}

impl Filter {
    fn new(selection: &Selection) -> miette::Result<Self> {
        let include = match selection.include.is_empty() {
            true => None,
            false => Some(glob_set(&selection.include)?),
        };
        let extensions = match selection.extensions.is_empty() {
            true => DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
            false => selection
                .extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_lowercase())
                .collect(),
        };
        Ok(Self {
            extensions,
            include,
            exclude: glob_set(&selection.exclude)?,
            plans: match selection.plans.is_empty() {
                true => None,
                false => Some(glob_set(&selection.plans)?),
            },
            plans_from: selection.plans_from.clone(),
            config_dir: (selection.plans_from.as_deref())
                .and_then(|config| std::fs::canonicalize(config).ok())
                .and_then(|config| config.parent().map(Path::to_path_buf)),
        })
    }

    /// Whether a `plans:` glob names the file at `path` (`relative` to the directory walked),
    /// written from the directory walked or from the configuration file's folder.
    fn named_plan(&self, plans: &GlobSet, path: &Path, relative: &Path) -> bool {
        plans.is_match(path)
            || plans.is_match(relative)
            || self.config_dir.as_deref().is_some_and(|dir| {
                let file = std::fs::canonicalize(path);
                file.is_ok_and(|f| f.strip_prefix(dir).is_ok_and(|r| plans.is_match(r)))
            })
    }

    /// Whether to audit the walked file at `path`, which is `relative` to the directory
    /// walked. A glob may name it either way: `README.md` and `docs/README.md` both pick up
    /// the README of `docs` when `docs` is walked.
    fn wants(&self, path: &Path, relative: &Path) -> bool {
        let walked = extension(path).is_some_and(|e| self.extensions.contains(&e));
        self.takes(path, relative, walked)
    }

    /// [`Self::wants`] for a file the command-line glob `glob` matched: a format planaudit
    /// reads is taken too when the glob's last part names its extension (`'plans/*.pdf'`,
    /// `'*.{pdf,docx}'` found nothing, as a walk takes the Markdown extensions); `'plans/*'`
    /// takes what a walk takes.
    fn wants_named(&self, path: &Path, relative: &Path, glob: &str) -> bool {
        let walked = self.wants(path, relative);
        let named = extension(path).is_some_and(|e| {
            let last = glob.rsplit('/').next().unwrap_or(glob).to_lowercase();
            let after_dot = last.rsplit_once('.').map_or("", |(_, after)| after);
            after_dot.contains(e.as_str())
        });
        let readable = InputFormat::from_extension(&path.to_string_lossy()).is_some();
        walked || (named && readable && self.takes(path, relative, true))
    }

    /// Whether to audit `path` whose extension is one to take (`extension`): the config's
    /// `plans:` globs decide instead when given; repository documents need `--include`.
    fn takes(&self, path: &Path, relative: &Path, extension: bool) -> bool {
        let is_match = |set: &GlobSet| set.is_match(path) || set.is_match(relative);
        let matches = |set: &Option<GlobSet>| set.as_ref().map(is_match);
        let plan = match &self.plans {
            Some(plans) => self.named_plan(plans, path, relative),
            None => extension && (!is_not_a_plan(path) || matches(&self.include) == Some(true)),
        };
        let included = matches(&self.include).unwrap_or(true);
        plan && included && !is_match(&self.exclude)
    }
}

/// `path`'s extension, lowercased.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
}

/// Globs as .gitignore reads them: `*` and `?` stay within one folder, `**` crosses folders,
/// and a glob without `/` matches a file name at any depth (`draft-*.md`). A leading `./`
/// anchors a glob to the directory walked, as a path typed in a shell does (`./README.md`).
fn glob_set(globs: &[String]) -> miette::Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let anywhere = match glob.strip_prefix("./") {
            Some(anchored) => anchored.trim_start_matches("./").to_owned(),
            None if glob.contains('/') => glob.clone(),
            None => format!("**/{glob}"),
        };
        let glob = GlobBuilder::new(&anywhere)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                miette::miette!(
                    help = "globs use *, ** and ?, e.g. `drafts/**`",
                    "invalid glob `{glob}`: {}",
                    e.kind()
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
    // Every path that cannot be read is named, not only the first: a run stops on them
    // before any plan is audited, and fixing one at a time is a run per typo.
    let mut unreadable = Vec::new();
    for path in paths {
        if let Err(error) = take(path, &filter, &mut found) {
            unreadable.push(error);
        }
    }
    if let Some(last) = unreadable.pop() {
        // A glob that matched nothing too: the run stops before the caller would name it.
        found.problems.iter().for_each(super::print_error);
        unreadable.iter().for_each(super::print_error);
        return Err(last);
    }
    // One plan named twice (`./plan.md` and `plan.md`, a path and its folder, a symlink) is
    // audited once, under the name it was first given.
    let mut seen = std::collections::HashSet::new();
    found
        .plans
        .retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    Ok(found)
}

/// Adds the plans `path` names to `found`: a file, a directory walked, or a glob.
fn take(path: &Path, filter: &Filter, found: &mut Found) -> miette::Result<()> {
    let meta = std::fs::metadata(path);
    match meta.as_ref().map(std::fs::Metadata::file_type) {
        Ok(t) if t.is_file() => found.plans.push(path.to_path_buf()),
        Ok(t) if t.is_dir() => walk(path, None, filter, found),
        Ok(t) => miette::bail!(
            help = "planaudit reads plans from files; save the plan to a file and pass its path",
            "cannot read {}: it is {}, not a plan file",
            path.display(),
            crate::input::special_kind(&t).unwrap_or("not a file")
        ),
        // `check` and `explain` read `-` themselves; a league table of several plans is
        // made from files.
        Err(_) if path.as_os_str() == "-" => miette::bail!(
            help = "save the plan to a file and pass its path; `planaudit check -` audits a \
                    plan from standard input",
            "matrix does not read plans from standard input (`-`)"
        ),
        Err(e) if path.is_symlink() => miette::bail!(
            help = "point the link at a plan, or pass the plan's own path",
            "cannot read {}: {}",
            path.display(),
            crate::input::read_reason(&path.to_string_lossy(), e)
        ),
        Err(_) => match glob_root(path) {
            Some(root) => walk_glob(path, &root, filter, found)?,
            None => miette::bail!(
                help = "check the path; directories and globs such as `plans/*.md` work too",
                "cannot read {}: no such file or directory",
                path.display()
            ),
        },
    }
    Ok(())
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
                let shown = path.strip_prefix("./").unwrap_or(path);
                let relative = path.strip_prefix(root).unwrap_or(shown);
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let globbed = glob.is_none_or(|g| g.is_match(shown));
                let wanted = match glob {
                    Some(glob) => filter.wants_named(shown, relative, glob.glob().glob()),
                    None => filter.wants(shown, relative),
                };
                if is_file && globbed && wanted {
                    found.plans.push(shown.to_path_buf());
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
        let mut help = match (&filter.plans, &filter.plans_from) {
            (Some(_), Some(config)) => format!(
                "planaudit looks for the files named by `plans:` in {}",
                crate::input::escape_name(&config.display().to_string())
            ),
            (Some(_), None) => "planaudit looks for the files named by `plans:`".to_owned(),
            (None, _) => format!(
                "planaudit looks for files ending in {extensions}, other than repository documents \
                 (README, CHANGELOG, CHANGES, CONTRIBUTING, LICENSE, CODE_OF_CONDUCT, SECURITY, \
                 AUTHORS) and templates (a file or folder with the word \"template\" in its \
                 name); --extension names others instead (repeat it, and name md too to keep \
                 Markdown), and --include picks a repository document or template among them"
            ),
        };
        if filter.include.is_some() || !filter.exclude.is_empty() {
            help.push_str(
                "; the include and exclude globs (--include, --exclude and the config's \
                 `include:`, `exclude:`) must also let a file through",
            );
        }
        let message = match glob {
            Some(glob) => format!("no plan file matches {}", glob.glob()),
            None => format!("no plan files found in {}", root.display()),
        };
        found
            .problems
            .push(miette::miette!(help = help, "{message}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(selection: &Selection, files: &[&str]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# Plan\n").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()], selection).unwrap();
        let mut names: Vec<String> = found
            .plans
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        names.sort();
        names
    }

    fn markdown() -> Selection {
        Selection {
            extensions: vec!["md".into()],
            ..Selection::default()
        }
    }

    const TREE: &[&str] = &[
        "README.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE.md",
        "CODE_OF_CONDUCT.md",
        "plan-template.md",
        "templates/locality.md",
        "plans/readme.md",
        "plans/strategic-plan.md",
        "plans/2025/locality-plan.md",
    ];

    #[test]
    fn a_walk_skips_repository_documents_and_templates() {
        assert_eq!(
            walked(&markdown(), TREE),
            ["plans/2025/locality-plan.md", "plans/strategic-plan.md"]
        );
    }

    /// A template is named so by a word of its name, not by letters inside another word.
    #[test]
    fn a_template_is_a_word_of_the_name() {
        let tree = [
            "Locality_Template_v2.md",
            "templates-review.md",
            "plans/contemplate-change.md",
        ];
        assert_eq!(walked(&markdown(), &tree), ["plans/contemplate-change.md"]);
    }

    /// As in .gitignore: `*` stays in its folder, and a glob without `/` names files anywhere.
    #[test]
    fn a_star_stays_within_one_folder() {
        let exclude = |glob: &str| Selection {
            exclude: vec![glob.into()],
            ..markdown()
        };
        assert_eq!(
            walked(&exclude("plans/*.md"), TREE),
            ["plans/2025/locality-plan.md"]
        );
        assert_eq!(
            walked(&exclude("locality-*.md"), TREE),
            ["plans/strategic-plan.md"]
        );
        assert_eq!(walked(&exclude("plans/**"), TREE), [] as [&str; 0]);
    }

    /// `./` anchors a glob to the directory walked, as in a shell: `./README.md` is the top
    /// README only, and `./plans/*.md` the same as `plans/*.md`.
    #[test]
    fn a_leading_dot_slash_anchors_a_glob() {
        let include = Selection {
            include: vec!["./README.md".into(), "./plans/readme.md".into()],
            ..markdown()
        };
        assert_eq!(walked(&include, TREE), ["README.md", "plans/readme.md"]);
        let exclude = Selection {
            exclude: vec!["./plans/*.md".into()],
            ..markdown()
        };
        assert_eq!(walked(&exclude, TREE), ["plans/2025/locality-plan.md"]);
    }

    #[test]
    fn include_and_plans_globs_pick_any_file() {
        let include = Selection {
            include: vec!["**/README.md".into(), "**/plans/**".into()],
            ..markdown()
        };
        assert_eq!(
            walked(&include, TREE),
            [
                "README.md",
                "plans/2025/locality-plan.md",
                "plans/readme.md",
                "plans/strategic-plan.md"
            ]
        );
        // Named from the directory walked, as well as by a pattern that reaches any depth.
        let named = Selection {
            include: vec!["README.md".into(), "plans/readme.md".into()],
            ..markdown()
        };
        assert_eq!(walked(&named, TREE), ["README.md", "plans/readme.md"]);
        let plans = Selection {
            plans: vec!["**/templates/*.md".into(), "**/strategic-*".into()],
            ..markdown()
        };
        assert_eq!(
            walked(&plans, TREE),
            ["plans/strategic-plan.md", "templates/locality.md"]
        );
    }

    #[test]
    fn a_walk_takes_text_plans_as_it_takes_markdown_ones() {
        let tree = [
            "README.txt",
            "LICENSE.txt",
            "CHANGELOG.txt",
            "notes/plan-template.txt",
            "plans/locality-plan.txt",
            "plans/strategic-plan.md",
            "plans/figures.csv",
        ];
        assert_eq!(
            walked(&Selection::default(), &tree),
            ["plans/locality-plan.txt", "plans/strategic-plan.md"]
        );
        assert_eq!(
            walked(&markdown(), &tree),
            ["plans/strategic-plan.md"],
            "--extension replaces the defaults"
        );
    }

    #[test]
    fn a_file_named_on_the_command_line_is_audited_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let readme = dir.path().join("README.md");
        std::fs::write(&readme, "# Plan\n").unwrap();
        let found = discover(std::slice::from_ref(&readme), &markdown()).unwrap();
        assert_eq!(found.plans, [readme]);
    }
}
