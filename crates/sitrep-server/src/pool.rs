//! A small pool of store connections (SQLite or PostgreSQL) used from tokio's blocking
//! threads.
//!
//! A store connection is `Send` but not `Sync`, and its calls block, so each
//! request borrows one connection for the duration of one `spawn_blocking` job and gives
//! it back. A semaphore bounds how many jobs wait at once; with WAL, readers never block
//! each other nor the (optional) ingest writer.

use crate::error::ApiError;
use sitrep_store::Store;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Read connections to one database.
pub struct Pool {
    conns: Mutex<Vec<Box<dyn Store + Send>>>,
    permits: Semaphore,
}

impl Pool {
    /// Opens `size` reading connections to `db` (a SQLite file or a `postgres://` URL).
    pub fn open(db: &str, size: usize) -> Result<Self, sitrep_store::StoreError> {
        let size = size.max(1);
        let conns = (0..size)
            .map(|_| sitrep_store::open_reader(db))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Pool {
            conns: Mutex::new(conns),
            permits: Semaphore::new(size),
        })
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<R, F>(self: &Arc<Self>, f: F) -> Result<R, ApiError>
    where
        F: FnOnce(&dyn Store) -> Result<R, ApiError> + Send + 'static,
        R: Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the connection pool is closed"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let conn = pool
                .conns
                .lock()
                .map_err(|_| ApiError::internal("connection pool poisoned"))?
                .pop()
                .ok_or_else(|| ApiError::internal("no free connection"))?;
            // Given back on drop, so a panic in `f` does not shrink the pool.
            let guard = Lease {
                pool: &pool,
                conn: Some(conn),
            };
            match &guard.conn {
                Some(c) => f(c.as_ref()),
                None => Err(ApiError::internal("no free connection")),
            }
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// A borrowed connection, returned to the pool when dropped.
struct Lease<'a> {
    pool: &'a Pool,
    conn: Option<Box<dyn Store + Send>>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(c), Ok(mut v)) = (self.conn.take(), self.pool.conns.lock()) {
            v.push(c);
        }
    }
}
