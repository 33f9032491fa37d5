//! Python items with tree-sitter: functions, classes, module-level assignments and the other
//! top-level statements (which stay where they are: they run at import time), the imports, and
//! for every item its references, split into those evaluated at import time (decorators,
//! defaults, class bodies, assignments) and those evaluated only when called.

mod refs;
pub mod scope;

use tree_sitter::Node;

use super::{FileItems, Import, Item, ItemKind, Symbols, Vis};
use crate::lang::Language;
use crate::patterns::ts;

/// Why an `if __name__ == "__main__":` block stays.
pub const ENTRY_POINT: &str = "entry point";

/// One import statement, as the Python patch rewrites it.
#[derive(Debug, Clone)]
pub struct PyImport {
    pub start_line: u32,
    pub end_line: u32,
    /// `from X import ...`: X as written (leading dots included); `None` for `import a.b`.
    pub from: Option<String>,
    /// (name as written, alias).
    pub names: Vec<(String, Option<String>)>,
    pub glob: bool,
    pub future: bool,
}

impl PyImport {
    /// The name one entry binds.
    pub fn bound(&self, entry: &(String, Option<String>)) -> String {
        match (&entry.1, &self.from) {
            (Some(alias), _) => alias.clone(),
            (None, Some(_)) => entry.0.clone(),
            (None, None) => entry.0.split('.').next().unwrap_or("").to_string(),
        }
    }
}

/// A parsed Python file.
#[derive(Debug, Clone)]
pub struct PythonFile {
    pub items: FileItems,
    /// Parallel to `items.imports`.
    pub imports: Vec<PyImport>,
}

/// Extracts the items of a Python file.
pub fn extract(src: &str) -> Option<FileItems> {
    extract_file(src).map(|f| f.items)
}

/// Extracts the items and the imports of a Python file.
pub fn extract_file(src: &str) -> Option<PythonFile> {
    let tree = ts::parse(Language::Python, src)?;
    Some(extract_from(&tree, src))
}

/// Extracts the items and the imports of a Python file from its tree-sitter tree.
pub fn extract_from(tree: &tree_sitter::Tree, src: &str) -> PythonFile {
    let root = tree.root_node();
    let mut syms = Symbols::default();
    let mut items = Vec::new();
    let mut imports = Vec::new();
    let mut py_imports = Vec::new();
    let mut header_end = 0;
    let mut leading = true;
    let mut cursor = root.walk();
    let children: Vec<Node<'_>> = root.named_children(&mut cursor).collect();
    for (index, node) in children.iter().copied().enumerate() {
        match node.kind() {
            "comment" => continue,
            "import_statement" | "import_from_statement" | "future_import_statement" => {
                let imp = import(node, src);
                let names = imp
                    .names
                    .iter()
                    .map(|e| syms.intern(&imp.bound(e)))
                    .collect();
                imports.push(Import {
                    start_line: ts::line(node),
                    end_line: ts::end_line(node),
                    names,
                    glob: imp.glob,
                    public: false,
                });
                py_imports.push(imp);
                if leading {
                    header_end = ts::end_line(node);
                }
                continue;
            }
            "expression_statement" if index == 0 && is_docstring(node) => {
                header_end = ts::end_line(node);
                continue;
            }
            _ => {}
        }
        leading = false;
        if let Some(item) = item(node, src, &mut syms) {
            items.push(item);
        }
    }
    let total_lines = u32::try_from(src.lines().count()).unwrap_or(u32::MAX);
    attach_comments(src, &mut items, &imports, header_end);
    PythonFile {
        items: FileItems {
            language: Language::Python,
            syms,
            items,
            imports,
            header_end,
            total_lines,
        },
        imports: py_imports,
    }
}

fn is_docstring(node: Node<'_>) -> bool {
    node.named_child_count() == 1 && node.named_child(0).is_some_and(|c| c.kind() == "string")
}

fn import(node: Node<'_>, src: &str) -> PyImport {
    let mut out = PyImport {
        start_line: ts::line(node),
        end_line: ts::end_line(node),
        from: None,
        names: Vec::new(),
        glob: false,
        future: node.kind() == "future_import_statement",
    };
    if out.future {
        out.from = Some("__future__".into());
    } else if let Some(m) = node.child_by_field_name("module_name") {
        out.from = Some(ts::text(m, src).to_string());
    }
    let mut c = node.walk();
    for child in node.named_children(&mut c) {
        if child.kind() == "wildcard_import" {
            out.glob = true;
        }
    }
    let mut c = node.walk();
    for child in node.children_by_field_name("name", &mut c) {
        match child.kind() {
            "aliased_import" => {
                let name = child
                    .child_by_field_name("name")
                    .map(|n| ts::text(n, src))
                    .unwrap_or("");
                let alias = child
                    .child_by_field_name("alias")
                    .map(|n| ts::text(n, src).to_string());
                out.names.push((name.to_string(), alias));
            }
            "dotted_name" => out.names.push((ts::text(child, src).to_string(), None)),
            _ => {}
        }
    }
    out
}

