/* fapi-totp.c
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

/* Authenticator-app codes, RFC 6238 over RFC 4226: HMAC-SHA1 of the
 * 30-second step counter, dynamic truncation, six digits. A code is
 * accepted one step early or late. Time comes from the server clock. */

#define TOTP_STEP_MS  30000
#define TOTP_MODULUS  1000000

/* A base32 (RFC 4648) secret, case-insensitive, with optional padding
 * and spaces; NULL when it holds anything else or no whole byte. */
GBytes *
fapi_totp_decode_secret (const char *base32)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GByteArray) key = g_byte_array_new ();
  guint32 bits = 0;
  int nbits = 0;
  gboolean padding = FALSE;

  if (base32 == NULL)
    return NULL;

  for (const char *p = base32; *p != '\0'; p++)
    {
      const char *hit;

      if (*p == ' ')
        continue;
      if (*p == '=')
        {
          padding = TRUE;
          continue;
        }
      hit = strchr (alphabet, g_ascii_toupper (*p));
      if (hit == NULL || padding)
        return NULL;
      bits = (bits << 5) | (guint32) (hit - alphabet);
      nbits += 5;
      if (nbits >= 8)
        {
          guint8 byte = (bits >> (nbits - 8)) & 0xff;

          g_byte_array_append (key, &byte, 1);
          nbits -= 8;
        }
    }

  if (key->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&key));
}

/* The six-digit code for step @counter. */
guint32
fapi_totp_code (GBytes *key,
                gint64  counter)
{
  g_autoptr(GHmac) hmac = NULL;
  guchar message[8];
  guchar digest[20];
  gsize digest_len = sizeof digest;
  guint offset;
  guint32 binary;

  g_return_val_if_fail (key != NULL, 0);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &digest_len);

  offset = digest[19] & 0x0f;
  binary = ((guint32) (digest[offset] & 0x7f) << 24) |
           ((guint32) digest[offset + 1] << 16) |
           ((guint32) digest[offset + 2] << 8) |
           (guint32) digest[offset + 3];
  return binary % TOTP_MODULUS;
}

/* Whether @code (six digits) is the code of the step of @now_ms or of
 * the step before or after it. */
gboolean
fapi_totp_verify (GBytes     *key,
                  const char *code,
                  gint64      now_ms)
{
  gint64 step;
  guint32 value = 0;

  if (key == NULL || code == NULL || strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isdigit (code[i]))
        return FALSE;
      value = value * 10 + (guint32) (code[i] - '0');
    }

  step = (now_ms >= 0 ? now_ms : 0) / TOTP_STEP_MS;
  for (gint64 d = -1; d <= 1; d++)
    {
      if (step + d >= 0 && fapi_totp_code (key, step + d) == value)
        return TRUE;
    }
  return FALSE;
}

/* A new random secret: 32 base32 (RFC 4648) characters as Clerk's secrets
 * are, 160 bits, the HMAC-SHA1 key size RFC 4226 recommends. */
