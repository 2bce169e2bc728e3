/* mfa-sign-in.h
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

#include "mfa-factor.h"
#include "mfa-phone-number.h"

G_BEGIN_DECLS

/**
 * MfaSignInStatus:
 * @MFA_SIGN_IN_STATUS_UNKNOWN: a status this version does not know
 * @MFA_SIGN_IN_STATUS_NEEDS_IDENTIFIER: `needs_identifier`
 * @MFA_SIGN_IN_STATUS_NEEDS_FIRST_FACTOR: `needs_first_factor`
 * @MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR: `needs_second_factor`
 * @MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST: `needs_client_trust`
 * @MFA_SIGN_IN_STATUS_NEEDS_NEW_PASSWORD: `needs_new_password`
 * @MFA_SIGN_IN_STATUS_COMPLETE: `complete`: a session was created
 * @MFA_SIGN_IN_STATUS_ABANDONED: `abandoned`
 */
typedef enum {
  MFA_SIGN_IN_STATUS_UNKNOWN,
  MFA_SIGN_IN_STATUS_NEEDS_IDENTIFIER,
  MFA_SIGN_IN_STATUS_NEEDS_FIRST_FACTOR,
  MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR,
  MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST,
  MFA_SIGN_IN_STATUS_NEEDS_NEW_PASSWORD,
  MFA_SIGN_IN_STATUS_COMPLETE,
  MFA_SIGN_IN_STATUS_ABANDONED,
} MfaSignInStatus;

#define MFA_TYPE_SIGN_IN (mfa_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (MfaSignIn, mfa_sign_in, MFA, SIGN_IN, GObject)

MfaSignIn             *mfa_sign_in_new                        (const char            *id,
                                                               MfaSignInStatus        status);
const char            *mfa_sign_in_get_id                     (MfaSignIn             *self);
MfaSignInStatus        mfa_sign_in_get_status                 (MfaSignIn             *self);
MfaSignInStatus        mfa_sign_in_status_from_string         (const char            *status);
const char            *mfa_sign_in_get_identifier             (MfaSignIn             *self);
void                   mfa_sign_in_set_identifier             (MfaSignIn             *self,
                                                               const char            *identifier);
const char            *mfa_sign_in_get_created_session_id     (MfaSignIn             *self);
void                   mfa_sign_in_set_created_session_id     (MfaSignIn             *self,
                                                               const char            *session_id);
GListModel            *mfa_sign_in_get_first_factors          (MfaSignIn             *self);
GListModel            *mfa_sign_in_get_second_factors         (MfaSignIn             *self);
void                   mfa_sign_in_add_factor                 (MfaSignIn             *self,
                                                               gboolean               second,
                                                               MfaFactor             *factor);
MfaFactor             *mfa_sign_in_find_second_factor         (MfaSignIn             *self,
                                                               const char            *strategy);
MfaVerificationStatus  mfa_sign_in_get_second_factor_status   (MfaSignIn             *self);
gint64                 mfa_sign_in_get_second_factor_expire_at (MfaSignIn            *self);
void                   mfa_sign_in_set_second_factor          (MfaSignIn             *self,
                                                               MfaVerificationStatus  status,
                                                               gint64                 expire_at);

G_END_DECLS
