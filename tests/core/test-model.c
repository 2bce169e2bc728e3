/* test-model.c
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

#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include <string.h>

#include "mfa-client-error.h"
#include "mfa-fapi-json.h"
#include "mfa-user.h"

/* The models and their JSON reading, from recorded-shape fixtures: no
 * server. */

#define ID_A "idn_reservedA0000000000000001"
#define ID_B "idn_reservedB0000000000000001"
#define ID_FREE1 "idn_verifiedFree00000000000001"
#define ID_FREE2 "idn_verifiedFree00000000000002"

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
fixture_user (JsonNode *root)
{
  JsonObject *client = json_object_get_object_member (json_node_get_object (root), "response");
  JsonArray *sessions = json_object_get_array_member (client, "sessions");

  return json_object_get_object_member (json_array_get_object_element (sessions, 1), "user");
}

static JsonArray *
fixture_phones (JsonNode *root)
{
  return json_object_get_array_member (fixture_user (root), "phone_numbers");
}

static JsonObject *
fixture_phone (JsonNode   *root,
               const char *id)
{
  JsonArray *phones = fixture_phones (root);

  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      JsonObject *phone = json_array_get_object_element (phones, i);

      if (g_str_equal (json_object_get_string_member (phone, "id"), id))
        return phone;
    }
  g_assert_not_reached ();
}

static MfaUser *
user_from (JsonNode *root)
{
  JsonNode *client = json_object_get_member (json_node_get_object (root), "response");
  g_auto(MfaFapiClient) parsed = { NULL, };
  g_autoptr(GError) error = NULL;

  g_assert_true (mfa_fapi_parse_client (client, &parsed, &error));
  g_assert_no_error (error);
  g_assert_nonnull (parsed.user);
  return g_object_ref (parsed.user);
}

static void
assert_list (MfaUser            *user,
             MfaPhoneList        list,
             const char * const *expected)
{
  g_autoptr(GPtrArray) phones = mfa_user_dup_phone_list (user, list);

  g_assert_cmpuint (phones->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < phones->len; i++)
    g_assert_cmpstr (mfa_phone_number_get_id (g_ptr_array_index (phones, i)), ==, expected[i]);
}

