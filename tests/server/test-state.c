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

#include "mfa-test-utils.h"

#define USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"secret-pw-42\"," \
  "\"phones\":[{\"phone_number\":\"+12015550211\",\"verified\":true,\"reserved\":true}]}"

static void
test_restart (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, USER);
  g_autofree char *phone_id = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autofree char *old_url = g_strdup (mfa_test_server_get_base_url (server));

  test_client_sign_in (client, "ann@example.com", "secret-pw-42");
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

    test_client_sign_in (other, "ann@example.com", "secret-pw-42");
  }
}

static void
test_storage (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autofree char *user_id = mfa_test_create_user (server, USER);
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
  g_autoptr(JsonNode) before = mfa_test_dev_json (server, "GET", "/__dev/clock", NULL, 200);
  g_autoptr(JsonNode) after = mfa_test_dev_json (server, "POST", "/__dev/clock", "{\"advance_ms\":3600000}", 200);
  g_autoptr(JsonNode) set = mfa_test_dev_json (server, "POST", "/__dev/clock", "{\"set_ms\":1767225600000}", 200);
  g_autoptr(JsonNode) settings = NULL;

  g_assert_cmpint (jint (after, "now_ms") - jint (before, "now_ms"), >=, 3600000);
  g_assert_cmpint (jint (after, "now_ms") - jint (before, "now_ms"), <, 3600000 + 5000);
  g_assert_cmpint (jint (set, "now_ms") - 1767225600000, <, 5000);

  settings = mfa_test_dev_json (server, "POST", "/__dev/settings",
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

  log = mfa_test_dev_json (server, "GET", "/__dev/requests", NULL, 200);
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

  log = mfa_test_dev_json (server, "DELETE", "/__dev/requests", NULL, 200);
  g_clear_pointer (&log, json_node_unref);
  log = mfa_test_dev_json (server, "GET", "/__dev/requests", NULL, 200);
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
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
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
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
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
  fault = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  g_clear_pointer (&fault, json_node_unref);

  /* malformed: 200 with a body that is not JSON. */
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
                             "{\"path\":\"/v1/environment\",\"kind\":\"malformed\",\"times\":1}", 200);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "GET", "/v1/environment", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (reply->root);
  g_clear_pointer (&reply, reply_free);

  /* drop: the connection closes without a response; truncate: fewer
   * bytes than Content-Length announced. Both are transport errors to a
   * libsoup client. A fresh session each time: libsoup would retry a
   * request that failed on a reused connection. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"path\":\"/v1/environment\",\"kind\":\"%s\","
                                               "\"times\":1}", i == 0 ? "drop" : "truncate");
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      fault = mfa_test_dev_json (server, "POST", "/__dev/faults", json, 200);
      g_clear_pointer (&fault, json_node_unref);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (i == 0)
        {
          g_assert_null (body);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
        }
      else if (body == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          /* libsoup 3.2 hands over what came before the connection
           * closed: a 200 with less than Content-Length, not JSON. */
          g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
          g_assert_cmpint (soup_message_headers_get_content_length (
                             soup_message_get_response_headers (msg)), ==, 4096);
          g_assert_cmpuint (g_bytes_get_size (body), >, 0);
          g_assert_cmpuint (g_bytes_get_size (body), <, 4096);
          g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                      g_bytes_get_size (body), NULL));
        }
    }

  /* latency: the answer is late but right... */
  {
    gint64 start;

    fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
                               "{\"path\":\"/v1/*\",\"kind\":\"latency\",\"latency_ms\":400,\"times\":1}", 200);
    g_clear_pointer (&fault, json_node_unref);
    start = g_get_monotonic_time ();
    reply = test_call (client, "GET", "/v1/environment", NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
    g_clear_pointer (&reply, reply_free);
  }

  /* ...and a client with a shorter timeout gives up first. */
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
                               "{\"path\":\"/v1/environment\",\"kind\":\"latency\",\"latency_ms\":2500,"
                               "\"times\":1}", 200);
    g_clear_pointer (&fault, json_node_unref);
    body = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_null (body);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  }

  /* times counts down: two failures, then the real answer. */
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
                             "{\"path\":\"/v1/me*\",\"kind\":\"status\",\"status\":500,\"times\":2}", 200);
  g_clear_pointer (&fault, json_node_unref);
  for (guint i = 0; i < 2; i++)
    {
      reply = test_call (client, "GET", "/v1/me", NULL);
      assert_error (reply, 500, "internal_clerk_error");
      g_clear_pointer (&reply, reply_free);
    }
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);

  /* A 4xx status keeps Clerk's error shape; /__dev routes never fault. */
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults",
                             "{\"path\":\"*\",\"kind\":\"status\",\"status\":418}", 200);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "GET", "/v1/client", NULL);
  assert_error (reply, 418, "request_failed");
  g_clear_pointer (&reply, reply_free);
  fault = mfa_test_dev_json (server, "GET", "/__dev/clock", NULL, 200);
  g_clear_pointer (&fault, json_node_unref);
  fault = mfa_test_dev_json (server, "DELETE", "/__dev/faults", NULL, 200);
  g_clear_pointer (&fault, json_node_unref);
  reply = test_call (client, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Faulted requests are in the request log, with the status given. */
  fault = mfa_test_dev_json (server, "GET", "/__dev/requests", NULL, 200);
  g_assert_cmpuint (jlen (fault, "requests"), >, 0);
  g_clear_pointer (&fault, json_node_unref);

  /* Bad fault descriptions. */
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults", "{\"path\":\"/v1/*\",\"kind\":\"explode\"}", 422);
  g_clear_pointer (&fault, json_node_unref);
  fault = mfa_test_dev_json (server, "POST", "/__dev/faults", "not json", 422);
}

