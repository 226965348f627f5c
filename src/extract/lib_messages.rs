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
//! messages are silent too. poppler runs in the text-layer helper and in `pdftoppm`,
//! whose messages are collected from their pipes (`textlayer_helper`, `render`).

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
}

/// Routes Leptonica's messages to undoc (once per process; call before any Leptonica or
/// Tesseract call).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: the handler is a plain function that lives as long as the process.
    ONCE.call_once(|| unsafe { lept::leptSetStderrHandler(Some(handler)) });
}

/// Leptonica's stderr handler: keeps the message if a capture runs on this thread.
unsafe extern "C" fn handler(message: *const c_char) {
    if message.is_null() {
        return;
    }
    // SAFETY: Leptonica passes a NUL-terminated string valid during the call.
    let text = unsafe { CStr::from_ptr(message) }.to_string_lossy();
    let _ = CAUGHT.try_with(|caught| {
        if let Ok(mut caught) = caught.try_borrow_mut() {
            if let Some(list) = caught.as_mut().filter(|l| l.len() < MAX_KEPT) {
                list.push(text.trim().to_string());
            }
        }
    });
}

/// Runs `f` and returns what it returned with the library messages written meanwhile
/// on this thread.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    install();
    let outer = CAUGHT.with(|c| c.borrow_mut().replace(Vec::new()));
    let value = f();
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
