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

#include "mfa-account-view.h"
#include "mfa-compat.h"
#include "mfa-connect-page.h"
#include "mfa-error-toast.h"
#include "mfa-instance.h"
#include "mfa-lazy-menu.h"
#include "mfa-step-up-interaction.h"
#include "mfa-window.h"

/* The window: header bar, toasts, the Connect page and the pages of the
 * account in use (MfaAccountView); the account (src/core) does the work.
 */
struct _MfaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  MfaAccount           *account;

  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MfaConnectPage       *connect_page;
  MfaAccountView       *account_view;

};

G_DEFINE_FINAL_TYPE (MfaWindow, mfa_window, ADW_TYPE_APPLICATION_WINDOW)

static void
connect_cb (MfaWindow  *self,
            const char *key,
            const char *base_url)
{
  /* A key chosen here is the user's choice of service: remember it. */
  g_settings_set_string (self->settings, "publishable-key", key);
  g_settings_set_string (self->settings, "frontend-api", base_url);

  mfa_window_connect (self, base_url);
}

/* Made when first shown: a start that goes straight to an account never
 * builds it. */
static void
show_connect_page (MfaWindow  *self,
                   const char *key)
{
  if (self->connect_page == NULL)
    {
      self->connect_page = MFA_CONNECT_PAGE (mfa_connect_page_new ());
      g_signal_connect_object (self->connect_page, "connect", G_CALLBACK (connect_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->connect_page), "connect");
    }
  if (key != NULL)
    mfa_connect_page_set_key (self->connect_page, key);
  gtk_stack_set_visible_child_name (self->stack, "connect");
}

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

  /* A Frontend API from the command line wins and is not remembered. */
  if (frontend_api == NULL)
    frontend_api = remembered = mfa_instance_dup_remembered (self->settings);

  if (frontend_api != NULL)
    mfa_window_connect (self, frontend_api);
  else
    show_connect_page (self, NULL);

  return self;
}

const char *
mfa_window_get_page_name (MfaWindow *self)
{
  g_return_val_if_fail (MFA_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "connect") == 0)
    return "connect";

  return mfa_account_view_get_page_name (self->account_view);
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

static void
update_actions (MfaWindow *self)
{
  const char *name = mfa_window_get_page_name (self);
  MfaAccountState state = self->account != NULL ? mfa_account_get_state (self->account)
                                                : MFA_ACCOUNT_STATE_SIGNED_OUT;
  gboolean signed_in = state == MFA_ACCOUNT_STATE_SIGNED_IN;
  gboolean away = g_strcmp0 (name, "add-phone") == 0 || g_strcmp0 (name, "totp") == 0 ||
                  g_strcmp0 (name, "devices") == 0 || g_strcmp0 (name, "password") == 0 ||
                  g_strcmp0 (name, "backup-codes") == 0;
  g_autofree char *title = self->account != NULL && g_strcmp0 (name, "connect") != 0
                           ? mfa_account_dup_title (self->account) : NULL;

  adw_window_title_set_subtitle (self->window_title, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-service",
                                 g_strcmp0 (name, "connect") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-add-phone",
                                 signed_in && g_strcmp0 (name, "manage") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-up-totp",
                                 signed_in && g_strcmp0 (name, "manage") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-devices",
                                 signed_in && g_strcmp0 (name, "manage") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-password",
                                 signed_in && g_strcmp0 (name, "manage") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-connection",
                                 state == MFA_ACCOUNT_STATE_OFFLINE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", away);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), away);
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
  GtkApplication *app;
  g_autoptr(MfaInteraction) interaction = NULL;

  g_return_if_fail (MFA_IS_WINDOW (self));
  g_return_if_fail (frontend_api != NULL);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (self->account == NULL ||
      g_strcmp0 (mfa_account_get_base_url (self->account), frontend_api) != 0)
    {
      if (self->account != NULL)
        g_signal_handlers_disconnect_by_data (self->account, self);
      g_clear_object (&self->account);
      /* The application may have started it already, before we were built. */
      if (MFA_IS_APPLICATION (app))
        self->account = mfa_application_take_account (MFA_APPLICATION (app), frontend_api);
      if (self->account == NULL)
        self->account = mfa_account_new (frontend_api, NULL, NULL);
      g_signal_connect_object (self->account, "notify::state", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->account, "notify::title", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);

      /* Step-up is asked here, over this window, whatever view asked. */
      interaction = mfa_step_up_interaction_new (GTK_WINDOW (self),
                                                 mfa_account_get_clock (self->account));
      mfa_client_set_interaction (mfa_account_get_client (self->account), interaction);
      mfa_account_view_set_account (self->account_view, self->account);
    }

  gtk_stack_set_visible_child_name (self->stack, "account");
  mfa_account_view_start (self->account_view);
  update_actions (self);
}

static gboolean
mfa_window_close_request (GtkWindow *window)
{
  MfaWindow *self = MFA_WINDOW (window);

  /* Unsaved backup codes: ask first; the view closes us if told to. */
  if (g_strcmp0 (mfa_window_get_page_name (self), "connect") != 0 &&
      mfa_account_view_hold_close (self->account_view))
    return TRUE;

  return GTK_WINDOW_CLASS (mfa_window_parent_class)->close_request (window);
}

/* Actions */

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);

  /* News about the account just left would be stale. */
  mfa_toast_dismiss_shown (GTK_WIDGET (self->toast_overlay));

  gtk_widget_action_set_enabled (widget, "win.sign-out", FALSE);
  mfa_account_view_sign_out (self->account_view);
}

/* win.change-service, win.retry-connection, win.show-add-phone,
 * win.set-up-totp, win.show-devices, win.change-password, win.back */
static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfaWindow *self = MFA_WINDOW (widget);
  g_autofree char *key = NULL;

  if (g_str_equal (action_name, "win.change-service"))
    {
      key = g_settings_get_string (self->settings, "publishable-key");
      show_connect_page (self, key);
      update_actions (self);
    }
  else if (g_str_equal (action_name, "win.retry-connection"))
    mfa_account_retry (self->account);
  else if (g_str_equal (action_name, "win.show-add-phone"))
    mfa_account_view_show_add_phone (self->account_view);
  else if (g_str_equal (action_name, "win.set-up-totp"))
    mfa_account_view_show_totp_setup (self->account_view);
  else if (g_str_equal (action_name, "win.show-devices"))
    mfa_account_view_show_devices (self->account_view);
  else if (g_str_equal (action_name, "win.change-password"))
    mfa_account_view_show_password (self->account_view);
  else
    mfa_account_view_back (self->account_view);
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  mfa_shortcuts_present (widget);
}

/* GObject */

static void
mfa_window_dispose (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;

  g_clear_object (&self->settings);
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

  gtk_widget_class_install_action (widget_class, "win.change-service", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-add-phone", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.set-up-totp", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.show-devices", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.change-password", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "win.retry-connection", NULL, page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.show-add-phone", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, account_view);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
}

static void
mfa_window_init (MfaWindow *self)
{
  g_type_ensure (MFA_TYPE_ACCOUNT_VIEW);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_breakpoint_add (GTK_WIDGET (self), G_OBJECT (self->account_view), "narrow");
  mfa_lazy_menu_set_model (self->menu_button, self->primary_menu);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  update_actions (self);
}
