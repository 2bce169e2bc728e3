/* fapi-reverification.c
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

/* Step-up (session reverification):
 * POST /v1/client/sessions/{id}/verify and its .../verify/prepare_first_factor,
 * attempt_first_factor, prepare_second_factor, attempt_second_factor; and
 * the check that gated calls make.
 *
 * A session remembers when its first and its second factor were last
 * verified (sessions.first_factor_at, second_factor_at): a sign-in sets
 * the factors it used, a completed step-up the factors it checked. A
 * gated call needs the first factor within the window and, when the
 * user has a second factor and the session ever verified one, the
 * second factor too; otherwise it gets 403 session_reverification_required. */

#define REV_COLUMNS \
  "session_id, level, status, first_factor_strategy, first_factor_status," \
  " first_factor_attempts, second_factor_strategy, second_factor_status," \
  " second_factor_attempts, phone_id, code, code_expire_at, code_sent_at"

enum {
  COL_SESSION_ID,
  COL_LEVEL,
  COL_STATUS,
  COL_FF_STRATEGY,
  COL_FF_STATUS,
  COL_FF_ATTEMPTS,
  COL_SF_STRATEGY,
  COL_SF_STATUS,
  COL_SF_ATTEMPTS,
  COL_PHONE_ID,
  COL_CODE,
  COL_CODE_EXPIRE_AT,
  COL_CODE_SENT_AT,
};

typedef enum {
  STEP_FIRST,
  STEP_SECOND,
} Step;

static gboolean
is_fresh (gint64 at,
          gint64 now,
          gint64 window_ms)
{
  return at >= 0 && now - at < window_ms;
}

/* TRUE when @session_id may make a gated call now; otherwise @req has
 * been answered 403 session_reverification_required. */
gboolean
fapi_reverification_check (FapiRequest *req,
                           const char  *session_id,
                           const char  *user_id)
{
  FapiServer *server = req->server;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *meta;
  JsonObject *hint;
  gint64 now = fapi_clock_now_ms ();
  gint64 window_ms = (gint64) server->settings.reverification_window * 1000;
  gboolean multi;
  gint64 first_at, second_at;

  if (!server->settings.reverification)
    return TRUE;

  stmt = fapi_store_query (server,
                           "SELECT first_factor_at, second_factor_at FROM sessions WHERE id = ?",
                           "s", session_id);
  if (!fapi_store_step (stmt))
    return TRUE;
  first_at = fapi_store_int_or (stmt, 0, -1);
  second_at = fapi_store_int_or (stmt, 1, -1);
  multi = fapi_user_two_factor_enabled (server, user_id);

  /* As Clerk reads factor_verification_age: a session that never
   * verified a second factor is judged on its first factor alone. */
  if (is_fresh (first_at, now, window_ms) &&
      (!multi || second_at < 0 || is_fresh (second_at, now, window_ms)))
    return TRUE;

  body = fapi_error_body ("session_reverification_required",
                          "You need to provide additional verification to perform this operation",
                          "You need to provide additional verification to perform this operation",
                          NULL);
  meta = json_object_get_object_member (json_array_get_object_element (
             json_object_get_array_member (json_node_get_object (body), "errors"), 0), "meta");
  hint = json_object_new ();
  json_object_set_string_member (hint, "level", multi ? "multi_factor" : "first_factor");
  json_object_set_int_member (hint, "after_minutes", server->settings.reverification_window / 60);
  json_object_set_object_member (meta, "reverification", hint);
  fapi_reply_json (req, SOUP_STATUS_FORBIDDEN, g_steal_pointer (&body));
  return FALSE;
}

static const char *
code_status (sqlite3_stmt *row,
             int           status_col)
{
  const char *status = (const char *) sqlite3_column_text (row, status_col);

  if (g_strcmp0 (status, "unverified") == 0 &&
      fapi_clock_now_ms () > fapi_store_int_or (row, COL_CODE_EXPIRE_AT, G_MAXINT64))
    return "expired";
  return status;
}

