/* fapi-router.c
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

static void
request_clear (FapiRequest *req)
{
  g_clear_pointer (&req->method, g_free);
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->form, g_hash_table_unref);
  g_clear_pointer (&req->client, fapi_client_free);
  g_clear_pointer (&req->body, json_node_unref);
}

void
fapi_reply_json (FapiRequest *req,
                 guint        status,
                 JsonNode    *body)
{
  g_clear_pointer (&req->body, json_node_unref);
  req->status = status;
  req->body = body;
}

/* {"response": ..., "client": <the full current client or null>} */
void
fapi_reply_wrapped (FapiRequest *req,
                    JsonNode    *response)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonNode *node;

  json_object_set_member (root, "response",
                          response != NULL ? response : json_node_new (JSON_NODE_NULL));
  if (req->client != NULL)
    json_object_set_member (root, "client", fapi_client_to_json (req->server, req->client));
  else
    json_object_set_null_member (root, "client");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}

/* A form field, else a query parameter; an empty value counts as absent. */
const char *
fapi_request_param (FapiRequest *req,
                    const char  *name)
{
  const char *value = NULL;

  if (req->form != NULL)
    value = g_hash_table_lookup (req->form, name);
  if ((value == NULL || *value == '\0') && req->query != NULL)
    value = g_hash_table_lookup (req->query, name);
  if (value != NULL && *value == '\0')
    value = NULL;
  return value;
}

gboolean
fapi_request_require (FapiRequest  *req,
                      const char   *name,
                      const char  **value)
{
  g_autofree char *message = NULL;

  *value = fapi_request_param (req, name);
  if (*value != NULL)
    return TRUE;

  message = g_strdup_printf ("Enter %s.", name);
  fapi_reply_error (req, 422, "form_param_missing", "is missing", message, name);
  return FALSE;
}

gboolean
fapi_request_bool (FapiRequest *req,
                   const char  *name,
                   gboolean    *is_set,
                   gboolean    *value)
{
  const char *text = fapi_request_param (req, name);
  g_autofree char *message = NULL;

  *is_set = FALSE;
  if (text == NULL)
    return TRUE;
  if (fapi_parse_bool (text, value))
    {
      *is_set = TRUE;
      return TRUE;
    }

  message = g_strdup_printf ("%s must be true or false.", name);
  fapi_reply_error (req, 422, "form_param_format_invalid", "is invalid", message, name);
  return FALSE;
}

typedef struct
{
  guint       count;
  const char *value;
} HeaderCount;

static void
count_authorization_cb (const char *name,
                        const char *value,
                        gpointer    user_data)
{
  HeaderCount *hc = user_data;

  if (g_ascii_strcasecmp (name, "Authorization") == 0)
    {
      hc->count++;
      hc->value = value;
    }
}

/* Reads the client token from Authorization: "Bearer t", a bare "t", an
 * empty value or no header at all. FALSE if an error was replied. */
static gboolean
read_token (FapiRequest  *req,
            char        **token)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  HeaderCount hc = { 0, NULL };
  g_autofree char *value = NULL;

  *token = NULL;
  soup_message_headers_foreach (headers, count_authorization_cb, &hc);
  if (hc.count > 1)
    {
      fapi_reply_error (req, 400, "multiple_authorization_header_values_forbidden",
                        "multiple Authorization header values",
                        "The Authorization header must be sent at most once.", NULL);
      return FALSE;
    }
  if (hc.count == 0)
    return TRUE;

  value = g_strstrip (g_strdup (hc.value));
  if (*value != '\0' && soup_message_headers_get_one (headers, "Origin") != NULL)
    {
      fapi_reply_error (req, 400, "origin_authorization_headers_conflict",
                        "Origin and Authorization headers conflict",
                        "A request must not carry both the Origin and the Authorization header.",
                        NULL);
      return FALSE;
    }

  if (g_ascii_strncasecmp (value, "Bearer", 6) == 0 &&
      (value[6] == '\0' || g_ascii_isspace (value[6])))
    {
      g_autofree char *rest = g_strstrip (g_strdup (value + 6));

      g_free (value);
      value = g_steal_pointer (&rest);
    }

  if (*value == '\0')
    return TRUE;

  if (strpbrk (value, " \t,") != NULL)
    {
      fapi_reply_error (req, 401, "authorization_header_format_invalid",
                        "Invalid Authorization header format",
                        "The Authorization header must be of the form Bearer <token>.", NULL);
      return FALSE;
    }

  *token = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
