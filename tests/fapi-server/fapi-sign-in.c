/* fapi-sign-in.c
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

/* Sign-in: POST /v1/client/sign_ins, GET /v1/client/sign_ins/{id},
 * POST .../attempt_first_factor, prepare_second_factor, attempt_second_factor.
 * A sign-in that waits for client trust (needs_client_trust) takes its
 * code through the second-factor calls; second_factor_phone_id then
 * names the email address or phone the code went to. */

#define SIGN_IN_ABANDON_MS (24 * 3600 * G_GINT64_CONSTANT (1000))

#define SIGN_IN_COLUMNS \
  "id, client_id, user_id, identifier, status, first_factor_status, first_factor_attempts," \
  " second_factor_strategy, second_factor_status, second_factor_attempts," \
  " second_factor_expire_at, second_factor_phone_id, code, code_sent_at, created_session_id," \
  " abandon_at, created_at, updated_at, client_trust"

enum {
  COL_ID,
  COL_CLIENT_ID,
  COL_USER_ID,
  COL_IDENTIFIER,
  COL_STATUS,
  COL_FF_STATUS,
  COL_FF_ATTEMPTS,
  COL_SF_STRATEGY,
  COL_SF_STATUS,
  COL_SF_ATTEMPTS,
  COL_SF_EXPIRE_AT,
  COL_SF_PHONE_ID,
  COL_CODE,
  COL_CODE_SENT_AT,
  COL_CREATED_SESSION_ID,
  COL_ABANDON_AT,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_CLIENT_TRUST,
};

/* +*******0123: only the last four digits show. */
char *
fapi_mask_phone (const char *e164)
{
  gsize len = strlen (e164);
  GString *out = g_string_new ("+");

  for (gsize i = 1; i < len; i++)
    g_string_append_c (out, i + 4 < len ? '*' : e164[i]);
  return g_string_free (out, FALSE);
}

static const char *
sf_status (sqlite3_stmt *row)
{
  const char *status = (const char *) sqlite3_column_text (row, COL_SF_STATUS);

  if (g_strcmp0 (status, "unverified") == 0 &&
      fapi_clock_now_ms () > fapi_store_int_or (row, COL_SF_EXPIRE_AT, G_MAXINT64))
    return "expired";
  return status;
}

/* The sign-in (and step-up) second factors of @user_id: one phone_code
 * per reserved verified phone, then totp and backup_code when usable;
 * each only while the instance offers that strategy. */
