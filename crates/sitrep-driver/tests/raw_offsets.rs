//! Every event's evidence maps back to the raw input: bytes of the HTML source and of a
//! JSON-lines field, whose visible text (after the cleaning rules: tags dropped,
//! entities and escapes decoded, whitespace collapsed) is the evidence text.

use sitrep_ingest::raw::{collapse, visible_of, RawMap};
use sitrep_ingest::ReadOptions;
use sitrep_model::Doc;

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Checkpoint attacks | Example Wire</title>
<meta property="article:published_time" content="2021-03-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Taliban attacks kill 11 at Helmand checkpoints</h1>
<p>LASHKAR GAH, Afghanistan &mdash; Taliban fighters attacked two police checkpoints in
Nad Ali district of Helmand province on Saturday, killing seven policemen and wounding
four, a provincial spokesman said.</p>
<p>In neighbouring Kandahar, a roadside bomb struck a minibus on the highway near the
city on March 12, killing four civilians, including two children, according to <b>police</b>.</p>
<p>&ldquo;The attackers fled,&rdquo; the spokesman said.</p></article>
<footer>Copyright Example Wire</footer></body></html>"#;

fn extract(mut d: Doc) -> Doc {
    sitrep_nlp::default_pipeline()
        .expect("pipeline")
        .run(&mut d)
        .expect("run");
    d
}

/// Every evidence passage of every event is found in `raw`, inside the byte range
/// `within` (the article body or the JSON field's value), nearest to its proportional
/// position as `docs show --raw` looks for it, and reads back as the passage.
fn check(
    doc: &Doc,
    map: &RawMap,
    raw: &str,
    within: std::ops::Range<usize>,
    visible: &dyn Fn(&str) -> String,
) -> usize {
    let events = doc.events.as_deref().expect("events layer");
    assert!(!events.is_empty(), "the article has events");
    let chars = doc.text.chars().count().max(1);
    let mut n = 0;
    for e in events {
        for sp in &e.evidence {
            let passage = doc.span_text(*sp);
            let near = sp.start * map.visible.len() / chars;
            let r = map
                .locate(passage, near)
                .unwrap_or_else(|| panic!("evidence {passage:?} not found in the raw input"));
            assert!(
                within.start <= r.start && r.end <= within.end,
                "evidence {passage:?} at raw {r:?}, outside {within:?}"
            );
            assert_eq!(visible(&raw[r.clone()]), collapse(passage), "raw {r:?}");
            n += 1;
        }
    }
    n
}

#[test]
fn evidence_maps_to_raw_html_bytes() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("page.html");
    std::fs::write(&p, PAGE).expect("write");
    let doc = sitrep_ingest::read_path(&p, &ReadOptions::default())
        .next()
        .expect("one doc")
        .expect("read");
    let doc = extract(doc);
    let map = RawMap::of_html(PAGE);
    let body = PAGE.find("<article>").expect("article")..PAGE.find("</article>").expect("end");
    let n = check(&doc, &map, PAGE, body, &|s| visible_of(s));
    assert!(n >= 2, "{n} evidence spans checked");
}

#[test]
fn evidence_maps_to_a_jsonl_field() {
    let text = "Taliban fighters attacked two police checkpoints in Nad Ali district of Helmand province on Saturday, killing seven policemen and wounding four, a provincial spokesman said.\n\n\u{201c}The attackers fled,\u{201d} the spokesman said.";
    let line = serde_json::json!({"id": "h1", "published": "2021-03-14", "text": text}).to_string();
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a.jsonl");
    std::fs::write(&p, format!("{line}\n")).expect("write");
    let doc = sitrep_ingest::read_path(&p, &ReadOptions::default())
        .next()
        .expect("one doc")
        .expect("read");
    let doc = extract(doc);
    let map = RawMap::of_jsonl_field(&line, "text").expect("field");
    let decode = |raw: &str| {
        let s: String = serde_json::from_str(&format!("\"{raw}\"")).expect("json string");
        collapse(&s)
    };
    let key = "\"text\":\"";
    let value = line.find(key).expect("text field") + key.len()..line.len() - 2;
    assert!(
        line[value.end..].starts_with("\"}"),
        "text is the last field: {line}"
    );
    let n = check(&doc, &map, &line, value, &decode);
    assert!(n >= 1);
}
