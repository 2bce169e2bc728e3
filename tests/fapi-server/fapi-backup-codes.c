/* fapi-backup-codes.c
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

/* Backup codes: POST /v1/me/backup_codes, and their use at sign-in.
 * Ten codes of eight lowercase letters and digits, stored hashed. */

#define N_BACKUP_CODES 10

gboolean
fapi_backup_codes_exist (FapiServer *server,
                         const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (server,
                                                   "SELECT 1 FROM backup_code_sets WHERE user_id = ?",
                                                   "s", user_id);

  return fapi_store_step (stmt);
}

/* Replaces any previous set; returns the new codes in clear text, which
 * are never stored. */
char **
fapi_backup_codes_generate (FapiServer *server,
                            const char *user_id)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *set_id = fapi_new_id ("bcode_");
  gint64 now = fapi_clock_now_ms ();
  char **codes;

  fapi_store_exec (server, "DELETE FROM backup_codes WHERE user_id = ?", "s", user_id);
  fapi_store_exec (server,
                   "INSERT INTO backup_code_sets (user_id, id, created_at, updated_at)"
                   " VALUES (?1, ?2, ?3, ?3)"
                   " ON CONFLICT (user_id) DO UPDATE SET id = ?2, updated_at = ?3",
                   "ssi", user_id, set_id, now);

  for (guint i = 0; i < N_BACKUP_CODES; i++)
    {
      g_autofree char *code = fapi_random_string ("abcdefghijklmnopqrstuvwxyz0123456789", 8);
      g_autofree char *hash = fapi_sha256 (code);

      fapi_store_exec (server, "INSERT INTO backup_codes (user_id, code_hash) VALUES (?, ?)",
                       "ss", user_id, hash);
      g_strv_builder_add (builder, code);
    }

  codes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return codes;
}

/* Single use: a matching unused code is spent. */
gboolean
fapi_backup_codes_consume (FapiServer *server,
                           const char *user_id,
                           const char *code)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 rowid;

  if (code == NULL || !fapi_user_two_factor_enabled (server, user_id))
    return FALSE;

  trimmed = g_strstrip (g_strdup (code));
  normalized = g_ascii_strdown (trimmed, -1);
  hash = fapi_sha256 (normalized);
  stmt = fapi_store_query (server,
                           "SELECT rowid FROM backup_codes WHERE user_id = ? AND code_hash = ?"
                           " AND used_at IS NULL",
                           "ss", user_id, hash);
  if (!fapi_store_step (stmt))
    return FALSE;
  rowid = sqlite3_column_int64 (stmt, 0);
  return fapi_store_exec (server, "UPDATE backup_codes SET used_at = ? WHERE rowid = ?",
                          "ii", fapi_clock_now_ms (), rowid);
}

/* POST /v1/me/backup_codes: a new set replaces the old one; gated by
 * step-up. */
void
fapi_handle_backup_codes (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *array;
  JsonNode *node;

  if (!g_str_equal (req->method, "POST"))
    return;
  user_id = fapi_session_current_user (req, &session_id);
  if (user_id == NULL || !fapi_reverification_check (req, session_id, user_id))
    return;

  if (!req->server->settings.backup_codes_enabled ||
      !fapi_user_two_factor_enabled (req->server, user_id))
    {
      fapi_reply_error (req, 400, "backup_codes_not_available", "backup codes not available",
                        "Backup codes need another two-step verification method to be enabled first.",
                        NULL);
      return;
    }

  codes = fapi_backup_codes_generate (req->server, user_id);
  stmt = fapi_store_query (req->server,
                           "SELECT id, created_at, updated_at FROM backup_code_sets WHERE user_id = ?",
                           "s", user_id);
  fapi_store_step (stmt);

  object = json_object_new ();
  json_object_set_string_member (object, "object", "backup_code");
  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (stmt, 0));
  array = json_array_new ();
  for (guint i = 0; codes[i] != NULL; i++)
    json_array_add_string_element (array, codes[i]);
  json_object_set_array_member (object, "codes", array);
  json_object_set_int_member (object, "created_at", sqlite3_column_int64 (stmt, 1));
  json_object_set_int_member (object, "updated_at", sqlite3_column_int64 (stmt, 2));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  fapi_reply_wrapped (req, node);
}
