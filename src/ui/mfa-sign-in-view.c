/* mfa-sign-in-view.c
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

#define G_LOG_DOMAIN "mfa-sign-in-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-factor-prompt.h"
#include "mfa-sign-in-view.h"
#include "mfa-transforms.h"
#include "mfa-narrow.h"

/* Sign-in: identifier and password, then the second factor the account
 * offers: a text message to one of its phones, a backup code or an
 * authenticator app code. Emits ::signed-in when the client has a
 * session.
 */
struct _MfaSignInView
{
  AdwBin         parent_instance;

  MfaAccount      *account;
  MfaClient       *client;
  MfaClock        *clock;
  MfaVerification *verification;
  GBindingGroup   *bindings;
  GBindingGroup   *account_bindings;
  GSignalGroup    *signals;
  gboolean         narrow;

  GtkStack      *stack;
  GtkLabel      *host_label;
  GtkLabel      *notice_label;
  AdwEntryRow   *identifier_row;
  AdwEntryRow   *password_row;
  GtkLabel      *credentials_error;
  GtkButton     *sign_in_button;
  GtkSpinner    *sign_in_spinner;
  GtkLabel      *unsupported_label;
  GtkLabel      *second_factor_title;
  GtkLabel      *new_device_label;
  MfaFactorPrompt *prompt;
};

G_DEFINE_FINAL_TYPE (MfaSignInView, mfa_sign_in_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_NARROW,
  N_PROPS
};

