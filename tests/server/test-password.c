/* test-password.c: the instance's password_settings and
 * POST /v1/me/change_password.
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

#define G_LOG_DOMAIN "test-password"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "mfa-test-utils.h"

#define PASSWORD "ann-pw-123"
#define NEW_PASSWORD "plum-kettle-orbit-42"

#define PLAIN_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"" PASSWORD "\"}"

#define MFA_USER \
  "{\"identifier\":\"cy@example.com\",\"password\":\"cy-pw-123\"," \
  "\"phones\":[{\"phone_number\":\"+12015550501\",\"verified\":true,\"reserved\":true}]}"

#define MINUTE_MS (60 * G_GINT64_CONSTANT (1000))

static void
set_policy (MfaTestServer *server,
            const char    *json)
{
  g_autofree char *body = g_strdup_printf ("{\"password_settings\":%s}", json);
  g_autoptr(JsonNode) reply = mfa_test_dev_json (server, "POST", "/__dev/settings", body, 200);
}

static Reply *
change (TestClient *client,
        const char *current,
        const char *password)
{
  if (current == NULL)
    return test_call (client, "POST", "/v1/me/change_password", "new_password", password, NULL);
  return test_call (client, "POST", "/v1/me/change_password",
                    "current_password", current, "new_password", password, NULL);
}

static void
assert_refused (TestClient *client,
                const char *password,
                const char *code)
{
  g_autoptr(Reply) reply = change (client, PASSWORD, password);

  assert_error (reply, 422, code);
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "new_password");
}

/* A one-step password sign-in on a new client; the status it ends in,
 * or the error code. */
static char *
try_sign_in (MfaTestServer *server,
             const char    *identifier,
             const char    *password)
{
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = test_call (client, "POST", "/v1/client/sign_ins",
                                      "identifier", identifier, "strategy", "password",
                                      "password", password, NULL);

  if (reply->status != 200)
    return g_strdup (jstr (reply->root, "errors.0.code"));
  return g_strdup (jstr (reply->root, "response.status"));
}

/* The environment's password_settings: Clerk's members, the defaults of
 * a new instance, the flag, and the dev route. */