static JsonNode *
verification_json (sqlite3_stmt *row,
                   Step          step)
{
  int strategy_col = step == STEP_FIRST ? COL_FF_STRATEGY : COL_SF_STRATEGY;
  int status_col = step == STEP_FIRST ? COL_FF_STATUS : COL_SF_STATUS;
  int attempts_col = step == STEP_FIRST ? COL_FF_ATTEMPTS : COL_SF_ATTEMPTS;
  const char *strategy = (const char *) sqlite3_column_text (row, strategy_col);
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *name = NULL;
  JsonNode *node;

  if (strategy == NULL)
    return json_node_new (JSON_NODE_NULL);

  object = json_object_new ();
  if (g_str_equal (strategy, "phone_code"))
    name = g_strdup ("verification_otp");
  else
    name = g_strconcat ("verification_", strategy, NULL);
  json_object_set_string_member (object, "object", name);
  json_object_set_string_member (object, "status", code_status (row, status_col));
  json_object_set_string_member (object, "strategy", strategy);
  json_object_set_int_member (object, "attempts", sqlite3_column_int64 (row, attempts_col));
  if (g_str_equal (strategy, "phone_code"))
    {
      json_object_set_int_member (object, "expire_at", fapi_store_int_or (row, COL_CODE_EXPIRE_AT, 0));
      json_object_set_string_member (object, "channel", "sms");
    }
  else
    json_object_set_null_member (object, "expire_at");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* Password, then a phone code for each verified phone that is a sign-in
 * identifier (not reserved for the second factor). */
static JsonArray *
first_factors (FapiServer *server,
               const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *factors = json_array_new ();

  stmt = fapi_store_query (server, "SELECT password_hash IS NOT NULL, primary_phone_number_id"
                           " FROM users WHERE id = ?", "s", user_id);
  if (fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) != 0 && server->settings.password)
    {
      JsonObject *factor = json_object_new ();

      json_object_set_string_member (factor, "strategy", "password");
      json_array_add_object_element (factors, factor);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = fapi_store_query (server,
                           "SELECT p.id, p.phone_number, p.id = u.primary_phone_number_id"
                           " FROM phone_numbers p JOIN users u ON u.id = p.user_id"
                           " WHERE p.user_id = ? AND p.reserved_for_second_factor = 0"
                           " AND p.verification_status = 'verified' ORDER BY p.created_at, p.rowid",
                           "s", user_id);
  while (fapi_store_step (stmt))
    {
      JsonObject *factor = json_object_new ();
      g_autofree char *masked = fapi_mask_phone ((const char *) sqlite3_column_text (stmt, 1));

      json_object_set_string_member (factor, "strategy", "phone_code");
      json_object_set_string_member (factor, "safe_identifier", masked);
      json_object_set_string_member (factor, "phone_number_id",
                                     (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_boolean_member (factor, "primary", sqlite3_column_int (stmt, 2) != 0);
      json_array_add_object_element (factors, factor);
    }
  return factors;
}

static JsonNode *
reverification_json (FapiServer   *server,
                     sqlite3_stmt *row,
                     const char   *user_id)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *level = (const char *) sqlite3_column_text (row, COL_LEVEL);
  JsonNode *node;

  json_object_set_string_member (object, "object", "session_reverification");
  json_object_set_string_member (object, "level", level);
  json_object_set_string_member (object, "status", (const char *) sqlite3_column_text (row, COL_STATUS));
  if (!g_str_equal (level, "second_factor"))
    json_object_set_array_member (object, "supported_first_factors", first_factors (server, user_id));
  else
    json_object_set_null_member (object, "supported_first_factors");
  if (!g_str_equal (level, "first_factor"))
    json_object_set_array_member (object, "supported_second_factors",
                                  fapi_second_factors (server, user_id));
  else
    json_object_set_null_member (object, "supported_second_factors");
  json_object_set_member (object, "first_factor_verification", verification_json (row, STEP_FIRST));
  json_object_set_member (object, "second_factor_verification", verification_json (row, STEP_SECOND));
  json_object_set_member (object, "session",
                          fapi_session_json_by_id (server,
                                                   (const char *) sqlite3_column_text (row, COL_SESSION_ID)));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static sqlite3_stmt *
reverification_row (FapiServer *server,
                    const char *session_id)
{
  sqlite3_stmt *stmt = fapi_store_query (server,
                                         "SELECT " REV_COLUMNS " FROM reverifications"
                                         " WHERE session_id = ?",
                                         "s", session_id);

  if (!fapi_store_step (stmt))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
reply_reverification (FapiRequest *req,
                      const char  *session_id,
                      const char  *user_id)
{
  g_autoptr(sqlite3_stmt) row = reverification_row (req->server, session_id);

  fapi_reply_wrapped (req, reverification_json (req->server, row, user_id));
}

static void
reply_invalid_action (FapiRequest *req,
                      const char  *long_message)
{
  fapi_reply_error (req, 400, "invalid_action_for_session_reverification",
                    "invalid action for session reverification", long_message, NULL);
}

/* POST .../verify {level} */
static void
start (FapiRequest *req,
       const char  *session_id,
       const char  *user_id)
{
  static const char * const levels[] = { "first_factor", "second_factor", "multi_factor", NULL };
  const char *level;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "level", &level))
    return;
  if (!g_strv_contains (levels, level))
    {
      fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                        "level must be first_factor, second_factor or multi_factor.", "level");
      return;
    }

  /* Without a second factor, every level falls back to the first. */
  if (!fapi_user_two_factor_enabled (req->server, user_id))
    level = "first_factor";

  fapi_store_exec (req->server,
                   "INSERT OR REPLACE INTO reverifications (session_id, level, status,"
                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                   "sssii", session_id, level,
                   g_str_equal (level, "second_factor") ? "needs_second_factor" : "needs_first_factor",
                   now, now);
  reply_reverification (req, session_id, user_id);
}

static void
reply_cooldown (FapiRequest *req,
                gint64       retry_ms)
{
  g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, (retry_ms + 999) / 1000);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", retry);
  fapi_reply_error (req, 429, "verification_code_too_many_requests", "Too many requests",
                    "You need to wait at least 30 seconds before you can request a new code.",
                    NULL);
}

