/* test-state.c: persistence across restarts, storage, and the /__dev routes.
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

#define G_LOG_DOMAIN "test-state"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "fapi-test-util.h"

#define USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"secret-pw-42\"," \
  "\"phones\":[{\"phone_number\":\"+12015550211\",\"verified\":true,\"reserved\":true}]}"

static JsonNode *
dev_json (MfaTestServer *server,
          const char    *method,
          const char    *path,
          const char    *body,
          guint          expected)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = 0;

  text = mfa_test_server_dev_request (server, method, path, body, &status);
  if (status != expected)
    g_error ("%s %s: %u %s", method, path, status, text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_restart (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = create_user (server, USER);
  g_autofree char *phone_id = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *old_url = g_strdup (mfa_test_server_get_base_url (server));

  sign_in (client, "ann@example.com", "secret-pw-42");
  phone_id = add_verified_phone (client, "+12015550212");

  mfa_test_server_restart (server);
  g_assert_nonnull (mfa_test_server_get_base_url (server));

  /* The session, the token and the new phone survived. */
  reply = test_call (client, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, user_id);
  g_assert_cmpuint (jlen (reply->root, "response.phone_numbers"), ==, 2);
  g_assert_cmpstr (jstr (reply->root, "response.phone_numbers.0.id"), ==, phone_id);
  g_assert_true (jbool (reply->root, "response.two_factor_enabled"));
  g_clear_pointer (&reply, reply_free);

  /* The password still works from a new client. */
  {
    g_autoptr(TestClient) other = test_client_new (server);

    sign_in (other, "ann@example.com", "secret-pw-42");
  }
}

static void
test_storage (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *user_id = create_user (server, USER);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *hash;

  g_assert_cmpint (sqlite3_open_v2 (mfa_test_server_get_db_path (server), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT version FROM schema_version", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1);
  sqlite3_finalize (stmt);

  /* yescrypt, never the clear text. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT password_hash FROM users", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, "secret-pw-42"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_dev_clock_and_settings (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(JsonNode) before = dev_json (server, "GET", "/__dev/clock", NULL, 200);
  g_autoptr(JsonNode) after = dev_json (server, "POST", "/__dev/clock", "{\"advance_ms\":3600000}", 200);
  g_autoptr(JsonNode) set = dev_json (server, "POST", "/__dev/clock", "{\"set_ms\":1767225600000}", 200);
  g_autoptr(JsonNode) settings = NULL;

  g_assert_cmpint (jint (after, "now_ms") - jint (before, "now_ms"), >=, 3600000);
  g_assert_cmpint (jint (after, "now_ms") - jint (before, "now_ms"), <, 3600000 + 5000);
  g_assert_cmpint (jint (set, "now_ms") - 1767225600000, <, 5000);

  settings = dev_json (server, "POST", "/__dev/settings",
                       "{\"attempt_limit\":5,\"resend_cooldown\":0,\"allowed_countries\":\"us, gb\","
                       "\"reverification\":\"off\",\"rate_limits\":false}", 200);
  g_assert_cmpint (jint (settings, "attempt_limit"), ==, 5);
  g_assert_cmpint (jint (settings, "resend_cooldown"), ==, 0);
  g_assert_cmpint (jint (settings, "code_ttl"), ==, 600);
  g_assert_cmpstr (jstr (settings, "allowed_countries"), ==, "US,GB");
  g_assert_false (jbool (settings, "reverification"));
  g_assert_false (jbool (settings, "rate_limits"));

  /* The environment follows the settings. */
  {
    g_autoptr(TestClient) client = test_client_new (server);
    g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);

    g_assert_false (jbool (reply->root, "auth_config.reverification"));
  }
}

static void
test_dev_requests (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(Reply) reply = NULL;

  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client?_method=PUT", NULL);
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/nope", NULL);
  g_clear_pointer (&reply, reply_free);

  log = dev_json (server, "GET", "/__dev/requests", NULL, 200);
  g_assert_cmpuint (jlen (log, "requests"), ==, 3);
  g_assert_cmpstr (jstr (log, "requests.0.method"), ==, "GET");
  g_assert_cmpstr (jstr (log, "requests.0.path"), ==, "/v1/environment");
  g_assert_cmpstr (jstr (log, "requests.0.query"), ==, "_is_native=1");
  g_assert_cmpint (jint (log, "requests.0.status"), ==, 200);
  g_assert_cmpint (jint (log, "requests.0.at_ms"), >, 0);
  g_assert_cmpstr (jstr (log, "requests.1.method"), ==, "POST");
  g_assert_cmpstr (jstr (log, "requests.1.path"), ==, "/v1/client");
  g_assert_cmpint (jint (log, "requests.2.status"), ==, 404);
  g_clear_pointer (&log, json_node_unref);

  log = dev_json (server, "DELETE", "/__dev/requests", NULL, 200);
  g_clear_pointer (&log, json_node_unref);
  log = dev_json (server, "GET", "/__dev/requests", NULL, 200);
  g_assert_cmpuint (jlen (log, "requests"), ==, 0);
}

static void
test_dev_faults (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autoptr(JsonNode) fault = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *url = g_strconcat (mfa_test_server_get_base_url (server), "/v1/environment", NULL);

  /* status, once. */
  fault = dev_json (server, "POST", "/__dev/faults",
                    "{\"path\":\"/v1/env*\",\"kind\":\"status\",\"status\":503,\"times\":1}", 200);
  g_assert_cmpint (jint (fault, "fault_id"), >, 0);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  assert_error (reply, 503, "internal_clerk_error");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* 429 carries Retry-After; a method filter. */
  fault = dev_json (server, "POST", "/__dev/faults",
                    "{\"method\":\"POST\",\"path\":\"/v1/client\",\"kind\":\"status\",\"status\":429}",
                    200);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "POST", "/v1/client", NULL);
  assert_error (reply, 429, "too_many_requests");
  g_assert_cmpstr (reply->retry_after, ==, "1");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  fault = dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  g_clear_pointer (&fault, json_node_unref);

  /* malformed: 200 with a body that is not JSON. */
  fault = dev_json (server, "POST", "/__dev/faults",
                    "{\"path\":\"/v1/environment\",\"kind\":\"malformed\",\"times\":1}", 200);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (reply->root);
  g_clear_pointer (&reply, reply_free);

  /* drop and truncate: transport errors. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"path\":\"/v1/environment\",\"kind\":\"%s\","
                                               "\"times\":1}", i == 0 ? "drop" : "truncate");
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      /* A fresh connection: libsoup would retry a failed reused one. */
      fault = dev_json (server, "POST", "/__dev/faults", json, 200);
      g_clear_pointer (&fault, json_node_unref);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (i == 0)
        {
          g_assert_null (body);
          g_assert_nonnull (error);
        }
      else if (body != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          /* Fewer bytes than Content-Length announced, and not JSON. */
          g_assert_cmpuint (g_bytes_get_size (body), <, 4096);
          g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                      g_bytes_get_size (body), NULL));
        }
    }

  /* latency: the answer is late but right. */
  {
    gint64 start;

    fault = dev_json (server, "POST", "/__dev/faults",
                      "{\"path\":\"/v1/*\",\"kind\":\"latency\",\"latency_ms\":400,\"times\":1}", 200);
    g_clear_pointer (&fault, json_node_unref);
    start = g_get_monotonic_time ();
    reply = test_call (client, "GET", "/v1/environment", NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
    g_clear_pointer (&reply, reply_free);
  }

  /* Bad fault descriptions. */
  fault = dev_json (server, "POST", "/__dev/faults", "{\"path\":\"/v1/*\",\"kind\":\"explode\"}", 422);
  g_clear_pointer (&fault, json_node_unref);
  fault = dev_json (server, "POST", "/__dev/faults", "not json", 422);
}

