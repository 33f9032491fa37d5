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
        let mut push_if = |name: Sym, how: How, keep: &dyn Fn(usize) -> bool| {
            let owners = self.owners(how, name).iter();
            let owners = owners.filter(|&&o| o != i && keep(o));
            out.extend(owners.map(|&owner| Use {
                user: i,
                owner,
                name,
                how,
            }));
        };
        if let Some(t) = it.self_type {
            push_if(t, How::SelfType, &|_| true);
        }
        for &r in it.refs.iter().filter(|&&r| Some(r) != it.self_type) {
            push_if(r, How::Name, &|_| true);
        }
        // Dunder methods (`__init__`, `__str__`) are defined everywhere and called through
        // `super()` or the language: they say nothing about which class is meant.
        let dunder = |s: Sym| {
            let n = f.syms.name(s);
            n.starts_with("__") && n.ends_with("__")
        };
        for &c in it.calls.iter().filter(|&&c| !dunder(c)) {
            let through_self = it.members.iter().any(|m| m.self_calls.contains(&c));
            let rust = f.language == crate::lang::Language::Rust;
            if rust && common_method(f.syms.name(c)) && !through_self {
                // `slice.get(i)`, `map.insert(k, v)`: a standard container's method far more
                // often than the file's own. Rust callers name the types they take (parameters,
                // annotations), so such a call reaches an owner only when the caller names its
                // type. (Python callers rarely do: there every owner stays a candidate.)
                let named = |o: usize| {
                    f.items.get(o).is_some_and(|ow| {
                        let mut ty = ow.self_type.into_iter().chain(ow.defines.iter().copied());
                        (ow.self_type.is_some() && ow.self_type == it.self_type)
                            || ty.any(|t| it.refs.contains(&t))
                    })
                };
                push_if(c, How::Method, &named);
                continue;
            }
            push_if(c, How::Method, &|_| true);
        }
        for &x in it.field_uses.iter().filter(|&&x| !dunder(x)) {
            push_if(x, How::Field, &|_| true);
        }
    }
}

/// Method names of Rust's standard collections, slices, strings, options and iterators.
fn common_method(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "get",
        "get_mut",
        "insert",
        "remove",
        "push",
        "pop",
        "len",
        "is_empty",
        "iter",
        "iter_mut",
        "into_iter",
        "contains",
        "contains_key",
        "clear",
        "extend",
        "keys",
        "values",
        "entry",
        "first",
        "last",
        "sort",
        "split",
        "join",
        "find",
        "map",
        "filter",
        "collect",
        "clone",
        "to_string",
        "as_str",
        "as_ref",
        "unwrap",
        "next",
        "send",
        "recv",
        "lock",
    ];
    NAMES.contains(&name)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::patterns::items::extract;

    /// The owners each item's method calls reach, by item name.
    fn method_edges(src: &str) -> Vec<(String, String)> {
        let f = extract(Language::Rust, src).expect("items");
        let name = |i: usize| f.items[i].name.clone();
        uses(&f)
            .iter()
            .filter(|u| u.how == How::Method)
            .map(|u| (name(u.user), name(u.owner)))
            .collect()
    }

    #[test]
    fn a_std_method_name_reaches_the_files_type_only_when_the_caller_names_it() {
        let src = "struct Cache { v: Vec<u32> }\n\
                   impl Cache {\n    fn get(&self, i: usize) -> Option<&u32> { self.v.get(i) }\n    fn refresh(&mut self) {}\n}\n\
                   fn first(xs: &[u32]) -> Option<&u32> { xs.get(0) }\n\
                   fn cached(c: &Cache) -> Option<&u32> { c.get(0) }\n\
                   fn renew(c: &mut Cache) { c.refresh() }\n";
        let edges = method_edges(src);
        assert!(!edges.iter().any(|(u, _)| u == "first"), "{edges:?}");
        assert!(edges.iter().any(|(u, _)| u == "cached"), "{edges:?}");
        assert!(edges.iter().any(|(u, _)| u == "renew"), "{edges:?}");
    }
}
