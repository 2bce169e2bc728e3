/* mfa-step-up-dialog.c
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

#define G_LOG_DOMAIN "mfa-step-up-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-step-up-dialog.h"
#include "mfa-code-entry.h"
#include "mfa-cooldown.h"
#include "mfa-error-toast.h"

/* Clerk's UIs wait this long before a code can be sent again. */
#define RESEND_COOLDOWN_MS (30 * 1000)

/* Step-up (R1): a sensitive request was answered 403
 * `session_reverification_required`. The dialog runs Clerk's
 * reverification (`POST …/sessions/{id}/verify`, then prepare and
 * attempt per factor) until its status is `complete`; the caller then
 * sends the original request again. Closing it changes nothing.
 */
struct _MfaStepUpDialog
{
  AdwWindow          parent_instance;

  MfaClient         *client;
  MfaClock          *clock;
  GCancellable      *cancellable;
  GTask             *task;
  GCancellable      *run_cancellable;
  gulong             run_cancelled_id;

  char              *level;
  MfaReverification *reverification;

  /* The factor in use: its step, a strategy, and the phone for
   * phone_code.
   */
  MfaFactorStep      factor_step;
  char              *strategy;
  char              *phone_number_id;
  char              *safe_identifier;

  /* Resend cooldowns by phone id. */
  MfaCooldown       *cooldown;

  /* While rate limited, attempts wait until this clock time (ms). */
  gint64             retry_deadline_ms;
  guint              retry_tick_id;

  gboolean           busy;
  gboolean           done;

  GtkScrolledWindow *scroller;
  GtkStack          *stack;
  GtkSpinner        *loading_spinner;
  GtkLabel          *step_label;
  GtkLabel          *title_label;
  GtkLabel          *description_label;
  GtkListBox        *password_list;
  AdwEntryRow       *password_row;
  MfaCodeEntry      *code_entry;
  GtkEntry          *backup_entry;
  GtkLabel          *error_label;
  GtkButton         *verify_button;
  GtkSpinner        *verify_spinner;
  GtkLabel          *verify_label;
  GtkButton         *resend_button;
  GtkLabel          *methods_title;
  GtkListBox        *methods_list;
  GtkLabel          *problem_label;
  GtkButton         *retry_button;
};

G_DEFINE_FINAL_TYPE (MfaStepUpDialog, mfa_step_up_dialog, ADW_TYPE_WINDOW)

static void send_code (MfaStepUpDialog *self);
static void start (MfaStepUpDialog *self);

static MfaClock *
get_clock (MfaStepUpDialog *self)
{
  return self->clock != NULL ? self->clock : mfa_clock_get_default ();
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static gboolean
is_strategy (MfaStepUpDialog *self,
             const char      *strategy)
{
  return g_strcmp0 (self->strategy, strategy) == 0;
}

/* Six-digit codes go into the code entry; passwords and backup codes
 * have fields of their own.
 */
static gboolean
is_code_strategy (const char *strategy)
{
  return g_strcmp0 (strategy, "phone_code") == 0 || g_strcmp0 (strategy, "totp") == 0;
}

static gboolean
is_supported (MfaFactorStep  step,
              const char    *strategy)
{
  if (step == MFA_FACTOR_STEP_FIRST)
    return g_strcmp0 (strategy, "password") == 0 || g_strcmp0 (strategy, "phone_code") == 0;

  return g_strcmp0 (strategy, "phone_code") == 0 ||
         g_strcmp0 (strategy, "totp") == 0 ||
         g_strcmp0 (strategy, "backup_code") == 0;
}

/* The message a person should read for a failed request. */
static char *
describe_error (MfaStepUpDialog *self,
                const GError    *error)
{
  if (error->domain == MFA_CLIENT_ERROR && mfa_client_error_is_transport (error))
    return mfa_error_describe (mfa_client_get_base_url (self->client), error);

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED))
    return g_strdup (_("This code has expired. Send a new one."));

  if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
    return g_strdup (_("Too many wrong codes. Send a new code and try again."));

  return g_strdup (error->message);
}

static void
set_busy (MfaStepUpDialog *self,
          gboolean         busy)
{
  gboolean waiting = self->retry_tick_id != 0;

  self->busy = busy;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), !busy && !waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), busy);
  gtk_spinner_set_spinning (self->verify_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->methods_list), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->stack), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