static void
test_parse_client (void)
{
  g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");
  JsonNode *client = json_object_get_member (json_node_get_object (root), "response");
  g_auto(MfaFapiClient) parsed = { NULL, };
  g_autoptr(GError) error = NULL;
  MfaPhoneNumber *a;
  MfaPhoneNumber *intl;
  MfaPhoneNumber *odd;

  g_assert_true (mfa_fapi_parse_client (client, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parsed.client_id, ==, "client_fixture00000000000000001");
  /* The ended session is skipped; the active one named by
   * last_active_session_id gives the user. */
  g_assert_cmpstr (parsed.session_id, ==, "sess_fixture000000000000000001");
  g_assert_null (parsed.sign_in);
  g_assert_cmpstr (mfa_user_get_id (parsed.user), ==, "user_fixture000000000000000001");
  g_assert_cmpstr (mfa_user_get_identifier (parsed.user), ==, "jane@example.com");
  g_assert_cmpstr (mfa_user_get_first_name (parsed.user), ==, "Jane");
  g_assert_null (mfa_user_get_last_name (parsed.user));
  g_assert_true (mfa_user_get_two_factor_enabled (parsed.user));
  g_assert_true (mfa_user_get_backup_code_enabled (parsed.user));
  g_assert_false (mfa_user_get_totp_enabled (parsed.user));
  g_assert_cmpuint (g_list_model_get_n_items (mfa_user_get_phone_numbers (parsed.user)), ==, 8);

  a = mfa_user_find_phone_number (parsed.user, ID_A);
  g_assert_cmpstr (mfa_phone_number_get_phone_number (a), ==, "+12015550101");
  g_assert_cmpstr (mfa_phone_number_get_display (a), ==, "+1 201-555-0101");
  g_assert_cmpint (mfa_phone_number_get_verification_status (a), ==, MFA_VERIFICATION_STATUS_VERIFIED);
  g_assert_true (mfa_phone_number_get_reserved (a));
  g_assert_true (mfa_phone_number_get_default (a));
  g_assert_cmpint (mfa_phone_number_get_expire_at (a), ==, 1767225600000);
  g_assert_cmpint (mfa_phone_number_get_attempts (a), ==, 1);
  g_assert_cmpint (mfa_phone_number_get_created_at (a), ==, 1767225000100);

  /* Anything but +1 stays plain E.164 until the view formats it. */
  intl = mfa_user_find_phone_number (parsed.user, ID_FREE1);
  g_assert_cmpstr (mfa_phone_number_get_display (intl), ==, "+442071838750");
  mfa_phone_number_set_display (intl, "+44 20 7183 8750");
  g_assert_cmpstr (mfa_phone_number_get_display (intl), ==, "+44 20 7183 8750");

  /* Unknown status value and unknown fields: read, not rejected. */
  odd = mfa_user_find_phone_number (parsed.user, "idn_transferable00000000000001");
  g_assert_cmpint (mfa_phone_number_get_verification_status (odd), ==, MFA_VERIFICATION_STATUS_UNKNOWN);
  g_assert_false (mfa_phone_number_is_verified (odd));

  g_assert_cmpint (mfa_phone_number_get_verification_status (mfa_user_find_phone_number (parsed.user, "idn_unverifiedNull00000000000001")),
                   ==, MFA_VERIFICATION_STATUS_NONE);
  g_assert_cmpint (mfa_phone_number_get_attempts (mfa_user_find_phone_number (parsed.user, "idn_unverifiedNull00000000000001")),
                   ==, -1);
}

static void
test_three_lists (void)
{
  g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");
  g_autoptr(MfaUser) user = user_from (root);
  const char * const reserved[] = { ID_A, ID_B, NULL };
  const char * const verified[] = { ID_FREE2, ID_FREE1, NULL };
  const char * const unverified[] = {
    "idn_unverifiedNull00000000000001",
    "idn_unverifiedSent00000000000001",
    "idn_failed000000000000000000001",
    "idn_transferable00000000000001",
    NULL
  };

  assert_list (user, MFA_PHONE_LIST_RESERVED, reserved);
  assert_list (user, MFA_PHONE_LIST_VERIFIED, verified);
  assert_list (user, MFA_PHONE_LIST_UNVERIFIED, unverified);

  /* The default goes first even when it is the newest reserved one. */
  json_object_set_boolean_member (fixture_phone (root, ID_A), "default_second_factor", FALSE);
  json_object_set_boolean_member (fixture_phone (root, ID_B), "default_second_factor", TRUE);
  {
    g_autoptr(MfaUser) flipped = user_from (root);
    const char * const reserved_b[] = { ID_B, ID_A, NULL };
    MfaPhoneNumber *a = mfa_user_find_phone_number (flipped, ID_A);
    MfaPhoneNumber *b = mfa_user_find_phone_number (flipped, ID_B);

    assert_list (flipped, MFA_PHONE_LIST_RESERVED, reserved_b);
    g_assert_cmpint (mfa_phone_number_compare (b, a, NULL), <, 0);
    g_assert_cmpint (mfa_phone_number_compare (a, b, NULL), >, 0);
    g_assert_cmpint (mfa_phone_number_compare (a, a, NULL), ==, 0);
    g_assert_true (mfa_phone_number_filter_func (a, GINT_TO_POINTER (MFA_PHONE_LIST_RESERVED)));
    g_assert_false (mfa_phone_number_filter_func (a, GINT_TO_POINTER (MFA_PHONE_LIST_VERIFIED)));
  }
}

typedef struct
{
  guint items_changed;
  guint added;
  guint removed;
  guint changed;
} Counts;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  counts->items_changed++;
  counts->added += added;
  counts->removed += removed;
}

