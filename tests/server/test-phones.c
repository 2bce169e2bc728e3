/* test-phones.c: phone numbers, the reserve/default rules and backup codes.
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

#define G_LOG_DOMAIN "test-phones"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

#define A "+12015550211"
#define B "+12015550212"
#define C "+12015550213"

typedef struct
{
  MfaTestServer *server;
  TestClient    *client;
  char          *user_id;
} Fixture;

/* A signed-in user with an email address and no phone yet. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *flag = data;

  f->server = mfa_test_server_new ("--dev-routes", flag, NULL);
  f->client = test_client_new (f->server);
  f->user_id = mfa_test_create_user (f->server, "{\"identifier\":\"ann@example.com\",\"password\":\"pw-ann-1\"}");
  test_client_sign_in (f->client, "ann@example.com", "pw-ann-1");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_client_free (f->client);
  mfa_test_server_free (f->server);
  g_free (f->user_id);
}

static Reply *
patch_phone (Fixture    *f,
             const char *id,
             const char *field,
             const char *value)
{
  g_autofree char *path = g_strdup_printf ("/v1/me/phone_numbers/%s", id);

  return test_call (f->client, "PATCH", path, field, value, NULL);
}

static gboolean
flag_of (Reply      *reply,
         const char *number,
         const char *member)
{
  JsonObject *phone = jphone (reply->root, number);

  g_assert_nonnull (phone);
  return json_object_get_boolean_member (phone, member);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;

  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", A,
                     "reserved_for_second_factor", "false", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  id = g_strdup (jstr (reply->root, "response.id"));
  g_assert_true (g_str_has_prefix (id, "idn_"));
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "phone_number");
  g_assert_true (jnull (reply->root, "response.verification"));
  g_assert_false (jbool (reply->root, "response.reserved_for_second_factor"));
  g_assert_false (jbool (reply->root, "response.default_second_factor"));
  g_assert_false (jbool (reply->root, "response.reserved"));
  g_assert_cmpuint (jlen (reply->root, "response.linked_to"), ==, 0);
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_assert_nonnull (jphone (reply->root, A));
  g_clear_pointer (&reply, reply_free);

  /* New phones are listed first; the list is a bare array. */
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", B, NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "GET", "/v1/me/phone_numbers", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 2);
  g_assert_cmpstr (jstr (reply->root, "0.phone_number"), ==, B);
  g_assert_cmpstr (jstr (reply->root, "1.phone_number"), ==, A);
  g_clear_pointer (&reply, reply_free);

  path = g_strdup_printf ("/v1/me/phone_numbers/%s", id);
  reply = test_call (f->client, "GET", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.phone_number"), ==, A);
  g_clear_pointer (&reply, reply_free);

  /* Attempt before prepare. */
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/attempt_verification", id);
  reply = test_call (f->client, "POST", path, "code", "123456", NULL);
  assert_error (reply, 400, "verification_not_sent");
  g_clear_pointer (&reply, reply_free);

  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/prepare_verification", id);
  reply = test_call (f->client, "POST", path, NULL);
  assert_error (reply, 422, "form_param_missing");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "strategy");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", path, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "unverified");
  g_assert_cmpstr (jstr (reply->root, "response.verification.strategy"), ==, "phone_code");
  g_assert_cmpint (jint (reply->root, "response.verification.attempts"), ==, 0);
  g_assert_cmpint (jint (reply->root, "response.verification.expire_at"), >,
                   jint (reply->root, "response.updated_at") + 590 * 1000);
  g_clear_pointer (&reply, reply_free);

  reply = test_call (f->client, "POST", path, "strategy", "phone_code", NULL);
  assert_error (reply, 429, "verification_code_too_many_requests");
  g_assert_nonnull (reply->retry_after);
  g_clear_pointer (&reply, reply_free);

  code = mfa_test_server_last_sms_code (f->server, A);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s/attempt_verification", id);
  reply = test_call (f->client, "POST", path, "code", "abcdef", NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", path, "code", code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.verification.status"), ==, "verified");
  g_assert_cmpstr (jstr (reply->root, "client.sessions.0.user.primary_phone_number_id"), ==, id);
  g_clear_pointer (&reply, reply_free);

  reply = test_call (f->client, "POST", path, "code", code, NULL);
  assert_error (reply, 400, "verification_already_verified");
  g_clear_pointer (&reply, reply_free);

  /* Delete: a deleted object, and the phone is gone from the client. */
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", id);
  reply = test_call (f->client, "DELETE", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "phone_number");
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, id);
  g_assert_true (jbool (reply->root, "response.deleted"));
  g_assert_null (jphone (reply->root, A));
  g_assert_true (jnull (reply->root, "client.sessions.0.user.primary_phone_number_id"));
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "GET", path, NULL);
  assert_error (reply, 404, "resource_not_found");
}

