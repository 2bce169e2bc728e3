/* mfa-fapi-json.c
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

#define G_LOG_DOMAIN "mfa-fapi-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-fapi-json.h"

#include "mfa-client-error.h"

/* Reads Frontend API JSON into the models. Strict about what the app
 * needs (a wrong type or a missing id is an error, and then nothing is
 * built), silent about everything else: unknown fields are skipped and
 * unknown enum values map to an UNKNOWN value. */

static gboolean
bad (GError     **error,
     const char  *what,
     const char  *member)
{
  g_debug ("unreadable answer: %s.%s", what, member);
  g_set_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
               _("The server sent an answer that cannot be read (%s.%s)"), what, member);
  return FALSE;
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* A string member, or NULL for anything else; never complains. */
static const char *
peek_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
expect_object (JsonNode    *node,
               const char  *what,
               JsonObject **out,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, what, "(object)");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *what,
            const char  *member,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_null (node))
    return required ? bad (error, what, member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad (error, what, member);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *what,
          const char  *member,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad (error, what, member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *what,
         const char  *member,
         gint64       fallback,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = fallback;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad (error, what, member);
  *out = json_node_get_int (node);
  return TRUE;
}

/* Clerk's timestamps are milliseconds since the epoch; some answers (and
 * JWT-style fields) carry seconds. Anything below 10^11 would be a date
 * before 1973 in milliseconds, so it is read as seconds.
 */
#define SECONDS_LIMIT G_GINT64_CONSTANT (100000000000)

static gboolean
get_timestamp_ms (JsonObject  *object,
                  const char  *what,
                  const char  *member,
                  gint64      *out,
                  GError     **error)
{
  if (!get_int (object, what, member, 0, out, error))
    return FALSE;

  if (*out > 0 && *out < SECONDS_LIMIT)
    *out *= 1000;

  return TRUE;
}

/* A member that may be absent or null, else must be an object. */
static gboolean
get_object (JsonObject  *object,
            const char  *what,
            const char  *member,
            JsonNode   **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, what, member);
  *out = node;
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *what,
           const char  *member,
           gboolean     required,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_null (node))
    return required ? bad (error, what, member) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad (error, what, member);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
check_object_name (JsonObject  *object,
                   const char  *what,
                   const char  *name,
                   const char  *other_name,
                   GError     **error)
{
  const char *value;

  if (!get_string (object, what, "object", FALSE, &value, error))
    return FALSE;
  if (value != NULL && g_strcmp0 (value, name) != 0 && g_strcmp0 (value, other_name) != 0)
    return bad (error, what, "object");
  return TRUE;
}

void
mfa_fapi_client_clear (MfaFapiClient *client)
{
  g_clear_pointer (&client->client_id, g_free);
  g_clear_pointer (&client->session_id, g_free);
  g_clear_object (&client->user);
  g_clear_object (&client->sign_in);
}

/**
 * mfa_fapi_parse_text:
 *
 * Returns: (transfer full): the root of the JSON text
 */
JsonNode *
mfa_fapi_parse_text (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an empty answer"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_debug ("malformed JSON: %s", local_error->message);
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an answer that is not valid JSON"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an empty answer"));
      return NULL;
    }
  return json_node_ref (root);
}

static MfaVerificationStatus
verification_status_from_string (const char *status)
{
  if (g_strcmp0 (status, "unverified") == 0)
    return MFA_VERIFICATION_STATUS_UNVERIFIED;
  if (g_strcmp0 (status, "verified") == 0)
    return MFA_VERIFICATION_STATUS_VERIFIED;
  if (g_strcmp0 (status, "failed") == 0)
    return MFA_VERIFICATION_STATUS_FAILED;
  if (g_strcmp0 (status, "expired") == 0)
    return MFA_VERIFICATION_STATUS_EXPIRED;
  return MFA_VERIFICATION_STATUS_UNKNOWN;
}

