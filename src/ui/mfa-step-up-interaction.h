/* mfa-step-up-interaction.h
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

#include "mfa-clock.h"
#include "mfa-interaction.h"

G_BEGIN_DECLS

#define MFA_TYPE_STEP_UP_INTERACTION (mfa_step_up_interaction_get_type ())
G_DECLARE_FINAL_TYPE (MfaStepUpInteraction, mfa_step_up_interaction, MFA, STEP_UP_INTERACTION, MfaInteraction)

MfaInteraction *mfa_step_up_interaction_new (GtkWindow *parent,
                                             MfaClock  *clock);

G_END_DECLS
