/* mfa-phone-entry-row-format.c
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

#include <string.h>

#include "mfa-phone-entry-row-private.h"

/* Formatting as the person types: the number laid out with the chosen
 * country's rules, the cursor kept after the same digit, and a whole
 * number pasted in international form choosing its country. What is
 * shown is then checked (mfa-phone-entry-row-check.c).
 */

/* Dialable characters */

static gboolean
has_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_dialable (gunichar c,
             gboolean first)
{
  return g_unichar_digit_value (c) >= 0 || (c == '+' && first);
}

/* The digits of @text (and a leading '+'), as the formatter reads it. */
static char *
dup_dialable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dialable (c, out->len == 0))
        g_string_append_unichar (out, g_unichar_digit_value (c) >= 0
                                      ? (gunichar) ('0' + g_unichar_digit_value (c)) : c);
    }

  return g_string_free (out, FALSE);
}

static guint
count_dialable (const char *text,
                int         n_chars)
{
  guint count = 0;
  int i = 0;

  for (const char *p = text; *p != '\0' && i < n_chars; p = g_utf8_next_char (p), i++)
    {
      if (is_dialable (g_utf8_get_char (p), count == 0))
        count++;
    }

  return count;
}

/* The character offset just after the @n-th dialable character. */
static int
offset_after_dialable (const char *text,
                       guint       n)
{
  guint count = 0;
  int i = 0;

  if (n == 0)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      i++;
      if (is_dialable (g_utf8_get_char (p), count == 0) && ++count == n)
        return i;
    }

  return i;
}

/* Whether @text, after any spaces, starts with + or 00. */
gboolean
mfa_phone_entry_row_is_international (const char *text)
{
  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  return text[0] == '+' || g_str_has_prefix (text, "00");
}

/* Formatting */

void
mfa_phone_entry_row_set_number_text (MfaPhoneEntryRow *self,
                                     const char       *text)
{
  self->updating_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), text);
  self->updating_text = FALSE;

  g_free (self->last_text);
  self->last_text = g_strdup (text);
}

/* Formats the number as typed with the chosen region's rules, keeping the
 * cursor after the same digit as before.
 */
void
mfa_phone_entry_row_reformat (MfaPhoneEntryRow *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->number_row);
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));
  g_autofree char *dialable = NULL;
  g_autofree char *last_dialable = NULL;
  const char *input = text;
  const char *formatted;
  guint before;

  if (self->formatter == NULL || has_letters (text))
    {
      g_free (self->last_text);
      self->last_text = g_steal_pointer (&text);
      return;
    }

  before = count_dialable (text, gtk_editable_get_position (editable));
  dialable = dup_dialable (text);
  last_dialable = self->last_text != NULL ? dup_dialable (self->last_text) : NULL;

  /* Backspace over a space or a parenthesis removes no digit, and the
   * formatter would put it straight back: take the digit before it too.
   */
  if (self->last_text != NULL && strlen (text) < strlen (self->last_text) &&
      g_strcmp0 (dialable, last_dialable) == 0 && before > 0)
    {
      memmove (dialable + before - 1, dialable + before, strlen (dialable + before) + 1);
      before--;
      input = dialable;
    }

  formatted = mfa_phone_formatter_input (self->formatter, input);
  if (g_strcmp0 (formatted, text) != 0)
    {
      mfa_phone_entry_row_set_number_text (self, formatted);
      gtk_editable_set_position (editable, offset_after_dialable (formatted, before));
    }
  else
    {
      g_free (self->last_text);
      self->last_text = g_steal_pointer (&text);
    }
}

void
mfa_phone_entry_row_rebuild_formatter (MfaPhoneEntryRow *self)
{
  g_clear_pointer (&self->formatter, mfa_phone_formatter_free);
  self->formatter = mfa_phone_formatter_new (mfa_country_chooser_get_region (self->country_chooser));
  g_clear_pointer (&self->last_text, g_free);
}

/* A whole number pasted with its calling code chooses its country. */
static void
follow_pasted_number (MfaPhoneEntryRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  g_autofree char *region = NULL;

  if (self->e164 == NULL || !mfa_phone_entry_row_is_international (text))
    return;

  region = mfa_phone_region_of (self->e164);
  if (region == NULL ||
      g_ascii_strcasecmp (region, mfa_country_chooser_get_region (self->country_chooser)) == 0)
    return;

  /* Reformats with the new country's rules through ::notify::region. */
  mfa_country_chooser_set_region (self->country_chooser, region);
}

static void
format_now (MfaPhoneEntryRow *self)
{
  gboolean pasted = self->pasted;

  g_clear_handle_id (&self->format_idle_id, g_source_remove);
  self->pasted = FALSE;

  mfa_phone_entry_row_reformat (self);
  mfa_phone_entry_row_update_status (self);

  if (pasted && self->loaded)
    follow_pasted_number (self);
}

static gboolean
format_idle_cb (gpointer user_data)
{
  MfaPhoneEntryRow *self = user_data;

  self->format_idle_id = 0;
  format_now (self);

  return G_SOURCE_REMOVE;
}

/* Formats once the main loop is idle, once for any number of changes. */
void
mfa_phone_entry_row_queue_format (MfaPhoneEntryRow *self)
{
  if (self->format_idle_id == 0)
    self->format_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, format_idle_cb, self, NULL);
}

/**
 * mfa_phone_entry_row_format_now:
 * @self: a #MfaPhoneEntryRow
 *
 * Formats what was typed last without waiting, so that the number
 * checked is the one shown.
 */
void
mfa_phone_entry_row_format_now (MfaPhoneEntryRow *self)
{
  g_return_if_fail (MFA_IS_PHONE_ENTRY_ROW (self));

  format_now (self);
}