static gboolean
parse_verification (JsonNode              *node,
                    const char            *what,
                    MfaVerificationStatus *status,
                    gint64                *expire_at,
                    gint64                *attempts,
                    GError               **error)
{
  JsonObject *object;
  const char *text;

  *status = MFA_VERIFICATION_STATUS_NONE;
  *expire_at = 0;
  *attempts = -1;
  if (node == NULL)
    return TRUE;

  object = json_node_get_object (node);
  if (!get_string (object, what, "status", TRUE, &text, error) ||
      !get_timestamp_ms (object, what, "expire_at", expire_at, error) ||
      !get_int (object, what, "attempts", -1, attempts, error))
    return FALSE;
  *status = verification_status_from_string (text);
  return TRUE;
}

/**
 * mfa_fapi_parse_phone_number:
 *
 * Returns: (transfer full): a new #MfaPhoneNumber
 */
MfaPhoneNumber *
mfa_fapi_parse_phone_number (JsonNode  *node,
                             GError   **error)
{
  static const char what[] = "phone_number";
  g_autoptr(MfaPhoneNumber) phone = NULL;
  MfaVerificationStatus status;
  JsonObject *object;
  JsonNode *verification;
  const char *id;
  const char *e164;
  gboolean reserved;
  gboolean is_default;
  gint64 expire_at;
  gint64 attempts;
  gint64 created_at;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "phone_number", NULL, error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_string (object, what, "phone_number", TRUE, &e164, error) ||
      !get_bool (object, what, "reserved_for_second_factor", &reserved, error) ||
      !get_bool (object, what, "default_second_factor", &is_default, error) ||
      !get_timestamp_ms (object, what, "created_at", &created_at, error) ||
      !get_object (object, what, "verification", &verification, error) ||
      !parse_verification (verification, "phone_number.verification",
                           &status, &expire_at, &attempts, error))
    return NULL;

  phone = mfa_phone_number_new (id, e164);
  mfa_phone_number_set_verification_status (phone, status);
  mfa_phone_number_set_expire_at (phone, expire_at);
  mfa_phone_number_set_attempts (phone, (int) CLAMP (attempts, -1, G_MAXINT));
  mfa_phone_number_set_reserved (phone, reserved);
  mfa_phone_number_set_default (phone, is_default);
  mfa_phone_number_set_created_at (phone, created_at);
  return g_steal_pointer (&phone);
}

static MfaBackupCodes *
codes_from_array (JsonArray   *array,
                  const char  *what,
                  const char  *id,
                  gint64       created_at,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          bad (error, what, "codes");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  codes = g_strv_builder_end (builder);
  return mfa_backup_codes_new (id, (const char * const *) codes, created_at);
}

/**
 * mfa_fapi_parse_phone_backup_codes:
 * @codes: (out) (transfer full) (nullable): the codes handed out when
 *   reserving this phone turned two-step verification on, else %NULL
 */
gboolean
mfa_fapi_parse_phone_backup_codes (JsonNode        *node,
                                   MfaBackupCodes **codes,
                                   GError         **error)
{
  JsonObject *object;
  JsonArray *array;

  *codes = NULL;
  if (!expect_object (node, "phone_number", &object, error) ||
      !get_array (object, "phone_number", "backup_codes", FALSE, &array, error))
    return FALSE;
  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;
  *codes = codes_from_array (array, "phone_number.backup_codes", NULL, 0, error);
  return *codes != NULL;
}

/**
 * mfa_fapi_parse_backup_codes:
 *
 * Returns: (transfer full): the set of a `backup_code` object
 */
