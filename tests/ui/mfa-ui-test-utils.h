/* mfa-ui-test-utils.h
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

#include "mfa-compat.h"
#include "mfa-phone-row.h"

#include "mfa-test-utils.h"

G_BEGIN_DECLS

GtkWidget  *mfa_test_find_widget            (GtkWidget     *root,
                                             GType          type,
                                             const char    *label);
GtkWidget  *mfa_test_find_button            (GtkWidget     *root,
                                             const char    *label);
AdwPreferencesRow *mfa_test_find_row        (GtkWidget     *root,
                                             const char    *title);
const char *mfa_test_widget_label           (GtkWidget     *widget);
gboolean    mfa_test_widget_is_shown        (GtkWidget     *widget);
void        mfa_test_click                  (GtkWidget     *button);
GtkWidget  *mfa_test_find_labelled_button   (GtkWidget     *root,
                                             const char    *label);
gpointer    mfa_test_find_toplevel          (GType          type);
gpointer    mfa_test_wait_for_toplevel      (GType          type);
GtkWidget  *mfa_test_find_dialog            (GType          type);
GtkWidget  *mfa_test_wait_for_dialog        (GType          type);
GtkWindow  *mfa_test_dialog_parent          (GtkWidget     *dialog);
gboolean    mfa_test_is_alert               (GtkWidget     *widget);
GtkWidget  *mfa_test_find_alert             (void);
GtkWidget  *mfa_test_wait_for_alert         (void);
const char *mfa_test_alert_heading          (GtkWidget     *alert);
const char *mfa_test_alert_body             (GtkWidget     *alert);
void        mfa_test_answer_alert           (GtkWidget     *alert,
                                             const char    *response);
GtkWidget  *mfa_test_find_shown_entry       (GtkWidget     *root);
GtkLabel   *mfa_test_find_error_label       (GtkWidget     *root);
GtkLabel   *mfa_test_find_label_containing  (GtkWidget     *root,
                                             const char    *text,
                                             gboolean       only_shown);
void        mfa_test_present_active         (GtkWindow     *window);
void        mfa_test_flush                  (void);
void        mfa_test_wait_for_layout        (GtkWidget     *widget);
void        mfa_test_set_language           (const char    *language);
void        mfa_test_type_text              (GtkEditable   *editable,
                                             const char    *text);
MfaPhoneRow *mfa_test_find_phone_row        (GtkWidget     *root,
                                             const char    *e164);
GtkWidget  *mfa_test_find_button_by_tooltip (GtkWidget     *root,
                                             const char    *tooltip);
void        mfa_test_assert_nothing_cut     (GtkWidget     *root);
void        mfa_test_assert_access_keys_unique (GtkWidget  *root,
                                             const char    *where);
void        mfa_test_load_app_style         (void);

const char *mfa_test_page_name              (gpointer       view);
GtkWidget  *mfa_test_window_page            (gpointer       window,
                                             const char    *name);
const char *mfa_test_step_up_step           (gpointer       dialog);
const char *mfa_test_step_up_level          (gpointer       dialog);

void        mfa_test_record_toasts          (AdwToastOverlay *overlay,
                                             GPtrArray       *toasts);

G_END_DECLS
