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

#include "mfa-account.h"
#include "mfa-add-phone-view.h"
#include "mfa-backup-codes-view.h"
#include "mfa-connect-page.h"
#include "mfa-error-toast.h"
#include "mfa-instance.h"
#include "mfa-manage-view.h"
#include "mfa-sign-in-view.h"
#include "mfa-startup-probe.h"
#include "mfa-step-up-interaction.h"
#include "mfa-window.h"

/* The window shows the page for its account's state and routes between
 * the views; the account (src/core) does the work.
 */
struct _MfaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  MfaAccount           *account;
  GCancellable         *cancellable;
  const char           *sign_in_notice; /* for the next sign-in page */
  gboolean              close_after_codes;
  guint                 spinner_timeout_id;

  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MfaConnectPage       *connect_page;
  AdwStatusPage        *connecting_page;
  GtkSpinner           *connecting_spinner;
  AdwStatusPage        *unreachable_page;
  MfaSignInView        *sign_in_view;
  MfaManageView        *manage_view;
  MfaAddPhoneView      *add_phone_view;
  MfaBackupCodesView   *backup_codes_view;
};

G_DEFINE_FINAL_TYPE (MfaWindow, mfa_window, ADW_TYPE_APPLICATION_WINDOW)

/**
 * mfa_window_new:
 * @application: (nullable): the application
 * @frontend_api: (nullable): a Frontend API for this run only
 *
 * Without @frontend_api the window uses the service remembered from the
 * Connect page, or shows that page.
 */
