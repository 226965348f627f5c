//! The one reader of undoc's data files: every file under `config/` is read through this
//! module, in one dialect, and compiled into the binary.
//!
//! The dialect (see `config/README.md`):
//! - UTF-8, lines end with `\n`, fields are separated by one tab;
//! - a line starting with `#` is a comment, anywhere in the file;
//! - the first line that is not a comment is the header: the names of the columns;
//! - every other line is a row with exactly as many fields as the header has columns
//!   (an empty field is written as nothing between two tabs); a field never starts or
//!   ends with a space.
//!
//! Typed columns are read by name with [`Row::get`] (any `FromStr` type: numbers,
//! languages, the enums of the consumers); a missing column, a row of the wrong length,
//! an unknown enum value or a bad number is a [`DataError`] naming the file and the line,
//! never a silent default.
//!
//! Adding a data file: put it under `config/` in this dialect, add its path to
//! [`BUILTIN`] (the `builtin_files!` list below), and read it with [`read`] giving its
//! columns. The tests of this module parse every file under `config/` and check that
//! each one is listed and written canonically.

use std::fmt;
use std::str::FromStr;

/// A data file that does not follow the dialect or holds a value its reader refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file, as given to [`Table::parse`] (`config/parse/months.tsv`).
    pub file: String,
    /// The line the error is on, counting from 1 (0 when the file has no line to blame).
    pub line: usize,
    /// What is wrong, in words.
    pub reason: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for DataError {}

/// A parsed data file: its columns, its rows and its comments, each with its line.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    file: String,
    header_line: usize,
    columns: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
    comments: Vec<(usize, &'a str)>,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'t, 'a> {
    table: &'t Table<'a>,
    line: usize,
    fields: &'t [&'a str],
}

impl<'a> Table<'a> {
    /// Parses the text of a data file; `file` names it in errors.
    pub fn parse(file: &str, text: &'a str) -> Result<Table<'a>, DataError> {
        let error = |line: usize, reason: String| DataError {
            file: file.to_string(),
            line,
            reason,
        };
        let mut table = Table {
            file: file.to_string(),
            header_line: 0,
            columns: Vec::new(),
            rows: Vec::new(),
            comments: Vec::new(),
        };
        for (i, line) in text.split('\n').enumerate() {
            let n = i + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('#') {
                table.comments.push((n, line));
            } else if line.trim().is_empty() {
                continue;
            } else if table.header_line == 0 {
                table.columns = line.split('\t').collect();
                table.header_line = n;
                check_header(&table.columns).map_err(|r| error(n, r))?;
            } else {
                let fields: Vec<&str> = line.split('\t').collect();
                check_fields(&fields, &table.columns).map_err(|r| error(n, r))?;
                table.rows.push((n, fields));
            }
        }
        if table.header_line == 0 {
            return Err(error(
                0,
                "no header row (the first line that is not a comment names the columns)".into(),
            ));
        }
        Ok(table)
    }

    /// Checks that the header names exactly these columns, in this order.
    pub fn expect_columns(&self, columns: &[&str]) -> Result<(), DataError> {
        if self.columns == columns {
            return Ok(());
        }
        Err(DataError {
            file: self.file.clone(),
            line: self.header_line,
            reason: format!(
                "the header names the columns {}; expected {}",
                self.columns.join(", "),
                columns.join(", ")
            ),
        })
    }

    /// The rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> + '_ {
        self.rows.iter().map(move |(line, fields)| Row {
            table: self,
            line: *line,
            fields,
        })
    }

    /// Number of rows.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the file has no rows.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The file written canonically: comments and rows in their order, `\n` after every
    /// line, no blank lines. A file in canonical form is byte-identical to this.
    #[cfg(test)]
    pub fn canonical(&self) -> String {
        let mut lines: Vec<(usize, String)> = self
            .comments
            .iter()
            .map(|(n, c)| (*n, c.trim_end().to_string()))
            .collect();
        lines.push((self.header_line, self.columns.join("\t")));
        lines.extend(self.rows.iter().map(|(n, f)| (*n, f.join("\t"))));
        lines.sort_by_key(|(n, _)| *n);
        lines.into_iter().map(|(_, l)| l + "\n").collect()
    }

    fn column_index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }
}

fn check_header(columns: &[&str]) -> Result<(), String> {
    for (i, c) in columns.iter().enumerate() {
        if c.is_empty() || c.trim() != *c {
            return Err(format!(
                "column {} of the header has no name or spaces around it",
                i + 1
            ));
        }
        if columns[..i].contains(c) {
            return Err(format!("column `{c}` is named twice in the header"));
        }
    }
    Ok(())
}

fn check_fields(fields: &[&str], columns: &[&str]) -> Result<(), String> {
    if fields.len() != columns.len() {
        return Err(format!(
            "the row has {} fields, the header {} columns ({})",
            fields.len(),
            columns.len(),
            columns.join(", ")
        ));
    }
    for (field, column) in fields.iter().zip(columns) {
        if field.trim() != *field {
            return Err(format!("column `{column}`: {field:?} has spaces around it"));
        }
    }
    Ok(())
}

