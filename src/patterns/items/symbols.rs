//! Interned identifiers: every name of a file is stored once and compared as a number.

use std::collections::HashMap;

/// An interned identifier.
pub type Sym = u32;

/// The identifiers of one file.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    map: HashMap<String, Sym>,
    names: Vec<String>,
}

impl Symbols {
    /// The symbol of `name`, interning it on first sight.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&s) = self.map.get(name) {
            return s;
        }
        let s = Sym::try_from(self.names.len()).unwrap_or(Sym::MAX);
        self.names.push(name.to_string());
        self.map.insert(name.to_string(), s);
        s
    }

    /// The symbol of `name` if it was interned.
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.map.get(name).copied()
    }

    /// The name of a symbol (`""` for an unknown one).
    pub fn name(&self, s: Sym) -> &str {
        self.names.get(s as usize).map(String::as_str).unwrap_or("")
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
