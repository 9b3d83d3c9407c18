//! Telegram Desktop channel export reader (`result.json`): one document per message.
//!
//! The export is one JSON object with the channel's `name`, `id` and a `messages` array.
//! A message's `text` is either a string or an array of strings and entity objects
//! (`{"type": "bold", "text": "…"}`), concatenated here. The date comes from
//! `date_unixtime` (UTC; Telegram Desktop has written it since 2021), else the local
//! `date`. Service messages (`"type": "service"`) and media-only posts without text are
//! passed over; a message missing its `id` or date is reported with its position and the
//! rest go in. Id = `telegram:<channel id>/<message id>`, stable across re-exports.

use crate::date::{parse_date, unix_date};
use crate::{DocIter, IngestError, ReadOptions};
use serde_json::Value;
use sitrep_model::Doc;
use std::path::{Path, PathBuf};

/// Reads a Telegram Desktop export (`result.json`), streaming: the file is parsed on a
/// helper thread one message at a time and handed over through a small bounded channel,
/// so an export of several GB never sits in memory (no whole-file size cap applies).
/// Telegram Desktop writes the channel's `name` and `id` before `messages`, which the
/// ids need.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(source) => {
            return Box::new(std::iter::once(Err(IngestError::Io {
                path: path.to_path_buf(),
                source,
            })))
        }
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Doc, IngestError>>(64);
    let (path, opts) = (path.to_path_buf(), opts.clone());
    let spawned = std::thread::Builder::new()
        .name("telegram-reader".into())
        .spawn(move || {
            let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(file));
            let mut state = Export {
                path: &path,
                opts: &opts,
                channel: None,
                channel_id: None,
                saw_messages: false,
                seen: Seen::default(),
                tx: &tx,
            };
            let r = serde::Deserializer::deserialize_map(&mut de, &mut state);
            let saw = state.saw_messages;
            let err = match r {
                Ok(()) if saw => None,
                Ok(()) => Some(not_export(&path, "it has no `messages` array")),
                Err(e) if e.to_string().starts_with(STOPPED) => None,
                Err(e) if e.is_data() && !saw => Some(not_export(&path, "the top level is not a JSON object")),
                Err(e) => Some(IngestError::Format {
                    path: path.clone(),
                    message: format!(
                        "not valid JSON: {e}\nhelp: pass the `result.json` written by Telegram Desktop's \"Export chat history\" (JSON format)"
                    ),
                }),
            };
            if let Some(e) = err {
                let _ = tx.send(Err(e));
            }
        });
    if let Err(e) = spawned {
        return Box::new(std::iter::once(Err(IngestError::Format {
            path: PathBuf::new(),
            message: format!("cannot start a reader thread: {e}"),
        })));
    }
    Box::new(rx.into_iter())
}

/// The error text that stops parsing when the reader is dropped.
const STOPPED: &str = "sitrep: reader stopped";

/// Streaming state: the channel's name and id, then one message at a time.
struct Export<'a> {
    path: &'a Path,
    opts: &'a ReadOptions,
    channel: Option<String>,
    channel_id: Option<String>,
    saw_messages: bool,
    seen: Seen,
    tx: &'a std::sync::mpsc::SyncSender<Result<Doc, IngestError>>,
}

impl<'de> serde::de::Visitor<'de> for &mut Export<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Telegram export object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => self.channel = map.next_value::<Option<String>>()?,
                "id" => {
                    let v: Value = map.next_value()?;
                    self.channel_id = Some(match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    });
                }
                "messages" => {
                    self.saw_messages = true;
                    map.next_value_seed(Messages(self))?;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `messages` array, visited element by element.
struct Messages<'s, 'a>(&'s mut Export<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for Messages<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Messages<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of messages")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let e = self.0;
        let channel_id = e
            .channel_id
            .clone()
            .or_else(|| e.channel.clone())
            .unwrap_or_else(|| "unknown".into());
        let mut i = 0;
        while let Some(m) = seq.next_element::<Value>()? {
            let item = message_doc(m, i, &channel_id, e.channel.as_deref(), e.path, e.opts);
            i += 1;
            for out in e.seen.check(item) {
                if e.tx.send(out).is_err() {
                    return Err(serde::de::Error::custom(STOPPED));
                }
            }
        }
        Ok(())
    }
}

/// Message ids met so far in one export, to report a repeated id instead of letting the
/// second message replace the first. Telegram ids are integers that increase through
/// an export, so they are kept as a set of ranges (one range per gap), which stays
/// small however long the export; other ids are kept as they are.
#[derive(Default)]
struct Seen {
    ranges: std::collections::BTreeMap<u64, u64>,
    other: std::collections::HashMap<String, usize>,
}

