/* mfa-narrow.c
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

#include "config.h"

#include "mfa-compat.h"
#include "mfa-narrow.h"
#include "mfa-width-layout.h"

/*
 * What keeps the views whole in a window 360 px wide, in languages
 * whose words are longer than English's: headings wrap instead of
 * ending in "…", a phone number never breaks across lines, and a
 * button's label wraps between words rather than widening the window.
 *
 * Where libadwaita has AdwBreakpoint (1.4), the window tells the views
 * when it is narrow (mfa_narrow_breakpoint_add(), 500sp or less), and a
 * button's label wraps only then. On Debian 12's libadwaita 1.2 and GTK
 * 4.8 nothing tells them, and two hand-made workarounds run instead,
 * there only: such a label may wrap at any width, its natural width one
 * line so that it wraps only where the row is too narrow; and
 * MfaWidthLayout spares GTK 4.8 its repeated text layouts of wrapping
 * labels (mfa-width-layout.c).
 *
 * libadwaita gives a group's heading and a row's title no property for
 * wrapping, on any version so far (1.10 still ends a long heading in
 * "…"), so those labels are found by the style class the widget gives
 * them; where a later version builds the widget differently, nothing is
 * changed.
 */

static GtkLabel *
find_label (GtkWidget  *root,
            const char *css_class,
            guint       depth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return GTK_LABEL (child);

      /* Not into the rows of a group, nor the suffixes of a row. */
      if (depth > 0 && !ADW_IS_PREFERENCES_ROW (child) && !GTK_IS_BUTTON (child) &&
          (found = find_label (child, css_class, depth - 1)) != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_narrow_wrap_group_titles:
 * @root: a widget with preferences groups inside
 *
 * Lets the title of every group under @root wrap instead of being
 * ellipsized.
 */
void
mfa_narrow_wrap_group_titles (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      GtkLabel *title = find_label (root, "heading", 4);

      if (title != NULL)
        {
          gtk_label_set_ellipsize (title, PANGO_ELLIPSIZE_NONE);
          gtk_label_set_wrap (title, TRUE);
          gtk_label_set_wrap_mode (title, PANGO_WRAP_WORD_CHAR);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!ADW_IS_PREFERENCES_ROW (child))
      mfa_narrow_wrap_group_titles (child);
}

/**
 * mfa_narrow_keep_title_whole:
 * @row: a row whose title is one phone number
 *
 * Keeps the title of @row on one line, whatever its width: the row
 * is never narrower than its number.
 */
void
mfa_narrow_keep_title_whole (AdwActionRow *row)
{
  g_autoptr(PangoAttrList) attributes = NULL;
  GtkLabel *title;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  title = find_label (GTK_WIDGET (row), "title", 4);
  if (title == NULL)
    return;

  /* Not wrapped, the label asks for the width of the whole number; no
   * break inside it, should anything wrap it all the same. */
  gtk_label_set_wrap (title, FALSE);
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_allow_breaks_new (FALSE));
  gtk_label_set_attributes (title, attributes);
}

/**
 * mfa_narrow_lay_out_text:
 * @root: a page, a group or a row
 *
 * Installs a #MfaWidthLayout under @root (see
 * mfa_width_layout_install_in()) where the stack has no breakpoints,
 * that is on GTK 4.8; elsewhere does nothing. Safe to call again when
 * rows are added.
 */
void
mfa_narrow_lay_out_text (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (!mfa_breakpoints_available ())
    mfa_width_layout_install_in (root);
}

/**
 * mfa_narrow_wrap_button:
 * @button: a button whose child is a text label, or none yet
 * @source: what knows whether the window is narrow: an object with a
 *   boolean `narrow` property
 *
 * Lets the label of @button wrap between words, centred, while @source
 * is narrow; without breakpoints, at any width, on one line as long as
 * it fits. Call it once: gtk_button_set_label() keeps the label.
 */
void
mfa_narrow_wrap_button (GtkButton *button,
                        GObject   *source)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (G_IS_OBJECT (source));

  if (gtk_button_get_child (button) == NULL)
    gtk_button_set_label (button, "");
  child = gtk_button_get_child (button);
  if (!GTK_IS_LABEL (child))
    return;

  gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
  /* Asked for its width at a row's height, a wrapping label would take
   * two lines when one fits: its natural width is the whole line. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (child), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);

  if (mfa_breakpoints_available ())
    {
      g_object_bind_property (source, "narrow", child, "wrap", G_BINDING_SYNC_CREATE);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      mfa_width_layout_install (GTK_WIDGET (button));
    }
}