static void
test_dev_reset_and_sms (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(TestClient) client = test_client_new (server);
  g_autofree char *user_id = mfa_test_create_user (server, USER);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (client, "ann@example.com", "secret-pw-42");
  node = mfa_test_dev_json (server, "GET", "/__dev/sms?phone_number=%2B12015550211", NULL, 200);
  g_assert_cmpuint (jlen (node, "messages"), ==, 1);
  g_assert_cmpstr (jstr (node, "messages.0.phone_number"), ==, "+12015550211");
  g_assert_cmpuint (strlen (jstr (node, "messages.0.code")), ==, 6);
  g_clear_pointer (&node, json_node_unref);
  node = mfa_test_dev_json (server, "GET", "/__dev/sms?phone_number=%2B12015550999", NULL, 200);
  g_assert_cmpuint (jlen (node, "messages"), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  node = mfa_test_dev_json (server, "DELETE", "/__dev/sms", NULL, 200);
  g_clear_pointer (&node, json_node_unref);
  g_assert_null (mfa_test_server_last_sms_code (server, "+12015550211"));

  node = mfa_test_dev_json (server, "POST", "/__dev/reset", "{}", 200);
  g_clear_pointer (&node, json_node_unref);
  reply = test_call (client, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "authentication_invalid");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (client, "POST", "/v1/client/sign_ins", "identifier", "ann@example.com", NULL);
  assert_error (reply, 422, "form_identifier_not_found");
}

/* Without --dev-routes only the SMS outbox is served. */
static void
test_dev_routes_off (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new (NULL);
  static const char * const routes[][3] = {
    { "POST", "/__dev/users", "{\"identifier\":\"x@example.com\"}" },
    { "GET", "/__dev/clock", NULL },
    { "POST", "/__dev/clock", "{\"advance_ms\":1}" },
    { "GET", "/__dev/settings", NULL },
    { "POST", "/__dev/settings", "{\"attempt_limit\":9}" },
    { "POST", "/__dev/faults", "{\"path\":\"*\",\"kind\":\"drop\"}" },
    { "DELETE", "/__dev/faults", NULL },
    { "GET", "/__dev/requests", NULL },
    { "DELETE", "/__dev/requests", NULL },
    { "DELETE", "/__dev/sms", NULL },
    { "POST", "/__dev/reset", "{}" },
  };
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autoptr(JsonNode) answer = mfa_test_dev_json (server, routes[i][0], routes[i][1], routes[i][2], 404);

      g_assert_cmpstr (jstr (answer, "errors.0.code"), ==, "resource_not_found");
    }
  node = mfa_test_dev_json (server, "GET", "/__dev/sms", NULL, 200);
  g_assert_cmpuint (jlen (node, "messages"), ==, 0);
}

