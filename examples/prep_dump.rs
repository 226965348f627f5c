//! Writes the prepared image of a PDF page as PNG, to look at what Tesseract is given.
//!
//! `cargo run --release --example prep_dump -- FILE.pdf PAGE OUT.png [none|clean|sauvola|...] [FIRST_ROW ROWS]`

use undoc::extract::{image_input, image_prep, render};

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let img = render::render_page_gray(a[0].as_ref(), a[1].parse().unwrap(), 300).unwrap();
    let out = match a.get(3) {
        Some(how) => image_prep::apply(img, how.parse().unwrap()),
        None => image_prep::prepare(img).0,
    };
    // Optional band of rows: FIRST_ROW ROWS.
    let out = match (a.get(4), a.get(5)) {
        (Some(y), Some(h)) => {
            let (y, h): (u32, u32) = (y.parse().unwrap(), h.parse().unwrap());
            let w = out.width as usize;
            render::GrayImage {
                width: out.width,
                height: h,
                dpi: out.dpi,
                pixels: out.pixels[y as usize * w..(y + h) as usize * w].to_vec(),
            }
        }
        _ => out,
    };
    image_input::save_gray(&out, a[2].as_ref(), image_input::ImageFormat::Png, false).unwrap();
}
