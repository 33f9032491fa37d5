//! The Rust extract-module patch. Moved pieces become child modules of the original file
//! (`src/big.rs` → `src/big/<piece>.rs`; for `lib.rs`, `main.rs` and `mod.rs`, siblings), so
//! moved code keeps seeing the original's private items through `super::`. What the cut needs:
//! - moved items used from elsewhere become `pub(super)` (a `pub(super)` item becomes
//!   `pub(in super::super)`, so it stays visible exactly where it was), likewise their private
//!   methods and fields used from elsewhere;
//! - the original declares `mod <piece>;` and imports (or re-exports, with the item's original
//!   visibility) the moved items it or its users need;
//! - each new module gets the original's `use` lines it needs (re-rooted one module down), and
//!   `use super::...` for what it uses from the original and the other pieces;
//! - `super::` paths inside moved code get one more `super` (`self::` paths still resolve:
//!   every name the piece uses is defined or imported in its new module).
//!
//! Macros defined with `macro_rules!` follow textual order: a moved piece using one defined in
//! the original is declared after it; a piece defining one used elsewhere gets `#[macro_use]`
//! and is declared first. What cannot be fixed this way is returned as a problem.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::diff::{self, Edit};
use super::rust_edit::{self, PosEdit};
use super::{file_name, join, parent, Assignment, FileChange, Patch};
use crate::patterns::depgraph::{self, How};
use crate::patterns::items::rust::uses::render_for_child;
use crate::patterns::items::rust::{RustFile, VisSite};
use crate::patterns::items::{ItemKind, Sym, Vis};

/// Traits whose methods are called without naming the trait: their imports go to every piece.
const IMPLICIT_TRAITS: &[&str] = &[
    "Read",
    "Write",
    "BufRead",
    "Seek",
    "FromStr",
    "Hash",
    "Hasher",
    "Borrow",
    "BorrowMut",
    "Deref",
    "DerefMut",
    "Any",
    "Error",
    "Itertools",
    "Digest",
    "Rng",
    "SliceRandom",
    "Buf",
    "BufMut",
    "AsyncRead",
    "AsyncWrite",
    "AsyncReadExt",
    "AsyncWriteExt",
    "AsyncBufReadExt",
    "StreamExt",
    "FutureExt",
    "TryStreamExt",
    "TryFutureExt",
    "SinkExt",
    "Context",
    "WrapErr",
    "Parser",
    "ToTokens",
    "Spanned",
    "Visit",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "SerializeStruct",
    "SerializeMap",
    "SerializeSeq",
    "ByteOrder",
    "ReadBytesExt",
    "WriteBytesExt",
    "ParallelIterator",
    "IntoParallelIterator",
    "IndexedParallelIterator",
    "ParallelExtend",
    "Ord",
    "PartialOrd",
    "OsStrExt",
    "OsStringExt",
    "PermissionsExt",
    "MetadataExt",
    "AsRawFd",
    "FromRawFd",
    "IntoRawFd",
];

/// Imported names that are certainly not traits (so no method call can need them unnamed).
const NOT_TRAITS: &[&str] = &[
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "VecDeque",
    "BinaryHeap",
    "Vec",
    "String",
    "Arc",
    "Rc",
    "Mutex",
    "RwLock",
    "Cell",
    "RefCell",
    "Path",
    "PathBuf",
    "Duration",
    "Instant",
    "SystemTime",
    "Ordering",
    "Cow",
    "PhantomData",
    "NonNull",
    "File",
    "OsStr",
    "OsString",
    "Formatter",
    "Entry",
    "Range",
    "Peekable",
    "Chars",
    "Bytes",
    "Lines",
    "Command",
    "Stdio",
    "TcpStream",
    "TcpListener",
    "Sender",
    "Receiver",
    "Once",
    "OnceLock",
    "LazyLock",
];

/// The directory that holds the child modules of the file at `path`.
pub fn child_dir(path: &str) -> String {
    let name = file_name(path);
    let dir = parent(path);
    if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
        dir.to_string()
    } else {
        join(dir, name.strip_suffix(".rs").unwrap_or(name))
    }
}

