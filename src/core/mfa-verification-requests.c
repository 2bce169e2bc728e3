/* mfa-verification-requests.c
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

#define G_LOG_DOMAIN "mfa-verification"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-error-words.h"
#include "mfa-verification-private.h"

/* The requests of a verification, per kind: signing in, a step-up's
 * reverification, a phone's verification. Each answer updates the
 * state kept in mfa-verification.c.
 */

/* An answer is handled with the verification no longer busy (so that it
 * can send the next request itself), and says so only once the outcome
 * is in place: whoever hears #MfaVerification:busy turn off finds the
 * new state. */
typedef MfaVerification AnswerScope;

static AnswerScope *
begin_answer (MfaVerification *self)
{
  self->busy = FALSE;
  return self;
}

static void
end_answer (AnswerScope *self)
{
  if (!self->busy)
    _mfa_verification_answered (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnswerScope, end_answer)

/* Errors every request shares */

/* Whether @error ends the verification: the session is gone. */
static gboolean
handle_fatal (MfaVerification *self,
              const GError    *error)
{
  if (!g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE) ||
      self->kind == MFA_VERIFICATION_KIND_SIGN_IN)
    return FALSE;

  _mfa_verification_set_error (self, error);
  _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_FAILED);
  return TRUE;
}

/* Whether the server has forgotten the reverification in progress, so
 * it must begin again.
 */
static gboolean
needs_restart (MfaVerification *self,
               const GError    *error)
{
  const char *code;

  if (self->kind != MFA_VERIFICATION_KIND_REVERIFICATION || error->domain != MFA_CLIENT_ERROR)
    return FALSE;

  code = mfa_client_error_get_clerk_code (error);
  return g_strcmp0 (code, "session_reverification_missing") == 0 ||
         g_strcmp0 (code, "invalid_action_for_session_reverification") == 0;
}

/* Sign-in */

static void
handle_sign_in (MfaVerification *self,
                MfaSignIn       *sign_in)
{
  gboolean new_device;

  g_set_object (&self->sign_in, sign_in);

  switch (mfa_sign_in_get_status (sign_in))
    {
    case MFA_SIGN_IN_STATUS_COMPLETE:
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_COMPLETE);
      break;

    case MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR:
    case MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST:
      if (self->stage == MFA_VERIFICATION_STAGE_FACTOR)
        {
          /* A refused attempt or a resend: the same step goes on. */
          _mfa_verification_update_expiry (self);
          break;
        }
      new_device = mfa_sign_in_get_status (sign_in) == MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST;
      if (self->new_device != new_device)
        {
          self->new_device = new_device;
          _mfa_verification_notify (self, PROP_NEW_DEVICE);
        }
      self->step = MFA_FACTOR_STEP_SECOND;
      _mfa_verification_notify (self, PROP_STEP);
      _mfa_verification_offer_factors (self, mfa_sign_in_get_second_factors (sign_in));
      break;

    case MFA_SIGN_IN_STATUS_NEEDS_NEW_PASSWORD:
      _mfa_verification_set_message (self,
                                     _("This account must choose a new password first. Do that on the service’s website, then sign in here."),
                                     FALSE);
      break;

    case MFA_SIGN_IN_STATUS_UNKNOWN:
    case MFA_SIGN_IN_STATUS_NEEDS_IDENTIFIER:
    case MFA_SIGN_IN_STATUS_NEEDS_FIRST_FACTOR:
    case MFA_SIGN_IN_STATUS_ABANDONED:
    default:
      _mfa_verification_set_message (self,
                                     _("This account cannot sign in with a password here. Use the service’s website instead."),
                                     FALSE);
      break;
    }
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  sign_in = mfa_client_sign_in_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);

  if (sign_in == NULL)
    {
      message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE, _mfa_verification_base_url (self), NULL);
      _mfa_verification_set_error (self, error);
      _mfa_verification_set_message (self, message, TRUE);
      return;
    }

  handle_sign_in (self, sign_in);
}

