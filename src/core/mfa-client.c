/* mfa-client.c
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
#include <libsoup/soup.h>
#include <string.h>

#include "mfa-client.h"

#include "mfa-fapi-json.h"
#include "mfa-instance.h"

/**
 * MfaClient:
 *
 * An asynchronous client of Clerk's Frontend API in native mode, as
 * Clerk's own native SDKs speak it: `_is_native` on every request, the
 * `clerk-api-version` header, form bodies, real PATCH and DELETE, no
 * `Origin`, and the client token in `Authorization`, read from every
 * answer, stored verbatim and sent back verbatim.
 *
 * Every answer carries the whole client. After each call the client
 * rebuilds #MfaClient:user from it, keeping the identity of the user
 * and of every phone (see mfa_user_update_from()). An answer that
 * arrives after a newer one was applied, or that belongs to a token the
 * client no longer holds, changes nothing (the stale-answer guard).
 *
 * Failures are %MFA_CLIENT_ERROR errors; cancellation stays
 * %G_IO_ERROR_CANCELLED.
 */

typedef enum {
  RESULT_BOOLEAN,
  RESULT_ENVIRONMENT,
  RESULT_SIGN_IN,
  RESULT_USER,
  RESULT_PHONE,
  RESULT_PHONE_PATCH,
  RESULT_DELETED,
  RESULT_SESSION,
  RESULT_BACKUP_CODES,
  RESULT_REVERIFICATION,
} ResultKind;

typedef struct
{
  gatomicrefcount  ref;
  char            *method;
  char            *path;         /* below the base URL, escaped */
  char            *form;         /* NULL: no body */
  char            *log_form;     /* the form with secrets hidden */
  ResultKind       kind;
  gpointer         source_tag;
  guint            me : 1;        /* a /v1/me call: add _clerk_session_id */
  guint            canonical : 1; /* GET /v1/client: the client is in `response` */
  guint            session_scoped : 1; /* a 404 here means the session is gone */
  guint            signs_out : 1;
} Request;

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
  Request      *request;
  char         *sent_token;
  guint64       seq;
  GCancellable *cancellable;     /* ours: the caller's, or the timeout */
  GCancellable *outer;           /* the caller's */
  gulong        outer_id;
  GSource      *timeout_source;
  gboolean      timed_out;
  SendFlags     flags;
} SendData;

struct _MfaClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *host;
  guint        timeout;
  char        *token;
  char        *client_id;
  char        *session_id;
  MfaUser     *user;
  MfaSignIn   *sign_in;
  guint64      next_seq;
  guint64      applied_seq;
  gboolean     unreachable;
  MfaInteraction *interaction;
  MfaEnvironment *environment;
};

G_DEFINE_FINAL_TYPE (MfaClient, mfa_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_TOKEN,
  PROP_SESSION_ID,
  PROP_USER,
  PROP_SIGN_IN,
  PROP_REACHABLE,
  PROP_INTERACTION,
  PROP_ENVIRONMENT,
  N_PROPS
};

