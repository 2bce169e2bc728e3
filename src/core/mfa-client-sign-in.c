/* mfa-client-sign-in.c
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

/* The requests about the client itself: what the instance allows, the
 * client and its sessions, a sign-in and its factors, and the step-up
 * (reverification) of the current session.
 */

/**
 * mfa_client_get_environment_async:
 *
 * `GET /v1/environment`: whether the service answers as a Frontend API.
 * Needs no token and changes nothing.
 */
void
mfa_client_get_environment_async (MfaClient           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = mfa_client_request_new ("GET", MFA_RESULT_ENVIRONMENT, mfa_client_get_environment_async,
                         "environment", NULL);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_get_environment_finish (MfaClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_get_environment_async, error);
}

/**
 * mfa_client_refresh_async:
 *
 * `GET /v1/client`: reads the client (from `response` first) and
 * rebuilds the model; without a token the answer says there is none.
 */
void
mfa_client_refresh_async (MfaClient           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = mfa_client_request_new ("GET", MFA_RESULT_BOOLEAN, mfa_client_refresh_async, "client", NULL);
  request->canonical = TRUE;
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_refresh_finish (MfaClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_refresh_async, error);
}

/**
 * mfa_client_sign_in_async:
 * @password: (nullable): the password, for the one-step sign-in
 *
 * `POST /v1/client/sign_ins`. May create the client and its token.
 */
void
mfa_client_sign_in_async (MfaClient           *self,
                          const char          *identifier,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = mfa_client_request_new ("POST", MFA_RESULT_SIGN_IN, mfa_client_sign_in_async,
                         "client", "sign_ins", NULL);
  mfa_client_request_add_field (request, "identifier", identifier, MFA_FIELD_IDENTIFIER);
  if (password != NULL)
    {
      mfa_client_request_add_field (request, "strategy", "password", MFA_FIELD_PLAIN);
      mfa_client_request_add_field (request, "password", password, MFA_FIELD_SECRET);
    }
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_sign_in_finish:
 *
 * Returns: (transfer full): the sign-in
 */
MfaSignIn *
mfa_client_sign_in_finish (MfaClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_sign_in_async, error);
}

void
mfa_client_attempt_first_factor_async (MfaClient           *self,
                                       const char          *sign_in_id,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (password != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_SIGN_IN, mfa_client_attempt_first_factor_async,
                         "client", "sign_ins", sign_in_id, "attempt_first_factor", NULL);
  mfa_client_request_add_field (request, "strategy", "password", MFA_FIELD_PLAIN);
  mfa_client_request_add_field (request, "password", password, MFA_FIELD_SECRET);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_attempt_first_factor_finish:
 *
 * Returns: (transfer full): the sign-in
 */
MfaSignIn *
mfa_client_attempt_first_factor_finish (MfaClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_attempt_first_factor_async, error);
}

/**
 * mfa_client_prepare_second_factor_async:
 * @phone_number_id: (nullable): the phone to text; %NULL for the default
 *
 * Sends an SMS code for the second step of a sign-in.
 */
