/* mfa-client-transport.c
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
#include <string.h>

#include "mfa-client-private.h"

/* How every request goes out and how its answer comes back: the URL and
 * headers, the deadline of the whole request, the token and the model
 * taken from the answer (which mfa-client-answer.c reads), and what is
 * done about some refusals: a 401 is checked once against the client, a
 * step-up is asked for and the request sent again. Whether the service
 * answers is kept here too.
 */

/* How a request is sent: again after a step-up, again after the client
 * was fetched anew for a 401. Each happens once per request.
 */
typedef enum {
  SEND_FIRST       = 0,
  SEND_REVERIFIED  = 1 << 0,
  SEND_RECHECKED   = 1 << 1,
} SendFlags;

typedef struct
{
  MfaClientRequest *request;
  SoupMessage      *message;
  char             *sent_token;
  guint64           seq;
  GCancellable     *cancellable;     /* ours: the caller's, or the timeout */
  GCancellable     *outer;           /* the caller's */
  gulong            outer_id;
  GSource          *timeout_source;
  gboolean          timed_out;
  SendFlags         flags;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send_data = data;

  if (send_data->outer != NULL)
    g_cancellable_disconnect (send_data->outer, send_data->outer_id);
  g_clear_object (&send_data->outer);
  if (send_data->timeout_source != NULL)
    {
      g_source_destroy (send_data->timeout_source);
      g_clear_pointer (&send_data->timeout_source, g_source_unref);
    }
  g_clear_object (&send_data->cancellable);
  g_clear_pointer (&send_data->request, mfa_client_request_unref);
  g_clear_object (&send_data->message);
  g_free (send_data->sent_token);
  g_free (send_data);
}

/* The token */

/* The Authorization header of every answer is the client token from
 * now on; an empty one or a bare "Bearer" clears it. */
static gboolean
apply_token_header (MfaClient          *self,
                    SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *token = NULL;

  if (value == NULL)
    return FALSE;

  token = g_strstrip (g_strdup (value));
  if (*token == '\0' || g_ascii_strcasecmp (token, "Bearer") == 0)
    {
      gboolean had = self->token != NULL;

      mfa_client_set_token (self, NULL);
      memset (token, 0, strlen (token));
      return had;
    }
  mfa_client_set_token (self, token);
  memset (token, 0, strlen (token));
  return FALSE;
}

static void send_request (MfaClient        *self,
                          MfaClientRequest *request,
                          SendFlags         flags,
                          GTask            *task);

/* The person was asked to confirm it is them: on yes, the very same
 * request goes out once more and its answer is the caller's.
 */
static void
reverify_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(MfaClientRequest) request = mfa_client_request_ref (data->request);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!mfa_interaction_reverify_finish (MFA_INTERACTION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          (cancellable == NULL || !g_cancellable_is_cancelled (cancellable)))
        {
          g_task_return_error (task,
                               mfa_client_error_new (MFA_CLIENT_ERROR_REVERIFICATION_DECLINED,
                                                     _("The change was not made: it needs you to confirm it is you"),
                                                     NULL, NULL, NULL, 0, -1));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_request (self, request, data->flags | SEND_REVERIFIED, g_steal_pointer (&task));
}

/* A 401 may be a token that lost a race, not a session that ended: as
 * Clerk's SDKs do, the client is fetched once more; with the session
 * still active the request is sent again, else the session is gone.
 */
static void
recheck_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaClient *self = MFA_CLIENT (object);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(MfaClientRequest) request = mfa_client_request_ref (data->request);
  g_autoptr(GError) error = NULL;
  GError *failure = g_object_get_data (G_OBJECT (task), "mfa-unauthorized");

  if (!mfa_client_refresh_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, g_error_copy (failure));
      return;
    }

  if (self->session_id != NULL)
    {
      g_debug ("%s %s: the session is still active; sending it again",
               request->method, request->path);
      send_request (self, request, data->flags | SEND_RECHECKED, g_steal_pointer (&task));
      return;
    }

  /* The client as fetched has no session: it ended. The fetch may have
   * dropped the session from the model already; say so all the same. */
  if (self->user == NULL)
    mfa_client_emit_session_gone (self);
  else
    mfa_client_lose_session (self, FALSE);
  g_task_return_error (task, g_error_copy (failure));
}

/* A request that got no answer, not all of it, or one too large to
 * read: nothing of it is applied, not even its token. Takes @error.
 */
