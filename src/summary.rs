//! The run summary: what a run did, as one line on stderr and as JSON (`--summary FILE`)
//! for the tools that watch the nightly runs.

use serde::Serialize;

use crate::model::{PageMethod, Record, Status};

/// Counts of one run. Documents are counted once, under the reason they were handled.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RunSummary {
    /// Inputs never processed before (or back after being deleted).
    pub new: usize,
    /// Inputs whose content changed (or that could not be read) since they were processed.
    pub changed: usize,
    /// Inputs with the same content, pipeline version and config: stored record reused.
    pub unchanged: usize,
    /// Sources processed before that are no longer among the inputs; listed in
    /// `deleted_paths` and dropped from the output.
    pub deleted: usize,
    /// Documents handled in this run whose record is `ok`.
    pub ok: usize,
    /// Documents handled in this run whose record is `failed`.
    pub failed: usize,
    /// Failed documents reprocessed because of `--retry-failed`.
    pub retried: usize,
    /// Same content reprocessed because the pipeline version or config changed, or `--force`.
    pub reprocessed: usize,
    /// Documents not tried because runs kept dying while processing them (reported
    /// `failed` with kind `crashed`).
    pub quarantined: usize,
    /// Documents processed in this run (new + changed + reprocessed + retried).
    pub processed: usize,
    /// Pages of the documents processed in this run.
    pub pages: u64,
    /// Of which OCRed.
    pub ocr_pages: u64,
    /// Records in the output.
    pub records: usize,
    /// Wall-clock duration of the run.
    pub seconds: f64,
    /// `K/N` of `--shard` (`1/1` without it).
    pub shard: String,
    /// The previous run on this state was interrupted and this one picked up its work.
    pub resumed: bool,
    /// The source paths counted in `deleted` (lossy UTF-8).
    pub deleted_paths: Vec<String>,
}

impl RunSummary {
    /// Adds a document handled in this run to `failed`, `pages` and `ocr_pages`.
    pub fn count_record(&mut self, record: &Record) {
        match record.status {
            Status::Failed => self.failed += 1,
            Status::Ok => self.ok += 1,
        }
        self.pages += record.pages.len() as u64;
        self.ocr_pages += record
            .pages
            .iter()
            .filter(|p| p.method == PageMethod::Ocr)
            .count() as u64;
    }

    /// The stderr rendering, one line.
    pub fn one_line(&self) -> String {
        let mut line = format!(
            "undoc: {} documents processed: {} ok, {} failed; {} new, {} changed, {} unchanged, {} deleted",
            self.ok + self.failed,
            self.ok,
            self.failed,
            self.new,
            self.changed,
            self.unchanged,
            self.deleted
        );
        if self.reprocessed > 0 {
            line += &format!(", {} reprocessed", self.reprocessed);
        }
        if self.retried > 0 {
            line += &format!(", {} retried", self.retried);
        }
        if self.quarantined > 0 {
            line += &format!(", {} quarantined", self.quarantined);
        }
        line += &format!(
            "; {} pages ({} OCR); {} records; {:.1} s",
            self.pages, self.ocr_pages, self.records, self.seconds
        );
        if self.shard != "1/1" && !self.shard.is_empty() {
            line += &format!("; shard {}", self.shard);
        }
        if self.resumed {
            line += "; resumed an interrupted run";
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageInfo, SourceFormat, SourceInfo};

    fn page(number: u32, method: PageMethod) -> PageInfo {
        PageInfo {
            number,
            method,
            chars: 10,
            language: None,
            ocr: None,
            blank: false,
        }
    }

    #[test]
    fn counts_pages_ocr_pages_and_failures() {
        let source = SourceInfo {
            path: "a.pdf".into(),
            path_bytes_hex: None,
            bytes: 3,
            format: SourceFormat::Pdf,
        };
        let mut ok = Record::new("h".into(), source.clone());
        ok.pages = vec![page(1, PageMethod::TextLayer), page(2, PageMethod::Ocr)];
        let mut failed = Record::new("h2".into(), source);
        failed.status = Status::Failed;
        let mut summary = RunSummary::default();
        summary.count_record(&ok);
        summary.count_record(&failed);
        assert_eq!(
            (summary.pages, summary.ocr_pages, summary.failed),
            (2, 1, 1)
        );
    }

    #[test]
    fn one_line_names_every_count_and_json_has_the_contract_fields() {
        let summary = RunSummary {
            new: 1,
            changed: 2,
            unchanged: 3,
            deleted: 4,
            failed: 5,
            seconds: 1.25,
            shard: "2/4".into(),
            ..RunSummary::default()
        };
        let line = summary.one_line();
        for part in [
            "1 new",
            "2 changed",
            "3 unchanged",
            "4 deleted",
            "5 failed",
            "shard 2/4",
        ] {
            assert!(line.contains(part), "{line}");
        }
        let json = serde_json::to_value(&summary).unwrap();
        for field in [
            "new",
            "changed",
            "unchanged",
            "deleted",
            "failed",
            "retried",
            "pages",
            "ocr_pages",
            "seconds",
        ] {
            assert!(json.get(field).is_some(), "{field} missing");
        }
    }
}