void
mfa_client_prepare_second_factor_async (MfaClient           *self,
                                        const char          *sign_in_id,
                                        const char          *phone_number_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_SIGN_IN, mfa_client_prepare_second_factor_async,
                         "client", "sign_ins", sign_in_id, "prepare_second_factor", NULL);
  mfa_client_request_add_field (request, "strategy", "phone_code", MFA_FIELD_PLAIN);
  if (phone_number_id != NULL)
    mfa_client_request_add_field (request, "phone_number_id", phone_number_id, MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_prepare_factor_async:
 * @sign_in_id: the sign-in
 * @factor: one of its second factors that sends a code: `phone_code`
 *   (to its phone) or `email_code` (to its address), for a second step
 *   or for a new device's check
 *
 * `POST /v1/client/sign_ins/{id}/prepare_second_factor` for @factor.
 * Finish with mfa_client_prepare_second_factor_finish().
 */
void
mfa_client_prepare_factor_async (MfaClient           *self,
                                 const char          *sign_in_id,
                                 MfaFactor           *factor,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;
  const char *strategy;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (MFA_IS_FACTOR (factor));

  strategy = mfa_factor_get_strategy (factor);
  request = mfa_client_request_new ("POST", MFA_RESULT_SIGN_IN, mfa_client_prepare_second_factor_async,
                         "client", "sign_ins", sign_in_id, "prepare_second_factor", NULL);
  mfa_client_request_add_field (request, "strategy", strategy, MFA_FIELD_PLAIN);
  if (g_str_equal (strategy, "email_code") && mfa_factor_get_email_address_id (factor) != NULL)
    mfa_client_request_add_field (request, "email_address_id", mfa_factor_get_email_address_id (factor),
                       MFA_FIELD_PLAIN);
  else if (mfa_factor_get_phone_number_id (factor) != NULL)
    mfa_client_request_add_field (request, "phone_number_id", mfa_factor_get_phone_number_id (factor),
                       MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_prepare_second_factor_finish:
 *
 * Returns: (transfer full): the sign-in
 */
MfaSignIn *
mfa_client_prepare_second_factor_finish (MfaClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_prepare_second_factor_async, error);
}

/**
 * mfa_client_attempt_second_factor_async:
 * @strategy: `phone_code`, `totp` or `backup_code`
 * @code: the code
 */
void
mfa_client_attempt_second_factor_async (MfaClient           *self,
                                        const char          *sign_in_id,
                                        const char          *strategy,
                                        const char          *code,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (strategy != NULL);
  g_return_if_fail (code != NULL);

  request = mfa_client_request_new ("POST", MFA_RESULT_SIGN_IN, mfa_client_attempt_second_factor_async,
                         "client", "sign_ins", sign_in_id, "attempt_second_factor", NULL);
  mfa_client_request_add_field (request, "strategy", strategy, MFA_FIELD_PLAIN);
  mfa_client_request_add_field (request, "code", code, MFA_FIELD_SECRET);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_attempt_second_factor_finish:
 *
 * Returns: (transfer full): the sign-in
 */
MfaSignIn *
mfa_client_attempt_second_factor_finish (MfaClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_attempt_second_factor_async, error);
}

/**
 * mfa_client_remove_session_async:
 * @session_id: (nullable): the session to end; %NULL for the current one
 *
 * Signs out: `POST /v1/client/sessions/{id}/remove`. The client and its
 * token stay.
 */
void
mfa_client_remove_session_async (MfaClient           *self,
                                 const char          *session_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  if (session_id == NULL)
    {
      if (!mfa_client_need_session (self, mfa_client_remove_session_async, callback, user_data))
        return;
      session_id = self->session_id;
    }

  request = mfa_client_request_new ("POST", MFA_RESULT_SESSION, mfa_client_remove_session_async,
                         "client", "sessions", session_id, "remove", NULL);
  request->signs_out = TRUE;
  mfa_client_request_set_empty_form (request);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_remove_session_finish (MfaClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mfa_client_finish_boolean (self, result, mfa_client_remove_session_async, error);
}

/**
 * mfa_client_verify_session_async:
 * @level: `first_factor`, `second_factor` or `multi_factor`
 *
 * Starts a step-up for the current session.
 */
void
mfa_client_verify_session_async (MfaClient           *self,
                                 const char          *level,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (level != NULL);

  if (!mfa_client_need_session (self, mfa_client_verify_session_async, callback, user_data))
    return;

  request = mfa_client_request_new ("POST", MFA_RESULT_REVERIFICATION, mfa_client_verify_session_async,
                         "client", "sessions", self->session_id, "verify", NULL);
  mfa_client_request_add_field (request, "level", level, MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_verify_session_finish:
 *
 * Returns: (transfer full): the step-up
 */
MfaReverification *
mfa_client_verify_session_finish (MfaClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_verify_session_async, error);
}

/**
 * mfa_client_prepare_reverification_async:
 * @strategy: e.g. `phone_code`
 * @phone_number_id: (nullable): the phone to text
 */
void
mfa_client_prepare_reverification_async (MfaClient           *self,
                                         MfaFactorStep        step,
                                         const char          *strategy,
                                         const char          *phone_number_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (strategy != NULL);

  if (!mfa_client_need_session (self, mfa_client_prepare_reverification_async, callback, user_data))
    return;

  request = mfa_client_request_new ("POST", MFA_RESULT_REVERIFICATION, mfa_client_prepare_reverification_async,
                         "client", "sessions", self->session_id, "verify",
                         step == MFA_FACTOR_STEP_SECOND ? "prepare_second_factor"
                                                        : "prepare_first_factor",
                         NULL);
  mfa_client_request_add_field (request, "strategy", strategy, MFA_FIELD_PLAIN);
  if (phone_number_id != NULL)
    mfa_client_request_add_field (request, "phone_number_id", phone_number_id, MFA_FIELD_PLAIN);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_prepare_reverification_finish:
 *
 * Returns: (transfer full): the step-up
 */
MfaReverification *
mfa_client_prepare_reverification_finish (MfaClient     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_prepare_reverification_async, error);
}

/**
 * mfa_client_attempt_reverification_async:
 * @strategy: `password`, `phone_code`, `totp` or `backup_code`
 * @secret: the password or the code
 */
void
mfa_client_attempt_reverification_async (MfaClient           *self,
                                         MfaFactorStep        step,
                                         const char          *strategy,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(MfaClientRequest) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (strategy != NULL);
  g_return_if_fail (secret != NULL);

  if (!mfa_client_need_session (self, mfa_client_attempt_reverification_async, callback, user_data))
    return;

  request = mfa_client_request_new ("POST", MFA_RESULT_REVERIFICATION, mfa_client_attempt_reverification_async,
                         "client", "sessions", self->session_id, "verify",
                         step == MFA_FACTOR_STEP_SECOND ? "attempt_second_factor"
                                                        : "attempt_first_factor",
                         NULL);
  mfa_client_request_add_field (request, "strategy", strategy, MFA_FIELD_PLAIN);
  mfa_client_request_add_field (request, g_str_equal (strategy, "password") ? "password" : "code",
                     secret, MFA_FIELD_SECRET);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}

/**
 * mfa_client_attempt_reverification_finish:
 *
 * Returns: (transfer full): the step-up
 */
MfaReverification *
mfa_client_attempt_reverification_finish (MfaClient     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return mfa_client_finish_pointer (self, result, mfa_client_attempt_reverification_async, error);
}

