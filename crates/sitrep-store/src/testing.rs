//! A throwaway PostgreSQL database for tests and benchmarks: created on the server that
//! `SITREP_TEST_PG` (or another variable) names, dropped when the handle is dropped.
//! Tests that get `None` skip with the message this module prints.

use postgres::{Client, NoTls};

/// A fresh database on a test server, dropped (with `FORCE`) when this is dropped.
#[derive(Debug)]
pub struct TempPgDb {
    admin: String,
    name: String,
    url: String,
}

impl TempPgDb {
    /// A database named after `tag` and this process on the server at the first set
    /// variable of `vars` (e.g. `["SITREP_TEST_PG"]`); `None`, with a visible
    /// "skipping" message naming `tag`, when none is set, the server cannot be reached
    /// or the database cannot be created.
    pub fn new(tag: &str, vars: &[&str]) -> Option<TempPgDb> {
        let Some(admin) = vars.iter().find_map(|v| std::env::var(v).ok()) else {
            eprintln!(
                "skipping {tag}: no PostgreSQL (set {}=postgres://…)",
                vars.join(" or ")
            );
            return None;
        };
        let mut c = match Client::connect(&admin, NoTls) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("skipping {tag}: no PostgreSQL reachable at {admin}: {e}");
                return None;
            }
        };
        let clean: String = tag
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        // PostgreSQL cuts names at 63 bytes: keep the tag's start and the process id.
        let name = format!("sitrep_{}_{}", std::process::id(), clean)
            .chars()
            .take(63)
            .collect::<String>();
        if let Err(e) = c.batch_execute(&format!("CREATE DATABASE \"{name}\"")) {
            eprintln!("skipping {tag}: cannot create database {name}: {e}");
            return None;
        }
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        Some(TempPgDb { admin, name, url })
    }

    /// Its connection URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TempPgDb {
    fn drop(&mut self) {
        // On a thread of its own: the sync client may not run on an async thread.
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            if let Ok(mut c) = Client::connect(&admin, NoTls) {
                let _ =
                    c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        })
        .join();
    }
}
