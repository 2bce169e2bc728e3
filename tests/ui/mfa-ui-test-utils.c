/* mfa-ui-test-utils.c
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

#include <json-glib/json-glib.h>
#include <string.h>

#include "mfa-ui-test-utils.h"

/**
 * mfa_test_iterate:
 * @milliseconds: how long
 *
 * Runs the main loop for a while, for things that should *not* happen.
 */
void
mfa_test_iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/**
 * mfa_test_create_user:
 * @server: a server started with `--dev-routes`
 * @json: the body of `POST /__dev/users`
 *
 * Returns: (transfer full): the new user's id
 */
char *
mfa_test_create_user (MfaTestServer *server,
                      const char    *json)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint status = 0;
  JsonObject *object;

  body = mfa_test_server_dev_request (server, "POST", "/__dev/users", json, &status);
  g_assert_cmpuint (status, ==, 200);

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member (object, "user_id"));
}

/**
 * mfa_test_store_result_cb:
 * @object: the source object
 * @result: the result
 * @user_data: an #MfaTestWaiter
 *
 * A #GAsyncReadyCallback that keeps @result in the #MfaTestWaiter passed
 * as @user_data, for mfa_test_wait_result().
 */
void
mfa_test_store_result_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  MfaTestWaiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

/**
 * mfa_test_wait_result:
 * @waiter: a waiter given to mfa_test_store_result_cb()
 *
 * Spins the main loop until the call finished.
 *
 * Returns: (transfer full): its result; @waiter is ready for the next call
 */
GAsyncResult *
mfa_test_wait_result (MfaTestWaiter *waiter)
{
  mfa_test_wait_until (waiter->result != NULL);

  return g_steal_pointer (&waiter->result);
}

/**
 * mfa_test_dev_json:
 * @server: a server started with `--dev-routes`
 * @method: the HTTP method
 * @path: the dev route, such as `/__dev/faults`
 * @json: (nullable): the request body
 *
 * Calls a dev route, failing the test unless it answers 200 with JSON.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL if empty
 */
JsonNode *
mfa_test_dev_json (MfaTestServer *server,
                   const char    *method,
                   const char    *path,
                   const char    *json)
{
  g_autofree char *answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint status = 0;

  answer = mfa_test_server_dev_request (server, method, path, json, &status);
  g_assert_cmpuint (status, ==, 200);
  if (answer == NULL || *answer == '\0')
    return NULL;

  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * mfa_test_dev:
 * @server: a server started with `--dev-routes`
 * @method: the HTTP method
 * @path: the dev route, such as `/__dev/faults`
 * @json: (nullable): the request body
 *
 * Like mfa_test_dev_json(), for routes whose answer does not matter.
 */
void
mfa_test_dev (MfaTestServer *server,
              const char    *method,
              const char    *path,
              const char    *json)
{
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, method, path, json);
}

/**
 * mfa_test_request_log:
 * @server: a server started with `--dev-routes`
 *
 * Reads `GET /__dev/requests`: the /v1 requests the server saw since
 * the last mfa_test_clear_requests().
 *
 * Returns: (transfer full): one "METHOD path\n" line a request
 */
char *
mfa_test_request_log (MfaTestServer *server)
{
  g_autoptr(JsonNode) node = mfa_test_dev_json (server, "GET", "/__dev/requests", NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      g_string_append_printf (text, "%s %s\n",
                              json_object_get_string_member (request, "method"),
                              json_object_get_string_member (request, "path"));
    }

  return g_string_free (text, FALSE);
}

/**
 * mfa_test_count_lines_with:
 * @text: lines, such as from mfa_test_request_log()
 * @prefix: what the lines counted start with
 *
 * Returns: how many lines of @text start with @prefix
 */
guint
mfa_test_count_lines_with (const char *text,
                           const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;

  return n;
}

/**
 * mfa_test_count_requests:
 * @server: a server started with `--dev-routes`
 * @prefix: the start of the "METHOD path" line, such as "POST /v1/me/"
 *
 * Returns: how many requests since the last clear match @prefix
 */
guint
mfa_test_count_requests (MfaTestServer *server,
                         const char    *prefix)
{
  g_autofree char *log = mfa_test_request_log (server);

  return mfa_test_count_lines_with (log, prefix);
}

/**
 * mfa_test_clear_requests:
 * @server: a server started with `--dev-routes`
 *
 * Empties the server's request log (`DELETE /__dev/requests`).
 */
void
mfa_test_clear_requests (MfaTestServer *server)
{
  mfa_test_dev (server, "DELETE", "/__dev/requests", NULL);
}

/**
 * mfa_test_find_toplevel:
 * @type: the window type wanted, such as %ADW_TYPE_MESSAGE_DIALOG
 *
 * Returns: (transfer none) (nullable) (type GtkWindow): the first
 *   visible toplevel of @type, or %NULL
 */
gpointer
mfa_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * mfa_test_signed_in_client:
 * @server: the server
 * @identifier: the account's identifier
 * @password: its password
 *
 * Signs in through #MfaClient as the app does: password, then, when the
 * account asks for it, an SMS code to its default phone read from the
 * server's outbox.
 *
 * Returns: (transfer full): a client with a session and a user
 */
