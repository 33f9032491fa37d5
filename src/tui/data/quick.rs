//! A node's band and driving metric, computed the way `bands::assess` does but without its
//! allocations (no path string per node, no measure list, no construct text): the index needs
//! only the band and the driver of every node of the tree, and assessing a few hundred thousand
//! components must take milliseconds, not a second. The construct behind a band is still
//! `assess`'s, asked for one node at a time by the detail pane. A test checks both agree on
//! every node of a real tree.

use crate::bands::{Band, BandLevels, Limits, Measure, Metric};
use crate::model::{Node, NodeBody};

/// The band and driver of a non-root node with `limits` (its own, or its file's for a
/// component). The root directory also measures top-level domains: use `assess` for it.
pub fn band_of(node: &Node, limits: &Limits, levels: &BandLevels) -> (Band, Option<Measure>) {
    let mut best: Option<Measure> = None;
    let mut band = Band::Ok;
    let mut add = |metric: Metric, value: u32| {
        let limit = limits.get(metric);
        if limit == 0 {
            return;
        }
        let m = Measure {
            metric,
            value,
            limit,
            band: levels.band(value, limit),
        };
        band = band.max(m.band);
        // `assess` keeps the largest share; on a tie, the metric listed first.
        let better = match best {
            None => true,
            Some(b) => m.share() > b.share(),
        };
        if better {
            best = Some(m);
        }
    };
    match &node.body {
        NodeBody::Dir(d) => add(Metric::DirEntries, d.entries),
        NodeBody::File(f) if f.language.is_code() => add(Metric::FileLines, f.lines.total),
        NodeBody::File(_) => {}
        NodeBody::Component(c) => {
            if let Some(m) = c.metrics {
                add(Metric::FunctionLines, c.lines.total);
                add(Metric::Cyclomatic, m.cyclomatic);
                add(Metric::Cognitive, m.cognitive);
                add(Metric::Params, m.params);
                add(Metric::Nesting, m.nesting);
            }
            if let Some(methods) = c.methods {
                add(Metric::TypeMethods, methods);
            }
        }
    }
    (band, best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bands::{assess, Policy};
    use crate::config::{Config, LoadOptions};
    use crate::model::Model;
    use crate::scan::{scan, ScanOptions};

    #[test]
    fn agrees_with_assess_on_every_node_of_a_real_tree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut opts = ScanOptions::new(root.join("src"));
        opts.threads = 1;
        let model = Model::from_scan(&scan(&opts).unwrap()).unwrap();
        let cfg = Config::load(&LoadOptions {
            root: root.to_path_buf(),
            ..LoadOptions::default()
        })
        .unwrap();
        let mut checked = 0;
        let mut stack = vec![model.root()];
        while let Some(id) = stack.pop() {
            let node = model.node(id).unwrap();
            stack.extend(node.children.iter().copied());
            if node.parent.is_none() {
                continue;
            }
            let a = assess(&model, id, &cfg).unwrap();
            let limits = cfg.limits(&model.path_of(id));
            assert_eq!(
                band_of(node, &limits, &cfg.levels()),
                (a.band, a.driver),
                "{}",
                model.path_of(id)
            );
            checked += 1;
        }
        assert!(checked > 1000, "{checked}");
    }
}
