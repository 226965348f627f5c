//! The hostile fixtures are what they claim to be (checked with poppler and qpdf), so
//! that the refresh tests that use them test what they say.

use crate::common::hostile;

use std::process::Command;

fn pdfinfo(path: &std::path::Path) -> (bool, String) {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn the_batch_has_good_and_bad_files_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let batch = hostile::make_hostile_batch(dir.path());
    assert_eq!(
        batch.good.len(),
        hostile::GOOD_SOURCES.len() + hostile::awkward_names().len()
    );
    for good in &batch.good {
        assert!(pdfinfo(good).0, "{good:?} should open");
    }
    let names: Vec<&str> = batch.bad.iter().map(|b| b.what).collect();
    for what in [
        "truncated",
        "bit-flipped",
        "zero bytes",
        "not a PDF",
        "password-encrypted",
    ] {
        assert!(names.contains(&what), "{what} missing from {names:?}");
    }
    for bad in batch
        .bad
        .iter()
        .filter(|b| !b.what.starts_with("decompression bomb"))
    {
        assert!(
            !pdfinfo(&bad.path).0,
            "poppler should refuse the {} file",
            bad.what
        );
    }
    let encrypted = batch
        .bad
        .iter()
        .find(|b| b.what == "password-encrypted")
        .unwrap();
    let (ok, text) = pdfinfo(&encrypted.path);
    assert!(!ok && text.contains("Incorrect password"), "{text}");
    let (ok, text) = pdfinfo(&batch.huge);
    assert!(
        ok && text.contains(&format!("Pages:           {}", batch.huge_pages)),
        "{text}"
    );
    let (ok, text) = pdfinfo(&batch.blank);
    assert!(
        ok && text.contains(&format!("Pages:           {}", batch.blank_pages)),
        "{text}"
    );
}

#[test]
fn the_bomb_is_small_and_inflates_to_its_size() {
    use std::io::Read;
    let pdf = hostile::decompression_bomb(64);
    assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
    let start = pdf.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let end = pdf.windows(10).rposition(|w| w == b"\nendstream").unwrap();
    let mut inflated = 0u64;
    let mut decoder = flate2::read::ZlibDecoder::new(&pdf[start..end]);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = decoder
            .read(&mut buf)
            .expect("a valid zlib stream, checksum included");
        if n == 0 {
            break;
        }
        assert!(buf[..n].iter().all(|b| *b == 0));
        inflated += n as u64;
    }
    assert_eq!(inflated, 64 << 20);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.pdf");
    std::fs::write(&path, &pdf).unwrap();
    assert!(pdfinfo(&path).0, "the bomb is a valid PDF");
}
