/* mfa-window.c
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


#define G_LOG_DOMAIN "mfa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-add-phone-view.h"
#include "mfa-backup-codes-view.h"
#include "mfa-client.h"
#include "mfa-clock.h"
#include "mfa-connect-page.h"
#include "mfa-instance.h"
#include "mfa-manage-view.h"
#include "mfa-session-store.h"
#include "mfa-snapshot.h"
#include "mfa-sign-in-view.h"
#include "mfa-window.h"

struct _MfaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *frontend_api;

  /* One client per service; the session store keeps its token. */
  MfaClient            *client;
  MfaSessionStore      *session_store;
  MfaClock             *clock;
  char                 *stored_token;
  gboolean              keyring_failed;

  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MfaConnectPage       *connect_page;
  AdwStatusPage        *connecting_page;
  GtkSpinner           *connecting_spinner;
  guint                 spinner_timeout_id;
  AdwStatusPage        *unreachable_page;
  MfaSignInView        *sign_in_view;
  MfaManageView        *manage_view;
  MfaAddPhoneView      *add_phone_view;
  MfaBackupCodesView   *backup_codes_view;

  /* The window was asked to close while unsaved codes were shown. */
  gboolean              close_after_codes;

  /* Offline (X2): the last snapshot is shown until the service answers;
   * retries back off on the app clock.
   */
  gboolean              offline;
  guint                 retry_timeout_id;
  guint                 retry_delay_s;
  MfaUser              *watched_user;
  guint                 save_idle_id;
};

