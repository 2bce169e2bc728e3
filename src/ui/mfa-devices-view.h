/* mfa-devices-view.h
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
#include "mfa-devices.h"

G_BEGIN_DECLS

#define MFA_TYPE_DEVICES_VIEW (mfa_devices_view_get_type ())
G_DECLARE_FINAL_TYPE (MfaDevicesView, mfa_devices_view, MFA, DEVICES_VIEW, AdwBin)

GtkWidget  *mfa_devices_view_new         (void);
MfaAccount *mfa_devices_view_get_account (MfaDevicesView *self);
void        mfa_devices_view_set_account (MfaDevicesView *self,
                                          MfaAccount     *account);
void        mfa_devices_view_reload      (MfaDevicesView *self);

G_END_DECLS
