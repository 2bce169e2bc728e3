/* test-sign-in.c: the sign-in state machine and its second factors.
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

#define G_LOG_DOMAIN "test-sign-in"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

/* +1 201 555 0210 is not one of Clerk's test numbers: it gets random codes. */
#define REAL_PHONE "+12015550210"
#define TEST_PHONE "+12015550150"

#define MFA_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"correct horse\"," \
  "\"phones\":[{\"phone_number\":\"" REAL_PHONE "\",\"verified\":true,\"reserved\":true}," \
  "{\"phone_number\":\"" TEST_PHONE "\",\"verified\":true,\"reserved\":true}]," \
  "\"backup_codes\":true}"

static char *
path_for (const char *sign_in_id,
          const char *action)
{
  return g_strdup_printf ("/v1/client/sign_ins/%s/%s", sign_in_id, action);
}

/* Starts a sign-in that stops at needs_second_factor; returns its id. */
static char *
start_sign_in (TestClient *client)
{
  g_autoptr(Reply) reply = test_call (client, "POST", "/v1/client/sign_ins",
                                      "identifier", "ann@example.com", "strategy", "password",
                                      "password", "correct horse", NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  return g_strdup (jstr (reply->root, "response.id"));
}

static void
test_two_step_sms (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *wrong = NULL;
  gint64 now;

  /* Identifier only: the first factor is still needed. */
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "sign_in_attempt");
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_assert_cmpstr (jstr (reply->root, "response.identifier"), ==, "ann@example.com");
  g_assert_cmpstr (jstr (reply->root, "response.supported_first_factors.0.strategy"), ==, "password");
  g_assert_true (jnull (reply->root, "response.supported_second_factors"));
  id = g_strdup (jstr (reply->root, "response.id"));
  g_assert_true (g_str_has_prefix (id, "sia_"));
  g_assert_cmpstr (jstr (reply->root, "client.sign_in.id"), ==, id);
  g_clear_pointer (&reply, reply_free);

  path = path_for (id, "attempt_first_factor");
  reply = test_call (client, "POST", path, "strategy", "password", "password", "wrong", NULL);
  assert_error (reply, 422, "form_password_incorrect");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "password");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", path, "strategy", "password", "password", "correct horse", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_cmpstr (jstr (reply->root, "response.first_factor_verification.status"), ==, "verified");
  /* One phone_code entry per reserved phone, the default marked, then backup codes. */
  g_assert_cmpuint (jlen (reply->root, "response.supported_second_factors"), ==, 3);
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.strategy"), ==, "phone_code");
  g_assert_true (jbool (reply->root, "response.supported_second_factors.0.default"));
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.0.safe_identifier"), ==,
                   "+*******0210");
  g_assert_false (jbool (reply->root, "response.supported_second_factors.1.default"));
  g_assert_cmpstr (jstr (reply->root, "response.supported_second_factors.2.strategy"), ==, "backup_code");
  g_clear_pointer (&reply, reply_free);

  /* Attempt before prepare. */
  g_free (path);
  path = path_for (id, "attempt_second_factor");
  reply = test_call (client, "POST", path, "strategy", "phone_code", "code", "123456", NULL);
  assert_error (reply, 400, "verification_not_sent");
  g_clear_pointer (&reply, reply_free);

  /* Prepare: the default phone gets a random 6-digit code. */
  g_free (path);
  path = path_for (id, "prepare_second_factor");
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  now = jint (reply->root, "client.updated_at");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==, "unverified");
  g_assert_cmpint (jint (reply->root, "response.second_factor_verification.attempts"), ==, 0);
  g_assert_cmpint (jint (reply->root, "response.second_factor_verification.expire_at"), >=,
                   now + 600 * 1000 - 5000);
  g_clear_pointer (&reply, reply_free);

  code = mfa_test_server_last_sms_code (server, REAL_PHONE);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_true (g_ascii_isdigit (code[i]));
  expected_line = g_strdup_printf ("sms to %s: %s", REAL_PHONE, code);
  line = mfa_test_server_wait_for_line (server, "sms to ", 5000);
  g_assert_cmpstr (line, ==, expected_line);

  g_free (path);
  path = path_for (id, "attempt_second_factor");
  wrong = g_strdup (g_str_equal (code, "000000") ? "111111" : "000000");
  reply = test_call (client, "POST", path, "strategy", "phone_code", "code", wrong, NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "code");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", path, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==, "verified");
  g_assert_cmpint (jint (reply->root, "response.second_factor_verification.attempts"), ==, 2);
  g_assert_true (g_str_has_prefix (jstr (reply->root, "response.created_session_id"), "sess_"));
  g_assert_cmpstr (jstr (reply->root, "client.last_active_session_id"), ==,
                   jstr (reply->root, "response.created_session_id"));
  g_assert_true (jnull (reply->root, "client.sign_in"));
  g_assert_cmpstr (jstr (reply->root, "client.sessions.0.user.id"), ==, user_id);
  g_assert_false (jnull (reply->root, "client.sessions.0.user.last_sign_in_at"));
  g_clear_pointer (&reply, reply_free);

  /* Signed in: another sign-in is refused. */
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_error (reply, 400, "session_exists");
}

