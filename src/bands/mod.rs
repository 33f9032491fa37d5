//! Limits and warning bands: turns the model's numbers into how close every node is to its
//! limits (watch 80 %, review 90 %, emergency 95 %, freeze 100 %), with the metric that drives
//! each band and the construct behind it.

pub mod assess;
pub mod band;
pub mod findings;
pub mod metric;
pub mod suppress;

pub use assess::{assess, Assessment, DefaultPolicy, Measure, Policy};
pub use band::{Band, BandLevels};
pub use metric::{Limits, Metric};
