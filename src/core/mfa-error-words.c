/* mfa-error-words.c
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

#define G_LOG_DOMAIN "mfa-error-words"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-client-error.h"
#include "mfa-error-words.h"
#include "mfa-instance.h"

/* The one place where an error becomes the sentence a person reads.
 * The client's errors already carry a sentence per Clerk code (see
 * mfa-client-error.c); this adds what depends on what the person was
 * doing, and never shows a server's own text as the headline.
 */

/**
 * mfa_error_format_retry:
 * @seconds: how long the service asked to wait
 *
 * Returns: (transfer full): “Too many attempts. Try again in @seconds
 *   seconds.”
 */
char *
mfa_error_format_retry (gint64 seconds)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many attempts. Try again in %d second.",
                                       "Too many attempts. Try again in %d seconds.",
                                       (gulong)seconds),
                          (int)seconds);
}

static char *
describe_unreachable (MfaErrorContext  context,
                      const char      *base_url)
{
  g_autofree char *host = base_url != NULL ? mfa_instance_get_display_host (base_url) : g_strdup ("");

  if (context == MFA_ERROR_CONTEXT_SEND_CODE)
    /* Translators: %s is a host name */
    return g_strdup_printf (_("Could not reach %s. No code was sent: check the connection and send the code again."),
                            host);

  if (context == MFA_ERROR_CONTEXT_CHECK_CODE || context == MFA_ERROR_CONTEXT_CHECK_SENT_CODE)
    /* Translators: %s is a host name */
    return g_strdup_printf (_("Could not reach %s. Your code is kept: check the connection and try again."),
                            host);

  /* Beside its Retry button. */
  if (context == MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY || context == MFA_ERROR_CONTEXT_USE_NUMBER ||
      context == MFA_ERROR_CONTEXT_REMOVE_NUMBER)
    /* Translators: %s is a host name */
    return g_strdup_printf (_("Could not reach %s"), host);

  /* Translators: %s is a host name */
  return g_strdup_printf (_("Could not reach %s. Check your connection and try again."), host);
}

/* A service that would not do at start: the page that says so explains
 * what to check. */
static char *
describe_connect (const GError    *error,
                  MfaErrorContext  context,
                  const char      *base_url)
{
  g_autofree char *host = base_url != NULL ? mfa_instance_get_display_host (base_url) : g_strdup ("");
  guint status = error != NULL && error->domain == MFA_CLIENT_ERROR ? mfa_client_error_get_status (error) : 0;

  /* A Clerk instance that says why, such as the Native API switched off. */
  if (error != NULL && error->domain == MFA_CLIENT_ERROR &&
      mfa_client_error_sentence_for_code (mfa_client_error_get_clerk_code (error),
                                          mfa_client_error_get_param_name (error)) != NULL)
    return g_strdup (error->message);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE))
    /* Translators: %s is a host name such as clerk.example.com */
    return g_strdup_printf (_("%s answers, but not as a Clerk Frontend API. Check that the key or the address is your service’s."),
                            host);

  if (status >= 400)
    /* Translators: %s is a host name such as clerk.example.com, %u an HTTP status */
    return g_strdup_printf (_("%s answered with an error (HTTP %u); it may not be a Clerk Frontend API"),
                            host, status);

  /* Nothing worked with this service yet: the key may be wrong. */
  if (context == MFA_ERROR_CONTEXT_CONNECT_NEW)
    return g_strdup (_("The service did not answer. Check that this computer is online and that the key is right."));

  return g_strdup (_("The service did not answer. Check that this computer is online."));
}

/**
 * mfa_error_describe:
 * @error: (nullable): what went wrong; %NULL only when connecting, for a
 *   service that gave no answer at all
 * @context: what the person was doing
 * @base_url: (nullable): the service, named when it cannot be reached
 * @subject: (nullable): the phone number the change is about, as shown,
 *   named where the sentence is read away from it (in a toast)
 *
 * Returns: (transfer full): the sentence to show for @error
 */
char *
mfa_error_describe (const GError    *error,
                    MfaErrorContext  context,
                    const char      *base_url,
                    const char      *subject)
{
  const char *clerk_code;
  gint64 retry_after;

  if (context == MFA_ERROR_CONTEXT_CONNECT || context == MFA_ERROR_CONTEXT_CONNECT_NEW)
    return describe_connect (error, context, base_url);

  g_return_val_if_fail (error != NULL, NULL);

  /* GLib's and the keyring's own errors come translated. */
  if (error->domain != MFA_CLIENT_ERROR)
    return g_strdup (error->message);

  if (mfa_client_error_is_transport (error))
    return describe_unreachable (context, base_url);

  clerk_code = mfa_client_error_get_clerk_code (error);

  /* A number refused as it is added: what to do about it, next to it. */
  if (context == MFA_ERROR_CONTEXT_ADD_NUMBER)
    {
      if (g_strcmp0 (clerk_code, "form_identifier_exists") == 0)
        return g_strdup (_("This number is already in use by another account. "
                           "Enter a different number."));
      if (g_strcmp0 (clerk_code, "unsupported_country_code") == 0 ||
          g_strcmp0 (clerk_code, "not_allowed_access") == 0)
        return g_strdup (_("The service cannot send text messages to numbers in this "
                           "country. Use a number from another country."));
      if (g_strcmp0 (clerk_code, "form_param_format_invalid") == 0)
        return g_strdup (_("The service does not accept this number. Check it and try again."));
    }

  if (subject != NULL && context == MFA_ERROR_CONTEXT_USE_NUMBER &&
      g_strcmp0 (clerk_code, "identification_update_failed") == 0)
    /* Translators: %s is a phone number */
    return g_strdup_printf (_("%s is the only way to sign in to your account, so it cannot "
                              "receive sign-in codes. Add another way to sign in first."),
                            subject);

  if (subject != NULL && g_strcmp0 (clerk_code, "identification_deletion_failed") == 0)
    /* Translators: %s is a phone number */
    return g_strdup_printf (_("%s is the only way to sign in to your account, so it cannot "
                              "be removed."),
                            subject);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    {
      if (context == MFA_ERROR_CONTEXT_SEND_CODE)
        return g_strdup (_("A code was sent a moment ago. You can ask for another when the countdown ends."));
      retry_after = mfa_client_error_get_retry_after (error);
      if (retry_after > 0)
        return mfa_error_format_retry (retry_after);
      return g_strdup (_("Too many attempts. Wait a moment and try again."));
    }

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_CODE_INCORRECT) &&
      context == MFA_ERROR_CONTEXT_CHECK_SENT_CODE)
    return g_strdup (_("Wrong code. Check it and try again, or send a new code."));

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED))
    return g_strdup (_("This code has expired. Send a new one."));

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
    return g_strdup (_("Too many wrong codes. Send a new code and try again."));

  return g_strdup (error->message);
}
