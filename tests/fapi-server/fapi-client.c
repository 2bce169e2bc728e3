/* fapi-client.c
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

#include "fapi-server.h"

/* The client (one per device), its token, and its sessions:
 * /v1/client, /v1/client/sessions, /v1/client/sessions/{id}/...; the
 * devices and their revocation are in fapi-sessions.c. */

#define SESSION_LIFETIME_MS   (7 * 24 * 3600 * G_GINT64_CONSTANT (1000))
#define SESSION_ABANDON_MS    (30 * 24 * 3600 * G_GINT64_CONSTANT (1000))
#define SESSION_TOKEN_TTL_S   60

void
fapi_client_free (FapiClient *client)
{
  if (client == NULL)
    return;
  g_free (client->id);
  g_free (client->sign_in_id);
  g_free (client->last_active_session_id);
  g_free (client->last_authentication_strategy);
  g_free (client->token);
  g_free (client);
}

static char *
new_token (void)
{
  return fapi_random_string ("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 48);
}

FapiClient *
fapi_client_create (FapiServer *server)
{
  FapiClient *client = g_new0 (FapiClient, 1);
  gint64 now = fapi_clock_now_ms ();

  client->id = fapi_new_id ("client_");
  client->token = new_token ();
  client->created_at = now;
  client->updated_at = now;
  fapi_store_exec (server,
                   "INSERT INTO clients (id, created_at, updated_at) VALUES (?, ?, ?)",
                   "sii", client->id, now, now);
  fapi_store_exec (server,
                   "INSERT INTO client_tokens (token, client_id, current) VALUES (?, ?, 1)",
                   "ss", client->token, client->id);
  return client;
}

void
fapi_client_save (FapiServer *server,
                  FapiClient *client)
{
  client->updated_at = fapi_clock_now_ms ();
  fapi_store_exec (server,
                   "UPDATE clients SET sign_in_id = ?, last_active_session_id = ?,"
                   " last_authentication_strategy = ?, updated_at = ? WHERE id = ?",
                   "sssis", client->sign_in_id, client->last_active_session_id,
                   client->last_authentication_strategy, client->updated_at, client->id);
}

/* A new token replaces the old one, which stops working at once. */
void
fapi_client_rotate_token (FapiRequest *req)
{
  FapiClient *client = req->client;

  g_return_if_fail (client != NULL);

  fapi_store_exec (req->server, "DELETE FROM client_tokens WHERE client_id = ?", "s", client->id);
  g_free (client->token);
  client->token = new_token ();
  fapi_store_exec (req->server,
                   "INSERT INTO client_tokens (token, client_id, current) VALUES (?, ?, 1)",
                   "ss", client->token, client->id);
  req->token_changed = TRUE;
}

FapiTokenState
fapi_client_resolve (FapiServer  *server,
                     const char  *token,
                     FapiClient **out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FapiClient *client;

  *out = NULL;
  if (token == NULL)
    return FAPI_TOKEN_NONE;

  stmt = fapi_store_query (server,
                           "SELECT c.id, c.sign_in_id, c.last_active_session_id,"
                           " c.last_authentication_strategy, c.deleted, c.created_at, c.updated_at"
                           " FROM client_tokens t JOIN clients c ON c.id = t.client_id"
                           " WHERE t.token = ?",
                           "s", token);
  if (!fapi_store_step (stmt))
    return FAPI_TOKEN_UNKNOWN;
  if (sqlite3_column_int (stmt, 4) != 0)
    return FAPI_TOKEN_GONE;

  client = g_new0 (FapiClient, 1);
  client->id = fapi_store_dup_text (stmt, 0);
  client->sign_in_id = fapi_store_dup_text (stmt, 1);
  client->last_active_session_id = fapi_store_dup_text (stmt, 2);
  client->last_authentication_strategy = fapi_store_dup_text (stmt, 3);
  client->created_at = sqlite3_column_int64 (stmt, 5);
  client->updated_at = sqlite3_column_int64 (stmt, 6);
  client->token = g_strdup (token);
  *out = client;
  return FAPI_TOKEN_OK;
}

#define SESSION_COLUMNS \
  "id, user_id, status, first_factor_at, second_factor_at, last_active_at," \
  " expire_at, abandon_at, created_at, updated_at"

static const char *
session_status (sqlite3_stmt *row)
{
  const char *status = (const char *) sqlite3_column_text (row, 2);

  if (g_strcmp0 (status, "active") == 0 && fapi_clock_now_ms () >= sqlite3_column_int64 (row, 6))
    return "expired";
  return status;
}

static gint64
minutes_since (sqlite3_stmt *row,
               int           col,
               gint64        now)
{
  gint64 at = fapi_store_int_or (row, col, -1);

  if (at < 0)
    return -1;
  return MAX (now - at, 0) / 60000;
}

static char *
session_jwt (FapiServer   *server,
             sqlite3_stmt *row)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(JsonNode) header_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) payload_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *header_text = NULL;
  g_autofree char *payload_text = NULL;
  g_autofree char *header_b64 = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *sig_b64 = NULL;
  JsonArray *fva = json_array_new ();
  gint64 now = fapi_clock_now_ms ();
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  json_object_set_string_member (header, "alg", "HS256");
  json_object_set_string_member (header, "kid", "ins_local");
  json_object_set_string_member (header, "typ", "JWT");

  json_object_set_string_member (payload, "azp", server->base_url);
  json_object_set_int_member (payload, "exp", now / 1000 + SESSION_TOKEN_TTL_S);
  json_array_add_int_element (fva, minutes_since (row, 3, now));
  json_array_add_int_element (fva, minutes_since (row, 4, now));
  json_object_set_array_member (payload, "fva", fva);
  json_object_set_int_member (payload, "iat", now / 1000);
  json_object_set_string_member (payload, "iss", server->base_url);
  json_object_set_int_member (payload, "nbf", now / 1000 - 10);
  json_object_set_string_member (payload, "sid", (const char *) sqlite3_column_text (row, 0));
  json_object_set_string_member (payload, "sub", (const char *) sqlite3_column_text (row, 1));
  json_object_set_int_member (payload, "v", 2);

  json_node_set_object (header_node, header);
  json_node_set_object (payload_node, payload);
  header_text = json_to_string (header_node, FALSE);
  payload_text = json_to_string (payload_node, FALSE);
  header_b64 = fapi_base64url ((const guchar *) header_text, strlen (header_text));
  payload_b64 = fapi_base64url ((const guchar *) payload_text, strlen (payload_text));
  signing_input = g_strconcat (header_b64, ".", payload_b64, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, server->jwt_key, sizeof server->jwt_key);
  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  sig_b64 = fapi_base64url (digest, digest_len);

  return g_strconcat (signing_input, ".", sig_b64, NULL);
}

