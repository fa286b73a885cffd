//! A small pool of read-only store handles: a `Store` is used by one thread at a time, so each
//! request borrows one on a blocking thread and gives it back.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use saywho_store::{Mode, Store};
use tokio::sync::Semaphore;

use crate::error::{Result, ServeError};

/// Read handles on one store directory, at most `size` in use at once.
pub(crate) struct Pool {
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// Opens one handle now (so a missing or broken store fails at start-up) and up to `size`
    /// lazily.
    pub(crate) fn open(dir: PathBuf, size: usize) -> Result<Pool> {
        // Opening would create an empty store; serving one is never what was meant.
        if !dir.join(saywho_store::DB_FILE).exists() {
            return Err(ServeError::NoStore { path: dir });
        }
        let first = Store::open(&dir, Mode::Read)?;
        Ok(Pool {
            dir,
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(size.max(1))),
        })
    }

    /// Runs `f` with a store handle on a blocking thread.
    pub(crate) async fn with<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ServeError::Internal(e.to_string()))?;
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let taken = pool.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let store = match taken {
                Some(store) => store,
                None => Store::open(&pool.dir, Mode::Read)?,
            };
            let out = f(&store);
            pool.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(store);
            out
        })
        .await
        .map_err(|e| ServeError::Internal(format!("worker failed: {e}")))?
    }
}