enum {
  SIGNAL_SESSION_GONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Requests */

static Request *
request_ref (Request *request)
{
  g_atomic_ref_count_inc (&request->ref);
  return request;
}

static void
request_unref (Request *request)
{
  if (!g_atomic_ref_count_dec (&request->ref))
    return;
  g_free (request->method);
  g_free (request->path);
  if (request->form != NULL)
    memset (request->form, 0, strlen (request->form));
  g_free (request->form);
  g_free (request->log_form);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_unref)

static Request *
request_new (const char *method,
             ResultKind  kind,
             gpointer    source_tag,
             const char *first_segment,
             ...)
{
  Request *request = g_new0 (Request, 1);
  GString *path = g_string_new ("/v1");
  va_list ap;

  g_atomic_ref_count_init (&request->ref);
  request->method = g_strdup (method);
  request->kind = kind;
  request->source_tag = source_tag;

  va_start (ap, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (ap, const char *))
    {
      g_autofree char *escaped = g_uri_escape_string (segment, NULL, TRUE);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (ap);
  request->path = g_string_free (path, FALSE);
  request->me = g_str_equal (request->path, "/v1/me") || g_str_has_prefix (request->path, "/v1/me/");
  request->session_scoped = g_str_equal (request->path, "/v1/client") ||
                            g_str_has_prefix (request->path, "/v1/client/sessions/") ||
                            g_str_equal (request->path, "/v1/me");
  return request;
}

typedef enum {
  FIELD_PLAIN,
  FIELD_PHONE,
  FIELD_SECRET,
  FIELD_IDENTIFIER,
} FieldKind;

/* The form debug logs use for a sign-in identifier: "d***@example.com"
 * for an e-mail address, the number masked for a phone number, "d***"
 * for a username. */
static char *
mask_identifier (const char *identifier)
{
  const char *at = strchr (identifier, '@');
  const char *second;
  gboolean dialable = TRUE;

  if (identifier[0] == '\0')
    return g_strdup ("");

  second = g_utf8_next_char (identifier);
  if (at == identifier)
    return g_strdup_printf ("***%s", at);
  if (at != NULL)
    return g_strdup_printf ("%.*s***%s", (int) (second - identifier), identifier, at);

  for (const char *p = identifier; *p != '\0' && dialable; p++)
    dialable = g_ascii_isdigit (*p) || strchr ("+ ()-.", *p) != NULL;
  if (dialable)
    return mfa_phone_number_mask (identifier);

  /* A one-letter username would be shown whole. */
  if (*second == '\0')
    return g_strdup ("***");

  return g_strdup_printf ("%.*s***", (int) (second - identifier), identifier);
}

/* Form encoding by hand: every byte but the unreserved ones as %XX, so
 * the `+` of an E.164 number goes out as %2B, never as a space. */
static void
request_add_field (Request    *request,
                   const char *name,
                   const char *value,
                   FieldKind   kind)
{
  g_autoptr(GString) form = g_string_new (request->form);
  g_autoptr(GString) log = g_string_new (request->log_form);

  if (form->len > 0)
    {
      g_string_append_c (form, '&');
      g_string_append_c (log, ' ');
    }
  g_string_append_uri_escaped (form, name, NULL, FALSE);
  g_string_append_c (form, '=');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (form, *p);
      else
        g_string_append_printf (form, "%%%02X", (guchar) *p);
    }

  g_string_append_printf (log, "%s=", name);
  switch (kind)
    {
    case FIELD_PHONE:
      {
        g_autofree char *masked = mfa_phone_number_mask (value);

        g_string_append (log, masked);
      }
      break;

    case FIELD_SECRET:
      g_string_append (log, "(hidden)");
      break;

    case FIELD_IDENTIFIER:
      {
        g_autofree char *masked = mask_identifier (value);

        g_string_append (log, masked);
      }
      break;

    case FIELD_PLAIN:
    default:
      g_string_append (log, value);
      break;
    }

  if (request->form != NULL)
    memset (request->form, 0, strlen (request->form));
  g_free (request->form);
  request->form = g_string_free (g_steal_pointer (&form), FALSE);
  g_free (request->log_form);
  request->log_form = g_string_free (g_steal_pointer (&log), FALSE);
}

/* A POST without fields still sends the form type and an empty body. */
static void
request_set_empty_form (Request *request)
{
  if (request->form == NULL)
    {
      request->form = g_strdup ("");
      request->log_form = g_strdup ("");
    }
}

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
  g_clear_pointer (&send_data->request, request_unref);
  g_free (send_data->sent_token);
  g_free (send_data);
}

/* State */

static void
set_string_prop (MfaClient   *self,
                 char       **field,
                 const char  *value,
                 guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_user (MfaClient *self,
          MfaUser   *fresh)
{
  if (fresh != NULL && self->user != NULL &&
      g_strcmp0 (mfa_user_get_id (self->user), mfa_user_get_id (fresh)) == 0)
    {
      mfa_user_update_from (self->user, fresh);
      return;
    }
  if (g_set_object (&self->user, fresh))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static void
set_sign_in (MfaClient *self,
             MfaSignIn *sign_in)
{
  if (g_set_object (&self->sign_in, sign_in))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN]);
}

