/* mfa-interaction.c
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

#define G_LOG_DOMAIN "mfa-interaction"

#include "config.h"

#include "mfa-interaction.h"

G_DEFINE_TYPE (MfaInteraction, mfa_interaction, G_TYPE_OBJECT)

/* Without a subclass nobody can be asked: the request fails as it was
 * answered.
 */
static void
mfa_interaction_real_reverify_async (MfaInteraction      *self,
                                     GObject             *client,
                                     const GError        *error,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mfa_interaction_real_reverify_async);
  g_task_return_error (task, g_error_copy (error));
}

static gboolean
mfa_interaction_real_reverify_finish (MfaInteraction  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mfa_interaction_class_init (MfaInteractionClass *klass)
{
  klass->reverify_async = mfa_interaction_real_reverify_async;
  klass->reverify_finish = mfa_interaction_real_reverify_finish;
}

static void
mfa_interaction_init (MfaInteraction *self)
{
}

/**
 * mfa_interaction_reverify_async:
 * @self: a #MfaInteraction
 * @client: the #MfaClient whose request was refused
 * @error: the refusal, a %MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED error
 * @cancellable: (nullable): cancels the question
 * @callback: called when the person answered
 * @user_data: data for @callback
 *
 * Asks the person to confirm it is them, so that the refused request can
 * be sent again.
 */
void
mfa_interaction_reverify_async (MfaInteraction      *self,
                                GObject             *client,
                                const GError        *error,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MFA_IS_INTERACTION (self));
  g_return_if_fail (G_IS_OBJECT (client));
  g_return_if_fail (error != NULL);

  MFA_INTERACTION_GET_CLASS (self)->reverify_async (self, client, error, cancellable,
                                                    callback, user_data);
}

/**
 * mfa_interaction_reverify_finish:
 *
 * Returns: %TRUE when the session was verified again; else %FALSE with
 *   %G_IO_ERROR_CANCELLED when the person declined, or why it failed
 */
gboolean
mfa_interaction_reverify_finish (MfaInteraction  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (MFA_IS_INTERACTION (self), FALSE);

  return MFA_INTERACTION_GET_CLASS (self)->reverify_finish (self, result, error);
}
