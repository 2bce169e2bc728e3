/* mfa-phone-number.h
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
 * MfaVerificationStatus:
 * @MFA_VERIFICATION_STATUS_NONE: no verification yet (`verification: null`)
 * @MFA_VERIFICATION_STATUS_UNVERIFIED: a code was sent, not entered yet
 * @MFA_VERIFICATION_STATUS_VERIFIED: verified
 * @MFA_VERIFICATION_STATUS_FAILED: too many wrong codes
 * @MFA_VERIFICATION_STATUS_EXPIRED: the code expired
 * @MFA_VERIFICATION_STATUS_UNKNOWN: a status this version does not know
 *   (treated as not verified)
 */
typedef enum {
  MFA_VERIFICATION_STATUS_NONE,
  MFA_VERIFICATION_STATUS_UNVERIFIED,
  MFA_VERIFICATION_STATUS_VERIFIED,
  MFA_VERIFICATION_STATUS_FAILED,
  MFA_VERIFICATION_STATUS_EXPIRED,
  MFA_VERIFICATION_STATUS_UNKNOWN,
} MfaVerificationStatus;

/**
 * MfaPhoneList:
 * @MFA_PHONE_LIST_RESERVED: verified and reserved for two-step
 *   verification; the default first
 * @MFA_PHONE_LIST_VERIFIED: verified, not reserved
 * @MFA_PHONE_LIST_UNVERIFIED: not verified
 *
 * The three lists of the manage page. Every phone is in exactly one.
 */
typedef enum {
  MFA_PHONE_LIST_RESERVED,
  MFA_PHONE_LIST_VERIFIED,
  MFA_PHONE_LIST_UNVERIFIED,
} MfaPhoneList;

#define MFA_TYPE_PHONE_NUMBER (mfa_phone_number_get_type ())
G_DECLARE_FINAL_TYPE (MfaPhoneNumber, mfa_phone_number, MFA, PHONE_NUMBER, GObject)

MfaPhoneNumber        *mfa_phone_number_new                     (const char            *id,
                                                                 const char            *e164);

const char            *mfa_phone_number_get_id                  (MfaPhoneNumber        *self);
const char            *mfa_phone_number_get_phone_number        (MfaPhoneNumber        *self);
const char            *mfa_phone_number_get_display             (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_display             (MfaPhoneNumber        *self,
                                                                 const char            *display);
MfaVerificationStatus  mfa_phone_number_get_verification_status (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_verification_status (MfaPhoneNumber        *self,
                                                                 MfaVerificationStatus  status);
gint64                 mfa_phone_number_get_expire_at           (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_expire_at           (MfaPhoneNumber        *self,
                                                                 gint64                 expire_at);
int                    mfa_phone_number_get_attempts            (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_attempts            (MfaPhoneNumber        *self,
                                                                 int                    attempts);
gboolean               mfa_phone_number_get_busy                (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_busy                (MfaPhoneNumber        *self,
                                                                 gboolean               busy);
gint64                 mfa_phone_number_get_retry_at_ms         (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_retry_at_ms         (MfaPhoneNumber        *self,
                                                                 gint64                 retry_at_ms);
gboolean               mfa_phone_number_get_reserved            (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_reserved            (MfaPhoneNumber        *self,
                                                                 gboolean               reserved);
gboolean               mfa_phone_number_get_default             (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_default             (MfaPhoneNumber        *self,
                                                                 gboolean               is_default);
gint64                 mfa_phone_number_get_created_at          (MfaPhoneNumber        *self);
void                   mfa_phone_number_set_created_at          (MfaPhoneNumber        *self,
                                                                 gint64                 created_at);

void                   mfa_phone_number_update_from             (MfaPhoneNumber        *self,
                                                                 MfaPhoneNumber        *other);

gboolean               mfa_phone_number_is_verified             (MfaPhoneNumber        *self);
MfaPhoneList           mfa_phone_number_get_list                (MfaPhoneNumber        *self);
gboolean               mfa_phone_number_filter_func             (gpointer               item,
                                                                 gpointer               user_data);
int                    mfa_phone_number_compare                 (gconstpointer          a,
                                                                 gconstpointer          b,
                                                                 gpointer               user_data);

char                  *mfa_phone_number_format_display          (const char            *e164);
char                  *mfa_phone_number_mask                    (const char            *e164);

G_END_DECLS
