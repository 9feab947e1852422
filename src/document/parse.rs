//! One pass over pulldown-cmark's events builds sections, blocks and the plan text together.

use std::ops::Range;

use miette::NamedSource;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::directives::{self, Directive};
use super::text::PlanTextBuilder;
use super::{Block, BlockKind, Document, Error, FrontMatter, Section};
use crate::source::LineIndex;

pub(super) fn parse(path: String, source: String) -> Result<Document, Error> {
    let lines = LineIndex::new(&source);
    let mut builder = Builder::default();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        builder.event(event, range);
    }
    let front_matter = match &builder.front_matter {
        Some((yaml, start)) => parse_front_matter(&path, &source, &lines, yaml, *start)?,
        None => FrontMatter::default(),
    };
    let directives = std::mem::take(&mut builder.directives);
    let (sections, blocks, text) = builder.finish(source.len());
    Ok(Document {
        path,
        source,
        front_matter,
        sections,
        blocks,
        text,
        lines,
        directives,
    })
}

fn parse_front_matter(
    path: &str,
    source: &str,
    lines: &LineIndex,
    yaml: &str,
    start: usize,
) -> Result<FrontMatter, Error> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    crate::yaml::from_str(yaml).map_err(|error| {
        let offset = (start + error.offset.unwrap_or(0)).min(source.len());
        Error::FrontMatter {
            path: path.to_owned(),
            line: lines.line(offset),
            message: error.message,
            src: NamedSource::new(path, source.to_owned()),
            span: (offset, 0).into(),
        }
    })
}

/// Where text events land: the leaf block being filled, and the containers around it.
#[derive(Default)]
struct Builder {
    text: PlanTextBuilder,
    sections: Vec<Section>,
    blocks: Vec<Block>,
    /// Heading sections whose span is still open, outermost first.
    open_sections: Vec<usize>,
    containers: Vec<Container>,
    block: Option<OpenBlock>,
    /// Depth of code blocks and metadata, whose text is not plan text.
    skip: usize,
    in_front_matter: bool,
    /// Open lists, and how many lists have been opened so far.
    list_depth: usize,
    lists_seen: usize,
    front_matter: Option<(String, usize)>,
    preamble_start: usize,
    directives: Vec<Directive>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
}

