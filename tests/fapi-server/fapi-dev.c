/* fapi-dev.c
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

#include <math.h>

#include <string.h>

#include "fapi-server.h"

/* Test-only routes (--dev-routes): /__dev/users, sessions, clock,
 * settings, faults, requests, reset; plus the demo account of --seed-demo. */

typedef enum {
  FAULT_STATUS,
  FAULT_DROP,
  FAULT_TRUNCATE,
  FAULT_MALFORMED,
  FAULT_LATENCY,
} FaultKind;

typedef struct
{
  guint      id;
  char      *method;
  char      *path;
  FaultKind  kind;
  guint      status;
  guint      latency_ms;
  guint      times;          /* 0: until cleared */
  char      *code;           /* errors[0].code of a status fault; NULL: by status */
} FapiFault;

void
fapi_fault_free (gpointer data)
{
  FapiFault *fault = data;

  g_free (fault->method);
  g_free (fault->path);
  g_free (fault->code);
  g_free (fault);
}

/* The languages the last logged request asked for, as sent. */
void
fapi_dev_log_language (FapiServer *server,
                       const char *accept_language)
{
  JsonObject *entry;

  if (server->request_log->len == 0)
    return;

  entry = g_ptr_array_index (server->request_log, server->request_log->len - 1);
  json_object_set_string_member (entry, "accept_language",
                                 accept_language != NULL ? accept_language : "");
}

void
fapi_dev_log_request (FapiServer *server,
                      const char *method,
                      const char *path,
                      const char *query,
                      guint       status)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "method", method);
  json_object_set_string_member (entry, "path", path);
  json_object_set_string_member (entry, "query", query != NULL ? query : "");
  json_object_set_int_member (entry, "status", status);
  json_object_set_int_member (entry, "at_ms", fapi_clock_now_ms ());
  g_ptr_array_add (server->request_log, entry);

  /* Bound the log of a long-running demo. */
  if (server->request_log->len > 10000)
    g_ptr_array_remove_range (server->request_log, 0, 1000);
}

typedef struct
{
  FapiServer        *server;
  SoupServerMessage *msg;
} Delayed;

static gboolean
latency_done_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  fapi_server_process (delayed->server, delayed->msg);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *text)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (text != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), text, strlen (text),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* The errors[0].code a status fault answers with, as Clerk would for
 * that status: 401 authentication_invalid (the session may still be
 * live: the fault does not touch it), 403 authorization_invalid, 404
 * resource_not_found, 422 form_param_value_invalid, 429
 * too_many_requests, 5xx internal_clerk_error; any other
 * request_failed. */
static const char *
fault_code (guint status)
{
  switch (status)
    {
    case 401:
      return "authentication_invalid";
    case 403:
      return "authorization_invalid";
    case 404:
      return "resource_not_found";
    case 422:
      return "form_param_value_invalid";
    case 429:
      return "too_many_requests";
    default:
      return status >= 500 ? "internal_clerk_error" : "request_failed";
    }
}

