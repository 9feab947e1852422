//! Why rules could not be loaded, pointing into the YAML.

use miette::Diagnostic;
use thiserror::Error;

/// Why rules could not be had; file errors point into the YAML, and `main` turns every one
/// into exit code 2.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A rule file could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] crate::input::ReadError),

    /// A rule file is not valid YAML of the schema, or fails a check, at a place in it.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(#[from] Box<crate::input::Invalid>),

    /// A rule file fails checks at several places, each reported.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Several(Box<crate::input::Several>),

    /// A framework id no rule set has (`--framework`).
    #[error("unknown framework `{id}`")]
    #[diagnostic(
        code(planaudit::rules::unknown_framework),
        help("{near}available frameworks: {available}; `planaudit rules list` shows them all")
    )]
    UnknownFramework {
        /// The id asked for.
        id: String,
        /// The ids there are, comma-separated.
        available: String,
        /// "did you mean `outcomes`? " for an id one of them nearly is, else empty.
        near: String,
    },

    /// An item id no selected rule set has.
    #[error("unknown item `{id}`")]
    #[diagnostic(
        code(planaudit::rules::unknown_item),
        help("`planaudit rules list` shows every item id")
    )]
    UnknownItem {
        /// The id asked for.
        id: String,
    },

    /// Two of the user's rule files define the same framework id, so one would hide the other.
    #[error("framework `{id}` is defined by both {first} and {second}")]
    #[diagnostic(
        code(planaudit::rules::duplicate_framework),
        help(
            "give one of them another `id`; a file replaces a built-in framework of its id, but not another file"
        )
    )]
    DuplicateFramework {
        /// The framework id both define.
        id: String,
        /// The file read first.
        first: String,
        /// The file read second.
        second: String,
    },

    /// Two selected frameworks define the same item id, so findings could not say which.
    #[error("item `{id}` is defined by both {first} and {second}")]
    #[diagnostic(
        code(planaudit::rules::duplicate_item),
        help("item ids must be unique across the frameworks of one run; rename one of them")
    )]
    DuplicateItem {
        /// The item id both define.
        id: String,
        /// The framework that defined it first, with where it came from.
        first: String,
        /// The framework that defined it again, with where it came from.
        second: String,
    },

    /// The patterns of all selected items together are too big to compile.
    #[error("the rules could not be compiled: {message}")]
    #[diagnostic(
        code(planaudit::rules::compile),
        help(
            "each pattern compiles alone but together they exceed the size limit; split or simplify them"
        )
    )]
    Compile {
        /// The regex engine's reason.
        message: String,
    },
}
