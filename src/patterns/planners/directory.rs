//! Directory planners (placeholder while they are written).

use crate::model::NodeId;
use crate::patterns::suggest::Request;
use crate::patterns::types::Suggestions;

pub fn plans(_req: &Request<'_>, _dir: NodeId, _out: &mut Suggestions) {}
