/* mfa-client-me.c
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

#define G_LOG_DOMAIN "mfa-client"

#include "config.h"

#include "mfa-client-private.h"

/* The requests about the signed-in user (`/v1/me`): the user, the phone
 * numbers and their verification, and the backup codes. Each needs the
 * session, which goes along as `_clerk_session_id`.
 */

void
mfa_client_get_me_async (MfaClient           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = mfa_client_request_new ("GET", MFA_RESULT_USER, mfa_client_get_me_async, "me", NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_get_me_finish:
 *
 * Returns: (transfer full): the user; the same object as
 *   #MfaClient:user when that is the same user
 */
MfaUser *
mfa_client_get_me_finish (MfaClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_get_me_async, error);
}

/**
 * mfa_client_create_phone_number_async:
 * @e164: the number in E.164 (`+12015550123`)
 */
void
mfa_client_create_phone_number_async (MfaClient           *self,
                                      const char          *e164,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (e164 != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_PHONE, mfa_client_create_phone_number_async,
                         "me", "phone_numbers", NULL);
  mfa_client_request_add_field (request, "phone_number", e164, MFA_FIELD_PHONE);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_create_phone_number_finish:
 *
 * Returns: (transfer full): the new phone, the object in the user model
 */
MfaPhoneNumber *
mfa_client_create_phone_number_finish (MfaClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_create_phone_number_async, error);
}

void
mfa_client_get_phone_number_async (MfaClient           *self,
                                   const char          *phone_number_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = mfa_client_request_new ("GET", MFA_RESULT_PHONE, mfa_client_get_phone_number_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_get_phone_number_finish:
 *
 * Returns: (transfer full): the phone
 */
MfaPhoneNumber *
mfa_client_get_phone_number_finish (MfaClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_get_phone_number_async, error);
}

void
mfa_client_prepare_phone_verification_async (MfaClient           *self,
                                             const char          *phone_number_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_PHONE, mfa_client_prepare_phone_verification_async,
                         "me", "phone_numbers", phone_number_id, "prepare_verification", NULL);
  mfa_client_request_add_field (request, "strategy", "phone_code", MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_prepare_phone_verification_finish:
 *
 * Returns: (transfer full): the phone
 */
MfaPhoneNumber *
mfa_client_prepare_phone_verification_finish (MfaClient     *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_prepare_phone_verification_async, error);
}

void
mfa_client_attempt_phone_verification_async (MfaClient           *self,
                                             const char          *phone_number_id,
                                             const char          *code,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);
  g_return_if_fail (code != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_PHONE, mfa_client_attempt_phone_verification_async,
                         "me", "phone_numbers", phone_number_id, "attempt_verification", NULL);
  mfa_client_request_add_field (request, "code", code, MFA_FIELD_SECRET);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_attempt_phone_verification_finish:
 *
 * Returns: (transfer full): the phone
 */
MfaPhoneNumber *
mfa_client_attempt_phone_verification_finish (MfaClient     *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_attempt_phone_verification_async, error);
}

void
mfa_client_set_phone_reserved_async (MfaClient           *self,
                                     const char          *phone_number_id,
                                     gboolean             reserved,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = mfa_client_request_new ("PATCH", MFA_RESULT_PHONE_PATCH, mfa_client_set_phone_reserved_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  mfa_client_request_add_field (request, "reserved_for_second_factor", reserved ? "true" : "false",
                     MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_set_phone_reserved_finish:
 * @backup_codes: (out) (optional) (transfer full) (nullable): the backup
 *   codes handed out when this turned two-step verification on
 *
 * Returns: (transfer full): the phone
 */
MfaPhoneNumber *
mfa_client_set_phone_reserved_finish (MfaClient       *self,
                                      GAsyncResult    *result,
                                      MfaBackupCodes **backup_codes,
                                      GError         **error)
{
  MfaPhoneNumber *phone;

  phone = mfa_client_finish_pointer (self, result, mfa_client_set_phone_reserved_async, error);
  if (backup_codes != NULL)
    {
      MfaBackupCodes *codes = g_object_get_data (G_OBJECT (result), "backup-codes");

      *backup_codes = phone != NULL && codes != NULL ? g_object_ref (codes) : NULL;
    }
  return phone;
}

void
mfa_client_make_phone_default_async (MfaClient           *self,
                                     const char          *phone_number_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = mfa_client_request_new ("PATCH", MFA_RESULT_PHONE_PATCH, mfa_client_make_phone_default_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  mfa_client_request_add_field (request, "default_second_factor", "true", MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_make_phone_default_finish:
 *
 * Returns: (transfer full): the phone
 */
MfaPhoneNumber *
mfa_client_make_phone_default_finish (MfaClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_make_phone_default_async, error);
}

void
mfa_client_delete_phone_number_async (MfaClient           *self,
                                      const char          *phone_number_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = mfa_client_request_new ("DELETE", MFA_RESULT_DELETED, mfa_client_delete_phone_number_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_delete_phone_number_finish (MfaClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_delete_phone_number_async, error);
}

void
mfa_client_create_backup_codes_async (MfaClient           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = mfa_client_request_new ("POST", MFA_RESULT_BACKUP_CODES, mfa_client_create_backup_codes_async,
                         "me", "backup_codes", NULL);
  mfa_client_request_set_empty_form (request);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_create_backup_codes_finish:
 *
 * Returns: (transfer full): the new set; the old one stops working
 */
MfaBackupCodes *
mfa_client_create_backup_codes_finish (MfaClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_create_backup_codes_async, error);
}

/**
 * mfa_client_create_totp_async:
 *
 * `POST /v1/me/totp`: a new secret for an authenticator app, to be
 * verified with a code from it. It replaces one not verified yet.
 */
void
mfa_client_create_totp_async (MfaClient           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = mfa_client_request_new ("POST", MFA_RESULT_TOTP, mfa_client_create_totp_async,
                                    "me", "totp", NULL);
  mfa_client_request_set_empty_form (request);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_create_totp_finish:
 *
 * Returns: (transfer full): the secret and its `otpauth://` link
 */
MfaTotp *
mfa_client_create_totp_finish (MfaClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_create_totp_async, error);
}

/**
 * mfa_client_attempt_totp_verification_async:
 * @code: a code the authenticator app shows
 *
 * `POST /v1/me/totp/attempt_verification`
 */
void
mfa_client_attempt_totp_verification_async (MfaClient           *self,
                                            const char          *code,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (code != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_TOTP, mfa_client_attempt_totp_verification_async,
                                    "me", "totp", "attempt_verification", NULL);
  mfa_client_request_add_field (request, "code", code, MFA_FIELD_SECRET);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_attempt_totp_verification_finish:
 * @backup_codes: (out) (optional) (transfer full) (nullable): the backup
 *   codes handed out when this turned two-step verification on
 *
 * Returns: (transfer full): the verified secret
 */
MfaTotp *
mfa_client_attempt_totp_verification_finish (MfaClient       *self,
                                             GAsyncResult    *result,
                                             MfaBackupCodes **backup_codes,
                                             GError         **error)
{
  MfaTotp *totp;

  totp = mfa_client_finish_pointer (self, result, mfa_client_attempt_totp_verification_async, error);
  if (backup_codes != NULL)
    {
      MfaBackupCodes *codes = g_object_get_data (G_OBJECT (result), "backup-codes");

      *backup_codes = totp != NULL && codes != NULL ? g_object_ref (codes) : NULL;
    }
  return totp;
}

/**
 * mfa_client_delete_totp_async:
 *
 * `DELETE /v1/me/totp`: the authenticator app no longer signs in.
 */
void
mfa_client_delete_totp_async (MfaClient           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = mfa_client_request_new ("DELETE", MFA_RESULT_DELETED, mfa_client_delete_totp_async,
                                    "me", "totp", NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_delete_totp_finish (MfaClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_delete_totp_async, error);
}

/**
 * mfa_client_get_devices_async:
 *
 * `GET /v1/me/sessions/active`: every device signed in to the account.
 */
void
mfa_client_get_devices_async (MfaClient           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = mfa_client_request_new ("GET", MFA_RESULT_DEVICES, mfa_client_get_devices_async,
                                    "me", "sessions", "active", NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_get_devices_finish:
 *
 * Returns: (transfer container) (element-type MfaDevice): the devices,
 *   this app's first (#MfaDevice:current), then by last use
 */
GPtrArray *
mfa_client_get_devices_finish (MfaClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_get_devices_async, error);
}

/**
 * mfa_client_revoke_session_async:
 * @session_id: the session of another device
 *
 * `POST /v1/me/sessions/{id}/revoke`: that device is signed out.
 */
void
mfa_client_revoke_session_async (MfaClient           *self,
                                 const char          *session_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (session_id != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_SESSION, mfa_client_revoke_session_async,
                                    "me", "sessions", session_id, "revoke", NULL);
  mfa_client_request_set_empty_form (request);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_revoke_session_finish (MfaClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_revoke_session_async, error);
}

/**
 * mfa_client_change_password_async:
 * @current_password: (nullable): the password now, where the account has
 *   one
 * @new_password: the new one
 * @sign_out_others: whether every other device is signed out
 *
 * `POST /v1/me/change_password`. This device stays signed in.
 */
void
mfa_client_change_password_async (MfaClient           *self,
                                  const char          *current_password,
                                  const char          *new_password,
                                  gboolean             sign_out_others,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (new_password != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_USER, mfa_client_change_password_async,
                                    "me", "change_password", NULL);
  if (current_password != NULL)
    mfa_client_request_add_field (request, "current_password", current_password, MFA_FIELD_SECRET);
  mfa_client_request_add_field (request, "new_password", new_password, MFA_FIELD_SECRET);
  mfa_client_request_add_field (request, "sign_out_of_other_sessions",
                                sign_out_others ? "true" : "false", MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_change_password_finish (MfaClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(MfaUser) user = mfa_client_finish_pointer (self, result, mfa_client_change_password_async,
                                                       error);

  return user != NULL;
}
