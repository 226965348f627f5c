//! The audit trail of a repair: one JSON object per change per line
//! (`{"page":…,"offset":…,"before":…,"after":…,"kind":…}`), for `--audit`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Change, RepairKind};

#[derive(Serialize)]
struct AuditLine<'a> {
    page: Option<usize>,
    offset: usize,
    before: &'a str,
    after: &'a str,
    kind: &'a RepairKind,
}

/// Writes the audit of changes made to a text whose pages are separated by form feeds:
/// each change gets the number of the page it is on.
pub fn write_audit_by_form_feed(
    text: &str,
    changes: &[Change],
    out: &mut dyn Write,
) -> io::Result<()> {
    let paged = text.contains('\x0c');
    for c in changes {
        let page = paged.then(|| 1 + text[..c.offset].matches('\x0c').count());
        write_line(c, page, out)?;
    }
    Ok(())
}

fn write_line(c: &Change, page: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
    let line = AuditLine {
        page,
        offset: c.offset,
        before: &c.before,
        after: &c.after,
        kind: &c.kind,
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}
