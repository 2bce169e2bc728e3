#!/usr/bin/env python3
# Start-up benchmark: time from exec to the first frame, and peak memory,
# of the app against the minimal libadwaita window, alternating runs in
# the same session so both see the same machine. The app is bench-app
# (--app): the app plus the probe that quits at the moment measured. Prints the medians and
# their ratios, and exits non-zero when a ratio is over its target
# (10 % more time or memory than the minimal window). Run it inside the headless session (build-aux/run-tests
# --benchmark does).
import argparse
import os
import statistics
import threading
import subprocess
import sys
import time


def run_once(argv, env):
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if status != 0:
        sys.exit(f"{argv[0]} failed ({status}): {stderr}")
    return elapsed, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--time-ratio", type=float, default=1.10)
    parser.add_argument("--memory-ratio", type=float, default=1.10)
    parser.add_argument("--server", help="start this mfa-fapi-server with the demo account, "
                        "sign in once and time a start that restores the session")
    parser.add_argument("--seed", help="the program that signs in and fills the keyring")
    parser.add_argument("app_args", nargs="*")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("GSETTINGS_BACKEND", "memory")
    app_argv = [args.app] + args.app_args
    ref_argv = [args.reference]
    ref_env = dict(env)
    ref_env["MFA_MANAGER_EXIT_AFTER_FIRST_FRAME"] = "1"

    server = None
    if args.server:
        server = subprocess.Popen([args.server, "--port", "0", "--seed-demo", "--rate-limits", "off"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = password = None
        while url is None or password is None:
            line = server.stdout.readline()
            if not line:
                sys.exit("the server stopped")
            if line.startswith("listening on "):
                url = line.split()[2]
            elif line.startswith("demo account: "):
                password = line.split("password: ", 1)[1].strip()
        # Keep reading its output so it never blocks on a full pipe.
        threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()
        subprocess.run([args.seed, url, "demo@example.com", password], check=True)
        app_argv += ["--frontend-api", url]
        # Start to the lists shown from the restored session.
        env["MFA_MANAGER_EXIT_ON_PAGE"] = "manage"
    else:
        env["MFA_MANAGER_EXIT_AFTER_FIRST_FRAME"] = "1"

    try:
        return measure(args, app_argv, env, ref_argv, ref_env)
    finally:
        if server is not None:
            server.terminate()
            server.wait()


def measure(args, app_argv, env, ref_argv, ref_env):

    # One warm-up each: the first run pays for cold caches.
    run_once(app_argv, env)
    run_once(ref_argv, ref_env)

    app_times, app_rss, ref_times, ref_rss = [], [], [], []
    for _ in range(args.runs):
        t, m = run_once(ref_argv, ref_env)
        ref_times.append(t)
        ref_rss.append(m)
        t, m = run_once(app_argv, env)
        app_times.append(t)
        app_rss.append(m)

    app_t, ref_t = statistics.median(app_times), statistics.median(ref_times)
    app_m, ref_m = max(app_rss), max(ref_rss)
    time_ratio, memory_ratio = app_t / ref_t, app_m / ref_m

    what = "data shown" if "MFA_MANAGER_EXIT_ON_PAGE" in env else "first frame"
    print(f"{what}: app {app_t * 1000:.1f} ms, reference {ref_t * 1000:.1f} ms, "
          f"ratio {time_ratio:.3f} (target <= {args.time_ratio})")
    print(f"peak memory: app {app_m / 1024:.1f} MiB, reference {ref_m / 1024:.1f} MiB, "
          f"ratio {memory_ratio:.3f} (target <= {args.memory_ratio})")

    ok = time_ratio <= args.time_ratio and memory_ratio <= args.memory_ratio
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
