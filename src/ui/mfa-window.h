/* mfa-window.h
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
#include "mfa-application.h"

G_BEGIN_DECLS

#define MFA_TYPE_WINDOW (mfa_window_get_type ())
G_DECLARE_FINAL_TYPE (MfaWindow, mfa_window, MFA, WINDOW, AdwApplicationWindow)

MfaWindow  *mfa_window_new                (MfaApplication *application,
                                           const char     *frontend_api);
const char *mfa_window_get_page_name      (MfaWindow      *self);
const char *mfa_window_get_frontend_api   (MfaWindow      *self);
MfaAccount *mfa_window_get_account        (MfaWindow      *self);
void        mfa_window_connect            (MfaWindow      *self,
                                           const char     *frontend_api);

G_END_DECLS
