/* mfa-backup-codes-view-save.c
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

#define G_LOG_DOMAIN "mfa-backup-codes-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-backup-codes-file.h"
#include "mfa-backup-codes-view-private.h"
#include "mfa-compat.h"

/* Save: the codes shown written to a file the person picks, which only
 * they can read; the codes then count as stored.
 */

typedef struct {
  MfaBackupCodesView *view;
  MfaBackupCodes     *codes;
} SaveRun;

static void
save_run_free (gpointer data)
{
  SaveRun *run = data;

  g_clear_object (&run->view);
  g_clear_object (&run->codes);
  g_free (run);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!mfa_backup_codes_save_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Only the set saved counts as stored. */
  if (run->view->codes == run->codes)
    mfa_backup_codes_view_mark_kept (run->view);

  g_task_return_boolean (task, TRUE);
}

/**
 * mfa_backup_codes_view_save_async:
 * @self: a #MfaBackupCodesView showing codes
 * @file: where to save them; a local file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written, or could not be
 * @user_data: data for @callback
 *
 * Writes the codes shown to @file with mfa_backup_codes_save_async():
 * under a header with the service host, the account and the date, in a
 * file only its owner can read, replaced whole or not at all. Once the
 * file is written the codes count as stored.
 */
void
mfa_backup_codes_view_save_async (MfaBackupCodesView  *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveRun *run;

  g_return_if_fail (MFA_IS_BACKUP_CODES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_backup_codes_view_save_async);

  if (self->codes == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s", _("There are no codes to save."));
      return;
    }

  run = g_new0 (SaveRun, 1);
  run->view = g_object_ref (self);
  run->codes = g_object_ref (self->codes);
  g_task_set_task_data (task, run, save_run_free);

  mfa_backup_codes_save_async (self->codes, file, self->service_host, self->account,
                               self->created, cancellable, save_cb, g_steal_pointer (&task));
}

/**
 * mfa_backup_codes_view_save_finish:
 * @self: a #MfaBackupCodesView
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
mfa_backup_codes_view_save_finish (MfaBackupCodesView  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_backup_codes_view_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
chooser_save_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  if (!mfa_backup_codes_view_save_finish (self, result, &error))
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      reason = mfa_backup_codes_view_escape_error (error);
      mfa_backup_codes_view_add_toast (self,
                                       /* Translators: %s says why */
                                       adw_toast_new_format (_("Could not save the codes: %s"),
                                                             reason));
      return;
    }

  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a file name */
  mfa_backup_codes_view_add_toast (self, adw_toast_new_format (_("Codes saved to “%s”"),
                                                               escaped));
}

/* One save dialog, which the view may close before it is answered. */
typedef struct {
  GWeakRef      view;
  GCancellable *cancellable;
} SaveChoice;

static void
save_choice_free (SaveChoice *choice)
{
  g_weak_ref_clear (&choice->view);
  g_clear_object (&choice->cancellable);
  g_free (choice);
}

static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveChoice *choice = user_data;
  g_autoptr(MfaBackupCodesView) self = g_weak_ref_get (&choice->view);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current;

  file = mfa_save_file_choose_finish (result, &error);
  /* Closed by the view, or replaced by a newer dialog: nothing to do. */
  current = self != NULL && self->save_cancellable == choice->cancellable;
  save_choice_free (choice);
  if (!current)
    return;

  g_clear_object (&self->save_cancellable);

  if (file == NULL)
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      reason = mfa_backup_codes_view_escape_error (error);
      mfa_backup_codes_view_add_toast (self,
                                       /* Translators: %s says why */
                                       adw_toast_new_format (_("Could not save the codes: %s"),
                                                             reason));
      return;
    }

  if (self->codes == NULL)
    return;

  mfa_backup_codes_view_save_async (self, file, self->cancellable,
                                    chooser_save_cb, g_object_ref (file));
}

/* Where the file goes unless the person picks another folder: their
 * Documents folder if they have one, else their home, never the folder
 * the app happened to be started in.
 */
static GFile *
dup_save_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  return g_file_new_for_path (g_get_home_dir ());
}

void
mfa_backup_codes_view_save_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  SaveChoice *choice;

  if (self->codes == NULL)
    return;

  /* Asked again: a new dialog in place of one still open. */
  if (self->save_cancellable != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->save_cancellable);

      g_cancellable_cancel (cancellable);
    }
  self->save_cancellable = g_cancellable_new ();

  folder = dup_save_folder ();
  name = mfa_backup_codes_default_file_name (self->service_host);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");

  choice = g_new0 (SaveChoice, 1);
  g_weak_ref_init (&choice->view, self);
  choice->cancellable = g_object_ref (self->save_cancellable);

  mfa_save_file_choose_async (widget, _("Save Backup Codes"), _("_Save"), folder, name, filter,
                              self->save_cancellable, file_chosen_cb, choice);
}
