//! Development aid for the stages after extraction on scans: keeps what extraction made of
//! documents (words and boxes of every page, OCR details) in JSON files, so that a change
//! to cleaning, repair or parsing can be measured on OCRed documents in seconds instead of
//! OCRing them again (minutes per document on a shared machine).
//!
//! ```text
//! cargo run --release --example pages_cache -- dump DIR FILE...     # extract, write DIR/NAME.pages.json
//! cargo run --release --example pages_cache -- records DIR OUT.jsonl [never]  # clean, repair (auto or never), parse each dump
//! ```
//! The records carry `source.path`, `status`, `body`, `footnotes` and the metadata fields,
//! enough for `scripts/score-multilingual.py`; they are not full undoc records.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{json, Value};
use undoc::extract::ExtractOptions;
use undoc::model::{BBox, Line, OcrInfo, Page, PageMethod, Word};
use undoc::repair::{Origin, RepairMode};
use undoc::{format_by_extension, InputFile};

fn bbox_json(b: &BBox) -> Value {
    json!([b.x0, b.y0, b.x1, b.y1])
}

fn bbox_from(v: &Value) -> BBox {
    let f = |i: usize| v[i].as_f64().unwrap_or(0.0) as f32;
    BBox {
        x0: f(0),
        y0: f(1),
        x1: f(2),
        y1: f(3),
    }
}

fn lines_json(lines: &[Line]) -> Value {
    lines
        .iter()
        .map(|l| {
            json!({
                "plain": l.plain,
                "words": l.words.iter().map(|w| json!([w.text, bbox_json(&w.bbox)])).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn lines_from(v: &Value) -> Vec<Line> {
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
                        text: w[0].as_str().unwrap_or_default().to_string(),
                        bbox: bbox_from(&w[1]),
                    })
                    .collect(),
            ),
        })
        .collect()
}

fn page_json(p: &Page) -> Value {
    json!({
        "number": p.number, "width": p.width, "height": p.height, "blank": p.blank,
        "method": p.method,
        "lines": lines_json(&p.lines),
        "ocr": p.ocr.as_ref().map(|o| json!({
            "languages": o.languages, "confidence": o.confidence,
            "languages_from": o.languages_from, "script": o.script, "rotation": o.rotation,
            "masthead_zone": lines_json(&o.masthead_zone),
        })),
    })
}

fn page_from(v: &Value) -> Page {
    let method = match v["method"].as_str() {
        Some("ocr") => PageMethod::Ocr,
        Some("text-input") => PageMethod::TextInput,
        _ => PageMethod::TextLayer,
    };
    let ocr = v["ocr"].as_object().map(|o| OcrInfo {
        languages: o["languages"].as_str().unwrap_or_default().to_string(),
        confidence: o["confidence"].as_f64().unwrap_or(0.0) as f32,
        languages_from: Box::leak(
            o["languages_from"]
                .as_str()
                .unwrap_or_default()
                .to_string()
                .into_boxed_str(),
        ),
        script: o["script"].as_str().map(String::from),
        rotation: o["rotation"].as_u64().unwrap_or(0) as u32,
        masthead_zone: lines_from(&o["masthead_zone"]),
    });
    Page {
        number: v["number"].as_u64().unwrap_or(0) as u32,
        width: v["width"].as_f64().unwrap_or(0.0) as f32,
        height: v["height"].as_f64().unwrap_or(0.0) as f32,
        lines: lines_from(&v["lines"]),
        method,
        ocr,
        blank: v["blank"].as_bool().unwrap_or(false),
    }
}

fn dump(dir: &Path, files: &[String]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    undoc::extract::ocr::ensure_omp_thread_limit();
    files.par_iter().try_for_each(|file| -> anyhow::Result<()> {
        let path = PathBuf::from(file);
        let out = dir.join(format!(
            "{}.pages.json",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        if out.exists() {
            return Ok(());
        }
        let input = InputFile {
            format: format_by_extension(&path).ok_or_else(|| anyhow::anyhow!("format"))?,
            path: path.clone(),
        };
        let bytes = std::fs::read(&path)?;
        let mut warnings = Vec::new();
        let extracted =
            undoc::extract::document(&input, &bytes, &ExtractOptions::default(), &mut warnings)?;
        let v = json!({
            "path": file,
            "may_be_ocr": extracted.may_be_ocr,
            "pages": extracted.pages.iter().map(page_json).collect::<Vec<_>>(),
        });
        std::fs::write(&out, serde_json::to_string(&v)?)?;
        eprintln!("{}", out.display());
        Ok(())
    })
}

fn records(dir: &Path, out: &Path, repair: RepairMode) -> anyhow::Result<()> {
    let mut dumps: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".pages.json"))
        .collect();
    dumps.sort();
    let mut lines = Vec::new();
    for d in dumps {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&d)?)?;
        let pages: Vec<Page> = v["pages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(page_from)
            .collect();
        let mut clean = undoc::clean::pages(&pages);
        let origin = Origin {
            ocred_by_undoc: pages.iter().any(|p| p.method == PageMethod::Ocr),
            may_be_ocr: v["may_be_ocr"].as_bool().unwrap_or(false),
        };
        let mut warnings = Vec::new();
        undoc::repair::clean_text(&mut clean, repair, origin, &mut warnings);
        let meta = undoc::parse::document(&clean);
        let mut rec = serde_json::to_value(&meta)?;
        rec["source"] = json!({ "path": v["path"] });
        rec["status"] = json!("ok");
        rec["body"] = json!(clean.paragraphs.join("\n"));
        rec["footnotes"] = json!(clean.footnotes);
        lines.push(serde_json::to_string(&rec)?);
    }
    std::fs::write(out, lines.join("\n") + "\n")?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, dir, files @ ..] if cmd == "dump" => dump(Path::new(dir), files),
        [cmd, dir, out] if cmd == "records" => {
            records(Path::new(dir), Path::new(out), RepairMode::Auto)
        }
        [cmd, dir, out, never] if cmd == "records" && never == "never" => {
            records(Path::new(dir), Path::new(out), RepairMode::Never)
        }
        _ => anyhow::bail!("usage: pages_cache dump DIR FILE... | pages_cache records DIR OUT"),
    }
}