/* TRUE when a fault took over @msg. */
gboolean
fapi_dev_apply_fault (FapiServer        *server,
                      SoupServerMessage *msg,
                      const char        *method,
                      const char        *path)
{
  FapiFault *fault = NULL;
  FapiFault copy;
  g_autofree char *code_override = NULL;
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  for (guint i = 0; i < server->faults->len; i++)
    {
      FapiFault *f = g_ptr_array_index (server->faults, i);

      if ((f->method == NULL || g_ascii_strcasecmp (f->method, method) == 0) &&
          g_pattern_match_simple (f->path, path))
        {
          fault = f;
          break;
        }
    }
  if (fault == NULL)
    return FALSE;

  /* Only the plain fields are used below, so the fault may go now. */
  copy = *fault;
  copy.method = NULL;
  copy.path = NULL;
  code_override = g_strdup (fault->code);
  copy.code = NULL;
  if (fault->times > 0 && --fault->times == 0)
    g_ptr_array_remove (server->faults, fault);

  switch (copy.kind)
    {
    case FAULT_STATUS:
      {
        guint status = copy.status != 0 ? copy.status : 500;
        const char *code = code_override != NULL ? code_override : fault_code (status);
        g_autoptr(JsonNode) body = fapi_error_body (code, "injected fault",
                                                    "This response was injected by a test.", NULL);
        gsize len;
        g_autofree char *text = fapi_json_text (body, &len);

        if (status == 429)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "1");
        soup_server_message_set_status (msg, status, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          text, len);
        fapi_dev_log_request (server, method, path, query, status);
      }
      break;

    case FAULT_DROP:
      fapi_dev_log_request (server, method, path, query, 0);
      write_raw_and_close (msg, NULL);
      break;

    case FAULT_TRUNCATE:
      fapi_dev_log_request (server, method, path, query, 200);
      write_raw_and_close (msg,
                           "HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: 4096\r\n"
                           "Connection: close\r\n"
                           "\r\n"
                           "{\"response\":{\"object\":\"client\",\"id\":\"cli");
      break;

    case FAULT_MALFORMED:
      {
        static const char text[] = "{\"response\": {\"object\": \"client\", \"sessions\": [}";

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          text, strlen (text));
        fapi_dev_log_request (server, method, path, query, 200);
      }
      break;

    case FAULT_LATENCY:
      {
        Delayed *delayed = g_new0 (Delayed, 1);

        delayed->server = server;
        delayed->msg = g_object_ref (msg);
        soup_server_message_pause (msg);
        g_timeout_add (copy.latency_ms, latency_done_cb, delayed);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static JsonObject *
request_object (FapiRequest *req,
                GError     **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (g_bytes_get_size (bytes) == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "expected a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static void
reply_object (FapiRequest *req,
              JsonObject  *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}

static void
reply_bad (FapiRequest *req,
           const char  *message,
           const char  *param)
{
  fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid", message, param);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *member,
          gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      gboolean value;

      if (g_strcmp0 (s, "on") == 0)
        return TRUE;
      if (g_strcmp0 (s, "off") == 0)
        return FALSE;
      if (fapi_parse_bool (s, &value))
        return value;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  return fallback;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Out of range (or NaN) the cast would be undefined; saturate. */
      if (isnan (d))
        return FALSE;
      if (d >= 9.2e18)
        *value = G_MAXINT64;
      else if (d <= -9.2e18)
        *value = G_MININT64;
      else
        *value = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

static JsonArray *
codes_array (char **codes)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    json_array_add_string_element (array, codes[i]);
  return array;
}

/* POST /__dev/users */
static void
dev_users (FapiRequest *req,
           JsonObject  *in)
{
  const char *identifier = get_string (in, "identifier");
  const char *password = get_string (in, "password");
  JsonArray *phones = json_object_has_member (in, "phones") &&
                      JSON_NODE_HOLDS_ARRAY (json_object_get_member (in, "phones"))
                      ? json_object_get_array_member (in, "phones") : NULL;
  JsonArray *emails = json_object_has_member (in, "email_addresses") &&
                      JSON_NODE_HOLDS_ARRAY (json_object_get_member (in, "email_addresses"))
                      ? json_object_get_array_member (in, "email_addresses") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  g_auto(GStrv) codes = NULL;
  JsonObject *out;
  gboolean any_default = FALSE;
  gint64 now = fapi_clock_now_ms ();

  if (identifier == NULL)
    {
      reply_bad (req, "identifier is required", "identifier");
      return;
    }
  if (get_string (in, "totp_secret") != NULL)
    {
      g_autoptr(GBytes) key = fapi_totp_decode_secret (get_string (in, "totp_secret"));

      if (key == NULL)
        {
          reply_bad (req, "totp_secret must be a base32 (RFC 4648) secret", "totp_secret");
          return;
        }
    }
  user_id = fapi_user_create (req->server, identifier, get_string (in, "username"),
                              password, &error);
  if (user_id == NULL)
    {
      fapi_reply_error (req, 422, "form_identifier_exists", "is taken", error->message,
                        "identifier");
      return;
    }

  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      JsonNode *item = json_array_get_element (phones, i);
      JsonObject *phone;
      const char *number;
      gboolean verified, reserved, is_default;
      g_autofree char *phone_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      phone = json_node_get_object (item);
      number = get_string (phone, "phone_number");
      verified = get_bool (phone, "verified", FALSE);
      reserved = get_bool (phone, "reserved", FALSE) && verified;
      is_default = get_bool (phone, "default", FALSE) && reserved;
      if (number == NULL || !fapi_phone_syntax_ok (number))
        {
          reply_bad (req, "phone_number must be an E.164 number", "phone_number");
          return;
        }
      phone_id = fapi_user_add_phone (req->server, user_id, number, verified);
      if (phone_id == NULL)
        {
          fapi_reply_error (req, 422, "form_identifier_exists", "is taken",
                            "That phone number is taken.", "phone_number");
          return;
        }
      /* Keep list order: later entries count as newer. */
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET reserved_for_second_factor = ?,"
                       " default_second_factor = ?, created_at = ?, updated_at = ? WHERE id = ?",
                       "bbiis", reserved, is_default && !any_default, now + i, now + i, phone_id);
      any_default |= is_default;
    }
  /* More email addresses; the identifier's own may be listed to set its
   * verified flag. */
  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    {
      JsonNode *item = json_array_get_element (emails, i);
      JsonObject *email;
      const char *address;
      gboolean verified;
      g_autofree char *email_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      email = json_node_get_object (item);
      address = get_string (email, "email_address");
      verified = get_bool (email, "verified", TRUE);
      if (address == NULL || strchr (address, '@') == NULL || address[0] == '@')
        {
          reply_bad (req, "email_address must be an email address", "email_address");
          return;
        }
      if (g_ascii_strcasecmp (address, identifier) == 0)
        {
          fapi_store_exec (req->server,
                           "UPDATE email_addresses SET verified = ? WHERE user_id = ?"
                           " AND email_address = ?",
                           "bss", verified, user_id, address);
          continue;
        }
      email_id = fapi_user_add_email (req->server, user_id, address, verified);
      if (email_id == NULL)
        {
          fapi_reply_error (req, 422, "form_identifier_exists", "is taken",
                            "That email address is taken.", "email_address");
          return;
        }
      /* Keep list order: later entries count as newer. */
      fapi_store_exec (req->server,
                       "UPDATE email_addresses SET created_at = ?, updated_at = ? WHERE id = ?",
                       "iis", now + i + 1, now + i + 1, email_id);
    }

  if (!any_default)
    fapi_store_exec (req->server,
                     "UPDATE phone_numbers SET default_second_factor = 1"
                     " WHERE id = (SELECT id FROM phone_numbers WHERE user_id = ?"
                     "  AND reserved_for_second_factor = 1 ORDER BY created_at, rowid LIMIT 1)",
                     "s", user_id);

  if (get_string (in, "totp_secret") != NULL)
    {
      g_autofree char *totp_id = fapi_new_id ("totp_");

      fapi_store_exec (req->server,
                       "UPDATE users SET totp_secret = ?1, totp_enabled = 1, totp_id = ?2,"
                       " totp_created_at = ?3, totp_updated_at = ?3 WHERE id = ?4",
                       "ssis", get_string (in, "totp_secret"), totp_id, now, user_id);
    }
  if (get_string (in, "first_name") != NULL || get_string (in, "last_name") != NULL)
    fapi_store_exec (req->server, "UPDATE users SET first_name = ?, last_name = ? WHERE id = ?",
                     "sss", get_string (in, "first_name"), get_string (in, "last_name"), user_id);
  if (fapi_user_two_factor_enabled (req->server, user_id))
    fapi_store_exec (req->server, "UPDATE users SET mfa_enabled_at = ? WHERE id = ?",
                     "is", now, user_id);
  if (get_bool (in, "backup_codes", FALSE))
    codes = fapi_backup_codes_generate (req->server, user_id);

  out = json_object_new ();
  json_object_set_string_member (out, "user_id", user_id);
  if (codes != NULL)
    json_object_set_array_member (out, "backup_codes", codes_array (codes));
  reply_object (req, out);
}

/* POST /__dev/sessions: the user of @identifier signs in on a new
 * client, as from another device: {session_id, token}, the token to send
 * as that device's Authorization. user_agent (default: this request's;
 * "" for none) and ip_address (default: this request's) make its
 * activity; last_active_at (ms, default now) its last use. */
static void
dev_sessions (FapiRequest *req,
              JsonObject  *in)
{
  const char *identifier = get_string (in, "identifier");
  const char *user_agent;
  const char *ip_address;
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *token = NULL;
  gint64 last_active_at = fapi_clock_now_ms ();
  JsonObject *out;

  if (identifier == NULL)
    {
      reply_bad (req, "identifier is required", "identifier");
      return;
    }
  user_id = fapi_user_find_by_identifier (req->server, identifier);
  if (user_id == NULL)
    {
      fapi_reply_error (req, 422, "form_identifier_not_found", "Couldn't find your account.",
                        "Couldn't find your account.", "identifier");
      return;
    }

  if (json_object_has_member (in, "user_agent"))
    {
      user_agent = get_string (in, "user_agent");
      if (user_agent == NULL && !json_object_get_null_member (in, "user_agent"))
        {
          reply_bad (req, "user_agent must be a string", "user_agent");
          return;
        }
      if (user_agent != NULL && *user_agent == '\0')
        user_agent = NULL;
    }
  else
    user_agent = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                               "User-Agent");

  if (json_object_has_member (in, "ip_address"))
    {
      g_autoptr(GInetAddress) address = NULL;

      ip_address = get_string (in, "ip_address");
      if (ip_address != NULL)
        address = g_inet_address_new_from_string (ip_address);
      if (address == NULL)
        {
          reply_bad (req, "ip_address must be an IP address", "ip_address");
          return;
        }
    }
  else
    ip_address = soup_server_message_get_remote_host (req->msg);

  if (json_object_has_member (in, "last_active_at") &&
      !get_int (in, "last_active_at", &last_active_at))
    {
      reply_bad (req, "last_active_at must be a time in milliseconds", "last_active_at");
      return;
    }
  last_active_at = CLAMP (last_active_at, 0, FAPI_CLOCK_MAX_MS);

  session_id = fapi_session_add_device (req->server, user_id, user_agent, ip_address,
                                        last_active_at, &token);
  out = json_object_new ();
  json_object_set_string_member (out, "user_id", user_id);
  json_object_set_string_member (out, "session_id", session_id);
  json_object_set_string_member (out, "token", token);
  reply_object (req, out);
}

