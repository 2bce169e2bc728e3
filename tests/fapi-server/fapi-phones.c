/* fapi-phones.c
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

#include "mfa-phone.h"

#include "fapi-server.h"

/* The user's phone numbers: /v1/me/phone_numbers[/{id}[/...]]. */

#define MAX_UNVERIFIED_PHONES 10

#define PHONE_COLUMNS \
  "id, phone_number, reserved_for_second_factor, default_second_factor," \
  " verification_status, verification_attempts, verification_expire_at," \
  " created_at, updated_at, user_id, code, code_sent_at"

enum {
  COL_ID,
  COL_PHONE_NUMBER,
  COL_RESERVED,
  COL_DEFAULT,
  COL_STATUS,
  COL_ATTEMPTS,
  COL_EXPIRE_AT,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_USER_ID,
  COL_CODE,
  COL_CODE_SENT_AT,
};

/* The stored status, with a lapsed unverified code reported as expired. */
static const char *
phone_status (sqlite3_stmt *row)
{
  const char *status = (const char *) sqlite3_column_text (row, COL_STATUS);

  if (g_strcmp0 (status, "unverified") == 0 &&
      fapi_clock_now_ms () > fapi_store_int_or (row, COL_EXPIRE_AT, G_MAXINT64))
    return "expired";
  return status;
}

JsonNode *
fapi_phone_to_json (FapiServer   *server,
                    sqlite3_stmt *row)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *status = phone_status (row);
  JsonNode *node;

  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (row, COL_ID));
  json_object_set_string_member (object, "object", "phone_number");
  json_object_set_string_member (object, "phone_number",
                                 (const char *) sqlite3_column_text (row, COL_PHONE_NUMBER));
  json_object_set_boolean_member (object, "reserved_for_second_factor",
                                  sqlite3_column_int (row, COL_RESERVED) != 0);
  json_object_set_boolean_member (object, "default_second_factor",
                                  sqlite3_column_int (row, COL_DEFAULT) != 0);
  json_object_set_boolean_member (object, "reserved", FALSE);
  if (status == NULL)
    json_object_set_null_member (object, "verification");
  else
    {
      JsonObject *verification = json_object_new ();

      json_object_set_string_member (verification, "object", "verification_otp");
      json_object_set_string_member (verification, "status", status);
      json_object_set_string_member (verification, "strategy", "phone_code");
      json_object_set_int_member (verification, "attempts",
                                  sqlite3_column_int64 (row, COL_ATTEMPTS));
      json_object_set_int_member (verification, "expire_at",
                                  fapi_store_int_or (row, COL_EXPIRE_AT, 0));
      json_object_set_string_member (verification, "channel", "sms");
      json_object_set_object_member (object, "verification", verification);
    }
  json_object_set_array_member (object, "linked_to", json_array_new ());
  json_object_set_null_member (object, "backup_codes");
  json_object_set_int_member (object, "created_at", sqlite3_column_int64 (row, COL_CREATED_AT));
  json_object_set_int_member (object, "updated_at", sqlite3_column_int64 (row, COL_UPDATED_AT));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static sqlite3_stmt *