char *
fapi_totp_new_secret (void)
{
  return fapi_random_string ("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32);
}

/* The authenticator apps of the user: /v1/me/totp.
 *
 * POST creates a secret that waits (in pending_totps) for its first
 * code; a new POST replaces it. attempt_verification checks a code
 * against it and moves it to users.totp_secret, where sign-in and
 * step-up read it. DELETE removes both. Creating and deleting are
 * gated by step-up, verifying is not. */

/* The name the user is known by in the authenticator app: the primary
 * email address, else the primary phone number, else the username. */
static char *
user_label (FapiServer *server,
            const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT coalesce((SELECT email_address FROM email_addresses"
                           "   WHERE id = u.primary_email_address_id),"
                           "  (SELECT phone_number FROM phone_numbers"
                           "   WHERE id = u.primary_phone_number_id),"
                           "  u.username, u.id)"
                           " FROM users u WHERE u.id = ?",
                           "s", user_id);
  return fapi_store_step (stmt) ? fapi_store_dup_text (stmt, 0) : g_strdup (user_id);
}

/* otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30,
 * with everything but unreserved characters percent-encoded (a ':' of
 * the issuer too, so the label splits at the first one; '@' may stay). */
static char *
totp_uri (FapiServer *server,
          const char *user_id,
          const char *secret)
{
  const char *issuer = server->settings.application_name != NULL
                       ? server->settings.application_name : FAPI_DEFAULT_APPLICATION_NAME;
  g_autofree char *account = user_label (server, user_id);
  g_autofree char *issuer_escaped = g_uri_escape_string (issuer, NULL, FALSE);
  g_autofree char *account_escaped = g_uri_escape_string (account, "@", FALSE);

  return g_strdup_printf ("otpauth://totp/%s:%s?secret=%s&issuer=%s"
                          "&algorithm=SHA1&digits=6&period=30",
                          issuer_escaped, account_escaped, secret, issuer_escaped);
}

/* Clerk's TOTP object; the secret and the URI only until it is verified. */
static JsonNode *
totp_json (const char  *id,
           const char  *secret,
           const char  *uri,
           gboolean     verified,
           char       **backup_codes,
           gint64       created_at,
           gint64       updated_at)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, "object", "totp");
  json_object_set_string_member (object, "id", id);
  fapi_json_set_nullable_string (object, "secret", secret);
  fapi_json_set_nullable_string (object, "uri", uri);
  json_object_set_boolean_member (object, "verified", verified);
  if (backup_codes != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; backup_codes[i] != NULL; i++)
        json_array_add_string_element (array, backup_codes[i]);
      json_object_set_array_member (object, "backup_codes", array);
    }
  else
    json_object_set_null_member (object, "backup_codes");
  json_object_set_int_member (object, "created_at", created_at);
  json_object_set_int_member (object, "updated_at", updated_at);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static void
reply_not_enabled (FapiRequest *req)
{
  fapi_reply_error (req, SOUP_STATUS_FORBIDDEN, "feature_not_enabled", "not enabled",
                    "Authenticator applications are not enabled on this instance.", NULL);
}

static void
reply_already_enabled (FapiRequest *req)
{
  fapi_reply_error (req, 400, "totp_already_enabled", "TOTP already enabled",
                    "An authenticator application is already set up for this account. "
                    "Remove it before setting up another one.", NULL);
}

static void
create_totp (FapiRequest *req,
             const char  *user_id)
{
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *uri = NULL;
  gint64 now = fapi_clock_now_ms ();

  if (!req->server->settings.totp)
    {
      reply_not_enabled (req);
      return;
    }
  if (fapi_user_totp_enabled (req->server, user_id))
    {
      reply_already_enabled (req);
      return;
    }

  /* A set-up that was never verified is replaced. */
  id = fapi_new_id ("totp_");
  secret = fapi_totp_new_secret ();
  uri = totp_uri (req->server, user_id, secret);
  fapi_store_exec (req->server,
                   "INSERT INTO pending_totps (user_id, id, secret, created_at, updated_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?4)"
                   " ON CONFLICT (user_id) DO UPDATE SET id = ?2, secret = ?3,"
                   " created_at = ?4, updated_at = ?4",
                   "sssi", user_id, id, secret, now);
  fapi_reply_wrapped (req, totp_json (id, secret, uri, FALSE, NULL, now, now));
}

static void
attempt_verification (FapiRequest *req,
                      const char  *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_auto(GStrv) codes = NULL;
  const char *code;
  gboolean was_enabled;
  gint64 created_at;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "code", &code))
    return;
  if (!req->server->settings.totp)
    {
      reply_not_enabled (req);
      return;
    }

  stmt = fapi_store_query (req->server,
                           "SELECT id, secret, created_at FROM pending_totps WHERE user_id = ?",
                           "s", user_id);
  if (!fapi_store_step (stmt))
    {
      if (fapi_user_totp_enabled (req->server, user_id))
        reply_already_enabled (req);
      else
        fapi_reply_not_found (req, "TOTP");
      return;
    }
  id = fapi_store_dup_text (stmt, 0);
  secret = fapi_store_dup_text (stmt, 1);
  created_at = sqlite3_column_int64 (stmt, 2);
  g_clear_pointer (&stmt, sqlite3_finalize);
  key = fapi_totp_decode_secret (secret);

  if (!fapi_totp_verify (key, code, now))
    {
      fapi_reply_error (req, 422, "form_code_incorrect", "is incorrect", "Incorrect code", "code");
      return;
    }

  /* Where sign-in and step-up look for it. */
  was_enabled = fapi_user_two_factor_enabled (req->server, user_id);
  fapi_store_exec (req->server,
                   "UPDATE users SET totp_secret = ?1, totp_enabled = 1, totp_id = ?2,"
                   " totp_created_at = ?3, totp_updated_at = ?4, updated_at = ?4 WHERE id = ?5",
                   "ssiis", secret, id, created_at, now, user_id);
  fapi_store_exec (req->server, "DELETE FROM pending_totps WHERE user_id = ?", "s", user_id);
  fapi_user_update_mfa_state (req->server, user_id, was_enabled, &codes);

  fapi_reply_wrapped (req, totp_json (id, NULL, NULL, TRUE, codes, created_at, now));
}

