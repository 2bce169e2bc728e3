/* mfa-button-row.c
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

#include "mfa-button-row.h"

/**
 * MfaButtonRow:
 *
 * Buttons side by side, all as wide as the widest, centred; where the
 * row is too narrow for them (a phone-sized window, a language with
 * long words), one below the other instead. The window can then be as
 * narrow as the widest button, not as the whole row.
 *
 * Children keep their order for the keyboard and screen readers in
 * both layouts.
 */

struct _MfaButtonRow
{
  GtkWidget parent_instance;

  int       spacing;
  gboolean  stacked;
};

static void mfa_button_row_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfaButtonRow, mfa_button_row, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      mfa_button_row_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_STACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* The widest minimum and natural width of the shown children. */
static guint
measure_widths (MfaButtonRow *self,
                int          *widest_min,
                int          *widest_nat)
{
  guint n = 0;

  *widest_min = 0;
  *widest_nat = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *widest_min = MAX (*widest_min, min);
      *widest_nat = MAX (*widest_nat, nat);
      n++;
    }

  return n;
}

static int
row_width (MfaButtonRow *self,
           guint         n,
           int           widest_nat)
{
  return n == 0 ? 0 : (int) n * widest_nat + ((int) n - 1) * self->spacing;
}

/* Each child's height at @width: the tallest (side by side) or the sum
 * with the spacing between (stacked). */
static void
measure_heights (MfaButtonRow *self,
                 int           width,
                 gboolean      stacked,
                 int          *minimum,
                 int          *natural)
{
  guint n = 0;

  *minimum = 0;
  *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      if (stacked)
        {
          *minimum += min;
          *natural += nat;
        }
      else
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      n++;
    }

  if (stacked && n > 1)
    {
      *minimum += ((int) n - 1) * self->spacing;
      *natural += ((int) n - 1) * self->spacing;
    }
}

static GtkSizeRequestMode
mfa_button_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mfa_button_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MfaButtonRow *self = MFA_BUTTON_ROW (widget);
  int widest_min, widest_nat;
  guint n = measure_widths (self, &widest_min, &widest_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as one button, as wide as all of them. */
      *minimum = widest_min;
      *natural = MAX (widest_min, row_width (self, n, widest_nat));
    }
  else
    {
      gboolean stacked = for_size >= 0 && for_size < row_width (self, n, widest_nat);
      int width = stacked ? MIN (for_size, widest_nat) : widest_nat;

      measure_heights (self, width, stacked, minimum, natural);
    }
}

static void
mfa_button_row_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  MfaButtonRow *self = MFA_BUTTON_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int widest_min, widest_nat;
  guint n = measure_widths (self, &widest_min, &widest_nat);
  gboolean stacked = width < row_width (self, n, widest_nat);
  int child_width = MIN (width, widest_nat);
  int x = (width - row_width (self, n, widest_nat)) / 2;
  int y = 0;

  if (stacked)
    {
      int minimum, natural;

      /* Centred in the height given, as the row is. */
      measure_heights (self, child_width, TRUE, &minimum, &natural);
      y = MAX (0, (height - natural) / 2);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      if (stacked)
        {
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &min, &nat, NULL, NULL);
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { (width - child_width) / 2, y, child_width, nat },
                                    -1);
          y += nat + self->spacing;
        }
      else
        {
          int child_x = rtl ? width - x - child_width : x;

          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { child_x, 0, child_width, height },
                                    -1);
          x += child_width + self->spacing;
        }
    }

  if (self->stacked != stacked)
    {
      self->stacked = stacked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED]);
    }
}

/* GtkBuildable */

static void
mfa_button_row_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  if (GTK_IS_WIDGET (child))
    mfa_button_row_append (MFA_BUTTON_ROW (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mfa_button_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mfa_button_row_add_child;
}

/* GObject */

static void
mfa_button_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mfa_button_row_parent_class)->dispose (object);
}

static void
mfa_button_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfaButtonRow *self = MFA_BUTTON_ROW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_button_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MfaButtonRow *self = MFA_BUTTON_ROW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      mfa_button_row_set_spacing (self, g_value_get_int (value));
      break;

    case PROP_STACKED:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_button_row_class_init (MfaButtonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfa_button_row_dispose;
  object_class->get_property = mfa_button_row_get_property;
  object_class->set_property = mfa_button_row_set_property;

  widget_class->get_request_mode = mfa_button_row_get_request_mode;
  widget_class->measure = mfa_button_row_measure;
  widget_class->size_allocate = mfa_button_row_size_allocate;

  /**
   * MfaButtonRow:spacing:
   *
   * Pixels between two buttons, side by side or stacked.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MfaButtonRow:stacked:
   *
   * Whether the last layout put the buttons one below the other.
   */
  properties[PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "buttonrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mfa_button_row_init (MfaButtonRow *self)
{
}

GtkWidget *
mfa_button_row_new (void)
{
  return g_object_new (MFA_TYPE_BUTTON_ROW, NULL);
}

/**
 * mfa_button_row_append:
 * @self: a #MfaButtonRow
 * @child: a button
 *
 * Adds @child after the others.
 */
void
mfa_button_row_append (MfaButtonRow *self,
                       GtkWidget    *child)
{
  g_return_if_fail (MFA_IS_BUTTON_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

int
mfa_button_row_get_spacing (MfaButtonRow *self)
{
  g_return_val_if_fail (MFA_IS_BUTTON_ROW (self), 0);

  return self->spacing;
}

void
mfa_button_row_set_spacing (MfaButtonRow *self,
                            int           spacing)
{
  g_return_if_fail (MFA_IS_BUTTON_ROW (self));

  spacing = MAX (spacing, 0);
  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

/**
 * mfa_button_row_get_stacked:
 * @self: a #MfaButtonRow
 *
 * Returns: whether the buttons are one below the other at the width
 *   the row has now
 */
gboolean
mfa_button_row_get_stacked (MfaButtonRow *self)
{
  g_return_val_if_fail (MFA_IS_BUTTON_ROW (self), FALSE);

  return self->stacked;
}
