/* test-reverification.c: step-up gating and the verify endpoints.
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

#define G_LOG_DOMAIN "test-reverification"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

#define MFA_PHONE   "+12015550401"
#define OTHER_PHONE "+12015550402"
#define SPARE_PHONE "+12015550406"

#define MFA_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"ann-pw-123\"," \
  "\"phones\":[{\"phone_number\":\"" MFA_PHONE "\",\"verified\":true,\"reserved\":true}," \
  "{\"phone_number\":\"" OTHER_PHONE "\",\"verified\":true}," \
  "{\"phone_number\":\"" SPARE_PHONE "\",\"verified\":true,\"reserved\":true}]," \
  "\"backup_codes\":true}"

#define PLAIN_USER \
  "{\"identifier\":\"bob@example.com\",\"password\":\"bob-pw-123\"}"

static char *
session_path (TestClient *client,
              const char *suffix)
{
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/client", NULL);
  const char *id = jstr (reply->root, "response.last_active_session_id");

  g_assert_nonnull (id);
  return g_strdup_printf ("/v1/client/sessions/%s/verify%s", id, suffix);
}

static gint64
fva (TestClient *client,
     guint       which)
{
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/client", NULL);
  g_autofree char *path = g_strdup_printf ("response.sessions.0.factor_verification_age.%u", which);

  return jint (reply->root, path);
}

static void
assert_gated (Reply      *reply,
              const char *level)
{
  assert_error (reply, 403, "session_reverification_required");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.reverification.level"), ==, level);
}

/* Password, then the SMS code sent to the default phone. */
static void
step_up_multi_factor (TestClient *client)
{
  g_autofree char *verify = session_path (client, "");
  g_autofree char *first = session_path (client, "/attempt_first_factor");
  g_autofree char *prepare = session_path (client, "/prepare_second_factor");
  g_autofree char *second = session_path (client, "/attempt_second_factor");
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "POST", verify, "level", "multi_factor", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "session_reverification");
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "multi_factor");
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_assert_cmpstr (jstr (reply->root, "response.supported_first_factors.0.strategy"), ==, "password");
  g_assert_true (jnull (reply->root, "response.first_factor_verification"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", first, "strategy", "password", "password", "wrong", NULL);
  assert_error (reply, 422, "form_password_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", first, "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.first_factor_verification.status"), ==, "verified");
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==,
                   "phone_code");
  g_assert_true (jbool (reply->root, "response.supported_second_factors.0.default"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==,
                   "unverified");
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (client->server, MFA_PHONE);
  g_assert_nonnull (code);

  reply = test_call (client, "POST", second, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==, "verified");
  g_assert_cmpint (jint (reply->root, "response.session.factor_verification_age.0"), ==, 0);
  g_assert_cmpint (jint (reply->root, "response.session.factor_verification_age.1"), ==, 0);
}

/* The window passes, gated calls answer 403, ungated ones never do, and
 * after a step-up at the right level the same calls succeed. */