static JsonNode *
token_json (const char *jwt)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "object", "token");
  json_object_set_string_member (object, "jwt", jwt);
  json_node_set_object (node, object);
  return node;
}

static const char *
first_string_member (JsonObject *user,
                     const char *array_member,
                     const char *member)
{
  JsonArray *array = json_object_get_array_member (user, array_member);

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;
  return json_object_get_string_member (json_array_get_object_element (array, 0), member);
}

static JsonNode *
session_to_json (FapiServer   *server,
                 sqlite3_stmt *row)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) public_data = json_object_new ();
  JsonNode *user_node = fapi_user_to_json (server, (const char *) sqlite3_column_text (row, 1));
  JsonObject *user = json_node_get_object (user_node);
  const char *status = session_status (row);
  const char *identifier;
  JsonArray *fva = json_array_new ();
  gint64 now = fapi_clock_now_ms ();
  JsonNode *node;

  json_object_set_string_member (object, "object", "session");
  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (row, 0));
  json_object_set_string_member (object, "status", status);
  json_object_set_int_member (object, "expire_at", sqlite3_column_int64 (row, 6));
  json_object_set_int_member (object, "abandon_at", sqlite3_column_int64 (row, 7));
  json_object_set_int_member (object, "last_active_at", sqlite3_column_int64 (row, 5));
  if (g_str_equal (status, "active"))
    {
      g_autofree char *jwt = session_jwt (server, row);

      json_object_set_member (object, "last_active_token", token_json (jwt));
    }
  else
    json_object_set_null_member (object, "last_active_token");
  json_object_set_null_member (object, "actor");
  json_object_set_null_member (object, "tasks");
  json_object_set_null_member (object, "last_active_organization_id");

  identifier = first_string_member (user, "email_addresses", "email_address");
  if (identifier == NULL && !json_object_get_null_member (user, "username"))
    identifier = json_object_get_string_member (user, "username");
  if (identifier == NULL)
    identifier = first_string_member (user, "phone_numbers", "phone_number");
  json_object_set_member (public_data, "first_name",
                          json_node_copy (json_object_get_member (user, "first_name")));
  json_object_set_member (public_data, "last_name",
                          json_node_copy (json_object_get_member (user, "last_name")));
  json_object_set_string_member (public_data, "image_url", "");
  json_object_set_boolean_member (public_data, "has_image", FALSE);
  json_object_set_string_member (public_data, "identifier", identifier != NULL ? identifier : "");
  json_object_set_string_member (public_data, "user_id", json_object_get_string_member (user, "id"));
  json_object_set_member (public_data, "username",
                          json_node_copy (json_object_get_member (user, "username")));
  json_object_set_object_member (object, "public_user_data", g_steal_pointer (&public_data));
  json_object_set_member (object, "user", user_node);

  json_array_add_int_element (fva, minutes_since (row, 3, now));
  json_array_add_int_element (fva, minutes_since (row, 4, now));
  json_object_set_array_member (object, "factor_verification_age", fva);
  json_object_set_int_member (object, "created_at", sqlite3_column_int64 (row, 8));
  json_object_set_int_member (object, "updated_at", sqlite3_column_int64 (row, 9));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

