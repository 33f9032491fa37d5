//! notify's events reduced to what the engine acts on: "something happened at these paths", or
//! "events were lost, look at everything again".
//!
//! The kind of a path event is deliberately dropped. Whether a path was created, written,
//! renamed or deleted is read from the file system when the batch runs (the newest state wins),
//! which is what makes every editor's way of saving end in one update. Reads are dropped here:
//! inotify reports opens and closes-without-write, and the engine's own reads of changed files
//! would otherwise feed back into it.

use std::path::PathBuf;

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};

/// What the watcher tells the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsEvent {
    /// Something happened at these absolute paths.
    Touched(Vec<PathBuf>),
    /// These files were written to and may still be open for writing (a shell redirection
    /// truncates at once and writes when the program gets to it).
    Writing(Vec<PathBuf>),
    /// A writer closed these files (inotify's `IN_CLOSE_WRITE`): their content is complete.
    Closed(Vec<PathBuf>),
    /// Events were lost (kernel queue overflow, a backend error): rescan the tree.
    Rescan(String),
    /// The native watcher hit the system's watch limit: switch to polling.
    Limit(String),
}

impl FsEvent {
    /// The paths the event names (none for a rescan or the limit).
    pub fn paths(&self) -> &[PathBuf] {
        match self {
            FsEvent::Touched(p) | FsEvent::Writing(p) | FsEvent::Closed(p) => p,
            FsEvent::Rescan(_) | FsEvent::Limit(_) => &[],
        }
    }
}

/// Reduces one notify event; `None` for events that change nothing (reads).
pub fn reduce(event: notify::Result<notify::Event>) -> Option<FsEvent> {
    let event = match event {
        Ok(e) => e,
        Err(e) => return Some(from_error(e)),
    };
    if event.need_rescan() {
        return Some(FsEvent::Rescan(
            "the file system event queue overflowed".into(),
        ));
    }
    if event.paths.is_empty() {
        return None;
    }
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            Some(FsEvent::Closed(event.paths))
        }
        EventKind::Access(_) => None,
        EventKind::Modify(ModifyKind::Data(_)) => Some(FsEvent::Writing(event.paths)),
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => Some(FsEvent::Touched(event.paths)),
    }
}

fn from_error(e: notify::Error) -> FsEvent {
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => FsEvent::Limit(e.to_string()),
        // A path that vanished while being looked at (the poll watcher reports these for
        // directories deleted since the last poll): a change at that path, nothing lost.
        notify::ErrorKind::PathNotFound | notify::ErrorKind::WatchNotFound
            if !e.paths.is_empty() =>
        {
            FsEvent::Touched(e.paths)
        }
        notify::ErrorKind::Io(ref io)
            if io.kind() == std::io::ErrorKind::NotFound && !e.paths.is_empty() =>
        {
            FsEvent::Touched(e.paths)
        }
        _ if is_limit(&e) => FsEvent::Limit(e.to_string()),
        _ => FsEvent::Rescan(format!("watcher error: {e}")),
    }
}

/// True when an error means the native watcher ran out of a system resource (the inotify watch
/// or instance limit, open files): polling is the way on.
pub fn is_limit(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => matches!(
            io.raw_os_error(),
            Some(code) if code == ENOSPC || code == EMFILE || code == ENFILE || code == ENOMEM
        ),
        _ => false,
    }
}

// errno values shared by Linux and the BSDs for these four.
const ENOMEM: i32 = 12;
const ENFILE: i32 = 23;
const EMFILE: i32 = 24;
const ENOSPC: i32 = 28;

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, Flag, RenameMode};
    use notify::Event;

    fn ev(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        Ok(e)
    }

    #[test]
    fn writes_renames_and_removals_touch_their_paths() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert_eq!(
            reduce(ev(rename, &["/r/a.rs.tmp", "/r/a.rs"])),
            Some(FsEvent::Touched(vec![
                "/r/a.rs.tmp".into(),
                "/r/a.rs".into()
            ]))
        );
        let create = EventKind::Create(CreateKind::File);
        assert_eq!(
            reduce(ev(create, &["/r/b.rs"])),
            Some(FsEvent::Touched(vec!["/r/b.rs".into()]))
        );
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(
            reduce(ev(closed, &["/r/b.rs"])),
            Some(FsEvent::Closed(vec!["/r/b.rs".into()]))
        );
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert_eq!(
            reduce(ev(write, &["/r/b.rs"])),
            Some(FsEvent::Writing(vec!["/r/b.rs".into()]))
        );
    }

    #[test]
    fn reads_are_dropped() {
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert_eq!(reduce(ev(open, &["/r/a.rs"])), None);
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(reduce(ev(read, &["/r/a.rs"])), None);
        assert_eq!(reduce(ev(EventKind::Any, &[])), None);
    }

    #[test]
    fn overflow_and_errors_ask_for_a_rescan_or_polling() {
        let overflow = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(matches!(reduce(Ok(overflow)), Some(FsEvent::Rescan(_))));
        let limit = notify::Error::new(notify::ErrorKind::MaxFilesWatch);
        assert!(matches!(reduce(Err(limit)), Some(FsEvent::Limit(_))));
        let enospc = notify::Error::io(std::io::Error::from_raw_os_error(ENOSPC));
        assert!(is_limit(&enospc));
        let gone = notify::Error::path_not_found().add_path("/r/old".into());
        assert_eq!(
            reduce(Err(gone)),
            Some(FsEvent::Touched(vec!["/r/old".into()]))
        );
        let other = notify::Error::generic("boom");
        assert!(matches!(reduce(Err(other)), Some(FsEvent::Rescan(_))));
    }
}