/* Settings are checked before any is applied, by either spelling. */
static void
test_dev_settings_checked (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", NULL);
  g_autoptr(JsonNode) node = NULL;
  static const char * const bad[] = {
    "{\"attempt_limit\":0}",
    "{\"code_ttl\":\"ten\"}",
    "{\"reverification\":\"maybe\"}",
    "{\"allowed_countries\":[1,2]}",
    "{\"resend_cooldown\":5,\"rate_limits\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) answer = mfa_test_dev_json (server, "POST", "/__dev/settings", bad[i], 422);

      g_assert_cmpstr (jstr (answer, "errors.0.code"), ==, "form_param_value_invalid");
    }
  node = mfa_test_dev_json (server, "POST", "/__dev/settings", "{\"no_such_flag\":1}", 422);
  g_assert_cmpstr (jstr (node, "errors.0.code"), ==, "form_param_unknown");
  g_assert_cmpstr (jstr (node, "errors.0.meta.param_name"), ==, "no_such_flag");
  g_clear_pointer (&node, json_node_unref);

  /* Nothing of the refused requests was applied. */
  node = mfa_test_dev_json (server, "GET", "/__dev/settings", NULL, 200);
  g_assert_cmpint (jint (node, "resend_cooldown"), ==, 30);
  g_assert_true (jbool (node, "rate_limits"));
  g_clear_pointer (&node, json_node_unref);

  node = mfa_test_dev_json (server, "POST", "/__dev/settings",
                            "{\"resend-cooldown\":5,\"code-ttl\":60,\"attempt-limit\":4,"
                            "\"reverification\":false,\"reverification-window\":30,"
                            "\"rate-limits\":\"off\",\"mfa-required\":true,"
                            "\"allowed-countries\":[\"gb\",\"us\"],\"backup_codes_enabled\":false}", 200);
  g_assert_cmpint (jint (node, "resend_cooldown"), ==, 5);
  g_assert_cmpint (jint (node, "code_ttl"), ==, 60);
  g_assert_cmpint (jint (node, "attempt_limit"), ==, 4);
  g_assert_false (jbool (node, "reverification"));
  g_assert_cmpint (jint (node, "reverification_window"), ==, 30);
  g_assert_false (jbool (node, "rate_limits"));
  g_assert_true (jbool (node, "mfa_required"));
  g_assert_cmpstr (jstr (node, "allowed_countries"), ==, "GB,US");
  g_assert_false (jbool (node, "backup_codes_enabled"));
  g_clear_pointer (&node, json_node_unref);

  /* The environment shows them. */
  {
    g_autoptr(TestClient) client = test_client_new (server);
    g_autoptr(Reply) reply = test_call (client, "GET", "/v1/environment", NULL);

    g_assert_true (jbool (reply->root, "user_settings.sign_in.second_factor.required"));
    g_assert_true (jbool (reply->root, "user_settings.sign_up.mfa.required"));
    g_assert_false (jbool (reply->root, "user_settings.attributes.backup_code.enabled"));
  }
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
  g_test_add_func ("/fapi/dev/routes-off", test_dev_routes_off);
  g_test_add_func ("/fapi/dev/settings-checked", test_dev_settings_checked);

  return g_test_run ();
}