/**
 * mfa_verification_sign_in:
 * @self: a sign-in #MfaVerification
 * @identifier: the email address, phone number or username
 * @password: the password
 *
 * Signs in with @identifier and @password. An empty one is not sent:
 * #MfaVerification:message says what is missing and
 * #MfaVerification:invalid-field which.
 */
void
mfa_verification_sign_in (MfaVerification *self,
                          const char      *identifier,
                          const char      *password)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MFA_IS_VERIFICATION (self));
  g_return_if_fail (self->kind == MFA_VERIFICATION_KIND_SIGN_IN);

  if (self->busy)
    return;

  stripped = g_strstrip (g_strdup (identifier != NULL ? identifier : ""));
  if (stripped[0] == '\0')
    {
      _mfa_verification_set_error (self, NULL);
      _mfa_verification_set_invalid_field (self, "identifier");
      _mfa_verification_set_message (self, _("Enter the email address, phone number or username of your account."), TRUE);
      return;
    }
  if (password == NULL || password[0] == '\0')
    {
      _mfa_verification_set_error (self, NULL);
      _mfa_verification_set_invalid_field (self, "password");
      _mfa_verification_set_message (self, _("Enter your password."), TRUE);
      return;
    }

  _mfa_verification_set_error (self, NULL);
  _mfa_verification_set_message (self, NULL, FALSE);
  _mfa_verification_set_busy (self, TRUE);
  _mfa_verification_restart_cancellable (self);

  mfa_client_sign_in_async (self->client, stripped, password, self->cancellable,
                            sign_in_cb, g_object_ref (self));
}

/* Reverification */

static void
handle_reverification (MfaVerification   *self,
                       MfaReverification *reverification)
{
  MfaFactorStep step;

  g_set_object (&self->reverification, reverification);

  switch (mfa_reverification_get_status (reverification))
    {
    case MFA_REVERIFICATION_STATUS_COMPLETE:
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_COMPLETE);
      return;

    case MFA_REVERIFICATION_STATUS_NEEDS_FIRST_FACTOR:
      step = MFA_FACTOR_STEP_FIRST;
      break;

    case MFA_REVERIFICATION_STATUS_NEEDS_SECOND_FACTOR:
      step = MFA_FACTOR_STEP_SECOND;
      break;

    case MFA_REVERIFICATION_STATUS_UNKNOWN:
    default:
      _mfa_verification_set_message (self,
                                     _("The service answered in a way this app does not understand. Make this change on the service’s website instead."),
                                     FALSE);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_PROBLEM);
      return;
    }

  /* A new answer for the same step (after a send or a refused attempt)
   * keeps the factor in use.
   */
  if (self->stage == MFA_VERIFICATION_STAGE_FACTOR && self->step == step)
    return;

  /* Codes of the other step were for another verification. */
  if (self->step != step)
    _mfa_verification_clear_cooldowns (self);

  self->step = step;
  _mfa_verification_notify (self, PROP_STEP);

  /* Level multi_factor starts with the password: when the server lists
   * no first factor at all, that is still the one to ask for.
   */
  if (step == MFA_FACTOR_STEP_FIRST &&
      g_list_model_get_n_items (mfa_reverification_get_factors (reverification, step)) == 0)
    {
      g_autoptr(GListStore) password = g_list_store_new (MFA_TYPE_FACTOR);
      g_autoptr(MfaFactor) factor = mfa_factor_new ("password", NULL, NULL, FALSE);

      g_list_store_append (password, factor);
      _mfa_verification_offer_factors (self, G_LIST_MODEL (password));
      return;
    }

  _mfa_verification_offer_factors (self, mfa_reverification_get_factors (reverification, step));
}

/* A verification that could not start: the error worded for a change,
 * or @declined where the person would not confirm it is them. */
static void
show_start_problem (MfaVerification *self,
                    const GError    *error,
                    const char      *declined)
{
  g_autofree char *message = NULL;

  if (declined != NULL &&
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    message = g_strdup (declined);
  else
    message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE, _mfa_verification_base_url (self), NULL);
  _mfa_verification_set_error (self, error);
  _mfa_verification_set_message (self, message, FALSE);
  _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_PROBLEM);
}