MfaWindow *
mfa_window_new (MfaApplication *application,
                const char     *frontend_api)
{
  MfaWindow *self = g_object_new (MFA_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *remembered = NULL;
  g_autofree char *normalized = NULL;

  /* A Frontend API from the command line wins and is not remembered. */
  if (frontend_api == NULL)
    {
      remembered = g_settings_get_string (self->settings, "frontend-api");
      if (remembered[0] != '\0')
        frontend_api = normalized = mfa_instance_normalize_frontend_api (remembered, NULL);
    }

  if (frontend_api != NULL)
    mfa_window_connect (self, frontend_api);
  else
    gtk_stack_set_visible_child_name (self->stack, "connect");

  return self;
}

const char *
mfa_window_get_page_name (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mfa_window_get_frontend_api:
 *
 * Returns: (nullable): the Frontend API base URL in use
 */
const char *
mfa_window_get_frontend_api (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return self->account != NULL ? mfa_account_get_base_url (self->account) : NULL;
}

/**
 * mfa_window_get_account:
 *
 * Returns: (transfer none) (nullable): the account of the service in use
 */
MfaAccount *
mfa_window_get_account (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * mfa_window_get_page:
 *
 * Returns: (transfer none) (nullable): the page of that name, if made
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

static MfaAccountState
get_state (MfaWindow *self)
{
  return self->account != NULL ? mfa_account_get_state (self->account)
                               : MFA_ACCOUNT_STATE_SIGNED_OUT;
}

static void
update_actions (MfaWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean signed_in = get_state (self) == MFA_ACCOUNT_STATE_SIGNED_IN;
  gboolean away = g_strcmp0 (name, "add-phone") == 0 || g_strcmp0 (name, "backup-codes") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-service",
                                 g_strcmp0 (name, "connect") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-add-phone",
                                 signed_in && g_strcmp0 (name, "manage") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-connection",
                                 get_state (self) == MFA_ACCOUNT_STATE_OFFLINE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", away);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), away);
}

/* Views */

static void
add_toast_cb (MfaWindow *self,
              AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void show_page (MfaWindow *self, const char *name);
static void verify_phone_cb (MfaWindow *self, MfaPhoneNumber *phone);
static void show_backup_codes (MfaWindow *self, MfaBackupCodes *codes);
static void add_phone_done_cb (MfaWindow *self);
static void backup_codes_done_cb (MfaWindow *self);

static void
set_view_account (MfaWindow *self,
                  GtkWidget *view)
{
  if (view == NULL || self->account == NULL || MFA_IS_BACKUP_CODES_VIEW (view))
    return;

  g_object_set (view,
                "client", mfa_account_get_client (self->account),
                "clock", mfa_account_get_clock (self->account),
                NULL);
}

/* Views are made the first time they are shown: start-up builds only
 * the page it shows.
 */
static GtkWidget *
ensure_view (MfaWindow   *self,
             GtkWidget  **slot,
             GType        type,
             const char  *name)
{
  if (*slot != NULL)
    return *slot;

  *slot = g_object_new (type, NULL);
  g_signal_connect_object (*slot, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
  if (type == MFA_TYPE_MANAGE_VIEW)
    {
      g_signal_connect_object (*slot, "verify-phone", G_CALLBACK (verify_phone_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (*slot, "backup-codes", G_CALLBACK (show_backup_codes), self,
                               G_CONNECT_SWAPPED);
    }
  else if (type == MFA_TYPE_ADD_PHONE_VIEW)
    g_signal_connect_object (*slot, "done", G_CALLBACK (add_phone_done_cb), self,
                             G_CONNECT_SWAPPED);
  else if (type == MFA_TYPE_BACKUP_CODES_VIEW)
    g_signal_connect_object (*slot, "done", G_CALLBACK (backup_codes_done_cb), self,
                             G_CONNECT_SWAPPED);

  set_view_account (self, *slot);
  gtk_stack_add_named (self->stack, *slot, name);

  return *slot;
}

#define SIGN_IN_VIEW(s) \
  MFA_SIGN_IN_VIEW (ensure_view (s, (GtkWidget **)&(s)->sign_in_view, MFA_TYPE_SIGN_IN_VIEW, "sign-in"))
#define MANAGE_VIEW(s) \
  MFA_MANAGE_VIEW (ensure_view (s, (GtkWidget **)&(s)->manage_view, MFA_TYPE_MANAGE_VIEW, "manage"))
#define ADD_PHONE_VIEW(s) \
  MFA_ADD_PHONE_VIEW (ensure_view (s, (GtkWidget **)&(s)->add_phone_view, MFA_TYPE_ADD_PHONE_VIEW, "add-phone"))
#define BACKUP_CODES_VIEW(s) \
  MFA_BACKUP_CODES_VIEW (ensure_view (s, (GtkWidget **)&(s)->backup_codes_view, MFA_TYPE_BACKUP_CODES_VIEW, "backup-codes"))

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

  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

static void
show_sign_in (MfaWindow  *self,
              const char *notice)
{
  g_autofree char *full_notice = NULL;

  if (!mfa_account_get_keyring_available (self->account))
    {
      const char *memory_only = _("Your session will not be remembered after you close the app: the system keyring is not available.");

      full_notice = notice != NULL ? g_strconcat (notice, "\n", memory_only, NULL) : g_strdup (memory_only);
      notice = full_notice;
    }

  mfa_sign_in_view_start (SIGN_IN_VIEW (self), notice);
  show_page (self, "sign-in");
}

static void
show_unreachable (MfaWindow *self)
{
  const GError *error = mfa_account_get_error (self->account);
  g_autofree char *host = mfa_instance_get_display_host (mfa_account_get_base_url (self->account));
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  guint status = error != NULL ? mfa_client_error_get_status (error) : 0;

  if (status >= 400)
    message = g_strdup_printf (_("%s answered with an error (HTTP %u); it may not be a Clerk Frontend API"),
                               host, status);
  else if (mfa_client_get_token (mfa_account_get_client (self->account)) == NULL)
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

/* The page for where the account stands. Unless @leave, adding a number
 * or reading new codes is not interrupted by the service coming and
 * going, and the Connect page stays while another service is chosen.
 */
static void
show_state (MfaWindow *self,
            gboolean   leave)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean away = !leave && (g_strcmp0 (name, "add-phone") == 0 ||
                             g_strcmp0 (name, "backup-codes") == 0);
  const char *notice = self->sign_in_notice;

  if (!leave && g_strcmp0 (name, "connect") == 0)
    return;

  self->sign_in_notice = NULL;

  switch (get_state (self))
    {
    case MFA_ACCOUNT_STATE_RESTORING:
      show_page (self, "connecting");
      break;

    case MFA_ACCOUNT_STATE_SIGNED_OUT:
      show_sign_in (self, notice);
      break;

    case MFA_ACCOUNT_STATE_SESSION_LOST:
      show_sign_in (self, _("Your session has ended. Sign in again to continue."));
      break;

    case MFA_ACCOUNT_STATE_UNREACHABLE:
      show_unreachable (self);
      break;

    case MFA_ACCOUNT_STATE_OFFLINE:
    case MFA_ACCOUNT_STATE_SIGNED_IN:
      mfa_manage_view_set_offline (MANAGE_VIEW (self),
                                   get_state (self) == MFA_ACCOUNT_STATE_OFFLINE
                                     ? mfa_account_get_user (self->account) : NULL,
                                   mfa_account_get_synced_at_ms (self->account));
      if (!away)
        show_page (self, "manage");
      update_actions (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
state_changed_cb (MfaWindow *self)
{
  show_state (self, FALSE);
}

static void
keyring_cb (MfaWindow *self)
{
  if (!mfa_account_get_keyring_available (self->account) &&
      get_state (self) == MFA_ACCOUNT_STATE_SIGNED_IN)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("No keyring: this session will not be kept")));
}

/**
 * mfa_window_connect:
 * @self: a #MfaWindow
 * @frontend_api: a normalized Frontend API base URL
 *
 * Uses the account on @frontend_api from now on, and starts it.
 */
void
mfa_window_connect (MfaWindow  *self,
                    const char *frontend_api)
{
  g_autoptr(MfaInteraction) interaction = NULL;
  g_autofree char *host = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (MFA_IS_WINDOW (self));
  g_return_if_fail (frontend_api != NULL);

  if (self->account == NULL ||
      g_strcmp0 (mfa_account_get_base_url (self->account), frontend_api) != 0)
    {
      if (self->account != NULL)
        g_signal_handlers_disconnect_by_data (self->account, self);
      g_clear_object (&self->account);
      self->account = mfa_account_new (frontend_api, NULL, NULL);

      interaction = mfa_step_up_interaction_new (GTK_WINDOW (self),
                                                 mfa_account_get_clock (self->account));
      mfa_client_set_interaction (mfa_account_get_client (self->account), interaction);
      g_signal_connect_object (self->account, "notify::state", G_CALLBACK (state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->account, "notify::keyring-available",
                               G_CALLBACK (keyring_cb), self, G_CONNECT_SWAPPED);

      set_view_account (self, GTK_WIDGET (self->sign_in_view));
      set_view_account (self, GTK_WIDGET (self->manage_view));
      set_view_account (self, GTK_WIDGET (self->add_phone_view));
    }

  host = mfa_instance_get_display_host (frontend_api);
  adw_window_title_set_subtitle (self->window_title, host);
  /* Translators: %s is a host name such as clerk.example.com */
  title = g_strdup_printf (_("Connecting to %s…"), host);
  adw_status_page_set_title (self->connecting_page, title);

  show_page (self, "connecting");
  mfa_account_start (self->account);
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

  mfa_window_connect (self, base_url);
}

static void
retry_cb (MfaWindow *self)
{
  show_page (self, "connecting");
  mfa_account_start (self->account);
}

static void
verify_phone_cb (MfaWindow      *self,
                 MfaPhoneNumber *phone)
{
  show_page (self, "add-phone");
  mfa_add_phone_view_resume (ADD_PHONE_VIEW (self), phone);
}

/* New codes, from "Generate New Codes" or from reserving the first
 * number, are shown at once: the service never shows them again.
 */
static void
show_backup_codes (MfaWindow      *self,
                   MfaBackupCodes *codes)
{
  MfaUser *user = mfa_account_get_user (self->account);
  g_autofree char *host = mfa_instance_get_display_host (mfa_account_get_base_url (self->account));

  mfa_backup_codes_view_show_codes (BACKUP_CODES_VIEW (self), codes, host,
                                    user != NULL ? mfa_user_get_identifier (user) : NULL);
  show_page (self, "backup-codes");
}

static void
add_phone_done_cb (MfaWindow *self)
{
  MfaBackupCodes *codes = mfa_add_phone_view_get_backup_codes (self->add_phone_view);

  if (codes != NULL)
    show_backup_codes (self, codes);
  else
    show_state (self, TRUE);
}

static void
backup_codes_done_cb (MfaWindow *self)
{
  if (self->close_after_codes)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_state (self, TRUE);
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

/* Actions */

static void
change_service_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);
  g_autofree char *key = g_settings_get_string (self->settings, "publishable-key");

  mfa_connect_page_set_key (self->connect_page, key);
  show_page (self, "connect");
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfa_account_sign_out_finish (MFA_ACCOUNT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = mfa_error_describe (mfa_account_get_base_url (self->account), error);
      g_autofree char *title = g_strdup_printf (_("Could not sign out: %s"), message);

      self->sign_in_notice = NULL;
      adw_toast_overlay_add_toast (self->toast_overlay, mfa_error_toast_new (title, error));
      update_actions (self);
    }
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  gtk_widget_action_set_enabled (widget, "win.sign-out", FALSE);
  self->sign_in_notice = _("You have signed out.");
  mfa_account_sign_out_async (self->account, self->cancellable, sign_out_cb, g_object_ref (self));
}

static void
retry_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  mfa_account_retry (MFA_WINDOW (widget)->account);
}

static void
show_add_phone_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  show_page (self, "add-phone");
  mfa_add_phone_view_start (ADD_PHONE_VIEW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "add-phone") == 0)
    {
      show_state (self, TRUE);
      return;
    }

  self->close_after_codes = FALSE;
  if (!mfa_backup_codes_view_confirm_close (self->backup_codes_view, GTK_WINDOW (self)))
    backup_codes_done_cb (self);
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Built on demand: it is rarely opened and costs start-up time. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfa-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

/* GObject */

static void
mfa_window_dispose (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_WINDOW);

  G_OBJECT_CLASS (mfa_window_parent_class)->dispose (object);
}

static void
mfa_window_class_init (MfaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfa_window_dispose;
  window_class->close_request = mfa_window_close_request;

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

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  mfa_startup_probe_attach (GTK_WINDOW (self), self->stack);
  update_actions (self);
}
