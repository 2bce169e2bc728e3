/* fapi-sessions.c
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

#define G_LOG_DOMAIN "mfa-fapi-server"

#include "config.h"

#include <string.h>

#include "fapi-server.h"

/* Signed-in devices: the latest activity of each session (read from the
 * User-Agent and the address of the request that signed in or last used
 * it), GET /v1/me/sessions/active and POST /v1/me/sessions/{id}/revoke.
 *
 * A session keeps the User-Agent and address it was last used from;
 * what the activity says of them (device, browser, place) is worked out
 * when it is shown, by the rules below. A request that uses a session
 * moves its last_active_at to the server clock and, when it comes from
 * another User-Agent or address, starts a new activity (a new id). */

/* What a User-Agent says of the device and the browser. */
typedef struct
{
  const char *device_type;          /* NULL: unknown */
  gboolean    is_mobile;
  const char *browser_name;         /* NULL: unknown */
  char       *browser_version;      /* NULL: unknown */
} Agent;

/* The version after @product ("Firefox/" gives "128.0"): digits and
 * dots, or NULL when @product is absent or not followed by one. */
static char *
product_version (const char *user_agent,
                 const char *product)
{
  const char *at = strstr (user_agent, product);
  const char *start;
  const char *end;

  if (at == NULL)
    return NULL;
  start = at + strlen (product);
  for (end = start; g_ascii_isdigit (*end) || *end == '.'; end++)
    ;
  while (end > start && end[-1] == '.')
    end--;
  if (end == start || !g_ascii_isdigit (*start))
    return NULL;
  return g_strndup (start, end - start);
}

/* The browsers, in the order they are looked for: a browser built on
 * another names that one too (Edge and Opera say Chrome, Chrome says
 * Safari), so the more particular comes first. Safari's own version is
 * the one after "Version/". */
static const struct {
  const char *product;
  const char *name;
} browsers[] = {
  { "Edg/", "Edge" },
  { "EdgA/", "Edge" },
  { "EdgiOS/", "Edge" },
  { "Edge/", "Edge" },
  { "OPR/", "Opera" },
  { "OPiOS/", "Opera" },
  { "SamsungBrowser/", "Samsung Internet" },
  { "Firefox/", "Firefox" },
  { "FxiOS/", "Firefox" },
  { "Chromium/", "Chromium" },
  { "CriOS/", "Chrome" },
  { "Chrome/", "Chrome" },
};

/* The devices, likewise: an Android or Chrome OS agent also says Linux. */
static const struct {
  const char *token;
  const char *device_type;
  gboolean    is_mobile;
} devices[] = {
  { "iPhone", "iPhone", TRUE },
  { "iPad", "iPad", TRUE },
  { "iPod", "iPod", TRUE },
  { "Android", "Android", TRUE },
  { "CrOS", "Chrome OS", FALSE },
  { "Macintosh", "Macintosh", FALSE },
  { "Windows", "Windows", FALSE },
  { "Linux", "Linux", FALSE },
  { "X11", "Linux", FALSE },
};

