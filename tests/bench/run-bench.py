#!/usr/bin/env python3
# run-bench: the app against references measured in the same run, on the
# same machine. Started by build-aux/run-bench inside a headless session.
# The app is tests/bench/bench-app: the app's own start-up plus the probe
# that quits at the moment measured or runs the settings' flow.
#
# - start to first frame signed out, start to data shown signed in (the
#   snapshot drawn, and the live session drawn), peak RSS of each, against
#   the minimal libadwaita window's first frame: A B A B once both are warm,
#   with the default renderer and with GSK_RENDERER=cairo;
# - requests per flow in the server's log against the protocol minimum;
# - the longest main-loop stall while the settings of a 50- and a
#   500-number account are shown, scrolled and one number made default;
# - the local server: GET /v1/me at 64 connections for 10 s.
#
# Copyright 2026 The MFA Manager authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from fapiserver import Server  # noqa: E402

TARGET_TIME = {"first_frame_signed_out": 1.10, "data_shown_signed_in": 1.15}
TARGET_RSS = 1.10
STALL_LIMIT_MS = 16.0
# The fewest requests each flow can make in the protocol.
PROTOCOL_MINIMUM = {"restore": 1, "sign-in": 3, "add-verify": 3, "reserve": 1,
                    "make-default": 1, "regenerate-codes": 1, "remove": 1}


def run_once(argv, env, capture=False):
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    # Never wait for ever: a run that hangs fails the benchmark.
    timer = threading.Timer(60, proc.kill)
    timer.start()
    out = proc.stdout.read().decode(errors="replace") if capture else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    timer.cancel()
    if status != 0:
        sys.exit(f"{argv[0]} failed ({status}) with {env.get('MFA_MANAGER_BENCH_FLOW') or ''}"
                 f" {env.get('MFA_MANAGER_EXIT_ON_PAGE') or ''}: {out[-2000:]}")
    return elapsed, usage.ru_maxrss, out


def warm_up(argv, env):
    """Runs until the caches a run fills are full: until a run's peak
    memory is no lower than the one before it, two runs at least and
    five at most. One is not enough: the GL driver stores the shaders it
    compiled from a thread of its own, and a process that quits right
    after its first frame leaves some of them unwritten, so the next run
    compiles them again and its peak is several MiB higher."""
    _, before, _ = run_once(argv, env)
    for _ in range(4):
        _, peak, _ = run_once(argv, env)
        if peak >= before * 0.995:
            return
        before = peak


def pairs(app, ref, n):
    """A B A B once both are warm: medians of time, peaks of memory."""
    warm_up(*app)
    warm_up(*ref)
    at, am, rt, rm = [], [], [], []
    for _ in range(n):
        t, m, _ = run_once(*ref)
        rt.append(t)
        rm.append(m)
        t, m, _ = run_once(*app)
        at.append(t)
        am.append(m)
    return statistics.median(at), max(am), statistics.median(rt), max(rm)


def sign_in_once(builddir, server, identifier, password):
    subprocess.run([os.path.join(builddir, "tests/bench/bench-seed-session"),
                    server.base_url, identifier, password], check=True)


def start_server(builddir, *args):
    os.environ["MFA_FAPI_SERVER"] = os.path.join(builddir, "tests/fapi-server/mfa-fapi-server")
    return Server("--rate-limits", "off", "--reverification", "off", "--dev-routes", *args)


def demo_password(server):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for line in list(server.lines):
            if line.startswith("demo account: "):
                return line.split("password: ", 1)[1].strip()
        time.sleep(0.05)
    sys.exit("no demo password")


def requests_log(server):
    _, body = server.dev("GET", "/__dev/requests")
    return body["requests"]


def clear_log(server):
    server.dev("DELETE", "/__dev/requests")


def bench_app(builddir):
    return os.path.join(builddir, "tests/bench/bench-app")


def startup(builddir, env, renderer, n):
    app = bench_app(builddir)
    ref = os.path.join(builddir, "tests/bench/bench-minimal-window")
    env = dict(env)
    if renderer != "default":
        env["GSK_RENDERER"] = renderer
    else:
        env.pop("GSK_RENDERER", None)
    ref_env = dict(env, MFA_MANAGER_EXIT_AFTER_FIRST_FRAME="1")
    rows = {}

    signed_out = dict(env, MFA_MANAGER_EXIT_AFTER_FIRST_FRAME="1")
    rows["first_frame_signed_out"] = pairs(([app], signed_out), ([ref], ref_env), n)

    server = start_server(builddir, "--seed-demo")
    try:
        sign_in_once(builddir, server, "demo@example.com", demo_password(server))
        argv = [app, "--frontend-api", server.base_url]
        # The first run leaves the snapshot that later starts draw first.
        shown = dict(env, MFA_MANAGER_EXIT_ON_PAGE="manage")
        rows["data_shown_signed_in"] = pairs((argv, shown), ([ref], ref_env), n)
        live = dict(shown, MFA_MANAGER_EXIT_SIGNED_IN="1")
        rows["live_data_shown_signed_in"] = pairs((argv, live), ([ref], ref_env), n)
        clear_log(server)
        run_once(argv, live)
        restore_requests = len(requests_log(server))
    finally:
        server.close()

    result = {}
    for name, (at, am, rt, rm) in rows.items():
        result[name] = {"app_ms": at * 1000, "reference_ms": rt * 1000, "time_ratio": at / rt,
                        "app_peak_rss_kib": am, "reference_peak_rss_kib": rm,
                        "peak_rss_ratio": am / rm}
    return result, restore_requests