static void
test_dev_reset_and_sms (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = create_user (server, USER);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(Reply) reply = NULL;

  sign_in (client, "ann@example.com", "secret-pw-42");
  node = dev_json (server, "GET", "/__dev/sms?phone_number=%2B12015550211", NULL, 200);
  g_assert_cmpuint (jlen (node, "messages"), ==, 1);
  g_assert_cmpstr (jstr (node, "messages.0.phone_number"), ==, "+12015550211");
  g_assert_cmpuint (strlen (jstr (node, "messages.0.code")), ==, 6);
  g_clear_pointer (&node, json_node_unref);
  node = dev_json (server, "GET", "/__dev/sms?phone_number=%2B12015550999", NULL, 200);
  g_assert_cmpuint (jlen (node, "messages"), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  node = dev_json (server, "DELETE", "/__dev/sms", NULL, 200);
  g_clear_pointer (&node, json_node_unref);
  g_assert_null (mfa_test_server_last_sms_code (server, "+12015550211"));

  node = dev_json (server, "POST", "/__dev/reset", "{}", 200);
  g_clear_pointer (&node, json_node_unref);
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_error (reply, 422, "form_identifier_not_found");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/state/restart", test_restart);
  g_test_add_func ("/fapi/state/storage", test_storage);
  g_test_add_func ("/fapi/dev/clock-and-settings", test_dev_clock_and_settings);
  g_test_add_func ("/fapi/dev/requests", test_dev_requests);
  g_test_add_func ("/fapi/dev/faults", test_dev_faults);
  g_test_add_func ("/fapi/dev/reset-and-sms", test_dev_reset_and_sms);

  return g_test_run ();
}
