/* mfa-step-up-interaction.c
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

#define G_LOG_DOMAIN "mfa-step-up-interaction"

#include "config.h"

#include "mfa-client.h"
#include "mfa-step-up-dialog.h"
#include "mfa-step-up-interaction.h"

/**
 * MfaStepUpInteraction:
 *
 * Answers the client's "confirm it is you" with the step-up dialog over
 * the window: a change refused for an old sign-in is sent again by the
 * client once the person has confirmed, and the view that asked for it
 * only ever sees the final answer.
 */
struct _MfaStepUpInteraction
{
  MfaInteraction  parent_instance;

  GtkWindow      *parent;  /* weak */
  MfaClock       *clock;
};

G_DEFINE_FINAL_TYPE (MfaStepUpInteraction, mfa_step_up_interaction, MFA_TYPE_INTERACTION)

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mfa_step_up_run_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
mfa_step_up_interaction_reverify_async (MfaInteraction      *interaction,
                                        GObject             *client,
                                        const GError        *error,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  MfaStepUpInteraction *self = (MfaStepUpInteraction *)interaction;
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mfa_step_up_interaction_reverify_async);
  mfa_step_up_run_async (self->parent, MFA_CLIENT (client), self->clock, error, cancellable,
                         run_cb, task);
}

static gboolean
mfa_step_up_interaction_reverify_finish (MfaInteraction  *interaction,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, interaction), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mfa_step_up_interaction_dispose (GObject *object)
{
  MfaStepUpInteraction *self = (MfaStepUpInteraction *)object;

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_step_up_interaction_parent_class)->dispose (object);
}

static void
mfa_step_up_interaction_class_init (MfaStepUpInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MfaInteractionClass *interaction_class = MFA_INTERACTION_CLASS (klass);

  object_class->dispose = mfa_step_up_interaction_dispose;
  interaction_class->reverify_async = mfa_step_up_interaction_reverify_async;
  interaction_class->reverify_finish = mfa_step_up_interaction_reverify_finish;
}

static void
mfa_step_up_interaction_init (MfaStepUpInteraction *self)
{
}

/**
 * mfa_step_up_interaction_new:
 * @parent: (nullable): the window the dialog belongs to; not kept alive
 * @clock: (nullable): the clock the dialog's cooldowns read
 *
 * Returns: (transfer full): an interaction for mfa_client_set_interaction()
 */
MfaInteraction *
mfa_step_up_interaction_new (GtkWindow *parent,
                             MfaClock  *clock)
{
  MfaStepUpInteraction *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (clock == NULL || MFA_IS_CLOCK (clock), NULL);

  self = g_object_new (MFA_TYPE_STEP_UP_INTERACTION, NULL);
  g_set_weak_pointer (&self->parent, parent);
  g_set_object (&self->clock, clock);

  return MFA_INTERACTION (self);
}