G_DEFINE_FINAL_TYPE (MfaWindow, mfa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FRONTEND_API,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mfa_window_new:
 * @application: the application
 * @frontend_api: (nullable): a Frontend API for this run only
 *
 * Without @frontend_api the window uses the service remembered from the
 * Connect page, or shows that page.
 */
MfaWindow *
mfa_window_new (MfaApplication *application,
                const char     *frontend_api)
{
  return g_object_new (MFA_TYPE_WINDOW,
                       "application", application,
                       "frontend-api", frontend_api,
                       NULL);
}

const char *
mfa_window_get_page_name (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mfa_window_get_frontend_api:
 * @self: a #MfaWindow
 *
 * Returns: (nullable): the Frontend API base URL in use
 */
const char *
mfa_window_get_frontend_api (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return self->frontend_api;
}

/**
 * mfa_window_get_page:
 * @self: a #MfaWindow
 * @name: a page name
 *
 * Returns: (transfer none) (nullable): the page of that name
 */
GtkWidget *
mfa_window_get_page (MfaWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

void
mfa_window_add_toast (MfaWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (MFA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_signed_in (MfaWindow *self)
{
  return self->client != NULL && mfa_client_get_session_id (self->client) != NULL;
}

static void
update_actions (MfaWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean managing = g_strcmp0 (name, "manage") == 0;
  gboolean adding = g_strcmp0 (name, "add-phone") == 0;
  gboolean codes = g_strcmp0 (name, "backup-codes") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-service",
                                 g_strcmp0 (name, "connect") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 is_signed_in (self) && !self->offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-add-phone",
                                 is_signed_in (self) && managing && !self->offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-connection", self->offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", adding || codes);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adding || codes);
}

static void add_toast_cb (MfaWindow *self, AdwToast *toast);
static void signed_in_cb (MfaWindow *self);
static void verify_phone_cb (MfaWindow *self, MfaPhoneNumber *phone);
static void backup_codes_cb (MfaWindow *self, MfaBackupCodes *codes);
static void add_phone_done_cb (MfaWindow *self);
static void backup_codes_done_cb (MfaWindow *self);

/* The views are made the first time they are shown: start-up builds only
 * the page it shows.
 */
static void
add_view (MfaWindow  *self,
          GtkWidget  *view,
          const char *name)
{
  g_object_set (view, "client", self->client, "clock", self->clock, NULL);
  g_signal_connect_object (view, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, view, name);
}

static MfaSignInView *
get_sign_in_view (MfaWindow *self)
{
  if (self->sign_in_view == NULL)
    {
      self->sign_in_view = MFA_SIGN_IN_VIEW (mfa_sign_in_view_new ());
      g_signal_connect_object (self->sign_in_view, "signed-in", G_CALLBACK (signed_in_cb), self,
                               G_CONNECT_SWAPPED);
      add_view (self, GTK_WIDGET (self->sign_in_view), "sign-in");
    }

  return self->sign_in_view;
}

static MfaManageView *
get_manage_view (MfaWindow *self)
{
  if (self->manage_view == NULL)
    {
      self->manage_view = MFA_MANAGE_VIEW (mfa_manage_view_new ());
      g_signal_connect_object (self->manage_view, "verify-phone", G_CALLBACK (verify_phone_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->manage_view, "backup-codes", G_CALLBACK (backup_codes_cb),
                               self, G_CONNECT_SWAPPED);
      add_view (self, GTK_WIDGET (self->manage_view), "manage");
    }

  return self->manage_view;
}

static MfaAddPhoneView *
get_add_phone_view (MfaWindow *self)
{
  if (self->add_phone_view == NULL)
    {
      self->add_phone_view = MFA_ADD_PHONE_VIEW (mfa_add_phone_view_new ());
      g_signal_connect_object (self->add_phone_view, "done", G_CALLBACK (add_phone_done_cb),
                               self, G_CONNECT_SWAPPED);
      add_view (self, GTK_WIDGET (self->add_phone_view), "add-phone");
    }

  return self->add_phone_view;
}

static MfaBackupCodesView *
get_backup_codes_view (MfaWindow *self)
{
  if (self->backup_codes_view == NULL)
    {
      self->backup_codes_view = MFA_BACKUP_CODES_VIEW (mfa_backup_codes_view_new ());
      g_signal_connect_object (self->backup_codes_view, "done", G_CALLBACK (backup_codes_done_cb),
                               self, G_CONNECT_SWAPPED);
      /* The backup codes view has no client or clock. */
      g_signal_connect_object (self->backup_codes_view, "add-toast", G_CALLBACK (add_toast_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->backup_codes_view), "backup-codes");
    }

  return self->backup_codes_view;
}

/* For tests/bench: MFA_MANAGER_EXIT_AFTER_FIRST_FRAME=1 quits after the
 * first frame, MFA_MANAGER_EXIT_ON_PAGE=NAME once that page is drawn.
 */
static void
quit_after_paint_cb (GdkFrameClock *clock,
                     MfaWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, quit_after_paint_cb, self);
  g_application_quit (g_application_get_default ());
}

static void
quit_after_next_paint (MfaWindow *self)
{
  if (g_application_get_default () == NULL)
    return;

  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      g_signal_connect (self, "realize", G_CALLBACK (quit_after_next_paint), NULL);
      return;
    }

  g_signal_handlers_disconnect_by_func (self, quit_after_next_paint, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (quit_after_paint_cb), self, 0);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  MfaWindow *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), TRUE);
  gtk_spinner_start (self->connecting_spinner);

  return G_SOURCE_REMOVE;
}

static void
show_page (MfaWindow  *self,
           const char *name)
{
  /* A spinner only when connecting takes a while: a quick restore never
   * flashes one (nor pays for drawing it).
   */
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_spinner_stop (self->connecting_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->connecting_spinner), FALSE);
  if (g_str_equal (name, "connecting"))
    self->spinner_timeout_id = g_timeout_add (500, show_spinner_cb, self);

  if (g_strcmp0 (g_getenv ("MFA_MANAGER_EXIT_ON_PAGE"), name) == 0)
    quit_after_next_paint (self);

  if (g_str_equal (name, "sign-in"))
    get_sign_in_view (self);
  else if (g_str_equal (name, "manage"))
    get_manage_view (self);
  else if (g_str_equal (name, "add-phone"))
    get_add_phone_view (self);
  else if (g_str_equal (name, "backup-codes"))
    get_backup_codes_view (self);

  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

static void
set_frontend_api (MfaWindow  *self,
                  const char *frontend_api)
{
  g_autofree char *host = NULL;

  if (g_strcmp0 (self->frontend_api, frontend_api) == 0)
    return;

  g_free (self->frontend_api);
  self->frontend_api = g_strdup (frontend_api);

  if (frontend_api != NULL)
    host = mfa_instance_get_display_host (frontend_api);
  adw_window_title_set_subtitle (self->window_title, host != NULL ? host : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONTEND_API]);
}

