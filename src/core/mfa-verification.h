/* mfa-verification.h
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
#include "mfa-clock.h"
#include "mfa-cooldown.h"

G_BEGIN_DECLS

/* Clerk's UIs wait this long before a code can be sent again. */
#define MFA_RESEND_COOLDOWN_SECONDS 30

/**
 * MfaVerificationKind:
 * @MFA_VERIFICATION_KIND_SIGN_IN: signing in: the password, then a second
 *   factor or a new device's check
 * @MFA_VERIFICATION_KIND_REVERIFICATION: confirming it is the person
 *   before a sensitive change (step-up)
 * @MFA_VERIFICATION_KIND_PHONE: proving a phone number of the account
 *   receives text messages
 * @MFA_VERIFICATION_KIND_TOTP: setting up an authenticator app: a secret
 *   is made for it, then a code from the app proves it has it
 *
 * What a #MfaVerification verifies.
 */
typedef enum {
  MFA_VERIFICATION_KIND_SIGN_IN,
  MFA_VERIFICATION_KIND_REVERIFICATION,
  MFA_VERIFICATION_KIND_PHONE,
  MFA_VERIFICATION_KIND_TOTP,
} MfaVerificationKind;

/**
 * MfaVerificationStage:
 * @MFA_VERIFICATION_STAGE_IDLE: nothing asked yet; a sign-in waits for
 *   its identifier and password
 * @MFA_VERIFICATION_STAGE_LOADING: the first request is on its way and
 *   there is nothing to ask yet
 * @MFA_VERIFICATION_STAGE_FACTOR: asks for the secret of
 *   #MfaVerification:factor
 * @MFA_VERIFICATION_STAGE_UNSUPPORTED: the service asks for a kind of
 *   confirmation this app does not offer
 * @MFA_VERIFICATION_STAGE_PROBLEM: it could not start;
 *   #MfaVerification:message says why, mfa_verification_start() tries again
 * @MFA_VERIFICATION_STAGE_COMPLETE: verified
 * @MFA_VERIFICATION_STAGE_FAILED: it cannot go on (the session ended);
 *   #MfaVerification:error says why
 *
 * Where a verification stands; the views show the page for it.
 */
typedef enum {
  MFA_VERIFICATION_STAGE_IDLE,
  MFA_VERIFICATION_STAGE_LOADING,
  MFA_VERIFICATION_STAGE_FACTOR,
  MFA_VERIFICATION_STAGE_UNSUPPORTED,
  MFA_VERIFICATION_STAGE_PROBLEM,
  MFA_VERIFICATION_STAGE_COMPLETE,
  MFA_VERIFICATION_STAGE_FAILED,
} MfaVerificationStage;

#define MFA_TYPE_VERIFICATION (mfa_verification_get_type ())
G_DECLARE_FINAL_TYPE (MfaVerification, mfa_verification, MFA, VERIFICATION, GObject)

MfaVerification      *mfa_verification_new_sign_in        (MfaClient       *client,
                                                           MfaClock        *clock);
MfaVerification      *mfa_verification_new_reverification (MfaClient       *client,
                                                           MfaClock        *clock,
                                                           const char      *level);
MfaVerification      *mfa_verification_new_phone          (MfaClient       *client,
                                                           MfaClock        *clock,
                                                           MfaCooldown     *cooldown,
                                                           MfaPhoneNumber  *phone);
MfaVerification      *mfa_verification_new_totp           (MfaClient       *client,
                                                           MfaClock        *clock);

MfaVerificationKind   mfa_verification_get_kind           (MfaVerification *self);
MfaVerificationStage  mfa_verification_get_stage          (MfaVerification *self);
GListModel           *mfa_verification_get_factors        (MfaVerification *self);
MfaFactor            *mfa_verification_get_factor         (MfaVerification *self);
void                  mfa_verification_set_factor         (MfaVerification *self,
                                                           MfaFactor       *factor);
const char           *mfa_verification_get_strategy       (MfaVerification *self);
MfaFactorStep         mfa_verification_get_step           (MfaVerification *self);
const char           *mfa_verification_get_level          (MfaVerification *self);
gboolean              mfa_verification_get_new_device     (MfaVerification *self);
MfaPhoneNumber       *mfa_verification_get_phone          (MfaVerification *self);
gboolean              mfa_verification_get_busy           (MfaVerification *self);
const char           *mfa_verification_get_message        (MfaVerification *self);
gboolean              mfa_verification_get_input_invalid  (MfaVerification *self);
const GError         *mfa_verification_get_error          (MfaVerification *self);
const char           *mfa_verification_get_invalid_field  (MfaVerification *self);
gboolean              mfa_verification_get_can_resend     (MfaVerification *self);
guint                 mfa_verification_get_resend_seconds (MfaVerification *self);
guint                 mfa_verification_get_retry_seconds  (MfaVerification *self);
int                   mfa_verification_get_expires_in     (MfaVerification *self);
guint                 mfa_verification_get_codes_sent     (MfaVerification *self);
MfaTotp              *mfa_verification_get_totp           (MfaVerification *self);
MfaBackupCodes       *mfa_verification_get_backup_codes   (MfaVerification *self);

void                  mfa_verification_sign_in            (MfaVerification *self,
                                                           const char      *identifier,
                                                           const char      *password);
void                  mfa_verification_start              (MfaVerification *self);
void                  mfa_verification_resend             (MfaVerification *self);
void                  mfa_verification_attempt            (MfaVerification *self,
                                                           const char      *secret);
void                  mfa_verification_cancel             (MfaVerification *self);
void                  mfa_verification_clear_message      (MfaVerification *self);

G_END_DECLS