static void
test_environment (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);
  g_autoptr(JsonNode) settings = NULL;
  JsonObject *policy;
  guint status = 0;
  g_autofree char *body = NULL;

  policy = json_node_get_object (jget (reply->root, "user_settings.password_settings"));
  g_assert_cmpuint (json_object_get_size (policy), ==, 12);
  g_assert_cmpint (json_object_get_int_member (policy, "min_length"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (policy, "max_length"), ==, 72);
  g_assert_false (json_object_get_boolean_member (policy, "require_uppercase"));
  g_assert_false (json_object_get_boolean_member (policy, "require_lowercase"));
  g_assert_false (json_object_get_boolean_member (policy, "require_numbers"));
  g_assert_false (json_object_get_boolean_member (policy, "require_special_char"));
  g_assert_cmpint (json_object_get_int_member (policy, "min_zxcvbn_strength"), ==, 0);
  g_assert_false (json_object_get_boolean_member (policy, "show_zxcvbn"));
  g_assert_false (json_object_get_boolean_member (policy, "disable_hibp"));
  g_assert_false (json_object_get_boolean_member (policy, "enforce_hibp_on_sign_in"));
  g_assert_false (json_object_get_boolean_member (policy, "disable_password_reverification"));
  g_assert_nonnull (strchr (json_object_get_string_member (policy, "allowed_special_characters"),
                            '!'));
  g_clear_pointer (&reply, reply_free);

  /* Changed through /__dev/settings, by Clerk's names. */
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings",
                                "{\"password_settings\":{\"min_length\":12,\"max_length\":40,"
                                "\"require_uppercase\":true,\"require_lowercase\":\"on\","
                                "\"require_numbers\":1,\"require_special_char\":true,"
                                "\"min_zxcvbn_strength\":3,\"show_zxcvbn\":true,"
                                "\"disable_hibp\":true,\"enforce_hibp_on_sign_in\":true}}", 200);
  g_assert_cmpint (jint (settings, "password_settings.min_length"), ==, 12);
  g_assert_true (jbool (settings, "password_settings.require_lowercase"));
  reply = test_call (client, "GET", "/v1/environment", NULL);
  policy = json_node_get_object (jget (reply->root, "user_settings.password_settings"));
  g_assert_cmpint (json_object_get_int_member (policy, "min_length"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (policy, "max_length"), ==, 40);
  g_assert_true (json_object_get_boolean_member (policy, "require_uppercase"));
  g_assert_true (json_object_get_boolean_member (policy, "require_lowercase"));
  g_assert_true (json_object_get_boolean_member (policy, "require_numbers"));
  g_assert_true (json_object_get_boolean_member (policy, "require_special_char"));
  g_assert_cmpint (json_object_get_int_member (policy, "min_zxcvbn_strength"), ==, 3);
  g_assert_true (json_object_get_boolean_member (policy, "show_zxcvbn"));
  g_assert_true (json_object_get_boolean_member (policy, "disable_hibp"));
  g_assert_true (json_object_get_boolean_member (policy, "enforce_hibp_on_sign_in"));
  g_clear_pointer (&reply, reply_free);

  /* Only the members given change; bad ones change nothing. */
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings",
                                "{\"password_settings\":{\"min_length\":10}}", 200);
  g_assert_cmpint (jint (settings, "password_settings.min_length"), ==, 10);
  g_assert_cmpint (jint (settings, "password_settings.max_length"), ==, 40);
  body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                      "{\"password_settings\":{\"min_zxcvbn_strength\":5}}",
                                      &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_nonnull (strstr (body, "\"param_name\":\"password_settings.min_zxcvbn_strength\""));
  g_free (body);
  body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                      "{\"password_settings\":{\"min_length\":41}}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_nonnull (strstr (body, "form_param_value_invalid"));
  g_free (body);
  body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                      "{\"rate_limits\":false,"
                                      "\"password_settings\":{\"allowed_special_characters\":\"!\"}}",
                                      &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_nonnull (strstr (body, "form_param_unknown"));
  g_free (body);
  body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                      "{\"password_settings\":true}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_cmpint (jint (settings, "password_settings.min_length"), ==, 10);
  g_assert_true (jbool (settings, "rate_limits"));

  /* /__dev/reset puts the flag's values back. */
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/reset", "{}", 200);
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_cmpint (jint (settings, "password_settings.min_length"), ==, 8);
}

