//! Extract function (placeholder while the planner is written).

use super::FileTarget;
use crate::model::ComponentNode;
use crate::patterns::library::Pattern;
use crate::patterns::types::Plan;

pub fn plan(_t: &FileTarget<'_>, _c: &ComponentNode, _p: &Pattern) -> Option<Plan> {
    None
}
