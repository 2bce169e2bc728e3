/* test-sessions.c: signed-in devices: each session's latest activity,
 * the user's active sessions and revoking one.
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

#define G_LOG_DOMAIN "test-sessions"

#include "config.h"

#include <string.h>

#include "mfa-test-utils.h"

#define FIREFOX_LINUX \
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
#define SAFARI_IPHONE \
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15" \
  " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
#define CHROME_MAC \
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36" \
  " (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

#define PLAIN_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"ann-pw-123\"}"

#define OTHER_USER \
  "{\"identifier\":\"bob@example.com\",\"password\":\"bob-pw-123\"}"

#define MINUTE_MS (60 * G_GINT64_CONSTANT (1000))
#define HOUR_MS (60 * MINUTE_MS)

/* A native client on a device whose browser says @user_agent (NULL:
 * no User-Agent at all). */
static TestClient *
device_new (MfaTestServer *server,
            const char    *user_agent)
{
  TestClient *client = test_client_new (server);

  if (user_agent != NULL)
    g_object_set (client->session, "user-agent", user_agent, NULL);
  return client;
}

static char *
current_session (TestClient *client)
{
  g_autoptr(Reply) reply = test_call (client, "GET", "/v1/client", NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (jstr (reply->root, "response.last_active_session_id"));
  return g_strdup (jstr (reply->root, "response.last_active_session_id"));
}

/* Another device of the user of @identifier, through POST /__dev/sessions;
 * returns its session id and, in @token, its client token. */
static char *
add_device (MfaTestServer *server,
            const char    *identifier,
            const char    *user_agent,
            const char    *ip_address,
            gint64         last_active_at,
            char         **token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, identifier);
  json_builder_set_member_name (builder, "user_agent");
  json_builder_add_string_value (builder, user_agent != NULL ? user_agent : "");
  if (ip_address != NULL)
    {
      json_builder_set_member_name (builder, "ip_address");
      json_builder_add_string_value (builder, ip_address);
    }
  if (last_active_at >= 0)
    {
      json_builder_set_member_name (builder, "last_active_at");
      json_builder_add_int_value (builder, last_active_at);
    }
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);

  reply = mfa_test_dev_json (server, "POST", "/__dev/sessions", body, 200);
  g_assert_true (g_str_has_prefix (jstr (reply, "session_id"), "sess_"));
  g_assert_nonnull (jstr (reply, "user_id"));
  if (token != NULL)
    *token = g_strdup (jstr (reply, "token"));
  return g_strdup (jstr (reply, "session_id"));
}

static Reply *
active_sessions (TestClient *client)
{
  Reply *reply = test_call (client, "GET", "/v1/me/sessions/active", NULL);

  if (reply->status != 200)
    g_error ("active sessions: %u %s", reply->status, reply->body);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply->root));
  return reply;
}

/* The entry of @session_id in a list of active sessions. */
static JsonObject *
find_session (JsonNode   *list,
              const char *session_id)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *session = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (session, "id"), session_id) == 0)
        return session;
    }
  g_error ("session %s is not in the list", session_id);
  return NULL;
}

static const char *
optional_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  /* Unknown values are left out, never null. */
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static void
assert_activity (JsonObject *session,
                 const char *device_type,
                 gboolean    is_mobile,
                 const char *browser_name,
                 const char *browser_version,
                 const char *ip_address,
                 const char *city,
                 const char *country)
{
  JsonObject *activity = json_object_get_object_member (session, "latest_activity");

  g_assert_nonnull (activity);
  g_assert_cmpstr (json_object_get_string_member (activity, "object"), ==, "session_activity");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (activity, "id"), "sact_"));
  g_assert_cmpstr (optional_string (activity, "device_type"), ==, device_type);
  g_assert_cmpint (json_object_get_boolean_member (activity, "is_mobile"), ==, is_mobile);
  g_assert_cmpstr (optional_string (activity, "browser_name"), ==, browser_name);
  g_assert_cmpstr (optional_string (activity, "browser_version"), ==, browser_version);
  g_assert_cmpstr (optional_string (activity, "ip_address"), ==, ip_address);
  g_assert_cmpstr (optional_string (activity, "city"), ==, city);
  g_assert_cmpstr (optional_string (activity, "country"), ==, country);
}