/* --password-settings sets the policy at start; a bad one stops the server. */
static void
test_flag (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--password-settings",
                                                         "min_length=10, require-numbers=on,"
                                                         "disable_hibp=true",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);
  const char *bad[] = {
    "min_length=3x", "min_length=0", "max_length=73", "min_zxcvbn_strength=5",
    "require_numbers=maybe", "bogus=1", "min_length", "min_length=20,max_length=12",
  };

  g_assert_cmpint (jint (reply->root, "user_settings.password_settings.min_length"), ==, 10);
  g_assert_true (jbool (reply->root, "user_settings.password_settings.require_numbers"));
  g_assert_true (jbool (reply->root, "user_settings.password_settings.disable_hibp"));
  g_assert_false (jbool (reply->root, "user_settings.password_settings.require_uppercase"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *argv[] = { g_getenv ("MFA_FAPI_SERVER"), "--port", "0",
                             "--password-settings", bad[i], NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int wait_status = 0;

      g_assert_nonnull (argv[0]);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                    NULL, &err, &wait_status, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", bad[i], err);
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
      g_assert_nonnull (strstr (err, "--password-settings"));
    }
}

/* Each refusal, with Clerk's code and the field it names. */
static void
test_refusals (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *long_password = g_strnfill (73, 'k');

  test_client_sign_in (client, "ann@example.com", PASSWORD);

  /* The current password, wrong or missing; no new one. */
  reply = change (client, "not-my-password", NEW_PASSWORD);
  assert_error (reply, 422, "form_password_incorrect");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "current_password");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/change_password", "current_password", PASSWORD, NULL);
  assert_error (reply, 422, "form_param_missing");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "new_password");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/change_password", "current_password", PASSWORD,
                     "new_password", NEW_PASSWORD, "sign_out_of_other_sessions", "perhaps", NULL);
  assert_error (reply, 422, "form_param_format_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==,
                   "sign_out_of_other_sessions");
  g_clear_pointer (&reply, reply_free);

  /* Length, by the defaults (8 to 72 characters, counted as characters). */
  assert_refused (client, "short", "form_password_length_too_short");
  assert_refused (client, "ünïcödé", "form_password_length_too_short");
  assert_refused (client, long_password, "form_password_length_too_long");
  set_policy (server, "{\"min_length\":12,\"max_length\":16}");
  assert_refused (client, "eleven-char", "form_password_length_too_short");
  assert_refused (client, "seventeen-letters", "form_password_length_too_long");
  set_policy (server, "{\"min_length\":8,\"max_length\":72}");

  /* The character classes, each once the instance asks for it. */
  set_policy (server, "{\"require_uppercase\":true}");
  assert_refused (client, "no capitals here", "form_password_no_uppercase");
  set_policy (server, "{\"require_uppercase\":false,\"require_lowercase\":true}");
  assert_refused (client, "NO SMALL LETTERS", "form_password_no_lowercase");
  set_policy (server, "{\"require_lowercase\":false,\"require_numbers\":true}");
  assert_refused (client, "no digits at all", "form_password_no_number");
  set_policy (server, "{\"require_numbers\":false,\"require_special_char\":true}");
  assert_refused (client, "nospecialchars42", "form_password_no_special_char");
  set_policy (server, "{\"require_special_char\":false}");

  /* The current password again; a breached one. */
  assert_refused (client, PASSWORD, "form_new_password_matches_current");
  assert_refused (client, "password123", "form_password_pwned");
  assert_refused (client, "P@ssw0rd", "form_password_pwned");

  /* Not strong enough, with zxcvbn's suggestions. */
  set_policy (server, "{\"min_zxcvbn_strength\":3}");
  reply = change (client, PASSWORD, "Summer2024");
  assert_error (reply, 422, "form_password_not_strong_enough");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "new_password");
  g_assert_cmpuint (jlen (reply->root, "errors.0.meta.zxcvbn.suggestions"), >, 0);
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.zxcvbn.suggestions.0.code"), ==,
                   "anotherWord");
  for (guint i = 0; i < jlen (reply->root, "errors.0.meta.zxcvbn.suggestions"); i++)
    {
      g_autofree char *code = g_strdup_printf ("errors.0.meta.zxcvbn.suggestions.%u.code", i);
      g_autofree char *message = g_strdup_printf ("errors.0.meta.zxcvbn.suggestions.%u.message", i);

      g_assert_nonnull (jstr (reply->root, code));
      g_assert_nonnull (jstr (reply->root, message));
      g_assert_cmpuint (strlen (jstr (reply->root, message)), >, 0);
    }
  g_clear_pointer (&reply, reply_free);

  /* None of these changed the password. */
  {
    g_autofree char *status = try_sign_in (server, "ann@example.com", PASSWORD);

    g_assert_cmpstr (status, ==, "complete");
  }
}

