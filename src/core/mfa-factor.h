/* mfa-factor.h
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

#define MFA_TYPE_FACTOR (mfa_factor_get_type ())
G_DECLARE_FINAL_TYPE (MfaFactor, mfa_factor, MFA, FACTOR, GObject)

MfaFactor  *mfa_factor_new                 (const char *strategy,
                                            const char *phone_number_id,
                                            const char *safe_identifier,
                                            gboolean    is_default);
MfaFactor  *mfa_factor_new_email           (const char *email_address_id,
                                            const char *safe_identifier);
const char *mfa_factor_get_strategy        (MfaFactor  *self);
const char *mfa_factor_get_email_address_id (MfaFactor *self);
const char *mfa_factor_get_phone_number_id (MfaFactor  *self);
const char *mfa_factor_get_safe_identifier (MfaFactor  *self);
gboolean    mfa_factor_get_default         (MfaFactor  *self);

G_END_DECLS
