//! The small XML helpers the hand parsers of the gold formats share (TimeML, TR-News,
//! GeoVirus): the five predefined entities decoded.

/// The five XML entities decoded (whitespace kept); `&amp;` last so `&amp;lt;` stays `&lt;`.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
