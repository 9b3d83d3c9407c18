//! The `times` stage's word gate (rules searched only near their gate words) must never
//! change its output: checked on the TimeML dev set (`eval/times/dev`), which is why the
//! test lives here, beside the TimeML reader, and not in `sitrep-nlp`.

use sitrep_eval::times::tml;
use sitrep_nlp::times::{extract_gated, parse_dct};

#[test]
fn the_word_gate_never_changes_the_output() {
    let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval/times/dev");
    let mut n = 0;
    for e in std::fs::read_dir(dev).expect("dev set") {
        let src = std::fs::read_to_string(e.expect("entry").path()).expect("read");
        let d = tml::parse(&src).expect("tml");
        let dct = d.dct.as_deref().and_then(parse_dct);
        let sents = sitrep_nlp::sentences::split_bytes(&d.text);
        let a = extract_gated(&d.text, dct, &sents, true).expect("gated");
        let b = extract_gated(&d.text, dct, &sents, false).expect("ungated");
        assert_eq!(a, b);
        n += a.len();
    }
    assert!(n > 50);
}
