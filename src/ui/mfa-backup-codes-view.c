/* mfa-backup-codes-view.c
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
#include <string.h>

#include "mfa-backup-codes-file.h"
#include "mfa-backup-codes-print.h"
#include "mfa-backup-codes-view.h"
#include "mfa-button-row.h"
#include "mfa-width-layout.h"

/* Backup codes: shows a freshly generated set once, lets the
 * person copy, save or print it, and only lets them go on (::done) when
 * they did one of those or said they stored the codes. The codes are
 * dropped as soon as the view is done with them.
 */
struct _MfaBackupCodesView
{
  AdwBin                parent_instance;

  MfaBackupCodes       *codes;
  char                 *service_host;
  char                 *account;
  GDateTime            *created;

  /* Copied, saved or printed since the codes were shown. */
  gboolean              kept;
  gboolean              stored;

  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  MfaBackupCodesPrint  *print_operation;  /* the one with a dialog open */
  MfaBackupCodesPrint  *last_print;       /* the last one run, for its text */
  AdwMessageDialog     *confirm_dialog;

  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *account_label;
  GtkGrid              *codes_grid;
  GtkButton            *copy_button;
  GtkCheckButton       *stored_check;
  GtkButton            *done_button;
};

G_DEFINE_FINAL_TYPE (MfaBackupCodesView, mfa_backup_codes_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORED,
  N_PROPS
};

enum {
  SIGNAL_ADD_TOAST,
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_backup_codes_view_new (void)
{
  return g_object_new (MFA_TYPE_BACKUP_CODES_VIEW, NULL);
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
}

/* Takes @toast; whoever shows it takes a reference of its own. */
static void
add_toast (MfaBackupCodesView *self,
           AdwToast           *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, owned);
}

/* Toast titles are markup. */
static char *
escape_error (const GError *error)
{
  return g_markup_escape_text (error->message, -1);
}

static void
update_state (MfaBackupCodesView *self)
{
  gboolean has_codes = self->codes != NULL;
  gboolean stored;

  stored = has_codes && (self->kept || gtk_check_button_get_active (self->stored_check));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.copy", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.save", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.print", has_codes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup-codes.done", stored);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stored_check), has_codes);

  if (stored == self->stored)
    return;

  self->stored = stored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORED]);
}

static void
mark_kept (MfaBackupCodesView *self)
{
  self->kept = TRUE;
  update_state (self);
}

static void
stored_check_toggled_cb (MfaBackupCodesView *self)
{
  update_state (self);
}

/* "a 1 b 2" for "a1b2", so that screen readers spell a code out. */
static char *
spell_out (const char *code)
{
  GString *spelled = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (spelled->len > 0)
        g_string_append_c (spelled, ' ');
      g_string_append_unichar (spelled, g_utf8_get_char (p));
    }

  return g_string_free (spelled, FALSE);
}

static void
clear_grid (MfaBackupCodesView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codes_grid))) != NULL)
    {
      if (GTK_IS_LABEL (child))
        gtk_label_set_label (GTK_LABEL (child), "");
      gtk_grid_remove (self->codes_grid, child);
    }
}

static void
fill_grid (MfaBackupCodesView *self)
{
  const char * const *codes = mfa_backup_codes_get_codes (self->codes);
  guint n_codes = mfa_backup_codes_get_n_codes (self->codes);

  /* Row by row, left to right: the order Tab and a screen reader follow
   * is the order of the numbers. */
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *spelled = spell_out (codes[i]);
      g_autofree char *accessible = NULL;
      GtkWidget *label;

      label = gtk_label_new (codes[i]);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_direction (label, GTK_TEXT_DIR_LTR);
      gtk_widget_add_css_class (label, "backup-code");

      /* Translators: the accessible name of one code; %u is its number in
       * the list, %s the code spelled out character by character. */
      accessible = g_strdup_printf (_("Backup code %u: %s"), i + 1, spelled);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);

      gtk_grid_attach (self->codes_grid, label, i % 2, i / 2, 1, 1);
    }
}

