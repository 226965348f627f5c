//! Rendering PDF pages to grey images with poppler's `pdftoppm` (run as a child process,
//! PGM piped on stdout and parsed here; for OCR a colour PPM whose coloured ink is faded,
//! [`render_page_for_ocr`]), for the OCR of a page and the blank-page check. One page is
//! rendered at a time so memory stays bounded, and each `pdftoppm` run is bounded by
//! [`RENDER_LIMITS`] (time and memory), so a page poppler cannot finish fails alone
//! instead of hanging its document. The page count and the images each page
//! draws ([`PageImage`]) come from the text-layer helper (`extract::textlayer`), in the
//! same pass as the words.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use crate::subprocess::{output_within, Limits, RunError};

/// The limits of one `pdftoppm` run (one page): the slowest page of `../shared/real` (a
/// colour scan) rendered at 300 dpi in 4.7 s on the 2-core machine under a load of 13,
/// so a minute means poppler hangs;
/// 4 GiB of address space holds an A3 page at 600 dpi in colour several times over.
pub const RENDER_LIMITS: Limits = Limits {
    timeout: Duration::from_secs(60),
    memory_bytes: 4 << 30,
};

/// An 8-bit grey image, one byte per pixel, rows packed (`stride == width`).
#[derive(Clone, PartialEq, Eq)]
pub struct GrayImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution in pixels per inch (what Tesseract is told).
    pub dpi: u32,
    /// The pixels, row after row (0 black, 255 white).
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for GrayImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "GrayImage({}x{} @ {} dpi)",
            self.width, self.height, self.dpi
        )
    }
}

impl GrayImage {
    /// A white image.
    pub fn blank(width: u32, height: u32, dpi: u32) -> GrayImage {
        GrayImage {
            width,
            height,
            dpi,
            pixels: vec![255; width as usize * height as usize],
        }
    }

    /// The pixel at column `x`, row `y`.
    pub fn get(&self, x: u32, y: u32) -> u8 {
        self.pixels[y as usize * self.width as usize + x as usize]
    }

    /// One row of pixels.
    pub fn row(&self, y: u32) -> &[u8] {
        let w = self.width as usize;
        &self.pixels[y as usize * w..(y as usize + 1) * w]
    }

    /// The image shrunk `factor` times each way, each pixel the mean of the block it
    /// covers (blocks cut by the right and bottom edges are averaged over what they hold).
    pub fn shrink(&self, factor: u32) -> GrayImage {
        let factor = factor.max(1);
        if factor == 1 {
            return self.clone();
        }
        let (w, h) = (self.width.div_ceil(factor), self.height.div_ceil(factor));
        let mut sums = vec![0u32; w as usize * h as usize];
        let mut counts = vec![0u32; w as usize * h as usize];
        for y in 0..self.height {
            let out_row = (y / factor) as usize * w as usize;
            for (x, &p) in self.row(y).iter().enumerate() {
                let i = out_row + x / factor as usize;
                sums[i] += u32::from(p);
                counts[i] += 1;
            }
        }
        GrayImage {
            width: w,
            height: h,
            dpi: self.dpi / factor,
            pixels: sums
                .iter()
                .zip(&counts)
                .map(|(&s, &c)| (s / c.max(1)) as u8)
                .collect(),
        }
    }

    /// Columns `x0..x1` and rows `y0..y1` of the image (clipped to it) on a white margin
    /// of `margin` pixels all round, for reading one region again; `None` when the
    /// region holds no pixel of the image.
    pub fn cut_out(&self, x0: u32, y0: u32, x1: u32, y1: u32, margin: u32) -> Option<GrayImage> {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        if x1 <= x0 || y1 <= y0 {
            return None;
        }
        let (w, h) = (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin);
        let mut pixels = vec![255u8; (w * h) as usize];
        for y in y0..y1 {
            let from = (y * self.width + x0) as usize;
            let to = ((y - y0 + margin) * w + margin) as usize;
            pixels[to..to + (x1 - x0) as usize]
                .copy_from_slice(&self.pixels[from..from + (x1 - x0) as usize]);
        }
        Some(GrayImage {
            width: w,
            height: h,
            dpi: self.dpi,
            pixels,
        })
    }

