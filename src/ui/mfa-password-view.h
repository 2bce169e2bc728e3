/* mfa-password-view.h
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
#include "mfa-password-change.h"

G_BEGIN_DECLS

#define MFA_TYPE_PASSWORD_VIEW (mfa_password_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaPasswordView, mfa_password_view, MFA, PASSWORD_VIEW, AdwBin)

GtkWidget         *mfa_password_view_new          (void);
MfaAccount        *mfa_password_view_get_account  (MfaPasswordView *self);
void               mfa_password_view_set_account  (MfaPasswordView *self,
                                                   MfaAccount      *account);
MfaPasswordChange *mfa_password_view_get_change   (MfaPasswordView *self);
void               mfa_password_view_start        (MfaPasswordView *self);

G_END_DECLS
