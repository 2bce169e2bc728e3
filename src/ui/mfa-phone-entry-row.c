/* mfa-phone-entry-row.c
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
#include <string.h>

#include "mfa-country-chooser.h"
#include "mfa-phone-display.h"
#include "mfa-phone-entry-row.h"

#define LRI "\u2066"
#define PDI "\u2069"

/**
 * MfaPhoneEntryRow:
 *
 * A phone number as a person types it: the country it belongs to, and
 * the number, in national or international form, formatted as it is
 * typed with the country's rules and the cursor kept after the same
 * digit. Below them, an example number of the country, or the number in
 * the international form that would be sent.
 *
 * Every change is checked with the phone helper:
 * #MfaPhoneEntryRow:status says what is wrong, #MfaPhoneEntryRow:error
 * explains it, and #MfaPhoneEntryRow:e164 holds the number only when it
 * is valid. A number pasted in international form chooses its country.
 *
 * Nothing works before mfa_phone_entry_row_load().
 */
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

G_DEFINE_FINAL_TYPE (MfaPhoneEntryRow, mfa_phone_entry_row, ADW_TYPE_BIN)

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

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_phone_entry_row_new (void)
{
  return g_object_new (MFA_TYPE_PHONE_ENTRY_ROW, NULL);
}

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

static gboolean
is_international (const char *text)
{
  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  return text[0] == '+' || g_str_has_prefix (text, "00");
}

/* Checking */

static char *
dup_status_message (MfaPhoneEntryRow *self,
                    MfaPhoneStatus    status,
                    const char       *text)
{
  MfaCountry *country = mfa_country_chooser_get_country (self->country_chooser);
  gboolean national = !is_international (text) && country != NULL;

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

static void
update_hint (MfaPhoneEntryRow *self)
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
static void
update_status (MfaPhoneEntryRow *self)
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (g_strcmp0 (self->e164, e164) != 0)
    {
      g_free (self->e164);
      self->e164 = g_steal_pointer (&e164);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_E164]);
    }

  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  update_hint (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Formatting */

static void
set_number_text (MfaPhoneEntryRow *self,
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
static void
reformat_number (MfaPhoneEntryRow *self)
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
      set_number_text (self, formatted);
      gtk_editable_set_position (editable, offset_after_dialable (formatted, before));
    }
  else
    {
      g_free (self->last_text);
      self->last_text = g_steal_pointer (&text);
    }
}

static void
rebuild_formatter (MfaPhoneEntryRow *self)
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

  if (self->e164 == NULL || !is_international (text))
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

  reformat_number (self);
  update_status (self);

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

static void
number_changed_cb (MfaPhoneEntryRow *self)
{
  if (!self->updating_text)
    {
      update_status (self);

      /* GtkText moves the cursor only after ::changed: format once it has. */
      if (self->format_idle_id == 0)
        self->format_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, format_idle_cb, self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* More than one character at once: pasted, dropped or committed by an
 * input method.
 */
static void
insert_text_cb (MfaPhoneEntryRow *self,
                const char       *text,
                int               length,
                int              *position)
{
  if (!self->updating_text && g_utf8_strlen (text, length) > 1)
    self->pasted = TRUE;
}

static void
number_activated_cb (MfaPhoneEntryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static void
region_changed_cb (MfaPhoneEntryRow *self)
{
  if (!self->loaded)
    return;

  rebuild_formatter (self);
  reformat_number (self);
  update_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

/* Public API */

/**
 * mfa_phone_entry_row_load:
 * @self: a #MfaPhoneEntryRow
 * @error: return location for an error
 *
 * Loads the phone helper and the country list, and chooses the country
 * of the desktop's locale. Does nothing once loaded. When loading fails
 * the status stays %MFA_PHONE_UNAVAILABLE, with @error's message as the
 * #MfaPhoneEntryRow:error.
 *
 * Returns: %TRUE when numbers can be checked
 */
gboolean
mfa_phone_entry_row_load (MfaPhoneEntryRow  *self,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  GtkWidget *chooser_button;

  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->loaded)
    return TRUE;

  if (!mfa_phone_load (&local_error) ||
      !mfa_country_chooser_load (self->country_chooser, &local_error))
    {
      g_free (self->load_error);
      self->load_error = g_strdup (local_error->message);
      update_status (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->loaded = TRUE;

  /* The row's mnemonic opens the country list. */
  chooser_button = adw_bin_get_child (ADW_BIN (self->country_chooser));
  if (chooser_button != NULL)
    adw_action_row_set_activatable_widget (self->country_row, chooser_button);

  region_changed_cb (self);

  return TRUE;
}

gboolean
mfa_phone_entry_row_is_loaded (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), FALSE);

  return self->loaded;
}

/**
 * mfa_phone_entry_row_get_region:
 * @self: a #MfaPhoneEntryRow
 *
 * Returns: (nullable): the ISO code of the chosen country
 */
const char *
mfa_phone_entry_row_get_region (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), NULL);

  return mfa_country_chooser_get_region (self->country_chooser);
}

/**
 * mfa_phone_entry_row_set_region:
 * @self: a loaded #MfaPhoneEntryRow
 * @region: an ISO 3166-1 alpha-2 code
 *
 * Returns: %TRUE if @region is in the list and now chosen
 */
gboolean
mfa_phone_entry_row_set_region (MfaPhoneEntryRow *self,
                                const char       *region)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  return mfa_country_chooser_set_region (self->country_chooser, region);
}

