/* mfa-snapshot.c
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

#define G_LOG_DOMAIN "mfa-snapshot"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mfa-snapshot.h"

#include "mfa-session-store.h"

/* The offline snapshot: the last user model of one Frontend API, as
 * numbers and flags only (no token, no codes), in
 * $XDG_CACHE_HOME/mfa-manager/, mode 0600, written atomically. */

#define SNAPSHOT_VERSION 1

static const char * const status_names[] = {
  "none", "unverified", "verified", "failed", "expired", "unknown",
};

/**
 * mfa_snapshot_get_path:
 *
 * Returns: (transfer full) (nullable): the snapshot file of @base_url
 */
char *
mfa_snapshot_get_path (const char *base_url)
{
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  key = mfa_session_store_key_for_url (base_url);
  if (key == NULL)
    return NULL;
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strdup_printf ("snapshot-%.16s.json", digest);
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, name, NULL);
}

static gboolean
bad_url (const char  *base_url,
         GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a Frontend API address"), base_url);
  return FALSE;
}

/**
 * mfa_snapshot_save:
 * @environment: (nullable): what the instance allows, when known
 * @synced_at_ms: when the model was last read from the server
 *
 * Writes the snapshot of @user for @base_url, with the instance's
 * settings: the next start then knows them without asking again.
 */
