//! The cockpit's contact with the outside world: the event loop, the terminal guard, and the
//! background threads (workers, input, signals). The state never calls into here; it queues
//! effects that the loop carries out.

pub mod editor;
mod effects;
pub(super) mod run;
pub mod terminal;
pub mod workers;