/// Generates the patch for `asg` over the parsed file.
pub fn generate(path: &str, src: &str, rf: &RustFile, asg: &Assignment) -> Patch {
    let f = &rf.items;
    let mut problems = Vec::new();
    let (lines, _) = diff::split(src);
    let dir = child_dir(path);
    let uses = depgraph::uses(f);
    let piece = |i: usize| asg.logical(i);
    let name_of = |p: usize| asg.names.get(p).map(String::as_str).unwrap_or("");
    let sym = |s: Sym| f.syms.name(s).to_string();
    let pieces = asg.names.len();
    // What each piece references (names and macros).
    let mut refs: Vec<HashSet<Sym>> = vec![HashSet::new(); pieces];
    let mut all_refs: HashSet<Sym> = HashSet::new();
    for (i, it) in f.items.iter().enumerate() {
        if let Some(r) = refs.get_mut(piece(i)) {
            r.extend(it.refs.iter().copied());
        }
        all_refs.extend(it.refs.iter().copied());
    }
    // Names defined in several pieces (cfg variants) cannot be imported unambiguously.
    let mut definers: BTreeMap<Sym, BTreeSet<usize>> = BTreeMap::new();
    for (i, it) in f.items.iter().enumerate() {
        for &d in &it.defines {
            definers.entry(d).or_default().insert(piece(i));
        }
    }
    for (d, ps) in &definers {
        if ps.len() > 1 {
            problems.push(format!(
                "`{}` is defined in several pieces (cfg variants?); keep its definitions together",
                sym(*d)
            ));
        }
    }
    // imports[p][q] = names defined in piece q that piece p uses.
    let mut imports: Vec<BTreeMap<usize, BTreeSet<String>>> = vec![BTreeMap::new(); pieces];
    let mut external: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); f.items.len()];
    let is_macro = |i: usize| f.items.get(i).is_some_and(|it| it.kind == ItemKind::Macro);
    for u in uses
        .iter()
        .filter(|u| matches!(u.how, How::Name | How::SelfType))
    {
        let (pu, po) = (piece(u.user), piece(u.owner));
        if pu == po {
            continue;
        }
        if let Some(e) = external.get_mut(u.owner) {
            e.insert(pu);
        }
        if !is_macro(u.owner) {
            imports
                .get_mut(pu)
                .map(|m| m.entry(po).or_default().insert(sym(u.name)));
        }
    }
    // Visibility edits per item, and re-exports in the original.
    let mut pos_edits: Vec<Vec<PosEdit>> = vec![Vec::new(); f.items.len()];
    let mut reexports: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
    for (i, it) in f.items.iter().enumerate() {
        let p = piece(i);
        if p == asg.stay {
            continue;
        }
        let Some(x) = rf.extra.get(i) else { continue };
        let users = external.get(i).cloned().unwrap_or_default();
        if x.opaque && !users.is_empty() {
            problems.push(format!("`{}` (line {}) is generated by a macro and used by other pieces; its visibility cannot be raised", it.name, it.start_line));
        }
        if it.kind != ItemKind::Impl
            && (!users.is_empty() || it.vis != Vis::Private)
            && !x.opaque
            && it.kind != ItemKind::Macro
        {
            match raised(it.vis, &x.vis_text) {
                Ok(Some(text)) => pos_edits
                    .get_mut(i)
                    .into_iter()
                    .for_each(|e| e.push(site_edit(x.site, &text))),
                Ok(None) => {}
                Err(why) => problems.push(format!("`{}`: {why}", it.name)),
            }
            let reexport = match it.vis {
                Vis::Private if users.contains(&asg.stay) => Some(String::new()),
                Vis::Private => None,
                Vis::Super => Some("pub(super)".into()),
                _ => Some(x.vis_text.clone()),
            };
            if let Some(v) = reexport {
                for &d in &it.defines {
                    reexports.entry((v.clone(), p)).or_default().insert(sym(d));
                }
            }
        }
        // Members used from other pieces.
        let outside = |name: &str, field: bool| {
            f.items.iter().enumerate().any(|(j, other)| {
                piece(j) != p
                    && f.syms.get(name).is_some_and(|s| {
                        if field {
                            other.field_uses.binary_search(&s).is_ok()
                        } else {
                            other.calls.binary_search(&s).is_ok()
                                || other.refs.binary_search(&s).is_ok()
                        }
                    })
            })
        };
        let members = x
            .methods
            .iter()
            .map(|m| (m, false))
            .chain(x.fields.iter().map(|m| (m, true)));
        for (m, field) in members {
            let needed = if field && x.tuple_fields {
                !users.is_empty()
            } else {
                outside(&m.name, field)
            };
            if needed || m.vis == Vis::Super {
                match raised(m.vis, "") {
                    Ok(Some(text)) => pos_edits
                        .get_mut(i)
                        .into_iter()
                        .for_each(|e| e.push(site_edit(m.site, &text))),
                    Ok(None) => {}
                    Err(why) => problems.push(format!("`{}::{}`: {why}", it.name, m.name)),
                }
            }
        }
        // `self::x` still resolves in the new module (x is defined or imported there);
        // `super::x` must reach one module further up.
        for &(line, col, is_self) in x.rel_paths.iter().filter(|r| !r.2) {
            let _ = is_self;
            let e = PosEdit {
                line,
                col,
                end: None,
                text: "super::".into(),
            };
            if let Some(v) = pos_edits.get_mut(i) {
                v.push(e);
            }
        }
    }
    // Macros: textual order.
    let mut insert_after = f.header_end;
    let mut macro_pieces: BTreeSet<usize> = BTreeSet::new();
    for (i, it) in f.items.iter().enumerate() {
        let Some(x) = rf.extra.get(i) else { continue };
        for &m in &x.macros_used {
            for (j, def) in f.items.iter().enumerate() {
                if def.kind != ItemKind::Macro || !def.defines.contains(&m) || piece(j) == piece(i)
                {
                    continue;
                }
                if piece(j) == asg.stay {
                    insert_after = insert_after.max(def.end_line);
                } else {
                    macro_pieces.insert(piece(j));
                    if piece(i) == asg.stay && it.start_line <= f.header_end.max(def.end_line) {
                        problems.push(format!(
                            "macro `{}!` moves but is used before its new `mod` line",
                            sym(m)
                        ));
                    }
                    if piece(i) != asg.stay && macro_pieces.contains(&piece(i)) {
                        problems.push(format!(
                            "macro `{}!` is used across moved pieces that define macros",
                            sym(m)
                        ));
                    }
                }
            }
        }
    }
    // New files.
    let file_defines = |seg: &str| f.syms.get(seg).is_some_and(|s| definers.contains_key(&s));
    let mut changes = Vec::new();
    for p in asg.moved() {
        if asg.is_detached(p) {
            let path = join(&dir, &format!("{}.rs", name_of(p)));
            if let Some(c) = detached_file(path, rf, asg, p, &lines) {
                changes.push(c);
            }
            continue;
        }
        let mut out = format!(
            "//! `{}`: moved out of `{}` by `seamline suggest` (extract module).\n\n",
            name_of(p),
            file_name(path)
        );
        let piece_refs = refs.get(p).cloned().unwrap_or_default();
        let any_calls = f
            .items
            .iter()
            .enumerate()
            .any(|(i, it)| piece(i) == p && !it.calls.is_empty());
        let keep = |b: &str| {
            b == "*"
                || b == "_"
                || f.syms
                    .get(b)
                    .is_some_and(|s| piece_refs.contains(&s) || !all_refs.contains(&s))
                || (any_calls && IMPLICIT_TRAITS.contains(&b))
        };
        let mut use_lines = Vec::new();
        for d in &rf.uses {
            if let Some(l) = render_for_child(d, &keep, &file_defines) {
                use_lines.push(l);
            }
        }
        for (q, names) in imports.get(p).into_iter().flatten() {
            let prefix = if *q == asg.stay {
                "super".to_string()
            } else {
                format!("super::{}", name_of(*q))
            };
            use_lines.push(use_line("", &prefix, names));
        }
        for l in &use_lines {
            out.push_str(l);
            out.push('\n');
        }
        if !use_lines.is_empty() {
            out.push('\n');
        }
        let mut first = true;
        for (i, it) in f.items.iter().enumerate() {
            if piece(i) != p {
                continue;
            }
            let from = (it.start_line as usize).saturating_sub(1);
            let to = (it.end_line as usize).min(lines.len());
            let mut text: Vec<String> = lines
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .map(|s| s.to_string())
                .collect();
            let edits = pos_edits.get(i).cloned().unwrap_or_default();
            if !rust_edit::apply(&mut text, it.start_line, edits) {
                problems.push(format!("`{}`: a visibility spans several lines", it.name));
            }
            if !first {
                out.push('\n');
            }
            first = false;
            for l in text {
                out.push_str(&l);
                out.push('\n');
            }
        }
        changes.push(FileChange {
            path: join(&dir, &format!("{}.rs", name_of(p))),
            old: None,
            new: out,
            edits: Vec::new(),
        });
    }
    // The original: declarations and imports, removals.
    let mut block = Vec::new();
    if insert_after > 0
        && lines
            .get(insert_after as usize - 1)
            .is_some_and(|l| !l.trim().is_empty())
    {
        block.push(String::new());
    }
    let mut order: Vec<usize> = asg.moved().filter(|&p| !asg.is_detached(p)).collect();
    order.sort_by_key(|p| (!macro_pieces.contains(p), *p));
    for p in &order {
        if macro_pieces.contains(p) {
            block.push("#[macro_use]".into());
        }
        block.push(format!("mod {};", name_of(*p)));
    }
    let mut stay_imports: BTreeMap<(String, usize), BTreeSet<String>> = reexports;
    for (q, names) in imports.get(asg.stay).into_iter().flatten() {
        for n in names {
            let covered = stay_imports
                .iter()
                .any(|((_, qq), set)| qq == q && set.contains(n));
            if !covered {
                stay_imports
                    .entry((String::new(), *q))
                    .or_default()
                    .insert(n.clone());
            }
        }
    }
    if !stay_imports.is_empty() {
        block.push(String::new());
    }
    for ((vis, q), names) in &stay_imports {
        block.push(use_line(vis, name_of(*q), names));
    }
    if lines
        .get(insert_after as usize)
        .is_some_and(|l| !l.trim().is_empty())
    {
        block.push(String::new());
    }
    if order.is_empty() && stay_imports.is_empty() {
        block.clear();
    }
    let mut edits = vec![Edit {
        start: insert_after as usize,
        end: insert_after as usize,
        lines: block,
    }];
    for (i, x) in rf.extra.iter().enumerate() {
        let detached = asg.piece_of.get(i).is_some_and(|&p| asg.is_detached(p));
        if let (true, Some(m)) = (detached, x.inline) {
            let decl = lines.get(m.decl_line as usize - 1).copied().unwrap_or("");
            let indent: String = decl.chars().take_while(|c| c.is_whitespace()).collect();
            let vis = if x.vis_text.is_empty() {
                String::new()
            } else {
                format!("{} ", x.vis_text)
            };
            let name = f.items.get(i).map(|it| it.name.as_str()).unwrap_or("");
            edits.push(Edit {
                start: m.decl_line as usize - 1,
                end: m.close_line as usize,
                lines: vec![format!("{indent}{vis}mod {name};")],
            });
        }
    }
    for (i, it) in f.items.iter().enumerate() {
        if piece(i) == asg.stay {
            continue;
        }
        let start = (it.start_line as usize).saturating_sub(1);
        let mut end = (it.end_line as usize).min(lines.len());
        let before_blank = start == 0 || lines.get(start - 1).is_some_and(|l| l.trim().is_empty());
        if before_blank && lines.get(end).is_some_and(|l| l.trim().is_empty()) {
            end += 1;
        }
        edits.push(Edit {
            start,
            end,
            lines: Vec::new(),
        });
    }
    edits.extend(prune_original_uses(rf, &refs, asg.stay, &all_refs));
    edits.sort_by_key(|e| (e.start, e.end));
    merge_overlaps(&mut edits);
    let new_text = join_lines(&diff::apply(&lines, &edits), src.ends_with('\n'));
    changes.insert(
        0,
        FileChange {
            path: path.to_string(),
            old: Some(src.to_string()),
            new: new_text,
            edits,
        },
    );
    Patch { changes, problems }
}

