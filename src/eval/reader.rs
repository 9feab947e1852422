//! A second reader's labels of the same sections, scored in place of planaudit's links.
//!
//! Two careful reviewers do not label a plan alike: one reads a carers' strategy's definitions
//! as support for carers, the other as background. How far they agree is the most any tool can
//! agree with either, so a figure for planaudit means little until it is set beside theirs.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::labels::Labels;
use super::{Error, same_file};

/// Every section a second reader labelled, by plan and heading.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// (the plan's path, canonical where it exists; the heading, trimmed) → item ids.
    sections: HashMap<(PathBuf, String), Vec<String>>,
}

impl Reader {
    /// Reads the reader's labels files (the labels format of `--labels`); plans are named
    /// relative to each file, as there. A plan and heading labelled in two files is an error,
    /// as it would be in one.
    pub fn read(paths: &[impl AsRef<Path>], items: &BTreeSet<String>) -> Result<Self, Error> {
        super::refuse_repeats(paths)?;
        let mut reader = Reader::default();
        for path in paths {
            let path = path.as_ref();
            let base = path.parent().unwrap_or(Path::new("."));
            let (_, labels) = Labels::read(path, items)?;
            for document in labels.documents {
                let plan = same_file(&base.join(&document.file));
                for section in document.sections {
                    let key = (plan.clone(), section.heading.trim().to_owned());
                    if reader.sections.insert(key, section.expected).is_some() {
                        return Err(Error::ReaderTwice {
                            file: document.file.clone(),
                            heading: section.heading,
                        });
                    }
                }
            }
        }
        Ok(reader)
    }

    /// The items the reader says the section of `plan` under `heading` addresses; a section
    /// the reader left unlabelled is an error, not a section that addresses nothing.
    pub fn items(&self, plan: &Path, file: &str, heading: &str) -> Result<&[String], Error> {
        let key = (same_file(plan), heading.trim().to_owned());
        match self.sections.get(&key) {
            Some(items) => Ok(items),
            None => Err(Error::Unread {
                file: file.to_owned(),
                heading: heading.to_owned(),
            }),
        }
    }
}
