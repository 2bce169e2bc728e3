/* mfa-add-phone-view.h
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

#include "mfa-account.h"

#include "mfa-backup-codes.h"
#include "mfa-client.h"
#include "mfa-clock.h"
#include "mfa-phone-number.h"

G_BEGIN_DECLS

#define MFA_TYPE_ADD_PHONE_VIEW (mfa_add_phone_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaAddPhoneView, mfa_add_phone_view, MFA, ADD_PHONE_VIEW, AdwBin)

GtkWidget      *mfa_add_phone_view_new              (void);
MfaAccount     *mfa_add_phone_view_get_account      (MfaAddPhoneView *self);
void            mfa_add_phone_view_set_account      (MfaAddPhoneView *self,
                                                     MfaAccount      *account);

void            mfa_add_phone_view_start            (MfaAddPhoneView *self);
void            mfa_add_phone_view_resume           (MfaAddPhoneView *self,
                                                     MfaPhoneNumber  *phone);

MfaPhoneNumber *mfa_add_phone_view_get_phone        (MfaAddPhoneView *self);
MfaBackupCodes *mfa_add_phone_view_get_backup_codes (MfaAddPhoneView *self);

G_END_DECLS
