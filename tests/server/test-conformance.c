/* test-conformance.c: the server's responses against Clerk's OpenAPI file.
 *
 * Copyright 2026 The MFA Manager authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-conformance"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "mfa-test-utils.h"

/* Drives the server through every state of the objects the app reads
 * (environment, client signed out and in, session, user, each phone
 * state, each sign-in status, backup codes, an authenticator app's
 * set-up, deleted objects, each step-up status, the active sessions of
 * several devices, a revoked session, a password change and its
 * refusals, errors), keeps every
 * real response body, then has
 * tests/spec/validate-responses.py check each one against the schema
 * that tests/spec/clerk-fapi-2026-05-12.yml declares for its operation
 * and status. */

#define TOTP_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

#define MFA_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"ann-pw-123\",\"first_name\":\"Ann\"," \
  "\"phones\":[{\"phone_number\":\"+12015550301\",\"verified\":true,\"reserved\":true}," \
  "{\"phone_number\":\"+12015550302\",\"verified\":true}]," \
  "\"totp_secret\":\"" TOTP_SECRET "\",\"backup_codes\":true}"

#define PLAIN_USER \
  "{\"identifier\":\"bob@example.com\",\"password\":\"bob-pw-123\"}"

typedef struct
{
  MfaTestServer *server;
  char          *dir;
  GString       *manifest;
  guint          count;
} Recorder;

static Recorder rec;

static void
record (const char *label,
        const char *method,
        const char *path,
        Reply      *reply)
{
  g_autofree char *file = g_strdup_printf ("%03u.json", rec.count++);
  g_autofree char *full = g_build_filename (rec.dir, file, NULL);
  g_autofree char *bare = g_strdup (path);
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  char *query = strchr (bare, '?');

  if (query != NULL)
    *query = '\0';
  g_file_set_contents (full, reply->body, -1, &error);
  g_assert_no_error (error);

  json_object_set_string_member (entry, "label", label);
  json_object_set_string_member (entry, "method", method);
  json_object_set_string_member (entry, "path", bare);
  json_object_set_int_member (entry, "status", reply->status);
  json_object_set_string_member (entry, "file", file);
  json_node_set_object (node, entry);
  line = json_to_string (node, FALSE);
  g_string_append_printf (rec.manifest, "%s\n", line);
}

/* A call whose status must be @expected; its body is kept for validation. */
static Reply *
call (TestClient *client,
      const char *label,
      guint       expected,
      const char *method,
      const char *path,
      ...)
{
  Reply *reply;
  va_list args;

  va_start (args, path);
  reply = test_call_valist (client, method, path, args);
  va_end (args);

  if (reply->status != expected)
    g_error ("%s: %s %s: expected %u, got %u %s", label, method, path, expected,
             reply->status, reply->body);
  record (label, method, path, reply);
  return reply;
}

#define CALL(client, label, expected, method, path, ...) \
  g_clear_pointer (&reply, reply_free); \
  reply = call (client, label, expected, method, path, __VA_ARGS__)

static char *
sms_code (const char *e164)
{
  g_autofree char *code = mfa_test_server_last_sms_code (rec.server, e164);

  g_assert_nonnull (code);
  return g_steal_pointer (&code);
}

