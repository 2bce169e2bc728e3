/* test-configurations.c: the instance configurations of mfa-fapi-server.
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

#define G_LOG_DOMAIN "test-configurations"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "mfa-test-utils.h"

/* One subtest per switch, over real HTTP: client trust (and the email
 * outbox it writes to), SMS as a second factor, backup codes, passwords,
 * authenticator apps, the native API, a path prefix, 401 faults while
 * the session lives, and millisecond timestamps. */

#define TOTP_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

/* No two-step verification; two verified addresses, one unverified, a
 * verified phone that is a sign-in identifier. */
#define TRUST_USER \
  "{\"identifier\":\"jane@example.com\",\"password\":\"jane-pw-123\"," \
  "\"email_addresses\":[{\"email_address\":\"jane.work@example.org\",\"verified\":true}," \
  "{\"email_address\":\"jane.old@example.net\",\"verified\":false}]," \
  "\"phones\":[{\"phone_number\":\"+12015550401\",\"verified\":true}]}"

/* SMS second factor, TOTP and backup codes. */
#define MFA_USER \
  "{\"identifier\":\"mark@example.com\",\"password\":\"mark-pw-123\"," \
  "\"phones\":[{\"phone_number\":\"+12015550402\",\"verified\":true,\"reserved\":true}]," \
  "\"totp_secret\":\"" TOTP_SECRET "\",\"backup_codes\":true}"

static MfaTestServer *
start (const char *first_arg,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--dev-routes");
  g_ptr_array_add (args, (gpointer) "--rate-limits");
  g_ptr_array_add (args, (gpointer) "off");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return mfa_test_server_new_argv ((const char * const *) args->pdata);
}

static char *
sign_in_path (const char *sign_in_id,
              const char *action)
{
  return g_strdup_printf ("/v1/client/sign_ins/%s/%s", sign_in_id, action);
}

/* The factor of @strategy in @array whose @member is @value (or the
 * first one of @strategy when @member is NULL). */
static JsonObject *
find_factor (JsonNode   *array,
             const char *strategy,
             const char *member,
             const char *value)
{
  JsonArray *factors;

  g_assert_nonnull (array);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  factors = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (factors); i++)
    {
      JsonObject *factor = json_array_get_object_element (factors, i);

      if (g_strcmp0 (json_object_get_string_member (factor, "strategy"), strategy) != 0)
        continue;
      if (member == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (factor, member, NULL), value) == 0)
        return factor;
    }
  return NULL;
}

