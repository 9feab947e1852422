//! Four more blind fixtures, written with their labels by writers who had not seen the rules,
//! the other fixtures or the development set, and who were not told how planaudit links:
//! an island partnership's plan organised by its own priorities
//! (fixtures/labels/blind-plan-islands.yaml), a city partnership's plan organised by care
//! groups with generous "contributes to outcomes" lines (blind-plan-city.yaml), 90
//! one-paragraph plain-words statements under neutral headings, 75 addressing one item each and
//! 15 near-misses (paraphrase-blind.yaml), and a market-towns partnership's plan organised by
//! life stage (blind-plan-towns.yaml); a fifth, a plan in the register of published plans
//! with eight priorities and dated commitments (blind-plan-glenmorven.yaml); a sixth, a
//! plan organised by care group and life stage (blind-plan-balgarrow.yaml); a seventh, a plan
//! that sets out its delivery in action tables (blind-plan-kinloss.yaml); an eighth, a
//! citizen-facing plan in the second person with "I statements" (blind-plan-lochside.yaml); a
//! ninth, an evidence-led commissioning plan (blind-plan-eastmuir.yaml); and a tenth, an
//! "ambitions and enablers" strategy with vague chapters among concrete ones
//! (blind-plan-carnbrae.yaml); then a terse plan on a page (blind-plan-lochmuir.yaml), a plan
//! by care group in prose (blind-plan-strathmorven.yaml) and a themed plan with case studies
//! (blind-plan-strathcraig.yaml); then a plan whose substance is in its locality chapters
//! (blind-plan-ardlaw.yaml) and a formal strategic commissioning plan
//! (blind-plan-ardlonan.yaml), both written after that round's rules were decided; then a
//! themed plan with delivery tables (blind-plan-glenardoch.yaml), a city plan in formal
//! numbered prose (blind-plan-abercairn.yaml) and a plain-English plan by life stage
//! (blind-plan-benmarra.yaml), written after the next round's first change.
//!
//! The first three were measured once, at `b3355a9`, the fourth at `c0a0666`, the fifth at
//! `a9bec1f`, the sixth at `4d62e46`, the seventh at `9cba63c`, the eighth at `2afd070`, the
//! ninth at `b0b27ef`, the tenth at `5f1c927`, the next five at `2ecba19` and the last three at
//! `8356d08`, before any rule was decided on them (docs/accuracy.md).
//! The floors below are that first measurement, the worse of the two heading modes, tightened
//! where linking has improved since: they catch a change that loses ground on text no rule was
//! written for. Never loosen them to make a change pass.

mod common;

/// Island plan, first measured: outcomes 11 TP / 15 FP with headings, 10 / 16 neutral;
/// principles 10 / 12 both ways. At 38b9945 (claims withheld, one idea per overlapping group
/// term, locality words as structure, notices under an "other formats" heading): outcomes
/// 11 / 14 with headings, 10 / 15 neutral; principles 10 / 8. Since documents and laws listed
/// together are names and what the law requires is background: outcomes 11 / 13 with
/// headings, 10 / 14 neutral; principles 10 / 5 with headings, 10 / 6 neutral. Since
/// engagement findings with no answer are reported (headings only) and a risk register's
/// cells are names: outcomes 11 / 11 with headings, 10 / 12 neutral.
const ISLANDS: &[common::Floor] = &[("outcomes", 10, 12), ("principles", 10, 6)];

/// City plan, first measured: outcomes 13 / 17 both ways; principles 14 / 16 with headings,
/// 14 / 15 neutral. Since its "This contributes to national outcomes …" lines are read as claims
/// and withheld from the evidence, outcomes 12 / 11: one true positive stood on a claim alone.
/// Since bare locality words count half (a plan's structure, not its attention to places),
/// principles 14 / 14 with headings, 13 / 14 neutral: "Our three localities" scores 2.8 alone.
/// At 38b9945: outcomes 12 / 10 both ways ("carers described…" is a reported view). Since
/// documents listed together are names: outcomes 12 / 9; since a section of figures
/// throughout is a profile: 12 / 8. Since what is said under "What people told us" with no
/// answer is reported: principles 14 / 13 with headings, 13 / 13 neutral. Since a risk
/// register's cells are names: outcomes 12 / 6.
const CITY: &[common::Floor] = &[("outcomes", 12, 6), ("principles", 13, 13)];