struct OpenBlock {
    kind: BlockKind,
    text_start: usize,
    span: Option<Range<usize>>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text, range),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, range),
            Event::InlineHtml(html) | Event::Html(html) => {
                self.text.space();
                if let Some(kind) = directives::parse(&html) {
                    let section = self.sections.len().checked_sub(1);
                    self.directives.push(Directive {
                        kind,
                        section,
                        span: range,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text.space(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.close_block();
                self.open_heading(level as u8, range);
                self.open_block(BlockKind::Heading);
            }
            Tag::Paragraph => {
                self.close_block();
                let kind = match self.containers.last() {
                    Some(Container::Item) => BlockKind::ListItem,
                    Some(Container::Quote) => BlockKind::Quote,
                    None => BlockKind::Paragraph,
                };
                self.open_block(kind);
            }
            Tag::TableCell => {
                self.close_block();
                self.open_block(BlockKind::TableCell);
            }
            Tag::Item => {
                self.close_block();
                self.containers.push(Container::Item);
            }
            Tag::BlockQuote(_) => {
                self.close_block();
                self.containers.push(Container::Quote);
            }
            Tag::List(_) => {
                self.close_block();
                if self.list_depth == 0 {
                    self.lists_seen += 1;
                }
                self.list_depth += 1;
            }
            Tag::Table(_) | Tag::FootnoteDefinition(_) => {
                self.close_block();
            }
            Tag::CodeBlock(_) => {
                self.close_block();
                self.skip += 1;
            }
            Tag::MetadataBlock(_) => {
                self.skip += 1;
                self.in_front_matter = true;
                self.preamble_start = range.end;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let heading = self
                    .close_block()
                    .map(|b| self.text.slice(b.text).to_owned());
                if let Some(section) = self.sections.last_mut() {
                    section.heading = Some(heading.unwrap_or_default());
                }
            }
            TagEnd::Paragraph | TagEnd::TableCell => {
                self.close_block();
            }
            TagEnd::Item | TagEnd::BlockQuote(_) => {
                self.close_block();
                self.containers.pop();
            }
            TagEnd::List(_) => {
                self.close_block();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.skip = self.skip.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
                self.in_front_matter = false;
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.in_front_matter {
            self.front_matter = Some((text.to_owned(), range.start));
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.block.is_none() {
            let kind = match self.containers.last() {
                Some(Container::Quote) => BlockKind::Quote,
                _ => BlockKind::ListItem,
            };
            self.open_block(kind);
        }
        let Some(block) = self.block.as_mut() else {
            return;
        };
        block.span = Some(match block.span.take() {
            Some(span) => span.start..range.end,
            None => range.clone(),
        });
        self.text.push(text, range, block.text_start);
    }

    fn open_heading(&mut self, level: u8, range: Range<usize>) {
        while let Some(&last) = self.open_sections.last() {
            if self.sections[last].level < level {
                break;
            }
            self.sections[last].span.end = range.start;
            self.open_sections.pop();
        }
        if let [preamble] = self.sections.as_mut_slice() {
            preamble.span.end = range.start;
        }
        let index = self.sections.len();
        self.sections.push(Section {
            heading: None,
            level,
            parent: self.open_sections.last().copied(),
            span: range.start..range.start,
            heading_span: Some(range),
            blocks: self.blocks.len()..self.blocks.len(),
        });
        self.open_sections.push(index);
    }

    fn open_block(&mut self, kind: BlockKind) {
        self.block = Some(OpenBlock {
            kind,
            text_start: self.text.len(),
            span: None,
        });
    }

    /// Ends the open block, if any, and returns it when it held text.
    fn close_block(&mut self) -> Option<Block> {
        let open = self.block.take()?;
        let text = open.text_start..self.text.len();
        if !self.text.end_block(open.text_start) {
            return None;
        }
        if self.sections.is_empty() {
            self.sections.push(Section {
                heading: None,
                level: 0,
                parent: None,
                span: self.preamble_start..self.preamble_start,
                heading_span: None,
                blocks: 0..0,
            });
        }
        let section = self.sections.len() - 1;
        let block = Block {
            kind: open.kind,
            section,
            span: open.span.unwrap_or(0..0),
            text,
            list: (self.lists_seen.checked_sub(1)).filter(|_| open.kind == BlockKind::ListItem),
        };
        self.blocks.push(block.clone());
        self.sections[section].blocks.end = self.blocks.len();
        Some(block)
    }

    fn finish(mut self, len: usize) -> (Vec<Section>, Vec<Block>, super::PlanText) {
        self.close_block();
        for &open in &self.open_sections {
            self.sections[open].span.end = len;
        }
        if let [preamble] = self.sections.as_mut_slice() {
            preamble.span.end = len;
        }
        self.sections.shrink_to_fit();
        self.blocks.shrink_to_fit();
        (self.sections, self.blocks, self.text.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: &str) -> Document {
        parse("plan.md".into(), source.into()).unwrap()
    }

    fn headings(d: &Document) -> Vec<(Option<&str>, u8, Option<usize>)> {
        d.sections
            .iter()
            .map(|s| (s.heading.as_deref(), s.level, s.parent))
            .collect()
    }

    #[test]
    fn builds_a_tree_from_atx_and_setext_headings() {
        let d = doc(
            "Intro text.\n\nPlan\n====\n\nBody.\n\nCarers\n------\n\n### Short breaks\n\nText.\n\n## Workforce ##\n",
        );
        assert_eq!(
            headings(&d),
            vec![
                (None, 0, None),
                (Some("Plan"), 1, None),
                (Some("Carers"), 2, Some(1)),
                (Some("Short breaks"), 3, Some(2)),
                (Some("Workforce"), 2, Some(1)),
            ]
        );
    }

    #[test]
    fn section_spans_nest_and_cover_subsections() {
        let src = "# A\n\na\n\n## B\n\nb\n\n# C\n\nc\n";
        let d = doc(src);
        let spans: Vec<&str> = d.sections.iter().map(|s| &src[s.span.clone()]).collect();
        assert_eq!(
            spans,
            vec!["# A\n\na\n\n## B\n\nb\n\n", "## B\n\nb\n\n", "# C\n\nc\n"]
        );
    }

    #[test]
    fn heading_without_body_is_a_section() {
        let d = doc("## Empty\n## Next\n\nText.\n");
        assert_eq!(d.sections.len(), 2);
        assert_eq!(d.sections[0].blocks.len(), 1, "only its heading block");
    }

    #[test]
    fn code_and_html_are_not_plan_text() {
        let d = doc(
            "Para one.\n\n```\nunpaid carers\n```\n\n<!-- workforce -->\n\nSee <!-- x -->this.\n",
        );
        assert_eq!(d.text.as_str(), "Para one.\nSee this.\n");
    }

    #[test]
    fn blocks_know_their_kind_and_exact_span() {
        let src = "> quoted words\n\n- item one\n  - nested **two**\n\n| a | b |\n|---|---|\n| cell | x |\n";
        let d = doc(src);
        let got: Vec<(BlockKind, &str, &str)> = d
            .blocks
            .iter()
            .map(|b| (b.kind, &src[b.span.clone()], d.block_text(b)))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Quote, "quoted words", "quoted words"),
                (BlockKind::ListItem, "item one", "item one"),
                (BlockKind::ListItem, "nested **two", "nested two"),
                (BlockKind::TableCell, "a", "a"),
                (BlockKind::TableCell, "b", "b"),
                (BlockKind::TableCell, "cell", "cell"),
                (BlockKind::TableCell, "x", "x"),
            ]
        );
    }

    #[test]
    fn reads_front_matter() {
        let d = doc("---\ntitle: Plan 2025–28\narea: Glen\nowner: someone\n---\n\n# Plan\n");
        assert_eq!(d.front_matter.title.as_deref(), Some("Plan 2025–28"));
        assert_eq!(d.front_matter.area.as_deref(), Some("Glen"));
        assert_eq!(d.sections.len(), 1);
    }

    #[test]
    fn bad_front_matter_is_located() {
        let err = parse(
            "plan.md".into(),
            "---\ntitle: [unclosed\n---\n# Plan\n".into(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("plan.md:"), "{err}");
    }

    #[test]
    fn a_plan_without_headings_is_one_section() {
        let d = doc("Just text.\n\nMore text.\n");
        assert_eq!(headings(&d), vec![(None, 0, None)]);
        assert_eq!(d.sections[0].span, 0..d.source.len());
    }
}
