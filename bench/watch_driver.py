#!/usr/bin/env python3
"""Drives `seamline watch --headless --format json` on a real tree and measures it.

    watch_driver.py latency TREE [--edits 200]    write → band event latency, p50/p99
    watch_driver.py burst   TREE [--files 5000]   a 5,000-file burst: time to settle vs a cold scan
    watch_driver.py idle    TREE [--seconds 300] [--poll]
                                                 CPU and memory of the idle watcher, and the slope

Each prints one JSON object on stdout. The tree is written to (a file edited, a burst directory
created and removed): give it a copy, never a checkout you care about.
"""

import argparse
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

BIN = os.environ.get("SEAMLINE_BIN", "target/release/seamline")
TIMEOUT = 600.0


class Watch:
    """A running `seamline watch` and its JSON lines, each stamped with when it was read."""

    def __init__(self, tree, extra=()):
        cache = os.environ.get("SEAMLINE_WATCH_CACHE", "/tmp/seamline-watch-bench/cache")
        self.proc = subprocess.Popen(
            [BIN, "watch", tree, "--headless", "--format", "json", "--no-user-config",
             "--cache-dir", cache, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), json.loads(line)))
        self.lines.put((time.monotonic(), None))

    def wait(self, pred, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching event")
            t, ev = self.lines.get(timeout=left)
            if ev is None:
                raise RuntimeError("seamline exited")
            if pred(ev):
                return t, ev

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def pct(values, p):
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def walk_files(tree, keep_dir):
    """`(dirpath, name)` of the files under `tree`, in path order; `keep_dir` filters each
    directory's list of subdirectories."""
    for dirpath, dirnames, filenames in sorted(os.walk(tree)):
        dirnames[:] = sorted(d for d in dirnames if keep_dir(d))
        for name in sorted(filenames):
            yield dirpath, name


def pick_file(tree, lo=300, hi=900):
    """A real Rust source of lo..hi lines, parsed as is (the first found in path order)."""
    for dirpath, name in walk_files(tree, lambda d: not d.startswith(".") and d != "target"):
        if not name.endswith(".rs"):
            continue
        path = os.path.join(dirpath, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            n = sum(1 for _ in f)
        if lo <= n <= hi:
            return path, n
    raise SystemExit("no Rust file of %d..%d lines in %s" % (lo, hi, tree))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def latency(args):
    path, n = pick_file(args.tree)
    with open(path, encoding="utf-8", errors="replace") as f:
        original = f.read()
    grown = original + "// seamline bench\n// seamline bench\n"
    # With the limit one line above the file, it sits in emergency (n / (n+1) >= 95 %) and
    # crosses into freeze with two more lines: every edit is a band event.
    w = Watch(args.tree, ["--limit", "file_lines=%d" % (n + 1), "--debounce", str(args.debounce)])
    rel = os.path.relpath(path, args.tree)
    try:
        t_ready, ready = w.wait(lambda e: e["event"] == "ready")
        samples = []
        for i in range(args.edits):
            text = grown if i % 2 == 0 else original
            want = "freeze" if i % 2 == 0 else "emergency"
            time.sleep(random.uniform(0.05, 0.15))  # a person's pace, never coalesced
            t0 = time.monotonic()
            write(path, text)
            t1, _ = w.wait(lambda e: e["event"] == "band" and e["path"] == rel and e["to"] == want)
            samples.append((t1 - t0) * 1000.0)
    finally:
        write(path, original)
        w.stop()
    beyond = [s - args.debounce for s in samples]
    return {
        "bench": "latency", "file": rel, "lines": n, "edits": len(samples),
        "debounce_ms": args.debounce, "files_in_tree": ready["files"],
        "p50_ms": round(pct(samples, 50), 1), "p99_ms": round(pct(samples, 99), 1),
        "max_ms": round(max(samples), 1),
        "p50_beyond_debounce_ms": round(pct(beyond, 50), 1),
        "p99_beyond_debounce_ms": round(pct(beyond, 99), 1),
    }


def sources(tree, count):
    """`count` real source files of the tree (path order), to copy into the burst."""
    out = []
    keep = lambda d: not d.startswith(".") and d != "target" and not d.startswith("burst")
    for dirpath, name in walk_files(tree, keep):
        if not name.endswith((".rs", ".py", ".js", ".go")):
            continue
        out.append(os.path.join(dirpath, name))
        if len(out) == count:
            return out
    raise SystemExit("only %d source files in %s" % (len(out), tree))


def cold_scan(path):
    t0 = time.monotonic()
    subprocess.run([BIN, "scan", path, "--no-cache", "--format", "json", "--no-user-config"],
                   stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - t0


def burst(args):
    files = sources(args.tree, args.files)
    contents = []
    for p in files:
        with open(p, "rb") as f:
            contents.append((os.path.splitext(p)[1], f.read()))
    target = os.path.join(args.tree, "burst_bench")
    shutil.rmtree(target, ignore_errors=True)
    sentinel_path, n = pick_file(args.tree)
    with open(sentinel_path, encoding="utf-8", errors="replace") as f:
        original = f.read()
    rel = os.path.relpath(sentinel_path, args.tree)
    w = Watch(args.tree, ["--limit", "file_lines=%d" % (n + 1)])
    try:
        w.wait(lambda e: e["event"] == "ready")
        t0 = time.monotonic()
        for i, (ext, data) in enumerate(contents):
            d = os.path.join(target, "d%03d" % (i // 100))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "f%05d%s" % (i, ext)), "wb") as f:
                f.write(data)
        t_written = time.monotonic()
        # The sentinel: written after the burst, so its band event comes with or after the
        # batch holding the burst's last file.
        write(sentinel_path, original + "// s\n// s\n")
        t1, _ = w.wait(lambda e: e["event"] == "band" and e["path"] == rel and e["to"] == "freeze")
    finally:
        write(sentinel_path, original)
        w.stop()
    scans = [cold_scan(target) for _ in range(3)]
    shutil.rmtree(target, ignore_errors=True)
    settle = t1 - t0
    cold = min(scans)
    return {
        "bench": "burst", "files": len(contents), "write_s": round(t_written - t0, 3),
        "settled_s": round(settle, 3), "cold_scan_s": round(cold, 3),
        "ratio": round(settle / cold, 2),
    }


def proc_sample(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    rss = 0
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return ticks / os.sysconf("SC_CLK_TCK"), rss


def slope(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return 0.0 if den == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den


def idle(args):
    w = Watch(args.tree, ["--watch", "poll"] if args.poll else [])
    try:
        t_ready, ready = w.wait(lambda e: e["event"] == "ready")
        time.sleep(5)  # let the start-up's history walk and allocator settle
        t_start = time.monotonic()
        cpu0, _ = proc_sample(w.proc.pid)
        xs, rss = [], []
        while time.monotonic() - t_start < args.seconds:
            time.sleep(args.every)
            cpu, r = proc_sample(w.proc.pid)
            xs.append((time.monotonic() - t_start) / 60.0)
            rss.append(r)
        elapsed = time.monotonic() - t_start
        cpu_s = cpu - cpu0
    finally:
        w.stop()
    return {
        "bench": "idle_poll" if args.poll else "idle", "files_in_tree": ready["files"], "seconds": round(elapsed),
        "cpu_s": round(cpu_s, 3), "cpu_percent": round(100.0 * cpu_s / elapsed, 3),
        "rss_kb_first": rss[0], "rss_kb_last": rss[-1], "rss_kb_max": max(rss),
        "rss_slope_kb_per_min": round(slope(xs, rss), 2), "samples": len(rss),
    }


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", choices=["latency", "burst", "idle"])
    ap.add_argument("tree")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--debounce", type=int, default=50)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--every", type=float, default=5.0)
    ap.add_argument("--poll", action="store_true", help="idle: with the polling watcher")
    args = ap.parse_args()
    random.seed(7)
    load_before = loadavg()
    result = {"latency": latency, "burst": burst, "idle": idle}[args.bench](args)
    # Other work on the machine competes for the same cores: report it with the numbers.
    result["loadavg_before"] = load_before
    result["loadavg_after"] = loadavg()
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
