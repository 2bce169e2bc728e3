/* mfa-totp-view.c
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

#define G_LOG_DOMAIN "mfa-totp-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mfa-code-entry.h"
#include "mfa-error-toast.h"
#include "mfa-qr-paintable.h"
#include "mfa-totp-view.h"
#include "mfa-transforms.h"

/**
 * MfaTotpView:
 *
 * Setting up an authenticator app: the service makes a secret, which the
 * page shows as a QR code, as a key to type in groups of four (with Copy)
 * and, where the desktop has an app for `otpauth://` links, as a button
 * that hands the link to it; then the code the app shows proves it has
 * the secret. The page binds to its #MfaVerification (kind
 * %MFA_VERIFICATION_KIND_TOTP); once verified it activates
 * `account.totp-set-up`, and whoever shows the page takes the backup
 * codes the verification may hold.
 *
 * The secret lives in the verification and in what shows it, no longer
 * than the page does: mfa_totp_view_stop() drops it, and the clipboard
 * is the only place the page puts it, when asked.
 */
struct _MfaTotpView
{
  AdwBin           parent_instance;

  MfaAccount      *account;
  MfaVerification *verification;
  GBindingGroup   *bindings;
  GSignalGroup    *signals;

  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *problem_page;
  GtkPicture      *qr_picture;
  GtkLabel        *key_label;
  GtkButton       *open_button;
  MfaCodeEntry    *code_entry;
  GtkLabel        *error_label;
  GtkButton       *verify_button;
  GtkSpinner      *verify_spinner;
};

G_DEFINE_FINAL_TYPE (MfaTotpView, mfa_totp_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_VERIFICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mfa_totp_view_new (void)
{
  return g_object_new (MFA_TYPE_TOTP_VIEW, NULL);
}

/* Binding transforms */

static gboolean
stage_to_page (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  switch ((MfaVerificationStage) g_value_get_enum (from))
    {
    case MFA_VERIFICATION_STAGE_FACTOR:
    case MFA_VERIFICATION_STAGE_COMPLETE:
      g_value_set_string (to, "setup");
      break;

    case MFA_VERIFICATION_STAGE_PROBLEM:
    case MFA_VERIFICATION_STAGE_UNSUPPORTED:
    case MFA_VERIFICATION_STAGE_FAILED:
      g_value_set_string (to, "problem");
      break;

    case MFA_VERIFICATION_STAGE_IDLE:
    case MFA_VERIFICATION_STAGE_LOADING:
    default:
      g_value_set_string (to, "loading");
      break;
    }

  return TRUE;
}

/* The secret's link as a QR code; nothing while there is none. */
static gboolean
totp_to_paintable (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  MfaTotp *totp = g_value_get_object (from);
  const char *uri = totp != NULL ? mfa_totp_get_uri (totp) : NULL;

  g_value_take_object (to, uri != NULL ? mfa_qr_paintable_new (uri) : NULL);
  return TRUE;
}

static gboolean
totp_to_key (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  MfaTotp *totp = g_value_get_object (from);

  g_value_take_string (to, totp != NULL ? mfa_totp_dup_grouped_secret (totp) : g_strdup (""));
  return TRUE;
}

/* What the verification says */

static void
input_invalid_cb (MfaTotpView *self)
{
  gboolean invalid = mfa_verification_get_input_invalid (self->verification);

  mfa_code_entry_set_error (self->code_entry, invalid);
  if (invalid)
    gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
stage_cb (MfaTotpView *self)
{
  MfaVerificationStage stage = mfa_verification_get_stage (self->verification);

  if (stage == MFA_VERIFICATION_STAGE_FACTOR)
    {
      /* The key is there to be read; selecting it is the person's. */
      gtk_label_select_region (self->key_label, 0, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
    }
  else if (stage == MFA_VERIFICATION_STAGE_PROBLEM)
    gtk_widget_grab_focus (self->problem_page != NULL
                           ? adw_status_page_get_child (self->problem_page) : NULL);
  else if (stage == MFA_VERIFICATION_STAGE_COMPLETE)
    gtk_widget_activate_action (GTK_WIDGET (self), "account.totp-set-up", NULL);
}

static void
code_changed_cb (MfaTotpView *self)
{
  if (self->verification != NULL)
    mfa_verification_clear_message (self->verification);
  mfa_code_entry_set_error (self->code_entry, FALSE);
}

static void
verify (MfaTotpView *self)
{
  if (self->verification == NULL)
    return;

  mfa_verification_attempt (self->verification, mfa_code_entry_get_code (self->code_entry));
}

static void
code_complete_cb (MfaTotpView *self)
{
  verify (self);
}

/* Actions */

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  verify (MFA_TOTP_VIEW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MfaTotpView *self = MFA_TOTP_VIEW (widget);

  if (self->verification != NULL)
    mfa_verification_start (self->verification);
}

/* The key as apps take it: no spaces. */
static void
copy_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaTotpView *self = MFA_TOTP_VIEW (widget);
  MfaTotp *totp = self->verification != NULL ? mfa_verification_get_totp (self->verification) : NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (totp == NULL || mfa_totp_get_secret (totp) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), mfa_totp_get_secret (totp));
  toast = adw_toast_new (_("Key copied"));
  mfa_toast_show (widget, toast);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MfaTotpView) self = user_data;
  g_autoptr(GError) error = NULL;

  g_autoptr(AdwToast) toast = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_debug ("No app took the link: %s", error->message);
      toast = adw_toast_new (_("No authenticator app opened the key. Scan the QR code or enter the key instead."));
      mfa_toast_show (GTK_WIDGET (self), toast);
    }
}

