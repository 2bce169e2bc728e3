/* mfa-account.h
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

#include "mfa-changes.h"
#include "mfa-client.h"
#include "mfa-clock.h"
#include "mfa-session-store.h"
#include "mfa-user.h"

G_BEGIN_DECLS

/**
 * MfaAccountState:
 * @MFA_ACCOUNT_STATE_RESTORING: looking for a kept session and checking
 *   it with the service; #MfaAccount:user is the last snapshot meanwhile,
 *   read-only, if there is one
 * @MFA_ACCOUNT_STATE_SIGNED_OUT: the service answers; nobody is signed in
 * @MFA_ACCOUNT_STATE_SIGNED_IN: a live session; #MfaAccount:user is the
 *   service's
 * @MFA_ACCOUNT_STATE_OFFLINE: the service cannot be reached;
 *   #MfaAccount:user is the last snapshot, read-only, and the account
 *   retries on its own
 * @MFA_ACCOUNT_STATE_SESSION_LOST: the session ended without the person
 *   asking (revoked, expired, token cleared)
 * @MFA_ACCOUNT_STATE_UNREACHABLE: the service could not be reached at
 *   start and there is no snapshot; see mfa_account_get_error()
 *
 * Where an account stands; the window shows the page for it.
 */
typedef enum {
  MFA_ACCOUNT_STATE_RESTORING,
  MFA_ACCOUNT_STATE_SIGNED_OUT,
  MFA_ACCOUNT_STATE_SIGNED_IN,
  MFA_ACCOUNT_STATE_OFFLINE,
  MFA_ACCOUNT_STATE_SESSION_LOST,
  MFA_ACCOUNT_STATE_UNREACHABLE,
} MfaAccountState;

#define MFA_TYPE_ACCOUNT (mfa_account_get_type ())
G_DECLARE_FINAL_TYPE (MfaAccount, mfa_account, MFA, ACCOUNT, GObject)

MfaAccount      *mfa_account_new                   (const char           *base_url,
                                                    MfaSessionStore      *session_store,
                                                    MfaClock             *clock);

const char      *mfa_account_get_base_url          (MfaAccount           *self);
MfaClient       *mfa_account_get_client            (MfaAccount           *self);
MfaChanges      *mfa_account_get_changes           (MfaAccount           *self);
MfaClock        *mfa_account_get_clock             (MfaAccount           *self);
MfaAccountState  mfa_account_get_state             (MfaAccount           *self);
MfaUser         *mfa_account_get_user              (MfaAccount           *self);
gint64           mfa_account_get_synced_at_ms      (MfaAccount           *self);
gboolean         mfa_account_get_read_only         (MfaAccount           *self);
const char      *mfa_account_get_read_only_reason  (MfaAccount           *self);
gboolean         mfa_account_get_offline           (MfaAccount           *self);
const GError    *mfa_account_get_error             (MfaAccount           *self);
gboolean         mfa_account_get_keyring_available (MfaAccount           *self);
char            *mfa_account_dup_title             (MfaAccount           *self);
gboolean         mfa_account_get_saving            (MfaAccount           *self);
guint            mfa_account_get_retry_delay_s     (MfaAccount           *self);

void             mfa_account_start                 (MfaAccount           *self);
void             mfa_account_retry                 (MfaAccount           *self);

void             mfa_account_sign_out_async        (MfaAccount           *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         mfa_account_sign_out_finish       (MfaAccount           *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void             mfa_account_forget                (MfaAccount           *self);
void             mfa_account_flush                 (MfaAccount           *self);

G_END_DECLS
