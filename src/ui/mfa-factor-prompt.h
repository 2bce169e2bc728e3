/* mfa-factor-prompt.h
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

#include "mfa-clock.h"
#include "mfa-factor.h"

G_BEGIN_DECLS

/* Clerk's UIs wait this long before a code can be sent again. */
#define MFA_RESEND_COOLDOWN_SECONDS 30

#define MFA_TYPE_FACTOR_PROMPT (mfa_factor_prompt_get_type ())
G_DECLARE_FINAL_TYPE (MfaFactorPrompt, mfa_factor_prompt, MFA, FACTOR_PROMPT, AdwBin)

GtkWidget  *mfa_factor_prompt_new                   (void);

MfaClock   *mfa_factor_prompt_get_clock             (MfaFactorPrompt *self);
void        mfa_factor_prompt_set_clock             (MfaFactorPrompt *self,
                                                     MfaClock        *clock);
const char *mfa_factor_prompt_get_methods_title     (MfaFactorPrompt *self);
void        mfa_factor_prompt_set_methods_title     (MfaFactorPrompt *self,
                                                     const char      *title);

void        mfa_factor_prompt_set_factors           (MfaFactorPrompt *self,
                                                     GListModel      *factors);
MfaFactor  *mfa_factor_prompt_get_factor            (MfaFactorPrompt *self);
void        mfa_factor_prompt_set_factor            (MfaFactorPrompt *self,
                                                     MfaFactor       *factor);
const char *mfa_factor_prompt_get_strategy          (MfaFactorPrompt *self);

gboolean    mfa_factor_prompt_get_busy              (MfaFactorPrompt *self);
void        mfa_factor_prompt_set_busy              (MfaFactorPrompt *self,
                                                     gboolean         busy);

void        mfa_factor_prompt_set_error             (MfaFactorPrompt *self,
                                                     const char      *message);
void        mfa_factor_prompt_show_attempt_error    (MfaFactorPrompt *self,
                                                     const GError    *error,
                                                     const char      *base_url);
void        mfa_factor_prompt_start_retry_countdown (MfaFactorPrompt *self,
                                                     guint            seconds);

gboolean    mfa_factor_prompt_can_send              (MfaFactorPrompt *self);
void        mfa_factor_prompt_start_cooldown        (MfaFactorPrompt *self,
                                                     guint            seconds);
void        mfa_factor_prompt_clear_cooldown        (MfaFactorPrompt *self);
void        mfa_factor_prompt_clear_cooldowns       (MfaFactorPrompt *self);

G_END_DECLS
