//! `undoc-textlayer`: the helper process that `undoc` starts to read PDF text layers
//! (poppler's text analysis, native/textlayer.cc, linked into this program only). It
//! speaks a small protocol on stdin/stdout (see native/textlayer.cc and
//! src/extract/textlayer_helper.rs), is not meant to be run by hand, and is installed
//! beside `undoc` so that `undoc` finds it.

extern "C" {
    fn undoc_textlayer_serve() -> std::os::raw::c_int;
}

fn main() {
    if std::env::args_os().len() > 1 {
        eprintln!(
            "undoc-textlayer: undoc's PDF text-layer helper; it takes no arguments and is \
             started by `undoc ingest`"
        );
        std::process::exit(2);
    }
    // SAFETY: the C++ request loop only touches stdin, stdout and its own state.
    std::process::exit(unsafe { undoc_textlayer_serve() });
}
