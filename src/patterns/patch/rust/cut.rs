//! What a Rust extract-module cut crosses, worked out once for the whole patch: what each piece
//! references, which names each piece must import from which other piece, which items are
//! used outside their piece, and names defined in more than one piece (which cannot be
//! imported unambiguously). The later steps (visibility, new files, the original's edits) read
//! and add to it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::super::rust_edit::PosEdit;
use super::super::Assignment;
use crate::patterns::depgraph::{self, How};
use crate::patterns::items::rust::RustFile;
use crate::patterns::items::{FileItems, ItemKind, Sym};

/// The cut in progress.
pub(super) struct Cut<'a> {
    pub f: &'a FileItems,
    pub rf: &'a RustFile,
    pub asg: &'a Assignment,
    /// The original's lines.
    pub lines: Vec<&'a str>,
    /// Where the new modules go.
    pub dir: String,
    /// Per piece: the names its items reference (macros included).
    pub refs: Vec<HashSet<Sym>>,
    /// Every name any item references.
    pub all_refs: HashSet<Sym>,
    /// Per defined name: the pieces that define it.
    pub definers: BTreeMap<Sym, BTreeSet<usize>>,
    /// `imports[p][q]`: names defined in piece `q` that piece `p` uses.
    pub imports: Vec<BTreeMap<usize, BTreeSet<String>>>,
    /// Per item: the other pieces that use it.
    pub external: Vec<BTreeSet<usize>>,
    /// Per item: edits inside its text (visibility raised, `super::` paths).
    pub pos_edits: Vec<Vec<PosEdit>>,
    /// `(visibility, piece)` → names the original re-exports from that piece.
    pub reexports: BTreeMap<(String, usize), BTreeSet<String>>,
    /// The original's line after which the `mod` declarations go.
    pub insert_after: u32,
    /// Pieces that define macros used elsewhere (declared first, with `#[macro_use]`).
    pub macro_pieces: BTreeSet<usize>,
    /// Why the patch would not build, in the order they were found.
    pub problems: Vec<String>,
}

impl<'a> Cut<'a> {
    /// Reads the file's items and uses for the assignment.
    pub fn analyse(src: &'a str, dir: String, rf: &'a RustFile, asg: &'a Assignment) -> Cut<'a> {
        let f = &rf.items;
        let (lines, _) = super::super::diff::split(src);
        let pieces = asg.names.len();
        let mut cut = Cut {
            f,
            rf,
            asg,
            lines,
            dir,
            refs: vec![HashSet::new(); pieces],
            all_refs: HashSet::new(),
            definers: BTreeMap::new(),
            imports: vec![BTreeMap::new(); pieces],
            external: vec![BTreeSet::new(); f.items.len()],
            pos_edits: vec![Vec::new(); f.items.len()],
            reexports: BTreeMap::new(),
            insert_after: f.header_end,
            macro_pieces: BTreeSet::new(),
            problems: Vec::new(),
        };
        cut.references();
        cut.definitions();
        cut.crossings();
        cut
    }

    /// The piece of item `i`.
    pub fn piece(&self, i: usize) -> usize {
        self.asg.logical(i)
    }

    /// The module name of piece `p`.
    pub fn name_of(&self, p: usize) -> &'a str {
        self.asg.names.get(p).map(String::as_str).unwrap_or("")
    }

    /// The text of a symbol.
    pub fn sym(&self, s: Sym) -> String {
        self.f.syms.name(s).to_string()
    }

    /// What each piece references (names and macros).
    fn references(&mut self) {
        for (i, it) in self.f.items.iter().enumerate() {
            let p = self.piece(i);
            if let Some(r) = self.refs.get_mut(p) {
                r.extend(it.refs.iter().copied());
            }
            self.all_refs.extend(it.refs.iter().copied());
        }
    }

    /// Names defined in several pieces (cfg variants) cannot be imported unambiguously.
    fn definitions(&mut self) {
        for (i, it) in self.f.items.iter().enumerate() {
            let p = self.piece(i);
            for &d in &it.defines {
                self.definers.entry(d).or_default().insert(p);
            }
        }
        let twice: Vec<Sym> = self
            .definers
            .iter()
            .filter(|(_, ps)| ps.len() > 1)
            .map(|(d, _)| *d)
            .collect();
        for d in twice {
            let problem = format!(
                "`{}` is defined in several pieces (cfg variants?); keep its definitions together",
                self.sym(d)
            );
            self.problems.push(problem);
        }
    }

    /// Uses by name or self type that cross from one piece to another.
    fn crossings(&mut self) {
        let f = self.f;
        let is_macro = |i: usize| f.items.get(i).is_some_and(|it| it.kind == ItemKind::Macro);
        let uses = depgraph::uses(f);
        for u in uses
            .iter()
            .filter(|u| matches!(u.how, How::Name | How::SelfType))
        {
            let (pu, po) = (self.piece(u.user), self.piece(u.owner));
            if pu == po {
                continue;
            }
            if let Some(e) = self.external.get_mut(u.owner) {
                e.insert(pu);
            }
            if !is_macro(u.owner) {
                let name = self.sym(u.name);
                if let Some(m) = self.imports.get_mut(pu) {
                    m.entry(po).or_default().insert(name);
                }
            }
        }
    }
}
