/* test-step-up-dialog.c
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

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfa-clock-private.h"
#include "mfa-code-entry.h"
#include "mfa-factor-prompt.h"
#include "mfa-step-up-dialog.h"
#include "mfa-ui-test-utils.h"

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE_DEFAULT "+12015550123"
#define PHONE_OTHER "+12015550124"
#define PHONE_NEW "+12015550187"
#define TOTP_SECRET "JBSWY3DPEHPK3PXP"
#define ATTEMPT_FIRST_PATH "/v1/client/sessions/*/verify/attempt_first_factor"

typedef struct {
  gboolean two_factor;
  gboolean totp;
} Account;

static const Account account_sms = { TRUE, FALSE };
static const Account account_totp = { TRUE, TRUE };
static const Account account_password_only = { FALSE, FALSE };

typedef struct {
  MfaTestServer   *server;
  MfaClient       *client;
  MfaClock        *clock;
  GtkWindow       *parent;
  char           **backup_codes;
  GError          *refused;
  MfaStepUpDialog *dialog;
  GAsyncResult    *run_result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Account *account = data;
  g_autoptr(GString) user = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *codes;

  fixture->server = mfa_test_server_new ("--dev-routes",
                                         "--reverification", "on",
                                         "--reverification-window", "600",
                                         NULL);

  g_string_append (user, "{\"identifier\":\"" IDENTIFIER "\",\"password\":\"" PASSWORD "\",");
  if (account->two_factor)
    g_string_append (user,
                     "\"backup_codes\":true,"
                     "\"phones\":["
                     "{\"phone_number\":\"" PHONE_DEFAULT "\",\"verified\":true,\"reserved\":true,\"default\":true},"
                     "{\"phone_number\":\"" PHONE_OTHER "\",\"verified\":true,\"reserved\":true,\"default\":false}]");
  else
    g_string_append (user,
                     "\"phones\":["
                     "{\"phone_number\":\"" PHONE_DEFAULT "\",\"verified\":true,\"reserved\":false,\"default\":false}]");
  if (account->totp)
    g_string_append (user, ",\"totp_secret\":\"" TOTP_SECRET "\"");
  g_string_append (user, "}");

  root = mfa_test_dev_json (fixture->server, "POST", "/__dev/users", user->str, 200);
  codes = json_object_has_member (json_node_get_object (root), "backup_codes")
            ? json_object_get_array_member (json_node_get_object (root), "backup_codes") : NULL;
  fixture->backup_codes = g_new0 (char *, (codes != NULL ? json_array_get_length (codes) : 0) + 1);
  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    fixture->backup_codes[i] = g_strdup (json_array_get_string_element (codes, i));

  fixture->client = mfa_test_signed_in_client (fixture->server, IDENTIFIER, PASSWORD);
  fixture->clock = mfa_clock_new ();
  mfa_clock_set_manual (fixture->clock, TRUE);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 800, 600);
  gtk_window_present (fixture->parent);
}

/* Waits for the last reference the test holds: requests cancelled when
 * the dialog closed still hold it until their callbacks ran.
 */
static void
finalize_dialog (Fixture *fixture)
{
  if (fixture->dialog == NULL)
    return;

  mfa_test_wait_until (G_OBJECT (fixture->dialog)->ref_count == 1);
  g_assert_finalize_object (g_steal_pointer (&fixture->dialog));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  finalize_dialog (fixture);
  gtk_window_destroy (fixture->parent);

  g_clear_object (&fixture->run_result);
  g_clear_error (&fixture->refused);
  mfa_test_iterate (50);
  g_assert_finalize_object (fixture->clock);
  g_assert_finalize_object (fixture->client);
  g_clear_pointer (&fixture->server, mfa_test_server_free);
  g_strfreev (fixture->backup_codes);
}

/* Whether the server serves the reverification routes at all. Asked
 * without MfaClient, which would take a 404 for its session as the
 * session being gone.
 */
