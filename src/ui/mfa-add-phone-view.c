/* mfa-add-phone-view.c
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

#define G_LOG_DOMAIN "mfa-add-phone-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-add-phone-view-private.h"
#include "mfa-narrow.h"
#include "mfa-transforms.h"

G_DEFINE_FINAL_TYPE (MfaAddPhoneView, mfa_add_phone_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _mfa_add_phone_view_signals[N_SIGNALS];

GtkWidget *
mfa_add_phone_view_new (void)
{
  return g_object_new (MFA_TYPE_ADD_PHONE_VIEW, NULL);
}

/* Helpers */

gboolean
_mfa_add_phone_view_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

void
_mfa_add_phone_view_emit_toast (MfaAddPhoneView *self,
                                const char      *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  mfa_toast_show (GTK_WIDGET (self), toast);
}

/* Offers the details of @error next to @label, or nothing for %NULL. */
void
_mfa_add_phone_view_set_label_details (GtkLabel     *label,
                                       const GError *error)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (label), DETAILS_BUTTON_KEY);

  if (button != NULL)
    mfa_error_details_button_set_error (button, error);
}

/* A countdown rewrites its message; the details stay. */
void
_mfa_add_phone_view_update_label_message (GtkLabel   *label,
                                          const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* A new message: whatever details were offered were about the old one. */
void
_mfa_add_phone_view_set_label_message (GtkLabel   *label,
                                       const char *message)
{
  _mfa_add_phone_view_update_label_message (label, message);
  _mfa_add_phone_view_set_label_details (label, NULL);
}

/* Whole seconds still to wait, rounded up, as a countdown reads. */
int
_mfa_add_phone_view_seconds_left (gint64 remaining_ms)
{
  return (int) MIN ((remaining_ms + 999) / 1000, G_MAXINT);
}

/* The number as people read it, kept left to right in right-to-left text. */
char *
_mfa_add_phone_view_dup_display_number (MfaAddPhoneView *self)
{
  MfaPhoneDisplayFlags flags = MFA_PHONE_DISPLAY_DEFAULT;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    flags |= MFA_PHONE_DISPLAY_ISOLATE;

  return mfa_phone_display_for (self->phone, flags);
}

/* What a request may wait on: the answer's Retry-After, else @fallback. */
gint64
_mfa_add_phone_view_retry_delay_ms (const GError *error,
                                    gint64        fallback_ms)
{
  gint64 seconds = mfa_client_error_get_retry_after (error);

  if (seconds < 0)
    return fallback_ms;
  return MAX (1, seconds) * 1000;
}

/* Actions and busy state */

void
_mfa_add_phone_view_update_actions (MfaAddPhoneView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = self->busy == BUSY_NONE;
  gboolean has_phone = self->phone != NULL;

  gtk_widget_action_set_enabled (widget, "add-phone.continue",
                                 idle && mfa_phone_entry_row_is_loaded (self->phone_entry) &&
                                 self->client != NULL &&
                                 mfa_cooldown_remaining_ms (self->cooldown, WAIT_NUMBER) == 0);
  gtk_widget_action_set_enabled (widget, "add-phone.verify",
                                 idle && self->verification != NULL &&
                                 mfa_verification_get_retry_seconds (self->verification) == 0 &&
                                 mfa_code_entry_is_complete (self->code_entry));
  gtk_widget_action_set_enabled (widget, "add-phone.resend",
                                 idle && self->verification != NULL &&
                                 mfa_verification_get_can_resend (self->verification));
  gtk_widget_action_set_enabled (widget, "add-phone.change-number", idle);
  gtk_widget_action_set_enabled (widget, "add-phone.use-for-mfa", idle && has_phone);
  gtk_widget_action_set_enabled (widget, "add-phone.finish", idle);
}

static void
show_spinner (GtkSpinner *spinner,
              gboolean    busy)
{
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
}

void
_mfa_add_phone_view_set_busy (MfaAddPhoneView *self,
                              Busy             busy)
{
  self->busy = busy;

  show_spinner (self->continue_spinner, busy == BUSY_CONTINUE);
  show_spinner (self->verify_spinner, busy == BUSY_VERIFY);
  show_spinner (self->resend_spinner, busy == BUSY_RESEND || busy == BUSY_SEND);
  show_spinner (self->use_spinner, busy == BUSY_RESERVE);
  mfa_phone_entry_row_set_editable (self->phone_entry, busy == BUSY_NONE);
  gtk_editable_set_editable (mfa_code_entry_get_editable (self->code_entry), busy == BUSY_NONE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_BUSY, busy != BUSY_NONE,
                               -1);

  _mfa_add_phone_view_update_actions (self);
}

/* Cancels whatever runs and forgets its result. */
static void
reset_requests (MfaAddPhoneView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  _mfa_add_phone_view_set_busy (self, BUSY_NONE);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfaAddPhoneView) self = user_data;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;

  phone = mfa_client_create_phone_number_finish (MFA_CLIENT (object), result, &error);
  if (_mfa_add_phone_view_is_cancelled (error))
    return;

  /* Not confirmed that it was them: the number stays as typed. */
  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    {
      _mfa_add_phone_view_set_busy (self, BUSY_NONE);
      _mfa_add_phone_view_focus_number (self);
      return;
    }

  if (error != NULL)
    {
      _mfa_add_phone_view_set_busy (self, BUSY_NONE);
      _mfa_add_phone_view_show_create_error (self, error);
      return;
    }

  _mfa_add_phone_view_set_phone (self, phone);
  mfa_code_entry_clear (self->code_entry);
  _mfa_add_phone_view_set_busy (self, BUSY_NONE);
  _mfa_add_phone_view_run_verification (self, BUSY_CONTINUE, mfa_verification_start);
}

