//! Messages of the C libraries undoc runs in its own process (Leptonica, Tesseract):
//! none of them reaches the terminal.
//!
//! Leptonica (the image library, also called by Tesseract during page layout analysis)
//! writes its errors and warnings through a handler that undoc installs once
//! ([`install`]): messages are kept in a per-thread list while a call runs under
//! [`capture`], and dropped otherwise. Callers turn the ones that matter into words a
//! user understands ([`plain_reason`]); the rest (`Error in boxClipToRectangle: box
//! outside rectangle`, raised inside Tesseract's layout analysis, says nothing about the
//! document) are dropped. Tesseract's own diagnostics go to its `debug_file`, set to
//! `/dev/null` before an engine starts ([`TESSERACT_DEBUG_FILE`]), so that its start-up
//! messages are silent too. The image codecs Leptonica calls (libpng, libjpeg, libtiff)
//! print their warnings and errors with `fprintf(stderr, …)` (`libpng warning: tEXt: CRC
//! error`, `Premature end of JPEG file`): [`install`] points the C library's `stderr`
//! stream at a writer of undoc's (glibc streams allow it), which hands each line to the
//! capture of the thread that wrote it, exactly as the Leptonica handler does. The
//! terminal (file descriptor 2, used by undoc's own messages and progress bar) is not
//! touched, so this is safe with any number of threads. `UNDOC_LIBRARY_MESSAGES=show`
//! also copies every library line to the terminal, for debugging. poppler runs in the
//! text-layer helper and in `pdftoppm`, whose messages are collected from their pipes
//! (`textlayer_helper`, `render`).

use std::cell::RefCell;
use std::ffi::{c_char, CStr};

use leptonica_sys as lept;

/// Where Tesseract writes its diagnostics: nowhere (its `tprintf` skips all output for
/// this exact name).
pub const TESSERACT_DEBUG_FILE: &CStr = c"/dev/null";

/// At most this many messages are kept per capture (a broken image can repeat one
/// message thousands of times).
const MAX_KEPT: usize = 20;

thread_local! {
    /// The messages of the capture running on this thread, if any.
    static CAUGHT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    /// What this thread wrote to the C `stderr` stream since its last line end.
    static PARTIAL: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Routes the messages of the C libraries to undoc (once per process; call before any
/// Leptonica or Tesseract call).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: the handler is a plain function that lives as long as the process.
        unsafe { lept::leptSetStderrHandler(Some(handler)) };
        c_stderr::route();
    });
}

/// Leptonica's stderr handler: keeps the message if a capture runs on this thread.
unsafe extern "C" fn handler(message: *const c_char) {
    if message.is_null() {
        return;
    }
    // SAFETY: Leptonica passes a NUL-terminated string valid during the call.
    let text = unsafe { CStr::from_ptr(message) }.to_string_lossy();
    keep(&text);
}

/// Keeps one library message for the capture running on this thread; outside a
/// capture it is dropped (or shown, with `UNDOC_LIBRARY_MESSAGES=show`).
fn keep(text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if show_all() {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "{text}");
    }
    let _ = CAUGHT.try_with(|caught| {
        if let Ok(mut caught) = caught.try_borrow_mut() {
            if let Some(list) = caught.as_mut().filter(|l| l.len() < MAX_KEPT) {
                list.push(text.to_string());
            }
        }
    });
}

/// Whether library lines are also copied to the terminal (`UNDOC_LIBRARY_MESSAGES=show`).
fn show_all() -> bool {
    static SHOW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SHOW.get_or_init(|| std::env::var("UNDOC_LIBRARY_MESSAGES").is_ok_and(|v| v == "show"))
}

/// Bytes a C library wrote to `stderr` on this thread: complete lines are kept.
fn take_bytes(bytes: &[u8]) {
    let lines = PARTIAL.try_with(|partial| {
        let Ok(mut partial) = partial.try_borrow_mut() else {
            return Vec::new();
        };
        partial.extend_from_slice(bytes);
        let mut lines = Vec::new();
        while let Some(end) = partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = partial.drain(..=end).collect();
            lines.push(String::from_utf8_lossy(&line).into_owned());
        }
        lines
    });
    for line in lines.unwrap_or_default() {
        keep(&line);
    }
}

/// Keeps what this thread wrote to `stderr` without a line end.
fn flush_partial() {
    let rest = PARTIAL.try_with(|p| p.try_borrow_mut().map(|mut p| std::mem::take(&mut *p)));
    if let Ok(Ok(rest)) = rest {
        keep(&String::from_utf8_lossy(&rest));
    }
}

