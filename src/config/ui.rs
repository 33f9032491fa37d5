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
