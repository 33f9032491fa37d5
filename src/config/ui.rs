//! `[ui]` and `[keys]`: the cockpit's settings (its theme, and key bindings that replace an
//! action's default keys). Kept as plain strings here: the core has no terminal, so the cockpit
//! itself parses the key names and reports bad ones with the file and line they came from.
//! The `[keys]` table of `schema` lists the actions; the cockpit's action table uses the same
//! names (a test there checks both lists agree).

/// What `[ui]` and `[keys]` set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UiSettings {
    /// `[ui] theme`: a built-in theme or one in `$XDG_CONFIG_HOME/seamline/themes/`.
    pub theme: Option<String>,
    /// `[keys]`: action name → the keys that replace its defaults (`"ctrl-p"`, `"q"`, `"f2"`),
    /// in file order; a later layer's binding for the same action wins.
    pub keys: Vec<(String, Vec<String>)>,
}

impl UiSettings {
    /// Records `[keys] action = ...`, replacing an earlier binding of the same action.
    pub fn bind(&mut self, action: &str, keys: Vec<String>) {
        self.keys.retain(|(a, _)| a != action);
        self.keys.push((action.to_string(), keys));
    }

    /// The keys bound to `action` by the configuration, if any.
    pub fn keys_of(&self, action: &str) -> Option<&[String]> {
        self.keys
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, k)| k.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, LoadOptions};

    #[test]
    fn ui_and_keys_are_read_with_their_origin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".seamline.toml"),
            "[ui]\ntheme = \"light\"\n\n[keys]\nfinder = \"f2\"\nquit = [\"q\", \"ctrl-q\"]\n",
        )
        .unwrap();
        let opts = LoadOptions {
            root: dir.path().to_path_buf(),
            ..LoadOptions::default()
        };
        let cfg = Config::load(&opts).unwrap();
        assert_eq!(cfg.ui.theme.as_deref(), Some("light"));
        assert_eq!(cfg.ui.keys_of("finder"), Some(&["f2".to_string()][..]));
        assert_eq!(cfg.ui.keys_of("quit").map(<[String]>::len), Some(2));
        assert_eq!(cfg.ui.keys_of("help"), None);
        assert_eq!(cfg.origin("keys.finder").map(|o| o.line), Some(5));
        std::fs::write(
            dir.path().join(".seamline.toml"),
            "[keys]\nfindr = \"f2\"\n[ui]\ntheme = 3\n",
        )
        .unwrap();
        let err = Config::load(&opts).unwrap_err().to_string();
        assert!(
            err.contains("did you mean `finder`") && err.contains("`ui.theme` must be a string"),
            "{err}"
        );
    }
}
