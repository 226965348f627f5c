//! Image preparation before OCR, for scans that Tesseract's own global threshold reads
//! badly: grey or uneven paper (scanner-lid shadows, yellowed copies), dark pages where
//! toner spread fills letters, faded pages with thin strokes. The chosen treatment
//! (measured in docs/decisions/0003-ocr-engine.md) normalises the background to white
//! and stretches the contrast, leaving binarisation to Tesseract. Leptonica — already
//! linked by Tesseract — does the pixel work.

use std::str::FromStr;

use leptonica_sys as lept;

use crate::extract::render::GrayImage;

/// The treatments that were measured; [`Preparation::DEFAULT`] is what `prepare` does.
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
    /// Background normalised, then Sauvola local binarisation.
    Sauvola,
}

impl Preparation {
    pub const DEFAULT: Preparation = Preparation::CleanBackground;
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
            _ => Err(format!("unknown preparation {s:?}")),
        }
    }
}

/// Prepares a page image for Tesseract with the default treatment.
pub fn prepare(image: GrayImage) -> GrayImage {
    apply(image, Preparation::DEFAULT)
}

/// Applies one treatment. If Leptonica fails (tiny or degenerate images), the image is
/// returned unchanged: preparation must never cost a page.
pub fn apply(image: GrayImage, how: Preparation) -> GrayImage {
    if how == Preparation::None || image.width < 64 || image.height < 64 {
        return image;
    }
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
            Preparation::Sauvola => {
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
                    0.34,
                    1,
                    1,
                    std::ptr::null_mut(),
                    &mut binary,
                );
                let binary = Pix(binary);
                if status != 0 || binary.0.is_null() {
                    return image;
                }
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
/// The resolution is the image's own (0 when unknown).
pub(crate) fn gray_from_pix(pix: &Pix) -> Option<GrayImage> {
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
        for how in ["none", "background", "clean", "contrast", "sauvola"] {
            let out = apply(img.clone(), how.parse().unwrap());
            assert_eq!((out.width, out.height), (img.width, img.height), "{how}");
        }
        let tiny = GrayImage::blank(3, 3, 300);
        assert_eq!(apply(tiny.clone(), Preparation::DEFAULT), tiny);
    }
}
