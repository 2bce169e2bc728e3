/* mfa-backup-codes-file.c
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

#define G_LOG_DOMAIN "mfa-backup-codes-file"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-backup-codes-file.h"

/* How often another name is tried for the file written beside the target. */
#define TEMP_ATTEMPTS 16

typedef struct {
  GFile             *file;
  GFile             *temp;
  GFileOutputStream *stream;
  char              *text;
  gsize              length;
  char              *display_name;
  GError            *error;
  guint              attempts;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  if (save->text != NULL)
    memset (save->text, 0, save->length);
  g_free (save->text);
  g_clear_object (&save->file);
  g_clear_object (&save->temp);
  g_clear_object (&save->stream);
  g_free (save->display_name);
  g_clear_error (&save->error);
  g_free (save);
}

/**
 * mfa_backup_codes_format_date:
 * @date: when the codes were made
 *
 * Returns: (transfer full): the date as the saved file and the printed
 *   page write it
 */
char *
mfa_backup_codes_format_date (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: how the date the codes were made is written in the saved
   * file and on paper; see g_date_time_format() for the fields. */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

/**
 * mfa_backup_codes_default_file_name:
 * @service_host: (nullable): the service the codes belong to
 *
 * Returns: (transfer full): the name offered for the saved file, such as
 *   `backup-codes-example.com.txt`
 */
char *
mfa_backup_codes_default_file_name (const char *service_host)
{
  g_autofree char *host = NULL;

  if (service_host == NULL || service_host[0] == '\0')
    return g_strdup ("backup-codes.txt");

  host = g_strdup (service_host);
  for (char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        *p = '-';
    }

  return g_strdup_printf ("backup-codes-%s.txt", host);
}

/**
 * mfa_backup_codes_dup_file_text:
 * @codes: the codes
 * @service_host: (nullable): the service the codes belong to
 * @account: (nullable): the account's identifier
 * @created: when the codes were made
 *
 * Returns: (transfer full): the text of the saved file: a header with
 *   the service host, the account and the date, then the codes one per
 *   line
 */
char *
mfa_backup_codes_dup_file_text (MfaBackupCodes *codes,
                                const char     *service_host,
                                const char     *account,
                                GDateTime      *created)
{
  const char * const *list;
  g_autofree char *date = NULL;
  GString *text;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES (codes), NULL);
  g_return_val_if_fail (created != NULL, NULL);

  list = mfa_backup_codes_get_codes (codes);
  date = mfa_backup_codes_format_date (created);
  text = g_string_new (NULL);

  if (service_host != NULL)
    /* Translators: the first line of a saved file; %s is the service host */
    g_string_append_printf (text, _("Backup codes for %s"), service_host);
  else
    g_string_append (text, _("Backup codes"));
  g_string_append_c (text, '\n');

  if (account != NULL)
    {
      /* Translators: %s is the account, such as an email address */
      g_string_append_printf (text, _("Account: %s"), account);
      g_string_append_c (text, '\n');
    }

  /* Translators: %s is a date */
  g_string_append_printf (text, _("Created: %s"), date);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Each code works once. Keep this file private."));
  g_string_append (text, "\n\n");

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_string_append (text, list[i]);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* Says which file could not be written; GIO's message says why, but names
 * the file written beside it.
 */
static void
return_error (GTask  *task,
              GError *error)
{
  SaveData *save = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: %s is a file name; what went wrong follows */
    g_prefix_error (&error, _("Could not write %s: "), save->display_name);
  g_task_return_error (task, error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);

  /* Best effort: the error that matters is the one that stopped the save. */
  g_file_delete_finish (G_FILE (object), result, NULL);
  return_error (task, g_steal_pointer (&save->error));
}

/* Takes @error; removes the file written so far, then fails. */
static void
fail_after_create (GTask  *task,
                   GError *error)
{
  SaveData *save = g_task_get_task_data (task);

  save->error = error;
  g_clear_object (&save->stream);
  /* Not cancellable: a half-written copy of the codes must not stay. */
  g_file_delete_async (save->temp, G_PRIORITY_DEFAULT, NULL, delete_cb, task);
}

static void
move_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      fail_after_create (g_steal_pointer (&task), error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      fail_after_create (g_steal_pointer (&task), error);
      return;
    }

  /* A rename within the directory: a file that was there is replaced
   * whole, and keeps none of its permissions. */
  g_file_move_async (save->temp, save->file,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task),
                     NULL, NULL,
                     move_cb,
                     task);
  g_steal_pointer (&task);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      fail_after_create (g_steal_pointer (&task), error);
      return;
    }

  g_output_stream_close_async (G_OUTPUT_STREAM (object), G_PRIORITY_DEFAULT,
                               g_task_get_cancellable (task), close_cb, task);
  g_steal_pointer (&task);
}

static void create_temp (GTask *task);

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  save->stream = g_file_create_finish (G_FILE (object), result, &error);
  if (save->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) &&
          save->attempts < TEMP_ATTEMPTS)
        {
          g_error_free (error);
          create_temp (g_steal_pointer (&task));
          return;
        }

      /* Cancelled late, the file may have been made all the same. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fail_after_create (g_steal_pointer (&task), error);
          return;
        }

      return_error (task, error);
      return;
    }

  g_output_stream_write_all_async (G_OUTPUT_STREAM (save->stream),
                                   save->text, save->length,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   write_cb,
                                   task);
  g_steal_pointer (&task);
}

/* A new file beside the target, that only its owner may read from the
 * moment it exists: the umask can take permissions away, never add any.
 */
static void
create_temp (GTask *task)
{
  static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(GFile) parent = g_file_get_parent (save->file);
  char name[] = ".backup-codes-XXXXXX";

  for (char *p = strchr (name, 'X'); *p != '\0'; p++)
    *p = chars[g_random_int_range (0, sizeof chars - 1)];

  save->attempts++;
  g_clear_object (&save->temp);
  save->temp = g_file_get_child (parent, name);
  g_file_create_async (save->temp, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), create_cb, task);
}

/**
 * mfa_backup_codes_save_async:
 * @codes: the codes to save
 * @file: where to save them; a file on this computer
 * @service_host: (nullable): the service the codes belong to
 * @account: (nullable): the account's identifier
 * @created: when the codes were made, for the header
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written, or could not be
 * @user_data: data for @callback
 *
 * Writes the text of mfa_backup_codes_dup_file_text() to @file. Only the
 * owner can read it (mode 0600) from the moment it exists: the text goes
 * to a new private file beside @file, which is then renamed over @file,
 * so a file that was there is replaced whole, or not at all, and keeps
 * none of its permissions.
 */
void
mfa_backup_codes_save_async (MfaBackupCodes      *codes,
                             GFile               *file,
                             const char          *service_host,
                             const char          *account,
                             GDateTime           *created,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  SaveData *save;

  g_return_if_fail (MFA_IS_BACKUP_CODES (codes));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (created != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_backup_codes_save_async);

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->display_name = g_file_get_parse_name (file);
  g_task_set_task_data (task, save, save_data_free);

  /* Elsewhere nothing says who may read the file. */
  path = g_file_get_path (file);
  parent = g_file_get_parent (file);
  if (path == NULL || parent == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "%s", _("Backup codes can only be saved to a file on this "
                                       "computer."));
      return;
    }

  save->text = mfa_backup_codes_dup_file_text (codes, service_host, account, created);
  save->length = strlen (save->text);

  create_temp (g_steal_pointer (&task));
}

/**
 * mfa_backup_codes_save_finish:
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
mfa_backup_codes_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_backup_codes_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