/* The number typed, if it belongs to the user already. */
static MfaPhoneNumber *
find_own_phone (MfaAddPhoneView *self,
                const char      *e164)
{
  MfaUser *user = mfa_client_get_user (self->client);
  GListModel *phones;

  if (user == NULL)
    return NULL;

  phones = mfa_user_get_phone_numbers (user);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return phone;
    }

  return NULL;
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);
  g_autofree char *e164 = NULL;
  MfaPhoneNumber *own;

  if (self->busy != BUSY_NONE)
    return;

  /* The number checked is the one shown. */
  mfa_phone_entry_row_format_now (self->phone_entry);
  if (mfa_phone_entry_row_get_status (self->phone_entry) != MFA_PHONE_OK)
    {
      _mfa_add_phone_view_set_number_error (self, mfa_phone_entry_row_get_error (self->phone_entry));
      _mfa_add_phone_view_focus_number (self);
      return;
    }

  e164 = g_strdup (mfa_phone_entry_row_get_e164 (self->phone_entry));

  own = find_own_phone (self, e164);
  if (own != NULL && mfa_phone_number_is_verified (own))
    {
      _mfa_add_phone_view_set_number_error (self, _("This number is already on your account."));
      _mfa_add_phone_view_focus_number (self);
      return;
    }
  if (own != NULL)
    {
      /* Added before but never verified: carry on with the code. */
      mfa_add_phone_view_resume (self, own);
      return;
    }

  _mfa_add_phone_view_set_number_error (self, NULL);
  _mfa_add_phone_view_set_busy (self, BUSY_CONTINUE);
  mfa_client_create_phone_number_async (self->client, e164, self->cancellable,
                                        create_cb, g_object_ref (self));
}

/* Loading */

static void
ensure_loaded (MfaAddPhoneView *self)
{
  g_autoptr(GError) error = NULL;

  if (mfa_phone_entry_row_is_loaded (self->phone_entry) || self->load_error != NULL)
    return;

  if (!mfa_phone_entry_row_load (self->phone_entry, &error))
    {
      g_warning ("Phone numbers cannot be checked: %s", error->message);
      self->load_error = g_strdup (error->message);
      _mfa_add_phone_view_set_number_error (self, self->load_error);
    }

  _mfa_add_phone_view_update_actions (self);
}

