//! The "must show": every time expression in the seed's gold file is found with
//! the gold value. Skips (with a message) when `../shared` is absent.

use sitrep_model::Doc;
use sitrep_nlp::sentences::Sentences;
use sitrep_nlp::times::Times;
use sitrep_nlp::Stage;

#[test]
fn every_seed_gold_time_is_found_with_its_value() {
    let Some(shared) =
        sitrep_nlp::testing::shared_or_skip("every_seed_gold_time_is_found_with_its_value")
    else {
        return;
    };
    let dir = shared.join("eval/seed");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("seed dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.ends_with(".gold.json") {
            continue;
        }
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read gold"))
                .expect("json");
        let text = std::fs::read_to_string(path.with_file_name(name.replace(".gold.json", ".txt")))
            .expect("seed text");
        let mut doc = Doc::new(name.clone(), text);
        doc.published = gold["published"].as_str().map(str::to_string);
        Sentences.run(&mut doc).expect("sentences");
        Times.run(&mut doc).expect("times");
        sitrep_nlp::testing::check_ranges(&doc).expect("ranges");
        let times = doc.times.as_deref().expect("times layer");
        for g in gold["times"].as_array().expect("times list") {
            let (gt, gv) = (
                g["text"].as_str().expect("text"),
                g["value"].as_str().expect("value"),
            );
            assert!(
                times.iter().any(|t| t.text == gt && t.value == gv),
                "{name}: gold time {gt:?} = {gv} not found; got {:?}",
                times
                    .iter()
                    .map(|t| (&t.text, &t.value))
                    .collect::<Vec<_>>()
            );
            checked += 1;
        }
        // Counts are not dates.
        for count in ["28", "4,000", "5,000", "8,500"] {
            assert!(
                !times.iter().any(|t| t.text.contains(count)),
                "{name}: the count {count} was read as a time"
            );
        }
    }
    assert!(checked > 0, "no seed gold times were checked");
}
