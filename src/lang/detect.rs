//! Language detection from a path (extension, well-known file names) and, when neither names a
//! language, the shebang line.
//!
//! Detection never allocates and never touches the file system: it looks at the file name's bytes
//! (compared without ASCII case) and at the first line the scanner already decoded.

mod tables;

use std::path::Path;

use super::Language;

/// Detects the language of `path`; `first_line` is used for a shebang. `None`: not a text format
/// the scanner knows (it is still line-counted as `Text` by the scanner if it is text).
///
/// Order: exact well-known file names (`Makefile`, `CMakeLists.txt`, `Cargo.lock`, …), then
/// `Dockerfile.*` / `*.Dockerfile`, then the extension, then a `#!` shebang. `.h` is C.
pub fn detect(path: &Path, first_line: &str) -> Option<Language> {
    let name = path
        .file_name()
        .map(|n| n.as_encoded_bytes())
        .unwrap_or_default();
    by_name(name)
        .or_else(|| by_extension(name))
        .or_else(|| by_shebang(first_line.as_bytes()))
}

fn by_name(name: &[u8]) -> Option<Language> {
    use Language as L;
    const NAMES: &[(&str, Language)] = &[
        ("makefile", L::Makefile),
        ("gnumakefile", L::Makefile),
        ("cmakelists.txt", L::CMake),
        ("dockerfile", L::Dockerfile),
        ("containerfile", L::Dockerfile),
        ("cargo.lock", L::Toml),
        ("pipfile", L::Toml),
        ("poetry.lock", L::Toml),
        ("uv.lock", L::Toml),
        ("gemfile", L::Ruby),
        ("rakefile", L::Ruby),
        ("vagrantfile", L::Ruby),
        ("podfile", L::Ruby),
        ("sconstruct", L::Python),
        ("sconscript", L::Python),
        (".bashrc", L::Shell),
        (".bash_profile", L::Shell),
        (".bash_logout", L::Shell),
        (".zshrc", L::Shell),
        (".zprofile", L::Shell),
        (".zshenv", L::Shell),
        (".profile", L::Shell),
        (".envrc", L::Shell),
        (".editorconfig", L::Ini),
        (".gitconfig", L::Ini),
        (".gitmodules", L::Ini),
        (".clang-format", L::Yaml),
        (".clang-tidy", L::Yaml),
        (".prettierrc", L::Json),
        (".eslintrc", L::Json),
        (".babelrc", L::Json),
    ];
    if let Some(&(_, lang)) = NAMES
        .iter()
        .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
    {
        return Some(lang);
    }
    let dockerfile = b"dockerfile";
    let prefixed = name.len() > dockerfile.len()
        && name
            .get(..dockerfile.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(dockerfile))
        && name.get(dockerfile.len()) == Some(&b'.');
    prefixed.then_some(L::Dockerfile)
}

fn by_extension(name: &[u8]) -> Option<Language> {
    let dot = name.iter().rposition(|&b| b == b'.')?;
    if dot == 0 {
        return None; // a dotfile such as `.gitignore` has no extension
    }
    let ext = name.get(dot + 1..)?;
    // Lower-case into a small stack buffer: no extension we know is longer.
    let mut buf = [0u8; tables::MAX_EXTENSION];
    let lower = buf.get_mut(..ext.len())?;
    for (d, s) in lower.iter_mut().zip(ext) {
        *d = s.to_ascii_lowercase();
    }
    tables::lookup(tables::EXTENSIONS, lower)
}

/// Reads `#!/path/to/interp args` or `#!/usr/bin/env [-S] [VAR=val] interp args`.
fn by_shebang(line: &[u8]) -> Option<Language> {
    let rest = line.strip_prefix(b"#!")?;
    let mut words = rest
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty());
    let mut prog = basename(words.next()?);
    if prog == b"env" {
        prog = words.find(|w| !w.starts_with(b"-") && !w.contains(&b'='))?;
        prog = basename(prog);
    }
    // `python3.11` -> `python`, `perl5` -> `perl`.
    let end = prog
        .iter()
        .rposition(|b| !b.is_ascii_digit() && *b != b'.')
        .map_or(0, |p| p + 1);
    tables::lookup(tables::INTERPRETERS, prog.get(..end)?)
}