static void
return_transport_failure (MfaClient *self,
                          GTask     *task,
                          GError    *error)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) failure = error;
  guint status = soup_message_get_status (data->message);

  /* Past the deadline, a body still coming is a timeout like any other. */
  if (data->timed_out && g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&failure);
      failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "request timeout");
      status = 0;
    }
  else if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&failure));
      return;
    }

  /* A body too large came from a service that answers. */
  mfa_client_set_reachable (self, g_error_matches (failure, G_IO_ERROR,
                                                   G_IO_ERROR_MESSAGE_TOO_LARGE));
  g_task_return_error (task, mfa_client_transport_error (self, failure, status));
}

/* An answer as the steps below read it. */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  JsonNode           *root;         /* NULL: an empty body, or not JSON */
  GError             *parse_error;
  gboolean            current;      /* sent with the token held now */
  gboolean            cleared;      /* …and it cleared that token */
} Received;

static void
received_clear (Received *received)
{
  g_clear_pointer (&received->root, json_node_unref);
  g_clear_error (&received->parse_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Received, received_clear)

/* The stale-answer guard, for the token: only an answer to a request
 * sent with the token held now may change the token (or, later, the
 * model). */
static void
accept_token (MfaClient *self,
              SendData  *data,
              Received  *received)
{
  received->current = g_strcmp0 (data->sent_token, self->token) == 0;
  if (received->current)
    received->cleared = apply_token_header (self, received->headers);
  else
    g_debug ("answer to a request sent with an older token: ignored");
}

/* An error may carry the client too (`meta.client`); it is applied when
 * it is the newest answer. */
static void
apply_client_of_error (MfaClient *self,
                       SendData  *data,
                       Received  *received)
{
  g_auto(MfaFapiClient) parsed = { NULL, };
  JsonNode *meta;
  JsonNode *client = NULL;
  gboolean apply;

  if (!received->current || received->root == NULL || !JSON_NODE_HOLDS_OBJECT (received->root) ||
      data->seq <= self->applied_seq)
    return;

  meta = json_object_get_member (json_node_get_object (received->root), "meta");
  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
    return;

  mfa_client_answer_find_client (data->request, json_node_get_object (meta), &apply, &client);
  if (client != NULL && mfa_fapi_parse_client (client, &parsed, NULL))
    {
      self->applied_seq = data->seq;
      mfa_client_apply_client (self, &parsed);
    }
}

/* A 401 with a session held is checked once by fetching the client
 * (see recheck_cb()). Takes @task and @failure when it does. */
static gboolean
recheck_unauthorized (MfaClient  *self,
                      GTask     **task,
                      Received   *received,
                      GError    **failure)
{
  SendData *data = g_task_get_task_data (*task);
  MfaClientRequest *request = data->request;
  GCancellable *cancellable = g_task_get_cancellable (*task);

  if (received->status != SOUP_STATUS_UNAUTHORIZED || received->cleared ||
      self->session_id == NULL || request->canonical || request->signs_out ||
      (data->flags & SEND_RECHECKED) != 0)
    return FALSE;

  g_debug ("%s %s: HTTP 401; fetching the client again", request->method, request->path);
  g_object_set_data_full (G_OBJECT (*task), "mfa-unauthorized",
                          g_steal_pointer (failure), (GDestroyNotify) g_error_free);
  mfa_client_refresh_async (self, cancellable, recheck_cb, g_steal_pointer (task));
  return TRUE;
}

/* A refusal for want of a step-up carries its request, for
 * mfa_client_replay_async(); with an interaction, the person is asked
 * once per request (see reverify_cb()), and @task is taken. */
static gboolean
ask_step_up (MfaClient  *self,
             GTask     **task,
             GError     *failure)
{
  SendData *data = g_task_get_task_data (*task);
  MfaClientRequest *request = data->request;
  GCancellable *cancellable = g_task_get_cancellable (*task);

  if (!g_error_matches (failure, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED))
    return FALSE;

  mfa_client_error_set_replay (failure, request,
                               (GBoxedCopyFunc) mfa_client_request_ref,
                               (GDestroyNotify) mfa_client_request_unref);

  /* Asked once per request: a second refusal goes to the caller. */
  if (self->interaction == NULL || (data->flags & SEND_REVERIFIED) != 0 ||
      request->kind == MFA_RESULT_REVERIFICATION)
    return FALSE;

  g_debug ("%s %s needs a step-up: asking", request->method, request->path);
  mfa_interaction_reverify_async (self->interaction, G_OBJECT (self), failure,
                                  cancellable, reverify_cb, g_steal_pointer (task));
  return TRUE;
}

/* Takes @task. */
static void
return_refusal (MfaClient *self,
                GTask     *task,
                Received  *received)
{
  SendData *data = g_task_get_task_data (task);
  MfaClientRequest *request = data->request;
  g_autoptr(GError) failure = NULL;

  failure = mfa_client_answer_to_error (self, request, received->status, received->headers,
                                        received->root);
  apply_client_of_error (self, data, received);

  if (recheck_unauthorized (self, &task, received, &failure) ||
      ask_step_up (self, &task, failure))
    return;

  if (received->current && g_error_matches (failure, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
    mfa_client_lose_session (self,
                             received->cleared ||
                             g_strcmp0 (mfa_client_error_get_clerk_code (failure), "client_not_found") == 0 ||
                             (received->status == SOUP_STATUS_NOT_FOUND &&
                              g_str_equal (request->path, "/v1/client")));
  else if (received->cleared && !request->signs_out)
    mfa_client_lose_session (self, FALSE);

  g_task_return_error (task, g_steal_pointer (&failure));
  g_object_unref (task);
}

/* The stale-answer guard, for the model: it follows the newest answer,
 * whichever token it was sent with (a concurrent answer may have
 * rotated it meanwhile); not one from before a sign-out, though. A
 * change whose answer is older than the model shown is fetched anew, so
 * that it is not lost.
 */
static void
apply_answer (MfaClient *self,
              SendData  *data,
              Received  *received,
              MfaClientAnswer *answer)
{
  MfaClientRequest *request = data->request;

  if (data->seq > self->applied_seq && (received->current || self->token != NULL))
    {
      self->applied_seq = data->seq;
      if (answer->apply)
        {
          /* A client in an answer to a tokenless request is not ours. */
          if (request->canonical && self->token == NULL && answer->has_client)
            mfa_client_apply_client (self, NULL);
          else
            mfa_client_apply_client (self, answer->has_client ? &answer->client : NULL);
        }
      else if (answer->user != NULL && self->user != NULL)
        mfa_client_update_user (self, answer->user);
    }
  else if (!g_str_equal (request->method, "GET") && answer->apply && self->token != NULL)
    {
      g_debug ("%s %s: answered before a newer one; fetching the client", request->method,
               request->path);
      mfa_client_refresh_async (self, NULL, NULL, NULL);
    }

  if (answer->environment != NULL)
    mfa_client_set_environment (self, answer->environment);

  if (received->cleared && !request->signs_out)
    mfa_client_lose_session (self, FALSE);
}

/* Takes @task. */
static void
return_success (MfaClient *self,
                GTask     *task,
                Received  *received)
{
  SendData *data = g_task_get_task_data (task);
  g_auto(MfaClientAnswer) answer = { 0, };
  g_autoptr(GError) error = NULL;

  if (received->root == NULL)
    {
      if (received->parse_error != NULL)
        error = g_steal_pointer (&received->parse_error);
      else
        error = g_error_new_literal (MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                                     _("The server sent an empty answer"));
    }
  /* Everything is read before anything is applied: a bad answer leaves
   * the model as it was. */
  else if (mfa_client_answer_read (&answer, data->request, received->root, &error))
    {
      apply_answer (self, data, received, &answer);
      mfa_client_answer_return (&answer, self, task, data->request);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

/* An answer came, whole. Takes @task. */
static void
take_answer (MfaClient   *self,
             GTask       *task,
             SoupMessage *msg,
             GBytes      *body)
{
  SendData *data = g_task_get_task_data (task);
  g_auto(Received) received = { 0, };

  mfa_client_set_reachable (self, TRUE);

  received.status = soup_message_get_status (msg);
  received.headers = soup_message_get_response_headers (msg);
  g_debug ("%s %s: HTTP %u", data->request->method, data->request->path, received.status);

  accept_token (self, data, &received);

  if (g_bytes_get_size (body) > 0)
    received.root = mfa_fapi_parse_text (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                         &received.parse_error);

  if (SOUP_STATUS_IS_SUCCESSFUL (received.status))
    return_success (self, task, &received);
  else
    return_refusal (self, task, &received);
}

static void
body_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = mfa_client_read_body_finish (G_INPUT_STREAM (object), result, &error);
  if (body == NULL)
    return_transport_failure (self, task, error);
  else
    take_answer (self, g_steal_pointer (&task), data->message, body);
}

/* The length the answer declares, or -1. */
static goffset
declared_length (SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return -1;
  return soup_message_headers_get_content_length (headers);
}

/* The status line and headers are in; the body is read under the same
 * deadline. */
static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      return_transport_failure (self, task, error);
      return;
    }

  mfa_client_read_body_async (stream, declared_length (data->message), MFA_CLIENT_MAX_BODY_SIZE,
                              data->cancellable, body_read_cb, g_steal_pointer (&task));
}

static char *
build_url (MfaClient        *self,
           MfaClientRequest *request)
{
  GString *url = g_string_new (self->base_url);

  g_string_append (url, request->path);
  g_string_append (url, "?_is_native=true");
  if (request->me && self->session_id != NULL)
    {
      g_string_append (url, "&_clerk_session_id=");
      g_string_append_uri_escaped (url, self->session_id, NULL, FALSE);
    }
  return g_string_free (url, FALSE);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
request_timeout_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_clear_pointer (&data->timeout_source, g_source_unref);
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

/* Takes @task. */
static void
send_request (MfaClient        *self,
              MfaClientRequest *request,
              SendFlags         flags,
              GTask            *task)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  SendData *data;

  data = g_new0 (SendData, 1);
  data->request = mfa_client_request_ref (request);
  data->flags = flags;
  data->sent_token = g_strdup (self->token);
  data->seq = ++self->next_seq;
  g_task_set_task_data (task, data, send_data_free);

  url = build_url (self, request);
  msg = soup_message_new (request->method, url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_NETWORK,
                               _("The address %s cannot be used"), self->base_url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "clerk-api-version", MFA_CLIENT_API_VERSION);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    soup_message_headers_replace (headers, "Authorization", self->token);
  if (request->form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request->form, strlen (request->form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }

  g_debug ("%s %s%s%s", request->method, request->path,
           request->log_form != NULL && *request->log_form != '\0' ? " " : "",
           request->log_form != NULL ? request->log_form : "");

  /* The whole request, from connecting to the last byte of the body,
   * has :timeout seconds; the caller's cancellable cancels it too. */
  data->cancellable = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    {
      data->outer = g_object_ref (g_task_get_cancellable (task));
      data->outer_id = g_cancellable_connect (data->outer, G_CALLBACK (outer_cancelled_cb),
                                              data->cancellable, NULL);
    }
  /* To the millisecond: a timeout of whole seconds may fire up to one
   * second early, as GLib groups those. */
  data->timeout_source = g_timeout_source_new ((guint) self->timeout * 1000);
  g_source_set_callback (data->timeout_source, request_timeout_cb, data, NULL);
  g_source_set_static_name (data->timeout_source, "[mfa] request timeout");
  g_source_attach (data->timeout_source, g_main_context_get_thread_default ());

  data->message = g_object_ref (msg);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, data->cancellable,
                           sent_cb, task);
}

void
mfa_client_start_request (MfaClient           *self,
                          MfaClientRequest    *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, request->source_tag);
  g_task_set_name (task, request->path);
  send_request (self, request, SEND_FIRST, task);
}

/* Without a session, fails the call at once: what needs one is not sent. */
gboolean
mfa_client_need_session (MfaClient           *self,
                         gpointer             source_tag,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  if (self->session_id != NULL)
    return TRUE;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, mfa_client_error_new (MFA_CLIENT_ERROR_SESSION_GONE,
                                                   _("You are signed out"),
                                                   NULL, NULL, NULL, 0, -1));
  g_object_unref (task);
  return FALSE;
}

gpointer
mfa_client_finish_pointer (MfaClient     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
mfa_client_finish_boolean (MfaClient     *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mfa_client_can_replay:
 *
 * Returns: whether @error carries a request mfa_client_replay_async()
 *   can send again
 */
gboolean
mfa_client_can_replay (const GError *error)
{
  return mfa_client_error_get_replay (error) != NULL;
}

/**
 * mfa_client_replay_async:
 * @error: a %MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED error of this client
 *
 * After a completed step-up, sends the request that failed with @error
 * again, with the current session and token. Finish it with the
 * `_finish` function of the call that failed.
 */
void
mfa_client_replay_async (MfaClient           *self,
                         const GError        *error,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  MfaClientRequest *request;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (mfa_client_can_replay (error));

  request = mfa_client_error_get_replay (error);
  mfa_client_start_request (self, request, cancellable, callback, user_data);
}
