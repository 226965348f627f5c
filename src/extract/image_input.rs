//! Image files as inputs: PNG, JPEG, TIFF (every frame of a multi-page TIFF, whatever its
//! compression, CCITT G4 included), read with Leptonica — the library Tesseract already
//! links — and turned into the 8-bit grey images the OCR stage reads. Frames are read one
//! at a time by index, so a 1,000-page TIFF never has more than the frames being OCRed
//! in memory.

use std::ffi::CString;
use std::path::Path;

use leptonica_sys as lept;

use crate::extract::image_prep::{gray_from_pix, pix_from_gray, Pix};
use crate::extract::lib_messages;
use crate::extract::ocr::OcrError;
use crate::extract::render::GrayImage;

/// Resolution assumed when an image file does not say (Tesseract is then told nothing).
const UNKNOWN_DPI: u32 = 0;

/// The image file formats undoc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// TIFF, one page per frame.
    Tiff,
}

impl ImageFormat {
    /// The format announced by a file's first bytes (not its name).
    pub fn sniff(head: &[u8]) -> Option<ImageFormat> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Some(ImageFormat::Tiff)
        } else {
            None
        }
    }

    /// The format of a file, from its first bytes.
    pub fn of_file(path: &Path) -> Result<Option<ImageFormat>, OcrError> {
        use std::io::Read;
        let mut head = [0u8; 8];
        let mut f = std::fs::File::open(path).map_err(|e| image_error(path, e.to_string()))?;
        let n = f
            .read(&mut head)
            .map_err(|e| image_error(path, e.to_string()))?;
        Ok(ImageFormat::sniff(&head[..n]))
    }
}

