//! The judge's model file, read the same way by the analyzer and by `build.rs` (which compiles
//! this file as a module of its own to make the start-up table): its lines, and the hash a
//! feature name is looked up by.

/// The thresholds and the named weights of a model file: `threshold<TAB>Q|I<TAB>p` lines and
/// `feature<TAB>weight` lines; lines that do not parse are ignored.
pub(crate) fn read_model(tsv: &str) -> ([f32; 2], Vec<(String, f32)>) {
    let mut thresholds = [0.0; 2];
    let mut names = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["threshold", g, p] => {
                let slot = if *g == "Q" { 0 } else { 1 };
                thresholds[slot] = p.parse().unwrap_or(0.0);
            }
            [name, w] => {
                if let Ok(w) = w.parse() {
                    names.push((name.to_string(), w));
                }
            }
            _ => {}
        }
    }
    (thresholds, names)
}

/// FNV-1a over the parts joined by `|`: the hash of a feature name, computed without building it.
pub(crate) fn hash_parts(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            feed(b'|');
        }
        for &b in part.as_bytes() {
            feed(b);
        }
    }
    h
}
