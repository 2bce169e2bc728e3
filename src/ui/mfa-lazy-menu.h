/* mfa-lazy-menu.h
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

static inline void
mfa_lazy_menu_create_cb (GtkMenuButton *button,
                         gpointer       model)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

/*
 * gtk_menu_button_set_menu_model() builds the popover at once: a window
 * with a menu per row would build them all before its first frame. The
 * menu is built when the button is first opened instead.
 */
static inline void
mfa_lazy_menu_set_model (GtkMenuButton *button,
                         GMenuModel    *model)
{
  gtk_menu_button_set_create_popup_func (button, mfa_lazy_menu_create_cb,
                                         g_object_ref (model), g_object_unref);
}

G_END_DECLS
