//! SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, Azure DevOps,
//! SARIF viewers in editors). Each item is a rule, so an alert names the outcome or principle
//! the plan falls short of and carries its statutory wording and challenge questions as help.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::json::{Once, is_zero};
use super::{Extent, Options, Unread, capped, extent};
use crate::audit::{Code, FileReport, Finding, Report, Severity};
use crate::document::Document;
use crate::rules::{Item, Rules};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const HOME_PAGE: &str = "https://github.com/planaudit/planaudit";
/// Where every rule is documented; a rule's help link is this plus `#` and its lower-cased id.
const RULES_DOC: &str = "https://github.com/planaudit/planaudit/blob/main/docs/rules.md";
/// Key of the fingerprint that lets a code-scanning service follow an alert when lines move.
const FINGERPRINT_KEY: &str = "planaudit/v1";

#[derive(Serialize)]
struct Log<'a, R: Serialize> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, R>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a, R: Serialize> {
    tool: Tool<'a>,
    /// Columns count characters, as everywhere in planaudit.
    column_kind: &'static str,
    /// A lone CR ends a line too, as it does for CommonMark; SARIF's default omits it.
    newline_sequences: [&'static str; 3],
    results: R,
    /// How the run went, written only when a plan could not be read: SARIF's place for a
    /// tool's own errors, which code scanning shows beside the results. Known once `results`
    /// is written, which is when serde asks whether to skip it (it asks again at each field).
    #[serde(skip_serializing_if = "Invocations::is_empty")]
    invocations: Invocations<'a>,
    /// The configuration file the run read, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RunProperties<'a>>,
}

/// The plans set aside as unread while the results were written, as one failed invocation
/// with a notification for each.
struct Invocations<'a>(&'a RefCell<Vec<Unread>>);

impl Invocations<'_> {
    fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

impl Serialize for Invocations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Invocation {
            execution_successful: bool,
            tool_execution_notifications: Vec<Notification>,
        }
        #[derive(Serialize)]
        struct Notification {
            level: &'static str,
            message: Text,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            locations: Vec<Location>,
        }
        let unread = self.0.borrow();
        let notifications = unread.iter().map(|unread| Notification {
            level: "error",
            message: Text {
                text: unread.message.clone(),
            },
            locations: (unread.path.iter())
                .map(|path| {
                    let mut physical_location = physical(&artifact_uri(path), None);
                    if let (Some((line, column)), Some(region)) =
                        (unread.position, &mut physical_location.region)
                    {
                        region.start_line = line;
                        region.start_column = column;
                    }
                    Location {
                        id: None,
                        physical_location,
                        message: None,
                    }
                })
                .collect(),
        });
        [Invocation {
            execution_successful: false,
            tool_execution_notifications: notifications.collect(),
        }]
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct RunProperties<'a> {
    config: &'a str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<&'a Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    /// Only where docs/rules.md has the rule: a built-in item's or a finding code's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    /// Absent only when no rule has the result's id; the result still names its rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// Present on a waived or baselined finding, so code scanning shows it closed, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: Properties,
}

/// A waiver, as SARIF records one: in the plan (`inSource`) or in the config (`external`); or
/// the baseline (`external`).
#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    /// Absent for a Word or PDF plan: lines of its extracted text are nowhere in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct Properties {
    code: &'static str,
    /// Places of the finding left out of its locations ([`Options::max_labels`]).
    #[serde(rename = "morePlaces", skip_serializing_if = "is_zero")]
    more_places: usize,
}

pub(super) fn write(
    report: &Report<'_>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let config = report.config.as_deref();
    write_stream(
        report.rules,
        config,
        report.files.iter().map(Ok),
        options,
        out,
    )
}

