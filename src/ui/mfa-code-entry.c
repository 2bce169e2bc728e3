/* mfa-code-entry.c
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


#define G_LOG_DOMAIN "mfa-code-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-code-entry.h"

/* One field for a six-digit code: keeps digits only (so a pasted
 * “123 456” or “123-456” becomes 123456), stops at six, and emits
 * ::complete as soon as the sixth digit is there.
 */
struct _MfaCodeEntry
{
  AdwBin    parent_instance;

  GtkEntry *entry;
};

G_DEFINE_FINAL_TYPE (MfaCodeEntry, mfa_code_entry, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CODE,
  N_PROPS
};

enum {
  SIGNAL_COMPLETE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
mfa_code_entry_new (void)
{
  return g_object_new (MFA_TYPE_CODE_ENTRY, NULL);
}

/**
 * mfa_code_entry_get_editable:
 * @self: a #MfaCodeEntry
 *
 * Returns: (transfer none): the editable people type into
 */
GtkEditable *
mfa_code_entry_get_editable (MfaCodeEntry *self)
{
  g_return_val_if_fail (MFA_IS_CODE_ENTRY (self), NULL);

  return GTK_EDITABLE (self->entry);
}

const char *
mfa_code_entry_get_code (MfaCodeEntry *self)
{
  g_return_val_if_fail (MFA_IS_CODE_ENTRY (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

gboolean
mfa_code_entry_is_complete (MfaCodeEntry *self)
{
  g_return_val_if_fail (MFA_IS_CODE_ENTRY (self), FALSE);

  return strlen (mfa_code_entry_get_code (self)) == MFA_CODE_LENGTH;
}

void
mfa_code_entry_clear (MfaCodeEntry *self)
{
  g_return_if_fail (MFA_IS_CODE_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

/**
 * mfa_code_entry_set_error:
 * @self: a #MfaCodeEntry
 * @error: whether the code as typed was refused
 */
void
mfa_code_entry_set_error (MfaCodeEntry *self,
                          gboolean      error)
{
  g_return_if_fail (MFA_IS_CODE_ENTRY (self));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
insert_text_cb (GtkEditable  *editable,
                const char   *text,
                int           length,
                int          *position,
                MfaCodeEntry *self)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize room;

  if (length < 0)
    length = strlen (text);

  /* Digits of any script count (“١٢٣” is 123), as their ASCII form. */
  for (const char *p = text; p < text + length && *p != '\0'; p = g_utf8_next_char (p))
    {
      int value = g_unichar_digit_value (g_utf8_get_char (p));

      if (value >= 0)
        g_string_append_c (digits, '0' + value);
    }

  room = MFA_CODE_LENGTH - MIN (MFA_CODE_LENGTH, strlen (gtk_editable_get_text (editable)));
  if (digits->len > room)
    g_string_truncate (digits, room);

  if (digits->len == (gsize)length && memcmp (digits->str, text, length) == 0)
    return;

  g_signal_handlers_block_by_func (editable, insert_text_cb, self);
  if (digits->len > 0)
    gtk_editable_insert_text (editable, digits->str, digits->len, position);
  g_signal_handlers_unblock_by_func (editable, insert_text_cb, self);

  g_signal_stop_emission_by_name (editable, "insert-text");

  if (digits->len == 0)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
changed_cb (MfaCodeEntry *self)
{
  mfa_code_entry_set_error (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);

  if (mfa_code_entry_is_complete (self))
    g_signal_emit (self, signals[SIGNAL_COMPLETE], 0, mfa_code_entry_get_code (self));
}

static gboolean
mfa_code_entry_grab_focus (GtkWidget *widget)
{
  MfaCodeEntry *self = MFA_CODE_ENTRY (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
mfa_code_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfaCodeEntry *self = MFA_CODE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, mfa_code_entry_get_code (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_code_entry_class_init (MfaCodeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_code_entry_get_property;
  widget_class->grab_focus = mfa_code_entry_grab_focus;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaCodeEntry::complete:
   * @self: the entry
   * @code: the six digits
   *
   * Emitted when the sixth digit arrives.
   */
  signals[SIGNAL_COMPLETE] =
    g_signal_new ("complete",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mfa_code_entry_init (MfaCodeEntry *self)
{
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_input_hints (self->entry, GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 0.5);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), MFA_CODE_LENGTH + 2);
  gtk_entry_set_placeholder_text (self->entry, "000000");
  gtk_widget_set_direction (GTK_WIDGET (self->entry), GTK_TEXT_DIR_LTR);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "code-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Six-digit code"),
                                  -1);

  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)),
                           "insert-text", G_CALLBACK (insert_text_cb), self, 0);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->entry));
}