static void
restart_cancellable (MfaStepUpDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
stop_ticks (MfaStepUpDialog *self)
{
  if (self->cooldown != NULL)
    mfa_cooldown_clear_all (self->cooldown);
  if (self->retry_tick_id != 0)
    {
      mfa_clock_remove (get_clock (self), self->retry_tick_id);
      self->retry_tick_id = 0;
    }
}

/* Ends the run. @error is %NULL when the session is verified again. */
static void
finish (MfaStepUpDialog *self,
        GError          *error)
{
  g_autoptr(GTask) task = NULL;

  if (self->done)
    {
      g_clear_error (&error);
      return;
    }

  self->done = TRUE;
  g_cancellable_cancel (self->cancellable);
  stop_ticks (self);

  task = g_steal_pointer (&self->task);
  if (task != NULL)
    {
      if (error == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  g_clear_error (&error);
}

static void
cancel_run (MfaStepUpDialog *self)
{
  finish (self,
          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The confirmation was cancelled")));
}

/* Problems the dialog cannot get past: the caller decides (a lost
 * session goes back to sign-in).
 */
static void
fail (MfaStepUpDialog *self,
      const GError    *error)
{
  finish (self, g_error_copy (error));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_problem (MfaStepUpDialog *self,
              const char      *message,
              gboolean         can_retry)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_stack_set_visible_child_name (self->stack, "problem");
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);

  if (can_retry)
    gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

/* Resend */

static gint64
resend_remaining_ms (MfaStepUpDialog *self)
{
  return mfa_cooldown_remaining_ms (self->cooldown, self->phone_number_id);
}

static void
update_resend (MfaStepUpDialog *self)
{
  gint64 remaining = resend_remaining_ms (self);
  g_autofree char *label = mfa_cooldown_format_resend (remaining);

  gtk_widget_set_visible (GTK_WIDGET (self->resend_button), is_strategy (self, "phone_code"));
  gtk_button_set_label (self->resend_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->resend_button), remaining <= 0);
}

static void
start_cooldown (MfaStepUpDialog *self,
                gint64           duration_ms)
{
  if (self->phone_number_id == NULL)
    return;

  mfa_cooldown_start (self->cooldown, self->phone_number_id, duration_ms);
  update_resend (self);
}

static void
clear_cooldown (MfaStepUpDialog *self)
{
  mfa_cooldown_clear (self->cooldown, self->phone_number_id);
  update_resend (self);
}

/* Rate limits on attempts */

static void
update_retry (MfaStepUpDialog *self)
{
  gint64 remaining = mfa_clock_remaining_ms (get_clock (self), self->retry_deadline_ms);
  g_autofree char *text = NULL;
  int seconds;

  if (remaining <= 0)
    {
      show_label (self->error_label, NULL);
      return;
    }

  seconds = (int)((remaining + 999) / 1000);
  text = mfa_error_format_retry (seconds);
  show_label (self->error_label, text);
}

static void
retry_tick_cb (MfaClock *clock,
               gint64    remaining_ms,
               gpointer  user_data)
{
  MfaStepUpDialog *self = user_data;

  update_retry (self);
  if (remaining_ms <= 0)
    {
      self->retry_tick_id = 0;
      set_busy (self, self->busy);
    }
}

static void
start_retry_countdown (MfaStepUpDialog *self,
                       gint64           retry_after)
{
  if (retry_after <= 0)
    {
      show_label (self->error_label, _("Too many attempts. Wait a moment and try again."));
      return;
    }

  self->retry_deadline_ms = mfa_clock_get_now_ms (get_clock (self)) + retry_after * 1000;
  if (self->retry_tick_id != 0)
    mfa_clock_remove (get_clock (self), self->retry_tick_id);
  self->retry_tick_id = mfa_clock_tick_until (get_clock (self), self->retry_deadline_ms,
                                              retry_tick_cb, self, NULL);
  update_retry (self);
  set_busy (self, self->busy);
}

/* Methods */

/* A phone number reads left to right in every locale: isolated, it
 * keeps its order inside a right-to-left sentence.
 */
static char *
isolate_number (const char *safe_identifier)
{
  if (safe_identifier == NULL)
    return g_strdup (_("your phone"));

  return g_strconcat ("\u2066", safe_identifier, "\u2069", NULL);
}

static char *
describe_method (MfaFactor *factor)
{
  const char *strategy = mfa_factor_get_strategy (factor);
  g_autofree char *number = NULL;

  if (g_strcmp0 (strategy, "password") == 0)
    return g_strdup (_("Password"));
  if (g_strcmp0 (strategy, "phone_code") == 0)
    {
      number = isolate_number (mfa_factor_get_safe_identifier (factor));
      /* Translators: %s is a masked phone number such as +*******0123 */
      return g_strdup_printf (_("Text message to %s"), number);
    }
  if (g_strcmp0 (strategy, "totp") == 0)
    return g_strdup (_("Authenticator app"));
  if (g_strcmp0 (strategy, "backup_code") == 0)
    return g_strdup (_("Backup code"));

  return NULL;
}

static gboolean
is_current_method (MfaStepUpDialog *self,
                   MfaFactor       *factor)
{
  if (!is_strategy (self, mfa_factor_get_strategy (factor)))
    return FALSE;

  return !is_strategy (self, "phone_code") ||
         g_strcmp0 (mfa_factor_get_phone_number_id (factor), self->phone_number_id) == 0;
}

static GListModel *
current_factors (MfaStepUpDialog *self)
{
  if (self->reverification == NULL)
    return NULL;

  return mfa_reverification_get_factors (self->reverification, self->factor_step);
}

/* Lists the methods not in use, so a person can switch. */
static void
fill_methods (MfaStepUpDialog *self)
{
  GListModel *factors = current_factors (self);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->methods_list))) != NULL)
    gtk_list_box_remove (self->methods_list, child);

  for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (!is_supported (self->factor_step, mfa_factor_get_strategy (factor)) ||
          is_current_method (self, factor))
        continue;

      title = describe_method (factor);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "factor", g_object_ref (factor), g_object_unref);
      gtk_list_box_append (self->methods_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->methods_title), shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->methods_list), shown > 0);
}