phone_row (FapiServer *server,
           const char *user_id,
           const char *phone_id)
{
  sqlite3_stmt *stmt = fapi_store_query (server,
                                         "SELECT " PHONE_COLUMNS " FROM phone_numbers"
                                         " WHERE id = ? AND user_id = ?",
                                         "ss", phone_id, user_id);

  if (!fapi_store_step (stmt))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static JsonNode *
phone_json_by_id (FapiServer *server,
                  const char *user_id,
                  const char *phone_id)
{
  g_autoptr(sqlite3_stmt) row = phone_row (server, user_id, phone_id);

  return row != NULL ? fapi_phone_to_json (server, row) : json_node_new (JSON_NODE_NULL);
}

/* The user's phone numbers, newest first, as the real service lists them. */
JsonArray *
fapi_phones_of_user (FapiServer *server,
                     const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *phones = json_array_new ();

  stmt = fapi_store_query (server,
                           "SELECT " PHONE_COLUMNS " FROM phone_numbers WHERE user_id = ?"
                           " ORDER BY created_at DESC, rowid DESC",
                           "s", user_id);
  while (fapi_store_step (stmt))
    json_array_add_element (phones, fapi_phone_to_json (server, stmt));
  return phones;
}

gboolean
fapi_phone_country_allowed (FapiServer *server,
                            const char *e164)
{
  g_autofree char *region = mfa_phone_region_of (e164);

  if (region == NULL)
    return FALSE;
  for (guint i = 0; server->settings.allowed_countries != NULL &&
                    server->settings.allowed_countries[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (server->settings.allowed_countries[i], region) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
reply_unsupported_country (FapiRequest *req)
{
  fapi_reply_error (req, 403, "unsupported_country_code",
                    "phone numbers from this country are not supported",
                    "Phone numbers from this country are currently not supported.",
                    "phone_number");
}

static void
create_phone (FapiRequest *req,
              const char  *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *phone_id = NULL;
  const char *phone_number;
  gboolean reserved_set, reserved;

  if (!fapi_request_require (req, "phone_number", &phone_number) ||
      !fapi_request_bool (req, "reserved_for_second_factor", &reserved_set, &reserved))
    return;

  if (!fapi_phone_syntax_ok (phone_number) || !mfa_phone_is_valid_e164 (phone_number))
    {
      fapi_reply_error (req, 422, "form_param_format_invalid", "is invalid",
                        "phone_number must be a valid phone number according to E.164 "
                        "international standard.", "phone_number");
      return;
    }
  if (!fapi_phone_country_allowed (req->server, phone_number))
    {
      reply_unsupported_country (req);
      return;
    }

  stmt = fapi_store_query (req->server, "SELECT user_id FROM phone_numbers WHERE phone_number = ?",
                           "s", phone_number);
  if (fapi_store_step (stmt))
    {
      fapi_reply_error (req, 422, "form_identifier_exists", "That phone number is taken.",
                        "That phone number is taken. Please try another.", "phone_number");
      return;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (reserved_set && reserved)
    {
      fapi_reply_error (req, 400, "identification_update_second_factor_unverified",
                        "unverified identification",
                        "Only verified phone numbers can be used as a second factor.", NULL);
      return;
    }

  stmt = fapi_store_query (req->server,
                           "SELECT count(*) FROM phone_numbers WHERE user_id = ?"
                           " AND coalesce(verification_status, '') <> 'verified'",
                           "s", user_id);
  if (fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) >= MAX_UNVERIFIED_PHONES)
    {
      fapi_reply_error (req, 400, "too_many_unverified_identifications",
                        "too many unverified identifications",
                        "You have too many unverified phone numbers. Verify or remove some first.",
                        NULL);
      return;
    }

  phone_id = fapi_user_add_phone (req->server, user_id, phone_number, FALSE);
  fapi_reply_wrapped (req, phone_json_by_id (req->server, user_id, phone_id));
}

/* GET/POST /v1/me/phone_numbers; adding a phone is gated by step-up. */
void
fapi_handle_phone_numbers (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;

  if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "POST"))
    return;
  user_id = fapi_session_current_user (req, &session_id);
  if (user_id == NULL)
    return;

  if (g_str_equal (req->method, "POST"))
    {
      if (fapi_reverification_check (req, session_id, user_id))
        create_phone (req, user_id);
    }
  else
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (node, fapi_phones_of_user (req->server, user_id));
      fapi_reply_json (req, SOUP_STATUS_OK, node);
    }
}

static void
prepare_verification (FapiRequest  *req,
                      const char   *user_id,
                      sqlite3_stmt *row)
{
  const char *phone_id = (const char *) sqlite3_column_text (row, COL_ID);
  const char *phone_number = (const char *) sqlite3_column_text (row, COL_PHONE_NUMBER);
  const char *strategy;
  g_autofree char *code = NULL;
  gint64 now = fapi_clock_now_ms ();
  gint64 sent_at = fapi_store_int_or (row, COL_CODE_SENT_AT, -1);
  gint64 cooldown_ms = (gint64) req->server->settings.resend_cooldown * 1000;

  if (!fapi_request_require (req, "strategy", &strategy))
    return;
  if (!g_str_equal (strategy, "phone_code"))
    {
      fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                        "strategy must be phone_code.", "strategy");
      return;
    }
  if (g_strcmp0 (phone_status (row), "verified") == 0)
    {
      fapi_reply_error (req, 400, "verification_already_verified", "already verified",
                        "This phone number has already been verified.", NULL);
      return;
    }
  if (sent_at >= 0 && now < sent_at + cooldown_ms)
    {
      g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                (sent_at + cooldown_ms - now + 999) / 1000);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", retry);
      fapi_reply_error (req, 429, "verification_code_too_many_requests",
                        "Too many requests",
                        "You need to wait at least 30 seconds before you can request a new code.",
                        NULL);
      return;
    }
  if (!fapi_phone_country_allowed (req->server, phone_number))
    {
      reply_unsupported_country (req);
      return;
    }

  code = fapi_is_test_number (phone_number) ? g_strdup ("424242") : fapi_random_code ();
  fapi_store_exec (req->server,
                   "UPDATE phone_numbers SET verification_status = 'unverified',"
                   " verification_attempts = 0, verification_expire_at = ?, code = ?,"
                   " code_sent_at = ?, updated_at = ? WHERE id = ?",
                   "isiis", now + (gint64) req->server->settings.code_ttl * 1000, code,
                   now, now, phone_id);
  fapi_sms_send (req->server, phone_number, code);
  fapi_reply_wrapped (req, phone_json_by_id (req->server, user_id, phone_id));
}