impl Seen {
    /// How many times `id` has now been met (1 the first time).
    fn count(&mut self, id: &str) -> usize {
        let num = id
            .rsplit_once('/')
            .map_or(id, |(_, n)| n)
            .parse::<u64>()
            .ok();
        let Some(n) = num else {
            let c = self.other.entry(id.to_string()).or_insert(0);
            *c += 1;
            return *c;
        };
        // The range that could hold n: the last one starting at or before it.
        if let Some((&s, &e)) = self.ranges.range(..=n).next_back() {
            if n <= e {
                let c = self.other.entry(id.to_string()).or_insert(1);
                *c += 1;
                return *c;
            }
            if Some(n) == e.checked_add(1) {
                // Extend it, and merge with the next range when they touch.
                let mut end = n;
                if let Some(next) = n.checked_add(1) {
                    if let Some(ne) = self.ranges.get(&next).copied() {
                        self.ranges.remove(&next);
                        end = ne;
                    }
                }
                self.ranges.insert(s, end);
                return 1;
            }
        }
        let next = n.checked_add(1).and_then(|k| self.ranges.get(&k).copied());
        match next {
            Some(ne) => {
                self.ranges.remove(&(n + 1));
                self.ranges.insert(n, ne);
            }
            None => {
                self.ranges.insert(n, n);
            }
        }
        1
    }

    /// The results for one message: it as is, or, for a repeated id, a report and the
    /// message kept under `ID#n`.
    fn check(&mut self, item: Option<Result<Doc, IngestError>>) -> Vec<Result<Doc, IngestError>> {
        let Some(item) = item else { return Vec::new() };
        let Ok(mut doc) = item else {
            return vec![item];
        };
        let n = self.count(&doc.id);
        if n == 1 {
            return vec![Ok(doc)];
        }
        let report = IngestError::Item {
            location: doc.source.clone().unwrap_or_default(),
            message: format!(
                "message id repeats an earlier message of this export; kept as `{}#{n}`\nhelp: check the export was not merged from two exports",
                doc.id
            ),
        };
        doc.id = format!("{}#{n}", doc.id);
        vec![Err(report), Ok(doc)]
    }
}

/// Turns a parsed export into per-message results.
pub fn read_value(v: Value, path: &Path, opts: &ReadOptions) -> Vec<Result<Doc, IngestError>> {
    let Value::Object(mut top) = v else {
        return vec![Err(not_export(path, "the top level is not a JSON object"))];
    };
    let Some(Value::Array(messages)) = top.remove("messages") else {
        return vec![Err(not_export(path, "it has no `messages` array"))];
    };
    let channel = top.get("name").and_then(Value::as_str).map(str::to_string);
    let channel_id = top
        .get("id")
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .or_else(|| channel.clone())
        .unwrap_or_else(|| "unknown".into());
    let mut seen = Seen::default();
    messages
        .into_iter()
        .enumerate()
        .flat_map(|(i, m)| {
            seen.check(message_doc(
                m,
                i,
                &channel_id,
                channel.as_deref(),
                path,
                opts,
            ))
        })
        .collect()
}

fn not_export(path: &Path, why: &str) -> IngestError {
    IngestError::Format {
        path: path.to_path_buf(),
        message: format!(
            "not a Telegram channel export: {why}\nhelp: pass the `result.json` of one channel exported by Telegram Desktop"
        ),
    }
}