static JsonObject *
settings_json (FapiSettings *settings)
{
  JsonObject *out = json_object_new ();
  g_autofree char *countries = g_strjoinv (",", settings->allowed_countries);

  json_object_set_int_member (out, "attempt_limit", settings->attempt_limit);
  json_object_set_int_member (out, "resend_cooldown", settings->resend_cooldown);
  json_object_set_int_member (out, "code_ttl", settings->code_ttl);
  json_object_set_string_member (out, "allowed_countries", countries);
  json_object_set_boolean_member (out, "reverification", settings->reverification);
  json_object_set_int_member (out, "reverification_window", settings->reverification_window);
  json_object_set_boolean_member (out, "rate_limits", settings->rate_limits);
  json_object_set_boolean_member (out, "mfa_required", settings->mfa_required);
  json_object_set_boolean_member (out, "backup_codes_enabled", settings->backup_codes_enabled);
  json_object_set_boolean_member (out, "backup_codes", settings->backup_codes_enabled);
  json_object_set_boolean_member (out, "client_trust", settings->client_trust);
  json_object_set_boolean_member (out, "sms_mfa", settings->sms_mfa);
  json_object_set_boolean_member (out, "password", settings->password);
  json_object_set_boolean_member (out, "totp", settings->totp);
  json_object_set_boolean_member (out, "native_api", settings->native_api);
  json_object_set_string_member (out, "path_prefix",
                                 settings->path_prefix != NULL ? settings->path_prefix : "");
  json_object_set_object_member (out, "password_settings",
                                 fapi_password_settings_to_json (&settings->password_settings));
  return out;
}

