//! Key names (`q`, `ctrl-p`, `shift-tab`, `f1`, `pagedown`) and the keymap built from the
//! action table with the configuration's `[keys]` overrides. Text entry (the finder, the patch
//! file prompt) bypasses the keymap for printable characters.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::ui::UiSettings;
use crate::tui::action::{Action, Command, TABLE};

/// A key with its modifiers, as the keymap compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Modifiers named before a key (`ctrl-`, `alt-`, `shift-`).
#[derive(Debug, Clone, Copy, Default)]
struct Mods {
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// Key names and their codes (matched lower-case). `shift-tab` is handled before this table.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// The labels help shows for keys that are not a plain character or a function key.
const LABELS: &[(KeyCode, &str)] = &[
    (KeyCode::Enter, "Enter"),
    (KeyCode::Esc, "Esc"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::BackTab, "Shift-Tab"),
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Delete, "Del"),
    (KeyCode::Up, "↑"),
    (KeyCode::Down, "↓"),
    (KeyCode::Left, "←"),
    (KeyCode::Right, "→"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
    (KeyCode::PageUp, "PgUp"),
    (KeyCode::PageDown, "PgDn"),
    (KeyCode::Char(' '), "Space"),
];

/// Splits the modifier prefixes off a key name (a bare `ctrl-` is a key name, not a prefix).
fn strip_mods(name: &str) -> (Mods, &str) {
    let mut mods = Mods::default();
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefixed = |p: &str| lower.starts_with(p) && rest.len() > p.len();
        let flag = if prefixed("ctrl-") {
            &mut mods.ctrl
        } else if prefixed("alt-") {
            &mut mods.alt
        } else if prefixed("shift-") {
            &mut mods.shift
        } else {
            break;
        };
        *flag = true;
        rest = rest.split_once('-').map(|(_, r)| r).unwrap_or("");
    }
    (mods, rest)
}

/// The code of a key name without its modifiers.
fn key_code(rest: &str, mods: Mods) -> Option<KeyCode> {
    let lower = rest.to_ascii_lowercase();
    if mods.shift && lower == "tab" {
        return Some(KeyCode::BackTab);
    }
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Some(*code);
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=24).contains(&n).then_some(KeyCode::F(n));
    }
    char_key(rest, mods)
}

/// A single character; shift makes it upper-case, ctrl lower-case.
fn char_key(rest: &str, mods: Mods) -> Option<KeyCode> {
    let mut chars = rest.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let c = if mods.shift {
        c.to_ascii_uppercase()
    } else {
        c
    };
    Some(KeyCode::Char(if mods.ctrl {
        c.to_ascii_lowercase()
    } else {
        c
    }))
}

impl KeySpec {
    /// Parses a key name. Letters are case-sensitive (`G` is shift-g).
    pub fn parse(name: &str) -> Option<KeySpec> {
        let (mods, rest) = strip_mods(name);
        let code = key_code(rest, mods)?;
        Some(KeySpec {
            code,
            ctrl: mods.ctrl,
            alt: mods.alt,
        })
    }

    /// The spec of a key event (shift is folded into the character or `BackTab`).
    pub fn of(ev: &KeyEvent) -> KeySpec {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        KeySpec {
            code,
            ctrl,
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// The name shown in help.
    pub fn label(&self) -> String {
        let base = match LABELS.iter().find(|(k, _)| *k == self.code) {
            Some((_, label)) => (*label).to_string(),
            None => match self.code {
                KeyCode::F(n) => format!("F{n}"),
                KeyCode::Char(c) => c.to_string(),
                _ => "?".into(),
            },
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out.push_str(&base);
        out
    }
}

/// A key name in the configuration that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey {
    pub action: String,
    pub key: String,
}

/// Keys to commands, and each command's keys for help.
#[derive(Debug, Clone)]
pub struct KeyMap {
    map: HashMap<KeySpec, Command>,
    keys: Vec<(Command, Vec<KeySpec>)>,
}

impl KeyMap {
    /// The defaults of the action table with `ui.keys` replacing an action's keys. A key taken
    /// by an override is removed from any other action that had it by default.
    pub fn new(ui: &UiSettings) -> Result<KeyMap, Vec<BadKey>> {
        let mut bad = Vec::new();
        let mut keys: Vec<(Command, Vec<KeySpec>)> = Vec::new();
        let mut overridden: Vec<KeySpec> = Vec::new();
        for b in TABLE {
            let specs = match ui.keys_of(b.name) {
                Some(names) => {
                    let specs = parse_override(b.name, names, &mut bad);
                    overridden.extend(specs.iter().copied());
                    specs
                }
                None => b.keys.iter().filter_map(|k| KeySpec::parse(k)).collect(),
            };
            keys.push((b.command, specs));
        }
        if !bad.is_empty() {
            return Err(bad);
        }
        for (command, specs) in keys.iter_mut() {
            if !is_overridden(ui, *command) {
                specs.retain(|s| !overridden.contains(s));
            }
        }
        let mut map = HashMap::new();
        for (command, specs) in &keys {
            for s in specs {
                map.entry(*s).or_insert(*command);
            }
        }
        Ok(KeyMap { map, keys })
    }

    /// The command bound to a key.
    pub fn command(&self, spec: &KeySpec) -> Option<Command> {
        self.map.get(spec).copied()
    }

    /// The keys of a command.
    pub fn keys_of(&self, command: Command) -> &[KeySpec] {
        self.keys
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, k)| k.as_slice())
            .unwrap_or(&[])
    }