/// The report as a SARIF 2.1.0 log with one run, pretty-printed and newline-terminated. Each
/// plan's results are made and written as `files` yields it, so a run holds one plan's report
/// at a time, not all of them.
pub(super) fn write_stream<F: Borrow<FileReport>>(
    rules: &Rules,
    config: Option<&str>,
    files: impl Iterator<Item = Result<F, Unread>>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let driver_rules = driver_rules(rules);
    let unread = RefCell::default();
    let files = super::set_aside(files, &unread);
    let index: BTreeMap<&str, usize> = driver_rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results = files.flat_map(|file| {
        let file = file.borrow();
        let index = &index;
        // A finding a baseline took out stays a result, suppressed, where it was in the report
        // without the baseline: code scanning would close its alert as fixed were it left out,
        // and the fingerprints, which number repeats in report order, are the same either way.
        let mut found: Vec<(&Finding, bool)> = file.findings.iter().map(|f| (f, false)).collect();
        found.extend(file.baselined.iter().map(|f| (f, true)));
        found.sort_by_key(|(f, _)| f.order());
        let findings: Vec<&Finding> = found.iter().map(|(f, _)| *f).collect();
        let found = found.into_iter().map(|(f, baselined)| {
            let mut result = result(rules, &file.document, f, index, options.max_labels);
            if baselined {
                result.suppressions = vec![Suppression {
                    kind: "external",
                    justification: "recorded in the baseline (--baseline)".to_owned(),
                }];
            }
            result
        });
        let waived = file.waived.iter().map(|w| {
            let mut result = result(rules, &file.document, &w.finding, index, options.max_labels);
            result.suppressions = vec![Suppression {
                kind: if w.in_plan { "inSource" } else { "external" },
                justification: w.reason.clone(),
            }];
            result
        });
        let mut results: Vec<_> = found.chain(waived).collect();
        let all = findings
            .into_iter()
            .chain(file.waived.iter().map(|w| &w.finding));
        let prints = fingerprints(rules, &file.document, &all.collect::<Vec<_>>());
        for (result, print) in results.iter_mut().zip(prints) {
            result.partial_fingerprints = BTreeMap::from([(FINGERPRINT_KEY, print)]);
        }
        results
    });
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "planaudit",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: HOME_PAGE,
                    rules: driver_rules.iter().collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            newline_sequences: ["\r\n", "\n", "\r"],
            results: Once::new(results),
            invocations: Invocations(&unread),
            properties: config.map(|config| RunProperties { config }),
        }],
    };
    let mut buffer = io::BufWriter::with_capacity(1 << 16, out);
    crate::json::to_writer(&mut buffer, &log, true)?;
    buffer.write_all(b"\n")?;
    buffer.flush()
}

/// One rule per selected item, in rule order, then one per code that names no item.
fn driver_rules(rules: &Rules) -> Vec<Rule> {
    let items = rules
        .items()
        .map(|i| item_rule(i.item, i.framework.file.is_none()));
    let codes = Code::all().filter_map(code_rule);
    items.chain(codes).collect()
}

/// The rule of `item`; `built_in` says whether docs/rules.md documents it (a user's rule file
/// has no page there, even when it replaces a built-in set).
fn item_rule(item: &Item, built_in: bool) -> Rule {
    let summary = item.summary.trim();
    let mut text = summary.to_owned();
    let mut markdown = summary.to_owned();
    if !item.questions.is_empty() {
        text.push_str("\n\nQuestions the plan should answer:");
        markdown.push_str("\n\n**Questions the plan should answer:**\n");
        for question in &item.questions {
            let _ = write!(text, "\n- {}", question.trim());
            let _ = write!(markdown, "\n- {}", question.trim());
        }
    }
    Rule {
        id: item.id.clone(),
        name: pascal_case(&item.title),
        short_description: Text {
            text: item.title.clone(),
        },
        full_description: Text {
            text: item.statement.trim().to_owned(),
        },
        help: Help { text, markdown },
        help_uri: built_in.then(|| help_uri(&item.id)),
    }
}

