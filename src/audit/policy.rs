//! How a team judges findings: per-framework requirements, per-code severities, and waivers
//! (from configuration, or written into the plan).

use std::collections::BTreeMap;

use super::codes::{Code, Severity};
use super::coverage::{Coverage, Status};
use super::findings::{Finding, Label};
use crate::document::{Directive, DirectiveKind, Document};
use crate::rules::{Obligation, Rules};

/// How well a framework's items must be addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Requirement {
    /// A passing mention is enough: weak items become notes, missing commitments are not asked.
    Weak,
    /// The default: weak items are warnings, missing ones errors.
    Covered,
    /// Covered with a commitment or measure: a missing commitment is an error, and so is an
    /// item only mentioned in passing.
    Committed,
}

/// A team's decision not to report an item or a finding code, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// An item id (`O6`) or a finding code (`orphan-section`).
    pub target: String,
    /// Why the team decided so; shown in reports beside the waived item.
    pub reason: String,
}

/// The team's settings that turn coverage into findings: what each framework requires, the
/// severity of each code, and what is waived. [`Policy::standard`] is the default.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// By framework id; frameworks not named require `Covered`.
    pub requirements: BTreeMap<String, Requirement>,
    /// By finding code; `None` turns the code off.
    pub severities: BTreeMap<Code, Option<Severity>>,
    /// Items and codes not reported, from the config file.
    pub waivers: Vec<Waiver>,
    /// The config's waivers past their `until` day, left out, and those that run out within
    /// [`crate::config::EXPIRY_NOTICE_DAYS`], for `check` to warn of.
    pub expiring: Vec<Expiring>,
    /// Honour the plan's own `<!-- planaudit: ignore … -->` and `addresses …` comments.
    pub plan_directives: bool,
}

impl Policy {
    /// The policy with nothing configured: defaults, and the plan's own comments honoured.
    pub fn standard() -> Self {
        Self {
            plan_directives: true,
            ..Self::default()
        }
    }

    /// Whether a plan is asked for a commitment on the item at `item`, as `check` asks: never
    /// under `weak`, always under `committed`, and under `covered` (the default) unless its
    /// framework is content a plan holds or not (the statutory content).
    pub fn asks_commitment(&self, rules: &Rules, item: usize) -> bool {
        let framework = rules.item(item).framework;
        match self.requirements.get(&framework.id) {
            Some(Requirement::Weak) => false,
            Some(Requirement::Committed) => true,
            Some(Requirement::Covered) | None => framework.asks_commitments,
        }
    }
}

/// A config waiver past its `until` day, or about to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    /// The item it waives, by id; `None` for a waiver of a finding code.
    pub item: Option<String>,
    /// `file:line:column:` and what to do.
    pub warning: String,
}

/// A finding a waiver took out of the report, kept for formats that show what was waived
/// (SARIF's suppressions) so a code-scanning view closes it rather than losing it.
#[derive(Debug, Clone)]
pub struct Waived {
    /// The finding as it stood before the waiver.
    pub finding: Finding,
    /// The waiver's reason.
    pub reason: String,
    /// Waived by a comment in the plan, not by the config.
    pub in_plan: bool,
}