    /// How many pixels have each grey level.
    pub fn histogram(&self) -> [u32; 256] {
        let mut counts = [0u32; 256];
        for &p in &self.pixels {
            counts[p as usize] += 1;
        }
        counts
    }

    /// Share of pixels darker than `threshold` (0–255).
    pub fn dark_share(&self, threshold: u8) -> f32 {
        if self.pixels.is_empty() {
            return 0.0;
        }
        let dark = self.pixels.iter().filter(|&&p| p < threshold).count();
        dark as f32 / self.pixels.len() as f32
    }
}

/// Why a page could not be rendered or a PDF inspected.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A poppler program could not be started.
    #[error("{tool} could not be run: {source} (install poppler-utils)")]
    ToolMissing {
        /// The program.
        tool: &'static str,
        #[source]
        /// What the system said.
        source: std::io::Error,
    },
    /// A poppler program failed.
    #[error("{tool} failed: {detail}")]
    ToolFailed {
        /// The program.
        tool: &'static str,
        /// The first lines of its messages and its exit status.
        detail: String,
    },
    /// A poppler program outlived [`RENDER_LIMITS`] and was killed.
    #[error("{tool} did not finish within {seconds} s and was stopped")]
    TimedOut {
        /// The program.
        tool: &'static str,
        /// Its time limit.
        seconds: u64,
    },
    /// `pdftoppm` gave something that is not an 8-bit PGM or PPM.
    #[error("not a PGM or PPM image: {0}")]
    BadPgm(String),
}

fn run(tool: &'static str, args: &[&std::ffi::OsStr]) -> Result<Output, RenderError> {
    let out = output_within(Command::new(tool).args(args), RENDER_LIMITS).map_err(|e| match e {
        RunError::Spawn(source) => RenderError::ToolMissing { tool, source },
        RunError::TimedOut(limit) => RenderError::TimedOut {
            tool,
            seconds: limit.as_secs(),
        },
    })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let detail = stderr.lines().take(3).collect::<Vec<_>>().join("; ");
        return Err(RenderError::ToolFailed {
            tool,
            detail: format!("{} ({})", detail.trim(), out.status),
        });
    }
    Ok(out)
}

/// Renders page `page` (1-based) of `pdf` to a grey image at `dpi`.
pub fn render_page_gray(pdf: &Path, page: u32, dpi: u32) -> Result<GrayImage, RenderError> {
    let page_s = page.to_string();
    let dpi_s = dpi.to_string();
    let args: Vec<&std::ffi::OsStr> = vec![
        "-r".as_ref(),
        dpi_s.as_ref(),
        "-gray".as_ref(),
        "-f".as_ref(),
        page_s.as_ref(),
        "-l".as_ref(),
        page_s.as_ref(),
        pdf.as_os_str(),
    ];
    let out = run("pdftoppm", &args)?;
    let mut image = parse_pgm_owned(out.stdout)?;
    image.dpi = dpi;
    Ok(image)
}

/// Chroma (largest minus smallest of red, green and blue) from which a pixel is
/// coloured ink: black and grey print on colour scans measured 0–12 (scanner and JPEG
/// noise), blue ballpoint and stamp ink 50–110, the faint edges of a seal 40–60.
pub const COLOURED_INK_CHROMA: u8 = 40;

/// The grey level OCR is given for a colour pixel: its luminance, except for coloured
/// ink (a seal, a signature or a stamp in blue or red ink over the typed text), taken
/// at its lightest channel so that it fades: light blue ink becomes near white, black
/// text stays black, dark coloured print stays dark. On a grey page (every pixel
/// neutral) this is exactly the grey `pdftoppm -gray` renders.
pub fn grey_dropping_colour(r: u8, g: u8, b: u8) -> u8 {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    if max - min >= COLOURED_INK_CHROMA {
        max
    } else {
        ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 + 500) / 1000) as u8
    }
}

