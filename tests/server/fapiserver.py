# fapiserver.py: starts mfa-fapi-server for a Python test, as the C helper
# in tests/common does: 127.0.0.1, port 0, a fresh database, its output
# drained in a thread, stopped by pid.
#
# Copyright 2026 The MFA Manager authors
# SPDX-License-Identifier: GPL-3.0-or-later

import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import urllib.parse


def server_path():
    path = os.environ.get("MFA_FAPI_SERVER")
    if not path:
        raise SystemExit("Bail out! MFA_FAPI_SERVER is not set")
    return path


class Server:
    def __init__(self, *args, db_path=None, preexec_fn=None):
        self.args = list(args)
        self.preexec_fn = preexec_fn
        self.temp_dir = None
        if db_path is None:
            self.temp_dir = tempfile.mkdtemp(prefix="mfa-test-server-")
            db_path = os.path.join(self.temp_dir, "fapi.db")
        self.db_path = db_path
        self.process = None
        self.start()

    def start(self):
        self.lines = []
        self.listening = threading.Event()
        self.process = subprocess.Popen(
            [server_path(), "--port", "0", "--db", self.db_path] + self.args,
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
            preexec_fn=self.preexec_fn)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not self.listening.wait(30):
            raise SystemExit("Bail out! the server did not report its address")
        url = self.base_url
        self.port = int(url.rsplit(":", 1)[1])

    def _read(self):
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith("listening on "):
                self.base_url = line[len("listening on "):]
                self.listening.set()
        self.listening.set()

    @property
    def pid(self):
        return self.process.pid

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGTERM):
        if self.process is None:
            return
        self.process.send_signal(sig)
        self.process.wait()
        self.reader.join()
        self.process = None

    def restart(self):
        self.stop()
        self.start()

    def close(self):
        self.stop()
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)

    def connection(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, json_body=None, conn=None):
        """One request; returns (status, headers dict, body bytes)."""
        own = conn is None
        conn = conn or self.connection()
        headers = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body)
            headers["Content-Type"] = "application/json"
        elif isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            if own:
                conn.close()

    def dev(self, method, path, json_body=None):
        status, _, data = self.request(method, path, json_body=json_body)
        return status, (json.loads(data) if data else None)


class Tap:
    """Test Anything Protocol output, as meson reads it."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, condition, name, detail=""):
        self.n += 1
        detail = detail.replace("\r", "\\r").replace("\n", "\\n")
        if not condition:
            self.failed += 1
        print(f"{'ok' if condition else 'not ok'} {self.n} {name}"
              + (f" # {detail}" if detail and not condition else ""), flush=True)
        if detail and condition:
            print(f"# {detail}", flush=True)
        return condition

    def done(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0