static gboolean
server_has_verify_route (Fixture *fixture)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) form = NULL;
  g_autoptr(GError) error = NULL;
  const char *level = "level=first_factor";

  url = g_strdup_printf ("%s/v1/client/sessions/%s/verify?_is_native=true",
                         mfa_test_server_get_base_url (fixture->server),
                         mfa_client_get_session_id (fixture->client));
  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                mfa_client_get_token (fixture->client));
  form = g_bytes_new_static (level, strlen (level));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", form);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg) != SOUP_STATUS_NOT_FOUND;
}

static guint
count_requests (Fixture    *fixture,
                const char *method,
                const char *path_suffix)
{
  g_auto(GStrv) requests = mfa_test_requests (fixture->server, MFA_TEST_REQUEST_PATH);
  guint count = 0;

  for (guint i = 0; requests[i] != NULL; i++)
    {
      const char *path = strchr (requests[i], ' ') + 1;
      g_autofree char *request_method = g_strndup (requests[i], path - 1 - requests[i]);

      if ((method == NULL || g_strcmp0 (request_method, method) == 0) &&
          (path_suffix == NULL || g_str_has_suffix (path, path_suffix)))
        count++;
    }

  return count;
}

static void
advance_server_clock (Fixture *fixture,
                      gint64   ms)
{
  g_autofree char *json = g_strdup_printf ("{\"advance_ms\": %" G_GINT64_FORMAT "}", ms);

  mfa_test_dev (fixture->server, "POST", "/__dev/clock", json);
}

static void
add_fault (Fixture    *fixture,
           const char *json)
{
  mfa_test_dev (fixture->server, "POST", "/__dev/faults", json);
}

/* Lets the sign-in age past the window, then asks for a gated change:
 * the server refuses it until the person confirms again. Returns FALSE
 * (the test is skipped) when the server has no reverification routes.
 */
static gboolean
refuse_gated_change (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;

  if (!server_has_verify_route (fixture))
    {
      g_test_skip ("mfa-fapi-server answers 404 for POST /v1/client/sessions/{id}/verify");
      return FALSE;
    }

  advance_server_clock (fixture, 11 * 60 * 1000);

  mfa_client_create_phone_number_async (fixture->client, PHONE_NEW, NULL,
                                        mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  phone = mfa_client_create_phone_number_finish (fixture->client, result, &fixture->refused);
  g_assert_null (phone);
  g_assert_error (fixture->refused, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED);
  g_assert_true (mfa_client_can_replay (fixture->refused));
  g_assert_cmpuint (count_requests (fixture, "POST", "/v1/me/phone_numbers"), ==, 1);

  return TRUE;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (object);
  g_assert_null (fixture->run_result);
  fixture->run_result = g_object_ref (result);
}

static void
open_dialog (Fixture      *fixture,
             GCancellable *cancellable)
{
  MfaStepUpDialog *dialog;

  mfa_step_up_run_async (fixture->parent, fixture->client, fixture->clock, fixture->refused,
                         cancellable, run_cb, fixture);

  dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  fixture->dialog = g_object_ref (dialog);
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->dialog);
}

static const char *
step (Fixture *fixture)
{
  return mfa_test_step_up_step (fixture->dialog);
}

/* The method row for the phone ending with @digits (phone rows are
 * masked by the server, so they are found by their last digits; the
 * number is isolated in right-to-left text).
 */
static AdwPreferencesRow *
find_row_ending (GtkWidget  *widget,
                 const char *digits)
{
  g_autofree char *isolated = g_strconcat (digits, "\u2069", NULL);

  if (ADW_IS_PREFERENCES_ROW (widget) &&
      (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), isolated) ||
       g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), digits)))
    return ADW_PREFERENCES_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row_ending (child, digits);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The one text entry a person can type into now. */
static MfaCodeEntry *
code_entry (Fixture *fixture)
{
  return MFA_CODE_ENTRY (mfa_test_find_widget (root (fixture), MFA_TYPE_CODE_ENTRY, NULL));
}

