//! Config tests: layering and precedence, per-path overrides, and every kind of error with its
//! file, line and suggestion.

use super::*;
use crate::bands::{Band, Metric, Policy};

fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn load(
    root: &Path,
    user: Option<PathBuf>,
    flag: Option<PathBuf>,
    limits: &[&str],
) -> Result<Config, ConfigErrors> {
    Config::load(&LoadOptions {
        root: root.to_path_buf(),
        user_file: user,
        config_file: flag,
        limit_flags: limits.iter().map(|s| s.to_string()).collect(),
    })
}

#[test]
fn defaults_match_the_design() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = load(tmp.path(), None, None, &[]).unwrap();
    assert_eq!(cfg.limits, crate::bands::Limits::default());
    assert_eq!(cfg.levels, crate::bands::BandLevels::default());
    assert_eq!(cfg.fail_at, Band::Freeze);
    assert_eq!(
        cfg.origin("limits.file_lines").unwrap().layer,
        Layer::Default
    );
}

#[test]
fn layers_apply_in_order_and_record_origins() {
    let tmp = tempfile::tempdir().unwrap();
    let user = write(
        tmp.path(),
        "user.toml",
        "[limits]\nfile_lines = 450\ncognitive = 20\nparams = 5\n",
    );
    write(
        tmp.path(),
        ".seamline.toml",
        "# repo\n[limits]\nfile_lines = 400\ncognitive = 25\n",
    );
    let flag = write(tmp.path(), "ci.toml", "[limits]\nfile_lines = 300\n");
    let cfg = load(tmp.path(), Some(user), Some(flag), &["file_lines=250"]).unwrap();
    assert_eq!(cfg.limits.get(Metric::FileLines), 250);
    assert_eq!(cfg.limits.get(Metric::Cognitive), 25);
    assert_eq!(cfg.limits.get(Metric::Params), 5);
    assert_eq!(cfg.limits.get(Metric::Nesting), 4);
    assert_eq!(
        cfg.origin("limits.file_lines").unwrap().layer,
        Layer::CommandLine
    );
    let cog = cfg.origin("limits.cognitive").unwrap();
    assert_eq!((cog.layer, cog.line), (Layer::Repo, 4));
    assert!(cog.name.ends_with(".seamline.toml"));
    assert_eq!(cfg.origin("limits.params").unwrap().layer, Layer::User);
}

#[test]
fn overrides_match_globs_and_later_ones_win() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        ".seamline.toml",
        "[[override]]\npaths = [\"tests/**\", \"*.gen.rs\"]\nfile_lines = 1000\n\n\
         [[override]]\npaths = [\"tests/big/**\"]\nfile_lines = 2000\ncognitive = 30\n",
    );
    let cfg = load(tmp.path(), None, None, &[]).unwrap();
    assert_eq!(cfg.limits("tests/a.rs").get(Metric::FileLines), 1000);
    assert_eq!(cfg.limits("tests/big/b.rs").get(Metric::FileLines), 2000);
    assert_eq!(cfg.limits("tests/big/b.rs").get(Metric::Cognitive), 30);
    assert_eq!(cfg.limits("src/a.rs").get(Metric::FileLines), 500);
    assert_eq!(cfg.limits("x.gen.rs").get(Metric::FileLines), 1000);
    // `*` does not cross directories.
    assert_eq!(cfg.limits("src/x.gen.rs").get(Metric::FileLines), 500);
}

fn errors_of(text: &str) -> Vec<ConfigError> {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), ".seamline.toml", text);
    load(tmp.path(), None, None, &[]).unwrap_err().0
}

#[test]
fn unknown_keys_name_file_line_and_nearest_key() {
    let e = errors_of("[limits]\nfile_lines = 400\nfile_line = 300\n\n[limit]\nx = 1\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].file.ends_with(".seamline.toml"));
    assert_eq!(e[0].line, 3);
    assert!(
        e[0].message
            .contains("unknown key `file_line` in [limits]; did you mean `file_lines`?"),
        "{}",
        e[0].message
    );
    assert_eq!(e[1].line, 5);
    assert!(
        e[1].message.contains("did you mean `limits`?"),
        "{}",
        e[1].message
    );
}

#[test]
fn wrong_types_and_values_are_reported() {
    let e = errors_of("[limits]\nfile_lines = \"500\"\nparams = -1\n[check]\nfail_at = \"melting\"\n[scan]\nlanguages = [\"rust\", \"pyton\"]\n");
    let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 3, 5, 7], "{e:?}");
    assert!(
        e[0].message.contains("must be a whole number"),
        "{}",
        e[0].message
    );
    assert!(e[0].message.contains("found string"), "{}", e[0].message);
    assert!(e[2].message.contains("\"watch\""), "{}", e[2].message);
    assert!(
        e[3].message.contains("did you mean `python`?"),
        "{}",
        e[3].message
    );
}

#[test]
fn bad_globs_and_band_order_and_syntax() {
    let e = errors_of("[scan]\nignore = [\"src/[a-\"]\n");
    assert_eq!((e.len(), e[0].line), (1, 2));
    assert!(e[0].message.contains("bad glob"), "{}", e[0].message);

    let e = errors_of("[bands]\nwatch = 80\nreview = 95\nemergency = 92\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].line, 4);
    assert!(
        e[0].message
            .contains("review (95%) must be below emergency (92%)"),
        "{}",
        e[0].message
    );

    let e = errors_of("[limits]\nfile_lines = = 3\n");
    assert_eq!(e[0].line, 2);
    assert!(e[0].message.contains("not valid TOML"), "{}", e[0].message);

    let e = errors_of(
        "[[override]]\nfile_lines = 10\n[[override]]\npaths = [\"a/**\"]\nfile_lnes = 3\n",
    );
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].message.contains("needs `paths"), "{}", e[0].message);
    assert!(
        e[1].message.contains("did you mean `file_lines`?"),
        "{}",
        e[1].message
    );
}

#[test]
fn limit_flags_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let e = load(
        tmp.path(),
        None,
        None,
        &["file_lines", "cognitve=3", "nesting=x"],
    )
    .unwrap_err()
    .0;
    assert_eq!(e.len(), 3);
    assert!(e[1].message.contains("did you mean `cognitive`?"));
    let missing = load(tmp.path(), None, Some(tmp.path().join("nope.toml")), &[])
        .unwrap_err()
        .0;
    assert!(missing[0].message.contains("cannot read"));
}

#[test]
fn show_prints_values_with_origins() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), ".seamline.toml", "[limits]\nnesting = 3\n");
    let cfg = load(tmp.path(), None, None, &[]).unwrap();
    let mut out = Vec::new();
    show::write(&mut out, &cfg).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("nesting = 3"), "{text}");
    assert!(text.contains(".seamline.toml:2)"), "{text}");
    assert!(text.contains("file_lines = 500"), "{text}");
    assert!(
        text.contains("default (assets/default-config.toml:"),
        "{text}"
    );
    assert!(text.contains("watch = 80"), "{text}");
}
