/* test-totp.c: authenticator-app codes (RFC 6238) at sign-in and step-up,
 * and setting an authenticator app up through /v1/me/totp.
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

#define G_LOG_DOMAIN "test-totp"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

/* RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

#define TOTP_USER \
  "{\"identifier\":\"tia@example.com\",\"password\":\"tia-pw-123\"," \
  "\"totp_secret\":\"" RFC_SECRET "\"}"

static const struct {
  gint64      seconds;
  const char *eight;     /* the RFC's value */
  const char *six;       /* what the server takes */
} vectors[] = {
  { 59, "94287082", "287082" },
  { 1111111109, "07081804", "081804" },
  { 1111111111, "14050471", "050471" },
  { 1234567890, "89005924", "005924" },
  { 2000000000, "69279037", "279037" },
  { G_GINT64_CONSTANT (20000000000), "65353130", "353130" },
};

/* The test's own HOTP agrees with the RFC, so codes it computes below
 * for other times can be trusted. */
static void
test_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      guint32 value = test_hotp (RFC_SECRET, vectors[i].seconds / 30);
      g_autofree char *eight = g_strdup_printf ("%08u", value % 100000000);
      g_autofree char *six = g_strdup_printf ("%06u", value % 1000000);

      g_assert_cmpstr (eight, ==, vectors[i].eight);
      g_assert_cmpstr (six, ==, vectors[i].six);
    }
}

static char *
start_sign_in (TestClient *client)
{
  g_autoptr(Reply) reply = test_call (client, "POST", "/v1/client/sign_ins",
                                      "identifier", "tia@example.com", "strategy", "password",
                                      "password", "tia-pw-123", NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==, "totp");
  return g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor",
                          jstr (reply->root, "response.id"));
}

/* Each RFC vector signs in at its own time, read from the server clock. */
static void
test_sign_in (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, TOTP_USER);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(TestClient) client = test_client_new (server);
      g_autoptr(Reply) reply = NULL;
      g_autofree char *attempt = NULL;

      dev_clock_set (server, vectors[i].seconds * 1000);
      attempt = start_sign_in (client);
      reply = test_call (client, "POST", attempt, "strategy", "totp", "code", vectors[i].six, NULL);
      if (reply->status != 200)
        g_error ("T=%" G_GINT64_FORMAT ": %u %s", vectors[i].seconds, reply->status, reply->body);
      g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
      g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.object"), ==,
                       "verification_totp");
      g_assert_cmpint (jint (reply->root, "client.sessions.0.factor_verification_age.1"), ==, 0);
    }
}

