#!/usr/bin/env python3
# validate-responses.py
#
# Copyright 2026 The MFA Manager authors
#
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Validates recorded Frontend API responses against Clerk's OpenAPI file.

    validate-responses.py SPEC.yml MANIFEST.jsonl

Each line of MANIFEST is {"label", "method", "path", "status", "file"}:
a response body (in FILE, relative to the manifest) that the server gave
to METHOD PATH with STATUS. The schema is the one the OpenAPI file
declares for that operation and status. An error status the operation
does not declare is checked against ClerkErrors and reported.

OpenAPI 3.0 is read as JSON Schema: `nullable: true`
becomes `anyOf: [{type: null}, <schema>]`, `$ref`s resolve against the
whole document, and `additionalProperties: false` holds.

Values the server knowingly emits although the schema lacks them
are listed in ALLOWED below, by name; nothing else is
exempt. An entry is applied only to a body that fails without it, and an
entry that no body needed is an error too, so the list stays honest.

Exit status: 0 when every body is valid, 1 otherwise, 77 (skip) when
PyYAML or jsonschema is missing.
"""

import copy
import fnmatch
import json
import os
import re
import sys
import warnings

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover
    print(f"# skipping: {e}")
    sys.exit(77)

# (where, member, reason): the member @member of the object at @where, a
# dotted path from the top of the body where "*" stands for any one key
# or array index.
ALLOWED = [
    ("user_settings.sign_up", "mfa",
     "user_settings.sign_up.mfa.required tells a client that the "
     "instance requires two-step verification (Clerk's UI reads it); the OpenAPI file "
     "closes sign_up without it. The server also sets user_settings.sign_in.second_factor."
     "required, where the file has it."),
]


def rewrite_nullable(node):
    """Returns a copy of @node with every `nullable: true` schema rewritten
    as anyOf with null (a type union would not cover allOf/oneOf/$ref)."""
    if isinstance(node, list):
        return [rewrite_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: rewrite_nullable(value) for key, value in node.items()}
    if out.pop("nullable", False) is True:
        return {"anyOf": [{"type": "null"}, out]}
    return out


def path_regex(template):
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile("^" + pattern + "$")


class Spec:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            raw = yaml.safe_load(f)
        self.doc = rewrite_nullable(raw)
        self.paths = [(path_regex(t), t, ops) for t, ops in self.doc["paths"].items()]
        # Literal paths first, so /v1/me/phone_numbers wins over a template.
        self.paths.sort(key=lambda entry: entry[1].count("{"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.resolver = jsonschema.RefResolver(base_uri="", referrer=self.doc)

    def operation(self, method, path):
        for regex, template, ops in self.paths:
            if regex.match(path):
                op = ops.get(method.lower())
                if op is not None:
                    return template, op
        return None, None

    def response_schema(self, response):
        if "$ref" in response:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                _, response = self.resolver.resolve(response["$ref"])
        content = response.get("content", {}).get("application/json")
        return None if content is None else content.get("schema")

    def validator(self, schema):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return jsonschema.Draft4Validator(schema, resolver=self.resolver)


def strip_allowed(node, used, path=()):
    """Removes the members ALLOWED names; records which entries applied."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            strip_allowed(item, used, path + (str(index),))
        return
    if not isinstance(node, dict):
        return
    for index, (where, member, _) in enumerate(ALLOWED):
        if member in node and fnmatch.fnmatchcase(".".join(path), where):
            del node[member]
            used.add(index)
    for key, value in node.items():
        strip_allowed(value, used, path + (key,))


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    lines = [f"  at {where}: {error.message[:400]}"]
    for sub in sorted(error.context or [], key=lambda e: len(list(e.absolute_path)))[:6]:
        sub_where = "/".join(str(p) for p in sub.absolute_path) or "(root)"
        lines.append(f"    - {sub_where}: {sub.message[:300]}")
    return "\n".join(lines)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    spec = Spec(argv[1])
    base = os.path.dirname(os.path.abspath(argv[2]))
    errors_schema = {"$ref": "#/components/schemas/ClerkErrors"}
    used = set()
    failures = 0
    count = 0

    with open(argv[2], encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]

    for entry in entries:
        count += 1
        label = entry["label"]
        with open(os.path.join(base, entry["file"]), encoding="utf-8") as f:
            text = f.read()
        try:
            body = json.loads(text)
        except ValueError as e:
            print(f"not valid: {label}: the body is not JSON ({e})")
            failures += 1
            continue

        template, op = spec.operation(entry["method"], entry["path"])
        if op is None:
            print(f"not valid: {label}: {entry['method']} {entry['path']} is not in the OpenAPI file")
            failures += 1
            continue
        status = str(entry["status"])
        response = op.get("responses", {}).get(status)
        note = ""
        if response is None:
            if int(status) >= 400 and isinstance(body, dict) and "errors" in body:
                schema = errors_schema
                note = f" (status {status} not declared for {entry['method']} {template}; checked as ClerkErrors)"
            else:
                print(f"not valid: {label}: status {status} is not declared for "
                      f"{entry['method']} {template}")
                failures += 1
                continue
        else:
            schema = spec.response_schema(response)
            if schema is None:
                print(f"not valid: {label}: no JSON schema for {entry['method']} {template} {status}")
                failures += 1
                continue

        validator = spec.validator(schema)
        problems = list(validator.iter_errors(body))
        if problems:
            stripped = copy.deepcopy(body)
            applied = set()
            strip_allowed(stripped, applied)
            if applied and not list(validator.iter_errors(stripped)):
                used |= applied
                names = ", ".join(f"{ALLOWED[i][0]}.{ALLOWED[i][1]}" for i in sorted(applied))
                print(f"valid: {label}{note} (allow-listed: {names})")
                continue
            failures += 1
            print(f"not valid: {label}: {entry['method']} {entry['path']} {status}{note}")
            for problem in problems[:5]:
                print(describe(problem))
            continue
        print(f"valid: {label}{note}")

    for index, (where, member, reason) in enumerate(ALLOWED):
        if index not in used:
            print(f"not valid: allow-list entry {where}.{member} was not needed by any body "
                  f"({reason}); remove it")
            failures += 1

    print(f"# {count} bodies, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
