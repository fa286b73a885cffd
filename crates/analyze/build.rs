//! Turns the shipped judge model (`model/judge.tsv`, readable, written by `saywho train`) into
//! the table the analyzer loads at start-up: each weight's feature name already hashed, so a
//! start costs no text parsing. `Judge::default` checks nothing; a unit test checks that this
//! table and the text give the same judge.
//!
//! Layout (little-endian): threshold Q (f32), threshold I (f32), flags (u32: 1 = clause-end
//! weights, 2 = speaker weights), weight count (u32), then per weight: FNV-1a of the name
//! (u64) and the weight (f32).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=model/judge.tsv");
    let tsv = std::fs::read_to_string("model/judge.tsv").expect("model/judge.tsv is readable");
    let mut thresholds = [0f32; 2];
    let (mut flags, mut records) = (0u32, Vec::new());
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["threshold", group, p] => {
                thresholds[usize::from(*group != "Q")] = p.parse().unwrap_or(0.0);
            }
            [name, w] => {
                let Ok(w) = w.parse::<f32>() else { continue };
                if name.starts_with("E|") {
                    flags |= 1;
                }
                if name.starts_with("S|") {
                    flags |= 2;
                }
                let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
                });
                records.push((hash, w));
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(16 + records.len() * 12);
    out.extend(thresholds[0].to_le_bytes());
    out.extend(thresholds[1].to_le_bytes());
    out.extend(flags.to_le_bytes());
    out.extend((records.len() as u32).to_le_bytes());
    for (hash, w) in records {
        out.extend(hash.to_le_bytes());
        out.extend(w.to_le_bytes());
    }
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("judge_weights.bin"), out).expect("OUT_DIR is writable");
}