/* Public API */

/**
 * mfa_add_phone_view_start:
 * @self: a #MfaAddPhoneView
 *
 * Shows the number step, empty. The first call loads the phone number
 * helper and the country list. Requests still running are cancelled;
 * resend cooldowns are kept.
 */
void
mfa_add_phone_view_start (MfaAddPhoneView *self)
{
  g_return_if_fail (MFA_IS_ADD_PHONE_VIEW (self));

  reset_requests (self);
  ensure_loaded (self);

  _mfa_add_phone_view_set_phone (self, NULL);
  g_clear_object (&self->backup_codes);

  mfa_phone_entry_row_set_text (self->phone_entry, "");
  if (mfa_cooldown_remaining_ms (self->cooldown, WAIT_NUMBER) == 0)
    _mfa_add_phone_view_set_number_error (self, self->load_error);

  mfa_code_entry_clear (self->code_entry);

  gtk_stack_set_visible_child_name (self->stack, "number");
  _mfa_add_phone_view_update_actions (self);
  _mfa_add_phone_view_focus_number (self);
}

/**
 * mfa_add_phone_view_resume:
 * @self: a #MfaAddPhoneView
 * @phone: an unverified phone number of the user
 *
 * Shows the code step for @phone. When no code is waiting to be entered
 * (none sent, expired, failed) and none was sent within the cooldown, a
 * new one is sent.
 */
void
mfa_add_phone_view_resume (MfaAddPhoneView *self,
                           MfaPhoneNumber  *phone)
{
  g_return_if_fail (MFA_IS_ADD_PHONE_VIEW (self));
  g_return_if_fail (MFA_IS_PHONE_NUMBER (phone));

  reset_requests (self);
  ensure_loaded (self);
  g_clear_object (&self->backup_codes);

  _mfa_add_phone_view_set_phone (self, phone);
  mfa_code_entry_clear (self->code_entry);

  if (mfa_phone_number_is_verified (phone))
    {
      _mfa_add_phone_view_show_done_step (self);
      return;
    }

  _mfa_add_phone_view_show_code_step (self);
  if (self->verification != NULL)
    _mfa_add_phone_view_run_verification (self, BUSY_SEND, mfa_verification_start);
}

/**
 * mfa_add_phone_view_get_phone:
 * @self: a #MfaAddPhoneView
 *
 * Returns: (transfer none) (nullable): the phone being verified
 */
MfaPhoneNumber *
mfa_add_phone_view_get_phone (MfaAddPhoneView *self)
{
  g_return_val_if_fail (MFA_IS_ADD_PHONE_VIEW (self), NULL);

  return self->phone;
}

/**
 * mfa_add_phone_view_get_backup_codes:
 * @self: a #MfaAddPhoneView
 *
 * The backup codes the server handed out when *Use for Sign-In Codes* turned
 * two-step verification on for the first time, for the handler of
 * #MfaAddPhoneView::done to show.
 *
 * Returns: (transfer none) (nullable): the codes, or %NULL
 */
MfaBackupCodes *
mfa_add_phone_view_get_backup_codes (MfaAddPhoneView *self)
{
  g_return_val_if_fail (MFA_IS_ADD_PHONE_VIEW (self), NULL);

  return self->backup_codes;
}

static void
set_client (MfaAddPhoneView *self,
            MfaClient       *client)
{
  g_return_if_fail (MFA_IS_ADD_PHONE_VIEW (self));
  g_return_if_fail (client == NULL || MFA_IS_CLIENT (client));

  if (self->client == client)
    return;

  reset_requests (self);
  g_set_object (&self->client, client);
  _mfa_add_phone_view_set_phone (self, NULL);
  _mfa_add_phone_view_update_actions (self);
}

/*
 * set_clock:
 * @self: a #MfaAddPhoneView
 * @clock: (nullable): a clock, or %NULL for the app's
 *
 * Running countdowns move to @clock, keeping their deadlines.
 */
