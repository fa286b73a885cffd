//! Putting back in input order what parallel workers finish out of order: the writer's half
//! of the `analyze` and `ingest` pipelines, where a fixed pool of credits bounds the batches
//! in flight.

use std::collections::BTreeMap;
use std::sync::mpsc::SyncSender;

use anyhow::{bail, Result};

/// Hands each arrival to `each` in sequence order (`seq` numbers them from 0, one per batch),
/// returning a credit after each so the reader may send another batch. Fails with the first
/// error of `each`, or when arrivals stop with a batch still missing (a worker died).
pub fn in_order<T>(
    arrivals: impl IntoIterator<Item = T>,
    seq: impl Fn(&T) -> u64,
    credits: &SyncSender<()>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut waiting: BTreeMap<u64, T> = BTreeMap::new();
    let mut next = 0;
    for arrival in arrivals {
        waiting.insert(seq(&arrival), arrival);
        while let Some(ready) = waiting.remove(&next) {
            each(ready)?;
            next += 1;
            // The reader may have finished and gone; a lost credit is then harmless.
            let _ = credits.send(());
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
    use std::sync::mpsc;

    #[test]
    fn arrivals_come_out_in_order_with_a_credit_each() {
        let (tx, rx) = mpsc::sync_channel(8);
        let mut seen = Vec::new();
        in_order(
            [2u64, 0, 1, 3],
            |&n| n,
            &tx,
            |n| {
                seen.push(n);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, [0, 1, 2, 3]);
        assert_eq!(rx.try_iter().count(), 4);
    }

    #[test]
    fn a_missing_batch_is_an_error() {
        let (tx, _rx) = mpsc::sync_channel(8);
        assert!(in_order([0u64, 2], |&n| n, &tx, |_| Ok(())).is_err());
    }
}