static gboolean
focus_is_in (Fixture   *fixture,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->dialog));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
type_code (Fixture    *fixture,
           const char *code)
{
  GtkEditable *editable = mfa_code_entry_get_editable (code_entry (fixture));
  int position = 0;

  mfa_code_entry_clear (code_entry (fixture));
  gtk_editable_insert_text (editable, code, -1, &position);
}

static void
type_password (Fixture    *fixture,
               const char *password)
{
  AdwPreferencesRow *row = mfa_test_find_row (root (fixture), "_Password");

  g_assert_nonnull (row);
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), password);
  /* Enter in the field submits. */
  g_signal_emit_by_name (row, "entry-activated");
}

static void
wait_for_step (Fixture    *fixture,
               const char *name)
{
  mfa_test_wait_until (g_strcmp0 (step (fixture), name) == 0);
}

/* Waits for the step to take input again after a request; its button
 * is there.
 */
static void
wait_until_idle (Fixture    *fixture,
                 const char *button)
{
  GtkWidget *prompt = mfa_test_find_widget (root (fixture), MFA_TYPE_FACTOR_PROMPT, NULL);

  g_assert_nonnull (prompt);
  mfa_test_wait_until (!mfa_verification_get_busy (mfa_factor_prompt_get_verification (MFA_FACTOR_PROMPT (prompt))));
  g_assert_nonnull (mfa_test_find_labelled_button (root (fixture), button));
}

/* Password, then a text message to the default phone. */
static void
pass_first_factor (Fixture *fixture)
{
  wait_for_step (fixture, "password");
  type_password (fixture, PASSWORD);
  wait_for_step (fixture, "phone_code");
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_second_factor") == 1);
  wait_until_idle (fixture, "_Verify");
}

static gboolean
run_finish (Fixture  *fixture,
            GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfa_test_wait_until (fixture->run_result != NULL);
  result = g_steal_pointer (&fixture->run_result);

  return mfa_step_up_run_finish (result, error);
}

/* Sends the refused request again, finished with its own _finish. */
static void
replay_create_phone (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_autoptr(GError) error = NULL;

  mfa_client_replay_async (fixture->client, fixture->refused, NULL,
                           mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  phone = mfa_client_create_phone_number_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (phone);
  g_assert_cmpstr (mfa_phone_number_get_phone_number (phone), ==, PHONE_NEW);
  g_assert_nonnull (mfa_user_find_phone_number (mfa_client_get_user (fixture->client),
                                                mfa_phone_number_get_id (phone)));

  /* The refused request and the one sent again: nothing more. */
  g_assert_cmpuint (count_requests (fixture, "POST", "/v1/me/phone_numbers"), ==, 2);
}

static gboolean
user_has_phone (Fixture    *fixture,
                const char *e164)
{
  GListModel *list = mfa_user_get_phone_numbers (mfa_client_get_user (fixture->client));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (list, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_password_and_sms (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  AdwPreferencesRow *password_row;
  GtkLabel *error_label;
  GtkEditable *editable;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  g_assert_cmpstr (mfa_test_step_up_level (fixture->dialog), ==, "multi_factor");

  /* It says why it is there. */
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "confirm it’s you", TRUE));

  wait_for_step (fixture, "password");
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "Step 1 of 2", TRUE));

  /* A wrong password: Clerk's message in the dialog, the field marked,
   * the focus back in it.
   */
  type_password (fixture, "wrong password");
  mfa_test_wait_until ((error_label = mfa_test_find_error_label (root (fixture))) != NULL);
  g_assert_cmpstr (gtk_label_get_label (error_label), !=, "");
  g_assert_cmpstr (step (fixture), ==, "password");
  password_row = mfa_test_find_row (root (fixture), "_Password");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (password_row), "error"));
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (password_row)));
  g_assert_null (fixture->run_result);

  /* Typing again clears the mark. */
  gtk_editable_set_text (GTK_EDITABLE (password_row), "x");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (password_row), "error"));
  g_assert_null (mfa_test_find_error_label (root (fixture)));

  /* The right one: on to the second factor, a code to the default phone. */
  type_password (fixture, PASSWORD);
  wait_for_step (fixture, "phone_code");
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "Step 2 of 2", TRUE));
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "0123", TRUE));
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_second_factor") == 1);
  wait_until_idle (fixture, "_Verify");
  g_assert_true (focus_is_in (fixture, GTK_WIDGET (code_entry (fixture))));

  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  g_assert_nonnull (code);

  /* A wrong code: said in the dialog, the entry marked. */
  type_code (fixture, g_str_equal (code, "000000") ? "111111" : "000000");
  mfa_test_wait_until (mfa_test_find_error_label (root (fixture)) != NULL);
  editable = mfa_code_entry_get_editable (code_entry (fixture));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_cmpstr (step (fixture), ==, "phone_code");
  g_assert_null (fixture->run_result);
  wait_until_idle (fixture, "_Verify");

  /* The right one completes the step-up. */
  type_code (fixture, code);
  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (root (fixture)));
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));

  /* The change went nowhere yet; sent again, it goes through. */
  g_assert_false (user_has_phone (fixture, PHONE_NEW));
  replay_create_phone (fixture);
}

