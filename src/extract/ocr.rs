//! OCR of page images with Tesseract, called in-process through its C API
//! (`tesseract-plumbing` over Debian's libtesseract; see docs/decisions/0003-ocr-engine.md).
//!
//! One engine per worker thread, created on first use and reused for every page the
//! thread reads (initialisation costs 0.1–0.3 s); Tesseract's own OpenMP threading is
//! switched off by [`ensure_omp_thread_limit`] so that the pipeline's rayon workers are
//! the only parallelism. OCR delivers the same [`Page`] model as a text layer: words with
//! boxes grouped in lines, so the same layout cleaning applies.

use std::cell::RefCell;
use std::ffi::CString;
use std::path::{Path, PathBuf};

use tesseract_plumbing::TessBaseApi;

use crate::extract::ocr_lang::{self, Choice, Source};
use crate::extract::render::{self, GrayImage, RenderError};
use crate::extract::{
    decide, image_prep, latin_in_rtl, lib_messages, lost_lines, masthead_zone, osd,
};
use crate::model::OcrInfo;
use crate::model::{BBox, Line, Page, PageMethod, Word};

/// Default `--lang`: `auto`, the models chosen page by page ([`ocr_lang`]).
pub const DEFAULT_LANGUAGES: &str = ocr_lang::AUTO;
/// Mean confidence under which a first reading gets a second look: a rotated or
/// upside-down scan, or a page of another script than the models read.
pub const SECOND_LOOK_CONFIDENCE: f32 = 60.0;
/// Default rendering resolution for OCR.
pub const DEFAULT_DPI: u32 = 300;

/// How pages are OCRed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrOptions {
    /// Tesseract language string, e.g. `fra+eng`, `fra`, `eng+rus`, or `auto`
    /// ([`ocr_lang::AUTO`]): chosen page by page.
    pub languages: String,
    /// Resolution at which PDF pages are rendered.
    pub dpi: u32,
    /// Prepare the image before OCR ([`image_prep::prepare`]: grey paper is normalised,
    /// binarised locally and deskewed; on white paper Tesseract binarises faint ink with
    /// Sauvola, black ink with Otsu). When false, Tesseract reads the rendered image with
    /// its default global threshold.
    pub prepare: bool,
}

/// Tesseract's `thresholding_method`: how it turns the grey image into black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Binarization {
    /// One global Otsu threshold (Tesseract's default).
    #[default]
    Otsu,
    /// Leptonica's tiled adaptive Otsu.
    AdaptiveOtsu,
    /// Sauvola local thresholding: keeps faint strokes and uneven backgrounds.
    Sauvola,
}

impl Binarization {
    fn tesseract_value(self) -> &'static std::ffi::CStr {
        match self {
            Binarization::Otsu => c"0",
            Binarization::AdaptiveOtsu => c"1",
            Binarization::Sauvola => c"2",
        }
    }
}

impl std::str::FromStr for Binarization {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "otsu" => Ok(Binarization::Otsu),
            "adaptive-otsu" => Ok(Binarization::AdaptiveOtsu),
            "sauvola" => Ok(Binarization::Sauvola),
            _ => Err(format!("unknown binarization {s:?}")),
        }
    }
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            languages: DEFAULT_LANGUAGES.to_string(),
            dpi: DEFAULT_DPI,
            prepare: true,
        }
    }
}

/// Why OCR of a page failed.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// The page could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A `--ocr-lang` value that is not a list of language names.
    #[error("invalid language string {0:?} (expected names like fra, eng or fra+eng)")]
    BadLanguages(String),
    /// Tesseract has no data for a language asked for.
    #[error("Tesseract language data missing for {missing} (looked in {searched}); install tesseract-ocr-{missing} or set TESSDATA_PREFIX")]
    LanguageMissing {
        /// The languages without data.
        missing: String,
        /// Where the data was looked for.
        searched: String,
    },
    /// Tesseract could not start with these languages.
    #[error("Tesseract could not be initialised for {0}")]
    EngineInit(String),
    /// Tesseract failed on the image.
    #[error("Tesseract could not read the image: {0}")]
    Recognize(String),
    /// An image input could not be decoded.
    #[error("{path}: cannot read the image: {detail}")]
    Image {
        /// The image file.
        path: PathBuf,
        /// What the decoder said.
        detail: String,
    },
}

