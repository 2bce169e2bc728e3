/* mfa-width-layout.c
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

#include "mfa-width-layout.h"

/*
 * Wrapping text laid out once per width, not once per guess.
 *
 * A horizontal GtkBox that holds wrapping labels (a row's title and
 * subtitle, a group's heading and description, a button whose label
 * wraps) looks for the height it needs by asking those labels, again
 * and again, how wide they must be at a given height; each answer is a
 * binary search that lays the text out anew. GTK 4.8 does the same
 * when it allocates a widget that is centred rather than filling. A
 * first frame of the numbers page spent most of its text layout there.
 *
 * MfaWidthLayout takes the place of a widget's own layout manager and
 * hands everything to it, except that a width asked for at a given
 * height is answered with the width for any height. Heights are still
 * asked for at the width given, so the text wraps as before; only the
 * guessing goes.
 *
 * The labels of such a column are also given a narrowest width of a few
 * characters: to learn how narrow a label can be, GTK otherwise lays its
 * text out at no width at all, a line for each letter.
 */

#define COLUMN_MIN_CHARS 10

struct _MfaWidthLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *inner;
};

G_DEFINE_FINAL_TYPE (MfaWidthLayout, mfa_width_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The inner manager is no longer attached to the widget, so it is
 * called through its class with the widget given.
 */
#define INNER_CLASS(self) GTK_LAYOUT_MANAGER_GET_CLASS ((self)->inner)

static GtkSizeRequestMode
mfa_width_layout_get_request_mode (GtkLayoutManager *manager,
                                   GtkWidget        *widget)
{
  MfaWidthLayout *self = MFA_WIDTH_LAYOUT (manager);

  return INNER_CLASS (self)->get_request_mode (self->inner, widget);
}

static void
mfa_width_layout_measure (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          GtkOrientation    orientation,
                          int               for_size,
                          int              *minimum,
                          int              *natural,
                          int              *minimum_baseline,
                          int              *natural_baseline)
{
  MfaWidthLayout *self = MFA_WIDTH_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  INNER_CLASS (self)->measure (self->inner, widget, orientation, for_size,
                               minimum, natural, minimum_baseline, natural_baseline);
}

static void
mfa_width_layout_allocate (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           int               baseline)
{
  MfaWidthLayout *self = MFA_WIDTH_LAYOUT (manager);

  INNER_CLASS (self)->allocate (self->inner, widget, width, height, baseline);
}

static void
mfa_width_layout_finalize (GObject *object)
{
  MfaWidthLayout *self = MFA_WIDTH_LAYOUT (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (mfa_width_layout_parent_class)->finalize (object);
}

static void
mfa_width_layout_class_init (MfaWidthLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->finalize = mfa_width_layout_finalize;

  layout_class->get_request_mode = mfa_width_layout_get_request_mode;
  layout_class->measure = mfa_width_layout_measure;
  layout_class->allocate = mfa_width_layout_allocate;
}

static void
mfa_width_layout_init (MfaWidthLayout *self)
{
}

/**
 * mfa_width_layout_install:
 * @widget: a widget laid out by a box or bin layout
 *
 * Puts a #MfaWidthLayout in front of @widget's layout manager. Only for
 * widgets whose own code never reaches for their layout manager after
 * they are built (a GtkBox whose spacing and orientation stay as built,
 * a GtkButton).
 */
void
mfa_width_layout_install (GtkWidget *widget)
{
  GtkLayoutManager *inner;
  MfaWidthLayout *self;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  inner = gtk_widget_get_layout_manager (widget);
  if (inner == NULL || MFA_IS_WIDTH_LAYOUT (inner))
    return;

  self = g_object_new (MFA_TYPE_WIDTH_LAYOUT, NULL);
  self->inner = g_object_ref (inner);
  gtk_widget_set_layout_manager (widget, GTK_LAYOUT_MANAGER (self));
}

static gboolean
label_wraps (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget));
}

static gboolean
is_box_of (GtkWidget      *widget,
           GtkOrientation  orientation)
{
  /* A box's properties are read through its own layout manager. */
  return GTK_IS_BOX (widget) &&
         !MFA_IS_WIDTH_LAYOUT (gtk_widget_get_layout_manager (widget)) &&
         gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) == orientation;
}

/* A column of labels, one of them wrapping, in a horizontal box: a
 * row's title and subtitle, a group's heading and description, a
 * banner's text.
 */
static gboolean
is_text_column (GtkWidget *widget)
{
  gboolean wraps = FALSE;

  if (!is_box_of (widget, GTK_ORIENTATION_VERTICAL) ||
      !is_box_of (gtk_widget_get_parent (widget), GTK_ORIENTATION_HORIZONTAL))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LABEL (child))
        return FALSE;
      wraps |= label_wraps (child);
    }

  return wraps;
}

static void
install_in_column (GtkWidget *column)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (label_wraps (child) && gtk_label_get_width_chars (GTK_LABEL (child)) < 0)
        gtk_label_set_width_chars (GTK_LABEL (child), COLUMN_MIN_CHARS);
    }

  mfa_width_layout_install (column);
}

static GtkWidget *
only_child_of_type (GtkWidget *widget,
                    GType      type)
{
  GtkWidget *child = widget != NULL ? gtk_widget_get_first_child (widget) : NULL;

  return child != NULL && G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : NULL;
}

/* A status page centres a column of icon, title, description and child
 * in its scrolled window: the column, and the box around its clamp.
 */
static void
install_in_status_page (AdwStatusPage *page)
{
  GtkWidget *scrolled = only_child_of_type (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = only_child_of_type (scrolled, GTK_TYPE_VIEWPORT);
  GtkWidget *outer = only_child_of_type (viewport, GTK_TYPE_BOX);
  GtkWidget *clamp = only_child_of_type (outer, ADW_TYPE_CLAMP);
  GtkWidget *column = only_child_of_type (clamp, GTK_TYPE_BOX);

  if (outer != NULL)
    mfa_width_layout_install (outer);
  if (column != NULL)
    install_in_column (column);
}

/**
 * mfa_width_layout_install_in:
 * @root: a page, a group or a row
 *
 * Installs a #MfaWidthLayout on the text columns of the rows, group
 * headings and status pages under @root, and on its buttons whose label
 * wraps. Safe to call again when rows are added.
 */
void
mfa_width_layout_install_in (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (MFA_IS_WIDTH_LAYOUT (gtk_widget_get_layout_manager (root)))
    return;

  if (is_text_column (root))
    {
      install_in_column (root);
      return;
    }

  if (GTK_IS_BUTTON (root) && label_wraps (gtk_button_get_child (GTK_BUTTON (root))))
    {
      mfa_width_layout_install (root);
      return;
    }

  if (ADW_IS_STATUS_PAGE (root))
    install_in_status_page (ADW_STATUS_PAGE (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mfa_width_layout_install_in (child);
}