static void
attempt_verification (FapiRequest  *req,
                      const char   *user_id,
                      sqlite3_stmt *row)
{
  const char *phone_id = (const char *) sqlite3_column_text (row, COL_ID);
  const char *status = phone_status (row);
  const char *code;
  gint64 now = fapi_clock_now_ms ();
  gint64 attempts = sqlite3_column_int64 (row, COL_ATTEMPTS);

  if (!fapi_request_require (req, "code", &code))
    return;

  if (status == NULL)
    fapi_reply_error (req, 400, "verification_not_sent", "verification not sent",
                      "No code was sent yet: prepare the verification first.", NULL);
  else if (g_str_equal (status, "verified"))
    fapi_reply_error (req, 400, "verification_already_verified", "already verified",
                      "This phone number has already been verified.", NULL);
  else if (g_str_equal (status, "failed"))
    fapi_reply_error (req, 400, "verification_failed", "Too many failed attempts",
                      "Too many failed attempts. Request a new code.", NULL);
  else if (g_str_equal (status, "expired"))
    {
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET verification_status = 'expired' WHERE id = ?",
                       "s", phone_id);
      fapi_reply_error (req, 400, "verification_expired", "expired",
                        "This verification has expired. Request a new code.", NULL);
    }
  else if (g_strcmp0 (code, (const char *) sqlite3_column_text (row, COL_CODE)) != 0)
    {
      attempts++;
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET verification_attempts = ?, verification_status = ?,"
                       " updated_at = ? WHERE id = ?",
                       "isis", attempts,
                       attempts >= req->server->settings.attempt_limit ? "failed" : "unverified",
                       now, phone_id);
      fapi_reply_error (req, 422, "form_code_incorrect", "is incorrect", "Incorrect code", "code");
    }
  else
    {
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET verification_attempts = ?,"
                       " verification_status = 'verified', code = NULL, updated_at = ? WHERE id = ?",
                       "iis", attempts + 1, now, phone_id);
      fapi_store_exec (req->server,
                       "UPDATE users SET primary_phone_number_id = ? WHERE id = ?"
                       " AND primary_phone_number_id IS NULL",
                       "ss", phone_id, user_id);
      fapi_reply_wrapped (req, phone_json_by_id (req->server, user_id, phone_id));
    }
}

/* Whether the user keeps a way to sign in (a username, a verified email
 * address or a verified phone that is not reserved) without @phone_id. */
static gboolean
has_other_first_factor (FapiServer *server,
                        const char *user_id,
                        const char *phone_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT (SELECT count(*) FROM users WHERE id = ?1 AND username IS NOT NULL)"
                           " + (SELECT count(*) FROM email_addresses WHERE user_id = ?1 AND verified = 1)"
                           " + (SELECT count(*) FROM phone_numbers WHERE user_id = ?1 AND id <> ?2"
                           "    AND verification_status = 'verified'"
                           "    AND reserved_for_second_factor = 0)",
                           "ss", user_id, phone_id);
  return fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) > 0;
}

/* Whether two-factor would stay on without @phone_id as a reserved phone. */
static gboolean
has_other_second_factor (FapiServer *server,
                         const char *user_id,
                         const char *phone_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fapi_store_query (server,
                           "SELECT (SELECT count(*) FROM phone_numbers WHERE user_id = ?1 AND id <> ?2"
                           "    AND verification_status = 'verified'"
                           "    AND reserved_for_second_factor = 1)"
                           " + (SELECT totp_enabled FROM users WHERE id = ?1)",
                           "ss", user_id, phone_id);
  return fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) > 0;
}

/* After the default phone lost its flag: the earliest-created remaining
 * reserved phone becomes the default. */
