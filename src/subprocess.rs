//! Limits of the child processes undoc starts: a deadline and a memory ceiling, so that
//! a hostile or broken file can neither hang nor exhaust the machine, and a crash in the
//! PDF library ends only the child. The text-layer helper (`extract::textlayer_helper`)
//! applies them to its long-lived child; [`output_within`] runs a one-shot program
//! (`pdftoppm` for page images) under them.

use std::io::Read;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Limits for one child process.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time after which the child is killed.
    pub timeout: Duration,
    /// Address-space ceiling in bytes (RLIMIT_AS).
    pub memory_bytes: u64,
}

impl Default for Limits {
    /// `undoc ingest`'s defaults: 120 s (`--doc-timeout`), 4 GiB of address space.
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(120),
            memory_bytes: 4 << 30,
        }
    }
}

/// Puts an address-space ceiling (RLIMIT_AS) on a running child.
pub fn set_memory_ceiling(pid: u32, bytes: u64) {
    set_limit(pid, libc::RLIMIT_AS, bytes);
}

fn set_limit(pid: u32, resource: libc::__rlimit_resource_t, value: u64) {
    let lim = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: prlimit only reads `lim`; a child that already exited makes it fail
    // harmlessly.
    unsafe {
        libc::prlimit(pid as libc::pid_t, resource, &lim, std::ptr::null_mut());
    }
}

/// Why [`output_within`] has no output to give.
#[derive(Debug)]
pub enum RunError {
    /// The program could not be started.
    Spawn(std::io::Error),
    /// The program outlived its time limit and was killed.
    TimedOut(Duration),
}

/// Runs `command` to its end and collects its output, like [`Command::output`], under
/// `limits`: the child gets an address-space ceiling, and is killed (and
/// [`RunError::TimedOut`] returned) when it has not closed its output by
/// `limits.timeout`. Its stdin is empty.
pub fn output_within(command: &mut Command, limits: Limits) -> Result<Output, RunError> {
    let deadline = Instant::now() + limits.timeout;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(RunError::Spawn)?;
    set_memory_ceiling(child.id(), limits.memory_bytes);
    let (ended, pipe_closed) = mpsc::channel();
    let stdout = read_to_end_in_thread(child.stdout.take(), ended.clone());
    let stderr = read_to_end_in_thread(child.stderr.take(), ended);
    for _ in 0..2 {
        let left = deadline.saturating_duration_since(Instant::now());
        if let Err(mpsc::RecvTimeoutError::Timeout) = pipe_closed.recv_timeout(left) {
            kill(&mut child);
            return Err(RunError::TimedOut(limits.timeout));
        }
    }
    let status = child.wait().map_err(RunError::Spawn)?;
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads a child's pipe to its end on a thread of its own, which says on `ended` when
/// the pipe is closed (the child exited or closed it).
fn read_to_end_in_thread(
    pipe: Option<impl Read + Send + 'static>,
    ended: mpsc::Sender<()>,
) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = ended.send(());
        bytes
    })
}

/// Kills a child and reaps it; its pipes close, so their reading threads end.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(timeout_ms: u64) -> Limits {
        Limits {
            timeout: Duration::from_millis(timeout_ms),
            memory_bytes: 1 << 30,
        }
    }

    #[test]
    fn output_within_collects_both_streams_and_the_status() {
        let out = output_within(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            limits(10_000),
        )
        .unwrap();
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.status.code(), Some(3));
    }

    #[test]
    fn output_within_kills_a_child_that_outlives_its_time() {
        let started = Instant::now();
        let result = output_within(Command::new("sleep").arg("30"), limits(200));
        assert!(matches!(result, Err(RunError::TimedOut(_))), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn output_within_puts_a_memory_ceiling_on_the_child() {
        // The ceiling is set just after the start: the shell reads it a moment later.
        let out = output_within(
            Command::new("sh").args(["-c", "sleep 0.3; ulimit -v"]),
            limits(10_000),
        )
        .unwrap();
        let kib: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert_eq!(kib, (1u64 << 30) / 1024);
    }

    #[test]
    fn output_within_names_a_program_that_does_not_exist() {
        let result = output_within(&mut Command::new("/nonexistent/undoc-tool"), limits(1000));
        assert!(matches!(result, Err(RunError::Spawn(_))), "{result:?}");
    }
}