/// Renders page `page` (1-based) of `pdf` at `dpi` for OCR: in colour, turned grey with
/// [`grey_dropping_colour`], so that seals and signatures in coloured ink do not hide
/// the typed words under them (a note verbale's date under the Legal Counsel's seal).
pub fn render_page_for_ocr(pdf: &Path, page: u32, dpi: u32) -> Result<GrayImage, RenderError> {
    let page_s = page.to_string();
    let dpi_s = dpi.to_string();
    let args: Vec<&std::ffi::OsStr> = vec![
        "-r".as_ref(),
        dpi_s.as_ref(),
        "-f".as_ref(),
        page_s.as_ref(),
        "-l".as_ref(),
        page_s.as_ref(),
        pdf.as_os_str(),
    ];
    let out = run("pdftoppm", &args)?;
    let mut image = parse_ppm_dropping_colour(&out.stdout)?;
    image.dpi = dpi;
    Ok(image)
}

/// Parses a binary PPM (`P6`, 8-bit) into a grey image with [`grey_dropping_colour`].
/// The resolution is left at 0 for the caller to set.
pub fn parse_ppm_dropping_colour(bytes: &[u8]) -> Result<GrayImage, RenderError> {
    let (width, height, start) = pnm_header(bytes, b"P6")?;
    let len = width as usize * height as usize;
    let data = bytes
        .get(start..start + 3 * len)
        .ok_or_else(|| RenderError::BadPgm("truncated pixel data".into()))?;
    Ok(GrayImage {
        width,
        height,
        dpi: 0,
        pixels: data
            .chunks_exact(3)
            .map(|p| grey_dropping_colour(p[0], p[1], p[2]))
            .collect(),
    })
}

/// Parses a binary PGM (`P5`, 8-bit), in place (no copy of a 9 MB page). The
/// resolution is left at 0 for the caller to set.
pub fn parse_pgm_owned(mut bytes: Vec<u8>) -> Result<GrayImage, RenderError> {
    let (width, height, start) = pgm_header(&bytes)?;
    let len = width as usize * height as usize;
    if bytes.len() < start + len {
        return Err(RenderError::BadPgm("truncated pixel data".into()));
    }
    bytes.truncate(start + len);
    bytes.drain(..start);
    Ok(GrayImage {
        width,
        height,
        dpi: 0,
        pixels: bytes,
    })
}

/// Width, height and the offset of the pixel data of an 8-bit binary PGM.
fn pgm_header(bytes: &[u8]) -> Result<(u32, u32, usize), RenderError> {
    pnm_header(bytes, b"P5")
}

/// Width, height and the offset of the pixel data of an 8-bit binary PGM (`P5`) or
/// PPM (`P6`), as `magic` says.
fn pnm_header(bytes: &[u8], magic: &[u8; 2]) -> Result<(u32, u32, usize), RenderError> {
    let mut pos = 0usize;
    let mut fields = [0u32; 3];
    if bytes.len() < 2 || &bytes[..2] != magic {
        return Err(RenderError::BadPgm(format!(
            "no {} signature",
            String::from_utf8_lossy(magic)
        )));
    }
    pos += 2;
    for field in fields.iter_mut() {
        // Skip whitespace and comments.
        loop {
            match bytes.get(pos) {
                Some(b) if b.is_ascii_whitespace() => pos += 1,
                Some(b'#') => {
                    while bytes.get(pos).is_some_and(|&b| b != b'\n') {
                        pos += 1;
                    }
                }
                Some(_) => break,
                None => return Err(RenderError::BadPgm("truncated header".into())),
            }
        }
        let start = pos;
        while bytes.get(pos).is_some_and(|b| b.is_ascii_digit()) {
            pos += 1;
        }
        *field = std::str::from_utf8(&bytes[start..pos])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| RenderError::BadPgm("bad header number".into()))?;
    }
    let [width, height, maxval] = fields;
    if maxval != 255 {
        return Err(RenderError::BadPgm(format!("maxval {maxval} (only 8-bit)")));
    }
    // Exactly one whitespace byte ends the header.
    Ok((width, height, pos + 1))
}

/// An image drawn on a page, as `pdfimages -list` reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageImage {
    /// The page (from 1).
    pub page: u32,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Horizontal resolution as drawn on the page (pixels per inch).
    pub x_ppi: f32,
    /// Vertical resolution as drawn on the page (pixels per inch).
    pub y_ppi: f32,
}

