//! The text-layer helper process (`undoc-textlayer`, built from native/textlayer.cc):
//! finding it, starting it under a memory ceiling, sending it one document at a time
//! with a deadline, and replacing it when it dies, hangs or has served its share.
//!
//! Each worker thread keeps its own helper, so a batch starts one helper per thread
//! instead of one `pdftotext` per document (docs/decisions/0008). A crash or hang stays
//! in the helper: the document in flight fails, the next one gets a fresh helper.

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use crate::subprocess::{set_memory_ceiling, Limits};

/// Environment variable naming the helper program (default: `undoc-textlayer` beside
/// the running executable, else on PATH).
pub const HELPER_ENV: &str = "UNDOC_TEXTLAYER";
/// Program name of the helper.
pub const HELPER_NAME: &str = "undoc-textlayer";
/// The line a helper writes when it starts: its name and the protocol it speaks
/// (native/textlayer.cc). Bumped with any change of the protocol.
pub const GREETING: &str = "undoc-textlayer protocol 2\n";
/// Documents one helper reads before it is replaced (bounds what poppler's caches and
/// heap fragmentation can accumulate over a long batch).
const DOCUMENTS_PER_HELPER: u32 = 500;
/// Extra CPU seconds the helper allows itself beyond the document's time limit, as a
/// backstop if undoc is gone while the helper is stuck.
const CPU_GRACE_SECONDS: u64 = 5;

/// Why the helper gave no answer.
#[derive(Debug)]
pub enum HelperError {
    /// The helper program could not be started.
    Spawn { program: PathBuf, error: io::Error },
    /// The deadline passed; the helper was killed.
    Timeout,
    /// The helper ended in the middle of the document (crash, memory ceiling).
    Died(Option<ExitStatus>),
    /// The program started but is not the helper this undoc speaks to (another
    /// version, or another program): what it said first.
    Incompatible { program: PathBuf, greeting: String },
}

struct Helper {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    served: u32,
    memory_bytes: u64,
}

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// Asks this thread's helper for the text layer of `path` (refused without reading when
/// the PDF has more than `max_pages` pages; 0: no limit); the raw answer is parsed by
/// [`crate::extract::textlayer`].
pub fn request(path: &Path, limits: Limits, max_pages: u32) -> Result<Vec<u8>, HelperError> {
    let deadline = Instant::now() + limits.timeout;
    let cpu_seconds = limits.timeout.as_secs() + CPU_GRACE_SECONDS;
    let mut request = format!("{cpu_seconds} {max_pages} ").into_bytes();
    request.extend_from_slice(path.as_os_str().as_bytes());
    request.push(0);

    let reused = HELPER
        .with(|slot| slot.borrow_mut().take())
        .filter(|h| h.memory_bytes == limits.memory_bytes)
        .and_then(|mut h| h.send(&request).is_ok().then_some(h));
    let mut helper = match reused {
        Some(h) => h,
        // A new helper, also when the kept one died while idle.
        None => {
            let mut h = Helper::start(limits, deadline)?;
            if h.send(&request).is_err() {
                return Err(HelperError::Died(h.finish()));
            }
            h
        }
    };
    match read_until(&mut helper.stdout, deadline, answer_complete) {
        Ok(answer) => {
            helper.served += 1;
            if helper.served < DOCUMENTS_PER_HELPER {
                HELPER.with(|slot| *slot.borrow_mut() = Some(helper));
            }
            Ok(answer)
        }
        Err(ReadError::Timeout) => {
            helper.finish();
            Err(HelperError::Timeout)
        }
        Err(ReadError::Ended) => Err(HelperError::Died(helper.finish())),
    }
}

impl Helper {
    fn start(limits: Limits, deadline: Instant) -> Result<Helper, HelperError> {
        let program = helper_program();
        let mut child = Command::new(program)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| HelperError::Spawn {
                program: program.to_path_buf(),
                error,
            })?;
        set_memory_ceiling(child.id(), limits.memory_bytes);
        let stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let greeting = read_until(&mut stdout, deadline, |b| b.contains(&b'\n'));
        let helper = Helper {
            child,
            stdin,
            stdout,
            served: 0,
            memory_bytes: limits.memory_bytes,
        };
        match greeting {
            Ok(line) if line == GREETING.as_bytes() => Ok(helper),
            Ok(line) => {
                helper.finish();
                Err(HelperError::Incompatible {
                    program: program.to_path_buf(),
                    greeting: String::from_utf8_lossy(&line)
                        .trim()
                        .chars()
                        .take(80)
                        .collect(),
                })
            }
            Err(ReadError::Timeout) => {
                helper.finish();
                Err(HelperError::Timeout)
            }
            Err(ReadError::Ended) => Err(HelperError::Died(helper.finish())),
        }
    }

    fn send(&mut self, request: &[u8]) -> io::Result<()> {
        self.stdin.write_all(request)?;
        self.stdin.flush()
    }

    /// Ends the helper (killed if still running) and returns how it ended.
    fn finish(mut self) -> Option<ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        // An idle helper exits when its stdin closes; kill makes sure it does.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum ReadError {
    Timeout,
    Ended,
}

/// Reads until `done` says the bytes so far are a whole answer, waiting at most until
/// `deadline`.
fn read_until(
    stdout: &mut ChildStdout,
    deadline: Instant,
    done: impl Fn(&[u8]) -> bool,
) -> Result<Vec<u8>, ReadError> {
    let mut answer = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 256 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ReadError::Timeout);
        }
        if !wait_readable(stdout.as_raw_fd(), left.as_millis()) {
            continue;
        }
        match stdout.read(&mut chunk) {
            Ok(0) => return Err(ReadError::Ended),
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(ReadError::Ended),
        }
        if done(&answer) {
            return Ok(answer);
        }
    }
}

/// Waits up to `millis` for `fd` to have data (or end); false on timeout or signal.
fn wait_readable(fd: i32, millis: u128) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = millis.clamp(1, i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd for the duration of the call.
    unsafe { libc::poll(&mut pfd, 1, ms) > 0 }
}

/// An answer ends with the line `E`, or is a single `F …` or `T …` line.
fn answer_complete(answer: &[u8]) -> bool {
    answer.ends_with(b"\nE\n")
        || ((answer.starts_with(b"F ") || answer.starts_with(b"T ")) && answer.ends_with(b"\n"))
}

fn helper_program() -> &'static Path {
    static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        if let Some(p) = std::env::var_os(HELPER_ENV).filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        // Beside the running program; test and example programs live one folder down
        // (target/*/deps, target/*/examples).
        if let Ok(exe) = std::env::current_exe() {
            for dir in exe.ancestors().skip(1).take(2) {
                let candidate = dir.join(HELPER_NAME);
                if candidate.is_file() {
                    return candidate;
                }
            }
        }
        PathBuf::from(HELPER_NAME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_answers_are_recognised() {
        assert!(answer_complete(b"D 1\nP 1 2\nE\n"));
        assert!(answer_complete(b"F 4 wrong password\n"));
        assert!(answer_complete(b"T 3000\n"));
        assert!(!answer_complete(b"D 1\nP 1 2\n"));
        assert!(!answer_complete(b"D 1\nL\nW 1 2 3 4 E"));
        assert!(!answer_complete(b"F 1 partial"));
    }
}
