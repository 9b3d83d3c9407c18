//! Content hashes (exact re-ingest detection) and SimHash (near-duplicate detection).
//!
//! `content_hash` covers everything a reader gives (text and metadata), so re-reading
//! the same article is recognised and skipped, and a changed article gets a new hash and
//! is updated. `simhash` is a 64-bit SimHash of the text's lower-cased word 3-grams:
//! syndicated copies of one article (same body, different site furniture) land within a
//! few bits of each other, which the store finds with four 16-bit band lookups: every
//! copy within 3 bits shares a band (pigeonhole), and most within [`NEAR_DUP_BITS`] do
//! (77 % at 5 bits, 62 % at 6). Unrelated texts differ in ~32 bits; P(≤ 6) ≈ 1e-11.
//!
//! Which copy of a text is the original is decided by [`is_earlier_copy`], an order on
//! the documents themselves (publication date, then id), never on when they were stored:
//! one corpus ingested in any order, or by several processes at once, links the same
//! copies to the same originals and keeps the same events.

use sitrep_model::Doc;
use std::hash::Hasher;
use twox_hash::XxHash64;

/// Hamming distance at or below which two SimHashes count as the same article.
pub const NEAR_DUP_BITS: u32 = 6;

/// Minimum number of word 3-grams for a text to get a SimHash (shorter texts are too
/// noisy to call near-duplicates).
pub const MIN_SHINGLES: usize = 8;

/// Hex 128-bit hash (two seeded xxHash64s) of the document's text and reader metadata
/// (not its layers).
pub fn content_hash(doc: &Doc) -> String {
    let mut h = Pair(
        XxHash64::with_seed(0x5173_7265_7000_0001),
        XxHash64::with_seed(0x9e37_79b9_7f4a_7c15),
    );
    for part in [
        Some(doc.text.as_str()),
        doc.title.as_deref(),
        doc.published.as_deref(),
        doc.publisher.as_deref(),
        doc.syndicated_from.as_deref(),
        doc.url.as_deref(),
        doc.language.as_deref(),
        doc.byline.as_deref(),
    ] {
        match part {
            Some(s) => {
                h.write(&[1]);
                h.write(&(s.len() as u64).to_le_bytes());
                h.write(s.as_bytes());
            }
            None => h.write(&[0]),
        }
    }
    format!("{:016x}{:016x}", h.0.finish(), h.1.finish())
}

/// Two independent hashers fed the same bytes.
struct Pair(XxHash64, XxHash64);

impl Pair {
    fn write(&mut self, b: &[u8]) {
        self.0.write(b);
        self.1.write(b);
    }
}

/// 64-bit SimHash over lower-cased alphanumeric word 3-grams; `None` for short texts.
pub fn simhash(text: &str) -> Option<u64> {
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 5);
    let mut buf: Vec<u8> = Vec::with_capacity(32);
    let mut tmp = [0u8; 4];
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        buf.clear();
        if w.is_ascii() {
            buf.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            for c in w.chars().flat_map(char::to_lowercase) {
                buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
        words.push(XxHash64::oneshot(0, &buf));
    }
    if words.len() < MIN_SHINGLES + 2 {
        return None;
    }
    let mut counts = [0i32; 64];
    for win in words.windows(3) {
        let h = win[0] ^ win[1].rotate_left(21) ^ win[2].rotate_left(42);
        // Mix so adjacent windows sharing words still spread over all bits.
        let h = mix(h);
        for (bit, c) in counts.iter_mut().enumerate() {
            // +1 when the bit is set, -1 when not (branch-free so it vectorises).
            *c += ((h >> bit & 1) as i32) * 2 - 1;
        }
    }
    let mut out = 0u64;
    for (bit, c) in counts.iter().enumerate() {
        if *c > 0 {
            out |= 1 << bit;
        }
    }
    Some(out)
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The four 16-bit bands of a SimHash (band index, value).
pub fn bands(h: u64) -> [(i64, i64); 4] {
    [0, 1, 2, 3].map(|b| (b as i64, ((h >> (16 * b)) & 0xffff) as i64))
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// True when document `a` (publication date, id) should be the original of a text it
/// shares with document `b`: the earlier publication date wins, a dated document comes
/// before an undated one, and the smaller id (bytewise) breaks ties. A store that meets
/// a new copy which sorts before the stored original makes the new copy the original
/// (with the events) and links the old one, and its copies, to it.
pub fn is_earlier_copy(
    a_published: Option<&str>,
    a_id: &str,
    b_published: Option<&str>,
    b_id: &str,
) -> bool {
    (a_published.is_none(), a_published, a_id) < (b_published.is_none(), b_published, b_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Government forces shelled the village of Kafr Nabudah in northern Hama on \
        Tuesday, killing at least six civilians including two children, a monitoring group \
        said. The shelling came a day after rebels attacked army positions near the town, \
        according to local activists who spoke by telephone.";

    #[test]
    fn content_hash_changes_with_text_and_metadata() {
        let a = Doc::new("a", BODY);
        let b = Doc::new("b", BODY);
        assert_eq!(content_hash(&a), content_hash(&b), "id is not content");
        let c = Doc::new("a", format!("{BODY} More."));
        assert_ne!(content_hash(&a), content_hash(&c));
        let d = Doc::new("a", BODY).with_published("2019-05-01");
        assert_ne!(content_hash(&a), content_hash(&d));
        assert_eq!(content_hash(&a).len(), 32);
    }

    #[test]
    fn syndicated_copy_is_near_and_other_text_is_far() {
        let a = simhash(BODY).expect("long enough");
        let copy = simhash(&format!("{BODY} Reporting by staff.")).expect("long enough");
        assert!(
            hamming(a, copy) <= NEAR_DUP_BITS,
            "distance {}",
            hamming(a, copy)
        );
        let other = simhash(
            "Parliament approved the budget for next year after a long debate over fuel \
             subsidies and public sector wages, with the opposition voting against it and \
             promising protests in the capital next week.",
        )
        .expect("long enough");
        assert!(hamming(a, other) > 10, "distance {}", hamming(a, other));
    }

    #[test]
    fn short_texts_have_no_simhash() {
        assert_eq!(simhash("Two killed in Idlib."), None);
        assert_eq!(simhash(""), None);
    }

    #[test]
    fn bands_reassemble() {
        let h = 0x1234_5678_9abc_def0u64;
        let back = bands(h)
            .iter()
            .fold(0u64, |acc, (b, v)| acc | (*v as u64) << (16 * b));
        assert_eq!(back, h);
    }
}
