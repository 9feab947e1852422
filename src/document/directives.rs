//! Instructions to planaudit written into the plan as HTML comments:
//! `<!-- planaudit: ignore O6 reason="covered by the carers strategy" -->` and
//! `<!-- planaudit: addresses O6 O7 -->`.

use std::ops::Range;

/// What a `<!-- planaudit: … -->` comment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Waive findings about these items or finding codes, with the author's reason.
    Ignore {
        /// Item ids or finding codes, as written.
        targets: Vec<String>,
        /// Why, from `reason="…"`; required, so a waiver always says why.
        reason: String,
    },
    /// The author states that the section addresses these items.
    Addresses {
        /// The item ids, as written.
        items: Vec<String>,
    },
    /// A `planaudit:` comment that could not be read; reported rather than silently ignored.
    Unknown {
        /// The comment's text, quoted in the `bad-directive` finding.
        text: String,
        /// What is wrong with it, so the finding can say what to change.
        problem: Unreadable,
    },
}

/// Why a `planaudit:` comment could not be acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// It never closes with `-->`.
    Unclosed,
    /// An `ignore` with no reason, or an empty one: a waiver always says why.
    NoReason,
    /// More than one `reason=`: one comment would waive several items for different reasons.
    ManyReasons,
    /// Anything else: a mistyped `planaudit:` or verb, a reason on `addresses`, an unknown
    /// attribute.
    Unrecognised,
}

/// One `planaudit:` comment in a plan, and where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it asks for.
    pub kind: DirectiveKind,
    /// The section the comment sits in; `None` before the first section, where it applies to
    /// the whole plan.
    pub section: Option<usize>,
    /// The comment in [`Document::source`](super::Document::source).
    pub span: Range<usize>,
}

