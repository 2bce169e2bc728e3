/* mfa-phone.h
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

#include <glib.h>

G_BEGIN_DECLS

/**
 * MfaPhoneStatus:
 * @MFA_PHONE_OK: the input is a valid phone number
 * @MFA_PHONE_EMPTY: the input is empty or only white space
 * @MFA_PHONE_NOT_A_NUMBER: the input has letters or does not look like a
 *   phone number at all
 * @MFA_PHONE_INVALID_COUNTRY: the region is unknown (and the input is not
 *   in international form), or the country calling code does not exist
 * @MFA_PHONE_TOO_SHORT: too few digits for the country, or only a local
 *   number without its area code
 * @MFA_PHONE_TOO_LONG: too many digits for the country, or more than the
 *   15 digits an E.164 number can have
 * @MFA_PHONE_INVALID: the length may be right but no such number exists
 *   in the country's numbering plan (or it has an extension)
 * @MFA_PHONE_UNAVAILABLE: the phone number module could not be loaded
 *
 * The outcome of parsing what a person typed as a phone number.
 */
typedef enum {
  MFA_PHONE_OK,
  MFA_PHONE_EMPTY,
  MFA_PHONE_NOT_A_NUMBER,
  MFA_PHONE_INVALID_COUNTRY,
  MFA_PHONE_TOO_SHORT,
  MFA_PHONE_TOO_LONG,
  MFA_PHONE_INVALID,
  MFA_PHONE_UNAVAILABLE,
} MfaPhoneStatus;

/**
 * MfaPhoneError:
 * @MFA_PHONE_ERROR_NOT_FOUND: the module file is in none of the places
 *   searched
 * @MFA_PHONE_ERROR_FAILED: the module file exists but could not be loaded
 *
 * Error codes in the %MFA_PHONE_ERROR domain.
 */
typedef enum {
  MFA_PHONE_ERROR_NOT_FOUND,
  MFA_PHONE_ERROR_FAILED,
} MfaPhoneError;

#define MFA_PHONE_ERROR (mfa_phone_error_quark ())
GQuark mfa_phone_error_quark (void);

typedef struct _MfaPhoneFormatter MfaPhoneFormatter;

gboolean            mfa_phone_load                    (GError     **error);
MfaPhoneStatus      mfa_phone_parse                   (const char  *input,
                                                       const char  *region,
                                                       char       **e164);
gboolean            mfa_phone_is_valid_e164           (const char  *e164);
char               *mfa_phone_format_international    (const char  *e164);
char               *mfa_phone_format_national         (const char  *e164);
char               *mfa_phone_region_of               (const char  *e164);
int                 mfa_phone_calling_code_for_region (const char  *region);
char               *mfa_phone_main_region_for_calling_code (int calling_code);
char              **mfa_phone_supported_regions       (void);
char               *mfa_phone_example_number          (const char  *region);

MfaPhoneFormatter  *mfa_phone_formatter_new           (const char  *region);
const char         *mfa_phone_formatter_input         (MfaPhoneFormatter *self,
                                                       const char  *text);
void                mfa_phone_formatter_free          (MfaPhoneFormatter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfaPhoneFormatter, mfa_phone_formatter_free)

G_END_DECLS
