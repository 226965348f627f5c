//! Hostile input files, made at test time in a temporary folder: damaged, empty,
//! mislabelled, encrypted and oversized PDFs, a decompression bomb, and good PDFs under
//! file names with spaces, quotes, a newline and bytes that are not UTF-8.
//!
//! Everything is derived from the small born-digital PDFs of `corpus/` (or generated
//! here); `qpdf` (scripts/setup-packages.txt) makes the encrypted file.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small, good, born-digital PDF of the repository's corpus.
pub fn corpus_pdf(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// The good PDFs the hostile batch mixes in (small born-digital ones, quick to process).
pub const GOOD_SOURCES: &[&str] = &[
    "synthetic/000.born-digital.pdf",
    "synthetic/004.born-digital.pdf",
    "synthetic/001.born-digital.pdf",
];

/// A bad file and what is wrong with it.
#[derive(Debug, Clone)]
pub struct BadFile {
    pub path: PathBuf,
    pub what: &'static str,
}

/// The batch: good files (whose records must come out intact) and bad files (one
/// `failed` record each), plus `huge`, the PDF with thousands of pages (a legitimate
/// file that the pipeline may process or refuse, but must report exactly once), and
/// `blank`, a PDF of thousands of pages with nothing on them (read, every page blank).
#[derive(Debug)]
pub struct HostileBatch {
    pub good: Vec<PathBuf>,
    pub bad: Vec<BadFile>,
    pub huge: PathBuf,
    pub huge_pages: u32,
    pub blank: PathBuf,
    pub blank_pages: u32,
}

/// Makes the batch in `dir` (which must exist).
pub fn make_hostile_batch(dir: &Path) -> HostileBatch {
    let mut good = Vec::new();
    for (i, source) in GOOD_SOURCES.iter().enumerate() {
        let to = dir.join(format!("good-{i}.pdf"));
        fs::copy(corpus_pdf(source), &to).expect("copy a corpus PDF");
        good.push(to);
    }
    let sample = fs::read(corpus_pdf(GOOD_SOURCES[0])).unwrap();
    for name in awkward_names() {
        let to = dir.join(OsStr::from_bytes(&name));
        fs::write(&to, &sample).unwrap();
        good.push(to);
    }

    let mut bad = Vec::new();
    let mut add = |name: &str, bytes: &[u8], what: &'static str| {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        bad.push(BadFile { path, what });
    };
    add("truncated.pdf", &sample[..sample.len() / 2], "truncated");
    add("bit-flipped.pdf", &flip_middle(&sample), "bit-flipped");
    add("zero-byte.pdf", b"", "zero bytes");
    add(
        "not-a-pdf.pdf",
        b"This is a plain text file that only pretends to be a PDF.\n",
        "not a PDF",
    );
    add(
        "bomb.pdf",
        &decompression_bomb(2048),
        "decompression bomb (2 GiB)",
    );
    let encrypted = dir.join("encrypted.pdf");
    encrypt_with_qpdf(&corpus_pdf(GOOD_SOURCES[1]), &encrypted);
    bad.push(BadFile {
        path: encrypted,
        what: "password-encrypted",
    });

    let huge_pages = 3000;
    let huge = dir.join("thousands-of-pages.pdf");
    fs::write(&huge, many_pages_pdf(huge_pages)).unwrap();
    let blank_pages = 3000;
    let blank = dir.join("thousands-of-blank-pages.pdf");
    fs::write(&blank, blank_pages_pdf(blank_pages)).unwrap();
    HostileBatch {
        good,
        bad,
        huge,
        huge_pages,
        blank,
        blank_pages,
    }
}

/// Good-file names that trip up shells and line-based tools.
pub fn awkward_names() -> Vec<Vec<u8>> {
    vec![
        b"with spaces in name.pdf".to_vec(),
        b"quotes \"double\" and 'single'.pdf".to_vec(),
        b"new\nline.pdf".to_vec(),
        b"latin1-r\xe9solution.pdf".to_vec(),
    ]
}