/* Three real sign-ins of one user from three devices: three sessions of
 * that user, each with what its User-Agent and address say. */
static void
test_activity (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) firefox = device_new (server, FIREFOX_LINUX);
  g_autoptr(TestClient) iphone = device_new (server, SAFARI_IPHONE);
  g_autoptr(TestClient) unknown = device_new (server, NULL);
  g_autofree char *firefox_id = NULL;
  g_autofree char *iphone_id = NULL;
  g_autofree char *unknown_id = NULL;
  g_autoptr(Reply) reply = NULL;
  JsonArray *list;

  test_client_sign_in (firefox, "ann@example.com", "ann-pw-123");
  test_client_sign_in (iphone, "ann@example.com", "ann-pw-123");
  test_client_sign_in (unknown, "ann@example.com", "ann-pw-123");
  firefox_id = current_session (firefox);
  iphone_id = current_session (iphone);
  unknown_id = current_session (unknown);
  g_assert_cmpstr (firefox_id, !=, iphone_id);
  g_assert_cmpstr (iphone_id, !=, unknown_id);
  g_assert_cmpstr (firefox_id, !=, unknown_id);

  reply = active_sessions (firefox);
  list = json_node_get_array (reply->root);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  /* The device asking comes first. */
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, firefox_id);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *session = json_array_get_object_element (list, i);

      g_assert_cmpstr (json_object_get_string_member (session, "object"), ==, "session");
      g_assert_cmpstr (json_object_get_string_member (session, "status"), ==, "active");
      g_assert_cmpint (json_object_get_int_member (session, "last_active_at"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (session, "user"),
                                                      "id"), ==, user_id);
    }

  assert_activity (find_session (reply->root, firefox_id), "Linux", FALSE, "Firefox", "128.0",
                   "127.0.0.1", "San Francisco", "US");
  assert_activity (find_session (reply->root, iphone_id), "iPhone", TRUE, "Safari", "17.5",
                   "127.0.0.1", "San Francisco", "US");
  assert_activity (find_session (reply->root, unknown_id), NULL, FALSE, NULL, NULL,
                   "127.0.0.1", "San Francisco", "US");

  /* Every device sees the same three, itself first. */
  g_clear_pointer (&reply, reply_free);
  reply = active_sessions (iphone);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 3);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, iphone_id);

  /* Each client still holds only its own session. */
  g_clear_pointer (&reply, reply_free);
  reply = test_call (unknown, "GET", "/v1/client", NULL);
  g_assert_cmpuint (jlen (reply->root, "response.sessions"), ==, 1);
  g_assert_cmpstr (jstr (reply->root, "response.sessions.0.id"), ==, unknown_id);
}

/* The rules for User-Agents and addresses, through devices made by the
 * dev route. */
