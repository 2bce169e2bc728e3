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

#include "mfa-error-toast.h"
#include "mfa-factor-prompt.h"
#include "mfa-sign-in-view.h"
#include "mfa-width-layout.h"

/* Sign-in: identifier and password, then the second factor the account
 * offers: a text message to one of its phones, a backup code or an
 * authenticator app code. Emits ::signed-in when the client has a
 * session.
 */
struct _MfaSignInView
{
  AdwBin         parent_instance;

  MfaClient     *client;
  MfaClock      *clock;
  GCancellable  *cancellable;
  MfaSignIn     *sign_in;

  gboolean       busy;

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
  /* Resend cooldowns are kept across attempts, so going back and forth
   * does not reset them.
   */
  MfaFactorPrompt *prompt;
};

G_DEFINE_FINAL_TYPE (MfaSignInView, mfa_sign_in_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CLOCK,
  N_PROPS
};

enum {
  SIGNAL_SIGNED_IN,
  SIGNAL_ADD_TOAST,
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

/* The message a person should read for a failed request. */
static char *
describe_error (MfaSignInView *self,
                const GError  *error)
{
  return mfa_error_describe (self->client != NULL ? mfa_client_get_base_url (self->client) : NULL,
                             error);
}

static void
set_busy (MfaSignInView *self,
          gboolean       busy)
{
  self->busy = busy;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), busy);
  gtk_spinner_set_spinning (self->sign_in_spinner, busy);
  mfa_factor_prompt_set_busy (self->prompt, busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

static void
restart_cancellable (MfaSignInView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Credentials step */

static void
credentials_changed_cb (MfaSignInView *self)
{
  show_label (self->credentials_error, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->identifier_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
identifier_activated_cb (MfaSignInView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void show_second_factor (MfaSignInView *self);

static void
finish_sign_in (MfaSignInView *self)
{
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0);
}

static void
handle_sign_in (MfaSignInView *self,
                MfaSignIn     *sign_in)
{
  g_set_object (&self->sign_in, sign_in);

  switch (mfa_sign_in_get_status (sign_in))
    {
    case MFA_SIGN_IN_STATUS_COMPLETE:
      finish_sign_in (self);
      break;

    case MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR:
    case MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST:
      show_second_factor (self);
      break;

    case MFA_SIGN_IN_STATUS_NEEDS_NEW_PASSWORD:
      show_label (self->credentials_error,
                  _("This account must choose a new password first. Do that on the service’s website, then sign in here."));
      break;

    case MFA_SIGN_IN_STATUS_UNKNOWN:
    case MFA_SIGN_IN_STATUS_NEEDS_IDENTIFIER:
    case MFA_SIGN_IN_STATUS_NEEDS_FIRST_FACTOR:
    case MFA_SIGN_IN_STATUS_ABANDONED:
    default:
      show_label (self->credentials_error,
                  _("This account cannot sign in with a password here. Use the service’s website instead."));
      break;
    }
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaSignInView) self = user_data;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *param;

  sign_in = mfa_client_sign_in_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (sign_in == NULL)
    {
      message = describe_error (self, error);
      show_label (self->credentials_error, message);

      param = mfa_client_error_get_param_name (error);
      if (g_strcmp0 (param, "password") == 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      else if (g_strcmp0 (param, "identifier") == 0)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->identifier_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->identifier_row));
        }
      return;
    }

  /* The password has done its job; it is not kept around. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  handle_sign_in (self, sign_in);
}

static void
sign_in_clicked_cb (MfaSignInView *self)
{
  g_autofree char *identifier = NULL;
  const char *password;

  if (self->busy || self->client == NULL)
    return;

  identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->identifier_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (identifier[0] == '\0')
    {
      show_label (self->credentials_error, _("Enter the email address, phone number or username of your account."));
      gtk_widget_add_css_class (GTK_WIDGET (self->identifier_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->identifier_row));
      return;
    }

  if (password[0] == '\0')
    {
      show_label (self->credentials_error, _("Enter your password."));
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_label (self->credentials_error, NULL);
  show_label (self->notice_label, NULL);
  set_busy (self, TRUE);
  restart_cancellable (self);

  mfa_client_sign_in_async (self->client, identifier, password, self->cancellable,
                            sign_in_cb, g_object_ref (self));
}

/* Second factor step */

/* The second factors this view can ask for: a code sent by text
 * message or by email, one from an authenticator app, a backup code.
 */
static GListModel *
supported_factors (MfaSignIn *sign_in)
{
  GListModel *factors = mfa_sign_in_get_second_factors (sign_in);
  GListStore *supported = g_list_store_new (MFA_TYPE_FACTOR);

  for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);
      const char *strategy = mfa_factor_get_strategy (factor);

      if ((g_strcmp0 (strategy, "phone_code") == 0 && mfa_factor_get_phone_number_id (factor) != NULL) ||
          g_strcmp0 (strategy, "email_code") == 0 ||
          g_strcmp0 (strategy, "totp") == 0 ||
          g_strcmp0 (strategy, "backup_code") == 0)
        g_list_store_append (supported, factor);
    }

  return G_LIST_MODEL (supported);
}