/// A copy with 16 bytes inverted in the middle of every stream (content, fonts, object
/// and cross-reference streams): for a PDF with object streams, like the corpus's
/// synthetic ones, this breaks the structure beyond what poppler can rebuild. (Flipping
/// one spot in the middle of the file tends to hit an embedded font, which text
/// extraction does not even read.)
pub fn flip_middle(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut pos = 0;
    while let Some(start) = find(&out, b"stream", pos) {
        if start >= 3 && &out[start - 3..start] == b"end" {
            pos = start + 6;
            continue;
        }
        let Some(end) = find(&out, b"endstream", start) else {
            break;
        };
        let mid = (start + end) / 2;
        for b in &mut out[mid - 8..mid + 8] {
            *b ^= 0xff;
        }
        pos = end + 9;
    }
    out
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `qpdf --encrypt user owner 256 -- in out`: a PDF that needs a password to open.
pub fn encrypt_with_qpdf(input: &Path, output: &Path) {
    let status = Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(input)
        .arg(output)
        .status()
        .expect("qpdf must be installed (scripts/setup-packages.txt)");
    assert!(status.success(), "qpdf --encrypt failed: {status}");
}

/// Assembles a PDF from numbered objects (object 1 must be the catalog).
pub fn assemble_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream_object(dict_extra: &str, data: &[u8]) -> Vec<u8> {
    let mut obj = format!("<< /Length {}{dict_extra} >>\nstream\n", data.len()).into_bytes();
    obj.extend_from_slice(data);
    obj.extend_from_slice(b"\nendstream");
    obj
}

/// A one-page PDF whose content stream is a FlateDecode stream of about 1 KiB per MiB
/// that inflates to `mebibytes` MiB of zeros. Built from one deflated MiB repeated
/// (each copy ends on a sync flush, so copies chain), so it takes milliseconds.
pub fn decompression_bomb(mebibytes: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let zeros = vec![0u8; 1 << 20];
    let mut chunk = Vec::with_capacity(64 * 1024);
    let mut deflate = Compress::new(Compression::best(), false);
    deflate
        .compress_vec(&zeros, &mut chunk, FlushCompress::Sync)
        .unwrap();
    assert_eq!(
        deflate.total_in(),
        zeros.len() as u64,
        "one MiB deflated in one go"
    );
    let mut stream = vec![0x78, 0xda];
    for _ in 0..mebibytes {
        stream.extend_from_slice(&chunk);
    }
    stream.extend_from_slice(&[0x03, 0x00]); // final, empty, fixed-Huffman block
    let total = (mebibytes as u64) << 20;
    // Adler-32 of `total` zero bytes: a stays 1, b adds 1 per byte.
    let adler = (((total % 65521) as u32) << 16) | 1;
    stream.extend_from_slice(&adler.to_be_bytes());
    assemble_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream_object(" /Filter /FlateDecode", &stream),
    ])
}

/// A valid PDF of `pages` A4 pages that all show one short line of text (Helvetica,
/// not embedded), sharing one content stream.
pub fn many_pages_pdf(pages: u32) -> Vec<u8> {
    let first_page = 5;
    let kids: Vec<String> = (0..pages)
        .map(|i| format!("{} 0 R", first_page + i))
        .collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream_object(
            "",
            b"BT /F1 12 Tf 72 770 Td (A page of a very long test document.) Tj ET",
        ),
    ];
    for _ in 0..pages {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
        );
    }
    assemble_pdf(&objects)
}

/// A valid PDF of `pages` A4 pages with nothing on them (no content stream at all).
pub fn blank_pages_pdf(pages: u32) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    ];
    for _ in 0..pages {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec());
    }
    assemble_pdf(&objects)
}

/// One page of a PDF made by [`pages_pdf`].
pub enum TestPage<'a> {
    /// Nothing drawn.
    Empty,
    /// One line of Helvetica text at the top left, at `size` points.
    Text { text: &'a str, size: u32 },
    /// An 8-bit grey image (width, height, pixels) covering the whole A4 page: a scan.
    Scan {
        width: u32,
        height: u32,
        pixels: &'a [u8],
    },
}

/// A PDF of A4 pages as described.
pub fn pages_pdf(pages: &[TestPage]) -> Vec<u8> {
    use flate2::{write::ZlibEncoder, Compression};
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 3 * i))
        .collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for (i, page) in pages.iter().enumerate() {
        let (content, image) = match page {
            TestPage::Empty => (Vec::new(), stream_object("", b"")),
            TestPage::Text { text, size } => (
                format!("BT /F1 {size} Tf 72 770 Td ({text}) Tj ET").into_bytes(),
                stream_object("", b""),
            ),
            TestPage::Scan {
                width,
                height,
                pixels,
            } => {
                let mut z = ZlibEncoder::new(Vec::new(), Compression::fast());
                z.write_all(pixels).unwrap();
                let data = z.finish().unwrap();
                (
                    b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
                    stream_object(
                        &format!(
                            " /Type /XObject /Subtype /Image /Width {width} /Height {height} \
                             /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
                        ),
                        &data,
                    ),
                )
            }
        };
        let first = 4 + 3 * i;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R \
                 /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 {} 0 R >> >> >>",
                first + 1,
                first + 2
            )
            .into_bytes(),
        );
        objects.push(stream_object("", &content));
        objects.push(image);
    }
    assemble_pdf(&objects)
}

/// Page 1 of `pdf` rendered by `pdftoppm` at `dpi` as 8-bit grey (width, height,
/// pixels): what a scanner would give for that page.
pub fn render_gray(pdf: &Path, dpi: u32) -> (u32, u32, Vec<u8>) {
    let out = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftoppm failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout[..20.min(out.stdout.len())]).into_owned();
    let mut fields = text.split_ascii_whitespace();
    assert_eq!(fields.next(), Some("P5"));
    let width: u32 = fields.next().unwrap().parse().unwrap();
    let height: u32 = fields.next().unwrap().parse().unwrap();
    let len = (width * height) as usize;
    let pixels = out.stdout[out.stdout.len() - len..].to_vec();
    (width, height, pixels)
}
