/* fapi-user.c
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

/* The user: /v1/me, and the accounts the dev routes create. */

gboolean
fapi_user_two_factor_enabled (FapiServer *server,
                              const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT (SELECT count(*) FROM phone_numbers WHERE user_id = ?1"
                           "  AND reserved_for_second_factor = 1 AND verification_status = 'verified')"
                           " + (SELECT totp_enabled FROM users WHERE id = ?1)",
                           "s", user_id);
  return fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) > 0;
}

JsonNode *
fapi_user_to_json (FapiServer *server,
                   const char *user_id)
{
  g_autoptr(sqlite3_stmt) user = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  gboolean two_factor = fapi_user_two_factor_enabled (server, user_id);
  JsonArray *emails = json_array_new ();
  JsonNode *node;

  user = fapi_store_query (server,
                           "SELECT id, username, first_name, last_name, password_hash,"
                           " primary_email_address_id, primary_phone_number_id, totp_enabled,"
                           " mfa_enabled_at, mfa_disabled_at, last_sign_in_at, last_active_at,"
                           " created_at, updated_at, password_updated_at FROM users WHERE id = ?",
                           "s", user_id);
  if (!fapi_store_step (user))
    return json_node_new (JSON_NODE_NULL);

  json_object_set_string_member (object, "id", user_id);
  json_object_set_string_member (object, "object", "user");
  fapi_json_set_nullable_string (object, "username", (const char *) sqlite3_column_text (user, 1));
  fapi_json_set_nullable_string (object, "first_name", (const char *) sqlite3_column_text (user, 2));
  fapi_json_set_nullable_string (object, "last_name", (const char *) sqlite3_column_text (user, 3));
  json_object_set_string_member (object, "image_url", "");
  json_object_set_boolean_member (object, "has_image", FALSE);
  fapi_json_set_nullable_string (object, "primary_email_address_id",
                                 (const char *) sqlite3_column_text (user, 5));
  fapi_json_set_nullable_string (object, "primary_phone_number_id",
                                 (const char *) sqlite3_column_text (user, 6));
  json_object_set_null_member (object, "primary_web3_wallet_id");
  json_object_set_boolean_member (object, "password_enabled", !fapi_store_is_null (user, 4));
  json_object_set_boolean_member (object, "two_factor_enabled", two_factor);
  json_object_set_boolean_member (object, "totp_enabled", sqlite3_column_int (user, 7) != 0);
  json_object_set_boolean_member (object, "backup_code_enabled",
                                  two_factor && fapi_backup_codes_exist (server, user_id));

  stmt = fapi_store_query (server,
                           "SELECT id, email_address, created_at, updated_at, verified"
                           " FROM email_addresses WHERE user_id = ? ORDER BY created_at, rowid",
                           "s", user_id);
  while (fapi_store_step (stmt))
    {
      JsonObject *email = json_object_new ();

      json_object_set_string_member (email, "id", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (email, "object", "email_address");
      json_object_set_string_member (email, "email_address",
                                     (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_boolean_member (email, "reserved", FALSE);
      /* Addresses the dev routes create verified were verified "by an
       * admin"; an unverified one has never been prepared. */
      if (sqlite3_column_int (stmt, 4) != 0)
        {
          JsonObject *verification = json_object_new ();

          json_object_set_string_member (verification, "object", "verification_admin");
          json_object_set_string_member (verification, "status", "verified");
          json_object_set_string_member (verification, "strategy", "admin");
          json_object_set_null_member (verification, "attempts");
          json_object_set_null_member (verification, "expire_at");
          json_object_set_object_member (email, "verification", verification);
        }
      else
        json_object_set_null_member (email, "verification");
      json_object_set_array_member (email, "linked_to", json_array_new ());
      json_object_set_boolean_member (email, "matches_sso_connection", FALSE);
      json_object_set_int_member (email, "created_at", sqlite3_column_int64 (stmt, 2));
      json_object_set_int_member (email, "updated_at", sqlite3_column_int64 (stmt, 3));
      json_array_add_object_element (emails, email);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  json_object_set_array_member (object, "email_addresses", emails);

  json_object_set_array_member (object, "phone_numbers", fapi_phones_of_user (server, user_id));

  json_object_set_array_member (object, "web3_wallets", json_array_new ());
  json_object_set_array_member (object, "passkeys", json_array_new ());
  json_object_set_array_member (object, "organization_memberships", json_array_new ());
  json_object_set_array_member (object, "external_accounts", json_array_new ());
  json_object_set_array_member (object, "saml_accounts", json_array_new ());
  json_object_set_array_member (object, "enterprise_accounts", json_array_new ());
  fapi_json_set_nullable_int (object, "password_last_updated_at", fapi_store_int_or (user, 14, -1));
  json_object_set_object_member (object, "public_metadata", json_object_new ());
  json_object_set_object_member (object, "unsafe_metadata", json_object_new ());
  json_object_set_null_member (object, "external_id");
  fapi_json_set_nullable_int (object, "last_sign_in_at", fapi_store_int_or (user, 10, -1));
  json_object_set_boolean_member (object, "banned", FALSE);
  json_object_set_boolean_member (object, "locked", FALSE);
  json_object_set_null_member (object, "lockout_expires_in_seconds");
  json_object_set_null_member (object, "verification_attempts_remaining");
  json_object_set_int_member (object, "created_at", sqlite3_column_int64 (user, 12));
  json_object_set_int_member (object, "updated_at", sqlite3_column_int64 (user, 13));
  json_object_set_boolean_member (object, "delete_self_enabled", FALSE);
  json_object_set_boolean_member (object, "create_organization_enabled", FALSE);
  fapi_json_set_nullable_int (object, "last_active_at", fapi_store_int_or (user, 11, -1));
  fapi_json_set_nullable_int (object, "mfa_enabled_at", fapi_store_int_or (user, 8, -1));
  fapi_json_set_nullable_int (object, "mfa_disabled_at", fapi_store_int_or (user, 9, -1));
  json_object_set_null_member (object, "legal_accepted_at");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* A verified email (any case), username, or a verified phone that is not
 * reserved for the second factor. */
char *
fapi_user_find_by_identifier (FapiServer *server,
                              const char *identifier)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT user_id FROM email_addresses WHERE email_address = ?1 AND verified = 1"
                           " UNION ALL SELECT id FROM users WHERE username = ?1"
                           " UNION ALL SELECT user_id FROM phone_numbers WHERE phone_number = ?1"
                           "  AND verification_status = 'verified' AND reserved_for_second_factor = 0",
                           "s", identifier);
  return fapi_store_step (stmt) ? fapi_store_dup_text (stmt, 0) : NULL;
}

char *
fapi_user_add_phone (FapiServer *server,
                     const char *user_id,
                     const char *phone_number,
                     gboolean    verified)
{
  gint64 now = fapi_clock_now_ms ();
  char *id = fapi_new_id ("idn_");

  if (!fapi_store_exec (server,
                        "INSERT INTO phone_numbers (id, user_id, phone_number, verification_status,"
                        " verification_attempts, verification_expire_at, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        "ssssinii", id, user_id, phone_number, verified ? "verified" : NULL,
                        (gint64) (verified ? 1 : 0),
                        verified ? now : (gint64) -1, now, now))
    {
      g_free (id);
      return NULL;
    }
  if (verified)
    fapi_store_exec (server,
                     "UPDATE users SET primary_phone_number_id = ? WHERE id = ?"
                     " AND primary_phone_number_id IS NULL",
                     "ss", id, user_id);
  return id;
}

/* Becomes the primary address when verified and the user has none. NULL
 * when the address is taken. */
char *
fapi_user_add_email (FapiServer *server,
                     const char *user_id,
                     const char *email_address,
                     gboolean    verified)
{
  gint64 now = fapi_clock_now_ms ();
  char *id = fapi_new_id ("idn_");

  if (!fapi_store_exec (server,
                        "INSERT INTO email_addresses (id, user_id, email_address, verified,"
                        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                        "sssbii", id, user_id, email_address, verified, now, now))
    {
      g_free (id);
      return NULL;
    }
  if (verified)
    fapi_store_exec (server,
                     "UPDATE users SET primary_email_address_id = ? WHERE id = ?"
                     " AND primary_email_address_id IS NULL",
                     "ss", id, user_id);
  return id;
}

char *
fapi_user_create (FapiServer  *server,
                  const char  *identifier,
                  const char  *username,
                  const char  *password,
                  GError     **error)
{
  g_autofree char *id = fapi_new_id ("user_");
  g_autofree char *hash = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *taken_username = NULL;
  gint64 now = fapi_clock_now_ms ();

  if (identifier == NULL || *identifier == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "identifier is missing");
      return NULL;
    }
  taken = fapi_user_find_by_identifier (server, identifier);
  if (username != NULL)
    taken_username = fapi_user_find_by_identifier (server, username);
  if (taken != NULL || taken_username != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "identifier is taken");
      return NULL;
    }

  if (password != NULL)
    hash = fapi_store_hash_password (password);
  if (strchr (identifier, '@') == NULL && identifier[0] != '+' && username == NULL)
    username = identifier;

  if (!fapi_store_exec (server,
                        "INSERT INTO users (id, username, password_hash, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        "sssii", id, username, hash, now, now))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "cannot create the user");
      return NULL;
    }

  if (strchr (identifier, '@') != NULL)
    {
      g_autofree char *email_id = fapi_user_add_email (server, id, identifier, TRUE);

      if (email_id == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "email address is taken");
          return NULL;
        }
    }
  else if (identifier[0] == '+')
    {
      g_autofree char *phone_id = fapi_user_add_phone (server, id, identifier, TRUE);

      if (phone_id == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "phone number is taken");
          return NULL;
        }
    }

  return g_steal_pointer (&id);
}

