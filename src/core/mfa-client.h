/* mfa-client.h
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

#include "mfa-backup-codes.h"
#include "mfa-client-error.h"
#include "mfa-device.h"
#include "mfa-environment.h"
#include "mfa-totp.h"
#include "mfa-factor.h"
#include "mfa-interaction.h"
#include "mfa-phone-number.h"
#include "mfa-reverification.h"
#include "mfa-sign-in.h"
#include "mfa-user.h"

G_BEGIN_DECLS

#define MFA_CLIENT_API_VERSION "2026-05-12"
#define MFA_CLIENT_DEFAULT_TIMEOUT 30

/* The most an answer's body may hold, in bytes. The largest answers of
 * the Frontend API (a client with its user, sessions and phone numbers)
 * take tens of KiB; a body past this is no answer of the protocol, and
 * read whole it would let a server fill the memory. Larger ones fail
 * with %MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE. */
#define MFA_CLIENT_MAX_BODY_SIZE (4 * 1024 * 1024)

#define MFA_TYPE_CLIENT (mfa_client_get_type ())
G_DECLARE_FINAL_TYPE (MfaClient, mfa_client, MFA, CLIENT, GObject)

MfaClient         *mfa_client_new                           (const char           *base_url);

const char        *mfa_client_get_base_url                  (MfaClient            *self);
guint              mfa_client_get_timeout                   (MfaClient            *self);
void               mfa_client_set_timeout                   (MfaClient            *self,
                                                             guint                 timeout);
const char        *mfa_client_get_token                     (MfaClient            *self);
void               mfa_client_set_token                     (MfaClient            *self,
                                                             const char           *token);
void               mfa_client_reset                         (MfaClient            *self);
void               mfa_client_preconnect                    (MfaClient            *self,
                                                             GCancellable         *cancellable);
const char        *mfa_client_get_session_id                (MfaClient            *self);
MfaUser           *mfa_client_get_user                      (MfaClient            *self);
MfaSignIn         *mfa_client_get_sign_in                   (MfaClient            *self);
gboolean           mfa_client_get_reachable                 (MfaClient            *self);
MfaEnvironment    *mfa_client_get_environment               (MfaClient            *self);
void               mfa_client_adopt_user                    (MfaClient            *self,
                                                             MfaUser              *user);
void               mfa_client_set_environment               (MfaClient            *self,
                                                             MfaEnvironment       *environment);
char              *mfa_client_dup_service_name              (MfaClient            *self);
MfaInteraction    *mfa_client_get_interaction               (MfaClient            *self);
void               mfa_client_set_interaction               (MfaClient            *self,
                                                             MfaInteraction       *interaction);