MfaBackupCodes *
mfa_fapi_parse_backup_codes (JsonNode  *node,
                             GError   **error)
{
  static const char what[] = "backup_code";
  JsonObject *object;
  JsonArray *array;
  const char *id;
  gint64 created_at;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "backup_code", NULL, error) ||
      !get_string (object, what, "id", FALSE, &id, error) ||
      !get_timestamp_ms (object, what, "created_at", &created_at, error) ||
      !get_array (object, what, "codes", TRUE, &array, error))
    return NULL;

  /* New codes were asked for: none is not a set, whatever the status. */
  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The service made no backup codes. Try again later."));
      return NULL;
    }

  return codes_from_array (array, what, id, created_at, error);
}

/**
 * mfa_fapi_parse_totp:
 * @codes: (out) (transfer full) (nullable): the backup codes handed out
 *   when verifying it turned two-step verification on, else %NULL
 *
 * Returns: (transfer full): the `totp` object
 */
MfaTotp *
mfa_fapi_parse_totp (JsonNode        *node,
                     MfaBackupCodes **codes,
                     GError         **error)
{
  static const char what[] = "totp";
  JsonObject *object;
  JsonArray *array;
  /* Checked as the schema has them, not kept: the app needs neither. */
  const char *id;
  gint64 created_at;
  const char *secret;
  const char *uri;
  gboolean verified;

  *codes = NULL;
  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "totp", NULL, error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_string (object, what, "secret", FALSE, &secret, error) ||
      !get_string (object, what, "uri", FALSE, &uri, error) ||
      !get_bool (object, what, "verified", &verified, error) ||
      !get_timestamp_ms (object, what, "created_at", &created_at, error) ||
      !get_array (object, what, "backup_codes", FALSE, &array, error))
    return NULL;

  /* An app cannot be set up from a secret that is not there. */
  if (!verified && (secret == NULL || uri == NULL || !g_str_has_prefix (uri, "otpauth://")))
    {
      bad (error, what, secret == NULL ? "secret" : "uri");
      return NULL;
    }

  if (array != NULL && json_array_get_length (array) > 0)
    {
      *codes = codes_from_array (array, "totp.backup_codes", NULL, 0, error);
      if (*codes == NULL)
        return NULL;
    }

  return mfa_totp_new (secret, uri, verified);
}

/* One `session` of the active list, with its `latest_activity`. */
static MfaDevice *
parse_active_session (JsonNode  *node,
                      GError   **error)
{
  static const char what[] = "session";
  static const char activity_what[] = "session_activity";
  MfaDeviceInfo info = { 0 };
  JsonObject *object;
  JsonObject *activity_object;
  JsonNode *activity = NULL;
  const char *id;
  /* Checked as the schema has them, not kept: the app shows neither. */
  const char *status;
  const char *ip_address;
  gint64 last_active_at;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "session", NULL, error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_string (object, what, "status", FALSE, &status, error) ||
      !get_timestamp_ms (object, what, "last_active_at", &last_active_at, error) ||
      !get_object (object, what, "latest_activity", &activity, error))
    return NULL;

  if (activity != NULL)
    {
      activity_object = json_node_get_object (activity);
      if (!get_string (activity_object, activity_what, "device_type", FALSE, &info.device_type, error) ||
          !get_bool (activity_object, activity_what, "is_mobile", &info.is_mobile, error) ||
          !get_string (activity_object, activity_what, "browser_name", FALSE, &info.browser_name, error) ||
          !get_string (activity_object, activity_what, "browser_version", FALSE, &info.browser_version, error) ||
          !get_string (activity_object, activity_what, "ip_address", FALSE, &ip_address, error) ||
          !get_string (activity_object, activity_what, "city", FALSE, &info.city, error) ||
          !get_string (activity_object, activity_what, "country", FALSE, &info.country, error))
        return NULL;
    }

  return mfa_device_new (id, last_active_at, &info);
}

/**
 * mfa_fapi_parse_active_sessions:
 *
 * Returns: (transfer full): the devices of a bare array of active
 *   sessions, in the order of the answer
 */
