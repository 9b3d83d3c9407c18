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
use std::path::Path;

/// Reads a Telegram Desktop export (`result.json`).
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
    if let Ok(m) = file.metadata() {
        if m.len() > opts.max_bytes {
            return Box::new(std::iter::once(Err(IngestError::TooLarge {
                path: path.to_path_buf(),
                size: m.len(),
                max: opts.max_bytes,
            })));
        }
    }
    let v: Value = match serde_json::from_reader(std::io::BufReader::new(file)) {
        Ok(v) => v,
        Err(e) => {
            return Box::new(std::iter::once(Err(IngestError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "not valid JSON: {e}\nhelp: pass the `result.json` written by Telegram Desktop's \"Export chat history\" (JSON format)"
                ),
            })))
        }
    };
    Box::new(read_value(v, path, opts).into_iter())
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
    messages
        .into_iter()
        .enumerate()
        .filter_map(|(i, m)| message_doc(m, i, &channel_id, channel.as_deref(), path, opts))
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
    let date = m
        .get("date_unixtime")
        .and_then(|v| match v {
            Value::String(s) => s.trim().parse::<i64>().ok(),
            Value::Number(n) => n.as_i64(),
            _ => None,
        })
        .and_then(unix_date)
        .or_else(|| m.get("date").and_then(Value::as_str).and_then(parse_date));
    let Some(date) = date else {
        return missing("date_unixtime");
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
