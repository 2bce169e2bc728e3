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
#include "mfa-error-toast.h"
#include "mfa-factor-prompt.h"
#include "mfa-width-layout.h"

/* Step-up: a sensitive request was answered 403
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

  /* The step whose factors the prompt offers. */
  MfaFactorStep      factor_step;

  gboolean           busy;
  gboolean           done;

  GtkScrolledWindow *scroller;
  GtkStack          *stack;
  GtkSpinner        *loading_spinner;
  GtkLabel          *step_label;
  GtkLabel          *title_label;
  MfaFactorPrompt   *prompt;
  GtkLabel          *problem_label;
  GtkButton         *retry_button;
};

G_DEFINE_FINAL_TYPE (MfaStepUpDialog, mfa_step_up_dialog, ADW_TYPE_WINDOW)

static void start (MfaStepUpDialog *self);

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static gboolean
is_supported (MfaFactorStep  step,
              MfaFactor     *factor)
{
  const char *strategy = mfa_factor_get_strategy (factor);

  if (g_strcmp0 (strategy, "phone_code") == 0)
    return mfa_factor_get_phone_number_id (factor) != NULL;

  if (step == MFA_FACTOR_STEP_FIRST)
    return g_strcmp0 (strategy, "password") == 0;

  return g_strcmp0 (strategy, "totp") == 0 || g_strcmp0 (strategy, "backup_code") == 0;
}

/* The message a person should read for a failed request. */
static char *
describe_error (MfaStepUpDialog *self,
                const GError    *error)
{
  return mfa_error_describe (mfa_client_get_base_url (self->client), error);
}

static void
set_busy (MfaStepUpDialog *self,
          gboolean         busy)
{
  self->busy = busy;

  mfa_factor_prompt_set_busy (self->prompt, busy);
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
  if (self->prompt != NULL)
    mfa_factor_prompt_clear_cooldowns (self->prompt);
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

/* A phone of the account is shown the way the list shows it, not with
 * the service's mask: the person is signed in and sees the whole number
 * behind the dialog anyway.
 */
static MfaFactor *
shown_as_in_list (MfaStepUpDialog *self,
                  MfaFactor       *factor)
{
  const char *id = mfa_factor_get_phone_number_id (factor);
  MfaUser *user = self->client != NULL ? mfa_client_get_user (self->client) : NULL;
  MfaPhoneNumber *phone = NULL;

  if (id != NULL && user != NULL)
    phone = mfa_user_find_phone_number (user, id);

  if (phone == NULL)
    return g_object_ref (factor);

  return mfa_factor_new (mfa_factor_get_strategy (factor), id,
                         mfa_phone_number_get_phone_number (phone),
                         mfa_factor_get_default (factor));
}

/* The factors of @step the dialog can ask for. Level multi_factor
 * starts with the password: when the server lists no first factor at
 * all, that is still the one to ask for.
 */
static GListModel *
supported_factors (MfaStepUpDialog *self,
                   MfaFactorStep    step)
{
  GListModel *factors = mfa_reverification_get_factors (self->reverification, step);
  GListStore *supported = g_list_store_new (MFA_TYPE_FACTOR);
  g_autoptr(MfaFactor) password = NULL;

  if (step == MFA_FACTOR_STEP_FIRST &&
      (factors == NULL || g_list_model_get_n_items (factors) == 0))
    {
      password = mfa_factor_new ("password", NULL, NULL, FALSE);
      g_list_store_append (supported, password);
      return G_LIST_MODEL (supported);
    }

  for (guint i = 0; factors != NULL && i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);
      g_autoptr(MfaFactor) shown = NULL;

      if (!is_supported (step, factor))
        continue;

      shown = shown_as_in_list (self, factor);
      g_list_store_append (supported, shown);
    }

  return G_LIST_MODEL (supported);
}

