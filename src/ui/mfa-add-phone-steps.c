/* mfa-add-phone-steps.c
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

/* Step 1: the number */

void
_mfa_add_phone_view_set_number_error (MfaAddPhoneView *self,
                                      const char      *message)
{
  _mfa_add_phone_view_set_label_message (self->number_error_label, message);
  mfa_phone_entry_row_set_show_error (self->phone_entry, message != NULL);
}

/* Focus without selecting: typing goes on where the number ends. */
void
_mfa_add_phone_view_focus_number (MfaAddPhoneView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->phone_entry));
}

/* The message was about the old number or country; a rate limit still
 * holds. */
void
_mfa_add_phone_view_number_changed_cb (MfaAddPhoneView *self)
{
  if (mfa_cooldown_remaining_ms (self->cooldown, WAIT_NUMBER) == 0)
    _mfa_add_phone_view_set_number_error (self, NULL);
}

void
_mfa_add_phone_view_number_activated_cb (MfaAddPhoneView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "add-phone.continue", NULL);
}

/* The rate-limit message under the number, counting down. */
static void
show_number_wait (MfaAddPhoneView *self)
{
  gint64 remaining_ms = mfa_cooldown_remaining_ms (self->cooldown, WAIT_NUMBER);
  g_autofree char *message = NULL;

  if (remaining_ms == 0)
    {
      _mfa_add_phone_view_set_number_error (self, NULL);
      _mfa_add_phone_view_update_actions (self);
      return;
    }

  message = mfa_error_format_retry (_mfa_add_phone_view_seconds_left (remaining_ms));
  _mfa_add_phone_view_update_label_message (self->number_error_label, message);
}

static void
start_number_retry (MfaAddPhoneView *self,
                    gint64           delay_ms)
{
  mfa_cooldown_start (self->cooldown, WAIT_NUMBER, delay_ms);
  show_number_wait (self);
  _mfa_add_phone_view_update_actions (self);
}

/* A refused number: the message belongs next to it. */
void
_mfa_add_phone_view_show_create_error (MfaAddPhoneView *self,
                                       const GError    *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
    {
      _mfa_add_phone_view_set_number_error (self, NULL);
      start_number_retry (self, _mfa_add_phone_view_retry_delay_ms (error, 30 * 1000));
      _mfa_add_phone_view_set_label_details (self->number_error_label, error);
      return;
    }

  message = mfa_error_describe (error, MFA_ERROR_CONTEXT_ADD_NUMBER,
                                mfa_client_get_base_url (self->client), NULL);
  _mfa_add_phone_view_set_number_error (self, message);
  _mfa_add_phone_view_set_label_details (self->number_error_label, error);
  _mfa_add_phone_view_focus_number (self);
}

/* Step 2 and 3: the code */

void
_mfa_add_phone_view_cooldown_changed_cb (MfaAddPhoneView *self,
                                         const char      *key)
{
  if (g_str_equal (key, WAIT_NUMBER))
    show_number_wait (self);
}

/* Binding transforms */

gboolean
_mfa_add_phone_view_expires_in_to_text (GBinding     *binding,
                                        const GValue *from,
                                        GValue       *to,
                                        gpointer      user_data)
{
  MfaAddPhoneView *self = user_data;
  int remaining = g_value_get_int (from);

  if (remaining > 60)
    {
      int minutes = (remaining + 59) / 60;

      g_value_take_string (to, g_strdup_printf (ngettext ("The code expires in %d minute",
                                                          "The code expires in %d minutes",
                                                          minutes),
                                                minutes));
    }
  else if (remaining > 0)
    g_value_take_string (to, g_strdup_printf (ngettext ("The code expires in %d second",
                                                        "The code expires in %d seconds",
                                                        remaining),
                                              remaining));
  else if (self->phone != NULL &&
           mfa_phone_number_get_verification_status (self->phone) == MFA_VERIFICATION_STATUS_FAILED)
    g_value_set_string (to, _("The code no longer works. Send a new one."));
  else
    g_value_set_string (to, _("The code has expired. Send a new one."));

  return TRUE;
}

gboolean
_mfa_add_phone_view_expires_in_to_visible (GBinding     *binding,
                                           const GValue *from,
                                           GValue       *to,
                                           gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_int (from) >= 0);
  return TRUE;
}

/* Steps 2 and 3: the code, through the number's verification */

