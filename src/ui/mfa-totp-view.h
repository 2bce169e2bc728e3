/* mfa-totp-view.h
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
#include "mfa-verification.h"

G_BEGIN_DECLS

#define MFA_TYPE_TOTP_VIEW (mfa_totp_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaTotpView, mfa_totp_view, MFA, TOTP_VIEW, AdwBin)

GtkWidget       *mfa_totp_view_new              (void);
MfaAccount      *mfa_totp_view_get_account      (MfaTotpView *self);
void             mfa_totp_view_set_account      (MfaTotpView *self,
                                                 MfaAccount  *account);
MfaVerification *mfa_totp_view_get_verification (MfaTotpView *self);
void             mfa_totp_view_start            (MfaTotpView *self);
void             mfa_totp_view_stop             (MfaTotpView *self);

G_END_DECLS
