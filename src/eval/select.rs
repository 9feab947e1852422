//! Which labelled documents a run scores: a tuned set and a held-out set can then be reported
//! from one labels file.

use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use miette::Diagnostic;
use thiserror::Error;

/// Globs over the labels' `file` entries, as written in the labels file. `*` crosses `/`, so
/// `*dundee*` picks `fragments/dundee-plan.md`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Each must match at least one document; none means every document.
    include: Vec<GlobMatcher>,
    exclude: GlobSet,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("invalid glob {glob:?}: {cause}")]
    #[diagnostic(
        code(planaudit::eval::glob),
        help("globs use `*`, `?`, `[abc]` and `{{a,b}}`, matched against each `file` entry")
    )]
    Glob { glob: String, cause: globset::Error },

    #[error("--documents {glob:?} matches no document of the labels files")]
    #[diagnostic(
        code(planaudit::eval::no_document),
        help(
            "globs are matched against the `file` entries exactly as the labels file writes them"
        )
    )]
    NoMatch { glob: String },

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
        let include = include
            .iter()
            .map(|g| Ok(glob(g)?.compile_matcher()))
            .collect::<Result<_, Error>>()?;
        let mut builder = GlobSetBuilder::new();
        for g in exclude {
            builder.add(glob(g)?);
        }
        let exclude = builder.build().map_err(|cause| Error::Glob {
            glob: exclude.join(", "),
            cause,
        })?;
        Ok(Self { include, exclude })
    }

    /// The documents chosen, in the order given; `file` gives each one's `file` entry as its
    /// labels file writes it.
    pub fn apply<'l, T>(
        &self,
        documents: &'l [T],
        file: impl Fn(&T) -> &str,
    ) -> Result<Vec<&'l T>, Error> {
        if let Some(unused) = self
            .include
            .iter()
            .find(|g| !documents.iter().any(|d| g.is_match(file(d))))
        {
            return Err(Error::NoMatch {
                glob: unused.glob().glob().to_owned(),
            });
        }
        let chosen: Vec<_> = documents
            .iter()
            .filter(|d| self.include.is_empty() || self.include.iter().any(|g| g.is_match(file(d))))
            .filter(|d| !self.exclude.is_match(file(d)))
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
                strip_sections: Vec::new(),
                sections: Vec::new(),
            })
            .collect()
    }

    fn chosen(selection: &Selection, docs: &[LabelledDocument]) -> Vec<String> {
        let picked = selection.apply(docs, |d| &d.file).unwrap();
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
            matches!(typo.apply(&docs, |d| &d.file), Err(Error::NoMatch { glob }) if glob == "*onne*")
        );
        let nothing = Selection::new(&[], &["*".into()]).unwrap();
        assert!(matches!(
            nothing.apply(&docs, |d| &d.file),
            Err(Error::Empty)
        ));
        assert!(matches!(
            Selection::new(&["a[".into()], &[]),
            Err(Error::Glob { .. })
        ));
    }
}