/* The strength estimate: what it sees in a password, what it suggests. */
static void
test_strength (void)
{
  static const struct {
    const char *password;
    gboolean    strong;        /* at least 4 */
    const char *suggestion;    /* one of the codes, when weak */
  } cases[] = {
    { "qwertyuiop12", FALSE, "longerKeyboardPattern" },
    { "abcdefgh12", FALSE, "sequences" },
    { "zzzzzzzzzz", FALSE, "repeated" },
    { "P@ssw0rd99", FALSE, "l33t" },
    { "Dragon1987", FALSE, "recentYears" },
    { "MONKEYMONKEY", FALSE, "allUppercase" },
    { "welcomehome", FALSE, "anotherWord" },
    { "plum kettle orbit tundra", TRUE, NULL },
    { "x7#Lq9!vR2@m", TRUE, NULL },
  };
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *current = g_strdup (PASSWORD);

  test_client_sign_in (client, "ann@example.com", PASSWORD);
  set_policy (server, "{\"min_zxcvbn_strength\":4,\"disable_hibp\":true}");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Reply) reply = change (client, current, cases[i].password);
      gboolean found = FALSE;

      g_test_message ("%s: %u %s", cases[i].password, reply->status, reply->body);
      if (cases[i].strong)
        {
          g_assert_cmpuint (reply->status, ==, 200);
          g_free (current);
          current = g_strdup (cases[i].password);
          continue;
        }
      assert_error (reply, 422, "form_password_not_strong_enough");
      for (guint k = 0; k < jlen (reply->root, "errors.0.meta.zxcvbn.suggestions"); k++)
        {
          g_autofree char *code = g_strdup_printf ("errors.0.meta.zxcvbn.suggestions.%u.code", k);

          found |= g_strcmp0 (jstr (reply->root, code), cases[i].suggestion) == 0;
        }
      g_assert_true (found);
    }
}

/* A change signs in with the new password only; other devices stay
 * signed in, or are signed out when asked; this one stays either way. */