GPtrArray *
mfa_fapi_parse_active_sessions (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      bad (error, "sessions", "(array)");
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MfaDevice *device = parse_active_session (json_array_get_element (array, i), error);

      if (device == NULL)
        return NULL;
      g_ptr_array_add (devices, device);
    }

  return g_steal_pointer (&devices);
}

static const char *
find_email (JsonObject *user,
            const char *id)
{
  JsonNode *node = json_object_get_member (user, "email_addresses");
  JsonArray *array;

  if (id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *email;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      email = json_node_get_object (element);
      if (g_strcmp0 (peek_string (email, "id"), id) == 0)
        return peek_string (email, "email_address");
    }
  return NULL;
}

/* The addresses whose verification is `verified`: only these are ways to
 * sign in. */
static GStrv
dup_verified_emails (JsonObject *user)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (user, "email_addresses");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *verification;
      JsonObject *email;
      const char *address;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      email = json_node_get_object (element);
      address = peek_string (email, "email_address");
      verification = json_object_get_member (email, "verification");
      if (address == NULL || verification == NULL || !JSON_NODE_HOLDS_OBJECT (verification))
        continue;
      if (g_strcmp0 (peek_string (json_node_get_object (verification), "status"), "verified") == 0)
        g_strv_builder_add (builder, address);
    }
  return g_strv_builder_end (builder);
}

/**
 * mfa_fapi_parse_user:
 * @identifier: (nullable): the session's identifier of the user, if known
 *
 * Returns: (transfer full): a new #MfaUser with new phone objects
 */
MfaUser *
mfa_fapi_parse_user (JsonNode    *node,
                     const char  *identifier,
                     GError     **error)
{
  static const char what[] = "user";
  g_autoptr(MfaUser) user = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) emails = NULL;
  JsonObject *object;
  JsonArray *phones;
  const char *id;
  const char *first_name;
  const char *last_name;
  const char *username;
  const char *primary_email_id;
  gboolean two_factor;
  gboolean backup_code;
  gboolean totp;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "user", NULL, error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_string (object, what, "first_name", FALSE, &first_name, error) ||
      !get_string (object, what, "last_name", FALSE, &last_name, error) ||
      !get_string (object, what, "username", FALSE, &username, error) ||
      !get_string (object, what, "primary_email_address_id", FALSE, &primary_email_id, error) ||
      !get_bool (object, what, "two_factor_enabled", &two_factor, error) ||
      !get_bool (object, what, "backup_code_enabled", &backup_code, error) ||
      !get_bool (object, what, "totp_enabled", &totp, error) ||
      !get_array (object, what, "phone_numbers", TRUE, &phones, error))
    return NULL;

  user = mfa_user_new (id);
  if (identifier == NULL)
    identifier = find_email (object, primary_email_id);
  if (identifier == NULL)
    identifier = username;
  mfa_user_set_identifier (user, identifier);
  mfa_user_set_first_name (user, first_name);
  mfa_user_set_last_name (user, last_name);
  mfa_user_set_username (user, username);
  emails = dup_verified_emails (object);
  mfa_user_set_verified_email_addresses (user, (const char * const *) emails);
  mfa_user_set_two_factor_enabled (user, two_factor);
  mfa_user_set_backup_code_enabled (user, backup_code);
  mfa_user_set_totp_enabled (user, totp);

  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = NULL;

      phone = mfa_fapi_parse_phone_number (json_array_get_element (phones, i), error);
      if (phone == NULL)
        return NULL;
      /* The same id twice would break the identity of the rows. */
      if (!g_hash_table_add (seen, (gpointer) mfa_phone_number_get_id (phone)))
        {
          bad (error, what, "phone_numbers");
          return NULL;
        }
      mfa_user_append_phone_number (user, phone);
    }

  return g_steal_pointer (&user);
}

