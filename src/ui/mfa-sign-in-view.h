/* mfa-sign-in-view.h
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

#define MFA_TYPE_SIGN_IN_VIEW (mfa_sign_in_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaSignInView, mfa_sign_in_view, MFA, SIGN_IN_VIEW, AdwBin)

GtkWidget  *mfa_sign_in_view_new         (void);
MfaAccount *mfa_sign_in_view_get_account (MfaSignInView *self);
void        mfa_sign_in_view_set_account (MfaSignInView *self,
                                          MfaAccount    *account);
void        mfa_sign_in_view_start       (MfaSignInView *self,
                                          const char    *notice,
                                          gboolean       warning);

G_END_DECLS