static void
delete_totp (FapiRequest *req,
             const char  *user_id,
             const char  *session_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) deleted = NULL;
  g_autofree char *id = NULL;
  gboolean enabled;
  gboolean was_enabled;
  gint64 now = fapi_clock_now_ms ();
  JsonNode *node;

  stmt = fapi_store_query (req->server,
                           "SELECT u.totp_enabled, coalesce(u.totp_id, p.id)"
                           " FROM users u LEFT JOIN pending_totps p ON p.user_id = u.id"
                           " WHERE u.id = ?",
                           "s", user_id);
  if (!fapi_store_step (stmt) ||
      (sqlite3_column_int (stmt, 0) == 0 && fapi_store_is_null (stmt, 1)))
    {
      fapi_reply_not_found (req, "TOTP");
      return;
    }
  enabled = sqlite3_column_int (stmt, 0) != 0;
  /* A secret the dev routes stored has an id; an older database's may not. */
  id = fapi_store_is_null (stmt, 1) ? fapi_new_id ("totp_") : fapi_store_dup_text (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!fapi_reverification_check (req, session_id, user_id))
    return;

  if (enabled && req->server->settings.mfa_required)
    {
      g_autoptr(sqlite3_stmt) phones = NULL;

      phones = fapi_store_query (req->server,
                                 "SELECT 1 FROM phone_numbers WHERE user_id = ?"
                                 " AND reserved_for_second_factor = 1"
                                 " AND verification_status = 'verified'",
                                 "s", user_id);
      if (!fapi_store_step (phones))
        {
          fapi_reply_error (req, 400, "second_factor_deletion_not_allowed",
                            "second factor required",
                            "Two-step verification is required: you cannot remove your last "
                            "second factor.", NULL);
          return;
        }
    }

  was_enabled = fapi_user_two_factor_enabled (req->server, user_id);
  fapi_store_exec (req->server,
                   "UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_id = NULL,"
                   " totp_created_at = NULL, totp_updated_at = NULL, updated_at = ?"
                   " WHERE id = ?",
                   "is", now, user_id);
  fapi_store_exec (req->server, "DELETE FROM pending_totps WHERE user_id = ?", "s", user_id);
  fapi_user_update_mfa_state (req->server, user_id, was_enabled, NULL);

  deleted = json_object_new ();
  json_object_set_string_member (deleted, "object", "totp");
  json_object_set_string_member (deleted, "id", id);
  json_object_set_boolean_member (deleted, "deleted", TRUE);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, deleted);
  fapi_reply_wrapped (req, node);
}

/* POST and DELETE /v1/me/totp, POST /v1/me/totp/attempt_verification */
void
fapi_handle_totp (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  const char *action = req->n_segments == 4 ? req->segments[3] : NULL;

  if (action != NULL)
    {
      if (!g_str_equal (action, "attempt_verification") || !g_str_equal (req->method, "POST"))
        return;
    }
  else if (!g_str_equal (req->method, "POST") && !g_str_equal (req->method, "DELETE"))
    return;

  user_id = fapi_session_current_user (req, &session_id);
  if (user_id == NULL)
    return;

  if (action != NULL)
    attempt_verification (req, user_id);
  else if (g_str_equal (req->method, "DELETE"))
    delete_totp (req, user_id, session_id);
  else if (fapi_reverification_check (req, session_id, user_id))
    create_totp (req, user_id);
}
