/* mfa-environment.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define MFA_TYPE_ENVIRONMENT (mfa_environment_get_type ())
G_DECLARE_FINAL_TYPE (MfaEnvironment, mfa_environment, MFA, ENVIRONMENT, GObject)

MfaEnvironment *mfa_environment_new                  (gboolean        sms_mfa,
                                                      gboolean        backup_codes,
                                                      gboolean        password,
                                                      gboolean        totp,
                                                      const char     *application_name);
gboolean        mfa_environment_get_sms_mfa          (MfaEnvironment *self);
gboolean        mfa_environment_get_backup_codes     (MfaEnvironment *self);
gboolean        mfa_environment_get_password         (MfaEnvironment *self);
gboolean        mfa_environment_get_totp             (MfaEnvironment *self);
const char     *mfa_environment_get_application_name (MfaEnvironment *self);

G_END_DECLS
