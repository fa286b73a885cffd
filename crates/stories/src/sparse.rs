//! Sparse vectors as term-sorted `(term, weight)` lists: compact to store and persist, and a
//! dot product is one linear merge.

/// A sparse vector, sorted by term id, no duplicate terms.
pub(crate) type Sparse = Vec<(u32, f32)>;

/// The dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += wa * wb;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `a + b`, sorted.
pub(crate) fn add(a: &[(u32, f32)], b: &[(u32, f32)]) -> Sparse {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&(ta, wa)), Some(&(tb, wb))) => match ta.cmp(&tb) {
                std::cmp::Ordering::Less => {
                    out.push((ta, wa));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push((tb, wb));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((ta, wa + wb));
                    i += 1;
                    j += 1;
                }
            },
            (Some(&x), None) => {
                out.push(x);
                i += 1;
            }
            (None, Some(&y)) => {
                out.push(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Keeps the `keep` heaviest entries (ties to the lower term id), still sorted by term.
pub(crate) fn truncate(v: &mut Sparse, keep: usize) {
    if v.len() <= keep {
        return;
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(keep);
    v.sort_by_key(|e| e.0);
}

/// The terms of the `k` heaviest entries, heaviest first (ties to the lower term id).
pub(crate) fn top_terms(v: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    let mut all: Vec<(u32, f32)> = v.to_vec();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(k);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_add_truncate() {
        let a = vec![(1, 1.0), (3, 2.0)];
        let b = vec![(2, 5.0), (3, 1.0)];
        assert_eq!(dot(&a, &b), 2.0);
        let mut s = add(&a, &b);
        assert_eq!(s, vec![(1, 1.0), (2, 5.0), (3, 3.0)]);
        truncate(&mut s, 2);
        assert_eq!(s, vec![(2, 5.0), (3, 3.0)]);
        assert_eq!(top_terms(&s, 1), vec![(2, 5.0)]);
    }
}