/* POST .../verify/prepare_first_factor or prepare_second_factor with
 * strategy=phone_code and an optional phone_number_id. */
static void
prepare (FapiRequest  *req,
         sqlite3_stmt *row,
         const char   *user_id,
         Step          step)
{
  const char *session_id = (const char *) sqlite3_column_text (row, COL_SESSION_ID);
  const char *strategy = fapi_request_param (req, "strategy");
  const char *phone_number_id = fapi_request_param (req, "phone_number_id");
  g_autoptr(sqlite3_stmt) phone = NULL;
  g_autofree char *code = NULL;
  const char *e164;
  const char *phone_id;
  gint64 now = fapi_clock_now_ms ();
  gint64 sent_at = fapi_store_int_or (row, COL_CODE_SENT_AT, -1);
  gint64 cooldown_ms = (gint64) req->server->settings.resend_cooldown * 1000;
  int reserved = step == STEP_SECOND ? 1 : 0;

  /* The second step's strategy may be left out: phone_code. */
  if (step == STEP_FIRST && strategy == NULL)
    {
      fapi_request_require (req, "strategy", &strategy);
      return;
    }
  if (strategy != NULL && !g_str_equal (strategy, "phone_code"))
    {
      fapi_reply_error (req, 400, "verification_strategy_invalid", "invalid strategy",
                        "Only phone_code needs to be prepared.", "strategy");
      return;
    }
  /* Without SMS two-step verification a reserved phone is no second factor. */
  if (step == STEP_SECOND && !req->server->settings.sms_mfa)
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }

  if (phone_number_id != NULL)
    phone = fapi_store_query (req->server,
                              "SELECT id, phone_number FROM phone_numbers WHERE user_id = ? AND id = ?"
                              " AND reserved_for_second_factor = ? AND verification_status = 'verified'",
                              "ssb", user_id, phone_number_id, reserved);
  else
    phone = fapi_store_query (req->server,
                              "SELECT id, phone_number FROM phone_numbers WHERE user_id = ?"
                              " AND reserved_for_second_factor = ? AND verification_status = 'verified'"
                              " ORDER BY default_second_factor DESC, created_at, rowid LIMIT 1",
                              "sb", user_id, reserved);
  if (!fapi_store_step (phone))
    {
      if (phone_number_id != NULL)
        fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                          step == STEP_SECOND
                          ? "This phone number is not one of your second factors."
                          : "This phone number cannot be used to verify your identity.",
                          "phone_number_id");
      else if (step == STEP_SECOND)
        fapi_reply_error (req, 400, "no_second_factors", "no second factors",
                          "This account has no phone number for two-step verification.", NULL);
      else
        fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                          "This account has no phone number to send a code to.", "strategy");
      return;
    }
  phone_id = (const char *) sqlite3_column_text (phone, 0);
  e164 = (const char *) sqlite3_column_text (phone, 1);

  if (sent_at >= 0 && now < sent_at + cooldown_ms &&
      g_strcmp0 ((const char *) sqlite3_column_text (row, COL_PHONE_ID), phone_id) == 0)
    {
      reply_cooldown (req, sent_at + cooldown_ms - now);
      return;
    }
  if (!fapi_phone_country_allowed (req->server, e164))
    {
      fapi_reply_error (req, 403, "unsupported_country_code",
                        "phone numbers from this country are not supported",
                        "Phone numbers from this country are currently not supported.",
                        "phone_number");
      return;
    }

  code = fapi_is_test_number (e164) ? g_strdup ("424242") : fapi_random_code ();
  if (step == STEP_FIRST)
    fapi_store_exec (req->server,
                     "UPDATE reverifications SET first_factor_strategy = 'phone_code',"
                     " first_factor_status = 'unverified', first_factor_attempts = 0,"
                     " phone_id = ?, code = ?, code_expire_at = ?, code_sent_at = ?, updated_at = ?"
                     " WHERE session_id = ?",
                     "ssiiis", phone_id, code,
                     now + (gint64) req->server->settings.code_ttl * 1000, now, now, session_id);
  else
    fapi_store_exec (req->server,
                     "UPDATE reverifications SET second_factor_strategy = 'phone_code',"
                     " second_factor_status = 'unverified', second_factor_attempts = 0,"
                     " phone_id = ?, code = ?, code_expire_at = ?, code_sent_at = ?, updated_at = ?"
                     " WHERE session_id = ?",
                     "ssiiis", phone_id, code,
                     now + (gint64) req->server->settings.code_ttl * 1000, now, now, session_id);
  fapi_sms_send (req->server, e164, code);
  reply_reverification (req, session_id, user_id);
}

