/* mfa-backup-codes-view.h
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

#include <adwaita.h>

#include "mfa-backup-codes.h"

G_BEGIN_DECLS

#define MFA_TYPE_BACKUP_CODES_VIEW (mfa_backup_codes_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaBackupCodesView, mfa_backup_codes_view, MFA, BACKUP_CODES_VIEW, AdwBin)

GtkWidget               *mfa_backup_codes_view_new               (void);
void                     mfa_backup_codes_view_show_codes        (MfaBackupCodesView  *self,
                                                                  MfaBackupCodes      *codes,
                                                                  const char          *service_host,
                                                                  const char          *account);
MfaBackupCodes          *mfa_backup_codes_view_get_codes         (MfaBackupCodesView  *self);
gboolean                 mfa_backup_codes_view_get_stored        (MfaBackupCodesView  *self);
gboolean                 mfa_backup_codes_view_confirm_close     (MfaBackupCodesView  *self,
                                                                  GtkWindow           *parent);
char                    *mfa_backup_codes_view_dup_text          (MfaBackupCodesView  *self);
void                     mfa_backup_codes_view_save_async        (MfaBackupCodesView  *self,
                                                                  GFile               *file,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean                 mfa_backup_codes_view_save_finish       (MfaBackupCodesView  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
GtkPrintOperationResult  mfa_backup_codes_view_print_to_pdf      (MfaBackupCodesView  *self,
                                                                  const char          *pdf_path,
                                                                  GError             **error);

G_END_DECLS
