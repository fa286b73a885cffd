//! A varied JSONL corpus for tests that need more than the samples: every built-in sample in
//! several versions, each with its own id, outlet, date and an added quotation, so stories and
//! people have something to group.

use std::path::{Path, PathBuf};

/// The folder of the built-in sample articles.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The sample versions as JSONL lines.
pub fn sample_versions() -> String {
    let mut out = String::new();
    for (i, entry) in std::fs::read_dir(samples_dir()).unwrap().enumerate() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for v in 0..20 {
            let line = serde_json::json!({
                "id": format!("gen-{i}-{v}"),
                "text": format!("{text}\n\n\u{201c}Version {v} stands,\u{201d} said Dana Whitfield{v}."),
                "date": format!("2024-06-{:02}", v + 1),
                "source": format!("Outlet {}", v % 4),
            });
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}