static gboolean
parse_factors (JsonObject  *object,
               const char  *what,
               const char  *member,
               gpointer     target,
               gboolean     second,
               GError     **error)
{
  JsonArray *array;

  if (!get_array (object, what, member, FALSE, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MfaFactor) factor = NULL;
      JsonObject *element;
      const char *strategy;
      const char *phone_id;
      const char *email_id;
      const char *safe;
      gboolean is_default;

      if (!expect_object (json_array_get_element (array, i), member, &element, error) ||
          !get_string (element, member, "strategy", TRUE, &strategy, error) ||
          !get_string (element, member, "phone_number_id", FALSE, &phone_id, error) ||
          !get_string (element, member, "email_address_id", FALSE, &email_id, error) ||
          !get_string (element, member, "safe_identifier", FALSE, &safe, error) ||
          !get_bool (element, member, "default", &is_default, error))
        return FALSE;

      if (g_str_equal (strategy, "email_code"))
        factor = mfa_factor_new_email (email_id, safe);
      else
        factor = mfa_factor_new (strategy, phone_id, safe, is_default);
      if (MFA_IS_SIGN_IN (target))
        mfa_sign_in_add_factor (target, second, factor);
      else
        mfa_reverification_add_factor (target,
                                       second ? MFA_FACTOR_STEP_SECOND : MFA_FACTOR_STEP_FIRST,
                                       factor);
    }
  return TRUE;
}

/* An attribute of `user_settings.attributes`: %TRUE when it is there,
 * with @enabled and, given @strategy, whether it is a second factor.
 */
static gboolean
read_attribute (JsonObject  *attributes,
                const char  *name,
                const char  *strategy,
                gboolean    *enabled,
                gboolean    *second_factor,
                GError     **error)
{
  JsonNode *node = NULL;
  JsonObject *attribute;
  JsonArray *factors = NULL;
  gboolean used = FALSE;

  *enabled = TRUE;
  if (second_factor != NULL)
    *second_factor = TRUE;

  if (attributes == NULL)
    return TRUE;
  if (!get_object (attributes, "user_settings.attributes", name, &node, error))
    return FALSE;
  if (node == NULL)
    {
      *enabled = FALSE;
      if (second_factor != NULL)
        *second_factor = FALSE;
      return TRUE;
    }

  attribute = json_node_get_object (node);
  if (!get_bool (attribute, name, "enabled", enabled, error))
    return FALSE;

  if (second_factor == NULL)
    return TRUE;

  if (!get_bool (attribute, name, "used_for_second_factor", &used, error) ||
      !get_array (attribute, name, "second_factors", FALSE, &factors, error))
    return FALSE;

  *second_factor = FALSE;
  for (guint i = 0; used && factors != NULL && i < json_array_get_length (factors); i++)
    {
      JsonNode *element = json_array_get_element (factors, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), strategy) == 0)
        *second_factor = TRUE;
    }

  return TRUE;
}

/* `user_settings.password_settings`, where the instance says what a new
 * password needs; Clerk's defaults where it does not. */
