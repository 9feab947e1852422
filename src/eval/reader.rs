//! A second reader's labels of the same sections, scored in place of planaudit's links.
//!
//! Two careful reviewers do not label a plan alike: one reads a carers' strategy's definitions
//! as support for carers, the other as background. How far they agree is the most any tool can
//! agree with either, so a figure for planaudit means little until it is set beside theirs.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::labels::{self, LabelledSection, Labels, TWICE_HELP};
use super::{Error, same_file};
use crate::yaml::Step::{Index, Value};

/// Every section a second reader labelled, by plan and heading.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The plan's path, canonical where it exists, and the section's key → item ids.
    sections: HashMap<(PathBuf, Key), Vec<String>>,
}

impl Reader {
    /// Reads the reader's labels files (the labels format of `--labels`); plans are named
    /// relative to each file, as there. A plan and heading labelled in two files is an error
    /// at the second, as it would be in one.
    pub fn read(paths: &[impl AsRef<Path>], items: &BTreeSet<String>) -> Result<Self, Error> {
        super::refuse_repeats(paths)?;
        let mut reader = Reader::default();
        for path in paths {
            let path = path.as_ref();
            let base = path.parent().unwrap_or(Path::new("."));
            let (source, labels) = Labels::read(path, items)?;
            for (d, document) in labels.documents.iter().enumerate() {
                let plan = same_file(&base.join(&document.file));
                for (s, section) in document.sections.iter().enumerate() {
                    let key = (plan.clone(), key(section));
                    if reader
                        .sections
                        .insert(key, section.expected.clone())
                        .is_some()
                    {
                        let message = format!(
                            "the second reader labels \"{}\" of {} twice",
                            section.heading, document.file
                        );
                        let at = [Value("documents"), Index(d), Value("sections"), Index(s)];
                        let at = [at[0], at[1], at[2], at[3], Value("heading")];
                        return Err(labels::invalid(&source, &at, message, TWICE_HELP).into());
                    }
                }
            }
        }
        Ok(reader)
    }

    /// Whether the reader labelled `section` of `plan`.
    pub(super) fn has(&self, plan: &Path, section: &LabelledSection) -> bool {
        self.sections.contains_key(&(same_file(plan), key(section)))
    }

    /// The items the reader says the labelled `section` of `plan` addresses; a section the
    /// reader left unlabelled is an error, not a section that addresses nothing.
    pub fn items(
        &self,
        plan: &Path,
        file: &str,
        section: &LabelledSection,
    ) -> Result<&[String], Error> {
        match self.sections.get(&(same_file(plan), key(section))) {
            Some(items) => Ok(items),
            None => Err(Error::Unread {
                file: file.to_owned(),
                heading: section.heading.clone(),
            }),
        }
    }
}

/// A section's heading and its parent's, trimmed ([`LabelledSection::key`]), owned.
type Key = (String, Option<String>);

fn key(section: &LabelledSection) -> Key {
    let (heading, under) = section.key();
    (heading.to_owned(), under.map(str::to_owned))
}