static void
forget_codes (MfaBackupCodesView *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->confirm_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->confirm_dialog);

      g_clear_weak_pointer (&self->confirm_dialog);
      gtk_window_destroy (dialog);
    }

  clear_grid (self);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  /* Its finalization wipes what it laid out. */
  g_clear_object (&self->last_print);

  gtk_label_set_label (self->account_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), FALSE);

  self->kept = FALSE;
  gtk_check_button_set_active (self->stored_check, FALSE);
  update_state (self);
}

static void
finish (MfaBackupCodesView *self)
{
  forget_codes (self);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

/**
 * mfa_backup_codes_view_show_codes:
 * @self: a #MfaBackupCodesView
 * @codes: the set to show
 * @service_host: (nullable): the service the codes belong to, as people
 *   know it
 * @account: (nullable): the account's identifier
 *
 * Shows @codes until ::done. The person has not stored them yet.
 */
void
mfa_backup_codes_view_show_codes (MfaBackupCodesView *self,
                                  MfaBackupCodes     *codes,
                                  const char         *service_host,
                                  const char         *account)
{
  gboolean has_host, has_account;
  g_autofree char *description = NULL;
  gint64 created_at;

  g_return_if_fail (MFA_IS_BACKUP_CODES_VIEW (self));
  g_return_if_fail (MFA_IS_BACKUP_CODES (codes));

  g_object_ref (codes);
  forget_codes (self);

  self->codes = codes;
  self->service_host = g_strdup (service_host);
  self->account = g_strdup (account);

  created_at = mfa_backup_codes_get_created_at (codes);
  if (created_at > 0)
    self->created = g_date_time_new_from_unix_local (created_at / 1000);
  else
    self->created = g_date_time_new_now_local ();

  has_host = service_host != NULL && service_host[0] != '\0';
  has_account = account != NULL && account[0] != '\0';
  if (has_host && has_account)
    /* Translators: the first %s is an account (an email address or a
     * user name), the second the service it belongs to, such as example.com */
    description = g_strdup_printf (_("For %s on %s"), account, service_host);
  else if (has_account || has_host)
    /* Translators: %s is an account or the service it belongs to */
    description = g_strdup_printf (_("For %s"), has_account ? account : service_host);

  gtk_label_set_label (self->account_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), description != NULL);

  fill_grid (self);
  update_state (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  /* Not on a code: a focused selectable label selects all of its text. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
}

/**
 * mfa_backup_codes_view_get_codes:
 *
 * Returns: (transfer none) (nullable): the codes shown, if any
 */
MfaBackupCodes *
mfa_backup_codes_view_get_codes (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  return self->codes;
}

/**
 * mfa_backup_codes_view_get_stored:
 *
 * Returns: whether the codes shown were saved or printed, or the
 *   person ticked that they stored them
 */
gboolean
mfa_backup_codes_view_get_stored (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);

  return self->stored;
}

/**
 * mfa_backup_codes_view_dup_text:
 *
 * Returns: (transfer full) (nullable): the codes, one per line, as Copy
 *   All puts them on the clipboard
 */
char *
mfa_backup_codes_view_dup_text (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  if (self->codes == NULL)
    return NULL;

  return g_strjoinv ("\n", (char **)mfa_backup_codes_get_codes (self->codes));
}

/* Copy */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autofree char *text = NULL;
  guint n_codes;

  text = mfa_backup_codes_view_dup_text (self);
  if (text == NULL)
    return;

  n_codes = mfa_backup_codes_get_n_codes (self->codes);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  wipe_string (text);
  /* Copied is not kept: the clipboard forgets. Saving, printing or the
   * person's own word count.
   */

  add_toast (self, adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u code copied",
                                                      "%u codes copied",
                                                      n_codes),
                                         n_codes));
}

/* Save */

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
    mark_kept (run->view);

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

      reason = escape_error (error);
      /* Translators: %s says why */
      add_toast (self, adw_toast_new_format (_("Could not save the codes: %s"), reason));
      return;
    }

  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is a file name */
  add_toast (self, adw_toast_new_format (_("Codes saved to “%s”"), escaped));
}

