//! Putting back in input order what parallel workers finish out of order: the last stage of
//! the `analyze`, `ingest` and `stories` pipelines.

use std::collections::BTreeMap;

use anyhow::{bail, Result};

/// Hands each arrival to `each` in sequence order (`seq` numbers them from 0, one per batch).
/// Fails with the first error of `each`, or when arrivals stop with a batch still missing (a
/// worker died).
pub fn in_order<T>(
    arrivals: impl IntoIterator<Item = T>,
    seq: impl Fn(&T) -> u64,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut waiting: BTreeMap<u64, T> = BTreeMap::new();
    let mut next = 0;
    for arrival in arrivals {
        waiting.insert(seq(&arrival), arrival);
        while let Some(ready) = waiting.remove(&next) {
            each(ready)?;
            next += 1;
        }
    }
    if !waiting.is_empty() {
        bail!("an analysis worker stopped before finishing its articles");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrivals_come_out_in_order() {
        let mut seen = Vec::new();
        in_order(
            [2u64, 0, 1, 3],
            |&n| n,
            |n| {
                seen.push(n);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, [0, 1, 2, 3]);
    }

    #[test]
    fn a_missing_batch_is_an_error() {
        assert!(in_order([0u64, 2], |&n| n, |_| Ok(())).is_err());
    }
}