fn image_error(path: &Path, detail: impl Into<String>) -> OcrError {
    OcrError::Image {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

fn c_path(path: &Path) -> Result<CString, OcrError> {
    use std::os::unix::ffi::OsStrExt;
    CString::new(path.as_os_str().as_bytes()).map_err(|_| image_error(path, "NUL in file name"))
}

/// Number of frames (pages) of an image file: the TIFF directory count, 1 otherwise.
pub fn frame_count(path: &Path) -> Result<u32, OcrError> {
    lib_messages::install();
    match ImageFormat::of_file(path)? {
        Some(ImageFormat::Tiff) => {
            let cpath = c_path(path)?;
            // SAFETY: the stream is opened and closed here; tiffGetCount only reads it.
            unsafe {
                let fp = lept::fopenReadStream(cpath.as_ptr());
                if fp.is_null() {
                    return Err(image_error(path, "cannot open"));
                }
                let mut n: i32 = 0;
                let status = lept::tiffGetCount(fp, &mut n);
                libc::fclose(fp as *mut libc::FILE);
                if status != 0 || n < 1 {
                    return Err(image_error(path, "not a readable TIFF"));
                }
                Ok(n as u32)
            }
        }
        Some(_) => Ok(1),
        None => Err(image_error(path, "not a PNG, JPEG or TIFF image")),
    }
}

/// Reads frame `index` (0-based) of an image file as an 8-bit grey image.
pub fn load_frame(path: &Path, index: u32) -> Result<GrayImage, OcrError> {
    load_frame_noting(path, index).map(|(image, _)| image)
}

/// As [`load_frame`], with what the image decoder said about a frame it could still
/// read, in words (`the file is damaged (libpng warning: tEXt: CRC error)`), when it
/// says the file is damaged or cut short.
pub fn load_frame_noting(path: &Path, index: u32) -> Result<(GrayImage, Option<String>), OcrError> {
    lib_messages::install();
    let format = ImageFormat::of_file(path)?
        .ok_or_else(|| image_error(path, "not a PNG, JPEG or TIFF image"))?;
    let cpath = c_path(path)?;
    // SAFETY: Leptonica returns an owned PIX or null; ownership goes to `Pix`.
    let (pix, messages) = lib_messages::capture(|| {
        Pix(unsafe {
            match format {
                ImageFormat::Tiff => lept::pixReadTiff(cpath.as_ptr(), index as i32),
                _ if index == 0 => lept::pixRead(cpath.as_ptr()),
                _ => std::ptr::null_mut(),
            }
        })
    });
    if pix.0.is_null() {
        let why = lib_messages::plain_reason(&messages)
            .map(|reason| format!(": {reason}"))
            .unwrap_or_default();
        return Err(image_error(
            path,
            format!("cannot decode frame {} ({format:?}){why}", index + 1),
        ));
    }
    let note = lib_messages::plain_reason(&messages)
        .map(|reason| format!("{reason} ({})", messages.join("; ")));
    gray_from_pix(&pix)
        .map(|mut g| {
            if g.dpi == 0 {
                g.dpi = UNKNOWN_DPI;
            }
            (g, note)
        })
        .ok_or_else(|| image_error(path, "unsupported pixel format"))
}

/// Writes a grey image as PNG, or as TIFF (LZW) appended to `path` when `append` is true
/// (which makes multi-page TIFFs). For tests and for inspecting prepared images.
pub fn save_gray(
    image: &GrayImage,
    path: &Path,
    format: ImageFormat,
    append: bool,
) -> Result<(), OcrError> {
    lib_messages::install();
    let cpath = c_path(path)?;
    unsafe {
        let pix = pix_from_gray(image).ok_or_else(|| image_error(path, "cannot allocate image"))?;
        let status = match format {
            ImageFormat::Tiff => {
                let mode = if append { c"a" } else { c"w" };
                lept::pixWriteTiff(
                    cpath.as_ptr(),
                    pix.0,
                    lept::IFF_TIFF_LZW as i32,
                    mode.as_ptr(),
                )
            }
            ImageFormat::Png => lept::pixWrite(cpath.as_ptr(), pix.0, lept::IFF_PNG as i32),
            ImageFormat::Jpeg => lept::pixWrite(cpath.as_ptr(), pix.0, lept::IFF_JFIF_JPEG as i32),
        };
        if status != 0 {
            return Err(image_error(path, "cannot write image"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n"),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(
            ImageFormat::sniff(b"II*\0\x08\0\0\0"),
            Some(ImageFormat::Tiff)
        );
        assert_eq!(ImageFormat::sniff(b"MM\0*"), Some(ImageFormat::Tiff));
        assert_eq!(ImageFormat::sniff(b"%PDF-1.7"), None);
    }

    #[test]
    fn png_and_multipage_tiff_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = GrayImage::blank(13, 7, 300);
        a.pixels[3] = 0;
        a.pixels[13 * 6 + 12] = 77;
        let mut b = GrayImage::blank(5, 9, 200);
        b.pixels[0] = 10;

        let png = dir.path().join("a.png");
        save_gray(&a, &png, ImageFormat::Png, false).unwrap();
        assert_eq!(frame_count(&png).unwrap(), 1);
        assert_eq!(load_frame(&png, 0).unwrap().pixels, a.pixels);
        assert!(load_frame(&png, 1).is_err());

        let tif = dir.path().join("ab.tif");
        save_gray(&a, &tif, ImageFormat::Tiff, false).unwrap();
        save_gray(&b, &tif, ImageFormat::Tiff, true).unwrap();
        assert_eq!(frame_count(&tif).unwrap(), 2);
        let a2 = load_frame(&tif, 0).unwrap();
        let b2 = load_frame(&tif, 1).unwrap();
        assert_eq!((a2.width, a2.height, a2.dpi), (13, 7, 300));
        assert_eq!(a2.pixels, a.pixels);
        assert_eq!((b2.width, b2.height, b2.dpi), (5, 9, 200));
        assert_eq!(b2.pixels, b.pixels);
        assert!(load_frame(&tif, 2).is_err());
    }

    #[test]
    fn rejects_non_images() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.png");
        std::fs::write(&p, b"not an image at all").unwrap();
        assert!(frame_count(&p).is_err());
        assert!(load_frame(&p, 0).is_err());
    }
}
