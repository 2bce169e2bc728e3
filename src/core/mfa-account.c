/* mfa-account.c
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

#define G_LOG_DOMAIN "mfa-account"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-account.h"
#include "mfa-core-enums.h"
#include "mfa-snapshot.h"

/**
 * MfaAccount:
 *
 * The person's account on one service: the client that talks to it, the
 * keyring item that keeps its session, the offline snapshot, whether the
 * service can be reached (retrying with a backoff when it cannot),
 * start-up, sign-out and forgetting. The user interface binds to
 * #MfaAccount:state and #MfaAccount:user and asks nothing else.
 */

/* Retries while offline: 5 s, then twice as long each time, at most a
 * minute.
 */
#define FIRST_RETRY_S 5
#define LAST_RETRY_S  60

struct _MfaAccount
{
  GObject          parent_instance;

  char            *base_url;
  MfaClient       *client;
  MfaChanges      *changes;
  MfaClock        *clock;
  MfaSessionStore *session_store;
  GCancellable    *cancellable;

  MfaAccountState  state;
  MfaUser         *snapshot;
  gint64           synced_at_ms;
  GError          *error;

  /* The token the keyring holds, so that only a change is written. */
  char            *stored_token;
  gboolean         keyring_failed;
  /* One write at a time, so the newest token is the last one written:
   * a write asked for meanwhile waits for the one under way. */
  gboolean         keyring_busy;
  gboolean         keyring_dirty;
  GApplication    *held_application;

  MfaUser         *watched_user;
  guint            save_idle_id;

  guint            retry_id;
  guint            retry_delay_s;

  /* The session ends on purpose: not a loss to report. */
  gboolean         ending;

  /* mfa_account_start() is under way: a second call waits for it. */
  gboolean         starting;
};