/// Paraphrase statements, first measured: outcomes 21 / 15 (of 36), principles 22 / 10 (of 39),
/// both ways (the headings are neutral already). At 38b9945: outcomes 21 / 12, principles 22 / 9.
/// Since documents listed together are names: outcomes 21 / 11; since a section of figures
/// throughout is a profile: outcomes 21 / 9, principles 22 / 8. Since a gap in life expectancy
/// is O5's: outcomes 22 / 9; since "interpreter" keeps apart from "interpret": principles 22 / 7.
const PARAPHRASE: &[common::Floor] = &[("outcomes", 22, 9), ("principles", 22, 7)];

/// Market-towns plan, first measured (the same at the start of that session, c340ea1): outcomes
/// 12 / 14 (of 13 labels), principles 8 / 11 (of 15), both ways. Since a section of figures
/// throughout is a profile: outcomes 12 / 13; since a column headed "Indicator" or "Measure"
/// names what is counted: 12 / 11. Since engagement findings with no answer are reported
/// (headings only) and a risk register's cells are names: outcomes 12 / 8 with headings,
/// 12 / 9 neutral; principles 8 / 9 with headings, 8 / 11 neutral. Since a passing mention in
/// a paragraph counts ×0.67 rather than ×0.5, a trade decided on three real batches (outcomes
/// +11 true links, no false one): outcomes 13 / 9 with headings, 13 / 10 neutral, the new false
/// one the finance chapter's O2 at 3.015 of 3, from two subsections' passing mentions of care at
/// home; principles 9 / 9 with headings, 9 / 11 neutral.
const TOWNS: &[common::Floor] = &[("outcomes", 13, 10), ("principles", 9, 11)];

/// Glenmorven plan, first measured: outcomes 21 / 15 (of 25 labels) both ways; principles
/// 24 / 15 (of 33) with headings, 23 / 15 neutral. Since a profile's comparison with an average
/// is a statistic and a service under a purpose counts once (c7a5058): outcomes 21 / 12 both
/// ways, principles 24 / 14 with headings, 23 / 14 neutral.
const GLENMORVEN: &[common::Floor] = &[("outcomes", 21, 12), ("principles", 23, 14)];

/// Balgarrow plan, first measured: outcomes 23 / 13 (of 40 labels) with headings, 22 / 13
/// neutral; principles 30 / 14 (of 61) with headings, 28 / 14 neutral. Since the outcomes'
/// short names make a table of them a quote (cf30c90): outcomes 23 / 9 with headings, 22 / 9
/// neutral. Since "blood pressure" is no pressure: outcomes 22 / 9 with headings, 21 / 9
/// neutral. One true positive stood on that misreading: a locality's dated action "offering
/// blood pressure checks, welfare rights advice and stop-smoking support" was a pressure, which
/// kept its short items from being read as a list of names. Since O7 reads clinical and care
/// governance: outcomes 23 / 9 with headings, 21 / 9 neutral.
const BALGARROW: &[common::Floor] = &[("outcomes", 21, 9), ("principles", 28, 14)];

/// Kinloss Firth plan, first measured: outcomes 28 / 9 (of 68 labels) with headings, 27 / 10
/// neutral; principles 22 / 7 (of 76) with headings, 21 / 8 neutral. Since its action tables
/// promise (c62886f, decided on it: a fourth outcome true link cost one false), a locality's
/// own section addresses principle (iii) and falls prevention is outcome 1's: outcomes 32 / 10
/// with headings, 31 / 11 neutral; principles 30 / 9 with headings, 27 / 10 neutral.
const KINLOSS: &[common::Floor] = &[("outcomes", 31, 11), ("principles", 27, 10)];

