/* test-sign-in-view.c
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

#include "mfa-code-entry.h"
#include "mfa-factor-prompt.h"
#include "mfa-sign-in-view.h"
#include "mfa-ui-test-utils.h"

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE_DEFAULT "+12015550123"
#define PHONE_OTHER "+12015550124"

typedef struct {
  MfaTestServer *server;
  MfaAccount    *account;
  MfaClient     *client;
  MfaClock      *clock;
  GtkWindow     *window;
  MfaSignInView *view;
  guint          signed_in;
  char         **backup_codes;
} Fixture;

static void
signed_in_cb (MfaSignInView *view,
              Fixture       *fixture)
{
  fixture->signed_in++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *codes;
  guint status = 0;

  fixture->server = mfa_test_server_new ("--dev-routes", "--reverification", "off", NULL);

  body = mfa_test_server_dev_request (fixture->server, "POST", "/__dev/users",
                                      "{\"identifier\":\"" IDENTIFIER "\","
                                      "\"password\":\"" PASSWORD "\","
                                      "\"backup_codes\":true,"
                                      "\"phones\":["
                                      "{\"phone_number\":\"" PHONE_DEFAULT "\",\"verified\":true,\"reserved\":true,\"default\":true},"
                                      "{\"phone_number\":\"" PHONE_OTHER "\",\"verified\":true,\"reserved\":true,\"default\":false}]}",
                                      &status);
  g_assert_cmpuint (status, ==, 200);
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  codes = json_object_get_array_member (object, "backup_codes");
  g_assert_nonnull (codes);
  g_assert_cmpuint (json_array_get_length (codes), >, 0);
  fixture->backup_codes = g_new0 (char *, json_array_get_length (codes) + 1);
  for (guint i = 0; i < json_array_get_length (codes); i++)
    fixture->backup_codes[i] = g_strdup (json_array_get_string_element (codes, i));

  fixture->clock = mfa_clock_new ();
  mfa_clock_set_manual (fixture->clock, TRUE);
  fixture->account = mfa_test_signed_in_account (fixture->server, NULL, NULL, fixture->clock);
  fixture->client = g_object_ref (mfa_account_get_client (fixture->account));

  fixture->view = MFA_SIGN_IN_VIEW (mfa_sign_in_view_new ());
  mfa_sign_in_view_set_account (fixture->view, fixture->account);
  g_signal_connect (fixture->view, "signed-in", G_CALLBACK (signed_in_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  mfa_sign_in_view_start (fixture->view, NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer view = fixture->view;

  g_object_add_weak_pointer (G_OBJECT (view), &view);
  gtk_window_destroy (fixture->window);
  /* Cancelled requests hold the view until their callbacks ran. */
  mfa_test_wait_until (view == NULL);

  mfa_test_finalize_account (fixture->account);
  g_assert_finalize_object (fixture->clock);
  g_assert_finalize_object (fixture->client);
  g_clear_pointer (&fixture->server, mfa_test_server_free);
  g_strfreev (fixture->backup_codes);
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->view);
}

static void
type_credentials (Fixture    *fixture,
                  const char *identifier,
                  const char *password)
{
  AdwPreferencesRow *identifier_row = mfa_test_find_row (root (fixture), "_Email, Phone or Username");
  AdwPreferencesRow *password_row = mfa_test_find_row (root (fixture), "_Password");

  g_assert_nonnull (identifier_row);
  g_assert_nonnull (password_row);
  gtk_editable_set_text (GTK_EDITABLE (identifier_row), identifier);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password);
  g_signal_emit_by_name (password_row, "entry-activated");
}

/* The one text entry a person can type into now. */
static MfaCodeEntry *
code_entry (Fixture *fixture)
{
  return MFA_CODE_ENTRY (mfa_test_find_widget (root (fixture), MFA_TYPE_CODE_ENTRY, NULL));
}

/* No request on its way: the prompt takes input again. */
static gboolean
prompt_is_idle (Fixture *fixture)
{
  GtkWidget *prompt = mfa_test_find_widget (root (fixture), MFA_TYPE_FACTOR_PROMPT, NULL);

  return prompt != NULL && !mfa_verification_get_busy (mfa_factor_prompt_get_verification (MFA_FACTOR_PROMPT (prompt)));
}

static guint
count_requests (Fixture    *fixture,
                const char *path_part)
{
  g_auto(GStrv) requests = mfa_test_requests (fixture->server, MFA_TEST_REQUEST_QUERY);
  guint count = 0;

  for (guint i = 0; requests[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (requests[i], path_part, -1);

      count += g_strv_length (parts) - 1;
    }

  return count;
}

static void
sign_in_to_second_factor (Fixture *fixture)
{
  type_credentials (fixture, IDENTIFIER, PASSWORD);
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (fixture->view), "second-factor") == 0);

  /* A code goes to the default phone at once. */
  mfa_test_wait_until (count_requests (fixture, "prepare_second_factor") == 1 &&
                       prompt_is_idle (fixture));
}