impl PageImage {
    /// Size of the image on the page, in points.
    pub fn size_pt(&self) -> (f32, f32) {
        let w = if self.x_ppi > 0.0 {
            self.width_px as f32 / self.x_ppi * 72.0
        } else {
            0.0
        };
        let h = if self.y_ppi > 0.0 {
            self.height_px as f32 / self.y_ppi * 72.0
        } else {
            0.0
        };
        (w, h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_out_puts_the_region_on_a_white_margin_and_clips_it() {
        let mut image = GrayImage::blank(4, 3, 300);
        image.pixels = (0..12).collect();
        let cut = image.cut_out(1, 1, 3, 2, 1).unwrap();
        assert_eq!((cut.width, cut.height, cut.dpi), (4, 3, 300));
        assert_eq!(
            cut.pixels,
            [255, 255, 255, 255, 255, 5, 6, 255, 255, 255, 255, 255]
        );
        let clipped = image.cut_out(3, 2, 9, 9, 0).unwrap();
        assert_eq!(
            (clipped.width, clipped.height, clipped.pixels),
            (1, 1, vec![11])
        );
        assert_eq!(image.cut_out(4, 0, 9, 3, 2), None);
    }

    #[test]
    fn coloured_ink_fades_and_grey_stays() {
        // Neutral pixels keep their grey (what `pdftoppm -gray` gives).
        for v in [0u8, 25, 128, 200, 255] {
            assert_eq!(grey_dropping_colour(v, v, v), v);
        }
        // Slightly tinted black print (scanner noise) stays dark.
        assert!(grey_dropping_colour(30, 25, 40) < 40);
        // Blue ballpoint and a light blue seal fade; dark navy print stays dark.
        assert_eq!(grey_dropping_colour(100, 141, 207), 207);
        assert_eq!(grey_dropping_colour(181, 190, 231), 231);
        assert!(grey_dropping_colour(3, 47, 86) < 100);
        // A red stamp fades too.
        assert_eq!(grey_dropping_colour(210, 40, 50), 210);

        let mut ppm = b"P6\n# pdftoppm\n3 1\n255\n".to_vec();
        ppm.extend_from_slice(&[20, 20, 20, 100, 141, 207, 255, 255, 255]);
        let img = parse_ppm_dropping_colour(&ppm).unwrap();
        assert_eq!((img.width, img.height), (3, 1));
        assert_eq!(img.pixels, vec![20, 207, 255]);
        assert!(parse_ppm_dropping_colour(&ppm[..ppm.len() - 1]).is_err());
        assert!(parse_pgm_owned(ppm.clone()).is_err());
    }

    #[test]
    fn parses_pgm_with_comment() {
        let mut data = b"P5\n# made here\n3 2\n255\n".to_vec();
        data.extend_from_slice(&[0, 10, 20, 30, 40, 50]);
        let img = parse_pgm_owned(data).unwrap();
        assert_eq!((img.width, img.height), (3, 2));
        assert_eq!(img.get(2, 1), 50);
        assert_eq!(img.row(0), &[0, 10, 20]);
    }

    #[test]
    fn shrinking_averages_blocks() {
        let mut img = GrayImage::blank(5, 3, 300);
        img.pixels[0] = 0; // top-left block of 2×2: (0 + 3 × 255) / 4
        img.pixels[4] = 55; // right edge block of 1×2: (55 + 255) / 2
        let small = img.shrink(2);
        assert_eq!((small.width, small.height, small.dpi), (3, 2, 150));
        assert_eq!(small.row(0), &[191, 255, 155]);
        assert_eq!(small.row(1), &[255, 255, 255]);
        assert_eq!(img.histogram()[255], 13);
    }

    #[test]
    fn rejects_truncated_pgm() {
        assert!(parse_pgm_owned(b"P5\n3 2\n255\n\x00\x01".to_vec()).is_err());
        assert!(parse_pgm_owned(b"P6\n3 2\n255\n".to_vec()).is_err());
        assert!(parse_pgm_owned(b"P5\n3 2\n65535\n".to_vec()).is_err());
    }
}