static void
verify_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;

  reverification = mfa_client_verify_session_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);

  if (reverification == NULL)
    {
      if (handle_fatal (self, error))
        return;

      show_start_problem (self, error, NULL);
      return;
    }

  handle_reverification (self, reverification);
}

/* Sending a code */

static void
sent (MfaVerification *self,
      const GError    *error)
{
  g_autofree char *message = NULL;
  gint64 retry_after;

  if (error == NULL)
    {
      self->codes_sent++;
      _mfa_verification_notify (self, PROP_CODES_SENT);
      _mfa_verification_set_error (self, NULL);
      if (self->retry_seconds == 0)
        _mfa_verification_set_message (self, NULL, FALSE);
      _mfa_verification_update_expiry (self);
      return;
    }

  if (handle_fatal (self, error))
    return;

  if (needs_restart (self, error))
    {
      mfa_verification_start (self);
      return;
    }

  /* Asked too soon after the last one: wait as long as the server says. */
  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    {
      retry_after = mfa_client_error_get_retry_after (error);
      _mfa_verification_start_resend_cooldown (self, retry_after > 0 ? retry_after : MFA_RESEND_COOLDOWN_SECONDS);
    }
  else
    _mfa_verification_clear_resend_cooldown (self);

  message = mfa_error_describe (error, MFA_ERROR_CONTEXT_SEND_CODE, _mfa_verification_base_url (self), NULL);
  _mfa_verification_set_error (self, error);
  _mfa_verification_set_message (self, message, FALSE);
}

static void
prepare_sign_in_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  sign_in = mfa_client_prepare_second_factor_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);
  if (sign_in != NULL)
    g_set_object (&self->sign_in, sign_in);
  sent (self, error);
}

static void
prepare_reverification_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;

  reverification = mfa_client_prepare_reverification_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);
  if (reverification != NULL)
    g_set_object (&self->reverification, reverification);
  sent (self, error);
}

static void
prepare_phone_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;

  phone = mfa_client_prepare_phone_verification_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);
  sent (self, error);
}

void
_mfa_verification_send_code (MfaVerification *self)
{
  MfaFactor *factor = self->factor;

  if (self->busy || !_mfa_verification_is_sent (factor))
    return;

  _mfa_verification_set_busy (self, TRUE);
  _mfa_verification_restart_cancellable (self);
  _mfa_verification_start_resend_cooldown (self, MFA_RESEND_COOLDOWN_SECONDS);

  switch (self->kind)
    {
    case MFA_VERIFICATION_KIND_SIGN_IN:
      mfa_client_prepare_factor_async (self->client, mfa_sign_in_get_id (self->sign_in), factor,
                                       self->cancellable, prepare_sign_in_cb, g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_REVERIFICATION:
      mfa_client_prepare_reverification_async (self->client, self->step, "phone_code",
                                               mfa_factor_get_phone_number_id (factor),
                                               self->cancellable, prepare_reverification_cb,
                                               g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_TOTP:
      /* An authenticator app's code is never sent. */
      g_assert_not_reached ();

    case MFA_VERIFICATION_KIND_PHONE:
    default:
      mfa_client_prepare_phone_verification_async (self->client,
                                                   mfa_phone_number_get_id (self->phone),
                                                   self->cancellable, prepare_phone_cb,
                                                   g_object_ref (self));
      break;
    }
}

/* Checking what was typed */

static void
attempted (MfaVerification *self,
           const GError    *error)
{
  g_autofree char *message = NULL;
  MfaErrorContext context;
  gint64 retry_after;
  gboolean mark;

  if (handle_fatal (self, error))
    return;

  if (needs_restart (self, error))
    {
      mfa_verification_start (self);
      return;
    }

  _mfa_verification_set_error (self, error);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    {
      retry_after = MAX (mfa_client_error_get_retry_after (error), 0);
      if (retry_after > 0)
        {
          mfa_cooldown_start (self->cooldown, RETRY_KEY, retry_after * 1000);
          _mfa_verification_update_retry (self);
        }
      else
        _mfa_verification_set_message (self, _("Too many attempts. Wait a moment and try again."), FALSE);
      return;
    }

  /* Those outcomes need a new code: the cooldown no longer applies. */
  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
    _mfa_verification_clear_resend_cooldown (self);

  /* What was typed is not to blame when the service could not answer. */
  mark = !mfa_client_error_is_transport (error) &&
         !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SERVER);
  context = _mfa_verification_is_sent (self->factor) ? MFA_ERROR_CONTEXT_CHECK_SENT_CODE : MFA_ERROR_CONTEXT_CHECK_CODE;
  message = mfa_error_describe (error, context, _mfa_verification_base_url (self), NULL);
  _mfa_verification_set_message (self, message, mark);
}

static void
attempt_sign_in_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  sign_in = mfa_client_attempt_second_factor_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);
  if (sign_in == NULL)
    {
      attempted (self, error);
      return;
    }

  handle_sign_in (self, sign_in);
}