static void
describe_factor (MfaStepUpDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  const char *title;
  const char *step = NULL;

  if (is_strategy (self, "password"))
    {
      title = _("Enter Your Password");
      text = g_strdup (_("Enter the password you use to sign in to this account."));
    }
  else if (is_strategy (self, "phone_code"))
    {
      title = _("Enter the Code");
      number = isolate_number (self->safe_identifier);
      /* Translators: %s is a masked phone number such as +*******0123 */
      text = g_strdup_printf (_("Enter the six-digit code sent by text message to %s."), number);
    }
  else if (is_strategy (self, "totp"))
    {
      title = _("Enter the Code");
      text = g_strdup (_("Enter the six-digit code your authenticator app shows for this account."));
    }
  else
    {
      title = _("Enter a Backup Code");
      text = g_strdup (_("Enter one of the backup codes you saved when you turned on two-step verification. Each code works once."));
    }

  /* Password, then a second factor: say how far along it is. */
  if (g_strcmp0 (mfa_reverification_get_level (self->reverification), "multi_factor") == 0)
    step = self->factor_step == MFA_FACTOR_STEP_FIRST ? _("Step 1 of 2") : _("Step 2 of 2");
  show_label (self->step_label, step);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->description_label, text);
  gtk_label_set_text_with_mnemonic (self->verify_label,
                                    is_strategy (self, "password") ? _("_Continue") : _("_Verify"));

  gtk_widget_set_visible (GTK_WIDGET (self->password_list), is_strategy (self, "password"));
  gtk_widget_set_visible (GTK_WIDGET (self->code_entry), is_code_strategy (self->strategy));
  gtk_widget_set_visible (GTK_WIDGET (self->backup_entry), is_strategy (self, "backup_code"));
  update_resend (self);
}

static void
focus_input (MfaStepUpDialog *self)
{
  if (is_strategy (self, "password"))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else if (is_code_strategy (self->strategy))
    gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->backup_entry));
}

static void
clear_input_errors (MfaStepUpDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->backup_entry), "error");
  mfa_code_entry_set_error (self->code_entry, FALSE);
  if (self->retry_tick_id == 0)
    show_label (self->error_label, NULL);
}