seg_is (FapiRequest *req,
        guint        i,
        const char  *name)
{
  return i < req->n_segments && g_strcmp0 (req->segments[i], name) == 0;
}

static void
dispatch (FapiRequest *req)
{
  guint n = req->n_segments;

  /* An instance without the native API refuses every native request
   * before routing, the environment included. */
  if (n >= 1 && seg_is (req, 0, "v1") && !req->server->settings.native_api &&
      fapi_request_is_native (req))
    {
      fapi_reply_error (req, 400, "native_api_disabled", "Native API disabled",
                        "The Native API is disabled for this instance. "
                        "Enable it in the Clerk Dashboard under Native applications.", NULL);
      return;
    }

  if (n >= 2 && seg_is (req, 0, "v1"))
    {
      /* A request with the client's token uses its session. */
      fapi_session_record_use (req);

      if (n == 2 && seg_is (req, 1, "environment") && g_str_equal (req->method, "GET"))
        fapi_handle_environment (req);
      else if (n == 2 && seg_is (req, 1, "client"))
        fapi_handle_client (req);
      else if (n == 3 && seg_is (req, 1, "client") && seg_is (req, 2, "sessions"))
        fapi_handle_client_sessions (req);
      else if ((n == 5 || n == 6) && seg_is (req, 1, "client") && seg_is (req, 2, "sessions") &&
               seg_is (req, 4, "verify"))
        fapi_handle_session_verify (req);
      else if ((n == 4 || n == 5) && seg_is (req, 1, "client") && seg_is (req, 2, "sessions"))
        fapi_handle_session (req);
      else if (n == 3 && seg_is (req, 1, "client") && seg_is (req, 2, "sign_ins"))
        fapi_handle_sign_ins (req);
      else if ((n == 4 || n == 5) && seg_is (req, 1, "client") && seg_is (req, 2, "sign_ins"))
        fapi_handle_sign_in (req);
      else if (n == 2 && seg_is (req, 1, "me"))
        fapi_handle_me (req);
      else if (n == 4 && seg_is (req, 1, "me") && seg_is (req, 2, "sessions") &&
               seg_is (req, 3, "active"))
        fapi_handle_me_sessions_active (req);
      else if (n == 5 && seg_is (req, 1, "me") && seg_is (req, 2, "sessions") &&
               seg_is (req, 4, "revoke"))
        fapi_handle_me_session_revoke (req);
      else if (n == 3 && seg_is (req, 1, "me") && seg_is (req, 2, "change_password"))
        fapi_handle_change_password (req);
      else if (n == 3 && seg_is (req, 1, "me") && seg_is (req, 2, "phone_numbers"))
        fapi_handle_phone_numbers (req);
      else if ((n == 4 || n == 5) && seg_is (req, 1, "me") && seg_is (req, 2, "phone_numbers"))
        fapi_handle_phone_number (req);
      else if (n == 3 && seg_is (req, 1, "me") && seg_is (req, 2, "backup_codes"))
        fapi_handle_backup_codes (req);
      else if ((n == 3 || n == 4) && seg_is (req, 1, "me") && seg_is (req, 2, "totp"))
        fapi_handle_totp (req);
    }
  else if (n == 2 && seg_is (req, 0, "__dev") && seg_is (req, 1, "sms"))
    fapi_handle_dev_sms (req);
  else if (n == 2 && seg_is (req, 0, "__dev") && seg_is (req, 1, "email"))
    fapi_handle_dev_email (req);
  else if (n >= 2 && seg_is (req, 0, "__dev") && req->server->settings.dev_routes)
    fapi_handle_dev (req);

  if (req->body == NULL)
    fapi_reply_not_found (req, "Route");
}

