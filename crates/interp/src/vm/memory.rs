//! A process's memory limit.
//!
//! A host that wants one installs [`Counting`] as its global allocator (the browser does: one
//! worker holds one process, so the allocator's count is that process's memory) and sets the
//! limit with [`set_limit`]. An allocation past the limit raises a flag; the dispatch loop looks
//! at it at each jump (every loop's turn) and each call of a Python function. Once it is up, the
//! loop looks after every instruction: the next one that allocates collects the garbage and, if
//! that was not enough, raises `MemoryError` at its own line (one instruction allocates at most a
//! sequence of `ops::MAX_SEQ_BYTES`), long before the WebAssembly memory (4 GB) is full and the
//! worker dies. Without the
//! allocator (the native runner) nothing is counted and there is no limit, as with python3.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The browser's limit: 256 MB per process (ARCHITECTURE.md, "Limits").
pub const PROCESS_LIMIT: usize = 256 << 20;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// 0: no limit.
static LIMIT: AtomicUsize = AtomicUsize::new(0);
/// An allocation went past the limit since the dispatch loop last looked.
static CROSSED: AtomicBool = AtomicBool::new(false);

fn added(bytes: usize) {
    let total = IN_USE.fetch_add(bytes, Relaxed) + bytes;
    let limit = LIMIT.load(Relaxed);
    if limit != 0 && total > limit {
        CROSSED.store(true, Relaxed);
    }
}

/// The system allocator, counting the bytes in use.
pub struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            IN_USE.fetch_sub(layout.size(), Relaxed);
            added(new_size);
        }
        p
    }
}

/// Bytes in use, as [`Counting`] counts them (0 where it is not the global allocator).
pub fn in_use() -> usize {
    IN_USE.load(Relaxed)
}

/// Sets the limit for every interpreter of this program (`None`: no limit).
pub fn set_limit(bytes: Option<usize>) {
    LIMIT.store(bytes.unwrap_or(0), Relaxed);
}

/// Whether an allocation went past the limit since the last call.
#[inline(always)]
pub(crate) fn crossed() -> bool {
    CROSSED.load(Relaxed) && CROSSED.swap(false, Relaxed)
}

/// `Some((in use, limit))` when the memory in use is past the limit.
pub(crate) fn over() -> Option<(usize, usize)> {
    let limit = LIMIT.load(Relaxed);
    let used = in_use();
    (limit != 0 && used > limit).then_some((used, limit))
}

/// The message of the `MemoryError`.
pub(crate) fn message(used: usize, limit: usize) -> String {
    format!(
        "out of memory ({} MB in use; proclab's limit is {} MB per process)",
        used.div_ceil(1 << 20),
        limit >> 20
    )
}
