//! Telegram Desktop export on a fixture: string and entity-array texts, service and
//! media-only messages passed over, a message missing its date reported.

use sitrep_ingest::{telegram, IngestError, ReadOptions};
use std::path::Path;

#[test]
fn channel_export() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/telegram/result.json");
    let items: Vec<_> = telegram::read_path(&p, &ReadOptions::default()).collect();
    assert_eq!(items.len(), 3, "{items:?}");
    let a = items[0].as_ref().expect("string text");
    assert_eq!(a.id, "telegram:1234567890/102");
    assert_eq!(a.published.as_deref(), Some("2023-10-01"));
    assert_eq!(a.publisher.as_deref(), Some("Example Frontline Updates"));
    let b = items[1].as_ref().expect("entity array text");
    assert_eq!(
        b.text,
        "BREAKING: a drone strike on a fuel depot near #Example killed three workers, the regional governor said. https://example.org/report"
    );
    assert_eq!(b.published.as_deref(), Some("2023-10-02"));
    let e = items[2].as_ref().expect_err("missing date");
    assert!(matches!(e, IngestError::Item { .. }));
    let msg = e.to_string();
    assert!(
        msg.contains("result.json#message 105") && msg.contains("help:"),
        "{msg}"
    );
}

#[test]
fn not_an_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("result.json");
    std::fs::write(&p, r#"{"chats": 3}"#).expect("write");
    let items: Vec<_> = telegram::read_path(&p, &ReadOptions::default()).collect();
    assert!(items[0]
        .as_ref()
        .expect_err("err")
        .to_string()
        .contains("no `messages` array"));
    std::fs::write(&p, "{ not json").expect("write");
    let items: Vec<_> = telegram::read_path(&p, &ReadOptions::default()).collect();
    assert!(matches!(items[0], Err(IngestError::Format { .. })));
}

proptest::proptest! {
    #[test]
    fn arbitrary_messages_never_panic(id in proptest::option::of(0i64..1000), date in proptest::option::of("[0-9a-z-]{0,12}"), text in proptest::option::of("\\PC{0,20}"), entity in proptest::bool::ANY) {
        let mut m = serde_json::Map::new();
        if let Some(i) = id { m.insert("id".into(), i.into()); }
        if let Some(d) = date { m.insert("date_unixtime".into(), d.into()); }
        if let Some(t) = text {
            let v = if entity { serde_json::json!([t, {"type": "bold", "text": "x"}, 5]) } else { t.into() };
            m.insert("text".into(), v);
        }
        let v = serde_json::json!({"name": "c", "messages": [serde_json::Value::Object(m), 3, "x"]});
        let _ = telegram::read_value(v, Path::new("r.json"), &ReadOptions::default());
    }
}
