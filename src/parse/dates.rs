//! Dates as UN documents print them in the six languages (`18 November 2019`,
//! `1er décembre 1999`, `4 de diciembre de 1998`, `November 18, 2019`,
//! `18 ноября 2019 года`, `2019年11月18日`, `18 تشرين الثاني/نوفمبر 2019`), turned into
//! ISO 8601 (`2019-11-18`). Month names come from `config/parse/months.tsv`.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::MONTHS;

/// A date found in a text: where it is and its ISO form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub iso: String,
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.keys().copied().collect();
    // Longest first so that "sept." is not read as "sep".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // Spaces inside a name (`تشرين الأول`) and around the slash of a double Arabic
    // name (`آذار/مارس`) may vary.
    names
        .iter()
        .map(|n| {
            n.split(' ')
                .map(|w| {
                    w.split('/')
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s*/\s*")
                })
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// A month name as found in a text, in the form of `months.tsv` (lower case, single
/// spaces, no spaces around a slash).
fn month_key(found: &str) -> String {
    let lower = found.to_lowercase();
    let spaced = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.replace(" /", "/").replace("/ ", "/")
}

/// `18 November 2019`, `1er décembre 1999`, `1st December`, `4 de diciembre de 1998`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:\s?(?:er|re)|st|nd|rd|th|[º°]{{1,2}})?\s+(?:de\s+)?({})\s+(?:de\s+)?(\d{{4}})\b",
        month_alternation()
    ))
    .expect("date regex")
});

/// The same, anchored at the start of a text.
static DAY_MONTH_YEAR_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{})", DAY_MONTH_YEAR.as_str())).expect("date regex")
});

/// `November 18, 2019`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\s+(\d{{1,2}}),?\s+(\d{{4}})\b",
        month_alternation()
    ))
    .expect("date regex")
});

/// A date must not be glued to a symbol (`~9 September` is an OCR misreading of `29`).
fn clean_start(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().map_or(true, |c| {
        c.is_whitespace() || matches!(c, '(' | '[' | ',' | ';' | ':' | '“' | '«' | '"')
    })
}

/// `2023年12月28日` (Chinese).
static YEAR_MONTH_DAY_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("zh date regex")
});

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// The ISO form of a day, month name and year, or `None` if it is no real date.
pub fn iso_date(day: u32, month_name: &str, year: i32) -> Option<String> {
    let month = *MONTHS.get(month_key(month_name).as_str())?;
    if !(1900..=2200).contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Every date in a text, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if !clean_start(text, m.start()) {
            continue;
        }
        let day = c[1].parse().unwrap_or(0);
        let year = c[3].parse().unwrap_or(0);
        if let Some(iso) = iso_date(day, &c[2], year) {
            found.push(FoundDate {
                start: m.start(),
                end: m.end(),
                iso,
            });
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if found.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            continue;
        }
        let day = c[2].parse().unwrap_or(0);
        let year = c[3].parse().unwrap_or(0);
        if let Some(iso) = iso_date(day, &c[1], year) {
            found.push(FoundDate {
                start: m.start(),
                end: m.end(),
                iso,
            });
        }
    }
    for c in YEAR_MONTH_DAY_ZH.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        let (year, month, day): (i32, u32, u32) = (
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
        {
            found.push(FoundDate {
                start: m.start(),
                end: m.end(),
                iso: format!("{year:04}-{month:02}-{day:02}"),
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// A date at the very start of a text (`4 décembre 1998, …`): its ISO form and length.
pub fn date_at_start(text: &str) -> Option<(String, usize)> {
    let c = DAY_MONTH_YEAR_AT_START.captures(text)?;
    let day = c[1].parse().ok()?;
    let year = c[3].parse().ok()?;
    let iso = iso_date(day, &c[2], year)?;
    Some((iso, c.get(0)?.end()))
}

/// The first date in a text.
pub fn first_date(text: &str) -> Option<FoundDate> {
    find_dates(text).into_iter().next()
}

/// The word for "year" that Russian dates end with (`6 февраля 2015 года`).
const YEAR_WORDS: [&str; 2] = ["года", "г."];

/// The length of the word for "year" (with the spaces before it) at the start of the
/// text after a date, or 0.
pub fn year_word_after(text: &str) -> usize {
    let rest = text.trim_start();
    YEAR_WORDS
        .iter()
        .find(|w| rest.starts_with(*w))
        .map_or(0, |w| text.len() - rest.len() + w.len())
}

/// The date when the whole line is a date (ignoring surrounding spaces and punctuation).
pub fn whole_line_date(line: &str) -> Option<String> {
    let trimmed = line.trim().trim_end_matches([',']);
    let trimmed = trimmed
        .strip_suffix("года")
        .or_else(|| trimmed.strip_suffix("г."))
        .unwrap_or(trimmed)
        .trim_end()
        .trim_end_matches(['.', ',']);
    let d = first_date(trimmed)?;
    (d.start == 0 && d.end == trimmed.len()).then_some(d.iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_six_languages() {
        assert_eq!(whole_line_date("18 novembre 2019").unwrap(), "2019-11-18");
        assert_eq!(whole_line_date("28 December 2023").unwrap(), "2023-12-28");
        assert_eq!(
            whole_line_date("4 de diciembre de 1998").unwrap(),
            "1998-12-04"
        );
        assert_eq!(whole_line_date("November 18, 2019").unwrap(), "2019-11-18");
        assert_eq!(
            whole_line_date("18 ноября 2019 года").unwrap(),
            "2019-11-18"
        );
        assert_eq!(whole_line_date("2023年12月28日").unwrap(), "2023-12-28");
        assert_eq!(whole_line_date("2015 年 1 月 6 日").unwrap(), "2015-01-06");
        assert_eq!(
            whole_line_date("6 كانون الثاني/يناير 2015").unwrap(),
            "2015-01-06"
        );
        assert_eq!(whole_line_date("3 آذار / مارس 2015").unwrap(), "2015-03-03");
        assert_eq!(
            whole_line_date("6 février 2015").unwrap(),
            whole_line_date("6 февраля 2015 года").unwrap()
        );
        assert_eq!(
            first_date("du 1er décembre 1999,").unwrap().iso,
            "1999-12-01"
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(whole_line_date("31 février 2020").is_none());
        assert!(whole_line_date("29 February 2023").is_none());
        assert_eq!(whole_line_date("29 February 2024").unwrap(), "2024-02-29");
        assert!(whole_line_date("Resolution adopted on 22 December 2023").is_none());
        assert!(first_date("~9 September 1971").is_none());
    }
}
