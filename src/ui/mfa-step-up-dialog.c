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
#include "mfa-compat.h"
#include "mfa-factor-prompt.h"
#include "mfa-narrow.h"

/* Step-up: a sensitive request was answered 403
 * `session_reverification_required`. The dialog runs Clerk's
 * reverification (`POST …/sessions/{id}/verify`, then prepare and
 * attempt per factor) until its status is `complete`; the caller then
 * sends the original request again. Closing it changes nothing.
 */
struct _MfaStepUpDialog
{
  AdwWindow          parent_instance;

  MfaVerification   *verification;
  GBindingGroup     *bindings;
  GSignalGroup      *signals;
  GTask             *task;
  GCancellable      *run_cancellable;
  gulong             run_cancelled_id;

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

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
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
  if (self->verification != NULL)
    mfa_verification_cancel (self->verification);

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

/* The step, its title and how far along it is. */
static void
factor_changed_cb (MfaStepUpDialog *self)
{
  const char *strategy = mfa_verification_get_strategy (self->verification);
  const char *step = NULL;
  const char *title;

  if (strategy == NULL)
    return;

  if (g_str_equal (strategy, "password"))
    title = _("Enter Your Password");
  else if (g_str_equal (strategy, "backup_code"))
    title = _("Enter a Backup Code");
  else
    title = _("Enter the Code");
  gtk_label_set_label (self->title_label, title);

  /* Password, then a second factor: say how far along it is. */
  if (g_strcmp0 (mfa_verification_get_level (self->verification), "multi_factor") == 0)
    step = mfa_verification_get_step (self->verification) == MFA_FACTOR_STEP_FIRST
             ? _("Step 1 of 2") : _("Step 2 of 2");
  show_label (self->step_label, step);

  /* A method picked at the bottom of the list: show the new step from
   * its top, with the reason the dialog is there.
   */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
stage_changed_cb (MfaStepUpDialog *self)
{
  MfaVerificationStage stage = mfa_verification_get_stage (self->verification);
  const char *page = "loading";

  switch (stage)
    {
    case MFA_VERIFICATION_STAGE_COMPLETE:
      finish (self, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;

    case MFA_VERIFICATION_STAGE_FAILED:
      /* Problems the dialog cannot get past: the caller decides (a lost
       * session goes back to sign-in).
       */
      finish (self, g_error_copy (mfa_verification_get_error (self->verification)));
      gtk_window_destroy (GTK_WINDOW (self));
      return;

    case MFA_VERIFICATION_STAGE_FACTOR:
      page = "factor";
      break;

    case MFA_VERIFICATION_STAGE_UNSUPPORTED:
      gtk_label_set_label (self->problem_label,
                           _("Your account asks for a kind of confirmation this app does not offer. Make this change on the service’s website instead."));
      page = "problem";
      break;

    case MFA_VERIFICATION_STAGE_PROBLEM:
      gtk_label_set_label (self->problem_label, mfa_verification_get_message (self->verification));
      page = "problem";
      break;

    case MFA_VERIFICATION_STAGE_IDLE:
    case MFA_VERIFICATION_STAGE_LOADING:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), stage == MFA_VERIFICATION_STAGE_PROBLEM);
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, stage == MFA_VERIFICATION_STAGE_LOADING);
  if (stage == MFA_VERIFICATION_STAGE_PROBLEM)
    gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

static void
busy_changed_cb (MfaStepUpDialog *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->stack), GTK_ACCESSIBLE_STATE_BUSY,
                               mfa_verification_get_busy (self->verification), -1);
}

static void
retry_clicked_cb (MfaStepUpDialog *self)
{
  if (!self->done && !mfa_verification_get_busy (self->verification))
    mfa_verification_start (self->verification);
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
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);

  if (self->run_cancelled_id != 0)
    {
      g_signal_handler_disconnect (self->run_cancellable, self->run_cancelled_id);
      self->run_cancelled_id = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_STEP_UP_DIALOG);

  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->verification);

  G_OBJECT_CLASS (mfa_step_up_dialog_parent_class)->dispose (object);
}

static void
mfa_step_up_dialog_class_init (MfaStepUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfa_step_up_dialog_dispose;
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
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
mfa_step_up_dialog_init (MfaStepUpDialog *self)
{
  g_type_ensure (MFA_TYPE_FACTOR_PROMPT);

  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_breakpoint_add (GTK_WIDGET (self), G_OBJECT (self->prompt), "narrow");
  mfa_narrow_lay_out_text (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "busy", self->retry_button, "sensitive",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  self->signals = g_signal_group_new (MFA_TYPE_VERIFICATION);
  g_signal_group_connect_swapped (self->signals, "notify::stage", G_CALLBACK (stage_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::factor", G_CALLBACK (factor_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::busy", G_CALLBACK (busy_changed_cb), self);
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
  g_autofree char *level = NULL;
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
  level = choose_level (client);
  self->verification = mfa_verification_new_reverification (client, clock, level);
  g_binding_group_set_source (self->bindings, self->verification);
  g_signal_group_set_target (self->signals, self->verification);
  mfa_factor_prompt_set_verification (self->prompt, self->verification);
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
  mfa_verification_start (self->verification);
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