/// Judges `findings` by `policy`; waived items get `Status::Waived` in `coverage`. Returns
/// the findings waivers took out whole.
pub(super) fn apply(
    document: &Document,
    rules: &Rules,
    policy: &Policy,
    coverage: &mut [Coverage],
    findings: &mut Vec<Finding>,
) -> Vec<Waived> {
    findings.retain_mut(|f| {
        match (f.code, requirement_of(rules, policy, f)) {
            (Code::NoCommitment, _)
                if f.item.is_some_and(|i| !policy.asks_commitment(rules, i)) =>
            {
                return false;
            }
            (Code::WeakItem, Requirement::Weak) => f.severity = Severity::Note,
            // An item only mentioned in passing has no commitment either: under `committed` it
            // is no milder than a covered item without one.
            (Code::NoCommitment | Code::WeakItem, Requirement::Committed) => {
                f.severity = Severity::Error
            }
            _ => {}
        }
        match policy.severities.get(&f.code) {
            Some(Some(severity)) => f.severity = *severity,
            Some(None) => return false,
            None => {}
        }
        true
    });
    let (file_wide, in_sections): (Vec<_>, Vec<_>) =
        inline(document, policy).partition(|(d, _, _)| applies_to_file(document, d));
    // Whether each plan-wide comment has anything to waive, asked before any waiver applies, so
    // a config waiver of the same target does not make the comment look idle.
    let idle_file_wide: Vec<(&Directive, String)> = file_wide
        .iter()
        .filter(|(_, target, _)| !has_something_to_waive(rules, coverage, findings, target))
        .map(|(directive, target, _)| (*directive, target.clone()))
        .collect();
    let mut waived = Vec::new();
    let waivers = policy.waivers.iter().map(|w| (w.clone(), false));
    let inline_waivers = file_wide
        .into_iter()
        .map(|(_, target, reason)| (Waiver { target, reason }, true));
    for (waiver, in_plan) in waivers.chain(inline_waivers) {
        let gone = waive(rules, &waiver, coverage, findings);
        waived.extend(gone.into_iter().map(|finding| Waived {
            finding,
            reason: waiver.reason.clone(),
            in_plan,
        }));
    }
    // A comment inside a section waives what the findings point at in that section, and
    // whole a finding about that section: an unsupported claim also underlines the mapping's
    // cell, elsewhere in the plan, and the comment belongs with the section the claim is about.
    let mut used = vec![false; in_sections.len()];
    findings.retain_mut(|f| {
        let had = f.labels.len();
        // Kept as it was, in case the comments take all of it: only a finding they target.
        let targeted = in_sections
            .iter()
            .any(|(_, target, _)| targets(rules, f, target));
        let original = targeted.then(|| f.clone());
        let mut why = None;
        for (n, (directive, target, reason)) in in_sections.iter().enumerate() {
            let Some(section) = directive.section.filter(|_| targets(rules, f, target)) else {
                continue;
            };
            let span = &document.sections[section].span();
            let before = f.labels.len();
            let about = f.section.is_some_and(|s| {
                let about = document.sections[s].span();
                span.start <= about.start && about.end <= span.end
            });
            f.labels.retain(|l: &Label| {
                !(about || span.start <= l.span.start && l.span.end <= span.end)
            });
            if f.labels.len() < before {
                used[n] = true;
                why = Some(reason);
            }
        }
        let kept = had == 0 || !f.labels.is_empty();
        if let (false, Some(finding), Some(reason)) = (kept, original, why) {
            waived.push(Waived {
                finding,
                reason: reason.clone(),
                in_plan: true,
            });
        }
        kept
    });
    let stale = in_sections
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|((directive, target, _), _)| (*directive, target.clone()));
    // Only an item this run audits is judged: a target that names nothing has its own
    // warning (`directive_problems`), and a finding code's findings come and go with the
    // frameworks a run audits (an outcomes-only run has no principle to lack a commitment).
    let stale: Vec<(&Directive, String)> = idle_file_wide
        .into_iter()
        .chain(stale)
        .filter(|(_, target)| {
            rules
                .items()
                .any(|i| i.item.id.eq_ignore_ascii_case(target))
        })
        .collect();
    let severity = policy.severities.get(&Code::BadDirective).copied();
    // `off` in the config silences these as it does every bad-directive finding.
    if let Some(severity) = severity.unwrap_or(Some(Code::BadDirective.severity(Obligation::Must)))
    {
        findings.extend(
            stale
                .iter()
                .map(|(directive, target)| waives_nothing(document, directive, target, severity)),
        );
    }
    waived
}