static void
test_verification_failures (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *prepare = NULL;
  g_autofree char *attempt = NULL;
  g_autofree char *code = NULL;

  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", A, NULL);
  id = g_strdup (jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);
  prepare = g_strdup_printf ("/v1/me/phone_numbers/%s/prepare_verification", id);
  attempt = g_strdup_printf ("/v1/me/phone_numbers/%s/attempt_verification", id);

  reply = test_call (f->client, "POST", prepare, "strategy", "phone_code", NULL);
  g_clear_pointer (&reply, reply_free);
  code = mfa_test_server_last_sms_code (f->server, A);
  for (guint i = 0; i < 3; i++)
    {
      reply = test_call (f->client, "POST", attempt, "code", "xxxxxx", NULL);
      assert_error (reply, 422, "form_code_incorrect");
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (f->client, "POST", attempt, "code", code, NULL);
  assert_error (reply, 400, "verification_failed");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "GET", "/v1/me", NULL);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (jphone (reply->root, A), "verification"),
                     "status"), ==, "failed");
  g_clear_pointer (&reply, reply_free);

  /* A new prepare starts over; the code then expires after ten minutes. */
  g_free (mfa_test_server_dev_request (f->server, "POST", "/__dev/clock",
                                       "{\"advance_ms\":30000}", NULL));
  reply = test_call (f->client, "POST", prepare, "strategy", "phone_code", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (jint (reply->root, "response.verification.attempts"), ==, 0);
  g_clear_pointer (&reply, reply_free);
  g_free (code);
  code = mfa_test_server_last_sms_code (f->server, A);
  g_free (mfa_test_server_dev_request (f->server, "POST", "/__dev/clock",
                                       "{\"advance_ms\":600001}", NULL));
  reply = test_call (f->client, "GET", "/v1/me", NULL);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (jphone (reply->root, A), "verification"),
                     "status"), ==, "expired");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", attempt, "code", code, NULL);
  assert_error (reply, 400, "verification_expired");
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  static const char * const bad[] = {
    "12015550100", "+1", "+0123456789", "+1201555010a", "+1 201 555 0100", "+15555550100",
    "+1234567890123456", "", NULL,
  };
  g_autoptr(Reply) reply = NULL;
  g_autofree char *other = NULL;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", bad[i], NULL);
      if (bad[i][0] == '\0')
        assert_error (reply, 422, "form_param_missing");
      else
        assert_error (reply, 422, "form_param_format_invalid");
      g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "phone_number");
      g_clear_pointer (&reply, reply_free);
    }

  /* Only the US and Canada by default. */
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", "+442079460958", NULL);
  assert_error (reply, 403, "unsupported_country_code");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", "+14165550198", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Taken, by this account or another. */
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", "+14165550198", NULL);
  assert_error (reply, 422, "form_identifier_exists");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "phone_number");
  g_clear_pointer (&reply, reply_free);
  other = mfa_test_create_user (f->server, "{\"identifier\":\"bob@example.com\",\"password\":\"x\","
                                "\"phones\":[{\"phone_number\":\"" C "\",\"verified\":true}]}");
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", C, NULL);
  assert_error (reply, 422, "form_identifier_exists");
  g_clear_pointer (&reply, reply_free);

  /* A new phone cannot be reserved at once. */
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", A,
                     "reserved_for_second_factor", "true", NULL);
  assert_error (reply, 400, "identification_update_second_factor_unverified");
  g_clear_pointer (&reply, reply_free);

  /* Too many unverified phones. */
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *number = g_strdup_printf ("+120155502%02u", 30 + i);

      reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", number, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", A, NULL);
  assert_error (reply, 400, "too_many_unverified_identifications");
}

static void
test_allowed_countries_flag (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--allowed-countries", "GB",
                                                         NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, "{\"identifier\":\"ann@example.com\",\"password\":\"p\"}");
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (client, "ann@example.com", "p");
  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", "+442079460958", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/me/phone_numbers", "phone_number", A, NULL);
  assert_error (reply, 403, "unsupported_country_code");
}

