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

#include "mfa-phone-entry-row-private.h"

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
G_DEFINE_FINAL_TYPE (MfaPhoneEntryRow, mfa_phone_entry_row, ADW_TYPE_BIN)

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

/* For the row's other files, which do not see the properties. */
void
mfa_phone_entry_row_notify (MfaPhoneEntryRow *self,
                            guint             prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Handlers */

static void
number_changed_cb (MfaPhoneEntryRow *self)
{
  if (!self->updating_text)
    {
      mfa_phone_entry_row_update_status (self);

      /* GtkText moves the cursor only after ::changed: format once it has. */
      mfa_phone_entry_row_queue_format (self);
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

  mfa_phone_entry_row_rebuild_formatter (self);
  mfa_phone_entry_row_reformat (self);
  mfa_phone_entry_row_update_status (self);

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
      mfa_phone_entry_row_update_status (self);
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

  mfa_phone_entry_row_set_number_text (self, text);
  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
  mfa_phone_entry_row_reformat (self);
  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
  mfa_phone_entry_row_update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
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

  mfa_phone_entry_row_update_hint (MFA_PHONE_ENTRY_ROW (widget));
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

  mfa_phone_entry_row_update_status (self);
}