static void
parse_agent (const char *user_agent,
             Agent      *agent)
{
  memset (agent, 0, sizeof *agent);
  if (user_agent == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      if (strstr (user_agent, devices[i].token) != NULL)
        {
          agent->device_type = devices[i].device_type;
          agent->is_mobile = devices[i].is_mobile;
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (browsers); i++)
    {
      agent->browser_version = product_version (user_agent, browsers[i].product);
      if (agent->browser_version != NULL)
        {
          agent->browser_name = browsers[i].name;
          return;
        }
    }
  if (strstr (user_agent, "Safari/") != NULL)
    {
      agent->browser_version = product_version (user_agent, "Version/");
      if (agent->browser_version != NULL)
        agent->browser_name = "Safari";
    }
}

/* Where an address is, as a geolocation service would say: fixed test
 * values for loopback and the three documentation ranges (RFC 5737),
 * nothing for any other address. */
static void
place_of (const char  *ip_address,
          const char **city,
          const char **country)
{
  static const struct {
    const char *prefix;
    const char *city;
    const char *country;
  } places[] = {
    { "127.", "San Francisco", "US" },
    { "192.0.2.", "London", "GB" },
    { "198.51.100.", "Toronto", "CA" },
    { "203.0.113.", "Sydney", "AU" },
  };

  *city = NULL;
  *country = NULL;
  if (ip_address == NULL)
    return;
  if (g_str_has_prefix (ip_address, "::ffff:"))
    ip_address += strlen ("::ffff:");
  if (g_str_equal (ip_address, "::1"))
    ip_address = "127.0.0.1";

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      if (g_str_has_prefix (ip_address, places[i].prefix))
        {
          *city = places[i].city;
          *country = places[i].country;
          return;
        }
    }
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  /* Clerk leaves out what it does not know (the OpenAPI file has these
   * members as strings, never null). */
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* Clerk's session_activity: {object, id, device_type?, is_mobile,
 * browser_name?, browser_version?, ip_address?, city?, country?}. */
JsonNode *
fapi_session_activity_json (const char *activity_id,
                            const char *user_agent,
                            const char *ip_address)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *city;
  const char *country;
  Agent agent;
  JsonNode *node;

  parse_agent (user_agent, &agent);
  place_of (ip_address, &city, &country);

  json_object_set_string_member (object, "object", "session_activity");
  json_object_set_string_member (object, "id", activity_id != NULL ? activity_id : "");
  set_optional_string (object, "device_type", agent.device_type);
  json_object_set_boolean_member (object, "is_mobile", agent.is_mobile);
  set_optional_string (object, "browser_name", agent.browser_name);
  set_optional_string (object, "browser_version", agent.browser_version);
  set_optional_string (object, "ip_address", ip_address);
  set_optional_string (object, "city", city);
  set_optional_string (object, "country", country);
  g_free (agent.browser_version);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* A /v1 request with the client's token uses the session it acts for
 * (?_clerk_session_id of this client, else the client's current one)
 * while that session is active: its last activity is now, from this
 * request's device. */
void
fapi_session_record_use (FapiRequest *req)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *session_id;
  const char *user_agent = NULL;
  const char *ip_address = NULL;
  gint64 now = fapi_clock_now_ms ();

  if (req->client == NULL || req->msg == NULL)
    return;
  session_id = fapi_request_param (req, "_clerk_session_id");
  if (session_id == NULL)
    session_id = req->client->last_active_session_id;
  if (session_id == NULL)
    return;

  stmt = fapi_store_query (req->server,
                           "SELECT user_id, user_agent, ip_address FROM sessions"
                           " WHERE id = ? AND client_id = ? AND status = 'active' AND expire_at > ?",
                           "ssi", session_id, req->client->id, now);
  if (!fapi_store_step (stmt))
    return;

  user_agent = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                             "User-Agent");
  ip_address = soup_server_message_get_remote_host (req->msg);
  if (g_strcmp0 (user_agent, (const char *) sqlite3_column_text (stmt, 1)) != 0 ||
      g_strcmp0 (ip_address, (const char *) sqlite3_column_text (stmt, 2)) != 0)
    {
      g_autofree char *activity_id = fapi_new_id ("sact_");

      fapi_store_exec (req->server,
                       "UPDATE sessions SET last_active_at = ?, activity_id = ?, user_agent = ?,"
                       " ip_address = ? WHERE id = ?",
                       "issss", now, activity_id, user_agent, ip_address, session_id);
    }
  else
    fapi_store_exec (req->server, "UPDATE sessions SET last_active_at = ? WHERE id = ?",
                     "is", now, session_id);
  fapi_store_exec (req->server, "UPDATE users SET last_active_at = ? WHERE id = ?",
                   "is", now, (const char *) sqlite3_column_text (stmt, 0));
}

