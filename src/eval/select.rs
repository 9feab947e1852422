//! Which labelled documents a run scores: a tuned set and a held-out set can then be reported
//! from one labels file.

use globset::{Glob, GlobMatcher};
use miette::Diagnostic;
use thiserror::Error;

/// Globs over the labelled documents' names: each `file` entry as the labels file writes it,
/// and the name the report prints (its path from here, with several labels files). A glob
/// matches a name whole, with `.` and `..` resolved or not, or its file name alone: `*` crosses
/// `/`, so `*dundee*` picks `fragments/dundee-plan.md`, and so does `dundee-plan.md`; and
/// `plans/x.md` picks `labels/../plans/x.md`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Each must match at least one document; none means every document.
    include: Vec<GlobMatcher>,
    /// Each must match at least one document too: a misspelt one would leave out nothing.
    exclude: Vec<GlobMatcher>,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("invalid glob {glob:?}: {cause}")]
    #[diagnostic(
        code(planaudit::eval::glob),
        help("globs use `*`, `?`, `[abc]` and `{{a,b}}`, matched against each `file` entry")
    )]
    Glob { glob: String, cause: globset::Error },

    #[error("{option} {glob:?} matches no document of the labels files")]
    #[diagnostic(
        code(planaudit::eval::no_document),
        help(
            "a glob is matched against each `file` entry as the labels file writes it, the name the report prints, and their file names"
        )
    )]
    NoMatch { option: &'static str, glob: String },

    #[error("no labelled document is left to score")]
    #[diagnostic(
        code(planaudit::eval::empty),
        help("--exclude removed every document that --documents picked")
    )]
    Empty,
}

impl Selection {
    /// Documents that some glob of `include` (or, with none, any document) and no glob of
    /// `exclude` matches; an invalid glob is an error here, before any document is read.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        let compile = |globs: &[String]| -> Result<Vec<GlobMatcher>, Error> {
            globs
                .iter()
                .map(|g| Ok(glob(g)?.compile_matcher()))
                .collect()
        };
        Ok(Self {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    /// The documents chosen, in the order given; `names` gives the names each one is known by.
    pub fn apply<'l, T>(
        &self,
        documents: &'l [T],
        names: impl Fn(&T) -> Vec<String>,
    ) -> Result<Vec<&'l T>, Error> {
        let named: Vec<Vec<String>> = documents.iter().map(names).collect();
        let picks = |glob: &GlobMatcher, d: usize| named[d].iter().any(|name| picks(glob, name));
        for (option, globs) in [("--documents", &self.include), ("--exclude", &self.exclude)] {
            if let Some(unused) = globs
                .iter()
                .find(|g| !(0..documents.len()).any(|d| picks(g, d)))
            {
                return Err(Error::NoMatch {
                    option,
                    glob: unused.glob().glob().to_owned(),
                });
            }
        }
        let chosen: Vec<_> = (0..documents.len())
            .filter(|&d| self.include.is_empty() || self.include.iter().any(|g| picks(g, d)))
            .filter(|&d| !self.exclude.iter().any(|g| picks(g, d)))
            .map(|d| &documents[d])
            .collect();
        if chosen.is_empty() {
            return Err(Error::Empty);
        }
        Ok(chosen)
    }

    /// Whether every document is scored.
    pub fn is_all(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }
}

/// Whether `glob` matches a document's name whole, as written or with `.` and `..` resolved,
/// or its last part, the file's name.
fn picks(glob: &GlobMatcher, file: &str) -> bool {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let resolved = super::lexically_normal(file);
    glob.is_match(file) || glob.is_match(&resolved) || glob.is_match(name)
}

fn glob(text: &str) -> Result<Glob, Error> {
    Glob::new(text).map_err(|cause| Error::Glob {
        glob: text.to_owned(),
        cause,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::LabelledDocument;

    fn documents(files: &[&str]) -> Vec<LabelledDocument> {
        files
            .iter()
            .map(|f| LabelledDocument {
                file: (*f).to_owned(),
                ..LabelledDocument::default()
            })
            .collect()
    }

    fn chosen(selection: &Selection, docs: &[LabelledDocument]) -> Vec<String> {
        let picked = selection.apply(docs, |d| vec![d.file.clone()]).unwrap();
        picked.iter().map(|d| d.file.clone()).collect()
    }

    #[test]
    fn includes_then_excludes_in_file_order() {
        let docs = documents(&["a/one.md", "b/two.md", "a/three.md"]);
        let all = Selection::default();
        assert_eq!(chosen(&all, &docs), ["a/one.md", "b/two.md", "a/three.md"]);
        let some = Selection::new(&["*three*".into(), "b/*".into()], &[]).unwrap();
        assert_eq!(chosen(&some, &docs), ["b/two.md", "a/three.md"]);
        let rest = Selection::new(&[], &["a/*".into()]).unwrap();
        assert_eq!(chosen(&rest, &docs), ["b/two.md"]);
    }

    #[test]
    fn a_glob_that_picks_nothing_is_an_error() {
        let docs = documents(&["a/one.md"]);
        let typo = Selection::new(&["*onne*".into()], &[]).unwrap();
        assert!(
            matches!(typo.apply(&docs, |d| vec![d.file.clone()]), Err(Error::NoMatch { option: "--documents", glob }) if glob == "*onne*")
        );
        let stray = Selection::new(&[], &["two.md".into()]).unwrap();
        assert!(
            matches!(stray.apply(&docs, |d| vec![d.file.clone()]), Err(Error::NoMatch { option: "--exclude", glob }) if glob == "two.md")
        );
        let nothing = Selection::new(&[], &["*".into()]).unwrap();
        assert!(matches!(
            nothing.apply(&docs, |d| vec![d.file.clone()]),
            Err(Error::Empty)
        ));
        assert!(matches!(
            Selection::new(&["a[".into()], &[]),
            Err(Error::Glob { .. })
        ));
    }

    #[test]
    fn a_bare_file_name_picks_the_document_at_any_depth() {
        let docs = documents(&["fragments/dundee.md", "plans/perth.md", "dundee-notes.md"]);
        let by_name = Selection::new(&["dundee.md".into()], &[]).unwrap();
        assert_eq!(chosen(&by_name, &docs), ["fragments/dundee.md"]);
        let left = Selection::new(&[], &["perth.md".into(), "dundee-*".into()]).unwrap();
        assert_eq!(chosen(&left, &docs), ["fragments/dundee.md"]);
        let whole = Selection::new(&["plans/*".into()], &[]).unwrap();
        assert_eq!(chosen(&whole, &docs), ["plans/perth.md"]);
    }

    #[test]
    fn a_name_matches_with_dots_resolved_or_not() {
        let docs = documents(&["labels/../plans/city.md", "./towns.md"]);
        let resolved = Selection::new(&["plans/city.md".into()], &[]).unwrap();
        assert_eq!(chosen(&resolved, &docs), ["labels/../plans/city.md"]);
        let printed = Selection::new(&["labels/../plans/city.md".into()], &[]).unwrap();
        assert_eq!(chosen(&printed, &docs), ["labels/../plans/city.md"]);
        let here = Selection::new(&[], &["towns.md".into(), "./towns.md".into()]).unwrap();
        assert_eq!(chosen(&here, &docs), ["labels/../plans/city.md"]);
    }
}
