//! The parallel walk: `ignore::WalkBuilder::build_parallel`, with files read and analysed on the
//! walker threads themselves. Each thread collects into its own [`Found`], handed over once when
//! the thread's visitor is dropped, so there is no lock per file.
//!
//! Rules, chosen to match what git and tokei show for a tree:
//! - `.gitignore` files are honoured inside and outside git repositories (`require_git(false)`),
//!   as are `.ignore` files, `.git/info/exclude`, the global git excludes file, and ignore files
//!   in the root's parent directories.
//! - Hidden files and directories (names starting with `.`) are skipped, the `ignore` crate's
//!   default; `.git` is filtered explicitly as well.
//! - Symbolic links are not followed (the `ignore` default, and how git stores them), so a link
//!   loop cannot hang the walk; links, FIFOs, sockets and devices are left out silently. Should
//!   the walker report a loop anyway, it is recorded as `SkipReason::SymlinkLoop`.
//! - A directory that cannot be listed is recorded as skipped and left out of `dirs`.

use std::path::{Component, Path};
use std::sync::Mutex;

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use super::read::{self, Ctx, Found};
use super::SkipReason;

/// Walks `root` (a directory, canonical) with `threads` threads and returns what each thread
/// found.
pub fn walk(root: &Path, threads: usize, ctx: &Ctx<'_>) -> Vec<Found> {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(|e| e.file_name() != ".git");
    match extra_ignores(root, &ctx.opts.ignore) {
        Ok(Some(ov)) => {
            builder.overrides(ov);
        }
        Ok(None) => {}
        Err(err) => {
            let mut found = Found::default();
            found.skip(
                ctx,
                String::new(),
                SkipReason::WalkError {
                    error: err.to_string(),
                },
            );
            return vec![found];
        }
    }
    let walker = builder.build_parallel();
    let sink = Mutex::new(Vec::new());
    let mut builder = Builder {
        root,
        ctx,
        sink: &sink,
    };
    walker.visit(&mut builder);
    match sink.into_inner() {
        Ok(v) => v,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// The config's `[scan] ignore` globs as overrides that leave matching paths out.
fn extra_ignores(
    root: &Path,
    globs: &[String],
) -> Result<Option<ignore::overrides::Override>, ignore::Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut ob = ignore::overrides::OverrideBuilder::new(root);
    for g in globs {
        ob.add(&format!("!{g}"))?;
    }
    ob.build().map(Some)
}

/// False when the language filter excludes a file its name already identifies.
fn language_allowed(ctx: &Ctx<'_>, path: &Path) -> bool {
    match (&ctx.opts.languages, crate::lang::detect(path, "")) {
        (Some(langs), Some(lang)) => langs.contains(&lang),
        _ => true,
    }
}

struct Builder<'s> {
    root: &'s Path,
    ctx: &'s Ctx<'s>,
    sink: &'s Mutex<Vec<Found>>,
}

impl<'s> ParallelVisitorBuilder<'s> for Builder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            ctx: self.ctx,
            sink: self.sink,
            found: Found::default(),
            buf: Vec::new(),
        })
    }
}

struct Visitor<'s> {
    root: &'s Path,
    ctx: &'s Ctx<'s>,
    sink: &'s Mutex<Vec<Found>>,
    found: Found,
    buf: Vec<u8>,
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(e) => self.entry(&e),
            Err(err) => {
                let path = error_path(&err)
                    .map(|p| relative(self.root, p))
                    .unwrap_or_default();
                self.found.skip(self.ctx, path, error_reason(&err));
            }
        }
        WalkState::Continue
    }
}

impl Visitor<'_> {
    fn entry(&mut self, e: &DirEntry) {
        let Some(ft) = e.file_type() else { return };
        if ft.is_dir() {
            self.found.dirs.push(relative(self.root, e.path()));
            return;
        }
        if !ft.is_file() || !language_allowed(self.ctx, e.path()) {
            return;
        }
        let rel = relative(self.root, e.path());
        match e.metadata() {
            Ok(md) => {
                let entry = read::Entry {
                    rel,
                    path: e.path(),
                    md: &md,
                };
                read::process(self.ctx, &mut self.found, entry, &mut self.buf)
            }
            Err(err) => self.found.skip(self.ctx, rel, error_reason(&err)),
        }
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let found = std::mem::take(&mut self.found);
        match self.sink.lock() {
            Ok(mut v) => v.push(found),
            Err(poisoned) => poisoned.into_inner().push(found),
        }
    }
}

/// `path` relative to `root`, components joined with `/` (lossily decoded if not UTF-8).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if cfg!(unix) {
        if let Some(s) = rel.to_str() {
            return s.to_owned();
        }
    }
    let mut out = String::new();
    for c in rel.components() {
        if let Component::Normal(name) = c {
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(&name.to_string_lossy());
        }
    }
    out
}

/// The path an error is about, if it names one.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// The innermost error, without the path and depth wrappers (the path is reported apart).
fn innermost(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            innermost(err)
        }
        _ => err,
    }
}

/// Maps a walk error onto a skip reason.
pub fn error_reason(err: &ignore::Error) -> SkipReason {
    let inner = innermost(err);
    if let ignore::Error::Loop { .. } = inner {
        return SkipReason::SymlinkLoop;
    }
    match inner.io_error() {
        Some(io) => read::io_reason(io),
        None => SkipReason::WalkError {
            error: inner.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::path::PathBuf;

    #[test]
    fn relative_paths_use_forward_slashes_and_root_is_empty() {
        let root = Path::new("/r");
        assert_eq!(relative(root, Path::new("/r")), "");
        assert_eq!(relative(root, Path::new("/r/a/b.rs")), "a/b.rs");
    }

    #[test]
    fn walk_errors_map_to_reasons_and_paths() {
        let at = |kind, path: &str| ignore::Error::WithPath {
            path: PathBuf::from(path),
            err: Box::new(ignore::Error::Io(io::Error::new(kind, "x"))),
        };
        let gone = at(io::ErrorKind::NotFound, "/r/gone.rs");
        assert_eq!(error_reason(&gone), SkipReason::Vanished);
        assert_eq!(error_path(&gone), Some(Path::new("/r/gone.rs")));
        let denied = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(at(io::ErrorKind::PermissionDenied, "/r/secret")),
        };
        assert_eq!(
            error_reason(&denied),
            SkipReason::Unreadable { error: "x".into() }
        );
        assert_eq!(error_path(&denied), Some(Path::new("/r/secret")));
        let looped = ignore::Error::Loop {
            ancestor: PathBuf::from("/r"),
            child: PathBuf::from("/r/a/up"),
        };
        assert_eq!(error_reason(&looped), SkipReason::SymlinkLoop);
        assert_eq!(error_path(&looped), Some(Path::new("/r/a/up")));
        let other = ignore::Error::InvalidDefinition;
        assert!(matches!(error_reason(&other), SkipReason::WalkError { .. }));
        assert_eq!(error_path(&other), None);
    }
}