void
_mfa_add_phone_view_error_changed_cb (MfaAddPhoneView *self)
{
  _mfa_add_phone_view_set_label_details (self->code_error_label, mfa_verification_get_error (self->verification));
}

/* A refused code is marked; typing replaces it. */
void
_mfa_add_phone_view_input_invalid_changed_cb (MfaAddPhoneView *self)
{
  gboolean invalid = mfa_verification_get_input_invalid (self->verification);
  GtkEditable *editable = mfa_code_entry_get_editable (self->code_entry);

  mfa_code_entry_set_error (self->code_entry, invalid);
  if (invalid)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      gtk_editable_select_region (editable, 0, -1);
    }
}

/* A request of the verification ended: the step it leads to. */
void
_mfa_add_phone_view_verification_busy_cb (MfaAddPhoneView *self)
{
  Busy busy = self->busy;
  guint sent = mfa_verification_get_codes_sent (self->verification);
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;

  if (mfa_verification_get_busy (self->verification) || busy == BUSY_NONE)
    return;

  _mfa_add_phone_view_set_busy (self, BUSY_NONE);

  if (mfa_verification_get_stage (self->verification) == MFA_VERIFICATION_STAGE_COMPLETE)
    return;

  if (busy == BUSY_CONTINUE)
    _mfa_add_phone_view_show_code_step (self);

  if (sent > self->codes_sent)
    mfa_code_entry_clear (self->code_entry);

  if (busy == BUSY_RESEND && sent > self->codes_sent)
    {
      number = _mfa_add_phone_view_dup_display_number (self);
      /* Translators: %s is a phone number */
      title = g_strdup_printf (_("A new code was sent to %s"), number);
      _mfa_add_phone_view_emit_toast (self, title);
    }
  self->codes_sent = sent;
}

void
_mfa_add_phone_view_stage_changed_cb (MfaAddPhoneView *self)
{
  if (mfa_verification_get_stage (self->verification) == MFA_VERIFICATION_STAGE_COMPLETE)
    {
      _mfa_add_phone_view_set_busy (self, BUSY_NONE);
      _mfa_add_phone_view_show_done_step (self);
    }
}

/* Asks the verification, busy with @busy meanwhile. */
void
_mfa_add_phone_view_run_verification (MfaAddPhoneView *self,
                                      Busy             busy,
                                      void           (*request) (MfaVerification *))
{
  _mfa_add_phone_view_set_busy (self, busy);
  request (self->verification);
  if (!mfa_verification_get_busy (self->verification))
    _mfa_add_phone_view_verification_busy_cb (self);
}

void
_mfa_add_phone_view_set_phone (MfaAddPhoneView *self,
                               MfaPhoneNumber  *phone)
{
  if (self->phone == phone && (phone == NULL || self->verification != NULL))
    return;

  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);
  g_clear_object (&self->verification);
  g_set_object (&self->phone, phone);
  self->codes_sent = 0;

  if (phone != NULL && self->client != NULL)
    self->verification = mfa_verification_new_phone (self->client, self->clock, self->cooldown, phone);

  g_signal_group_set_target (self->signals, self->verification);
  g_binding_group_set_source (self->bindings, self->verification);
  mfa_code_entry_set_error (self->code_entry, FALSE);
  _mfa_add_phone_view_update_actions (self);
}

void
_mfa_add_phone_view_show_code_step (MfaAddPhoneView *self)
{
  g_autofree char *number = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_assert (self->phone != NULL);

  number = _mfa_add_phone_view_dup_display_number (self);
  escaped = g_markup_escape_text (number, -1);
  /* Translators: %s is a phone number */
  description = g_strdup_printf (_("Enter the code sent to %s."), escaped);
  adw_status_page_set_description (self->code_page, description);

  gtk_stack_set_visible_child_name (self->stack, "code");
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

void
_mfa_add_phone_view_show_done_step (MfaAddPhoneView *self)
{
  g_autofree char *number = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  number = _mfa_add_phone_view_dup_display_number (self);
  escaped = g_markup_escape_text (number, -1);
  /* Translators: %s is a phone number */
  description = g_strdup_printf (_("%s is verified. Use it to receive sign-in codes for "
                                   "two-step verification?"),
                                 escaped);
  adw_status_page_set_description (self->done_page, description);
  _mfa_add_phone_view_set_label_message (self->done_error_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->use_button),
                          !mfa_phone_number_get_reserved (self->phone));

  gtk_stack_set_visible_child_name (self->stack, "done");
  _mfa_add_phone_view_update_actions (self);

  if (gtk_widget_get_visible (GTK_WIDGET (self->use_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->use_button));
}

void
_mfa_add_phone_view_verify_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);

  if (self->busy != BUSY_NONE || self->verification == NULL ||
      !mfa_code_entry_is_complete (self->code_entry))
    return;

  _mfa_add_phone_view_set_busy (self, BUSY_VERIFY);
  mfa_verification_attempt (self->verification, mfa_code_entry_get_code (self->code_entry));
  if (!mfa_verification_get_busy (self->verification))
    _mfa_add_phone_view_verification_busy_cb (self);
}

