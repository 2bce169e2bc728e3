/* mfa-backup-codes-print-private.h
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

#include "mfa-backup-codes-print.h"

G_BEGIN_DECLS

/* The text the last print run laid out, one piece per line: PDF output
 * holds glyphs, not text, so this is where the page's words are read. */
const char *mfa_backup_codes_print_get_printed_text (MfaBackupCodesPrint *self);

G_END_DECLS
