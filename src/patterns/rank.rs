//! Ranking: expected gain against cost.
//!
//! gain = band relief × hotspot weight, where band relief = (steps of band the driving metric
//! drops, Ok = 0 … Freeze = 4) + (drop in its share of the limit), and the hotspot weight is
//! 1 + the file's hotspot score (1 without history). cost = 1 + the number of names crossing
//! the cut (each needs an import or a visibility change). score = gain / cost; ties go to the
//! more confident plan.

use crate::bands::Band;
use crate::patterns::types::Plan;

/// Band steps: Ok 0, Watch 1, Review 2, Emergency 3, Freeze 4.
pub fn steps(b: Band) -> f64 {
    match b {
        Band::Ok => 0.0,
        Band::Watch => 1.0,
        Band::Review => 2.0,
        Band::Emergency => 3.0,
        Band::Freeze => 4.0,
    }
}

/// Relief from `before` (value, band) to the worst piece after (value, band), against `limit`.
pub fn relief(before: (u32, Band), after: (u32, Band), limit: u32) -> f64 {
    let share = |v: u32| {
        if limit == 0 {
            0.0
        } else {
            f64::from(v) / f64::from(limit)
        }
    };
    (steps(before.1) - steps(after.1)).max(0.0) + (share(before.0) - share(after.0)).max(0.0)
}

/// Fills `gain`, `cost` and `score` of a plan from its before/after and cut.
pub fn score(plan: &mut Plan, hotspot: f64) {
    let worst = plan
        .pieces
        .iter()
        .max_by_key(|p| (p.predicted_band, p.predicted_lines))
        .map(|p| (p.predicted_lines, p.predicted_band));
    let relief = match (plan.before, worst) {
        (Some(b), Some(after)) => relief((b.value, b.band), after, b.limit),
        _ => plan.gain,
    };
    plan.gain = relief * (1.0 + hotspot.clamp(0.0, 1.0));
    plan.cost = 1.0 + plan.cut.len() as f64;
    plan.score = plan.gain / plan.cost;
}

/// Sorts plans best first.
pub fn sort(plans: &mut [Plan]) {
    plans.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.target.cmp(&b.target))
    });
}