/* @client NULL: there is no client (signed out, no token). */
static void
apply_client (MfaClient     *self,
              MfaFapiClient *client)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string_prop (self, &self->client_id, client != NULL ? client->client_id : NULL, PROP_0);
  set_sign_in (self, client != NULL ? client->sign_in : NULL);
  set_string_prop (self, &self->session_id, client != NULL ? client->session_id : NULL,
                   PROP_SESSION_ID);
  set_user (self, client != NULL ? client->user : NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
lose_session (MfaClient *self,
              gboolean   forget_token)
{
  gboolean had_session = self->session_id != NULL || self->user != NULL;

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_string_prop (self, &self->session_id, NULL, PROP_SESSION_ID);
  set_user (self, NULL);
  set_sign_in (self, NULL);
  if (forget_token)
    {
      set_string_prop (self, &self->client_id, NULL, PROP_0);
      mfa_client_set_token (self, NULL);
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (had_session)
    g_signal_emit (self, signals[SIGNAL_SESSION_GONE], 0);
  g_object_unref (self);
}

/* GObject */

static void
mfa_client_constructed (GObject *object)
{
  MfaClient *self = (MfaClient *)object;
  g_autoptr(GUri) uri = NULL;

  G_OBJECT_CLASS (mfa_client_parent_class)->constructed (object);

  g_assert (self->base_url != NULL);
  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  self->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL
                         ? g_uri_get_host (uri) : self->base_url);
}

static void
mfa_client_dispose (GObject *object)
{
  MfaClient *self = (MfaClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->interaction);
  g_clear_object (&self->environment);

  G_OBJECT_CLASS (mfa_client_parent_class)->dispose (object);
}

static void
mfa_client_finalize (GObject *object)
{
  MfaClient *self = (MfaClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->session_id, g_free);

  G_OBJECT_CLASS (mfa_client_parent_class)->finalize (object);
}

static void
mfa_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfaClient *self = MFA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    case PROP_REACHABLE:
      g_value_set_boolean (value, !self->unreachable);
      break;

    case PROP_SIGN_IN:
      g_value_set_object (value, self->sign_in);
      break;

    case PROP_INTERACTION:
      g_value_set_object (value, self->interaction);
      break;

    case PROP_ENVIRONMENT:
      g_value_set_object (value, self->environment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfaClient *self = MFA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url != NULL ? url : "", len);
      }
      break;

    case PROP_TIMEOUT:
      mfa_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_TOKEN:
      mfa_client_set_token (self, g_value_get_string (value));
      break;

    case PROP_INTERACTION:
      mfa_client_set_interaction (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_client_class_init (MfaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfa_client_constructed;
  object_class->dispose = mfa_client_dispose;
  object_class->finalize = mfa_client_finalize;
  object_class->get_property = mfa_client_get_property;
  object_class->set_property = mfa_client_set_property;

  /**
   * MfaClient:base-url:
   *
   * The Frontend API base URL, e.g. `https://clerk.example.com`.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:timeout:
   *
   * Seconds a request may wait for the server before it fails with
   * %MFA_CLIENT_ERROR_TIMEOUT.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, MFA_CLIENT_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:token:
   *
   * The client token exactly as the server sent it (typically
   * `Bearer …`), or %NULL before the first one and after the server
   * cleared it. Keep it in the keyring only.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:session-id:
   *
   * The current session (`sess_…`), or %NULL when signed out.
   */
  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:user:
   *
   * The user of the current session, rebuilt after every call; %NULL
   * when signed out. The object stays the same while the user does.
   */
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         MFA_TYPE_USER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:sign-in:
   *
   * The sign-in in progress, or %NULL.
   */
  properties[PROP_SIGN_IN] =
    g_param_spec_object ("sign-in", NULL, NULL,
                         MFA_TYPE_SIGN_IN,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:reachable:
   *
   * Whether the last request got an answer, whatever it said; %FALSE
   * after a request failed because the service could not be reached.
   */
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:interaction:
   *
   * Asked when a change needs the person to confirm it is them
   * (`session_reverification_required`): once it says yes, the request
   * is sent again by itself and its caller gets that answer; when they
   * decline, the caller gets %MFA_CLIENT_ERROR_REVERIFICATION_DECLINED.
   * Without one, the caller gets the refusal.
   */
  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL,
                         MFA_TYPE_INTERACTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClient:environment:
   *
   * What the instance has switched on, from the last
   * `GET /v1/environment`; %NULL before one.
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_object ("environment", NULL, NULL,
                         MFA_TYPE_ENVIRONMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaClient::session-gone:
   *
   * The session ended without this app asking: the server answered
   * 401, `client_not_found` or 404 for the client or session, or cleared
   * the token. #MfaClient:user is %NULL by then.
   */
  signals[SIGNAL_SESSION_GONE] =
    g_signal_new ("session-gone",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mfa_client_init (MfaClient *self)
{
  self->timeout = MFA_CLIENT_DEFAULT_TIMEOUT;
  /* Accept-Language from the person's locale: Clerk answers in it where
   * it can (the app shows its own sentences either way).
   */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "accept-language-auto", TRUE,
                                                 "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION
                                                               " (" APP_ID ")",
                                                 NULL);
}

/**
 * mfa_client_new:
 * @base_url: the Frontend API base URL (scheme, host, port)
 *
 * Returns: (transfer full): a new client without a token
 */
MfaClient *
mfa_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (MFA_TYPE_CLIENT, "base-url", base_url, NULL);
}

static void
preconnect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failed connection is found again, and reported, by the request. */
  if (!soup_session_preconnect_finish (SOUP_SESSION (object), result, &error))
    g_debug ("preconnect: %s", error->message);
}

/**
 * mfa_client_preconnect:
 * @self: a #MfaClient
 * @cancellable: (nullable): a #GCancellable
 *
 * Opens the connection to the service (TCP, and TLS for https) ahead of
 * the first request, which then finds it ready. Sends nothing.
 */
void
mfa_client_preconnect (MfaClient    *self,
                       GCancellable *cancellable)
{
  g_autoptr(SoupMessage) message = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  message = soup_message_new ("HEAD", self->base_url);
  if (message == NULL)
    return;

  soup_session_preconnect_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                 preconnect_cb, NULL);
}

/**
 * mfa_client_get_environment:
 *
 * Returns: (transfer none) (nullable): the #MfaClient:environment
 */
MfaEnvironment *
mfa_client_get_environment (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);

  return self->environment;
}

/**
 * mfa_client_adopt_user:
 * @user: (nullable): the user last seen, such as the offline snapshot's
 *
 * Takes @user as the model until the service answers: an answer about
 * the same user then updates it, and its phones, in place, so that what
 * shows them is not rebuilt. %NULL drops it.
 */
