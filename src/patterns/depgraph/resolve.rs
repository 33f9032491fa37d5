//! Name resolution between a file's items: which item each name, self type, method call or
//! field use reaches. The dependency graph weighs these uses; the patchers rewrite by them.

use std::collections::HashMap;

use crate::patterns::items::{FileItems, Item, Sym};

/// One directed use: item `user` uses `name`, defined (or declared) by item `owner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub user: usize,
    pub owner: usize,
    pub name: Sym,
    pub how: How,
}

/// How a use reaches its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Name,
    SelfType,
    Method,
    Field,
}

/// Every directed use between items: names, impl self types, methods and fields.
pub fn uses(f: &FileItems) -> Vec<Use> {
    let owners = Owners::index(f);
    let mut out = Vec::new();
    for (i, it) in f.items.iter().enumerate() {
        owners.uses_of(f, i, it, &mut out);
    }
    out
}

/// The items defining each name, method and field.
#[derive(Default)]
struct Owners {
    by_name: HashMap<Sym, Vec<usize>>,
    by_method: HashMap<Sym, Vec<usize>>,
    by_field: HashMap<Sym, Vec<usize>>,
}

impl Owners {
    fn index(f: &FileItems) -> Owners {
        let mut o = Owners::default();
        for (i, it) in f.items.iter().enumerate() {
            for &d in &it.defines {
                o.by_name.entry(d).or_default().push(i);
            }
            // A trait impl's methods are the trait's: a call by that name says nothing about
            // which impl it reaches, so calls resolve to inherent impls, classes and traits only.
            let methods: &[Sym] = if it.trait_name.is_none() {
                &it.methods
            } else {
                &[]
            };
            for &m in methods {
                o.by_method.entry(m).or_default().push(i);
            }
            for &x in &it.fields {
                o.by_field.entry(x).or_default().push(i);
            }
        }
        o
    }

    fn owners(&self, how: How, name: Sym) -> &[usize] {
        let map = match how {
            How::Name | How::SelfType => &self.by_name,
            How::Method => &self.by_method,
            How::Field => &self.by_field,
        };
        map.get(&name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Pushes the uses item `i` makes, in the order: self type, names, methods, fields.
    fn uses_of(&self, f: &FileItems, i: usize, it: &Item, out: &mut Vec<Use>) {
        let mut push = |name: Sym, how: How| {
            let owners = self.owners(how, name).iter().filter(|&&o| o != i);
            out.extend(owners.map(|&owner| Use {
                user: i,
                owner,
                name,
                how,
            }));
        };
        if let Some(t) = it.self_type {
            push(t, How::SelfType);
        }
        for &r in it.refs.iter().filter(|&&r| Some(r) != it.self_type) {
            push(r, How::Name);
        }
        // Dunder methods (`__init__`, `__str__`) are defined everywhere and called through
        // `super()` or the language: they say nothing about which class is meant.
        let dunder = |s: Sym| {
            let n = f.syms.name(s);
            n.starts_with("__") && n.ends_with("__")
        };
        for &c in it.calls.iter().filter(|&&c| !dunder(c)) {
            push(c, How::Method);
        }
        for &x in it.field_uses.iter().filter(|&&x| !dunder(x)) {
            push(x, How::Field);
        }
    }
}

pub(super) fn how_key(h: How) -> u8 {
    h as u8
}

/// For each (user, name, how): how many owners the name resolves to.
pub(super) fn share_counts(uses: &[Use]) -> HashMap<(usize, Sym, u8), usize> {
    let mut m = HashMap::new();
    for u in uses {
        *m.entry((u.user, u.name, how_key(u.how))).or_insert(0) += 1;
    }
    m
}
