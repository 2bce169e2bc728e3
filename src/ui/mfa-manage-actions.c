/* mfa-manage-actions.c
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

#define G_LOG_DOMAIN "mfa-manage-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-manage-view-private.h"
#include "mfa-compat.h"
#include "mfa-error-toast.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-tooltip.h"

/* What a person asks of the numbers page: make a number the default, use
 * it or stop using it for sign-in codes, remove it, new backup codes;
 * each with its confirmation, busy state, wait and outcome.
 */

static void start_request (MfaManageView *self,
                           const char    *phone_id,
                           MfaChange      change);

/* What a toast's button, a confirmation or an answer acts on. */
typedef struct
{
  GWeakRef        view;
  char           *phone_id;  /* NULL for the backup codes */
  MfaChange       change;
} Target;

static Target *
target_new (MfaManageView *self,
            const char    *phone_id,
            MfaChange      change)
{
  Target *target = g_new0 (Target, 1);

  g_weak_ref_init (&target->view, self);
  target->phone_id = g_strdup (phone_id);
  target->change = change;

  return target;
}

static void
target_free (Target *target)
{
  g_weak_ref_clear (&target->view);
  g_free (target->phone_id);
  g_free (target);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Target, target_free)

static void
target_closure_free (gpointer  data,
                     GClosure *closure)
{
  target_free (data);
}

static void
dialog_response_cb (GtkWidget        *dialog,
                    const char       *response,
                    Target           *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);
  MfaPhoneRow *row;

  if (self == NULL)
    return;

  _mfa_manage_view_forget_dialog (self);

  if (g_str_equal (response, "remove"))
    start_request (self, target->phone_id, MFA_CHANGE_REMOVE);

  /* Back to where the person was, as long as the row is still shown. */
  if ((row = _mfa_manage_view_find_row (self, target->phone_id)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
confirm_remove (MfaManageView  *self,
                MfaPhoneNumber *phone)
{
  g_autofree char *display = mfa_phone_display_for (phone, _mfa_manage_view_display_flags (self));
  const char *body;
  GtkWidget *dialog;

  if (self->dialog != NULL)
    return;

  switch (mfa_phone_number_get_list (phone))
    {
    case MFA_PHONE_LIST_RESERVED:
      body = _("Sign-in codes will no longer be sent to this number. "
               "To use it again, you will have to add and verify it again.");
      break;

    case MFA_PHONE_LIST_VERIFIED:
      body = _("You will no longer be able to sign in with this number. "
               "To use it again, you will have to add and verify it again.");
      break;

    case MFA_PHONE_LIST_UNVERIFIED:
      body = _("The number was never verified. You can add it again at any time.");
      break;

    default:
      g_assert_not_reached ();
    }

  dialog = mfa_alert_new (NULL, body);
  /* Translators: %s is a phone number */
  mfa_alert_format_heading (dialog, _("Remove %s?"), display);
  mfa_alert_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", C_("remove a phone number", "_Remove"),
                                    NULL);
  mfa_alert_set_response_appearance (dialog,
                                              "remove", ADW_RESPONSE_DESTRUCTIVE);
  mfa_alert_set_default_response (dialog, "cancel");
  mfa_alert_set_close_response (dialog, "cancel");

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (dialog_response_cb),
                         target_new (self, mfa_phone_number_get_id (phone), MFA_CHANGE_REMOVE),
                         target_closure_free, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  mfa_alert_present (dialog, GTK_WIDGET (self));
}

/* The phone of the user shown live, or NULL: nothing is changed offline
 * or on a number no longer there.
 */
static MfaPhoneNumber *
lookup_phone (MfaManageView *self,
              GVariant      *parameter)
{
  if (self->offline_user != NULL || self->user == NULL || parameter == NULL)
    return NULL;

  return mfa_user_find_phone_number (self->user, g_variant_get_string (parameter, NULL));
}

void
_mfa_manage_view_make_default_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_RESERVED &&
      !mfa_phone_number_get_default (phone))
    start_request (self, mfa_phone_number_get_id (phone), MFA_CHANGE_MAKE_DEFAULT);
}

void
_mfa_manage_view_reserve_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_VERIFIED)
    start_request (self, mfa_phone_number_get_id (phone), MFA_CHANGE_RESERVE);
}

void
_mfa_manage_view_unreserve_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_RESERVED)
    start_request (self, mfa_phone_number_get_id (phone), MFA_CHANGE_UNRESERVE);
}

