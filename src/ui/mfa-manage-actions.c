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
#include "mfa-cooldown.h"
#include "mfa-error-toast.h"
#include "mfa-narrow.h"
#include "mfa-width-layout.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-tooltip.h"

/* What a person asks of the numbers page: make a number the default, use
 * it or stop using it for sign-in codes, remove it, new backup codes;
 * each with its confirmation, busy state, wait and outcome.
 */

static void start_request (MfaManageView *self,
                           const char    *phone_id,
                           Op             op);

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->phone);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Target *
target_new (MfaManageView *self,
            const char    *phone_id,
            Op             op)
{
  Target *target = g_new0 (Target, 1);

  g_weak_ref_init (&target->view, self);
  target->phone_id = g_strdup (phone_id);
  target->op = op;

  return target;
}

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *target = data;

  g_weak_ref_clear (&target->view);
  g_free (target->phone_id);
  g_free (target);
}

static void
set_phone_busy (MfaManageView  *self,
                MfaPhoneNumber *phone,
                gboolean        busy)
{
  /* The row binds to it. */
  mfa_phone_number_set_busy (phone, busy);
}

static void
set_request_busy (MfaManageView *self,
                  Request       *request,
                  gboolean       busy)
{
  if (request->phone != NULL)
    {
      set_phone_busy (self, request->phone, busy);
    }
  else
    {
      self->codes_busy = !!busy;
      _mfa_manage_view_update_codes (self);
    }
}

/* Waits */

void
_mfa_manage_view_cooldown_changed_cb (MfaManageView *self,
                                      const char    *key)
{
  MfaPhoneRow *row;

  if (g_str_equal (key, CODES_KEY))
    _mfa_manage_view_update_codes (self);
  else if ((row = _mfa_manage_view_find_row (self, key)) != NULL)
    _mfa_manage_view_update_row (self, row);
}

/* The service asked to wait @retry_after seconds before asking about
 * @key again: its actions stay disabled until the view's clock is there.
 */
static void
wait_for_retry (MfaManageView *self,
                const char    *key,
                gint64         retry_after)
{
  MfaPhoneRow *row;

  mfa_cooldown_start (self->cooldown, key, MAX (1, retry_after) * 1000);

  if (g_str_equal (key, CODES_KEY))
    _mfa_manage_view_update_codes (self);
  else if ((row = _mfa_manage_view_find_row (self, key)) != NULL)
    _mfa_manage_view_update_row (self, row);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Target           *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);
  MfaPhoneRow *row;

  if (self == NULL)
    return;

  if (g_str_equal (response, "remove"))
    start_request (self, target->phone_id, OP_REMOVE);

  /* Back to where the person was, as long as the row is still shown. */
  if ((row = _mfa_manage_view_find_row (self, target->phone_id)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
confirm_remove (MfaManageView  *self,
                MfaPhoneNumber *phone)
{
  g_autofree char *display = mfa_phone_display_for (phone, _mfa_manage_view_display_flags (self));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
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

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  /* Translators: %s is a phone number */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"), display);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", C_("remove a phone number", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (dialog_response_cb),
                         target_new (self, mfa_phone_number_get_id (phone), OP_REMOVE),
                         target_free, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
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
    start_request (self, mfa_phone_number_get_id (phone), OP_MAKE_DEFAULT);
}

void
_mfa_manage_view_reserve_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_VERIFIED)
    start_request (self, mfa_phone_number_get_id (phone), OP_RESERVE);
}

void
_mfa_manage_view_unreserve_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  MfaManageView *self = MFA_MANAGE_VIEW (widget);
  MfaPhoneNumber *phone = lookup_phone (self, parameter);

  if (phone != NULL && mfa_phone_number_get_list (phone) == MFA_PHONE_LIST_RESERVED)
    start_request (self, mfa_phone_number_get_id (phone), OP_UNRESERVE);
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

static char *
describe_error (Request      *request,
                const GError *error)
{
  g_autofree char *display = NULL;
  MfaErrorContext context = MFA_ERROR_CONTEXT_CHANGE_WITH_RETRY;

  if (request->phone != NULL)
    display = mfa_phone_display_for (request->phone, _mfa_manage_view_display_flags (request->self));
  if (request->op == OP_RESERVE)
    context = MFA_ERROR_CONTEXT_USE_NUMBER;
  else if (request->op == OP_REMOVE)
    context = MFA_ERROR_CONTEXT_REMOVE_NUMBER;

  return mfa_error_describe (error, context, mfa_client_get_base_url (request->self->client),
                             display);
}

/* Undo, or Retry: the same request again, on what the view shows now. */
static void
toast_button_cb (AdwToast *toast,
                 Target   *target)
{
  g_autoptr(MfaManageView) self = g_weak_ref_get (&target->view);

  if (self != NULL)
    start_request (self, target->phone_id, target->op);
}

static void
set_toast_request (AdwToast       *toast,
                   MfaManageView  *self,
                   const char     *label,
                   MfaPhoneNumber *phone,
                   Op              op)
{
  adw_toast_set_button_label (toast, label);
  g_signal_connect_data (toast, "button-clicked",
                         G_CALLBACK (toast_button_cb),
                         target_new (self, phone != NULL ? mfa_phone_number_get_id (phone) : NULL, op),
                         target_free, 0);
}

/* What a toast shows in full; anything longer goes to the message at the
 * top of the lists, which wraps.
 */
#define TOAST_MAX_CHARS 60

static void
hide_message (MfaManageView *self)
{
  /* A request that ends after dispose finds no widgets. */
  if (self->message_group == NULL)
    return;

  g_clear_pointer (&self->message_phone_id, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), FALSE);
}