static void
test_backup_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwPreferencesRow *backup_row;
  GtkEntry *backup_entry;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  pass_first_factor (fixture);

  backup_row = mfa_test_find_row (root (fixture), "Backup code");
  g_assert_nonnull (backup_row);
  g_signal_emit_by_name (backup_row, "activate");
  wait_for_step (fixture, "backup_code");
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));

  /* The code entry holds an entry too: take the one a person sees. */
  backup_entry = GTK_ENTRY (mfa_test_find_shown_entry (root (fixture)));
  g_assert_nonnull (backup_entry);

  /* A wrong one first: refused inline. */
  gtk_editable_set_text (GTK_EDITABLE (backup_entry), "notacode");
  g_signal_emit_by_name (backup_entry, "activate");
  mfa_test_wait_until (mfa_test_find_error_label (root (fixture)) != NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (backup_entry), "error"));
  wait_until_idle (fixture, "_Verify");
  g_assert_null (fixture->run_result);

  gtk_editable_set_text (GTK_EDITABLE (backup_entry), fixture->backup_codes[0]);
  mfa_test_click (mfa_test_find_button (root (fixture), "_Verify"));

  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  replay_create_phone (fixture);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  guint before;

  if (!refuse_gated_change (fixture))
    return;

  /* The Cancel button. */
  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");
  before = count_requests (fixture, NULL, NULL);

  mfa_test_click (mfa_test_find_button (root (fixture), "_Cancel"));
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
  finalize_dialog (fixture);

  mfa_test_iterate (200);
  g_assert_cmpuint (count_requests (fixture, NULL, NULL), ==, before);
  g_assert_cmpuint (count_requests (fixture, "POST", "/v1/me/phone_numbers"), ==, 1);
  g_assert_false (user_has_phone (fixture, PHONE_NEW));

  /* Escape, half-way through: after the password, at the code. */
  open_dialog (fixture, NULL);
  pass_first_factor (fixture);
  before = count_requests (fixture, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (root (fixture), "window.close", NULL));
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  finalize_dialog (fixture);
  mfa_test_iterate (200);
  g_assert_cmpuint (count_requests (fixture, NULL, NULL), ==, before);

  /* The caller's cancellable, while the first request is on its way. */
  cancellable = g_cancellable_new ();
  open_dialog (fixture, cancellable);
  g_assert_cmpstr (step (fixture), ==, "loading");
  g_cancellable_cancel (cancellable);
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
  finalize_dialog (fixture);

  g_assert_cmpuint (count_requests (fixture, "POST", "/v1/me/phone_numbers"), ==, 1);
  g_assert_false (user_has_phone (fixture, PHONE_NEW));
}

