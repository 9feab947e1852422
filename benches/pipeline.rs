//! Every stage of an audit, measured in one run so the ratios between them mean something on a
//! shared machine. `cargo bench --bench pipeline`; BENCHMARKS.md records the results and targets.
//!
//! The baseline is pulldown-cmark alone over the plan with offsets (`parse_only`): no tool that
//! reads Markdown can do less. The other benchmarks are planaudit's stages over the same plans.
// planaudit's errors carry their source text, as the library explains where it allows this.
#![allow(clippy::result_large_err)]

use std::sync::LazyLock;
use std::time::Duration;

use divan::Bencher;
use divan::counter::BytesCount;
use planaudit::audit::{self, FileReport, Report};
use planaudit::document::Document;
use planaudit::report;
use planaudit::rules::{Catalog, Rules};
use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

#[path = "plan_gen.rs"]
mod plan_gen;

const SIZES: &[&str] = &["10K", "100K", "1M", "10M"];
const FRAMEWORKS: &[&str] = &["outcomes", "principles", "national-voices", "statutory"];

/// The plans, generated once per run.
static PLANS: LazyLock<Vec<(&str, String)>> = LazyLock::new(|| {
    SIZES
        .iter()
        .map(|&s| (s, plan_gen::plan(bytes(s))))
        .collect()
});

/// All four built-in frameworks, compiled once for the benchmarks that are not about compiling.
static RULES: LazyLock<Rules> = LazyLock::new(|| {
    Catalog::builtin()
        .select(FRAMEWORKS)
        .expect("built-in rules compile")
});

fn bytes(size: &str) -> usize {
    match size.strip_suffix('M') {
        Some(m) => m.parse::<usize>().expect("size") << 20,
        None => size.trim_end_matches('K').parse::<usize>().expect("size") << 10,
    }
}

fn plan(size: &str) -> &'static str {
    let plans: &'static [(&str, String)] = &PLANS;
    let (_, text) = plans
        .iter()
        .find(|(s, _)| *s == size)
        .expect("a known size");
    text
}

fn document(text: &str) -> Document {
    Document::from_bytes("plan.md".into(), text.as_bytes().to_vec()).expect("plan parses")
}

fn audited(size: &str) -> FileReport {
    audit::audit(document(plan(size)), &RULES)
}

fn main() {
    // The 10 MB cases take a second or more an iteration; a few samples of them are enough.
    divan::Divan::from_args()
        .max_time(Duration::from_secs(4))
        .main();
}

/// The options planaudit's document stage parses with (src/document/parse.rs).
const MARKDOWN: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS);

/// Baseline: pulldown-cmark's events with source offsets, and nothing else.
#[divan::bench(args = SIZES)]
fn parse_only(bencher: Bencher, size: &str) {
    let text = plan(size);
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        Parser::new_ext(divan::black_box(text), MARKDOWN)
            .into_offset_iter()
            .map(|(event, range)| {
                divan::black_box(event);
                range.end
            })
            .sum::<usize>()
    });
}

/// Bytes → sections, blocks, plan text and line index.
#[divan::bench(args = SIZES)]
fn document_stage(bencher: Bencher, size: &str) {
    let text = plan(size);
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.as_bytes().to_vec())
        .bench_values(|bytes| Document::from_bytes("plan.md".into(), bytes));
}

/// Sentences in one paragraph, for [`one_paragraph_of_sentences`].
const SENTENCES: &[usize] = &[10_000, 20_000];

/// A worst case a review found growing with the square of its length: one paragraph of many
/// sentences (a plain-text export often is one), read and audited whole. Time per byte should
/// not grow from the smaller paragraph to the larger.
#[divan::bench(args = SENTENCES)]
fn one_paragraph_of_sentences(bencher: Bencher, sentences: usize) {
    let text = format!(
        "# Plan\n\n{}",
        "Carers told us that short breaks matter to them. ".repeat(sentences)
    );
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| audit::audit(document(&text), &RULES));
}

/// Paragraphs of the page of [`html_entity_in_every_paragraph`].
const PARAGRAPHS: &[usize] = &[50_000, 100_000];