static void
show_unreachable (MfaWindow    *self,
                  const GError *error)
{
  g_autofree char *host = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  guint status = mfa_client_error_get_status (error);

  host = mfa_instance_get_display_host (self->frontend_api);
  if (status >= 400)
    message = g_strdup_printf (_("%s answered with an error (HTTP %u); it may not be a Clerk Frontend API"),
                               host, status);
  else if (mfa_client_get_token (self->client) == NULL)
    /* Nothing worked with this service yet: the key may be wrong. */
    message = g_strdup (_("The service did not answer. Check that this computer is online and that the key is right."));
  else
    message = g_strdup (_("The service did not answer. Check that this computer is online."));

  /* Translators: %s is a host name such as clerk.example.com */
  title = g_strdup_printf (_("Cannot Reach %s"), host);

  /* Set here rather than in the template: loading the icon of a page
   * nobody sees yet would cost start-up time.
   */
  adw_status_page_set_icon_name (self->unreachable_page, "network-offline-symbolic");
  adw_status_page_set_title (self->unreachable_page, title);
  adw_status_page_set_description (self->unreachable_page, message);
  show_page (self, "unreachable");
}

static void
show_sign_in (MfaWindow  *self,
              const char *notice)
{
  g_autofree char *full_notice = NULL;

  if (self->keyring_failed)
    {
      const char *memory_only = _("Your session will not be remembered after you close the app: the system keyring is not available.");

      full_notice = notice != NULL ? g_strconcat (notice, "\n", memory_only, NULL) : g_strdup (memory_only);
      notice = full_notice;
    }

  mfa_sign_in_view_start (get_sign_in_view (self), notice);
  show_page (self, "sign-in");
}

static void
show_manage (MfaWindow *self)
{
  /* The view shows the user the client already has: no extra request. */
  show_page (self, "manage");
}

static void
add_toast_cb (MfaWindow *self,
              AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* Keyring */

static void
note_keyring_failure (MfaWindow    *self,
                      const GError *error)
{
  if (self->keyring_failed)
    return;

  self->keyring_failed = TRUE;
  g_message ("The session cannot be kept in the keyring: %s", error->message);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_session_store_store_finish (MFA_SESSION_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      note_keyring_failure (self, error);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("No keyring: this session will not be kept")));
    }
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_session_store_clear_finish (MFA_SESSION_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_keyring_failure (self, error);
}

/* The client's token follows every response; the keyring follows it. */
static void
token_changed_cb (MfaWindow  *self,
                  GParamSpec *pspec,
                  MfaClient  *client)
{
  const char *token = mfa_client_get_token (client);

  if (g_strcmp0 (token, self->stored_token) == 0 || self->keyring_failed)
    return;

  g_free (self->stored_token);
  self->stored_token = g_strdup (token);

  if (token != NULL)
    mfa_session_store_store_async (self->session_store, self->frontend_api, token,
                                   NULL, store_cb, g_object_ref (self));
  else
    mfa_session_store_clear_async (self->session_store, self->frontend_api,
                                   NULL, clear_cb, g_object_ref (self));
}

static void
session_gone_cb (MfaWindow *self,
                 MfaClient *client)
{
  show_sign_in (self, _("Your session has ended. Sign in again to continue."));
}

/* Offline snapshot: numbers and flags only, saved after every change. */