JsonNode *
fapi_session_json_by_id (FapiServer *server,
                         const char *session_id)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (server,
                                                   "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?",
                                                   "s", session_id);

  if (!fapi_store_step (stmt))
    return json_node_new (JSON_NODE_NULL);
  return session_to_json (server, stmt);
}

JsonNode *
fapi_client_to_json (FapiServer *server,
                     FapiClient *client)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *sessions = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (object, "object", "client");
  json_object_set_string_member (object, "id", client->id);

  stmt = fapi_store_query (server,
                           "SELECT " SESSION_COLUMNS " FROM sessions"
                           " WHERE client_id = ? AND status IN ('active', 'ended')"
                           " ORDER BY created_at, rowid",
                           "s", client->id);
  while (fapi_store_step (stmt))
    json_array_add_element (sessions, session_to_json (server, stmt));
  json_object_set_array_member (object, "sessions", sessions);

  if (client->sign_in_id != NULL)
    json_object_set_member (object, "sign_in", fapi_sign_in_to_json (server, client->sign_in_id));
  else
    json_object_set_null_member (object, "sign_in");
  json_object_set_null_member (object, "sign_up");
  fapi_json_set_nullable_string (object, "last_active_session_id", client->last_active_session_id);
  fapi_json_set_nullable_string (object, "last_authentication_strategy",
                                 client->last_authentication_strategy);
  json_object_set_int_member (object, "cookie_expires_at",
                              client->updated_at + 365 * 24 * 3600 * G_GINT64_CONSTANT (1000));
  json_object_set_boolean_member (object, "captcha_bypass", FALSE);
  json_object_set_int_member (object, "created_at", client->created_at);
  json_object_set_int_member (object, "updated_at", client->updated_at);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