static gboolean
parse_countries_node (JsonNode  *node,
                      char    ***out)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GStrvBuilder *joined = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              g_strv_builder_unref (joined);
              g_strv_builder_unref (builder);
              return FALSE;
            }
          g_strv_builder_add (joined, json_node_get_string (item));
        }
      parts = g_strv_builder_end (joined);
      g_strv_builder_unref (joined);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    parts = g_strsplit (json_node_get_string (node), ",", -1);
  else
    {
      g_strv_builder_unref (builder);
      return FALSE;
    }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        {
          g_autofree char *upper = g_ascii_strup (parts[i], -1);

          g_strv_builder_add (builder, upper);
        }
    }
  *out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

static gboolean
parse_bool_node (JsonNode *node,
                 gboolean *value)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64 &&
      (json_node_get_int (node) == 0 || json_node_get_int (node) == 1))
    {
      *value = json_node_get_int (node) != 0;
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_strcmp0 (text, "on") == 0 || g_strcmp0 (text, "off") == 0)
        {
          *value = g_str_equal (text, "on");
          return TRUE;
        }
      return fapi_parse_bool (text, value);
    }
  return FALSE;
}

/* POST /__dev/settings: any of the server's flags, by the flag's name
 * with '_' or '-' ("resend_cooldown" or "resend-cooldown"). Every value
 * is checked before any is applied. */