/// The visibility an item needs to be seen from the original module, as text to write;
/// `None` when it already is.
fn raised(vis: Vis, text: &str) -> Result<Option<String>, String> {
    match vis {
        Vis::Private => Ok(Some("pub(super) ".into())),
        Vis::Super => Ok(Some("pub(in super::super)".into())),
        Vis::Restricted if text.starts_with("pub(in crate") => Ok(None),
        Vis::Restricted => Err(format!("`{text}` is relative to the original module")),
        Vis::Public | Vis::Crate => Ok(None),
    }
}

fn site_edit(site: VisSite, text: &str) -> PosEdit {
    let p = |l: usize| u32::try_from(l).unwrap_or(0);
    match site {
        VisSite::Insert(at) => PosEdit {
            line: p(at.line),
            col: p(at.column),
            end: None,
            text: text.to_string(),
        },
        VisSite::Replace(a, b) => PosEdit {
            line: p(a.line),
            col: p(a.column),
            end: Some((p(b.line), p(b.column))),
            text: text.trim_end().to_string(),
        },
    }
}

fn use_line(vis: &str, prefix: &str, names: &BTreeSet<String>) -> String {
    let vis = if vis.is_empty() {
        String::new()
    } else {
        format!("{vis} ")
    };
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    match list.as_slice() {
        [one] => format!("{vis}use {prefix}::{one};"),
        _ => format!("{vis}use {prefix}::{{{}}};", list.join(", ")),
    }
}

