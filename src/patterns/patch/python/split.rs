//! What a Python module split crosses, worked out once for the whole patch: which names each
//! piece needs from which other piece and whether it needs them while it is imported, and the
//! splits no import placement can make work (cycles at import time, `global` statements across
//! pieces, names that only exist under `if TYPE_CHECKING:`, a directory without `__init__.py`).

use std::collections::{BTreeMap, BTreeSet};

use super::super::{file_name, parent, Assignment};
use crate::patterns::depgraph::{self, How};
use crate::patterns::items::python::PythonFile;
use crate::patterns::items::{FileItems, Sym};

/// Names piece `p` needs from another piece, and whether any is needed at import time.
pub(super) type Need = (BTreeSet<String>, bool);

/// The split in progress.
pub(super) struct Split<'a> {
    pub f: &'a FileItems,
    pub pf: &'a PythonFile,
    pub asg: &'a Assignment,
    pub lines: Vec<&'a str>,
    /// The package directory and the original module's name.
    pub dir: &'a str,
    pub stem: String,
    /// `"."` inside a package (relative imports), else `""`.
    pub dot: &'static str,
    /// `needs[p][q]`: what piece `p` needs from piece `q`.
    pub needs: Vec<BTreeMap<usize, Need>>,
    /// The moved pieces, in order.
    pub moved: Vec<usize>,
    pub problems: Vec<String>,
}

impl<'a> Split<'a> {
    /// Reads the file's items and uses for the assignment.
    pub fn analyse(
        path: &'a str,
        src: &'a str,
        pf: &'a PythonFile,
        asg: &'a Assignment,
        package: bool,
    ) -> Split<'a> {
        let name = file_name(path);
        let mut split = Split {
            f: &pf.items,
            pf,
            asg,
            lines: super::super::diff::split(src).0,
            dir: parent(path),
            stem: name.strip_suffix(".py").unwrap_or(name).to_string(),
            dot: if package { "." } else { "" },
            needs: vec![BTreeMap::new(); asg.names.len()],
            moved: asg.moved().collect(),
            problems: Vec::new(),
        };
        if !package {
            let problem = format!(
                "`{}` has no __init__.py: the new imports would depend on sys.path",
                split.dir
            );
            split.problems.push(problem);
        }
        split.uses();
        split.globals();
        split.cycles();
        split
    }

    /// The piece of item `i`.
    pub fn piece(&self, i: usize) -> usize {
        self.asg.piece_of.get(i).copied().unwrap_or(self.asg.stay)
    }

    /// The module name of piece `p`.
    pub fn name_of(&self, p: usize) -> String {
        if p == self.asg.stay {
            self.stem.clone()
        } else {
            self.asg.names.get(p).cloned().unwrap_or_default()
        }
    }

    pub fn sym(&self, s: Sym) -> String {
        self.f.syms.name(s).to_string()
    }

    /// What piece `p` needs from piece `q`.
    pub fn needs_of(&self, p: usize, q: usize) -> Option<&Need> {
        self.needs.get(p).and_then(|m| m.get(&q))
    }

    /// Uses by name that cross pieces.
    fn uses(&mut self) {
        let f = self.f;
        for u in depgraph::uses(f).iter().filter(|u| u.how == How::Name) {
            let (pu, po) = (self.piece(u.user), self.piece(u.owner));
            if pu == po {
                continue;
            }
            let at_import = f
                .items
                .get(u.user)
                .is_some_and(|it| it.import_time.binary_search(&u.name).is_ok());
            let type_checking = f.items.get(u.owner).is_some_and(|owner| {
                owner.pinned.is_some() && owner.name.starts_with("if TYPE_CHECKING")
            });
            if type_checking {
                let problem = format!(
                    "`{}` only exists under `if TYPE_CHECKING:`",
                    self.sym(u.name)
                );
                self.problems.push(problem);
            }
            let name = self.sym(u.name);
            if let Some(m) = self.needs.get_mut(pu) {
                let e = m.entry(po).or_default();
                e.0.insert(name);
                e.1 |= at_import;
            }
        }
    }

    /// A `global` statement naming a variable another piece defines.
    fn globals(&mut self) {
        let f = self.f;
        for (i, it) in f.items.iter().enumerate() {
            for &g in &it.globals {
                let elsewhere = f
                    .items
                    .iter()
                    .enumerate()
                    .any(|(j, o)| self.piece(j) != self.piece(i) && o.defines.contains(&g));
                if elsewhere {
                    let problem = format!(
                        "`{}` declares `global {}`, which another piece defines",
                        it.name,
                        self.sym(g)
                    );
                    self.problems.push(problem);
                }
            }
        }
    }

    /// Import cycles that no placement of the imports can make work.
    fn cycles(&mut self) {
        let stay = self.asg.stay;
        let mut found = Vec::new();
        for &p in &self.moved {
            let at_import = self.needs_of(stay, p).is_some_and(|n| n.1);
            if at_import && self.needs_of(p, stay).is_some() {
                let (s, n) = (&self.stem, self.name_of(p));
                found.push(format!(
                    "`{s}` needs `{n}` while it is imported, and `{n}` needs `{s}`: an import cycle"
                ));
            }
            for &q in &self.moved {
                if p < q && self.needs_of(p, q).is_some() && self.needs_of(q, p).is_some() {
                    found.push(format!(
                        "`{}` and `{}` need each other: an import cycle",
                        self.name_of(p),
                        self.name_of(q)
                    ));
                }
            }
        }
        self.problems.extend(found);
    }
}