static gboolean
has_string (JsonNode   *array,
            const char *value)
{
  JsonArray *items;

  g_assert_nonnull (array);
  items = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (items, i), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The id of the user's email address @address, read from the signed-in
 * client of @client. */
static char *
email_id_of (JsonNode   *user,
             const char *address)
{
  JsonArray *emails = json_node_get_array (jget (user, "email_addresses"));

  for (guint i = 0; i < json_array_get_length (emails); i++)
    {
      JsonObject *email = json_array_get_object_element (emails, i);

      if (g_strcmp0 (json_object_get_string_member (email, "email_address"), address) == 0)
        return g_strdup (json_object_get_string_member (email, "id"));
    }
  return NULL;
}

static Reply *
password_sign_in (TestClient *client,
                  const char *identifier,
                  const char *password)
{
  return test_call (client, "POST", "/v1/client/sign_ins", "identifier", identifier,
                    "strategy", "password", "password", password, NULL);
}

static void
test_client_trust (void)
{
  g_autoptr(MfaTestServer) server = start ("--client-trust", "on", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, TRUST_USER);
  g_autofree char *mfa_user = mfa_test_create_user (server, MFA_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) other = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *line = NULL;
  g_autofree char *work_id = NULL;
  g_autofree char *phone_id = NULL;
  JsonNode *factors;
  JsonObject *factor;

  settings = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_true (jbool (settings, "client_trust"));

  /* A never-seen client: the password is right, the client is new. */
  reply = password_sign_in (client, "jane@example.com", "jane-pw-123");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_client_trust");
  g_assert_cmpstr (jstr (reply->root, "response.client_trust_state"), ==, "new");
  g_assert_cmpstr (jstr (reply->root, "response.first_factor_verification.status"), ==, "verified");
  g_assert_true (jnull (reply->root, "response.created_session_id"));
  g_assert_cmpuint (jlen (reply->root, "client.sessions"), ==, 0);
  sia = g_strdup (jstr (reply->root, "response.id"));

  /* Two verified addresses (primary first, masked), none for the
   * unverified one, and the verified phone. */
  factors = jget (reply->root, "response.supported_second_factors");
  g_assert_cmpuint (jlen (reply->root, "response.supported_second_factors"), ==, 3);
  factor = find_factor (factors, "email_code", "safe_identifier", "j***@example.com");
  g_assert_nonnull (factor);
  g_assert_true (json_object_get_boolean_member (factor, "primary"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (factor, "email_address_id"),
                                   "idn_"));
  factor = find_factor (factors, "email_code", "safe_identifier", "j***@example.org");
  g_assert_nonnull (factor);
  g_assert_false (json_object_get_boolean_member (factor, "primary"));
  work_id = g_strdup (json_object_get_string_member (factor, "email_address_id"));
  g_assert_null (find_factor (factors, "email_code", "safe_identifier", "j***@example.net"));
  g_assert_cmpstr (jstr (factors, "0.strategy"), ==, "email_code");
  factor = find_factor (factors, "phone_code", NULL, NULL);
  g_assert_nonnull (factor);
  g_assert_cmpstr (json_object_get_string_member (factor, "safe_identifier"), ==, "+*******0401");
  g_assert_false (json_object_get_boolean_member (factor, "default"));
  phone_id = g_strdup (json_object_get_string_member (factor, "phone_number_id"));

  /* Before any code: not sent; another strategy: refused. */
  path = sign_in_path (sia, "attempt_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", "code", "000000", NULL);
  assert_error (reply, 400, "verification_not_sent");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "totp", "code", "000000", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");

  /* A code to the second address: one line on stdout, one message. */
  g_free (path);
  path = sign_in_path (sia, "prepare_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code",
                     "email_address_id", "idn_nothing", NULL);
  assert_error (reply, 422, "form_param_value_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "email_address_id");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code",
                     "email_address_id", work_id, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_client_trust");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.object"), ==,
                   "verification_otp");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.strategy"), ==,
                   "email_code");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==,
                   "unverified");
  g_assert_null (jget (reply->root, "response.second_factor_verification.channel"));
  code = mfa_test_server_last_email_code (server, "jane.work@example.org");
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 6);
  g_assert_null (mfa_test_server_last_email_code (server, "jane@example.com"));
  line = mfa_test_server_wait_for_line (server, "email to jane.work@example.org: ", 5000);
  g_assert_nonnull (line);
  g_assert_cmpstr (line + strlen ("email to jane.work@example.org: "), ==, code);

  /* At once again: the cooldown, as for SMS. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code",
                     "email_address_id", work_id, NULL);
  assert_error (reply, 429, "verification_code_too_many_requests");

  /* A wrong code, then the right one completes and trusts the client. */
  g_free (path);
  path = sign_in_path (sia, "attempt_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code",
                     "code", g_str_equal (code, "000000") ? "111111" : "000000", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.client_trust_state"), ==, "known");
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.status"), ==, "verified");
  g_assert_cmpuint (jlen (reply->root, "client.sessions"), ==, 1);
  g_assert_cmpstr (jstr (reply->root, "client.sessions.0.user.id"), ==, user_id);
  {
    g_autofree char *primary_id = email_id_of (jget (reply->root, "client.sessions.0.user"),
                                               "jane@example.com");
    g_autofree char *again = email_id_of (jget (reply->root, "client.sessions.0.user"),
                                          "jane.work@example.org");

    g_assert_cmpstr (again, ==, work_id);
    g_assert_nonnull (primary_id);
    g_assert_cmpstr (jstr (reply->root, "client.sessions.0.user.primary_email_address_id"), ==,
                     primary_id);
    g_assert_cmpuint (jlen (reply->root, "client.sessions.0.user.email_addresses"), ==, 3);
  }

  /* The known client signs in with the password alone. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = password_sign_in (client, "jane@example.com", "jane-pw-123");
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_assert_cmpstr (jstr (reply->root, "response.client_trust_state"), ==, "known");

  /* Another client, two steps, the phone: trusted by an SMS code. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", "/v1/client/sign_ins", "identifier", "jane@example.com", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_assert_cmpstr (jstr (reply->root, "response.client_trust_state"), ==, "new");
  g_free (sia);
  sia = g_strdup (jstr (reply->root, "response.id"));
  g_free (path);
  path = sign_in_path (sia, "attempt_first_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", path, "strategy", "password", "password", "jane-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_client_trust");
  g_free (path);
  path = sign_in_path (sia, "prepare_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", path, "strategy", "phone_code", "phone_number_id", phone_id, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.second_factor_verification.channel"), ==, "sms");
  g_free (code);
  code = mfa_test_server_last_sms_code (server, "+12015550401");
  g_assert_nonnull (code);
  g_free (path);
  path = sign_in_path (sia, "attempt_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", path, "strategy", "phone_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");

  /* A user with two-step verification is asked for it, not for trust. */
  {
    g_autoptr(TestClient) third = test_client_new (server);

    g_clear_pointer (&reply, reply_free);
    reply = password_sign_in (third, "mark@example.com", "mark-pw-123");
    g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
    g_assert_null (find_factor (jget (reply->root, "response.supported_second_factors"),
                                "email_code", NULL, NULL));
    g_free (sia);
    sia = g_strdup (jstr (reply->root, "response.id"));
    g_free (path);
    path = sign_in_path (sia, "prepare_second_factor");
    g_clear_pointer (&reply, reply_free);
    reply = test_call (third, "POST", path, "strategy", "email_code", NULL);
    assert_error (reply, 400, "verification_strategy_invalid");
  }

  /* Off: a new client completes at once. */
  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"client-trust\":\"off\"}", 200);
  g_assert_false (jbool (settings, "client_trust"));
  {
    g_autoptr(TestClient) fourth = test_client_new (server);

    g_clear_pointer (&reply, reply_free);
    reply = password_sign_in (fourth, "jane@example.com", "jane-pw-123");
    g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  }
}