impl<'t, 'a> Row<'t, 'a> {
    /// The line of the file this row is on (from 1).
    #[cfg(test)]
    pub fn line(&self) -> usize {
        self.line
    }

    /// An error about this row, naming its file and line.
    pub fn error(&self, reason: impl fmt::Display) -> DataError {
        DataError {
            file: self.table.file.clone(),
            line: self.line,
            reason: reason.to_string(),
        }
    }

    /// The text of a column (possibly empty).
    pub fn str(&self, column: &str) -> Result<&'a str, DataError> {
        match self.table.column_index(column) {
            Some(i) => Ok(self.fields[i]),
            None => Err(self.error(format!(
                "no column `{column}` (the header names {})",
                self.table.columns.join(", ")
            ))),
        }
    }

    /// A column parsed as `T` (a number, a language, an enum); an empty field or a value
    /// `T` does not know is an error.
    pub fn get<T>(&self, column: &str) -> Result<T, DataError>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        let text = self.str(column)?;
        if text.is_empty() {
            return Err(self.error(format!("column `{column}` is empty")));
        }
        text.parse()
            .map_err(|e| self.error(format!("column `{column}`: {text:?}: {e}")))
    }

    /// As [`Row::get`], with an empty field read as `None`.
    pub fn opt<T>(&self, column: &str) -> Result<Option<T>, DataError>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        if self.str(column)?.is_empty() {
            return Ok(None);
        }
        self.get(column).map(Some)
    }

    /// A column whose value must be one of `allowed` (the kinds of a file whose rows
    /// the code picks by kind).
    pub fn choice(&self, column: &str, allowed: &[&str]) -> Result<&'a str, DataError> {
        let text = self.str(column)?;
        if allowed.contains(&text) {
            return Ok(text);
        }
        Err(self.error(format!(
            "column `{column}`: unknown value {text:?} (known: {})",
            allowed.join(", ")
        )))
    }
}

/// An error for `FromStr` implementations of the enums read from data files.
pub fn unknown_value(value: &str, known: &[&str]) -> String {
    format!("unknown value {value:?} (known: {})", known.join(", "))
}

macro_rules! builtin_files {
    ($($path:literal),* $(,)?) => {
        /// Every data file of `config/`, by its path under `config/`, with its text
        /// (compiled into the binary).
        pub const BUILTIN: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../config/", $path))),)*
        ];
    };
}

builtin_files![
    "countries/countries.tsv",
    "countries/countries_extra.tsv",
    "countries/corrections.tsv",
    "countries/list_markers.tsv",
    "countries/membership.tsv",
    "countries/non_states.tsv",
    "countries/non_states_extra.tsv",
    "countries/variants.tsv",
    "countries/variants_extra.tsv",
    "ocr/models.tsv",
    "parse/bodies.tsv",
    "parse/citation_bodies.tsv",
    "parse/citation_words.tsv",
    "parse/contractions.tsv",
    "parse/decisions.tsv",
    "parse/distributions.tsv",
    "parse/doc_types.tsv",
    "parse/front_lines.tsv",
    "parse/issuers.tsv",
    "parse/item_letters.tsv",
    "parse/languages.tsv",
    "parse/leading_verbs.tsv",
    "parse/letter_openings.tsv",
    "parse/months.tsv",
    "parse/openings.tsv",
    "parse/ordinals.tsv",
    "parse/organs.tsv",
    "parse/proper_names.tsv",
    "parse/title_joiners.tsv",
    "repair/confusion-en.tsv",
    "repair/confusion-es.tsv",
    "repair/confusion-fr.tsv",
    "repair/context-fr.tsv",
    "repair/diacritics-es.tsv",
    "repair/diacritics-fr.tsv",
    "repair/lexicon-ar.tsv",
    "repair/lexicon-en.tsv",
    "repair/lexicon-es.tsv",
    "repair/lexicon-fr.tsv",
    "repair/lexicon-ru.tsv",
    "repair/lexicon-zh.tsv",
];

/// The text of a built-in data file (`parse/months.tsv`). An unknown name is a bug.
pub fn builtin_text(path: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("config/{path} is not listed in datafile::BUILTIN"))
}

/// Parses a built-in data file and checks its columns.
pub fn builtin(path: &str, columns: &[&str]) -> Result<Table<'static>, DataError> {
    let table = Table::parse(&format!("config/{path}"), builtin_text(path))?;
    table.expect_columns(columns)?;
    Ok(table)
}

/// Reads every row of a built-in data file with `f`. The files are compiled into the
/// binary and checked by the tests, so a bad file stops the program with its
/// [`DataError`] (file and line) the first time it is read.
pub fn read<T>(
    path: &str,
    columns: &[&str],
    f: impl FnMut(Row<'_, 'static>) -> Result<T, DataError>,
) -> Vec<T> {
    try_read(path, columns, f).unwrap_or_else(|e| panic!("{e}"))
}

