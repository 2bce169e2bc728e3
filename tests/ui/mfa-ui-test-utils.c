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

typedef struct {
  GAsyncResult *result;
} Waiter;

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  mfa_test_wait_until (waiter->result != NULL);

  return g_steal_pointer (&waiter->result);
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
  Waiter waiter = { NULL };

  mfa_client_sign_in_async (client, identifier, password, NULL, store_result_cb, &waiter);
  result = wait_for (&waiter);
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
                                              NULL, store_result_cb, &waiter);
      result = wait_for (&waiter);
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
                                              code, NULL, store_result_cb, &waiter);
      result = wait_for (&waiter);
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
