//! Issue 15: `sitrep report` writes one self-contained HTML file (timeline, provinces,
//! map, top incidents with sources, trend table) that a real browser renders with data.
//!
//! The database is built by `sitrep ingest` from the wire-style fixtures in
//! `tests/fixtures/incidents/` plus one hostile article written for this test. The browser
//! step runs headless Chromium (`SITREP_CHROMIUM`, else `/usr/bin/chromium`) and skips
//! with a visible message when there is none.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{cmd:?} failed:\n{err}");
    err
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let p = Path::new("/usr/bin/chromium");
    p.exists().then(|| p.to_path_buf())
}

/// A wire-style article whose publisher and text carry markup.
const HOSTILE: &str = r#"{"id":"hostile-wire","url":"https://example.org/hostile","publisher":"<script>alert('x')</script> & Co","published":"2019-01-20","title":"Shelling kills four in Idlib","text":"IDLIB, Syria, Jan. 20 (<b>Wire</b>) - Government artillery shelled the town of Maarat al-Numan in Idlib province on Sunday, killing four civilians, a local monitor said. \"<img src=x onerror=alert(1)>\" was written on a wall nearby."}"#;

#[test]
fn report_is_self_contained_and_renders_with_data() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("t.db");
    let hostile = dir.path().join("hostile.jsonl");
    std::fs::write(&hostile, format!("{HOSTILE}\n")).expect("write");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incidents/reports.jsonl");
    for f in [&fixture, &hostile] {
        ok(sitrep()
            .arg("ingest")
            .arg(f)
            .arg("--db")
            .arg(&db)
            .args(["--jobs", "1"]));
    }
    let html_path = dir.path().join("report.html");
    ok(sitrep()
        .args(["report", "--every", "week", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&html_path));
    let html = std::fs::read_to_string(&html_path).expect("report written");

    // Self-contained: nothing is loaded from elsewhere.
    for bad in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "<script",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(bad), "report loads `{bad}`");
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    // Charts with data: incident circles on the map, bars, the sections.
    assert!(html.matches("<svg").count() >= 3);
    let circles = html.matches("<circle class=\"incident\"").count();
    assert!(circles >= 4, "{circles} incident circles");
    assert!(html.matches("<rect class=\"bar\"").count() >= 3);
    for section in [
        "Timeline",
        "By province",
        "Map",
        "Top incidents",
        "Trend by country",
    ] {
        assert!(html.contains(&format!("<h2>{section}</h2>")), "{section}");
    }
    // The Manbij outlets are listed as sources; Natural Earth outlines are drawn.
    assert!(html.contains("northwire.example"));
    assert!(html.contains("<path fill=\"#f4f1e8\""));
    // Hostile text is escaped wherever it shows.
    assert!(!html.contains("<img"));
    if html.contains("hostile-wire") {
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"),
            "publisher escaped"
        );
    } else {
        eprintln!("note: the extractor found no event in the hostile article");
    }

    // A filter narrows the report; a bad period names the flag.
    let out = dir.path().join("raqqa.html");
    ok(sitrep()
        .args(["report", "--admin1", "Ar-Raqqah", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&out));
    let raqqa = std::fs::read_to_string(&out).expect("filtered report");
    assert!(!raqqa.contains("northwire.example, levant"));
    assert_eq!(raqqa.matches("<circle class=\"incident\"").count(), 1);
    let bad = sitrep()
        .args(["report", "--every", "fortnight", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--every"));

    // A real browser renders it: a screenshot that is not blank and has colours.
    let Some(chrome) = chromium() else {
        eprintln!("skipping the browser check: no Chromium (set SITREP_CHROMIUM)");
        return;
    };
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let shot = shots.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let status = Command::new(&chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html_path.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.exists(),
        "no screenshot from {}: {}",
        chrome.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let px = match info.color_type {
        png::ColorType::Rgba => 4,
        png::ColorType::Rgb => 3,
        other => panic!("unexpected colour type {other:?}"),
    };
    let data = &buf[..info.buffer_size()];
    let (mut ink, mut colours) = (0usize, HashSet::new());
    for p in data.chunks_exact(px) {
        if p[..3].iter().any(|&c| c < 240) {
            ink += 1;
        }
        colours.insert((p[0] >> 3, p[1] >> 3, p[2] >> 3));
    }
    let share = ink as f64 / (data.len() / px) as f64;
    eprintln!(
        "screenshot {}: {:.0}% non-white, {} colours",
        shot.display(),
        share * 100.0,
        colours.len()
    );
    assert!(share > 0.2, "screenshot nearly blank: {share}");
    assert!(colours.len() > 50, "only {} colours", colours.len());
    // The chart colours are on screen: timeline blue, deaths red, province orange.
    for (name, rgb) in [
        ("blue", (0x33, 0x66, 0xaa)),
        ("red", (0xcc, 0x33, 0x33)),
        ("orange", (0xe0, 0x8a, 0x2c)),
    ] {
        let n = data
            .chunks_exact(px)
            .filter(|p| (p[0], p[1], p[2]) == rgb)
            .count();
        assert!(n > 500, "{name} chart bars: {n} pixels");
    }
}