/* One step of slack either way, not two; other codes are refused. */
static void
test_window (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) other = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, TOTP_USER);
  g_autofree char *attempt = NULL;
  g_autoptr(Reply) reply = NULL;

  /* 287082 is the code of step 1 (T = 30..59 s). */
  dev_clock_set (server, 59000);
  attempt = start_sign_in (client);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "287083", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "28708", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);

  /* Step 3 (T = 90..119 s) is two steps on: too late. */
  dev_clock_set (server, 90000);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "287082", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);

  /* Step 0 (T = 0..29 s) is one step early: accepted. */
  dev_clock_set (server, 15000);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "287082", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  /* Step 2 (T = 60..89 s) is one step late: accepted too. The sign-in
   * takes real time (the password hash), so stay clear of the edge. */
  dev_clock_set (server, 80000);
  g_free (attempt);
  attempt = start_sign_in (other);
  reply = test_call (other, "POST", attempt, "strategy", "totp", "code", "287082", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* A step-up with the authenticator code. */
static void
test_step_up (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, TOTP_USER);
  g_autofree char *attempt = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *session_id = NULL;

  dev_clock_set (server, 1111111109 * G_GINT64_CONSTANT (1000));
  attempt = start_sign_in (client);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "081804", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  session_id = g_strdup (jstr (reply->root, "client.last_active_session_id"));
  path = g_strdup_printf ("/v1/client/sessions/%s/verify", session_id);
  g_clear_pointer (&reply, reply_free);

  /* Two-step verification is on through TOTP alone: backup codes need
   * the step-up once the window has passed. */
  dev_clock_advance (server, 11 * 60 * 1000);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  assert_error (reply, 403, "session_reverification_required");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", path, "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  reply = test_call (client, "POST", path, "strategy", "password", "password", "tia-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==, "totp");
  g_clear_pointer (&reply, reply_free);

  /* The sign-in's code is long gone; the one of the clock's step works. */
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  reply = test_call (client, "POST", path, "strategy", "totp", "code", "081804", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  code = test_totp_now (server, RFC_SECRET);
  reply = test_call (client, "POST", path, "strategy", "totp", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.object"), ==,
                   "verification_totp");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* A secret that is not base32 is refused when the user is created. */
static void
test_bad_secret (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *body = NULL;
  guint status = 0;

  body = mfa_test_server_dev_request (server, "POST", "/__dev/users",
                                      "{\"identifier\":\"x@example.com\",\"password\":\"pw\","
                                      "\"totp_secret\":\"not base32!\"}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_nonnull (strstr (body, "totp_secret"));
}

/* Setting up an authenticator app through /v1/me/totp. */

#define APP_NAME "Tia's App: Test & Co"

#define PLAIN_USER \
  "{\"identifier\":\"ann+mfa@example.com\",\"password\":\"ann-pw-123\"}"

/* 2026-01-01, so that created_at can be checked. */
#define START_MS G_GINT64_CONSTANT (1767225600000)

static Reply *
create_totp (TestClient *client)
{
  Reply *reply = test_call (client, "POST", "/v1/me/totp", NULL);

  if (reply->status != 200)
    g_error ("POST /v1/me/totp: %u %s", reply->status, reply->body);
  return reply;
}

static Reply *
verify_totp (TestClient *client,
             const char *code)
{
  return test_call (client, "POST", "/v1/me/totp/attempt_verification", "code", code, NULL);
}

/* Whether @code is a code of @secret one step around the server clock,
 * as the server accepts them. */
static gboolean
code_accepted (MfaTestServer *server,
               const char    *secret,
               const char    *code)
{
  gint64 step = dev_clock_now (server) / 30000;

  for (gint64 d = -1; d <= 1; d++)
    {
      g_autofree char *other = g_strdup_printf ("%06u", test_hotp (secret, step + d) % 1000000);

      if (g_str_equal (other, code))
        return TRUE;
    }
  return FALSE;
}

/* Creates and verifies a secret; returns the verification's reply. */
static Reply *
set_up_totp (TestClient  *client,
             char       **secret_out)
{
  g_autoptr(Reply) created = create_totp (client);
  g_autofree char *secret = g_strdup (jstr (created->root, "response.secret"));
  g_autofree char *code = test_totp_now (client->server, secret);
  Reply *reply = verify_totp (client, code);

  if (reply->status != 200)
    g_error ("attempt_verification: %u %s", reply->status, reply->body);
  if (secret_out != NULL)
    *secret_out = g_steal_pointer (&secret);
  return reply;
}

/* The new secret, its fields and its otpauth URI, percent-encoded. */
static void
test_create (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--application-name",
                                                         APP_NAME, NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *query = NULL;
  const char *secret;
  const char *raw;
  const char *raw_path;
  gint64 created_at;

  dev_clock_set (server, START_MS);
  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = create_totp (client);

  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "totp");
  g_assert_true (g_str_has_prefix (jstr (reply->root, "response.id"), "totp_"));
  g_assert_cmpuint (strlen (jstr (reply->root, "response.id")), ==, 5 + 27);
  g_assert_false (jbool (reply->root, "response.verified"));
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  created_at = jint (reply->root, "response.created_at");
  g_assert_cmpint (created_at, >=, START_MS);
  g_assert_cmpint (created_at, <, START_MS + 60000);
  g_assert_cmpint (jint (reply->root, "response.updated_at"), ==, created_at);
  g_assert_nonnull (jget (reply->root, "client.sessions"));

  /* Base32 without padding, 160 bits. */
  secret = jstr (reply->root, "response.secret");
  g_assert_cmpuint (strlen (secret), ==, 32);
  g_assert_cmpuint (strspn (secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), ==, 32);

  /* otpauth://totp/<issuer>:<account>?…, every reserved character of
   * the issuer escaped, so the label splits at its only ':'. */
  raw = jstr (reply->root, "response.uri");
  g_assert_true (g_str_has_prefix (raw, "otpauth://totp/"));
  g_assert_null (strchr (raw, ' '));
  g_assert_null (strchr (raw, '+'));
  uri = g_uri_parse (raw, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "otpauth");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "totp");
  raw_path = g_uri_get_path (uri);
  g_assert_cmpstr (raw_path, ==,
                   "/Tia%27s%20App%3A%20Test%20%26%20Co:ann%2Bmfa@example.com");
  g_assert_true (strchr (raw_path, ':') == strrchr (raw_path, ':'));
  label = g_uri_unescape_string (raw_path + 1, NULL);
  g_assert_cmpstr (label, ==, APP_NAME ":ann+mfa@example.com");

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (params, "secret"), ==, secret);
  g_assert_cmpstr (g_hash_table_lookup (params, "issuer"), ==, APP_NAME);
  g_assert_cmpstr (g_hash_table_lookup (params, "algorithm"), ==, "SHA1");
  g_assert_cmpstr (g_hash_table_lookup (params, "digits"), ==, "6");
  g_assert_cmpstr (g_hash_table_lookup (params, "period"), ==, "30");
  query = g_strdup_printf ("secret=%s&issuer=Tia%%27s%%20App%%3A%%20Test%%20%%26%%20Co"
                           "&algorithm=SHA1&digits=6&period=30", secret);
  g_assert_cmpstr (g_uri_get_query (uri), ==, query);

  /* Waiting for its first code, the secret turns nothing on. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_false (jbool (reply->root, "response.totp_enabled"));
  g_assert_false (jbool (reply->root, "response.two_factor_enabled"));
}

/* The account of a user without an email address is its phone number,
 * else its username; the default issuer is the default application name. */
static void
test_uri_label (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) by_phone = test_client_new (server);
  g_autoptr(TestClient) by_name = test_client_new (server);
  g_autofree char *phone_user = mfa_test_create_user (server,
                                                      "{\"identifier\":\"+12015550701\","
                                                      "\"password\":\"pat-pw-123\"}");
  g_autofree char *name_user = mfa_test_create_user (server,
                                                     "{\"identifier\":\"sam\","
                                                     "\"password\":\"sam-pw-123\"}");
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *label = NULL;

  test_client_sign_in (by_phone, "+12015550701", "pat-pw-123");
  reply = create_totp (by_phone);
  uri = g_uri_parse (jstr (reply->root, "response.uri"), G_URI_FLAGS_ENCODED, NULL);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/MFA%20Manager%20%28local%29:%2B12015550701");
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "issuer"), ==, "MFA Manager (local)");

  g_clear_pointer (&reply, reply_free);
  g_clear_pointer (&uri, g_uri_unref);
  test_client_sign_in (by_name, "sam", "sam-pw-123");
  reply = create_totp (by_name);
  uri = g_uri_parse (jstr (reply->root, "response.uri"), G_URI_FLAGS_NONE, NULL);
  label = g_strdup (g_uri_get_path (uri));
  g_assert_cmpstr (label, ==, "/MFA Manager (local):sam");
}

