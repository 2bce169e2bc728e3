/* mfa-step-up.c
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

#define G_LOG_DOMAIN "mfa-step-up"

#include "config.h"

#include "mfa-step-up.h"
#include "mfa-step-up-dialog.h"

/* R1 for the views: a gated request was refused with
 * MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED. The step-up dialog asks the
 * person to confirm it is them; then the very same request is sent once
 * more, and its answer goes to the callback that got the refusal, with
 * the same data. Whatever was busy stays busy in between.
 */

typedef struct
{
  MfaClient           *client;
  GError              *error;
  GCancellable        *cancellable;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  MfaStepUpFailedFunc  failed;
} StepUp;

static void
step_up_free (StepUp *step_up)
{
  g_clear_object (&step_up->client);
  g_clear_error (&step_up->error);
  g_clear_object (&step_up->cancellable);
  g_free (step_up);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StepUp, step_up_free)

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(StepUp) step_up = user_data;
  g_autoptr(GError) error = NULL;

  if (mfa_step_up_run_finish (result, &error))
    {
      mfa_client_replay_async (step_up->client, step_up->error, step_up->cancellable,
                               step_up->callback, step_up->user_data);
      return;
    }

  /* The dialog closed by the person is no failure: nothing changed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (step_up->cancellable))
    g_clear_error (&error);

  step_up->failed (step_up->user_data, error);
}

/**
 * mfa_step_up_try:
 * @widget: the widget whose request was refused; the dialog belongs to
 *   its window
 * @client: the client that sent it
 * @clock: (nullable): the clock of the view
 * @error: the error the request failed with
 * @replayed: the caller's flag for this request: set here when the
 *   request is sent again, so that a second refusal is shown, not asked
 *   about in a loop
 * @cancellable: (nullable): the cancellable of the view
 * @callback: the callback of the original request
 * @user_data: its data
 * @failed: called with @user_data when the step-up did not succeed
 *
 * When @error asks for a step-up and the request was not sent again
 * already, runs the step-up dialog and then, on success, replays the
 * request with mfa_client_replay_async() to @callback and @user_data:
 * finish it with the `_finish` function of the original call. Otherwise
 * @failed runs.
 *
 * Returns: %TRUE when this took over @user_data; %FALSE when @error is
 *   for the caller to handle
 */
gboolean
mfa_step_up_try (GtkWidget           *widget,
                 MfaClient           *client,
                 MfaClock            *clock,
                 const GError        *error,
                 gboolean            *replayed,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 MfaStepUpFailedFunc  failed)
{
  StepUp *step_up;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (MFA_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (replayed != NULL, FALSE);
  g_return_val_if_fail (callback != NULL, FALSE);
  g_return_val_if_fail (failed != NULL, FALSE);

  if (*replayed ||
      !g_error_matches (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED) ||
      !mfa_client_can_replay (error))
    return FALSE;

  *replayed = TRUE;

  step_up = g_new0 (StepUp, 1);
  step_up->client = g_object_ref (client);
  step_up->error = g_error_copy (error);
  step_up->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  step_up->callback = callback;
  step_up->user_data = user_data;
  step_up->failed = failed;

  root = gtk_widget_get_root (widget);
  mfa_step_up_run_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         client, clock, error, step_up->cancellable,
                         run_cb, step_up);

  return TRUE;
}