JsonArray *
fapi_second_factors (FapiServer *server,
                     const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *factors = json_array_new ();

  stmt = fapi_store_query (server,
                           "SELECT id, phone_number, default_second_factor FROM phone_numbers"
                           " WHERE user_id = ? AND reserved_for_second_factor = 1"
                           " AND verification_status = 'verified' ORDER BY created_at, rowid",
                           "s", user_id);
  while (server->settings.sms_mfa && fapi_store_step (stmt))
    {
      JsonObject *factor = json_object_new ();
      g_autofree char *masked = fapi_mask_phone ((const char *) sqlite3_column_text (stmt, 1));

      json_object_set_string_member (factor, "strategy", "phone_code");
      json_object_set_string_member (factor, "phone_number_id",
                                     (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (factor, "safe_identifier", masked);
      json_object_set_boolean_member (factor, "default", sqlite3_column_int (stmt, 2) != 0);
      json_array_add_object_element (factors, factor);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = fapi_store_query (server, "SELECT totp_enabled FROM users WHERE id = ?", "s", user_id);
  if (server->settings.totp && fapi_store_step (stmt) && sqlite3_column_int (stmt, 0) != 0)
    {
      JsonObject *factor = json_object_new ();

      json_object_set_string_member (factor, "strategy", "totp");
      json_array_add_object_element (factors, factor);
    }
  if (fapi_backup_codes_usable (server, user_id))
    {
      JsonObject *factor = json_object_new ();

      json_object_set_string_member (factor, "strategy", "backup_code");
      json_array_add_object_element (factors, factor);
    }
  return factors;
}

static JsonNode *
sign_in_row_to_json (FapiServer   *server,
                     sqlite3_stmt *row)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *user_id = (const char *) sqlite3_column_text (row, COL_USER_ID);
  const char *status = (const char *) sqlite3_column_text (row, COL_STATUS);
  const char *sf_strategy = (const char *) sqlite3_column_text (row, COL_SF_STRATEGY);
  gboolean client_trust = sqlite3_column_int (row, COL_CLIENT_TRUST) != 0;
  JsonArray *identifiers = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (object, "object", "sign_in_attempt");
  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (row, COL_ID));
  json_object_set_string_member (object, "status", status);
  json_array_add_string_element (identifiers, "email_address");
  json_array_add_string_element (identifiers, "username");
  json_array_add_string_element (identifiers, "phone_number");
  json_object_set_array_member (object, "supported_identifiers", identifiers);
  fapi_json_set_nullable_string (object, "identifier",
                                 (const char *) sqlite3_column_text (row, COL_IDENTIFIER));

  if (user_id != NULL)
    {
      JsonArray *first = json_array_new ();

      if (server->settings.password)
        {
          JsonObject *password = json_object_new ();

          json_object_set_string_member (password, "strategy", "password");
          json_array_add_object_element (first, password);
        }
      json_object_set_array_member (object, "supported_first_factors", first);
    }
  else
    json_object_set_null_member (object, "supported_first_factors");

  if (user_id != NULL && client_trust &&
      (g_str_equal (status, "needs_client_trust") || g_str_equal (status, "complete")))
    json_object_set_array_member (object, "supported_second_factors",
                                  fapi_client_trust_factors (server, user_id));
  else if (user_id != NULL &&
           (g_str_equal (status, "needs_second_factor") ||
            (g_str_equal (status, "complete") && sf_strategy != NULL)))
    json_object_set_array_member (object, "supported_second_factors",
                                  fapi_second_factors (server, user_id));
  else
    json_object_set_null_member (object, "supported_second_factors");

  if (!fapi_store_is_null (row, COL_FF_STATUS))
    {
      JsonObject *verification = json_object_new ();

      json_object_set_string_member (verification, "object", "verification_password");
      json_object_set_string_member (verification, "status",
                                     (const char *) sqlite3_column_text (row, COL_FF_STATUS));
      json_object_set_string_member (verification, "strategy", "password");
      json_object_set_int_member (verification, "attempts",
                                  sqlite3_column_int64 (row, COL_FF_ATTEMPTS));
      json_object_set_null_member (verification, "expire_at");
      json_object_set_object_member (object, "first_factor_verification", verification);
    }
  else
    json_object_set_null_member (object, "first_factor_verification");

  if (sf_strategy != NULL)
    {
      JsonObject *verification = json_object_new ();
      gboolean otp = g_str_equal (sf_strategy, "phone_code") ||
                     g_str_equal (sf_strategy, "email_code");
      g_autofree char *object_name = g_strconcat ("verification_",
                                                  otp ? "otp" : sf_strategy, NULL);

      json_object_set_string_member (verification, "object", object_name);
      json_object_set_string_member (verification, "status", sf_status (row));
      json_object_set_string_member (verification, "strategy", sf_strategy);
      json_object_set_int_member (verification, "attempts",
                                  sqlite3_column_int64 (row, COL_SF_ATTEMPTS));
      if (otp)
        {
          json_object_set_int_member (verification, "expire_at",
                                      fapi_store_int_or (row, COL_SF_EXPIRE_AT, 0));
          if (g_str_equal (sf_strategy, "phone_code"))
            json_object_set_string_member (verification, "channel", "sms");
        }
      else
        json_object_set_null_member (verification, "expire_at");
      json_object_set_object_member (object, "second_factor_verification", verification);
    }
  else
    json_object_set_null_member (object, "second_factor_verification");

  if (user_id != NULL)
    {
      g_autoptr(sqlite3_stmt) user = fapi_store_query (server,
                                                       "SELECT first_name, last_name FROM users"
                                                       " WHERE id = ?",
                                                       "s", user_id);
      JsonObject *user_data = json_object_new ();

      fapi_store_step (user);
      fapi_json_set_nullable_string (user_data, "first_name",
                                     (const char *) sqlite3_column_text (user, 0));
      fapi_json_set_nullable_string (user_data, "last_name",
                                     (const char *) sqlite3_column_text (user, 1));
      json_object_set_string_member (user_data, "image_url", "");
      json_object_set_boolean_member (user_data, "has_image", FALSE);
      json_object_set_object_member (object, "user_data", user_data);
    }
  else
    json_object_set_null_member (object, "user_data");

  fapi_json_set_nullable_string (object, "created_session_id",
                                 (const char *) sqlite3_column_text (row, COL_CREATED_SESSION_ID));
  json_object_set_int_member (object, "abandon_at", sqlite3_column_int64 (row, COL_ABANDON_AT));
  if (user_id != NULL)
    json_object_set_string_member (object, "client_trust_state",
                                   fapi_client_trust_known (server, user_id,
                                                            (const char *) sqlite3_column_text (row, COL_CLIENT_ID))
                                   ? "known" : "new");
  else
    json_object_set_null_member (object, "client_trust_state");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static sqlite3_stmt *
sign_in_row (FapiServer *server,
             const char *sign_in_id,
             const char *client_id)
{
  sqlite3_stmt *stmt = fapi_store_query (server,
                                         "SELECT " SIGN_IN_COLUMNS " FROM sign_ins"
                                         " WHERE id = ? AND client_id = ?",
                                         "ss", sign_in_id, client_id);

  if (!fapi_store_step (stmt))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

JsonNode *
fapi_sign_in_to_json (FapiServer *server,
                      const char *sign_in_id)
{
  g_autoptr(sqlite3_stmt) stmt = fapi_store_query (server,
                                                   "SELECT " SIGN_IN_COLUMNS " FROM sign_ins WHERE id = ?",
                                                   "s", sign_in_id);

  if (!fapi_store_step (stmt))
    return json_node_new (JSON_NODE_NULL);
  return sign_in_row_to_json (server, stmt);
}

static void
reply_sign_in (FapiRequest *req,
               const char  *sign_in_id)
{
  fapi_reply_wrapped (req, fapi_sign_in_to_json (req->server, sign_in_id));
}

static void
complete (FapiRequest *req,
          const char  *sign_in_id,
          const char  *user_id,
          gboolean     second_factor)
{
  g_autofree char *session_id = fapi_session_create (req, user_id, second_factor);

  fapi_client_trust_add (req->server, user_id, req->client->id);

  fapi_store_exec (req->server,
                   "UPDATE sign_ins SET status = 'complete', created_session_id = ?, updated_at = ?"
                   " WHERE id = ?",
                   "sis", session_id, fapi_clock_now_ms (), sign_in_id);
}

/* Checks the password of a sign-in in needs_first_factor and moves it on. */
static void
first_factor (FapiRequest *req,
              const char  *sign_in_id,
              const char  *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *strategy;
  const char *password;
  gboolean two_factor;
  gboolean trust = FALSE;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "strategy", &strategy))
    return;
  if (!g_str_equal (strategy, "password") || !req->server->settings.password)
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }
  if (!fapi_request_require (req, "password", &password))
    return;

  stmt = fapi_store_query (req->server, "SELECT password_hash FROM users WHERE id = ?",
                           "s", user_id);
  if (!fapi_store_step (stmt) ||
      !fapi_store_check_password (password, (const char *) sqlite3_column_text (stmt, 0)))
    {
      fapi_store_exec (req->server,
                       "UPDATE sign_ins SET first_factor_attempts = first_factor_attempts + 1,"
                       " updated_at = ? WHERE id = ?",
                       "is", now, sign_in_id);
      fapi_reply_error (req, 422, "form_password_incorrect", "Password is incorrect.",
                        "Password is incorrect. Try again, or use another method.", "password");
      return;
    }
  /* The right password, but one found in breaches: with the instance's
   * enforce_hibp_on_sign_in the person must choose another. */
  if (req->server->settings.password_settings.enforce_hibp_on_sign_in &&
      !req->server->settings.password_settings.disable_hibp &&
      fapi_password_is_breached (password))
    {
      fapi_reply_error (req, 422, "form_password_pwned",
                        "Password has been found in an online data breach.",
                        "This password has been found in a data breach and can no longer be "
                        "used: reset it to sign in.", "password");
      return;
    }

  two_factor = fapi_user_two_factor_enabled (req->server, user_id);
  /* Client trust: a user without two-step verification confirms a
   * client they never signed in on, if there is anywhere to send a code. */
  if (!two_factor && req->server->settings.client_trust &&
      !fapi_client_trust_known (req->server, user_id, req->client->id))
    {
      g_autoptr(JsonArray) factors = fapi_client_trust_factors (req->server, user_id);

      trust = json_array_get_length (factors) > 0;
    }
  fapi_store_exec (req->server,
                   "UPDATE sign_ins SET first_factor_status = 'verified',"
                   " first_factor_attempts = first_factor_attempts + 1, status = ?,"
                   " client_trust = ?, updated_at = ? WHERE id = ?",
                   "sbis",
                   two_factor ? "needs_second_factor"
                              : trust ? "needs_client_trust" : "needs_first_factor",
                   trust, now, sign_in_id);
  if (!two_factor && !trust)
    complete (req, sign_in_id, user_id, FALSE);
  reply_sign_in (req, sign_in_id);
}