gboolean
fapi_client_has_active_session (FapiServer *server,
                                FapiClient *client)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (server,
                                                   "SELECT 1 FROM sessions WHERE client_id = ?"
                                                   " AND status = 'active' AND expire_at > ?",
                                                   "si", client->id, fapi_clock_now_ms ());

  return fapi_store_step (stmt);
}

/* Inserts an active session of @user_id on @client_id, created (and its
 * first factor verified) at @created_at, its second factor at
 * @second_factor_at (-1: never), with a first activity read from
 * @user_agent and @ip_address (either may be NULL). Returns its id. */
char *
fapi_session_insert (FapiServer *server,
                     const char *client_id,
                     const char *user_id,
                     gint64      created_at,
                     gint64      second_factor_at,
                     const char *user_agent,
                     const char *ip_address)
{
  g_autofree char *activity_id = fapi_new_id ("sact_");
  char *id = fapi_new_id ("sess_");

  fapi_store_exec (server,
                   "INSERT INTO sessions (id, client_id, user_id, status, first_factor_at,"
                   " second_factor_at, last_active_at, expire_at, abandon_at, created_at, updated_at,"
                   " activity_id, user_agent, ip_address)"
                   " VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "sssiniiiiisss", id, client_id, user_id, created_at, second_factor_at,
                   created_at, created_at + SESSION_LIFETIME_MS, created_at + SESSION_ABANDON_MS,
                   created_at, created_at, activity_id, user_agent, ip_address);
  return id;
}

/* Creates an active session for @user_id on the request's client and makes
 * it the current one; the client token rotates. The session's first
 * activity is the request's device. */
char *
fapi_session_create (FapiRequest *req,
                     const char  *user_id,
                     gboolean     second_factor)
{
  gint64 now = fapi_clock_now_ms ();
  const char *user_agent = NULL;
  const char *ip_address = NULL;
  char *id;

  if (req->msg != NULL)
    {
      user_agent = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                 "User-Agent");
      ip_address = soup_server_message_get_remote_host (req->msg);
    }
  id = fapi_session_insert (req->server, req->client->id, user_id, now,
                            second_factor ? now : (gint64) -1, user_agent, ip_address);
  fapi_store_exec (req->server,
                   "UPDATE users SET last_sign_in_at = ?, last_active_at = ?, updated_at = ?"
                   " WHERE id = ?", "iiis", now, now, now, user_id);

  g_free (req->client->last_active_session_id);
  req->client->last_active_session_id = g_strdup (id);
  g_clear_pointer (&req->client->sign_in_id, g_free);
  g_free (req->client->last_authentication_strategy);
  req->client->last_authentication_strategy = g_strdup ("password");
  fapi_client_save (req->server, req->client);
  fapi_client_rotate_token (req);
  return id;
}

/* Revokes @session_id wherever it lives: it leaves its client, whose
 * current session becomes its most recently active other one (or none),
 * and that client's next request for it is signed out. */
void
fapi_session_revoke (FapiServer *server,
                     const char *session_id)
{
  gint64 now = fapi_clock_now_ms ();

  fapi_store_exec (server, "UPDATE sessions SET status = 'revoked', updated_at = ? WHERE id = ?",
                   "is", now, session_id);
  fapi_store_exec (server,
                   "UPDATE clients SET last_active_session_id ="
                   " (SELECT id FROM sessions WHERE client_id = clients.id AND status = 'active'"
                   "  AND expire_at > ?1 ORDER BY last_active_at DESC LIMIT 1),"
                   " updated_at = ?1 WHERE last_active_session_id = ?2",
                   "is", now, session_id);
}

static void
reply_no_client (FapiRequest *req)
{
  if (req->token_state == FAPI_TOKEN_GONE)
    {
      req->token_cleared = TRUE;
      fapi_reply_error (req, SOUP_STATUS_NOT_FOUND, "resource_not_found",
                        "not found", "Client not found", NULL);
    }
  else
    fapi_reply_error (req, 400, "client_not_found", "client not found",
                      "No client was found for this request.", NULL);
}

