/* test-totp.c: authenticator-app codes (RFC 6238) at sign-in and step-up.
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

  return g_test_run ();
}
