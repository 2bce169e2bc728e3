/* mfa-backup-codes-view-print.c
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

#include "mfa-backup-codes-view-private.h"
#include "mfa-backup-codes-print-private.h"

/* Print: the codes shown sent to a printer through the print dialog, or
 * exported to a PDF without one; they then count as stored.
 */

static void
print_failed (MfaBackupCodesView *self,
              const GError       *error)
{
  g_autofree char *reason = error != NULL ? mfa_backup_codes_view_escape_error (error)
                                          : g_strdup ("");

  /* Translators: %s says why */
  mfa_backup_codes_view_add_toast (self, adw_toast_new_format (_("Could not print the codes: %s"),
                                                               reason));
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
        mfa_backup_codes_view_mark_kept (self);
      mfa_backup_codes_view_add_toast (self, adw_toast_new (_("Codes sent to the printer")));
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

void
mfa_backup_codes_view_print_action (GtkWidget  *widget,
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
    mfa_backup_codes_view_mark_kept (self);

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