/* Wrong codes, expiry and a user with nowhere to send a code. */
static void
test_client_trust_limits (void)
{
  g_autoptr(MfaTestServer) server = start ("--client-trust", "on", "--resend-cooldown", "0", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, TRUST_USER);
  g_autofree char *plain = mfa_test_create_user (server,
                                                 "{\"identifier\":\"nomail\",\"password\":\"pw-123456\"}");
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *prepare = NULL;
  g_autofree char *attempt = NULL;
  g_autofree char *code = NULL;

  reply = password_sign_in (client, "jane@example.com", "jane-pw-123");
  sia = g_strdup (jstr (reply->root, "response.id"));
  prepare = sign_in_path (sia, "prepare_second_factor");
  attempt = sign_in_path (sia, "attempt_second_factor");

  /* Without an id: the primary address. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", prepare, "strategy", "email_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  code = mfa_test_server_last_email_code (server, "jane@example.com");
  g_assert_nonnull (code);
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&reply, reply_free);
      reply = test_call (client, "POST", attempt, "strategy", "email_code",
                         "code", g_str_equal (code, "000000") ? "111111" : "000000", NULL);
      assert_error (reply, 422, "form_code_incorrect");
    }
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", attempt, "strategy", "email_code", "code", code, NULL);
  assert_error (reply, 400, "verification_failed");

  /* A new code, left to expire. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", prepare, "strategy", "email_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_free (code);
  code = mfa_test_server_last_email_code (server, "jane@example.com");
  dev_clock_advance (server, 11 * 60 * 1000);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", attempt, "strategy", "email_code", "code", code, NULL);
  assert_error (reply, 400, "verification_expired");

  /* Clerk's test addresses take 424242 (and the outbox still has it). */
  {
    g_autofree char *test_user = mfa_test_create_user (server,
                                                       "{\"identifier\":\"sam+clerk_test@example.com\","
                                                       "\"password\":\"sam-pw-123\"}");
    g_autoptr(TestClient) other = test_client_new (server);
    g_autofree char *test_code = NULL;

    g_clear_pointer (&reply, reply_free);
    reply = password_sign_in (other, "sam+clerk_test@example.com", "sam-pw-123");
    g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_client_trust");
    g_free (sia);
    sia = g_strdup (jstr (reply->root, "response.id"));
    g_free (prepare);
    prepare = sign_in_path (sia, "prepare_second_factor");
    g_clear_pointer (&reply, reply_free);
    reply = test_call (other, "POST", prepare, "strategy", "email_code", NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    test_code = mfa_test_server_last_email_code (server, "sam+clerk_test@example.com");
    g_assert_cmpstr (test_code, ==, "424242");
    g_free (attempt);
    attempt = sign_in_path (sia, "attempt_second_factor");
    g_clear_pointer (&reply, reply_free);
    reply = test_call (other, "POST", attempt, "strategy", "email_code", "code", "424242", NULL);
    g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  }

  /* No address and no phone: nothing to confirm with, so no check. */
  {
    g_autoptr(TestClient) other = test_client_new (server);

    g_clear_pointer (&reply, reply_free);
    reply = password_sign_in (other, "nomail", "pw-123456");
    g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  }
}

/* GET /__dev/email (filtered, any case), DELETE, and /__dev/reset. */
static void
test_email_outbox (void)
{
  g_autoptr(MfaTestServer) server = start ("--client-trust", "on", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, TRUST_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  guint status = 0;
  g_autofree char *body = NULL;

  none = mfa_test_dev_json (server, "GET", "/__dev/email", NULL, 200);
  g_assert_cmpuint (jlen (none, "messages"), ==, 0);

  reply = password_sign_in (client, "jane@example.com", "jane-pw-123");
  sia = g_strdup (jstr (reply->root, "response.id"));
  path = sign_in_path (sia, "prepare_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);

  all = mfa_test_dev_json (server, "GET", "/__dev/email", NULL, 200);
  g_assert_cmpuint (jlen (all, "messages"), ==, 1);
  g_assert_cmpstr (jstr (all, "messages.0.email_address"), ==, "jane@example.com");
  g_assert_cmpuint (strlen (jstr (all, "messages.0.code")), ==, 6);
  g_assert_cmpint (jint (all, "messages.0.created_at"), >, G_GINT64_CONSTANT (1000000000000));
  one = mfa_test_dev_json (server, "GET", "/__dev/email?email_address=JANE%40Example.com", NULL, 200);
  g_assert_cmpuint (jlen (one, "messages"), ==, 1);
  g_clear_pointer (&one, json_node_unref);
  one = mfa_test_dev_json (server, "GET", "/__dev/email?email_address=other%40example.com", NULL, 200);
  g_assert_cmpuint (jlen (one, "messages"), ==, 0);

  g_clear_pointer (&none, json_node_unref);
  none = mfa_test_dev_json (server, "DELETE", "/__dev/email", NULL, 200);
  g_assert_cmpuint (jlen (none, "messages"), ==, 0);
  g_clear_pointer (&all, json_node_unref);
  all = mfa_test_dev_json (server, "GET", "/__dev/email", NULL, 200);
  g_assert_cmpuint (jlen (all, "messages"), ==, 0);

  /* A reset empties it too, and brings the flags back. */
  dev_clock_advance (server, 31 * 1000);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  mfa_test_dev (server, "POST", "/__dev/settings", "{\"client_trust\":false}");
  body = mfa_test_server_dev_request (server, "POST", "/__dev/reset", "{}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&all, json_node_unref);
  all = mfa_test_dev_json (server, "GET", "/__dev/email", NULL, 200);
  g_assert_cmpuint (jlen (all, "messages"), ==, 0);
  g_clear_pointer (&all, json_node_unref);
  all = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_true (jbool (all, "client_trust"));
}

static void
test_sms_mfa (void)
{
  g_autoptr(MfaTestServer) server = start ("--sms-mfa", "off", NULL);
  g_autofree char *mfa_user = mfa_test_create_user (server, MFA_USER);
  g_autofree char *plain = mfa_test_create_user (server,
                                                 "{\"identifier\":\"pia@example.com\",\"password\":\"pia-pw-123\"}");
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) other = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  g_autofree char *phone_id = NULL;

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_false (jbool (reply->root, "user_settings.attributes.phone_number.used_for_second_factor"));
  g_assert_cmpuint (jlen (reply->root, "user_settings.attributes.phone_number.second_factors"), ==, 0);
  g_assert_false (has_string (jget (reply->root, "auth_config.second_factors"), "phone_code"));
  g_assert_true (has_string (jget (reply->root, "auth_config.second_factors"), "totp"));

  /* The reserved phone is no second factor now. */
  g_clear_pointer (&reply, reply_free);
  reply = password_sign_in (client, "mark@example.com", "mark-pw-123");
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_second_factor");
  g_assert_null (find_factor (jget (reply->root, "response.supported_second_factors"),
                              "phone_code", NULL, NULL));
  g_assert_nonnull (find_factor (jget (reply->root, "response.supported_second_factors"),
                                 "backup_code", NULL, NULL));
  sia = g_strdup (jstr (reply->root, "response.id"));
  path = sign_in_path (sia, "prepare_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "phone_code", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");
  g_assert_null (mfa_test_server_last_sms_code (server, "+12015550402"));

  /* Reserving a phone: refused, naming the field. */
  test_client_sign_in (other, "pia@example.com", "pia-pw-123");
  phone_id = add_verified_phone (other, "+12015550403");
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", phone_id);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_error (reply, 422, "form_param_value_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "reserved_for_second_factor");

  /* On again through the settings route. */
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"sms_mfa\":\"on\"}", 200);
  g_assert_true (jbool (settings, "sms_mfa"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.reserved_for_second_factor"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_true (jbool (reply->root, "user_settings.attributes.phone_number.used_for_second_factor"));
  g_assert_true (has_string (jget (reply->root, "auth_config.second_factors"), "phone_code"));
}

static void
test_backup_codes (void)
{
  g_autoptr(MfaTestServer) server = start ("--backup-codes", "off", NULL);
  g_autofree char *mfa_user = mfa_test_create_user (server, MFA_USER);
  g_autofree char *plain = mfa_test_create_user (server,
                                                 "{\"identifier\":\"pia@example.com\",\"password\":\"pia-pw-123\"}");
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(TestClient) other = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *sia = NULL;
  g_autofree char *path = NULL;
  g_autofree char *phone_id = NULL;

  settings = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_false (jbool (settings, "backup_codes"));
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_false (jbool (reply->root, "user_settings.attributes.backup_code.enabled"));
  g_assert_false (has_string (jget (reply->root, "auth_config.second_factors"), "backup_code"));

  /* Mark has codes, but they are not offered nor taken. */
  g_clear_pointer (&reply, reply_free);
  reply = password_sign_in (client, "mark@example.com", "mark-pw-123");
  g_assert_null (find_factor (jget (reply->root, "response.supported_second_factors"),
                              "backup_code", NULL, NULL));
  g_assert_nonnull (find_factor (jget (reply->root, "response.supported_second_factors"),
                                 "phone_code", NULL, NULL));
  sia = g_strdup (jstr (reply->root, "response.id"));
  path = sign_in_path (sia, "attempt_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "backup_code", "code", "abcd1234", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");

  /* A first enablement brings no codes; asking for codes fails. */
  test_client_sign_in (other, "pia@example.com", "pia-pw-123");
  phone_id = add_verified_phone (other, "+12015550403");
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", phone_id);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", "/v1/me/backup_codes", NULL);
  assert_error (reply, 400, "backup_codes_not_available");

  g_clear_pointer (&settings, json_node_unref);
  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"backup-codes\":true}", 200);
  g_assert_true (jbool (settings, "backup_codes"));
  g_assert_true (jbool (settings, "backup_codes_enabled"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (other, "POST", "/v1/me/backup_codes", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, "response.codes"), ==, 10);
}

static void
test_password (void)
{
  g_autoptr(MfaTestServer) server = start ("--password", "off", NULL);
  g_autofree char *user_id = mfa_test_create_user (server,
                                                   "{\"identifier\":\"pia@example.com\",\"password\":\"pia-pw-123\"}");
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *path = NULL;

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_false (jbool (reply->root, "user_settings.attributes.password.enabled"));
  g_assert_false (jbool (reply->root, "user_settings.attributes.password.used_for_first_factor"));
  g_assert_cmpstr (jstr (reply->root, "auth_config.password"), ==, "off");
  g_assert_cmpuint (jlen (reply->root, "auth_config.first_factors"), ==, 0);

  /* One step and two steps: the strategy is refused, the right password
   * notwithstanding. */
  g_clear_pointer (&reply, reply_free);
  reply = password_sign_in (client, "pia@example.com", "pia-pw-123");
  assert_error (reply, 400, "strategy_for_user_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "strategy");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "pia@example.com", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "needs_first_factor");
  g_assert_cmpuint (jlen (reply->root, "response.supported_first_factors"), ==, 0);
  path = sign_in_path (jstr (reply->root, "response.id"), "attempt_first_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "password", "password", "pia-pw-123", NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"password\":\"on\"}", 200);
  g_assert_true (jbool (settings, "password"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "password", "password", "pia-pw-123", NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_totp (void)
{
  g_autoptr(MfaTestServer) server = start ("--totp", "off", NULL);
  g_autofree char *mfa_user = mfa_test_create_user (server, MFA_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_false (jbool (reply->root, "user_settings.attributes.authenticator_app.enabled"));
  g_assert_false (jbool (reply->root,
                         "user_settings.attributes.authenticator_app.used_for_second_factor"));
  g_assert_false (has_string (jget (reply->root, "auth_config.second_factors"), "totp"));

  g_clear_pointer (&reply, reply_free);
  reply = password_sign_in (client, "mark@example.com", "mark-pw-123");
  g_assert_null (find_factor (jget (reply->root, "response.supported_second_factors"),
                              "totp", NULL, NULL));
  path = sign_in_path (jstr (reply->root, "response.id"), "attempt_second_factor");
  code = test_totp_now (server, TOTP_SECRET);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "totp", "code", code, NULL);
  assert_error (reply, 400, "strategy_for_user_invalid");

  mfa_test_dev (server, "POST", "/__dev/settings", "{\"totp\":true}");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "totp", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

static void
test_native_api (void)
{
  g_autoptr(MfaTestServer) server = start ("--native-api", "off", NULL);
  g_autofree char *user_id = mfa_test_create_user (server,
                                                   "{\"identifier\":\"pia@example.com\",\"password\":\"pia-pw-123\"}");
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) settings = NULL;

  /* Native: refused, the environment too. */
  reply = test_call (client, "GET", "/v1/environment", NULL);
  assert_error (reply, 400, "native_api_disabled");
  g_assert_nonnull (jstr (reply->root, "clerk_trace_id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "pia@example.com", NULL);
  assert_error (reply, 400, "native_api_disabled");
  g_assert_null (reply->authorization);
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (client, "POST", "/v1/client/sign_ins?_is_native=true",
                         "application/x-www-form-urlencoded", "identifier=pia%40example.com",
                         strlen ("identifier=pia%40example.com"), NULL);
  assert_error (reply, 400, "native_api_disabled");

  /* Not native: served, and the environment says so. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (client, "GET", "/v1/environment", NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (jbool (reply->root, "auth_config.native_settings.api_enabled"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call_raw (client, "GET", "/v1/environment?_is_native=0", NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"native_api\":\"on\"}", 200);
  g_assert_true (jbool (settings, "native_api"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "auth_config.native_settings.api_enabled"));
}

static Reply *
raw_get (TestClient *client,
         const char *url_suffix)
{
  /* Outside the helper's base URL: the bare origin. */
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u%s",
                                             mfa_test_server_get_port (client->server), url_suffix);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", origin);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reply *reply = g_new0 (Reply, 1);

  bytes = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (json_parser_load_from_data (parser, reply->body, -1, NULL))
    reply->root = json_node_copy (json_parser_get_root (parser));
  return reply;
}

/* The name the instance gives itself: the flag's, else the default;
 * a reset of the dev routes keeps it. */
static void
test_application_name (void)
{
  g_autoptr(MfaTestServer) plain = start (NULL);
  g_autoptr(MfaTestServer) named = start ("--application-name", "Example Shop", NULL);
  g_autoptr(TestClient) plain_client = test_client_new (plain);
  g_autoptr(TestClient) named_client = test_client_new (named);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) reset = NULL;

  reply = test_call (plain_client, "GET", "/v1/environment", NULL);
  g_assert_cmpstr (jstr (reply->root, "display_config.application_name"), ==, "MFA Manager (local)");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (named_client, "GET", "/v1/environment", NULL);
  g_assert_cmpstr (jstr (reply->root, "display_config.application_name"), ==, "Example Shop");
  g_clear_pointer (&reply, reply_free);

  reset = mfa_test_dev_json (named, "POST", "/__dev/reset", "{}", 200);
  reply = test_call (named_client, "GET", "/v1/environment", NULL);
  g_assert_cmpstr (jstr (reply->root, "display_config.application_name"), ==, "Example Shop");
}

static void
test_path_prefix (void)
{
  static const char * const outside[] = {
    "/v1/environment", "/v1/client", "/__dev/settings", "/__dev/sms", "/__clerkx/v1/environment",
    "/__clerk", "/", "/other/__clerk/v1/environment",
  };
  g_autoptr(MfaTestServer) server = start ("--path-prefix", "/__clerk", NULL);
  g_autofree char *user_id = NULL;
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_auto(GStrv) requests = NULL;
  g_autofree char *expected = NULL;

  /* The helper reads the Frontend API URL, prefix included, and the dev
   * routes live below it too. */
  expected = g_strdup_printf ("http://127.0.0.1:%u/__clerk", mfa_test_server_get_port (server));
  g_assert_cmpstr (mfa_test_server_get_base_url (server), ==, expected);
  user_id = mfa_test_create_user (server, MFA_USER);
  mfa_test_clear_requests (server);

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  test_client_sign_in (client, "mark@example.com", "mark-pw-123");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);

  /* The log shows the routes, without the prefix. */
  requests = mfa_test_requests (server, MFA_TEST_REQUEST_PATH);
  g_assert_cmpstr (requests[0], ==, "GET /v1/environment");

  /* Nothing outside it. */
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(Reply) miss = raw_get (client, outside[i]);

      g_test_message ("GET %s", outside[i]);
      assert_error (miss, 404, "resource_not_found");
    }
  {
    g_autoptr(Reply) hit = raw_get (client, "/__clerk/v1/environment");

    g_assert_cmpuint (hit->status, ==, 200);
  }

  /* A bad prefix on the command line: exit status 2. */
  {
    const char *binary = g_getenv ("MFA_FAPI_SERVER");
    static const char * const bad[] = { "__clerk", "/__clerk/", "/a//b", "/a b" };

    g_assert_nonnull (binary);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *argv[] = { binary, "--port", "0", "--path-prefix", bad[i], NULL };
        g_autoptr(GError) error = NULL;
        int wait_status = 0;

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, &error);
        g_assert_no_error (error);
        g_assert_true (WIFEXITED (wait_status));
        g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
      }
  }

  /* The settings route moves it (and checks it). */
  {
    guint status = 0;
    g_autofree char *body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                                         "{\"path_prefix\":\"no-slash\"}", &status);
    g_autoptr(Reply) old = NULL;
    g_autoptr(Reply) moved = NULL;

    g_assert_cmpuint (status, ==, 422);
    g_assert_nonnull (strstr (body, "path_prefix"));
    g_free (body);
    body = mfa_test_server_dev_request (server, "POST", "/__dev/settings",
                                        "{\"path_prefix\":\"/proxy/clerk\"}", &status);
    g_assert_cmpuint (status, ==, 200);
    old = raw_get (client, "/__clerk/v1/environment");
    assert_error (old, 404, "resource_not_found");
    moved = raw_get (client, "/proxy/clerk/v1/environment");
    g_assert_cmpuint (moved->status, ==, 200);
  }
}

/* A 401 fault on /v1/me* while the session lives, as the app's "read the
 * client again, then retry" needs; and the codes of other statuses. */
static void
test_unauthorized_fault (void)
{
  g_autoptr(MfaTestServer) server = start (NULL);
  g_autofree char *user_id = mfa_test_create_user (server, MFA_USER);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  static const struct {
    guint       status;
    const char *code;
  } codes[] = {
    { 403, "authorization_invalid" },
    { 404, "resource_not_found" },
    { 422, "form_param_value_invalid" },
    { 500, "internal_clerk_error" },
    { 503, "internal_clerk_error" },
  };

  test_client_sign_in (client, "mark@example.com", "mark-pw-123");
  mfa_test_add_fault (server, "{\"path\":\"/v1/me*\",\"kind\":\"status\",\"status\":401,\"times\":2}");

  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_assert_nonnull (jget (reply->root, "meta"));
  g_assert_nonnull (jstr (reply->root, "clerk_trace_id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.status"), ==, "active");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me/phone_numbers", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);

  /* A code of the test's choosing. */
  mfa_test_add_fault (server, "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":401,"
                      "\"code\":\"signed_out\",\"times\":1}");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *fault = g_strdup_printf ("{\"path\":\"/v1/me\",\"kind\":\"status\","
                                                "\"status\":%u,\"times\":1}", codes[i].status);

      mfa_test_add_fault (server, fault);
      g_clear_pointer (&reply, reply_free);
      reply = test_call (client, "GET", "/v1/me", NULL);
      assert_error (reply, codes[i].status, codes[i].code);
    }
}