def flows(builddir):
    server = start_server(builddir, "--seed-demo")
    counts = {}
    try:
        proc = subprocess.Popen([os.path.join(builddir, "tests/bench/bench-flows"),
                                 server.base_url, "demo@example.com", demo_password(server)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            what, name = line.split()
            if what == "flow-start":
                clear_log(server)
            else:
                counts[name] = [f"{r['method']} {r['path']}" for r in requests_log(server)]
            proc.stdin.write("go\n")
            proc.stdin.flush()
        if proc.wait() != 0:
            sys.exit("bench-flows failed")
    finally:
        server.close()
    return counts


def many_numbers(n):
    # The default one is a test number (its code is 424242); the others
    # are ordinary valid numbers.
    phones = [{"phone_number": "+12015550123", "verified": True, "reserved": True, "default": True}]
    phones += [{"phone_number": "+1201300%04d" % i, "verified": True, "reserved": True,
                "default": False} for i in range(n - 1)]
    return phones


def flow_figures(argv, env, what):
    _, _, out = run_once(argv, env, capture=True)
    figures = dict(line.split()[1:3] for line in out.splitlines()
                   if line.startswith("bench-flow: "))
    if figures.get("phase") != "done":
        sys.exit(f"{what} did not finish: {out}")
    return figures


def scale(builddir, env, n, renderer, runs):
    env = dict(env)
    if renderer != "default":
        env["GSK_RENDERER"] = renderer
    else:
        env.pop("GSK_RENDERER", None)
    app_env = dict(env, MFA_MANAGER_BENCH_FLOW="manage")
    # The reference: a minimal window scrolling a boxed list of as many
    # plain rows, measured the same way.
    ref_env = dict(env, MFA_MANAGER_BENCH_FLOW="scroll", MFA_BENCH_REFERENCE_ROWS=str(n))
    ref = [os.path.join(builddir, "tests/bench/bench-minimal-window")]
    server = start_server(builddir)
    try:
        server.dev("POST", "/__dev/users", {"identifier": "many@example.com",
                                            "password": "correct horse",
                                            "phones": many_numbers(n)})
        sign_in_once(builddir, server, "many@example.com", "correct horse")
        argv = [bench_app(builddir), "--frontend-api", server.base_url]
        worst = {"max_stall_ms": 0.0, "scroll_max_stall_ms": 0.0, "stalls_over_16ms": 0,
                 "reference_scroll_max_stall_ms": 0.0}
        # One run of each first, not counted, as for the start-up figures:
        # it fills the shader cache a renderer keeps on disk, as any run
        # after the first finds it. Its figure is kept apart.
        worst["first_run_max_stall_ms"] = float(flow_figures(argv, app_env, "the warm-up")["max-stall-ms"])
        flow_figures(ref, ref_env, "the reference's warm-up")
        make_default = None
        for _ in range(runs):
            clear_log(server)
            figures = flow_figures(argv, app_env, f"the {n}-number flow")
            worst["max_stall_ms"] = max(worst["max_stall_ms"], float(figures["max-stall-ms"]))
            worst["scroll_max_stall_ms"] = max(worst["scroll_max_stall_ms"],
                                               float(figures["scroll-max-stall-ms"]))
            worst["stalls_over_16ms"] = max(worst["stalls_over_16ms"],
                                            int(figures["stalls-over-16ms"]))
            make_default = [f"{r['method']} {r['path']}" for r in requests_log(server)
                            if r["method"] != "GET"]
            figures = flow_figures(ref, ref_env, "the reference's scroll")
            worst["reference_scroll_max_stall_ms"] = max(worst["reference_scroll_max_stall_ms"],
                                                         float(figures["scroll-max-stall-ms"]))
        worst["make_default_requests"] = len(make_default)
        worst["scroll_stall_ratio"] = (worst["scroll_max_stall_ms"] /
                                       max(worst["reference_scroll_max_stall_ms"], 0.1))
        return worst
    finally:
        server.close()


def server_load(builddir, connections=64, duration=10.0):
    server = start_server(builddir, "--seed-demo")
    try:
        bench = subprocess.run([os.path.join(builddir, "tests/bench/bench-seed-session"),
                                server.base_url, "demo@example.com", demo_password(server),
                                "--print-token"], check=True, capture_output=True, text=True)
        token = bench.stdout.strip()
        latencies, errors, lock = [], [0], threading.Lock()
        stop = time.monotonic() + duration

        def worker():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            mine, bad = [], 0
            while time.monotonic() < stop:
                start = time.monotonic()
                try:
                    conn.request("GET", "/v1/me?_is_native=1", headers={"Authorization": token})
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        bad += 1
                    mine.append(time.monotonic() - start)
                except (OSError, http.client.HTTPException):
                    bad += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.close()
            with lock:
                latencies.extend(mine)
                errors[0] += bad

        threads = [threading.Thread(target=worker) for _ in range(connections)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
        ordered = sorted(latencies)

        def pct(p):
            return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000 if ordered else 0.0

        return {"connections": connections, "duration_s": round(elapsed, 1),
                "requests_per_s": len(latencies) / elapsed, "p50_ms": pct(0.50),
                "p99_ms": pct(0.99), "errors": errors[0]}
    finally:
        server.close()


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return f"{model}, {os.cpu_count()} cores, {mem} MiB, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--builddir", required=True)
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--flow-runs", type=int, default=3)
    args = parser.parse_args()

    env = dict(os.environ)
    env.update({"GSETTINGS_BACKEND": "memory",
                "GSETTINGS_SCHEMA_DIR": os.path.join(args.builddir, "data"),
                "MFA_PHONE_MODULE_DIR": os.path.join(args.builddir, "src/phone"),
                "GIO_USE_PROXY_RESOLVER": "dummy", "NO_AT_BRIDGE": "1"})
    os.environ.update(env)
    began = time.monotonic()
    results = {"machine": machine(), "pairs": args.pairs, "startup": {}, "scale": {}}
    ok = True
    lines = []

    for renderer in ("default", "cairo"):
        rows, restore = startup(args.builddir, env, renderer, args.pairs)
        results["startup"][renderer] = rows
        for name, row in rows.items():
            target = TARGET_TIME.get(name)
            within = ((target is None or row["time_ratio"] <= target) and
                      row["peak_rss_ratio"] <= TARGET_RSS)
            ok &= within
            lines.append(f"{renderer:8} {name:27} {row['app_ms']:7.1f} ms {row['reference_ms']:7.1f} ms"
                         f"  {row['time_ratio']:.3f}"
                         f"{' (<= %.2f)' % target if target else '          '}"
                         f"  RSS {row['app_peak_rss_kib'] / 1024:6.1f} / {row['reference_peak_rss_kib'] / 1024:6.1f} MiB"
                         f"  {row['peak_rss_ratio']:.3f} (<= {TARGET_RSS:.2f})"
                         f"  {'ok' if within else 'OVER'}")

    counts = flows(args.builddir)
    counts_json = {"restore": {"app": restore, "minimum": PROTOCOL_MINIMUM["restore"],
                               "requests_ratio": restore / PROTOCOL_MINIMUM["restore"]}}
    for name, reqs in counts.items():
        counts_json[name] = {"app": len(reqs), "minimum": PROTOCOL_MINIMUM[name],
                             "requests_ratio": len(reqs) / PROTOCOL_MINIMUM[name],
                             "requests": reqs}
    results["requests"] = counts_json
    for name, row in counts_json.items():
        ok &= row["app"] <= row["minimum"]
        lines.append(f"requests {name:18} {row['app']:3} (minimum {row['minimum']})"
                     f"  {'ok' if row['app'] <= row['minimum'] else 'OVER'}")

    for n in (50, 500):
        for renderer in ("default", "cairo"):
            row = scale(args.builddir, env, n, renderer, args.flow_runs)
            row["stall_ratio"] = row["max_stall_ms"] / STALL_LIMIT_MS
            results["scale"][f"{n}-{renderer}"] = row
            within = n != 50 or row["max_stall_ms"] <= STALL_LIMIT_MS
            ok &= within and row["make_default_requests"] <= 1
            lines.append(f"stall {n:3} numbers {renderer:8} longest {row['max_stall_ms']:6.1f} ms"
                         f" (scrolling {row['scroll_max_stall_ms']:5.1f} ms, reference"
                         f" {row['reference_scroll_max_stall_ms']:5.1f} ms; first run"
                         f" {row['first_run_max_stall_ms']:6.1f} ms),"
                         f" make-default {row['make_default_requests']} request"
                         f"{'  (limit 16 ms)' if n == 50 else ''}"
                         f"  {'ok' if within else 'OVER'}")

    load = server_load(args.builddir)
    results["server_load"] = load
    lines.append(f"server GET /v1/me x{load['connections']} {load['duration_s']} s:"
                 f" {load['requests_per_s']:.0f} req/s, p50 {load['p50_ms']:.1f} ms,"
                 f" p99 {load['p99_ms']:.1f} ms, {load['errors']} errors")
    ok &= load["errors"] == 0

    results["within_targets"] = ok
    results["duration_s"] = round(time.monotonic() - began, 1)
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2)

    print(f"machine: {results['machine']}")
    print(f"{'renderer':8} {'figure':27} {'app':>10} {'reference':>10}  ratio")
    for line in lines:
        print(line)
    print(f"{'within targets' if ok else 'OVER TARGET'} ({results['duration_s']} s);"
          f" written to {os.path.basename(args.output)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
