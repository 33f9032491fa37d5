//! Split type (extract class / split impl). The methods of a type form a graph: two methods are
//! joined when they use the same field through `self`, or one calls the other (`self.m()`,
//! `Self::m()`). Its connected components are the LCOM4 groups: with more than one, each group
//! is an independent responsibility and every group but the largest becomes an impl block (Rust)
//! or a mixin class (Python) in a file of its own. With one group, the method graph is
//! partitioned like a file's items (fewest shared fields and calls cut) until every piece is
//! below the watch band of the method limit. Methods that touch neither fields nor methods
//! (constructors, helpers) join the group that calls them, else the largest; a Python
//! `__init__` counts as one, the fields it assigns being initialisation rather than use.

mod methods;
mod split;

use super::{plan_skeleton, FileTarget};
use crate::bands::{Band, Metric};
use crate::patterns::items::{FileItems, Item, ItemKind, Member, Sym};
use crate::patterns::library::Pattern;
use crate::patterns::partition::{self, Settings};
use crate::patterns::types::{Before, Plan};
use methods::{attach_loose, lcom4, links, method_graph};
use split::Split;

/// The type to split: its name and the line where its component starts.
pub struct TypeTarget<'a> {
    pub name: &'a str,
    pub qualified: &'a str,
    pub start_line: u32,
    pub end_line: u32,
    pub methods: u32,
}

/// Plans the split; `None` when the type has too few methods or cannot be found.
pub fn plan(t: &FileTarget<'_>, ty: &TypeTarget<'_>, pattern: &Pattern) -> Option<Plan> {
    let limit = t.limits.get(Metric::TypeMethods);
    if limit == 0 {
        return None;
    }
    let parsed = t.parsed()?;
    let f = parsed.items();
    let (members, fields) = members_of(f, ty)?;
    if members.len() < (pattern.trigger.min_items as usize).max(2) {
        return None;
    }
    let groups = lcom4(&members);
    let lcom = groups.len() as u32;
    let watch = t.levels.threshold(Band::Watch, limit).max(2);
    let parts = if lcom >= 2 {
        attach_loose(&members, groups)
    } else {
        partition_methods(&members, watch)
    };
    if parts.len() < 2 {
        return None;
    }
    let stay = (0..parts.len()).max_by_key(|&p| {
        (
            parts.get(p).map(Vec::len).unwrap_or(0),
            std::cmp::Reverse(p),
        )
    })?;
    let split = Split::new(f, &members, &parts, stay, ty.name);
    let mut plan = plan_skeleton(
        pattern,
        format!("{}:{}", t.path, ty.qualified),
        format!(
            "Split `{}` ({} methods) into {} groups: {}",
            ty.qualified,
            members.len(),
            parts.len(),
            split.names.join(", ")
        ),
        Some(Before {
            metric: Metric::TypeMethods,
            value: ty.methods,
            limit,
            band: t.levels.band(ty.methods, limit),
        }),
    );
    plan.pieces = split.pieces(t, parsed, limit);
    let (cut, shared, only) = split.cut_and_fields(&fields);
    plan.cut = cut;
    plan.details.lcom4 = Some(lcom);
    plan.details.fields = only;
    if !shared.is_empty() {
        plan.details.notes.push(format!(
            "fields used by several groups (shared state): {}",
            shared.join(", ")
        ));
    }
    plan.confidence = confidence(&members, &parts, lcom);
    Some(plan)
}

/// One LCOM4 group: partitions the method graph until every piece is below `watch` methods.
fn partition_methods(members: &[Member], watch: u32) -> Vec<Vec<usize>> {
    let g = method_graph(members);
    let settings = Settings {
        limit: f64::from(watch),
        overhead: 0.0,
        resolution: 1.0,
        min_side: 2.0,
    };
    partition::partition(&g, &g, &settings)
}

/// 0.9 for independent groups; else 0.8 × the share of method links kept inside groups.
fn confidence(members: &[Member], parts: &[Vec<usize>], lcom: u32) -> f64 {
    if lcom >= 2 {
        return 0.9;
    }
    let total_links = links(members, &(0..members.len()).collect::<Vec<_>>()).max(1);
    let inside: usize = parts.iter().map(|p| links(members, p)).sum();
    (inside as f64 / total_links as f64).clamp(0.0, 1.0) * 0.8
}

/// The methods of the type (every inherent impl of a Rust struct, or the impl block itself; the
/// class in Python) and its fields.
fn members_of(f: &FileItems, ty: &TypeTarget<'_>) -> Option<(Vec<Member>, Vec<Sym>)> {
    let own: Option<&Item> = f
        .items
        .iter()
        .find(|it| it.start_line <= ty.start_line && ty.start_line <= it.end_line);
    let own = own?;
    match own.kind {
        ItemKind::Impl if own.trait_name.is_none() => {
            let fields = own
                .self_type
                .and_then(|t| {
                    f.items
                        .iter()
                        .find(|it| it.defines.contains(&t) && it.kind.is_type())
                })
                .map(|it| it.fields.clone())
                .unwrap_or_default();
            Some((own.members.clone(), fields))
        }
        ItemKind::Class => {
            // The constructor assigns every field: that is initialisation, not a use, and
            // counting it would join every method into one group. It goes with the loose
            // methods instead.
            let members = own
                .members
                .iter()
                .map(|m| {
                    let mut m = m.clone();
                    if f.syms.name(m.name) == "__init__" {
                        m.self_fields.clear();
                    }
                    m
                })
                .collect();
            Some((members, own.fields.clone()))
        }
        k if k.is_type() => {
            let name = f.syms.get(ty.name)?;
            let members: Vec<Member> = f
                .items
                .iter()
                .filter(|it| {
                    it.kind == ItemKind::Impl
                        && it.trait_name.is_none()
                        && it.self_type == Some(name)
                })
                .flat_map(|it| it.members.iter().cloned())
                .collect();
            Some((members, own.fields.clone()))
        }
        _ => None,
    }
}
