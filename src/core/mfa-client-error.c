/* mfa-client-error.c
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

#define G_LOG_DOMAIN "mfa-client-error"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-client-error.h"

typedef struct
{
  char           *clerk_code;
  char           *param_name;
  char           *trace_id;
  char           *server_message;
  guint           status;
  gint64          retry_after;
  gpointer        replay;
  GBoxedCopyFunc  replay_ref;
  GDestroyNotify  replay_unref;
} MfaClientErrorPrivate;

static void
mfa_client_error_private_init (MfaClientErrorPrivate *priv)
{
  priv->retry_after = -1;
}

static void
mfa_client_error_private_copy (const MfaClientErrorPrivate *src,
                               MfaClientErrorPrivate       *dest)
{
  dest->clerk_code = g_strdup (src->clerk_code);
  dest->param_name = g_strdup (src->param_name);
  dest->trace_id = g_strdup (src->trace_id);
  dest->server_message = g_strdup (src->server_message);
  dest->status = src->status;
  dest->retry_after = src->retry_after;
  dest->replay_ref = src->replay_ref;
  dest->replay_unref = src->replay_unref;
  dest->replay = src->replay != NULL ? src->replay_ref (src->replay) : NULL;
}

static void
mfa_client_error_private_clear (MfaClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->clerk_code, g_free);
  g_clear_pointer (&priv->param_name, g_free);
  g_clear_pointer (&priv->trace_id, g_free);
  g_clear_pointer (&priv->server_message, g_free);
  if (priv->replay != NULL)
    g_clear_pointer (&priv->replay, priv->replay_unref);
}

G_DEFINE_EXTENDED_ERROR (MfaClientError, mfa_client_error)

static MfaClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != MFA_CLIENT_ERROR)
    return NULL;
  return mfa_client_error_get_private (error);
}

/**
 * mfa_client_error_new:
 * @message: what a person reads: Clerk's `long_message`, else `message`,
 *   else a sentence of ours
 * @clerk_code: (nullable): the first error's `code`
 * @param_name: (nullable): its `meta.param_name`
 * @trace_id: (nullable): the body's `clerk_trace_id`
 * @status: the HTTP status, 0 when there was no answer
 * @retry_after: seconds of `Retry-After`, or -1
 *
 * Returns: (transfer full): a new error of the %MFA_CLIENT_ERROR domain
 */
GError *
mfa_client_error_new (MfaClientError  code,
                      const char     *message,
                      const char     *clerk_code,
                      const char     *param_name,
                      const char     *trace_id,
                      guint           status,
                      gint64          retry_after)
{
  GError *error = g_error_new_literal (MFA_CLIENT_ERROR, code, message);
  MfaClientErrorPrivate *priv = get_private (error);

  priv->clerk_code = g_strdup (clerk_code);
  priv->param_name = g_strdup (param_name);
  priv->trace_id = g_strdup (trace_id);
  priv->status = status;
  priv->retry_after = retry_after;
  return error;
}

/**
 * mfa_client_error_set_server_message:
 * @error: a %MFA_CLIENT_ERROR error
 * @message: (nullable): what the service said, in its own words
 *
 * The service's text (Clerk's `long_message`, else `message`) is kept for
 * the copyable details only: what a person reads is the app's own,
 * translated sentence.
 */
void
mfa_client_error_set_server_message (GError     *error,
                                     const char *message)
{
  MfaClientErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);

  g_free (priv->server_message);
  priv->server_message = g_strdup (message);
}

/**
 * mfa_client_error_get_server_message:
 *
 * Returns: (nullable): the service's own text, for details only
 */
const char *
mfa_client_error_get_server_message (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_message : NULL;
}

typedef struct
{
  const char *code;
  const char *param;     /* NULL: any */
  const char *sentence;
} Sentence;

