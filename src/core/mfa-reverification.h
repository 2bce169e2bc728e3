/* mfa-reverification.h
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

#include <gio/gio.h>

#include "mfa-factor.h"

G_BEGIN_DECLS

/**
 * MfaReverificationStatus:
 * @MFA_REVERIFICATION_STATUS_UNKNOWN: a status this version does not know
 * @MFA_REVERIFICATION_STATUS_NEEDS_FIRST_FACTOR: `needs_first_factor`
 * @MFA_REVERIFICATION_STATUS_NEEDS_SECOND_FACTOR: `needs_second_factor`
 * @MFA_REVERIFICATION_STATUS_COMPLETE: `complete`: the original request
 *   can be sent again
 */
typedef enum {
  MFA_REVERIFICATION_STATUS_UNKNOWN,
  MFA_REVERIFICATION_STATUS_NEEDS_FIRST_FACTOR,
  MFA_REVERIFICATION_STATUS_NEEDS_SECOND_FACTOR,
  MFA_REVERIFICATION_STATUS_COMPLETE,
} MfaReverificationStatus;

/**
 * MfaFactorStep:
 * @MFA_FACTOR_STEP_FIRST: the first factor (password, SMS code)
 * @MFA_FACTOR_STEP_SECOND: the second factor (SMS code, authenticator
 *   code, backup code)
 */
typedef enum {
  MFA_FACTOR_STEP_FIRST,
  MFA_FACTOR_STEP_SECOND,
} MfaFactorStep;

#define MFA_TYPE_REVERIFICATION (mfa_reverification_get_type ())
G_DECLARE_FINAL_TYPE (MfaReverification, mfa_reverification, MFA, REVERIFICATION, GObject)

MfaReverification       *mfa_reverification_new                (const char              *level,
                                                                MfaReverificationStatus  status);
MfaReverificationStatus  mfa_reverification_status_from_string (const char              *status);
const char              *mfa_reverification_get_level          (MfaReverification       *self);
MfaReverificationStatus  mfa_reverification_get_status         (MfaReverification       *self);
GListModel              *mfa_reverification_get_factors        (MfaReverification       *self,
                                                                MfaFactorStep            step);
void                     mfa_reverification_add_factor         (MfaReverification       *self,
                                                                MfaFactorStep            step,
                                                                MfaFactor               *factor);

G_END_DECLS
