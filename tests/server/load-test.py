#!/usr/bin/env python3
# load-test: many clients at once against one mfa-fapi-server on
# 127.0.0.1, each in a loop signing in with an SMS code and adding a phone.
# Counts 5xx answers, connection resets and other failures, measures the
# latency of every request, checks after the run that every acknowledged
# phone is stored, and that the server's memory stays flat. Then: SIGKILL
# in the middle of writes loses none that were acknowledged; wrong codes
# stop at the attempt limit; another user's phone is 404.
#
#   load-test.py [--clients 200] [--duration 30]
#
# MFA_LOAD_CLIENTS and MFA_LOAD_DURATION set the defaults; the test suite
# runs a shorter duration than the full 30 s.
#
# Copyright 2026 The MFA Manager authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import http.client
import json
import os
import signal
import sqlite3
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fapiserver import Server, Tap  # noqa: E402

tap = Tap()
PASSWORD = "correct horse"


def user_phone(i):
    return "+1201200%04d" % i


def new_phone(client, n):
    # A distinct valid number for every phone any client adds.
    return "+1201%03d%04d" % (300 + client % 600, n % 10000)


class Client:
    """One user's HTTP/1.1 keep-alive connection, as a native SDK keeps it."""

    def __init__(self, server, stats):
        self.server = server
        self.stats = stats
        self.conn = None
        self.token = None

    def call(self, method, path, form=None):
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.token:
            headers["Authorization"] = self.token
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        start = time.monotonic()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) as e:
            self.stats.failure("reset", e)
            self.conn.close()
            self.conn = None
            return None, None
        except (OSError, http.client.HTTPException) as e:
            self.stats.failure("error", e)
            self.conn.close()
            self.conn = None
            return None, None
        self.stats.latency(time.monotonic() - start, response.status,
                           form is not None and "password" in form)
        auth = response.getheader("Authorization")
        if auth:
            self.token = auth
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            self.stats.failure("bad-json", data[:80])
            return response.status, None

    def close(self):
        if self.conn is not None:
            self.conn.close()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.password_latencies = []
        self.statuses = {}
        self.failures = {}
        self.examples = []

    def latency(self, seconds, status, password):
        with self.lock:
            self.latencies.append(seconds)
            if password:
                self.password_latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def failure(self, kind, what):
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1
            if len(self.examples) < 5:
                self.examples.append(f"{kind}: {what!r}")

    def count_5xx(self):
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile(self, p, latencies=None):
        ordered = sorted(self.latencies if latencies is None else latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def sign_in(client, server, identifier, phone):
    """Password, then the SMS code; True when the session is complete."""
    client.token = None
    status, body = client.call("PUT", "/v1/client")
    if status != 200:
        return False
    status, body = client.call("POST", "/v1/client/sign_ins?_is_native=1", {
        "identifier": identifier, "strategy": "password", "password": PASSWORD})
    if status != 200 or body["response"]["status"] != "needs_second_factor":
        return False
    sia = body["response"]["id"]
    status, body = client.call("POST", f"/v1/client/sign_ins/{sia}/prepare_second_factor",
                               {"strategy": "phone_code"})
    if status != 200:
        return False
    status, body = client.call("GET", "/__dev/sms?phone_number=" + urllib.parse.quote(phone))
    if status != 200 or not body["messages"]:
        return False
    code = body["messages"][-1]["code"]
    status, body = client.call("POST", f"/v1/client/sign_ins/{sia}/attempt_second_factor",
                               {"strategy": "phone_code", "code": code})
    return status == 200 and body["response"]["status"] == "complete"


def create_users(server, n, prefix):
    for i in range(n):
        status, out = server.dev("POST", "/__dev/users", {
            "identifier": f"{prefix}{i}@example.com", "password": PASSWORD,
            "phones": [{"phone_number": user_phone(i), "verified": True, "reserved": True}]})
        if status != 200:
            raise SystemExit(f"Bail out! cannot create user {i}: {out}")


def stored_phones(db_path):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {row[0] for row in db.execute("SELECT id FROM phone_numbers")}
    finally:
        db.close()


def run_load(clients, duration):
    server = Server("--dev-routes", "--rate-limits", "off")
    stats = Stats()
    acknowledged = []
    removed = []
    newest = {}
    ack_lock = threading.Lock()
    stop = threading.Event()
    sign_ins = [0]
    try:
        create_users(server, clients, "load")

        # Each sign-in adds two phones and removes the one before (a user
        # may hold only a few unverified phones): at the end each user's
        # newest phone must be stored and every removed one gone.
        def worker(i):
            client = Client(server, stats)
            n = 0
            previous = None
            while not stop.is_set():
                if not sign_in(client, server, f"load{i}@example.com", user_phone(i)):
                    stats.failure("sign-in", i)
                    continue
                with ack_lock:
                    sign_ins[0] += 1
                for _ in range(2):
                    status, body = client.call("POST", "/v1/me/phone_numbers",
                                               {"phone_number": new_phone(i, n)})
                    n += 1
                    if status != 200:
                        if status is not None:
                            stats.failure(f"add-phone-{status}", body)
                        continue
                    added = body["response"]["id"]
                    with ack_lock:
                        acknowledged.append(added)
                        newest[i] = added
                    if previous is not None:
                        status, body = client.call("DELETE", f"/v1/me/phone_numbers/{previous}")
                        if status == 200:
                            with ack_lock:
                                removed.append(previous)
                        elif status is not None:
                            stats.failure(f"remove-phone-{status}", body)
                    previous = added
            client.close()

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        time.sleep(duration / 3)
        rss_early = server.rss_kib()
        time.sleep(duration - duration / 3)
        rss_late = server.rss_kib()
        stop.set()
        for t in threads:
            t.join(120)

        stored = stored_phones(server.db_path)
        lost = ([p for p in newest.values() if p not in stored] +
                [p for p in removed if p in stored])
        total = len(stats.latencies)
        p50, p99 = stats.percentile(0.50), stats.percentile(0.99)
        # The password check (yescrypt) is most of the server's work.
        password = set(map(id, stats.password_latencies))
        others = [x for x in stats.latencies if id(x) not in password]
        p99_others = stats.percentile(0.99, others)
        p99_password = stats.percentile(0.99, stats.password_latencies)
        resets = stats.failures.get("reset", 0)
        figures = (f"{clients} clients, {duration:g} s: {total} requests ({total / duration:.0f}/s), "
                   f"{sign_ins[0]} SMS sign-ins, {len(acknowledged)} phones added, {len(removed)} removed; "
                   f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {max(stats.latencies or [0]) * 1000:.0f} ms "
                   f"(p99 {p99_password * 1000:.0f} ms for password checks, {p99_others * 1000:.0f} ms for the rest); "
                   f"5xx {stats.count_5xx()}, resets {resets}, lost writes {len(lost)}; "
                   f"RSS {rss_early} KiB after {duration / 3:.0f} s, {rss_late} KiB at the end")
        print("# " + figures, flush=True)
        tap.ok(total > 0 and sign_ins[0] > 0, "load: requests were made", figures)
        tap.ok(stats.count_5xx() == 0, "load: no 5xx", str(stats.statuses))
        tap.ok(resets == 0, "load: no connection resets", "; ".join(stats.examples))
        tap.ok(not stats.failures, "load: no failed request or flow",
               f"{stats.failures} {'; '.join(stats.examples)}")
        tap.ok(not lost, "load: every acknowledged write is stored", f"{len(lost)} lost")
        # Flat: the outbox and the request log are bounded, nothing leaks.
        tap.ok(rss_late - rss_early < 64 * 1024, "load: memory stays flat",
               f"{rss_early} -> {rss_late} KiB")
    finally:
        server.close()


def test_sigkill():
    server = Server("--dev-routes", "--rate-limits", "off")
    try:
        n = 20
        create_users(server, n, "kill")
        acknowledged = []
        lock = threading.Lock()
        stats = Stats()
        clients = [Client(server, stats) for _ in range(n)]
        for i, client in enumerate(clients):
            if not sign_in(client, server, f"kill{i}@example.com", user_phone(i)):
                raise SystemExit("Bail out! cannot sign in before the kill")
        stop = threading.Event()

        def writer(i):
            k = 0
            while not stop.is_set():
                status, body = clients[i].call("POST", "/v1/me/phone_numbers",
                                               {"phone_number": new_phone(i, k)})
                k += 1
                if status == 200:
                    with lock:
                        acknowledged.append(body["response"]["id"])
                elif status is None:
                    return

        threads = [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(n)]
        for t in threads:
            t.start()
        while len(acknowledged) < 200:
            time.sleep(0.01)
        server.stop(signal.SIGKILL)
        stop.set()
        for t in threads:
            t.join(60)
        for client in clients:
            client.close()

        server.start()
        stored = stored_phones(server.db_path)
        lost = [p for p in acknowledged if p not in stored]
        tap.ok(not lost, "sigkill: no acknowledged write lost",
               f"{len(acknowledged)} acknowledged before SIGKILL, {len(lost)} lost")
        # The restarted server still serves from that database.
        client = Client(server, Stats())
        tap.ok(sign_in(client, server, "kill0@example.com", user_phone(0)),
               "sigkill: the restarted server signs in on the same database")
        client.close()
    finally:
        server.close()


def test_brute_force_and_other_users_phone():
    server = Server("--dev-routes", "--attempt-limit", "3", "--rate-limits", "off")
    try:
        create_users(server, 2, "bf")
        client = Client(server, Stats())
        status, body = client.call("PUT", "/v1/client")
        status, body = client.call("POST", "/v1/client/sign_ins", {
            "identifier": "bf0@example.com", "strategy": "password", "password": PASSWORD})
        sia = body["response"]["id"]
        client.call("POST", f"/v1/client/sign_ins/{sia}/prepare_second_factor",
                    {"strategy": "phone_code"})
        _, sms = client.call("GET", "/__dev/sms?phone_number=" + urllib.parse.quote(user_phone(0)))
        code = sms["messages"][-1]["code"]
        wrong = "000000" if code != "000000" else "111111"
        statuses = [client.call("POST", f"/v1/client/sign_ins/{sia}/attempt_second_factor",
                                {"strategy": "phone_code", "code": wrong})[0] for _ in range(3)]
        status, body = client.call("POST", f"/v1/client/sign_ins/{sia}/attempt_second_factor",
                                   {"strategy": "phone_code", "code": code})
        tap.ok(all(s == 422 for s in statuses) and status != 200,
               "brute force: the right code is refused after the attempt limit",
               f"{statuses} then {status}")

        other = Client(server, Stats())
        tap.ok(sign_in(other, server, "bf1@example.com", user_phone(1)), "other user signs in")
        status, body = other.call("POST", "/v1/me/phone_numbers", {"phone_number": new_phone(1, 1)})
        theirs = body["response"]["id"]
        mine = Client(server, Stats())
        sign_in(mine, server, "bf0@example.com", user_phone(0))
        seen = [mine.call("GET", f"/v1/me/phone_numbers/{theirs}")[0],
                mine.call("PATCH", f"/v1/me/phone_numbers/{theirs}",
                          {"reserved_for_second_factor": "true"})[0],
                mine.call("DELETE", f"/v1/me/phone_numbers/{theirs}")[0]]
        tap.ok(seen == [404, 404, 404], "another user's phone id is 404", str(seen))
        tap.ok(theirs in stored_phones(server.db_path), "another user's phone is untouched")
        for c in (client, other, mine):
            c.close()
    finally:
        server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int,
                        default=int(os.environ.get("MFA_LOAD_CLIENTS", "200")))
    parser.add_argument("--duration", type=float,
                        default=float(os.environ.get("MFA_LOAD_DURATION", "30")))
    parser.add_argument("--tap", action="store_true", help="ignored; output is always TAP")
    args = parser.parse_args()

    run_load(args.clients, args.duration)
    test_sigkill()
    test_brute_force_and_other_users_phone()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
