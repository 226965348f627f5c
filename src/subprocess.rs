//! Running helper programs (poppler's tools) as child processes with a deadline and a
//! memory ceiling, so that a hostile or broken file can neither hang nor exhaust the
//! machine, and a crash in the PDF library ends only the child.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

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

/// What a finished child produced.
#[derive(Debug)]
pub struct Finished {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Why a child could not deliver.
#[derive(Debug)]
pub enum RunError {
    /// The program could not be started (not installed?).
    Spawn(std::io::Error),
    /// The deadline passed; the child was killed.
    Timeout,
}

/// Runs `cmd` with `limits`, collecting stdout and stderr (stderr capped at 64 KiB).
pub fn run(mut cmd: Command, limits: Limits) -> Result<Finished, RunError> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // No pre-exec hook, so the standard library can start the child with posix_spawn
    // (a fork of a large multi-threaded process costs more than the reading itself);
    // the ceilings are put on the child right after it starts.
    let mut child = cmd.spawn().map_err(RunError::Spawn)?;
    limit_child(child.id(), limits);
    let stdout = drain(child.stdout.take(), usize::MAX);
    let stderr = drain(child.stderr.take(), 64 * 1024);
    let status = wait_until(&mut child, Instant::now() + limits.timeout)?;
    Ok(Finished {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Puts the memory ceiling and a CPU-time ceiling (a backstop for a child left running
/// if undoc itself is killed) on a running child.
fn limit_child(pid: u32, limits: Limits) {
    set_memory_ceiling(pid, limits.memory_bytes);
    set_limit(pid, libc::RLIMIT_CPU, limits.timeout.as_secs().max(1) + 5);
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

fn wait_until(child: &mut Child, deadline: Instant) -> Result<std::process::ExitStatus, RunError> {
    let left = deadline.saturating_duration_since(Instant::now());
    match child.wait_timeout(left) {
        Ok(Some(status)) => Ok(status),
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(RunError::Timeout)
        }
    }
}

fn drain<R: Read + Send + 'static>(source: Option<R>, cap: usize) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut r) = source {
            let mut chunk = [0u8; 64 * 1024];
            while let Ok(n) = r.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                if buf.len() < cap {
                    let take = n.min(cap - buf.len());
                    buf.extend_from_slice(&chunk[..take]);
                }
            }
        }
        buf
    })
}
