//! `--lang auto`: which Tesseract models an OCRed page is read with. The evidence, in
//! order: the page's own text layer (when it reads as a language), the text of the
//! document's other pages, the language the file name declares (`A_69_720.ru.pdf`,
//! `…_IQ_ar.pdf`, `A_ES-10_273-ES.pdf`), and for an image-only page of a document
//! nothing names, Tesseract's script detection ([`super::osd`]). After the first reading
//! the OCR text itself is checked ([`needed_by_text`]): a page that turns out to need
//! other models (a Spanish page read with `fra+eng`, the French half of a bilingual page
//! read with `eng`) is read again with them. Models per language and script are data:
//! `config/ocr/models.tsv`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use crate::datafile;
use crate::lang::{self, Lang};

/// The `--lang` value that lets undoc choose the models page by page.
pub const AUTO: &str = "auto";

/// Where the models an OCRed page was read with came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--lang` named them.
    Option,
    /// The page's own text layer reads as a language.
    PageText,
    /// The text layer of the document's other pages.
    DocumentText,
    /// The file name's language suffix.
    FileName,
    /// Tesseract's script detection on the page image.
    ScriptDetection,
    /// A first OCR reading of the page showed the language.
    OcrText,
}

impl Source {
    /// The value written to the record (`ocr.languages_from`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Option => "option",
            Source::PageText => "page-text",
            Source::DocumentText => "document-text",
            Source::FileName => "file-name",
            Source::ScriptDetection => "script-detection",
            Source::OcrText => "ocr-text",
        }
    }
}

/// Models to read a page with, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Tesseract language string, e.g. `rus+eng`.
    pub models: String,
    /// Why these models.
    pub source: Source,
}

/// What is known of a document's language before its pages are OCRed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentHint {
    /// Languages of the text layer of the pages that keep it.
    pub text: Vec<Lang>,
    /// The language the file name declares.
    pub file_name: Option<Lang>,
}

impl DocumentHint {
    /// The hint for a document: its file name, and the text of its pages that keep
    /// their text layer.
    pub fn new(path: &Path, kept_text: &str) -> DocumentHint {
        DocumentHint {
            text: lang::detect_all(kept_text),
            file_name: file_name_language(path),
        }
    }
}

struct Models {
    by_language: HashMap<&'static str, &'static str>,
    by_script: HashMap<&'static str, &'static str>,
}

static MODELS: LazyLock<Models> = LazyLock::new(|| {
    let mut m = Models {
        by_language: HashMap::new(),
        by_script: HashMap::new(),
    };
    let rows = datafile::read("ocr/models.tsv", &["kind", "key", "models"], |r| {
        let kind = r.choice("kind", &["language", "script"])?;
        if kind == "language" {
            r.get::<Lang>("key")?;
        }
        let models = r.str("models")?;
        if models.is_empty() || models.split('+').any(str::is_empty) {
            return Err(r.error("column `models`: expected Tesseract models joined with `+`"));
        }
        Ok((kind, r.str("key")?, models))
    });
    for (kind, key, models) in rows {
        match kind {
            "language" => m.by_language.insert(key, models),
            _ => m.by_script.insert(key, models),
        };
    }
    m
});

/// The models for a language (`config/ocr/models.tsv`).
pub fn models_for_language(lang: Lang) -> &'static str {
    MODELS
        .by_language
        .get(lang.code())
        .copied()
        .unwrap_or_else(|| lang.tesseract())
}

/// The models for a script Tesseract's OSD names (`Latin`, `Cyrillic`, `Han`, …).
pub fn models_for_script(script: &str) -> &'static str {
    MODELS
        .by_script
        .get(script)
        .or_else(|| MODELS.by_script.get("default"))
        .copied()
        .unwrap_or("fra+eng")
}

