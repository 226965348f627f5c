//! `undoc countries` as other tools call it: names as arguments or on standard input.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn names_as_arguments() {
    let (code, out, _) = common::undoc(&[
        "countries",
        "--lang",
        "fr",
        "Suéde",
        "Samoa américaines",
        "Etats-Unis d'Amérique",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "SWE\tSuède\nNONE\tSamoa américaines\nUSA\tÉtats-Unis d’Amérique\n"
    );
}

#[test]
fn names_on_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_undoc"))
        .args(["countries"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Zaïre\nRépublique de\nCorée\nKosovo\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "COD\tDemocratic Republic of the Congo");
    assert_eq!(lines.last().unwrap(), &"NONE\tKosovo");
}

#[test]
fn bad_language_is_a_usage_error() {
    let (code, _, err) = common::undoc(&["countries", "--lang", "xx", "France"]);
    assert_eq!(code, 2);
    assert!(err.contains("xx"));
}
