//! planaudit: audit health and social care strategic plans against their frameworks.
//!
//! Data flows one way: [`document`] (Markdown → sections) → [`rules`] (YAML → compiled
//! matchers) → [`audit`] (links, coverage, findings) → [`report`] (human, JSON, SARIF, GitHub
//! workflow commands, Markdown), with the command line in [`cli`] on top.
// Every public item says what it is for; `cargo clippy -- -D warnings` in .ci/run enforces it.
#![warn(missing_docs)]
// Input can be anything; a panic is never the way to report it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Errors carry the source text they point into, so miette can show it; they are built once per
// run at most, so their size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod audit;
pub mod baseline;
pub mod cli;
pub mod compare;
pub mod config;
mod dfa;
pub mod document;
pub mod eval;
pub mod input;
mod json;
mod near;
mod parallel;
mod postings;
pub mod report;
pub mod rules;
pub mod source;
mod yaml;
