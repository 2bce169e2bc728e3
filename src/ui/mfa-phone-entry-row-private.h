/* mfa-phone-entry-row-private.h
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

#include "mfa-country-chooser.h"
#include "mfa-phone-entry-row.h"

/* What the files of MfaPhoneEntryRow share, and nothing outside them sees:
 *
 *   mfa-phone-entry-row.c         the row: properties, signals, the
 *                                 template and its handlers
 *   mfa-phone-entry-row-format.c  formatting as the person types, the
 *                                 cursor kept after the same digit, a
 *                                 pasted number choosing its country
 *   mfa-phone-entry-row-check.c   the number checked with the phone
 *                                 helper, the message and the hint below
 */

G_BEGIN_DECLS

struct _MfaPhoneEntryRow
{
  AdwBin             parent_instance;

  /* Template */
  AdwActionRow      *country_row;
  MfaCountryChooser *country_chooser;
  AdwEntryRow       *number_row;
  GtkLabel          *hint_label;
  GtkLabel          *preview_label;

  gboolean           loaded;
  char              *load_error;
  MfaPhoneFormatter *formatter;
  guint              format_idle_id;
  gboolean           updating_text;
  gboolean           pasted;
  char              *last_text;

  MfaPhoneStatus     status;
  char              *e164;
  char              *error;
  gboolean           show_error;
};

enum {
  PROP_0,
  PROP_REGION,
  PROP_TEXT,
  PROP_STATUS,
  PROP_E164,
  PROP_ERROR,
  PROP_EDITABLE,
  PROP_SHOW_ERROR,
  N_PROPS
};

/* The row (mfa-phone-entry-row.c) */

void     mfa_phone_entry_row_notify            (MfaPhoneEntryRow *self,
                                                guint             prop);

/* Formatting (mfa-phone-entry-row-format.c) */

gboolean mfa_phone_entry_row_is_international  (const char       *text);
void     mfa_phone_entry_row_set_number_text   (MfaPhoneEntryRow *self,
                                                const char       *text);
void     mfa_phone_entry_row_reformat          (MfaPhoneEntryRow *self);
void     mfa_phone_entry_row_rebuild_formatter (MfaPhoneEntryRow *self);
void     mfa_phone_entry_row_queue_format      (MfaPhoneEntryRow *self);

/* Checking (mfa-phone-entry-row-check.c) */

void     mfa_phone_entry_row_update_hint       (MfaPhoneEntryRow *self);
void     mfa_phone_entry_row_update_status     (MfaPhoneEntryRow *self);

G_END_DECLS
