/* mfa-step-up.h
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

#pragma once

#include <gtk/gtk.h>

#include "mfa-client.h"
#include "mfa-clock.h"

G_BEGIN_DECLS

/**
 * MfaStepUpFailedFunc:
 * @user_data: the data given to mfa_step_up_try(), to be released now
 * @error: (nullable): %NULL when the person closed the step-up dialog;
 *   %G_IO_ERROR_CANCELLED when the caller's cancellable was cancelled;
 *   else why the step-up could not be completed
 *
 * Called instead of the replay when the step-up did not succeed.
 */
typedef void (*MfaStepUpFailedFunc) (gpointer      user_data,
                                     const GError *error);

gboolean mfa_step_up_try (GtkWidget           *widget,
                          MfaClient           *client,
                          MfaClock            *clock,
                          const GError        *error,
                          gboolean            *replayed,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data,
                          MfaStepUpFailedFunc  failed);

G_END_DECLS