static void
reply_signed_out (FapiRequest *req)
{
  fapi_reply_error (req, 401, "signed_out", "Signed out", "You are signed out", NULL);
}

static void
reply_authentication_invalid (FapiRequest *req)
{
  fapi_reply_error (req, 401, "authentication_invalid", "Invalid authentication",
                    "Unable to authenticate the request, you need to supply an active session",
                    NULL);
}

/* The user of the session a /v1/me request acts for: ?_clerk_session_id,
 * else the client's last active session. Replies 401 and returns NULL
 * when there is none. */
char *
fapi_session_current_user (FapiRequest  *req,
                           char        **session_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sid;

  if (session_id != NULL)
    *session_id = NULL;
  if (req->client == NULL)
    {
      reply_authentication_invalid (req);
      return NULL;
    }

  sid = fapi_request_param (req, "_clerk_session_id");
  if (sid == NULL)
    sid = req->client->last_active_session_id;
  if (sid == NULL)
    {
      reply_signed_out (req);
      return NULL;
    }

  stmt = fapi_store_query (req->server,
                           "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ? AND client_id = ?",
                           "ss", sid, req->client->id);
  if (!fapi_store_step (stmt) || !g_str_equal (session_status (stmt), "active"))
    {
      reply_signed_out (req);
      return NULL;
    }

  if (session_id != NULL)
    *session_id = g_strdup (sid);
  return fapi_store_dup_text (stmt, 1);
}

/* GET/PUT/POST/DELETE /v1/client */
void
fapi_handle_client (FapiRequest *req)
{
  g_autoptr(JsonObject) root = NULL;
  JsonNode *node;

  if (g_str_equal (req->method, "GET"))
    {
      if (req->client == NULL && req->token_state == FAPI_TOKEN_GONE)
        {
          reply_no_client (req);
          return;
        }
      /* Signed in, the client is in "response" and "client" is null. */
      root = json_object_new ();
      if (req->client != NULL)
        json_object_set_member (root, "response", fapi_client_to_json (req->server, req->client));
      else
        json_object_set_null_member (root, "response");
      json_object_set_null_member (root, "client");
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, root);
      fapi_reply_json (req, SOUP_STATUS_OK, node);
    }
  else if (g_str_equal (req->method, "PUT") || g_str_equal (req->method, "POST"))
    {
      g_clear_pointer (&req->client, fapi_client_free);
      req->client = fapi_client_create (req->server);
      req->token_changed = TRUE;
      fapi_reply_wrapped (req, fapi_client_to_json (req->server, req->client));
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      JsonNode *response;

      if (req->client == NULL)
        {
          reply_no_client (req);
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE sessions SET status = 'ended', updated_at = ?"
                       " WHERE client_id = ? AND status = 'active'",
                       "is", fapi_clock_now_ms (), req->client->id);
      g_clear_pointer (&req->client->last_active_session_id, g_free);
      g_clear_pointer (&req->client->sign_in_id, g_free);
      fapi_client_save (req->server, req->client);
      response = fapi_client_to_json (req->server, req->client);
      fapi_store_exec (req->server, "UPDATE clients SET deleted = 1 WHERE id = ?",
                       "s", req->client->id);
      g_clear_pointer (&req->client, fapi_client_free);
      req->token_cleared = TRUE;
      fapi_reply_wrapped (req, response);
    }
}

