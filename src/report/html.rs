//! One self-contained HTML page for reviewers: for each plan a heatmap of sections × items, its
//! section tree, each item's statement, status and quoted evidence, the gaps with their
//! challenge questions, and the commitments found. No scripts, fonts or images and nothing
//! fetched: it works offline and as an e-mail attachment. maud escapes every piece of plan
//! text. A heatmap cell is a link to its evidence, so clicking shows it without JavaScript.

use std::borrow::Cow;
use std::io;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::league::League;
use super::matrix::Matrix;
use super::{Tally, Unread};
use crate::audit::{Evidence, FileReport, Report, Source, Status};
use crate::document::Document;
use crate::rules::Rules;

/// The page of every plan in `report`, after a list of the plans the run could not read.
pub(super) fn write(
    report: &Report<'_>,
    unread: &[Unread],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let title = match (report.files.as_slice(), unread.len()) {
        ([file], 0) => page_title(&file.document),
        ([_], not_read) => format!("planaudit: 1 plan, {not_read} not read"),
        (files, 0) => format!("planaudit: {} plans", files.len()),
        (files, not_read) => format!("planaudit: {} plans, {not_read} not read", files.len()),
    };
    let body = html! {
        (config_line(report.config.as_deref()))
        @if !unread.is_empty() { (not_read(unread)) }
        @if report.files.len() > 1 { (league(&League::of(report), |path| article(report, path))) }
        @for (n, file) in report.files.iter().enumerate() {
            (plan(file, report.rules, &format!("f{}-", n + 1)))
        }
    };
    out.write_all(page(&title, body).as_bytes())
}

/// The link to a plan's article on the one page of every plan, from its row in the league.
fn article(report: &Report<'_>, path: &str) -> Option<String> {
    let n = report.files.iter().position(|f| f.document.path == path)?;
    Some(format!("#f{}-plan", n + 1))
}

/// The configuration file a run read, named at the top of its pages: one found in a parent
/// directory changes the run, and the reader should see which.
fn config_line(config: Option<&str>) -> Markup {
    html! { @if let Some(config) = config { p.path { "Config: " (config) } } }
}

/// The page of one plan alone, for `--output-dir`.
pub fn plan_page(file: &FileReport, rules: &Rules, config: Option<&str>) -> String {
    let body = html! {
        nav { a href=(INDEX) { "All plans" } }
        (config_line(config))
        (plan(file, rules, "f1-"))
    };
    page(&page_title(&file.document), body)
}

/// A plan's page title: its own title where it has one, and its path.
fn page_title(doc: &Document) -> String {
    match doc.title() {
        Some(title) => format!("planaudit: {title} ({})", doc.path),
        None => format!("planaudit: {}", doc.path),
    }
}

/// An index page for `--output-dir`: the league table, each plan linking to its own report.
pub fn index(
    table: &League,
    href: &dyn Fn(&str) -> Option<String>,
    config: Option<&str>,
) -> String {
    let title = format!("planaudit: {} plans", table.rows.len());
    page(
        &title,
        html! { (config_line(config)) (league(table, href)) },
    )
}

/// The index page of `--output-dir`, which each plan's page links back to.
pub const INDEX: &str = "index.html";

/// Every page's `generator`: `check --output-dir` removes only pages that say it, when a later
/// run into the same folder no longer links them.
pub const GENERATOR: &str = "planaudit";

