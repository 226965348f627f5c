//! Property tests of the country matcher: the ways a name gets written (accents dropped,
//! case changed, apostrophes swapped, a line break inserted) never change its code, and
//! OCR-style damage never turns one lookalike into the other.

use proptest::prelude::*;
use undoc::countries::{split_country_list, CountryTable, Lookup, Method};
use undoc::lang::Lang;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Variants matched on their folded form (abbreviations are case-sensitive on purpose).
fn folded_variants() -> Vec<(String, String)> {
    CountryTable::builtin()
        .variants()
        .iter()
        .filter(|v| {
            v.kind != "abbreviation" && v.text.chars().filter(|c| c.is_alphanumeric()).count() > 3
        })
        .map(|v| (v.text.clone(), v.iso3.clone()))
        .collect()
}

fn code_of(name: &str) -> Option<String> {
    match CountryTable::builtin().lookup(name) {
        Lookup::Country(c) => Some(c.iso3.clone()),
        _ => None,
    }
}

fn strip_accents(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

fn change_case(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().cycle())
        .flat_map(|(c, up)| {
            if *up {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                c.to_lowercase().collect::<Vec<_>>()
            }
        })
        .collect()
}

fn swap_apostrophes(s: &str, which: usize) -> String {
    let to = ['\'', '’', '`', 'ʼ', '‘'][which % 5];
    s.chars()
        .map(|c| if matches!(c, '\'' | '’') { to } else { c })
        .collect()
}

/// Inserts a line break at the `n`-th space or hyphen (after the hyphen, as a line end).
fn break_line(s: &str, n: usize) -> String {
    let spots: Vec<usize> = s
        .char_indices()
        .filter(|(_, c)| *c == ' ' || *c == '-')
        .map(|(i, _)| i)
        .collect();
    if spots.is_empty() {
        return s.to_string();
    }
    let i = spots[n % spots.len()];
    if s[i..].starts_with(' ') {
        format!("{}\n{}", &s[..i], &s[i + 1..])
    } else {
        format!("{}\n{}", &s[..i + 1], &s[i + 1..])
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn writing_variations_keep_the_code(
        idx in any::<prop::sample::Index>(),
        mask in prop::collection::vec(any::<bool>(), 1..8),
        strip in any::<bool>(),
        apostrophe in 0usize..5,
        brk in 0usize..8,
    ) {
        let variants = folded_variants();
        let (text, iso3) = &variants[idx.index(variants.len())];
        let mut s = text.clone();
        if strip { s = strip_accents(&s); }
        s = change_case(&s, &mask);
        s = swap_apostrophes(&s, apostrophe);
        s = break_line(&s, brk);
        let got = code_of(&s);
        prop_assert_eq!(got.as_deref(), Some(iso3.as_str()), "{:?} from {:?}", s, text);
    }

    #[test]
    fn a_list_of_varied_names_gives_their_codes(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..12),
        brk in 0usize..8,
    ) {
        let t = CountryTable::builtin();
        let countries = t.countries();
        let chosen: Vec<_> = picks.iter().map(|i| &countries[i.index(countries.len())]).collect();
        let names: Vec<String> = chosen.iter().map(|c| strip_accents(c.name(Lang::Fr))).collect();
        let text = match names.split_last() {
            Some((last, [])) => format!("{last}."),
            Some((last, rest)) => format!("{} et {last}.", rest.join(", ")),
            None => unreachable!(),
        };
        let text = break_line(&text, brk);
        let parsed = split_country_list(&text, Lang::Fr);
        let got: Vec<_> = parsed.countries.iter().map(|c| c.iso3.as_str()).collect();
        let want: Vec<_> = chosen.iter().map(|c| c.iso3.as_str()).collect();
        prop_assert_eq!(got, want, "{}", text);
        prop_assert!(parsed.unknown.is_empty());
    }

    /// One OCR-style edit of a name from a lookalike pair is read as that name or not at
    /// all, never as its partner (unless the edit spells the partner exactly).
    #[test]
    fn one_edit_never_crosses_a_lookalike_pair(
        pair in 0usize..LOOKALIKES.len(),
        side in any::<bool>(),
        pos in any::<prop::sample::Index>(),
        op in 0u8..4,
        letter in prop::sample::select(&['a','e','i','l','n','r','u','1','c','o','é'][..]),
    ) {
        let (a, b) = LOOKALIKES[pair];
        let (name, other) = if side { (a, b) } else { (b, a) };
        let label = |l: &Lookup| match l {
            Lookup::Country(c) => Some(c.iso3.clone()),
            Lookup::NotAState(_) => Some("non-State".to_string()),
            Lookup::Unknown => None,
        };
        let other_label = label(&CountryTable::builtin().lookup(other));
        let mut chars: Vec<char> = name.chars().collect();
        let i = pos.index(chars.len());
        match op {
            0 => chars[i] = letter,
            1 => chars.insert(i, letter),
            2 => { chars.remove(i); }
            _ => if i + 1 < chars.len() { chars.swap(i, i + 1) },
        }
        let damaged: String = chars.into_iter().collect();
        let (found, method) = CountryTable::builtin().lookup_with_method(&damaged);
        let exact = matches!(method, Some(Method::Exact | Method::Squashed | Method::Abbreviation));
        prop_assert!(
            label(&found) != other_label || other_label.is_none() || exact,
            "{} read as {}", damaged, other
        );
    }
}

const LOOKALIKES: [(&str, &str); 16] = [
    ("Niger", "Nigéria"),
    ("Guinée", "Guinée-Bissau"),
    ("Guinée", "Guinée équatoriale"),
    ("Guinée-Bissau", "Guinée équatoriale"),
    ("Guinée", "Papouasie-Nouvelle-Guinée"),
    ("Congo", "République démocratique du Congo"),
    ("République du Congo", "République démocratique du Congo"),
    (
        "République de Corée",
        "République populaire démocratique de Corée",
    ),
    ("Dominique", "République dominicaine"),
    ("Soudan", "Soudan du Sud"),
    ("Autriche", "Australie"),
    ("Gambie", "Zambie"),
    ("Saint-Marin", "Saint-Martin"),
    ("Austria", "Australia"),
    ("Gambia", "Zambia"),
    ("Sudan", "South Sudan"),
];
