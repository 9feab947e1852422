//! Why rules could not be loaded, pointing into the YAML.

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] crate::input::ReadError),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(#[from] Box<crate::input::Invalid>),

    #[error("unknown framework `{id}`")]
    #[diagnostic(
        code(planaudit::rules::unknown_framework),
        help("available frameworks: {available}; `planaudit rules list` shows them all")
    )]
    UnknownFramework { id: String, available: String },

    #[error("unknown item `{id}`")]
    #[diagnostic(
        code(planaudit::rules::unknown_item),
        help("`planaudit rules list` shows every item id")
    )]
    UnknownItem { id: String },

    #[error("item `{id}` is defined by both `{first}` and `{second}`")]
    #[diagnostic(
        code(planaudit::rules::duplicate_item),
        help("item ids must be unique across the frameworks of one run; rename one of them")
    )]
    DuplicateItem {
        id: String,
        first: String,
        second: String,
    },

    #[error("the rules could not be compiled: {message}")]
    #[diagnostic(
        code(planaudit::rules::compile),
        help(
            "each pattern compiles alone but together they exceed the size limit; split or simplify them"
        )
    )]
    Compile { message: String },
}
