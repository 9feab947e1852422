//! planaudit: audit health and social care strategic plans against their frameworks.
//!
//! Data flows one way: [`document`] (Markdown → sections) → [`rules`] (YAML → compiled
//! matchers) → [`audit`] (links, coverage, findings) → [`report`] (human, JSON), with the
//! command line in [`cli`] on top.
#![forbid(unsafe_code)]

pub mod document;
mod yaml;
