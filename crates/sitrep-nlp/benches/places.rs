//! Criterion benches for the `places` stage: gazetteer load time (decompress + build the
//! lookup tables) and per-document cost on a wire-style text written for this bench.

use criterion::{criterion_group, criterion_main, Criterion};
use sitrep_model::Doc;
use sitrep_nlp::places::gazetteer::Gazetteer;
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

fn bench(c: &mut Criterion) {
    c.bench_function("places/gazetteer_load", |b| {
        b.iter(|| {
            let g = Gazetteer::from_gz(black_box(Gazetteer::builtin_data())).expect("loads");
            assert!(g.entries.len() > 200_000);
            g
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