static void
show_step (MfaStepUpDialog *self,
           MfaFactorStep    step)
{
  g_autoptr(GListModel) factors = NULL;

  /* A new reverification object for the same step (after a prepare or a
   * refused attempt) keeps the method in use.
   */
  if (mfa_factor_prompt_get_factor (self->prompt) != NULL && self->factor_step == step &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "factor") == 0)
    return;

  /* Codes of the other step were for another verification. */
  if (self->factor_step != step)
    mfa_factor_prompt_clear_cooldowns (self->prompt);

  self->factor_step = step;
  factors = supported_factors (self, step);

  /* Shown first, so that the input can take the focus. */
  gtk_stack_set_visible_child_name (self->stack, "factor");
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  mfa_factor_prompt_set_factors (self->prompt, factors);

  if (mfa_factor_prompt_get_factor (self->prompt) == NULL)
    {
      show_problem (self,
                    _("Your account asks for a kind of confirmation this app does not offer. Make this change on the service’s website instead."),
                    FALSE);
      return;
    }

  g_debug ("%s factor: %u methods, using %s",
           step == MFA_FACTOR_STEP_FIRST ? "First" : "Second",
           g_list_model_get_n_items (factors),
           mfa_factor_prompt_get_strategy (self->prompt));
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

  /* A new reverification has sent no code yet. */
  mfa_factor_prompt_clear_cooldowns (self->prompt);

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
          mfa_factor_prompt_start_cooldown (self->prompt,
                                            retry_after > 0 ? retry_after : MFA_RESEND_COOLDOWN_SECONDS);
          message = g_strdup (error->message);
        }
      else
        {
          mfa_factor_prompt_clear_cooldown (self->prompt);
          message = describe_error (self, error);
        }

      mfa_factor_prompt_set_error (self->prompt, message);
      return;
    }

  g_set_object (&self->reverification, reverification);
}

static void
send_code (MfaStepUpDialog *self)
{
  MfaFactor *factor = mfa_factor_prompt_get_factor (self->prompt);

  if (self->busy || self->done || factor == NULL ||
      mfa_factor_get_phone_number_id (factor) == NULL)
    return;

  set_busy (self, TRUE);
  restart_cancellable (self);
  mfa_factor_prompt_start_cooldown (self->prompt, MFA_RESEND_COOLDOWN_SECONDS);

  mfa_client_prepare_reverification_async (self->client,
                                           self->factor_step,
                                           "phone_code",
                                           mfa_factor_get_phone_number_id (factor),
                                           self->cancellable,
                                           prepare_cb,
                                           g_object_ref (self));
}

static void
resend_cb (MfaStepUpDialog *self)
{
  send_code (self);
}

/* Titles the step, and sends the text message of a phone at once,
 * unless one went out moments ago.
 */
static void
factor_changed_cb (MfaStepUpDialog *self)
{
  const char *strategy = mfa_factor_prompt_get_strategy (self->prompt);
  const char *title;
  const char *step = NULL;

  if (strategy == NULL || self->reverification == NULL)
    return;

  if (g_str_equal (strategy, "password"))
    title = _("Enter Your Password");
  else if (g_str_equal (strategy, "backup_code"))
    title = _("Enter a Backup Code");
  else
    title = _("Enter the Code");
  gtk_label_set_label (self->title_label, title);

  /* Password, then a second factor: say how far along it is. */
  if (g_strcmp0 (mfa_reverification_get_level (self->reverification), "multi_factor") == 0)
    step = self->factor_step == MFA_FACTOR_STEP_FIRST ? _("Step 1 of 2") : _("Step 2 of 2");
  show_label (self->step_label, step);

  /* A method picked at the bottom of the list: show the new step from
   * its top, with the reason the dialog is there.
   */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (mfa_factor_prompt_can_send (self->prompt))
    send_code (self);
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

      mfa_factor_prompt_show_attempt_error (self->prompt, error,
                                            mfa_client_get_base_url (self->client));
      return;
    }

  handle_reverification (self, reverification);
}

static void
submit_cb (MfaStepUpDialog *self,
           const char      *strategy,
           const char      *secret)
{
  if (self->busy || self->done)
    return;

  set_busy (self, TRUE);
  restart_cancellable (self);

  mfa_client_attempt_reverification_async (self->client,
                                           self->factor_step,
                                           strategy,
                                           secret,
                                           self->cancellable,
                                           attempt_cb,
                                           g_object_ref (self));
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
    return mfa_factor_prompt_get_strategy (self->prompt);

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
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_step_up_dialog_parent_class)->dispose (object);
}

static void
mfa_step_up_dialog_finalize (GObject *object)
{
  MfaStepUpDialog *self = (MfaStepUpDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->level, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, prompt);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MfaStepUpDialog, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, factor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, resend_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mfa_step_up_dialog_init (MfaStepUpDialog *self)
{
  g_type_ensure (MFA_TYPE_FACTOR_PROMPT);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_width_layout_install_in (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
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
 * with the methods the session offers. #MfaStepUpInteraction calls it
 * when the client meets a change that needs it; the client then sends
 * the change again by itself.
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
  mfa_factor_prompt_set_clock (self->prompt, clock);
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