    /// Turns a key event into an action. With `typing` (finder or prompt open), printable
    /// characters and Backspace edit the text; Enter, Esc, arrows and control keys still work.
    pub fn translate(&self, ev: &KeyEvent, typing: bool) -> Option<Action> {
        let spec = KeySpec::of(ev);
        if typing {
            match ev.code {
                KeyCode::Char(c) if !spec.ctrl && !spec.alt => return Some(Action::Type(c)),
                KeyCode::Backspace => return Some(Action::Erase),
                KeyCode::Enter => return Some(Action::Command(Command::Select)),
                KeyCode::Esc => return Some(Action::Command(Command::Back)),
                KeyCode::Up => return Some(Action::Command(Command::Up)),
                KeyCode::Down => return Some(Action::Command(Command::Down)),
                _ => {}
            }
        }
        self.command(&spec).map(Action::Command)
    }
}

/// The keys the configuration gives `action`; the names that do not parse go to `bad`.
fn parse_override(action: &str, names: &[String], bad: &mut Vec<BadKey>) -> Vec<KeySpec> {
    let mut specs = Vec::new();
    for n in names {
        match KeySpec::parse(n) {
            Some(s) => specs.push(s),
            None => bad.push(BadKey {
                action: action.into(),
                key: n.clone(),
            }),
        }
    }
    specs
}

/// Whether the configuration sets the keys of `command`.
fn is_overridden(ui: &UiSettings, command: Command) -> bool {
    TABLE
        .iter()
        .find(|b| b.command == command)
        .is_some_and(|b| ui.keys_of(b.name).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        let k = |s| KeySpec::parse(s).map(|k| k.label());
        assert_eq!(k("q").as_deref(), Some("q"));
        assert_eq!(k("G").as_deref(), Some("G"));
        assert_eq!(k("ctrl-p").as_deref(), Some("Ctrl-p"));
        assert_eq!(k("Ctrl-P").as_deref(), Some("Ctrl-p"));
        assert_eq!(k("shift-tab").as_deref(), Some("Shift-Tab"));
        assert_eq!(k("f10").as_deref(), Some("F10"));
        assert_eq!(k("pagedown").as_deref(), Some("PgDn"));
        assert_eq!(k("ctrl-"), None);
        assert_eq!(k("banana"), None);
        assert_eq!(k("f99"), None);
    }

    #[test]
    fn overrides_replace_defaults_and_free_the_key() {
        let mut ui = UiSettings::default();
        ui.bind("finder", vec!["f".into()]);
        let km = KeyMap::new(&ui).unwrap();
        let f = KeySpec::parse("f").unwrap();
        assert_eq!(km.command(&f), Some(Command::Finder));
        assert_eq!(km.command(&KeySpec::parse("/").unwrap()), None);
        assert!(km.keys_of(Command::Filter).is_empty());
        ui.bind("quit", vec!["ctrl-nope".into()]);
        let bad = KeyMap::new(&ui).unwrap_err();
        assert_eq!(bad[0].action, "quit");
    }

    #[test]
    fn typing_sends_characters_not_commands() {
        let km = KeyMap::new(&UiSettings::default()).unwrap();
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(matches!(km.translate(&q, true), Some(Action::Type('q'))));
        assert!(matches!(
            km.translate(&q, false),
            Some(Action::Command(Command::Quit))
        ));
        let cc = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(
            km.translate(&cc, true),
            Some(Action::Command(Command::Quit))
        ));
    }
}