/// Dunmore and Lochside plan, first measured: outcomes 27 / 15 (of 40 labels) with headings,
/// 27 / 13 neutral; principles 29 / 8 (of 63) with headings, 28 / 7 neutral. Since a short item
/// that opens with a personal pronoun is a clause (b0b27ef, decided on it): principles 31 / 8
/// with headings, 30 / 7 neutral; since a look back at the last plan is background (fdaaa95):
/// outcomes 27 / 14 with headings.
const LOCHSIDE: &[common::Floor] = &[("outcomes", 27, 14), ("principles", 30, 8)];

/// Eastmuir plan, first measured: outcomes 38 / 19 (of 49 labels), principles 41 / 16 (of 60),
/// both ways. Since a look back at the last plan is background (fdaaa95, decided on it):
/// outcomes 38 / 17 with headings, 38 / 19 neutral (a neutral heading looks back at nothing).
const EASTMUIR: &[common::Floor] = &[("outcomes", 38, 19), ("principles", 41, 16)];

/// Carnbrae and Westholm plan, first measured: outcomes 17 / 25 (of 21 labels) with headings,
/// 16 / 24 neutral; principles 23 / 17 (of 44) with headings, 21 / 17 neutral. No rule was
/// decided on it; since a needs chapter is a profile at half its sentences with figures and a
/// glossary is a notice (both measured on it first): outcomes 17 / 23 with headings, 16 / 23
/// neutral; principles 23 / 16 with headings, 21 / 16 neutral. Since a numbered table of the
/// outcomes in other words is a quote (decided on it and on Kinloss): outcomes 17 / 20 with
/// headings, 16 / 20 neutral.
const CARNBRAE: &[common::Floor] = &[("outcomes", 16, 20), ("principles", 21, 16)];

/// Lochmuir plan on a page, first measured: outcomes 17 / 6 (of 31 labels), principles 16 / 8
/// (of 34) with headings, 16 / 7 neutral. Since a column of aims states a purpose (eb8b104,
/// decided on it), "What our staff told us" heads engagement findings (6d45670, decided on
/// it) and a heading over laws and policies makes its list law: outcomes 19 / 4 with headings,
/// 19 / 6 neutral; principles 16 / 7. (Outcome 9's commissioning words, added and taken back
/// in the same round when fresh held-out plans showed more false links than true ones from
/// them, had given it one more true link.)
const LOCHMUIR: &[common::Floor] = &[("outcomes", 19, 6), ("principles", 16, 7)];

/// Strathmorven plan, held out (no rule decided on it), first measured: outcomes 26 / 11 (of
/// 49 labels) with headings, 26 / 13 neutral; principles 37 / 9 (of 73) with headings, 36 / 10
/// neutral. Since principle (viii) reads drug deaths, naloxone and harm reduction as outcome 7
/// does (decided on the other plans, four true links there): principles 37 / 10 with
/// headings, 36 / 11 neutral, the false one its list of laws, which names the National Mission
/// on drug deaths. Since a heading over laws and policies makes its list law (prompted by that
/// false link): outcomes 26 / 10 with headings, 26 / 13 neutral; principles 37 / 9 with
/// headings. Since what is said under "Our vision" states a purpose (its vision section's
/// errors were read): principles 38 / 9 with headings, 36 / 11 neutral.
const STRATHMORVEN: &[common::Floor] = &[("outcomes", 26, 13), ("principles", 36, 11)];

/// Strathcraig plan, held out (no rule decided on it), first measured: outcomes 15 / 14 (of 23
/// labels) with headings, 15 / 16 neutral; principles 28 / 7 (of 55) both ways. Since a column
/// of aims states a purpose: outcomes 16 / 14 with headings, 16 / 16 neutral; since a reader's
/// guide is a notice: principles 28 / 6 with headings, 28 / 7 neutral.
const STRATHCRAIG: &[common::Floor] = &[("outcomes", 16, 16), ("principles", 28, 7)];

