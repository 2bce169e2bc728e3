/* mfa-tooltip.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * gtk_widget_set_tooltip_text() on a visible widget asks the display
 * server where the pointer is, and waits for the answer, every time. Rows
 * that set their buttons' tooltips on each update would wait once per
 * button per row: the tooltip is set only when its text changes.
 */
static inline void
mfa_tooltip_set_text (GtkWidget  *widget,
                      const char *text)
{
  if (text != NULL && text[0] == '\0')
    text = NULL;

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

G_END_DECLS