/* Every timestamp is in milliseconds of the server clock. */
static void
test_timestamps (void)
{
  g_autoptr(MfaTestServer) server = start ("--client-trust", "on", NULL);
  g_autofree char *user_id = NULL;
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) outbox = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  /* 2027-01-01T00:00:00Z in milliseconds: a second count would be 1000
   * times smaller, a microsecond count 1000 times larger. */
  const gint64 start_ms = G_GINT64_CONSTANT (1798761600000);
  const gint64 hour_ms = 3600 * 1000;
  const char * const fields[] = {
    "response.abandon_at", "response.second_factor_verification.expire_at",
    "client.created_at", "client.updated_at",
  };

  dev_clock_set (server, start_ms);
  user_id = mfa_test_create_user (server, TRUST_USER);
  reply = password_sign_in (client, "jane@example.com", "jane-pw-123");
  path = sign_in_path (jstr (reply->root, "response.id"), "prepare_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gint64 value = jint (reply->root, fields[i]);

      g_test_message ("%s = %" G_GINT64_FORMAT, fields[i], value);
      g_assert_cmpint (value, >=, start_ms);
      g_assert_cmpint (value, <=, start_ms + 25 * hour_ms);
    }
  outbox = mfa_test_dev_json (server, "GET", "/__dev/email", NULL, 200);
  g_assert_cmpint (jint (outbox, "messages.0.created_at"), >=, start_ms);
  g_assert_cmpint (jint (outbox, "messages.0.created_at"), <, start_ms + hour_ms);

  code = mfa_test_server_last_email_code (server, "jane@example.com");
  g_free (path);
  path = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor",
                          jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", path, "strategy", "email_code", "code", code, NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  {
    const char * const user_fields[] = {
      "client.sessions.0.created_at", "client.sessions.0.expire_at",
      "client.sessions.0.last_active_at", "client.sessions.0.user.created_at",
      "client.sessions.0.user.email_addresses.0.created_at",
      "client.sessions.0.user.phone_numbers.0.created_at",
    };

    for (guint i = 0; i < G_N_ELEMENTS (user_fields); i++)
      {
        gint64 value = jint (reply->root, user_fields[i]);

        g_test_message ("%s = %" G_GINT64_FORMAT, user_fields[i], value);
        g_assert_cmpint (value, >=, start_ms);
        g_assert_cmpint (value, <=, start_ms + 8 * 24 * hour_ms);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/configurations/client-trust", test_client_trust);
  g_test_add_func ("/fapi/configurations/client-trust-limits", test_client_trust_limits);
  g_test_add_func ("/fapi/configurations/email-outbox", test_email_outbox);
  g_test_add_func ("/fapi/configurations/sms-mfa", test_sms_mfa);
  g_test_add_func ("/fapi/configurations/backup-codes", test_backup_codes);
  g_test_add_func ("/fapi/configurations/password", test_password);
  g_test_add_func ("/fapi/configurations/totp", test_totp);
  g_test_add_func ("/fapi/configurations/native-api", test_native_api);
  g_test_add_func ("/fapi/configurations/path-prefix", test_path_prefix);
  g_test_add_func ("/fapi/configurations/application-name", test_application_name);
  g_test_add_func ("/fapi/configurations/unauthorized-fault", test_unauthorized_fault);
  g_test_add_func ("/fapi/configurations/timestamps", test_timestamps);

  return g_test_run ();
}
