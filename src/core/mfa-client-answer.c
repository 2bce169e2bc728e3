/* mfa-client-answer.c
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

#include <glib/gi18n.h>

#include "mfa-client-private.h"

/* What an answer says: the result a call asked for and the client that
 * comes with it, or the error, in the app's words. Nothing here changes
 * the client: mfa-client-transport.c decides what is applied.
 */

/* mfa_device_compare() for a GPtrArray, whose sort gives pointers to
 * its elements. */
static int
compare_devices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return mfa_device_compare (*(MfaDevice * const *) a, *(MfaDevice * const *) b, user_data);
}

static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      return MAX (0, g_date_time_difference (date, now) / G_USEC_PER_SEC);
    }
  return -1;
}

/* A refusal of the service as an error; the person reads the app's own
 * sentence. */
GError *
mfa_client_answer_to_error (MfaClient          *self,
                            MfaClientRequest   *request,
                            guint               status,
                            SoupMessageHeaders *headers,
                            JsonNode           *root)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *param_name = NULL;
  g_autofree char *trace_id = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *advice = NULL;
  g_auto(GStrv) suggested = NULL;
  const char *sentence;
  MfaClientError kind;
  GError *error;

  mfa_fapi_parse_errors (root, &code, &message, &param_name, &trace_id);

  if (status == SOUP_STATUS_UNAUTHORIZED ||
      g_strcmp0 (code, "client_not_found") == 0 ||
      (status == SOUP_STATUS_NOT_FOUND && request->session_scoped))
    kind = MFA_CLIENT_ERROR_SESSION_GONE;
  else if (status == SOUP_STATUS_FORBIDDEN && g_strcmp0 (code, "session_reverification_required") == 0)
    kind = MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED;
  else if (status == 429)
    kind = MFA_CLIENT_ERROR_RATE_LIMITED;
  else if (status >= 500)
    kind = MFA_CLIENT_ERROR_SERVER;
  else if (g_strcmp0 (code, "form_code_incorrect") == 0)
    kind = MFA_CLIENT_ERROR_CODE_INCORRECT;
  else if (g_strcmp0 (code, "verification_expired") == 0)
    kind = MFA_CLIENT_ERROR_VERIFICATION_EXPIRED;
  else if (g_strcmp0 (code, "verification_failed") == 0)
    kind = MFA_CLIENT_ERROR_VERIFICATION_FAILED;
  else if (status == SOUP_STATUS_NOT_FOUND)
    kind = MFA_CLIENT_ERROR_NOT_FOUND;
  else
    kind = MFA_CLIENT_ERROR_FAILED;

  /* The person reads the app's own sentence, in their language; the
   * service's words go to the details. */
  sentence = mfa_client_error_sentence_for_code (code, param_name);
  if (sentence == NULL)
    {
      if (status >= 500)
        fallback = g_strdup_printf (_("%s had a problem and could not answer (HTTP %u)"),
                                    self->host, status);
      else if (kind == MFA_CLIENT_ERROR_SESSION_GONE)
        fallback = g_strdup (_("You are signed out"));
      else if (kind == MFA_CLIENT_ERROR_RATE_LIMITED)
        fallback = g_strdup (_("Too many attempts. Wait a moment and try again."));
      else
        fallback = g_strdup_printf (_("%s refused the request (HTTP %u)"), self->host, status);
      sentence = fallback;
    }
  /* A password too easy to guess: what would make it harder, where the
   * service says, in the app's words. */
  else if ((suggested = mfa_fapi_parse_error_suggestions (root)) != NULL &&
           (advice = mfa_client_error_dup_suggestions ((const char * const *) suggested)) != NULL)
    {
      fallback = g_strdup_printf ("%s %s", sentence, advice);
      sentence = fallback;
    }

  error = mfa_client_error_new (kind, sentence, code, param_name, trace_id, status,
                                parse_retry_after (headers));
  mfa_client_error_set_server_message (error, message);

  return error;
}

/* A request that got no answer, or not all of it, as an error.
 * @status: the answer's HTTP status once its status line had arrived,
 *   else 0 */