static void
test_agents (void)
{
  static const struct {
    const char *user_agent;
    const char *ip_address;
    const char *device_type;
    gboolean    is_mobile;
    const char *browser_name;
    const char *browser_version;
    const char *city;
    const char *country;
  } cases[] = {
    { CHROME_MAC, "192.0.2.10", "Macintosh", FALSE, "Chrome", "126.0.0.0", "London", "GB" },
    { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
      " Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
      "198.51.100.7", "Windows", FALSE, "Edge", "126.0.2592.87", "Toronto", "CA" },
    { "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
      "203.0.113.9", "Windows", FALSE, "Firefox", "128.0", "Sydney", "AU" },
    { "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
      " Chrome/126.0.6478.122 Mobile Safari/537.36",
      "::1", "Android", TRUE, "Chrome", "126.0.6478.122", "San Francisco", "US" },
    { "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
      " Version/17.5 Mobile/15E148 Safari/604.1",
      "10.1.2.3", "iPad", TRUE, "Safari", "17.5", NULL, NULL },
    { "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
      " Version/17.5 Safari/605.1.15",
      "2001:db8::1", "Macintosh", FALSE, "Safari", "17.5", NULL, NULL },
    { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
      " (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
      "127.0.0.1", "iPhone", TRUE, "Chrome", "126.0.6478.54", "San Francisco", "US" },
    { "curl/8.5.0", "127.0.0.1", NULL, FALSE, NULL, NULL, "San Francisco", "US" },
    { "mfa-manager/0.1 (org.example.MfaManager)", "127.0.0.1", NULL, FALSE, NULL, NULL,
      "San Francisco", "US" },
    { NULL, "127.0.0.1", NULL, FALSE, NULL, NULL, "San Francisco", "US" },
  };
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) client = device_new (server, FIREFOX_LINUX);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  test_client_sign_in (client, "ann@example.com", "ann-pw-123");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_ptr_array_add (ids, add_device (server, "ann@example.com", cases[i].user_agent,
                                      cases[i].ip_address, -1, NULL));

  reply = active_sessions (client);
  g_assert_cmpuint (jlen (reply->root, ""), ==, G_N_ELEMENTS (cases) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].user_agent != NULL ? cases[i].user_agent : "(none)");
      assert_activity (find_session (reply->root, g_ptr_array_index (ids, i)),
                       cases[i].device_type, cases[i].is_mobile, cases[i].browser_name,
                       cases[i].browser_version, cases[i].ip_address, cases[i].city,
                       cases[i].country);
    }

  /* The dev route's refusals. */
  {
    guint status = 0;
    g_autofree char *body = NULL;

    body = mfa_test_server_dev_request (server, "POST", "/__dev/sessions",
                                        "{\"identifier\":\"nobody@example.com\"}", &status);
    g_assert_cmpuint (status, ==, 422);
    g_assert_nonnull (strstr (body, "form_identifier_not_found"));
    g_free (body);
    body = mfa_test_server_dev_request (server, "POST", "/__dev/sessions",
                                        "{\"identifier\":\"ann@example.com\","
                                        "\"ip_address\":\"not an address\"}", &status);
    g_assert_cmpuint (status, ==, 422);
    g_assert_nonnull (strstr (body, "ip_address"));
    g_free (body);
    body = mfa_test_server_dev_request (server, "POST", "/__dev/sessions", "{}", &status);
    g_assert_cmpuint (status, ==, 422);
  }
}

/* last_active_at is the server clock at the session's last use, by
 * whichever request of its device; the list puts the asking device
 * first, then the others from the most recently active. */
