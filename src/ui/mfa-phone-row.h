/* mfa-phone-row.h
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

#include "mfa-phone-number.h"

G_BEGIN_DECLS

#define MFA_TYPE_PHONE_ROW (mfa_phone_row_get_type ())
G_DECLARE_FINAL_TYPE (MfaPhoneRow, mfa_phone_row, MFA, PHONE_ROW, AdwActionRow)

GtkWidget      *mfa_phone_row_new        (MfaPhoneNumber *number);
MfaPhoneNumber *mfa_phone_row_get_number (MfaPhoneRow    *self);
gboolean        mfa_phone_row_get_busy   (MfaPhoneRow    *self);
void            mfa_phone_row_set_busy   (MfaPhoneRow    *self,
                                          gboolean        busy);
void            mfa_phone_row_set_sms_mfa         (MfaPhoneRow *self,
                                                   gboolean     sms_mfa);
void            mfa_phone_row_set_last_identifier (MfaPhoneRow *self,
                                                   gboolean     last_identifier);
void            mfa_phone_row_set_totp            (MfaPhoneRow *self,
                                                   gboolean     totp);
const char     *mfa_phone_row_get_disabled_reason (MfaPhoneRow *self);

G_END_DECLS