static void
mark_input_error (MfaStepUpDialog *self)
{
  if (is_strategy (self, "password"))
    gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
  else if (is_code_strategy (self->strategy))
    mfa_code_entry_set_error (self->code_entry, TRUE);
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->backup_entry), "error");

  focus_input (self);
}

static void
use_factor (MfaStepUpDialog *self,
            MfaFactor       *factor)
{
  g_free (self->strategy);
  self->strategy = g_strdup (mfa_factor_get_strategy (factor));
  g_free (self->phone_number_id);
  self->phone_number_id = g_strdup (mfa_factor_get_phone_number_id (factor));
  g_free (self->safe_identifier);
  self->safe_identifier = g_strdup (mfa_factor_get_safe_identifier (factor));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  mfa_code_entry_clear (self->code_entry);
  gtk_editable_set_text (GTK_EDITABLE (self->backup_entry), "");
  clear_input_errors (self);
  describe_factor (self);
  fill_methods (self);

  gtk_stack_set_visible_child_name (self->stack, "factor");
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  focus_input (self);

  /* A method picked at the bottom of the list: show the new step from
   * its top, with the reason the dialog is there.
   */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  /* A text message is sent at once, unless one went out moments ago. */
  if (is_strategy (self, "phone_code") && resend_remaining_ms (self) <= 0)
    send_code (self);
}

/* The method to offer first. First factor: the password, then a text
 * message. Second factor: the default phone, then any phone, then the
 * authenticator app, then a backup code.
 */
static MfaFactor *
choose_factor (MfaStepUpDialog *self)
{
  GListModel *factors = current_factors (self);
  const char *first_order[] = { "password", "phone_code" };
  const char *second_order[] = { "phone_code", "totp", "backup_code" };
  const char **order;
  guint n_order;

  /* Level multi_factor starts with the password: when the server lists
   * no first factor at all, that is still the one to ask for.
   */
  if (self->factor_step == MFA_FACTOR_STEP_FIRST)
    {
      if (factors == NULL || g_list_model_get_n_items (factors) == 0)
        return mfa_factor_new ("password", NULL, NULL, FALSE);
      order = first_order;
      n_order = G_N_ELEMENTS (first_order);
    }
  else
    {
      for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
        {
          g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

          if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0 &&
              mfa_factor_get_default (factor))
            return g_steal_pointer (&factor);
        }
      order = second_order;
      n_order = G_N_ELEMENTS (second_order);
    }

  for (guint o = 0; o < n_order; o++)
    {
      for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
        {
          g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

          if (g_strcmp0 (mfa_factor_get_strategy (factor), order[o]) == 0)
            return g_steal_pointer (&factor);
        }
    }

  return NULL;
}

static void
show_step (MfaStepUpDialog *self,
           MfaFactorStep    step)
{
  g_autoptr(MfaFactor) factor = NULL;
  GListModel *factors;

  /* A new reverification object for the same step (after a prepare or a
   * refused attempt) keeps the method in use.
   */
  if (self->strategy != NULL && self->factor_step == step &&
      gtk_stack_get_visible_child_name (self->stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->stack), "factor"))
    {
      fill_methods (self);
      return;
    }

  /* Codes of the other step were for another verification. */
  if (self->factor_step != step)
    mfa_cooldown_clear_all (self->cooldown);

  self->factor_step = step;
  g_clear_pointer (&self->strategy, g_free);
  g_clear_pointer (&self->phone_number_id, g_free);

  factor = choose_factor (self);
  factors = current_factors (self);
  if (factor == NULL || !is_supported (step, mfa_factor_get_strategy (factor)))
    {
      show_problem (self,
                    _("Your account asks for a kind of confirmation this app does not offer. Make this change on the service’s website instead."),
                    FALSE);
      return;
    }

  g_debug ("%s factor: %u methods, using %s",
           step == MFA_FACTOR_STEP_FIRST ? "First" : "Second",
           factors != NULL ? g_list_model_get_n_items (factors) : 0,
           mfa_factor_get_strategy (factor));
  use_factor (self, factor);
}