static void
test_without_second_factor (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server,
    "{\"identifier\":\"bob\",\"password\":\"pw-bob-123\"}");
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "bob",
                     "strategy", "password", "password", "pw-bob-123", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_true (jnull (reply->root, "response.supported_second_factors"));
  g_assert_cmpstr (jstr (reply->root, "client.sessions.0.user.username"), ==, "bob");
  g_assert_false (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_assert_cmpint (jint (reply->root, "client.sessions.0.factor_verification_age.0"), ==, 0);
  g_assert_cmpint (jint (reply->root, "client.sessions.0.factor_verification_age.1"), ==, -1);
}

static void
test_test_number (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = start_sign_in (client);
  g_autofree char *path = path_for (id, "prepare_second_factor");
  g_autofree char *code = NULL;
  g_autofree char *get = g_strdup_printf ("/v1/client/sign_ins/%s", id);

  reply = test_call (client, "GET", get, NULL);
  {
    g_autofree char *phone_id = g_strdup (jstr (reply->root,
                                                "response.supported_second_factors.1.phone_number_id"));

    g_clear_pointer (&reply, reply_free);
    reply = test_call (client, "POST", path, "strategy", "phone_code", "phone_number_id", phone_id,
                       NULL);
  }
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Clerk's test numbers always take 424242, and the outbox records it. */
  code = mfa_test_server_last_sms_code (server, TEST_PHONE);
  g_assert_cmpstr (code, ==, "424242");
  g_assert_null (mfa_test_server_last_sms_code (server, REAL_PHONE));

  g_free (path);
  path = path_for (id, "attempt_second_factor");
  reply = test_call (client, "POST", path, "strategy", "phone_code", "code", "424242", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_attempt_limit (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--attempt-limit", "2",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = start_sign_in (client);
  g_autofree char *prepare = path_for (id, "prepare_second_factor");
  g_autofree char *attempt = path_for (id, "attempt_second_factor");
  g_autofree char *code = NULL;

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, REAL_PHONE);

  for (guint i = 0; i < 2; i++)
    {
      reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", "99999x", NULL);
      assert_error (reply, 422, "form_code_incorrect");
      g_clear_pointer (&reply, reply_free);
    }
  /* The limit is reached: even the right code fails until a new prepare. */
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  assert_error (reply, 400, "verification_failed");
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 31 * 1000);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (code);
  code = mfa_test_server_last_sms_code (server, REAL_PHONE);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_cooldown_and_expiry (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = start_sign_in (client);
  g_autofree char *prepare = path_for (id, "prepare_second_factor");
  g_autofree char *attempt = path_for (id, "attempt_second_factor");
  g_autofree char *code = NULL;

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* A resend within 30 s. */
  dev_clock_advance (server, 10 * 1000);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  assert_error (reply, 429, "verification_code_too_many_requests");
  g_assert_cmpstr (reply->retry_after, ==, "20");
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 21 * 1000);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, REAL_PHONE);

  /* Ten minutes later the code has expired. */
  dev_clock_advance (server, 601 * 1000);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  assert_error (reply, 400, "verification_expired");
}

static void
test_flags_cooldown_ttl (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--resend-cooldown", "0",
                                                         "--code-ttl", "2", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = start_sign_in (client);
  g_autofree char *prepare = path_for (id, "prepare_second_factor");
  g_autofree char *attempt = path_for (id, "attempt_second_factor");
  g_autofree char *code = NULL;
  gint64 expire_at, before, after;

  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  before = dev_clock_now (server);
  reply = test_call (client, "POST", prepare, "strategy", "phone_code", NULL);
  after = dev_clock_now (server);
  g_assert_cmpuint (reply->status, ==, 200);
  expire_at = jint (reply->root, "response.second_factor_verification.expire_at");
  g_assert_cmpint (expire_at, >=, before + 2000);
  g_assert_cmpint (expire_at, <=, after + 2000);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, REAL_PHONE);

  dev_clock_advance (server, 3 * 1000);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code", "code", code, NULL);
  assert_error (reply, 400, "verification_expired");
}

