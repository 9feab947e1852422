//! Properties that hold for any Markdown-ish input: no panic, spans on character boundaries,
//! section spans that nest and tile, and positions that round-trip.

use std::sync::LazyLock;

use planaudit::audit;
use planaudit::document::Document;
use planaudit::rules::{Catalog, Rules};
use proptest::prelude::*;

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let catalog = Catalog::builtin();
    let ids: Vec<String> = catalog.ids().map(str::to_owned).collect();
    catalog.select(&ids).unwrap()
});

/// Pieces that plans are made of, awkward ones included.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## ",
        "### ",
        "Title\n===\n",
        "Sub\n---\n",
        "- ",
        "  - ",
        "1. ",
        "> ",
        "| a | b |\n|---|---|\n| c | d |\n",
        "```\ncode\n```\n",
        "<!-- note -->",
        "**",
        "_",
        "[link](https://example.org)",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "unpaid carers",
        "short breaks",
        "workforce",
        "We will act by March 2027.",
        "Outcome 6",
        "15%",
        "é",
        "’",
        "£",
        "–",
        "Ùige",
        "---\ntitle: Plan 2025–28\n---\n",
        "\t",
        "  ",
        "text",
        ".",
        "&amp;",
        "\\*",
        "[1]",
        "[",
        "]",
        " < ",
        "`",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn on_boundary(source: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= source.len()
        && source.is_char_boundary(span.start)
        && source.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn audit_never_panics_and_spans_are_on_char_boundaries(text in markdownish()) {
        let Ok(document) = Document::from_bytes("p.md".into(), text.into_bytes()) else {
            return Ok(());
        };
        let report = audit::audit(document, &RULES);
        let source = &report.document.source;
        for block in &report.document.blocks {
            prop_assert!(on_boundary(source, &block.span()));
        }
        for link in report.links.iter().flatten() {
            for e in link.evidence.iter().chain(&link.commitments) {
                prop_assert!(on_boundary(source, &e.span()), "{:?}", e);
            }
        }
        for label in report.findings.iter().flat_map(|f| &f.labels) {
            prop_assert!(on_boundary(source, &label.span));
        }
    }

    /// A hit on words that no markup interrupts ("unpaid carers", a piece of its own) points at
    /// those words, whatever stands before them in the block: an unmatched bracket, a `<` or a
    /// lone backtick is an event of its own to the parser.
    #[test]
    fn evidence_of_plain_words_points_at_them(text in markdownish()) {
        // A comment opening a line makes the rest of it an HTML block, whose text is read as
        // HTML reads it (CR LF as LF, entities decoded): a span there may take in the whole run.
        if text.contains("<!--") {
            return Ok(());
        }
        let Ok(document) = Document::from_bytes("p.md".into(), text.into_bytes()) else {
            return Ok(());
        };
        let report = audit::audit(document, &RULES);
        let document = &report.document;
        for e in report.links.iter().flatten().flat_map(|l| l.evidence.iter()) {
            let quoted = e.text(document, &RULES);
            if ["unpaid carers", "short breaks"].contains(&quoted.as_ref()) {
                prop_assert_eq!(&document.source[e.span()], quoted.as_ref());
            }
        }
    }

    #[test]
    fn section_spans_nest_and_tile(text in markdownish()) {
        let Ok(document) = Document::from_bytes("p.md".into(), text.into_bytes()) else {
            return Ok(());
        };
        let sections = &document.sections;
        for (i, section) in sections.iter().enumerate() {
            prop_assert!(on_boundary(&document.source, &section.span()));
            if let Some(parent) = section.parent() {
                prop_assert!(parent < i);
                let outer = &sections[parent].span();
                prop_assert!(outer.start <= section.span().start && section.span().end <= outer.end);
            }
            // The next section with the same parent starts where this one ends.
            let next = sections[i + 1..].iter().find(|s| s.parent() == section.parent());
            if let Some(next) = next.filter(|n| section.level > 0 && n.level > 0) {
                prop_assert_eq!(section.span().end, next.span().start);
            }
        }
        if let Some(last) = sections.iter().rev().find(|s| s.parent().is_none()) {
            prop_assert_eq!(last.span().end, document.source.len());
        }
    }

    /// The audit takes a hit's line of plan text as its block.
    #[test]
    fn plan_text_is_one_line_per_block(text in markdownish()) {
        let Ok(document) = Document::from_bytes("p.md".into(), text.into_bytes()) else {
            return Ok(());
        };
        let plan = document.text.as_str();
        let lines: Vec<usize> = std::iter::once(0)
            .chain(plan.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        prop_assert_eq!(lines.len(), document.blocks.len() + 1);
        for (block, start) in document.blocks.iter().zip(&lines) {
            prop_assert_eq!(block.text().start, *start);
            prop_assert_eq!(&plan[block.text().end..block.text().end + 1], "\n");
        }
    }

    #[test]
    fn positions_round_trip(text in markdownish(), pick in any::<prop::sample::Index>()) {
        let Ok(document) = Document::from_bytes("p.md".into(), text.into_bytes()) else {
            return Ok(());
        };
        let source = &document.source;
        let boundaries: Vec<usize> = source.char_indices().map(|(i, _)| i).chain([source.len()]).collect();
        let offset = boundaries[pick.index(boundaries.len())];
        let at = document.position(offset);
        let line_start = document.lines.line_start(at.line).unwrap();
        let back: usize = line_start
            + source[line_start..].chars().take(at.column - 1).map(char::len_utf8).sum::<usize>();
        prop_assert_eq!(back, offset);
    }
}