static void
test_last_active (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) laptop = device_new (server, FIREFOX_LINUX);
  g_autoptr(TestClient) phone = device_new (server, SAFARI_IPHONE);
  g_autoptr(TestClient) old = test_client_new (server);
  g_autofree char *laptop_id = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *old_activity = NULL;
  g_autoptr(Reply) reply = NULL;
  const gint64 t0 = G_GINT64_CONSTANT (1798761600000);
  gint64 phone_at;
  gint64 old_at;

  dev_clock_set (server, t0);
  test_client_sign_in (laptop, "ann@example.com", "ann-pw-123");
  test_client_sign_in (phone, "ann@example.com", "ann-pw-123");
  laptop_id = current_session (laptop);
  phone_id = current_session (phone);
  /* A device last used a day before, signed in through the dev route. */
  old_id = add_device (server, "ann@example.com", CHROME_MAC, "192.0.2.1", t0 - 24 * HOUR_MS,
                       &old->token);

  /* An hour on, the phone asks for its user. */
  dev_clock_advance (server, HOUR_MS);
  reply = test_call (phone, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Another hour on, the laptop lists the sessions: its own use is now. */
  dev_clock_advance (server, HOUR_MS);
  reply = active_sessions (laptop);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 3);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, laptop_id);
  g_assert_cmpstr (jstr (reply->root, "1.id"), ==, phone_id);
  g_assert_cmpstr (jstr (reply->root, "2.id"), ==, old_id);
  g_assert_cmpint (jint (reply->root, "0.last_active_at"), >=, t0 + 2 * HOUR_MS);
  g_assert_cmpint (jint (reply->root, "0.last_active_at"), <, t0 + 2 * HOUR_MS + MINUTE_MS);
  phone_at = jint (reply->root, "1.last_active_at");
  g_assert_cmpint (phone_at, >=, t0 + HOUR_MS);
  g_assert_cmpint (phone_at, <, t0 + HOUR_MS + MINUTE_MS);
  g_assert_cmpint (jint (reply->root, "2.last_active_at"), ==, t0 - 24 * HOUR_MS);
  old_activity = g_strdup (jstr (reply->root, "2.latest_activity.id"));
  g_clear_pointer (&reply, reply_free);

  /* The phone asks again, now as the list's first entry. */
  reply = active_sessions (phone);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, phone_id);
  g_assert_cmpint (jint (reply->root, "0.last_active_at"), >=, t0 + 2 * HOUR_MS);
  g_assert_cmpstr (jstr (reply->root, "1.id"), ==, laptop_id);
  g_clear_pointer (&reply, reply_free);

  /* The old device is used again, from another browser and address (no
   * User-Agent, loopback): a new activity, and it moves up. */
  dev_clock_advance (server, MINUTE_MS);
  reply = test_call (old, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  reply = active_sessions (laptop);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, laptop_id);
  g_assert_cmpstr (jstr (reply->root, "1.id"), ==, old_id);
  g_assert_cmpstr (jstr (reply->root, "2.id"), ==, phone_id);
  g_assert_cmpstr (jstr (reply->root, "1.latest_activity.id"), !=, old_activity);
  assert_activity (find_session (reply->root, old_id), NULL, FALSE, NULL, NULL, "127.0.0.1",
                   "San Francisco", "US");
  old_at = jint (reply->root, "1.last_active_at");
  phone_at = jint (reply->root, "2.last_active_at");
  g_assert_cmpint (old_at, >, phone_at);
  g_clear_pointer (&reply, reply_free);

  /* A request without their tokens moves neither. */
  dev_clock_advance (server, HOUR_MS);
  {
    g_autoptr(TestClient) stranger = test_client_new (server);
    g_autoptr(Reply) environment = test_call (stranger, "GET", "/v1/environment", NULL);

    g_assert_cmpuint (environment->status, ==, 200);
  }
  reply = active_sessions (laptop);
  g_assert_cmpint (jint (reply->root, "1.last_active_at"), ==, old_at);
  g_assert_cmpint (jint (reply->root, "2.last_active_at"), ==, phone_at);
}

static char *
revoke_path (const char *session_id)
{
  return g_strdup_printf ("/v1/me/sessions/%s/revoke", session_id);
}

/* Revoking another device: it is revoked, gone from the list, and its
 * next request is signed out; the refusals. */