gboolean
mfa_snapshot_save (MfaUser         *user,
                   MfaEnvironment  *environment,
                   const char      *base_url,
                   gint64           synced_at_ms,
                   GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  GListModel *phones;
  gsize length;

  g_return_val_if_fail (MFA_IS_USER (user), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  path = mfa_snapshot_get_path (base_url);
  if (path == NULL)
    return bad_url (base_url, error);
  key = mfa_session_store_key_for_url (base_url);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SNAPSHOT_VERSION);
  json_builder_set_member_name (builder, "base_url");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "synced_at");
  json_builder_add_int_value (builder, synced_at_ms);
  if (environment != NULL)
    {
      const char *name = mfa_environment_get_application_name (environment);

      json_builder_set_member_name (builder, "instance");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sms_mfa");
      json_builder_add_boolean_value (builder, mfa_environment_get_sms_mfa (environment));
      json_builder_set_member_name (builder, "backup_codes");
      json_builder_add_boolean_value (builder, mfa_environment_get_backup_codes (environment));
      json_builder_set_member_name (builder, "password");
      json_builder_add_boolean_value (builder, mfa_environment_get_password (environment));
      json_builder_set_member_name (builder, "totp");
      json_builder_add_boolean_value (builder, mfa_environment_get_totp (environment));
      json_builder_set_member_name (builder, "application_name");
      json_builder_add_string_value (builder, name != NULL ? name : "");
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, mfa_user_get_id (user));
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, mfa_user_get_identifier (user));
  json_builder_set_member_name (builder, "two_factor_enabled");
  json_builder_add_boolean_value (builder, mfa_user_get_two_factor_enabled (user));
  json_builder_set_member_name (builder, "backup_code_enabled");
  json_builder_add_boolean_value (builder, mfa_user_get_backup_code_enabled (user));
  json_builder_set_member_name (builder, "totp_enabled");
  json_builder_add_boolean_value (builder, mfa_user_get_totp_enabled (user));
  json_builder_set_member_name (builder, "phone_numbers");
  json_builder_begin_array (builder);
  phones = mfa_user_get_phone_numbers (user);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, mfa_phone_number_get_id (phone));
      json_builder_set_member_name (builder, "phone_number");
      json_builder_add_string_value (builder, mfa_phone_number_get_phone_number (phone));
      json_builder_set_member_name (builder, "verification");
      json_builder_add_string_value (builder,
                                     status_names[mfa_phone_number_get_verification_status (phone)]);
      json_builder_set_member_name (builder, "reserved");
      json_builder_add_boolean_value (builder, mfa_phone_number_get_reserved (phone));
      json_builder_set_member_name (builder, "default");
      json_builder_add_boolean_value (builder, mfa_phone_number_get_default (phone));
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, mfa_phone_number_get_created_at (phone));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
corrupt (const char  *path,
         GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The offline copy %s cannot be read"), path);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject *object,
           const char *member,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_int (JsonObject *object,
          const char *member,
          gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/**
 * mfa_snapshot_load:
 * @synced_at_ms: (out) (optional): when the snapshot's model was synced
 *
 * Returns: (transfer full) (nullable): the user of the last snapshot, or
 *   %NULL with %G_IO_ERROR_NOT_FOUND when there is none
 */
MfaUser *
mfa_snapshot_load (const char      *base_url,
                   gint64          *synced_at_ms,
                   MfaEnvironment **environment,
                   GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(MfaUser) user = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  JsonNode *root;
  JsonNode *user_node;
  JsonNode *phones_node;
  JsonObject *object;
  JsonObject *user_object;
  JsonArray *phones;
  const char *id;
  const char *identifier;
  const char *stored_key;
  gboolean two_factor, backup_code, totp;
  gint64 version;
  gint64 synced_at;
  gsize length;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (environment != NULL)
    *environment = NULL;

  path = mfa_snapshot_get_path (base_url);
  if (path == NULL)
    {
      bad_url (base_url, error);
      return NULL;
    }
  key = mfa_session_store_key_for_url (base_url);
  if (!g_file_get_contents (path, &text, &length, error))
    {
      if (error != NULL && *error != NULL && (*error)->domain == G_FILE_ERROR &&
          (*error)->code == G_FILE_ERROR_NOENT)
        {
          g_clear_error (error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No offline copy yet"));
        }
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      corrupt (path, error);
      return NULL;
    }
  object = json_node_get_object (root);
  user_node = json_object_get_member (object, "user");
  if (!read_int (object, "version", &version) || version != SNAPSHOT_VERSION ||
      !read_int (object, "synced_at", &synced_at) ||
      !read_string (object, "base_url", TRUE, &stored_key) || g_strcmp0 (stored_key, key) != 0 ||
      user_node == NULL || !JSON_NODE_HOLDS_OBJECT (user_node))
    {
      corrupt (path, error);
      return NULL;
    }

  user_object = json_node_get_object (user_node);
  phones_node = json_object_get_member (user_object, "phone_numbers");
  if (!read_string (user_object, "id", TRUE, &id) ||
      !read_string (user_object, "identifier", FALSE, &identifier) ||
      !read_bool (user_object, "two_factor_enabled", &two_factor) ||
      !read_bool (user_object, "backup_code_enabled", &backup_code) ||
      !read_bool (user_object, "totp_enabled", &totp) ||
      phones_node == NULL || !JSON_NODE_HOLDS_ARRAY (phones_node))
    {
      corrupt (path, error);
      return NULL;
    }

  user = mfa_user_new (id);
  mfa_user_set_identifier (user, identifier);
  mfa_user_set_two_factor_enabled (user, two_factor);
  mfa_user_set_backup_code_enabled (user, backup_code);
  mfa_user_set_totp_enabled (user, totp);

  phones = json_node_get_array (phones_node);
  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      JsonNode *element = json_array_get_element (phones, i);
      g_autoptr(MfaPhoneNumber) phone = NULL;
      MfaVerificationStatus status = MFA_VERIFICATION_STATUS_UNKNOWN;
      JsonObject *p;
      const char *phone_id;
      const char *e164;
      const char *status_name;
      gboolean reserved, is_default;
      gint64 created_at;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          corrupt (path, error);
          return NULL;
        }
      p = json_node_get_object (element);
      if (!read_string (p, "id", TRUE, &phone_id) ||
          !read_string (p, "phone_number", TRUE, &e164) ||
          !read_string (p, "verification", TRUE, &status_name) ||
          !read_bool (p, "reserved", &reserved) ||
          !read_bool (p, "default", &is_default) ||
          !read_int (p, "created_at", &created_at))
        {
          corrupt (path, error);
          return NULL;
        }
      for (guint s = 0; s < G_N_ELEMENTS (status_names); s++)
        if (g_str_equal (status_names[s], status_name))
          status = (MfaVerificationStatus) s;

      phone = mfa_phone_number_new (phone_id, e164);
      mfa_phone_number_set_verification_status (phone, status);
      mfa_phone_number_set_reserved (phone, reserved);
      mfa_phone_number_set_default (phone, is_default);
      mfa_phone_number_set_created_at (phone, created_at);
      mfa_user_append_phone_number (user, phone);
    }

  /* The instance's settings, from snapshots that have them; one that
   * cannot be read is as if unknown. */
  if (environment != NULL && json_object_has_member (object, "instance") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "instance")))
    {
      JsonObject *instance = json_object_get_object_member (object, "instance");
      gboolean sms_mfa, backup_codes, password, totp_allowed;
      const char *name;

      if (read_bool (instance, "sms_mfa", &sms_mfa) &&
          read_bool (instance, "backup_codes", &backup_codes) &&
          read_bool (instance, "password", &password) &&
          read_bool (instance, "totp", &totp_allowed) &&
          read_string (instance, "application_name", FALSE, &name))
        *environment = mfa_environment_new (sms_mfa, backup_codes, password, totp_allowed, name);
    }

  if (synced_at_ms != NULL)
    *synced_at_ms = synced_at;
  return g_steal_pointer (&user);
}

/**
 * mfa_snapshot_delete:
 *
 * Removes the snapshot of @base_url (at sign-out); no error when there
 * is none.
 */
gboolean
mfa_snapshot_delete (const char  *base_url,
                     GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (base_url != NULL, FALSE);

  path = mfa_snapshot_get_path (base_url);
  if (path == NULL)
    return bad_url (base_url, error);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot remove %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