/* The button went away under the focus: on to the row the message was
 * about, else to Add.
 */
void
_mfa_manage_view_message_close_clicked_cb (MfaManageView *self)
{
  MfaPhoneRow *row = self->message_phone_id != NULL ? _mfa_manage_view_find_row (self, self->message_phone_id)
                                                    : NULL;

  hide_message (self);
  if (row == NULL || !gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

void
_mfa_manage_view_message_retry_clicked_cb (MfaManageView *self)
{
  g_autofree char *phone_id = g_strdup (self->message_phone_id);
  Op op = self->message_op;

  _mfa_manage_view_message_close_clicked_cb (self);
  start_request (self, phone_id, op);
}

/* A sentence too long for a toast, with Retry when the service could
 * not be reached, else Copy Details for an answer of the service.
 */
void
_mfa_manage_view_show_message (MfaManageView *self,
                               const char    *text,
                               Request       *request,
                               const GError  *error)
{
  gboolean retry = request != NULL &&
                   error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error);

  if (self->message_group == NULL)
    return;

  g_clear_pointer (&self->message_phone_id, g_free);
  if (request != NULL)
    {
      self->message_phone_id = request->phone != NULL
                               ? g_strdup (mfa_phone_number_get_id (request->phone)) : NULL;
      self->message_op = request->op;
    }
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_retry_button), retry);
  mfa_error_details_button_set_error (self->message_details_button, retry ? NULL : error);
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

gboolean
_mfa_manage_view_fits_toast (const char *text)
{
  return g_utf8_strlen (text, -1) <= TOAST_MAX_CHARS;
}

/* A toast has one button: Retry when the service could not be reached,
 * else Copy Details for an answer of the service.
 */