/* Rule 1: only verified phones take either flag. */
static void
test_rule1_verified_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Reply) reply = test_call (f->client, "POST", "/v1/me/phone_numbers", "phone_number", A, NULL);
  g_autofree char *id = g_strdup (jstr (reply->root, "response.id"));

  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, id, "reserved_for_second_factor", "true");
  assert_error (reply, 400, "identification_update_second_factor_unverified");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, id, "default_second_factor", "true");
  assert_error (reply, 400, "identification_update_second_factor_unverified");
}

/* Rule 2: never the last way to sign in. */
static void
test_rule2_last_identification (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, "{\"identifier\":\"" A "\",\"password\":\"p\"}");
  g_autoptr(Reply) reply = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *b_id = NULL;

  test_client_sign_in (client, A, "p");
  reply = test_call (client, "GET", "/v1/me", NULL);
  id = g_strdup (jstr (reply->root, "response.phone_numbers.0.id"));
  g_assert_true (jnull (reply->root, "response.username"));
  g_clear_pointer (&reply, reply_free);

  path = g_strdup_printf ("/v1/me/phone_numbers/%s", id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_error (reply, 400, "identification_update_failed");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "DELETE", path, NULL);
  assert_error (reply, 400, "identification_deletion_failed");
  g_clear_pointer (&reply, reply_free);

  /* With a second verified phone, either may be reserved, not both. */
  b_id = add_verified_phone (client, B);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", b_id);
  reply = test_call (client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_error (reply, 400, "identification_update_failed");
  g_clear_pointer (&reply, reply_free);

  /* A reserved phone is no longer a sign-in identifier. */
  reply = test_call (client, "DELETE", "/v1/client/sessions", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", A, NULL);
  assert_error (reply, 422, "form_identifier_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", B, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* Rule 3, with two_factor_enabled, mfa_enabled_at and the first backup codes. */
static void
test_rule3_first_reserved_is_default (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autofree char *b = add_verified_phone (f->client, B);
  g_autoptr(Reply) reply = NULL;
  JsonNode *codes;

  reply = test_call (f->client, "GET", "/v1/me", NULL);
  g_assert_false (jbool (reply->root, "response.two_factor_enabled"));
  g_assert_false (jbool (reply->root, "response.backup_code_enabled"));
  g_assert_true (jnull (reply->root, "response.mfa_enabled_at"));
  g_clear_pointer (&reply, reply_free);

  reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.reserved_for_second_factor"));
  g_assert_true (jbool (reply->root, "response.default_second_factor"));
  codes = jget (reply->root, "response.backup_codes");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (codes));
  g_assert_cmpuint (jlen (reply->root, "response.backup_codes"), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const char *code = json_array_get_string_element (json_node_get_array (codes), i);

      g_assert_cmpuint (strlen (code), ==, 8);
      for (guint j = 0; j < 8; j++)
        g_assert_true (g_ascii_islower (code[j]) || g_ascii_isdigit (code[j]));
    }
  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_assert_false (jnull (reply->root, "client.sessions.0.user.mfa_enabled_at"));
  g_clear_pointer (&reply, reply_free);

  /* The second reserved phone is not the default and brings no codes. */
  reply = patch_phone (f, b, "reserved_for_second_factor", "1");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (jbool (reply->root, "response.default_second_factor"));
  g_assert_true (jnull (reply->root, "response.backup_codes"));
  g_assert_true (flag_of (reply, A, "default_second_factor"));
}

/* Rule 4: exactly one default, seen on the other phone in the client. */
static void
test_rule4_one_default (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autofree char *b = add_verified_phone (f->client, B);
  g_autoptr(Reply) reply = NULL;

  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, b, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);

  reply = patch_phone (f, b, "default_second_factor", "true");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (jbool (reply->root, "response.default_second_factor"));
  g_assert_false (flag_of (reply, A, "default_second_factor"));
  g_assert_true (flag_of (reply, A, "reserved_for_second_factor"));
  g_assert_true (flag_of (reply, B, "default_second_factor"));
  g_clear_pointer (&reply, reply_free);

  /* Making the default the default again changes nothing. */
  reply = patch_phone (f, b, "default_second_factor", "1");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (flag_of (reply, A, "default_second_factor"));
  g_assert_true (flag_of (reply, B, "default_second_factor"));
}

/* Rule 5: default=false is refused. */
static void
test_rule5_no_unset_default (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autoptr(Reply) reply = patch_phone (f, a, "reserved_for_second_factor", "true");

  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, a, "default_second_factor", "false");
  assert_error (reply, 422, "form_disable_default_second_factor_not_allowed");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "GET", "/v1/me", NULL);
  g_assert_true (flag_of (reply, A, "default_second_factor"));
}