void
mfa_client_adopt_user (MfaClient *self,
                       MfaUser   *user)
{
  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (user == NULL || MFA_IS_USER (user));

  if (g_set_object (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/**
 * mfa_client_set_environment:
 * @environment: (nullable): what the instance allows
 *
 * Sets what is known of the instance without asking it (from an
 * earlier run); the next `GET /v1/environment` replaces it.
 */
void
mfa_client_set_environment (MfaClient      *self,
                            MfaEnvironment *environment)
{
  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (environment == NULL || MFA_IS_ENVIRONMENT (environment));

  if (g_set_object (&self->environment, environment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

/**
 * mfa_client_dup_service_name:
 *
 * What the service is called where it is shown to a person: the name it
 * gives itself in its environment once that is known, else the host of
 * its Frontend API.
 *
 * Returns: (transfer full): the name; never %NULL
 */
char *
mfa_client_dup_service_name (MfaClient *self)
{
  const char *name = NULL;

  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);

  if (self->environment != NULL)
    name = mfa_environment_get_application_name (self->environment);
  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  return mfa_instance_get_display_host (self->base_url);
}

/**
 * mfa_client_get_interaction:
 *
 * Returns: (transfer none) (nullable): the #MfaClient:interaction
 */
MfaInteraction *
mfa_client_get_interaction (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);

  return self->interaction;
}

void
mfa_client_set_interaction (MfaClient      *self,
                            MfaInteraction *interaction)
{
  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (interaction == NULL || MFA_IS_INTERACTION (interaction));

  if (g_set_object (&self->interaction, interaction))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION]);
}

const char *
mfa_client_get_base_url (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  return self->base_url;
}

guint
mfa_client_get_timeout (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), 0);
  return self->timeout;
}

void
mfa_client_set_timeout (MfaClient *self,
                        guint      timeout)
{
  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (timeout > 0);

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  soup_session_set_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * mfa_client_get_token:
 *
 * Returns: (nullable): the client token, verbatim
 */
const char *
mfa_client_get_token (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  return self->token;
}

/**
 * mfa_client_set_token:
 * @token: (nullable): a token restored from the keyring, or %NULL
 */
void
mfa_client_set_token (MfaClient  *self,
                      const char *token)
{
  g_return_if_fail (MFA_IS_CLIENT (self));

  if (token != NULL && *token == '\0')
    token = NULL;
  if (g_strcmp0 (self->token, token) == 0)
    return;
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  g_debug ("client token %s", token != NULL ? "replaced" : "cleared");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

/**
 * mfa_client_reset:
 * @self: a #MfaClient
 *
 * Forgets the session, the user and the token here, without a request:
 * for signing out when the service has ended the session already, or
 * cannot be reached.
 */
void
mfa_client_reset (MfaClient *self)
{
  g_return_if_fail (MFA_IS_CLIENT (self));

  lose_session (self, TRUE);
}

/**
 * mfa_client_get_session_id:
 *
 * Returns: (nullable): the current session id
 */
const char *
mfa_client_get_session_id (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  return self->session_id;
}

/**
 * mfa_client_get_user:
 *
 * Returns: (transfer none) (nullable): the signed-in user
 */
MfaUser *
mfa_client_get_user (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  return self->user;
}

/**
 * mfa_client_get_sign_in:
 *
 * Returns: (transfer none) (nullable): the sign-in in progress
 */
MfaSignIn *
mfa_client_get_sign_in (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  return self->sign_in;
}

/**
 * mfa_client_get_reachable:
 *
 * Returns: whether the service answered the last request
 */
gboolean
mfa_client_get_reachable (MfaClient *self)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), FALSE);
  return !self->unreachable;
}

static void
set_reachable (MfaClient *self,
               gboolean   reachable)
{
  if (self->unreachable == !reachable)
    return;
  self->unreachable = !reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

/* Answers */

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

static GError *
error_from_answer (MfaClient          *self,
                   Request            *request,
                   guint               status,
                   SoupMessageHeaders *headers,
                   JsonNode           *root)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *param_name = NULL;
  g_autofree char *trace_id = NULL;
  g_autofree char *fallback = NULL;
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

  error = mfa_client_error_new (kind, sentence, code, param_name, trace_id, status,
                                parse_retry_after (headers));
  mfa_client_error_set_server_message (error, message);

  return error;
}

/* @answered: the status line and headers had arrived */
static GError *
error_from_transport (MfaClient *self,
                      GError    *error,
                      gboolean   answered)
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
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && answered)
    {
      kind = MFA_CLIENT_ERROR_BAD_RESPONSE;
      message = g_strdup_printf (_("The answer of %s was cut off"), self->host);
    }
  else
    {
      kind = MFA_CLIENT_ERROR_NETWORK;
      message = g_strdup_printf (_("Could not reach %s"), self->host);
    }

  return mfa_client_error_new (kind, message, NULL, NULL, NULL, 0, -1);
}

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