static void
send_reply (FapiRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->token_cleared)
    soup_message_headers_replace (headers, "Authorization", "Bearer");
  else if (req->client != NULL && req->client->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", req->client->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  soup_message_headers_append (headers, "Access-Control-Expose-Headers", "Authorization");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  if (req->status == SOUP_STATUS_NO_CONTENT || req->body == NULL)
    {
      soup_server_message_set_status (req->msg, req->status, NULL);
      return;
    }

  {
    gsize len;
    char *text = fapi_json_text (req->body, &len);

    soup_server_message_set_status (req->msg, req->status, NULL);
    soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                      text, len);
  }
}

static gboolean
split_path (FapiRequest *req,
            const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part;

      if (parts[i][0] == '\0')
        continue;
      part = g_uri_unescape_string (parts[i], "/");
      if (part == NULL || !g_utf8_validate (part, -1, NULL))
        {
          g_free (part);
          g_ptr_array_free (segments, TRUE);
          return FALSE;
        }
      g_ptr_array_add (segments, part);
    }

  req->n_segments = segments->len;
  g_ptr_array_add (segments, NULL);
  /* Hands over the strings too. */
  req->segments = (char **) g_ptr_array_free (segments, FALSE);
  return TRUE;
}

static gboolean
parse_input (FapiRequest *req,
             const char  *raw_query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autofree char *bad_key = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *override;

  req->query = fapi_form_parse (raw_query, raw_query != NULL ? strlen (raw_query) : 0, &bad_key);
  if (req->query == NULL)
    {
      fapi_reply_error (req, 422, "form_param_format_invalid", "is invalid",
                        "The query string is not correctly encoded.", bad_key);
      return FALSE;
    }

  if (body->length > FAPI_MAX_BODY_SIZE)
    {
      fapi_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request_body_too_large",
                        "request body too large",
                        "The request body exceeds 64 KiB.", NULL);
      return FALSE;
    }

  bytes = soup_message_body_flatten (body);
  req->form = fapi_form_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &bad_key);
  if (req->form == NULL)
    {
      fapi_reply_error (req, 422, "form_param_format_invalid", "is invalid",
                        "The form body is not correctly encoded.", bad_key);
      return FALSE;
    }

  override = g_hash_table_lookup (req->query, "_method");
  if (override == NULL || *override == '\0')
    override = g_hash_table_lookup (req->form, "_method");
  if (g_str_equal (req->method, "POST") && override != NULL && *override != '\0')
    {
      g_free (req->method);
      req->method = g_ascii_strup (override, -1);
    }

  return TRUE;
}

static char *
too_large_text (gsize *len)
{
  g_autoptr(JsonNode) body = fapi_error_body ("request_body_too_large", "request body too large",
                                              "The request body exceeds 64 KiB.", NULL);

  return fapi_json_text (body, len);
}

static void
log_too_large (FapiServer        *server,
               SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);

  if (g_str_has_prefix (path, "/v1/") || g_str_equal (path, "/v1"))
    fapi_dev_log_request (server, soup_server_message_get_method (msg), path,
                          g_uri_get_query (uri), SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

static void
drained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_input_stream_skip_finish (G_INPUT_STREAM (source), result, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* A body without Content-Length (chunked) is counted as it arrives: past
 * the limit the server answers 413 at once and closes the connection,
 * instead of reading the rest into memory. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  FapiServer *server = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *json = NULL;
  g_autofree char *head = NULL;
  gsize len;

  if (body->length <= FAPI_MAX_BODY_SIZE)
    return;

  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
  log_too_large (server, msg);
  json = too_large_text (&len);
  head = g_strdup_printf ("HTTP/1.1 413 Request Entity Too Large\r\n"
                          "Server: mfa-fapi-server\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n\r\n", len);

  g_object_ref (msg);
  stream = soup_server_message_steal_connection (msg);
  g_object_unref (msg);
  if (stream == NULL)
    return;

  {
    GOutputStream *out = g_io_stream_get_output_stream (stream);

    if (!g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL) ||
        !g_output_stream_write_all (out, json, len, NULL, NULL, NULL))
      {
        g_io_stream_close (stream, NULL, NULL);
        return;
      }
  }

  /* Read away some of what the client is still sending before closing,
   * so that its kernel does not drop the answer on a reset. */
  if (G_IS_SOCKET_CONNECTION (stream))
    g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)),
                       FALSE, TRUE, NULL);
  g_input_stream_skip_async (g_io_stream_get_input_stream (stream), 1024 * 1024,
                             G_PRIORITY_DEFAULT, NULL, drained_cb, g_object_ref (stream));
}