/* Rule 6: a phone that is not reserved cannot be the default. */
static void
test_rule6_default_needs_reserved (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autoptr(Reply) reply = patch_phone (f, a, "default_second_factor", "true");

  assert_error (reply, 422, "form_param_value_invalid");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.param_name"), ==, "default_second_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "GET", "/v1/me", NULL);
  g_assert_false (flag_of (reply, A, "default_second_factor"));
  g_assert_false (flag_of (reply, A, "reserved_for_second_factor"));
}

/* Rule 7: the earliest-created remaining reserved phone is promoted. */
static void
test_rule7_promotion (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autofree char *b = add_verified_phone (f->client, B);
  g_autofree char *c = add_verified_phone (f->client, C);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *path = NULL;

  /* Reserve in the order C, B, A; make C... then B the default. */
  reply = patch_phone (f, c, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, b, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, c, "default_second_factor", "true");
  g_assert_true (flag_of (reply, C, "default_second_factor"));
  g_clear_pointer (&reply, reply_free);

  /* Un-reserving the default C promotes A, created first. */
  reply = patch_phone (f, c, "reserved_for_second_factor", "false");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (jbool (reply->root, "response.default_second_factor"));
  g_assert_false (jbool (reply->root, "response.reserved_for_second_factor"));
  g_assert_true (flag_of (reply, A, "default_second_factor"));
  g_assert_false (flag_of (reply, B, "default_second_factor"));
  g_clear_pointer (&reply, reply_free);

  /* Deleting the default A promotes B. */
  path = g_strdup_printf ("/v1/me/phone_numbers/%s", a);
  reply = test_call (f->client, "DELETE", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (flag_of (reply, B, "default_second_factor"));
  g_assert_false (flag_of (reply, C, "default_second_factor"));
  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
}

/* Rule 8 with --mfa-required: the last method stays. */
static void
test_rule8_required (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autofree char *b = add_verified_phone (f->client, B);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/me/phone_numbers/%s", a);

  reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = patch_phone (f, a, "reserved_for_second_factor", "false");
  assert_error (reply, 400, "second_factor_deletion_not_allowed");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "DELETE", path, NULL);
  assert_error (reply, 400, "second_factor_deletion_not_allowed");
  g_clear_pointer (&reply, reply_free);

  /* With another reserved phone it may go. */
  reply = patch_phone (f, b, "reserved_for_second_factor", "true");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "DELETE", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (flag_of (reply, B, "default_second_factor"));
}

/* Rules 8 (not required) and 9: un-reserving keeps the phone, turns two-factor off. */
static void
test_rule9_unreserve_keeps_phone (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *a = add_verified_phone (f->client, A);
  g_autoptr(Reply) reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_autoptr(Reply) again = NULL;

  g_assert_true (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_clear_pointer (&reply, reply_free);

  reply = patch_phone (f, a, "reserved_for_second_factor", "false");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (jphone (reply->root, A));
  g_assert_false (flag_of (reply, A, "reserved_for_second_factor"));
  g_assert_false (flag_of (reply, A, "default_second_factor"));
  g_assert_false (jbool (reply->root, "client.sessions.0.user.two_factor_enabled"));
  g_assert_false (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  g_assert_false (jnull (reply->root, "client.sessions.0.user.mfa_disabled_at"));

  /* Backup codes cannot be made while two-factor is off... */
  again = test_call (f->client, "POST", "/v1/me/backup_codes", NULL);
  assert_error (again, 400, "backup_codes_not_available");
  g_clear_pointer (&again, reply_free);

  /* ...and re-enabling does not hand out codes again (the set is kept). */
  again = patch_phone (f, a, "reserved_for_second_factor", "true");
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (jnull (again->root, "response.backup_codes"));
  g_assert_true (jbool (again->root, "response.default_second_factor"));
  g_assert_true (jbool (again->root, "client.sessions.0.user.backup_code_enabled"));
}

static void
test_backup_codes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Reply) reply = test_call (f->client, "POST", "/v1/me/backup_codes", NULL);
  g_autofree char *a = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *new_code = NULL;
  g_autofree char *sign_in_id = NULL;
  g_autofree char *path = NULL;

  assert_error (reply, 400, "backup_codes_not_available");
  g_clear_pointer (&reply, reply_free);

  a = add_verified_phone (f->client, A);
  reply = patch_phone (f, a, "reserved_for_second_factor", "true");
  old_code = g_strdup (jstr (reply->root, "response.backup_codes.0"));
  g_clear_pointer (&reply, reply_free);

  /* Regenerate (trailing slash, as clerk-js sends it): a new set replaces the old. */
  reply = test_call (f->client, "POST", "/v1/me/backup_codes/", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "backup_code");
  g_assert_nonnull (jstr (reply->root, "response.id"));
  g_assert_cmpuint (jlen (reply->root, "response.codes"), ==, 10);
  g_assert_cmpint (jint (reply->root, "response.created_at"), >, 0);
  g_assert_cmpint (jint (reply->root, "response.updated_at"), >, 0);
  g_assert_true (jbool (reply->root, "client.sessions.0.user.backup_code_enabled"));
  new_code = g_strdup (jstr (reply->root, "response.codes.5"));
  g_clear_pointer (&reply, reply_free);

  reply = test_call (f->client, "DELETE", "/v1/client/sessions", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com",
                     "strategy", "password", "password", "pw-ann-1", NULL);
  sign_in_id = g_strdup (jstr (reply->root, "response.id"));
  g_clear_pointer (&reply, reply_free);
  path = g_strdup_printf ("/v1/client/sign_ins/%s/attempt_second_factor", sign_in_id);
  reply = test_call (f->client, "POST", path, "strategy", "backup_code", "code", old_code, NULL);
  assert_error (reply, 422, "form_code_incorrect");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "POST", path, "strategy", "backup_code", "code", new_code, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
}

