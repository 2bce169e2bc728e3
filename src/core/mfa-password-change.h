/* mfa-password-change.h
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

#include <gio/gio.h>

#include "mfa-client.h"

G_BEGIN_DECLS

#define MFA_TYPE_PASSWORD_CHANGE (mfa_password_change_get_type ())
G_DECLARE_FINAL_TYPE (MfaPasswordChange, mfa_password_change, MFA, PASSWORD_CHANGE, GObject)

MfaPasswordChange *mfa_password_change_new                (MfaClient         *client);
void               mfa_password_change_set_current        (MfaPasswordChange *self,
                                                           const char        *password);
void               mfa_password_change_set_new            (MfaPasswordChange *self,
                                                           const char        *password);
void               mfa_password_change_set_confirmation   (MfaPasswordChange *self,
                                                           const char        *password);
gboolean           mfa_password_change_get_sign_out_others (MfaPasswordChange *self);
void               mfa_password_change_set_sign_out_others (MfaPasswordChange *self,
                                                           gboolean           sign_out_others);
const char        *mfa_password_change_get_requirements   (MfaPasswordChange *self);
gboolean           mfa_password_change_get_mismatch       (MfaPasswordChange *self);
gboolean           mfa_password_change_get_can_submit     (MfaPasswordChange *self);
gboolean           mfa_password_change_get_busy           (MfaPasswordChange *self);
const char        *mfa_password_change_get_message        (MfaPasswordChange *self);
const char        *mfa_password_change_get_invalid_field  (MfaPasswordChange *self);
gboolean           mfa_password_change_get_done           (MfaPasswordChange *self);
void               mfa_password_change_submit             (MfaPasswordChange *self);
void               mfa_password_change_reset              (MfaPasswordChange *self);

G_END_DECLS