static void
set_clock (MfaAddPhoneView *self,
           MfaClock        *clock)
{
  g_return_if_fail (MFA_IS_ADD_PHONE_VIEW (self));
  g_return_if_fail (clock == NULL || MFA_IS_CLOCK (clock));

  if (clock == NULL)
    clock = mfa_clock_get_default ();
  if (self->clock == clock)
    return;

  g_set_object (&self->clock, clock);
  mfa_cooldown_set_clock (self->cooldown, self->clock);

  _mfa_add_phone_view_update_actions (self);
}

/**
 * mfa_add_phone_view_get_account:
 * @self: a #MfaAddPhoneView
 *
 * Returns: (transfer none) (nullable): the account shown
 */
MfaAccount *
mfa_add_phone_view_get_account (MfaAddPhoneView *self)
{
  g_return_val_if_fail (MFA_IS_ADD_PHONE_VIEW (self), NULL);

  return self->account;
}

/**
 * mfa_add_phone_view_set_account:
 * @self: a #MfaAddPhoneView
 * @account: (nullable): the account to show
 *
 * The view works with @account's client and counts down on its clock.
 */
void
mfa_add_phone_view_set_account (MfaAddPhoneView *self,
                                MfaAccount      *account)
{
  g_return_if_fail (MFA_IS_ADD_PHONE_VIEW (self));
  g_return_if_fail (account == NULL || MFA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  set_clock (self, account != NULL ? mfa_account_get_clock (account) : NULL);
  set_client (self, account != NULL ? mfa_account_get_client (account) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* GObject */

/* The window is going away: nothing asked for may land on it, and a
 * step-up dialog still open over it closes.
 */
static void
mfa_add_phone_view_unroot (GtkWidget *widget)
{
  reset_requests (MFA_ADD_PHONE_VIEW (widget));

  GTK_WIDGET_CLASS (mfa_add_phone_view_parent_class)->unroot (widget);
}

static void
mfa_add_phone_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (object);

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
mfa_add_phone_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      mfa_add_phone_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_add_phone_view_dispose (GObject *object)
{
  MfaAddPhoneView *self = (MfaAddPhoneView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->bindings);
  g_clear_object (&self->verification);
  g_clear_object (&self->cooldown);
  g_clear_object (&self->clock);
  g_clear_object (&self->phone);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->backup_codes);

  /* The stack is both AdwBin's child and a template child: let AdwBin
   * drop it first, or both would unparent it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_ADD_PHONE_VIEW);

  G_OBJECT_CLASS (mfa_add_phone_view_parent_class)->dispose (object);
}

static void
mfa_add_phone_view_finalize (GObject *object)
{
  MfaAddPhoneView *self = (MfaAddPhoneView *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->load_error, g_free);

  G_OBJECT_CLASS (mfa_add_phone_view_parent_class)->finalize (object);
}

static void
mfa_add_phone_view_class_init (MfaAddPhoneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_add_phone_view_get_property;
  object_class->set_property = mfa_add_phone_view_set_property;
  object_class->dispose = mfa_add_phone_view_dispose;
  object_class->finalize = mfa_add_phone_view_finalize;

  widget_class->unroot = mfa_add_phone_view_unroot;

  /**
   * MfaAddPhoneView:account:
   *
   * The account shown: its client, clock and state.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MFA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);


  /**
   * MfaAddPhoneView::done:
   * @self: the view
   *
   * The person is finished here: the number was reserved, or they chose
   * to go back to the settings.
   */
  _mfa_add_phone_view_signals[SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "add-phone.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "add-phone.verify", NULL, _mfa_add_phone_view_verify_action);
  gtk_widget_class_install_action (widget_class, "add-phone.resend", NULL, _mfa_add_phone_view_resend_action);
  gtk_widget_class_install_action (widget_class, "add-phone.change-number", NULL,
                                   _mfa_add_phone_view_change_number_action);
  gtk_widget_class_install_action (widget_class, "add-phone.use-for-mfa", NULL,
                                   _mfa_add_phone_view_use_for_mfa_action);
  gtk_widget_class_install_action (widget_class, "add-phone.finish", NULL, _mfa_add_phone_view_finish_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-add-phone-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, code_page);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, done_page);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, number_error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, continue_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, code_error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, resend_button);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, resend_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, resend_label);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, done_error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, use_button);
  gtk_widget_class_bind_template_child (widget_class, MfaAddPhoneView, use_spinner);
  gtk_widget_class_bind_template_callback_full (widget_class, "number_changed_cb",
                                                G_CALLBACK (_mfa_add_phone_view_number_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "number_activated_cb",
                                                G_CALLBACK (_mfa_add_phone_view_number_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "code_complete_cb",
                                                G_CALLBACK (_mfa_add_phone_view_code_complete_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "code_changed_cb",
                                                G_CALLBACK (_mfa_add_phone_view_code_changed_cb));
}

/* Puts a Copy Details button just below @label, in the same box. */
static void
add_details_button (GtkLabel *label,
                    GtkAlign  halign)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (label));
  GtkWidget *button = mfa_error_details_button_new ();

  g_assert (GTK_IS_BOX (box));

  gtk_widget_set_halign (button, halign);
  gtk_box_insert_child_after (GTK_BOX (box), button, GTK_WIDGET (label));
  g_object_set_data (G_OBJECT (label), DETAILS_BUTTON_KEY, button);
}