const char *
mfa_phone_entry_row_get_text (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->number_row));
}

/**
 * mfa_phone_entry_row_set_text:
 * @self: a #MfaPhoneEntryRow
 * @text: the number, in any form
 *
 * Replaces the number, formatted at once, the cursor at its end.
 */
void
mfa_phone_entry_row_set_text (MfaPhoneEntryRow *self,
                              const char       *text)
{
  g_return_if_fail (MFA_IS_PHONE_ENTRY_ROW (self));
  g_return_if_fail (text != NULL);

  g_clear_handle_id (&self->format_idle_id, g_source_remove);
  g_clear_pointer (&self->last_text, g_free);
  if (self->formatter != NULL)
    mfa_phone_formatter_input (self->formatter, "");

  set_number_text (self, text);
  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
  reformat_number (self);
  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
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

/**
 * mfa_phone_entry_row_get_status:
 * @self: a #MfaPhoneEntryRow
 *
 * Returns: what the phone helper says about the text shown
 */
MfaPhoneStatus
mfa_phone_entry_row_get_status (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), MFA_PHONE_UNAVAILABLE);

  return self->status;
}

/**
 * mfa_phone_entry_row_get_e164:
 * @self: a #MfaPhoneEntryRow
 *
 * Returns: (nullable): the number in E.164 form, when it is valid
 */
const char *
mfa_phone_entry_row_get_e164 (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), NULL);

  return self->e164;
}

/**
 * mfa_phone_entry_row_get_error:
 * @self: a #MfaPhoneEntryRow
 *
 * Returns: (nullable): what is wrong with the number and how to put it
 *   right, or %NULL when it is valid
 */
const char *
mfa_phone_entry_row_get_error (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), NULL);

  return self->error;
}

gboolean
mfa_phone_entry_row_get_editable (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), FALSE);

  return gtk_editable_get_editable (GTK_EDITABLE (self->number_row));
}

/**
 * mfa_phone_entry_row_set_editable:
 * @self: a #MfaPhoneEntryRow
 * @editable: whether the number and the country may change
 *
 * The entry keeps its focus and its text while it is not editable.
 */
void
mfa_phone_entry_row_set_editable (MfaPhoneEntryRow *self,
                                  gboolean          editable)
{
  g_return_if_fail (MFA_IS_PHONE_ENTRY_ROW (self));

  editable = !!editable;
  if (mfa_phone_entry_row_get_editable (self) == editable)
    return;

  gtk_editable_set_editable (GTK_EDITABLE (self->number_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->country_chooser), editable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
mfa_phone_entry_row_get_show_error (MfaPhoneEntryRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ENTRY_ROW (self), FALSE);

  return self->show_error;
}

/**
 * mfa_phone_entry_row_set_show_error:
 * @self: a #MfaPhoneEntryRow
 * @show_error: whether to mark the number as wrong
 *
 * Marks the number entry, for a message shown elsewhere about it.
 */
void
mfa_phone_entry_row_set_show_error (MfaPhoneEntryRow *self,
                                    gboolean          show_error)
{
  g_return_if_fail (MFA_IS_PHONE_ENTRY_ROW (self));

  show_error = !!show_error;
  if (self->show_error == show_error)
    return;

  self->show_error = show_error;
  if (show_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->number_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->number_row), "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ERROR]);
}

/* GtkWidget */

/* Focus without selecting: typing goes on where the number ends. */
static gboolean
mfa_phone_entry_row_grab_focus (GtkWidget *widget)
{
  MfaPhoneEntryRow *self = MFA_PHONE_ENTRY_ROW (widget);

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->number_row)))
    return FALSE;

  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
  return TRUE;
}

