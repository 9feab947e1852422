//! The whole-process baseline of `scripts/bench-process.sh`: read a plan and run pulldown-cmark
//! over it with source offsets, as `parse_only` in `benches/pipeline.rs` does in-process. No
//! tool that reads Markdown can do less, so planaudit's times are given as multiples of this.

use pulldown_cmark::{Options, Parser};

/// The extensions planaudit's Markdown adapter turns on, as in `benches/pipeline.rs`.
const MARKDOWN: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS);

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_only PLAN");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("parse_only: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let ends: usize = Parser::new_ext(&text, MARKDOWN)
        .into_offset_iter()
        .map(|(_, range)| range.end)
        .sum();
    // Printed so the parse cannot be optimised away.
    println!("{ends}");
}
