/* mfa-phone-module.h
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

/* The entry points of the libphonenumber module, shared by the module
 * (which defines them) and the shim in mfa-phone.c (which looks them up
 * with g_module_symbol()). Private: nothing else includes this.
 *
 * Strings returned by the module are allocated with GLib and freed by the
 * caller with g_free()/g_strfreev(). Regions are passed already normalised
 * by the shim: two upper-case ASCII letters, "ZZ" when unknown. No C++
 * exception ever crosses these functions.
 */

#pragma once

#include <glib.h>
#include <gmodule.h>

#include "mfa-phone.h"

G_BEGIN_DECLS

/* Bump when an entry point changes; the shim refuses a module built for
 * another version (e.g. a stale installed copy). */
#define MFA_PHONE_MODULE_ABI 2

#define MFA_PHONE_MODULE_BASENAME "libmfa-phone." G_MODULE_SUFFIX

G_MODULE_EXPORT int             mfa_phone_module_abi                (void);
G_MODULE_EXPORT MfaPhoneStatus  mfa_phone_module_parse              (const char  *input,
                                                                     const char  *region,
                                                                     char       **e164);
G_MODULE_EXPORT gboolean        mfa_phone_module_is_valid_e164      (const char  *e164);
G_MODULE_EXPORT char           *mfa_phone_module_format             (const char  *e164,
                                                                     gboolean     national);
G_MODULE_EXPORT char           *mfa_phone_module_region_of          (const char  *e164);
G_MODULE_EXPORT int             mfa_phone_module_calling_code       (const char  *region);
G_MODULE_EXPORT char           *mfa_phone_module_main_region       (int          calling_code);
G_MODULE_EXPORT char          **mfa_phone_module_supported_regions  (void);
G_MODULE_EXPORT char           *mfa_phone_module_example_number     (const char  *region);
G_MODULE_EXPORT gpointer        mfa_phone_module_formatter_new      (const char  *region);
G_MODULE_EXPORT char           *mfa_phone_module_formatter_feed     (gpointer     formatter,
                                                                     const char  *digits,
                                                                     gboolean     clear);
G_MODULE_EXPORT void            mfa_phone_module_formatter_free     (gpointer     formatter);

G_END_DECLS