void
_mfa_manage_view_verify_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_UNVERIFIED)
    g_signal_emit (self, _mfa_manage_view_signals[SIGNAL_VERIFY_PHONE], 0, phone);
}

void
_mfa_manage_view_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && !mfa_phone_number_get_busy (phone))
    confirm_remove (self, phone);
}

/* Actions */

/* Undo, or Retry: the same request again, on what the view shows now. */
static void
toast_button_cb (AdwToast *toast,
                 Target   *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);

  if (self != NULL)
    start_request (self, target->phone_id, target->change);
}

static void
set_toast_request (AdwToast      *toast,
                   MfaManageView *self,
                   const char    *label,
                   const char    *phone_id,
                   MfaChange      change)
{
  adw_toast_set_button_label (toast, label);
  g_signal_connect_data (toast, "button-clicked",
                         G_CALLBACK (toast_button_cb),
                         target_new (self, phone_id, change),
                         target_closure_free, 0);
}

/* What a toast shows in full; anything longer is the message at the top
 * of the lists, which wraps.
 */
#define TOAST_MAX_CHARS 60

gboolean
_mfa_manage_view_fits_toast (const char *text)
{
  return text == NULL || g_utf8_strlen (text, -1) <= TOAST_MAX_CHARS;
}

/* The button went away under the focus: on to the row the message was
 * about, else to Add.
 */
void
_mfa_manage_view_message_close_clicked_cb (MfaManageView *self)
{
  const char *phone_id = mfa_changes_get_message_phone_id (self->changes);
  MfaPhoneRow *row = phone_id != NULL ? _mfa_manage_view_find_row (self, phone_id) : NULL;

  mfa_changes_dismiss_message (self->changes);
  if (row == NULL || !gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

void
_mfa_manage_view_message_retry_clicked_cb (MfaManageView *self)
{
  g_autofree char *phone_id = g_strdup (mfa_changes_get_message_phone_id (self->changes));
  MfaChange change = mfa_changes_get_message_change (self->changes);

  _mfa_manage_view_message_close_clicked_cb (self);
  if (change == MFA_CHANGE_RELOAD)
    mfa_manage_view_reload (self);
  else
    start_request (self, phone_id, change);
}

/* A message short enough for a toast is one, with one button: Retry
 * when the service could not be reached, else Copy Details for an answer
 * of the service. A longer one is shown above the lists, bound to
 * MfaChanges:message.
 */
static void
show_error (MfaManageView *self,
            Target        *target,
            const GError  *error)
{
  const char *text = mfa_changes_get_message (self->changes);
  g_autoptr(AdwToast) toast = NULL;

  if (text == NULL || !_mfa_manage_view_fits_toast (text))
    return;

  if (mfa_changes_get_message_can_retry (self->changes))
    {
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Retry"), target->phone_id, target->change);
    }
  else
    {
      toast = mfa_error_toast_new (text, error);
    }

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _mfa_manage_view_emit_toast (self, toast);
}

static void
show_success (MfaManageView *self,
              Target        *target,
              const char    *display)
{
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  switch (target->change)
    {
    case MFA_CHANGE_UNRESERVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s no longer receives sign-in codes"), display);
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Undo"), target->phone_id, MFA_CHANGE_RESERVE);
      break;

    case MFA_CHANGE_REMOVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s was removed"), display);
      toast = mfa_toast_new_plain (text);
      break;

    case MFA_CHANGE_REMOVE_TOTP:
      toast = adw_toast_new (_("The authenticator app was removed"));
      break;

    case MFA_CHANGE_MAKE_DEFAULT:
    case MFA_CHANGE_RESERVE:
    case MFA_CHANGE_NEW_BACKUP_CODES:
    case MFA_CHANGE_RELOAD:
    default:
      return;
    }

  _mfa_manage_view_emit_toast (self, toast);
}

typedef struct
{
  Target *target;
  char   *display;  /* the number as shown when asked: it may be gone */
} Answer;

static void
answer_free (Answer *answer)
{
  target_free (answer->target);
  g_free (answer->display);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Answer) answer = user_data;
  g_autoptr(MfaManageView) self = g_weak_ref_get (&answer->target->view);
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mfa_changes_start_finish (MFA_CHANGES (object), result, &codes, &error);

  /* A view gone meanwhile: the account shows what changed. */
  if (self == NULL || self->stack == NULL)
    return;

  if (!ok)
    {
      /* Cancelled, declined, or not started: nothing to say. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) &&
          !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
        show_error (self, answer->target, error);
      return;
    }

  show_success (self, answer->target, answer->display);

  if (codes != NULL)
    g_signal_emit (self, _mfa_manage_view_signals[SIGNAL_BACKUP_CODES], 0, codes);

  /* The removed row took the focus with it. */
  if (answer->target->change == MFA_CHANGE_REMOVE)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root) && gtk_window_get_focus (GTK_WINDOW (root)) == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
    }
}

