//! Instructions to planaudit written into the plan as HTML comments:
//! `<!-- planaudit: ignore O6 reason="covered by the carers strategy" -->` and
//! `<!-- planaudit: addresses O6 O7 -->`.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Waive findings about these items or finding codes, with the author's reason.
    Ignore {
        targets: Vec<String>,
        reason: Option<String>,
    },
    /// The author states that the section addresses these items.
    Addresses { items: Vec<String> },
    /// A `planaudit:` comment that could not be read; reported rather than silently ignored.
    Unknown { text: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The section the comment sits in; `None` before the first section, where it applies to
    /// the whole plan.
    pub section: Option<usize>,
    pub span: Range<usize>,
}

/// Reads a directive from an HTML comment's text, if it is one.
pub(super) fn parse(html: &str) -> Option<DirectiveKind> {
    let body = html
        .trim()
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?
        .trim();
    let rest = body.strip_prefix("planaudit:")?.trim();
    let (verb, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let (words, reason) = match args.split_once("reason=") {
        Some((words, reason)) => (words, Some(unquote(reason))),
        None => (args, None),
    };
    let words: Vec<String> = words
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    Some(match verb {
        "ignore" if !words.is_empty() => DirectiveKind::Ignore {
            targets: words,
            reason,
        },
        "addresses" if !words.is_empty() && reason.is_none() => {
            DirectiveKind::Addresses { items: words }
        }
        _ => DirectiveKind::Unknown {
            text: body.to_owned(),
        },
    })
}

fn unquote(text: &str) -> String {
    let text = text.trim();
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
        .to_owned()
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
                reason: Some("covered by the carers strategy".into())
            })
        );
        assert_eq!(
            parse("<!--planaudit: addresses O6, O7-->"),
            Some(DirectiveKind::Addresses {
                items: vec!["O6".into(), "O7".into()]
            })
        );
        assert_eq!(parse("<!-- reviewer: check figures -->"), None);
        assert!(matches!(
            parse("<!-- planaudit: ignor O6 -->"),
            Some(DirectiveKind::Unknown { .. })
        ));
    }
}