/// The C library's `stderr` stream, pointed at [`take_bytes`] (glibc: `fopencookie`,
/// unbuffered, so every write reaches the thread that made it at once).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod c_stderr {
    use std::ffi::{c_char, c_int, c_void};

    type Write = unsafe extern "C" fn(*mut c_void, *const c_char, usize) -> isize;

    /// glibc's `cookie_io_functions_t`: no reader, seeker or closer.
    #[repr(C)]
    struct CookieIoFunctions {
        read: Option<unsafe extern "C" fn(*mut c_void, *mut c_char, usize) -> isize>,
        write: Option<Write>,
        seek: Option<unsafe extern "C" fn(*mut c_void, *mut i64, c_int) -> c_int>,
        close: Option<unsafe extern "C" fn(*mut c_void) -> c_int>,
    }

    /// The C `stderr` stream as it is now (for tests).
    #[cfg(test)]
    pub fn stream() -> *mut libc::FILE {
        // SAFETY: reads the pointer; set once by `route`.
        unsafe { stderr }
    }

    extern "C" {
        static mut stderr: *mut libc::FILE;
        fn fopencookie(
            cookie: *mut c_void,
            mode: *const c_char,
            functions: CookieIoFunctions,
        ) -> *mut libc::FILE;
    }

    unsafe extern "C" fn write(_: *mut c_void, buf: *const c_char, size: usize) -> isize {
        if !buf.is_null() && size > 0 {
            // SAFETY: glibc passes `size` readable bytes.
            super::take_bytes(unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), size) });
        }
        size as isize
    }

    /// Points `stderr` at the writer (once, from [`super::install`]).
    pub fn route() {
        let functions = CookieIoFunctions {
            read: None,
            write: Some(write),
            seek: None,
            close: None,
        };
        // SAFETY: the stream lives as long as the process; glibc documents `stderr` as
        // a variable a program may assign, and this runs once, before the libraries
        // that write to it are first called.
        unsafe {
            let stream = fopencookie(std::ptr::null_mut(), c"w".as_ptr(), functions);
            if stream.is_null() {
                return;
            }
            libc::setvbuf(stream, std::ptr::null_mut(), libc::_IONBF, 0);
            stderr = stream;
        }
    }
}

/// Elsewhere the C `stderr` stream is left alone.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod c_stderr {
    pub fn route() {}
}

/// Runs `f` and returns what it returned with the library messages written meanwhile
/// on this thread.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    install();
    let outer = CAUGHT.with(|c| c.borrow_mut().replace(Vec::new()));
    let value = f();
    flush_partial();
    let caught = CAUGHT.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    (value, caught.unwrap_or_default())
}

/// What a reader of an image file should be told, from the library messages written
/// while it failed: the file is cut short, damaged, or of a kind the reader does not
/// support; `None` when the messages say nothing a user can act on.
pub fn plain_reason(messages: &[String]) -> Option<&'static str> {
    let text = messages.join("\n").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["truncat", "premature", "end of file", "eof", "too short"]) {
        Some("the file is cut short")
    } else if has(&[
        "not supported",
        "unsupported",
        "unknown format",
        "not implemented",
    ]) {
        Some("the image is of a kind the reader does not support")
    } else if has(&["corrupt", "invalid", "crc", "bad ", "damaged", "error"]) {
        Some("the file is damaged")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leptonica_messages_are_caught_not_printed() {
        // A box outside its image makes Leptonica complain, as it does inside Tesseract.
        let (clipped, messages) = capture(|| unsafe {
            let b = lept::boxCreate(5000, 5000, 10, 10);
            let clipped = lept::boxClipToRectangle(b, 100, 100);
            let mut b = b;
            lept::boxDestroy(&mut b);
            clipped
        });
        assert!(clipped.is_null());
        assert!(
            messages
                .iter()
                .any(|m| m.contains("boxClipToRectangle") && m.contains("box outside rectangle")),
            "{messages:?}"
        );
        // Nothing is kept outside a capture, and captures nest.
        let ((_, inner), outer) =
            capture(|| capture(|| unsafe { lept::boxClipToRectangle(std::ptr::null_mut(), 1, 1) }));
        assert_eq!(inner.len(), 1, "{inner:?}");
        assert!(outer.is_empty(), "{outer:?}");
    }

    /// What a codec prints with `fprintf(stderr, …)` (in pieces, as libpng does) goes to
    /// the capture of the thread that printed it, not to the terminal, also when other
    /// threads print at the same time.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn c_stderr_lines_are_caught_per_thread() {
        let print = |text: &str| {
            let text = std::ffi::CString::new(text).unwrap();
            // SAFETY: a NUL-terminated string and the process's `stderr` stream.
            unsafe { libc::fputs(text.as_ptr(), c_stderr::stream()) };
        };
        install();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    capture(|| {
                        for i in 0..3 {
                            print(&format!("libpng warning: thread {t} "));
                            print(&format!("message {i}\n"));
                        }
                        print(&format!("no line end {t}"));
                    })
                    .1
                })
            })
            .collect();
        for (t, thread) in threads.into_iter().enumerate() {
            let caught = thread.join().unwrap();
            let expected: Vec<String> = (0..3)
                .map(|i| format!("libpng warning: thread {t} message {i}"))
                .chain([format!("no line end {t}")])
                .collect();
            assert_eq!(caught, expected);
        }
        // Outside a capture nothing is kept (and nothing reaches the terminal).
        print("Premature end of JPEG file\n");
        assert!(capture(|| ()).1.is_empty());
    }

    #[test]
    fn reasons_in_plain_words() {
        let say = |m: &str| plain_reason(&[m.to_string()]);
        assert_eq!(
            say("Error in pixReadStreamPng: premature end of file"),
            Some("the file is cut short")
        );
        assert_eq!(
            say("Error in fopenReadStream: CRC error"),
            Some("the file is damaged")
        );
        assert_eq!(plain_reason(&[]), None);
    }
}