static void
promote_default (FapiServer *server,
                 const char *user_id)
{
  fapi_store_exec (server,
                   "UPDATE phone_numbers SET default_second_factor = 1, updated_at = ?2"
                   " WHERE id = (SELECT id FROM phone_numbers WHERE user_id = ?1"
                   "  AND reserved_for_second_factor = 1 AND verification_status = 'verified'"
                   "  ORDER BY created_at, rowid LIMIT 1)"
                   " AND NOT EXISTS (SELECT 1 FROM phone_numbers WHERE user_id = ?1"
                   "  AND default_second_factor = 1)",
                   "si", user_id, fapi_clock_now_ms ());
}

static void
reply_second_factor_required (FapiRequest *req)
{
  fapi_reply_error (req, 400, "second_factor_deletion_not_allowed",
                    "second factor required",
                    "Two-step verification is required: you cannot remove your last second factor.",
                    NULL);
}

static void
update_phone (FapiRequest  *req,
              const char   *user_id,
              sqlite3_stmt *row)
{
  const char *phone_id = (const char *) sqlite3_column_text (row, COL_ID);
  gboolean verified = g_strcmp0 (phone_status (row), "verified") == 0;
  gboolean is_reserved = sqlite3_column_int (row, COL_RESERVED) != 0;
  gboolean is_default = sqlite3_column_int (row, COL_DEFAULT) != 0;
  gboolean reserved_set, reserved, default_set, make_default;
  gboolean was_enabled = fapi_user_two_factor_enabled (req->server, user_id);
  gint64 now = fapi_clock_now_ms ();
  g_auto(GStrv) codes = NULL;
  JsonNode *node;

  if (!fapi_request_bool (req, "reserved_for_second_factor", &reserved_set, &reserved) ||
      !fapi_request_bool (req, "default_second_factor", &default_set, &make_default))
    return;

  /* An instance without SMS two-step verification takes no phone as a
   * second factor; un-reserving stays possible. */
  if (!req->server->settings.sms_mfa &&
      ((reserved_set && reserved && !is_reserved) || (default_set && make_default)))
    {
      fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                        "SMS verification codes are not enabled as a second factor for this instance.",
                        reserved_set && reserved ? "reserved_for_second_factor"
                                                 : "default_second_factor");
      return;
    }

  /* Rule 1: only verified phones take either flag. */
  if (((reserved_set && reserved) || (default_set && make_default)) && !verified)
    {
      fapi_reply_error (req, 400, "identification_update_second_factor_unverified",
                        "unverified identification",
                        "Only verified phone numbers can be used as a second factor.", NULL);
      return;
    }

  /* Rule 5: the default moves only by making another method the default. */
  if (default_set && !make_default && is_default && !(reserved_set && !reserved))
    {
      fapi_reply_error (req, 422, "form_disable_default_second_factor_not_allowed",
                        "cannot disable the default second factor",
                        "The default second factor can only change by making another one the default.",
                        "default_second_factor");
      return;
    }

  /* Rule 6: a phone that will not be reserved cannot be the default. */
  if (default_set && make_default &&
      !(reserved_set ? reserved : is_reserved))
    {
      fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                        "Only a phone number reserved for two-step verification can be the default.",
                        "default_second_factor");
      return;
    }

  if (reserved_set && reserved && !is_reserved)
    {
      gboolean first;

      /* Rule 2: never the user's last way to sign in. */
      if (!has_other_first_factor (req->server, user_id, phone_id))
        {
          fapi_reply_error (req, 400, "identification_update_failed", "update failed",
                            "You cannot set your last identification as second factor.", NULL);
          return;
        }

      /* Rule 3: the first reserved phone becomes the default. */
      {
        g_autoptr(sqlite3_stmt) stmt = fapi_store_query (req->server,
                                                         "SELECT count(*) FROM phone_numbers"
                                                         " WHERE user_id = ? AND default_second_factor = 1",
                                                         "s", user_id);

        first = fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) == 0;
      }
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET reserved_for_second_factor = 1,"
                       " default_second_factor = ?, updated_at = ? WHERE id = ?",
                       "bis", first, now, phone_id);
    }
  else if (reserved_set && !reserved && is_reserved)
    {
      /* Rules 7 and 8. */
      if (req->server->settings.mfa_required &&
          !has_other_second_factor (req->server, user_id, phone_id))
        {
          reply_second_factor_required (req);
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET reserved_for_second_factor = 0,"
                       " default_second_factor = 0, updated_at = ? WHERE id = ?",
                       "is", now, phone_id);
      if (is_default)
        promote_default (req->server, user_id);
    }

  /* Rule 4: exactly one default. */
  if (default_set && make_default)
    {
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET default_second_factor = 0, updated_at = ?"
                       " WHERE user_id = ? AND default_second_factor = 1 AND id <> ?",
                       "iss", now, user_id, phone_id);
      fapi_store_exec (req->server,
                       "UPDATE phone_numbers SET default_second_factor = 1, updated_at = ?"
                       " WHERE id = ?",
                       "is", now, phone_id);
    }

  fapi_user_update_mfa_state (req->server, user_id, was_enabled, &codes);

  node = phone_json_by_id (req->server, user_id, phone_id);
  if (codes != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; codes[i] != NULL; i++)
        json_array_add_string_element (array, codes[i]);
      json_object_set_array_member (json_node_get_object (node), "backup_codes", array);
    }
  fapi_reply_wrapped (req, node);
}

