//! The allocator's settings for long runs.
//!
//! The `sitrep` binary and the benchmarks allocate with mimalloc. By default it keeps freed
//! memory for a while before giving it back to the system, and commits whole arenas at
//! once; over an ingest of tens of thousands of articles that retention was most of the
//! growth of the peak RSS (archive bench, 30,000 articles: 343 MB at 10k and 391 MB at 30k
//! by default, 275 MB and 320 MB with these settings, at the same speed).
//! [`return_memory_promptly`] sets both, as `MIMALLOC_PURGE_DELAY=0
//! MIMALLOC_ARENA_EAGER_COMMIT=0` would; on Linux also when the program is loaded.

use std::os::raw::{c_int, c_long};

// Links mimalloc (and so the C library below) into every binary that uses this module,
// whatever its global allocator.
extern crate mimalloc;

// mimalloc's option interface, from the static library the `mimalloc` crate links.
extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_arena_eager_commit` (the same position in mimalloc's v2 and v3 headers).
const ARENA_EAGER_COMMIT: c_int = 4;
/// `mi_option_purge_delay` (the same position in mimalloc's v2 and v3 headers).
const PURGE_DELAY: c_int = 15;

/// Tells mimalloc to give freed memory back to the system at once and to commit arena
/// memory only as it is used. Call it first thing in `main`; harmless when mimalloc is
/// not the global allocator (its options then govern nothing).
pub fn return_memory_promptly() {
    // SAFETY: mimalloc's option setter takes any option number and value, has no
    // preconditions and may be called at any time, from any thread.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
        mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

/// On Linux the options are also set when the program is loaded, before its first
/// allocation: an arena mimalloc commits before `main` stays committed otherwise.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static SET_AT_LOAD: extern "C" fn() = set_at_load;

#[cfg(target_os = "linux")]
extern "C" fn set_at_load() {
    return_memory_promptly();
}

#[cfg(test)]
mod tests {
    use super::*;

    extern "C" {
        fn mi_version() -> c_int;
        fn mi_option_get(option: c_int) -> c_long;
    }

    #[test]
    fn the_options_are_set_in_a_mimalloc_whose_numbering_was_checked() {
        // SAFETY: reading the version or an option has no preconditions.
        let (version, get) = (unsafe { mi_version() }, |o| unsafe { mi_option_get(o) });
        // The option numbers above were read from mimalloc's v2 and v3 headers.
        assert!((20_000..40_000).contains(&version), "mimalloc {version}");
        // Set when the test binary was loaded (Linux), and by the call.
        return_memory_promptly();
        assert_eq!((get(PURGE_DELAY), get(ARENA_EAGER_COMMIT)), (0, 0));
        // A neighbour keeps its default (purge_decommits = 1).
        assert_eq!(get(5), 1);
    }
}