static void
test_revoke (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autofree char *other_user = mfa_test_create_user (server, OTHER_USER);
  g_autoptr(TestClient) laptop = device_new (server, FIREFOX_LINUX);
  g_autoptr(TestClient) phone = device_new (server, SAFARI_IPHONE);
  g_autoptr(TestClient) stranger = device_new (server, CHROME_MAC);
  g_autofree char *laptop_id = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *stranger_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (laptop, "ann@example.com", "ann-pw-123");
  test_client_sign_in (phone, "ann@example.com", "ann-pw-123");
  test_client_sign_in (stranger, "bob@example.com", "bob-pw-123");
  laptop_id = current_session (laptop);
  phone_id = current_session (phone);
  stranger_id = current_session (stranger);

  path = revoke_path (phone_id);
  reply = test_call (laptop, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.object"), ==, "session");
  g_assert_cmpstr (jstr (reply->root, "response.id"), ==, phone_id);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "revoked");
  g_assert_true (jnull (reply->root, "response.last_active_token"));
  g_assert_cmpstr (jstr (reply->root, "response.user.id"), ==, user_id);
  /* The client is the laptop's, still signed in. */
  g_assert_cmpstr (jstr (reply->root, "client.last_active_session_id"), ==, laptop_id);
  g_assert_cmpuint (jlen (reply->root, "client.sessions"), ==, 1);
  g_clear_pointer (&reply, reply_free);

  reply = active_sessions (laptop);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 1);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, laptop_id);
  g_clear_pointer (&reply, reply_free);

  /* The phone is signed out, as after a sign-out: its client stays,
   * without a session. */
  reply = test_call (phone, "GET", "/v1/me", NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);
  {
    g_autofree char *me = g_strdup_printf ("/v1/me?_clerk_session_id=%s", phone_id);

    reply = test_call (phone, "GET", me, NULL);
    assert_error (reply, 401, "signed_out");
    g_clear_pointer (&reply, reply_free);
  }
  reply = test_call (phone, "GET", "/v1/me/sessions/active", NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (phone, "GET", "/v1/client", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (jlen (reply->root, "response.sessions"), ==, 0);
  g_assert_true (jnull (reply->root, "response.last_active_session_id"));
  g_clear_pointer (&reply, reply_free);
  {
    g_autofree char *session = g_strdup_printf ("/v1/client/sessions/%s", phone_id);

    reply = test_call (phone, "GET", session, NULL);
    assert_error (reply, 404, "resource_not_found");
    g_clear_pointer (&reply, reply_free);
  }

  /* Revoked again, the session itself, one not known, another user's. */
  reply = test_call (laptop, "POST", path, NULL);
  assert_error (reply, 400, "invalid_action_for_session");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = revoke_path (laptop_id);
  reply = test_call (laptop, "POST", path, NULL);
  assert_error (reply, 400, "invalid_action_for_session");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (laptop, "POST", "/v1/me/sessions/sess_nothing/revoke", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  g_free (path);
  path = revoke_path (stranger_id);
  reply = test_call (laptop, "POST", path, NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (stranger, "GET", "/v1/me", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);

  /* Only POST; a signed-out device cannot revoke. */
  g_free (path);
  path = revoke_path (laptop_id);
  reply = test_call (laptop, "GET", path, NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (phone, "POST", path, NULL);
  assert_error (reply, 401, "signed_out");
  g_clear_pointer (&reply, reply_free);

  /* The phone signs in again: a new session, listed again. */
  test_client_sign_in (phone, "ann@example.com", "ann-pw-123");
  reply = active_sessions (laptop);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 2);
  g_assert_cmpstr (jstr (reply->root, "1.id"), !=, phone_id);
}

/* Past the step-up window, revoking waits for a step-up; an unknown id
 * is still 404 first. */
static void
test_revoke_step_up (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off",
                                                         NULL);
  g_autofree char *user_id = mfa_test_create_user (server, PLAIN_USER);
  g_autoptr(TestClient) laptop = device_new (server, FIREFOX_LINUX);
  g_autofree char *laptop_id = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *verify = NULL;
  g_autoptr(Reply) reply = NULL;

  test_client_sign_in (laptop, "ann@example.com", "ann-pw-123");
  laptop_id = current_session (laptop);
  phone_id = add_device (server, "ann@example.com", SAFARI_IPHONE, "198.51.100.2", -1, NULL);
  path = revoke_path (phone_id);

  dev_clock_advance (server, 11 * MINUTE_MS);
  reply = test_call (laptop, "POST", path, NULL);
  assert_error (reply, 403, "session_reverification_required");
  g_assert_cmpstr (jstr (reply->root, "errors.0.meta.reverification.level"), ==, "first_factor");
  g_clear_pointer (&reply, reply_free);
  reply = test_call (laptop, "POST", "/v1/me/sessions/sess_nothing/revoke", NULL);
  assert_error (reply, 404, "resource_not_found");
  g_clear_pointer (&reply, reply_free);
  reply = active_sessions (laptop);
  g_assert_cmpuint (jlen (reply->root, ""), ==, 2);
  g_clear_pointer (&reply, reply_free);

  verify = g_strdup_printf ("/v1/client/sessions/%s/verify", laptop_id);
  reply = test_call (laptop, "POST", verify, "level", "first_factor", NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, reply_free);
  g_free (verify);
  verify = g_strdup_printf ("/v1/client/sessions/%s/verify/attempt_first_factor", laptop_id);
  reply = test_call (laptop, "POST", verify, "strategy", "password", "password", "ann-pw-123",
                     NULL);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "complete");
  g_clear_pointer (&reply, reply_free);

  reply = test_call (laptop, "POST", path, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (jstr (reply->root, "response.status"), ==, "revoked");
  g_clear_pointer (&reply, reply_free);

  /* With step-up off nothing waits. */
  {
    g_autoptr(JsonNode) settings = mfa_test_dev_json (server, "POST", "/__dev/settings",
                                                      "{\"reverification\":false}", 200);
    g_autofree char *tablet_id = add_device (server, "ann@example.com", NULL, NULL, -1, NULL);
    g_autofree char *tablet = revoke_path (tablet_id);

    dev_clock_advance (server, 60 * MINUTE_MS);
    reply = test_call (laptop, "POST", tablet, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* The demo account is signed in on a phone and a browser besides the
 * app, the phone more recently. */
static void
test_demo_devices (void)
{
  g_autoptr(MfaTestServer) server = mfa_test_server_new ("--seed-demo", NULL);
  g_autoptr(TestClient) client = device_new (server, FIREFOX_LINUX);
  g_autofree char *line = mfa_test_server_wait_for_line (server, "demo account: ", 5000);
  g_autofree char *own_id = NULL;
  g_autoptr(Reply) reply = NULL;
  gint64 now;

  g_assert_nonnull (line);
  test_client_sign_in (client, "demo@example.com", strrchr (line, ' ') + 1);
  own_id = current_session (client);
  reply = active_sessions (client);
  now = jint (reply->root, "0.last_active_at");

  g_assert_cmpuint (jlen (reply->root, ""), ==, 3);
  g_assert_cmpstr (jstr (reply->root, "0.id"), ==, own_id);
  assert_activity (json_array_get_object_element (json_node_get_array (reply->root), 1),
                   "iPhone", TRUE, "Safari", "17.5", "198.51.100.23", "Toronto", "CA");
  assert_activity (json_array_get_object_element (json_node_get_array (reply->root), 2),
                   "Windows", FALSE, "Firefox", "128.0", "192.0.2.45", "London", "GB");
  g_assert_cmpint (now - jint (reply->root, "1.last_active_at"), >=, 2 * HOUR_MS);
  g_assert_cmpint (now - jint (reply->root, "1.last_active_at"), <, 2 * HOUR_MS + MINUTE_MS);
  g_assert_cmpint (now - jint (reply->root, "2.last_active_at"), >=, 72 * HOUR_MS);
  g_assert_cmpint (now - jint (reply->root, "2.last_active_at"), <, 72 * HOUR_MS + MINUTE_MS);

  /* A restart on the same database replaces them rather than adding. */
  mfa_test_server_restart (server);
  {
    g_autoptr(TestClient) again = device_new (server, FIREFOX_LINUX);
    g_autofree char *new_line = NULL;
    g_autoptr(Reply) list = NULL;

    /* The restarted server prints its account again. */
    new_line = mfa_test_server_wait_for_line (server, "demo account: ", 5000);
    g_assert_nonnull (new_line);
    test_client_sign_in (again, "demo@example.com", strrchr (new_line, ' ') + 1);
    list = active_sessions (again);
    /* The first sign-in's session, this one, and the two devices. */
    g_assert_cmpuint (jlen (list->root, ""), ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fapi/sessions/activity", test_activity);
  g_test_add_func ("/fapi/sessions/agents", test_agents);
  g_test_add_func ("/fapi/sessions/last-active", test_last_active);
  g_test_add_func ("/fapi/sessions/revoke", test_revoke);
  g_test_add_func ("/fapi/sessions/revoke-step-up", test_revoke_step_up);
  g_test_add_func ("/fapi/sessions/demo-devices", test_demo_devices);

  return g_test_run ();
}