static void
test_resend_cooldown (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *other_code = NULL;
  AdwPreferencesRow *other_row;
  GtkWidget *resend;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  pass_first_factor (fixture);

  /* Resend waits 30 s, counted down on the app's clock. */
  resend = mfa_test_find_button (root (fixture), "Resend Code in 30 Seconds");
  g_assert_nonnull (resend);
  g_assert_true (mfa_test_widget_is_shown (resend));
  g_assert_false (gtk_widget_is_sensitive (resend));
  mfa_clock_advance_us (fixture->clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 20 Seconds");
  mfa_clock_advance_us (fixture->clock, 19 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 1 Second");
  mfa_clock_advance_us (fixture->clock, 2 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_is_sensitive (resend));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");

  /* The server keeps its own 30 s cooldown: move its clock too. */
  advance_server_clock (fixture, 31 * 1000);
  mfa_test_click (resend);
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_second_factor") == 2);
  wait_until_idle (fixture, "_Verify");
  g_assert_false (gtk_widget_is_sensitive (resend));
  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  g_assert_nonnull (code);

  /* The other reserved phone is offered, written out as the list of
   * numbers shows it (not with the service's mask), and gets its own
   * code at once: its cooldown is its own.
   */
  other_row = find_row_ending (root (fixture), "0124");
  g_assert_nonnull (other_row);
  g_assert_cmpstr (adw_preferences_row_get_title (other_row), ==, "Text message to +1\u00a0201-555-0124");
  /* Isolated in right-to-left text. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  other_row = find_row_ending (root (fixture), "0124");
  g_assert_nonnull (other_row);
  g_assert_cmpstr (adw_preferences_row_get_title (other_row), ==,
                   "Text message to \u2066+1\u00a0201-555-0124\u2069");
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  other_row = find_row_ending (root (fixture), "0124");
  g_signal_emit_by_name (other_row, "activate");
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_second_factor") == 3);
  mfa_test_wait_until ((other_code = mfa_test_server_last_sms_code (fixture->server,
                                                                    PHONE_OTHER)) != NULL);
  wait_until_idle (fixture, "_Verify");
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "0124", TRUE));
  g_assert_nonnull (mfa_test_find_button (root (fixture), "Resend Code in 30 Seconds"));

  type_code (fixture, other_code);
  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);

  /* Nothing keeps ticking on the clock once the dialog is gone. */
  finalize_dialog (fixture);
  g_assert_cmpuint (mfa_clock_get_n_pending (fixture->clock), ==, 0);
  replay_create_phone (fixture);
}

static void
test_expired_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *fresh = NULL;
  GtkWidget *resend;

  if (!refuse_gated_change (fixture))
    return;

  mfa_test_dev (fixture->server, "POST", "/__dev/settings", "{\"code_ttl\": 60}");

  open_dialog (fixture, NULL);
  pass_first_factor (fixture);
  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);

  /* The code is too old by the time it is typed: the dialog offers a
   * new one at once, though the app's 30 s have not passed.
   */
  advance_server_clock (fixture, 61 * 1000);
  type_code (fixture, code);
  mfa_test_wait_until (mfa_test_find_label_containing (root (fixture), "expired", TRUE) != NULL);
  g_assert_cmpstr (step (fixture), ==, "phone_code");
  resend = mfa_test_find_button (root (fixture), "_Resend Code");
  g_assert_nonnull (resend);
  wait_until_idle (fixture, "_Verify");
  g_assert_true (gtk_widget_is_sensitive (resend));

  mfa_test_click (resend);
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_second_factor") == 2);
  wait_until_idle (fixture, "_Verify");
  fresh = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  type_code (fixture, fresh);

  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  replay_create_phone (fixture);
}