/* GET /v1/environment */
void               mfa_client_get_environment_async         (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_get_environment_finish        (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* GET /v1/client */
void               mfa_client_refresh_async                 (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_refresh_finish                (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sign_ins */
void               mfa_client_sign_in_async                 (MfaClient            *self,
                                                             const char           *identifier,
                                                             const char           *password,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaSignIn         *mfa_client_sign_in_finish                (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sign_ins/{id}/attempt_first_factor */
void               mfa_client_attempt_first_factor_async    (MfaClient            *self,
                                                             const char           *sign_in_id,
                                                             const char           *password,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaSignIn         *mfa_client_attempt_first_factor_finish   (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sign_ins/{id}/prepare_second_factor */
void               mfa_client_prepare_second_factor_async   (MfaClient            *self,
                                                             const char           *sign_in_id,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
void               mfa_client_prepare_factor_async          (MfaClient            *self,
                                                             const char           *sign_in_id,
                                                             MfaFactor            *factor,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaSignIn         *mfa_client_prepare_second_factor_finish  (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sign_ins/{id}/attempt_second_factor */
void               mfa_client_attempt_second_factor_async   (MfaClient            *self,
                                                             const char           *sign_in_id,
                                                             const char           *strategy,
                                                             const char           *code,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaSignIn         *mfa_client_attempt_second_factor_finish  (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sessions/{id}/remove */
void               mfa_client_remove_session_async          (MfaClient            *self,
                                                             const char           *session_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_remove_session_finish         (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sessions/{id}/verify */
void               mfa_client_verify_session_async          (MfaClient            *self,
                                                             const char           *level,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaReverification *mfa_client_verify_session_finish         (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sessions/{id}/verify/prepare_{first,second}_factor */
void               mfa_client_prepare_reverification_async  (MfaClient            *self,
                                                             MfaFactorStep         step,
                                                             const char           *strategy,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaReverification *mfa_client_prepare_reverification_finish (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/client/sessions/{id}/verify/attempt_{first,second}_factor */
void               mfa_client_attempt_reverification_async  (MfaClient            *self,
                                                             MfaFactorStep         step,
                                                             const char           *strategy,
                                                             const char           *secret,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaReverification *mfa_client_attempt_reverification_finish (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* GET /v1/me */
void               mfa_client_get_me_async                  (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaUser           *mfa_client_get_me_finish                 (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/phone_numbers */
void               mfa_client_create_phone_number_async     (MfaClient            *self,
                                                             const char           *e164,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_create_phone_number_finish    (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* GET /v1/me/phone_numbers/{id} */
void               mfa_client_get_phone_number_async        (MfaClient            *self,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_get_phone_number_finish       (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/phone_numbers/{id}/prepare_verification */
void               mfa_client_prepare_phone_verification_async (MfaClient         *self,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_prepare_phone_verification_finish (MfaClient        *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/phone_numbers/{id}/attempt_verification */
void               mfa_client_attempt_phone_verification_async (MfaClient         *self,
                                                             const char           *phone_number_id,
                                                             const char           *code,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_attempt_phone_verification_finish (MfaClient        *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* PATCH /v1/me/phone_numbers/{id} reserved_for_second_factor */
void               mfa_client_set_phone_reserved_async      (MfaClient            *self,
                                                             const char           *phone_number_id,
                                                             gboolean              reserved,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_set_phone_reserved_finish     (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             MfaBackupCodes      **backup_codes,
                                                             GError              **error);

/* PATCH /v1/me/phone_numbers/{id} default_second_factor=true */
void               mfa_client_make_phone_default_async      (MfaClient            *self,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaPhoneNumber    *mfa_client_make_phone_default_finish     (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* DELETE /v1/me/phone_numbers/{id} */
void               mfa_client_delete_phone_number_async     (MfaClient            *self,
                                                             const char           *phone_number_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_delete_phone_number_finish    (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/backup_codes */
void               mfa_client_create_backup_codes_async     (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaBackupCodes    *mfa_client_create_backup_codes_finish    (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/totp */
void               mfa_client_create_totp_async             (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaTotp           *mfa_client_create_totp_finish            (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/totp/attempt_verification */
void               mfa_client_attempt_totp_verification_async (MfaClient          *self,
                                                             const char           *code,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
MfaTotp           *mfa_client_attempt_totp_verification_finish (MfaClient         *self,
                                                             GAsyncResult         *result,
                                                             MfaBackupCodes      **backup_codes,
                                                             GError              **error);

/* DELETE /v1/me/totp */
void               mfa_client_delete_totp_async             (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_delete_totp_finish            (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* GET /v1/me/sessions/active */
void               mfa_client_get_devices_async             (MfaClient            *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray         *mfa_client_get_devices_finish            (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/sessions/{id}/revoke */
void               mfa_client_revoke_session_async          (MfaClient            *self,
                                                             const char           *session_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_revoke_session_finish         (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* POST /v1/me/change_password */
void               mfa_client_change_password_async         (MfaClient            *self,
                                                             const char           *current_password,
                                                             const char           *new_password,
                                                             gboolean              sign_out_others,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_change_password_finish        (MfaClient            *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* Sends the request of a MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED error
 * again; finish it with the _finish function of the original call. */
void               mfa_client_replay_async                  (MfaClient            *self,
                                                             const GError         *error,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           mfa_client_can_replay                    (const GError         *error);

G_END_DECLS