static void
dev_settings (FapiRequest *req,
              JsonObject  *in)
{
  static const struct {
    const char *name;
    gint64      min;
    gint64      max;
    gsize       offset;
  } ints[] = {
    { "attempt_limit", 1, 1000, G_STRUCT_OFFSET (FapiSettings, attempt_limit) },
    { "resend_cooldown", 0, 86400, G_STRUCT_OFFSET (FapiSettings, resend_cooldown) },
    { "code_ttl", 1, 86400 * 30, G_STRUCT_OFFSET (FapiSettings, code_ttl) },
    { "reverification_window", 0, 86400 * 30, G_STRUCT_OFFSET (FapiSettings, reverification_window) },
  };
  static const struct {
    const char *name;
    gsize       offset;
  } bools[] = {
    { "reverification", G_STRUCT_OFFSET (FapiSettings, reverification) },
    { "rate_limits", G_STRUCT_OFFSET (FapiSettings, rate_limits) },
    { "mfa_required", G_STRUCT_OFFSET (FapiSettings, mfa_required) },
    { "backup_codes_enabled", G_STRUCT_OFFSET (FapiSettings, backup_codes_enabled) },
    { "backup_codes", G_STRUCT_OFFSET (FapiSettings, backup_codes_enabled) },
    { "client_trust", G_STRUCT_OFFSET (FapiSettings, client_trust) },
    { "sms_mfa", G_STRUCT_OFFSET (FapiSettings, sms_mfa) },
    { "password", G_STRUCT_OFFSET (FapiSettings, password) },
    { "totp", G_STRUCT_OFFSET (FapiSettings, totp) },
    { "native_api", G_STRUCT_OFFSET (FapiSettings, native_api) },
  };
  FapiSettings next = req->server->settings;
  g_auto(GStrv) countries = NULL;
  g_autofree char *prefix = NULL;
  gboolean prefix_set = FALSE;
  g_autoptr(GList) members = json_object_get_members (in);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (in, l->data);
      g_autofree char *name = g_strdelimit (g_strdup (l->data), "-", '_');
      g_autofree char *message = NULL;
      gboolean known = FALSE;
      gboolean ok = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (ints) && !known; i++)
        {
          gint64 value;

          if (!g_str_equal (name, ints[i].name))
            continue;
          known = TRUE;
          ok = get_int (in, l->data, &value) && value >= ints[i].min && value <= ints[i].max;
          if (ok)
            G_STRUCT_MEMBER (guint, &next, ints[i].offset) = (guint) value;
          else
            message = g_strdup_printf ("%s must be a whole number from %" G_GINT64_FORMAT
                                       " to %" G_GINT64_FORMAT ".",
                                       name, ints[i].min, ints[i].max);
        }
      for (guint i = 0; i < G_N_ELEMENTS (bools) && !known; i++)
        {
          gboolean value;

          if (!g_str_equal (name, bools[i].name))
            continue;
          known = TRUE;
          ok = parse_bool_node (node, &value);
          if (ok)
            G_STRUCT_MEMBER (gboolean, &next, bools[i].offset) = value;
          else
            message = g_strdup_printf ("%s must be true or false (or \"on\" or \"off\").", name);
        }
      if (!known && g_str_equal (name, "allowed_countries"))
        {
          known = TRUE;
          g_clear_pointer (&countries, g_strfreev);
          ok = parse_countries_node (node, &countries);
          if (!ok)
            message = g_strdup ("allowed_countries must be \"US,CA\" or [\"US\", \"CA\"].");
        }

      if (!known && g_str_equal (name, "password_settings"))
        {
          g_autofree char *bad_name = NULL;
          const char *code;

          known = TRUE;
          ok = fapi_password_settings_apply_json (&next.password_settings, node, &code,
                                                  &bad_name, &message);
          if (!ok)
            {
              fapi_reply_error (req, 422, code,
                                g_str_equal (code, "form_param_unknown") ? "is unknown" : "is invalid",
                                message, bad_name);
              return;
            }
        }

      if (!known && g_str_equal (name, "path_prefix"))
        {
          known = TRUE;
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
               fapi_path_prefix_valid (json_node_get_string (node));
          if (ok)
            {
              g_free (prefix);
              prefix = g_strdup (json_node_get_string (node));
              prefix_set = TRUE;
            }
          else
            message = g_strdup ("path_prefix must be \"\" or a path such as \"/__clerk\".");
        }

      if (!known)
        {
          message = g_strdup_printf ("%s is not a setting of this server.", (const char *) l->data);
          fapi_reply_error (req, 422, "form_param_unknown", "is unknown", message, l->data);
          return;
        }
      if (!ok)
        {
          reply_bad (req, message, name);
          return;
        }
    }

  next.allowed_countries = req->server->settings.allowed_countries;
  if (countries != NULL)
    {
      g_strfreev (next.allowed_countries);
      next.allowed_countries = g_steal_pointer (&countries);
    }
  next.path_prefix = req->server->settings.path_prefix;
  if (prefix_set)
    {
      g_free (next.path_prefix);
      next.path_prefix = g_steal_pointer (&prefix);
    }
  req->server->settings = next;
  reply_object (req, settings_json (&req->server->settings));
}

