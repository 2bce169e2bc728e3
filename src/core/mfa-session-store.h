/* mfa-session-store.h
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

G_BEGIN_DECLS

/**
 * MfaSessionStoreError:
 * @MFA_SESSION_STORE_ERROR_NO_SERVICE: no Secret Service (keyring) on the
 *   session bus, or no bus at all
 * @MFA_SESSION_STORE_ERROR_LOCKED: the keyring is locked and was not
 *   unlocked
 * @MFA_SESSION_STORE_ERROR_BAD_URL: the base URL has no scheme or host
 * @MFA_SESSION_STORE_ERROR_FAILED: the keyring refused for another reason
 */
typedef enum {
  MFA_SESSION_STORE_ERROR_NO_SERVICE,
  MFA_SESSION_STORE_ERROR_LOCKED,
  MFA_SESSION_STORE_ERROR_BAD_URL,
  MFA_SESSION_STORE_ERROR_FAILED,
} MfaSessionStoreError;

#define MFA_SESSION_STORE_ERROR (mfa_session_store_error_quark ())
GQuark mfa_session_store_error_quark (void);

#define MFA_SESSION_STORE_SCHEMA_NAME "org.example.MfaManager.Session"

#define MFA_TYPE_SESSION_STORE (mfa_session_store_get_type ())
G_DECLARE_FINAL_TYPE (MfaSessionStore, mfa_session_store, MFA, SESSION_STORE, GObject)

MfaSessionStore *mfa_session_store_new           (void);
char            *mfa_session_store_key_for_url   (const char           *base_url);

void             mfa_session_store_store_async   (MfaSessionStore      *self,
                                                  const char           *base_url,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         mfa_session_store_store_finish  (MfaSessionStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void             mfa_session_store_lookup_async  (MfaSessionStore      *self,
                                                  const char           *base_url,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char            *mfa_session_store_lookup_finish (MfaSessionStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void             mfa_session_store_clear_async   (MfaSessionStore      *self,
                                                  const char           *base_url,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         mfa_session_store_clear_finish  (MfaSessionStore      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