void
_mfa_add_phone_view_code_complete_cb (MfaAddPhoneView *self)
{
  _mfa_add_phone_view_update_actions (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "add-phone.verify", NULL);
}

void
_mfa_add_phone_view_code_changed_cb (MfaAddPhoneView *self)
{
  if (self->verification != NULL && self->busy == BUSY_NONE)
    mfa_verification_clear_message (self->verification);
  _mfa_add_phone_view_update_actions (self);
}

void
_mfa_add_phone_view_code_activated_cb (MfaAddPhoneView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "add-phone.verify", NULL);
}

void
_mfa_add_phone_view_resend_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);

  if (self->busy != BUSY_NONE || self->verification == NULL ||
      !mfa_verification_get_can_resend (self->verification))
    return;

  _mfa_add_phone_view_run_verification (self, BUSY_RESEND, mfa_verification_resend);
}

void
_mfa_add_phone_view_change_number_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);

  if (self->busy != BUSY_NONE)
    return;

  _mfa_add_phone_view_set_phone (self, NULL);
  mfa_code_entry_clear (self->code_entry);

  gtk_stack_set_visible_child_name (self->stack, "number");
  _mfa_add_phone_view_update_actions (self);
  _mfa_add_phone_view_focus_number (self);
}

/* Step 5: done */

static void
show_reserve_error (MfaAddPhoneView *self,
                    const GError    *error)
{
  g_autofree char *message = NULL;

  message = mfa_error_describe (error, MFA_ERROR_CONTEXT_CHANGE, mfa_client_get_base_url (self->client), NULL);

  _mfa_add_phone_view_set_label_message (self->done_error_label, message);
  _mfa_add_phone_view_set_label_details (self->done_error_label, error);
}

static void
reserve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaAddPhoneView) self = user_data;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;

  phone = mfa_client_set_phone_reserved_finish (MFA_CLIENT (object), result, &codes, &error);
  if (_mfa_add_phone_view_is_cancelled (error))
    return;

  _mfa_add_phone_view_set_busy (self, BUSY_NONE);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->use_button)))
        gtk_widget_grab_focus (GTK_WIDGET (self->use_button));
      return;
    }

  if (error != NULL)
    {
      show_reserve_error (self, error);
      return;
    }

  /* The first method turned on brings the backup codes; they are shown
   * elsewhere, so keep them for whoever handles ::done. */
  g_set_object (&self->backup_codes, codes);

  number = _mfa_add_phone_view_dup_display_number (self);
  /* Translators: %s is a phone number */
  title = g_strdup_printf (_("%s now receives sign-in codes"), number);
  _mfa_add_phone_view_emit_toast (self, title);

  g_signal_emit (self, _mfa_add_phone_view_signals[SIGNAL_DONE], 0);
}

void
_mfa_add_phone_view_use_for_mfa_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);

  if (self->busy != BUSY_NONE || self->phone == NULL)
    return;

  _mfa_add_phone_view_set_label_message (self->done_error_label, NULL);
  _mfa_add_phone_view_set_busy (self, BUSY_RESERVE);
  mfa_client_set_phone_reserved_async (self->client,
                                       mfa_phone_number_get_id (self->phone),
                                       TRUE,
                                       self->cancellable,
                                       reserve_cb,
                                       g_object_ref (self));
}

void
_mfa_add_phone_view_finish_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaAddPhoneView *self = MFA_ADD_PHONE_VIEW (widget);

  if (self->busy != BUSY_NONE)
    return;

  g_signal_emit (self, _mfa_add_phone_view_signals[SIGNAL_DONE], 0);
}

