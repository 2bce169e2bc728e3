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

#include "mfa-connect-page.h"
#include "mfa-instance.h"
#include "mfa-window.h"

struct _MfaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *frontend_api;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MfaConnectPage       *connect_page;
  AdwStatusPage        *connecting_page;
  AdwStatusPage        *unreachable_page;
  AdwStatusPage        *sign_in_page;
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

static void
show_page (MfaWindow  *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-service",
                                 !g_str_equal (name, "connect"));
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
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *title = NULL;

  if (!mfa_instance_probe_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      host = mfa_instance_get_display_host (self->frontend_api);
      /* Translators: %s is a host name such as clerk.example.com */
      title = g_strdup_printf (_("Cannot Reach %s"), host);
      /* Set here rather than in the template: loading the icon of a page
       * nobody sees yet would cost start-up time.
       */
      adw_status_page_set_icon_name (self->unreachable_page, "network-offline-symbolic");
      adw_status_page_set_title (self->unreachable_page, title);
      adw_status_page_set_description (self->unreachable_page, error->message);
      show_page (self, "unreachable");
      return;
    }

  show_page (self, "sign-in");
}

static void
start_connecting (MfaWindow *self)
{
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

  mfa_instance_probe_async (self->frontend_api, self->cancellable, probe_cb, g_object_ref (self));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_WINDOW);

  G_OBJECT_CLASS (mfa_window_parent_class)->dispose (object);
}

static void
mfa_window_finalize (GObject *object)
{
  MfaWindow *self = (MfaWindow *)object;

  g_clear_pointer (&self->frontend_api, g_free);

  G_OBJECT_CLASS (mfa_window_parent_class)->finalize (object);
}

static void
mfa_window_class_init (MfaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mfa_window_constructed;
  object_class->get_property = mfa_window_get_property;
  object_class->set_property = mfa_window_set_property;
  object_class->dispose = mfa_window_dispose;
  object_class->finalize = mfa_window_finalize;

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, unreachable_page);
  gtk_widget_class_bind_template_child (widget_class, MfaWindow, sign_in_page);
  gtk_widget_class_bind_template_callback (widget_class, connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
mfa_window_init (MfaWindow *self)
{
  g_type_ensure (MFA_TYPE_CONNECT_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
