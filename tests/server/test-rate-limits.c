/* test-rate-limits.c: per-IP limits with Retry-After.
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

#define G_LOG_DOMAIN "test-rate-limits"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

#define MFA_PHONE "+12015550501"

#define MFA_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"ann-pw-123\"," \
  "\"phones\":[{\"phone_number\":\"" MFA_PHONE "\",\"verified\":true,\"reserved\":true}]}"

static void
assert_limited (Reply *reply)
{
  gint64 seconds;

  assert_error (reply, 429, "too_many_requests");
  g_assert_nonnull (reply->retry_after);
  seconds = g_ascii_strtoll (reply->retry_after, NULL, 10);
  g_assert_cmpint (seconds, >=, 1);
  g_assert_cmpint (seconds, <=, 10);
}

/* Five sign-ins per 10 s; the sixth waits, and the clock frees it. */
static void
test_sign_in_create (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) other = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;

  for (guint i = 0; i < 5; i++)
    {
      reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_limited (reply);
  g_clear_pointer (&reply, reply_free);

  /* Per IP, not per client: another client from the same address waits too. */
  reply = test_call (other, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_limited (reply);
  g_clear_pointer (&reply, reply_free);

  /* Other routes are not limited. */
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Retry-After is when the oldest counted request leaves the window. */
  dev_clock_advance (server, 4000);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_limited (reply);
  g_assert_cmpint (g_ascii_strtoll (reply->retry_after, NULL, 10), <=, 6);
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 6000);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* Three attempts per 10 s for each factor, counted whatever the outcome. */
static void
test_attempts (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--attempt-limit", "10",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autofree char *first = NULL;
  g_autofree char *prepare = NULL;
  g_autofree char *second = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;
  const char *id;

  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  id = jstr (reply->root, "response.id");
  first = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_first_factor", id);
  prepare = g_strdup_printf ("/v1/client/sign_ins/%s/prepare_second_factor", id);
  second = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor", id);
  g_clear_pointer (&reply, reply_free);

  for (guint i = 0; i < 3; i++)
    {
      reply = test_call (client, "POST", first, "strategy", "password", "password", "wrong", NULL);
      assert_error (reply, 422, "form_password_incorrect");
      g_clear_pointer (&reply, reply_free);
    }
  /* Even the right password waits. */
  reply = test_call (client, "POST", first, "strategy", "password", "password", "ann-pw-123", NULL);
  assert_limited (reply);
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 10 * 1000);
  reply = test_call (client, "POST", first, "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, MFA_PHONE);

  /* The second factor has its own count. */
  for (guint i = 0; i < 3; i++)
    {
      reply = test_call (client, "POST", second, "strategy", "phone_code", "code", "000000", NULL);
      assert_error (reply, 422, "form_code_incorrect");
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (client, "POST", second, "strategy", "phone_code", "code", code, NULL);
  assert_limited (reply);
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 10 * 1000);
  reply = test_call (client, "POST", second, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

/* --rate-limits off, and the switch in POST /__dev/settings. */
static void
test_switch (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(Reply) reply = NULL;

  for (guint i = 0; i < 20; i++)
    {
      reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_clear_pointer (&reply, reply_free);
    }

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"rate_limits\":true}", 200);
  g_assert_true (jbool (settings, "rate_limits"));
  g_clear_pointer (&settings, json_node_unref);
  for (guint i = 0; i < 5; i++)
    {
      reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_limited (reply);
  g_clear_pointer (&reply, reply_free);

  /* /__dev/reset forgets the counts (and restores the start settings). */
  settings = mfa_test_dev_json (server, "POST", "/__dev/reset", "{}", 200);
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_false (jbool (settings, "rate_limits"));
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"rate-limits\":\"on\"}", 200);
  g_clear_pointer (&settings, json_node_unref);
  g_free (user_id);
  user_id = mfa_test_create_user (server, MFA_USER);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/rate-limits/sign-in-create", test_sign_in_create);
  g_test_add_func ("/fapi/rate-limits/attempts", test_attempts);
  g_test_add_func ("/fapi/rate-limits/switch", test_switch);

  return g_test_run ();
}