fn basename(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&b| b == b'/') {
        Some(p) => path.get(p + 1..).unwrap_or_default(),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language as L;

    fn d(path: &str) -> Option<Language> {
        detect(Path::new(path), "")
    }

    #[test]
    fn extensions() {
        let cases = [
            ("src/main.rs", L::Rust),
            ("a/b.py", L::Python),
            ("stubs.pyi", L::Python),
            ("x.mjs", L::JavaScript),
            ("x.cjs", L::JavaScript),
            ("App.jsx", L::JavaScript),
            ("x.mts", L::TypeScript),
            ("types.d.ts", L::TypeScript),
            ("App.tsx", L::Tsx),
            ("main.go", L::Go),
            ("A.java", L::Java),
            ("x.c", L::C),
            ("x.h", L::C),
            ("x.cc", L::Cpp),
            ("x.HPP", L::Cpp),
            ("x.hxx", L::Cpp),
            ("x.cs", L::CSharp),
            ("x.kt", L::Kotlin),
            ("x.swift", L::Swift),
            ("x.scala", L::Scala),
            ("x.rb", L::Ruby),
            ("x.php", L::Php),
            ("x.lua", L::Lua),
            ("x.pl", L::Perl),
            ("x.hs", L::Haskell),
            ("x.zsh", L::Shell),
            ("x.ps1", L::PowerShell),
            ("x.sql", L::Sql),
            ("x.htm", L::Html),
            ("x.css", L::Css),
            ("x.scss", L::Scss),
            ("x.xml", L::Xml),
            ("package.json", L::Json),
            ("x.yml", L::Yaml),
            ("pyproject.toml", L::Toml),
            ("setup.cfg", L::Ini),
            ("README.md", L::Markdown),
            ("index.rst", L::ReStructuredText),
            ("x.cmake", L::CMake),
            ("x.proto", L::Protobuf),
            ("notes.txt", L::Text),
        ];
        for (path, lang) in cases {
            assert_eq!(d(path), Some(lang), "{path}");
        }
    }

    #[test]
    fn well_known_names() {
        assert_eq!(d("Makefile"), Some(L::Makefile));
        assert_eq!(d("sub/GNUmakefile"), Some(L::Makefile));
        assert_eq!(d("CMakeLists.txt"), Some(L::CMake));
        assert_eq!(d("Dockerfile"), Some(L::Dockerfile));
        assert_eq!(d("Dockerfile.dev"), Some(L::Dockerfile));
        assert_eq!(d("web.dockerfile"), Some(L::Dockerfile));
        assert_eq!(d("Cargo.lock"), Some(L::Toml));
        assert_eq!(d("Gemfile"), Some(L::Ruby));
        assert_eq!(d(".bashrc"), Some(L::Shell));
    }

    #[test]
    fn unknown_is_none() {
        assert_eq!(d("LICENSE"), None);
        assert_eq!(d(".gitignore"), None);
        assert_eq!(d("image.png"), None);
        assert_eq!(d("archive.verylongextension"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("trailingdot."), None);
    }

    #[test]
    fn shebangs() {
        let s = |line: &str| detect(Path::new("bin/tool"), line);
        assert_eq!(s("#!/usr/bin/env python3"), Some(L::Python));
        assert_eq!(s("#!/usr/bin/python3.11 -u"), Some(L::Python));
        assert_eq!(s("#!/bin/bash"), Some(L::Shell));
        assert_eq!(s("#! /bin/sh -e"), Some(L::Shell));
        assert_eq!(s("#!/usr/bin/env -S node --harmony"), Some(L::JavaScript));
        assert_eq!(s("#!/usr/bin/env FOO=1 ruby"), Some(L::Ruby));
        assert_eq!(s("#!/usr/bin/perl -w"), Some(L::Perl));
        assert_eq!(s("#!/usr/bin/make -f"), Some(L::Makefile));
        assert_eq!(s("#!/usr/bin/env"), None);
        assert_eq!(s("#!/opt/unknown"), None);
        assert_eq!(s("# not a shebang"), None);
        // The extension wins over the shebang.
        assert_eq!(detect(Path::new("x.rb"), "#!/bin/sh"), Some(L::Ruby));
    }
}
