//! What a misspelt name was nearly: the closest of the names known, for a "did you mean".

/// The name of `known` closest to `wanted`, when a typo or two apart: at most a third of its
/// characters (and at least one) inserted, deleted or changed. Ties go to the first known.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let most = (wanted.chars().count() / 3).max(1);
    known
        .into_iter()
        .map(|name| (strsim::levenshtein(wanted, name), name))
        .filter(|&(d, _)| d <= most)
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_name_and_a_stranger_finds_none() {
        let keys = ["file", "strip_sections", "sections"];
        assert_eq!(closest("strip_section", keys), Some("strip_sections"));
        assert_eq!(closest("section", keys), Some("sections"));
        assert_eq!(closest("fle", keys), Some("file"));
        assert_eq!(closest("colour", keys), None);
    }
}
