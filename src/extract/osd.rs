//! Orientation and script detection (Tesseract's OSD, `osd.traineddata`) of a page
//! image, and turning an image upright. `--lang auto` uses the script to choose the
//! models of an image-only page ([`super::ocr_lang`]); every OCRed page whose first
//! reading looks wrong is checked for a rotated or upside-down scan.
//!
//! tesseract-plumbing does not wrap `DetectOrientationScript`, so this module calls the
//! C API (re-exported by it) on its own engine, one per worker thread, kept for reuse.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::path::Path;

use tesseract_plumbing::tesseract_sys as sys;

use crate::extract::lib_messages;
use crate::extract::render::GrayImage;

/// What OSD sees on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Osd {
    /// Degrees (0, 90, 180, 270) to turn the image clockwise so that its text stands
    /// upright.
    pub rotation: u32,
    /// Tesseract's confidence in the orientation (how far the best beats the others).
    pub orientation_confidence: f32,
    /// The script Tesseract sees (`Latin`, `Cyrillic`, `Arabic`, `Han`, …).
    pub script: String,
    /// Tesseract's confidence in the script.
    pub script_confidence: f32,
}

/// Orientation confidence under which a page is not turned: OSD on a page of a few
/// words, a table or a drawing can name any orientation with a low margin (Tesseract's
/// own `min_orientation_margin` is 7).
pub const MIN_ROTATION_CONFIDENCE: f32 = 7.0;

/// Whether `osd.traineddata` is installed where Tesseract looks.
pub fn available() -> bool {
    super::ocr::model_installed("osd")
}

/// A Tesseract engine initialised with the OSD model.
struct OsdEngine(*mut sys::TessBaseAPI);

impl Drop for OsdEngine {
    fn drop(&mut self) {
        // SAFETY: the handle was created by TessBaseAPICreate and is deleted once.
        unsafe { sys::TessBaseAPIDelete(self.0) }
    }
}

impl OsdEngine {
    fn new() -> Option<OsdEngine> {
        lib_messages::install();
        // SAFETY: plain C API calls on a handle this function owns; the strings are
        // NUL-terminated literals.
        unsafe {
            let api = sys::TessBaseAPICreate();
            if api.is_null() {
                return None;
            }
            let engine = OsdEngine(api);
            sys::TessBaseAPISetVariable(
                api,
                c"debug_file".as_ptr(),
                lib_messages::TESSERACT_DEBUG_FILE.as_ptr(),
            );
            if sys::TessBaseAPIInit3(api, std::ptr::null(), c"osd".as_ptr()) != 0 {
                return None;
            }
            sys::TessBaseAPISetVariable(
                api,
                c"debug_file".as_ptr(),
                lib_messages::TESSERACT_DEBUG_FILE.as_ptr(),
            );
            sys::TessBaseAPISetPageSegMode(api, sys::TessPageSegMode_PSM_OSD_ONLY);
            Some(engine)
        }
    }

    fn detect(&mut self, image: &GrayImage) -> Option<Osd> {
        let (mut deg, mut oconf, mut sconf) = (0i32, 0f32, 0f32);
        let mut script: *const c_char = std::ptr::null();
        // SAFETY: the pixels outlive the calls (Tesseract copies them in SetImage); the
        // out-pointers point to locals; the script name is a static string of the model.
        let found = unsafe {
            sys::TessBaseAPISetImage(
                self.0,
                image.pixels.as_ptr(),
                image.width as i32,
                image.height as i32,
                1,
                image.width as i32,
            );
            if image.dpi > 0 {
                sys::TessBaseAPISetSourceResolution(self.0, image.dpi as i32);
            }
            let (found, _) = lib_messages::capture(|| {
                sys::TessBaseAPIDetectOrientationScript(
                    self.0,
                    &mut deg,
                    &mut oconf,
                    &mut script,
                    &mut sconf,
                )
            });
            sys::TessBaseAPIClear(self.0);
            found
        };
        if found == 0 || script.is_null() {
            return None;
        }
        // SAFETY: non-null, NUL-terminated, owned by the engine's unicharset.
        let script = unsafe { CStr::from_ptr(script) }
            .to_string_lossy()
            .into_owned();
        Some(Osd {
            rotation: rotation_from_orientation(deg),
            orientation_confidence: oconf,
            script,
            script_confidence: sconf,
        })
    }
}