static void
changed_cb (MfaUser *user,
            Counts  *counts)
{
  counts->changed++;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_make_default_in_place (void)
{
  g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");
  g_autoptr(MfaUser) user = user_from (root);
  g_autoptr(MfaUser) fresh = NULL;
  g_autoptr(MfaPhoneNumber) a = g_object_ref (mfa_user_find_phone_number (user, ID_A));
  g_autoptr(MfaPhoneNumber) b = g_object_ref (mfa_user_find_phone_number (user, ID_B));
  Counts counts = { 0, };
  guint a_default = 0, b_default = 0, a_reserved = 0, user_notifies = 0;

  g_signal_connect (mfa_user_get_phone_numbers (user), "items-changed",
                    G_CALLBACK (items_changed_cb), &counts);
  g_signal_connect (user, "changed", G_CALLBACK (changed_cb), &counts);
  g_signal_connect (a, "notify::default", G_CALLBACK (count_cb), &a_default);
  g_signal_connect (b, "notify::default", G_CALLBACK (count_cb), &b_default);
  g_signal_connect (a, "notify::reserved", G_CALLBACK (count_cb), &a_reserved);
  g_signal_connect (user, "notify", G_CALLBACK (count_cb), &user_notifies);

  json_object_set_boolean_member (fixture_phone (root, ID_A), "default_second_factor", FALSE);
  json_object_set_boolean_member (fixture_phone (root, ID_B), "default_second_factor", TRUE);
  fresh = user_from (root);
  mfa_user_update_from (user, fresh);

  /* Same objects, flags flipped in place, one notify each. */
  g_assert_true (mfa_user_find_phone_number (user, ID_A) == a);
  g_assert_true (mfa_user_find_phone_number (user, ID_B) == b);
  g_assert_false (mfa_phone_number_get_default (a));
  g_assert_true (mfa_phone_number_get_default (b));
  g_assert_cmpuint (a_default, ==, 1);
  g_assert_cmpuint (b_default, ==, 1);
  g_assert_cmpuint (a_reserved, ==, 0);
  g_assert_cmpuint (user_notifies, ==, 0);
  g_assert_cmpuint (counts.items_changed, ==, 0);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* The same answer again changes nothing. */
  g_clear_object (&fresh);
  fresh = user_from (root);
  mfa_user_update_from (user, fresh);
  g_assert_cmpuint (a_default, ==, 1);
  g_assert_cmpuint (b_default, ==, 1);
  g_assert_cmpuint (counts.items_changed, ==, 0);
}

static void
test_add_and_remove (void)
{
  g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");
  g_autoptr(MfaUser) user = user_from (root);
  g_autoptr(MfaUser) fresh = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list = mfa_user_get_phone_numbers (user);
  JsonArray *phones = fixture_phones (root);
  Counts counts = { 0, };
  JsonObject *added;
  guint n;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (before, g_list_model_get_item (list, i));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &counts);

  /* A new phone, listed first as the server does. */
  added = json_object_new ();
  json_object_set_string_member (added, "id", "idn_new0000000000000000000001");
  json_object_set_string_member (added, "object", "phone_number");
  json_object_set_string_member (added, "phone_number", "+12015550109");
  json_object_set_null_member (added, "verification");
  json_object_set_boolean_member (added, "reserved_for_second_factor", FALSE);
  json_object_set_boolean_member (added, "default_second_factor", FALSE);
  json_object_set_int_member (added, "created_at", 1767225009000);
  {
    JsonArray *copy = json_array_new ();

    json_array_add_object_element (copy, added);
    for (guint i = 0; i < json_array_get_length (phones); i++)
      json_array_add_element (copy, json_node_copy (json_array_get_element (phones, i)));
    json_object_set_array_member (fixture_user (root), "phone_numbers", copy);
  }

  fresh = user_from (root);
  mfa_user_update_from (user, fresh);
  g_assert_cmpuint (counts.items_changed, ==, 1);
  g_assert_cmpuint (counts.added, ==, 1);
  g_assert_cmpuint (counts.removed, ==, 0);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, 9);
  for (guint i = 0; i < before->len; i++)
    {
      MfaPhoneNumber *old = g_ptr_array_index (before, i);

      g_assert_true (mfa_user_find_phone_number (user, mfa_phone_number_get_id (old)) == old);
    }

  /* Remove one verified, not reserved phone. */
  memset (&counts, 0, sizeof counts);
  phones = fixture_phones (root);
  for (guint i = 0; i < json_array_get_length (phones); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (phones, i), "id"),
                     ID_FREE1))
      {
        json_array_remove_element (phones, i);
        break;
      }
  g_clear_object (&fresh);
  fresh = user_from (root);
  mfa_user_update_from (user, fresh);
  g_assert_cmpuint (counts.items_changed, ==, 1);
  g_assert_cmpuint (counts.removed, ==, 1);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_null (mfa_user_find_phone_number (user, ID_FREE1));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 8);
  g_assert_true (mfa_user_find_phone_number (user, ID_A) == g_ptr_array_index (before, 7));
}

static void
assert_bad_user (JsonNode *root)
{
  JsonNode *client = json_object_get_member (json_node_get_object (root), "response");
  g_auto(MfaFapiClient) parsed = { NULL, };
  g_autoptr(GError) error = NULL;

  g_assert_false (mfa_fapi_parse_client (client, &parsed, &error));
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
  /* Nothing half built is handed out. */
  g_assert_null (parsed.user);
  g_assert_null (parsed.client_id);
}

