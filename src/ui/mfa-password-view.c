/* mfa-password-view.c
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

#define G_LOG_DOMAIN "mfa-password-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-error-toast.h"
#include "mfa-password-view.h"
#include "mfa-transforms.h"

/**
 * MfaPasswordView:
 *
 * Changing the password: the current one, the new one twice, what the
 * instance asks of it said as the person types, and "Sign out of other
 * devices", on at first. The page binds to its #MfaPasswordChange, made
 * from the account's client: the fields both ways, the rest one way.
 * Once changed it says so and goes back (`win.back`). While the account
 * shows its snapshot the form cannot be used, and says why.
 */
struct _MfaPasswordView
{
  AdwBin             parent_instance;

  MfaAccount        *account;
  MfaPasswordChange *change;
  GBindingGroup     *bindings;
  GSignalGroup      *signals;
  GBinding          *read_only_binding;

  AdwPreferencesPage *page;
  AdwPasswordEntryRow *current_row;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *confirm_row;
  GtkSwitch          *sign_out_switch;
  GtkLabel           *requirements_label;
  GtkLabel           *mismatch_label;
  GtkLabel           *error_label;
  GtkButton          *submit_button;
  GtkSpinner         *submit_spinner;
};

G_DEFINE_FINAL_TYPE (MfaPasswordView, mfa_password_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mfa_password_view_new (void)
{
  return g_object_new (MFA_TYPE_PASSWORD_VIEW, NULL);
}

static void
submit_cb (MfaPasswordView *self)
{
  if (self->change != NULL)
    mfa_password_change_submit (self->change);
}

/* The field the service refused is marked, and takes the focus. */
static void
invalid_field_cb (MfaPasswordView *self)
{
  const char *field = mfa_password_change_get_invalid_field (self->change);
  GtkWidget *rows[] = { GTK_WIDGET (self->current_row), GTK_WIDGET (self->new_row) };
  const char *names[] = { "current_password", "new_password" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (g_strcmp0 (field, names[i]) == 0)
        {
          gtk_widget_add_css_class (rows[i], "error");
          gtk_widget_grab_focus (rows[i]);
        }
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
}

static void
done_cb (MfaPasswordView *self)
{
  g_autoptr(AdwToast) toast = NULL;

  if (!mfa_password_change_get_done (self->change))
    return;

  toast = adw_toast_new (_("Password changed"));
  mfa_toast_show (GTK_WIDGET (self), toast);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

/**
 * mfa_password_view_start:
 * @self: a #MfaPasswordView
 *
 * An empty form, the current password first.
 */
void
mfa_password_view_start (MfaPasswordView *self)
{
  g_return_if_fail (MFA_IS_PASSWORD_VIEW (self));

  if (self->change == NULL)
    return;

  mfa_password_change_reset (self->change);
  gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
}

MfaPasswordChange *
mfa_password_view_get_change (MfaPasswordView *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_VIEW (self), NULL);

  return self->change;
}

MfaAccount *
mfa_password_view_get_account (MfaPasswordView *self)
{
  g_return_val_if_fail (MFA_IS_PASSWORD_VIEW (self), NULL);

  return self->account;
}

void
mfa_password_view_set_account (MfaPasswordView *self,
                               MfaAccount      *account)
{
  g_autoptr(MfaPasswordChange) change = NULL;

  g_return_if_fail (MFA_IS_PASSWORD_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  if (account != NULL)
    {
      change = mfa_password_change_new (mfa_account_get_client (account));
      /* Nothing can be changed while the snapshot is shown. */
      self->read_only_binding = g_object_bind_property (account, "read-only", self->page, "sensitive",
                                                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
    }
  g_set_object (&self->change, change);
  g_binding_group_set_source (self->bindings, change);
  g_signal_group_set_target (self->signals, change);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

static void
mfa_password_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfaPasswordView *self = MFA_PASSWORD_VIEW (object);

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
mfa_password_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MfaPasswordView *self = MFA_PASSWORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_password_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_password_view_dispose (GObject *object)
{
  MfaPasswordView *self = (MfaPasswordView *)object;

  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->change);
  g_clear_object (&self->account);

  /* The page is the bin's child and a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_PASSWORD_VIEW);

  G_OBJECT_CLASS (mfa_password_view_parent_class)->dispose (object);
}

static void
mfa_password_view_class_init (MfaPasswordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_password_view_get_property;
  object_class->set_property = mfa_password_view_set_property;
  object_class->dispose = mfa_password_view_dispose;

  /**
   * MfaPasswordView:account:
   *
   * The account whose password is changed.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-password-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, page);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, current_row);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, new_row);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, sign_out_switch);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, requirements_label);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MfaPasswordView, submit_spinner);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
}

static void
mfa_password_view_init (MfaPasswordView *self)
{
  GBindingFlags both = G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  /* An entry's text is never NULL; the form's fields are, at first. */
  g_binding_group_bind_full (self->bindings, "current-password", self->current_row, "text", both,
                             mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "new-password", self->new_row, "text", both,
                             mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "confirmation", self->confirm_row, "text", both,
                             mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "sign-out-others", self->sign_out_switch, "active", both);
  g_binding_group_bind_full (self->bindings, "requirements", self->requirements_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "requirements", self->requirements_label, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "mismatch", self->mismatch_label, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "can-submit", self->submit_button, "sensitive",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->submit_spinner, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->submit_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);

  self->signals = g_signal_group_new (MFA_TYPE_PASSWORD_CHANGE);
  g_signal_group_connect_swapped (self->signals, "notify::invalid-field",
                                  G_CALLBACK (invalid_field_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::done", G_CALLBACK (done_cb), self);
}