/// The models for several languages, main language first, each model once.
pub fn models_for_languages(langs: &[Lang]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for &l in langs {
        for name in models_for_language(l).split('+') {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.join("+")
}

/// Whether every model of `needed` is in `used`.
pub fn covers(used: &str, needed: &str) -> bool {
    let used: Vec<&str> = used.split('+').collect();
    needed.split('+').all(|n| used.contains(&n))
}

/// The language a file name declares: a dot-separated part that is a language
/// (`A_69_720.ru.scan-clean.pdf`), or the last `_`/`-` part of the name
/// (`GA79_general_debate_IQ_ar.pdf`, `A_ES-10_273-ES.pdf`, `report-english.pdf`).
pub fn file_name_language(path: &Path) -> Option<Lang> {
    let stem = path.file_stem()?.to_str()?;
    let parse = |s: &str| -> Option<Lang> {
        // Two letters or a full name: three-letter words (`spa`, `ara`) stay ambiguous
        // in symbols, one letter (`E`) is a symbol's part far more often than a language.
        (s.len() == 2 || s.len() > 3)
            .then(|| s.parse().ok())
            .flatten()
    };
    stem.split('.')
        .skip(1)
        .find_map(parse)
        .or_else(|| stem.rsplit(['_', '-', '.', ' ']).next().and_then(parse))
}

/// The first choice for a page, before any OCR: `--lang` when it names models, else
/// the page's text layer, the document's other pages, the file name. `None` under
/// `auto` when nothing says the language: the page image decides ([`for_script`]).
pub fn initial(option: &str, page_layer_text: &str, doc: &DocumentHint) -> Option<Choice> {
    if option != AUTO {
        return Some(Choice {
            models: option.to_string(),
            source: Source::Option,
        });
    }
    let page = lang::detect_all(page_layer_text);
    let (langs, source) = if !page.is_empty() {
        (page, Source::PageText)
    } else if !doc.text.is_empty() {
        (doc.text.clone(), Source::DocumentText)
    } else {
        (doc.file_name.into_iter().collect(), Source::FileName)
    };
    (!langs.is_empty()).then(|| Choice {
        models: models_for_languages(&langs),
        source,
    })
}

/// The choice for an image-only page from the script Tesseract sees on it.
pub fn for_script(script: Option<&str>) -> Choice {
    Choice {
        models: models_for_script(script.unwrap_or("default")).to_string(),
        source: Source::ScriptDetection,
    }
}

/// The models an OCR reading shows the page needs, when `used` lacks some of them
/// (a Spanish page read with `fra+eng`, a Russian one with `spa+eng`).
pub fn needed_by_text(text: &str, used: &str) -> Option<Choice> {
    let langs = lang::detect_all(text);
    if langs.is_empty() {
        return None;
    }
    let needed = models_for_languages(&langs);
    (!covers(used, &needed)).then_some(Choice {
        models: needed,
        source: Source::OcrText,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_declare_languages() {
        let lang = |s: &str| file_name_language(Path::new(s));
        assert_eq!(lang("x/A_69_720.ru.scan-clean.pdf"), Some(Lang::Ru));
        assert_eq!(lang("GA79_general_debate_IQ_ar.pdf"), Some(Lang::Ar));
        assert_eq!(lang("A_ES-10_273-ES.pdf"), Some(Lang::Es));
        assert_eq!(lang("A_RES_77_36-ZH.pdf"), Some(Lang::Zh));
        assert_eq!(lang("report-french.pdf"), Some(Lang::Fr));
        assert_eq!(lang("N1540291.pdf"), None);
        assert_eq!(lang("S_PV.492.pdf"), None);
        assert_eq!(lang("A_C.1_77_L.5.pdf"), None);
        assert_eq!(lang("A_RES_70_1_E.pdf"), None);
    }

    #[test]
    fn the_option_forces_and_auto_follows_the_evidence() {
        let none = DocumentHint::default();
        let forced = initial("fra+eng", "Генеральная Ассамблея", &none).unwrap();
        assert_eq!(
            (forced.models.as_str(), forced.source),
            ("fra+eng", Source::Option)
        );
        assert_eq!(initial(AUTO, "", &none), None);
        let named = DocumentHint {
            text: vec![],
            file_name: Some(Lang::Ru),
        };
        let c = initial(AUTO, "", &named).unwrap();
        assert_eq!((c.models.as_str(), c.source), ("rus+eng", Source::FileName));
        let text = DocumentHint {
            text: vec![Lang::Es],
            file_name: Some(Lang::Ru),
        };
        assert_eq!(initial(AUTO, "", &text).unwrap().models, "spa+eng");
        let page = initial(
            AUTO,
            "الجمعية العامة تقرر أن تدرج في جدول الأعمال المؤقت لدورتها",
            &text,
        );
        assert_eq!(page.unwrap().source, Source::PageText);
    }

    #[test]
    fn scripts_and_languages_map_to_models() {
        assert_eq!(for_script(Some("Cyrillic")).models, "rus+eng");
        assert_eq!(for_script(Some("Han")).models, "chi_sim+eng");
        assert_eq!(for_script(Some("Katakana")).models, "fra+eng");
        assert_eq!(for_script(None).models, "fra+eng");
        assert_eq!(models_for_languages(&[Lang::En, Lang::Fr]), "eng+fra");
        assert_eq!(models_for_languages(&[Lang::Fr, Lang::En]), "fra+eng");
        assert!(covers("fra+eng", "eng"));
        assert!(!covers("eng", "eng+fra"));
    }

    #[test]
    fn ocr_text_asks_for_the_models_it_needs() {
        let es = "El Consejo de Seguridad examinó el informe del Secretario General sobre la situación y los progresos realizados. ";
        let c = needed_by_text(&es.repeat(3), "fra+eng").unwrap();
        assert_eq!((c.models.as_str(), c.source), ("spa+eng", Source::OcrText));
        assert_eq!(needed_by_text(&es.repeat(3), "spa+eng"), None);
        assert_eq!(needed_by_text("x y", "eng"), None);
    }
}