/* DELETE /v1/client/sessions: signs every session out, keeps the client. */
void
fapi_handle_client_sessions (FapiRequest *req)
{
  g_autoptr(JsonObject) root = NULL;
  JsonNode *node;

  if (!g_str_equal (req->method, "DELETE"))
    return;
  if (req->client == NULL)
    {
      reply_no_client (req);
      return;
    }

  fapi_store_exec (req->server,
                   "UPDATE sessions SET status = 'removed', updated_at = ?"
                   " WHERE client_id = ? AND status IN ('active', 'ended')",
                   "is", fapi_clock_now_ms (), req->client->id);
  g_clear_pointer (&req->client->last_active_session_id, g_free);
  g_clear_pointer (&req->client->sign_in_id, g_free);
  fapi_client_save (req->server, req->client);
  fapi_client_rotate_token (req);

  root = json_object_new ();
  json_object_set_member (root, "response", fapi_client_to_json (req->server, req->client));
  json_object_set_member (root, "client", fapi_client_to_json (req->server, req->client));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}

static void
pick_next_active_session (FapiRequest *req)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (req->server,
                                                   "SELECT id FROM sessions WHERE client_id = ?"
                                                   " AND status = 'active' AND expire_at > ?"
                                                   " ORDER BY last_active_at DESC LIMIT 1",
                                                   "si", req->client->id, fapi_clock_now_ms ());

  g_free (req->client->last_active_session_id);
  req->client->last_active_session_id = fapi_store_step (stmt) ? fapi_store_dup_text (stmt, 0) : NULL;
  fapi_client_save (req->server, req->client);
}

/* /v1/client/sessions/{id} and .../remove, end, touch, tokens */
void
fapi_handle_session (FapiRequest *req)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *session_id = req->segments[3];
  const char *action = req->n_segments == 5 ? req->segments[4] : NULL;
  gboolean is_post = g_str_equal (req->method, "POST");
  gint64 now = fapi_clock_now_ms ();
  const char *status;

  if (!(action == NULL && g_str_equal (req->method, "GET")) &&
      !(is_post && action != NULL &&
        (g_str_equal (action, "remove") || g_str_equal (action, "end") ||
         g_str_equal (action, "touch") || g_str_equal (action, "tokens"))))
    return;

  if (req->client == NULL)
    {
      if (req->token_state == FAPI_TOKEN_GONE)
        reply_no_client (req);
      else
        reply_authentication_invalid (req);
      return;
    }

  stmt = fapi_store_query (req->server,
                           "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ? AND client_id = ?"
                           " AND status NOT IN ('removed', 'revoked')",
                           "ss", session_id, req->client->id);
  if (!fapi_store_step (stmt))
    {
      fapi_reply_not_found (req, "Session");
      return;
    }
  status = session_status (stmt);

  if (action == NULL)
    {
      fapi_reply_wrapped (req, session_to_json (req->server, stmt));
    }
  else if (g_str_equal (action, "remove") || g_str_equal (action, "end"))
    {
      const char *new_status = g_str_equal (action, "remove") ? "removed" : "ended";

      fapi_store_exec (req->server, "UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?",
                       "sis", new_status, now, session_id);
      if (g_strcmp0 (req->client->last_active_session_id, session_id) == 0)
        pick_next_active_session (req);
      fapi_reply_wrapped (req, fapi_session_json_by_id (req->server, session_id));
    }
  else if (!g_str_equal (status, "active"))
    {
      reply_signed_out (req);
    }
  else if (g_str_equal (action, "touch"))
    {
      fapi_store_exec (req->server,
                       "UPDATE sessions SET last_active_at = ?, updated_at = ? WHERE id = ?",
                       "iis", now, now, session_id);
      fapi_store_exec (req->server, "UPDATE users SET last_active_at = ? WHERE id = ?",
                       "is", now, (const char *) sqlite3_column_text (stmt, 1));
      g_free (req->client->last_active_session_id);
      req->client->last_active_session_id = g_strdup (session_id);
      fapi_client_save (req->server, req->client);
      fapi_reply_wrapped (req, fapi_session_json_by_id (req->server, session_id));
    }
  else
    {
      g_autofree char *jwt = session_jwt (req->server, stmt);

      fapi_reply_json (req, SOUP_STATUS_OK, token_json (jwt));
    }
}