/// The rule for a code whose findings name no item; `None` for codes whose rule is the item.
fn code_rule(code: Code) -> Option<Rule> {
    let doc = code.doc();
    if doc.names_item {
        return None;
    }
    let help = format!("{}.", capitalise(doc.help));
    Some(Rule {
        id: code.as_str().to_owned(),
        name: doc.name.to_owned(),
        short_description: Text {
            text: doc.title.to_owned(),
        },
        full_description: Text {
            text: format!("{} {}", doc.what, doc.why),
        },
        help: Help {
            text: help.clone(),
            markdown: help,
        },
        help_uri: Some(help_uri(code.as_str())),
    })
}

fn help_uri(id: &str) -> String {
    format!("{RULES_DOC}#{}", id.to_lowercase())
}

/// A title as one word with capitals, e.g. "Respecting people's rights" → "RespectingPeoplesRights".
fn pascal_case(title: &str) -> String {
    title
        .replace(['\'', '’'], "")
        .split(|c: char| !c.is_alphanumeric())
        .map(capitalise)
        .collect()
}

/// One finding as a result, at its first label, the other labels as related locations.
fn result<'a>(
    rules: &'a Rules,
    doc: &Document,
    finding: &Finding,
    index: &BTreeMap<&str, usize>,
    max_labels: Option<usize>,
) -> SarifResult<'a> {
    let item = finding.item.map(|i| rules.item(i).item.id.as_str());
    let rule_id = item.unwrap_or(finding.code.as_str());
    let uri = artifact_uri(&doc.path);
    let (shown, more_places) = capped(&finding.labels, max_labels);
    let mut related: Vec<Location> = shown
        .iter()
        .enumerate()
        .map(|(i, label)| Location {
            id: Some(i + 1),
            physical_location: physical(&uri, Some(extent(doc, &label.span))),
            // Lines of text extracted from a Word document or PDF mean nothing in the file
            // itself, so the label names the page or paragraph too.
            message: Some(Text {
                text: match doc.place_label(label.span.start) {
                    Some(place) => format!("{} ({place})", label.text),
                    None => label.text.to_string(),
                },
            }),
        })
        .collect();
    // A plan is fixed by acting at one of these places, not at all of them, so SARIF asks for
    // one location and the others as related locations.
    let mut primary = if related.is_empty() {
        Location {
            id: None,
            physical_location: physical(&uri, None),
            message: None,
        }
    } else {
        related.remove(0)
    };
    // Lines of a Word or PDF plan's extracted text point nowhere in the file: its locations
    // name the file at its first line, which code-scanning services require of every result
    // (GitHub's GH1003), and their messages the page or paragraph.
    if !doc.places.is_empty() {
        for location in std::iter::once(&mut primary).chain(&mut related) {
            location.physical_location = physical(&uri, None);
        }
    }
    SarifResult {
        rule_id,
        rule_index: index.get(rule_id).copied(),
        level: level(finding.severity),
        // The rule's help is the item's; what to do about this kind of finding goes here.
        message: Text {
            text: format!(
                "{}. {}.",
                finding.message,
                capitalise(&super::advice(finding, rules))
            ),
        },
        locations: vec![primary],
        related_locations: related,
        // Set for the plan's findings together (`fingerprints`).
        partial_fingerprints: BTreeMap::new(),
        suppressions: Vec::new(),
        properties: Properties {
            code: finding.code.as_str(),
            more_places,
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A place in the plan; without an extent, its first line, for findings about the whole plan.
fn physical(uri: &str, extent: Option<Extent>) -> PhysicalLocation {
    let region = match extent {
        Some(Extent { start, end }) => Region {
            start_line: start.line,
            start_column: Some(start.column),
            end_line: Some(end.line),
            end_column: Some(end.column),
        },
        None => Region {
            start_line: 1,
            start_column: None,
            end_line: None,
            end_column: None,
        },
    };
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri.to_owned(),
        },
        region: Some(region),
    }
}