fn merge_overlaps(edits: &mut Vec<Edit>) {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits.drain(..) {
        match out.last_mut() {
            Some(last) if e.start < last.end => {
                last.end = last.end.max(e.end);
                last.lines.extend(e.lines);
            }
            _ => out.push(e),
        }
    }
    *edits = out;
}

/// Joins lines back into text.
pub fn join_lines(lines: &[String], final_newline: bool) -> String {
    let mut s = lines.join("\n");
    if final_newline && !lines.is_empty() {
        s.push('\n');
    }
    s
}

/// The file (at `path`) of a detached inline module: its body, dedented when no literal spans
/// lines.
fn detached_file(
    path: String,
    rf: &RustFile,
    asg: &Assignment,
    p: usize,
    lines: &[&str],
) -> Option<FileChange> {
    let i = asg.items_of(p).into_iter().next()?;
    let m = rf.extra.get(i)?.inline?;
    let body: Vec<&str> = lines
        .get(m.open_line as usize..(m.close_line as usize).saturating_sub(1))
        .unwrap_or_default()
        .to_vec();
    let indent = if m.dedent {
        body.iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0)
    } else {
        0
    };
    let mut out = String::new();
    for l in body {
        let cut = if l.trim().is_empty() {
            l.len()
        } else {
            indent.min(l.len())
        };
        out.push_str(l.get(cut..).unwrap_or(l));
        out.push('\n');
    }
    Some(FileChange {
        path,
        old: None,
        new: out,
        edits: Vec::new(),
    })
}