static void
test_backup_code (void)
{
  /* Four second-factor attempts in a row: more than the per-IP limit. */
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  g_autofree char *attempt = NULL;
  guint status = 0;

  body = mfa_test_server_dev_request (server, "POST", "/__dev/users", MFA_USER, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  g_assert_cmpuint (jlen (json_parser_get_root (parser), "backup_codes"), ==, 10);
  code = g_strdup (jstr (json_parser_get_root (parser), "backup_codes.3"));

  id = start_sign_in (client);
  attempt = path_for (id, "attempt_second_factor");
  reply = test_call (client, "POST", attempt, "strategy", "backup_code", "code", "notacode", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", attempt, "strategy", "backup_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.strategy"), ==, "backup_code");
  g_clear_pointer (&reply, reply_free);

  /* Single use. */
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_clear_pointer (&reply, reply_free);
  g_free (id);
  id = start_sign_in (client);
  g_free (attempt);
  attempt = path_for (id, "attempt_second_factor");
  reply = test_call (client, "POST", attempt, "strategy", "backup_code", "code", code, NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);

  /* Strategies the account lacks, and a prepare for one that needs none. */
  reply = test_call (client, "POST", attempt, "strategy", "totp", "code", "123456", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");
  g_clear_pointer (&reply, reply_free);
  g_free (attempt);
  attempt = path_for (id, "prepare_second_factor");
  reply = test_call (client, "POST", attempt, "strategy", "backup_code", NULL);
  assert_error (reply, 400, "verification_strategy_invalid");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", attempt, "strategy", "phone_code",
                     "phone_number_id", "idn_notmine", NULL);
  assert_error (reply, 422, "form_param_value_invalid");
}

static void
test_old_and_unknown (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *first = start_sign_in (client);
  g_autofree char *second = start_sign_in (client);
  g_autofree char *path = path_for (first, "prepare_second_factor");

  g_assert_cmpstr (first, !=, second);
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  assert_error (reply, 403, "resource_forbidden");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (client, "POST", "/v1/client/sign_ins/sia_unknown/attempt_first_factor",
                     "strategy", "password", "password", "x", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* Another client's sign-in is unknown here. */
  {
    g_autoptr(TestClient) other = test_client_new (server);

    reply = test_call (other, "PUT", "/v1/client", NULL);
    g_clear_pointer (&reply, reply_free);
    g_free (path);
    path = path_for (second, "prepare_second_factor");
    reply = test_call (other, "POST", path, "strategy", "phone_code", NULL);
    assert_error (reply, 404, "resource_not_found");
    g_clear_pointer (&reply, reply_free);

    /* No client at all. */
    g_clear_pointer (&other->token, g_free);
    reply = test_call (other, "POST", path, "strategy", "phone_code", NULL);
    assert_error (reply, 400, "client_not_found");
  }
}

static void
test_demo_account (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--seed-demo", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *line = mfa_test_server_wait_for_line (server, "demo account: ", 5000);
  g_autofree char *codes_line = mfa_test_server_wait_for_line (server, "demo backup codes: ", 5000);
  g_auto(GStrv) codes = NULL;
  const char *password;

  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "demo account: demo@example.com password: "));
  password = strrchr (line, ' ') + 1;
  g_assert_nonnull (codes_line);
  codes = g_strsplit (codes_line + strlen ("demo backup codes: "), " ", -1);
  g_assert_cmpuint (g_strv_length (codes), ==, 10);

  /* Username works as the identifier too; the default phone is a test number. */
  test_client_sign_in (client, "demo", password);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.username"), ==, "demo");
  g_assert_true (jbool (reply->root, "response.two_factor_enabled"));
  g_assert_true (jbool (reply->root, "response.backup_code_enabled"));
  g_assert_false (jbool (reply->root, "response.totp_enabled"));
  g_assert_cmpuint (jlen (reply->root, "response.phone_numbers"), ==, 3);
  g_assert_true (json_object_get_boolean_member (jphone (reply->root, "+12015550123"),
                                                 "default_second_factor"));
  g_assert_true (json_object_get_boolean_member (jphone (reply->root, "+12015550123"),
                                                 "reserved_for_second_factor"));
  g_assert_false (json_object_get_boolean_member (jphone (reply->root, "+12015550124"),
                                                  "reserved_for_second_factor"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (jphone (reply->root, "+12015550124"),
                                                    "verification"), "status"), ==, "verified");
  g_assert_true (json_object_get_null_member (jphone (reply->root, "+12015550125"), "verification"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/sign-in/two-step-sms", test_two_step_sms);
  g_test_add_func ("/fapi/sign-in/without-second-factor", test_without_second_factor);
  g_test_add_func ("/fapi/sign-in/test-number", test_test_number);
  g_test_add_func ("/fapi/sign-in/attempt-limit", test_attempt_limit);
  g_test_add_func ("/fapi/sign-in/cooldown-and-expiry", test_cooldown_and_expiry);
  g_test_add_func ("/fapi/sign-in/flags-cooldown-ttl", test_flags_cooldown_ttl);
  g_test_add_func ("/fapi/sign-in/backup-code", test_backup_code);
  g_test_add_func ("/fapi/sign-in/old-and-unknown", test_old_and_unknown);
  g_test_add_func ("/fapi/sign-in/demo-account", test_demo_account);

  return g_test_run ();
}
