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
#include <json-glib/json-glib.h>

#include "mfa-client.h"
#include "mfa-test-server.h"

G_BEGIN_DECLS

/* Holds the result of an async call, for mfa_test_store_result_cb(). */
typedef struct {
  GAsyncResult *result;
} MfaTestWaiter;

/* Spins the main loop until COND holds, failing the test after 20 s. */
#define mfa_test_wait_until(cond) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (1000); \
      } \
  } G_STMT_END

void        mfa_test_iterate                (guint          milliseconds);

char       *mfa_test_create_user            (MfaTestServer *server,
                                             const char    *json);

MfaClient  *mfa_test_signed_in_client       (MfaTestServer *server,
                                             const char    *identifier,
                                             const char    *password);

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

void        mfa_test_store_result_cb        (GObject       *object,
                                             GAsyncResult  *result,
                                             gpointer       user_data);
GAsyncResult *mfa_test_wait_result          (MfaTestWaiter *waiter);

JsonNode   *mfa_test_dev_json               (MfaTestServer *server,
                                             const char    *method,
                                             const char    *path,
                                             const char    *json);
void        mfa_test_dev                    (MfaTestServer *server,
                                             const char    *method,
                                             const char    *path,
                                             const char    *json);
char       *mfa_test_request_log            (MfaTestServer *server);
guint       mfa_test_count_lines_with       (const char    *text,
                                             const char    *prefix);
guint       mfa_test_count_requests         (MfaTestServer *server,
                                             const char    *prefix);
void        mfa_test_clear_requests         (MfaTestServer *server);

G_END_DECLS