static void
reply_code_incorrect (FapiRequest *req)
{
  fapi_reply_error (req, 422, "form_code_incorrect", "is incorrect", "Incorrect code", "code");
}

/* Checks a phone code against the prepared one. FALSE when @req has
 * been answered with an error. */
static gboolean
check_phone_code (FapiRequest  *req,
                  sqlite3_stmt *row,
                  Step          step,
                  const char   *code)
{
  const char *session_id = (const char *) sqlite3_column_text (row, COL_SESSION_ID);
  const char *prefix = step == STEP_FIRST ? "first_factor" : "second_factor";
  int strategy_col = step == STEP_FIRST ? COL_FF_STRATEGY : COL_SF_STRATEGY;
  int status_col = step == STEP_FIRST ? COL_FF_STATUS : COL_SF_STATUS;
  int attempts_col = step == STEP_FIRST ? COL_FF_ATTEMPTS : COL_SF_ATTEMPTS;
  const char *status = code_status (row, status_col);
  gint64 attempts = sqlite3_column_int64 (row, attempts_col) + 1;
  g_autofree char *sql = NULL;

  if (g_strcmp0 ((const char *) sqlite3_column_text (row, strategy_col), "phone_code") != 0)
    {
      fapi_reply_error (req, 400, "verification_not_sent", "verification not sent",
                        "No code was sent yet: prepare this step first.", NULL);
      return FALSE;
    }
  if (g_strcmp0 (status, "failed") == 0)
    {
      fapi_reply_error (req, 400, "verification_failed", "Too many failed attempts",
                        "Too many failed attempts. Request a new code.", NULL);
      return FALSE;
    }
  if (g_strcmp0 (status, "expired") == 0)
    {
      sql = g_strdup_printf ("UPDATE reverifications SET %s_status = 'expired' WHERE session_id = ?",
                             prefix);
      fapi_store_exec (req->server, sql, "s", session_id);
      fapi_reply_error (req, 400, "verification_expired", "expired",
                        "This verification has expired. Request a new code.", NULL);
      return FALSE;
    }
  if (g_strcmp0 (code, (const char *) sqlite3_column_text (row, COL_CODE)) != 0)
    {
      sql = g_strdup_printf ("UPDATE reverifications SET %s_attempts = ?, %s_status = ?,"
                             " updated_at = ? WHERE session_id = ?", prefix, prefix);
      fapi_store_exec (req->server, sql, "isis", attempts,
                       attempts >= req->server->settings.attempt_limit ? "failed" : "unverified",
                       fapi_clock_now_ms (), session_id);
      reply_code_incorrect (req);
      return FALSE;
    }
  return TRUE;
}