GError *
mfa_client_transport_error (MfaClient    *self,
                            const GError *error,
                            guint         status)
{
  MfaClientError kind;
  g_autofree char *message = NULL;

  g_debug ("transport failure: %s", error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      kind = MFA_CLIENT_ERROR_CONNECTION_REFUSED;
      message = g_strdup_printf (_("Could not connect to %s"), self->host);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      kind = MFA_CLIENT_ERROR_TIMEOUT;
      message = g_strdup_printf (_("%s did not answer in time"), self->host);
    }
  else if (error->domain == G_TLS_ERROR)
    {
      kind = MFA_CLIENT_ERROR_TLS;
      message = g_strdup_printf (_("The secure connection to %s failed"), self->host);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && status != 0)
    {
      kind = MFA_CLIENT_ERROR_BAD_RESPONSE;
      message = g_strdup_printf (_("The answer of %s was cut off"), self->host);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      /* The service did answer: its status goes to the details. */
      message = g_strdup_printf (_("The answer of %s was too large to be read"), self->host);
      return mfa_client_error_new (MFA_CLIENT_ERROR_RESPONSE_TOO_LARGE, message,
                                   NULL, NULL, NULL, status, -1);
    }
  else
    {
      kind = MFA_CLIENT_ERROR_NETWORK;
      message = g_strdup_printf (_("Could not reach %s"), self->host);
    }

  return mfa_client_error_new (kind, message, NULL, NULL, NULL, 0, -1);
}

void
mfa_client_answer_clear (MfaClientAnswer *answer)
{
  mfa_fapi_client_clear (&answer->client);
  g_clear_object (&answer->user);
  g_clear_object (&answer->sign_in);
  g_clear_object (&answer->phone);
  g_clear_object (&answer->codes);
  g_clear_object (&answer->reverification);
  g_clear_object (&answer->environment);
  g_clear_object (&answer->totp);
  g_clear_pointer (&answer->devices, g_ptr_array_unref);
}

/* Where the answer keeps the client: `response` first for the canonical
 * GET /v1/client, else `client`, else `meta.client`. */
gboolean
mfa_client_answer_find_client (MfaClientRequest  *request,
                               JsonObject        *envelope,
                               gboolean          *apply,
                               JsonNode         **client)
{
  JsonNode *response = json_object_get_member (envelope, "response");
  JsonNode *node = json_object_get_member (envelope, "client");
  JsonNode *meta = json_object_get_member (envelope, "meta");

  *apply = FALSE;
  *client = NULL;

  if (request->canonical)
    {
      *apply = TRUE;
      if (response != NULL && !JSON_NODE_HOLDS_NULL (response))
        *client = response;
      else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        *client = node;
      return TRUE;
    }

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      *apply = TRUE;
      *client = node;
    }
  else if (node == NULL && meta != NULL && JSON_NODE_HOLDS_OBJECT (meta) &&
           json_object_has_member (json_node_get_object (meta), "client") &&
           !JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (meta), "client")))
    {
      *apply = TRUE;
      *client = json_object_get_member (json_node_get_object (meta), "client");
    }
  else if (node != NULL && response == NULL)
    {
      /* `client: null` without a `response`: the client is gone. */
      *apply = TRUE;
    }
  return TRUE;
}

/* Reads all of @root into @answer, or fails and leaves it empty enough
 * to be cleared. */
gboolean
mfa_client_answer_read (MfaClientAnswer   *answer,
                        MfaClientRequest  *request,
                        JsonNode          *root,
                        GError           **error)
{
  JsonObject *envelope;
  JsonNode *response;
  JsonNode *client = NULL;

  /* The active sessions are a bare array, with no client either. */
  if (request->kind == MFA_RESULT_DEVICES)
    {
      answer->devices = mfa_fapi_parse_active_sessions (root, error);
      return answer->devices != NULL;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an answer that cannot be read"));
      return FALSE;
    }
  /* The environment is a bare object, with no client in it. */
  if (request->kind == MFA_RESULT_ENVIRONMENT)
    {
      answer->environment = mfa_fapi_parse_environment (root, error);
      return answer->environment != NULL;
    }

  envelope = json_node_get_object (root);
  mfa_client_answer_find_client (request, envelope, &answer->apply, &client);
  if (client != NULL)
    {
      if (!mfa_fapi_parse_client (client, &answer->client, error))
        return FALSE;
      answer->has_client = TRUE;
    }

  response = json_object_get_member (envelope, "response");
  if (request->kind != MFA_RESULT_BOOLEAN && (response == NULL || JSON_NODE_HOLDS_NULL (response)))
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an answer without its result"));
      return FALSE;
    }

  switch (request->kind)
    {
    case MFA_RESULT_BOOLEAN:
      return TRUE;

    case MFA_RESULT_ENVIRONMENT:
      g_assert_not_reached ();

    case MFA_RESULT_SIGN_IN:
      answer->sign_in = mfa_fapi_parse_sign_in (response, error);
      return answer->sign_in != NULL;

    case MFA_RESULT_USER:
      answer->user = mfa_fapi_parse_user (response, NULL, error);
      return answer->user != NULL;

    case MFA_RESULT_PHONE:
      answer->phone = mfa_fapi_parse_phone_number (response, error);
      return answer->phone != NULL;

    case MFA_RESULT_PHONE_PATCH:
      answer->phone = mfa_fapi_parse_phone_number (response, error);
      return answer->phone != NULL &&
             mfa_fapi_parse_phone_backup_codes (response, &answer->codes, error);

    case MFA_RESULT_DELETED:
      return mfa_fapi_parse_deleted (response, NULL, error);

    case MFA_RESULT_SESSION:
      return mfa_fapi_parse_session (response, NULL, NULL, error);

    case MFA_RESULT_BACKUP_CODES:
      answer->codes = mfa_fapi_parse_backup_codes (response, error);
      return answer->codes != NULL;

    case MFA_RESULT_REVERIFICATION:
      answer->reverification = mfa_fapi_parse_reverification (response, error);
      return answer->reverification != NULL;

    case MFA_RESULT_TOTP:
      answer->totp = mfa_fapi_parse_totp (response, &answer->codes, error);
      return answer->totp != NULL;

    case MFA_RESULT_DEVICES:
      g_assert_not_reached ();

    default:
      g_assert_not_reached ();
    }
}

