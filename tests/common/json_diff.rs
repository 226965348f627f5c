//! What differs between two JSON values, as field paths with the expected and the actual
//! value (`paragraphs[3].text: expected "…", got "…"`), so that a failing comparison of
//! whole records says what broke instead of printing both records.
//!
//! Arrays are aligned on their equal elements first (longest common subsequence), so one
//! paragraph added or removed is one line, not a difference at every later index; runs of
//! changed elements of the same length are compared element by element.

use serde_json::Value;

/// Longest a value is shown in a difference line before it is cut (in characters).
const SHOWN_CHARS: usize = 160;

/// The differences between `expected` and `actual`, one line each, paths from `path`.
pub fn json_diff(path: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_into(path, expected, actual, &mut out);
    out
}

/// `json_diff` as one message of at most `limit` lines (and how many more there are).
pub fn json_diff_report(expected: &Value, actual: &Value, limit: usize) -> String {
    let lines = json_diff("", expected, actual);
    let mut report: Vec<String> = lines.iter().take(limit).map(|l| format!("  {l}")).collect();
    if lines.len() > limit {
        report.push(format!("  … and {} more differences", lines.len() - limit));
    }
    report.join("\n")
}

fn diff_into(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let p = field(path, key);
                match a.get(key) {
                    Some(av) => diff_into(&p, ev, av, out),
                    None => out.push(format!("{p}: missing (expected {})", show(ev))),
                }
            }
            for (key, av) in a.iter().filter(|(k, _)| !e.contains_key(*k)) {
                out.push(format!("{}: unexpected {}", field(path, key), show(av)));
            }
        }
        (Value::Array(e), Value::Array(a)) => diff_arrays(path, e, a, out),
        _ if expected != actual => out.push(format!(
            "{}: expected {}, got {}",
            display_path(path),
            show(expected),
            show(actual)
        )),
        _ => {}
    }
}

/// Aligns the arrays on equal elements; unmatched runs become differences.
fn diff_arrays(path: &str, e: &[Value], a: &[Value], out: &mut Vec<String>) {
    let pairs = common_subsequence(e, a);
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in pairs.into_iter().chain([(e.len(), a.len())]) {
        diff_run(path, (i, &e[i..mi]), (j, &a[j..mj]), out);
        (i, j) = (mi + 1, mj + 1);
    }
}

/// One unmatched run: element by element when both sides have the same length,
/// otherwise the expected elements as removed and the actual ones as added.
fn diff_run(
    path: &str,
    (i, e): (usize, &[Value]),
    (j, a): (usize, &[Value]),
    out: &mut Vec<String>,
) {
    if e.len() == a.len() {
        for (k, (ev, av)) in e.iter().zip(a).enumerate() {
            diff_into(&format!("{path}[{}]", j + k), ev, av, out);
        }
        return;
    }
    for (k, ev) in e.iter().enumerate() {
        out.push(format!(
            "{path}[{}]: missing (expected {})",
            i + k,
            show(ev)
        ));
    }
    for (k, av) in a.iter().enumerate() {
        out.push(format!("{path}[{}]: unexpected {}", j + k, show(av)));
    }
}

/// Index pairs of a longest common subsequence of equal elements, in order.
fn common_subsequence(e: &[Value], a: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (e.len(), a.len());
    // len[i][j]: length of the longest common subsequence of e[i..] and a[j..].
    let mut len = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if e[i] == a[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if e[i] == a[j] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(the whole value)"
    } else {
        path
    }
}

/// A value as compact JSON, cut to `SHOWN_CHARS` characters.
fn show(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}… ({} chars)", &text[..cut], text.chars().count()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_values_have_no_differences() {
        let v = json!({"a": [1, {"b": "c"}], "d": null});
        assert!(json_diff("", &v, &v).is_empty());
    }

    #[test]
    fn a_changed_field_is_named_by_its_path() {
        let e = json!({"paragraphs": [{"text": "one"}, {"text": "two"}]});
        let a = json!({"paragraphs": [{"text": "one"}, {"text": "too"}]});
        assert_eq!(
            json_diff("", &e, &a),
            [r#"paragraphs[1].text: expected "two", got "too""#]
        );
    }

    #[test]
    fn missing_and_unexpected_fields_are_told_apart() {
        let e = json!({"symbol": "A/1", "date": "2020-01-01"});
        let a = json!({"symbol": "A/1", "title": "T"});
        assert_eq!(
            json_diff("", &e, &a),
            [
                r#"date: missing (expected "2020-01-01")"#,
                r#"title: unexpected "T""#
            ]
        );
    }

    #[test]
    fn an_inserted_element_is_one_difference_not_a_shift() {
        let e = json!([1, 2, 3, 4, 5]);
        let a = json!([1, 2, 9, 3, 4, 5]);
        assert_eq!(json_diff("xs", &e, &a), ["xs[2]: unexpected 9"]);
        assert_eq!(json_diff("xs", &a, &e), ["xs[2]: missing (expected 9)"]);
    }

    #[test]
    fn long_values_are_cut_and_reports_are_capped() {
        let e = json!({"t": "x".repeat(500), "u": 1, "v": 2});
        let a = json!({"t": "y", "u": 3, "v": 4});
        let report = json_diff_report(&e, &a, 2);
        assert!(report.contains("… (502 chars)"), "{report}");
        assert!(report.ends_with("… and 1 more differences"), "{report}");
    }
}
