//! Progress on long inputs: a bar on a terminal, nothing otherwise.
//!
//! The readers only count bytes (through [`crate::ReadOptions::progress`]); this type turns the
//! count into a bar, so the command line needs no knowledge of how inputs are read.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Inputs smaller than this finish before a bar would be worth drawing.
const MIN_BYTES_FOR_BAR: u64 = 8 << 20;

/// A progress bar over the bytes of a set of inputs.
pub struct Progress {
    bar: ProgressBar,
    counter: Arc<AtomicU64>,
}

impl Progress {
    /// A bar for `inputs` (files, directories, `-`), drawn only when standard error is a
    /// terminal and the inputs are large enough to take a while.
    pub fn new(inputs: &[String]) -> Self {
        let total: u64 = inputs.iter().map(|i| size_of(Path::new(i))).sum();
        let stdin = inputs.iter().any(|i| i == "-");
        let show = std::io::stderr().is_terminal() && (stdin || total >= MIN_BYTES_FOR_BAR);
        let bar = if !show {
            ProgressBar::hidden()
        } else if stdin {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::new(total)
        };
        if show {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            let template = if stdin {
                "{spinner} {bytes} read ({bytes_per_sec}), {msg}"
            } else {
                "{wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(250));
        }
        Progress {
            bar,
            counter: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The counter to pass in [`crate::ReadOptions::progress`].
    pub fn counter(&self) -> Arc<AtomicU64> {
        self.counter.clone()
    }

    /// Moves the bar to the bytes read so far and shows how many articles are done.
    pub fn update(&self, articles: usize) {
        self.bar.set_position(self.counter.load(Ordering::Relaxed));
        self.bar.set_message(format!("{articles} articles"));
    }

    /// Runs `f` (printing a message) with the bar out of the way, so lines do not interleave.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        self.bar.suspend(f)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}