/* RFC 6238 code for a base32 secret at @now_ms. */
static char *
totp_code (const char *secret,
           gint64      now_ms)
{
  const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GByteArray) key = g_byte_array_new ();
  g_autoptr(GHmac) hmac = NULL;
  guint64 counter = now_ms / 1000 / 30;
  guchar message[8];
  guchar digest[20];
  gsize digest_len = sizeof digest;
  guint32 bits = 0;
  int nbits = 0;
  guint offset;
  guint32 value;

  for (const char *p = secret; *p != '\0'; p++)
    {
      bits = (bits << 5) | (guint32)(strchr (alphabet, *p) - alphabet);
      nbits += 5;
      if (nbits >= 8)
        {
          guint8 byte = (bits >> (nbits - 8)) & 0xff;

          g_byte_array_append (key, &byte, 1);
          nbits -= 8;
        }
    }

  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }

  hmac = g_hmac_new (G_CHECKSUM_SHA1, key->data, key->len);
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &digest_len);
  offset = digest[19] & 0x0f;
  value = (((digest[offset] & 0x7f) << 24) | (digest[offset + 1] << 16) |
           (digest[offset + 2] << 8) | digest[offset + 3]) % 1000000;

  return g_strdup_printf ("%06u", value);
}

static void
test_totp (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  AdwPreferencesRow *app_row;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");
  type_password (fixture, PASSWORD);

  /* With an authenticator app, it comes first and no text message is
   * sent unless the person picks one.
   */
  wait_for_step (fixture, "totp");
  wait_until_idle (fixture, "_Verify");
  g_assert_cmpuint (count_requests (fixture, "POST", "/verify/prepare_second_factor"), ==, 0);
  app_row = mfa_test_find_row (root (fixture), "Authenticator app");
  g_assert_null (app_row);
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "authenticator app", TRUE));
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_button (root (fixture), "_Resend Code")));

  /* The code of the server's time, which the tests have moved. */
  root_node = mfa_test_dev_json (fixture->server, "POST", "/__dev/clock", "{\"advance_ms\": 0}", 200);
  code = totp_code (TOTP_SECRET,
                    json_object_get_int_member (json_node_get_object (root_node), "now_ms"));

  type_code (fixture, code);
  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  replay_create_phone (fixture);
}

static void
test_password_only (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!refuse_gated_change (fixture))
    return;

  /* No second factor on the account: the password is all it takes. */
  open_dialog (fixture, NULL);
  g_assert_cmpstr (mfa_test_step_up_level (fixture->dialog), ==, "first_factor");
  wait_for_step (fixture, "password");
  g_assert_null (mfa_test_find_label_containing (root (fixture), "Step 1 of 2", TRUE));

  type_password (fixture, PASSWORD);
  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture, "POST", "/verify/prepare_second_factor"), ==, 0);
  replay_create_phone (fixture);
}