/* A new device on an instance with client trust: a password sign-in of
 * an account without two-step verification is confirmed with a code by
 * email, and the page says why.
 */
static void
test_client_trust (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *user_id = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) requests = NULL;
  MfaCodeEntry *entry;
  int position = 0;

  mfa_test_dev (fixture->server, "POST", "/__dev/settings", "{\"client_trust\": true}");
  user_id = mfa_test_create_user (fixture->server,
                                  "{\"identifier\": \"newcomer@example.com\","
                                  " \"password\": \"" PASSWORD "\", \"phones\": []}");

  type_credentials (fixture, "newcomer@example.com", PASSWORD);
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (fixture->view), "second-factor") == 0);
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "New Device", TRUE));
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "new to your account", TRUE));
  g_assert_null (mfa_test_find_label_containing (root (fixture), "Two-Step Verification", TRUE));

  /* The code goes by email, to the address the service names masked. */
  mfa_test_wait_until (count_requests (fixture, "prepare_second_factor") == 1 && prompt_is_idle (fixture));
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "We sent a code to n", TRUE));
  code = mfa_test_server_last_email_code (fixture->server, "newcomer@example.com");
  g_assert_nonnull (code);
  g_assert_null (mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT));

  entry = MFA_CODE_ENTRY (mfa_test_find_widget (root (fixture), MFA_TYPE_CODE_ENTRY, NULL));
  gtk_editable_insert_text (mfa_code_entry_get_editable (entry), code, -1, &position);
  mfa_test_wait_until (fixture->signed_in == 1);
  g_assert_nonnull (mfa_client_get_session_id (fixture->client));

  requests = mfa_test_requests (fixture->server, MFA_TEST_REQUEST_STATUS);
  g_assert_true (g_strv_contains ((const char * const *) requests,
                                  "POST /v1/client/sign_ins 200"));
  for (guint i = 0; requests[i] != NULL; i++)
    g_assert_false (g_str_has_suffix (requests[i], " 400") || g_str_has_suffix (requests[i], " 422"));
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkLabel *error_label;
  AdwPreferencesRow *identifier_row;

  type_credentials (fixture, IDENTIFIER, "wrong password");
  mfa_test_wait_until ((error_label = mfa_test_find_error_label (root (fixture))) != NULL);

  g_assert_cmpstr (mfa_test_page_name (fixture->view), ==, "credentials");
  g_assert_cmpstr (gtk_label_get_label (error_label), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mfa_test_find_row (root (fixture), "_Password")),
                                           "error"));
  g_assert_cmpuint (fixture->signed_in, ==, 0);
  g_assert_null (mfa_client_get_session_id (fixture->client));

  /* An unknown account is told apart, and nothing typed is lost. */
  type_credentials (fixture, "nobody@example.com", PASSWORD);
  mfa_test_wait_until (count_requests (fixture, "/v1/client/sign_ins") == 2);
  mfa_test_wait_until (mfa_test_find_error_label (root (fixture)) != NULL);
  identifier_row = mfa_test_find_row (root (fixture), "_Email, Phone or Username");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (identifier_row)), ==, "nobody@example.com");

  /* Empty fields never reach the server. */
  type_credentials (fixture, "", "");
  mfa_test_iterate (100);
  g_assert_cmpuint (count_requests (fixture, "/v1/client/sign_ins"), ==, 2);
  g_assert_nonnull (mfa_test_find_error_label (root (fixture)));
}

static void
test_sms_second_factor (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *code = NULL;
  GtkLabel *description;
  GtkWidget *resend;
  GtkEditable *editable;
  int position = 0;

  sign_in_to_second_factor (fixture);

  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  g_assert_nonnull (code);

  /* The description names the phone by its last digits, masked as the
   * server gives it.
   */
  description = mfa_test_find_label_containing (root (fixture), "0123", FALSE);
  g_assert_nonnull (description);
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (description)));

  /* Resend waits 30 s, on the app's clock. */
  resend = mfa_test_find_widget (root (fixture), GTK_TYPE_BUTTON, "Resend Code in 30 Seconds");
  g_assert_nonnull (resend);
  g_assert_false (gtk_widget_is_sensitive (resend));
  mfa_clock_advance_us (fixture->clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 20 Seconds");
  mfa_clock_advance_us (fixture->clock, 21 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_is_sensitive (resend));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");

  /* The server keeps its own 30 s cooldown: move its clock too. */
  g_free (mfa_test_server_dev_request (fixture->server, "POST", "/__dev/clock",
                                       "{\"advance_ms\": 31000}", NULL));
  mfa_test_click (resend);
  mfa_test_wait_until (count_requests (fixture, "prepare_second_factor") == 2 &&
                       prompt_is_idle (fixture));
  g_clear_pointer (&code, g_free);
  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  g_assert_nonnull (code);

  /* A wrong code: said where it happened, still on this step. */
  editable = mfa_code_entry_get_editable (code_entry (fixture));
  gtk_editable_insert_text (editable, g_str_equal (code, "000000") ? "111111" : "000000", -1, &position);
  mfa_test_wait_until (mfa_test_find_error_label (root (fixture)) != NULL);
  g_assert_cmpstr (mfa_test_page_name (fixture->view), ==, "second-factor");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_cmpuint (fixture->signed_in, ==, 0);

  /* The right one, pasted with a space: signed in. */
  mfa_code_entry_clear (code_entry (fixture));
  {
    g_autofree char *spaced = g_strdup_printf ("%.3s %s", code, code + 3);

    position = 0;
    gtk_editable_insert_text (editable, spaced, -1, &position);
  }
  mfa_test_wait_until (fixture->signed_in == 1);
  g_assert_nonnull (mfa_client_get_session_id (fixture->client));
  g_assert_nonnull (mfa_client_get_user (fixture->client));
}

