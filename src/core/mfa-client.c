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

#include <string.h>

#include "mfa-client-private.h"
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
 *
 * This file holds the object and its model; mfa-client-transport.c
 * sends the requests that mfa-client-sign-in.c and mfa-client-me.c
 * build.
 */

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

/* The model */

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

/* The same user is updated in place, phones included; another one
 * replaces it. */
void
mfa_client_update_user (MfaClient *self,
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
void
mfa_client_apply_client (MfaClient     *self,
                         MfaFapiClient *client)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string_prop (self, &self->client_id, client != NULL ? client->client_id : NULL, PROP_0);
  set_sign_in (self, client != NULL ? client->sign_in : NULL);
  set_string_prop (self, &self->session_id, client != NULL ? client->session_id : NULL,
                   PROP_SESSION_ID);
  mfa_client_update_user (self, client != NULL ? client->user : NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
mfa_client_emit_session_gone (MfaClient *self)
{
  g_signal_emit (self, signals[SIGNAL_SESSION_GONE], 0);
}

void
mfa_client_lose_session (MfaClient *self,
                         gboolean   forget_token)
{
  gboolean had_session = self->session_id != NULL || self->user != NULL;

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_string_prop (self, &self->session_id, NULL, PROP_SESSION_ID);
  mfa_client_update_user (self, NULL);
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
   * Seconds a request may take, from connecting to the last byte of
   * its answer, before it fails with %MFA_CLIENT_ERROR_TIMEOUT.
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
                                                               " (Linux; " APP_ID ")",
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

  mfa_client_lose_session (self, TRUE);
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

void
mfa_client_set_reachable (MfaClient *self,
                          gboolean   reachable)
{
  if (self->unreachable == !reachable)
    return;
  self->unreachable = !reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