/* A wrong code, then the right one: verified, the secret not shown
 * again, two-step verification on with its first backup codes; a second
 * set-up is refused. */
static void
test_verify (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  gint64 created_at;

  dev_clock_set (server, START_MS);
  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = create_totp (client);
  id = g_strdup (jstr (reply->root, "response.id"));
  secret = g_strdup (jstr (reply->root, "response.secret"));
  created_at = jint (reply->root, "response.created_at");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", "/v1/me/totp/attempt_verification", NULL);
  assert_error (reply, 422, "form_param_missing");
  g_clear_pointer (&reply, reply_free);

  code = test_totp_now (server, secret);
  wrong = g_strdup_printf ("%06u", (guint) (g_ascii_strtoull (code, NULL, 10) + 1) % 1000000);
  if (!code_accepted (server, secret, wrong))
    {
      reply = verify_totp (client, wrong);
      assert_error (reply, 422, "form_code_incorrect");
      g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "code");
      g_clear_pointer (&reply, reply_free);
    }
  reply = verify_totp (client, "12345");
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 30000);
  g_free (code);
  code = test_totp_now (server, secret);
  reply = verify_totp (client, code);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "totp");
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, id);
  g_assert_true (jbool (reply->root, "response.verified"));
  g_assert_true (jnull (reply->root, "response.secret"));
  g_assert_true (jnull (reply->root, "response.uri"));
  g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
  g_assert_cmpint (jint (reply->root, "response.created_at"), ==, created_at);
  g_assert_cmpint (jint (reply->root, "response.updated_at"), >=, created_at + 30000);
  g_assert_true (jbool (reply->root, "client.sessions.0.user.totp_enabled"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_assert_cmpint (jint (reply->root, "client.sessions.0.user.mfa_enabled_at"), >=, START_MS);
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", "/v1/me/totp", NULL);
  assert_error (reply, 400, "totp_already_enabled");
  g_clear_pointer (&reply, reply_free);
  reply = verify_totp (client, code);
  assert_error (reply, 400, "totp_already_enabled");
  g_clear_pointer (&reply, reply_free);

  /* The refusals changed nothing. */
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_true (jbool (reply->root, "response.totp_enabled"));
}

/* A second set-up before the first is verified replaces it: the old
 * secret's codes stop working. */
static void
test_replace (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *old_secret = NULL;
  g_autofree char *new_secret = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *new_code = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = create_totp (client);
  old_id = g_strdup (jstr (reply->root, "response.id"));
  old_secret = g_strdup (jstr (reply->root, "response.secret"));
  g_clear_pointer (&reply, reply_free);

  reply = create_totp (client);
  g_assert_cmpstr (jstr (reply->root, "response.id"), !=, old_id);
  new_secret = g_strdup (jstr (reply->root, "response.secret"));
  g_assert_cmpstr (new_secret, !=, old_secret);
  g_assert_false (jbool (reply->root, "response.verified"));
  g_clear_pointer (&reply, reply_free);

  /* Two random secrets rarely share a code; move on until they do not. */
  for (;;)
    {
      g_free (old_code);
      old_code = test_totp_now (server, old_secret);
      if (!code_accepted (server, new_secret, old_code))
        break;
      dev_clock_advance (server, 90000);
    }
  reply = verify_totp (client, old_code);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);

  new_code = test_totp_now (server, new_secret);
  reply = verify_totp (client, new_code);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.verified"));
}