static void
test_first_factor_sms (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  AdwPreferencesRow *phone_row;

  if (!refuse_gated_change (fixture))
    return;

  /* A verified phone that is not a second factor can stand in for the
   * password.
   */
  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");
  phone_row = find_row_ending (root (fixture), "0123");
  g_assert_nonnull (phone_row);
  g_signal_emit_by_name (phone_row, "activate");
  wait_for_step (fixture, "phone_code");
  mfa_test_wait_until (count_requests (fixture, "POST", "/verify/prepare_first_factor") == 1);
  wait_until_idle (fixture, "_Verify");

  /* And back to the password, which stays on offer. */
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Password"));

  code = mfa_test_server_last_sms_code (fixture->server, PHONE_DEFAULT);
  g_assert_nonnull (code);
  type_code (fixture, code);
  g_assert_true (run_finish (fixture, &error));
  g_assert_no_error (error);
  replay_create_phone (fixture);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  guint attempts;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");

  /* A 429 with Retry-After: 1. The button waits, counted down on the
   * app's clock, and Enter sends nothing meanwhile.
   */
  add_fault (fixture, "{\"method\":\"POST\",\"path\":\"" ATTEMPT_FIRST_PATH "\","
                      "\"kind\":\"status\",\"status\":429,\"times\":1}");
  type_password (fixture, PASSWORD);
  mfa_test_wait_until (mfa_test_find_label_containing (root (fixture), "Try again in 1 second", TRUE) != NULL);
  button = mfa_test_find_button (root (fixture), "Co_ntinue");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (step (fixture), ==, "password");

  attempts = count_requests (fixture, "POST", "/verify/attempt_first_factor");
  type_password (fixture, PASSWORD);
  mfa_test_iterate (100);
  g_assert_cmpuint (count_requests (fixture, "POST", "/verify/attempt_first_factor"), ==, attempts);

  mfa_clock_advance_us (fixture->clock, 1 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_null (mfa_test_find_error_label (root (fixture)));

  type_password (fixture, PASSWORD);
  wait_for_step (fixture, "phone_code");

  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwPreferencesRow *password_row;

  if (!refuse_gated_change (fixture))
    return;

  /* The first answer is a 500: said in the dialog in the app's words
   * (the service's own text is for the details), with a way to try
   * again.
   */
  add_fault (fixture, "{\"method\":\"POST\",\"path\":\"/v1/client/sessions/*/verify\","
                      "\"kind\":\"status\",\"status\":500,\"times\":1}");
  open_dialog (fixture, NULL);
  wait_for_step (fixture, "problem");
  g_assert_nonnull (mfa_test_find_label_containing (root (fixture), "had a problem", TRUE));
  g_assert_null (mfa_test_find_label_containing (root (fixture), "injected by a test", TRUE));

  mfa_test_click (mfa_test_find_button (root (fixture), "_Try Again"));
  wait_for_step (fixture, "password");

  /* A dropped connection on the attempt: inline, the password kept. */
  add_fault (fixture, "{\"method\":\"POST\",\"path\":\"" ATTEMPT_FIRST_PATH "\","
                      "\"kind\":\"drop\",\"times\":1}");
  type_password (fixture, PASSWORD);
  mfa_test_wait_until (mfa_test_find_label_containing (root (fixture), "Could not reach", TRUE) != NULL);
  g_assert_cmpstr (step (fixture), ==, "password");
  password_row = mfa_test_find_row (root (fixture), "_Password");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, PASSWORD);
  wait_until_idle (fixture, "Co_ntinue");

  mfa_test_click (mfa_test_find_button (root (fixture), "Co_ntinue"));
  wait_for_step (fixture, "phone_code");

  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_session_gone (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");

  /* The session ends meanwhile (signed out with the same client token
   * elsewhere): nothing the dialog can do, the caller goes back to
   * sign-in. A 401 alone would not do: the client checks that the
   * session really ended first.
   */
  {
    g_autoptr(MfaClient) elsewhere = mfa_client_new (mfa_test_server_get_base_url (fixture->server));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) remove_error = NULL;

    mfa_client_set_token (elsewhere, mfa_client_get_token (fixture->client));
    mfa_client_remove_session_async (elsewhere, mfa_client_get_session_id (fixture->client), NULL,
                                     mfa_test_result_cb, &result);
    g_assert_true (mfa_client_remove_session_finish (elsewhere, mfa_test_wait (&result),
                                                     &remove_error));
    g_assert_no_error (remove_error);
  }
  type_password (fixture, PASSWORD);
  g_assert_false (run_finish (fixture, &error));
  g_assert_error (error, MFA_CLIENT_ERROR, MFA_CLIENT_ERROR_SESSION_GONE);
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
}

static void
test_empty_input (Fixture       *fixture,
                  gconstpointer  data)
{
  guint before;

  if (!refuse_gated_change (fixture))
    return;

  open_dialog (fixture, NULL);
  wait_for_step (fixture, "password");
  before = count_requests (fixture, NULL, NULL);

  /* Nothing typed never reaches the server. */
  mfa_test_click (mfa_test_find_button (root (fixture), "Co_ntinue"));
  g_assert_nonnull (mfa_test_find_error_label (root (fixture)));
  mfa_test_iterate (100);
  g_assert_cmpuint (count_requests (fixture, NULL, NULL), ==, before);

  gtk_window_close (GTK_WINDOW (fixture->dialog));
  g_assert_false (run_finish (fixture, NULL));
}

/* Sets the language of the strings made from now on. */
static void
use_language (const char *language)
{
  mfa_test_set_language (language);
}