static void
test_other_methods (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwPreferencesRow *backup_row;
  AdwPreferencesRow *phone_row;
  GtkWidget *backup_entry;
  g_autofree char *other_code = NULL;
  g_autofree char *phone_title = NULL;

  sign_in_to_second_factor (fixture);

  /* The other reserved phone is offered, masked, and gets its own code. */
  phone_title = g_strdup_printf ("Text message to %s", "+*******0124");
  phone_row = mfa_test_find_row (root (fixture), phone_title);
  if (phone_row == NULL)
    {
      /* The masking is the server's; find the row by its last digits. */
      GtkWidget *list = mfa_test_find_widget (root (fixture), GTK_TYPE_LIST_BOX, NULL);

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
        if (ADW_IS_PREFERENCES_ROW (row) &&
            g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "0124"))
          phone_row = ADW_PREFERENCES_ROW (row);
    }
  g_assert_nonnull (phone_row);
  g_signal_emit_by_name (phone_row, "activate");
  mfa_test_wait_until (count_requests (fixture, "prepare_second_factor") == 2);
  mfa_test_wait_until ((other_code = mfa_test_server_last_sms_code (fixture->server, PHONE_OTHER)) != NULL);
  mfa_test_wait_until (prompt_is_idle (fixture));

  /* A backup code instead: its own field replaces the code entry. */
  backup_row = mfa_test_find_row (root (fixture), "Backup code");
  g_assert_nonnull (backup_row);
  g_signal_emit_by_name (backup_row, "activate");
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));

  backup_entry = mfa_test_find_shown_entry (root (fixture));
  g_assert_nonnull (backup_entry);
  gtk_editable_set_text (GTK_EDITABLE (backup_entry), fixture->backup_codes[0]);
  g_signal_emit_by_name (backup_entry, "activate");

  mfa_test_wait_until (fixture->signed_in == 1);
  g_assert_nonnull (mfa_client_get_session_id (fixture->client));
}

static void
test_notice (Fixture       *fixture,
             gconstpointer  data)
{
  AdwPreferencesRow *identifier_row = mfa_test_find_row (root (fixture), "_Email, Phone or Username");
  GtkWidget *notice;

  gtk_editable_set_text (GTK_EDITABLE (identifier_row), IDENTIFIER);
  mfa_sign_in_view_start (fixture->view, "Your session has ended. Sign in again to continue.", TRUE);

  notice = mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL,
                                 "Your session has ended. Sign in again to continue.");
  g_assert_nonnull (notice);
  g_assert_true (mfa_test_widget_is_shown (notice));
  /* What was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (identifier_row)), ==, IDENTIFIER);
}

/* Whose account: the host, until the service's environment names it. */
static void
test_service_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *by_host = g_strdup_printf ("to your account on 127.0.0.1:%u",
                                              mfa_test_server_get_port (fixture->server));

  g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, by_host));

  mfa_client_get_environment_async (fixture->client, NULL, NULL, NULL);
  mfa_test_wait_until (mfa_client_get_environment (fixture->client) != NULL);
  g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL,
                                          "to your account on MFA Manager (local)"));
  g_assert_null (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, by_host));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mfa/sign-in-view/client-trust", Fixture, NULL,
              fixture_set_up, test_client_trust, fixture_tear_down);
  g_test_add ("/mfa/sign-in-view/wrong-password", Fixture, NULL,
              fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/mfa/sign-in-view/sms-second-factor", Fixture, NULL,
              fixture_set_up, test_sms_second_factor, fixture_tear_down);
  g_test_add ("/mfa/sign-in-view/other-methods", Fixture, NULL,
              fixture_set_up, test_other_methods, fixture_tear_down);
  g_test_add ("/mfa/sign-in-view/notice", Fixture, NULL,
              fixture_set_up, test_notice, fixture_tear_down);
  g_test_add ("/mfa/sign-in-view/service-name", Fixture, NULL,
              fixture_set_up, test_service_name, fixture_tear_down);

  return g_test_run ();
}
