//! Turns the shipped judge model (`model/judge.tsv`, readable, written by `saywho train`) into
//! the table the analyzer loads at start-up: each weight's feature name already hashed, so a
//! start costs no text parsing. The file is read and the names hashed by the analyzer's own
//! `src/model_file.rs`; a unit test checks that this table and the text give the same judge.
//!
//! Layout (little-endian): threshold Q (f32), threshold I (f32), flags (u32: 1 = clause-end
//! weights, 2 = speaker weights), weight count (u32), then per weight: the hash of the name
//! (u64) and the weight (f32).

use std::path::PathBuf;

#[path = "src/model_file.rs"]
mod model_file;

fn main() {
    println!("cargo:rerun-if-changed=model/judge.tsv");
    println!("cargo:rerun-if-changed=src/model_file.rs");
    let tsv = std::fs::read_to_string("model/judge.tsv").expect("model/judge.tsv is readable");
    let (thresholds, names) = model_file::read_model(&tsv);
    let mut flags = 0u32;
    if names.iter().any(|(n, _)| n.starts_with("E|")) {
        flags |= 1;
    }
    if names.iter().any(|(n, _)| n.starts_with("S|")) {
        flags |= 2;
    }
    let mut out = Vec::with_capacity(16 + names.len() * 12);
    out.extend(thresholds[0].to_le_bytes());
    out.extend(thresholds[1].to_le_bytes());
    out.extend(flags.to_le_bytes());
    out.extend((names.len() as u32).to_le_bytes());
    for (name, w) in &names {
        out.extend(model_file::hash_parts(&[name.as_str()]).to_le_bytes());
        out.extend(w.to_le_bytes());
    }
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("judge_weights.bin"), out).expect("OUT_DIR is writable");
}