/* Backup codes come with the first enablement of two-step verification
 * only: not when a reserved phone already had it on, not when the user
 * keeps a set from before, not when the instance has none. */
static void
test_backup_codes (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) first = test_client_new (server);
  g_autoptr(TestClient) with_phone = test_client_new (server);
  g_autoptr(TestClient) without_codes = test_client_new (server);
  g_autofree char *plain = mfa_test_create_user (server, PLAIN_USER);
  g_autofree char *phone_user = NULL;
  g_autofree char *third = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;

  test_client_sign_in (first, "ann+mfa@example.com", "ann-pw-123");
  reply = set_up_totp (first, NULL);
  g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
  g_clear_pointer (&reply, reply_free);

  /* Off and on again: the codes of the first time are still there. */
  reply = test_call (first, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_clear_pointer (&reply, reply_free);
  reply = set_up_totp (first, NULL);
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_clear_pointer (&reply, reply_free);

  /* Two-step verification already on through a reserved phone (and no
   * backup codes): none. */
  phone_user = mfa_test_create_user (server,
                                     "{\"identifier\":\"bea@example.com\","
                                     "\"password\":\"bea-pw-123\","
                                     "\"phones\":[{\"phone_number\":\"+12015550702\","
                                     "\"verified\":true,\"reserved\":true}]}");
  test_client_sign_in (with_phone, "bea@example.com", "bea-pw-123");
  reply = set_up_totp (with_phone, NULL);
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.totp_enabled"));
  g_assert_false (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_clear_pointer (&reply, reply_free);

  /* An instance without backup codes. */
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"backup_codes\":false}", 200);
  third = mfa_test_create_user (server,
                                "{\"identifier\":\"cy@example.com\",\"password\":\"cy-pw-123\"}");
  test_client_sign_in (without_codes, "cy@example.com", "cy-pw-123");
  reply = set_up_totp (without_codes, NULL);
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
}

