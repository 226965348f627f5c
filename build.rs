//! Compiles undoc's text-layer helper (native/textlayer.cc: poppler's text analysis
//! behind a small pipe protocol; docs/decisions/0008) and links it, with poppler, into
//! the `undoc-textlayer` program only: the `undoc` program and library do not link
//! poppler (GPL), they talk to the helper through a pipe.
//! Needs a C++ compiler and poppler's development headers (Debian: g++,
//! libpoppler-private-dev; scripts/setup.sh installs them).

use std::path::PathBuf;

const HELPER_BIN: &str = "undoc-textlayer";

fn main() {
    println!("cargo:rerun-if-changed=native/textlayer.cc");
    let poppler = pkg_config::Config::new()
        .atleast_version("20.0")
        .cargo_metadata(false)
        .probe("poppler")
        .unwrap_or_else(|e| {
            panic!(
                "poppler's development files are missing ({e}); on Debian 12 run \
                 scripts/setup.sh (it installs g++ and libpoppler-private-dev)"
            )
        });
    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++17")
        .file("native/textlayer.cc")
        .warnings(true)
        .cargo_metadata(false);
    for dir in &poppler.include_paths {
        build.include(dir);
    }
    build.compile("undoc_textlayer");

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let link = |arg: String| println!("cargo:rustc-link-arg-bin={HELPER_BIN}={arg}");
    link(out_dir.join("libundoc_textlayer.a").display().to_string());
    for dir in &poppler.link_paths {
        link(format!("-L{}", dir.display()));
    }
    for lib in &poppler.libs {
        link(format!("-l{lib}"));
    }
    link("-lstdc++".into());
}