static void
show_second_factor (MfaSignInView *self)
{
  g_autoptr(GListModel) factors = supported_factors (self->sign_in);
  gboolean new_device = mfa_sign_in_get_status (self->sign_in) == MFA_SIGN_IN_STATUS_NEEDS_CLIENT_TRUST;

  /* A new device's check, which the service asks for even without
   * two-step verification, says why it is there.
   */
  gtk_label_set_label (self->second_factor_title,
                       new_device ? _("Confirm It’s You on This New Device")
                                  : _("Two-Step Verification"));
  gtk_widget_set_visible (GTK_WIDGET (self->new_device_label), new_device);

  gtk_stack_set_visible_child_name (self->stack, "second-factor");

  /* Sends the first code, through ::factor-changed. */
  mfa_factor_prompt_set_factors (self->prompt, factors);

  gtk_widget_set_visible (GTK_WIDGET (self->prompt),
                          mfa_factor_prompt_get_factor (self->prompt) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->unsupported_label),
                          mfa_factor_prompt_get_factor (self->prompt) == NULL);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaSignInView) self = user_data;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 retry_after;

  sign_in = mfa_client_prepare_second_factor_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (sign_in == NULL)
    {
      /* Asked too soon after the last one: wait as long as the server says. */
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
        {
          retry_after = mfa_client_error_get_retry_after (error);
          mfa_factor_prompt_start_cooldown (self->prompt,
                                            retry_after > 0 ? retry_after : MFA_RESEND_COOLDOWN_SECONDS);
        }
      else
        mfa_factor_prompt_clear_cooldown (self->prompt);

      message = describe_error (self, error);
      mfa_factor_prompt_set_error (self->prompt, message);
      return;
    }

  g_set_object (&self->sign_in, sign_in);
  mfa_factor_prompt_set_error (self->prompt, NULL);
}

static void
send_code (MfaSignInView *self)
{
  MfaFactor *factor = mfa_factor_prompt_get_factor (self->prompt);

  if (self->busy || self->client == NULL || self->sign_in == NULL || factor == NULL ||
      (mfa_factor_get_phone_number_id (factor) == NULL &&
       g_strcmp0 (mfa_factor_get_strategy (factor), "email_code") != 0))
    return;

  set_busy (self, TRUE);
  restart_cancellable (self);
  mfa_factor_prompt_start_cooldown (self->prompt, MFA_RESEND_COOLDOWN_SECONDS);

  mfa_client_prepare_factor_async (self->client,
                                   mfa_sign_in_get_id (self->sign_in),
                                   factor,
                                   self->cancellable,
                                   prepare_cb,
                                   g_object_ref (self));
}

/* A text message is sent at once, unless one went out moments ago. */
static void
factor_changed_cb (MfaSignInView *self)
{
  if (mfa_factor_prompt_can_send (self->prompt))
    send_code (self);
}

static void
resend_cb (MfaSignInView *self)
{
  send_code (self);
}

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaSignInView) self = user_data;
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  sign_in = mfa_client_attempt_second_factor_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (sign_in == NULL)
    {
      mfa_factor_prompt_show_attempt_error (self->prompt, error,
                                            mfa_client_get_base_url (self->client));
      return;
    }

  handle_sign_in (self, sign_in);
}

static void
submit_cb (MfaSignInView *self,
           const char    *strategy,
           const char    *code)
{
  if (self->busy || self->client == NULL || self->sign_in == NULL)
    return;

  set_busy (self, TRUE);
  restart_cancellable (self);

  mfa_client_attempt_second_factor_async (self->client,
                                          mfa_sign_in_get_id (self->sign_in),
                                          strategy,
                                          code,
                                          self->cancellable,
                                          attempt_cb,
                                          g_object_ref (self));
}