/* POST /v1/client/sign_ins */
void
fapi_handle_sign_ins (FapiRequest *req)
{
  const char *identifier;
  const char *strategy;
  g_autofree char *user_id = NULL;
  g_autofree char *sign_in_id = NULL;
  gint64 now = fapi_clock_now_ms ();

  if (!g_str_equal (req->method, "POST"))
    return;
  if (!fapi_rate_limit_allow (req, FAPI_RATE_SIGN_IN_CREATE))
    return;

  /* The first mutating call may establish the client. */
  if (req->client == NULL)
    {
      req->client = fapi_client_create (req->server);
      req->token_changed = TRUE;
    }

  if (fapi_client_has_active_session (req->server, req->client))
    {
      fapi_reply_error (req, 400, "session_exists", "You're already signed in",
                        "You're already signed in.", NULL);
      return;
    }

  identifier = fapi_request_param (req, "identifier");
  strategy = fapi_request_param (req, "strategy");
  if (identifier == NULL && strategy != NULL)
    {
      fapi_request_require (req, "identifier", &identifier);
      return;
    }
  if (identifier != NULL)
    {
      user_id = fapi_user_find_by_identifier (req->server, identifier);
      if (user_id == NULL)
        {
          fapi_reply_error (req, 422, "form_identifier_not_found", "Couldn't find your account.",
                            "Couldn't find your account.", "identifier");
          return;
        }
    }

  sign_in_id = fapi_new_id ("sia_");
  fapi_store_exec (req->server,
                   "INSERT INTO sign_ins (id, client_id, user_id, identifier, status, abandon_at,"
                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   "sssssiii", sign_in_id, req->client->id, user_id, identifier,
                   identifier != NULL ? "needs_first_factor" : "needs_identifier",
                   now + SIGN_IN_ABANDON_MS, now, now);
  g_free (req->client->sign_in_id);
  req->client->sign_in_id = g_strdup (sign_in_id);
  fapi_client_save (req->server, req->client);

  if (strategy != NULL)
    first_factor (req, sign_in_id, user_id);
  else
    reply_sign_in (req, sign_in_id);
}