/* Records the transitions of two_factor_enabled and creates backup codes
 * when the first method is turned on while the user has none. */
void
fapi_user_update_mfa_state (FapiServer   *server,
                            const char   *user_id,
                            gboolean      was_enabled,
                            char       ***new_codes)
{
  gboolean enabled = fapi_user_two_factor_enabled (server, user_id);
  gint64 now = fapi_clock_now_ms ();

  if (new_codes != NULL)
    *new_codes = NULL;

  if (!was_enabled && enabled)
    {
      fapi_store_exec (server, "UPDATE users SET mfa_enabled_at = ?, updated_at = ? WHERE id = ?",
                       "iis", now, now, user_id);
      if (server->settings.backup_codes_enabled && !fapi_backup_codes_exist (server, user_id))
        {
          char **codes = fapi_backup_codes_generate (server, user_id);

          if (new_codes != NULL)
            *new_codes = codes;
          else
            g_strfreev (codes);
        }
    }
  else if (was_enabled && !enabled)
    fapi_store_exec (server, "UPDATE users SET mfa_disabled_at = ?, updated_at = ? WHERE id = ?",
                     "iis", now, now, user_id);
}

gboolean
fapi_user_totp_enabled (FapiServer *server,
                        const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (server,
                                                   "SELECT totp_enabled FROM users WHERE id = ?",
                                                   "s", user_id);

  return fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) != 0;
}

/* The user's authenticator code, read from the server clock. */
gboolean
fapi_user_totp_check (FapiServer *server,
                      const char *user_id,
                      const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) key = NULL;

  stmt = fapi_store_query (server, "SELECT totp_secret, totp_enabled FROM users WHERE id = ?",
                           "s", user_id);
  if (!fapi_store_step (stmt) || sqlite3_column_int (stmt, 1) == 0)
    return FALSE;
  key = fapi_totp_decode_secret ((const char *) sqlite3_column_text (stmt, 0));
  return fapi_totp_verify (key, code, fapi_clock_now_ms ());
}

/* GET /v1/me */
void
fapi_handle_me (FapiRequest *req)
{
  g_autofree char *user_id = NULL;

  if (!g_str_equal (req->method, "GET"))
    return;
  user_id = fapi_session_current_user (req, NULL);
  if (user_id != NULL)
    fapi_reply_wrapped (req, fapi_user_to_json (req->server, user_id));
}
