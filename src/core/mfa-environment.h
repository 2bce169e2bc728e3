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

/**
 * MfaPasswordRules:
 * @min_length: the fewest characters a password may have
 * @max_length: the most, or 0 for no limit
 * @require_uppercase: at least one capital letter
 * @require_lowercase: at least one small letter
 * @require_numbers: at least one digit
 * @require_special_char: at least one of @allowed_special_characters
 * @allowed_special_characters: (nullable): the special characters counted
 * @min_zxcvbn_strength: the strength the service asks for, 0 to 4
 *
 * What the instance asks of a new password
 * (`user_settings.password_settings`).
 */
typedef struct
{
  guint       min_length;
  guint       max_length;
  gboolean    require_uppercase;
  gboolean    require_lowercase;
  gboolean    require_numbers;
  gboolean    require_special_char;
  const char *allowed_special_characters;
  guint       min_zxcvbn_strength;
} MfaPasswordRules;

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
const MfaPasswordRules *mfa_environment_get_password_rules (MfaEnvironment   *self);
void            mfa_environment_set_password_rules   (MfaEnvironment         *self,
                                                      const MfaPasswordRules *rules);
const MfaPasswordRules *mfa_password_rules_get_default (void);

G_END_DECLS
