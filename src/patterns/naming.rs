//! Names for new pieces from their dominant identifiers: identifiers are split into words on
//! snake_case and camelCase boundaries, lowercased, stop words dropped, and each word scored by
//! its weight in the piece (names the piece defines count most) times how specific it is to
//! this piece among all pieces (tf-idf). The best word (or the best two, when they are close)
//! becomes the name; names are kept unique and valid as Rust and Python identifiers.

use std::collections::{HashMap, HashSet};

/// Words that say nothing about a concern.
const STOP: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "do", "for", "from", "get", "has", "impl", "in",
    "into", "is", "it", "of", "on", "or", "the", "to", "with", "new", "set", "self", "mut", "ref",
    "fn", "def", "cls", "str", "string", "vec", "option", "result", "ok", "err", "some", "none",
    "len", "iter", "map", "try", "make", "create", "init", "default", "test", "tests", "util",
    "utils", "helper", "helpers", "data", "value", "values", "item", "items", "use", "mod", "pub",
    "crate", "super", "type", "u8", "u16", "u32", "u64", "usize", "i32", "i64", "f32", "f64",
    "bool", "char", "box", "arc", "rc", "clone", "fmt", "debug", "display", "true", "false",
    "self_", "args", "kwargs", "obj", "object", "x", "y", "n", "i", "j", "k", "s", "t", "v", "e",
    "f", "id", "all", "any", "one", "two", "not", "no", "main", "run", "call", "name", "names",
    "list", "dict", "int", "float", "return", "none_", "other", "info", "base",
];

/// Rust and Python keywords a module name must avoid.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
    "typeof", "unsized", "virtual", "yield", "try", "and", "assert", "class", "def", "del", "elif",
    "except", "finally", "from", "global", "import", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "with", "test", "tests", "lib", "main", "std", "core", "alloc",
];

/// Python built-in functions and standard-library modules: a new module of the same name shadows
/// them for code run from its directory and confuses readers (ruff's A005), so they are not
/// proposed.
const SHADOWS: &[&str] = &[
    "abs",
    "bin",
    "bytes",
    "callable",
    "chr",
    "compile",
    "dir",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "format",
    "globals",
    "hash",
    "help",
    "hex",
    "input",
    "isinstance",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "slice",
    "sorted",
    "sum",
    "tuple",
    "vars",
    "zip",
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "base64",
    "bisect",
    "builtins",
    "calendar",
    "cmd",
    "code",
    "codecs",
    "collections",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "dis",
    "email",
    "enum",
    "errno",
    "fractions",
    "functools",
    "gc",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "locale",
    "logging",
    "math",
    "numbers",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "platform",
    "pprint",
    "queue",
    "random",
    "re",
    "secrets",
    "select",
    "shutil",
    "signal",
    "socket",
    "sqlite3",
    "ssl",
    "stat",
    "statistics",
    "string",
    "subprocess",
    "sys",
    "tempfile",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "xml",
    "zipfile",
    "zlib",
];

/// Splits an identifier into lowercase words: `parseHTTPHeader_v2` → parse, http, header, v2.
pub fn words(ident: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in ident.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = c.is_uppercase()
                && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                    || (prev.is_some_and(char::is_uppercase)
                        && next.is_some_and(char::is_lowercase)));
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// True for words that never name a piece.
pub fn is_stop(word: &str) -> bool {
    word.len() < 2 || STOP.contains(&word) || word.chars().all(|c| c.is_ascii_digit())
}

/// Word weights of one piece: `(identifier, weight)` pairs go in.
pub fn bag<'a>(idents: impl IntoIterator<Item = (&'a str, f64)>) -> HashMap<String, f64> {
    let mut bag = HashMap::new();
    for (ident, w) in idents {
        for word in words(ident) {
            if !is_stop(&word) {
                *bag.entry(word).or_insert(0.0) += w;
            }
        }
    }
    bag
}