static void
test_change (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) phone = test_client_new (server);
  g_autoptr(TestClient) tablet = test_client_new (server);
  g_autofree char *session_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *token = NULL;
  g_autoptr(Reply) reply = NULL;
  gint64 changed_at;

  test_client_sign_in (client, "ann@example.com", PASSWORD);
  test_client_sign_in (phone, "ann@example.com", PASSWORD);
  {
    g_autoptr(JsonNode) device = mfa_test_dev_json (server, "POST", "/__dev/sessions",
                                                    "{\"identifier\":\"ann@example.com\"}", 200);

    tablet->token = g_strdup (jstr (device, "token"));
  }
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_true (jnull (reply->root, "response.password_last_updated_at"));
  session_id = g_strdup (jstr (reply->root, "client.last_active_session_id"));
  token = g_strdup (client->token);
  g_clear_pointer (&reply, reply_free);

  /* Without signing the others out. */
  reply = test_call (client, "POST", "/v1/me/change_password", "current_password", PASSWORD,
                     "new_password", NEW_PASSWORD, "sign_out_of_other_sessions", "false", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "user");
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, user_id);
  g_assert_true (jbool (reply->root, "response.password_enabled"));
  changed_at = jint (reply->root, "response.password_last_updated_at");
  g_assert_cmpint (changed_at, >, 0);
  g_assert_cmpstr (jstr (reply->root, "client.last_active_session_id"), ==, session_id);
  g_assert_cmpstr (client->token, ==, token);
  g_clear_pointer (&reply, reply_free);

  status = try_sign_in (server, "ann@example.com", NEW_PASSWORD);
  g_assert_cmpstr (status, ==, "complete");
  g_clear_pointer (&status, g_free);
  status = try_sign_in (server, "ann@example.com", PASSWORD);
  g_assert_cmpstr (status, ==, "form_password_incorrect");
  g_clear_pointer (&status, g_free);
  reply = test_call (phone, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (tablet, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me/sessions/active", NULL);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 4);
  g_clear_pointer (&reply, reply_free);

  /* Signing the others out: every other session is revoked, on every
   * device; this one and its token stay. */
  dev_clock_advance (server, MINUTE_MS);
  reply = test_call (client, "POST", "/v1/me/change_password", "current_password", NEW_PASSWORD,
                     "new_password", "another-" NEW_PASSWORD, "sign_out_of_other_sessions", "true",
                     NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (jint (reply->root, "response.password_last_updated_at"), >, changed_at);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (phone, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (tablet, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me/sessions/active", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 1);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, session_id);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (client->token, ==, token);
  g_clear_pointer (&reply, reply_free);

  /* The phone signs in again with the newest password. */
  test_client_sign_in (phone, "ann@example.com", "another-" NEW_PASSWORD);
}

/* Step-up gates a change past its window; with step-up on the current
 * password may be left out, with it off it is needed. */
static void
test_step_up (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;

  test_client_sign_in (client, "cy@example.com", "cy-pw-123");
  reply = test_call (client, "GET", "/v1/client", NULL);
  session_id = g_strdup (jstr (reply->root, "response.last_active_session_id"));
  g_clear_pointer (&reply, reply_free);

  dev_clock_advance (server, 11 * MINUTE_MS);
  reply = change (client, "cy-pw-123", NEW_PASSWORD);
  assert_error (reply, 403, "session_reverification_required");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.reverification.level"), ==, "multi_factor");
  g_clear_pointer (&reply, reply_free);

  path = g_strdup_printf ("/v1/client/sessions/%s/verify", session_id);
  reply = test_call (client, "POST", path, "level", "multi_factor", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_first_factor", session_id);
  reply = test_call (client, "POST", path, "strategy", "password", "password", "cy-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/verify/prepare_second_factor", session_id);
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (server, "+12015550501");
  g_free (path);
  path = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_second_factor", session_id);
  reply = test_call (client, "POST", path, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  /* Just stepped up: no current password needed. */
  reply = change (client, NULL, NEW_PASSWORD);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* With step-up off, the current password is the proof. */
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"reverification\":false}", 200);
  dev_clock_advance (server, 60 * MINUTE_MS);
  reply = change (client, NULL, "third-" NEW_PASSWORD);
  assert_error (reply, 422, "form_param_missing");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "current_password");
  g_clear_pointer (&reply, reply_free);
  reply = change (client, NEW_PASSWORD, "third-" NEW_PASSWORD);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* An instance without passwords refuses; a signed-out client too. */
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"password\":false}", 200);
  reply = change (client, "third-" NEW_PASSWORD, "fourth-" NEW_PASSWORD);
  assert_error (reply, 403, "feature_not_enabled");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = change (client, "third-" NEW_PASSWORD, "fourth-" NEW_PASSWORD);
  assert_error (reply, 401, "signed_out");
}

/* enforce_hibp_on_sign_in: the right password, if breached, no longer
 * signs in (unless the breach check is off). */
static void
test_breached_sign_in (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server,
                                                   "{\"identifier\":\"dee@example.com\","
                                                   "\"password\":\"password123\"}");
  g_autofree char *status = NULL;

  status = try_sign_in (server, "dee@example.com", "password123");
  g_assert_cmpstr (status, ==, "complete");
  g_clear_pointer (&status, g_free);

  set_policy (server, "{\"enforce_hibp_on_sign_in\":true}");
  status = try_sign_in (server, "dee@example.com", "password123");
  g_assert_cmpstr (status, ==, "form_password_pwned");
  g_clear_pointer (&status, g_free);
  status = try_sign_in (server, "dee@example.com", "wrong-password");
  g_assert_cmpstr (status, ==, "form_password_incorrect");
  g_clear_pointer (&status, g_free);
  {
    g_autoptr(TestClient) client = test_client_new (server);
    g_autoptr(Reply) reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier",
                                        "dee@example.com", "strategy", "password",
                                        "password", "password123", NULL);

    assert_error (reply, 422, "form_password_pwned");
    g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "password");
  }

  set_policy (server, "{\"disable_hibp\":true}");
  status = try_sign_in (server, "dee@example.com", "password123");
  g_assert_cmpstr (status, ==, "complete");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/password/environment", test_environment);
  g_test_add_func ("/fapi/password/flag", test_flag);
  g_test_add_func ("/fapi/password/refusals", test_refusals);
  g_test_add_func ("/fapi/password/strength", test_strength);
  g_test_add_func ("/fapi/password/change", test_change);
  g_test_add_func ("/fapi/password/step-up", test_step_up);
  g_test_add_func ("/fapi/password/breached-sign-in", test_breached_sign_in);

  return g_test_run ();
}
