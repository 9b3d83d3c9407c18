//! Coverage of the events gold's locations by the `places` layer: for each gold event in
//! `../shared/eval/events-dev.jsonl`, is its (country, admin1) among the admin-1 values of
//! the places found in the document's text? The events stage places events with these
//! fields, so the admin-1 names must match the gold's. Skips without ../shared.
//! `PLACES_ERRORS=1 … -- --nocapture` lists the misses.

use sitrep_model::Doc;
use sitrep_nlp::places::Places;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::Stage;

#[test]
fn events_dev_admin1_coverage() {
    let Some(shared) = sitrep_nlp::testing::shared_or_skip("events_dev_admin1_coverage") else {
        return;
    };
    let st = Places::new().expect("gazetteer");
    let data = std::fs::read_to_string(shared.join("eval/events-dev.jsonl")).expect("events-dev");
    let (mut hit, mut total) = (0usize, 0usize);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let text = v["text"].as_str().unwrap_or("");
        let mut doc = Doc::new(v["id"].as_str().unwrap_or("?"), text);
        Sentences.run(&mut doc).expect("sentences");
        st.run(&mut doc).expect("places");
        let found: Vec<(Option<String>, Option<String>)> = doc
            .places
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.country, p.admin1))
            .collect();
        for e in v["events"].as_array().into_iter().flatten() {
            let (Some(cc), Some(a1)) = (e["country"].as_str(), e["admin1"].as_str()) else {
                continue;
            };
            total += 1;
            let ok = found
                .iter()
                .any(|(c, a)| c.as_deref() == Some(cc) && a.as_deref() == Some(a1));
            hit += usize::from(ok);
            if !ok && std::env::var_os("PLACES_ERRORS").is_some() {
                println!(
                    "{}\tmissing {cc}/{a1} (location {:?}); found {:?}",
                    doc.id, e["location"], found
                );
            }
        }
    }
    let rate = hit as f64 / total.max(1) as f64;
    println!("events-dev admin1 coverage: {hit}/{total} = {rate:.3}");
    assert!(total > 50 && rate >= 0.8, "coverage {rate:.3}");
}