static void
handle_reverification (MfaStepUpDialog   *self,
                       MfaReverification *reverification)
{
  g_set_object (&self->reverification, reverification);

  switch (mfa_reverification_get_status (reverification))
    {
    case MFA_REVERIFICATION_STATUS_COMPLETE:
      finish (self, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      break;

    case MFA_REVERIFICATION_STATUS_NEEDS_FIRST_FACTOR:
      show_step (self, MFA_FACTOR_STEP_FIRST);
      break;

    case MFA_REVERIFICATION_STATUS_NEEDS_SECOND_FACTOR:
      show_step (self, MFA_FACTOR_STEP_SECOND);
      break;

    case MFA_REVERIFICATION_STATUS_UNKNOWN:
    default:
      show_problem (self,
                    _("The service answered in a way this app does not understand. Make this change on the service’s website instead."),
                    TRUE);
      break;
    }
}

/* Whether the server has forgotten the reverification in progress, so
 * it must begin again.
 */
static gboolean
needs_restart (const GError *error)
{
  const char *code;

  if (error->domain != MFA_CLIENT_ERROR)
    return FALSE;

  code = mfa_client_error_get_clerk_code (error);
  return g_strcmp0 (code, "session_reverification_missing") == 0 ||
         g_strcmp0 (code, "invalid_action_for_session_reverification") == 0;
}

/* verify */

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfaStepUpDialog) self = user_data;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  reverification = mfa_client_verify_session_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->done)
    return;

  set_busy (self, FALSE);

  if (reverification == NULL)
    {
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
        {
          fail (self, error);
          return;
        }

      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED) &&
          mfa_client_error_get_retry_after (error) > 0)
        {
          message = mfa_error_format_retry (mfa_client_error_get_retry_after (error));
        }
      else
        message = describe_error (self, error);

      show_problem (self, message, TRUE);
      return;
    }

  handle_reverification (self, reverification);
}

static void
start (MfaStepUpDialog *self)
{
  g_clear_object (&self->reverification);
  g_clear_pointer (&self->strategy, g_free);
  g_clear_pointer (&self->phone_number_id, g_free);

  /* A new reverification has sent no code yet. */
  mfa_cooldown_clear_all (self->cooldown);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  set_busy (self, TRUE);
  restart_cancellable (self);

  g_debug ("Starting reverification at level %s", self->level);
  mfa_client_verify_session_async (self->client, self->level, self->cancellable,
                                   verify_cb, g_object_ref (self));
}

static void
retry_clicked_cb (MfaStepUpDialog *self)
{
  if (!self->busy && !self->done)
    start (self);
}

/* prepare */

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaStepUpDialog) self = user_data;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 retry_after;

  reverification = mfa_client_prepare_reverification_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->done)
    return;

  set_busy (self, FALSE);

  if (reverification == NULL)
    {
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
        {
          fail (self, error);
          return;
        }

      if (needs_restart (error))
        {
          start (self);
          return;
        }

      /* Asked too soon after the last one: wait as long as the server says. */
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
        {
          retry_after = mfa_client_error_get_retry_after (error);
          start_cooldown (self, retry_after > 0 ? retry_after * 1000 : RESEND_COOLDOWN_MS);
          message = g_strdup (error->message);
        }
      else
        {
          clear_cooldown (self);
          message = describe_error (self, error);
        }

      show_label (self->error_label, message);
      return;
    }

  g_set_object (&self->reverification, reverification);
  fill_methods (self);
}

static void
send_code (MfaStepUpDialog *self)
{
  if (self->phone_number_id == NULL || self->done)
    return;

  set_busy (self, TRUE);
  restart_cancellable (self);
  start_cooldown (self, RESEND_COOLDOWN_MS);

  mfa_client_prepare_reverification_async (self->client,
                                           self->factor_step,
                                           "phone_code",
                                           self->phone_number_id,
                                           self->cancellable,
                                           prepare_cb,
                                           g_object_ref (self));
}

static void
resend_clicked_cb (MfaStepUpDialog *self)
{
  if (self->busy || self->done)
    return;

  mfa_code_entry_clear (self->code_entry);
  clear_input_errors (self);
  send_code (self);
  focus_input (self);
}

