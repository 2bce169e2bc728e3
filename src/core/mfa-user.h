/* mfa-user.h
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

#include "mfa-phone-number.h"

G_BEGIN_DECLS

#define MFA_TYPE_USER (mfa_user_get_type ())
G_DECLARE_FINAL_TYPE (MfaUser, mfa_user, MFA, USER, GObject)

MfaUser        *mfa_user_new                    (const char     *id);

const char     *mfa_user_get_id                 (MfaUser        *self);
const char     *mfa_user_get_identifier         (MfaUser        *self);
void            mfa_user_set_identifier         (MfaUser        *self,
                                                 const char     *identifier);
const char     *mfa_user_get_first_name         (MfaUser        *self);
void            mfa_user_set_first_name         (MfaUser        *self,
                                                 const char     *first_name);
const char     *mfa_user_get_last_name          (MfaUser        *self);
void            mfa_user_set_last_name          (MfaUser        *self,
                                                 const char     *last_name);
const char     *mfa_user_get_username           (MfaUser        *self);
void            mfa_user_set_username           (MfaUser        *self,
                                                 const char     *username);
const char * const *mfa_user_get_verified_email_addresses (MfaUser            *self);
void            mfa_user_set_verified_email_addresses (MfaUser            *self,
                                                       const char * const *addresses);
gboolean        mfa_user_get_two_factor_enabled (MfaUser        *self);
void            mfa_user_set_two_factor_enabled (MfaUser        *self,
                                                 gboolean        enabled);
gboolean        mfa_user_get_backup_code_enabled (MfaUser       *self);
void            mfa_user_set_backup_code_enabled (MfaUser       *self,
                                                 gboolean        enabled);
gboolean        mfa_user_get_totp_enabled       (MfaUser        *self);
void            mfa_user_set_totp_enabled       (MfaUser        *self,
                                                 gboolean        enabled);

GListModel     *mfa_user_get_phone_numbers      (MfaUser        *self);
MfaPhoneNumber *mfa_user_find_phone_number      (MfaUser        *self,
                                                 const char     *id);
void            mfa_user_append_phone_number    (MfaUser        *self,
                                                 MfaPhoneNumber *phone);
gboolean        mfa_user_is_last_identifier     (MfaUser        *self,
                                                 MfaPhoneNumber *phone);
GPtrArray      *mfa_user_dup_phone_list         (MfaUser        *self,
                                                 MfaPhoneList    list);

void            mfa_user_update_from            (MfaUser        *self,
                                                 MfaUser        *fresh);

G_END_DECLS
