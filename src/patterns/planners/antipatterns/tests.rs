//! Detector tests on realistic snippets, with hand-counted hits.

use super::find;
use crate::lang::Language;
use crate::patterns::library::Library;

fn run(path: &str, lang: Language, src: &str) -> Vec<(String, u32)> {
    let lib = Library::embedded();
    let patterns: Vec<_> = lib
        .patterns
        .iter()
        .filter(|p| {
            p.detector.is_some_and(|d| d.language() == lang) && p.trigger.admits(path, Some(lang))
        })
        .collect();
    find(path, lang, src, None, &patterns)
        .into_iter()
        .map(|f| (f.pattern, f.line))
        .collect()
}

#[test]
fn python_detectors() {
    let src = r#"import time

def load(path):
    try:
        return open(path).read()
    except:
        return None

def save(data):
    assert data, "nothing to save"
    try:
        write(data)
    except Exception:
        pass
    time.sleep(0.5)
    time.sleep(delay)

def test_helper():
    assert load("x") is None
    time.sleep(1)
"#;
    let got = run("app/io.py", Language::Python, src);
    assert_eq!(
        got,
        vec![
            ("python-bare-except".to_string(), 6),
            ("python-assert-validation".to_string(), 10),
            ("python-except-pass".to_string(), 13),
            ("python-hardcoded-sleep".to_string(), 15),
        ]
    );
    // The same code in a test file: asserts and sleeps are fine there.
    let got = run("tests/test_io.py", Language::Python, src);
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn rust_detectors() {
    let src = r#"use std::time::Duration;

pub fn read(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let _ = std::fs::remove_file(path);
    let _ = 5;
    std::thread::sleep(Duration::from_millis(200));
    text.parse::<u32>().expect("a number").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads() {
        assert_eq!(super::read("x").len(), 1);
        Some(1).unwrap();
    }
}
"#;
    let got = run("src/io.rs", Language::Rust, src);
    assert_eq!(
        got,
        vec![
            ("rust-unwrap".to_string(), 4),
            ("rust-let-underscore".to_string(), 5),
            ("rust-hardcoded-sleep".to_string(), 7),
            ("rust-unwrap".to_string(), 8),
        ]
    );
    assert!(run("tests/io.rs", Language::Rust, src).is_empty());
}
