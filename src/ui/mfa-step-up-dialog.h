/* mfa-step-up-dialog.h
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

#include <adwaita.h>

#include "mfa-client.h"
#include "mfa-clock.h"

G_BEGIN_DECLS

#define MFA_TYPE_STEP_UP_DIALOG (mfa_step_up_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MfaStepUpDialog, mfa_step_up_dialog, MFA, STEP_UP_DIALOG, AdwWindow)


void        mfa_step_up_run_async        (GtkWindow            *parent,
                                          MfaClient            *client,
                                          MfaClock             *clock,
                                          const GError         *error,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean    mfa_step_up_run_finish       (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
