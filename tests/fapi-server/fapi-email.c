/* fapi-email.c
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

#include <stdio.h>
#include <string.h>

#include "fapi-server.h"

/* Email codes and client trust. No email leaves the machine: each code
 * is one line on standard output and an entry in the outbox that
 * GET /__dev/email reads. A client on which a user has completed a
 * sign-in is known to that user; with --client-trust on, a password
 * sign-in on any other client is confirmed with a code. */

typedef struct
{
  char   *email_address;
  char   *code;
  gint64  created_at;
} FapiEmail;

void
fapi_email_free (gpointer data)
{
  FapiEmail *email = data;

  g_free (email->email_address);
  g_free (email->code);
  g_free (email);
}

void
fapi_email_send (FapiServer *server,
                 const char *email_address,
                 const char *code)
{
  FapiEmail *email = g_new0 (FapiEmail, 1);

  email->email_address = g_strdup (email_address);
  email->code = g_strdup (code);
  email->created_at = fapi_clock_now_ms ();
  g_ptr_array_add (server->email_outbox, email);

  printf ("email to %s: %s\n", email_address, code);
  fflush (stdout);
}

void
fapi_email_clear (FapiServer *server)
{
  g_ptr_array_set_size (server->email_outbox, 0);
}

/* j***@example.com: the first character of the local part shows. */
char *
fapi_mask_email (const char *email_address)
{
  const char *at = strrchr (email_address, '@');

  if (at == NULL || at == email_address)
    return g_strdup ("***");
  return g_strdup_printf ("%.*s***%s",
                          (int) (g_utf8_next_char (email_address) - email_address),
                          email_address, at);
}

/* Clerk's test addresses: a "+clerk_test" subaddress takes code 424242. */
gboolean
fapi_is_test_email (const char *email_address)
{
  const char *at = strrchr (email_address, '@');
  g_autofree char *local = NULL;

  if (at == NULL)
    return FALSE;
  local = g_ascii_strdown (email_address, at - email_address);
  return strstr (local, "+clerk_test") != NULL;
}

/* What confirms a new client: email_code for each verified address
 * (primary first), then phone_code for each verified phone while SMS is
 * a second factor of the instance. */
JsonArray *
fapi_client_trust_factors (FapiServer *server,
                           const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *factors = json_array_new ();

  stmt = fapi_store_query (server,
                           "SELECT e.id, e.email_address, e.id = u.primary_email_address_id"
                           " FROM email_addresses e JOIN users u ON u.id = e.user_id"
                           " WHERE e.user_id = ? AND e.verified = 1"
                           " ORDER BY e.id = u.primary_email_address_id DESC, e.created_at, e.rowid",
                           "s", user_id);
  while (fapi_store_step (stmt))
    {
      JsonObject *factor = json_object_new ();
      g_autofree char *masked = fapi_mask_email ((const char *) sqlite3_column_text (stmt, 1));

      json_object_set_string_member (factor, "strategy", "email_code");
      json_object_set_string_member (factor, "email_address_id",
                                     (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (factor, "safe_identifier", masked);
      json_object_set_boolean_member (factor, "primary", sqlite3_column_int (stmt, 2) != 0);
      json_array_add_object_element (factors, factor);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!server->settings.sms_mfa)
    return factors;

  stmt = fapi_store_query (server,
                           "SELECT id, phone_number FROM phone_numbers"
                           " WHERE user_id = ? AND verification_status = 'verified'"
                           " ORDER BY created_at, rowid",
                           "s", user_id);
  while (fapi_store_step (stmt))
    {
      JsonObject *factor = json_object_new ();
      g_autofree char *masked = fapi_mask_phone ((const char *) sqlite3_column_text (stmt, 1));

      json_object_set_string_member (factor, "strategy", "phone_code");
      json_object_set_string_member (factor, "phone_number_id",
                                     (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (factor, "safe_identifier", masked);
      json_object_set_boolean_member (factor, "default", FALSE);
      json_array_add_object_element (factors, factor);
    }
  return factors;
}

gboolean
fapi_client_trust_known (FapiServer *server,
                         const char *user_id,
                         const char *client_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT 1 FROM trusted_clients WHERE user_id = ? AND client_id = ?",
                           "ss", user_id, client_id);
  return fapi_store_step (stmt);
}

void
fapi_client_trust_add (FapiServer *server,
                       const char *user_id,
                       const char *client_id)
{
  fapi_store_exec (server,
                   "INSERT OR IGNORE INTO trusted_clients (user_id, client_id, created_at)"
                   " VALUES (?, ?, ?)",
                   "ssi", user_id, client_id, fapi_clock_now_ms ());
}

/* GET /__dev/email?email_address=<address> (always; any case), newest
 * last; DELETE /__dev/email (with --dev-routes). */
void
fapi_handle_dev_email (FapiRequest *req)
{
  g_autoptr(JsonObject) root = json_object_new ();
  const char *email_address;
  JsonArray *messages = json_array_new ();
  JsonNode *node;

  json_object_set_array_member (root, "messages", messages);
  if (g_strcmp0 (req->method, "DELETE") == 0 && req->server->settings.dev_routes)
    fapi_email_clear (req->server);
  else if (g_strcmp0 (req->method, "GET") == 0)
    {
      email_address = fapi_request_param (req, "email_address");
      for (guint i = 0; i < req->server->email_outbox->len; i++)
        {
          FapiEmail *email = g_ptr_array_index (req->server->email_outbox, i);
          JsonObject *item;

          if (email_address != NULL &&
              g_ascii_strcasecmp (email_address, email->email_address) != 0)
            continue;
          item = json_object_new ();
          json_object_set_string_member (item, "email_address", email->email_address);
          json_object_set_string_member (item, "code", email->code);
          json_object_set_int_member (item, "created_at", email->created_at);
          json_array_add_object_element (messages, item);
        }
    }
  else
    {
      fapi_reply_not_found (req, "Route");
      return;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  fapi_reply_json (req, SOUP_STATUS_OK, node);
}