/* Every Clerk error code the app can meet, in the app's words. */
static const Sentence sentences[] = {
  { "form_code_incorrect", NULL, N_("The code is not right. Check it and try again.") },
  { "totp_incorrect_code", NULL, N_("The code is not right. Check it and try again.") },
  { "verification_expired", NULL, N_("The code has expired. Ask for a new one.") },
  { "verification_failed", NULL, N_("Too many wrong codes. Ask for a new code and try again.") },
  { "verification_already_verified", NULL, N_("This was verified already.") },
  { "verification_not_sent", NULL, N_("No code was sent yet. Ask for a code first.") },
  { "verification_missing", NULL, N_("No code was sent yet. Ask for a code first.") },
  { "verification_strategy_invalid", NULL, N_("This way of verifying cannot be used here.") },
  { "verification_code_too_many_requests", NULL, N_("A code was sent a moment ago. Wait a little before asking for another.") },
  { "form_param_format_invalid", "phone_number", N_("This is not a phone number the service accepts.") },
  { "form_param_format_invalid", NULL, N_("The service did not accept what was sent.") },
  { "form_param_missing", NULL, N_("Something the service needs was missing.") },
  { "form_param_unknown", NULL, N_("The service did not accept what was sent.") },
  { "form_param_value_invalid", NULL, N_("The service did not accept what was sent.") },
  { "form_param_nil", NULL, N_("The service did not accept what was sent.") },
  { "form_param_type_invalid", NULL, N_("The service did not accept what was sent.") },
  { "form_identifier_exists", "phone_number", N_("This phone number is already used, by your account or another one.") },
  { "form_identifier_exists", NULL, N_("This is already used, by your account or another one.") },
  { "form_identifier_not_found", NULL, N_("No account was found with this email address, phone number or username.") },
  { "form_password_incorrect", NULL, N_("The password is not right.") },
  { "form_password_length_too_short", NULL, N_("The new password is too short.") },
  { "form_password_length_too_long", NULL, N_("The new password is too long.") },
  { "form_password_no_uppercase", NULL, N_("The new password needs a capital letter.") },
  { "form_password_no_lowercase", NULL, N_("The new password needs a small letter.") },
  { "form_password_no_number", NULL, N_("The new password needs a digit.") },
  { "form_password_no_special_char", NULL, N_("The new password needs a special character.") },
  { "form_password_not_strong_enough", NULL, N_("The new password is too easy to guess. Make it longer, or less like a word, a name or a pattern.") },
  { "form_password_pwned", NULL, N_("This password has appeared in a data breach elsewhere. Choose another one.") },
  { "form_new_password_matches_current", NULL, N_("The new password is the same as the current one.") },
  { "form_verification_needed", NULL, N_("The number has to be verified first.") },
  { "form_disable_default_second_factor_not_allowed", NULL, N_("The default number stays in use until another number is made the default.") },
  { "identification_update_second_factor_unverified", NULL, N_("Only a verified number can receive sign-in codes.") },
  { "identification_update_failed", NULL, N_("This number is the only way to sign in to your account, so it cannot be used for two-step verification.") },
  { "identification_deletion_failed", NULL, N_("This is the only way to sign in to your account, so it cannot be removed.") },
  { "last_required_identification_deletion_failed", NULL, N_("This is the only way to sign in to your account, so it cannot be removed.") },
  { "second_factor_deletion_not_allowed", NULL, N_("The service requires two-step verification, so the last way to receive codes cannot be removed.") },
  { "too_many_unverified_identifications", NULL, N_("Too many numbers are waiting to be verified. Verify or remove one first.") },
  { "totp_already_enabled", NULL, N_("An authenticator app is set up already. Remove it first to set up another.") },
  { "feature_not_enabled", NULL, N_("The service does not allow this.") },
  { "backup_codes_not_available", NULL, N_("Backup codes can be made only while two-step verification is on.") },
  { "no_second_factors", NULL, N_("Your account has no way to receive a sign-in code.") },
  { "strategy_for_user_invalid", NULL, N_("This way of signing in is not available for your account.") },
  { "session_reverification_required", NULL, N_("Confirm it is you to make this change.") },
  { "session_reverification_missing", NULL, N_("The confirmation could not go on. Start it again.") },
  { "invalid_action_for_session_reverification", NULL, N_("The confirmation could not go on. Start it again.") },
  { "authentication_invalid", NULL, N_("You are signed out.") },
  { "signed_out", NULL, N_("You are signed out.") },
  { "client_not_found", NULL, N_("You are signed out.") },
  { "resource_not_found", NULL, N_("The service no longer knows this. Reload and try again.") },
  { "resource_forbidden", NULL, N_("This can no longer be changed from here.") },
  { "session_exists", NULL, N_("You are signed in already.") },
  { "user_locked", NULL, N_("Your account is locked for now after too many attempts. Try again later.") },
  { "not_allowed_access", NULL, N_("The service does not allow this.") },
  { "unsupported_country_code", NULL, N_("The service cannot send text messages to this country.") },
  { "dev_monthly_sms_limit_exceeded", NULL, N_("The service has sent as many text messages as it may this month.") },
  { "sms_send_error", NULL, N_("The text message could not be sent. Try again later.") },
  { "native_api_disabled", NULL, N_("This service does not let apps sign in: its administrator has to switch on “Native API” in the Clerk Dashboard (Configure → Native applications).") },
  { "too_many_requests", NULL, N_("Too many attempts. Wait a moment and try again.") },
  { "internal_clerk_error", NULL, N_("The service had a problem. Try again later.") },
};

/* How a password would be harder to guess, by the code the service gives
 * each suggestion (zxcvbn's). */