/// As [`read`], returning the error.
pub fn try_read<T>(
    path: &str,
    columns: &[&str],
    f: impl FnMut(Row<'_, 'static>) -> Result<T, DataError>,
) -> Result<Vec<T>, DataError> {
    builtin(path, columns)?.rows().map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn data_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                data_files(&path, out);
            } else if path.extension().is_some_and(|e| e != "md") {
                out.push(path);
            }
        }
    }

    /// Every file under config/ (but the READMEs) is listed in BUILTIN, is the text
    /// compiled in, parses, and is written canonically.
    #[test]
    fn every_config_file_parses_and_is_canonical() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
        let mut files = Vec::new();
        data_files(&root, &mut files);
        assert!(files.len() >= BUILTIN.len());
        for path in files {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                BUILTIN.iter().any(|(p, t)| *p == rel && *t == text),
                "config/{rel} is not listed in datafile::BUILTIN (or the build is stale)"
            );
            let table =
                Table::parse(&format!("config/{rel}"), &text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!table.is_empty(), "config/{rel} has no rows");
            let canonical = table.canonical();
            if canonical != text {
                let line = canonical
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or(canonical.lines().count().min(text.lines().count()), |i| i)
                    + 1;
                panic!("config/{rel}:{line}: not in canonical form (tabs between fields, no blank lines, no trailing spaces, \\n line ends)");
            }
        }
    }

    fn err(text: &str) -> String {
        Table::parse("config/x.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn bad_files_are_errors_naming_file_and_line() {
        assert_eq!(
            err("# only a comment\n"),
            "config/x.tsv:0: no header row (the first line that is not a comment names the columns)"
        );
        assert_eq!(
            err("# c\nname\tvalue\nmay\t5\njune\n"),
            "config/x.tsv:4: the row has 1 fields, the header 2 columns (name, value)"
        );
        assert_eq!(
            err("name\tvalue\nmay\t5\t6\n"),
            "config/x.tsv:2: the row has 3 fields, the header 2 columns (name, value)"
        );
        assert_eq!(
            err("name\tname\n"),
            "config/x.tsv:1: column `name` is named twice in the header"
        );
        assert_eq!(
            err("name\tvalue\nmay \t5\n"),
            "config/x.tsv:2: column `name`: \"may \" has spaces around it"
        );
    }

    #[derive(Debug, PartialEq)]
    enum Kind {
        Ordinal,
        Cardinal,
    }

    impl FromStr for Kind {
        type Err = String;
        fn from_str(s: &str) -> Result<Kind, String> {
            match s {
                "o" => Ok(Kind::Ordinal),
                "c" => Ok(Kind::Cardinal),
                _ => Err(unknown_value(s, &["o", "c"])),
            }
        }
    }

    #[test]
    fn typed_columns() {
        let text =
            "word\tvalue\tkind\n# numbers\nfirst\t1\to\nten\t10\tc\nmany\tx\tc\nsome\t2\tq\n";
        let t = Table::parse("config/n.tsv", text).unwrap();
        t.expect_columns(&["word", "value", "kind"]).unwrap();
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows[0].str("word").unwrap(), "first");
        assert_eq!(rows[1].get::<u32>("value").unwrap(), 10);
        assert_eq!(rows[0].get::<Kind>("kind").unwrap(), Kind::Ordinal);
        assert_eq!(rows[1].line(), 4);
        assert_eq!(
            rows[2].get::<u32>("value").unwrap_err().to_string(),
            "config/n.tsv:5: column `value`: \"x\": invalid digit found in string"
        );
        assert_eq!(
            rows[3].get::<Kind>("kind").unwrap_err().to_string(),
            "config/n.tsv:6: column `kind`: \"q\": unknown value \"q\" (known: o, c)"
        );
        assert_eq!(
            rows[0].str("note").unwrap_err().to_string(),
            "config/n.tsv:3: no column `note` (the header names word, value, kind)"
        );
        assert_eq!(
            rows[3]
                .choice("word", &["first", "ten"])
                .unwrap_err()
                .to_string(),
            "config/n.tsv:6: column `word`: unknown value \"some\" (known: first, ten)"
        );
        assert_eq!(
            t.expect_columns(&["word", "value"])
                .unwrap_err()
                .to_string(),
            "config/n.tsv:1: the header names the columns word, value, kind; expected word, value"
        );
        assert_eq!(t.canonical(), text);
    }

    #[test]
    fn optional_and_empty_fields() {
        let t = Table::parse("config/o.tsv", "code\tname\n\tKosovo\nAFG\tAfghanistan\n").unwrap();
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows[0].opt::<String>("code").unwrap(), None);
        assert_eq!(
            rows[1].opt::<String>("code").unwrap().as_deref(),
            Some("AFG")
        );
        assert!(rows[0].get::<String>("code").is_err());
    }

    #[test]
    fn non_canonical_text_is_told() {
        let t = Table::parse("config/c.tsv", "a\tb\r\n\n# c  \n1\t2").unwrap();
        assert_eq!(t.canonical(), "a\tb\n# c\n1\t2\n");
    }
}