/// Re-executes the current program once with `OMP_THREAD_LIMIT=1` if the variable is not
/// set. Debian's libtesseract uses OpenMP, which reads the variable when the library is
/// loaded: setting it later in the process has no effect, and without it one page takes
/// ten times longer on a shared machine. Call it first thing in `main`; it returns only
/// if the variable was already set or the re-execution failed.
pub fn ensure_omp_thread_limit() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let args: Vec<_> = std::env::args_os().skip(1).collect();
        let err = std::process::Command::new(exe)
            .args(args)
            .env("OMP_THREAD_LIMIT", "1")
            .exec();
        eprintln!("warning: could not restart with OMP_THREAD_LIMIT=1 ({err}); OCR will be slow");
    }
}

/// Checks the language string's syntax and that every language's traineddata file is
/// installed, so that a wrong `--lang` fails once, clearly, before any page is read.
pub fn check_languages(languages: &str) -> Result<(), OcrError> {
    if languages == ocr_lang::AUTO {
        return Ok(());
    }
    let names = parse_languages(languages)?;
    let dirs = tessdata_dirs();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| {
            !dirs
                .iter()
                .any(|d| d.join(format!("{name}.traineddata")).is_file())
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // The library may know a directory we do not: let it try each missing language
    // alone (with `fra+zzz` it would load `fra`, warn, and succeed).
    let missing: Vec<&str> = missing
        .into_iter()
        .filter(|name| try_init(name).is_err())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(OcrError::LanguageMissing {
        missing: missing.join("+"),
        searched: dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Normalises a `--lang` value: `auto`, or Tesseract names joined with `+`, where the
/// UN languages may also be given by their codes or names (`ru` → `rus`, `zh` →
/// `chi_sim`, `fr+en` → `fra+eng`); other names are kept as they are.
pub fn normalize_languages(value: &str) -> String {
    if value.eq_ignore_ascii_case(ocr_lang::AUTO) {
        return ocr_lang::AUTO.to_string();
    }
    value
        .split('+')
        .map(|n| match n.parse::<crate::lang::Lang>() {
            Ok(l) => l.tesseract().to_string(),
            Err(_) => n.to_string(),
        })
        .collect::<Vec<_>>()
        .join("+")
}

/// The models `--lang auto` may choose (`config/ocr/models.tsv`) that are not
/// installed, for a warning before a run.
pub fn missing_auto_models() -> Vec<String> {
    let dirs = tessdata_dirs();
    let mut missing: Vec<String> = Vec::new();
    let all = crate::lang::Lang::ALL
        .iter()
        .flat_map(|&l| ocr_lang::models_for_language(l).split('+'))
        .chain(std::iter::once("osd"));
    for name in all {
        if !osd::installed_in(&dirs, name) && !missing.iter().any(|m| m == name) {
            missing.push(name.to_string());
        }
    }
    missing
}

/// Whether `name.traineddata` is installed where Tesseract looks.
pub fn model_installed(name: &str) -> bool {
    osd::installed_in(&tessdata_dirs(), name)
}

/// Splits `fra+eng` into names and checks each looks like a traineddata name.
fn parse_languages(languages: &str) -> Result<Vec<&str>, OcrError> {
    let names: Vec<&str> = languages.split('+').collect();
    let valid = |n: &str| {
        !n.is_empty()
            && !n.contains("..")
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/')
    };
    if names.iter().all(|n| valid(n)) {
        Ok(names)
    } else {
        Err(OcrError::BadLanguages(languages.to_string()))
    }
}

/// Where traineddata files are looked for: `TESSDATA_PREFIX` (with or without a
/// `tessdata` sub-folder), then the Debian and usual install locations.
fn tessdata_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(prefix) = std::env::var_os("TESSDATA_PREFIX") {
        let p = PathBuf::from(prefix);
        dirs.push(p.join("tessdata"));
        dirs.push(p);
    }
    for d in [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

/// A Tesseract engine initialised for one language string.
struct Engine {
    api: TessBaseApi,
    languages: String,
}

fn try_init(languages: &str) -> Result<Engine, OcrError> {
    parse_languages(languages)?;
    let lang = CString::new(languages).map_err(|_| OcrError::BadLanguages(languages.into()))?;
    lib_messages::install();
    let mut api = TessBaseApi::create();
    // Tesseract's diagnostics ("Failed loading language", "Detected N diacritics",
    // "Empty page!!") go nowhere, from before the engine starts.
    let _ = api.set_variable(c"debug_file", lib_messages::TESSERACT_DEBUG_FILE);
    api.init_2(None, Some(&lang))
        .map_err(|_| OcrError::EngineInit(languages.to_string()))?;
    let _ = api.set_variable(c"debug_file", lib_messages::TESSERACT_DEBUG_FILE);
    // The C API defaults to one uniform block of text; full page layout analysis (what
    // the `tesseract` command does) is what pages with headers, rules and footnotes need.
    api.set_page_seg_mode(tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_AUTO);
    Ok(Engine {
        api,
        languages: languages.to_string(),
    })
}

/// Engines a thread keeps: a page's models and the one its words may be read again
/// with ([`latin_in_rtl`]), without initialising either again for every page.
const ENGINES_KEPT: usize = 2;

thread_local! {
    /// This thread's engines, created on first use, the most recently used last.
    static ENGINES: RefCell<Vec<Engine>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's engine for `languages`, creating it the first time
/// (the least recently used of [`ENGINES_KEPT`] goes when another is needed).
fn with_engine<T>(
    languages: &str,
    f: impl FnOnce(&mut TessBaseApi) -> Result<T, OcrError>,
) -> Result<T, OcrError> {
    ENGINES.with(|cell| {
        let mut engines = cell.borrow_mut();
        let mut engine = match engines.iter().position(|e| e.languages == languages) {
            Some(i) => engines.remove(i),
            None => {
                if engines.len() >= ENGINES_KEPT {
                    engines.remove(0);
                }
                try_init(languages)?
            }
        };
        let result = f(&mut engine.api);
        // An engine that failed may be in an unknown state: it is not kept.
        if result.is_ok() {
            engines.push(engine);
        }
        result
    })
}

/// What Tesseract read on one image: words with boxes in pixels, grouped in lines.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrResult {
    /// The words read, grouped in lines, in reading order.
    pub lines: Vec<Line>,
    /// Tesseract's confidence in each word (0–100), line by line as `lines`.
    pub confidences: Vec<Vec<f32>>,
    /// Tesseract's mean word confidence, 0–100.
    pub confidence: f32,
}

/// OCRs a grey image. Boxes are in the image's pixels.
pub fn ocr_gray(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
) -> Result<OcrResult, OcrError> {
    ocr_gray_in_mode(
        image,
        languages,
        binarization,
        tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_AUTO,
    )
}

/// OCRs a grey image as sparse text (page segmentation mode 11: every run of text on
/// its own, no columns or paragraphs assumed), as the masthead zone is read.
pub fn ocr_gray_sparse(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
) -> Result<OcrResult, OcrError> {
    ocr_gray_in_mode(
        image,
        languages,
        binarization,
        tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_SPARSE_TEXT,
    )
}

/// OCRs a grey image holding one word (page segmentation mode 8), as the Latin
/// misreadings of right-to-left pages are read again (`extract::latin_in_rtl`).
pub fn ocr_gray_word(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
) -> Result<OcrResult, OcrError> {
    ocr_gray_in_mode(
        image,
        languages,
        binarization,
        tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_SINGLE_WORD,
    )
}

/// OCRs a grey image as one uniform block of text (page segmentation mode 6), as the
/// gaps where a line was lost are read (`extract::lost_lines`).
pub fn ocr_gray_block(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
) -> Result<OcrResult, OcrError> {
    ocr_gray_in_mode(
        image,
        languages,
        binarization,
        tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_SINGLE_BLOCK,
    )
}

fn ocr_gray_in_mode(
    image: &GrayImage,
    languages: &str,
    binarization: Binarization,
    mode: tesseract_plumbing::tesseract_sys::TessPageSegMode,
) -> Result<OcrResult, OcrError> {
    with_engine(languages, |api| {
        api.set_page_seg_mode(mode);
        api.set_variable(c"thresholding_method", binarization.tesseract_value())
            .map_err(|_| OcrError::Recognize("thresholding_method not accepted".into()))?;
        api.set_image(
            &image.pixels,
            image.width as i32,
            image.height as i32,
            1,
            image.width as i32,
        )
        .map_err(|e| OcrError::Recognize(e.to_string()))?;
        if image.dpi > 0 {
            api.set_source_resolution(image.dpi as i32);
        }
        // Leptonica's complaints during layout analysis ("box outside rectangle") say
        // nothing about the document: caught, and dropped.
        let (recognized, _) = lib_messages::capture(|| api.recognize());
        recognized.map_err(|_| OcrError::Recognize("recognition failed".into()))?;
        let tsv = api
            .get_tsv_text(0)
            .map_err(|_| OcrError::Recognize("no result".into()))?;
        let (lines, confidences) = lines_and_confidences(&tsv.as_ref().to_string_lossy());
        let confidence = if lines.is_empty() {
            0.0
        } else {
            api.mean_text_conf().max(0) as f32
        };
        Ok(OcrResult {
            lines,
            confidences,
            confidence,
        })
    })
}

/// Turns Tesseract's TSV output (level, page, block, par, line, word, left, top, width,
/// height, conf, text) into lines of words, in Tesseract's reading order.
pub fn lines_from_tsv(tsv: &str) -> Vec<Line> {
    lines_and_confidences(tsv).0
}

/// [`lines_from_tsv`] and the confidence of each word, line by line.
fn lines_and_confidences(tsv: &str) -> (Vec<Line>, Vec<Vec<f32>>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut confidences: Vec<Vec<f32>> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut current_conf: Vec<f32> = Vec::new();
    let mut current_key = None;
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = ocr_word_text(cols[11].trim());
        if text.is_empty() {
            continue;
        }
        let nums: Option<Vec<f32>> = cols[6..10].iter().map(|v| v.parse().ok()).collect();
        let Some(n) = nums else { continue };
        let key = (cols[2], cols[3], cols[4]);
        if current_key != Some(key) && !current.is_empty() {
            lines.push(Line::from_words(std::mem::take(&mut current)));
            confidences.push(std::mem::take(&mut current_conf));
        }
        current_key = Some(key);
        current_conf.push(cols[10].trim().parse().unwrap_or(0.0));
        current.push(Word {
            text,
            bbox: BBox {
                x0: n[0],
                y0: n[1],
                x1: n[0] + n[2],
                y1: n[1] + n[3],
            },
        });
    }
    if !current.is_empty() {
        lines.push(Line::from_words(current));
        confidences.push(current_conf);
    }
    (lines, confidences)
}

/// A word as Tesseract wrote it, cleaned of what the page does not show: the
/// directional marks (U+200E, U+200F and the embedding and isolate controls) its
/// right-to-left models put around Latin runs; and in a word of Arabic letters, the
/// Latin comma, semicolon and question mark its Arabic model writes for the Arabic ones
/// (`،`, `؛`, `؟`), which look the same on the page.
fn ocr_word_text(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    if out.chars().any(crate::lang::is_rtl_letter) {
        out = out
            .chars()
            .map(|c| match c {
                ',' => '\u{060C}',
                ';' => '\u{061B}',
                '?' => '\u{061F}',
                c => c,
            })
            .collect();
    }
    out
}

/// Mean confidence under which an OCRed page counts as unreadable.
pub const UNREADABLE_CONFIDENCE: f32 = 40.0;

/// Whether OCR could not read the page (no words, or Tesseract's mean confidence under
/// [`UNREADABLE_CONFIDENCE`]): the record gets a warning for it, the document stays ok.
/// A blank page is not unreadable.
pub fn is_unreadable(page: &Page) -> bool {
    !page.blank && page.lines.is_empty()
        || page
            .ocr
            .as_ref()
            .is_some_and(|o| o.confidence < UNREADABLE_CONFIDENCE)
}

/// Builds a page from an OCR result, scaling pixel boxes by `scale` (72/dpi gives
/// points, so OCR pages of a PDF share the unit of its text-layer pages).
pub fn page_from_ocr(
    number: u32,
    image: &GrayImage,
    result: OcrResult,
    scale: f32,
    languages: &str,
) -> Page {
    let lines = scale_lines(result.lines, scale);
    Page {
        number,
        width: image.width as f32 * scale,
        height: image.height as f32 * scale,
        lines,
        method: PageMethod::Ocr,
        ocr: Some(OcrInfo {
            languages: languages.to_string(),
            confidence: result.confidence,
            languages_from: Source::Option.as_str(),
            script: None,
            rotation: 0,
            masthead_zone: Vec::new(),
        }),
        blank: false,
    }
}

/// Lines with their pixel boxes scaled by `scale`.
fn scale_lines(lines: Vec<Line>, scale: f32) -> Vec<Line> {
    let scale_box = |b: BBox| BBox {
        x0: b.x0 * scale,
        y0: b.y0 * scale,
        x1: b.x1 * scale,
        y1: b.y1 * scale,
    };
    lines
        .into_iter()
        .map(|line| {
            let words = line
                .words
                .into_iter()
                .map(|w| Word {
                    text: w.text,
                    bbox: scale_box(w.bbox),
                })
                .collect();
            Line::from_words(words)
        })
        .collect()
}

/// How a page image was read: the image as read (turned upright if it was turned), the
/// models and why, and what orientation and script detection saw.
struct Reading {
    image: GrayImage,
    result: OcrResult,
    choice: Choice,
    script: Option<String>,
    rotation: u32,
}

impl Reading {
    fn into_page(self, number: u32, scale: f32) -> Page {
        let mut page = page_from_ocr(number, &self.image, self.result, scale, &self.choice.models);
        if let Some(info) = page.ocr.as_mut() {
            info.languages_from = self.choice.source.as_str();
            info.script = self.script;
            info.rotation = self.rotation;
        }
        page
    }
}

/// Whether OSD's orientation is sure enough to turn the page.
fn turns(o: &osd::Osd) -> bool {
    o.rotation != 0 && o.orientation_confidence >= osd::MIN_ROTATION_CONFIDENCE
}

fn text_of(result: &OcrResult) -> String {
    let mut text = String::new();
    for line in &result.lines {
        text.push_str(&line.text());
        text.push('\n');
    }
    text
}

/// Reads a prepared page image. `first` is the choice made before OCR; without one
/// (`auto` and nothing says the language) OSD's script decides, and a page OSD finds
/// turned is turned upright first. A reading under [`SECOND_LOOK_CONFIDENCE`] is
/// checked for a turned scan and (under `auto`) for another script; under `auto` a
/// reading whose text needs other models is read again with them. The reading with
/// the better confidence is kept.
fn read_image(
    image: GrayImage,
    binarization: Binarization,
    first: Option<Choice>,
    auto: bool,
) -> Result<Reading, OcrError> {
    let (choice, first_osd) = match first {
        Some(c) => (c, None),
        None => {
            let o = osd::detect(&image);
            (
                ocr_lang::for_script(o.as_ref().map(|o| o.script.as_str())),
                o,
            )
        }
    };
    let (image, rotation) = match first_osd.as_ref().filter(|o| turns(o)) {
        Some(o) => (osd::rotate(image, o.rotation), o.rotation),
        None => (image, 0),
    };
    let result = ocr_gray(&image, &choice.models, binarization)?;
    let mut best = Reading {
        image,
        result,
        choice,
        script: first_osd.as_ref().map(|o| o.script.clone()),
        rotation,
    };
    if best.result.confidence < SECOND_LOOK_CONFIDENCE && first_osd.is_none() {
        if let Some(o) = osd::detect(&best.image) {
            best.script = Some(o.script.clone());
            if turns(&o) {
                let turned = osd::rotate(best.image.clone(), o.rotation);
                let r = ocr_gray(&turned, &best.choice.models, binarization)?;
                if r.confidence > best.result.confidence {
                    (best.image, best.result, best.rotation) = (turned, r, o.rotation);
                }
            }
            let by_script = ocr_lang::for_script(Some(&o.script));
            if auto
                && o.script != "Latin"
                && !ocr_lang::covers(&best.choice.models, &by_script.models)
            {
                let r = ocr_gray(&best.image, &by_script.models, binarization)?;
                if r.confidence > best.result.confidence {
                    (best.result, best.choice) = (r, by_script);
                }
            }
        }
    }
    if auto {
        if let Some(c) = ocr_lang::needed_by_text(&text_of(&best.result), &best.choice.models) {
            let r = ocr_gray(&best.image, &c.models, binarization)?;
            // The text named the language: a near-equal confidence is enough.
            if r.confidence + 5.0 >= best.result.confidence {
                (best.result, best.choice) = (r, c);
            }
        }
    }
    Ok(best)
}

/// OCRs an image already in memory as page `number`: prepares it if asked, reads it,
/// and returns the page with boxes scaled by `scale`. An image without ink is not read:
/// the page comes back blank.
pub fn ocr_image(
    number: u32,
    image: GrayImage,
    scale: f32,
    opts: &OcrOptions,
) -> Result<Page, OcrError> {
    ocr_image_as(number, image, scale, opts, None)
}

/// [`ocr_image`] with the models chosen before OCR (`first`, see
/// [`ocr_lang::initial`]); without a choice, `--lang` decides, and under `auto` the
/// page image's script.
pub fn ocr_image_as(
    number: u32,
    image: GrayImage,
    scale: f32,
    opts: &OcrOptions,
    first: Option<Choice>,
) -> Result<Page, OcrError> {
    if decide::is_white(&image) {
        return Ok(blank_page(number, &image, scale));
    }
    let (image, binarization) = if opts.prepare {
        image_prep::prepare(image)
    } else {
        (image, Binarization::Otsu)
    };
    let auto = opts.languages == ocr_lang::AUTO;
    let first = first.or_else(|| {
        (!auto).then(|| Choice {
            models: opts.languages.clone(),
            source: Source::Option,
        })
    });
    let mut reading = read_image(image, binarization, first, auto)?;
    if let Some(model) = latin_in_rtl::rtl_model(&reading.choice.models) {
        let model = model.to_string();
        let models = reading.choice.models.clone();
        // Failures there leave the page as first read.
        let _ = lost_lines::reread(&reading.image, &mut reading.result, &models, binarization);
        // A failure there leaves the page as first read.
        let _ = latin_in_rtl::reread(&reading.image, &mut reading.result, &model, binarization);
    }
    // The first page's masthead is read a second time (`masthead_zone`), with the
    // models the page was read with; a failure there costs the metadata a cross-check,
    // not the page.
    let zone = if number == 1 {
        masthead_zone::read(&reading.image, &reading.choice.models, binarization)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut page = reading.into_page(number, scale);
    if let Some(info) = page.ocr.as_mut() {
        info.masthead_zone = scale_lines(zone, scale);
    }
    Ok(page)
}

/// A page whose image carries no ink: no lines, flagged blank.
fn blank_page(number: u32, image: &GrayImage, scale: f32) -> Page {
    Page {
        number,
        width: image.width as f32 * scale,
        height: image.height as f32 * scale,
        lines: Vec::new(),
        method: PageMethod::Ocr,
        ocr: None,
        blank: true,
    }
}

/// Renders page `page_number` (1-based) of a PDF and OCRs it (coloured ink faded:
/// [`render::render_page_for_ocr`]). Boxes, width and height are in PDF points, like the
/// text layer's. The page image is dropped on return.
pub fn ocr_pdf_page(pdf: &Path, page_number: u32, opts: &OcrOptions) -> Result<Page, OcrError> {
    ocr_pdf_page_as(pdf, page_number, opts, None)
}

/// [`ocr_pdf_page`] with the models chosen before OCR (see [`ocr_image_as`]).
pub fn ocr_pdf_page_as(
    pdf: &Path,
    page_number: u32,
    opts: &OcrOptions,
    first: Option<Choice>,
) -> Result<Page, OcrError> {
    let image = render::render_page_for_ocr(pdf, page_number, opts.dpi)?;
    let scale = 72.0 / opts.dpi as f32;
    ocr_image_as(page_number, image, scale, opts, first)
}

/// OCRs an image file (PNG, JPEG, TIFF — every frame of a multi-page TIFF, one at a
/// time). Boxes are in the image's pixels. For parallel work over a long TIFF, use
/// [`crate::extract::image_input::frame_count`] and [`ocr_image_frame`].
pub fn ocr_image_file(path: &Path, opts: &OcrOptions) -> Result<Vec<Page>, OcrError> {
    let frames = crate::extract::image_input::frame_count(path)?;
    (0..frames)
        .map(|i| ocr_image_frame(path, i, opts).map(|(page, _)| page))
        .collect()
}

/// OCRs frame `index` (0-based) of an image file as page `index + 1`, with what the
/// image decoder said about a damaged file it could still read
/// ([`crate::extract::image_input::load_frame_noting`]).
pub fn ocr_image_frame(
    path: &Path,
    index: u32,
    opts: &OcrOptions,
) -> Result<(Page, Option<String>), OcrError> {
    let (image, note) = crate::extract::image_input::load_frame_noting(path, index)?;
    let first = ocr_lang::initial(&opts.languages, "", &ocr_lang::DocumentHint::new(path, ""));
    Ok((ocr_image_as(index + 1, image, 1.0, opts, first)?, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_words_lose_directional_marks_and_get_arabic_punctuation() {
        assert_eq!(ocr_word_text("\u{200F}A/69/720"), "A/69/720");
        assert_eq!(ocr_word_text("بالتقرير,"), "بالتقرير\u{060C}");
        assert_eq!(ocr_word_text("الإعلام;"), "الإعلام\u{061B}");
        assert_eq!(ocr_word_text("لماذا?"), "لماذا\u{061F}");
        // Latin words keep their punctuation; digits and symbols are left alone.
        assert_eq!(ocr_word_text("countries,"), "countries,");
        assert_eq!(ocr_word_text("2014,"), "2014,");
        assert_eq!(ocr_word_text("\u{200E}"), "");
    }

    #[test]
    fn tsv_rows_become_lines_of_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n\
5\t1\t1\t1\t1\t1\t100\t200\t120\t40\t96.5\tNations\n\
5\t1\t1\t1\t1\t2\t240\t202\t160\t38\t95.1\tUnies\n\
5\t1\t1\t1\t2\t1\t100\t260\t50\t40\t91.0\tLa\n\
5\t1\t1\t1\t2\t2\t160\t260\t50\t40\t-1\t \n";
        let lines = lines_from_tsv(tsv);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Nations Unies");
        assert_eq!(lines[1].text(), "La");
        let b = lines[0].bbox.unwrap();
        assert_eq!((b.x0, b.y0, b.x1, b.y1), (100.0, 200.0, 400.0, 240.0));
    }

    #[test]
    fn lang_values_are_normalised() {
        assert_eq!(normalize_languages("fra+eng"), "fra+eng");
        assert_eq!(normalize_languages("ru"), "rus");
        assert_eq!(normalize_languages("zh+en"), "chi_sim+eng");
        assert_eq!(normalize_languages("Auto"), "auto");
        assert_eq!(normalize_languages("deu+fra"), "deu+fra");
        assert!(check_languages("auto").is_ok());
    }

    #[test]
    fn language_strings_are_checked() {
        assert!(parse_languages("fra+eng").is_ok());
        assert!(parse_languages("chi_sim").is_ok());
        assert!(parse_languages("").is_err());
        assert!(parse_languages("fra+").is_err());
        assert!(parse_languages("../etc").is_err());
        assert!(matches!(
            check_languages("xx_nonexistent"),
            Err(OcrError::LanguageMissing { .. })
        ));
    }
}