static void
test_wrong_types (void)
{
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    json_object_set_int_member (fixture_phone (root, ID_A), "id", 42);
    assert_bad_user (root);
  }
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    json_object_set_string_member (fixture_user (root), "two_factor_enabled", "yes");
    assert_bad_user (root);
  }
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    json_object_remove_member (fixture_user (root), "phone_numbers");
    assert_bad_user (root);
  }
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    json_object_set_string_member (fixture_phone (root, ID_B), "reserved_for_second_factor", "true");
    assert_bad_user (root);
  }
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    json_object_set_string_member (fixture_phone (root, ID_B), "verification", "verified");
    assert_bad_user (root);
  }
  {
    g_autoptr(JsonNode) root = load_fixture ("client-signed-in.json");

    /* The same phone twice would break row identity. */
    json_object_set_string_member (fixture_phone (root, ID_B), "id", ID_A);
    assert_bad_user (root);
  }
}

static void
test_malformed_text (void)
{
  static const char * const texts[] = {
    "{\"response\": {\"object\": \"client\", \"sessions\": [}",
    "{\"response\":{\"object\":\"client\",\"id\":\"cli",
    "",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = mfa_fapi_parse_text (texts[i], strlen (texts[i]), &error);

      g_assert_null (node);
      g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
    }
}

static void
test_sign_in (void)
{
  g_autoptr(JsonNode) root = load_fixture ("sign-in-needs-second-factor.json");
  JsonObject *envelope = json_node_get_object (root);
  JsonNode *response = json_object_get_member (envelope, "response");
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MfaFapiClient) client = { NULL, };
  GListModel *factors;
  MfaFactor *factor;

  /* The fixture uses the object name "sign_in" (clerk-js types). */
  sign_in = mfa_fapi_parse_sign_in (response, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR);
  g_assert_cmpstr (mfa_sign_in_get_identifier (sign_in), ==, "jane@example.com");
  g_assert_null (mfa_sign_in_get_created_session_id (sign_in));
  factors = mfa_sign_in_get_second_factors (sign_in);
  g_assert_cmpuint (g_list_model_get_n_items (factors), ==, 4);
  factor = mfa_sign_in_find_second_factor (sign_in, "phone_code");
  g_assert_cmpstr (mfa_factor_get_phone_number_id (factor), ==, ID_A);
  g_assert_cmpstr (mfa_factor_get_safe_identifier (factor), ==, "+*******0101");
  g_assert_nonnull (mfa_sign_in_find_second_factor (sign_in, "backup_code"));
  g_assert_nonnull (mfa_sign_in_find_second_factor (sign_in, "some_future_strategy"));
  g_assert_null (mfa_sign_in_find_second_factor (sign_in, "totp"));

  /* The official name too, and an unknown status. */
  json_object_set_string_member (json_node_get_object (response), "object", "sign_in_attempt");
  json_object_set_string_member (json_node_get_object (response), "status", "needs_something_new");
  g_clear_object (&sign_in);
  sign_in = mfa_fapi_parse_sign_in (response, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_UNKNOWN);

  /* Not a sign-in at all. */
  json_object_set_string_member (json_node_get_object (response), "object", "session");
  g_clear_object (&sign_in);
  sign_in = mfa_fapi_parse_sign_in (response, &error);
  g_assert_null (sign_in);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* The client of the same answer: no session yet, a sign-in. */
  g_assert_true (mfa_fapi_parse_client (json_object_get_member (envelope, "client"), &client, &error));
  g_assert_no_error (error);
  g_assert_null (client.user);
  g_assert_null (client.session_id);
  g_assert_nonnull (client.sign_in);
}

static void
test_backup_codes (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser,
                              "{\"object\":\"backup_code\",\"id\":\"bcode_1\",\"codes\":[\"ab12cd34\",\"ef56gh78\"],"
                              "\"created_at\":1767225000000,\"updated_at\":1767225000000}", -1, &error);
  g_assert_no_error (error);
  codes = mfa_fapi_parse_backup_codes (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (codes), ==, 2);
  g_assert_cmpstr (mfa_backup_codes_get_codes (codes)[1], ==, "ef56gh78");
  g_assert_cmpstr (mfa_backup_codes_get_id (codes), ==, "bcode_1");

  json_parser_load_from_data (parser, "{\"object\":\"backup_code\",\"codes\":[\"ab12cd34\",7]}",
                              -1, &error);
  g_assert_no_error (error);
  g_clear_object (&codes);
  codes = mfa_fapi_parse_backup_codes (json_parser_get_root (parser), &error);
  g_assert_null (codes);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
}