/// Reads a directive from an HTML comment's text, if it is one. `planaudit:` and the verb may
/// be in any case. A comment that names planaudit but cannot be acted on exactly as written is
/// [`DirectiveKind::Unknown`], so it is reported rather than silently ignored or half applied:
/// one that never closes, an `ignore` without a reason (config waivers need one too), or with
/// more than one reason. A comment may span lines.
pub(super) fn parse(html: &str) -> Option<DirectiveKind> {
    let open = html.trim().strip_prefix("<!--")?;
    let unknown = |text: &str, problem| DirectiveKind::Unknown {
        text: gist(text),
        problem,
    };
    let Some(body) = open.trim_end().strip_suffix("-->") else {
        return names_planaudit(open).then(|| unknown(open, Unreadable::Unclosed));
    };
    let body = body.trim();
    let Some(rest) = strip_prefix_ignore_case(body, "planaudit:") else {
        return names_planaudit(body).then(|| unknown(body, Unreadable::Unrecognised));
    };
    let rest = rest.trim();
    let (verb, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let (words, reason) = match args.split_once("reason=") {
        Some((words, reason)) => (words, Some(unquote(reason))),
        None => (args, None),
    };
    let words: Vec<String> = words
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let reasons = args.matches("reason=").count();
    // No `reason=` and nothing else given as `key=value`, or a reason that is all blanks.
    let no_reason = match &reason {
        None => !args.contains('='),
        Some(reason) => reason.as_ref().is_some_and(|r| r.trim().is_empty()),
    };
    let reason = reason.flatten().filter(|r| !r.trim().is_empty());
    Some(match (verb.to_ascii_lowercase().as_str(), reason) {
        ("ignore", Some(reason)) if !words.is_empty() => DirectiveKind::Ignore {
            targets: words,
            reason,
        },
        ("addresses", None) if !words.is_empty() && reasons == 0 => {
            DirectiveKind::Addresses { items: words }
        }
        ("ignore", _) if reasons > 1 => unknown(body, Unreadable::ManyReasons),
        ("ignore", None) if !words.is_empty() && no_reason => unknown(body, Unreadable::NoReason),
        _ => unknown(body, Unreadable::Unrecognised),
    })
}

/// Longest comment text a `bad-directive` message quotes, in characters: a comment that never
/// closes runs to the end of the plan.
const GIST_CHARS: usize = 80;

/// A comment's text for a message: on one line, its runs of white space one space, cut to
/// [`GIST_CHARS`] with an ellipsis.
fn gist(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let one_line = words.join(" ");
    match one_line.char_indices().nth(GIST_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// Whether a comment's text addresses planaudit: its first word is `planaudit`, with the colon
/// a directive needs or without it, or with other punctuation in its place (`planaudit ignore
/// O6`, `planaudit; ignore O6`, a full-width `：`), after any dashes of a comment opened with
/// `<!---`: a directive mistyped, not a note to a reader.
fn names_planaudit(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| c == '-' || c.is_whitespace());
    strip_prefix_ignore_case(text, "planaudit").is_some_and(|rest| {
        !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The text of a `"…"` reason (or `'…'`, or one without quotes), or `None` when it is not one
/// quoted string (e.g. a second `reason=` follows it).
fn unquote(text: &str) -> Option<String> {
    let text = text.trim();
    let quoted = ['"', '\''].into_iter().find_map(|quote| {
        let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
        Some((inner, quote))
    });
    match quoted {
        Some((inner, quote)) if !inner.contains(quote) => Some(inner.to_owned()),
        Some(_) => None,
        None if !text.contains(['"', '=']) => Some(text.to_owned()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ignore_and_addresses() {
        assert_eq!(
            parse(r#"<!-- planaudit: ignore O6 reason="covered by the carers strategy" -->"#),
            Some(DirectiveKind::Ignore {
                targets: vec!["O6".into()],
                reason: "covered by the carers strategy".into()
            })
        );
        assert_eq!(
            parse("<!--planaudit: addresses O6, O7-->"),
            Some(DirectiveKind::Addresses {
                items: vec!["O6".into(), "O7".into()]
            })
        );
        // Single quotes are quotes too, not part of the reason.
        assert_eq!(
            parse("<!-- planaudit: ignore O6 reason='in the carers strategy' -->"),
            Some(DirectiveKind::Ignore {
                targets: vec!["O6".into()],
                reason: "in the carers strategy".into()
            })
        );
        assert_eq!(parse("<!-- reviewer: check figures -->"), None);
        // Mistyped, a directive is reported, not ignored: punctuation for the colon, a full-width
        // colon, a comment opened with three dashes. Another word is a note.
        for typo in [
            "<!-- planaudit; ignore O6 reason=\"x\" -->",
            "<!-- planaudit. ignore O6 reason=\"x\" -->",
            "<!-- planaudit\u{ff1a} ignore O6 reason=\"x\" -->",
            "<!--- planaudit: ignore O6 reason=\"x\" -->",
        ] {
            assert!(
                matches!(parse(typo), Some(DirectiveKind::Unknown { .. })),
                "{typo}"
            );
        }
        assert_eq!(parse("<!-- planauditors met in May -->"), None);
        assert!(matches!(
            parse("<!-- planaudit: ignor O6 -->"),
            Some(DirectiveKind::Unknown { .. })
        ));
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(
            parse(r#"<!-- PLANAUDIT: IGNORE O6 reason="in the carers strategy" -->"#),
            Some(DirectiveKind::Ignore {
                targets: vec!["O6".into()],
                reason: "in the carers strategy".into()
            })
        );
    }

    #[test]
    fn what_cannot_be_applied_as_written_is_unknown() {
        for comment in [
            "<!-- planaudit: ignore O6 -->",
            r#"<!-- planaudit: ignore O6 reason="" -->"#,
            r#"<!-- planaudit: ignore O6 reason="  " -->"#,
            r#"<!-- planaudit: ignore O6 reason="x" O8 reason="y" -->"#,
            "<!-- planaudit: ignore O6\n",
            "<!--   Planaudit: addresses O6",
            r#"<!-- planaudit: addresses O6 reason="x" -->"#,
            r#"<!-- planaudit: ignore O6 reason="x" until=2027-02-30 -->"#,
            r#"<!-- planaudit ignore O6 reason="in the carers strategy" -->"#,
            "<!-- PlanAudit addresses O6 -->",
        ] {
            assert!(
                matches!(parse(comment), Some(DirectiveKind::Unknown { .. })),
                "{comment}"
            );
        }
        assert_eq!(parse("<!-- a note\n"), None);
        let problem = |comment| match parse(comment) {
            Some(DirectiveKind::Unknown { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problem("<!-- planaudit: ignore O6 -->"),
            Unreadable::NoReason
        );
        assert_eq!(
            problem(r#"<!-- planaudit: ignore O6 reason=" " -->"#),
            Unreadable::NoReason
        );
        assert_eq!(
            problem(r#"<!-- planaudit: ignore O6 reason="x" O8 reason="y" -->"#),
            Unreadable::ManyReasons
        );
        assert_eq!(problem("<!-- planaudit: ignore O6\n"), Unreadable::Unclosed);
        assert_eq!(
            problem(r#"<!-- planaudit: ignore O6 reason="x" until=2027-02-30 -->"#),
            Unreadable::Unrecognised
        );
        assert_eq!(
            problem("<!-- planaudit: ignor O6 -->"),
            Unreadable::Unrecognised
        );
        assert_eq!(parse("<!-- planauditor: Jo Smith -->"), None);
    }

    /// A comment that never closes runs to the end of the plan: its message quotes one line of
    /// it, cut short.
    #[test]
    fn an_unread_comment_is_quoted_short_and_on_one_line() {
        let comment = format!(
            "<!--\nplanaudit: ignore O6\n\n{}",
            "Unpaid carers. ".repeat(50)
        );
        let Some(DirectiveKind::Unknown { text, .. }) = parse(&comment) else {
            panic!("{comment}");
        };
        assert!(
            text.starts_with("planaudit: ignore O6 Unpaid carers."),
            "{text}"
        );
        assert_eq!(text.chars().count(), GIST_CHARS + 1, "{text}");
        assert!(text.ends_with('…') && !text.contains('\n'), "{text}");
    }
}
