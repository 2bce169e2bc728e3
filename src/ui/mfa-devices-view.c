/* mfa-devices-view.c
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

#define G_LOG_DOMAIN "mfa-devices-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-devices-view.h"
#include "mfa-compat.h"
#include "mfa-error-toast.h"
#include "mfa-transforms.h"
#include "mfa-tooltip.h"

/**
 * MfaDevicesView:
 *
 * The devices signed in to the account: this one first and marked, then
 * by last use, each with its kind, browser, place and when it was last
 * active (kept current while shown); Sign Out on each other device and
 * Sign Out All Other Devices, each after a confirmation. The page binds
 * to its #MfaDevices, made from the account's client; a failed load is
 * an error page with Retry, never an empty list. While the account shows
 * its snapshot nothing can be listed, and the page says why.
 */
struct _MfaDevicesView
{
  AdwBin         parent_instance;

  MfaAccount    *account;
  MfaDevices    *devices;
  GBindingGroup *bindings;
  GCancellable  *cancellable;
  GtkWidget     *dialog;
  MfaClock      *tick_clock;
  guint          tick_id;

  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkListBox    *list_box;
  GtkButton     *sign_out_all_button;
};

G_DEFINE_FINAL_TYPE (MfaDevicesView, mfa_devices_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mfa_devices_view_new (void)
{
  return g_object_new (MFA_TYPE_DEVICES_VIEW, NULL);
}

/* Words */

/* What the device is: this app here, else its browser and system. */
static char *
dup_device_title (MfaDevice *device)
{
  const char *browser = mfa_device_get_browser_name (device);
  const char *version = mfa_device_get_browser_version (device);
  const char *system = mfa_device_get_device_type (device);
  g_autofree char *app = NULL;

  if (mfa_device_get_current (device))
    return g_strdup (_("This Device"));

  if (browser != NULL && version != NULL)
    app = g_strdup_printf ("%s %s", browser, version);
  else if (browser != NULL)
    app = g_strdup (browser);

  if (app != NULL && system != NULL)
    /* Translators: a signed-in device: a browser (and its version), then
     * a system, such as “Firefox 121 on Windows” */
    return g_strdup_printf (_("%s on %s"), app, system);
  if (app != NULL)
    return g_steal_pointer (&app);
  if (system != NULL)
    return g_strdup (system);

  return g_strdup (mfa_device_get_is_mobile (device) ? _("A phone or tablet") : _("A device"));
}

/* How long ago, in words: minutes within the hour, hours within the day,
 * then days. */
static char *
dup_active_text (gint64 last_active_at,
                 gint64 now_ms)
{
  gint64 minutes = MAX (0, now_ms - last_active_at) / 60000;

  if (last_active_at <= 0)
    return NULL;
  if (minutes < 1)
    return g_strdup (_("active just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "active %d minute ago",
                                         "active %d minutes ago", minutes), (int) minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "active %d hour ago",
                                         "active %d hours ago", minutes / 60), (int) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "active %d day ago",
                                       "active %d days ago", minutes / (24 * 60)),
                          (int) (minutes / (24 * 60)));
}

static char *
dup_device_subtitle (MfaDevicesView *self,
                     MfaDevice      *device)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *city = mfa_device_get_city (device);
  const char *country = mfa_device_get_country (device);
  MfaClock *clock = self->account != NULL ? mfa_account_get_clock (self->account)
                                          : mfa_clock_get_default ();
  char *active;

  if (mfa_device_get_message (device) != NULL)
    return g_strdup (mfa_device_get_message (device));

  if (mfa_device_get_current (device))
    /* Translators: how this app shows itself among the signed-in devices */
    g_ptr_array_add (parts, g_strdup (_("MFA Manager on Linux")));
  if (city != NULL && country != NULL)
    /* Translators: a place: a city, then its country */
    g_ptr_array_add (parts, g_strdup_printf (_("%s, %s"), city, country));
  else if (city != NULL || country != NULL)
    g_ptr_array_add (parts, g_strdup (city != NULL ? city : country));
  if (mfa_device_get_current (device))
    g_ptr_array_add (parts, g_strdup (_("active now")));
  else if ((active = dup_active_text (mfa_device_get_last_active_at (device),
                                      mfa_clock_get_now_ms (clock))) != NULL)
    g_ptr_array_add (parts, active);

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Rows */

