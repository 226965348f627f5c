//! Limits of the child processes undoc starts: a deadline and a memory ceiling, so that
//! a hostile or broken file can neither hang nor exhaust the machine, and a crash in the
//! PDF library ends only the child. The text-layer helper (`extract::textlayer_helper`)
//! applies them.

use std::time::Duration;

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
