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

#include "mfa-client-error.h"

typedef struct
{
  char           *clerk_code;
  char           *param_name;
  char           *trace_id;
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
