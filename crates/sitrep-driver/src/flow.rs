//! Reading and extracting in parallel, delivered in input order.
//!
//! Three stages joined by bounded channels, so memory holds a few chunks whatever the
//! corpus size and a slow consumer slows the readers instead of filling memory:
//!
//! 1. a **reader** thread walks the sources in order and cuts them into chunks of work
//!    units: a single-document file (text, HTML) is one unit read by a worker, so reading
//!    and parsing many small files is parallel; a multi-document file (JSON lines, CSV,
//!    WARC, feed, Telegram export) is streamed item by item by its reader here;
//! 2. an **extractor** thread maps each chunk over the rayon pool (`work` runs on the
//!    workers) and keeps the chunk's order;
//! 3. the caller's thread gets every result through `sink`, in input order.
//!
//! When `sink` fails, its receiver is dropped at once: the extractor's next send fails,
//! it stops and drops its own receiver, and the reader stops the same way. Nothing blocks
//! on a channel nobody reads, so a writer error is returned, never a hang.

use rayon::prelude::*;
use sitrep_ingest::{DocIter, IngestError, InputFormat, ReadOptions};
use sitrep_model::Doc;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// One input of a run.
pub enum Source {
    /// A file, read by the reader for `ReadOptions::format` or for its detected format.
    File {
        /// The file.
        path: PathBuf,
        /// The id of its document when it holds one and names none itself (see
        /// [`sitrep_ingest::InputFile`]); `None` keeps the reader's.
        id: Option<String>,
    },
    /// Documents from elsewhere (standard input, a request body, a generator), named
    /// `name` in messages.
    Items {
        /// Name for messages.
        name: String,
        /// The documents (or per-item errors).
        items: DocIter,
    },
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::File { path, .. } => write!(f, "File({})", path.display()),
            Source::Items { name, .. } => write!(f, "Items({name})"),
        }
    }
}

/// What the sink receives, in input order.
#[derive(Debug)]
pub enum Step<T> {
    /// The result of `work` on one input item.
    Item(T),
    /// A file was read to its end; it has this many bytes (for progress bars).
    FileDone(u64),
}

/// A unit of work for the pool.
enum Unit {
    /// A single-document file, read by the worker, and the id for its document.
    File(PathBuf, Option<String>),
    /// One item of a multi-document input (boxed: a `Doc` is large).
    Item(Box<Result<Doc, IngestError>>),
    /// The end of a file of this many bytes.
    End(u64),
}

/// True for formats whose files hold one document: those files are read by the workers.
fn single_doc(format: InputFormat) -> bool {
    matches!(
        format,
        InputFormat::Auto | InputFormat::Text | InputFormat::Html
    )
}

/// Gives a single-document file's document the id from the walk, unless the reader
/// found a better one (an HTML page's canonical URL).
fn with_id(
    item: Result<Doc, IngestError>,
    path: &std::path::Path,
    id: &Option<String>,
) -> Result<Doc, IngestError> {
    item.map(|mut d| {
        if let Some(id) = id {
            if d.id == sitrep_ingest::text::file_id(path) {
                d.id.clone_from(id);
            }
        }
        d
    })
}

/// Walks `sources` in order and calls `emit` on each unit; stops when `emit` says so.
fn produce(sources: Vec<Source>, opts: &ReadOptions, emit: &mut dyn FnMut(Unit) -> bool) {
    for source in sources {
        match source {
            Source::File { path, id } => {
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                match sitrep_ingest::detect::detect(&path, opts) {
                    Ok(f) if single_doc(f) => {
                        if !emit(Unit::File(path, id)) {
                            return;
                        }
                    }
                    Ok(_) => {
                        for item in sitrep_ingest::read_path(&path, opts) {
                            if !emit(Unit::Item(Box::new(item))) {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        if !emit(Unit::Item(Box::new(Err(e)))) {
                            return;
                        }
                    }
                }
                if !emit(Unit::End(size)) {
                    return;
                }
            }
            Source::Items { items, .. } => {
                for item in items {
                    if !emit(Unit::Item(Box::new(item))) {
                        return;
                    }
                }
            }
        }
    }
}

/// Reads `sources`, calls `work` on every item on `pool`'s threads, and hands the
/// results to `sink` in input order. `chunk` units are worked on at once. Returns the
/// first error of `sink` (after which nothing more is read).
pub fn run_ordered<T, E>(
    sources: Vec<Source>,
    opts: &ReadOptions,
    pool: &rayon::ThreadPool,
    chunk: usize,
    work: &(dyn Fn(Result<Doc, IngestError>) -> T + Sync),
    sink: &mut dyn FnMut(Step<T>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
{
    let chunk = chunk.max(1);
    std::thread::scope(|scope| {
        let (unit_tx, unit_rx) = sync_channel::<Vec<Unit>>(2);
        let (out_tx, out_rx) = sync_channel::<Vec<Step<T>>>(2);
        scope.spawn(move || {
            let mut buf = Vec::with_capacity(chunk);
            let mut open = true;
            produce(sources, opts, &mut |u| {
                buf.push(u);
                if buf.len() >= chunk {
                    open = unit_tx.send(std::mem::take(&mut buf)).is_ok();
                }
                open
            });
            if open && !buf.is_empty() {
                let _ = unit_tx.send(buf);
            }
        });
        scope.spawn(move || {
            for units in unit_rx.iter() {
                let steps: Vec<Vec<Step<T>>> = pool.install(|| {
                    units
                        .into_par_iter()
                        .map(|u| match u {
                            Unit::File(path, id) => sitrep_ingest::read_path(&path, opts)
                                .map(|item| Step::Item(work(with_id(item, &path, &id))))
                                .collect(),
                            Unit::Item(item) => vec![Step::Item(work(*item))],
                            Unit::End(n) => vec![Step::FileDone(n)],
                        })
                        .collect()
                });
                if out_tx.send(steps.into_iter().flatten().collect()).is_err() {
                    return; // the sink stopped
                }
            }
        });
        // `out_rx` is owned here: an early return drops it, which stops both threads.
        for steps in out_rx.iter() {
            for s in steps {
                sink(s)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(n: usize) -> DocIter {
        Box::new((0..n).map(|i| Ok(Doc::new(format!("d{i}"), format!("Text {i}.")))))
    }

    #[test]
    fn keeps_input_order_across_chunks() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("pool");
        let sources = vec![
            Source::Items {
                name: "a".into(),
                items: docs(50),
            },
            Source::Items {
                name: "b".into(),
                items: docs(7),
            },
        ];
        let mut got = Vec::new();
        run_ordered::<String, ()>(
            sources,
            &ReadOptions::default(),
            &pool,
            4,
            &|item| item.map(|d| d.id).unwrap_or_default(),
            &mut |s| {
                if let Step::Item(id) = s {
                    got.push(id);
                }
                Ok(())
            },
        )
        .expect("run");
        let want: Vec<String> = (0..50)
            .map(|i| format!("d{i}"))
            .chain((0..7).map(|i| format!("d{i}")))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_failing_sink_stops_the_run_without_hanging() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        // An endless source: only stopping the readers ends this test.
        let endless: DocIter = Box::new((0..).map(|i| Ok(Doc::new(format!("d{i}"), "x"))));
        let mut seen = 0;
        let r = run_ordered::<(), String>(
            vec![Source::Items {
                name: "endless".into(),
                items: endless,
            }],
            &ReadOptions::default(),
            &pool,
            8,
            &|_| (),
            &mut |_| {
                seen += 1;
                if seen == 20 {
                    Err("disk full".into())
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("disk full".to_string()));
    }
}