static gboolean
read_password_rules (JsonObject      *user_settings,
                     MfaEnvironment  *environment,
                     GError         **error)
{
  static const char what[] = "password_settings";
  MfaPasswordRules rules = *mfa_password_rules_get_default ();
  JsonNode *node = NULL;
  JsonObject *object;
  const char *special = NULL;
  gint64 min_length;
  gint64 max_length;
  gint64 strength;

  if (!get_object (user_settings, "user_settings", what, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  object = json_node_get_object (node);
  if (!get_int (object, what, "min_length", rules.min_length, &min_length, error) ||
      !get_int (object, what, "max_length", rules.max_length, &max_length, error) ||
      !get_int (object, what, "min_zxcvbn_strength", 0, &strength, error) ||
      !get_bool (object, what, "require_uppercase", &rules.require_uppercase, error) ||
      !get_bool (object, what, "require_lowercase", &rules.require_lowercase, error) ||
      !get_bool (object, what, "require_numbers", &rules.require_numbers, error) ||
      !get_bool (object, what, "require_special_char", &rules.require_special_char, error) ||
      !get_string (object, what, "allowed_special_characters", FALSE, &special, error))
    return FALSE;

  rules.min_length = CLAMP (min_length, 0, 1024);
  rules.max_length = CLAMP (max_length, 0, 1024);
  rules.min_zxcvbn_strength = CLAMP (strength, 0, 4);
  if (special != NULL && special[0] != '\0')
    rules.allowed_special_characters = special;
  mfa_environment_set_password_rules (environment, &rules);

  return TRUE;
}

/**
 * mfa_fapi_parse_environment:
 *
 * Reads what the instance has switched on. An answer without
 * `auth_config` and `user_settings` is not a Clerk Frontend API's.
 *
 * Returns: (transfer full): the environment
 */
MfaEnvironment *
mfa_fapi_parse_environment (JsonNode  *node,
                            GError   **error)
{
  static const char what[] = "environment";
  JsonObject *object;
  JsonNode *auth_config = NULL;
  JsonNode *user_settings = NULL;
  JsonNode *display = NULL;
  JsonNode *attributes_node = NULL;
  JsonObject *attributes = NULL;
  gboolean phone = TRUE, sms = TRUE, backup = TRUE, unused = TRUE, password = TRUE, totp = TRUE;
  const char *name = NULL;
  g_autoptr(MfaEnvironment) environment = NULL;

  if (!expect_object (node, what, &object, error) ||
      !get_object (object, what, "auth_config", &auth_config, error) ||
      !get_object (object, what, "user_settings", &user_settings, error) ||
      !get_object (object, what, "display_config", &display, error))
    return NULL;

  if (auth_config == NULL || user_settings == NULL)
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server answers, but not as a Clerk Frontend API"));
      return NULL;
    }

  if (!get_object (json_node_get_object (user_settings), "user_settings", "attributes",
                   &attributes_node, error))
    return NULL;
  if (attributes_node != NULL)
    attributes = json_node_get_object (attributes_node);

  if (!read_attribute (attributes, "phone_number", "phone_code", &phone, &sms, error) ||
      !read_attribute (attributes, "backup_code", "backup_code", &backup, &unused, error) ||
      !read_attribute (attributes, "password", NULL, &password, NULL, error) ||
      !read_attribute (attributes, "authenticator_app", "totp", &totp, &unused, error))
    return NULL;

  if (display != NULL)
    name = peek_string (json_node_get_object (display), "application_name");

  environment = mfa_environment_new (phone && sms, backup, password, totp, name);
  if (!read_password_rules (json_node_get_object (user_settings), environment, error))
    return NULL;

  return g_steal_pointer (&environment);
}

/**
 * mfa_fapi_parse_sign_in:
 *
 * Accepts both object names, `sign_in_attempt` and `sign_in`.
 *
 * Returns: (transfer full): a new #MfaSignIn
 */
MfaSignIn *
mfa_fapi_parse_sign_in (JsonNode  *node,
                        GError   **error)
{
  static const char what[] = "sign_in";
  g_autoptr(MfaSignIn) sign_in = NULL;
  MfaVerificationStatus second_status;
  JsonObject *object;
  JsonNode *second;
  const char *id;
  const char *status;
  const char *identifier;
  const char *session_id;
  gint64 expire_at;
  gint64 attempts;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "sign_in_attempt", "sign_in", error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_string (object, what, "status", TRUE, &status, error) ||
      !get_string (object, what, "identifier", FALSE, &identifier, error) ||
      !get_string (object, what, "created_session_id", FALSE, &session_id, error) ||
      !get_object (object, what, "second_factor_verification", &second, error) ||
      !parse_verification (second, "sign_in.second_factor_verification",
                           &second_status, &expire_at, &attempts, error))
    return NULL;

  sign_in = mfa_sign_in_new (id, mfa_sign_in_status_from_string (status));
  mfa_sign_in_set_identifier (sign_in, identifier);
  mfa_sign_in_set_created_session_id (sign_in, session_id);
  mfa_sign_in_set_second_factor (sign_in, second_status, expire_at);
  if (!parse_factors (object, what, "supported_first_factors", sign_in, FALSE, error) ||
      !parse_factors (object, what, "supported_second_factors", sign_in, TRUE, error))
    return NULL;
  return g_steal_pointer (&sign_in);
}

