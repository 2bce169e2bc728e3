#!/usr/bin/env python3
# test-robustness: mfa-fapi-server under floods and hostile input, over
# real sockets on 127.0.0.1: a connection flood and running out of file
# descriptors (it serves again afterwards), the accept queue, chunked
# bodies past the limit, JSON that is always valid, leaks measured against
# a reference in the same run, and a clock that cannot overflow.
#
# Copyright 2026 The MFA Manager authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import resource
import select
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fapiserver import Server, Tap  # noqa: E402

tap = Tap()


def raw_request(port, data, timeout=30):
    """Sends @data on a new connection and reads until the server closes
    it or the response is complete (Content-Length)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        return read_response(sock)


def read_response(sock):
    buf = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        buf += chunk
        head, sep, body = buf.partition(b"\r\n\r\n")
        if sep:
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length" and len(body) >= int(value):
                    return buf
    return buf


def status_of(response):
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def body_of(response):
    return response.partition(b"\r\n\r\n")[2]


def strict_json(data):
    """Parses as a strict JSON parser does: UTF-8, no raw control characters."""
    try:
        return json.loads(data.decode("utf-8"), strict=True)
    except (UnicodeDecodeError, ValueError):
        return None


def serves(server, timeout=30):
    try:
        status, _, body = server.request("GET", "/v1/environment", conn=server.connection(timeout))
        return status == 200 and strict_json(body) is not None
    except OSError:
        return False


def wait_closed(sockets, timeout):
    """How many of @sockets the server closed within @timeout seconds."""
    deadline = time.monotonic() + timeout
    open_ = list(sockets)
    closed = 0
    while open_ and time.monotonic() < deadline:
        readable, _, _ = select.select(open_, [], [], max(0.0, deadline - time.monotonic()))
        for sock in readable:
            try:
                data = sock.recv(4096)
            except ConnectionResetError:
                data = b""
            if not data:
                closed += 1
                open_.remove(sock)
    return closed


def test_connection_flood():
    """More idle connections than the limit: the idle ones are closed and a
    real client is served."""
    server = Server("--max-connections", "16", "--idle-timeout", "1")
    try:
        flood = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(64)]
        served = serves(server)
        closed = wait_closed(flood, 30)
        for sock in flood:
            sock.close()
        tap.ok(served, "connection-flood: served past 64 idle connections, limit 16")
        tap.ok(closed == len(flood), "connection-flood: idle connections closed",
               f"{closed} of {len(flood)}")
        tap.ok(serves(server), "connection-flood: serves after the flood")
    finally:
        server.close()


def test_out_of_file_descriptors():
    """RLIMIT_NOFILE below the connection limit: accept() fails with EMFILE;
    the server keeps its listening socket and serves again."""
    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

    server = Server("--max-connections", "1000", "--idle-timeout", "1", preexec_fn=low_limit)
    try:
        flood = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(120)]
        served = serves(server)
        wait_closed(flood, 30)
        for sock in flood:
            sock.close()
        tap.ok(served, "out-of-fds: served past 120 connections with 48 descriptors")
        tap.ok(serves(server) and serves(server), "out-of-fds: serves after the flood")
    finally:
        server.close()


def test_backlog():
    """While the server does not accept (stopped), the kernel completes as
    many handshakes as the accept queue holds; with a queue of 10 the rest
    would wait for retransmitted SYNs."""
    with open("/proc/sys/net/core/somaxconn") as f:
        n = min(200, int(f.read()) - 1)
    server = Server()
    sockets = []
    try:
        os.kill(server.pid, signal.SIGSTOP)
        try:
            for _ in range(n):
                sock = socket.socket()
                sock.setblocking(False)
                sock.connect_ex(("127.0.0.1", server.port))
                sockets.append(sock)
            pending = list(sockets)
            deadline = time.monotonic() + 5
            while pending and time.monotonic() < deadline:
                _, writable, _ = select.select([], pending, [], 0.5)
                for sock in writable:
                    pending.remove(sock)
            established = sum(1 for s in sockets
                              if s not in pending and s.getsockopt(socket.SOL_SOCKET,
                                                                   socket.SO_ERROR) == 0)
        finally:
            os.kill(server.pid, signal.SIGCONT)
        tap.ok(established == n, "backlog: every queued connection established",
               f"{established} of {n}")
        ok = 0
        for sock in sockets:
            sock.setblocking(True)
            sock.settimeout(30)
            try:
                sock.sendall(b"GET /v1/environment HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                if status_of(read_response(sock)) == 200:
                    ok += 1
            except OSError:
                pass
        tap.ok(ok == n, "backlog: every queued connection served", f"{ok} of {n}")
    finally:
        for sock in sockets:
            sock.close()
        server.close()


def chunked_head(path="/v1/client/sign_ins"):
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()


def test_chunked_limit():
    server = Server()
    try:
        # 80 KiB in 8 KiB chunks and no last chunk: only a server that counts
        # while it reads can answer.
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(chunked_head())
            for _ in range(10):
                sock.sendall(b"2000\r\n" + b"a" * 0x2000 + b"\r\n")
            response = read_response(sock)
        body = strict_json(body_of(response))
        tap.ok(status_of(response) == 413, "chunked-limit: 413 before the body ends",
               response[:80].decode("latin-1"))
        tap.ok(body is not None and body["errors"][0]["code"] == "request_body_too_large",
               "chunked-limit: Clerk's error body")

        small = b"identifier=nobody%40example.com"
        response = raw_request(server.port, chunked_head() + b"%x\r\n" % len(small) + small
                               + b"\r\n0\r\n\r\n")
        body = strict_json(body_of(response))
        tap.ok(status_of(response) not in (0, 413) and status_of(response) < 500 and body is not None,
               "chunked-limit: a small chunked body is read", str(status_of(response)))
        tap.ok(serves(server), "chunked-limit: serves afterwards")
    finally:
        server.close()


def test_valid_json():
    server = Server("--dev-routes")
    try:
        # A parameter name made of control characters, its value not UTF-8.
        response = raw_request(server.port,
                               b"GET /v1/environment?%1F%01%7F=%FF HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        body = strict_json(body_of(response))
        tap.ok(status_of(response) == 422 and body is not None,
               "valid-json: error naming a control-character parameter",
               repr(body_of(response)[:120]))
        tap.ok(body is not None and body["errors"][0]["meta"]["param_name"] == "\x1f\x01\x7f",
               "valid-json: the parameter name is kept, escaped")

        # Raw bytes that are not UTF-8 in the path and the query end up in
        # the request log.
        raw_request(server.port, b"GET /v1/\xff\xfe/x?q=\xc3\x28 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        raw_request(server.port, b"GET /v1/\x1f HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        status, _, data = server.request("GET", "/__dev/requests")
        log = strict_json(data)
        tap.ok(status == 200 and log is not None, "valid-json: request log is valid JSON",
               repr(data[:200]))
    finally:
        server.close()


def rss_growth(server, make_path, n):
    conn = server.connection()
    before = server.rss_kib()
    for i in range(n):
        conn.request("GET", make_path(i))
        conn.getresponse().read()
    conn.close()
    return server.rss_kib() - before


def test_split_path_leak():
    """Each request's path has 400 long segments; with a bad last one the
    segments before it used to leak. Compared with the same requests whose
    last segment is good."""
    server = Server()
    try:
        prefix = "/v1/" + "/".join("s%02d" % (i % 100) + "x" * 47 for i in range(400))
        # Warm up the allocator with both kinds.
        rss_growth(server, lambda i: prefix + "/ok", 50)
        rss_growth(server, lambda i: prefix + "/%FF", 50)
        reference = rss_growth(server, lambda i: prefix + "/ok%d" % i, 400)
        bad = rss_growth(server, lambda i: prefix + "/%FF" + str(i), 400)
        tap.ok(bad <= reference + 4096, "leaks: split_path",
               f"RSS +{bad} KiB with bad paths, +{reference} KiB with good ones")
    finally:
        server.close()


def test_backup_code_leak():
    """A wrong backup code of 60 KB, 300 times, against a short one 300 times."""
    server = Server("--dev-routes", "--rate-limits", "off")
    try:
        status, _ = server.dev("POST", "/__dev/users", {
            "identifier": "leak@example.com", "password": "pw",
            "phones": [{"phone_number": "+12012000001", "verified": True, "reserved": True}],
            "backup_codes": True})
        assert status == 200
        status, headers, data = server.request("POST", "/v1/client/sign_ins", body={
            "identifier": "leak@example.com", "strategy": "password", "password": "pw"})
        token = headers.get("authorization")
        sign_in = json.loads(data)["response"]["id"]
        conn = server.connection()

        def attempts(code, n):
            before = server.rss_kib()
            for _ in range(n):
                server.request("POST", f"/v1/client/sign_ins/{sign_in}/attempt_second_factor",
                               body={"strategy": "backup_code", "code": code},
                               headers={"Authorization": token}, conn=conn)
            return server.rss_kib() - before

        attempts("x" * 60000, 30)
        attempts("short", 30)
        reference = attempts("short", 300)
        long = attempts("x" * 60000, 300)
        conn.close()
        tap.ok(long <= reference + 4096, "leaks: backup code check",
               f"RSS +{long} KiB with long codes, +{reference} KiB with short ones")
    finally:
        server.close()


def test_clock_overflow():
    server = Server("--dev-routes")
    try:
        end = 253402300799999
        results = []
        for body in ({"advance_ms": 2**63 - 1}, {"advance_ms": 2**63 - 1},
                     {"advance_ms": -2**63}, {"advance_ms": -2**63},
                     {"set_ms": 1e300}, {"set_ms": -1e300}, {"advance_ms": 1e300}):
            status, out = server.dev("POST", "/__dev/clock", body)
            results.append(out["now_ms"] if status == 200 else None)
        tap.ok(results == [end, end, 0, 0, end, 0, end], "clock: huge offsets saturate",
               str(results))
        tap.ok(serves(server), "clock: serves at the end of time")
    finally:
        server.close()


test_connection_flood()
test_out_of_file_descriptors()
test_backlog()
test_chunked_limit()
test_valid_json()
test_split_path_leak()
test_backup_code_leak()
test_clock_overflow()
sys.exit(tap.done())
