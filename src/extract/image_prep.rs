//! Image preparation before OCR, for scans that Tesseract's own global threshold reads
//! badly: grey or uneven paper (scanner-lid shadows, copies of copies) where toner spread
//! fills letters and whole lines are lost, faded pages with thin strokes.
//!
//! What `prepare` does (measured in docs/decisions/0003-ocr-engine.md): on grey paper
//! (median grey level under 235) the background is normalised to white and the page
//! binarised with Sauvola's local threshold (k = 0.34, which thins swollen strokes),
//! then deskewed (touching lines at 1° skew were lost whole); on white paper the image is
//! left alone and Tesseract binarises it: with its Sauvola method when the ink is faint
//! (keeps thin strokes), with its default Otsu when the ink is black. Leptonica — already linked by
//! Tesseract — does the pixel work.

use std::str::FromStr;

use leptonica_sys as lept;

use crate::extract::lib_messages;
use crate::extract::ocr::Binarization;
use crate::extract::render::GrayImage;

/// The treatments that were measured; [`prepare`] uses `Sauvola` on grey paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preparation {
    /// The rendered image as is.
    None,
    /// Background normalised to a uniform level (Leptonica `pixBackgroundNorm`).
    Background,
    /// Background normalised, then levels stretched so paper is white and ink black
    /// (Leptonica `pixCleanBackgroundToWhite`).
    CleanBackground,
    /// Local contrast normalisation (Leptonica `pixContrastNorm`).
    Contrast,
    /// Background normalised, then Sauvola local binarisation (k = 0.34).
    Sauvola,
    /// The same with a gentler k = 0.2, which keeps faint strokes.
    SauvolaSoft,
    /// `Sauvola`, then deskewed (Leptonica `pixFindSkewAndDeskew` on the binary page).
    SauvolaDeskew,
    /// The grey image deskewed, nothing else.
    Deskew,
}

impl FromStr for Preparation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(Preparation::None),
            "background" => Ok(Preparation::Background),
            "clean" => Ok(Preparation::CleanBackground),
            "contrast" => Ok(Preparation::Contrast),
            "sauvola" => Ok(Preparation::Sauvola),
            "sauvola-soft" => Ok(Preparation::SauvolaSoft),
            "sauvola-deskew" => Ok(Preparation::SauvolaDeskew),
            "deskew" => Ok(Preparation::Deskew),
            _ => Err(format!("unknown preparation {s:?}")),
        }
    }
}

/// Median grey level under which a page is on grey paper.
pub const GREY_PAPER_LEVEL: u8 = 235;

/// Grey level of the darkest 0.5 % of pixels at or above which the ink is faint: black
/// text on clean scans measured 0–45, faded copies 118–123.
pub const FAINT_INK_LEVEL: u8 = 96;

/// Prepares a page image for Tesseract; says how Tesseract should binarise the result.
/// Grey paper: normalised, binarised and deskewed here. White paper with faint ink:
/// Tesseract's Sauvola. White paper with black ink: Tesseract's Otsu (as good there, and
/// about 0.3 s per page cheaper).
pub fn prepare(image: GrayImage) -> (GrayImage, Binarization) {
    let levels = Levels::of(&image);
    if levels.quantile(0.5) < GREY_PAPER_LEVEL {
        (apply(image, Preparation::SauvolaDeskew), Binarization::Otsu)
    } else if levels.quantile(0.005) >= FAINT_INK_LEVEL {
        (image, Binarization::Sauvola)
    } else {
        (image, Binarization::Otsu)
    }
}

/// A histogram of grey levels on a sample of an image's pixels.
pub struct Levels {
    hist: [usize; 256],
    n: usize,
}

impl Levels {
    /// The histogram of `image`, on every 7th pixel.
    pub fn of(image: &GrayImage) -> Levels {
        let mut hist = [0usize; 256];
        let step = 7; // every 7th pixel is plenty and cheap
        let mut n = 0usize;
        for &p in image.pixels.iter().step_by(step) {
            hist[p as usize] += 1;
            n += 1;
        }
        Levels { hist, n }
    }

