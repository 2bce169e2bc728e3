/* mfa-session-store.c
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

#define G_LOG_DOMAIN "mfa-session-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "mfa-session-store.h"

/**
 * MfaSessionStore:
 *
 * Keeps the client token in the user's keyring (the Secret Service,
 * through libsecret), one item per Frontend API base URL: scheme, host
 * and port. There is no other place: when the keyring is missing or
 * locked the calls fail with %MFA_SESSION_STORE_ERROR and nothing is
 * written anywhere.
 */

struct _MfaSessionStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MfaSessionStore, mfa_session_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (mfa-session-store-error-quark, mfa_session_store_error)

#define ATTRIBUTE_BASE_URL "base-url"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    MFA_SESSION_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_BASE_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
mfa_session_store_class_init (MfaSessionStoreClass *klass)
{
}

static void
mfa_session_store_init (MfaSessionStore *self)
{
}

MfaSessionStore *
mfa_session_store_new (void)
{
  return g_object_new (MFA_TYPE_SESSION_STORE, NULL);
}

/**
 * mfa_session_store_key_for_url:
 * @base_url: a Frontend API base URL
 *
 * The key of the keyring item: `scheme://host:port`, lower case, with
 * the port always written out, so `https://Clerk.example.com/` and
 * `https://clerk.example.com:443` share one session.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL for a URL
 *   without scheme or host
 */
char *
mfa_session_store_key_for_url (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if (port < 0)
    {
      if (g_str_equal (scheme, "https"))
        port = 443;
      else if (g_str_equal (scheme, "http"))
        port = 80;
      else
        return NULL;
    }
  /* A Frontend API served through a proxy is known by its path too. */
  path = g_uri_get_path (uri);
  if (g_str_equal (path, "/"))
    path = "";
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d%s", scheme, host, port, path);
  return g_strdup_printf ("%s://%s:%d%s", scheme, host, port, path);
}

static GError *
map_error (GError       *error,
           GCancellable *cancellable)
{
  MfaSessionStoreError code;
  const char *message;

  if (g_cancellable_is_cancelled (cancellable))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, error->message);

  g_debug ("keyring: %s (%s, %d)", error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A dismissed unlock prompt ends as a cancellation we did not ask for. */
      code = MFA_SESSION_STORE_ERROR_LOCKED;
      message = _("The keyring is locked");
    }
  else if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
           error->domain == G_SPAWN_ERROR)
    {
      code = MFA_SESSION_STORE_ERROR_NO_SERVICE;
      message = _("No keyring is available");
    }
  else
    {
      code = MFA_SESSION_STORE_ERROR_FAILED;
      message = _("The keyring refused to keep the session");
    }

  return g_error_new_literal (MFA_SESSION_STORE_ERROR, code, message);
}

static gboolean
check_url (const char  *base_url,
           char       **key,
           GTask       *task)
{
  *key = mfa_session_store_key_for_url (base_url);
  if (*key != NULL)
    return TRUE;
  g_task_return_new_error (task, MFA_SESSION_STORE_ERROR, MFA_SESSION_STORE_ERROR_BAD_URL,
                           _("“%s” is not a Frontend API address"), base_url);
  return FALSE;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mfa_session_store_store_async:
 * @base_url: the Frontend API base URL the token belongs to
 * @token: the client token, verbatim
 *
 * Stores or replaces the token of @base_url in the default keyring.
 */
void
mfa_session_store_store_async (MfaSessionStore     *self,
                               const char          *base_url,
                               const char          *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (MFA_IS_SESSION_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_session_store_store_async);
  if (!check_url (base_url, &key, task))
    return;

  /* Translators: the label of the keyring item; %s is an address. */
  label = g_strdup_printf (_("MFA Manager session for %s"), key);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, g_steal_pointer (&task),
                         ATTRIBUTE_BASE_URL, key,
                         NULL);
}

gboolean
mfa_session_store_store_finish (MfaSessionStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (MFA_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_session_store_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The lookup runs in a worker thread: libsecret's own main context there
 * carries the whole exchange with the keyring (opening the session,
 * searching, unlocking, reading the secret), so it goes on while the
 * main thread builds and draws the window instead of waiting for it.
 */
static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *key = task_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_sync (get_schema (), cancellable, &error,
                                       ATTRIBUTE_BASE_URL, key,
                                       NULL);
  if (error != NULL)
    g_task_return_error (task, map_error (error, cancellable));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * mfa_session_store_lookup_async:
 *
 * Looks up the token stored for @base_url, off the main thread.
 */
void
mfa_session_store_lookup_async (MfaSessionStore     *self,
                                const char          *base_url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (MFA_IS_SESSION_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_session_store_lookup_async);
  if (!check_url (base_url, &key, task))
    return;

  g_task_set_task_data (task, g_steal_pointer (&key), g_free);
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * mfa_session_store_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token, or %NULL with no
 *   error set when none is stored; free it with secret_password_free()
 *   or g_free()
 */
char *
mfa_session_store_lookup_finish (MfaSessionStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_autofree char *token = NULL;
  char *copy;

  g_return_val_if_fail (MFA_IS_SESSION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_session_store_lookup_async,
                        NULL);

  /* Copy out of libsecret's non-pageable memory into a plain string. */
  copy = g_task_propagate_pointer (G_TASK (result), error);
  if (copy == NULL)
    return NULL;
  token = g_strdup (copy);
  secret_password_free (copy);
  return g_steal_pointer (&token);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mfa_session_store_clear_async:
 *
 * Removes the token of @base_url; succeeds when there was none.
 */
void
mfa_session_store_clear_async (MfaSessionStore     *self,
                               const char          *base_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (MFA_IS_SESSION_STORE (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_session_store_clear_async);
  if (!check_url (base_url, &key, task))
    return;

  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         ATTRIBUTE_BASE_URL, key,
                         NULL);
}

gboolean
mfa_session_store_clear_finish (MfaSessionStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (MFA_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_session_store_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