/* phone_code (a reserved phone; while waiting for client trust, any
 * verified phone) or, for client trust only, email_code (a verified
 * address). Without an id: the default phone, or the primary address. */
static void
prepare_second_factor (FapiRequest  *req,
                       sqlite3_stmt *row)
{
  const char *sign_in_id = (const char *) sqlite3_column_text (row, COL_ID);
  const char *user_id = (const char *) sqlite3_column_text (row, COL_USER_ID);
  gboolean trust = g_str_equal ((const char *) sqlite3_column_text (row, COL_STATUS),
                                "needs_client_trust");
  const char *strategy;
  const char *target_id;
  g_autoptr(sqlite3_stmt) target = NULL;
  g_autofree char *code = NULL;
  const char *destination;
  gboolean email;
  gint64 now = fapi_clock_now_ms ();
  gint64 sent_at = fapi_store_int_or (row, COL_CODE_SENT_AT, -1);
  gint64 cooldown_ms = (gint64) req->server->settings.resend_cooldown * 1000;

  if (!fapi_request_require (req, "strategy", &strategy))
    return;
  email = g_str_equal (strategy, "email_code");
  if (!g_str_equal (strategy, "phone_code") && !(email && trust))
    {
      fapi_reply_error (req, 400, "verification_strategy_invalid", "invalid strategy",
                        trust ? "Only email_code and phone_code need to be prepared."
                              : "Only phone_code needs to be prepared.", "strategy");
      return;
    }
  if (!email && !req->server->settings.sms_mfa)
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }

  target_id = fapi_request_param (req, email ? "email_address_id" : "phone_number_id");
  if (email && target_id != NULL)
    target = fapi_store_query (req->server,
                               "SELECT id, email_address FROM email_addresses WHERE user_id = ?"
                               " AND id = ? AND verified = 1",
                               "ss", user_id, target_id);
  else if (email)
    target = fapi_store_query (req->server,
                               "SELECT e.id, e.email_address FROM email_addresses e"
                               " JOIN users u ON u.id = e.user_id WHERE e.user_id = ?"
                               " AND e.verified = 1"
                               " ORDER BY e.id = u.primary_email_address_id DESC, e.created_at, e.rowid"
                               " LIMIT 1",
                               "s", user_id);
  else if (target_id != NULL)
    target = fapi_store_query (req->server,
                               "SELECT id, phone_number FROM phone_numbers WHERE user_id = ? AND id = ?"
                               " AND (reserved_for_second_factor = 1 OR ?)"
                               " AND verification_status = 'verified'",
                               "ssb", user_id, target_id, trust);
  else
    target = fapi_store_query (req->server,
                               "SELECT id, phone_number FROM phone_numbers WHERE user_id = ?"
                               " AND (reserved_for_second_factor = 1 OR ?)"
                               " AND verification_status = 'verified'"
                               " ORDER BY default_second_factor DESC, created_at, rowid LIMIT 1",
                               "sb", user_id, trust);
  if (!fapi_store_step (target))
    {
      if (target_id != NULL)
        fapi_reply_error (req, 422, "form_param_value_invalid", "is invalid",
                          email ? "This email address cannot confirm this sign-in."
                          : trust ? "This phone number cannot confirm this sign-in."
                          : "This phone number is not one of your second factors.",
                          email ? "email_address_id" : "phone_number_id");
      else
        fapi_reply_error (req, 400, "no_second_factors", "no second factors",
                          email ? "This account has no verified email address."
                          : "This account has no phone number for two-step verification.", NULL);
      return;
    }
  destination = (const char *) sqlite3_column_text (target, 1);

  if (sent_at >= 0 && now < sent_at + cooldown_ms &&
      g_strcmp0 ((const char *) sqlite3_column_text (row, COL_SF_PHONE_ID),
                 (const char *) sqlite3_column_text (target, 0)) == 0)
    {
      g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                (sent_at + cooldown_ms - now + 999) / 1000);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", retry);
      fapi_reply_error (req, 429, "verification_code_too_many_requests", "Too many requests",
                        "You need to wait at least 30 seconds before you can request a new code.",
                        NULL);
      return;
    }

  if (!email && !fapi_phone_country_allowed (req->server, destination))
    {
      fapi_reply_error (req, 403, "unsupported_country_code",
                        "phone numbers from this country are not supported",
                        "Phone numbers from this country are currently not supported.",
                        "phone_number");
      return;
    }

  if (email ? fapi_is_test_email (destination) : fapi_is_test_number (destination))
    code = g_strdup ("424242");
  else
    code = fapi_random_code ();
  fapi_store_exec (req->server,
                   "UPDATE sign_ins SET second_factor_strategy = ?,"
                   " second_factor_status = 'unverified', second_factor_attempts = 0,"
                   " second_factor_expire_at = ?, second_factor_phone_id = ?, code = ?,"
                   " code_sent_at = ?, updated_at = ? WHERE id = ?",
                   "sissiis", strategy, now + (gint64) req->server->settings.code_ttl * 1000,
                   (const char *) sqlite3_column_text (target, 0), code, now, now, sign_in_id);
  if (email)
    fapi_email_send (req->server, destination, code);
  else
    fapi_sms_send (req->server, destination, code);
  reply_sign_in (req, sign_in_id);
}