static char *
pathf (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static char *
pathf (const char *format,
       ...)
{
  va_list args;
  char *path;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  return path;
}

static void
collect_signed_out (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;

  CALL (client, "environment", 200, "GET", "/v1/environment", NULL);
  CALL (client, "client: no token", 200, "GET", "/v1/client", NULL);
  CALL (client, "client: created", 200, "PUT", "/v1/client", NULL);
  CALL (client, "client: signed out", 200, "GET", "/v1/client", NULL);
  CALL (client, "error: /v1/me without a session", 401, "GET", "/v1/me", NULL);
  CALL (client, "error: unknown sign-in", 404, "GET", "/v1/client/sign_ins/sia_nothing", NULL);
  CALL (client, "sign_in_attempt: needs_identifier", 200, "POST", "/v1/client/sign_ins", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_identifier");
  CALL (client, "error: unknown identifier", 422, "POST", "/v1/client/sign_ins",
        "identifier", "nobody@example.com", NULL);
  CALL (client, "error: missing field", 422, "POST", "/v1/client/sign_ins",
        "strategy", "password", NULL);
}

static void
collect_sign_in_and_phones (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *other_id = NULL;

  CALL (client, "sign_in_attempt: needs_first_factor", 200, "POST", "/v1/client/sign_ins",
        "identifier", "ann@example.com", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  sia = g_strdup (jstr (reply->root, "response.id"));

  path = pathf ("/v1/client/sign_ins/%s/attempt_first_factor", sia);
  CALL (client, "error: wrong password", 422, "POST", path,
        "strategy", "password", "password", "nope", NULL);
  CALL (client, "sign_in_attempt: needs_second_factor", 200, "POST", path,
        "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_free (path);
  path = pathf ("/v1/client/sign_ins/%s", sia);
  CALL (client, "sign_in_attempt: read back", 200, "GET", path, NULL);

  g_free (path);
  path = pathf ("/v1/client/sign_ins/%s/prepare_second_factor", sia);
  CALL (client, "sign_in_attempt: needs_second_factor, code sent", 200, "POST", path,
        "strategy", "phone_code", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==,
                   "unverified");
  CALL (client, "error: resend too soon", 429, "POST", path, "strategy", "phone_code", NULL);
  code = sms_code ("+12015550301");
  g_free (path);
  path = pathf ("/v1/client/sign_ins/%s/attempt_second_factor", sia);
  CALL (client, "error: wrong code", 422, "POST", path,
        "strategy", "phone_code", "code", "000000", NULL);
  CALL (client, "sign_in_attempt: complete (phone_code)", 200, "POST", path,
        "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  session_id = g_strdup (jstr (reply->root, "client.last_active_session_id"));

  CALL (client, "error: sign-in while signed in", 400, "POST", "/v1/client/sign_ins",
        "identifier", "ann@example.com", NULL);
  CALL (client, "client: signed in", 200, "GET", "/v1/client", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s", session_id);
  CALL (client, "session", 200, "GET", path, NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/touch", session_id);
  CALL (client, "session: touched", 200, "POST", path,
        "active_organization_id", "", "intent", "select_session", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/tokens", session_id);
  CALL (client, "session token", 200, "POST", path, NULL);
  CALL (client, "user", 200, "GET", "/v1/me", NULL);
  CALL (client, "active sessions", 200, "GET", "/v1/me/sessions/active", NULL);

  /* Every state of a phone number. */
  CALL (client, "phone_number: new (verification null)", 200, "POST", "/v1/me/phone_numbers",
        "phone_number", "+12015550303", NULL);
  g_assert_true (jnull (reply->root, "response.verification"));
  phone_id = g_strdup (jstr (reply->root, "response.id"));
  CALL (client, "error: phone taken", 422, "POST", "/v1/me/phone_numbers",
        "phone_number", "+12015550303", NULL);
  CALL (client, "error: bad phone", 422, "POST", "/v1/me/phone_numbers",
        "phone_number", "12345", NULL);
  CALL (client, "error: unsupported country", 403, "POST", "/v1/me/phone_numbers",
        "phone_number", "+442079460000", NULL);
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/prepare_verification", phone_id);
  CALL (client, "phone_number: unverified (code sent)", 200, "POST", path,
        "strategy", "phone_code", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "unverified");
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/attempt_verification", phone_id);
  for (guint i = 0; i < 3; i++)
    {
      CALL (client, "error: wrong verification code", 422, "POST", path, "code", "000000", NULL);
    }
  CALL (client, "error: verification failed", 400, "POST", path, "code", "000000", NULL);
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", phone_id);
  CALL (client, "phone_number: failed", 200, "GET", path, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "failed");

  CALL (client, "phone_number: new, second", 200, "POST", "/v1/me/phone_numbers",
        "phone_number", "+12015550304", NULL);
  other_id = g_strdup (jstr (reply->root, "response.id"));
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/prepare_verification", other_id);
  CALL (client, "phone_number: unverified, second", 200, "POST", path,
        "strategy", "phone_code", NULL);
  dev_clock_advance (rec.server, 11 * 60 * 1000);
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", other_id);
  CALL (client, "phone_number: expired", 200, "GET", path, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "expired");
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/attempt_verification", other_id);
  CALL (client, "error: verification expired", 400, "POST", path, "code", "000000", NULL);

  /* Eleven minutes on, deleting needs a step-up. */
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", other_id);
  CALL (client, "error: session_reverification_required", 403, "DELETE", path, NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  CALL (client, "error: session_reverification_missing", 400, "POST", path,
        "strategy", "password", "password", "ann-pw-123", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify", session_id);
  CALL (client, "session_reverification: needs_first_factor", 200, "POST", path,
        "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  CALL (client, "error: invalid_action_for_session_reverification", 400, "POST", path,
        "strategy", "backup_code", "code", "whatever", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  CALL (client, "error: step-up wrong password", 422, "POST", path,
        "strategy", "password", "password", "nope", NULL);
  CALL (client, "session_reverification: needs_second_factor", 200, "POST", path,
        "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/prepare_second_factor", session_id);
  CALL (client, "session_reverification: needs_second_factor, code sent", 200, "POST", path,
        "strategy", "phone_code", NULL);
  g_free (code);
  code = sms_code ("+12015550301");
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  CALL (client, "session_reverification: complete (phone_code)", 200, "POST", path,
        "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");

  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", other_id);
  CALL (client, "deleted phone_number", 200, "DELETE", path, NULL);
  g_assert_true (jbool (reply->root, "response.deleted"));

  /* Verified, reserved, default; the list; new backup codes. */
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/prepare_verification", phone_id);
  CALL (client, "phone_number: unverified again", 200, "POST", path,
        "strategy", "phone_code", NULL);
  g_free (code);
  code = sms_code ("+12015550303");
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s/attempt_verification", phone_id);
  CALL (client, "phone_number: verified", 200, "POST", path, "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "verified");
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", phone_id);
  CALL (client, "phone_number: reserved", 200, "PATCH", path,
        "reserved_for_second_factor", "true", NULL);
  g_assert_true (jbool (reply->root, "response.reserved_for_second_factor"));
  CALL (client, "phone_number: default", 200, "PATCH", path, "default_second_factor", "true", NULL);
  g_assert_true (jbool (reply->root, "response.default_second_factor"));
  CALL (client, "error: un-defaulting", 422, "PATCH", path, "default_second_factor", "false", NULL);
  CALL (client, "phone_number list", 200, "GET", "/v1/me/phone_numbers", NULL);
  CALL (client, "backup_code", 200, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (jlen (reply->root, "response.codes"), ==, 10);
  CALL (client, "error: unknown phone", 404, "GET", "/v1/me/phone_numbers/idn_nothing", NULL);

  /* Sign-outs. */
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/end", session_id);
  CALL (client, "session: ended", 200, "POST", path, NULL);
  CALL (client, "error: signed out", 401, "GET", "/v1/me", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/remove", session_id);
  CALL (client, "session: removed", 200, "POST", path, NULL);
  CALL (client, "client: sessions deleted", 200, "DELETE", "/v1/client/sessions", NULL);
  CALL (client, "client: deleted", 200, "DELETE", "/v1/client", NULL);
}

/* A user without a second factor: a one-step sign-in, first enablement
 * with its backup codes, and a first-factor step-up. */
static void
collect_first_enablement (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *path = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *session_id = NULL;

  CALL (client, "sign_in_attempt: complete (password only)", 200, "POST", "/v1/client/sign_ins",
        "identifier", "bob@example.com", "strategy", "password", "password", "bob-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  session_id = g_strdup (jstr (reply->root, "client.last_active_session_id"));
  CALL (client, "error: backup codes without a second factor", 400, "POST", "/v1/me/backup_codes",
        NULL);

  dev_clock_advance (rec.server, 11 * 60 * 1000);
  CALL (client, "error: step-up needed to add a phone", 403, "POST", "/v1/me/phone_numbers",
        "phone_number", "+12015550311", NULL);
  path = pathf ("/v1/client/sessions/%s/verify", session_id);
  CALL (client, "session_reverification: first_factor level", 200, "POST", path,
        "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "first_factor");
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  CALL (client, "session_reverification: complete (password)", 200, "POST", path,
        "strategy", "password", "password", "bob-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");

  phone_id = add_verified_phone (client, "+12015550311");
  g_free (path);
  path = pathf ("/v1/me/phone_numbers/%s", phone_id);
  CALL (client, "phone_number: first enablement with backup codes", 200, "PATCH", path,
        "reserved_for_second_factor", "1", NULL);
  g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
  CALL (client, "user: two-factor on", 200, "GET", "/v1/me", NULL);
  g_assert_true (jbool (reply->root, "response.two_factor_enabled"));
}

/* An authenticator app set up through /v1/me/totp: a first enablement
 * with its backup codes, the refusals, the removal. */
static void
collect_totp_set_up (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;

  user_id = mfa_test_create_user (rec.server,
                                  "{\"identifier\":\"dan@example.com\","
                                  "\"password\":\"dan-pw-123\"}");
  test_client_sign_in (client, "dan@example.com", "dan-pw-123");
  CALL (client, "error: no totp to verify", 404, "POST", "/v1/me/totp/attempt_verification",
        "code", "123456", NULL);
  CALL (client, "error: no totp to delete", 404, "DELETE", "/v1/me/totp", NULL);
  CALL (client, "totp: created", 200, "POST", "/v1/me/totp", NULL);
  CALL (client, "totp: replaced", 200, "POST", "/v1/me/totp", NULL);
  g_assert_false (jbool (reply->root, "response.verified"));
  secret = g_strdup (jstr (reply->root, "response.secret"));
  CALL (client, "error: wrong totp code", 422, "POST", "/v1/me/totp/attempt_verification",
        "code", "12345", NULL);
  code = test_totp_now (rec.server, secret);
  CALL (client, "totp: verified with backup codes", 200, "POST",
        "/v1/me/totp/attempt_verification", "code", code, NULL);
  g_assert_true (jbool (reply->root, "response.verified"));
  g_assert_true (jnull (reply->root, "response.secret"));
  g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
  CALL (client, "user: totp on", 200, "GET", "/v1/me", NULL);
  g_assert_true (jbool (reply->root, "response.totp_enabled"));
  CALL (client, "error: totp_already_enabled", 400, "POST", "/v1/me/totp", NULL);
  CALL (client, "deleted totp", 200, "DELETE", "/v1/me/totp", NULL);
  g_assert_true (jbool (reply->root, "response.deleted"));

  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings", "{\"totp\":false}", 200);
  CALL (client, "error: authenticator apps off", 403, "POST", "/v1/me/totp", NULL);
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings", "{\"totp\":true}", 200);
  dev_clock_advance (rec.server, 11 * 60 * 1000);
  CALL (client, "error: step-up needed for a totp", 403, "POST", "/v1/me/totp", NULL);
  CALL (client, "client: signed out after totp", 200, "DELETE", "/v1/client/sessions", NULL);
}

/* TOTP and backup codes at sign-in and at step-up; the generic 429. */
static void
collect_totp_and_limits (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *session_id = NULL;

  CALL (client, "sign_in_attempt: needs_second_factor (one step)", 200, "POST",
        "/v1/client/sign_ins",
        "identifier", "ann@example.com", "strategy", "password", "password", "ann-pw-123", NULL);
  sia = g_strdup (jstr (reply->root, "response.id"));
  code = test_totp_now (rec.server, TOTP_SECRET);
  path = pathf ("/v1/client/sign_ins/%s/attempt_second_factor", sia);
  CALL (client, "sign_in_attempt: complete (totp)", 200, "POST", path,
        "strategy", "totp", "code", code, NULL);
  session_id = g_strdup (jstr (reply->root, "client.last_active_session_id"));

  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify", session_id);
  CALL (client, "session_reverification: second_factor level", 200, "POST", path,
        "level", "second_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  CALL (client, "error: step-up wrong totp", 422, "POST", path,
        "strategy", "totp", "code", "000000", NULL);
  g_free (code);
  code = test_totp_now (rec.server, TOTP_SECRET);
  CALL (client, "session_reverification: complete (totp)", 200, "POST", path,
        "strategy", "totp", "code", code, NULL);

  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify", session_id);
  CALL (client, "session_reverification: second_factor level again", 200, "POST", path,
        "level", "second_factor", NULL);
  g_free (path);
  path = pathf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  CALL (client, "error: step-up wrong backup code", 422, "POST", path,
        "strategy", "backup_code", "code", "zzzzzzzz", NULL);
  CALL (client, "client: signed out for the limits", 200, "DELETE", "/v1/client/sessions", NULL);

  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings", "{\"rate_limits\":true}", 200);
  for (guint i = 0; i < 5; i++)
    {
      CALL (client, "sign_in_attempt: needs_first_factor (limit)", 200, "POST",
            "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
    }
  CALL (client, "error: too_many_requests", 429, "POST", "/v1/client/sign_ins",
        "identifier", "ann@example.com", NULL);
  g_assert_nonnull (reply->retry_after);
}

/* The instance switches: client trust with email codes, an environment
 * with every optional strategy off, the native API off, a 401 fault. */
static void
collect_configurations (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(TestClient) native = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;

  user_id = mfa_test_create_user (rec.server,
                                  "{\"identifier\":\"cat@example.com\",\"password\":\"cat-pw-123\","
                                  "\"email_addresses\":[{\"email_address\":\"cat@example.org\"},"
                                  "{\"email_address\":\"cat@example.net\",\"verified\":false}],"
                                  "\"phones\":[{\"phone_number\":\"+12015550321\",\"verified\":true}]}");
  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings",
                                "{\"client_trust\":true,\"rate_limits\":false}", 200);

  CALL (client, "sign_in_attempt: needs_client_trust", 200, "POST", "/v1/client/sign_ins",
        "identifier", "cat@example.com", "strategy", "password", "password", "cat-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_client_trust");
  sia = g_strdup (jstr (reply->root, "response.id"));
  path = pathf ("/v1/client/sign_ins/%s/prepare_second_factor", sia);
  CALL (client, "sign_in_attempt: needs_client_trust, email code sent", 200, "POST", path,
        "strategy", "email_code", NULL);
  CALL (client, "error: email code resent too soon", 429, "POST", path,
        "strategy", "email_code", NULL);
  code = mfa_test_server_last_email_code (rec.server, "cat@example.com");
  g_assert_nonnull (code);
  g_free (path);
  path = pathf ("/v1/client/sign_ins/%s/attempt_second_factor", sia);
  CALL (client, "error: wrong email code", 422, "POST", path,
        "strategy", "email_code", "code", g_str_equal (code, "000000") ? "111111" : "000000", NULL);
  CALL (client, "sign_in_attempt: complete (email_code)", 200, "POST", path,
        "strategy", "email_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.client_trust_state"), ==, "known");
  CALL (client, "user: email addresses, one unverified", 200, "GET", "/v1/me", NULL);
  g_assert_cmpuint (jlen (reply->root, "response.email_addresses"), ==, 3);

  mfa_test_add_fault (rec.server,
                      "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":401,\"times\":1}");
  CALL (client, "error: injected 401 with a live session", 401, "GET", "/v1/me", NULL);
  g_assert_cmpstr (jstr (reply->root, "errors.0.code"), ==, "authentication_invalid");

  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings",
                                "{\"sms_mfa\":false,\"backup_codes\":false,\"password\":false,"
                                "\"totp\":false,\"native_api\":false}", 200);
  CALL (native, "error: native_api_disabled (environment)", 400, "GET", "/v1/environment", NULL);
  CALL (native, "error: native_api_disabled (sign-in)", 400, "POST", "/v1/client/sign_ins",
        "identifier", "cat@example.com", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (native, "GET", "/v1/environment", NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (jbool (reply->root, "auth_config.native_settings.api_enabled"));
  record ("environment: every optional strategy off, native API off", "GET", "/v1/environment",
          reply);

  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings",
                                "{\"native_api\":true}", 200);
  CALL (native, "sign_in_attempt: needs_first_factor, no password", 200, "POST",
        "/v1/client/sign_ins", "identifier", "cat@example.com", NULL);
  CALL (native, "error: password off", 400, "POST", "/v1/client/sign_ins",
        "identifier", "cat@example.com", "strategy", "password", "password", "cat-pw-123", NULL);

  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings",
                                "{\"client_trust\":false,\"sms_mfa\":true,\"backup_codes\":true,"
                                "\"password\":true,\"totp\":true}", 200);
}

static void
set_password_settings (const char *json)
{
  g_autofree char *body = g_strdup_printf ("{\"password_settings\":%s}", json);
  g_autoptr(JsonNode) settings = mfa_test_dev_json (rec.server, "POST", "/__dev/settings", body,
                                                    200);
}

/* Signed-in devices and the password: the active sessions of a user on
 * three devices (one whose browser and place are unknown), revoking one
 * and the refusals, every refusal of a new password, a change, the
 * environment with a password policy, and the step-up both wait for. */
static void
collect_devices_and_password (void)
{
  g_autoptr(TestClient) client = test_client_new (rec.server);
  g_autoptr(TestClient) phone = test_client_new (rec.server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) device = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *too_long = g_strnfill (73, 'k');

  g_object_set (client->session, "user-agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", NULL);
  g_object_set (phone->session, "user-agent",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", NULL);
  user_id = mfa_test_create_user (rec.server,
                                  "{\"identifier\":\"eve@example.com\",\"password\":\"eve-pw-123\"}");
  test_client_sign_in (client, "eve@example.com", "eve-pw-123");
  test_client_sign_in (phone, "eve@example.com", "eve-pw-123");
  device = mfa_test_dev_json (rec.server, "POST", "/__dev/sessions",
                              "{\"identifier\":\"eve@example.com\",\"user_agent\":\"\","
                              "\"ip_address\":\"10.0.0.1\"}", 200);

  CALL (client, "active sessions: three devices, one unknown", 200, "GET",
        "/v1/me/sessions/active", NULL);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 3);
  session_id = g_strdup (jstr (reply->root, "0.id"));
  CALL (phone, "active sessions: from the phone", 200, "GET", "/v1/me/sessions/active", NULL);
  phone_id = g_strdup (jstr (reply->root, "0.id"));

  CALL (client, "error: revoke an unknown session", 404, "POST",
        "/v1/me/sessions/sess_nothing/revoke", NULL);
  path = pathf ("/v1/me/sessions/%s/revoke", session_id);
  CALL (client, "error: revoke the current session", 400, "POST", path, NULL);
  g_free (path);
  path = pathf ("/v1/me/sessions/%s/revoke", phone_id);
  CALL (client, "session: revoked", 200, "POST", path, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "revoked");
  CALL (client, "error: revoke a revoked session", 400, "POST", path, NULL);
  CALL (phone, "error: the revoked device is signed out", 401, "GET", "/v1/me", NULL);
  CALL (phone, "client: its session revoked", 200, "GET", "/v1/client", NULL);

  /* Every refusal of a new password. */
  CALL (client, "error: wrong current password", 422, "POST", "/v1/me/change_password",
        "current_password", "nope", "new_password", "plum-kettle-orbit-42", NULL);
  CALL (client, "error: no new password", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", NULL);
  CALL (client, "error: password too short", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "short", NULL);
  CALL (client, "error: password too long", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", too_long, NULL);
  CALL (client, "error: password matches the current one", 422, "POST",
        "/v1/me/change_password", "current_password", "eve-pw-123", "new_password", "eve-pw-123",
        NULL);
  CALL (client, "error: breached password", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "password123", NULL);
  set_password_settings ("{\"require_uppercase\":true}");
  CALL (client, "error: password without capitals", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "no capitals here", NULL);
  set_password_settings ("{\"require_uppercase\":false,\"require_lowercase\":true}");
  CALL (client, "error: password without small letters", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "NO SMALL LETTERS", NULL);
  set_password_settings ("{\"require_lowercase\":false,\"require_numbers\":true}");
  CALL (client, "error: password without digits", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "no digits at all", NULL);
  set_password_settings ("{\"require_numbers\":false,\"require_special_char\":true}");
  CALL (client, "error: password without special characters", 422, "POST",
        "/v1/me/change_password", "current_password", "eve-pw-123",
        "new_password", "nospecialchars42", NULL);
  set_password_settings ("{\"require_special_char\":false,\"min_zxcvbn_strength\":3,"
                         "\"show_zxcvbn\":true}");
  CALL (client, "error: password not strong enough", 422, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "Summer2024", NULL);
  g_assert_cmpuint (jlen (reply->root, "errors.0.meta.zxcvbn.suggestions"), >, 0);
  CALL (client, "environment: a password policy", 200, "GET", "/v1/environment", NULL);
  g_assert_cmpint (jint (reply->root, "user_settings.password_settings.min_zxcvbn_strength"), ==, 3);

  CALL (client, "user: password changed", 200, "POST", "/v1/me/change_password",
        "current_password", "eve-pw-123", "new_password", "plum kettle orbit tundra",
        "sign_out_of_other_sessions", "true", NULL);
  g_assert_nonnull (jget (reply->root, "response.password_last_updated_at"));
  CALL (client, "active sessions: the others signed out", 200, "GET", "/v1/me/sessions/active",
        NULL);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 1);
  set_password_settings ("{\"min_zxcvbn_strength\":0,\"show_zxcvbn\":false}");

  /* Past the step-up window. */
  g_clear_pointer (&device, json_node_unref);
  device = mfa_test_dev_json (rec.server, "POST", "/__dev/sessions",
                              "{\"identifier\":\"eve@example.com\"}", 200);
  dev_clock_advance (rec.server, 11 * 60 * 1000);
  g_free (path);
  path = pathf ("/v1/me/sessions/%s/revoke", jstr (device, "session_id"));
  CALL (client, "error: step-up needed to revoke", 403, "POST", path, NULL);
  CALL (client, "error: step-up needed to change the password", 403, "POST",
        "/v1/me/change_password", "current_password", "plum kettle orbit tundra",
        "new_password", "plum-kettle-orbit-43", NULL);
  CALL (client, "client: signed out after the devices", 200, "DELETE", "/v1/client/sessions",
        NULL);
}

static void
test_conformance (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_a = mfa_test_create_user (server, MFA_USER);
  g_autofree char *user_b = mfa_test_create_user (server, PLAIN_USER);
  g_autofree char *manifest_path = NULL;
  g_autofree char *spec_dir = NULL;
  g_autofree char *script = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *env_spec = g_getenv ("MFA_SPEC_DIR");
  int wait_status = 0;
  gboolean skipped;

  rec.server = server;
  rec.dir = g_dir_make_tmp ("fapi-conformance-XXXXXX", &error);
  g_assert_no_error (error);
  rec.manifest = g_string_new (NULL);

  collect_signed_out ();
  collect_sign_in_and_phones ();
  collect_first_enablement ();
  collect_totp_set_up ();
  collect_totp_and_limits ();
  collect_configurations ();
  collect_devices_and_password ();

  manifest_path = g_build_filename (rec.dir, "manifest.jsonl", NULL);
  g_file_set_contents (manifest_path, rec.manifest->str, -1, &error);
  g_assert_no_error (error);

  spec_dir = env_spec != NULL ? g_strdup (env_spec)
                              : g_test_build_filename (G_TEST_DIST, "..", "spec", NULL);
  script = g_build_filename (spec_dir, "validate-responses.py", NULL);
  spec = g_build_filename (spec_dir, "clerk-fapi-2026-05-12.yml", NULL);
  {
    const char *argv[] = { "python3", script, spec, manifest_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, &err, &wait_status, &error);
  }
  g_assert_no_error (error);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        g_test_message ("%s", lines[i]);
    }
  if (err != NULL && *err != '\0')
    g_test_message ("%s", err);

  skipped = WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77;
  if (skipped)
    {
      g_test_skip ("python3 with PyYAML and jsonschema is needed");
    }
  else
    {
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("the server's responses do not match the OpenAPI file (bodies kept in %s)",
                 rec.dir);
      g_assert_cmpuint (rec.count, >, 80);
    }

  /* A control: the validator does reject a body with a member the
   * schema lacks and one with a status outside its enum (the environment
   * comes along so that the allow-list entry is used). */
  if (!skipped)
    {
      g_autofree char *control = g_build_filename (rec.dir, "control.jsonl", NULL);
      g_autofree char *bad_phone = g_build_filename (rec.dir, "bad-phone.json", NULL);
      g_autofree char *bad_sign_in = g_build_filename (rec.dir, "bad-sign-in.json", NULL);
      g_autofree char *control_out = NULL;
      const char *argv[] = { "python3", script, spec, control, NULL };
      int control_status = 0;

      g_file_set_contents (bad_phone,
                           "{\"response\":{\"id\":\"idn_x\",\"object\":\"phone_number\","
                           "\"phone_number\":\"+12015550100\",\"reserved_for_second_factor\":false,"
                           "\"default_second_factor\":false,\"reserved\":false,\"verification\":null,"
                           "\"linked_to\":[],\"backup_codes\":null,\"created_at\":1,\"updated_at\":1,"
                           "\"bogus\":1},\"client\":null}", -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (bad_sign_in, "{\"response\":{\"object\":\"sign_in_attempt\","
                           "\"id\":\"sia_x\",\"status\":\"half_done\"},\"client\":null}", -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (control,
                           "{\"label\":\"environment\",\"method\":\"GET\",\"path\":\"/v1/environment\","
                           "\"status\":200,\"file\":\"000.json\"}\n"
                           "{\"label\":\"broken phone\",\"method\":\"GET\","
                           "\"path\":\"/v1/me/phone_numbers/idn_x\",\"status\":200,\"file\":\"bad-phone.json\"}\n"
                           "{\"label\":\"broken sign-in\",\"method\":\"GET\","
                           "\"path\":\"/v1/client/sign_ins/sia_x\",\"status\":200,\"file\":\"bad-sign-in.json\"}\n",
                           -1, &error);
      g_assert_no_error (error);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                    &control_out, NULL, &control_status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (control_status));
      g_assert_cmpint (WEXITSTATUS (control_status), ==, 1);
      g_assert_nonnull (strstr (control_out, "valid: environment"));
      g_assert_nonnull (strstr (control_out, "not valid: broken phone"));
      g_assert_nonnull (strstr (control_out, "'bogus' was unexpected"));
      g_assert_nonnull (strstr (control_out, "not valid: broken sign-in"));
      g_assert_nonnull (strstr (control_out, "# 3 bodies, 2 problems"));
      g_unlink (control);
      g_unlink (bad_phone);
      g_unlink (bad_sign_in);
    }

  /* Only a passing run cleans up, so that a failure can be looked at. */
  for (guint i = 0; i < rec.count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u.json", i);
      g_autofree char *file = g_build_filename (rec.dir, name, NULL);

      g_unlink (file);
    }
  g_unlink (manifest_path);
  g_rmdir (rec.dir);
  g_clear_pointer (&rec.dir, g_free);
  g_string_free (rec.manifest, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/conformance/openapi", test_conformance);

  return g_test_run ();
}