static void
mfa_phone_entry_row_direction_changed (GtkWidget        *widget,
                                       GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (mfa_phone_entry_row_parent_class)->direction_changed (widget, previous);

  update_hint (MFA_PHONE_ENTRY_ROW (widget));
}

/* GObject */

static void
mfa_phone_entry_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MfaPhoneEntryRow *self = MFA_PHONE_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_string (value, mfa_phone_entry_row_get_region (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, mfa_phone_entry_row_get_text (self));
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_E164:
      g_value_set_string (value, self->e164);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, mfa_phone_entry_row_get_editable (self));
      break;

    case PROP_SHOW_ERROR:
      g_value_set_boolean (value, self->show_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_entry_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MfaPhoneEntryRow *self = MFA_PHONE_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_REGION:
      if (g_value_get_string (value) != NULL)
        mfa_phone_entry_row_set_region (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      mfa_phone_entry_row_set_text (self, g_value_get_string (value) != NULL
                                          ? g_value_get_string (value) : "");
      break;

    case PROP_EDITABLE:
      mfa_phone_entry_row_set_editable (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_ERROR:
      mfa_phone_entry_row_set_show_error (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_entry_row_dispose (GObject *object)
{
  MfaPhoneEntryRow *self = MFA_PHONE_ENTRY_ROW (object);

  g_clear_handle_id (&self->format_idle_id, g_source_remove);

  /* The box is both AdwBin's child and a template child: let AdwBin
   * drop it first, or both would unparent it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_PHONE_ENTRY_ROW);

  G_OBJECT_CLASS (mfa_phone_entry_row_parent_class)->dispose (object);
}

static void
mfa_phone_entry_row_finalize (GObject *object)
{
  MfaPhoneEntryRow *self = MFA_PHONE_ENTRY_ROW (object);

  g_clear_pointer (&self->formatter, mfa_phone_formatter_free);
  g_clear_pointer (&self->last_text, g_free);
  g_clear_pointer (&self->load_error, g_free);
  g_clear_pointer (&self->e164, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (mfa_phone_entry_row_parent_class)->finalize (object);
}

static void
mfa_phone_entry_row_class_init (MfaPhoneEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_phone_entry_row_get_property;
  object_class->set_property = mfa_phone_entry_row_set_property;
  object_class->dispose = mfa_phone_entry_row_dispose;
  object_class->finalize = mfa_phone_entry_row_finalize;

  widget_class->grab_focus = mfa_phone_entry_row_grab_focus;
  widget_class->direction_changed = mfa_phone_entry_row_direction_changed;

  /**
   * MfaPhoneEntryRow:region:
   *
   * The ISO 3166-1 code of the country chosen, by which a number typed
   * in national form is read.
   */
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:text:
   *
   * The number as shown, formatted.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:status:
   *
   * What the phone helper says about the text shown, a #MfaPhoneStatus.
   */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      MFA_PHONE_OK, MFA_PHONE_UNAVAILABLE, MFA_PHONE_UNAVAILABLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:e164:
   *
   * The number in E.164 form, such as +12015550123, when it is valid;
   * %NULL otherwise.
   */
  properties[PROP_E164] =
    g_param_spec_string ("e164", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:error:
   *
   * What is wrong with the number and how to put it right, for the
   * person; %NULL when it is valid.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:editable:
   *
   * Whether the number and the country may change.
   */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneEntryRow:show-error:
   *
   * Whether the number entry is marked as wrong.
   */
  properties[PROP_SHOW_ERROR] =
    g_param_spec_boolean ("show-error", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaPhoneEntryRow::activate:
   * @self: the row
   *
   * The person pressed Enter in the number.
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-phone-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneEntryRow, country_row);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneEntryRow, country_chooser);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneEntryRow, number_row);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneEntryRow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneEntryRow, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
}

static void
mfa_phone_entry_row_init (MfaPhoneEntryRow *self)
{
  GtkWidget *text;

  g_type_ensure (MFA_TYPE_COUNTRY_CHOOSER);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status = MFA_PHONE_UNAVAILABLE;

  /* Phone numbers read left to right, also in right-to-left locales. */
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->number_row)));
  if (text != NULL)
    {
      gtk_widget_set_direction (text, GTK_TEXT_DIR_LTR);
      g_signal_connect_object (text, "insert-text",
                               G_CALLBACK (insert_text_cb), self, G_CONNECT_SWAPPED);
    }

  update_status (self);
}
