/* mfa-manage-view.h
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

#include "mfa-client.h"
#include "mfa-clock.h"

G_BEGIN_DECLS

#define MFA_TYPE_MANAGE_VIEW (mfa_manage_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaManageView, mfa_manage_view, MFA, MANAGE_VIEW, AdwBin)

GtkWidget  *mfa_manage_view_new         (void);
MfaAccount *mfa_manage_view_get_account (MfaManageView *self);
void        mfa_manage_view_set_account (MfaManageView *self,
                                         MfaAccount    *account);

void       mfa_manage_view_reload     (MfaManageView *self);


G_END_DECLS
