/* mfa-totp.h
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

#define MFA_TYPE_TOTP (mfa_totp_get_type ())
G_DECLARE_FINAL_TYPE (MfaTotp, mfa_totp, MFA, TOTP, GObject)

MfaTotp    *mfa_totp_new                (const char *secret,
                                         const char *uri,
                                         gboolean    verified);
const char *mfa_totp_get_secret         (MfaTotp    *self);
char       *mfa_totp_dup_grouped_secret (MfaTotp    *self);
const char *mfa_totp_get_uri            (MfaTotp    *self);
gboolean    mfa_totp_get_verified       (MfaTotp    *self);

G_END_DECLS