/**
 * mfa_fapi_parse_reverification:
 *
 * Accepts both object names, `session_reverification` and
 * `session_verification`.
 *
 * Returns: (transfer full): a new #MfaReverification
 */
MfaReverification *
mfa_fapi_parse_reverification (JsonNode  *node,
                               GError   **error)
{
  static const char what[] = "session_reverification";
  g_autoptr(MfaReverification) reverification = NULL;
  JsonObject *object;
  const char *level;
  const char *status;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "session_reverification", "session_verification", error) ||
      !get_string (object, what, "level", FALSE, &level, error) ||
      !get_string (object, what, "status", TRUE, &status, error))
    return NULL;

  reverification = mfa_reverification_new (level, mfa_reverification_status_from_string (status));
  if (!parse_factors (object, what, "supported_first_factors", reverification, FALSE, error) ||
      !parse_factors (object, what, "supported_second_factors", reverification, TRUE, error))
    return NULL;
  return g_steal_pointer (&reverification);
}

/**
 * mfa_fapi_parse_deleted:
 * @id: (out) (transfer full) (optional): the id of the deleted object
 */
gboolean
mfa_fapi_parse_deleted (JsonNode  *node,
                        char     **id,
                        GError   **error)
{
  static const char what[] = "deleted_object";
  JsonObject *object;
  const char *deleted_id;
  gboolean deleted;

  if (!expect_object (node, what, &object, error) ||
      !get_string (object, what, "id", FALSE, &deleted_id, error) ||
      !get_bool (object, what, "deleted", &deleted, error))
    return FALSE;
  if (!deleted)
    return bad (error, what, "deleted");
  if (id != NULL)
    *id = g_strdup (deleted_id);
  return TRUE;
}

/**
 * mfa_fapi_parse_session:
 * @id: (out) (transfer full) (optional): the session id
 * @status: (out) (transfer full) (optional): its status
 */
gboolean
mfa_fapi_parse_session (JsonNode  *node,
                        char     **id,
                        char     **status,
                        GError   **error)
{
  static const char what[] = "session";
  JsonObject *object;
  const char *session_id;
  const char *session_status;

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "session", NULL, error) ||
      !get_string (object, what, "id", TRUE, &session_id, error) ||
      !get_string (object, what, "status", TRUE, &session_status, error))
    return FALSE;
  if (id != NULL)
    *id = g_strdup (session_id);
  if (status != NULL)
    *status = g_strdup (session_status);
  return TRUE;
}

static gboolean
session_is_active (const char *status)
{
  return g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "pending") == 0;
}

/**
 * mfa_fapi_parse_client:
 * @out: (out caller-allocates): filled on success; clear it with
 *   mfa_fapi_client_clear()
 *
 * Reads a `client` object: its id, the sign-in in progress, and the user
 * of the session named by `last_active_session_id` while that session
 * is active.
 */