    /// The grey level under which a share `q` of the pixels lies (0.5: the median, the
    /// paper's level on any page that is mostly paper).
    pub fn quantile(&self, q: f64) -> u8 {
        let target = (self.n as f64 * q).ceil().max(1.0) as usize;
        let mut acc = 0usize;
        for (level, count) in self.hist.iter().enumerate() {
            acc += count;
            if acc >= target {
                return level as u8;
            }
        }
        255
    }
}

/// Applies one treatment. If Leptonica fails (tiny or degenerate images), the image is
/// returned unchanged: preparation must never cost a page.
pub fn apply(image: GrayImage, how: Preparation) -> GrayImage {
    if how == Preparation::None || image.width < 64 || image.height < 64 {
        return image;
    }
    lib_messages::install();
    let Some(pix) = pix_from_gray(&image) else {
        return image;
    };
    let dpi = if image.dpi > 0 { image.dpi } else { 300 };
    // Tiles of about 1/10 inch: larger than a stroke, smaller than a shadow's gradient.
    let tile = (dpi as i32 / 10).max(10);
    // SAFETY: every PIX pointer is checked for null and owned by a `Pix`.
    let out = unsafe {
        match how {
            Preparation::None => return image,
            Preparation::Deskew => deskew(pix),
            Preparation::Background => Pix(lept::pixBackgroundNorm(
                pix.0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                tile,
                tile,
                100,
                50,
                230,
                2,
                2,
            )),
            Preparation::CleanBackground => Pix(lept::pixCleanBackgroundToWhite(
                pix.0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                1.0,
                70,
                190,
            )),
            Preparation::Contrast => Pix(lept::pixContrastNorm(
                std::ptr::null_mut(),
                pix.0,
                tile,
                tile,
                40,
                2,
                2,
            )),
            Preparation::Sauvola | Preparation::SauvolaSoft | Preparation::SauvolaDeskew => {
                let k = if how == Preparation::SauvolaSoft {
                    0.2
                } else {
                    0.34
                };
                let norm = Pix(lept::pixBackgroundNormSimple(
                    pix.0,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                ));
                if norm.0.is_null() {
                    return image;
                }
                let mut binary: *mut lept::PIX = std::ptr::null_mut();
                let status = lept::pixSauvolaBinarizeTiled(
                    norm.0,
                    (dpi as i32 / 12).max(8),
                    k,
                    1,
                    1,
                    std::ptr::null_mut(),
                    &mut binary,
                );
                let binary = Pix(binary);
                if status != 0 || binary.0.is_null() {
                    return image;
                }
                let binary = if how == Preparation::SauvolaDeskew {
                    deskew(binary)
                } else {
                    binary
                };
                Pix(lept::pixConvert1To8(std::ptr::null_mut(), binary.0, 255, 0))
            }
        }
    };
    if out.0.is_null() {
        return image;
    }
    match gray_from_pix(&out) {
        Some(mut g) => {
            g.dpi = image.dpi;
            g
        }
        None => image,
    }
}

/// The page rotated so its text lines are horizontal (Leptonica finds the angle on a
/// reduced binary copy; below about 0.1° or when unsure it leaves the page alone).
fn deskew(pix: Pix) -> Pix {
    let mut angle = 0.0f32;
    let mut conf = 0.0f32;
    // SAFETY: pix is valid; the result is a new image, a clone, or null.
    let straight = Pix(unsafe { lept::pixFindSkewAndDeskew(pix.0, 2, &mut angle, &mut conf) });
    if straight.0.is_null() {
        pix
    } else {
        straight
    }
}

/// An owned Leptonica image, destroyed on drop.
pub(crate) struct Pix(pub(crate) *mut lept::PIX);

impl Drop for Pix {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: we own the pointer; pixDestroy nulls it.
            unsafe { lept::pixDestroy(&mut self.0) }
        }
    }
}