static void
reply_code_incorrect (FapiRequest *req)
{
  fapi_reply_error (req, 422, "form_code_incorrect", "is incorrect", "Incorrect code", "code");
}

static void
attempt_second_factor (FapiRequest  *req,
                       sqlite3_stmt *row)
{
  const char *sign_in_id = (const char *) sqlite3_column_text (row, COL_ID);
  const char *user_id = (const char *) sqlite3_column_text (row, COL_USER_ID);
  gboolean trust = g_str_equal ((const char *) sqlite3_column_text (row, COL_STATUS),
                                "needs_client_trust");
  const char *strategy;
  const char *code;
  gint64 now = fapi_clock_now_ms ();

  if (!fapi_request_require (req, "strategy", &strategy) ||
      !fapi_request_require (req, "code", &code))
    return;

  if ((g_str_equal (strategy, "phone_code") && req->server->settings.sms_mfa) ||
      (g_str_equal (strategy, "email_code") && trust))
    {
      const char *status = sf_status (row);
      gint64 attempts = sqlite3_column_int64 (row, COL_SF_ATTEMPTS);

      if (g_strcmp0 ((const char *) sqlite3_column_text (row, COL_SF_STRATEGY), strategy) != 0)
        {
          fapi_reply_error (req, 400, "verification_not_sent", "verification not sent",
                            "No code was sent yet: prepare the second factor first.", NULL);
          return;
        }
      if (g_strcmp0 (status, "failed") == 0)
        {
          fapi_reply_error (req, 400, "verification_failed", "Too many failed attempts",
                            "Too many failed attempts. Request a new code.", NULL);
          return;
        }
      if (g_strcmp0 (status, "expired") == 0)
        {
          fapi_store_exec (req->server,
                           "UPDATE sign_ins SET second_factor_status = 'expired' WHERE id = ?",
                           "s", sign_in_id);
          fapi_reply_error (req, 400, "verification_expired", "expired",
                            "This verification has expired. Request a new code.", NULL);
          return;
        }
      attempts++;
      if (g_strcmp0 (code, (const char *) sqlite3_column_text (row, COL_CODE)) != 0)
        {
          fapi_store_exec (req->server,
                           "UPDATE sign_ins SET second_factor_attempts = ?,"
                           " second_factor_status = ?, updated_at = ? WHERE id = ?",
                           "isis", attempts,
                           attempts >= req->server->settings.attempt_limit ? "failed" : "unverified",
                           now, sign_in_id);
          reply_code_incorrect (req);
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE sign_ins SET second_factor_attempts = ?, second_factor_status = 'verified',"
                       " code = NULL, updated_at = ? WHERE id = ?",
                       "iis", attempts, now, sign_in_id);
    }
  else if (!trust && (g_str_equal (strategy, "backup_code") || g_str_equal (strategy, "totp")))
    {
      gboolean backup = g_str_equal (strategy, "backup_code");
      gboolean available;

      available = backup ? fapi_backup_codes_usable (req->server, user_id)
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
          reply_code_incorrect (req);
          return;
        }
      fapi_store_exec (req->server,
                       "UPDATE sign_ins SET second_factor_strategy = ?, second_factor_status = 'verified',"
                       " second_factor_attempts = 1, second_factor_expire_at = NULL, code = NULL,"
                       " updated_at = ? WHERE id = ?",
                       "sis", strategy, now, sign_in_id);
    }
  else
    {
      fapi_reply_error (req, 400, "strategy_for_user_invalid", "invalid strategy",
                        "This strategy is not available for this account.", "strategy");
      return;
    }

  complete (req, sign_in_id, user_id, !trust);
  reply_sign_in (req, sign_in_id);
}

