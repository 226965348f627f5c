//! Dumps what the cleaning stage makes of a document, as the pipeline makes it (text
//! layer, pages OCRed where `--ocr auto` would, repair `auto`), and parses such a dump
//! again: a development aid for parsers of scanned documents, whose OCR takes minutes,
//! so that a parser change can be tried on the same clean text in milliseconds.
//!
//! `cargo run --release --example clean_dump -- FILE > dump.json` writes the masthead
//! lines, running lines, paragraphs and footnotes; `clean_dump --parse dump.json` prints
//! the parse of the dump (`parse::document`) and its warnings.

use std::path::PathBuf;

use serde_json::{json, Value};
use undoc::extract::ExtractOptions;
use undoc::model::{CleanText, Footnote, PageMethod, SourceFormat};
use undoc::repair::{Origin, RepairMode};
use undoc::InputFile;

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, dump] if flag == "--parse" => {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(dump)?)?;
            let clean = CleanText {
                masthead: strings(&v["masthead"]),
                paragraphs: strings(&v["paragraphs"]),
                running: strings(&v["running"]),
                footnotes: serde_json::from_value::<Vec<Value>>(v["footnotes"].clone())?
                    .into_iter()
                    .filter_map(|f| {
                        Some(Footnote {
                            mark: f["mark"].as_str()?.to_string(),
                            text: f["text"].as_str()?.to_string(),
                        })
                    })
                    .collect(),
                ..CleanText::default()
            };
            let meta = undoc::parse::document(&clean);
            let mut out = serde_json::to_value(&meta)?;
            out["warnings"] = json!(undoc::parse::warnings(&meta));
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        [file] => {
            let path = PathBuf::from(file);
            let format = if file.ends_with(".pdf") {
                SourceFormat::Pdf
            } else {
                SourceFormat::Text
            };
            let bytes = std::fs::read(&path)?;
            let input = InputFile { path, format };
            let mut warnings = Vec::new();
            let extracted = undoc::extract::document(
                &input,
                &bytes,
                &ExtractOptions::default(),
                &mut warnings,
            )?;
            let mut clean = undoc::clean::pages(&extracted.pages);
            let origin = Origin {
                ocred_by_undoc: extracted.pages.iter().any(|p| p.method == PageMethod::Ocr),
                may_be_ocr: extracted.may_be_ocr,
            };
            undoc::repair::clean_text(&mut clean, RepairMode::Auto, origin, &mut warnings);
            let out = json!({
                "masthead": clean.masthead,
                "running": clean.running,
                "paragraphs": clean.paragraphs,
                "footnotes": clean.footnotes,
                "warnings": warnings,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        _ => anyhow::bail!("usage: clean_dump FILE > dump.json | clean_dump --parse dump.json"),
    }
    Ok(())
}