/* Another user's phone is as unknown as a made-up id. */
static void
test_other_users_phone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TestClient) bob = test_client_new (f->server);
  g_autofree char *bob_id = mfa_test_create_user (f->server,
    "{\"identifier\":\"bob@example.com\",\"password\":\"pw-bob\","
    "\"phones\":[{\"phone_number\":\"" C "\",\"verified\":true}]}");
  g_autoptr(Reply) reply = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *action = NULL;

  test_client_sign_in (bob, "bob@example.com", "pw-bob");
  reply = test_call (bob, "GET", "/v1/me", NULL);
  phone_id = g_strdup (jstr (reply->root, "response.phone_numbers.0.id"));
  g_clear_pointer (&reply, reply_free);

  path = g_strdup_printf ("/v1/me/phone_numbers/%s", phone_id);
  reply = test_call (f->client, "GET", path, NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "PATCH", path, "reserved_for_second_factor", "true", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (f->client, "DELETE", path, NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  action = g_strdup_printf ("%s/prepare_verification", path);
  reply = test_call (f->client, "POST", action, "strategy", "phone_code", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);

  /* Bob's own session id does not work with Ann's client. */
  {
    g_autoptr(Reply) client = test_call (bob, "GET", "/v1/client", NULL);
    g_autofree char *me = g_strdup_printf ("/v1/me?_clerk_session_id=%s",
                                           jstr (client->root, "response.last_active_session_id"));

    reply = test_call (f->client, "GET", me, NULL);
    assert_error (reply, 401, "signed_out");
    g_clear_pointer (&reply, reply_free);
  }

  /* Bob still has it. */
  reply = test_call (bob, "GET", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn, flag) \
  g_test_add ("/fapi/phones/" name, Fixture, flag, fixture_set_up, fn, fixture_tear_down)

  ADD ("lifecycle", test_lifecycle, NULL);
  ADD ("verification-failures", test_verification_failures, NULL);
  ADD ("numbers", test_numbers, NULL);
  g_test_add_func ("/fapi/phones/allowed-countries-flag", test_allowed_countries_flag);
  ADD ("rule1-verified-only", test_rule1_verified_only, NULL);
  g_test_add_func ("/fapi/phones/rule2-last-identification", test_rule2_last_identification);
  ADD ("rule3-first-reserved-is-default", test_rule3_first_reserved_is_default, NULL);
  ADD ("rule4-one-default", test_rule4_one_default, NULL);
  ADD ("rule5-no-unset-default", test_rule5_no_unset_default, NULL);
  ADD ("rule6-default-needs-reserved", test_rule6_default_needs_reserved, NULL);
  ADD ("rule7-promotion", test_rule7_promotion, NULL);
  ADD ("rule8-required", test_rule8_required, "--mfa-required");
  ADD ("rule9-unreserve-keeps-phone", test_rule9_unreserve_keeps_phone, NULL);
  ADD ("backup-codes", test_backup_codes, NULL);
  ADD ("other-users-phone", test_other_users_phone, NULL);

  return g_test_run ();
}