/// The other worst case of that review: an HTML page with an entity in every paragraph, whose
/// text is not the source's and is located a word at a time. Time per byte should not grow.
#[divan::bench(args = PARAGRAPHS)]
fn html_entity_in_every_paragraph(bencher: Bencher, paragraphs: usize) {
    let html = format!(
        "<html><body><h1>Plan</h1>{}</body></html>",
        "<p>Unpaid carers&rsquo; short breaks</p>".repeat(paragraphs)
    );
    bencher
        .counter(BytesCount::of_str(&html))
        .with_inputs(|| html.as_bytes().to_vec())
        .bench_values(|bytes| Document::from_bytes("plan.html".into(), bytes));
}

/// Built-in YAML → validated rule sets → one compiled matcher for all four frameworks.
#[divan::bench]
fn rules_builtin_all() -> Rules {
    Catalog::builtin()
        .select(FRAMEWORKS)
        .expect("built-in rules compile")
}

/// Rule files as `--rules` reads them: the four built-in files given as YAML files (read,
/// parsed as YAML, validated) and compiled, the cost a run pays for rule files that are not
/// built in. Their patterns' triggers and their phrases' stems still come from the built-in
/// tables; a user's new patterns also pay for trigger extraction, and new phrases for stemming.
#[divan::bench]
fn rules_user_files_all(bencher: Bencher) {
    bencher.bench(|| {
        let mut catalog = Catalog::empty();
        for id in FRAMEWORKS {
            let path = format!("{}/rules/{id}.yaml", env!("CARGO_MANIFEST_DIR"));
            catalog
                .add_file(std::path::Path::new(&path))
                .expect("rule file loads");
        }
        catalog.select(FRAMEWORKS).expect("rules compile")
    });
}

/// Bytes → audited plan (document stage included), all four frameworks, rules compiled.
#[divan::bench(args = SIZES)]
fn full_audit(bencher: Bencher, size: &str) {
    let text = plan(size);
    let rules: &Rules = &RULES;
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.as_bytes().to_vec())
        .bench_values(|bytes| {
            let document = Document::from_bytes("plan.md".into(), bytes).expect("plan parses");
            audit::audit(document, rules)
        });
}

/// Rendering an audited plan in each format.
mod report_format {
    use super::*;

    fn with_report<R>(bencher: Bencher, size: &str, render: impl Fn(&Report<'_>) -> R + Sync) {
        let report = Report {
            rules: &RULES,
            files: vec![audited(size)],
            config: None,
        };
        bencher
            .counter(BytesCount::of_str(plan(size)))
            .bench(|| render(&report));
    }

    /// Every format is streamed to a sink, as `check --output` streams it to the file.
    fn write(format: report::Format, report: &Report<'_>) -> std::io::Result<()> {
        report::write(
            format,
            report,
            &report::Options::default(),
            &mut std::io::sink(),
        )
    }

    #[divan::bench(args = SIZES)]
    fn json(bencher: Bencher, size: &str) {
        with_report(bencher, size, |r| write(report::Format::Json, r));
    }

    #[divan::bench(args = SIZES)]
    fn human(bencher: Bencher, size: &str) {
        with_report(bencher, size, |r| write(report::Format::Human, r));
    }
}

/// 200 plans of 50 KB, read from memory and audited on a rayon pool as `check` does.
#[divan::bench(args = ["1 thread", "all cores"], sample_count = 10)]
fn batch_200x50k(bencher: Bencher, threads: &str) {
    static BATCH: LazyLock<Vec<String>> = LazyLock::new(|| {
        (0..200)
            .map(|i| plan_gen::plan_seeded(50 << 10, i))
            .collect()
    });
    let threads = if threads == "1 thread" { 1 } else { 0 };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let rules: &Rules = &RULES;
    let plans: &[String] = &BATCH;
    bencher.bench(|| {
        pool.install(|| {
            plans
                .par_iter()
                .map(|text| audit::audit(document(text), rules))
                .collect::<Vec<_>>()
        })
    });
}