gboolean
mfa_fapi_parse_client (JsonNode       *node,
                       MfaFapiClient  *out,
                       GError        **error)
{
  static const char what[] = "client";
  g_auto(MfaFapiClient) result = { NULL, };
  JsonObject *object;
  JsonArray *sessions;
  JsonNode *sign_in;
  const char *id;
  const char *last_active;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!expect_object (node, what, &object, error) ||
      !check_object_name (object, what, "client", NULL, error) ||
      !get_string (object, what, "id", TRUE, &id, error) ||
      !get_array (object, what, "sessions", TRUE, &sessions, error) ||
      !get_string (object, what, "last_active_session_id", FALSE, &last_active, error) ||
      !get_object (object, what, "sign_in", &sign_in, error))
    return FALSE;

  result.client_id = g_strdup (id);
  if (sign_in != NULL && (result.sign_in = mfa_fapi_parse_sign_in (sign_in, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonNode *element = json_array_get_element (sessions, i);
      g_autofree char *session_id = NULL;
      g_autofree char *status = NULL;
      JsonObject *session;
      JsonNode *user;
      JsonNode *public_data;
      const char *identifier = NULL;

      if (!mfa_fapi_parse_session (element, &session_id, &status, error))
        return FALSE;
      if (g_strcmp0 (session_id, last_active) != 0 || !session_is_active (status))
        continue;

      session = json_node_get_object (element);
      if (!get_object (session, "session", "user", &user, error) ||
          !get_object (session, "session", "public_user_data", &public_data, error))
        return FALSE;
      if (user == NULL)
        return bad (error, "session", "user");
      if (public_data != NULL &&
          !get_string (json_node_get_object (public_data), "public_user_data", "identifier",
                       FALSE, &identifier, error))
        return FALSE;
      if ((result.user = mfa_fapi_parse_user (user, identifier, error)) == NULL)
        return FALSE;
      result.session_id = g_steal_pointer (&session_id);
    }

  *out = result;
  memset (&result, 0, sizeof result);
  return TRUE;
}

/**
 * mfa_fapi_parse_errors:
 *
 * Reads Clerk's error shape. Lenient: an answer without it gives FALSE,
 * and whatever it has is returned.
 */
gboolean
mfa_fapi_parse_errors (JsonNode  *root,
                       char     **code,
                       char     **message,
                       char     **param_name,
                       char     **trace_id)
{
  JsonObject *object;
  JsonObject *first;
  JsonNode *errors;
  JsonNode *element;
  JsonNode *meta;
  const char *long_message;

  *code = *message = *param_name = *trace_id = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);

  *trace_id = g_strdup (peek_string (object, "clerk_trace_id"));
  errors = json_object_get_member (object, "errors");
  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors) ||
      json_array_get_length (json_node_get_array (errors)) == 0)
    return FALSE;
  element = json_array_get_element (json_node_get_array (errors), 0);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return FALSE;
  first = json_node_get_object (element);

  *code = g_strdup (peek_string (first, "code"));
  long_message = peek_string (first, "long_message");
  if (long_message == NULL || *long_message == '\0')
    long_message = peek_string (first, "message");
  *message = g_strdup (long_message);
  meta = json_object_get_member (first, "meta");
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    *param_name = g_strdup (peek_string (json_node_get_object (meta), "param_name"));
  return *code != NULL;
}

/**
 * mfa_fapi_parse_error_suggestions:
 * @root: the body of an error answer
 *
 * Returns: (transfer full) (nullable): the codes of the first error's
 *   `meta.zxcvbn.suggestions`, where the service says how a password
 *   would be harder to guess
 */
GStrv
mfa_fapi_parse_error_suggestions (JsonNode *root)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *errors;
  JsonNode *first;
  JsonNode *meta;
  JsonNode *zxcvbn;
  JsonNode *suggestions;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (errors = json_object_get_member (json_node_get_object (root), "errors")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (errors) || json_array_get_length (json_node_get_array (errors)) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (first = json_array_get_element (json_node_get_array (errors), 0)) ||
      (meta = json_object_get_member (json_node_get_object (first), "meta")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (meta) ||
      (zxcvbn = json_object_get_member (json_node_get_object (meta), "zxcvbn")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (zxcvbn) ||
      (suggestions = json_object_get_member (json_node_get_object (zxcvbn), "suggestions")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (suggestions))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (suggestions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *code;

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          (code = peek_string (json_node_get_object (element), "code")) != NULL)
        g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}