/// Whether a waiver of `target` would take something out: a finding about it, or an item
/// that is not covered.
fn has_something_to_waive(
    rules: &Rules,
    coverage: &[Coverage],
    findings: &[Finding],
    target: &str,
) -> bool {
    let uncovered = rules
        .items()
        .find(|i| i.item.id.eq_ignore_ascii_case(target))
        .is_some_and(|item| coverage[item.index].status != Status::Covered);
    uncovered || findings.iter().any(|f| targets(rules, f, target))
}

/// A section's `ignore` comment that no finding of this run needed: the gap it waived has
/// been closed, or the target is misspelt for this section, and either way it should go
/// before it hides a gap that comes back.
fn waives_nothing(
    document: &Document,
    directive: &Directive,
    target: &str,
    severity: Severity,
) -> Finding {
    let section = directive.section;
    let message = match section.filter(|_| !applies_to_file(document, directive)) {
        Some(s) => format!(
            "planaudit comment waives nothing: no finding about `{target}` points into \
             \"{}\"; remove the comment if the section no longer needs it",
            document.heading(s)
        ),
        None => format!(
            "planaudit comment waives nothing: the plan has no finding about `{target}`; \
             remove the comment if the plan no longer needs it"
        ),
    };
    Finding {
        code: Code::BadDirective,
        severity,
        item: None,
        section,
        message,
        labels: vec![Label {
            span: directive.span.clone(),
            text: "this comment".into(),
        }],
    }
}

/// What the config requires of the framework of the finding's item: `covered` by default.
fn requirement_of(rules: &Rules, policy: &Policy, finding: &Finding) -> Requirement {
    finding
        .item
        .and_then(|i| policy.requirements.get(&rules.item(i).framework.id))
        .copied()
        .unwrap_or(Requirement::Covered)
}

/// Comments before the first section, in the preamble or under the title apply to the plan.
fn applies_to_file(document: &Document, directive: &Directive) -> bool {
    directive
        .section
        .is_none_or(|s| document.sections[s].level <= 1)
}

/// The plan's `ignore` comments, one entry per target, when the policy honours them.
fn inline<'d>(
    document: &'d Document,
    policy: &Policy,
) -> impl Iterator<Item = (&'d Directive, String, String)> + 'd {
    let enabled = policy.plan_directives;
    document
        .directives
        .iter()
        .filter(move |_| enabled)
        .filter_map(|d| match &d.kind {
            DirectiveKind::Ignore { targets, reason } => Some((d, targets, reason)),
            _ => None,
        })
        .flat_map(|(d, targets, reason)| {
            targets.iter().map(move |t| (d, t.clone(), reason.clone()))
        })
}

fn targets(rules: &Rules, finding: &Finding, target: &str) -> bool {
    let item = finding.item.map(|i| rules.item(i).item.id.as_str());
    item.is_some_and(|id| id.eq_ignore_ascii_case(target)) || finding.code.as_str() == target
}

/// Applies one waiver; returns the findings it took out.
fn waive(
    rules: &Rules,
    waiver: &Waiver,
    coverage: &mut [Coverage],
    findings: &mut Vec<Finding>,
) -> Vec<Finding> {
    let (gone, kept) = std::mem::take(findings)
        .into_iter()
        .partition(|f| targets(rules, f, &waiver.target));
    *findings = kept;
    let item = rules
        .items()
        .find(|i| i.item.id.eq_ignore_ascii_case(&waiver.target));
    // A covered item is not waived, whatever findings about it the waiver takes: its row
    // shows its coverage and commitment, not a reason that reads as one. Of two waivers of one
    // item, the first gives the row its reason, as it took the findings.
    if let Some(entry) = item.map(|item| &mut coverage[item.index])
        && entry.status != Status::Covered
        && entry.waiver.is_none()
    {
        entry.status = Status::Waived;
        entry.waiver = Some(waiver.reason.clone());
    }
    gone
}