static void
open_app_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaTotpView *self = MFA_TOTP_VIEW (widget);
  MfaTotp *totp = self->verification != NULL ? mfa_verification_get_totp (self->verification) : NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  if (totp == NULL || mfa_totp_get_uri (totp) == NULL)
    return;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (mfa_totp_get_uri (totp), context, NULL,
                                           launched_cb, g_object_ref (self));
}

/* Starting and stopping */

static void
set_verification (MfaTotpView     *self,
                  MfaVerification *verification)
{
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  if (!g_set_object (&self->verification, verification))
    return;

  g_binding_group_set_source (self->bindings, verification);
  g_signal_group_set_target (self->signals, verification);

  /* Nothing of a secret stays shown without its verification. */
  if (verification == NULL)
    {
      gtk_picture_set_paintable (self->qr_picture, NULL);
      gtk_label_set_label (self->key_label, "");
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFICATION]);
}

/**
 * mfa_totp_view_start:
 * @self: a #MfaTotpView
 *
 * Asks the service for a new secret and shows it.
 */
void
mfa_totp_view_start (MfaTotpView *self)
{
  g_autoptr(MfaVerification) verification = NULL;
  g_autoptr(GAppInfo) handler = NULL;

  g_return_if_fail (MFA_IS_TOTP_VIEW (self));
  g_return_if_fail (self->account != NULL);

  mfa_code_entry_clear (self->code_entry);

  /* Offered only where an app takes the link. */
  handler = g_app_info_get_default_for_uri_scheme ("otpauth");
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), handler != NULL);

  verification = mfa_verification_new_totp (mfa_account_get_client (self->account),
                                            mfa_account_get_clock (self->account));
  set_verification (self, verification);
  mfa_verification_start (verification);
}

/**
 * mfa_totp_view_stop:
 * @self: a #MfaTotpView
 *
 * Stops what is under way and forgets the secret.
 */
void
mfa_totp_view_stop (MfaTotpView *self)
{
  g_return_if_fail (MFA_IS_TOTP_VIEW (self));

  mfa_code_entry_clear (self->code_entry);
  set_verification (self, NULL);
}

/**
 * mfa_totp_view_get_verification:
 * @self: a #MfaTotpView
 *
 * Returns: (transfer none) (nullable): the set-up under way
 */
MfaVerification *
mfa_totp_view_get_verification (MfaTotpView *self)
{
  g_return_val_if_fail (MFA_IS_TOTP_VIEW (self), NULL);

  return self->verification;
}

MfaAccount *
mfa_totp_view_get_account (MfaTotpView *self)
{
  g_return_val_if_fail (MFA_IS_TOTP_VIEW (self), NULL);

  return self->account;
}

void
mfa_totp_view_set_account (MfaTotpView *self,
                           MfaAccount  *account)
{
  g_return_if_fail (MFA_IS_TOTP_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  set_verification (self, NULL);
  g_set_object (&self->account, account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

static void
mfa_totp_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfaTotpView *self = MFA_TOTP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_VERIFICATION:
      g_value_set_object (value, self->verification);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_totp_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MfaTotpView *self = MFA_TOTP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_totp_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_totp_view_dispose (GObject *object)
{
  MfaTotpView *self = (MfaTotpView *)object;

  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->verification);
  g_clear_object (&self->account);

  /* The stack is the bin's child and a template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_TOTP_VIEW);

  G_OBJECT_CLASS (mfa_totp_view_parent_class)->dispose (object);
}

static void
mfa_totp_view_class_init (MfaTotpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_totp_view_get_property;
  object_class->set_property = mfa_totp_view_set_property;
  object_class->dispose = mfa_totp_view_dispose;

  /**
   * MfaTotpView:account:
   *
   * The account that gets the authenticator app.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaTotpView:verification:
   *
   * The set-up under way, or %NULL.
   */
  properties[PROP_VERIFICATION] =
    g_param_spec_object ("verification", NULL, NULL, MFA_TYPE_VERIFICATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-totp-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, problem_page);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, key_label);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, open_button);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, verify_button);
  gtk_widget_class_bind_template_child (widget_class, MfaTotpView, verify_spinner);
  gtk_widget_class_bind_template_callback (widget_class, code_complete_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);

  gtk_widget_class_install_action (widget_class, "totp.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "totp.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "totp.copy-key", NULL, copy_key_action);
  gtk_widget_class_install_action (widget_class, "totp.open-app", NULL, open_app_action);
}

static void
mfa_totp_view_init (MfaTotpView *self)
{
  g_type_ensure (MFA_TYPE_CODE_ENTRY);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "stage", self->stack, "visible-child-name",
                             G_BINDING_SYNC_CREATE, stage_to_page, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "busy", self->loading_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->verify_spinner, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->verify_spinner, "spinning",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "busy", self->verify_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_binding_group_bind_full (self->bindings, "totp", self->qr_picture, "paintable",
                             G_BINDING_SYNC_CREATE, totp_to_paintable, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "totp", self->key_label, "label",
                             G_BINDING_SYNC_CREATE, totp_to_key, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->error_label, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->problem_page, "description",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_markup, NULL, NULL, NULL);

  self->signals = g_signal_group_new (MFA_TYPE_VERIFICATION);
  g_signal_group_connect_swapped (self->signals, "notify::input-invalid",
                                  G_CALLBACK (input_invalid_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::stage",
                                  G_CALLBACK (stage_cb), self);
}