/// Tesseract reports how far the page was turned clockwise (a page turned a quarter
/// turn counter-clockwise is "270"); turning it back is the rest of the full turn.
fn rotation_from_orientation(degrees: i32) -> u32 {
    let quarter = (degrees.rem_euclid(360) as u32 + 45) / 90 % 4;
    (4 - quarter) % 4 * 90
}

thread_local! {
    static OSD: RefCell<Option<OsdEngine>> = const { RefCell::new(None) };
}

/// Runs OSD on a grey page image with this thread's engine (created on first use).
/// `None` when OSD is not installed or finds too little text to judge.
pub fn detect(image: &GrayImage) -> Option<Osd> {
    OSD.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(OsdEngine::new()?);
        }
        slot.as_mut()?.detect(image)
    })
}

/// Turns an image clockwise by 0, 90, 180 or 270 degrees.
pub fn rotate(image: GrayImage, degrees: u32) -> GrayImage {
    let (w, h) = (image.width as usize, image.height as usize);
    let src = &image.pixels;
    let (nw, nh, pixels) = match degrees % 360 {
        90 => {
            let mut out = vec![0u8; w * h];
            for y in 0..h {
                for x in 0..w {
                    // (x, y) goes to (h-1-y, x) in an image h wide.
                    out[x * h + (h - 1 - y)] = src[y * w + x];
                }
            }
            (h, w, out)
        }
        180 => (w, h, src.iter().rev().copied().collect()),
        270 => {
            let mut out = vec![0u8; w * h];
            for y in 0..h {
                for x in 0..w {
                    // (x, y) goes to (y, w-1-x) in an image h wide.
                    out[(w - 1 - x) * h + y] = src[y * w + x];
                }
            }
            (h, w, out)
        }
        _ => return image,
    };
    GrayImage {
        width: nw as u32,
        height: nh as u32,
        pixels,
        ..image
    }
}

/// Whether a traineddata file for `name` is in one of `dirs`.
pub(crate) fn installed_in(dirs: &[std::path::PathBuf], name: &str) -> bool {
    dirs.iter()
        .any(|d| Path::new(d).join(format!("{name}.traineddata")).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32, pixels: Vec<u8>) -> GrayImage {
        GrayImage {
            width,
            height,
            pixels,
            dpi: 300,
        }
    }

    #[test]
    fn rotations_move_pixels_clockwise() {
        // 3 wide, 2 high:  a b c / d e f
        let img = image(3, 2, vec![1, 2, 3, 4, 5, 6]);
        let r90 = rotate(img.clone(), 90);
        assert_eq!((r90.width, r90.height), (2, 3));
        assert_eq!(r90.pixels, vec![4, 1, 5, 2, 6, 3]);
        let r180 = rotate(img.clone(), 180);
        assert_eq!(r180.pixels, vec![6, 5, 4, 3, 2, 1]);
        let r270 = rotate(img.clone(), 270);
        assert_eq!((r270.width, r270.height), (2, 3));
        assert_eq!(r270.pixels, vec![3, 6, 2, 5, 1, 4]);
        assert_eq!(rotate(rotate(img.clone(), 90), 270), img);
        assert_eq!(rotate(img.clone(), 0), img);
    }

    #[test]
    fn orientation_becomes_a_clockwise_turn() {
        assert_eq!(rotation_from_orientation(0), 0);
        assert_eq!(rotation_from_orientation(90), 270);
        assert_eq!(rotation_from_orientation(180), 180);
        assert_eq!(rotation_from_orientation(270), 90);
        assert_eq!(rotation_from_orientation(-90), 90);
    }
}