/// One top-level statement as an item.
fn item(node: Node<'_>, src: &str, syms: &mut Symbols) -> Option<Item> {
    let def = if node.kind() == "decorated_definition" {
        node.child_by_field_name("definition")?
    } else {
        node
    };
    let (start, end) = (ts::line(node), ts::end_line(node));
    let mut item = match def.kind() {
        "function_definition" | "class_definition" => {
            let name = def
                .child_by_field_name("name")
                .map(|n| ts::text(n, src))
                .unwrap_or("?");
            let kind = if def.kind() == "class_definition" {
                ItemKind::Class
            } else {
                ItemKind::Function
            };
            let mut it = Item::new(name.to_string(), kind, start, end);
            it.defines.push(syms.intern(name));
            it
        }
        _ => statement(node, src, syms, start, end),
    };
    item.vis = if item.name.starts_with('_') && !item.name.starts_with("__") {
        Vis::Private
    } else {
        Vis::Public
    };
    refs::collect(node, def, src, syms, &mut item);
    if item.pinned == Some(ENTRY_POINT) {
        // Runs after everything above it, imports placed last included.
        item.import_time.clear();
    }
    item.finish();
    Some(item)
}

/// A module-level assignment (movable) or any other statement (pinned: it runs at import time,
/// in order).
fn statement(node: Node<'_>, src: &str, syms: &mut Symbols, start: u32, end: u32) -> Item {
    let assign = (node.kind() == "expression_statement")
        .then(|| node.named_child(0))
        .flatten()
        .filter(|c| c.kind() == "assignment");
    let mut it = match assign {
        Some(a) => assignment(a, src, start, end),
        None => pinned_statement(node, src, start, end),
    };
    let names = match assign {
        Some(a) => targets(a.child_by_field_name("left"), src),
        None => bound_names(node, src),
    };
    for n in sorted(names) {
        it.defines.push(syms.intern(n));
    }
    it
}

/// A module-level assignment, named after its targets; dunders (`__all__`, `__version__`)
/// stay in place.
fn assignment(a: Node<'_>, src: &str, start: u32, end: u32) -> Item {
    let names = sorted(targets(a.child_by_field_name("left"), src));
    let label = if names.is_empty() {
        "assignment".to_string()
    } else {
        names.join(", ")
    };
    let mut it = Item::new(label, ItemKind::Variable, start, end);
    if names
        .iter()
        .any(|n| n.starts_with("__") && n.ends_with("__"))
    {
        it.pinned = Some("module dunder (exports, metadata)");
    }
    it
}

/// Any other statement: labelled by its first line, pinned (it runs at import time).
fn pinned_statement(node: Node<'_>, src: &str, start: u32, end: u32) -> Item {
    let first = src
        .get(node.byte_range())
        .and_then(|t| t.lines().next())
        .unwrap_or("")
        .trim();
    let label: String = first.chars().take(40).collect();
    let mut it = Item::new(label, ItemKind::Statement, start, end);
    it.pinned = Some(if first.contains("__name__") {
        ENTRY_POINT
    } else {
        "statement run at import time"
    });
    it
}

/// The names an assignment's left side binds.
fn targets<'s>(left: Option<Node<'_>>, src: &'s str) -> std::collections::HashSet<&'s str> {
    let mut names = std::collections::HashSet::new();
    if let Some(left) = left {
        scope::targets_into(left, src, &mut names);
    }
    names
}

fn sorted(names: std::collections::HashSet<&str>) -> Vec<&str> {
    let mut v: Vec<&str> = names.into_iter().collect();
    v.sort_unstable();
    v
}

/// Names a statement binds (conditional imports, try/except fallbacks, definitions inside it):
/// they are defined by the statement.
fn bound_names<'s>(node: Node<'_>, src: &'s str) -> std::collections::HashSet<&'s str> {
    let mut bound = std::collections::HashSet::new();
    ts::walk(node, |n, ev| {
        if ev == ts::Event::Leave {
            return true;
        }
        match n.kind() {
            "import_statement" | "import_from_statement" => {
                bound.extend(scope::import_bound(n, src));
                false
            }
            "assignment" => {
                if let Some(left) = n.child_by_field_name("left") {
                    scope::targets_into(left, src, &mut bound);
                }
                true
            }
            "function_definition" | "class_definition" => {
                if let Some(name) = n.child_by_field_name("name") {
                    bound.insert(ts::text(name, src));
                }
                false
            }
            _ => true,
        }
    });
    bound
}

/// Comment lines directly above an item (no blank line between) move with it.
fn attach_comments(src: &str, items: &mut [Item], imports: &[Import], header_end: u32) {
    let lines: Vec<&str> = src.lines().collect();
    let mut taken: Vec<u32> = items.iter().map(|i| i.end_line).collect();
    taken.extend(imports.iter().map(|i| i.end_line));
    for item in items.iter_mut() {
        let floor = taken
            .iter()
            .copied()
            .filter(|e| *e < item.start_line)
            .max()
            .unwrap_or(0)
            .max(header_end);
        while item.start_line > floor + 1 {
            let prev = lines
                .get(item.start_line as usize - 2)
                .map(|l| l.trim_start())
                .unwrap_or("");
            if prev.starts_with('#') {
                item.start_line -= 1;
            } else {
                break;
            }
        }
    }
}