/// A whole page, as text. Control characters a plan's text carries (an escape sequence in a
/// heading) are written as `\u{1b}`: maud escapes markup, not these, and the page's own
/// markup has none.
fn page(title: &str, body: Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(GENERATOR);
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main { (body) }
            }
        }
    };
    let page = page.into_string();
    match crate::input::escape_controls(&page) {
        std::borrow::Cow::Borrowed(_) => page,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// The plans a run could not read, first on the page so a reviewer knows it is not whole.
fn not_read(unread: &[Unread]) -> Markup {
    html! {
        section.unread aria-labelledby="unread" {
            h1 #unread { "Not read" }
            ul { @for entry in unread { li { (entry.message) } } }
        }
    }
}

fn league(league: &League, link: impl Fn(&str) -> Option<String>) -> Markup {
    html! {
        section.league aria-labelledby="league" {
            h1 #league { "Plans compared" }
            p { "Items covered, weak and missing per framework (and waived, where a team waived any, left out of the share covered); plans with the most covered first." }
            div.scroll {
                table {
                    thead { tr {
                        th scope="col" { "plan" }
                        @for f in league.frameworks() { th scope="col" { (f) " covered / weak / missing" } }
                        th scope="col" { "covered" }
                    } }
                    tbody { @for row in &league.rows { tr {
                        th scope="row" {
                            @match link(&row.plan) {
                                Some(href) => a href=(href) { (row.plan) },
                                None => (row.plan),
                            }
                        }
                        @for t in &row.frameworks {
                            td {
                                (t.covered) " / " (t.weak) " / " (t.missing)
                                @if t.waived > 0 { " (" (t.waived) " waived)" }
                            }
                        }
                        td { (row.percent) "%" }
                    } } }
                }
            }
        }
    }
}

fn plan(file: &FileReport, rules: &Rules, id: &str) -> Markup {
    let doc = &file.document;
    let tally = Tally::of_file(file);
    html! {
        article.plan id={ (id) "plan" } {
            @match doc.title() {
                Some(title) => { h1 { (title) } p.path { (doc.path) } }
                None => { h1 { (doc.path) } }
            }
            p.totals {
                (tally) (tally.set_aside())
                @for framework in rules.frameworks() {
                    @let items = file.coverage.iter().filter(|c| rules.item(c.item).framework.id == framework.id);
                    @let (covered, all) = items.fold((0, 0), |(c, a), x| (c + usize::from(x.status == Status::Covered), a + 1));
                    " · " (framework.name) ": " (covered) "/" (all) " covered"
                }
            }
            // Hundreds of heatmap links come before the gaps: a keyboard goes past them at once.
            p.skip { a href={ "#" (id) "gaps" } { "Skip to the gaps and findings" } }
            (heatmap(file, rules, id))
            (tree(doc, id))
            (gaps(file, rules, id))
            (commitments(file, rules))
            (items(file, rules, id))
        }
    }
}

/// The plan's headings as nested lists, each linking to its row in the heatmap.
fn tree(doc: &Document, id: &str) -> Markup {
    let roots: Vec<usize> = (0..doc.sections.len())
        .filter(|&s| doc.sections[s].parent().is_none())
        .collect();
    html! {
        section.tree {
            h2 { "Sections" }
            details open {
                summary { "The plan's headings, each linking to its row" }
                (branch(doc, &roots, id))
            }
        }
    }
}

fn branch(doc: &Document, sections: &[usize], id: &str) -> Markup {
    html! {
        ul { @for &s in sections {
            @let children: Vec<usize> = (s + 1..doc.sections.len()).filter(|&c| doc.sections[c].parent() == Some(s)).collect();
            li {
                a href={ "#" (id) "s" (s) } { (doc.heading(s)) }
                " " span.line { (doc.section_place(s)) }
                @if !children.is_empty() { (branch(doc, &children, id)) }
            }
        } }
    }
}

/// Every strength a cell can show, weakest first, for the legend. A strength the audit adds
/// later still gets a cell (styled by its name) and joins the legend when it appears.
const KNOWN: [(&str, &str); 5] = [
    ("quoted", "restates the framework's own words"),
    (
        "claimed",
        "the plan says it contributes, without saying how",
    ),
    ("mentioned", "named in passing"),
    ("addressed", "discussed enough to count"),
    ("committed", "addressed, with a commitment or measure"),
];

fn heatmap(file: &FileReport, rules: &Rules, id: &str) -> Markup {
    let matrix = Matrix::sections(file, rules);
    let used = matrix.strengths_used();
    let legend: Vec<(&str, &str)> = KNOWN
        .iter()
        .copied()
        .filter(|(name, _)| {
            ["mentioned", "addressed", "committed"].contains(name)
                || used.iter().any(|s| s.as_str() == *name)
        })
        .chain(
            used.iter()
                .map(|s| s.as_str())
                .filter(|n| KNOWN.iter().all(|(k, _)| k != n))
                .map(|n| (n, "")),
        )
        .collect();
    html! {
        section.heatmap aria-labelledby={ (id) "heatmap" } {
            h2 id={ (id) "heatmap" } { "Sections × items" }
            p { "Each cell is the strongest link between a section's own text and an item. Select a cell to read its evidence." }
            ul.legend aria-label="Legend" {
                @for (name, meaning) in &legend {
                    li { span class={ "swatch " (name) } aria-hidden="true" { (mark(name)) } " " strong { (name) } @if !meaning.is_empty() { ": " (meaning) } }
                }
                li { span.swatch.none aria-hidden="true" {} " " strong { "none" } ": no link" }
            }
            div.scroll {
                table.grid data-heatmap="sections-items" {
                    caption.visually-hidden { "Strength of each section's link to each item" }
                    thead { tr {
                        th scope="col" { "Section" }
                        @for item in rules.items() { th scope="col" title=(item.item.title) { a href={ "#" (id) "item-" (item.item.id) } { (item.item.id) } } }
                    } }
                    tbody { @for row in &matrix.rows {
                        @let s = row.section.unwrap_or_default();
                        tr id={ (id) "s" (s) } {
                            th scope="row" class={ "level" (row.level) } { (row.label) }
                            @for (i, cell) in row.cells.iter().enumerate() {
                                @let item = &rules.item(i).item.id;
                                // A section that reaches the item only with its subsections
                                // has no evidence of its own: its cell goes to the item's list.
                                @let own = file.links.get(s).is_some_and(|own| own.iter().any(|l| l.item == i));
                                @match cell {
                                    Some(strength) if own => td class=(strength.as_str()) {
                                        a href={ "#" (id) "e" (s) "-" (item) } aria-label={ (row.label) ", " (item) ": " (strength.as_str()) } { (mark(strength.as_str())) }
                                    },
                                    Some(strength) => td class=(strength.as_str()) {
                                        a href={ "#" (id) "item-" (item) } aria-label={ (row.label) ", " (item) ": " (strength.as_str()) ", with its subsections" } { (mark(strength.as_str())) }
                                    },
                                    None => td.none aria-label={ (row.label) ", " (item) ": no link" } {},
                                }
                            }
                        }
                    } }
                }
            }
        }
    }
}

/// A cell's symbol, so strength never rests on colour alone.
fn mark(strength: &str) -> &str {
    match strength {
        "mentioned" => "○",
        "addressed" => "●",
        "committed" => "★",
        "quoted" => "❝",
        "claimed" => "?",
        other => other.get(..1).unwrap_or(""),
    }
}

fn gaps(file: &FileReport, rules: &Rules, id: &str) -> Markup {
    html! {
        section.gaps id={ (id) "gaps" } {
            h2 { "Gaps and findings" }
            @if file.findings.is_empty() { p { "No findings" (Tally::of_file(file).set_aside()) "." } }
            ol { @for finding in &file.findings {
                li class=(finding.severity.as_str()) {
                    span.severity { (finding.severity.as_str()) } " "
                    code { (finding.code.as_str()) } " "
                    @if let Some(label) = finding.labels.first() { span.line { (file.document.place(label.span.start)) } " " }
                    (finding.message)
                    @let item = finding.item.map(|item| rules.item(item).item);
                    @if let Some(item) = item {
                        " " a href={ "#" (id) "item-" (item.id) } { "(" (item.id) ")" }
                    }
                    p.advice { (super::advice(finding, rules)) }
                    @if let Some(item) = item {
                        @if !item.questions.is_empty() {
                            ul.questions { @for q in &item.questions { li { (q) } } }
                        }
                    }
                }
            } }
        }
    }
}

fn commitments(file: &FileReport, rules: &Rules) -> Markup {
    let doc = &file.document;
    let mut found: Vec<(&Evidence, Vec<&str>)> = Vec::new();
    for link in file.links.iter().flatten() {
        for c in &link.commitments {
            let id = rules.item(link.item).item.id.as_str();
            match found.iter_mut().find(|(e, _)| e.span() == c.span()) {
                Some((_, ids)) => ids.push(id),
                None => found.push((c, vec![id])),
            }
        }
    }
    found.sort_by_key(|(e, _)| e.span().start);
    html! {
        section.commitments {
            h2 { "Commitments and measures" }
            @if found.is_empty() { p { "None found." } }
            ul { @for (e, ids) in &found {
                li { span.line { (doc.place(e.span().start)) } " " q { (e.text(doc, rules)) } " — " (ids.join(", ")) }
            } }
        }
    }
}

fn items(file: &FileReport, rules: &Rules, id: &str) -> Markup {
    let doc = &file.document;
    html! {
        section.items {
            h2 { "Items" }
            @for c in &file.coverage {
                @let item = rules.item(c.item).item;
                section.item id={ (id) "item-" (item.id) } {
                    h3 { (item.id) " " (item.title) " " span class={ "status " (c.status.as_str()) } { (c.status.as_str()) } }
                    blockquote.statement { (item.statement) }
                    @if let Some(note) = &c.note { p { (note) } }
                    @if let Some(reason) = &c.waiver { p { "Waived: " (reason) } }
                    @if !file.links.iter().flatten().any(|l| l.item == c.item) {
                        p { "No section has any of its signals." }
                    } @else { ul.evidence {
                        @for (s, links) in file.links.iter().enumerate() {
                            @for link in links.iter().filter(|l| l.item == c.item) {
                                li id={ (id) "e" (s) "-" (item.id) } {
                                    a href={ "#" (id) "s" (s) } { (doc.heading(s)) } " "
                                    span class={ "status " (link.strength.as_str()) } { (link.strength.as_str()) }
                                    ul { @for (place, text, e) in quotes(doc, rules, link.evidence.iter().chain(&link.commitments)) {
                                        li {
                                            span.line { (place) } " "
                                            @if e.source == Source::Commitment { strong { "commitment: " } }
                                            q { (text) }
                                        }
                                    } }
                                }
                            }
                        }
                    } }
                }
            }
        }
    }
}

/// Evidence with its place (line, or a PDF's page or a Word file's paragraph) and text, a passage
/// repeated at the same place shown once.
fn quotes<'d, 'e>(
    doc: &'d Document,
    rules: &Rules,
    evidence: impl Iterator<Item = &'e Evidence>,
) -> Vec<(String, Cow<'d, str>, &'e Evidence)> {
    let mut quotes: Vec<(String, Cow<str>, &Evidence)> = evidence
        .map(|e| (doc.place(e.span().start), e.text(doc, rules), e))
        .collect();
    quotes.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    quotes
}

/// Okabe–Ito colours (safe for the common colour-vision deficiencies) on a light-to-dark blue
/// ramp for the strengths that count, plus a symbol in every cell.
const STYLE: &str = r#"
:root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.45;color:#1a1a1a;background:#fff}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;overflow-wrap:anywhere}h2{font-size:1.2rem;display:inline}h3{font-size:1rem}
p.path{margin-top:-.75rem;color:#555;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
section{margin:1.5rem 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.2rem .35rem;text-align:left}
.grid{border-collapse:separate;border-spacing:0;border-top:1px solid #ccc;border-left:1px solid #ccc}
.grid th,.grid td{border:0;border-right:1px solid #ccc;border-bottom:1px solid #ccc}
.grid th[scope=row]{position:sticky;left:0;background:#fff;min-width:7rem;max-width:16rem;overflow-wrap:anywhere;font-weight:normal}
.grid td{text-align:center;min-width:1.6rem}
.grid td a{display:block;color:inherit;text-decoration:none}
.level2{padding-left:1rem}.level3{padding-left:2rem}.level4,.level5,.level6{padding-left:3rem}
.swatch{display:inline-block;min-width:1.4rem;min-height:1.3rem;vertical-align:middle;text-align:center}
.none{background:#fff}
.mentioned{background:#c6dbef;color:#000}
.addressed{background:#56b4e9;color:#000}
.committed{background:#0072b2;color:#fff}
.quoted{background:#e69f00;color:#000}
.claimed{background:#cc79a7;color:#000}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}
.legend .swatch{border:1px solid #999}
.status{font-size:.8rem;padding:0 .3rem;border-radius:.2rem;border:1px solid #999}
.status.covered{background:#0072b2;color:#fff}.status.weak{background:#f0e442}.status.missing{background:#b34d00;color:#fff}
.line{color:#555;font-size:.8rem;white-space:nowrap}
.severity{font-weight:bold}
.advice{margin:.2rem 0;color:#333}
blockquote{margin:.3rem 0 .3rem 1rem;color:#333}
:target{outline:3px solid #d55e00}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (max-width:600px){main{padding:.4rem}.grid th[scope=row]{max-width:8rem}}
@media print{.scroll{overflow:visible}.grid{font-size:.6rem}a{color:inherit;text-decoration:none}
 .grid td,.swatch,.status{-webkit-print-color-adjust:exact;print-color-adjust:exact}section.item{break-inside:avoid}}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::audit;
    use crate::rules::Catalog;

    /// Entities and backslash escapes make the adapter hand over literal `<` in headings and
    /// text, just as a converted Word or PDF plan might.
    const HOSTILE: &str = "# Plan &lt;script&gt;alert(1)&lt;/script&gt;\n\n\
        ## Carers \"quoted\" & \\<b\\>bold\\</b\\>\n\n\
        We will double respite and short breaks for unpaid carers by 2027 \\<img src=x onerror=alert(3)\\>.\n";

    fn render(plan: &str) -> String {
        let rules = Catalog::builtin().select(&["outcomes"]).unwrap();
        let doc = Document::from_bytes("plan<x>.md".into(), plan.as_bytes().to_vec()).unwrap();
        let report = Report {
            rules: &rules,
            files: vec![audit(doc, &rules)],
            config: None,
        };
        let mut out = Vec::new();
        write(&report, &[], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plan_text_is_escaped_so_its_markup_never_runs() {
        let html = render(HOSTILE);
        assert!(!html.contains("<script"), "a script element got through");
        assert!(!html.contains("<img"), "an image element got through");
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("plan&lt;x&gt;.md"));
        assert!(
            html.contains("Carers &quot;quoted&quot; &amp;"),
            "in attributes too"
        );
    }

    #[test]
    fn the_page_has_the_heatmap_an_anchor_per_item_and_nothing_external() {
        let html = render(HOSTILE);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert_eq!(html.matches("data-heatmap=\"sections-items\"").count(), 1);
        for id in ["O1", "O5", "O6", "O9"] {
            assert!(html.contains(&format!("id=\"f1-item-{id}\"")), "{id}");
        }
        let carers = "href=\"#f1-e1-O6\"";
        assert!(
            html.contains(carers),
            "the carers cell links to its evidence"
        );
        assert!(
            html.contains("id=\"f1-e1-O6\""),
            "and the evidence is there"
        );
        assert!(html.contains("class=\"committed\""), "coloured by strength");
        let missing = "is not addressed anywhere in the plan <a href=\"#f1-item-O1\">(O1)</a>\
                       <p class=\"advice\">add a section, or a commitment";
        assert!(html.contains(missing), "each finding says what to do");
        for external in ["<link", " src=\"", "url(", "http://", "https://"] {
            assert!(!html.contains(external), "{external}");
        }
    }

    /// A keyboard skips the heatmap's links to the gaps; the tree's heading is a heading, not
    /// a summary's text; an item no section touches says so rather than show an empty list;
    /// and the "missing" badge's white text is legible (5.3:1 on its orange, where 4.5 is AA).
    #[test]
    fn the_page_can_be_read_with_a_keyboard_and_a_screen_reader() {
        let html = render(HOSTILE);
        let skip = html.find("href=\"#f1-gaps\"").expect("a skip link");
        assert!(skip < html.find("data-heatmap").unwrap());
        assert!(html.contains("<section class=\"gaps\" id=\"f1-gaps\">"));
        assert!(!html.contains("<summary><h2>"));
        assert!(html.contains("<h2>Sections</h2>"));
        let o1 = &html[html.find("id=\"f1-item-O1\"").unwrap()..];
        let o1 = &o1[..o1.find("</section>").unwrap()];
        assert!(o1.contains("No section has any of its signals."), "{o1}");
        assert!(!html.contains("<ul class=\"evidence\"></ul>"));
        assert!(html.contains(".status.missing{background:#b34d00;color:#fff}"));
    }

    /// On the one page of several plans, each row of the league links to its plan; a plan's
    /// own page of `--output-dir` links back to the index.
    #[test]
    fn plans_link_to_and_from_their_league() {
        let rules = Catalog::builtin().select(&["outcomes"]).unwrap();
        let files = ["a.md", "b.md"].map(|path| {
            let doc = Document::from_bytes(path.into(), HOSTILE.as_bytes().to_vec()).unwrap();
            audit(doc, &rules)
        });
        let report = Report {
            rules: &rules,
            files: files.into(),
            config: None,
        };
        let mut out = Vec::new();
        write(&report, &[], &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        for (path, n) in [("a.md", 1), ("b.md", 2)] {
            assert!(
                html.contains(&format!("<a href=\"#f{n}-plan\">{path}</a>")),
                "{path}"
            );
            assert!(html.contains(&format!("<article class=\"plan\" id=\"f{n}-plan\">")));
        }
        let page = plan_page(&report.files[0], &rules, None);
        assert!(page.contains("<nav><a href=\"index.html\">All plans</a></nav>"));
    }
}