/* POST /__dev/faults */
static void
dev_add_fault (FapiRequest *req,
               JsonObject  *in)
{
  static const char * const kinds[] = { "status", "drop", "truncate", "malformed", "latency", NULL };
  const char *kind = get_string (in, "kind");
  const char *path = get_string (in, "path");
  const char *code = get_string (in, "code");
  FapiFault *fault;
  JsonObject *out;
  gint64 value;
  guint k;

  if (path == NULL)
    {
      reply_bad (req, "path is required", "path");
      return;
    }
  for (k = 0; kinds[k] != NULL; k++)
    {
      if (g_strcmp0 (kinds[k], kind) == 0)
        break;
    }
  if (kinds[k] == NULL)
    {
      reply_bad (req, "kind must be status, drop, truncate, malformed or latency", "kind");
      return;
    }
  if (code != NULL && (*code == '\0' || strlen (code) > 100))
    {
      reply_bad (req, "code must be an error code of 1 to 100 characters", "code");
      return;
    }

  fault = g_new0 (FapiFault, 1);
  fault->id = req->server->next_fault_id++;
  fault->method = g_strdup (get_string (in, "method"));
  fault->path = g_strdup (path);
  fault->kind = (FaultKind) k;
  if (get_int (in, "status", &value))
    fault->status = CLAMP (value, 100, 599);
  if (get_int (in, "latency_ms", &value))
    fault->latency_ms = CLAMP (value, 0, 600000);
  if (get_int (in, "times", &value))
    fault->times = CLAMP (value, 0, G_MAXINT);
  fault->code = g_strdup (get_string (in, "code"));
  g_ptr_array_add (req->server->faults, fault);

  out = json_object_new ();
  json_object_set_int_member (out, "fault_id", fault->id);
  reply_object (req, out);
}