/// What identifies each of a plan's findings whatever line it is on, one per finding: its
/// code, its item and, for a finding about a section, that section's heading under its
/// parents' ("Carers › Actions", the plan's title left out), each without the numbering before
/// its name ([`unnumbered`](crate::document::unnumbered), so a priority inserted above leaves the alerts of the renumbered
/// ones as they were); for one about neither, its message, which names its row or comment.
/// The parents are always given, so a section of the same heading added elsewhere leaves this
/// one's alert as it was. Where two findings would still share one, the second and later are
/// numbered ("#2") in report order: two findings are two alerts. No hash, so a person can read
/// why two alerts match.
fn fingerprints(rules: &Rules, doc: &Document, findings: &[&Finding]) -> Vec<String> {
    let print = |finding: &Finding| {
        let item = finding.item.map(|i| rules.item(i).item.id.as_str());
        let about = match finding.section {
            Some(section) => doc.heading_path(section),
            None if finding.item.is_none() => finding.message.clone(),
            None => String::new(),
        };
        format!(
            "{}:{}:{about}",
            finding.code.as_str(),
            item.unwrap_or_default()
        )
    };
    let mut prints: Vec<String> = findings.iter().map(|f| print(f)).collect();
    let mut seen: foldhash::HashMap<String, usize> = Default::default();
    for p in &mut prints {
        let n = seen.entry(p.clone()).or_default();
        *n += 1;
        if *n > 1 {
            p.push_str(&format!("#{n}"));
        }
    }
    prints
}

/// The plan's path as a URI reference: relative paths stay relative (code-scanning services
/// resolve them against the repository root), with forward slashes and percent-encoding;
/// absolute paths become `file` URIs.
fn artifact_uri(path: &str) -> String {
    uri_of(path, cfg!(windows))
}

/// [`artifact_uri`] on Windows (`windows`), where `\\` separates folders, or elsewhere, where
/// it is a letter of a file's name and is percent-encoded like any other.
fn uri_of(path: &str, windows: bool) -> String {
    let path = match windows {
        true => path.replace('\\', "/"),
        false => path.to_owned(),
    };
    let path = path.trim_start_matches("./");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1..3] == *b":/";
    let (mut uri, rest) = if path.starts_with('/') {
        ("file://".to_owned(), path)
    } else if drive {
        (format!("file:///{}", &path[..2]), &path[2..])
    } else {
        (String::new(), path)
    };
    for byte in rest.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

/// The text with its first letter capitalised.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_pascal_case_names() {
        assert_eq!(
            pascal_case("Supporting unpaid carers"),
            "SupportingUnpaidCarers"
        );
        assert_eq!(
            pascal_case("Respecting people's rights"),
            "RespectingPeoplesRights"
        );
        assert_eq!(pascal_case("Safe — from harm"), "SafeFromHarm");
        assert_eq!(
            pascal_case("Engaged, supported workforce"),
            "EngagedSupportedWorkforce"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri_of_unix("fixtures/plans/gaps-plan.md"),
            "fixtures/plans/gaps-plan.md"
        );
        assert_eq!(
            uri_of("./plans\\2024 draft.md", true),
            "plans/2024%20draft.md"
        );
        assert_eq!(uri_of_unix("plans/a#b?c%.md"), "plans/a%23b%3Fc%25.md");
        assert_eq!(uri_of_unix("plans/Plana ùr.md"), "plans/Plana%20%C3%B9r.md");
        assert_eq!(
            uri_of_unix("/srv/plans/plan.md"),
            "file:///srv/plans/plan.md"
        );
        assert_eq!(
            uri_of("C:\\plans\\plan.md", true),
            "file:///C:/plans/plan.md"
        );
        assert_eq!(
            uri_of_unix("a:b.md"),
            "a%3Ab.md",
            "a colon would read as a scheme"
        );
        assert_eq!(
            uri_of_unix("plans/back\\slash.md"),
            "plans/back%5Cslash.md",
            "outside Windows a backslash is part of the name"
        );
    }

    fn uri_of_unix(path: &str) -> String {
        uri_of(path, false)
    }
}
