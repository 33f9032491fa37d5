//! The cockpit's state and the only ways it changes: the `Action` enum and its table, the keymap
//! that turns keys into actions, the `App` state, and `App::update` with the commands it runs.
//! Grouped so that everything a key press can touch lives in one place.

pub mod action;
pub mod app;
mod commands;
pub mod keymap;
mod pane_commands;
mod update;
