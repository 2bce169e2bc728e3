/* core-test-util.c
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

#define G_LOG_DOMAIN "core-test-util"

#include "config.h"

#include "core-test-util.h"

GAsyncResult *
core_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

void
core_test_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

JsonNode *
core_test_dev_json (MfaTestServer *server,
                    const char    *method,
                    const char    *path,
                    const char    *body,
                    guint          expected_status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  text = mfa_test_server_dev_request (server, method, path, body, &status);
  if (status != expected_status)
    g_error ("%s %s: HTTP %u: %s", method, path, status, text);
  if (text == NULL || *text == '\0')
    return json_node_new (JSON_NODE_NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

char *
core_test_create_user (MfaTestServer *server,
                       const char    *json_body)
{
  g_autoptr(JsonNode) root = core_test_dev_json (server, "POST", "/__dev/users", json_body, 200);

  return g_strdup (json_object_get_string_member (json_node_get_object (root), "user_id"));
}

/* Password, then (if asked) the SMS code sent to @sms_phone. */
void
core_test_sign_in (MfaTestServer *server,
                   MfaClient     *client,
                   const char    *identifier,
                   const char    *sms_phone)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  mfa_client_sign_in_async (client, identifier, TEST_PASSWORD, NULL, core_test_result_cb, &result);
  sign_in = mfa_client_sign_in_finish (client, core_test_wait (&result), &error);
  g_assert_no_error (error);

  if (mfa_sign_in_get_status (sign_in) == MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR)
    {
      g_autofree char *code = NULL;
      g_autofree char *id = g_strdup (mfa_sign_in_get_id (sign_in));

      g_assert_nonnull (sms_phone);
      g_clear_object (&result);
      g_clear_object (&sign_in);
      mfa_client_prepare_second_factor_async (client, id, NULL, NULL, core_test_result_cb, &result);
      sign_in = mfa_client_prepare_second_factor_finish (client, core_test_wait (&result), &error);
      g_assert_no_error (error);
      code = mfa_test_server_last_sms_code (server, sms_phone);
      g_assert_nonnull (code);

      g_clear_object (&result);
      g_clear_object (&sign_in);
      mfa_client_attempt_second_factor_async (client, id, "phone_code", code, NULL,
                                              core_test_result_cb, &result);
      sign_in = mfa_client_attempt_second_factor_finish (client, core_test_wait (&result), &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_COMPLETE);
  g_assert_nonnull (mfa_client_get_session_id (client));
  g_assert_cmpstr (mfa_sign_in_get_created_session_id (sign_in), ==, mfa_client_get_session_id (client));
  g_assert_nonnull (mfa_client_get_user (client));
}

/* "METHOD PATH?QUERY status" of every /v1 request since the last clear. */
GPtrArray *
core_test_requests (MfaTestServer *server)
{
  g_autoptr(JsonNode) root = core_test_dev_json (server, "GET", "/__dev/requests", NULL, 200);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s?%s %d",
                                               json_object_get_string_member (r, "method"),
                                               json_object_get_string_member (r, "path"),
                                               json_object_get_string_member (r, "query"),
                                               (int) json_object_get_int_member (r, "status")));
    }
  return lines;
}

void
core_test_clear_requests (MfaTestServer *server)
{
  g_autoptr(JsonNode) root = core_test_dev_json (server, "DELETE", "/__dev/requests", NULL, 200);
}

void
core_test_add_fault (MfaTestServer *server,
                     const char    *json_body)
{
  g_autoptr(JsonNode) root = core_test_dev_json (server, "POST", "/__dev/faults", json_body, 200);
}