/// Concatenates a `text` field: a string, or an array of strings and entity objects.
pub fn message_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    Value::String(s) => out.push_str(s),
                    Value::Object(o) => {
                        if let Some(t) = o.get("text").and_then(Value::as_str) {
                            out.push_str(t);
                        }
                    }
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn message_doc(
    m: Value,
    index: usize,
    channel_id: &str,
    channel: Option<&str>,
    path: &Path,
    opts: &ReadOptions,
) -> Option<Result<Doc, IngestError>> {
    let id = m.get("id").and_then(|v| match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    });
    let location = match &id {
        Some(id) => format!("{}#message {id}", path.display()),
        None => format!("{}#messages[{index}]", path.display()),
    };
    let kind = m.get("type").and_then(Value::as_str).unwrap_or("message");
    if kind != "message" {
        return None;
    }
    let missing = |field: &str| {
        Some(Err(IngestError::Item {
            location: location.clone(),
            message: format!(
                "message has no `{field}` field; skipped\nhelp: re-export the channel with Telegram Desktop (JSON format) or fix the message"
            ),
        }))
    };
    let Some(id) = id else {
        return missing("id");
    };
    let unix = |v: &Value| match v {
        Value::String(s) => s.trim().parse::<i64>().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    let date = m
        .get("date_unixtime")
        .and_then(unix)
        .and_then(unix_date)
        .or_else(|| match m.get("date") {
            Some(Value::String(s)) => parse_date(s),
            // Some tools write `date` as a Unix time.
            Some(v @ Value::Number(_)) => unix(v).and_then(unix_date),
            _ => None,
        });
    let Some(date) = date else {
        return match (m.get("date_unixtime"), m.get("date")) {
            (None, None) => missing("date_unixtime` or `date"),
            (u, d) => Some(Err(IngestError::Item {
                location: location.clone(),
                message: format!(
                    "message date is not a date (date_unixtime: {}, date: {}); skipped\nhelp: `date_unixtime` is seconds since 1970, `date` is like 2021-03-04T10:00:00",
                    u.map_or("absent".to_string(), Value::to_string),
                    d.map_or("absent".to_string(), Value::to_string)
                ),
            })),
        };
    };
    let Some(text) = m.get("text").and_then(message_text) else {
        return missing("text");
    };
    let text = text.trim();
    if text.is_empty() {
        return None; // a photo or file without a caption
    }
    let mut doc = Doc::new(format!("telegram:{channel_id}/{id}"), text);
    doc.published = Some(opts.published.clone().unwrap_or(date));
    doc.publisher = channel.map(str::to_string);
    doc.source = Some(location);
    // The same cleaning (and language detection) as every other reader.
    Some(crate::clean::finish_doc(doc, opts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_and_entity_texts() {
        let v = json!({"name": "Chan", "id": 42, "messages": [
            {"id": 1, "type": "message", "date_unixtime": "1491350400", "text": "Plain text."},
            {"id": 2, "type": "message", "date_unixtime": "1491350400",
             "text": ["Shelling in ", {"type": "bold", "text": "Idlib"}, " today."]},
            {"id": 3, "type": "service", "date_unixtime": "1491350400", "text": ""},
            {"id": 4, "type": "message", "date_unixtime": "1491350400", "text": ""}
        ]});
        let docs: Vec<_> = read_value(v, Path::new("r.json"), &ReadOptions::default());
        assert_eq!(docs.len(), 2);
        let d = docs[1].as_ref().expect("ok");
        assert_eq!(d.text, "Shelling in Idlib today.");
        assert_eq!(d.id, "telegram:42/2");
        assert_eq!(d.published.as_deref(), Some("2017-04-05"));
    }

    #[test]
    fn seen_ids_are_ranges_that_catch_every_repeat() {
        let mut seen = Seen::default();
        for id in [1u64, 2, 3, 7, 5, 6, 4, 10, u64::MAX, 0] {
            assert_eq!(seen.count(&format!("t:1/{id}")), 1, "{id} is new");
        }
        assert_eq!(seen.ranges.len(), 3, "{:?}", seen.ranges); // 0-7, 10, MAX
        assert_eq!(seen.count("t:1/5"), 2);
        assert_eq!(seen.count("t:1/5"), 3);
        assert_eq!(seen.count(&format!("t:1/{}", u64::MAX)), 2);
        assert_eq!(seen.count("t:1/11"), 1);
    }

    #[test]
    fn a_repeated_message_id_is_reported_and_both_are_kept() {
        let v = json!({"name": "Chan", "id": 42, "messages": [
            {"id": 5, "type": "message", "date_unixtime": "1491350400", "text": "First post about the shelling."},
            {"id": 5, "type": "message", "date_unixtime": "1491350400", "text": "Second post about the airstrike."}
        ]});
        let items = read_value(v, Path::new("r.json"), &ReadOptions::default());
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].as_ref().expect("first").id, "telegram:42/5");
        let e = items[1].as_ref().expect_err("reported").to_string();
        assert!(
            e.contains("repeats") && e.contains("r.json#message 5"),
            "{e}"
        );
        let second = items[2].as_ref().expect("second kept");
        assert_eq!(second.id, "telegram:42/5#2");
        assert!(second.text.contains("airstrike"));
    }

    #[test]
    fn an_integer_date_is_read_as_unix_time_and_a_bad_one_is_named() {
        let v = json!({"id": 1, "messages": [
            {"id": 1, "type": "message", "date": 1491350400, "text": "Shelling in Idlib today."},
            {"id": 2, "type": "message", "date": true, "text": "Shelling in Idlib today."}
        ]});
        let items = read_value(v, Path::new("r.json"), &ReadOptions::default());
        assert_eq!(
            items[0].as_ref().expect("ok").published.as_deref(),
            Some("2017-04-05")
        );
        let e = items[1].as_ref().expect_err("bad date").to_string();
        assert!(e.contains("not a date") && e.contains("date: true"), "{e}");
    }

    #[test]
    fn missing_date_is_an_item_error() {
        let v = json!({"messages": [{"id": 9, "type": "message", "text": "x"}]});
        let docs = read_value(v, Path::new("r.json"), &ReadOptions::default());
        let e = docs[0].as_ref().expect_err("error").to_string();
        assert!(
            e.contains("r.json#message 9") && e.contains("date_unixtime"),
            "{e}"
        );
    }
}
