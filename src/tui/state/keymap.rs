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

impl KeySpec {
    /// Parses a key name. Letters are case-sensitive (`G` is shift-g).
    pub fn parse(name: &str) -> Option<KeySpec> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                shift = true;
            } else {
                break;
            }
            rest = rest.split_once('-').map(|(_, r)| r).unwrap_or("");
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.strip_prefix('f').is_some_and(|n| n.parse::<u8>().is_ok()) => {
                let n = f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok());
                KeyCode::F(n.filter(|n| (1..=24).contains(n))?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if shift { c.to_ascii_uppercase() } else { c };
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(KeySpec { code, ctrl, alt })
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
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".into(),
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
                    let mut specs = Vec::new();
                    for n in names {
                        match KeySpec::parse(n) {
                            Some(s) => specs.push(s),
                            None => bad.push(BadKey {
                                action: b.name.into(),
                                key: n.clone(),
                            }),
                        }
                    }
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
            let is_override = TABLE
                .iter()
                .find(|b| b.command == *command)
                .is_some_and(|b| ui.keys_of(b.name).is_some());
            if !is_override {
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