/// Ardlaw plan, held out and never read, measured at 2ecba19: outcomes 20 / 9 (of 40 labels)
/// with headings, 19 / 9 neutral; principles 32 / 7 (of 71) with headings, 28 / 8 neutral. At
/// daba6b5: outcomes 20 / 8 with headings, the rest unchanged.
const ARDLAW: &[common::Floor] = &[("outcomes", 19, 9), ("principles", 28, 8)];

/// Ardlonan strategic commissioning plan, held out and never read, measured at 2ecba19:
/// outcomes 22 / 8 (of 38 labels) with headings, 20 / 8 neutral; principles 18 / 6 (of 54)
/// with headings, 17 / 8 neutral. At daba6b5: principles 21 / 7 with headings, 18 / 8 neutral.
const ARDLONAN: &[common::Floor] = &[("outcomes", 20, 8), ("principles", 18, 8)];

/// Glenardoch themed plan, held out and never read, measured at 8356d08: outcomes 26 / 4 (of 40
/// labels) with headings, 25 / 5 neutral; principles 27 / 7 (of 58) with headings, 29 / 8
/// neutral.
const GLENARDOCH: &[common::Floor] = &[("outcomes", 25, 5), ("principles", 27, 8)];

/// Abercairn city plan, held out and never read, measured at 8356d08: outcomes 20 / 9 (of 38
/// labels), principles 25 / 9 (of 51), the same with neutral headings.
const ABERCAIRN: &[common::Floor] = &[("outcomes", 20, 9), ("principles", 25, 9)];

/// Benmarra plain-English plan, held out and never read, measured at 8356d08: outcomes 26 / 12
/// (of 45 labels) with headings, 24 / 13 neutral; principles 31 / 7 (of 61) with headings,
/// 31 / 8 neutral.
const BENMARRA: &[common::Floor] = &[("outcomes", 24, 13), ("principles", 31, 8)];

#[test]
fn the_ardlaw_plan_holds_its_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-ardlaw.yaml", ARDLAW);
}

#[test]
fn the_ardlonan_plan_holds_its_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-ardlonan.yaml", ARDLONAN);
}

#[test]
fn the_glenardoch_plan_holds_its_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-glenardoch.yaml", GLENARDOCH);
}

#[test]
fn the_abercairn_plan_holds_its_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-abercairn.yaml", ABERCAIRN);
}

#[test]
fn the_benmarra_plan_holds_its_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-benmarra.yaml", BENMARRA);
}

#[test]
fn the_lochmuir_plan_holds_its_measurement_since_its_aims() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-lochmuir.yaml", LOCHMUIR);
}

#[test]
fn the_strathmorven_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-strathmorven.yaml", STRATHMORVEN);
}

#[test]
fn the_strathcraig_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-strathcraig.yaml", STRATHCRAIG);
}

#[test]
fn the_carnbrae_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-carnbrae.yaml", CARNBRAE);
}

#[test]
fn the_lochside_plan_holds_its_measurement_since_its_clauses() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-lochside.yaml", LOCHSIDE);
}

#[test]
fn the_eastmuir_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-eastmuir.yaml", EASTMUIR);
}

#[test]
fn the_kinloss_plan_holds_its_measurement_since_its_action_tables() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-kinloss.yaml", KINLOSS);
}

#[test]
fn the_balgarrow_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-balgarrow.yaml", BALGARROW);
}

#[test]
fn the_glenmorven_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-glenmorven.yaml", GLENMORVEN);
}

#[test]
fn the_island_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-islands.yaml", ISLANDS);
}

#[test]
fn the_city_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-city.yaml", CITY);
}

#[test]
fn the_blind_paraphrase_statements_hold_their_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/paraphrase-blind.yaml", PARAPHRASE);
}

#[test]
fn the_market_towns_plan_holds_its_first_measurement() {
    common::assert_floors_both_ways("fixtures/labels/blind-plan-towns.yaml", TOWNS);
}