static void
chooser_response_cb (MfaBackupCodesView   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL || self->codes == NULL)
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

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root;

  if (self->codes == NULL)
    return;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  root = gtk_widget_get_root (widget);
  self->chooser = gtk_file_chooser_native_new (_("Save Backup Codes"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  folder = dup_save_folder ();
  if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, &error))
    g_debug ("Cannot open the save dialog in its folder: %s", error->message);
  name = mfa_backup_codes_default_file_name (self->service_host);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Print */

static void
print_failed (MfaBackupCodesView *self,
              const GError       *error)
{
  g_autofree char *reason = error != NULL ? escape_error (error) : g_strdup ("");

  /* Translators: %s says why */
  add_toast (self, adw_toast_new_format (_("Could not print the codes: %s"), reason));
}

static void
print_done_cb (MfaBackupCodesView      *self,
               GtkPrintOperationResult  result,
               GtkPrintOperation       *operation)
{
  g_autoptr(GError) error = NULL;

  if (self->print_operation != MFA_BACKUP_CODES_PRINT (operation))
    return;
  g_clear_object (&self->print_operation);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      if (self->codes == mfa_backup_codes_print_get_codes (MFA_BACKUP_CODES_PRINT (operation)))
        mark_kept (self);
      add_toast (self, adw_toast_new (_("Codes sent to the printer")));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        print_failed (self, error);
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }
}

static MfaBackupCodesPrint *
create_print (MfaBackupCodesView *self)
{
  MfaBackupCodesPrint *operation;

  operation = mfa_backup_codes_print_new (self->codes, self->service_host, self->account,
                                          self->created);
  g_set_object (&self->last_print, operation);

  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);
  g_autoptr(MfaBackupCodesPrint) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GtkRoot *root;

  if (self->codes == NULL || self->print_operation != NULL)
    return;

  operation = create_print (self);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_set_object (&self->print_operation, operation);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self,
                           G_CONNECT_SWAPPED);

  root = gtk_widget_get_root (widget);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    &error);

  /* Failed before ::done could say so. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->print_operation == operation)
    {
      g_clear_object (&self->print_operation);
      print_failed (self, error);
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      /* Done synchronously; ::done has said how it went. */
      g_clear_object (&self->print_operation);
    }
}

/**
 * mfa_backup_codes_view_print_to_pdf:
 * @self: a #MfaBackupCodesView showing codes
 * @pdf_path: the PDF file to write
 * @error: return location for an error
 *
 * Runs the print operation of *Print…* without a dialog, exporting the
 * pages to @pdf_path, which only its owner can read.
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_APPLY when the file was written;
 *   the codes then count as stored
 */
GtkPrintOperationResult
mfa_backup_codes_view_print_to_pdf (MfaBackupCodesView  *self,
                                    const char          *pdf_path,
                                    GError             **error)
{
  g_autoptr(MfaBackupCodesPrint) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (pdf_path != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  if (self->codes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There are no codes to print."));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  operation = create_print (self);
  result = mfa_backup_codes_print_export_pdf (operation, pdf_path, error);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    mark_kept (self);

  return result;
}

/**
 * mfa_backup_codes_view_get_printed_text:
 *
 * The text the last print run laid out, one piece per line, for tests:
 * PDF output holds glyphs, not text. Forgotten with the codes.
 *
 * Returns: (transfer none): the text, or ""
 */
const char *
mfa_backup_codes_view_get_printed_text (MfaBackupCodesView *self)
{
  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), NULL);

  if (self->last_print == NULL)
    return "";

  return mfa_backup_codes_print_get_printed_text (self->last_print);
}

/* Done and leaving */

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (widget);

  if (!self->stored)
    return;

  finish (self);
}

static void
leave_cancelled_cb (MfaBackupCodesView *self)
{
  g_clear_weak_pointer (&self->confirm_dialog);
}

static void
leave_confirmed_cb (MfaBackupCodesView *self)
{
  g_clear_weak_pointer (&self->confirm_dialog);
  finish (self);
}

