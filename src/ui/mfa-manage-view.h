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

#include "mfa-client.h"
#include "mfa-clock.h"

G_BEGIN_DECLS

#define MFA_TYPE_MANAGE_VIEW (mfa_manage_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaManageView, mfa_manage_view, MFA, MANAGE_VIEW, AdwBin)

GtkWidget *mfa_manage_view_new        (void);

MfaClient *mfa_manage_view_get_client (MfaManageView *self);
void       mfa_manage_view_set_client (MfaManageView *self,
                                       MfaClient     *client);
MfaClock  *mfa_manage_view_get_clock  (MfaManageView *self);
void       mfa_manage_view_set_clock  (MfaManageView *self,
                                       MfaClock      *clock);

void       mfa_manage_view_reload     (MfaManageView *self);

void       mfa_manage_view_set_offline (MfaManageView *self,
                                        MfaUser       *snapshot,
                                        gint64         synced_at_ms);
gboolean   mfa_manage_view_get_offline (MfaManageView *self);
void       mfa_manage_view_set_checking (MfaManageView *self,
                                         gboolean       checking);

G_END_DECLS