typedef struct
{
  gboolean        apply;        /* the answer says something about the client */
  MfaFapiClient   client;       /* …and this is it (client_id NULL: no client) */
  gboolean        has_client;
  MfaUser        *user;
  MfaSignIn      *sign_in;
  MfaPhoneNumber *phone;
  MfaBackupCodes *codes;
  MfaReverification *reverification;
  MfaEnvironment *environment;
} Answer;

static void
answer_clear (Answer *answer)
{
  mfa_fapi_client_clear (&answer->client);
  g_clear_object (&answer->user);
  g_clear_object (&answer->sign_in);
  g_clear_object (&answer->phone);
  g_clear_object (&answer->codes);
  g_clear_object (&answer->reverification);
  g_clear_object (&answer->environment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* Where the answer keeps the client: `response` first for the canonical
 * GET /v1/client, else `client`, else `meta.client`. */
static gboolean
find_client (Request    *request,
             JsonObject *envelope,
             gboolean   *apply,
             JsonNode  **client)
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

static gboolean
read_answer (Request   *request,
             JsonNode  *root,
             Answer    *answer,
             GError   **error)
{
  JsonObject *envelope;
  JsonNode *response;
  JsonNode *client = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an answer that cannot be read"));
      return FALSE;
    }
  /* The environment is a bare object, with no client in it. */
  if (request->kind == RESULT_ENVIRONMENT)
    {
      answer->environment = mfa_fapi_parse_environment (root, error);
      return answer->environment != NULL;
    }

  envelope = json_node_get_object (root);
  find_client (request, envelope, &answer->apply, &client);
  if (client != NULL)
    {
      if (!mfa_fapi_parse_client (client, &answer->client, error))
        return FALSE;
      answer->has_client = TRUE;
    }

  response = json_object_get_member (envelope, "response");
  if (request->kind != RESULT_BOOLEAN && (response == NULL || JSON_NODE_HOLDS_NULL (response)))
    {
      g_set_error_literal (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                           _("The server sent an answer without its result"));
      return FALSE;
    }

  switch (request->kind)
    {
    case RESULT_BOOLEAN:
      return TRUE;

    case RESULT_ENVIRONMENT:
      g_assert_not_reached ();

    case RESULT_SIGN_IN:
      answer->sign_in = mfa_fapi_parse_sign_in (response, error);
      return answer->sign_in != NULL;

    case RESULT_USER:
      answer->user = mfa_fapi_parse_user (response, NULL, error);
      return answer->user != NULL;

    case RESULT_PHONE:
      answer->phone = mfa_fapi_parse_phone_number (response, error);
      return answer->phone != NULL;

    case RESULT_PHONE_PATCH:
      answer->phone = mfa_fapi_parse_phone_number (response, error);
      return answer->phone != NULL &&
             mfa_fapi_parse_phone_backup_codes (response, &answer->codes, error);

    case RESULT_DELETED:
      return mfa_fapi_parse_deleted (response, NULL, error);

    case RESULT_SESSION:
      return mfa_fapi_parse_session (response, NULL, NULL, error);

    case RESULT_BACKUP_CODES:
      answer->codes = mfa_fapi_parse_backup_codes (response, error);
      return answer->codes != NULL;

    case RESULT_REVERIFICATION:
      answer->reverification = mfa_fapi_parse_reverification (response, error);
      return answer->reverification != NULL;

    default:
      g_assert_not_reached ();
    }
}

static void
return_answer (MfaClient *self,
               GTask     *task,
               Request   *request,
               Answer    *answer)
{
  switch (request->kind)
    {
    case RESULT_BOOLEAN:
    case RESULT_ENVIRONMENT:
    case RESULT_DELETED:
    case RESULT_SESSION:
      g_task_return_boolean (task, TRUE);
      break;

    case RESULT_SIGN_IN:
      g_task_return_pointer (task, g_steal_pointer (&answer->sign_in), g_object_unref);
      break;

    case RESULT_USER:
      if (self->user != NULL &&
          g_strcmp0 (mfa_user_get_id (self->user), mfa_user_get_id (answer->user)) == 0)
        g_task_return_pointer (task, g_object_ref (self->user), g_object_unref);
      else
        g_task_return_pointer (task, g_steal_pointer (&answer->user), g_object_unref);
      break;

    case RESULT_PHONE:
    case RESULT_PHONE_PATCH:
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

    case RESULT_BACKUP_CODES:
      g_task_return_pointer (task, g_steal_pointer (&answer->codes), g_object_unref);
      break;

    case RESULT_REVERIFICATION:
      g_task_return_pointer (task, g_steal_pointer (&answer->reverification), g_object_unref);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void send_request (MfaClient *self,
                          Request   *request,
                          SendFlags  flags,
                          GTask     *task);

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
  g_autoptr(Request) request = request_ref (data->request);
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
  g_autoptr(Request) request = request_ref (data->request);
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
    g_signal_emit (self, signals[SIGNAL_SESSION_GONE], 0);
  else
    lose_session (self, FALSE);
  g_task_return_error (task, g_error_copy (failure));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  MfaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  Request *request = data->request;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_auto(Answer) answer = { 0, };
  SoupMessage *msg;
  SoupMessageHeaders *headers;
  gboolean current;
  gboolean cleared = FALSE;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      msg = soup_session_get_async_result_message (session, result);
      if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "request timeout");
          set_reachable (self, FALSE);
          g_task_return_error (task, error_from_transport (self, error, FALSE));
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          set_reachable (self, FALSE);
          g_task_return_error (task, error_from_transport (self, error,
                                                           msg != NULL && soup_message_get_status (msg) != 0));
        }
      return;
    }

  set_reachable (self, TRUE);

  msg = soup_session_get_async_result_message (session, result);
  status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  g_debug ("%s %s: HTTP %u", request->method, request->path, status);

  /* The stale-answer guard: only an answer to a request sent
   * with the token held now may change the token or the model, and a
   * model only from an answer newer than the last one applied. */
  current = g_strcmp0 (data->sent_token, self->token) == 0;
  if (current)
    cleared = apply_token_header (self, headers);
  else
    g_debug ("answer to a request sent with an older token: ignored");

  if (g_bytes_get_size (body) > 0)
    root = mfa_fapi_parse_text (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                &parse_error);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(GError) failure = error_from_answer (self, request, status, headers, root);

      /* An error may carry the client too (`meta.client`). */
      if (current && root != NULL && JSON_NODE_HOLDS_OBJECT (root) && data->seq > self->applied_seq)
        {
          gboolean apply;
          JsonNode *client = NULL;
          g_auto(MfaFapiClient) parsed = { NULL, };
          JsonNode *meta = json_object_get_member (json_node_get_object (root), "meta");

          if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
            {
              find_client (request, json_node_get_object (meta), &apply, &client);
              if (client != NULL && mfa_fapi_parse_client (client, &parsed, NULL))
                {
                  self->applied_seq = data->seq;
                  apply_client (self, &parsed);
                }
            }
        }

      if (status == SOUP_STATUS_UNAUTHORIZED && !cleared &&
          self->session_id != NULL && !request->canonical && !request->signs_out &&
          (data->flags & SEND_RECHECKED) == 0)
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          g_debug ("%s %s: HTTP 401; fetching the client again", request->method, request->path);
          g_object_set_data_full (G_OBJECT (task), "mfa-unauthorized",
                                  g_steal_pointer (&failure), (GDestroyNotify) g_error_free);
          mfa_client_refresh_async (self, cancellable, recheck_cb, g_steal_pointer (&task));
          return;
        }

      if (g_error_matches (failure, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED))
        {
          mfa_client_error_set_replay (failure, request,
                                       (GBoxedCopyFunc) request_ref,
                                       (GDestroyNotify) request_unref);

          /* Asked once per request: a second refusal goes to the caller. */
          if (self->interaction != NULL && (data->flags & SEND_REVERIFIED) == 0 &&
              request->kind != RESULT_REVERIFICATION)
            {
              GCancellable *cancellable = g_task_get_cancellable (task);

              g_debug ("%s %s needs a step-up: asking", request->method, request->path);
              mfa_interaction_reverify_async (self->interaction, G_OBJECT (self), failure,
                                              cancellable, reverify_cb, g_steal_pointer (&task));
              return;
            }
        }
      if (current && g_error_matches (failure, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
        lose_session (self,
                      cleared || g_strcmp0 (mfa_client_error_get_clerk_code (failure), "client_not_found") == 0 ||
                      (status == SOUP_STATUS_NOT_FOUND && g_str_equal (request->path, "/v1/client")));
      else if (cleared && !request->signs_out)
        lose_session (self, FALSE);

      g_task_return_error (task, g_steal_pointer (&failure));
      return;
    }

  if (root == NULL)
    {
      if (parse_error == NULL)
        parse_error = g_error_new_literal (MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_BAD_RESPONSE,
                                           _("The server sent an empty answer"));
      g_task_return_error (task, g_steal_pointer (&parse_error));
      return;
    }

  /* Everything is read before anything is applied: a bad answer leaves
   * the model as it was. */
  if (!read_answer (request, root, &answer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The model follows the newest answer, whichever token it was sent
   * with (a concurrent answer may have rotated it meanwhile); not one
   * from before a sign-out, though. A change whose answer is older than
   * the model shown is fetched anew, so that it is not lost.
   */
  if (data->seq > self->applied_seq && (current || self->token != NULL))
    {
      self->applied_seq = data->seq;
      if (answer.apply)
        {
          /* A client in an answer to a tokenless request is not ours. */
          if (request->canonical && self->token == NULL && answer.has_client)
            apply_client (self, NULL);
          else
            apply_client (self, answer.has_client ? &answer.client : NULL);
        }
      else if (answer.user != NULL && self->user != NULL)
        set_user (self, answer.user);
    }
  else if (!g_str_equal (request->method, "GET") && answer.apply && self->token != NULL)
    {
      g_debug ("%s %s: answered before a newer one; fetching the client", request->method,
               request->path);
      mfa_client_refresh_async (self, NULL, NULL, NULL);
    }

  if (answer.environment != NULL)
    {
      g_set_object (&self->environment, answer.environment);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
    }

  if (cleared && !request->signs_out)
    lose_session (self, FALSE);

  return_answer (self, task, request, &answer);
}

static char *
build_url (MfaClient *self,
           Request   *request)
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
send_request (MfaClient *self,
              Request   *request,
              SendFlags  flags,
              GTask     *task)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  SendData *data;

  data = g_new0 (SendData, 1);
  data->request = request_ref (request);
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

  /* The whole request, connecting included, has :timeout seconds; the
   * caller's cancellable cancels it too. */
  data->cancellable = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    {
      data->outer = g_object_ref (g_task_get_cancellable (task));
      data->outer_id = g_cancellable_connect (data->outer, G_CALLBACK (outer_cancelled_cb),
                                              data->cancellable, NULL);
    }
  data->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (data->timeout_source, request_timeout_cb, data, NULL);
  g_source_set_static_name (data->timeout_source, "[mfa] request timeout");
  g_source_attach (data->timeout_source, g_main_context_get_thread_default ());

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    data->cancellable, send_cb, task);
}

