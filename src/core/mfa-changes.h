/* mfa-changes.h
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
#include "mfa-client.h"
#include "mfa-clock.h"
#include "mfa-phone-display.h"

G_BEGIN_DECLS

/**
 * MfaChange:
 * @MFA_CHANGE_MAKE_DEFAULT: make a reserved number the default
 * @MFA_CHANGE_RESERVE: send sign-in codes to a verified number
 * @MFA_CHANGE_UNRESERVE: stop sending sign-in codes to a number
 * @MFA_CHANGE_REMOVE: remove a number
 * @MFA_CHANGE_NEW_BACKUP_CODES: replace the backup codes
 * @MFA_CHANGE_REMOVE_TOTP: remove the authenticator app
 * @MFA_CHANGE_RELOAD: load the user again: not a change, and not started
 *   here; only its failure is kept, as the others'
 *   (mfa_changes_report_reload_failure())
 *
 * A change a person asks of the account's numbers and codes.
 */
typedef enum {
  MFA_CHANGE_MAKE_DEFAULT,
  MFA_CHANGE_RESERVE,
  MFA_CHANGE_UNRESERVE,
  MFA_CHANGE_REMOVE,
  MFA_CHANGE_NEW_BACKUP_CODES,
  MFA_CHANGE_REMOVE_TOTP,
  MFA_CHANGE_RELOAD,
} MfaChange;

#define MFA_TYPE_CHANGES (mfa_changes_get_type ())
G_DECLARE_FINAL_TYPE (MfaChanges, mfa_changes, MFA, CHANGES, GObject)

MfaChanges   *mfa_changes_new                   (MfaClient             *client,
                                                 MfaClock              *clock);
gboolean      mfa_changes_can_start             (MfaChanges            *self,
                                                 MfaChange              change,
                                                 const char            *phone_id);
void          mfa_changes_start_async           (MfaChanges            *self,
                                                 MfaChange              change,
                                                 const char            *phone_id,
                                                 MfaPhoneDisplayFlags   flags,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean      mfa_changes_start_finish          (MfaChanges            *self,
                                                 GAsyncResult          *result,
                                                 MfaBackupCodes       **backup_codes,
                                                 GError               **error);
gboolean      mfa_changes_get_codes_busy        (MfaChanges            *self);
gint64        mfa_changes_get_codes_retry_at_ms (MfaChanges            *self);
gboolean      mfa_changes_get_totp_busy         (MfaChanges            *self);
gint64        mfa_changes_get_totp_retry_at_ms  (MfaChanges            *self);
gboolean      mfa_change_is_of_phone            (MfaChange              change);
const char   *mfa_changes_get_message           (MfaChanges            *self);
const GError *mfa_changes_get_message_error     (MfaChanges            *self);
gboolean      mfa_changes_get_message_can_retry (MfaChanges            *self);
MfaChange     mfa_changes_get_message_change    (MfaChanges            *self);
const char   *mfa_changes_get_message_phone_id  (MfaChanges            *self);
void          mfa_changes_report_reload_failure (MfaChanges            *self,
                                                 const GError          *error);
void          mfa_changes_dismiss_message       (MfaChanges            *self);

G_END_DECLS
