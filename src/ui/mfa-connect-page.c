/* mfa-connect-page.c
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


#define G_LOG_DOMAIN "mfa-connect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-connect-page.h"
#include "mfa-instance.h"
#include "mfa-narrow.h"

/* The first page when no service is known: asks for the publishable key,
 * explains inline what is wrong with it, and hands a decoded base URL to
 * whoever listens to ::connect.
 */
struct _MfaConnectPage
{
  AdwBin       parent_instance;

  AdwEntryRow *key_row;
  GtkLabel    *error_label;
  GtkButton   *connect_button;

  char        *error;
};

G_DEFINE_FINAL_TYPE (MfaConnectPage, mfa_connect_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_CONNECT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_connect_page_new (void)
{
  return g_object_new (MFA_TYPE_CONNECT_PAGE, NULL);
}

static void
set_error (MfaConnectPage *self,
           const char     *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * mfa_connect_page_get_error:
 * @self: a #MfaConnectPage
 *
 * Returns: (nullable): the message shown under the key, if any
 */
const char *
mfa_connect_page_get_error (MfaConnectPage *self)
{
  g_return_val_if_fail (MFA_IS_CONNECT_PAGE (self), NULL);

  return self->error;
}

/**
 * mfa_connect_page_set_key:
 * @self: a #MfaConnectPage
 * @key: (nullable): the key to show in the entry
 */
void
mfa_connect_page_set_key (MfaConnectPage *self,
                          const char     *key)
{
  g_return_if_fail (MFA_IS_CONNECT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
}

/**
 * mfa_connect_page_submit:
 * @self: a #MfaConnectPage
 *
 * Checks the key as typed; emits ::connect when it names a Frontend API,
 * or shows why not.
 *
 * Returns: %TRUE if ::connect was emitted
 */
gboolean
mfa_connect_page_submit (MfaConnectPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (MFA_IS_CONNECT_PAGE (self), FALSE);

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  base_url = mfa_instance_decode_publishable_key (key, &error);

  if (base_url == NULL)
    {
      set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return FALSE;
    }

  set_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CONNECT], 0, key, base_url);

  return TRUE;
}

static void
connect_clicked_cb (MfaConnectPage *self)
{
  mfa_connect_page_submit (self);
}

static void
key_changed_cb (MfaConnectPage *self)
{
  /* The message described the old text; keep it out of the way of typing. */
  set_error (self, NULL);
}

static void
mfa_connect_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaConnectPage *self = MFA_CONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_connect_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MFA_TYPE_CONNECT_PAGE);

  G_OBJECT_CLASS (mfa_connect_page_parent_class)->dispose (object);
}

static void
mfa_connect_page_finalize (GObject *object)
{
  MfaConnectPage *self = (MfaConnectPage *)object;

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (mfa_connect_page_parent_class)->finalize (object);
}

static void
mfa_connect_page_class_init (MfaConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_connect_page_get_property;
  object_class->dispose = mfa_connect_page_dispose;
  object_class->finalize = mfa_connect_page_finalize;

  /**
   * MfaConnectPage:error:
   *
   * Why the key as typed cannot be used, or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaConnectPage::connect:
   * @self: the page
   * @key: the publishable key as entered
   * @base_url: the Frontend API it names
   */
  signals[SIGNAL_CONNECT] =
    g_signal_new ("connect",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaConnectPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, MfaConnectPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaConnectPage, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
}

static void
mfa_connect_page_init (MfaConnectPage *self)
{
  g_autoptr(GdkTexture) icon = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  /* A pre-rendered picture of the app's symbolic icon: an SVG would load
   * the SVG renderer on the first frame of a first start.
   */
  icon = gdk_texture_new_from_resource (RESOURCE_BASE "/status-icon.png");
  adw_status_page_set_paintable (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))),
                                 GDK_PAINTABLE (icon));
}