/* Waits until the dialog has the width asked for, or says what it has. */
static void
wait_for_width (Fixture *fixture,
                int      width)
{
  mfa_test_wait_until (gtk_widget_get_width (root (fixture)) > 0);
  if (width > 0)
    {
      gtk_window_set_default_size (GTK_WINDOW (fixture->dialog), width, -1);
      mfa_test_wait_until (gtk_widget_get_width (root (fixture)) <= width);
    }
  mfa_test_flush ();
}

/* At its own size and 360 px wide, in English, German and French: every
 * text of the password step and of the code step shows in full, and the
 * dialog needs no more than 360 px.
 */
static void
test_fits (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const languages[] = { "en", "de", "fr" };
  static const int widths[] = { 0, 360 };
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));

  if (!refuse_gated_change (fixture))
    return;

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        GtkWidget *password_row;
        GtkWidget *prompt;
        int min_width;

        use_language (languages[l]);
        /* Past the rate limits and the resend wait of the round before. */
        advance_server_clock (fixture, 31 * 1000);

        open_dialog (fixture, NULL);
        wait_for_step (fixture, "password");
        if (!g_str_equal (languages[l], "en"))
          g_assert_null (mfa_test_find_label_containing (root (fixture), "confirm it’s you", TRUE));
        wait_for_width (fixture, widths[w]);
        gtk_widget_measure (root (fixture), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
        g_assert_cmpint (min_width, <=, 360);
        mfa_test_assert_nothing_cut (root (fixture));

        /* The password row, whatever its label says in this language. */
        password_row = mfa_test_find_widget (root (fixture), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
        g_assert_nonnull (password_row);
        gtk_editable_set_text (GTK_EDITABLE (password_row), PASSWORD);
        g_signal_emit_by_name (password_row, "entry-activated");
        wait_for_step (fixture, "phone_code");
        prompt = mfa_test_find_widget (root (fixture), MFA_TYPE_FACTOR_PROMPT, NULL);
        mfa_test_wait_until (prompt != NULL && !mfa_verification_get_busy (mfa_factor_prompt_get_verification (MFA_FACTOR_PROMPT (prompt))));
        mfa_test_flush ();
        gtk_widget_measure (root (fixture), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
        g_assert_cmpint (min_width, <=, 360);
        mfa_test_assert_nothing_cut (root (fixture));

        gtk_window_close (GTK_WINDOW (fixture->dialog));
        mfa_test_wait_until (fixture->run_result != NULL);
        g_clear_object (&fixture->run_result);
        finalize_dialog (fixture);
      }

  use_language (old_language);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);

  /* The catalogues built with the tests, for the checks in German and
   * French.
   */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* English in a real locale, which the checks in German and French
   * change (after GTK's test set-up, which sets a locale itself). */
  mfa_test_set_language (NULL);
  adw_init ();

  g_test_add ("/mfa/step-up-dialog/fits", Fixture, &account_sms,
              fixture_set_up, test_fits, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/password-and-sms", Fixture, &account_sms,
              fixture_set_up, test_password_and_sms, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/backup-code", Fixture, &account_sms,
              fixture_set_up, test_backup_code, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/cancel", Fixture, &account_sms,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/resend-cooldown", Fixture, &account_sms,
              fixture_set_up, test_resend_cooldown, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/expired-code", Fixture, &account_sms,
              fixture_set_up, test_expired_code, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/totp", Fixture, &account_totp,
              fixture_set_up, test_totp, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/password-only", Fixture, &account_password_only,
              fixture_set_up, test_password_only, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/empty-input", Fixture, &account_sms,
              fixture_set_up, test_empty_input, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/first-factor-sms", Fixture, &account_password_only,
              fixture_set_up, test_first_factor_sms, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/rate-limited", Fixture, &account_sms,
              fixture_set_up, test_rate_limited, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/server-error", Fixture, &account_sms,
              fixture_set_up, test_server_error, fixture_tear_down);
  g_test_add ("/mfa/step-up-dialog/session-gone", Fixture, &account_sms,
              fixture_set_up, test_session_gone, fixture_tear_down);

  return g_test_run ();
}
