//! How to open a file at a line in the user's editor. `$VISUAL` / `$EDITOR` hold a command line
//! (`code --wait`, `"/opt/My Editor/bin/ed" -n`), split here the way a POSIX shell splits words
//! (quotes and backslashes; no expansion), and editors disagree on how to say "at line N":
//! most take `+N FILE`, some `FILE:N`, `--goto FILE:N` or `--line N FILE`.

use std::ffi::OsString;
use std::path::Path;

/// The program and its arguments that open `path` at `line` with `editor`; `None` when
/// `editor` names no program (empty, or an unclosed quote).
pub fn command(editor: &str, path: &Path, line: u32) -> Option<(String, Vec<OsString>)> {
    let mut words = split(editor)?.into_iter();
    let program = words.next()?;
    let mut args: Vec<OsString> = words.map(OsString::from).collect();
    let at = |p: &Path| {
        let mut s = p.as_os_str().to_owned();
        s.push(format!(":{line}"));
        s
    };
    match style(&program) {
        Style::Plus => {
            args.push(format!("+{line}").into());
            args.push(path.into());
        }
        Style::Colon => args.push(at(path)),
        Style::Goto => {
            args.push("--goto".into());
            args.push(at(path));
        }
        Style::LineFlag => {
            args.extend(["--line".into(), line.to_string().into()]);
            args.push(path.into());
        }
    }
    Some((program, args))
}

/// How an editor takes a line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `+N FILE`: vi, vim, nvim, emacs, nano, micro, kak, gedit, joe, ...
    Plus,
    /// `FILE:N`: Sublime Text, Helix, Zed.
    Colon,
    /// `--goto FILE:N`: VS Code and its forks.
    Goto,
    /// `--line N FILE`: JetBrains IDEs.
    LineFlag,
}

fn style(program: &str) -> Style {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    match name {
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" | "windsurf" => Style::Goto,
        "subl" | "sublime_text" | "hx" | "helix" | "zed" | "zeditor" => Style::Colon,
        "idea" | "clion" | "rustrover" | "pycharm" | "goland" | "webstorm" => Style::LineFlag,
        _ => Style::Plus,
    }
}

/// Splits a command line into words as a POSIX shell would, without expansions: single quotes
/// keep everything, double quotes keep all but `\"` and `\\`, a backslash outside quotes keeps
/// the next character. `None` on an unclosed quote.
fn split(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                single_quoted(&mut chars, &mut word)?;
            }
            '"' => {
                in_word = true;
                double_quoted(&mut chars, &mut word)?;
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

/// The rest of a single-quoted part, up to its closing quote (nothing is escaped inside).
fn single_quoted(chars: &mut std::str::Chars<'_>, word: &mut String) -> Option<()> {
    for c in chars.by_ref() {
        if c == '\'' {
            return Some(());
        }
        word.push(c);
    }
    None
}

/// The rest of a double-quoted part, up to its closing quote.
fn double_quoted(chars: &mut std::str::Chars<'_>, word: &mut String) -> Option<()> {
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(()),
            '\\' => match chars.next()? {
                e @ ('"' | '\\' | '$' | '`') => word.push(e),
                e => {
                    word.push('\\');
                    word.push(e);
                }
            },
            c => word.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(editor: &str) -> Option<Vec<String>> {
        let (p, args) = command(editor, Path::new("src/a b.rs"), 42)?;
        let mut v = vec![p];
        v.extend(args.iter().map(|a| a.to_string_lossy().into_owned()));
        Some(v)
    }

    #[test]
    fn vi_like_editors_take_plus_line() {
        assert_eq!(cmd("vim").unwrap(), ["vim", "+42", "src/a b.rs"]);
        assert_eq!(
            cmd("emacsclient -t").unwrap(),
            ["emacsclient", "-t", "+42", "src/a b.rs"]
        );
    }

    #[test]
    fn gui_editors_get_their_own_line_syntax() {
        assert_eq!(
            cmd("code --wait").unwrap(),
            ["code", "--wait", "--goto", "src/a b.rs:42"]
        );
        assert_eq!(
            cmd("/usr/bin/hx").unwrap(),
            ["/usr/bin/hx", "src/a b.rs:42"]
        );
        assert_eq!(cmd("idea").unwrap(), ["idea", "--line", "42", "src/a b.rs"]);
    }

    #[test]
    fn quoted_programs_and_arguments_stay_whole() {
        assert_eq!(
            cmd(r#""/opt/My Editor/bin/vim" -c 'set ft=rust'"#).unwrap(),
            [
                "/opt/My Editor/bin/vim",
                "-c",
                "set ft=rust",
                "+42",
                "src/a b.rs"
            ]
        );
        assert_eq!(cmd(r"my\ vi").unwrap(), ["my vi", "+42", "src/a b.rs"]);
    }

    #[test]
    fn empty_or_broken_editor_lines_name_no_program() {
        assert_eq!(cmd("   "), None);
        assert_eq!(cmd("\"unclosed"), None);
        assert_eq!(cmd("'unclosed"), None);
    }
}