MfaClient *
mfa_test_signed_in_client (MfaTestServer *server,
                           const char    *identifier,
                           const char    *password)
{
  g_autoptr(MfaClient) client = mfa_client_new (mfa_test_server_get_base_url (server));
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MfaTestWaiter waiter = { NULL };

  mfa_client_sign_in_async (client, identifier, password, NULL, mfa_test_store_result_cb, &waiter);
  result = mfa_test_wait_result (&waiter);
  sign_in = mfa_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  if (mfa_sign_in_get_status (sign_in) == MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR)
    {
      GListModel *factors = mfa_sign_in_get_second_factors (sign_in);
      g_autoptr(MfaSignIn) prepared = NULL;
      g_autoptr(MfaSignIn) done = NULL;
      g_autofree char *code = NULL;
      const char *phone_id = NULL;
      g_autofree char *e164 = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
        {
          g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

          if (g_strcmp0 (mfa_factor_get_strategy (factor), "phone_code") == 0 &&
              mfa_factor_get_default (factor))
            phone_id = mfa_factor_get_phone_number_id (factor);
        }
      g_assert_nonnull (phone_id);

      mfa_client_prepare_second_factor_async (client, mfa_sign_in_get_id (sign_in), phone_id,
                                              NULL, mfa_test_store_result_cb, &waiter);
      result = mfa_test_wait_result (&waiter);
      prepared = mfa_client_prepare_second_factor_finish (client, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);

      /* The outbox is keyed by number: find which number that factor is. */
      {
        g_autofree char *body = NULL;
        g_autoptr(JsonParser) parser = json_parser_new ();
        JsonArray *messages;
        guint status = 0;

        body = mfa_test_server_dev_request (server, "GET", "/__dev/sms", NULL, &status);
        g_assert_cmpuint (status, ==, 200);
        json_parser_load_from_data (parser, body, -1, &error);
        g_assert_no_error (error);
        messages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "messages");
        g_assert_cmpuint (json_array_get_length (messages), >, 0);
        code = g_strdup (json_object_get_string_member (
                           json_array_get_object_element (messages, json_array_get_length (messages) - 1),
                           "code"));
      }

      mfa_client_attempt_second_factor_async (client, mfa_sign_in_get_id (sign_in), "phone_code",
                                              code, NULL, mfa_test_store_result_cb, &waiter);
      result = mfa_test_wait_result (&waiter);
      done = mfa_client_attempt_second_factor_finish (client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mfa_sign_in_get_status (done), ==, MFA_SIGN_IN_STATUS_COMPLETE);
    }

  g_assert_nonnull (mfa_client_get_session_id (client));
  g_assert_nonnull (mfa_client_get_user (client));

  return g_steal_pointer (&client);
}

/**
 * mfa_test_widget_label:
 * @widget: a widget
 *
 * Returns: (nullable): the text a person reads on @widget: a button's
 *   label, a label's text, a row's title
 */
const char *
mfa_test_widget_label (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        return gtk_button_get_label (GTK_BUTTON (widget));
      if (ADW_IS_BUTTON_CONTENT (child))
        return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
      if (GTK_IS_LABEL (child))
        return gtk_label_get_label (GTK_LABEL (child));

      /* A box with a spinner and a label, for buttons that show progress. */
      for (GtkWidget *inner = child != NULL ? gtk_widget_get_first_child (child) : NULL;
           inner != NULL;
           inner = gtk_widget_get_next_sibling (inner))
        {
          if (GTK_IS_LABEL (inner))
            return gtk_label_get_label (GTK_LABEL (inner));
        }
      return NULL;
    }

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));

  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return NULL;
}

/**
 * mfa_test_find_widget:
 * @root: where to look
 * @type: the type wanted
 * @label: (nullable): the text it must show, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkWidget *
mfa_test_find_widget (GtkWidget  *root,
                      GType       type,
                      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || g_strcmp0 (mfa_test_widget_label (root), label) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mfa_test_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
mfa_test_find_button (GtkWidget  *root,
                      const char *label)
{
  return mfa_test_find_widget (root, GTK_TYPE_BUTTON, label);
}

AdwPreferencesRow *
mfa_test_find_row (GtkWidget  *root,
                   const char *title)
{
  return (AdwPreferencesRow *)mfa_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, title);
}

/**
 * mfa_test_widget_is_shown:
 * @widget: a widget
 *
 * Returns: whether @widget and all its ancestors are visible
 */
gboolean
mfa_test_widget_is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
    }

  return TRUE;
}

/**
 * mfa_test_click:
 * @button: a button a person could press now
 *
 * Presses @button as a person would; fails if they could not.
 */
void
mfa_test_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (mfa_test_widget_is_shown (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_label (GtkWidget  *widget,
           const char *label)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label (child, label))
        return TRUE;
    }

  return FALSE;
}

/**
 * mfa_test_find_labelled_button:
 * @root: where to look
 * @label: the text on the button, mnemonic underscore included
 *
 * Like mfa_test_find_button(), but also finds buttons whose content is a
 * box, such as a spinner next to a label.
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkWidget *
mfa_test_find_labelled_button (GtkWidget  *root,
                               const char *label)
{
  if (GTK_IS_BUTTON (root) &&
      (g_strcmp0 (mfa_test_widget_label (root), label) == 0 || has_label (root, label)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mfa_test_find_labelled_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}
