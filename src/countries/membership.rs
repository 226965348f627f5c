//! Membership of the United Nations by date: who was a Member State on a given day, from
//! `config/countries/membership.tsv` (admission and end dates, one row per period of
//! membership under one code of the country table), compiled into the binary. The votes
//! export needs it to mark a Member present in no list of a vote as not voting (`X`).

use std::sync::OnceLock;

use crate::datafile::{self, DataError, Row, Table};

const MEMBERSHIP_FILE: &str = "countries/membership.tsv";
const COLUMNS: &[&str] = &["iso3", "from", "to", "note"];

/// One period of membership under one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// Code of the country table (`SUN` for the USSR, `RUS` from 24 December 1991).
    pub iso3: String,
    /// Date of admission (ISO 8601), inclusive.
    pub from: String,
    /// Day the membership under this code ended (exclusive); `None` for a Member today.
    pub to: Option<String>,
    /// What happened (unions, successions, renamings), for readers of the table.
    pub note: String,
}

impl Membership {
    /// Whether the code was a Member on `date` (`YYYY-MM-DD`).
    pub fn covers(&self, date: &str) -> bool {
        self.from.as_str() <= date
            && match &self.to {
                Some(to) => date < to.as_str(),
                None => true,
            }
    }
}

/// The periods of membership of every Member State, past and present.
#[derive(Debug, Clone, Default)]
pub struct MembershipTable {
    rows: Vec<Membership>,
}

impl MembershipTable {
    /// The table compiled from `config/countries/membership.tsv`.
    pub fn builtin() -> &'static MembershipTable {
        static TABLE: OnceLock<MembershipTable> = OnceLock::new();
        TABLE.get_or_init(|| MembershipTable {
            rows: datafile::read(MEMBERSHIP_FILE, COLUMNS, parse_row),
        })
    }

    /// Reads a table in the dialect of `config/` (columns `iso3 from to note`); `file`
    /// names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<MembershipTable, DataError> {
        let table = Table::parse(file, text)?;
        table.expect_columns(COLUMNS)?;
        let rows = table.rows().map(parse_row).collect::<Result<_, _>>()?;
        Ok(MembershipTable { rows })
    }

    /// Every period of every code, in the file's order.
    pub fn rows(&self) -> &[Membership] {
        &self.rows
    }

    /// Whether `iso3` was a Member on `date` (`YYYY-MM-DD`).
    pub fn is_member(&self, iso3: &str, date: &str) -> bool {
        self.rows.iter().any(|r| r.iso3 == iso3 && r.covers(date))
    }

    /// The codes of the Members on `date` (`YYYY-MM-DD`), sorted, each once.
    pub fn members_on(&self, date: &str) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .rows
            .iter()
            .filter(|r| r.covers(date))
            .map(|r| r.iso3.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The date of admission of the period of `iso3` that covers `date`.
    pub fn admitted(&self, iso3: &str, date: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| r.iso3 == iso3 && r.covers(date))
            .map(|r| r.from.as_str())
    }
}

fn parse_row(row: Row<'_, '_>) -> Result<Membership, DataError> {
    let iso3 = row.str("iso3")?;
    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(row.error(format!("`{iso3}` is not a three-letter code")));
    }
    let from = row.str("from")?;
    let from = iso_date(from)
        .ok_or_else(|| row.error(format!("`from` `{from}` is not a date YYYY-MM-DD")))?;
    let to = match row.str("to")? {
        "" => None,
        d => Some(
            iso_date(d).ok_or_else(|| row.error(format!("`to` `{d}` is not a date YYYY-MM-DD")))?,
        ),
    };
    if let Some(to) = &to {
        if *to <= from {
            return Err(row.error(format!("`to` {to} is not after `from` {from}")));
        }
    }
    Ok(Membership {
        iso3: iso3.to_string(),
        from,
        to,
        note: row.str("note")?.to_string(),
    })
}

/// `YYYY-MM-DD` with a real month and a day of 1–31.
fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::{CountryTable, Status};

    #[test]
    fn builtin_table_has_the_193_members_of_today_all_in_the_country_table() {
        let t = MembershipTable::builtin();
        let today = t.members_on("2026-01-01");
        assert_eq!(today.len(), 193);
        let countries = CountryTable::builtin();
        for row in t.rows() {
            let c = countries
                .by_iso3(&row.iso3)
                .unwrap_or_else(|| panic!("{} is not in countries.tsv", row.iso3));
            let current = today.contains(&row.iso3.as_str());
            assert_eq!(current, c.status == Status::Member, "{}", row.iso3);
        }
    }

    #[test]
    fn periods_of_one_code_do_not_overlap() {
        let t = MembershipTable::builtin();
        for a in t.rows() {
            for b in t.rows() {
                if a != b && a.iso3 == b.iso3 {
                    assert!(
                        !a.covers(&b.from),
                        "{} periods overlap at {}",
                        a.iso3,
                        b.from
                    );
                }
            }
        }
    }

    #[test]
    fn successions_hand_over_on_the_day() {
        let t = MembershipTable::builtin();
        assert!(t.is_member("SUN", "1991-12-23"));
        assert!(!t.is_member("SUN", "1991-12-24"));
        assert!(t.is_member("RUS", "1991-12-24"));
        assert!(!t.is_member("RUS", "1991-12-23"));
        assert!(t.is_member("DDR", "1990-10-02") && !t.is_member("DDR", "1990-10-03"));
        assert!(!t.is_member("SYR", "1960-01-01") && t.is_member("SYR", "1961-10-13"));
        assert_eq!(t.members_on("1945-10-24").len(), 51);
        assert_eq!(t.admitted("XZN", "1964-01-01"), Some("1963-12-16"));
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let header = "iso3\tfrom\tto\tnote\n# comment\n";
        let cases = [
            ("ABC\t1945-10-24\t\n", "fields"),
            ("abc\t1945-10-24\t\tx\n", "three-letter"),
            ("ABC\t1945-13-24\t\tx\n", "`from`"),
            ("ABC\t1945-10-24\t24/10/1950\tx\n", "`to`"),
            ("ABC\t1945-10-24\t1945-10-24\tx\n", "not after"),
        ];
        for (row, want) in cases {
            let e = MembershipTable::parse(&format!("{header}{row}"), "m.tsv").unwrap_err();
            assert_eq!(e.line, 3, "{row}");
            assert!(e.to_string().starts_with("m.tsv:3: "), "{e}");
            assert!(e.reason.contains(want), "{e}");
        }
        let e = MembershipTable::parse("code\tfrom\n", "m.tsv").unwrap_err();
        assert!(e.to_string().starts_with("m.tsv:1: "), "{e}");
    }
}