static void
update_row (AdwActionRow *row)
{
  MfaDevicesView *self = g_object_get_data (G_OBJECT (row), "view");
  MfaDevice *device = g_object_get_data (G_OBJECT (row), "device");
  g_autofree char *title = dup_device_title (device);
  g_autofree char *subtitle = dup_device_subtitle (self, device);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  if (mfa_device_get_message (device) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MfaDevicesView *self = user_data;
  MfaDevice *device = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  g_object_set_data (G_OBJECT (row), "view", self);
  g_object_set_data_full (G_OBJECT (row), "device", g_object_ref (device), g_object_unref);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  icon = gtk_image_new_from_icon_name (mfa_device_get_is_mobile (device) ? "phone-symbolic"
                                                                        : "computer-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (mfa_device_get_current (device))
    {
      GtkWidget *mark = gtk_label_new (_("Current"));

      gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (mark, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  else
    {
      GtkWidget *spinner = gtk_spinner_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Sign Out…"));

      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      g_object_bind_property (device, "busy", spinner, "visible", G_BINDING_SYNC_CREATE);
      g_object_bind_property (device, "busy", spinner, "spinning", G_BINDING_SYNC_CREATE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "devices.sign-out");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        mfa_device_get_session_id (device));
      g_object_bind_property (device, "busy", button, "sensitive",
                              G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  g_signal_connect_object (device, "notify::message", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  update_row (ADW_ACTION_ROW (row));

  return row;
}

static void schedule_tick (MfaDevicesView *self);

/* "active 5 minutes ago" stays true while the page is shown: every 30 s
 * of the account's clock. */
static gboolean
tick_cb (gpointer user_data)
{
  MfaDevicesView *self = user_data;

  self->tick_id = 0;
  schedule_tick (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        update_row (ADW_ACTION_ROW (child));
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_tick (MfaDevicesView *self)
{
  if (self->tick_id != 0 || self->account == NULL)
    return;

  g_set_object (&self->tick_clock, mfa_account_get_clock (self->account));
  self->tick_id = mfa_clock_add_timeout_ms (self->tick_clock, 30 * 1000, tick_cb, self, NULL);
}

static void
stop_tick (MfaDevicesView *self)
{
  if (self->tick_id != 0)
    mfa_clock_remove (self->tick_clock, self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->tick_clock);
}

/* Binding transforms */

static gboolean
state_to_page (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  switch ((MfaDevicesState) g_value_get_enum (from))
    {
    case MFA_DEVICES_STATE_LOADED:
      g_value_set_string (to, "list");
      break;

    case MFA_DEVICES_STATE_FAILED:
      g_value_set_string (to, "error");
      break;

    case MFA_DEVICES_STATE_NONE:
    case MFA_DEVICES_STATE_LOADING:
    default:
      g_value_set_string (to, "loading");
      break;
    }

  return TRUE;
}

static gboolean
others_to_sensitive (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}

/* Signing out */

static MfaDevice *
find_device (MfaDevicesView *self,
             const char     *session_id)
{
  GListModel *model = mfa_devices_get_model (self->devices);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MfaDevice) device = g_list_model_get_item (model, i);

      if (g_strcmp0 (mfa_device_get_session_id (device), session_id) == 0)
        return device;
    }

  return NULL;
}

typedef struct
{
  GWeakRef  view;
  char     *title;  /* one device's, or NULL for all the others */
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_weak_ref_clear (&sign_out->view);
  g_free (sign_out->title);
  g_free (sign_out);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SignOut *sign_out = user_data;
  g_autoptr(MfaDevicesView) self = g_weak_ref_get (&sign_out->view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_failed = 0;

  if (mfa_devices_sign_out_finish (MFA_DEVICES (object), result, &n_failed, &error))
    {
      if (sign_out->title != NULL)
        /* Translators: %s is a device, such as “Firefox 121 on Windows” */
        text = g_strdup_printf (_("%s is signed out"), sign_out->title);
      else
        text = g_strdup (_("Every other device is signed out"));
    }
  else if (n_failed > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u device could not be signed out: see why in the list",
                                           "%u devices could not be signed out: see why in the list",
                                           n_failed), n_failed);
    }

  if (self != NULL && text != NULL)
    {
      g_autoptr(AdwToast) toast = mfa_toast_new_plain (text);

      mfa_toast_show (GTK_WIDGET (self), toast);
    }

  sign_out_free (sign_out);
}

static void
start_sign_out (MfaDevicesView *self,
                MfaDevice      *device)
{
  SignOut *sign_out = g_new0 (SignOut, 1);

  g_weak_ref_init (&sign_out->view, self);
  sign_out->title = device != NULL ? dup_device_title (device) : NULL;
  mfa_devices_sign_out_async (self->devices, device, self->cancellable, signed_out_cb, sign_out);
}

static void
dialog_response_cb (GtkWidget        *dialog,
                    const char       *response,
                    MfaDevicesView   *self)
{
  const char *session_id = g_object_get_data (G_OBJECT (dialog), "session-id");
  MfaDevice *device;

  /* Answered: another may be asked at once, even while this one fades. */
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;

  if (!g_str_equal (response, "sign-out") || self->devices == NULL)
    return;

  if (session_id == NULL)
    start_sign_out (self, NULL);
  else if ((device = find_device (self, session_id)) != NULL)
    start_sign_out (self, device);
}

static void
confirm (MfaDevicesView *self,
         const char     *heading,
         const char     *body,
         const char     *session_id)
{
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;

  dialog = mfa_alert_new (heading, body);
  mfa_alert_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  mfa_alert_set_response_appearance (dialog,
                                              "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  mfa_alert_set_default_response (dialog, "cancel");
  mfa_alert_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_strdup (session_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  mfa_alert_present (dialog, GTK_WIDGET (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (widget);
  MfaDevice *device = self->devices != NULL ? find_device (self, g_variant_get_string (parameter, NULL))
                                            : NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;

  if (device == NULL || mfa_device_get_current (device) || mfa_device_get_busy (device))
    return;

  title = dup_device_title (device);
  /* Translators: %s is a device, such as “Firefox 121 on Windows” */
  heading = g_strdup_printf (_("Sign Out %s?"), title);
  confirm (self, heading,
           _("Whoever uses that device will have to sign in again, with your password and "
             "a second factor."),
           mfa_device_get_session_id (device));
}

static void
sign_out_others_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (widget);

  if (self->devices == NULL || mfa_devices_get_n_others (self->devices) == 0)
    return;

  confirm (self, _("Sign Out All Other Devices?"),
           _("Every device but this one will have to sign in again. If you think someone "
             "knows your password, change it too."),
           NULL);
}

/* Loading */

/**
 * mfa_devices_view_reload:
 * @self: a #MfaDevicesView
 *
 * Lists the devices again; while the account shows its snapshot, says
 * why it cannot.
 */
void
mfa_devices_view_reload (MfaDevicesView *self)
{
  const char *reason;

  g_return_if_fail (MFA_IS_DEVICES_VIEW (self));

  if (self->devices == NULL)
    return;

  reason = mfa_account_get_read_only_reason (self->account);
  if (reason != NULL)
    {
      g_binding_group_set_source (self->bindings, NULL);
      adw_status_page_set_title (self->error_page, _("Devices Not Available"));
      adw_status_page_set_description (self->error_page, reason);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  adw_status_page_set_title (self->error_page, _("Devices Not Loaded"));
  g_binding_group_set_source (self->bindings, self->devices);
  mfa_devices_load (self->devices);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mfa_devices_view_reload (MFA_DEVICES_VIEW (widget));
}

MfaAccount *
mfa_devices_view_get_account (MfaDevicesView *self)
{
  g_return_val_if_fail (MFA_IS_DEVICES_VIEW (self), NULL);

  return self->account;
}

void
mfa_devices_view_set_account (MfaDevicesView *self,
                              MfaAccount     *account)
{
  g_autoptr(MfaDevices) devices = NULL;

  g_return_if_fail (MFA_IS_DEVICES_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  stop_tick (self);
  g_set_object (&self->account, account);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_tick (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (account != NULL)
    devices = mfa_devices_new (mfa_account_get_client (account));
  g_set_object (&self->devices, devices);
  g_binding_group_set_source (self->bindings, devices);
  gtk_list_box_bind_model (self->list_box, devices != NULL ? mfa_devices_get_model (devices) : NULL,
                           create_row, self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

static void
mfa_devices_view_map (GtkWidget *widget)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (widget);

  GTK_WIDGET_CLASS (mfa_devices_view_parent_class)->map (widget);

  schedule_tick (self);
}

static void
mfa_devices_view_unmap (GtkWidget *widget)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (widget);

  stop_tick (self);

  GTK_WIDGET_CLASS (mfa_devices_view_parent_class)->unmap (widget);
}

static void
mfa_devices_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_devices_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaDevicesView *self = MFA_DEVICES_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_devices_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_devices_view_dispose (GObject *object)
{
  MfaDevicesView *self = (MfaDevicesView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_tick (self);
  if (self->dialog != NULL)
    {
      GtkWidget *dialog = self->dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
      g_signal_handlers_disconnect_by_data (dialog, self);
      mfa_alert_close (dialog);
    }
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->devices);
  g_clear_object (&self->account);

  /* The stack is the bin's child and a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_DEVICES_VIEW);
  self->list_box = NULL;

  G_OBJECT_CLASS (mfa_devices_view_parent_class)->dispose (object);
}

static void
mfa_devices_view_class_init (MfaDevicesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_devices_view_get_property;
  object_class->set_property = mfa_devices_view_set_property;
  object_class->dispose = mfa_devices_view_dispose;

  widget_class->map = mfa_devices_view_map;
  widget_class->unmap = mfa_devices_view_unmap;

  /**
   * MfaDevicesView:account:
   *
   * The account whose devices are shown.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-devices-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaDevicesView, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaDevicesView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MfaDevicesView, list_box);
  gtk_widget_class_bind_template_child (widget_class, MfaDevicesView, sign_out_all_button);

  gtk_widget_class_install_action (widget_class, "devices.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "devices.sign-out", "s", sign_out_action);
  gtk_widget_class_install_action (widget_class, "devices.sign-out-others", NULL, sign_out_others_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "devices.reload", NULL);
}

static void
mfa_devices_view_init (MfaDevicesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "state", self->stack, "visible-child-name",
                             G_BINDING_SYNC_CREATE, state_to_page, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->error_page, "description",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_markup, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "n-others", self->sign_out_all_button, "sensitive",
                             G_BINDING_SYNC_CREATE, others_to_sensitive, NULL, NULL, NULL);
}