/// Removes from the original's private `use` lines the names only moved code used: names
/// starting in lowercase (modules, functions) and well-known types. Other names might be traits
/// used without being named, so they stay (at worst an unused-import warning).
fn prune_original_uses(
    rf: &RustFile,
    refs: &[HashSet<Sym>],
    stay: usize,
    all_refs: &HashSet<Sym>,
) -> Vec<Edit> {
    let stay_refs = refs.get(stay).cloned().unwrap_or_default();
    let f = &rf.items;
    let removable = |b: &str| {
        let certain = b.starts_with(|c: char| c.is_ascii_lowercase()) || NOT_TRAITS.contains(&b);
        certain
            && f.syms
                .get(b)
                .is_some_and(|s| all_refs.contains(&s) && !stay_refs.contains(&s))
    };
    let mut out = Vec::new();
    for d in rf.uses.iter().filter(|d| d.vis.is_empty()) {
        if !d.tree.bound().iter().any(|b| removable(b)) {
            continue;
        }
        let lines = match d.tree.prune(&|b| !removable(b)) {
            None => Vec::new(),
            Some(t) => {
                let mut l: Vec<String> = d.attrs.clone();
                l.push(format!(
                    "use {}{};",
                    if d.leading_colon { "::" } else { "" },
                    t.render()
                ));
                l
            }
        };
        out.push(Edit {
            start: (d.start_line as usize).saturating_sub(1),
            end: d.end_line as usize,
            lines,
        });
    }
    out
}
