/* mfa-backup-codes-view-private.h
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

#pragma once

#include "mfa-backup-codes-print.h"
#include "mfa-backup-codes-view.h"

/* What the files of MfaBackupCodesView share, and nothing outside them
 * sees:
 *
 *   mfa-backup-codes-view.c        the page: the codes shown, Copy All,
 *                                  Done and leaving, properties, signals
 *   mfa-backup-codes-view-save.c   Save: the save dialog and writing
 *                                  the file
 *   mfa-backup-codes-view-print.c  Print: the print dialog and the PDF
 *                                  export
 */

G_BEGIN_DECLS

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
  GCancellable         *save_cancellable; /* while the save dialog is open */
  MfaBackupCodesPrint  *print_operation;  /* the one with a dialog open */
  MfaBackupCodesPrint  *last_print;       /* the last one run, for its text */
  GtkWidget            *confirm_dialog;   /* an alert (mfa-compat.h) */

  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *account_label;
  GtkGrid              *codes_grid;
  GtkButton            *copy_button;
  GtkCheckButton       *stored_check;
  GtkButton            *done_button;
};

/* The page (mfa-backup-codes-view.c) */

void     mfa_backup_codes_view_add_toast    (MfaBackupCodesView *self,
                                             AdwToast           *toast);
char    *mfa_backup_codes_view_escape_error (const GError       *error);
void     mfa_backup_codes_view_mark_kept    (MfaBackupCodesView *self);

/* Save (mfa-backup-codes-view-save.c) */

void     mfa_backup_codes_view_save_action  (GtkWidget          *widget,
                                             const char         *action_name,
                                             GVariant           *parameter);

/* Print (mfa-backup-codes-view-print.c) */

void     mfa_backup_codes_view_print_action (GtkWidget          *widget,
                                             const char         *action_name,
                                             GVariant           *parameter);

/* The text the last print laid out (mfa-backup-codes-print-private.h). */
const char *mfa_backup_codes_view_get_printed_text (MfaBackupCodesView *self);

G_END_DECLS