static void
test_display_and_mask (void)
{
  g_autofree char *us = mfa_phone_number_format_display ("+12015550123");
  g_autofree char *uk = mfa_phone_number_format_display ("+442071838750");
  g_autofree char *odd = mfa_phone_number_format_display ("+1201555012x");
  g_autofree char *masked = mfa_phone_number_mask ("+12015550123");
  g_autoptr(MfaPhoneNumber) phone = mfa_phone_number_new ("idn_x", "+12015550123");
  guint notifies = 0;

  g_assert_cmpstr (us, ==, "+1 201-555-0123");
  g_assert_cmpstr (uk, ==, "+442071838750");
  g_assert_cmpstr (odd, ==, "+1201555012x");
  g_assert_cmpstr (masked, ==, "***0123");

  /* Explicit notify only on a real change. */
  g_signal_connect (phone, "notify::display", G_CALLBACK (count_cb), &notifies);
  mfa_phone_number_set_display (phone, "+1 201-555-0123");
  g_assert_cmpuint (notifies, ==, 0);
  mfa_phone_number_set_display (phone, "(201) 555-0123");
  g_assert_cmpuint (notifies, ==, 1);
  mfa_phone_number_set_display (phone, NULL);
  g_assert_cmpstr (mfa_phone_number_get_display (phone), ==, "+1 201-555-0123");
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_finalize_object (g_steal_pointer (&phone));
}

/* Timestamps in seconds, as some answers carry them, read as the same
 * moment as milliseconds do.
 */
static void
test_timestamps (void)
{
  static const char *texts[] = {
    "{\"object\":\"phone_number\",\"id\":\"idn_s\",\"phone_number\":\"+12015550177\","
    "\"reserved_for_second_factor\":false,\"default_second_factor\":false,"
    "\"verification\":{\"status\":\"unverified\",\"strategy\":\"phone_code\",\"attempts\":0,"
    "\"expire_at\":1796300000},\"created_at\":1796290000,\"updated_at\":1796290000}",
    "{\"object\":\"phone_number\",\"id\":\"idn_m\",\"phone_number\":\"+12015550177\","
    "\"reserved_for_second_factor\":false,\"default_second_factor\":false,"
    "\"verification\":{\"status\":\"unverified\",\"strategy\":\"phone_code\",\"attempts\":0,"
    "\"expire_at\":1796300000000},\"created_at\":1796290000000,\"updated_at\":1796290000000}",
  };
  gint64 expire[G_N_ELEMENTS (texts)];

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = mfa_fapi_parse_text (texts[i], strlen (texts[i]), &error);
      g_autoptr(MfaPhoneNumber) phone = NULL;

      g_assert_no_error (error);
      phone = mfa_fapi_parse_phone_number (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (phone);
      expire[i] = mfa_phone_number_get_expire_at (phone);
    }

  g_assert_cmpint (expire[0], ==, G_GINT64_CONSTANT (1796300000000));
  g_assert_cmpint (expire[0], ==, expire[1]);
}

/* An empty set of new backup codes is a failure, not a set to show. */
static void
test_empty_backup_codes (void)
{
  static const char text[] = "{\"object\":\"backup_code\",\"id\":\"bc_1\",\"codes\":[],"
                             "\"created_at\":1796290000000,\"updated_at\":1796290000000}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = mfa_fapi_parse_text (text, strlen (text), &error);
  g_autoptr(MfaBackupCodes) codes = NULL;

  g_assert_no_error (error);
  codes = mfa_fapi_parse_backup_codes (node, &error);
  g_assert_null (codes);
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/model/parse-client", test_parse_client);
  g_test_add_func ("/core/model/three-lists", test_three_lists);
  g_test_add_func ("/core/model/make-default-in-place", test_make_default_in_place);
  g_test_add_func ("/core/model/add-and-remove", test_add_and_remove);
  g_test_add_func ("/core/model/wrong-types", test_wrong_types);
  g_test_add_func ("/core/model/malformed-text", test_malformed_text);
  g_test_add_func ("/core/model/sign-in", test_sign_in);
  g_test_add_func ("/core/model/backup-codes", test_backup_codes);
  g_test_add_func ("/core/model/display-and-mask", test_display_and_mask);
  g_test_add_func ("/core/model/timestamps", test_timestamps);
  g_test_add_func ("/core/model/empty-backup-codes", test_empty_backup_codes);

  return g_test_run ();
}
