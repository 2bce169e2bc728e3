/* mfa-verification-private.h
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

#include "mfa-cooldown.h"
#include "mfa-verification.h"

G_BEGIN_DECLS

/* A rate limit on attempts waits in the same cooldown as the resends. */
#define RETRY_KEY "rate-limit"

struct _MfaVerification
{
  GObject               parent_instance;

  MfaVerificationKind   kind;
  MfaClient            *client;
  MfaClock             *clock;
  MfaCooldown          *cooldown;
  GCancellable         *cancellable;

  MfaVerificationStage  stage;
  GListStore           *factors;
  MfaFactor            *factor;
  MfaFactorStep         step;
  gboolean              new_device;
  gboolean              busy;
  char                 *message;
  gboolean              input_invalid;
  GError               *error;
  const char           *invalid_field;
  guint                 resend_seconds;
  guint                 retry_seconds;
  /* Seconds until the code expires; -1 when there is none to expire. */
  int                   expires_in;
  guint                 expiry_tick;
  guint                 codes_sent;

  /* What is being verified. */
  MfaSignIn            *sign_in;
  char                 *level;
  MfaReverification    *reverification;
  MfaPhoneNumber       *phone;
  MfaTotp              *totp;
  MfaBackupCodes       *backup_codes;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_CLIENT,
  PROP_CLOCK,
  PROP_STAGE,
  PROP_FACTORS,
  PROP_FACTOR,
  PROP_STRATEGY,
  PROP_STEP,
  PROP_LEVEL,
  PROP_NEW_DEVICE,
  PROP_PHONE,
  PROP_BUSY,
  PROP_MESSAGE,
  PROP_INPUT_INVALID,
  PROP_ERROR,
  PROP_INVALID_FIELD,
  PROP_CAN_RESEND,
  PROP_RESEND_SECONDS,
  PROP_RETRY_SECONDS,
  PROP_EXPIRES_IN,
  PROP_CODES_SENT,
  PROP_COOLDOWN,
  PROP_TOTP,
  PROP_BACKUP_CODES,
  N_PROPS
};

/* Shared by the verification's state (mfa-verification.c) and its
 * requests (mfa-verification-requests.c). */
void        _mfa_verification_notify                (MfaVerification      *self,
                                                     guint                 prop);
gboolean    _mfa_verification_is_cancelled          (const GError         *error);
const char *_mfa_verification_base_url             (MfaVerification      *self);
void        _mfa_verification_set_stage             (MfaVerification      *self,
                                                     MfaVerificationStage  stage);
void        _mfa_verification_set_busy              (MfaVerification      *self,
                                                     gboolean              busy);
void        _mfa_verification_answered              (MfaVerification      *self);
void        _mfa_verification_set_message           (MfaVerification      *self,
                                                     const char           *message,
                                                     gboolean              input_invalid);
void        _mfa_verification_set_error             (MfaVerification      *self,
                                                     const GError         *error);
void        _mfa_verification_set_invalid_field     (MfaVerification      *self,
                                                     const char           *field);
void        _mfa_verification_restart_cancellable   (MfaVerification      *self);
gboolean    _mfa_verification_is_strategy           (MfaFactor            *factor,
                                                     const char           *strategy);
gboolean    _mfa_verification_is_sent               (MfaFactor            *factor);
void        _mfa_verification_offer_factors         (MfaVerification      *self,
                                                     GListModel           *factors);
void        _mfa_verification_update_retry          (MfaVerification      *self);
void        _mfa_verification_start_resend_cooldown (MfaVerification      *self,
                                                     gint64                seconds);
void        _mfa_verification_clear_resend_cooldown (MfaVerification      *self);
void        _mfa_verification_clear_cooldowns       (MfaVerification      *self);
void        _mfa_verification_update_expiry         (MfaVerification      *self);
void        _mfa_verification_send_code             (MfaVerification      *self);
void        _mfa_verification_set_totp              (MfaVerification      *self,
                                                     MfaTotp              *totp,
                                                     MfaBackupCodes       *backup_codes);

G_END_DECLS
