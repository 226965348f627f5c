//! Nothing from a library reaches the terminal (issue 11, part 3): an ingest run that
//! OCRs scans writes only its summary to stderr (no progress bar: not a terminal, and
//! `--quiet`), also where Tesseract and Leptonica used to print their own messages
//! (a Tesseract that cannot load its language data, a `--lang` that is not installed);
//! what matters for a document goes into its warnings, in words. Also the image codecs
//! Leptonica calls (libpng, libjpeg), which print with `fprintf(stderr, …)`, and
//! poppler's complaints about a damaged JPEG page image of a PDF.

use crate::common::hostile;

use std::fs;
use std::path::Path;
use std::process::Command;

use hostile::{assemble_pdf, pages_pdf, render_gray, TestPage};
use undoc::extract::image_input::{save_gray, ImageFormat};
use undoc::extract::render::GrayImage;

/// A PDF of two scanned pages: one short line of text, and a white page.
fn scan_pdf(dir: &Path) -> std::path::PathBuf {
    let line = dir.join("line.pdf");
    fs::write(
        &line,
        pages_pdf(&[TestPage::Text {
            text: "Annex",
            size: 24,
        }]),
    )
    .unwrap();
    let (width, height, inked) = render_gray(&line, 150);
    let white = vec![255u8; inked.len()];
    let pdf = dir.join("scan.pdf");
    let page = |pixels| TestPage::Scan {
        width,
        height,
        pixels,
    };
    fs::write(&pdf, pages_pdf(&[page(&inked), page(&white)])).unwrap();
    pdf
}

/// `undoc ingest --quiet PDF -o OUT EXTRA…` with `env`: (exit code, stderr, records).
fn ingest(
    pdf: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, Vec<serde_json::Value>) {
    let out = pdf.with_extension("jsonl");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_undoc"));
    cmd.args(["ingest", "--quiet", "--force"])
        .arg(pdf)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .envs(env.iter().copied());
    let output = cmd.output().unwrap();
    let records = fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        records,
    )
}

/// stderr is exactly one line, starting with `start`.
fn assert_one_line(stderr: &str, start: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with(start),
        "stderr should be one line starting {start:?}, not:\n{stderr}"
    );
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn an_ocr_run_prints_only_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = scan_pdf(dir.path());
    let (code, stderr, records) = ingest(&pdf, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    assert!(records[0]["body"].as_str().unwrap().contains("Annex"));
    assert_eq!(records[0]["warnings"], serde_json::json!([]));
}