static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);
  g_autofree char *text = NULL;
  gsize len;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), user_data);
      return;
    }
  if (length <= FAPI_MAX_BODY_SIZE)
    return;

  text = too_large_text (&len);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, len);
}

/* Answers @msg; also called later for a request delayed by a fault. */
void
fapi_server_process (FapiServer        *server,
                     SoupServerMessage *msg)
{
  FapiRequest req = { 0, };
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = fapi_path_strip_prefix (server, g_uri_get_path (uri));
  const char *raw_query = g_uri_get_query (uri);
  const char *raw_method = soup_server_message_get_method (msg);
  g_autofree char *token = NULL;

  req.server = server;
  req.msg = msg;
  req.method = g_strdup (raw_method);

  /* Outside the path prefix nothing is served. */
  if (path == NULL)
    {
      fapi_reply_not_found (&req, "Route");
      send_reply (&req);
      request_clear (&req);
      return;
    }

  if (!split_path (&req, path))
    fapi_reply_not_found (&req, "Route");
  else if (parse_input (&req, raw_query) && read_token (&req, &token))
    {
      req.token_state = fapi_client_resolve (server, token, &req.client);
      fapi_store_begin (server);
      dispatch (&req);
      fapi_store_commit (server);
    }

  send_reply (&req);
  if (g_str_has_prefix (path, "/v1/") || g_str_equal (path, "/v1"))
    {
      fapi_dev_log_request (server, raw_method, path, raw_query, req.status);
      fapi_dev_log_language (server,
                             soup_message_headers_get_one (soup_server_message_get_request_headers (req.msg),
                                                           "Accept-Language"));
    }
  request_clear (&req);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path_unused,
            GHashTable        *query_unused,
            gpointer           user_data)
{
  FapiServer *server = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = fapi_path_strip_prefix (server, g_uri_get_path (uri));
  const char *raw_method = soup_server_message_get_method (msg);

  /* Already answered by the early handler (body too large). */
  if (soup_server_message_get_status (msg) == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    {
      if (path != NULL && g_str_has_prefix (path, "/v1"))
        fapi_dev_log_request (server, raw_method, path, g_uri_get_query (uri),
                              SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      return;
    }

  if (path != NULL && (g_str_has_prefix (path, "/v1/") || g_str_equal (path, "/v1")) &&
      fapi_dev_apply_fault (server, msg, raw_method, path))
    return;

  fapi_server_process (server, msg);
}

FapiServer *
fapi_server_new (const FapiSettings *settings)
{
  FapiServer *server = g_new0 (FapiServer, 1);

  fapi_settings_copy (&server->settings, settings);
  fapi_settings_copy (&server->initial_settings, settings);
  server->outbox = g_ptr_array_new_with_free_func (fapi_sms_free);
  server->email_outbox = g_ptr_array_new_with_free_func (fapi_email_free);
  server->request_log = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  server->faults = g_ptr_array_new_with_free_func (fapi_fault_free);
  server->next_fault_id = 1;
  fapi_random_bytes (server->jwt_key, sizeof server->jwt_key);

  server->soup = soup_server_new ("server-header", "mfa-fapi-server", NULL);
  soup_server_add_early_handler (server->soup, NULL, early_handler_cb, server, NULL);
  soup_server_add_handler (server->soup, NULL, handler_cb, server, NULL);

  return server;
}

void
fapi_server_free (FapiServer *server)
{
  if (server == NULL)
    return;
  fapi_listener_stop (server);
  if (server->soup != NULL)
    {
      soup_server_disconnect (server->soup);
      g_object_unref (server->soup);
    }
  fapi_store_close (server);
  fapi_settings_clear (&server->settings);
  fapi_settings_clear (&server->initial_settings);
  g_ptr_array_unref (server->outbox);
  g_ptr_array_unref (server->email_outbox);
  g_ptr_array_unref (server->request_log);
  g_ptr_array_unref (server->faults);
  fapi_rate_limit_reset (server);
  g_free (server->base_url);
  g_free (server);
}
