//! Development aid for the stages after extraction on scanned documents, whose OCR takes
//! minutes: `save` extracts documents as the pipeline does (text layer, OCR where
//! `--ocr auto` would) and writes their pages, words and boxes to a JSON file;
//! `replay` reads such files and runs clean, repair and parse on the pages again,
//! printing one record-like JSON line per document (`source.path`, `body`,
//! `footnotes`, metadata fields), which `scripts/score-multilingual.py` scores. A
//! change to cleaning, repair or parsing is then tried on the same OCR in seconds.
//!
//! ```text
//! cargo run --release --example page_cache -- save DIR FILE.pdf...
//! cargo run --release --example page_cache -- replay DIR/*.pages.json > records.jsonl
//! ```

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use undoc::extract::ExtractOptions;
use undoc::model::{BBox, Line, OcrInfo, Page, PageMethod, SourceFormat, Word};
use undoc::repair::{Origin, RepairMode};
use undoc::InputFile;

fn bbox_json(b: &BBox) -> Value {
    json!([b.x0, b.y0, b.x1, b.y1])
}

fn bbox_of(v: &Value) -> BBox {
    let n = |i: usize| v[i].as_f64().unwrap_or(0.0) as f32;
    BBox {
        x0: n(0),
        y0: n(1),
        x1: n(2),
        y1: n(3),
    }
}

fn lines_json(lines: &[Line]) -> Value {
    Value::Array(
        lines
            .iter()
            .map(|l| {
                json!({
                    "plain": l.plain,
                    "words": l.words.iter().map(|w| json!([w.text, bbox_json(&w.bbox)])).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn lines_of(v: &Value) -> Vec<Line> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|l| match l["plain"].as_str() {
            Some(p) => Line::plain(p),
            None => Line::from_words(
                l["words"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|w| Word {
                        text: w[0].as_str().unwrap_or("").to_string(),
                        bbox: bbox_of(&w[1]),
                    })
                    .collect(),
            ),
        })
        .collect()
}

fn method_name(m: PageMethod) -> &'static str {
    match m {
        PageMethod::TextLayer => "text-layer",
        PageMethod::Ocr => "ocr",
        PageMethod::TextInput => "text-input",
    }
}

fn method_of(s: &str) -> PageMethod {
    match s {
        "ocr" => PageMethod::Ocr,
        "text-input" => PageMethod::TextInput,
        _ => PageMethod::TextLayer,
    }
}

fn save(dir: &Path, file: &str) -> anyhow::Result<()> {
    let path = PathBuf::from(file);
    let format = if file.ends_with(".pdf") {
        SourceFormat::Pdf
    } else {
        SourceFormat::Text
    };
    let bytes = std::fs::read(&path)?;
    let input = InputFile { path, format };
    let mut warnings = Vec::new();
    let extracted =
        undoc::extract::document(&input, &bytes, &ExtractOptions::default(), &mut warnings)?;
    let pages: Vec<Value> = extracted
        .pages
        .iter()
        .map(|p| {
            json!({
                "number": p.number,
                "width": p.width,
                "height": p.height,
                "method": method_name(p.method),
                "blank": p.blank,
                "lines": lines_json(&p.lines),
                "ocr": p.ocr.as_ref().map(|o| json!({
                    "languages": o.languages,
                    "confidence": o.confidence,
                    "script": o.script,
                    "rotation": o.rotation,
                    "masthead_zone": lines_json(&o.masthead_zone),
                })),
            })
        })
        .collect();
    let name = Path::new(file).file_name().unwrap().to_string_lossy();
    let out = json!({"path": file, "may_be_ocr": extracted.may_be_ocr, "pages": pages});
    std::fs::write(
        dir.join(format!("{name}.pages.json")),
        serde_json::to_string(&out)?,
    )?;
    Ok(())
}

fn replay(file: &str) -> anyhow::Result<Value> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file)?)?;
    let pages: Vec<Page> = v["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| Page {
            number: p["number"].as_u64().unwrap_or(1) as u32,
            width: p["width"].as_f64().unwrap_or(0.0) as f32,
            height: p["height"].as_f64().unwrap_or(0.0) as f32,
            lines: lines_of(&p["lines"]),
            method: method_of(p["method"].as_str().unwrap_or("")),
            ocr: p["ocr"].as_object().map(|o| OcrInfo {
                languages: o["languages"].as_str().unwrap_or("").to_string(),
                confidence: o["confidence"].as_f64().unwrap_or(0.0) as f32,
                languages_from: "option",
                script: o["script"].as_str().map(String::from),
                rotation: o["rotation"].as_u64().unwrap_or(0) as u32,
                masthead_zone: lines_of(&o["masthead_zone"]),
            }),
            blank: p["blank"].as_bool().unwrap_or(false),
        })
        .collect();
    let mut clean = undoc::clean::pages(&pages);
    let origin = Origin {
        ocred_by_undoc: pages.iter().any(|p| p.method == PageMethod::Ocr),
        may_be_ocr: v["may_be_ocr"].as_bool().unwrap_or(false),
    };
    let mut warnings = Vec::new();
    undoc::repair::clean_text(&mut clean, RepairMode::Auto, origin, &mut warnings);
    let meta = undoc::parse::document(&clean);
    let mut out = serde_json::to_value(&meta)?;
    out["source"] = json!({"path": v["path"]});
    out["status"] = json!("ok");
    out["body"] = json!(clean.paragraphs.join("\n"));
    out["footnotes"] = serde_json::to_value(&clean.footnotes)?;
    out["masthead"] = json!(clean.masthead);
    out["masthead_reread"] = json!(clean.masthead_reread);
    out["running"] = json!(clean.running);
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "save" && rest.len() >= 2 => {
            let dir = PathBuf::from(&rest[0]);
            std::fs::create_dir_all(&dir)?;
            for file in &rest[1..] {
                save(&dir, file)?;
            }
        }
        Some((cmd, rest)) if cmd == "replay" => {
            for file in rest {
                println!("{}", serde_json::to_string(&replay(file)?)?);
            }
        }
        _ => anyhow::bail!("usage: page_cache save DIR FILE... | page_cache replay PAGES.json..."),
    }
    Ok(())
}