/* /v1/client/sign_ins/{id}[/action] */
void
fapi_handle_sign_in (FapiRequest *req)
{
  g_autoptr(sqlite3_stmt) row = NULL;
  const char *action = req->n_segments == 5 ? req->segments[4] : NULL;
  const char *status;

  if (action == NULL ? !g_str_equal (req->method, "GET")
                     : (!g_str_equal (req->method, "POST") ||
                        (!g_str_equal (action, "attempt_first_factor") &&
                         !g_str_equal (action, "prepare_second_factor") &&
                         !g_str_equal (action, "attempt_second_factor"))))
    return;
  if ((action != NULL && g_str_equal (action, "attempt_first_factor") &&
       !fapi_rate_limit_allow (req, FAPI_RATE_ATTEMPT_FIRST_FACTOR)) ||
      (action != NULL && g_str_equal (action, "attempt_second_factor") &&
       !fapi_rate_limit_allow (req, FAPI_RATE_ATTEMPT_SECOND_FACTOR)))
    return;

  if (req->client == NULL)
    {
      if (req->token_state == FAPI_TOKEN_GONE)
        {
          req->token_cleared = TRUE;
          fapi_reply_error (req, 404, "resource_not_found", "not found", "Client not found", NULL);
        }
      else
        fapi_reply_error (req, 400, "client_not_found", "client not found",
                          "No client was found for this request.", NULL);
      return;
    }

  row = sign_in_row (req->server, req->segments[3], req->client->id);
  if (row == NULL)
    {
      fapi_reply_not_found (req, "Sign in");
      return;
    }
  if (action == NULL)
    {
      reply_sign_in (req, req->segments[3]);
      return;
    }

  /* Replaced or finished sign-ins can no longer be changed. */
  if (g_strcmp0 (req->client->sign_in_id, req->segments[3]) != 0)
    {
      fapi_reply_error (req, 403, "resource_forbidden", "forbidden",
                        "This sign-in can no longer be used. Start a new one.", NULL);
      return;
    }

  status = (const char *) sqlite3_column_text (row, COL_STATUS);
  if (g_str_equal (action, "attempt_first_factor"))
    {
      if (!g_str_equal (status, "needs_first_factor"))
        fapi_reply_error (req, 400, "verification_already_verified", "already verified",
                          "The first factor of this sign-in is already verified.", NULL);
      else
        first_factor (req, req->segments[3], (const char *) sqlite3_column_text (row, COL_USER_ID));
    }
  else if (!g_str_equal (status, "needs_second_factor") &&
           !g_str_equal (status, "needs_client_trust"))
    fapi_reply_error (req, 400, "verification_strategy_invalid", "invalid step",
                      "This sign-in is not waiting for a second factor.", NULL);
  else if (g_str_equal (action, "prepare_second_factor"))
    prepare_second_factor (req, row);
  else
    attempt_second_factor (req, row);
}