enum {
  SIGNAL_SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_sign_in_view_new (void)
{
  return g_object_new (MFA_TYPE_SIGN_IN_VIEW, NULL);
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

/* Credentials step */

static void
credentials_changed_cb (MfaSignInView *self)
{
  if (self->verification != NULL && !mfa_verification_get_busy (self->verification))
    mfa_verification_clear_message (self->verification);
}

static void
identifier_activated_cb (MfaSignInView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* The field the service (or a missing value) blamed is marked and takes
 * the focus. */
static void
invalid_field_changed_cb (MfaSignInView *self)
{
  const char *field = mfa_verification_get_invalid_field (self->verification);
  GtkWidget *row = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->identifier_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");

  if (g_strcmp0 (field, "identifier") == 0)
    row = GTK_WIDGET (self->identifier_row);
  else if (g_strcmp0 (field, "password") == 0)
    row = GTK_WIDGET (self->password_row);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
busy_changed_cb (MfaSignInView *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY,
                               mfa_verification_get_busy (self->verification), -1);
}

static void
stage_changed_cb (MfaSignInView *self)
{
  switch (mfa_verification_get_stage (self->verification))
    {
    case MFA_VERIFICATION_STAGE_COMPLETE:
      /* The password has done its job; it is not kept around. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0);
      break;

    case MFA_VERIFICATION_STAGE_FACTOR:
    case MFA_VERIFICATION_STAGE_UNSUPPORTED:
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      break;

    case MFA_VERIFICATION_STAGE_IDLE:
    case MFA_VERIFICATION_STAGE_LOADING:
    case MFA_VERIFICATION_STAGE_PROBLEM:
    case MFA_VERIFICATION_STAGE_FAILED:
    default:
      break;
    }
}

static void
sign_in_clicked_cb (MfaSignInView *self)
{
  if (self->verification == NULL)
    return;

  gtk_label_set_label (self->notice_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  mfa_verification_sign_in (self->verification,
                            gtk_editable_get_text (GTK_EDITABLE (self->identifier_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
}

static void
cancel_clicked_cb (MfaSignInView *self)
{
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* Binding transforms */

static gboolean
stage_to_page (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  MfaVerificationStage stage = g_value_get_enum (from);

  g_value_set_string (to, stage == MFA_VERIFICATION_STAGE_FACTOR ||
                          stage == MFA_VERIFICATION_STAGE_UNSUPPORTED ||
                          stage == MFA_VERIFICATION_STAGE_COMPLETE
                            ? "second-factor" : "credentials");
  return TRUE;
}

static gboolean
stage_is (GBinding     *binding,
          const GValue *from,
          GValue       *to,
          gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

static gboolean
new_device_to_title (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  /* A new device's check, which the service asks for even without
   * two-step verification, says why it is there.
   */
  g_value_set_string (to, g_value_get_boolean (from) ? _("Confirm It’s You on This New Device")
                                                     : _("Two-Step Verification"));
  return TRUE;
}

/**
 * mfa_sign_in_view_start:
 * @self: a #MfaSignInView
 * @notice: (nullable): why the person has to sign in, e.g. the session
 *   ended, shown above the form
 * @warning: whether @notice is a warning (the session ended) rather
 *   than plain news (the person signed out)
 *
 * Shows the credentials step. What was typed in the identifier stays.
 */
void
mfa_sign_in_view_start (MfaSignInView *self,
                        const char    *notice,
                        gboolean       warning)
{
  GtkWidget *notice_widget;

  g_return_if_fail (MFA_IS_SIGN_IN_VIEW (self));

  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  show_label (self->notice_label, notice);
  notice_widget = GTK_WIDGET (self->notice_label);
  if (warning)
    {
      gtk_widget_add_css_class (notice_widget, "warning");
      gtk_widget_remove_css_class (notice_widget, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (notice_widget, "dim-label");
      gtk_widget_remove_css_class (notice_widget, "warning");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  /* This app signs in with a password: an instance without says so. */
  if (self->client != NULL && mfa_client_get_environment (self->client) != NULL &&
      !mfa_environment_get_password (mfa_client_get_environment (self->client)))
    show_label (self->notice_label,
                _("This service does not let people sign in with a password, which this app needs. Its administrator can switch passwords on in the Clerk Dashboard."));

  if (gtk_editable_get_text (GTK_EDITABLE (self->identifier_row))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->identifier_row));
}

/* Whose account: the service's own name once its environment is in. */
static gboolean
title_to_host_label (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  const char *title = g_value_get_string (from);

  /* Translators: %s is the service's name, or its host such as clerk.example.com */
  g_value_take_string (to, title != NULL ? g_strdup_printf (_("to your account on %s"), title)
                                         : g_strdup (""));
  return TRUE;
}

/* One sign-in per client: its cooldowns are kept across attempts, so
 * going back and forth sends nothing early. */
static void
renew_verification (MfaSignInView *self)
{
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  g_clear_object (&self->verification);
  if (self->client != NULL)
    self->verification = mfa_verification_new_sign_in (self->client, self->clock);

  g_binding_group_set_source (self->bindings, self->verification);
  g_signal_group_set_target (self->signals, self->verification);
  mfa_factor_prompt_set_verification (self->prompt, self->verification);
}

/**
 * mfa_sign_in_view_get_account:
 * @self: a #MfaSignInView
 *
 * Returns: (transfer none) (nullable): the account shown
 */
MfaAccount *
mfa_sign_in_view_get_account (MfaSignInView *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN_VIEW (self), NULL);

  return self->account;
}

/**
 * mfa_sign_in_view_set_account:
 * @self: a #MfaSignInView
 * @account: (nullable): the account to show
 *
 * The view works with @account's client and counts down on its clock.
 */
void
mfa_sign_in_view_set_account (MfaSignInView *self,
                              MfaAccount    *account)
{
  g_return_if_fail (MFA_IS_SIGN_IN_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  g_clear_object (&self->clock);
  g_clear_object (&self->client);
  if (account != NULL)
    {
      self->clock = g_object_ref (mfa_account_get_clock (account));
      self->client = g_object_ref (mfa_account_get_client (account));
    }
  renew_verification (self);
  g_binding_group_set_source (self->account_bindings, account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

static void
mfa_sign_in_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaSignInView *self = MFA_SIGN_IN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_sign_in_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaSignInView *self = MFA_SIGN_IN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_sign_in_view_set_account (self, g_value_get_object (value));
      break;

    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_sign_in_view_dispose (GObject *object)
{
  MfaSignInView *self = (MfaSignInView *)object;

  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->account_bindings != NULL)
    g_binding_group_set_source (self->account_bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_SIGN_IN_VIEW);

  g_clear_object (&self->bindings);
  g_clear_object (&self->account_bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->verification);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_sign_in_view_parent_class)->dispose (object);
}

static void
mfa_sign_in_view_class_init (MfaSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_sign_in_view_get_property;
  object_class->set_property = mfa_sign_in_view_set_property;
  object_class->dispose = mfa_sign_in_view_dispose;

  /**
   * MfaSignInView:account:
   *
   * The account shown: its client, clock and state.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaSignInView:narrow:
   *
   * Whether the window is narrow; the second factor's prompt follows it.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaSignInView::signed-in:
   *
   * The client has a session now.
   */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-sign-in-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, host_label);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, identifier_row);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, password_row);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, credentials_error);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, unsupported_label);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, second_factor_title);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, new_device_label);
  gtk_widget_class_bind_template_child (widget_class, MfaSignInView, prompt);
  gtk_widget_class_bind_template_callback (widget_class, credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, identifier_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
mfa_sign_in_view_init (MfaSignInView *self)
{
  g_type_ensure (MFA_TYPE_FACTOR_PROMPT);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "busy", self->sign_in_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_binding_group_bind (self->bindings, "busy", self->sign_in_spinner, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->sign_in_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "stage", self->stack, "visible-child-name",
                             G_BINDING_SYNC_CREATE, stage_to_page, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "stage", self->prompt, "visible",
                             G_BINDING_SYNC_CREATE, stage_is, NULL,
                             GINT_TO_POINTER (MFA_VERIFICATION_STAGE_FACTOR), NULL);
  g_binding_group_bind_full (self->bindings, "stage", self->unsupported_label, "visible",
                             G_BINDING_SYNC_CREATE, stage_is, NULL,
                             GINT_TO_POINTER (MFA_VERIFICATION_STAGE_UNSUPPORTED), NULL);
  g_binding_group_bind (self->bindings, "new-device", self->new_device_label, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "new-device", self->second_factor_title, "label",
                             G_BINDING_SYNC_CREATE, new_device_to_title, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->credentials_error, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->credentials_error, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);

  self->account_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->account_bindings, "title", self->host_label, "label",
                             G_BINDING_SYNC_CREATE, title_to_host_label, NULL, NULL, NULL);

  self->signals = g_signal_group_new (MFA_TYPE_VERIFICATION);
  g_signal_group_connect_swapped (self->signals, "notify::stage", G_CALLBACK (stage_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::busy", G_CALLBACK (busy_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::invalid-field",
                                  G_CALLBACK (invalid_field_changed_cb), self);
}