static void
test_window (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes",
                                                         "--reverification-window", "120", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autofree char *new_id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *spare_id = NULL;
  g_autofree char *mfa_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (client, "ann@example.com", "ann-pw-123");
  g_assert_cmpint (fva (client, 0), ==, 0);
  g_assert_cmpint (fva (client, 1), ==, 0);

  /* Fresh from the sign-in. */
  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", "+12015550403", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  new_id = g_strdup (jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);

  /* Still within the window. */
  dev_clock_advance (server, 119 * 1000);
  reply = test_call (client, "GET", "/v1/me", NULL);
  other_id = g_strdup (json_object_get_string_member (jphone (reply->root, OTHER_PHONE), "id"));
  spare_id = g_strdup (json_object_get_string_member (jphone (reply->root, SPARE_PHONE), "id"));
  mfa_id = g_strdup (json_object_get_string_member (jphone (reply->root, MFA_PHONE), "id"));
  g_clear_pointer (&reply, reply_free);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", new_id);
  reply = test_call (client, "DELETE", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Past it: every gated call answers 403 and changes nothing. */
  dev_clock_advance (server, 2 * 1000);
  g_assert_cmpint (fva (client, 0), ==, 2);
  g_assert_cmpint (fva (client, 1), ==, 2);
  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", "+12015550404", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", other_id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", path, NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", spare_id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "false", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (jlen (reply->root, "response.phone_numbers"), ==, 3);
  g_assert_false (json_object_get_boolean_member (jphone (reply->root, OTHER_PHONE),
                                                  "reserved_for_second_factor"));
  g_assert_true (json_object_get_boolean_member (jphone (reply->root, SPARE_PHONE),
                                                 "reserved_for_second_factor"));
  g_clear_pointer (&reply, reply_free);

  /* Not gated: reading, making a phone the default, verifying a phone. */
  reply = test_call (client, "GET", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me/phone_numbers", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "PATCH", path, "default_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.default_second_factor"));
  g_assert_false (json_object_get_boolean_member (jphone (reply->root, MFA_PHONE),
                                                  "default_second_factor"));
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", mfa_id);
  reply = test_call (client, "PATCH", path, "default_second_factor", "1", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* After the step-up the same calls go through. */
  step_up_multi_factor (client);
  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", "+12015550404", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_free (new_id);
  new_id = g_strdup (jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/prepare_verification", new_id);
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, "+12015550404");
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/attempt_verification", new_id);

  /* Verifying is not gated, even once the window passed again. */
  dev_clock_advance (server, 121 * 1000);
  reply = test_call (client, "POST", path, "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", other_id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);

  step_up_multi_factor (client);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.reserved_for_second_factor"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* first_factor and second_factor levels each refresh only their factor;
 * without a second factor every level is first_factor. */
static void
test_levels (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) ann = test_client_new (server);
  g_autoptr(TestClient) bob = test_client_new (server);
  g_autofree char *ann_id = mfa_test_create_user (server, MFA_USER);
  g_autofree char *bob_id = mfa_test_create_user (server, PLAIN_USER);
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;

  /* A user created with backup codes; read one back from a fresh set. */
  test_client_sign_in (ann, "ann@example.com", "ann-pw-123");
  reply = test_call (ann, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  code = g_strdup (jstr (reply->root, "response.codes.0"));
  g_clear_pointer (&reply, reply_free);
  test_client_sign_in (bob, "bob@example.com", "bob-pw-123");
  g_assert_cmpint (fva (bob, 0), ==, 0);
  g_assert_cmpint (fva (bob, 1), ==, -1);

  dev_clock_advance (server, 11 * 60 * 1000);

  /* first_factor: the password alone does not satisfy a user with a
   * second factor. */
  path = session_path (ann, "");
  reply = test_call (ann, "POST", path, "level", "first_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "first_factor");
  g_assert_true (jnull (reply->root, "response.supported_second_factors"));
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (ann, "/attempt_first_factor");
  reply = test_call (ann, "POST", path, "strategy", "password", "password", "ann-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);
  g_assert_cmpint (fva (ann, 0), ==, 0);
  g_assert_cmpint (fva (ann, 1), ==, 11);
  reply = test_call (ann, "POST", "/v1/me/backup_codes", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);

  /* second_factor with a backup code completes it. */
  g_free (path);
  path = session_path (ann, "");
  reply = test_call (ann, "POST", path, "level", "second_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_true (jnull (reply->root, "response.supported_first_factors"));
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (ann, "/attempt_second_factor");
  reply = test_call (ann, "POST", path, "strategy", "backup_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.object"), ==,
                   "verification_backup_code");
  g_clear_pointer (&reply, reply_free);
  g_assert_cmpint (fva (ann, 1), ==, 0);
  reply = test_call (ann, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* No second factor: multi_factor falls back to first_factor. */
  reply = test_call (bob, "POST", "/v1/me/phone_numbers", "phone_number", "+12015550405", NULL);
  assert_gated (reply, "first_factor");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (bob, "");
  reply = test_call (bob, "POST", path, "level", "multi_factor", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.level"), ==, "first_factor");
  g_assert_true (jnull (reply->root, "response.supported_second_factors"));
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (bob, "/attempt_first_factor");
  reply = test_call (bob, "POST", path, "strategy", "password", "password", "bob-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  /* Turning two-step verification on within the window is allowed, and
   * so are the gated calls right after it: the session verified no
   * second factor yet, so its first factor decides. */
  g_free (path);
  path = add_verified_phone (bob, "+12015550405");
  {
    g_autofree char *patch = g_strdup_printf ("/v1/me/phone_numbers/%s", path);

    reply = test_call (bob, "PATCH", patch, "reserved_for_second_factor", "true", NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
    g_clear_pointer (&reply, reply_free);
  }
  reply = test_call (bob, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* Phone codes as a first factor, the same outbox, cooldown and limit. */
static void
test_phone_first_factor (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autofree char *verify = NULL;
  g_autofree char *prepare = NULL;
  g_autofree char *attempt = NULL;
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (client, "ann@example.com", "ann-pw-123");
  verify = session_path (client, "");
  prepare = session_path (client, "/prepare_first_factor");
  attempt = session_path (client, "/attempt_first_factor");

  reply = test_call (client, "POST", verify, "level", "first_factor", NULL);
  /* The non-reserved verified phone is a first factor; the reserved one is not. */
  g_assert_cmpuint (jlen (reply->root, "response.supported_first_factors"), ==, 2);
  g_assert_cmpstr (jstr (reply->root, "response.supported_first_factors.1.strategy"), ==,
                   "phone_code");
  g_assert_cmpstr (jstr (reply->root, "response.supported_first_factors.1.safe_identifier"), ==,
                   "+*******0402");
  g_assert_false (jbool (reply->root, "response.supported_first_factors.1.primary"));
  g_clear_pointer (&reply, reply_free);

  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "DELETE", "/__dev/sms", NULL, 200);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.first_factor_verification.object"), ==,
                   "verification_otp");
  g_assert_cmpstr (jstr (reply->root, "response.first_factor_verification.status"), ==,
                   "unverified");
  g_clear_pointer (&reply, reply_free);
  g_assert_null (mfa_test_server_last_sms_code (server, MFA_PHONE));
  code = mfa_test_server_last_sms_code (server, OTHER_PHONE);
  g_assert_nonnull (code);

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  assert_error (reply, 429, "verification_code_too_many_requests");
  g_assert_nonnull (reply->retry_after);
  g_clear_pointer (&reply, reply_free);

  for (guint i = 0; i < 3; i++)
    {
      reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", "000000", NULL);
      assert_error (reply, 422, "form_code_incorrect");
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  assert_error (reply, 400, "verification_failed");
  g_clear_pointer (&reply, reply_free);

  /* A new code, which then expires. */
  dev_clock_advance (server, 31 * 1000);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (code);
  code = mfa_test_server_last_sms_code (server, OTHER_PHONE);
  dev_clock_advance (server, 601 * 1000);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  assert_error (reply, 400, "verification_expired");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (code);
  code = mfa_test_server_last_sms_code (server, OTHER_PHONE);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_errors (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) stranger = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autofree char *verify = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "POST", "/v1/client/sessions/sess_nothing/verify",
                     "level", "first_factor", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);

  test_client_sign_in (client, "ann@example.com", "ann-pw-123");
  verify = session_path (client, "");

  /* Steps before a verify. */
  path = session_path (client, "/attempt_first_factor");
  reply = test_call (client, "POST", path, "strategy", "password", "password", "ann-pw-123", NULL);
  assert_error (reply, 400, "session_reverification_missing");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", verify, NULL);
  assert_error (reply, 422, "form_param_missing");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "level");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", verify, "level", "third_factor", NULL);
  assert_error (reply, 422, "form_param_value_invalid");
  g_clear_pointer (&reply, reply_free);

  /* Steps out of order. */
  reply = test_call (client, "POST", verify, "level", "multi_factor", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (client, "/prepare_second_factor");
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  assert_error (reply, 400, "invalid_action_for_session_reverification");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (client, "/attempt_first_factor");
  reply = test_call (client, "POST", path, "strategy", "totp", "code", "123456", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = session_path (client, "/attempt_second_factor");
  reply = test_call (client, "POST", path, "strategy", "backup_code", "code", "whatever", NULL);
  assert_error (reply, 400, "invalid_action_for_session_reverification");
  g_clear_pointer (&reply, reply_free);

  /* Someone else's session is unknown. */
  reply = test_call (stranger, "PUT", "/v1/client", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (stranger, "POST", verify, "level", "first_factor", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* Signed out. */
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", verify, "level", "first_factor", NULL);
  assert_error (reply, 404, "resource_not_found");
}

/* --reverification off: never gated; POST /__dev/settings turns it on
 * and sets the window. */
static void
test_switch (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_false (jbool (reply->root, "auth_config.reverification"));
  g_clear_pointer (&reply, reply_free);

  test_client_sign_in (client, "ann@example.com", "ann-pw-123");
  dev_clock_advance (server, 24 * 3600 * 1000);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"reverification\":\"on\"}", 200);
  g_assert_true (jbool (settings, "reverification"));
  g_clear_pointer (&settings, json_node_unref);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  assert_gated (reply, "multi_factor");
  g_clear_pointer (&reply, reply_free);

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"reverification_window\":172800}", 200);
  g_assert_cmpint (jint (settings, "reverification_window"), ==, 172800);
  g_clear_pointer (&settings, json_node_unref);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* A window of 0 gates every time. */
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"reverification-window\":0}", 200);
  g_clear_pointer (&settings, json_node_unref);
  reply = test_call (client, "POST", "/v1/me/backup_codes", NULL);
  assert_gated (reply, "multi_factor");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/reverification/window", test_window);
  g_test_add_func ("/fapi/reverification/levels", test_levels);
  g_test_add_func ("/fapi/reverification/phone-first-factor", test_phone_first_factor);
  g_test_add_func ("/fapi/reverification/errors", test_errors);
  g_test_add_func ("/fapi/reverification/switch", test_switch);

  return g_test_run ();
}