static gboolean
save_snapshot_cb (gpointer user_data)
{
  MfaWindow *self = user_data;
  MfaUser *user = self->client != NULL ? mfa_client_get_user (self->client) : NULL;
  g_autoptr(GError) error = NULL;

  self->save_idle_id = 0;

  if (user != NULL && !self->offline &&
      !mfa_snapshot_save (user, self->frontend_api, mfa_clock_get_now_ms (self->clock), &error))
    g_message ("The offline copy could not be saved: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
queue_save_snapshot (MfaWindow *self)
{
  if (self->save_idle_id == 0)
    self->save_idle_id = g_idle_add (save_snapshot_cb, self);
}

static void
user_changed_cb (MfaWindow *self)
{
  queue_save_snapshot (self);
}

static void
client_user_cb (MfaWindow  *self,
                GParamSpec *pspec,
                MfaClient  *client)
{
  MfaUser *user = mfa_client_get_user (client);

  if (self->watched_user != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_user, self);
  g_set_object (&self->watched_user, user);

  if (user != NULL)
    {
      g_signal_connect_object (user, "changed", G_CALLBACK (user_changed_cb), self,
                               G_CONNECT_SWAPPED);
      queue_save_snapshot (self);
    }
}

static void retry_connection (MfaWindow *self);

static gboolean
retry_timeout_cb (gpointer user_data)
{
  MfaWindow *self = user_data;

  self->retry_timeout_id = 0;
  retry_connection (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (MfaWindow *self)
{
  /* 5 s, then twice as long each time, at most a minute. */
  self->retry_delay_s = self->retry_delay_s == 0 ? 5 : MIN (self->retry_delay_s * 2, 60);

  if (self->retry_timeout_id != 0)
    mfa_clock_remove (self->clock, self->retry_timeout_id);
  self->retry_timeout_id = mfa_clock_add_timeout_ms (self->clock, self->retry_delay_s * 1000,
                                                     retry_timeout_cb, self, NULL);
}

static void
stop_retrying (MfaWindow *self)
{
  if (self->retry_timeout_id != 0)
    mfa_clock_remove (self->clock, self->retry_timeout_id);
  self->retry_timeout_id = 0;
  self->retry_delay_s = 0;
}

static void
set_offline (MfaWindow *self,
             MfaUser   *snapshot,
             gint64     synced_at_ms)
{
  self->offline = snapshot != NULL;
  mfa_manage_view_set_offline (get_manage_view (self), snapshot, synced_at_ms);

  if (self->offline)
    schedule_retry (self);
  else
    stop_retrying (self);

  update_actions (self);
}

/* The service cannot be reached: the last snapshot, read-only, if there
 * is one.
 */
static gboolean
show_offline (MfaWindow *self)
{
  g_autoptr(MfaUser) snapshot = NULL;
  gint64 synced_at_ms = 0;

  snapshot = mfa_snapshot_load (self->frontend_api, &synced_at_ms, NULL);
  if (snapshot == NULL)
    return FALSE;

  set_offline (self, snapshot, synced_at_ms);
  show_page (self, "manage");

  return TRUE;
}

/* The service stopped answering while the settings were shown: the
 * same numbers, read-only, until it answers again. Elsewhere (a number
 * half added) the view keeps what was typed and says what failed.
 */
static void
reachable_changed_cb (MfaWindow  *self,
                      GParamSpec *pspec,
                      MfaClient  *client)
{
  if (mfa_client_get_reachable (client) || self->offline || !is_signed_in (self))
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "manage") != 0)
    return;

  /* What is shown now is the freshest copy there is. */
  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  save_snapshot_cb (self);
  show_offline (self);
}

static void
set_client (MfaWindow *self,
            MfaClient *client)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  g_set_object (&self->client, client);
  g_clear_pointer (&self->stored_token, g_free);

  if (client != NULL)
    {
      g_signal_connect_object (client, "notify::token", G_CALLBACK (token_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "session-gone", G_CALLBACK (session_gone_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::user", G_CALLBACK (client_user_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (client, "notify::reachable", G_CALLBACK (reachable_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (self->sign_in_view != NULL)
    mfa_sign_in_view_set_client (self->sign_in_view, client);
  if (self->manage_view != NULL)
    g_object_set (self->manage_view, "client", client, NULL);
  if (self->add_phone_view != NULL)
    g_object_set (self->add_phone_view, "client", client, NULL);
}

/* Start-up: token from the keyring, then one GET /v1/client restores the
 * session; without a token, GET /v1/environment checks the service.
 */

static void
environment_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_client_get_environment_finish (MFA_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_unreachable (self, error);
      return;
    }

  show_sign_in (self, NULL);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_client_refresh_finish (MFA_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
        {
          show_sign_in (self, _("Your session has ended. Sign in again to continue."));
          return;
        }

      if (self->offline)
        {
          schedule_retry (self);
          return;
        }

      if (mfa_client_error_is_transport (error) && show_offline (self))
        return;

      show_unreachable (self, error);
      return;
    }

  if (self->offline)
    set_offline (self, NULL, 0);

  if (is_signed_in (self))
    show_manage (self);
  else
    show_sign_in (self, NULL);
}

static void
retry_connection (MfaWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  mfa_client_refresh_async (self->client, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
retry_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  if (!self->offline)
    return;

  if (self->retry_timeout_id != 0)
    mfa_clock_remove (self->clock, self->retry_timeout_id);
  self->retry_timeout_id = 0;
  retry_connection (self);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
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
  self->stored_token = g_strdup (token);
  mfa_client_set_token (self->client, token);
  mfa_client_refresh_async (self->client, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
start_connecting (MfaWindow *self)
{
  g_autoptr(MfaClient) client = NULL;
  g_autofree char *host = NULL;
  g_autofree char *title = NULL;

  g_assert (self->frontend_api != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  host = mfa_instance_get_display_host (self->frontend_api);
  /* Translators: %s is a host name such as clerk.example.com */
  title = g_strdup_printf (_("Connecting to %s…"), host);
  adw_status_page_set_title (self->connecting_page, title);
  show_page (self, "connecting");

  if (self->client == NULL ||
      g_strcmp0 (mfa_client_get_base_url (self->client), self->frontend_api) != 0)
    {
      client = mfa_client_new (self->frontend_api);
      set_client (self, client);
    }

  if (self->keyring_failed)
    {
      mfa_client_get_environment_async (self->client, self->cancellable, environment_cb,
                                        g_object_ref (self));
      return;
    }

  mfa_session_store_lookup_async (self->session_store, self->frontend_api, self->cancellable,
                                  lookup_cb, g_object_ref (self));
}

static void
connect_cb (MfaWindow      *self,
            const char     *key,
            const char     *base_url,
            MfaConnectPage *page)
{
  /* A key chosen here is the user's choice of service: remember it. */
  g_settings_set_string (self->settings, "publishable-key", key);
  g_settings_set_string (self->settings, "frontend-api", base_url);

  set_frontend_api (self, base_url);
  start_connecting (self);
}

static void
retry_cb (MfaWindow *self)
{
  start_connecting (self);
}

static void
signed_in_cb (MfaWindow *self)
{
  show_manage (self);
}

static void
verify_phone_cb (MfaWindow      *self,
                 MfaPhoneNumber *phone)
{
  show_page (self, "add-phone");
  mfa_add_phone_view_resume (get_add_phone_view (self), phone);
}

static void
show_backup_codes (MfaWindow      *self,
                   MfaBackupCodes *codes)
{
  MfaUser *user = self->client != NULL ? mfa_client_get_user (self->client) : NULL;
  g_autofree char *host = mfa_instance_get_display_host (self->frontend_api);

  mfa_backup_codes_view_show_codes (get_backup_codes_view (self), codes, host,
                                    user != NULL ? mfa_user_get_identifier (user) : NULL);
  show_page (self, "backup-codes");
}

/* M6 and M7: new codes, from "Generate New Codes" or from reserving the
 * first number, are shown at once; the service never shows them again.
 */
static void
backup_codes_cb (MfaWindow      *self,
                 MfaBackupCodes *codes)
{
  show_backup_codes (self, codes);
}

static void
add_phone_done_cb (MfaWindow *self)
{
  MfaBackupCodes *codes = mfa_add_phone_view_get_backup_codes (self->add_phone_view);

  if (codes != NULL)
    show_backup_codes (self, codes);
  else
    show_page (self, "manage");
}

static void
backup_codes_done_cb (MfaWindow *self)
{
  if (self->close_after_codes)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_page (self, is_signed_in (self) ? "manage" : "sign-in");
}

static gboolean
mfa_window_close_request (GtkWindow *window)
{
  MfaWindow *self = MFA_WINDOW (window);

  /* Unsaved backup codes: ask first; the view closes us if told to. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "backup-codes") == 0 &&
      mfa_backup_codes_view_confirm_close (self->backup_codes_view, window))
    {
      self->close_after_codes = TRUE;
      return TRUE;
    }

  return GTK_WINDOW_CLASS (mfa_window_parent_class)->close_request (window);
}

static void
change_service_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);
  g_autofree char *key = NULL;

  g_cancellable_cancel (self->cancellable);

  key = g_settings_get_string (self->settings, "publishable-key");
  mfa_connect_page_set_key (self->connect_page, key);
  show_page (self, "connect");
}

static void
remove_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!mfa_client_remove_session_finish (MFA_CLIENT (object), result, &error) &&
      !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      title = g_markup_printf_escaped (_("Could not sign out: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      update_actions (self);
      return;
    }

  /* Signed out on the server: nothing of the session stays on this computer. */
  mfa_snapshot_delete (self->frontend_api, NULL);
  g_clear_pointer (&self->stored_token, g_free);
  mfa_client_set_token (self->client, NULL);
  if (!self->keyring_failed)
    mfa_session_store_clear_async (self->session_store, self->frontend_api, NULL,
                                   clear_cb, g_object_ref (self));

  show_sign_in (self, _("You have signed out."));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  if (!is_signed_in (self))
    return;

  gtk_widget_action_set_enabled (widget, "win.sign-out", FALSE);
  mfa_client_remove_session_async (self->client, mfa_client_get_session_id (self->client),
                                   self->cancellable, remove_session_cb, g_object_ref (self));
}

static void
show_add_phone_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  if (!is_signed_in (self))
    return;

  show_page (self, "add-phone");
  mfa_add_phone_view_start (get_add_phone_view (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, "add-phone") == 0)
    show_page (self, "manage");
  else if (g_strcmp0 (name, "backup-codes") == 0)
    {
      self->close_after_codes = FALSE;
      if (!mfa_backup_codes_view_confirm_close (self->backup_codes_view, GTK_WINDOW (self)))
        backup_codes_done_cb (self);
    }
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Built on demand: it is rarely opened and costs start-up time. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfa-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self));
  gtk_window_present (shortcuts);
}

static void
mfa_window_constructed (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;
  g_autofree char *remembered = NULL;

  G_OBJECT_CLASS (mfa_window_parent_class)->constructed (object);

  if (g_getenv ("MFA_MANAGER_EXIT_AFTER_FIRST_FRAME") != NULL)
    quit_after_next_paint (self);

  /* A Frontend API from the command line wins and is not remembered. */
  if (self->frontend_api == NULL)
    {
      remembered = g_settings_get_string (self->settings, "frontend-api");
      if (remembered[0] != '\0')
        {
          g_autofree char *normalized = mfa_instance_normalize_frontend_api (remembered, NULL);

          set_frontend_api (self, normalized);
        }
    }

  if (self->frontend_api != NULL)
    start_connecting (self);
  else
    show_page (self, "connect");
}

static void
mfa_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfaWindow *self = MFA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FRONTEND_API:
      g_value_set_string (value, self->frontend_api);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfaWindow *self = MFA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FRONTEND_API:
      set_frontend_api (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_window_dispose (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  stop_retrying (self);
  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->watched_user != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_user, self);
  g_clear_object (&self->watched_user);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->session_store);
  g_clear_object (&self->clock);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_WINDOW);

  G_OBJECT_CLASS (mfa_window_parent_class)->dispose (object);
}

static void
mfa_window_finalize (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;

  g_clear_pointer (&self->frontend_api, g_free);
  g_clear_pointer (&self->stored_token, g_free);

  G_OBJECT_CLASS (mfa_window_parent_class)->finalize (object);
}

static void
mfa_window_class_init (MfaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mfa_window_constructed;
  object_class->get_property = mfa_window_get_property;
  object_class->set_property = mfa_window_set_property;
  object_class->dispose = mfa_window_dispose;
  object_class->finalize = mfa_window_finalize;

  window_class->close_request = mfa_window_close_request;

  /**
   * MfaWindow:frontend-api:
   *
   * The base URL of the Frontend API in use, or %NULL before one is chosen.
   */
  properties[PROP_FRONTEND_API] =
    g_param_spec_string ("frontend-api", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.change-service", NULL, change_service_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-add-phone", NULL, show_add_phone_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.retry-connection", NULL,
                                   retry_connection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.show-add-phone", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, unreachable_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, back_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
mfa_window_init (MfaWindow *self)
{
  g_type_ensure (MFA_TYPE_CONNECT_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_store = mfa_session_store_new ();
  self->clock = g_object_ref (mfa_clock_get_default ());

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
