//! Markdown code-fence info strings to languages, with tokei's names, so fenced code in
//! Markdown files and in Rust doc comments is counted in the language tokei would use.

use crate::lang::Language;

/// The language a Markdown code fence's info string names, as tokei resolves it: the string is
/// split at commas (`rust,ignore`) and the first part that is a tokei language name, compared
/// without case, wins. Short aliases (`js`, `py`, `sh`) are not names, so those blocks stay prose.
pub fn fence_language(info: &[u8]) -> Option<Language> {
    info.split(|&b| b == b',').find_map(fence_name)
}

fn fence_name(name: &[u8]) -> Option<Language> {
    use Language as L;
    const NAMES: &[(&str, Language)] = &[
        ("rust", L::Rust),
        ("python", L::Python),
        ("javascript", L::JavaScript),
        ("jsx", L::JavaScript),
        ("typescript", L::TypeScript),
        ("tsx", L::Tsx),
        ("go", L::Go),
        ("java", L::Java),
        ("c", L::C),
        ("c header", L::C),
        ("c++", L::Cpp),
        ("c++ header", L::Cpp),
        ("c#", L::CSharp),
        ("kotlin", L::Kotlin),
        ("swift", L::Swift),
        ("scala", L::Scala),
        ("ruby", L::Ruby),
        ("php", L::Php),
        ("lua", L::Lua),
        ("perl", L::Perl),
        ("haskell", L::Haskell),
        ("shell", L::Shell),
        ("bash", L::Shell),
        ("zsh", L::Shell),
        ("powershell", L::PowerShell),
        ("sql", L::Sql),
        ("html", L::Html),
        ("css", L::Css),
        ("sass", L::Scss),
        ("xml", L::Xml),
        ("json", L::Json),
        ("yaml", L::Yaml),
        ("toml", L::Toml),
        ("ini", L::Ini),
        ("markdown", L::Markdown),
        ("restructuredtext", L::ReStructuredText),
        ("makefile", L::Makefile),
        ("cmake", L::CMake),
        ("dockerfile", L::Dockerfile),
        ("protocol buffers", L::Protobuf),
        ("plain text", L::Text),
    ];
    NAMES
        .iter()
        .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
        .map(|&(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_tags_resolve_like_tokei() {
        assert_eq!(fence_language(b"rust"), Some(Language::Rust));
        assert_eq!(fence_language(b"Rust"), Some(Language::Rust));
        assert_eq!(fence_language(b"ignore,rust"), Some(Language::Rust));
        assert_eq!(fence_language(b"rust,no_run"), Some(Language::Rust));
        assert_eq!(fence_language(b"toml"), Some(Language::Toml));
        assert_eq!(fence_language(b"js"), None);
        assert_eq!(fence_language(b"text"), None);
        assert_eq!(fence_language(b""), None);
    }
}