/* Deleting the verified secret turns two-step verification off; a
 * second delete, and a verification without a secret, are 404. */
static void
test_delete (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = verify_totp (client, "123456");
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* A set-up still waiting for its code can be dropped too. */
  reply = create_totp (client);
  id = g_strdup (jstr (reply->root, "response.id"));
  secret = g_strdup (jstr (reply->root, "response.secret"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, id);
  g_clear_pointer (&reply, reply_free);
  code = test_totp_now (server, secret);
  reply = verify_totp (client, code);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  reply = set_up_totp (client, NULL);
  g_free (id);
  id = g_strdup (jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "totp");
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, id);
  g_assert_true (jbool (reply->root, "response.deleted"));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (jget (reply->root, "response"))),
                    ==, 3);
  g_assert_false (jbool (reply->root, "client.sessions.0.user.totp_enabled"));
  g_assert_false (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_assert_false (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_assert_false (jnull (reply->root, "client.sessions.0.user.mfa_disabled_at"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* Nothing else is served under /v1/me/totp. */
  reply = test_call (client, "GET", "/v1/me/totp", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/totp/prepare_verification", NULL);
  assert_error (reply, 404, "resource_not_found");
}

/* An instance that requires two-step verification keeps the last
 * second factor. */
static void
test_delete_required (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--mfa-required", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autofree char *phone_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = set_up_totp (client, NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  assert_error (reply, 400, "second_factor_deletion_not_allowed");
  g_clear_pointer (&reply, reply_free);

  phone_id = add_verified_phone (client, "+12015550703");
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", phone_id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
}

static void
assert_gated (Reply      *reply,
              const char *level)
{
  assert_error (reply, 403, "session_reverification_required");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.reverification.level"), ==, level);
}

/* Creating and deleting need a recent verification, verifying does not. */
static void
test_reverification (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = test_call (client, "GET", "/v1/client", NULL);
  session_id = g_strdup (jstr (reply->root, "response.last_active_session_id"));
  verify = g_strdup_printf ("/v1/client/sessions/%s/verify", session_id);
  first = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  second = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 11 * 60 * 1000);
  reply = test_call (client, "POST", "/v1/me/totp", NULL);
  assert_gated (reply, "first_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_false (jbool (reply->root, "response.totp_enabled"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", verify, "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "first_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", first, "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  reply = create_totp (client);
  secret = g_strdup (jstr (reply->root, "response.secret"));
  g_clear_pointer (&reply, reply_free);

  /* Verifying is not gated. */
  dev_clock_advance (server, 11 * 60 * 1000);
  code = test_totp_now (server, secret);
  reply = verify_totp (client, code);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.verified"));
  g_clear_pointer (&reply, reply_free);

  /* Deleting is, at the level of a user with a second factor. */
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_true (jbool (reply->root, "response.totp_enabled"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", verify, "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", first, "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==, "totp");
  g_clear_pointer (&reply, reply_free);
  dev_clock_advance (server, 30000);
  g_free (code);
  code = test_totp_now (server, secret);
  reply = test_call (client, "POST", second, "strategy", "totp", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.deleted"));
}

/* An instance without authenticator apps refuses a set-up. */
static void
test_disabled (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--totp", "off", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = test_call (client, "POST", "/v1/me/totp", NULL);
  assert_error (reply, 403, "feature_not_enabled");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_false (jbool (reply->root, "response.totp_enabled"));
  g_clear_pointer (&reply, reply_free);

  /* Switched off between the set-up and its code. */
  mfa_test_dev (server, "POST", "/__dev/settings", "{\"totp\":true}");
  reply = create_totp (client);
  secret = g_strdup (jstr (reply->root, "response.secret"));
  g_clear_pointer (&reply, reply_free);
  mfa_test_dev (server, "POST", "/__dev/settings", "{\"totp\":\"off\"}");
  code = test_totp_now (server, secret);
  reply = verify_totp (client, code);
  assert_error (reply, 403, "feature_not_enabled");
  g_clear_pointer (&reply, reply_free);

  /* Removing stays possible. */
  reply = test_call (client, "DELETE", "/v1/me/totp", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* Set up through the routes, the app is asked for at the next sign-in. */
static void
test_sign_in_after_set_up (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;
  g_autofree char *attempt = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = set_up_totp (client, &secret);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 30000);
  reply = test_call (client, "POST", "/v1/client/sign_ins",
                     "identifier", "ann+mfa@example.com", "strategy", "password",
                     "password", "ann-pw-123", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==, "totp");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.1.strategy"), ==,
                   "backup_code");
  attempt = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor",
                             jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);

  code = test_totp_now (server, secret);
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.strategy"), ==, "totp");
}

/* The secret leaves the server in the response body only: neither the
 * request log nor the server's output shows it. */
static void
test_secret_not_logged (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) output = NULL;

  test_client_sign_in (client, "ann+mfa@example.com", "ann-pw-123");
  reply = set_up_totp (client, &secret);

  log = mfa_test_server_dev_request (server, "GET", "/__dev/requests", NULL, NULL);
  g_assert_nonnull (strstr (log, "/v1/me/totp/attempt_verification"));
  g_assert_null (strstr (log, secret));
  output = mfa_test_server_get_output (server);
  for (guint i = 0; output[i] != NULL; i++)
    g_assert_null (strstr (output[i], secret));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/totp/rfc6238-vectors", test_vectors);
  g_test_add_func ("/fapi/totp/sign-in", test_sign_in);
  g_test_add_func ("/fapi/totp/window", test_window);
  g_test_add_func ("/fapi/totp/step-up", test_step_up);
  g_test_add_func ("/fapi/totp/bad-secret", test_bad_secret);
  g_test_add_func ("/fapi/totp/create", test_create);
  g_test_add_func ("/fapi/totp/uri-label", test_uri_label);
  g_test_add_func ("/fapi/totp/verify", test_verify);
  g_test_add_func ("/fapi/totp/replace", test_replace);
  g_test_add_func ("/fapi/totp/backup-codes", test_backup_codes);
  g_test_add_func ("/fapi/totp/delete", test_delete);
  g_test_add_func ("/fapi/totp/delete-required", test_delete_required);
  g_test_add_func ("/fapi/totp/reverification", test_reverification);
  g_test_add_func ("/fapi/totp/disabled", test_disabled);
  g_test_add_func ("/fapi/totp/sign-in-after-set-up", test_sign_in_after_set_up);
  g_test_add_func ("/fapi/totp/secret-not-logged", test_secret_not_logged);

  return g_test_run ();
}