#[test]
fn tesseract_without_its_language_data_stays_off_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = scan_pdf(dir.path());
    // The data is found by undoc's check (the Debian folders) but not by Tesseract:
    // it used to print "Error opening data file …" and "Failed loading language …".
    let (code, stderr, records) = ingest(&pdf, &[], &[("TESSDATA_PREFIX", "/nonexistent")]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    let warnings = records[0]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| {
            let w = w.as_str().unwrap();
            w.starts_with("page 1: OCR failed (Tesseract could not be initialised")
        }),
        "{warnings:?}"
    );
    // The white page is found blank before Tesseract: no warning for it.
    assert!(
        warnings
            .iter()
            .all(|w| !w.as_str().unwrap().contains("page 2")),
        "{warnings:?}"
    );

    // A language that is not installed: undoc's own error, and nothing else.
    let (code, stderr, _) = ingest(&pdf, &["--lang", "fra+xyz"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_one_line(&stderr, "undoc: error: --lang fra+xyz");
}

/// A page image with a line of text (rendered from a PDF), saved by Leptonica.
fn page_image(dir: &Path, name: &str, format: ImageFormat) -> std::path::PathBuf {
    let pdf = dir.join("text.pdf");
    let text = TestPage::Text {
        text: "Annex",
        size: 24,
    };
    fs::write(&pdf, pages_pdf(&[text])).unwrap();
    let (width, height, pixels) = render_gray(&pdf, 150);
    let image = GrayImage {
        width,
        height,
        dpi: 150,
        pixels,
    };
    let path = dir.join(name);
    save_gray(&image, &path, format, false).unwrap();
    path
}

/// A PNG chunk with a given CRC.
fn png_chunk(kind: &[u8], data: &[u8], crc: u32) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

#[test]
fn image_codec_messages_stay_off_the_terminal_and_become_warnings() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG whose text chunk is damaged (bad CRC): libpng prints "libpng warning: tEXt:
    // CRC error" and reads the image.
    let png = page_image(dir.path(), "page.png", ImageFormat::Png);
    let bytes = fs::read(&png).unwrap();
    let after_header = 8 + 8 + 13 + 4;
    let mut damaged = bytes[..after_header].to_vec();
    damaged.extend(png_chunk(b"tEXt", b"Comment\0hello", 12345));
    damaged.extend_from_slice(&bytes[after_header..]);
    let bad_crc = dir.path().join("bad-crc.png");
    fs::write(&bad_crc, damaged).unwrap();
    let (code, stderr, records) = ingest(&bad_crc, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    assert!(records[0]["body"].as_str().unwrap().contains("Annex"));
    assert_eq!(
        records[0]["warnings"][0],
        "page 1: the file is damaged (libpng warning: tEXt: CRC error)"
    );

    // A JPEG cut short: libjpeg prints "Premature end of JPEG file"; the document fails
    // with the reason in words, and only undoc's own lines reach the terminal.
    let jpeg = page_image(dir.path(), "page.jpg", ImageFormat::Jpeg);
    let bytes = fs::read(&jpeg).unwrap();
    let cut = dir.path().join("cut.jpg");
    fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let (code, stderr, records) = ingest(&cut, &[], &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.lines().all(|l| l.starts_with("undoc: ")),
        "only undoc's lines on stderr, not:\n{stderr}"
    );
    let reason = "cannot read the image: cannot decode frame 1 (Jpeg): the file is cut short";
    assert_eq!(
        records[0]["error"]["message"],
        format!("{}: {reason}", cut.display())
    );
}

/// A one-page PDF whose page is a JPEG scan (`DCTDecode`) of `width` × `height`.
fn jpeg_scan_pdf(jpeg: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} \
         /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image.extend_from_slice(jpeg);
    image.extend_from_slice(b"\nendstream");
    let content = b"q 595 0 0 842 0 0 cm /Im0 Do Q";
    let mut contents = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    contents.extend_from_slice(content);
    contents.extend_from_slice(b"\nendstream");
    assemble_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /XObject << /Im0 5 0 R >> >> >>"
            .to_vec(),
        contents,
        image,
    ])
}

#[test]
#[ignore = "slow: OCR of whole scans; scripts/test.sh runs it"]
fn a_damaged_jpeg_scan_in_a_pdf_stays_off_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = page_image(dir.path(), "page.jpg", ImageFormat::Jpeg);
    let bytes = fs::read(&jpeg).unwrap();
    let (width, height, _) = {
        let pdf = dir.path().join("text.pdf");
        render_gray(&pdf, 150)
    };
    // The whole JPEG first: the scan is read.
    let good = dir.path().join("good-scan.pdf");
    fs::write(&good, jpeg_scan_pdf(&bytes, width, height)).unwrap();
    let (code, stderr, records) = ingest(&good, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    assert!(records[0]["body"].as_str().unwrap().contains("Annex"));

    // Bytes of the compressed data damaged: poppler's JPEG decoder complains ("Corrupt
    // JPEG data: premature end of data segment"); the page keeps what could be read, and
    // nothing but the summary reaches the terminal.
    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    for b in damaged[middle..middle + 200].iter_mut().step_by(7) {
        *b ^= 0x55;
    }
    let bad = dir.path().join("damaged-scan.pdf");
    fs::write(&bad, jpeg_scan_pdf(&damaged, width, height)).unwrap();
    let output = Command::new("pdftoppm")
        .args(["-r", "50", "-gray"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("JPEG"),
        "the fixture should make poppler complain about the JPEG: {:?}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (code, stderr, records) = ingest(&bad, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_one_line(&stderr, "undoc: 1 documents processed: 1 ok");
    assert_eq!(records.len(), 1);
}