/* POST .../verify/attempt_first_factor: password or phone_code. */
static void
attempt_first (FapiRequest  *req,
               sqlite3_stmt *row,
               const char   *user_id)
{
  const char *session_id = (const char *) sqlite3_column_text (row, COL_SESSION_ID);
  const char *level = (const char *) sqlite3_column_text (row, COL_LEVEL);
  const char *strategy;
  const char *secret;
  gboolean more;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "strategy", &strategy))
    return;

  if (g_str_equal (strategy, "password"))
    {
      g_autoptr(sqlite3_stmt) user = NULL;

      if (!fapi_request_require (req, "password", &secret))
        return;
      user = fapi_store_query (req->server, "SELECT password_hash FROM users WHERE id = ?",
                               "s", user_id);
      if (!fapi_store_step (user) || fapi_store_is_null (user, 0) ||
          !req->server->settings.password)
        {
          fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                            "This strategy is not available for this account.", "strategy");
          return;
        }
      if (!fapi_store_check_password (secret, (const char *) sqlite3_column_text (user, 0)))
        {
          fapi_store_exec (req->server,
                           "UPDATE reverifications SET first_factor_strategy = 'password',"
                           " first_factor_status = 'unverified',"
                           " first_factor_attempts = first_factor_attempts + 1, updated_at = ?"
                           " WHERE session_id = ?",
                           "is", now, session_id);
          fapi_reply_error (req, 422, "form_password_incorrect", "Password is incorrect.",
                            "Password is incorrect. Try again, or use another method.", "password");
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE reverifications SET first_factor_strategy = 'password',"
                       " first_factor_attempts = first_factor_attempts + 1 WHERE session_id = ?",
                       "s", session_id);
    }
  else if (g_str_equal (strategy, "phone_code"))
    {
      if (!fapi_request_require (req, "code", &secret) ||
          !check_phone_code (req, row, STEP_FIRST, secret))
        return;
      fapi_store_exec (req->server,
                       "UPDATE reverifications SET first_factor_attempts = first_factor_attempts + 1,"
                       " code = NULL WHERE session_id = ?",
                       "s", session_id);
    }
  else
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }

  more = g_str_equal (level, "multi_factor") &&
         fapi_user_two_factor_enabled (req->server, user_id);
  fapi_store_exec (req->server,
                   "UPDATE reverifications SET first_factor_status = 'verified', status = ?,"
                   " updated_at = ? WHERE session_id = ?",
                   "sis", more ? "needs_second_factor" : "complete", now, session_id);
  fapi_store_exec (req->server,
                   "UPDATE sessions SET first_factor_at = ?, updated_at = ? WHERE id = ?",
                   "iis", now, now, session_id);
  reply_reverification (req, session_id, user_id);
}