static void
cancel_clicked_cb (MfaSignInView *self)
{
  restart_cancellable (self);
  set_busy (self, FALSE);
  g_clear_object (&self->sign_in);
  gtk_stack_set_visible_child_name (self->stack, "credentials");
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
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

  restart_cancellable (self);
  set_busy (self, FALSE);
  g_clear_object (&self->sign_in);
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
  show_label (self->credentials_error, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_stack_set_visible_child_name (self->stack, "credentials");

  /* This app signs in with a password: an instance without says so. */
  if (self->client != NULL && mfa_client_get_environment (self->client) != NULL &&
      !mfa_environment_get_password (mfa_client_get_environment (self->client)))
    show_label (self->credentials_error,
                _("This service does not let people sign in with a password, which this app needs. Its administrator can switch passwords on in the Clerk Dashboard."));

  if (gtk_editable_get_text (GTK_EDITABLE (self->identifier_row))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->identifier_row));
}

/**
 * mfa_sign_in_view_get_step:
 * @self: a #MfaSignInView
 *
 * Returns: "credentials" or "second-factor"
 */
const char *
mfa_sign_in_view_get_step (MfaSignInView *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

MfaClient *
mfa_sign_in_view_get_client (MfaSignInView *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN_VIEW (self), NULL);

  return self->client;
}

/* Whose account: the service's own name once its environment is in. */
static void
update_service_label (MfaSignInView *self)
{
  g_autofree char *service = NULL;
  g_autofree char *text = NULL;

  if (self->client != NULL)
    {
      service = mfa_client_dup_service_name (self->client);
      /* Translators: %s is the service's name, or its host such as clerk.example.com */
      text = g_strdup_printf (_("to your account on %s"), service);
    }
  gtk_label_set_label (self->host_label, text != NULL ? text : "");
}

void
mfa_sign_in_view_set_client (MfaSignInView *self,
                             MfaClient     *client)
{
  g_return_if_fail (MFA_IS_SIGN_IN_VIEW (self));
  g_return_if_fail (client == NULL || MFA_IS_CLIENT (client));

  if (self->client == client)
    return;

  restart_cancellable (self);
  set_busy (self, FALSE);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, update_service_label, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify::environment", G_CALLBACK (update_service_label),
                             self, G_CONNECT_SWAPPED);
  mfa_factor_prompt_clear_cooldowns (self->prompt);
  update_service_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

MfaClock *
mfa_sign_in_view_get_clock (MfaSignInView *self)
{
  g_return_val_if_fail (MFA_IS_SIGN_IN_VIEW (self), NULL);

  return self->clock;
}

void
mfa_sign_in_view_set_clock (MfaSignInView *self,
                            MfaClock      *clock)
{
  g_return_if_fail (MFA_IS_SIGN_IN_VIEW (self));

  if (self->clock == clock)
    return;

  g_set_object (&self->clock, clock);
  mfa_factor_prompt_set_clock (self->prompt, clock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
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
    case PROP_CLIENT:
      mfa_sign_in_view_set_client (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      mfa_sign_in_view_set_clock (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_sign_in_view_dispose (GObject *object)
{
  MfaSignInView *self = (MfaSignInView *)object;

  g_cancellable_cancel (self->cancellable);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_SIGN_IN_VIEW);

  g_clear_object (&self->sign_in);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_sign_in_view_parent_class)->dispose (object);
}

static void
mfa_sign_in_view_finalize (GObject *object)
{
  MfaSignInView *self = (MfaSignInView *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mfa_sign_in_view_parent_class)->finalize (object);
}

static void
mfa_sign_in_view_class_init (MfaSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_sign_in_view_get_property;
  object_class->set_property = mfa_sign_in_view_set_property;
  object_class->dispose = mfa_sign_in_view_dispose;
  object_class->finalize = mfa_sign_in_view_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, MFA_TYPE_CLOCK,
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

  /**
   * MfaSignInView::add-toast:
   * @toast: the toast to show
   */
  signals[SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

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
  gtk_widget_class_bind_template_callback (widget_class, factor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, resend_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
mfa_sign_in_view_init (MfaSignInView *self)
{
  g_type_ensure (MFA_TYPE_FACTOR_PROMPT);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_width_layout_install_in (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}
