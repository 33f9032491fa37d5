//! A file growing through each band reports each crossing in order; a configuration change
//! re-judges the model live, and a broken one is reported while the last good one stays.

use crate::support as watch_support;

use seamline::bands::{Band, Metric};
use seamline::engine::Notice;
use watch_support::{rust_lines, Harness};

#[test]
fn a_file_growing_through_each_band_reports_each_crossing_in_order() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "src/app.rs", &rust_lines(300)),
        |_| {},
    );
    let mut seen = Vec::new();
    for (lines, band) in [
        (400, Band::Watch),
        (450, Band::Review),
        (475, Band::Emergency),
        (503, Band::Freeze),
    ] {
        h.write("src/app.rs", &rust_lines(lines));
        let b = h.wait_band(band.as_str(), |b| b.path == "src/app.rs" && b.to == band);
        assert_eq!(
            (b.metric, b.value, b.limit),
            (Metric::FileLines, lines as u32, 500)
        );
        seen.push((b.from, b.to));
    }
    assert_eq!(
        seen,
        [
            (Band::Ok, Band::Watch),
            (Band::Watch, Band::Review),
            (Band::Review, Band::Emergency),
            (Band::Emergency, Band::Freeze)
        ]
    );
    // The session saw it all.
    let delta = h.engine.latest().delta().expect("session");
    assert_eq!(delta.worsened.len(), 1);
    assert_eq!(
        delta.worsened[0].after.as_ref().map(|a| a.band),
        Some(Band::Freeze)
    );
}

#[test]
fn a_config_change_rejudges_live_and_a_broken_one_keeps_the_last_good() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "src/app.rs", &rust_lines(520)),
        |_| {},
    );
    h.write(".seamline.toml", "[limits]\nfile_lines = 1000\n");
    let b = h.wait_band("freeze → ok", |b| b.path == "src/app.rs");
    assert_eq!((b.from, b.to, b.limit), (Band::Freeze, Band::Ok, 1000));
    assert!(h.seen.iter().any(|n| matches!(n, Notice::Config { .. })));
    assert_eq!(h.engine.latest().config.limits.get(Metric::FileLines), 1000);
    h.write(".seamline.toml", "[limits]\nfile_lnes = 400\n");
    let n = h.wait_notice("error", |n| matches!(n, Notice::Error { .. }));
    let Notice::Error { message } = n else {
        unreachable!()
    };
    assert!(
        message.contains("file_lnes") && message.contains("file_lines"),
        "{message}"
    );
    assert_eq!(h.engine.latest().config.limits.get(Metric::FileLines), 1000);
    // Growing still reports against the good config.
    h.write("src/app.rs", &rust_lines(960));
    let b = h.wait_band("emergency", |b| b.path == "src/app.rs");
    assert_eq!((b.to, b.limit), (Band::Emergency, 1000));
}