G_DEFINE_FINAL_TYPE (MfaAccount, mfa_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CLIENT,
  PROP_CLOCK,
  PROP_SESSION_STORE,
  PROP_STATE,
  PROP_USER,
  PROP_KEYRING_AVAILABLE,
  PROP_TITLE,
  PROP_READ_ONLY,
  PROP_READ_ONLY_REASON,
  PROP_OFFLINE,
  PROP_SYNCED_AT_MS,
  PROP_CHANGES,
  PROP_ENVIRONMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_snapshot (MfaAccount *self);

static void
set_state (MfaAccount      *self,
           MfaAccountState  state,
           const GError    *error)
{
  g_autoptr(MfaUser) old_user = NULL;
  gboolean old_read_only = mfa_account_get_read_only (self);
  const char *old_reason = mfa_account_get_read_only_reason (self);
  gboolean old_offline = mfa_account_get_offline (self);
  gint64 old_synced_at_ms = mfa_account_get_synced_at_ms (self);
  gboolean state_changed = self->state != state;

  if (mfa_account_get_user (self) != NULL)
    old_user = g_object_ref (mfa_account_get_user (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  if (state != MFA_ACCOUNT_STATE_OFFLINE && state != MFA_ACCOUNT_STATE_RESTORING)
    g_clear_object (&self->snapshot);
  if (state != MFA_ACCOUNT_STATE_RESTORING)
    self->starting = FALSE;

  if (state_changed)
    g_debug ("state %d → %d", self->state, state);
  self->state = state;

  /* Each property that changed, once, the state's own last but the user. */
  if (old_read_only != mfa_account_get_read_only (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  if (g_strcmp0 (old_reason, mfa_account_get_read_only_reason (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);
  if (old_offline != mfa_account_get_offline (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
  if (old_synced_at_ms != mfa_account_get_synced_at_ms (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCED_AT_MS]);
  /* The same state for another reason (a second failed attempt) too. */
  if (state_changed || error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (old_user != mfa_account_get_user (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static void
restart_cancellable (MfaAccount *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Keyring */

static void
note_keyring_failure (MfaAccount   *self,
                      const GError *error)
{
  if (self->keyring_failed)
    return;

  self->keyring_failed = TRUE;
  g_message ("The session cannot be kept in the keyring: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_AVAILABLE]);
}

static void write_keyring (MfaAccount *self);

static void
keyring_written (MfaAccount   *self,
                 const GError *error)
{
  g_autoptr(GApplication) application = g_steal_pointer (&self->held_application);

  self->keyring_busy = FALSE;
  if (error != NULL)
    note_keyring_failure (self, error);

  if (self->keyring_dirty && !self->keyring_failed)
    write_keyring (self);

  if (application != NULL)
    g_application_release (application);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  mfa_session_store_store_finish (MFA_SESSION_STORE (object), result, &error);
  keyring_written (self, error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  mfa_session_store_clear_finish (MFA_SESSION_STORE (object), result, &error);
  keyring_written (self, error);
}

/* Writes stored_token to the keyring (or clears the item), after the
 * write under way if there is one. */
static void
write_keyring (MfaAccount *self)
{
  if (self->keyring_busy)
    {
      self->keyring_dirty = TRUE;
      return;
    }

  self->keyring_busy = TRUE;
  self->keyring_dirty = FALSE;
  /* Closing the last window does not end the app before the keyring has
   * the token: else the next start would find an older one. */
  if (self->held_application == NULL && g_application_get_default () != NULL)
    {
      self->held_application = g_object_ref (g_application_get_default ());
      g_application_hold (self->held_application);
    }
  if (self->stored_token != NULL)
    mfa_session_store_store_async (self->session_store, self->base_url, self->stored_token,
                                   NULL, store_cb, g_object_ref (self));
  else
    mfa_session_store_clear_async (self->session_store, self->base_url,
                                   NULL, clear_cb, g_object_ref (self));
}

/* The client's token follows every answer; the keyring follows it. */
static void
token_changed_cb (MfaAccount *self,
                  GParamSpec *pspec,
                  MfaClient  *client)
{
  const char *token = mfa_client_get_token (client);

  if (g_strcmp0 (token, self->stored_token) == 0 || self->keyring_failed)
    return;

  g_free (self->stored_token);
  self->stored_token = g_strdup (token);
  write_keyring (self);
}

/* Offline snapshot: numbers and flags only, saved after every change. */

static void
save_snapshot (MfaAccount *self)
{
  MfaUser *user = mfa_client_get_user (self->client);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_idle_id, g_source_remove);

  if (user != NULL && self->state == MFA_ACCOUNT_STATE_SIGNED_IN &&
      !mfa_snapshot_save (user, mfa_client_get_environment (self->client), self->base_url,
                          mfa_clock_get_now_ms (self->clock), &error))
    g_message ("The offline copy could not be saved: %s", error->message);
}

static gboolean
save_snapshot_cb (gpointer user_data)
{
  MfaAccount *self = user_data;

  self->save_idle_id = 0;
  save_snapshot (self);

  return G_SOURCE_REMOVE;
}

static void
queue_save_snapshot (MfaAccount *self)
{
  if (self->save_idle_id == 0)
    self->save_idle_id = g_idle_add (save_snapshot_cb, self);
}

static void
watch_user (MfaAccount *self,
            MfaUser    *user)
{
  if (self->watched_user != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_user, self);
  g_set_object (&self->watched_user, user);

  if (user != NULL)
    {
      g_signal_connect_object (user, "changed", G_CALLBACK (queue_save_snapshot), self,
                               G_CONNECT_SWAPPED);
      queue_save_snapshot (self);
    }
}

static void
client_user_cb (MfaAccount *self,
                GParamSpec *pspec,
                MfaClient  *client)
{
  watch_user (self, mfa_client_get_user (client));

  if (self->state == MFA_ACCOUNT_STATE_SIGNED_IN)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/* Reachability */

static void refresh (MfaAccount *self);

static gboolean
retry_cb (gpointer user_data)
{
  MfaAccount *self = user_data;

  self->retry_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (MfaAccount *self)
{
  self->retry_delay_s = self->retry_delay_s == 0 ? FIRST_RETRY_S
                                                 : MIN (self->retry_delay_s * 2, LAST_RETRY_S);

  if (self->retry_id != 0)
    mfa_clock_remove (self->clock, self->retry_id);
  self->retry_id = mfa_clock_add_timeout_ms (self->clock, self->retry_delay_s * 1000,
                                             retry_cb, self, NULL);
}

static void
stop_retrying (MfaAccount *self)
{
  if (self->retry_id != 0)
    mfa_clock_remove (self->clock, self->retry_id);
  self->retry_id = 0;
  self->retry_delay_s = 0;
}

/* What the snapshot says the instance allows, until the service says:
 * a restored session then offers only what the instance allows, without
 * a request more than the session's own. */
static void
know_environment (MfaAccount     *self,
                  MfaEnvironment *environment)
{
  if (environment != NULL && mfa_client_get_environment (self->client) == NULL)
    mfa_client_set_environment (self->client, environment);
}

/* Shows the last snapshot, read-only, if there is one. */
static gboolean
go_offline (MfaAccount   *self,
            const GError *error)
{
  g_autoptr(MfaUser) snapshot = NULL;
  g_autoptr(MfaEnvironment) environment = NULL;
  gint64 synced_at_ms = 0;

  snapshot = mfa_snapshot_load (self->base_url, &synced_at_ms, &environment, NULL);
  if (snapshot == NULL)
    return FALSE;
  know_environment (self, environment);

  g_set_object (&self->snapshot, snapshot);
  self->synced_at_ms = synced_at_ms;
  set_state (self, MFA_ACCOUNT_STATE_OFFLINE, error);
  schedule_retry (self);

  return TRUE;
}

/* A request failed for want of an answer while signed in: the same
 * numbers, read-only, until the service answers again.
 */
static void
reachable_changed_cb (MfaAccount *self,
                      GParamSpec *pspec,
                      MfaClient  *client)
{
  if (mfa_client_get_reachable (client) || self->state != MFA_ACCOUNT_STATE_SIGNED_IN)
    return;

  /* What is shown now is the freshest copy there is. */
  save_snapshot (self);
  go_offline (self, NULL);
}

static void
session_gone_cb (MfaAccount *self,
                 MfaClient  *client)
{
  if (self->ending || self->state == MFA_ACCOUNT_STATE_SIGNED_OUT)
    return;

  stop_retrying (self);
  set_state (self, MFA_ACCOUNT_STATE_SESSION_LOST, NULL);
}

/* A sign-in finished in a view: the session is live. An answer that
 * carries the client without it: the session ended elsewhere.
 */
static void
session_id_cb (MfaAccount *self,
               GParamSpec *pspec,
               MfaClient  *client)
{
  if (mfa_client_get_session_id (client) == NULL)
    {
      if (self->state == MFA_ACCOUNT_STATE_SIGNED_IN)
        session_gone_cb (self, client);
      return;
    }

  if (self->state == MFA_ACCOUNT_STATE_SIGNED_OUT ||
      self->state == MFA_ACCOUNT_STATE_SESSION_LOST)
    set_state (self, MFA_ACCOUNT_STATE_SIGNED_IN, NULL);
}

/* Start-up: the token from the keyring, then one GET /v1/client restores
 * the session; without a token, GET /v1/environment checks the service.
 */

static void
settle (MfaAccount *self)
{
  stop_retrying (self);

  if (mfa_client_get_session_id (self->client) != NULL)
    {
      set_state (self, MFA_ACCOUNT_STATE_SIGNED_IN, NULL);
      queue_save_snapshot (self);
    }
  else
    {
      /* No session after all: the snapshot's user is no one's now. */
      if (mfa_client_get_user (self->client) != NULL)
        mfa_client_adopt_user (self->client, NULL);
      set_state (self, MFA_ACCOUNT_STATE_SIGNED_OUT, NULL);
    }
}

static void
environment_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MfaAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_client_get_environment_finish (MFA_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_state (self, MFA_ACCOUNT_STATE_UNREACHABLE, error);
      return;
    }

  settle (self);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mfa_client_refresh_finish (MFA_CLIENT (object), result, &error))
    {
      settle (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
    {
      stop_retrying (self);
      set_state (self, MFA_ACCOUNT_STATE_SESSION_LOST, NULL);
      return;
    }

  if (self->state == MFA_ACCOUNT_STATE_OFFLINE)
    {
      schedule_retry (self);
      return;
    }

  if (mfa_client_error_is_transport (error) && go_offline (self, error))
    return;

  set_state (self, MFA_ACCOUNT_STATE_UNREACHABLE, error);
}

static void
refresh (MfaAccount *self)
{
  restart_cancellable (self);
  mfa_client_refresh_async (self->client, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfaAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = mfa_session_store_lookup_finish (MFA_SESSION_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    note_keyring_failure (self, error);

  if (token == NULL)
    {
      mfa_client_get_environment_async (self->client, self->cancellable, environment_cb,
                                        g_object_ref (self));
      return;
    }

  /* What came from the keyring is already there. */
  g_free (self->stored_token);
  self->stored_token = g_strdup (token);
  mfa_client_set_token (self->client, token);
  /* The service's answer updates the snapshot's user in place: the
   * numbers drawn from it are not drawn again. */
  if (self->snapshot != NULL && mfa_client_get_user (self->client) == NULL)
    mfa_client_adopt_user (self->client, self->snapshot);
  mfa_client_refresh_async (self->client, self->cancellable, refresh_cb, g_object_ref (self));
}

/**
 * mfa_account_start:
 * @self: a #MfaAccount
 *
 * Restores the kept session, or finds out that sign-in is needed; the
 * outcome is the next #MfaAccount:state. The keyring is read off the main
 * thread while the connection to the service opens. Called again before
 * the outcome, it does nothing: the start under way goes on.
 */
void
mfa_account_start (MfaAccount *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT (self));

  /* Started early (before the window is built): the window's own start
   * joins that one rather than asking the keyring again.
   */
  if (self->starting)
    return;

  restart_cancellable (self);
  stop_retrying (self);

  /* While the session is checked, the last snapshot (if any) is what
   * there is to show: drawn at once, and replaced by the service's user
   * when it answers.
   */
  if (self->snapshot == NULL)
    {
      g_autoptr(MfaEnvironment) environment = NULL;
      MfaUser *before = mfa_account_get_user (self);

      self->snapshot = mfa_snapshot_load (self->base_url, &self->synced_at_ms, &environment, NULL);
      know_environment (self, environment);
      set_state (self, MFA_ACCOUNT_STATE_RESTORING, NULL);
      if (before != mfa_account_get_user (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  else
    set_state (self, MFA_ACCOUNT_STATE_RESTORING, NULL);
  self->starting = TRUE;

  /* The connection opens while the keyring is read. */
  mfa_client_preconnect (self->client, self->cancellable);

  if (self->keyring_failed || mfa_client_get_token (self->client) != NULL)
    {
      if (mfa_client_get_token (self->client) != NULL)
        mfa_client_refresh_async (self->client, self->cancellable, refresh_cb,
                                  g_object_ref (self));
      else
        mfa_client_get_environment_async (self->client, self->cancellable, environment_cb,
                                          g_object_ref (self));
      return;
    }

  mfa_session_store_lookup_async (self->session_store, self->base_url, self->cancellable,
                                  lookup_cb, g_object_ref (self));
}

/**
 * mfa_account_retry:
 * @self: a #MfaAccount
 *
 * Offline: asks the service again now rather than at the next retry.
 * Unreachable at start: starts again.
 */
void
mfa_account_retry (MfaAccount *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT (self));

  if (self->state == MFA_ACCOUNT_STATE_OFFLINE)
    {
      if (self->retry_id != 0)
        mfa_clock_remove (self->clock, self->retry_id);
      self->retry_id = 0;
      refresh (self);
    }
  else if (self->state == MFA_ACCOUNT_STATE_UNREACHABLE)
    mfa_account_start (self);
}

/* Nothing of the session stays on this computer. */
static void
forget_locally (MfaAccount *self)
{
  g_autoptr(GError) error = NULL;

  gboolean had_token = mfa_client_get_token (self->client) != NULL;

  self->ending = TRUE;
  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  if (!mfa_snapshot_delete (self->base_url, &error))
    g_message ("The offline copy could not be deleted: %s", error->message);

  /* Clearing the token clears the keyring item (token_changed_cb). */
  mfa_client_reset (self->client);
  if (!had_token && !self->keyring_failed)
    {
      g_clear_pointer (&self->stored_token, g_free);
      write_keyring (self);
    }
  self->ending = FALSE;

  stop_retrying (self);
  set_state (self, MFA_ACCOUNT_STATE_SIGNED_OUT, NULL);
}

static void
remove_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfaAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->ending = FALSE;

  if (!mfa_client_remove_session_finish (MFA_CLIENT (object), result, &error) &&
      !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forget_locally (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * mfa_account_sign_out_async:
 * @self: a #MfaAccount
 *
 * Ends the session on the service, then forgets it here: keyring item,
 * token and snapshot. When the service cannot be reached, nothing
 * changes and the error says why.
 */
void
mfa_account_sign_out_async (MfaAccount          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *session_id;

  g_return_if_fail (MFA_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_account_sign_out_async);

  session_id = mfa_client_get_session_id (self->client);
  if (session_id == NULL)
    {
      forget_locally (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->ending = TRUE;
  mfa_client_remove_session_async (self->client, session_id, cancellable,
                                   remove_session_cb, g_steal_pointer (&task));
}

gboolean
mfa_account_sign_out_finish (MfaAccount    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_account_sign_out_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mfa_account_forget:
 * @self: a #MfaAccount
 *
 * Forgets the session on this computer without asking the service (which
 * may be out of reach): the keyring item, the token and the snapshot go.
 */
void
mfa_account_forget (MfaAccount *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT (self));

  g_cancellable_cancel (self->cancellable);
  forget_locally (self);
}

/**
 * mfa_account_flush:
 * @self: a #MfaAccount
 *
 * Writes the offline snapshot now if a change is waiting to be written
 * once the main loop is idle: for an application about to quit.
 */
void
mfa_account_flush (MfaAccount *self)
{
  g_return_if_fail (MFA_IS_ACCOUNT (self));

  if (self->save_idle_id != 0)
    save_snapshot (self);
}

/* Getters */

/**
 * mfa_account_get_saving:
 *
 * Returns: whether a change of the token is being written to the
 *   keyring; the default #GApplication is held meanwhile
 */
gboolean
mfa_account_get_saving (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), FALSE);

  return self->keyring_busy;
}

/**
 * mfa_account_dup_title:
 *
 * What the account is called where it is shown: the name the service
 * gives itself once its environment is known (from the service, or from
 * the last run's snapshot), else the host of its Frontend API.
 *
 * Returns: (transfer full): the name; never %NULL
 */
char *
mfa_account_dup_title (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return mfa_client_dup_service_name (self->client);
}

const char *
mfa_account_get_base_url (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

/**
 * mfa_account_get_client:
 *
 * Returns: (transfer none): the client of this account
 */
MfaClient *
mfa_account_get_client (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return self->client;
}

/**
 * mfa_account_get_changes:
 *
 * Returns: (transfer none): the changes of this account's numbers and codes
 */
MfaChanges *
mfa_account_get_changes (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return self->changes;
}

/**
 * mfa_account_get_clock:
 *
 * Returns: (transfer none): the clock every wait of this account reads
 */
MfaClock *
mfa_account_get_clock (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return self->clock;
}

MfaAccountState
mfa_account_get_state (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), MFA_ACCOUNT_STATE_RESTORING);

  return self->state;
}

/**
 * mfa_account_get_user:
 *
 * Returns: (transfer none) (nullable): the service's user when signed
 *   in; the snapshot's when offline, and while restoring if there is
 *   one (read-only, until the service answers); else %NULL
 */
MfaUser *
mfa_account_get_user (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  if (self->state == MFA_ACCOUNT_STATE_OFFLINE || self->state == MFA_ACCOUNT_STATE_RESTORING)
    return self->snapshot;
  if (self->state == MFA_ACCOUNT_STATE_SIGNED_IN)
    return mfa_client_get_user (self->client);

  return NULL;
}

/**
 * mfa_account_get_read_only:
 *
 * Returns: whether the numbers shown are the last snapshot, which
 *   nothing may change: offline, or while the session is checked
 */
gboolean
mfa_account_get_read_only (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), FALSE);

  return self->snapshot != NULL && mfa_account_get_user (self) == self->snapshot;
}

/**
 * mfa_account_get_read_only_reason:
 *
 * Returns: (nullable): why nothing can be changed now, as a tooltip
 *   says it; %NULL when changes are possible
 */
const char *
mfa_account_get_read_only_reason (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  if (!mfa_account_get_read_only (self))
    return NULL;

  if (self->state == MFA_ACCOUNT_STATE_RESTORING)
    return _("Available once the session is checked");

  return _("Not available offline");
}

/**
 * mfa_account_get_offline:
 *
 * Returns: whether the service cannot be reached and the last snapshot
 *   is shown; not while a session is merely being checked
 */
gboolean
mfa_account_get_offline (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), FALSE);

  return self->state == MFA_ACCOUNT_STATE_OFFLINE;
}

/**
 * mfa_account_get_synced_at_ms:
 *
 * Returns: offline, or restoring with a snapshot: when the snapshot was
 *   taken (ms since the epoch on the account's clock); else 0
 */
gint64
mfa_account_get_synced_at_ms (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), 0);

  return mfa_account_get_user (self) == self->snapshot && self->snapshot != NULL
         ? self->synced_at_ms : 0;
}

/**
 * mfa_account_get_error:
 *
 * Returns: (nullable): why the service could not be reached, for
 *   %MFA_ACCOUNT_STATE_UNREACHABLE and %MFA_ACCOUNT_STATE_OFFLINE
 */
const GError *
mfa_account_get_error (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), NULL);

  return self->error;
}

/**
 * mfa_account_get_keyring_available:
 *
 * Returns: %FALSE once the keyring failed: the session then lives in
 *   memory for this run only
 */
gboolean
mfa_account_get_keyring_available (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), FALSE);

  return !self->keyring_failed;
}

/**
 * mfa_account_get_retry_delay_s:
 *
 * Returns: offline: the seconds until the next automatic retry was
 *   planned from; 0 when no retry is planned
 */
guint
mfa_account_get_retry_delay_s (MfaAccount *self)
{
  g_return_val_if_fail (MFA_IS_ACCOUNT (self), 0);

  return self->retry_id != 0 ? self->retry_delay_s : 0;
}

/* GObject */

static void
client_environment_cb (MfaAccount *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

static void
mfa_account_constructed (GObject *object)
{
  MfaAccount *self = (MfaAccount *)object;

  G_OBJECT_CLASS (mfa_account_parent_class)->constructed (object);

  g_assert (self->base_url != NULL);

  if (self->clock == NULL)
    self->clock = g_object_ref (mfa_clock_get_default ());
  if (self->session_store == NULL)
    self->session_store = mfa_session_store_new ();

  self->client = mfa_client_new (self->base_url);
  self->changes = mfa_changes_new (self->client, self->clock);
  g_signal_connect_object (self->client, "notify::token", G_CALLBACK (token_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::user", G_CALLBACK (client_user_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::session-id", G_CALLBACK (session_id_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::reachable", G_CALLBACK (reachable_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "session-gone", G_CALLBACK (session_gone_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::environment", G_CALLBACK (client_environment_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
mfa_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfaAccount *self = MFA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_SESSION_STORE:
      g_value_set_object (value, self->session_store);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_USER:
      g_value_set_object (value, mfa_account_get_user (self));
      break;

    case PROP_KEYRING_AVAILABLE:
      g_value_set_boolean (value, !self->keyring_failed);
      break;

    case PROP_TITLE:
      g_value_take_string (value, mfa_account_dup_title (self));
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, mfa_account_get_read_only (self));
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, mfa_account_get_read_only_reason (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, mfa_account_get_offline (self));
      break;

    case PROP_SYNCED_AT_MS:
      g_value_set_int64 (value, mfa_account_get_synced_at_ms (self));
      break;

    case PROP_CHANGES:
      g_value_set_object (value, self->changes);
      break;

    case PROP_ENVIRONMENT:
      g_value_set_object (value, mfa_client_get_environment (self->client));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_account_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MfaAccount *self = MFA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_SESSION_STORE:
      self->session_store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_account_dispose (GObject *object)
{
  MfaAccount *self = (MfaAccount *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->clock != NULL)
    stop_retrying (self);
  /* Closed right after a change: the snapshot is written now, not lost
   * with the idle that would have written it. */
  mfa_account_flush (self);
  watch_user (self, NULL);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->changes);
  g_clear_object (&self->client);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->session_store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_account_parent_class)->dispose (object);
}

static void
mfa_account_finalize (GObject *object)
{
  MfaAccount *self = (MfaAccount *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->stored_token, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mfa_account_parent_class)->finalize (object);
}

static void
mfa_account_class_init (MfaAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfa_account_constructed;
  object_class->get_property = mfa_account_get_property;
  object_class->set_property = mfa_account_set_property;
  object_class->dispose = mfa_account_dispose;
  object_class->finalize = mfa_account_finalize;

  /**
   * MfaAccount:base-url:
   *
   * The normalized Frontend API base URL of the service.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:client:
   *
   * The client that talks to the service; the same for the account's
   * life.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:clock:
   *
   * The clock retries and snapshots read; the default clock if none is
   * given.
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, MFA_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:session-store:
   *
   * Where the session's token is kept; a new store if none is given.
   */
  properties[PROP_SESSION_STORE] =
    g_param_spec_object ("session-store", NULL, NULL, MFA_TYPE_SESSION_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:state:
   *
   * Where the account stands. Notified on every change, and again when
   * a failure in the same state has a new reason.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MFA_TYPE_ACCOUNT_STATE, MFA_ACCOUNT_STATE_RESTORING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The properties from here to MfaAccount:changes are read with the
   * functions of the same names, documented there. */
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, MFA_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KEYRING_AVAILABLE] =
    g_param_spec_boolean ("keyring-available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNCED_AT_MS] =
    g_param_spec_int64 ("synced-at-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:changes:
   *
   * The changes asked of the numbers and codes, what is on its way and
   * what went wrong.
   */
  properties[PROP_CHANGES] =
    g_param_spec_object ("changes", NULL, NULL, MFA_TYPE_CHANGES,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MfaAccount:environment:
   *
   * What the instance allows, once it said (#MfaClient:environment).
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_object ("environment", NULL, NULL, MFA_TYPE_ENVIRONMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_account_init (MfaAccount *self)
{
  self->state = MFA_ACCOUNT_STATE_RESTORING;
}

/**
 * mfa_account_new:
 * @base_url: a normalized Frontend API base URL
 * @session_store: (nullable): where to keep the token; a new store if
 *   %NULL
 * @clock: (nullable): the clock to read; the default clock if %NULL
 *
 * Returns: (transfer full): an account; call mfa_account_start() next
 */
MfaAccount *
mfa_account_new (const char      *base_url,
                 MfaSessionStore *session_store,
                 MfaClock        *clock)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (session_store == NULL || MFA_IS_SESSION_STORE (session_store), NULL);
  g_return_val_if_fail (clock == NULL || MFA_IS_CLOCK (clock), NULL);

  return g_object_new (MFA_TYPE_ACCOUNT,
                       "base-url", base_url,
                       "session-store", session_store,
                       "clock", clock,
                       NULL);
}
