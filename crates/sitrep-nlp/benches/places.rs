//! Criterion benches for the `places` stage: gazetteer load time (decompress + build the
//! lookup tables) and per-document cost on a wire-style text written for this bench.
//!
//! Before the criterion runs it loads the built-in gazetteer once, as a process does on
//! first use, and prints that cold load time and the process's peak resident memory
//! (`VmHWM`), against the budgets (load < 200 ms, peak RSS < 300 MB).

use criterion::{criterion_group, criterion_main, Criterion};
use sitrep_model::Doc;
use sitrep_nlp::places::gazetteer::{decompress, Gazetteer};
use sitrep_nlp::places::Places;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::Stage;
use std::hint::black_box;

const TEXT: &str = "KABUL, Afghanistan — Taliban fighters attacked checkpoints in central Bamyan \
Province and northeastern Badakhshan Province overnight, officials said on Sunday, as peace \
talks between the Afghan government and the insurgents continued in Doha, Qatar.\n\
The provincial governor's spokesman said the attacks near Bamiyan city killed four police \
officers. In southern Afghanistan, militants stormed security posts in Kandahar and Helmand, \
killing 28 policemen, according to the Interior Ministry.\n\
Meanwhile in Syria, airstrikes hit the city of Idlib and villages in the Aleppo countryside, \
the Syrian Observatory for Human Rights said. Russian and Turkish officials met in Ankara to \
discuss the ceasefire in northern Syria, while Washington urged restraint.\n\
Residents of Deir ez-Zor and Raqqa reported clashes between Kurdish-led forces and Islamic \
State cells. Refugees continued to cross into Jordan and Lebanon, the UN said in Geneva.";

/// Peak resident set size of this process in MB (Linux `VmHWM`), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time of this process in ms (Linux `/proc/self/stat` utime + stime, 10 ms ticks),
/// which holds on a machine other tenants load, unlike wall time.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn cold_load() {
    let c0 = cpu_ms().unwrap_or(f64::NAN);
    let t0 = std::time::Instant::now();
    let g = Gazetteer::get().expect("gazetteer");
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    let cpu = cpu_ms().unwrap_or(f64::NAN) - c0;
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "places/gazetteer cold load: {cpu:.0} ms CPU, {ms:.0} ms wall (budget 200 ms), {} \
         entries, {} names; peak RSS after load {rss:.0} MB (budget 300 MB)",
        g.entries.len(),
        g.name_count()
    );
}

fn bench(c: &mut Criterion) {
    cold_load();
    c.bench_function("places/gazetteer_load", |b| {
        b.iter(|| {
            let text = decompress(black_box(Gazetteer::builtin_data())).expect("gunzips");
            let g = Gazetteer::from_tsv(&text).expect("loads");
            assert!(g.entries.len() > 200_000);
            g.name_count()
        })
    });
    c.bench_function("places/gazetteer_gunzip_only", |b| {
        b.iter(|| {
            let text = decompress(black_box(Gazetteer::builtin_data())).expect("gunzips");
            assert!(text.len() > 10_000_000);
            text.len()
        })
    });
    let st = Places::new().expect("gazetteer");
    c.bench_function("places/per_document", |b| {
        b.iter(|| {
            let mut doc = Doc::new("bench", black_box(TEXT));
            Sentences.run(&mut doc).expect("sentences");
            st.run(&mut doc).expect("places");
            let n = doc.places.as_ref().map_or(0, Vec::len);
            assert!(n >= 15, "{n}");
            n
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