static const Sentence suggestions[] = {
  { "useWords", NULL, N_("Use a few words together, not a common phrase.") },
  { "anotherWord", NULL, N_("Add another word or two; uncommon words are better.") },
  { "capitalization", NULL, N_("Capitalize more than the first letter.") },
  { "allUppercase", NULL, N_("Capitalize some letters, not all of them.") },
  { "reverseWords", NULL, N_("Avoid words spelled backwards.") },
  { "l33t", NULL, N_("Avoid predictable substitutions, such as “@” for “a”.") },
  { "associatedYears", NULL, N_("Avoid years that are associated with you.") },
  { "recentYears", NULL, N_("Avoid recent years.") },
  { "dates", NULL, N_("Avoid dates and years that are associated with you.") },
  { "sequences", NULL, N_("Avoid common sequences of characters, such as “abc” or “123”.") },
  { "repeated", NULL, N_("Avoid repeated words and characters.") },
  { "longerKeyboardPattern", NULL, N_("Avoid patterns of keys next to each other on the keyboard.") },
};

/**
 * mfa_client_error_dup_suggestions:
 * @codes: (nullable): the codes of the service's suggestions for a
 *   stronger password
 *
 * Returns: (transfer full) (nullable): those the app knows, in its own
 *   words and the person's language, one sentence each; %NULL for none
 */
char *
mfa_client_error_dup_suggestions (const char * const *codes)
{
  g_autoptr(GString) text = NULL;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (suggestions); j++)
        {
          if (!g_str_equal (codes[i], suggestions[j].code))
            continue;
          if (text == NULL)
            text = g_string_new (NULL);
          else
            g_string_append_c (text, ' ');
          g_string_append (text, _(suggestions[j].sentence));
        }
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * mfa_client_error_sentence_for_code:
 * @clerk_code: (nullable): Clerk's error code
 * @param_name: (nullable): the parameter it is about
 *
 * Returns: (nullable): the app's translated sentence for the code, or
 *   %NULL for a code the app does not know
 */
const char *
mfa_client_error_sentence_for_code (const char *clerk_code,
                                    const char *param_name)
{
  if (clerk_code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if (g_str_equal (sentences[i].code, clerk_code) &&
          (sentences[i].param == NULL || g_strcmp0 (sentences[i].param, param_name) == 0))
        return g_dgettext (GETTEXT_PACKAGE, sentences[i].sentence);
    }

  return NULL;
}

/**
 * mfa_client_error_get_clerk_code:
 *
 * Returns: (nullable): Clerk's code of the first error in the answer
 */
const char *
mfa_client_error_get_clerk_code (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->clerk_code : NULL;
}

/**
 * mfa_client_error_get_param_name:
 *
 * Returns: (nullable): the form field the error is about
 */
const char *
mfa_client_error_get_param_name (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->param_name : NULL;
}

/**
 * mfa_client_error_get_trace_id:
 *
 * Returns: (nullable): the answer's `clerk_trace_id`
 */
const char *
mfa_client_error_get_trace_id (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->trace_id : NULL;
}

/**
 * mfa_client_error_get_status:
 *
 * Returns: the HTTP status, or 0 when no answer came
 */
guint
mfa_client_error_get_status (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

/**
 * mfa_client_error_get_retry_after:
 *
 * Returns: the seconds of the answer's `Retry-After`, or -1
 */
gint64
mfa_client_error_get_retry_after (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

/**
 * mfa_client_error_is_transport:
 *
 * Returns: whether the server could not be reached or did not answer:
 *   the case where the app says "could not reach" and offers Retry
 */
gboolean
mfa_client_error_is_transport (const GError *error)
{
  return g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_TIMEOUT) ||
         g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_TLS) ||
         g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_NETWORK);
}

/**
 * mfa_client_error_dup_details:
 *
 * The text behind "Copy details": the message, Clerk's code, the HTTP
 * status and the trace id. Never a token.
 *
 * Returns: (transfer full): the details
 */
char *
mfa_client_error_dup_details (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);
  GString *text;

  g_return_val_if_fail (error != NULL, NULL);

  text = g_string_new (error->message);
  if (priv != NULL)
    {
      if (priv->clerk_code != NULL)
        g_string_append_printf (text, "\ncode: %s", priv->clerk_code);
      if (priv->param_name != NULL)
        g_string_append_printf (text, "\nparameter: %s", priv->param_name);
      if (priv->status != 0)
        g_string_append_printf (text, "\nHTTP status: %u", priv->status);
      if (priv->trace_id != NULL)
        g_string_append_printf (text, "\nclerk_trace_id: %s", priv->trace_id);
      if (priv->server_message != NULL)
        g_string_append_printf (text, "\nmessage from the service: %s", priv->server_message);
    }
  return g_string_free (text, FALSE);
}

void
mfa_client_error_set_replay (GError         *error,
                             gpointer        request,
                             GBoxedCopyFunc  ref_func,
                             GDestroyNotify  unref_func)
{
  MfaClientErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  g_return_if_fail (request == NULL || (ref_func != NULL && unref_func != NULL));

  if (priv->replay != NULL)
    g_clear_pointer (&priv->replay, priv->replay_unref);
  priv->replay_ref = ref_func;
  priv->replay_unref = unref_func;
  priv->replay = request != NULL ? ref_func (request) : NULL;
}

gpointer
mfa_client_error_get_replay (const GError *error)
{
  MfaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->replay : NULL;
}
