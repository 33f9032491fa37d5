//! Bursts (a branch switch, a formatter over the whole tree): thousands of paths become a few
//! batches, the output stays short, and the model is right at the end.

use crate::support as watch_support;

use seamline::engine::notice::MAX_CHANGES;
use watch_support::Harness;

const N: usize = 5_000;

fn py(i: usize, extra: usize) -> String {
    let mut s = format!("def f{i}():\n    return {i}\n");
    for j in 0..extra {
        s.push_str(&format!("x{j} = {j}\n"));
    }
    s
}

fn check_burst(h: &mut Harness, expect_lines: u32) {
    h.wait_model("every file measured", |p| {
        let t = p.snapshot.totals();
        t.files as usize == N + 1 && t.lines.total == expect_lines
    });
    let batches = h.batches();
    let busy: Vec<_> = batches.iter().filter(|b| b.paths > 0).collect();
    assert!(
        busy.len() <= 10,
        "{} batches for {N} paths: {:?}",
        busy.len(),
        busy.iter().map(|b| b.paths).collect::<Vec<_>>()
    );
    for b in &batches {
        assert!(b.changes.len() <= MAX_CHANGES);
    }
    let latest = h.engine.latest();
    let snap = &latest.snapshot;
    for i in [0, 1, N / 2, N - 1] {
        let path = format!("pkg/m{i}.py");
        let id = snap
            .lookup(&path)
            .unwrap_or_else(|| panic!("{path} missing"));
        assert!(snap.node(id).and_then(|n| n.file()).is_some());
    }
}

#[test]
fn five_thousand_new_files_are_a_few_batches_and_the_model_is_right() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "main.py", "print(1)\n"),
        |_| {},
    );
    for i in 0..N {
        watch_support::write(&h.root, &format!("pkg/m{i}.py"), &py(i, 0));
    }
    check_burst(&mut h, (N * 2 + 1) as u32);
    // The new directory is one created event (when it landed in one batch), not 5,000 lines.
    let shown: usize = h.batches().iter().map(|b| b.changes.len()).sum();
    assert!(shown <= 10 * MAX_CHANGES, "{shown}");
}

#[test]
fn rewriting_five_thousand_files_updates_each_once() {
    let mut h = Harness::start(
        |root| {
            watch_support::write(root, "main.py", "print(1)\n");
            for i in 0..N {
                watch_support::write(root, &format!("pkg/m{i}.py"), &py(i, 0));
            }
        },
        |_| {},
    );
    for i in 0..N {
        watch_support::write(&h.root, &format!("pkg/m{i}.py"), &py(i, 1));
    }
    check_burst(&mut h, (N * 3 + 1) as u32);
    let updated: usize = h.batches().iter().map(|b| b.updated).sum();
    assert!(updated >= N, "{updated}");
    let created: usize = h.batches().iter().map(|b| b.created).sum();
    assert_eq!(created, 0);
}
