//! Per-page decision: text layer or OCR.
