/* mfa-backup-codes-file.h
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

#include <gio/gio.h>

#include "mfa-backup-codes.h"

G_BEGIN_DECLS

char     *mfa_backup_codes_format_date       (GDateTime            *date);
char     *mfa_backup_codes_default_file_name (const char           *service_host);
char     *mfa_backup_codes_dup_file_text     (MfaBackupCodes       *codes,
                                              const char           *service_host,
                                              const char           *account,
                                              GDateTime            *created);

void      mfa_backup_codes_save_async        (MfaBackupCodes       *codes,
                                              GFile                *file,
                                              const char           *service_host,
                                              const char           *account,
                                              GDateTime            *created,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  mfa_backup_codes_save_finish       (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
