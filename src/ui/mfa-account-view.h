/* mfa-account-view.h
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

G_BEGIN_DECLS

#define MFA_TYPE_ACCOUNT_VIEW (mfa_account_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaAccountView, mfa_account_view, MFA, ACCOUNT_VIEW, AdwBin)

MfaAccount *mfa_account_view_get_account     (MfaAccountView *self);
void        mfa_account_view_set_account     (MfaAccountView *self,
                                              MfaAccount     *account);
const char *mfa_account_view_get_page_name   (MfaAccountView *self);
void        mfa_account_view_start           (MfaAccountView *self);
void        mfa_account_view_show_add_phone  (MfaAccountView *self);
void        mfa_account_view_show_totp_setup (MfaAccountView *self);
void        mfa_account_view_show_devices    (MfaAccountView *self);
void        mfa_account_view_show_password   (MfaAccountView *self);
void        mfa_account_view_back            (MfaAccountView *self);
void        mfa_account_view_sign_out        (MfaAccountView *self);
gboolean    mfa_account_view_hold_close      (MfaAccountView *self);

G_END_DECLS