/**
 * mfa_backup_codes_view_confirm_close:
 * @self: a #MfaBackupCodesView
 * @parent: (nullable): the window the question belongs to
 *
 * Asks before the person leaves codes they have not stored: they cannot
 * be shown again. When they choose to leave, the view forgets the codes
 * and emits ::done.
 *
 * Returns: %TRUE when a question is asked and the caller should wait for
 *   ::done; %FALSE when leaving is fine now
 */
gboolean
mfa_backup_codes_view_confirm_close (MfaBackupCodesView *self,
                                     GtkWindow          *parent)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_val_if_fail (MFA_IS_BACKUP_CODES_VIEW (self), FALSE);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);

  if (self->codes == NULL || self->stored)
    return FALSE;

  if (self->confirm_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirm_dialog));
      return TRUE;
    }

  if (parent == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      if (GTK_IS_WINDOW (root))
        parent = GTK_WINDOW (root);
    }

  dialog = adw_message_dialog_new (parent, _("Leave Without Saving Your Codes?"),
                                   _("These backup codes cannot be shown again. Without them, "
                                     "losing your phone can lock you out of your account."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "leave", _("_Leave"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::leave",
                           G_CALLBACK (leave_confirmed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::cancel",
                           G_CALLBACK (leave_cancelled_cb), self, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->confirm_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject */

static void
mfa_backup_codes_view_dispose (GObject *object)
{
  MfaBackupCodesView *self = (MfaBackupCodesView *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->print_operation != NULL)
    {
      gtk_print_operation_cancel (GTK_PRINT_OPERATION (self->print_operation));
      g_clear_object (&self->print_operation);
    }
  g_clear_object (&self->last_print);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->confirm_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->confirm_dialog);

      g_clear_weak_pointer (&self->confirm_dialog);
      gtk_window_destroy (dialog);
    }

  if (self->codes_grid != NULL)
    clear_grid (self);
  g_clear_object (&self->codes);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_BACKUP_CODES_VIEW);

  G_OBJECT_CLASS (mfa_backup_codes_view_parent_class)->dispose (object);
}

static void
mfa_backup_codes_view_finalize (GObject *object)
{
  MfaBackupCodesView *self = (MfaBackupCodesView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->service_host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mfa_backup_codes_view_parent_class)->finalize (object);
}

static void
mfa_backup_codes_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MfaBackupCodesView *self = MFA_BACKUP_CODES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORED:
      g_value_set_boolean (value, self->stored);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_backup_codes_view_class_init (MfaBackupCodesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_backup_codes_view_get_property;
  object_class->dispose = mfa_backup_codes_view_dispose;
  object_class->finalize = mfa_backup_codes_view_finalize;

  /**
   * MfaBackupCodesView:stored:
   *
   * Whether the codes shown were saved or printed, or the person
   * ticked that they stored them. *Done* is enabled only then.
   */
  properties[PROP_STORED] =
    g_param_spec_boolean ("stored", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaBackupCodesView::add-toast:
   * @toast: the toast to show
   */
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * MfaBackupCodesView::done:
   *
   * The person is finished with the codes (stored them, or chose to
   * leave without); the view has forgotten them.
   */
  signals[SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "backup-codes.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "backup-codes.done", NULL, done_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "backup-codes.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "backup-codes.print", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-backup-codes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, account_label);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, codes_grid);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, stored_check);
  gtk_widget_class_bind_template_child (widget_class, MfaBackupCodesView, done_button);
  gtk_widget_class_bind_template_callback (widget_class, stored_check_toggled_cb);
}

static void
mfa_backup_codes_view_init (MfaBackupCodesView *self)
{
  self->cancellable = g_cancellable_new ();

  g_type_ensure (MFA_TYPE_BUTTON_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_width_layout_install_in (GTK_WIDGET (self));

  gtk_widget_set_direction (GTK_WIDGET (self->codes_grid), GTK_TEXT_DIR_LTR);
  update_state (self);
}