/* POST .../verify/attempt_second_factor: phone_code, totp or backup_code. */
static void
attempt_second (FapiRequest  *req,
                sqlite3_stmt *row,
                const char   *user_id)
{
  const char *session_id = (const char *) sqlite3_column_text (row, COL_SESSION_ID);
  const char *strategy;
  const char *code;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "strategy", &strategy) ||
      !fapi_request_require (req, "code", &code))
    return;

  if (g_str_equal (strategy, "phone_code") && req->server->settings.sms_mfa)
    {
      if (!check_phone_code (req, row, STEP_SECOND, code))
        return;
      fapi_store_exec (req->server,
                       "UPDATE reverifications SET second_factor_attempts = second_factor_attempts + 1,"
                       " code = NULL WHERE session_id = ?",
                       "s", session_id);
    }
  else if (g_str_equal (strategy, "totp") || g_str_equal (strategy, "backup_code"))
    {
      gboolean backup = g_str_equal (strategy, "backup_code");
      gboolean available = backup ? fapi_backup_codes_usable (req->server, user_id)
                                  : req->server->settings.totp &&
                                    fapi_user_totp_enabled (req->server, user_id);

      if (!available)
        {
          fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                            "This strategy is not available for this account.", "strategy");
          return;
        }
      if (backup ? !fapi_backup_codes_consume (req->server, user_id, code)
                 : !fapi_user_totp_check (req->server, user_id, code))
        {
          fapi_store_exec (req->server,
                           "UPDATE reverifications SET second_factor_strategy = ?,"
                           " second_factor_status = 'unverified',"
                           " second_factor_attempts = second_factor_attempts + 1, updated_at = ?"
                           " WHERE session_id = ?",
                           "sis", strategy, now, session_id);
          reply_code_incorrect (req);
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE reverifications SET second_factor_strategy = ?,"
                       " second_factor_attempts = second_factor_attempts + 1 WHERE session_id = ?",
                       "ss", strategy, session_id);
    }
  else
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }

  fapi_store_exec (req->server,
                   "UPDATE reverifications SET second_factor_status = 'verified', status = 'complete',"
                   " updated_at = ? WHERE session_id = ?",
                   "is", now, session_id);
  fapi_store_exec (req->server,
                   "UPDATE sessions SET second_factor_at = ?, updated_at = ? WHERE id = ?",
                   "iis", now, now, session_id);
  reply_reverification (req, session_id, user_id);
}

/* /v1/client/sessions/{id}/verify[/step] */
void
fapi_handle_session_verify (FapiRequest *req)
{
  static const char * const steps[] = {
    "prepare_first_factor", "attempt_first_factor",
    "prepare_second_factor", "attempt_second_factor", NULL
  };
  const char *session_id = req->segments[3];
  const char *action = req->n_segments == 6 ? req->segments[5] : NULL;
  g_autoptr(sqlite3_stmt) session = NULL;
  g_autoptr(sqlite3_stmt) row = NULL;
  g_autofree char *user_id = NULL;
  const char *status;
  gboolean first;

  if (!g_str_equal (req->method, "POST") || (action != NULL && !g_strv_contains (steps, action)))
    return;

  if (req->client == NULL)
    {
      if (req->token_state == FAPI_TOKEN_GONE)
        {
          req->token_cleared = TRUE;
          fapi_reply_error (req, SOUP_STATUS_NOT_FOUND, "resource_not_found",
                            "not found", "Client not found", NULL);
        }
      else
        fapi_reply_error (req, 401, "authentication_invalid", "Invalid authentication",
                          "Unable to authenticate the request, you need to supply an active session",
                          NULL);
      return;
    }

  session = fapi_store_query (req->server,
                              "SELECT user_id, status, expire_at FROM sessions"
                              " WHERE id = ? AND client_id = ? AND status NOT IN ('removed', 'revoked')",
                              "ss", session_id, req->client->id);
  if (!fapi_store_step (session))
    {
      fapi_reply_not_found (req, "Session");
      return;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (session, 1), "active") != 0 ||
      fapi_clock_now_ms () >= sqlite3_column_int64 (session, 2))
    {
      fapi_reply_error (req, 401, "signed_out", "Signed out", "You are signed out", NULL);
      return;
    }
  user_id = fapi_store_dup_text (session, 0);

  if (action == NULL)
    {
      start (req, session_id, user_id);
      return;
    }

  row = reverification_row (req->server, session_id);
  if (row == NULL)
    {
      fapi_reply_error (req, 400, "session_reverification_missing",
                        "session reverification missing",
                        "Start a session reverification (POST …/verify) first.", NULL);
      return;
    }

  status = (const char *) sqlite3_column_text (row, COL_STATUS);
  first = g_str_has_suffix (action, "_first_factor");
  if (!g_str_equal (status, first ? "needs_first_factor" : "needs_second_factor"))
    {
      reply_invalid_action (req,
                            g_str_equal (status, "complete")
                            ? "This session reverification is already complete."
                            : first ? "This session reverification is waiting for a second factor."
                                    : "This session reverification is waiting for a first factor.");
      return;
    }

  if (g_str_has_prefix (action, "prepare_"))
    prepare (req, row, user_id, first ? STEP_FIRST : STEP_SECOND);
  else if (first)
    attempt_first (req, row, user_id);
  else
    attempt_second (req, row, user_id);
}
