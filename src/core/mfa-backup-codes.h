/* mfa-backup-codes.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define MFA_TYPE_BACKUP_CODES (mfa_backup_codes_get_type ())
G_DECLARE_FINAL_TYPE (MfaBackupCodes, mfa_backup_codes, MFA, BACKUP_CODES, GObject)

MfaBackupCodes     *mfa_backup_codes_new            (const char         *id,
                                                     const char * const *codes,
                                                     gint64              created_at);
const char         *mfa_backup_codes_get_id         (MfaBackupCodes     *self);
const char * const *mfa_backup_codes_get_codes      (MfaBackupCodes     *self);
guint               mfa_backup_codes_get_n_codes    (MfaBackupCodes     *self);
gint64              mfa_backup_codes_get_created_at (MfaBackupCodes     *self);

G_END_DECLS