/* Asks for @change of the number @phone_id of the user shown (or of the
 * backup codes), unless it is not there any more or cannot be changed
 * now.
 */
static void
start_request (MfaManageView *self,
               const char    *phone_id,
               MfaChange      change)
{
  MfaPhoneDisplayFlags flags = _mfa_manage_view_display_flags (self);
  MfaPhoneNumber *phone = NULL;
  Answer *answer;

  g_assert ((phone_id != NULL) == mfa_change_is_of_phone (change));

  if (self->changes == NULL || self->offline_user != NULL ||
      !mfa_changes_can_start (self->changes, change, phone_id))
    return;
  if (phone_id != NULL &&
      (self->user == NULL || (phone = mfa_user_find_phone_number (self->user, phone_id)) == NULL))
    return;

  answer = g_new0 (Answer, 1);
  answer->target = target_new (self, phone_id, change);
  answer->display = phone != NULL ? mfa_phone_display_for (phone, flags) : NULL;

  mfa_changes_start_async (self->changes, change, phone_id, flags, self->cancellable,
                           change_cb, answer);
}

/* New backup codes */

static void
codes_dialog_response_cb (GtkWidget        *dialog,
                          const char       *response,
                          MfaManageView    *self)
{
  _mfa_manage_view_forget_dialog (self);
  if (g_str_equal (response, "generate"))
    start_request (self, NULL, MFA_CHANGE_NEW_BACKUP_CODES);

  if (gtk_widget_get_visible (GTK_WIDGET (self->codes_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->codes_button));
}

void
_mfa_manage_view_generate_codes_clicked_cb (MfaManageView *self)
{
  GtkWidget *dialog;

  if (self->dialog != NULL || self->changes == NULL || self->offline_user != NULL ||
      !mfa_changes_can_start (self->changes, MFA_CHANGE_NEW_BACKUP_CODES, NULL))
    return;

  dialog = mfa_alert_new (_("Generate New Backup Codes?"),
                                   _("Your current codes stop working at once. Keep the new "
                                     "ones somewhere safe."));
  mfa_alert_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "generate", _("_Generate"),
                                    NULL);
  mfa_alert_set_response_appearance (dialog,
                                              "generate", ADW_RESPONSE_DESTRUCTIVE);
  mfa_alert_set_default_response (dialog, "cancel");
  mfa_alert_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (codes_dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  mfa_alert_present (dialog, GTK_WIDGET (self));
}


/* Removing the authenticator app */

static void
totp_dialog_response_cb (GtkWidget        *dialog,
                         const char       *response,
                         MfaManageView    *self)
{
  _mfa_manage_view_forget_dialog (self);
  if (g_str_equal (response, "remove"))
    start_request (self, NULL, MFA_CHANGE_REMOVE_TOTP);

  if (gtk_widget_get_visible (GTK_WIDGET (self->totp_remove_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->totp_remove_button));
}

/* Whether a number still receives sign-in codes once the app is gone:
 * the list the page already shows them in. */
static gboolean
has_reserved_number (MfaManageView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->lists[MFA_PHONE_LIST_RESERVED].filtered)) > 0;
}

void
_mfa_manage_view_remove_totp_clicked_cb (MfaManageView *self)
{
  const char *body;
  GtkWidget *dialog;

  if (self->dialog != NULL || self->changes == NULL || self->offline_user != NULL ||
      !mfa_changes_can_start (self->changes, MFA_CHANGE_REMOVE_TOTP, NULL))
    return;

  if (has_reserved_number (self))
    body = _("Its codes will no longer sign you in. Sign-in codes go to your default number instead.");
  else
    body = _("Its codes will no longer sign you in, and no number receives sign-in codes: "
             "two-step verification turns off, and your password alone signs you in.");

  dialog = mfa_alert_new (_("Remove the Authenticator App?"), body);
  mfa_alert_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", C_("remove the authenticator app", "_Remove"),
                                    NULL);
  mfa_alert_set_response_appearance (dialog,
                                              "remove", ADW_RESPONSE_DESTRUCTIVE);
  mfa_alert_set_default_response (dialog, "cancel");
  mfa_alert_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (totp_dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  mfa_alert_present (dialog, GTK_WIDGET (self));
}