/* attempt */

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfaStepUpDialog) self = user_data;
  g_autoptr(MfaReverification) reverification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  reverification = mfa_client_attempt_reverification_finish (MFA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->done)
    return;

  set_busy (self, FALSE);

  if (reverification == NULL)
    {
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE))
        {
          fail (self, error);
          return;
        }

      if (needs_restart (error))
        {
          start (self);
          return;
        }

      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_RATE_LIMITED))
        {
          start_retry_countdown (self, mfa_client_error_get_retry_after (error));
          focus_input (self);
          return;
        }

      message = describe_error (self, error);
      show_label (self->error_label, message);
      mark_input_error (self);

      /* Those outcomes need a new code: the cooldown no longer applies. */
      if (g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_EXPIRED) ||
          g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_VERIFICATION_FAILED))
        clear_cooldown (self);
      return;
    }

  /* The secret has done its job; it is not kept around. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  handle_reverification (self, reverification);
}

static void
submit (MfaStepUpDialog *self,
        const char      *secret)
{
  if (self->busy || self->done || self->retry_tick_id != 0)
    return;

  clear_input_errors (self);
  set_busy (self, TRUE);
  restart_cancellable (self);

  mfa_client_attempt_reverification_async (self->client,
                                           self->factor_step,
                                           self->strategy,
                                           secret,
                                           self->cancellable,
                                           attempt_cb,
                                           g_object_ref (self));
}

static void
code_complete_cb (MfaStepUpDialog *self,
                  const char      *code)
{
  submit (self, code);
}

static void
input_changed_cb (MfaStepUpDialog *self)
{
  clear_input_errors (self);
}

static void
verify_clicked_cb (MfaStepUpDialog *self)
{
  g_autofree char *code = NULL;
  const char *password;

  if (self->busy || self->done || self->strategy == NULL)
    return;

  if (is_strategy (self, "password"))
    {
      password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      if (password[0] == '\0')
        {
          show_label (self->error_label, _("Enter your password."));
          mark_input_error (self);
          return;
        }
      submit (self, password);
      return;
    }

  if (is_code_strategy (self->strategy))
    {
      if (!mfa_code_entry_is_complete (self->code_entry))
        {
          show_label (self->error_label, _("Enter all six digits of the code."));
          mark_input_error (self);
          return;
        }
      submit (self, mfa_code_entry_get_code (self->code_entry));
      return;
    }

  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->backup_entry))));
  if (code[0] == '\0')
    {
      show_label (self->error_label, _("Enter one of your backup codes."));
      mark_input_error (self);
      return;
    }

  submit (self, code);
}

static void
method_activated_cb (MfaStepUpDialog *self,
                     GtkListBoxRow   *row)
{
  MfaFactor *factor = g_object_get_data (G_OBJECT (row), "factor");

  if (factor != NULL && !self->busy && !self->done)
    use_factor (self, factor);
}

static void
cancel_clicked_cb (MfaStepUpDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
run_cancelled_cb (MfaStepUpDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * mfa_step_up_dialog_get_step:
 * @self: a #MfaStepUpDialog
 *
 * Returns: what the dialog asks for now: `loading`, `problem`, or the
 *   strategy of the factor in use (`password`, `phone_code`, `totp`,
 *   `backup_code`)
 */
const char *
mfa_step_up_dialog_get_step (MfaStepUpDialog *self)
{
  const char *page;

  g_return_val_if_fail (MFA_IS_STEP_UP_DIALOG (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "factor") == 0)
    return self->strategy;

  return page;
}

/**
 * mfa_step_up_dialog_get_level:
 * @self: a #MfaStepUpDialog
 *
 * Returns: the level asked of the server: `first_factor`,
 *   `second_factor` or `multi_factor`
 */
const char *
mfa_step_up_dialog_get_level (MfaStepUpDialog *self)
{
  g_return_val_if_fail (MFA_IS_STEP_UP_DIALOG (self), NULL);

  return self->level;
}

static gboolean
mfa_step_up_dialog_close_request (GtkWindow *window)
{
  MfaStepUpDialog *self = (MfaStepUpDialog *)window;

  g_assert (MFA_IS_STEP_UP_DIALOG (self));

  cancel_run (self);

  return GTK_WINDOW_CLASS (mfa_step_up_dialog_parent_class)->close_request (window);
}

static void
mfa_step_up_dialog_dispose (GObject *object)
{
  MfaStepUpDialog *self = (MfaStepUpDialog *)object;

  /* Destroyed from outside (its parent went away): that is a cancel. */
  cancel_run (self);
  g_cancellable_cancel (self->cancellable);
  stop_ticks (self);

  if (self->run_cancelled_id != 0)
    {
      g_signal_handler_disconnect (self->run_cancellable, self->run_cancelled_id);
      self->run_cancelled_id = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_STEP_UP_DIALOG);

  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->reverification);
  g_clear_object (&self->client);
  g_clear_object (&self->cooldown);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_step_up_dialog_parent_class)->dispose (object);
}

