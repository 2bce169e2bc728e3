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

#include "mfa-verification.h"

G_BEGIN_DECLS

#define MFA_TYPE_FACTOR_PROMPT (mfa_factor_prompt_get_type ())
G_DECLARE_FINAL_TYPE (MfaFactorPrompt, mfa_factor_prompt, MFA, FACTOR_PROMPT, AdwBin)

GtkWidget       *mfa_factor_prompt_new               (void);

MfaVerification *mfa_factor_prompt_get_verification  (MfaFactorPrompt *self);
void             mfa_factor_prompt_set_verification  (MfaFactorPrompt *self,
                                                      MfaVerification *verification);
const char      *mfa_factor_prompt_get_methods_title (MfaFactorPrompt *self);
void             mfa_factor_prompt_set_methods_title (MfaFactorPrompt *self,
                                                      const char      *title);

G_END_DECLS
