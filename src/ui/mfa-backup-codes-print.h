/* mfa-backup-codes-print.h
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

#include <gtk/gtk.h>

#include "mfa-backup-codes.h"

G_BEGIN_DECLS

#define MFA_TYPE_BACKUP_CODES_PRINT (mfa_backup_codes_print_get_type ())
G_DECLARE_FINAL_TYPE (MfaBackupCodesPrint, mfa_backup_codes_print, MFA, BACKUP_CODES_PRINT, GtkPrintOperation)

MfaBackupCodesPrint     *mfa_backup_codes_print_new              (MfaBackupCodes       *codes,
                                                                  const char           *service_host,
                                                                  const char           *account,
                                                                  GDateTime            *created);
MfaBackupCodes          *mfa_backup_codes_print_get_codes        (MfaBackupCodesPrint  *self);
const char              *mfa_backup_codes_print_get_service_host (MfaBackupCodesPrint  *self);
const char              *mfa_backup_codes_print_get_account      (MfaBackupCodesPrint  *self);
GDateTime               *mfa_backup_codes_print_get_created      (MfaBackupCodesPrint  *self);
GtkPrintOperationResult  mfa_backup_codes_print_export_pdf       (MfaBackupCodesPrint  *self,
                                                                  const char           *pdf_path,
                                                                  GError              **error);

G_END_DECLS
