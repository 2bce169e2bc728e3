/* mfa-phone-entry-row-check.c
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

#define G_LOG_DOMAIN "mfa-phone-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-phone-display.h"
#include "mfa-phone-entry-row-private.h"

#define LRI "\u2066"
#define PDI "\u2069"

/* The number shown, checked with the phone helper: its status, the
 * number in E.164 form when it is valid, what is wrong with it when it
 * is not, and the hint or the preview below the entry.
 */

static char *
dup_status_message (MfaPhoneEntryRow *self,
                    MfaPhoneStatus    status,
                    const char       *text)
{
  MfaCountry *country = mfa_country_chooser_get_country (self->country_chooser);
  gboolean national = !mfa_phone_entry_row_is_international (text) && country != NULL;

  switch (status)
    {
    case MFA_PHONE_EMPTY:
      return g_strdup (_("Enter the phone number that should receive the codes."));

    case MFA_PHONE_NOT_A_NUMBER:
      return g_strdup (_("A phone number has only digits, spaces and the signs + ( ) -. "
                         "Remove the letters or other characters."));

    case MFA_PHONE_INVALID_COUNTRY:
      return g_strdup (_("This country code does not exist. Check the digits after +, "
                         "or type the number without it and choose the country."));

    case MFA_PHONE_TOO_SHORT:
      if (national)
        /* Translators: %s is a country name */
        return g_strdup_printf (_("This number is too short for %s. Check that it includes "
                                  "the area code."),
                                mfa_country_get_name (country));
      return g_strdup (_("This number is too short. Check that it includes the area code."));

    case MFA_PHONE_TOO_LONG:
      if (national)
        /* Translators: %s is a country name */
        return g_strdup_printf (_("This number has too many digits for %s."),
                                mfa_country_get_name (country));
      return g_strdup (_("This number has too many digits."));

    case MFA_PHONE_INVALID:
      if (national)
        /* Translators: %s is a country name */
        return g_strdup_printf (_("This is not a valid phone number in %s. Check the number, "
                                  "or choose the country it belongs to."),
                                mfa_country_get_name (country));
      return g_strdup (_("This is not a valid phone number. Check the country code and "
                         "the number."));

    case MFA_PHONE_UNAVAILABLE:
      return g_strdup (self->load_error != NULL ? self->load_error
                                                : _("Phone numbers cannot be checked on this "
                                                    "computer."));

    case MFA_PHONE_OK:
    default:
      return NULL;
    }
}

/* Numbers read left to right, also inside right-to-left text. */
static MfaPhoneDisplayFlags
display_flags (MfaPhoneEntryRow *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
         ? MFA_PHONE_DISPLAY_ISOLATE : MFA_PHONE_DISPLAY_DEFAULT;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
mfa_phone_entry_row_update_hint (MfaPhoneEntryRow *self)
{
  g_autofree char *example = NULL;
  g_autofree char *text = NULL;

  if (!self->loaded)
    {
      set_label (self->hint_label, NULL);
      set_label (self->preview_label, NULL);
      return;
    }

  if (self->e164 != NULL)
    {
      /* Exactly what is sent: not regrouped, only kept left to right. */
      g_autofree char *number = (display_flags (self) & MFA_PHONE_DISPLAY_ISOLATE) != 0
                                ? g_strconcat (LRI, self->e164, PDI, NULL)
                                : g_strdup (self->e164);

      /* Translators: %s is a phone number in international form, such as
       * +12015550123: exactly what is sent to the service */
      text = g_strdup_printf (_("Will be added as %s"), number);
      set_label (self->preview_label, text);
      set_label (self->hint_label, NULL);
      return;
    }

  example = mfa_phone_example_number (mfa_country_chooser_get_region (self->country_chooser));
  if (example != NULL)
    {
      g_autofree char *shown = mfa_phone_display_format (example, display_flags (self));

      /* Translators: %s is an example phone number such as (201) 555-0123 */
      text = g_strdup_printf (_("For example: %s"), shown);
    }
  else
    text = g_strdup (_("Choose the country of the number, or type it with + and "
                       "its country code."));

  set_label (self->hint_label, text);
  set_label (self->preview_label, NULL);
}

/* Checks the text shown with the phone helper. */
void
mfa_phone_entry_row_update_status (MfaPhoneEntryRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  g_autofree char *e164 = NULL;
  g_autofree char *error = NULL;
  MfaPhoneStatus status;

  if (self->loaded)
    status = mfa_phone_parse (text, mfa_country_chooser_get_region (self->country_chooser),
                              &e164);
  else
    status = MFA_PHONE_UNAVAILABLE;

  if (status != MFA_PHONE_OK)
    g_clear_pointer (&e164, g_free);
  error = dup_status_message (self, status, text);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->status != status)
    {
      self->status = status;
      mfa_phone_entry_row_notify (self, PROP_STATUS);
    }

  if (g_strcmp0 (self->e164, e164) != 0)
    {
      g_free (self->e164);
      self->e164 = g_steal_pointer (&e164);
      mfa_phone_entry_row_notify (self, PROP_E164);
    }

  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&error);
      mfa_phone_entry_row_notify (self, PROP_ERROR);
    }

  mfa_phone_entry_row_update_hint (self);

  g_object_thaw_notify (G_OBJECT (self));
}