static void
mfa_step_up_dialog_finalize (GObject *object)
{
  MfaStepUpDialog *self = (MfaStepUpDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->strategy, g_free);
  g_clear_pointer (&self->phone_number_id, g_free);
  g_clear_pointer (&self->safe_identifier, g_free);

  G_OBJECT_CLASS (mfa_step_up_dialog_parent_class)->finalize (object);
}

static void
mfa_step_up_dialog_class_init (MfaStepUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfa_step_up_dialog_dispose;
  object_class->finalize = mfa_step_up_dialog_finalize;
  window_class->close_request = mfa_step_up_dialog_close_request;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-step-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, step_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, password_list);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, backup_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, verify_button);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, verify_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, resend_button);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, methods_title);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, methods_list);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_complete_cb);
  gtk_widget_class_bind_template_callback (widget_class, resend_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mfa_step_up_dialog_init (MfaStepUpDialog *self)
{
  g_type_ensure (MFA_TYPE_CODE_ENTRY);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->cooldown = mfa_cooldown_new (mfa_clock_get_default ());
  g_signal_connect_swapped (self->cooldown, "changed", G_CALLBACK (update_resend), self);

  /* Enter in the code field submits what is there (after a refused
   * code, say, when ::complete does not fire again).
   */
  g_signal_connect_object (mfa_code_entry_get_editable (self->code_entry), "activate",
                           G_CALLBACK (verify_clicked_cb), self, G_CONNECT_SWAPPED);
}

/* The level the refused request asked for. The 403 does not say, so
 * follow Clerk's "strongest available": a second factor when the
 * account has one (the server falls back to the password otherwise).
 */
static char *
choose_level (MfaClient *client)
{
  MfaUser *user = mfa_client_get_user (client);

  if (user != NULL && mfa_user_get_two_factor_enabled (user))
    return g_strdup ("multi_factor");

  return g_strdup ("first_factor");
}

/**
 * mfa_step_up_run_async:
 * @parent: (nullable): the window the dialog belongs to
 * @client: the client whose request was refused
 * @clock: (nullable): the clock cooldowns read, or %NULL for the default
 * @error: the %MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED error
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called once the session is verified again, or not
 * @user_data: data for @callback
 *
 * Shows the step-up dialog over @parent and runs Clerk's reverification
 * with the methods the session offers. On success the caller sends its
 * request again, once, with mfa_client_replay_async().
 */
void
mfa_step_up_run_async (GtkWindow           *parent,
                       MfaClient           *client,
                       MfaClock            *clock,
                       const GError        *error,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MfaStepUpDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (MFA_IS_CLIENT (client));
  g_return_if_fail (clock == NULL || MFA_IS_CLOCK (clock));
  g_return_if_fail (g_error_matches (error, MFA_CLIENT_ERROR,
                                     MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_step_up_run_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (mfa_client_get_session_id (client) == NULL)
    {
      g_task_return_new_error (task, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE,
                               _("You are signed out"));
      return;
    }

  self = g_object_new (MFA_TYPE_STEP_UP_DIALOG, NULL);
  self->client = g_object_ref (client);
  g_set_object (&self->clock, clock);
  mfa_cooldown_set_clock (self->cooldown, get_clock (self));
  self->level = choose_level (client);
  self->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      self->run_cancellable = g_object_ref (cancellable);
      self->run_cancelled_id = g_signal_connect_object (cancellable, "cancelled",
                                                        G_CALLBACK (run_cancelled_cb),
                                                        self, G_CONNECT_SWAPPED);
    }

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  gtk_window_present (GTK_WINDOW (self));
  start (self);
}

/**
 * mfa_step_up_run_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the session is verified again. %FALSE with
 *   %G_IO_ERROR_CANCELLED when the person closed the dialog (nothing was
 *   changed), or with the client's error when the step-up failed in a
 *   way the dialog cannot recover from (the session ended, say).
 */
gboolean
mfa_step_up_run_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_step_up_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