static void
start (MfaClient           *self,
       Request             *request,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, request->source_tag);
  g_task_set_name (task, request->path);
  send_request (self, request, SEND_FIRST, task);
}

static gboolean
need_session (MfaClient           *self,
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

static gpointer
finish_pointer (MfaClient     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (MfaClient     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (MFA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Calls */

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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = request_new ("GET", RESULT_ENVIRONMENT, mfa_client_get_environment_async,
                         "environment", NULL);
  start (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_get_environment_finish (MfaClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_boolean (self, result, mfa_client_get_environment_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = request_new ("GET", RESULT_BOOLEAN, mfa_client_refresh_async, "client", NULL);
  request->canonical = TRUE;
  start (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_refresh_finish (MfaClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_boolean (self, result, mfa_client_refresh_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = request_new ("POST", RESULT_SIGN_IN, mfa_client_sign_in_async,
                         "client", "sign_ins", NULL);
  request_add_field (request, "identifier", identifier, FIELD_IDENTIFIER);
  if (password != NULL)
    {
      request_add_field (request, "strategy", "password", FIELD_PLAIN);
      request_add_field (request, "password", password, FIELD_SECRET);
    }
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_sign_in_async, error);
}

void
mfa_client_attempt_first_factor_async (MfaClient           *self,
                                       const char          *sign_in_id,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (password != NULL);

  request = request_new ("POST", RESULT_SIGN_IN, mfa_client_attempt_first_factor_async,
                         "client", "sign_ins", sign_in_id, "attempt_first_factor", NULL);
  request_add_field (request, "strategy", "password", FIELD_PLAIN);
  request_add_field (request, "password", password, FIELD_SECRET);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_attempt_first_factor_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);

  request = request_new ("POST", RESULT_SIGN_IN, mfa_client_prepare_second_factor_async,
                         "client", "sign_ins", sign_in_id, "prepare_second_factor", NULL);
  request_add_field (request, "strategy", "phone_code", FIELD_PLAIN);
  if (phone_number_id != NULL)
    request_add_field (request, "phone_number_id", phone_number_id, FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  g_autoptr(Request) request = NULL;
  const char *strategy;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (MFA_IS_FACTOR (factor));

  strategy = mfa_factor_get_strategy (factor);
  request = request_new ("POST", RESULT_SIGN_IN, mfa_client_prepare_second_factor_async,
                         "client", "sign_ins", sign_in_id, "prepare_second_factor", NULL);
  request_add_field (request, "strategy", strategy, FIELD_PLAIN);
  if (g_str_equal (strategy, "email_code") && mfa_factor_get_email_address_id (factor) != NULL)
    request_add_field (request, "email_address_id", mfa_factor_get_email_address_id (factor),
                       FIELD_PLAIN);
  else if (mfa_factor_get_phone_number_id (factor) != NULL)
    request_add_field (request, "phone_number_id", mfa_factor_get_phone_number_id (factor),
                       FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_prepare_second_factor_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (sign_in_id != NULL);
  g_return_if_fail (strategy != NULL);
  g_return_if_fail (code != NULL);

  request = request_new ("POST", RESULT_SIGN_IN, mfa_client_attempt_second_factor_async,
                         "client", "sign_ins", sign_in_id, "attempt_second_factor", NULL);
  request_add_field (request, "strategy", strategy, FIELD_PLAIN);
  request_add_field (request, "code", code, FIELD_SECRET);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_attempt_second_factor_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  if (session_id == NULL)
    {
      if (!need_session (self, mfa_client_remove_session_async, callback, user_data))
        return;
      session_id = self->session_id;
    }

  request = request_new ("POST", RESULT_SESSION, mfa_client_remove_session_async,
                         "client", "sessions", session_id, "remove", NULL);
  request->signs_out = TRUE;
  request_set_empty_form (request);
  start (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_remove_session_finish (MfaClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_boolean (self, result, mfa_client_remove_session_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (level != NULL);

  if (!need_session (self, mfa_client_verify_session_async, callback, user_data))
    return;

  request = request_new ("POST", RESULT_REVERIFICATION, mfa_client_verify_session_async,
                         "client", "sessions", self->session_id, "verify", NULL);
  request_add_field (request, "level", level, FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_verify_session_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (strategy != NULL);

  if (!need_session (self, mfa_client_prepare_reverification_async, callback, user_data))
    return;

  request = request_new ("POST", RESULT_REVERIFICATION, mfa_client_prepare_reverification_async,
                         "client", "sessions", self->session_id, "verify",
                         step == MFA_FACTOR_STEP_SECOND ? "prepare_second_factor"
                                                        : "prepare_first_factor",
                         NULL);
  request_add_field (request, "strategy", strategy, FIELD_PLAIN);
  if (phone_number_id != NULL)
    request_add_field (request, "phone_number_id", phone_number_id, FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_prepare_reverification_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (strategy != NULL);
  g_return_if_fail (secret != NULL);

  if (!need_session (self, mfa_client_attempt_reverification_async, callback, user_data))
    return;

  request = request_new ("POST", RESULT_REVERIFICATION, mfa_client_attempt_reverification_async,
                         "client", "sessions", self->session_id, "verify",
                         step == MFA_FACTOR_STEP_SECOND ? "attempt_second_factor"
                                                        : "attempt_first_factor",
                         NULL);
  request_add_field (request, "strategy", strategy, FIELD_PLAIN);
  request_add_field (request, g_str_equal (strategy, "password") ? "password" : "code",
                     secret, FIELD_SECRET);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_attempt_reverification_async, error);
}

void
mfa_client_get_me_async (MfaClient           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = request_new ("GET", RESULT_USER, mfa_client_get_me_async, "me", NULL);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_get_me_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (e164 != NULL);

  request = request_new ("POST", RESULT_PHONE, mfa_client_create_phone_number_async,
                         "me", "phone_numbers", NULL);
  request_add_field (request, "phone_number", e164, FIELD_PHONE);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_create_phone_number_async, error);
}

void
mfa_client_get_phone_number_async (MfaClient           *self,
                                   const char          *phone_number_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = request_new ("GET", RESULT_PHONE, mfa_client_get_phone_number_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_get_phone_number_async, error);
}

void
mfa_client_prepare_phone_verification_async (MfaClient           *self,
                                             const char          *phone_number_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = request_new ("POST", RESULT_PHONE, mfa_client_prepare_phone_verification_async,
                         "me", "phone_numbers", phone_number_id, "prepare_verification", NULL);
  request_add_field (request, "strategy", "phone_code", FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_prepare_phone_verification_async, error);
}

void
mfa_client_attempt_phone_verification_async (MfaClient           *self,
                                             const char          *phone_number_id,
                                             const char          *code,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);
  g_return_if_fail (code != NULL);

  request = request_new ("POST", RESULT_PHONE, mfa_client_attempt_phone_verification_async,
                         "me", "phone_numbers", phone_number_id, "attempt_verification", NULL);
  request_add_field (request, "code", code, FIELD_SECRET);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_attempt_phone_verification_async, error);
}

void
mfa_client_set_phone_reserved_async (MfaClient           *self,
                                     const char          *phone_number_id,
                                     gboolean             reserved,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = request_new ("PATCH", RESULT_PHONE_PATCH, mfa_client_set_phone_reserved_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  request_add_field (request, "reserved_for_second_factor", reserved ? "true" : "false",
                     FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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

  phone = finish_pointer (self, result, mfa_client_set_phone_reserved_async, error);
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
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = request_new ("PATCH", RESULT_PHONE_PATCH, mfa_client_make_phone_default_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  request_add_field (request, "default_second_factor", "true", FIELD_PLAIN);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_make_phone_default_async, error);
}

void
mfa_client_delete_phone_number_async (MfaClient           *self,
                                      const char          *phone_number_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (phone_number_id != NULL);

  request = request_new ("DELETE", RESULT_DELETED, mfa_client_delete_phone_number_async,
                         "me", "phone_numbers", phone_number_id, NULL);
  start (self, request, cancellable, callback, user_data);
}

gboolean
mfa_client_delete_phone_number_finish (MfaClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_boolean (self, result, mfa_client_delete_phone_number_async, error);
}

void
mfa_client_create_backup_codes_async (MfaClient           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(Request) request = NULL;

  g_return_if_fail (MFA_IS_CLIENT (self));

  request = request_new ("POST", RESULT_BACKUP_CODES, mfa_client_create_backup_codes_async,
                         "me", "backup_codes", NULL);
  request_set_empty_form (request);
  start (self, request, cancellable, callback, user_data);
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
  return finish_pointer (self, result, mfa_client_create_backup_codes_async, error);
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
  Request *request;

  g_return_if_fail (MFA_IS_CLIENT (self));
  g_return_if_fail (mfa_client_can_replay (error));

  request = mfa_client_error_get_replay (error);
  start (self, request, cancellable, callback, user_data);
}