static void
attempt_reverification_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;

  reverification = mfa_client_attempt_reverification_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);
  if (reverification == NULL)
    {
      attempted (self, error);
      return;
    }

  handle_reverification (self, reverification);
}

static void
attempt_phone_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;

  phone = mfa_client_attempt_phone_verification_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);

  if (mfa_phone_number_is_verified (self->phone))
    {
      _mfa_verification_set_message (self, NULL, FALSE);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_COMPLETE);
      return;
    }

  if (error == NULL)
    {
      _mfa_verification_set_message (self, _("The code was not accepted. Send a new code and try again."), TRUE);
      return;
    }

  attempted (self, error);
}

static void
attempt_totp_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(MfaTotp) totp = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;

  totp = mfa_client_attempt_totp_verification_finish (MFA_CLIENT (object), result, &codes, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);

  if (totp != NULL && mfa_totp_get_verified (totp))
    {
      /* Set up: the secret is the app's now, and goes from here. */
      _mfa_verification_set_totp (self, NULL, codes);
      _mfa_verification_set_message (self, NULL, FALSE);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_COMPLETE);
      return;
    }

  if (error == NULL)
    {
      _mfa_verification_set_message (self, _("The code was not accepted. Check the code in your authenticator app and try again."), TRUE);
      return;
    }

  attempted (self, error);
}

/**
 * mfa_verification_attempt:
 * @self: a #MfaVerification
 * @secret: what the person typed for #MfaVerification:factor
 *
 * Checks @secret with the service. Nothing is sent while busy or while
 * attempts wait out a rate limit.
 */