/// Chooses one name per bag. `taken` says which names must not be used (existing files, the
/// original module); `fallback` is the stem used when a bag has nothing useful (`part` →
/// `part_2`).
pub fn choose(
    bags: &[HashMap<String, f64>],
    taken: &dyn Fn(&str) -> bool,
    fallback: &str,
) -> Vec<String> {
    let pieces = bags.len().max(1) as f64;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for b in bags {
        for w in b.keys() {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (index, b) in bags.iter().enumerate() {
        let free = |c: &str| !used.contains(c) && !taken(c);
        let pick = candidates(&ranked(b, &df, pieces))
            .into_iter()
            .map(|c| sanitize(&c))
            .find(|c| valid(c) && free(c))
            .unwrap_or_else(|| numbered(fallback, index + 1, &free));
        used.insert(pick.clone());
        out.push(pick);
    }
    out
}

/// A bag's words by tf-idf across the bags (`df`: in how many bags a word is), best first.
fn ranked<'b>(
    bag: &'b HashMap<String, f64>,
    df: &HashMap<&str, usize>,
    pieces: f64,
) -> Vec<(f64, &'b str)> {
    let mut scored: Vec<(f64, &str)> = bag
        .iter()
        .map(|(w, tf)| {
            let d = df.get(w.as_str()).copied().unwrap_or(1) as f64;
            (tf * (1.0 + (pieces / d).ln()), w.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
}

/// Names to try, in order: the two best words joined when the second is nearly as strong,
/// the best word, then the next four alone and joined to the best.
fn candidates(scored: &[(f64, &str)]) -> Vec<String> {
    let Some(&(s1, w1)) = scored.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(&(_, w2)) = scored.get(1).filter(|&&(s2, _)| s2 >= 0.75 * s1) {
        out.push(format!("{w1}_{w2}"));
    }
    out.push(w1.to_string());
    for &(_, w) in scored.iter().skip(1).take(4) {
        out.push(w.to_string());
        out.push(format!("{w1}_{w}"));
    }
    out
}

/// `fallback_k` for the first free `k` from `start` on.
fn numbered(fallback: &str, start: usize, free: &dyn Fn(&str) -> bool) -> String {
    let mut k = start;
    loop {
        let c = format!("{fallback}_{k}");
        if free(&c) {
            return c;
        }
        k += 1;
    }
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// A valid module name: ASCII, not starting with a digit, not a keyword.
pub fn valid(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && !KEYWORDS.contains(&s)
}

/// True when a new Python module of this name would shadow a built-in or a standard-library
/// module (`max.py`, `json.py`).
pub fn shadows_python(s: &str) -> bool {
    SHADOWS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_snake_and_camel_case() {
        assert_eq!(
            words("parseHTTPHeader_v2"),
            ["parse", "http", "header", "v2"]
        );
        assert_eq!(words("TokenStream"), ["token", "stream"]);
        assert_eq!(words("MAX_DEPTH"), ["max", "depth"]);
        assert_eq!(words("read_to_end"), ["read", "to", "end"]);
    }

    #[test]
    fn names_are_specific_and_unique() {
        let a = bag([
            ("Lexer", 3.0),
            ("next_token", 3.0),
            ("Token", 3.0),
            ("token_kind", 1.0),
        ]);
        let b = bag([
            ("Parser", 3.0),
            ("parse_expr", 3.0),
            ("Token", 1.0),
            ("parse_stmt", 3.0),
        ]);
        let c = bag([("get", 1.0), ("new", 1.0)]);
        let names = choose(&[a, b, c], &|n| n == "parser", "part");
        assert_eq!(names[0], "token");
        assert_eq!(names[1], "parse");
        assert_eq!(names[2], "part_3");
    }

    #[test]
    fn python_names_that_shadow_the_standard_library_are_taken() {
        let a = bag([("max", 3.0), ("max_depth", 2.0), ("depth_limit", 1.0)]);
        let names = choose(&[a], &|n| shadows_python(n), "part");
        assert_eq!(names[0], "depth");
        assert!(shadows_python("json") && !shadows_python("depth"));
    }
}
