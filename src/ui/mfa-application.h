/* mfa-application.h
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

#define MFA_TYPE_APPLICATION (mfa_application_get_type ())
G_DECLARE_FINAL_TYPE (MfaApplication, mfa_application, MFA, APPLICATION, AdwApplication)

MfaApplication *mfa_application_new              (void);
const char     *mfa_application_get_frontend_api (MfaApplication *self);
MfaAccount     *mfa_application_take_account     (MfaApplication *self,
                                                  const char     *frontend_api);

G_END_DECLS