/* Signs @user_id in on a new client, as another device would: the
 * session was last active at @last_active_at (created then, if that is
 * not later than now), from @user_agent and @ip_address, with the
 * factors the user has verified then. Returns the session id and, in
 * @token, the client's token. */
char *
fapi_session_add_device (FapiServer  *server,
                         const char  *user_id,
                         const char  *user_agent,
                         const char  *ip_address,
                         gint64       last_active_at,
                         char       **token)
{
  g_autoptr(FapiClient) client = fapi_client_create (server);
  gint64 now = fapi_clock_now_ms ();
  gint64 at = MIN (last_active_at, now);
  char *session_id;

  session_id = fapi_session_insert (server, client->id, user_id, at,
                                    fapi_user_two_factor_enabled (server, user_id) ? at : -1,
                                    user_agent, ip_address);
  client->last_active_session_id = g_strdup (session_id);
  client->last_authentication_strategy = g_strdup ("password");
  fapi_client_save (server, client);
  fapi_client_trust_add (server, user_id, client->id);
  if (token != NULL)
    *token = g_strdup (client->token);
  return session_id;
}

/* GET /v1/me/sessions/active: a bare array of the user's active
 * sessions on every client, each with its latest_activity; the session
 * the request acts for first, then the others from the most recently
 * active. */
void
fapi_handle_me_sessions_active (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *current_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *array;
  JsonNode *node;

  if (!g_str_equal (req->method, "GET"))
    return;
  user_id = fapi_session_current_user (req, &current_id);
  if (user_id == NULL)
    return;

  array = json_array_new ();
  stmt = fapi_store_query (req->server,
                           "SELECT id, activity_id, user_agent, ip_address FROM sessions"
                           " WHERE user_id = ? AND status = 'active' AND expire_at > ?"
                           " ORDER BY id = ? DESC, last_active_at DESC, created_at DESC, rowid DESC",
                           "sis", user_id, fapi_clock_now_ms (), current_id);
  while (fapi_store_step (stmt))
    {
      JsonNode *session = fapi_session_json_by_id (req->server,
                                                   (const char *) sqlite3_column_text (stmt, 0));

      json_object_set_member (json_node_get_object (session), "latest_activity",
                              fapi_session_activity_json ((const char *) sqlite3_column_text (stmt, 1),
                                                          (const char *) sqlite3_column_text (stmt, 2),
                                                          (const char *) sqlite3_column_text (stmt, 3)));
      json_array_add_element (array, session);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}

/* POST /v1/me/sessions/{id}/revoke: another active session of the
 * user; gated by step-up. A session that is not the user's, or not
 * known, is 404; the session the request acts for, or one no longer
 * active, 400 invalid_action_for_session (as Clerk documents: the
 * current session cannot be revoked). */
void
fapi_handle_me_session_revoke (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *current_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *session_id = req->segments[3];

  if (!g_str_equal (req->method, "POST"))
    return;
  user_id = fapi_session_current_user (req, &current_id);
  if (user_id == NULL)
    return;

  stmt = fapi_store_query (req->server,
                           "SELECT status = 'active' AND expire_at > ? FROM sessions"
                           " WHERE id = ? AND user_id = ?",
                           "iss", fapi_clock_now_ms (), session_id, user_id);
  if (!fapi_store_step (stmt))
    {
      fapi_reply_not_found (req, "Session");
      return;
    }
  if (g_str_equal (session_id, current_id) || sqlite3_column_int (stmt, 0) == 0)
    {
      g_autofree char *long_message = g_strdup_printf ("Unable to revoke session %s", session_id);

      fapi_reply_error (req, 400, "invalid_action_for_session", "Invalid action for user session",
                        long_message, NULL);
      return;
    }
  if (!fapi_reverification_check (req, current_id, user_id))
    return;

  fapi_session_revoke (req->server, session_id);
  fapi_reply_wrapped (req, fapi_session_json_by_id (req->server, session_id));
}