static void
dev_requests (FapiRequest *req)
{
  JsonObject *out = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < req->server->request_log->len; i++)
    json_array_add_object_element (array,
                                   json_object_ref (g_ptr_array_index (req->server->request_log, i)));
  json_object_set_array_member (out, "requests", array);
  reply_object (req, out);
}

static void
dev_reset (FapiRequest *req)
{
  FapiServer *server = req->server;
  JsonObject *out;

  /* Ends the request's transaction, wipes, and opens a new one. */
  fapi_store_commit (server);
  fapi_store_wipe (server);
  fapi_store_begin (server);
  g_clear_pointer (&req->client, fapi_client_free);
  fapi_sms_clear (server);
  fapi_email_clear (server);
  g_ptr_array_set_size (server->request_log, 0);
  g_ptr_array_set_size (server->faults, 0);
  fapi_rate_limit_reset (server);
  fapi_clock_reset ();
  fapi_settings_clear (&server->settings);
  fapi_settings_copy (&server->settings, &server->initial_settings);
  if (server->seed_demo)
    {
      g_auto(GStrv) codes = NULL;
      g_autofree char *password = fapi_seed_demo (server, &codes);

      fapi_print_demo (password, codes);
    }

  out = json_object_new ();
  json_object_set_boolean_member (out, "reset", TRUE);
  reply_object (req, out);
}

void
fapi_handle_dev (FapiRequest *req)
{
  const char *route = req->segments[1];
  const char *method = req->method;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) in = NULL;

  if (req->n_segments != 2)
    return;

  if (g_str_equal (method, "POST"))
    {
      in = request_object (req, &error);
      if (in == NULL)
        {
          fapi_reply_error (req, 422, "form_param_format_invalid", "is invalid",
                            error->message, "body");
          return;
        }
    }

  if (g_str_equal (route, "users") && in != NULL)
    dev_users (req, in);
  else if (g_str_equal (route, "sessions") && in != NULL)
    dev_sessions (req, in);
  else if (g_str_equal (route, "clock") && (in != NULL || g_str_equal (method, "GET")))
    {
      JsonObject *out = json_object_new ();
      gint64 value;

      if (in != NULL && get_int (in, "advance_ms", &value))
        fapi_clock_advance (value);
      else if (in != NULL && get_int (in, "set_ms", &value))
        fapi_clock_set (value);
      json_object_set_int_member (out, "now_ms", fapi_clock_now_ms ());
      reply_object (req, out);
    }
  else if (g_str_equal (route, "settings") && in != NULL)
    dev_settings (req, in);
  else if (g_str_equal (route, "settings") && g_str_equal (method, "GET"))
    reply_object (req, settings_json (&req->server->settings));
  else if (g_str_equal (route, "faults") && in != NULL)
    dev_add_fault (req, in);
  else if (g_str_equal (route, "faults") && g_str_equal (method, "DELETE"))
    {
      g_ptr_array_set_size (req->server->faults, 0);
      reply_object (req, json_object_new ());
    }
  else if (g_str_equal (route, "requests") && g_str_equal (method, "GET"))
    dev_requests (req);
  else if (g_str_equal (route, "requests") && g_str_equal (method, "DELETE"))
    {
      g_ptr_array_set_size (req->server->request_log, 0);
      reply_object (req, json_object_new ());
    }
  else if (g_str_equal (route, "reset") && in != NULL)
    dev_reset (req);
}