/// A Leptonica 8-bit image holding a copy of `image`.
pub(crate) fn pix_from_gray(image: &GrayImage) -> Option<Pix> {
    // SAFETY: the PIX is created here with the image's size; rows are written within
    // its `wpl` words.
    unsafe {
        let pix = Pix(lept::pixCreate(image.width as i32, image.height as i32, 8));
        if pix.0.is_null() {
            return None;
        }
        let wpl = lept::pixGetWpl(pix.0) as usize;
        let data =
            std::slice::from_raw_parts_mut(lept::pixGetData(pix.0), wpl * image.height as usize);
        for (y, row) in data.chunks_exact_mut(wpl).enumerate() {
            let src = image.row(y as u32);
            for (i, word) in row.iter_mut().enumerate() {
                let mut bytes = [255u8; 4];
                for (k, b) in bytes.iter_mut().enumerate() {
                    if let Some(&p) = src.get(i * 4 + k) {
                        *b = p;
                    }
                }
                // Leptonica packs 4 pixels per 32-bit word, first pixel in the high byte.
                *word = u32::from_be_bytes(bytes);
            }
        }
        if image.dpi > 0 {
            lept::pixSetResolution(pix.0, image.dpi as i32, image.dpi as i32);
        }
        Some(pix)
    }
}

/// Converts any Leptonica image (1/2/4/8/16/32 bpp, colour-mapped or not) to 8-bit grey.
/// The resolution is the image's own (0 when unknown). A colour image (32 bpp) is turned
/// grey as rendered PDF pages are, its coloured ink faded
/// ([`crate::extract::render::grey_dropping_colour`]).
pub(crate) fn gray_from_pix(pix: &Pix) -> Option<GrayImage> {
    if let Some(gray) = gray_from_rgb_pix(pix) {
        return Some(gray);
    }
    // SAFETY: pix is valid; pixConvertTo8 returns a new owned image or null.
    let gray = Pix(unsafe { lept::pixConvertTo8(pix.0, 0) });
    if gray.0.is_null() {
        return None;
    }
    unsafe {
        let width = lept::pixGetWidth(gray.0);
        let height = lept::pixGetHeight(gray.0);
        let wpl = lept::pixGetWpl(gray.0);
        let depth = lept::pixGetDepth(gray.0);
        let data = lept::pixGetData(gray.0);
        if width <= 0 || height <= 0 || depth != 8 || data.is_null() {
            return None;
        }
        let (w, h) = (width as usize, height as usize);
        let words = std::slice::from_raw_parts(data, wpl as usize * h);
        let mut pixels = Vec::with_capacity(w * h);
        for row in words.chunks_exact(wpl as usize) {
            pixels.extend(row.iter().flat_map(|word| word.to_be_bytes()).take(w));
        }
        let res = lept::pixGetXRes(pix.0);
        Some(GrayImage {
            width: width as u32,
            height: height as u32,
            dpi: res.max(0) as u32,
            pixels,
        })
    }
}