void
mfa_verification_attempt (MfaVerification *self,
                          const char      *secret)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (MFA_IS_VERIFICATION (self));

  if (self->busy || self->factor == NULL || self->stage != MFA_VERIFICATION_STAGE_FACTOR ||
      self->retry_seconds > 0)
    return;

  /* A password may begin or end with a space; a code may not. */
  stripped = g_strdup (secret != NULL ? secret : "");
  if (!_mfa_verification_is_strategy (self->factor, "password"))
    g_strstrip (stripped);

  if (stripped[0] == '\0')
    {
      if (_mfa_verification_is_strategy (self->factor, "password"))
        _mfa_verification_set_message (self, _("Enter your password."), TRUE);
      else if (_mfa_verification_is_strategy (self->factor, "backup_code"))
        _mfa_verification_set_message (self, _("Enter one of your backup codes."), TRUE);
      else
        _mfa_verification_set_message (self, _("Enter all six digits of the code."), TRUE);
      return;
    }

  _mfa_verification_set_error (self, NULL);
  _mfa_verification_set_message (self, NULL, FALSE);
  _mfa_verification_set_busy (self, TRUE);
  _mfa_verification_restart_cancellable (self);

  switch (self->kind)
    {
    case MFA_VERIFICATION_KIND_SIGN_IN:
      mfa_client_attempt_second_factor_async (self->client, mfa_sign_in_get_id (self->sign_in),
                                              mfa_factor_get_strategy (self->factor), stripped,
                                              self->cancellable, attempt_sign_in_cb,
                                              g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_REVERIFICATION:
      mfa_client_attempt_reverification_async (self->client, self->step,
                                               mfa_factor_get_strategy (self->factor), stripped,
                                               self->cancellable, attempt_reverification_cb,
                                               g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_TOTP:
      mfa_client_attempt_totp_verification_async (self->client, stripped, self->cancellable,
                                                  attempt_totp_cb, g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_PHONE:
    default:
      mfa_client_attempt_phone_verification_async (self->client,
                                                   mfa_phone_number_get_id (self->phone),
                                                   stripped, self->cancellable,
                                                   attempt_phone_cb, g_object_ref (self));
      break;
    }
}

/* An authenticator app's set-up */

static void
create_totp_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MfaVerification) self = user_data;
  g_autoptr(AnswerScope) scope = NULL;
  g_autoptr(GListStore) totp_factor = NULL;
  g_autoptr(MfaFactor) factor = NULL;
  g_autoptr(MfaTotp) totp = NULL;
  g_autoptr(GError) error = NULL;

  totp = mfa_client_create_totp_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_verification_is_cancelled (error))
    return;

  scope = begin_answer (self);

  if (totp == NULL)
    {
      if (handle_fatal (self, error))
        return;

      show_start_problem (self, error,
                          _("Nothing was set up: the change needs you to confirm it is you."));
      return;
    }

  _mfa_verification_set_totp (self, totp, NULL);

  /* Nothing is sent: the app shows the code once it has the secret. */
  totp_factor = g_list_store_new (MFA_TYPE_FACTOR);
  factor = mfa_factor_new ("totp", NULL, NULL, FALSE);
  g_list_store_append (totp_factor, factor);
  _mfa_verification_offer_factors (self, G_LIST_MODEL (totp_factor));
}

/**
 * mfa_verification_start:
 * @self: a #MfaVerification
 *
 * Starts over: a step-up asks the service which factors it takes, a
 * phone's verification sends a code to it unless one is still waiting to
 * be entered, an authenticator app's set-up asks for a new secret. A
 * sign-in goes back to its identifier and password.
 */
void
mfa_verification_start (MfaVerification *self)
{
  g_autoptr(GListStore) phone_factor = NULL;
  g_autoptr(MfaFactor) factor = NULL;

  g_return_if_fail (MFA_IS_VERIFICATION (self));

  _mfa_verification_restart_cancellable (self);
  _mfa_verification_set_busy (self, FALSE);
  _mfa_verification_set_error (self, NULL);
  _mfa_verification_set_message (self, NULL, FALSE);

  switch (self->kind)
    {
    case MFA_VERIFICATION_KIND_SIGN_IN:
      g_clear_object (&self->sign_in);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_IDLE);
      break;

    case MFA_VERIFICATION_KIND_REVERIFICATION:
      g_clear_object (&self->reverification);
      /* A new reverification has sent no code yet. */
      _mfa_verification_clear_cooldowns (self);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_LOADING);
      _mfa_verification_set_busy (self, TRUE);
      g_debug ("Starting reverification at level %s", self->level);
      mfa_client_verify_session_async (self->client, self->level, self->cancellable,
                                       verify_session_cb, g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_TOTP:
      /* A new secret each time: one made before and not verified is
       * replaced by the service. */
      _mfa_verification_set_totp (self, NULL, NULL);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_LOADING);
      _mfa_verification_set_busy (self, TRUE);
      mfa_client_create_totp_async (self->client, self->cancellable,
                                    create_totp_cb, g_object_ref (self));
      break;

    case MFA_VERIFICATION_KIND_PHONE:
    default:
      phone_factor = g_list_store_new (MFA_TYPE_FACTOR);
      factor = mfa_factor_new ("phone_code", mfa_phone_number_get_id (self->phone),
                               mfa_phone_number_get_phone_number (self->phone), FALSE);
      g_list_store_append (phone_factor, factor);
      /* Offering the number sends its code, unless one is still waiting
       * to be entered or went out moments ago.
       */
      _mfa_verification_offer_factors (self, G_LIST_MODEL (phone_factor));
      break;
    }
}