/* Returns the result of @answer from @task: the objects the model
 * holds where it holds them, so that the caller and the views share
 * one. */
void
mfa_client_answer_return (MfaClientAnswer  *answer,
                          MfaClient        *self,
                          GTask            *task,
                          MfaClientRequest *request)
{
  switch (request->kind)
    {
    case MFA_RESULT_BOOLEAN:
    case MFA_RESULT_ENVIRONMENT:
    case MFA_RESULT_DELETED:
    case MFA_RESULT_SESSION:
      g_task_return_boolean (task, TRUE);
      break;

    case MFA_RESULT_SIGN_IN:
      g_task_return_pointer (task, g_steal_pointer (&answer->sign_in), g_object_unref);
      break;

    case MFA_RESULT_USER:
      if (self->user != NULL &&
          g_strcmp0 (mfa_user_get_id (self->user), mfa_user_get_id (answer->user)) == 0)
        g_task_return_pointer (task, g_object_ref (self->user), g_object_unref);
      else
        g_task_return_pointer (task, g_steal_pointer (&answer->user), g_object_unref);
      break;

    case MFA_RESULT_PHONE:
    case MFA_RESULT_PHONE_PATCH:
      {
        MfaPhoneNumber *stable = NULL;

        if (answer->codes != NULL)
          g_object_set_data_full (G_OBJECT (task), "backup-codes",
                                  g_steal_pointer (&answer->codes), g_object_unref);

        /* Hand out the object the views already show, not a copy. */
        if (self->user != NULL)
          stable = mfa_user_find_phone_number (self->user, mfa_phone_number_get_id (answer->phone));
        if (stable != NULL)
          g_task_return_pointer (task, g_object_ref (stable), g_object_unref);
        else
          g_task_return_pointer (task, g_steal_pointer (&answer->phone), g_object_unref);
      }
      break;

    case MFA_RESULT_BACKUP_CODES:
      g_task_return_pointer (task, g_steal_pointer (&answer->codes), g_object_unref);
      break;

    case MFA_RESULT_REVERIFICATION:
      g_task_return_pointer (task, g_steal_pointer (&answer->reverification), g_object_unref);
      break;

    case MFA_RESULT_DEVICES:
      /* This app's session first, then by last use. */
      for (guint i = 0; i < answer->devices->len; i++)
        {
          MfaDevice *device = g_ptr_array_index (answer->devices, i);

          mfa_device_set_current (device, g_strcmp0 (mfa_device_get_session_id (device),
                                                     self->session_id) == 0);
        }
      g_ptr_array_sort_with_data (answer->devices, compare_devices, NULL);
      g_task_return_pointer (task, g_steal_pointer (&answer->devices),
                             (GDestroyNotify) g_ptr_array_unref);
      break;

    case MFA_RESULT_TOTP:
      if (answer->codes != NULL)
        g_object_set_data_full (G_OBJECT (task), "backup-codes",
                                g_steal_pointer (&answer->codes), g_object_unref);
      g_task_return_pointer (task, g_steal_pointer (&answer->totp), g_object_unref);
      break;

    default:
      g_assert_not_reached ();
    }
}