static void
mfa_add_phone_view_init (MfaAddPhoneView *self)
{
  g_type_ensure (MFA_TYPE_CODE_ENTRY);
  g_type_ensure (MFA_TYPE_PHONE_ENTRY_ROW);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  self->clock = g_object_ref (mfa_clock_get_default ());
  self->cancellable = g_cancellable_new ();
  self->cooldown = mfa_cooldown_new (self->clock);
  g_signal_connect_swapped (self->cooldown, "changed", G_CALLBACK (_mfa_add_phone_view_cooldown_changed_cb), self);

  g_signal_connect_object (mfa_code_entry_get_editable (self->code_entry), "activate",
                           G_CALLBACK (_mfa_add_phone_view_code_activated_cb), self, G_CONNECT_SWAPPED);

  add_details_button (self->number_error_label, GTK_ALIGN_START);
  add_details_button (self->code_error_label, GTK_ALIGN_CENTER);
  add_details_button (self->done_error_label, GTK_ALIGN_CENTER);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "message", self->code_error_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_label, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "message", self->code_error_label, "visible",
                             G_BINDING_SYNC_CREATE, mfa_transform_text_to_visible, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "expires-in", self->expiry_label, "label",
                             G_BINDING_SYNC_CREATE, _mfa_add_phone_view_expires_in_to_text, NULL, self, NULL);
  g_binding_group_bind_full (self->bindings, "expires-in", self->expiry_label, "visible",
                             G_BINDING_SYNC_CREATE, _mfa_add_phone_view_expires_in_to_visible, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "resend-seconds", self->resend_label, "label",
                             G_BINDING_SYNC_CREATE, mfa_transform_seconds_to_resend_label, NULL, NULL, NULL);

  self->signals = g_signal_group_new (MFA_TYPE_VERIFICATION);
  g_signal_group_connect_swapped (self->signals, "notify::busy", G_CALLBACK (_mfa_add_phone_view_verification_busy_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::stage", G_CALLBACK (_mfa_add_phone_view_stage_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::error", G_CALLBACK (_mfa_add_phone_view_error_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::input-invalid",
                                  G_CALLBACK (_mfa_add_phone_view_input_invalid_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::can-resend", G_CALLBACK (_mfa_add_phone_view_update_actions), self);
  g_signal_group_connect_swapped (self->signals, "notify::retry-seconds", G_CALLBACK (_mfa_add_phone_view_update_actions), self);

  _mfa_add_phone_view_update_actions (self);
}