/// A 32-bpp (RGB) Leptonica image as grey, coloured ink faded; `None` for other depths.
fn gray_from_rgb_pix(pix: &Pix) -> Option<GrayImage> {
    // SAFETY: pix is valid; the data holds `wpl` words per row, one word per pixel at
    // 32 bpp (red in the high byte, then green and blue).
    unsafe {
        if lept::pixGetDepth(pix.0) != 32 {
            return None;
        }
        let width = lept::pixGetWidth(pix.0);
        let height = lept::pixGetHeight(pix.0);
        let wpl = lept::pixGetWpl(pix.0);
        let data = lept::pixGetData(pix.0);
        if width <= 0 || height <= 0 || wpl < width || data.is_null() {
            return None;
        }
        let (w, h) = (width as usize, height as usize);
        let words = std::slice::from_raw_parts(data, wpl as usize * h);
        let mut pixels = Vec::with_capacity(w * h);
        for row in words.chunks_exact(wpl as usize) {
            pixels.extend(row[..w].iter().map(|word| {
                let [r, g, b, _] = word.to_be_bytes();
                crate::extract::render::grey_dropping_colour(r, g, b)
            }));
        }
        Some(GrayImage {
            width: width as u32,
            height: height as u32,
            dpi: lept::pixGetXRes(pix.0).max(0) as u32,
            pixels,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of grey paper darkening to the left (a lid shadow) with black strokes.
    fn shadowed_page() -> GrayImage {
        let (w, h) = (600u32, 400u32);
        let mut img = GrayImage::blank(w, h, 300);
        for y in 0..h {
            for x in 0..w {
                let paper = 120 + (x * 90 / w) as u8; // 120 at the left edge, 210 right
                let ink = (y % 40 < 6) && (x % 50 < 30);
                img.pixels[(y * w + x) as usize] = if ink { 40 } else { paper };
            }
        }
        img
    }

    #[test]
    fn clean_background_whitens_paper_and_keeps_ink() {
        let img = shadowed_page();
        let out = apply(img.clone(), Preparation::CleanBackground);
        assert_eq!(
            (out.width, out.height, out.dpi),
            (img.width, img.height, img.dpi)
        );
        // Paper, left (shadow) and right, becomes near white; ink stays dark.
        assert!(out.get(5, 20) > 230, "left paper {}", out.get(5, 20));
        assert!(out.get(590, 20) > 230, "right paper {}", out.get(590, 20));
        assert!(out.get(10, 2) < 100, "ink {}", out.get(10, 2));
    }

    #[test]
    fn every_treatment_keeps_the_geometry() {
        let img = shadowed_page();
        for how in [
            "none",
            "background",
            "clean",
            "contrast",
            "sauvola",
            "sauvola-soft",
            "sauvola-deskew",
            "deskew",
        ] {
            let out = apply(img.clone(), how.parse().unwrap());
            assert_eq!((out.width, out.height), (img.width, img.height), "{how}");
        }
        let tiny = GrayImage::blank(3, 3, 300);
        assert_eq!(apply(tiny.clone(), Preparation::Sauvola), tiny);
    }

    #[test]
    fn grey_paper_is_binarised_white_paper_left_to_tesseract() {
        let (out, bin) = prepare(shadowed_page());
        assert_eq!(bin, Binarization::Otsu);
        assert!(out.pixels.iter().all(|&p| p == 0 || p == 255));
        assert!(out.get(5, 20) == 255 && out.get(590, 20) == 255);
        assert_eq!(out.get(10, 2), 0);

        // White paper, black ink: Tesseract's Otsu; faint grey ink: its Sauvola.
        let mut white = GrayImage::blank(600, 400, 300);
        for p in white.pixels.iter_mut().step_by(50) {
            *p = 10;
        }
        let (out, bin) = prepare(white.clone());
        assert_eq!(bin, Binarization::Otsu);
        assert_eq!(out, white);
        let faint = GrayImage {
            pixels: white.pixels.iter().map(|&p| p.max(130)).collect(),
            ..white
        };
        let (out, bin) = prepare(faint.clone());
        assert_eq!(bin, Binarization::Sauvola);
        assert_eq!(out, faint);
    }

    /// A colour image file is read as a rendered PDF page is: black stays, blue ink fades.
    #[test]
    fn colour_images_lose_their_coloured_ink() {
        // SAFETY: a new 3 × 1 32-bpp image, owned by `Pix`.
        let pix = Pix(unsafe { lept::pixCreate(3, 1, 32) });
        let colours = [(20, 20, 20), (100, 141, 207), (255, 255, 255)];
        for (x, (r, g, b)) in colours.into_iter().enumerate() {
            // SAFETY: x is inside the image.
            unsafe { lept::pixSetRGBPixel(pix.0, x as i32, 0, r, g, b) };
        }
        let gray = gray_from_pix(&pix).unwrap();
        assert_eq!((gray.width, gray.height), (3, 1));
        assert_eq!(gray.pixels, vec![20, 207, 255]);
    }
}