static void
delete_phone (FapiRequest  *req,
              const char   *user_id,
              sqlite3_stmt *row)
{
  g_autofree char *phone_id = fapi_store_dup_text (row, COL_ID);
  gboolean verified = g_strcmp0 (phone_status (row), "verified") == 0;
  gboolean is_reserved = sqlite3_column_int (row, COL_RESERVED) != 0;
  gboolean is_default = sqlite3_column_int (row, COL_DEFAULT) != 0;
  gboolean was_enabled = fapi_user_two_factor_enabled (req->server, user_id);
  g_autoptr(JsonObject) deleted = json_object_new ();
  JsonNode *node;

  if (verified && !is_reserved && !has_other_first_factor (req->server, user_id, phone_id))
    {
      fapi_reply_error (req, 400, "identification_deletion_failed", "deletion failed",
                        "You cannot delete your last identification.", NULL);
      return;
    }
  if (verified && is_reserved && req->server->settings.mfa_required &&
      !has_other_second_factor (req->server, user_id, phone_id))
    {
      reply_second_factor_required (req);
      return;
    }

  fapi_store_exec (req->server, "DELETE FROM phone_numbers WHERE id = ?", "s", phone_id);
  if (is_default)
    promote_default (req->server, user_id);
  fapi_store_exec (req->server,
                   "UPDATE users SET primary_phone_number_id = (SELECT id FROM phone_numbers"
                   "  WHERE user_id = ?1 AND verification_status = 'verified'"
                   "  ORDER BY created_at, rowid LIMIT 1)"
                   " WHERE id = ?1 AND primary_phone_number_id = ?2",
                   "ss", user_id, phone_id);
  fapi_user_update_mfa_state (req->server, user_id, was_enabled, NULL);

  json_object_set_string_member (deleted, "object", "phone_number");
  json_object_set_string_member (deleted, "id", phone_id);
  json_object_set_boolean_member (deleted, "deleted", TRUE);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, deleted);
  fapi_reply_wrapped (req, node);
}

/* GET/PATCH/DELETE /v1/me/phone_numbers/{id},
 * POST .../prepare_verification and .../attempt_verification */
void
fapi_handle_phone_number (FapiRequest *req)
{
  g_autofree char *user_id = NULL;
  g_autofree char *session_id = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  const char *action = req->n_segments == 5 ? req->segments[4] : NULL;
  const char *method = req->method;

  if (action == NULL)
    {
      if (!g_str_equal (method, "GET") && !g_str_equal (method, "PATCH") &&
          !g_str_equal (method, "DELETE"))
        return;
    }
  else if (!g_str_equal (method, "POST") ||
           (!g_str_equal (action, "prepare_verification") &&
            !g_str_equal (action, "attempt_verification")))
    return;

  user_id = fapi_session_current_user (req, &session_id);
  if (user_id == NULL)
    return;

  /* Someone else's phone is as unknown as a made-up id. */
  row = phone_row (req->server, user_id, req->segments[3]);
  if (row == NULL)
    {
      fapi_reply_not_found (req, "Phone number");
      return;
    }

  /* Step-up gates deleting and (un)reserving; making a phone the
   * default and verifying it are not gated. */
  if (action == NULL &&
      (g_str_equal (method, "DELETE") ||
       (g_str_equal (method, "PATCH") &&
        fapi_request_param (req, "reserved_for_second_factor") != NULL)) &&
      !fapi_reverification_check (req, session_id, user_id))
    return;

  if (action != NULL && g_str_equal (action, "prepare_verification"))
    prepare_verification (req, user_id, row);
  else if (action != NULL)
    attempt_verification (req, user_id, row);
  else if (g_str_equal (method, "GET"))
    fapi_reply_wrapped (req, fapi_phone_to_json (req->server, row));
  else if (g_str_equal (method, "PATCH"))
    update_phone (req, user_id, row);
  else
    delete_phone (req, user_id, row);
}
