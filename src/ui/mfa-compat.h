/* mfa-compat.h
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

#include <adwaita.h>

G_BEGIN_DECLS

/* Alerts: an AdwAlertDialog where libadwaita has it (1.5), else an
 * AdwMessageDialog. Either emits "response", detailed by the response id,
 * with the id as a string; a handler is
 *
 *   void response_cb (GtkWidget *alert, const char *response, gpointer user_data);
 *
 * connected to "response" or "response::ID". An alert closes itself once
 * answered; closing it otherwise answers its close response.
 */
#define MFA_IS_ALERT(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), mfa_alert_get_widget_type ()))

GType                  mfa_alert_get_widget_type         (void);
GtkWidget             *mfa_alert_new                     (const char            *heading,
                                                          const char            *body);
void                   mfa_alert_format_heading          (GtkWidget             *alert,
                                                          const char            *format,
                                                          ...) G_GNUC_PRINTF (2, 3);
void                   mfa_alert_format_body             (GtkWidget             *alert,
                                                          const char            *format,
                                                          ...) G_GNUC_PRINTF (2, 3);
void                   mfa_alert_add_response            (GtkWidget             *alert,
                                                          const char            *id,
                                                          const char            *label);
void                   mfa_alert_add_responses           (GtkWidget             *alert,
                                                          const char            *first_id,
                                                          ...) G_GNUC_NULL_TERMINATED;
void                   mfa_alert_set_response_appearance (GtkWidget             *alert,
                                                          const char            *response,
                                                          AdwResponseAppearance  appearance);
void                   mfa_alert_set_default_response    (GtkWidget             *alert,
                                                          const char            *response);
void                   mfa_alert_set_close_response      (GtkWidget             *alert,
                                                          const char            *response);
void                   mfa_alert_present                 (GtkWidget             *alert,
                                                          GtkWidget             *parent);
void                   mfa_alert_close                   (GtkWidget             *alert);
const char            *mfa_alert_get_heading             (GtkWidget             *alert);
const char            *mfa_alert_get_body                (GtkWidget             *alert);
const char            *mfa_alert_get_response_label      (GtkWidget             *alert,
                                                          const char            *response);
AdwResponseAppearance  mfa_alert_get_response_appearance (GtkWidget             *alert,
                                                          const char            *response);
const char            *mfa_alert_get_default_response    (GtkWidget             *alert);
const char            *mfa_alert_get_close_response      (GtkWidget             *alert);

/* Closing any of the dialogs below, as Escape would. */
void                   mfa_dialog_close                  (GtkWidget             *dialog);

/* About: an AdwAboutDialog (libadwaita 1.5) or an AdwAboutWindow. */
GType                  mfa_about_get_widget_type         (void);
void                   mfa_about_present                 (GtkWidget             *parent,
                                                          const char            *first_property_name,
                                                          ...) G_GNUC_NULL_TERMINATED;

/* The keyboard shortcuts: an AdwShortcutsDialog (libadwaita 1.8) or a
 * GtkShortcutsWindow.
 */
GType                  mfa_shortcuts_get_widget_type     (void);
void                   mfa_shortcuts_present             (GtkWidget             *parent);

/* Where to save a file: a GtkFileDialog (GTK 4.10) or a
 * GtkFileChooserNative.
 */
void                   mfa_save_file_choose_async        (GtkWidget             *parent,
                                                          const char            *title,
                                                          const char            *accept_label,
                                                          GFile                 *folder,
                                                          const char            *name,
                                                          GtkFileFilter         *filter,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GFile                 *mfa_save_file_choose_finish       (GAsyncResult          *result,
                                                          GError               **error);

/* The narrow layout: an AdwBreakpoint (libadwaita 1.4) where the stack
 * has one, else nothing (see mfa-narrow.c).
 */
gboolean               mfa_breakpoints_available         (void);
void                   mfa_narrow_breakpoint_add         (GtkWidget             *window,
                                                          GObject               *object,
                                                          const char            *property);

G_END_DECLS
