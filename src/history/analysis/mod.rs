//! The analyses of walked history: per-file aggregation, growth and time to breach, change
//! coupling, and per-component churn. They read the walk's records and never walk themselves.

pub mod aggregate;
pub mod components;
pub mod coupling;
pub mod files;
mod fold;
pub mod growth;
pub mod prepend;