/* The other devices the demo account is signed in on, so that a list of
 * devices has more than the app's own: a phone two hours ago and a
 * browser three days ago. */
static const struct {
  const char *user_agent;
  const char *ip_address;
  gint64      ago_ms;
} demo_devices[] = {
  { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "198.51.100.23", 2 * 3600 * G_GINT64_CONSTANT (1000) },
  { "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "192.0.2.45", 3 * 24 * 3600 * G_GINT64_CONSTANT (1000) },
};

/* Signs the demo account in on its other devices, replacing those of an
 * earlier seed (found by their User-Agent and address). */
static void
seed_demo_devices (FapiServer *server,
                   const char *user_id,
                   gint64      now)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_devices); i++)
    {
      g_autofree char *session_id = NULL;

      fapi_store_exec (server,
                       "DELETE FROM clients WHERE id IN (SELECT client_id FROM sessions"
                       " WHERE user_id = ? AND user_agent = ? AND ip_address = ?)",
                       "sss", user_id, demo_devices[i].user_agent, demo_devices[i].ip_address);
      session_id = fapi_session_add_device (server, user_id, demo_devices[i].user_agent,
                                            demo_devices[i].ip_address,
                                            now - demo_devices[i].ago_ms, NULL);
    }
}

/* The demo account of --seed-demo, signed in on two other devices. An
 * existing one keeps its phones and gets a fresh password and backup
 * codes, since neither can be shown again, and its other devices anew. */
char *
fapi_seed_demo (FapiServer   *server,
                char       ***codes)
{
  static const struct {
    const char *number;
    gboolean    verified;
    gboolean    reserved;
  } phones[] = {
    { "+12015550123", TRUE, TRUE },
    { "+12015550124", TRUE, FALSE },
    { "+12015550125", FALSE, FALSE },
  };
  g_autofree char *password = fapi_random_string ("abcdefghijkmnpqrstuvwxyz23456789", 12);
  g_autofree char *user_id = NULL;
  g_autofree char *hash = fapi_store_hash_password (password);
  gint64 now = fapi_clock_now_ms ();

  fapi_store_begin (server);
  user_id = fapi_user_find_by_identifier (server, "demo@example.com");
  if (user_id == NULL)
    {
      user_id = fapi_user_create (server, "demo@example.com", "demo", password, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
        {
          g_autofree char *phone_id = fapi_user_add_phone (server, user_id, phones[i].number,
                                                           phones[i].verified);

          if (phone_id == NULL)
            continue;
          fapi_store_exec (server,
                           "UPDATE phone_numbers SET reserved_for_second_factor = ?,"
                           " default_second_factor = ?, created_at = ?, updated_at = ? WHERE id = ?",
                           "bbiis", phones[i].reserved, phones[i].reserved,
                           now + (gint64) i, now + (gint64) i, phone_id);
        }
      fapi_store_exec (server, "UPDATE users SET mfa_enabled_at = ? WHERE id = ?",
                       "is", now, user_id);
    }
  else
    fapi_store_exec (server, "UPDATE users SET password_hash = ? WHERE id = ?",
                     "ss", hash, user_id);
  *codes = fapi_backup_codes_generate (server, user_id);
  seed_demo_devices (server, user_id, now);
  fapi_store_commit (server);

  return g_steal_pointer (&password);
}
