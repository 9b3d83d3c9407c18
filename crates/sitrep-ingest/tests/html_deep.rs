//! Deeply nested HTML: 100,000 nested `<div>`s are read in linear time, without
//! overflowing the stack, and the text inside is kept.

use sitrep_ingest::html;
use std::time::Instant;

fn page(depth: usize) -> String {
    format!(
        "<html><head><title>Deep</title></head><body>{}<p>Gunmen killed two guards at a checkpoint near the border crossing on Sunday, police said.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn a_hundred_thousand_nested_divs() {
    let started = Instant::now();
    let ex = html::extract(&page(100_000), None);
    let secs = started.elapsed().as_secs_f64();
    assert!(
        ex.text.contains("Gunmen killed two guards"),
        "{:?}",
        ex.text
    );
    assert!(secs < 30.0, "took {secs:.1}s");
}

#[test]
fn time_grows_linearly_with_depth() {
    // Quadratic growth would make 8x the depth cost 64x the time; linear about 8x.
    let time = |d: usize| {
        let p = page(d);
        let started = Instant::now();
        let ex = html::extract(&p, None);
        assert!(ex.text.contains("Gunmen"));
        started.elapsed().as_secs_f64()
    };
    let small = time(5_000).max(time(5_000)).max(1e-3);
    let big = time(40_000);
    assert!(
        big < small * 30.0,
        "depth 5,000: {small:.3}s, depth 40,000: {big:.3}s"
    );
}
