//! The extension and interpreter tables behind detection, sorted so a lookup is a binary search
//! over a static slice: no allocation, no hashing, and one place to add a language's names.

use crate::lang::Language;
use Language as L;

/// The longest extension in [`EXTENSIONS`]; longer ones cannot name a known language.
pub(super) const MAX_EXTENSION: usize = 12;

/// File extensions in lower case, sorted by bytes (checked by a test).
pub(super) const EXTENSIONS: &[(&str, Language)] = &[
    ("bash", L::Shell),
    ("c", L::C),
    ("c++", L::Cpp),
    ("cc", L::Cpp),
    ("cfg", L::Ini),
    ("cjs", L::JavaScript),
    ("cmake", L::CMake),
    ("cpp", L::Cpp),
    ("cs", L::CSharp),
    ("csproj", L::Xml),
    ("css", L::Css),
    ("csx", L::CSharp),
    ("cts", L::TypeScript),
    ("cxx", L::Cpp),
    ("dockerfile", L::Dockerfile),
    ("gemspec", L::Ruby),
    ("geojson", L::Json),
    ("go", L::Go),
    ("h", L::C),
    ("h++", L::Cpp),
    ("hh", L::Cpp),
    ("hpp", L::Cpp),
    ("hs", L::Haskell),
    ("htm", L::Html),
    ("html", L::Html),
    ("hxx", L::Cpp),
    ("ini", L::Ini),
    ("inl", L::Cpp),
    ("ipp", L::Cpp),
    ("ipynb", L::Json),
    ("java", L::Java),
    ("js", L::JavaScript),
    ("json", L::Json),
    ("jsx", L::JavaScript),
    ("ksh", L::Shell),
    ("kt", L::Kotlin),
    ("kts", L::Kotlin),
    ("less", L::Css),
    ("lua", L::Lua),
    ("mak", L::Makefile),
    ("make", L::Makefile),
    ("markdown", L::Markdown),
    ("md", L::Markdown),
    ("mdx", L::Markdown),
    ("mjs", L::JavaScript),
    ("mk", L::Makefile),
    ("mts", L::TypeScript),
    ("php", L::Php),
    ("pl", L::Perl),
    ("plist", L::Xml),
    ("pm", L::Perl),
    ("properties", L::Ini),
    ("props", L::Xml),
    ("proto", L::Protobuf),
    ("ps1", L::PowerShell),
    ("psd1", L::PowerShell),
    ("psm1", L::PowerShell),
    ("py", L::Python),
    ("pyi", L::Python),
    ("pyw", L::Python),
    ("rake", L::Ruby),
    ("rb", L::Ruby),
    ("resx", L::Xml),
    ("rs", L::Rust),
    ("rst", L::ReStructuredText),
    ("ru", L::Ruby),
    ("sass", L::Scss),
    ("sc", L::Scala),
    ("scala", L::Scala),
    ("scss", L::Scss),
    ("sh", L::Shell),
    ("sql", L::Sql),
    ("svg", L::Xml),
    ("swift", L::Swift),
    ("targets", L::Xml),
    ("tcc", L::Cpp),
    ("text", L::Text),
    ("toml", L::Toml),
    ("tpp", L::Cpp),
    ("ts", L::TypeScript),
    ("tsx", L::Tsx),
    ("txt", L::Text),
    ("vcxproj", L::Xml),
    ("wsdl", L::Xml),
    ("xaml", L::Xml),
    ("xhtml", L::Html),
    ("xml", L::Xml),
    ("xsd", L::Xml),
    ("xsl", L::Xml),
    ("xslt", L::Xml),
    ("yaml", L::Yaml),
    ("yml", L::Yaml),
    ("zsh", L::Shell),
];

/// Interpreter names of shebang lines (version digits already stripped), sorted by bytes.
pub(super) const INTERPRETERS: &[(&str, Language)] = &[
    ("ash", L::Shell),
    ("bash", L::Shell),
    ("bun", L::JavaScript),
    ("cargo", L::Rust),
    ("dash", L::Shell),
    ("deno", L::TypeScript),
    ("kotlin", L::Kotlin),
    ("kscript", L::Kotlin),
    ("ksh", L::Shell),
    ("lua", L::Lua),
    ("luajit", L::Lua),
    ("make", L::Makefile),
    ("mksh", L::Shell),
    ("node", L::JavaScript),
    ("nodejs", L::JavaScript),
    ("perl", L::Perl),
    ("php", L::Php),
    ("powershell", L::PowerShell),
    ("pwsh", L::PowerShell),
    ("pypy", L::Python),
    ("python", L::Python),
    ("ruby", L::Ruby),
    ("runghc", L::Haskell),
    ("runhaskell", L::Haskell),
    ("rust-script", L::Rust),
    ("scala", L::Scala),
    ("sh", L::Shell),
    ("swift", L::Swift),
    ("ts-node", L::TypeScript),
    ("tsx", L::TypeScript),
    ("zsh", L::Shell),
];

/// The language `key` maps to in the sorted `table`.
pub(super) fn lookup(table: &[(&str, Language)], key: &[u8]) -> Option<Language> {
    table
        .binary_search_by(|(k, _)| k.as_bytes().cmp(key))
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        for table in [EXTENSIONS, INTERPRETERS] {
            for pair in table.windows(2) {
                if let [(a, _), (b, _)] = pair {
                    assert!(a.as_bytes() < b.as_bytes(), "{a} must sort before {b}");
                }
            }
        }
        assert!(EXTENSIONS.iter().all(|(e, _)| e.len() <= MAX_EXTENSION));
        assert!(EXTENSIONS
            .iter()
            .all(|(e, _)| !e.bytes().any(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn lookup_finds_every_entry_and_nothing_else() {
        for &(key, lang) in EXTENSIONS {
            assert_eq!(lookup(EXTENSIONS, key.as_bytes()), Some(lang), "{key}");
        }
        assert_eq!(lookup(EXTENSIONS, b"hp"), None);
        assert_eq!(lookup(EXTENSIONS, b""), None);
        assert_eq!(lookup(INTERPRETERS, b"python"), Some(L::Python));
        assert_eq!(lookup(INTERPRETERS, b"zzz"), None);
    }
}