static void
show_error (MfaManageView *self,
            Request       *request,
            const GError  *error)
{
  g_autofree char *text = describe_error (request, error);
  g_autoptr(AdwToast) toast = NULL;

  if (!_mfa_manage_view_fits_toast (text))
    {
      _mfa_manage_view_show_message (self, text, request, error);
      return;
    }

  if (error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error))
    {
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Retry"), request->phone, request->op);
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
              Request       *request)
{
  g_autofree char *display = mfa_phone_display_for (request->phone, _mfa_manage_view_display_flags (self));
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  switch (request->op)
    {
    case OP_UNRESERVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s no longer receives sign-in codes"), display);
      toast = mfa_toast_new_plain (text);
      set_toast_request (toast, self, _("_Undo"), request->phone, OP_RESERVE);
      break;

    case OP_REMOVE:
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("%s was removed"), display);
      toast = mfa_toast_new_plain (text);
      break;

    case OP_MAKE_DEFAULT:
    case OP_RESERVE:
    case OP_CREATE_CODES:
    default:
      return;
    }

  _mfa_manage_view_emit_toast (self, toast);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MfaClient *client = MFA_CLIENT (object);
  MfaManageView *self = request->self;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  gint64 retry_after;

  switch (request->op)
    {
    case OP_MAKE_DEFAULT:
      phone = mfa_client_make_phone_default_finish (client, result, &error);
      ok = phone != NULL;
      break;

    case OP_RESERVE:
    case OP_UNRESERVE:
      phone = mfa_client_set_phone_reserved_finish (client, result, &codes, &error);
      ok = phone != NULL;
      break;

    case OP_REMOVE:
      ok = mfa_client_delete_phone_number_finish (client, result, &error);
      break;

    case OP_CREATE_CODES:
      codes = mfa_client_create_backup_codes_finish (client, result, &error);
      ok = codes != NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  set_request_busy (self, request, FALSE);

  /* Cancelled, or the person did not confirm it was them: nothing
   * changed, and there is nothing to say.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_DECLINED))
    return;

  if (!ok)
    {
      retry_after = mfa_client_error_get_retry_after (error);
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED) &&
          retry_after > 0)
        wait_for_retry (self,
                        request->phone != NULL ? mfa_phone_number_get_id (request->phone) : CODES_KEY,
                        retry_after);

      show_error (self, request, error);
      return;
    }

  show_success (self, request);

  if (codes != NULL)
    g_signal_emit (self, _mfa_manage_view_signals[SIGNAL_BACKUP_CODES], 0, codes);

  /* The removed row took the focus with it. */
  if (request->op == OP_REMOVE)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (GTK_IS_WINDOW (root) && gtk_window_get_focus (GTK_WINDOW (root)) == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
    }
}

/* Sends @op about the number @phone_id of the user shown, unless it is
 * not there any more or cannot be changed now.
 */
static void
start_request (MfaManageView *self,
               const char    *phone_id,
               Op             op)
{
  g_autofree char *reason = NULL;
  MfaPhoneNumber *phone = NULL;
  const char *id = NULL;
  Request *request;

  g_assert ((phone_id == NULL) == (op == OP_CREATE_CODES));

  if (self->client == NULL || self->offline_user != NULL)
    return;
  if (phone_id != NULL)
    {
      phone = self->user != NULL ? mfa_user_find_phone_number (self->user, phone_id) : NULL;
      if (phone == NULL || mfa_phone_number_get_busy (phone))
        return;
      id = mfa_phone_number_get_id (phone);
    }
  if (phone == NULL && self->codes_busy)
    return;
  reason = _mfa_manage_view_dup_disabled_reason (self, phone != NULL ? id : CODES_KEY);
  if (reason != NULL)
    return;

  /* What went wrong before is old news now. */
  hide_message (self);

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->phone = phone != NULL ? g_object_ref (phone) : NULL;
  request->op = op;

  set_request_busy (self, request, TRUE);

  switch (op)
    {
    case OP_MAKE_DEFAULT:
      mfa_client_make_phone_default_async (self->client, id, self->cancellable,
                                           request_cb, request);
      break;

    case OP_RESERVE:
    case OP_UNRESERVE:
      mfa_client_set_phone_reserved_async (self->client, id, op == OP_RESERVE,
                                           self->cancellable, request_cb, request);
      break;

    case OP_REMOVE:
      mfa_client_delete_phone_number_async (self->client, id, self->cancellable,
                                            request_cb, request);
      break;

    case OP_CREATE_CODES:
      mfa_client_create_backup_codes_async (self->client, self->cancellable,
                                            request_cb, request);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* New backup codes */

static void
codes_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          MfaManageView    *self)
{
  if (g_str_equal (response, "generate"))
    start_request (self, NULL, OP_CREATE_CODES);

  if (gtk_widget_get_visible (GTK_WIDGET (self->codes_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->codes_button));
}

void
_mfa_manage_view_generate_codes_clicked_cb (MfaManageView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->dialog != NULL || self->codes_busy || self->client == NULL ||
      self->offline_user != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Generate New Backup Codes?"),
                                   _("Your current codes stop working at once. Keep the new "
                                     "ones somewhere safe."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "generate", _("_Generate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "generate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (codes_dialog_response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

