/* test-app-flow.c
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

/* The whole window against the real server and the real keyring: sign in
 * with a password and an SMS code, come back without signing in, sign
 * out, and the session ending on its own.
 */

#include "config.h"

#include "mfa-backup-codes-view.h"
#include "mfa-clock.h"
#include "mfa-code-entry.h"
#include "mfa-manage-view.h"
#include "mfa-phone-row.h"
#include "mfa-session-store.h"
#include "mfa-snapshot.h"
#include "mfa-error-toast.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE "+12015550123"

/* Two-step verification on: one number, the default, and backup codes. */
static const MfaTestUser ann = {
  .identifier   = IDENTIFIER,
  .password     = PASSWORD,
  .backup_codes = TRUE,
  .phones = {
    { PHONE, MFA_TEST_PHONE_DEFAULT },
  },
};

/* Two-step verification off: one number, verified only. */
static const MfaTestUser bob = {
  .identifier = "bob@example.com",
  .password   = PASSWORD,
  .phones = {
    { "+12015550129", MFA_TEST_PHONE_VERIFIED },
  },
};

typedef struct {
  MfaTestServer *server;
  MfaWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = NULL;

  fixture->server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                         "--rate-limits", "off", NULL);
  id = mfa_test_add_user (fixture->server, &ann, NULL);
  g_assert_nonnull (id);
}

static void
destroy_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfa_test_wait_until (G_OBJECT (fixture->window)->ref_count == 1);
  g_assert_finalize_object (fixture->window);
  fixture->window = NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_window (fixture);
  g_clear_pointer (&fixture->server, mfa_test_server_free);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = mfa_window_new (NULL, mfa_test_server_get_base_url (fixture->server));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static const char *
page (Fixture *fixture)
{
  return mfa_window_get_page_name (fixture->window);
}

typedef struct {
  gboolean  done;
  char     *token;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->token = mfa_session_store_lookup_finish (MFA_SESSION_STORE (object), result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

/* What the keyring holds for this server, read by a store of our own. */
static char *
keyring_token (Fixture *fixture)
{
  g_autoptr(MfaSessionStore) store = mfa_session_store_new ();
  Lookup lookup = { FALSE, NULL };

  mfa_session_store_lookup_async (store, mfa_test_server_get_base_url (fixture->server), NULL,
                                  lookup_cb, &lookup);
  mfa_test_wait_until (lookup.done);

  return lookup.token;
}

static gboolean
keyring_empty (Fixture *fixture)
{
  g_autofree char *token = keyring_token (fixture);

  return token == NULL;
}

static void
sign_in (Fixture *fixture)
{
  GtkWidget *view;
  AdwPreferencesRow *identifier_row;
  AdwPreferencesRow *password_row;
  MfaCodeEntry *code_entry;
  g_autofree char *code = NULL;
  int position = 0;

  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  view = mfa_test_window_page (fixture->window, "sign-in");

  identifier_row = mfa_test_find_row (view, "_Email, Phone or Username");
  password_row = mfa_test_find_row (view, "_Password");
  gtk_editable_set_text (GTK_EDITABLE (identifier_row), IDENTIFIER);
  gtk_editable_set_text (GTK_EDITABLE (password_row), PASSWORD);
  g_signal_emit_by_name (password_row, "entry-activated");

  /* The code goes to the default phone by itself. */
  code_entry = MFA_CODE_ENTRY (mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL));
  /* One wait after the other, so that the code read is kept. */
  mfa_test_wait_until ((code = mfa_test_server_last_sms_code (fixture->server, PHONE)) != NULL);
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (code_entry)));
  gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);

  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
snapshot_saved (Fixture *fixture)
{
  g_autoptr(MfaUser) snapshot = mfa_snapshot_load (mfa_test_server_get_base_url (fixture->server),
                                                   NULL, NULL, NULL);

  return snapshot != NULL;
}

/* The numbers shown are a snapshot, read-only: the add button says
 * why it cannot be used. */
static gboolean
shows_snapshot (gpointer view)
{
  return mfa_test_find_button_by_tooltip (view, "Not available offline") != NULL ||
         mfa_test_find_button_by_tooltip (view, "Available once the session is checked") != NULL;
}

/* The numbers page's Add button, whatever its tooltip says now. */
static GtkWidget *
find_add_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "list-add-symbolic") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_sign_in_restore_sign_out (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *log = NULL;
  MfaPhoneRow *first_row = NULL;
  GtkWidget *manage;
  GtkWidget *add;
  GtkWidget *notice;
  AdwToast *stale;
  gboolean stale_dismissed = FALSE;

  /* Nothing in the keyring: sign-in, then the lists. */
  g_assert_null (keyring_token (fixture));
  open_window (fixture);
  sign_in (fixture);

  /* The token went to the keyring: the newest one, though the sign-in
   * changed it twice. */
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;;)
    {
      const char *current = mfa_client_get_token (mfa_account_get_client (mfa_window_get_account (fixture->window)));

      g_clear_pointer (&token, g_free);
      token = keyring_token (fixture);
      if (token != NULL && g_strcmp0 (token, current) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      mfa_test_iterate (10);
    }
  g_assert_true (g_str_has_prefix (token, "Bearer "));
  g_assert_nonnull (mfa_test_find_row (mfa_test_window_page (fixture->window, "manage"),
                                       "+1\u00a0201-555-0123"));

  /* Start again: restored from the keyring with one GET /v1/client and
   * no sign-in.
   */
  mfa_test_wait_until (snapshot_saved (fixture));
  destroy_window (fixture);
  mfa_test_clear_requests (fixture->server);
  /* The service answers late: the snapshot's rows are drawn first, and
   * the answer updates those rows rather than drawing new ones. */
  mfa_test_add_fault (fixture->server,
                      "{\"path\": \"/v1/client\", \"kind\": \"latency\", \"latency_ms\": 600, \"times\": 1}");
  open_window (fixture);
  mfa_test_wait_until (mfa_test_window_page (fixture->window, "manage") != NULL &&
                       (first_row = mfa_test_find_phone_row (mfa_test_window_page (fixture->window, "manage"),
                                                             "+12015550123")) != NULL &&
                       mfa_test_widget_is_shown (GTK_WIDGET (first_row)));
  g_assert_cmpint (mfa_account_get_state (mfa_window_get_account (fixture->window)), ==,
                   MFA_ACCOUNT_STATE_RESTORING);
  /* Being checked is not being offline: no banner says so, and changes
   * wait until the session is known. */
  manage = mfa_test_window_page (fixture->window, "manage");
  g_assert_null (mfa_test_find_label_containing (manage, "Offline", TRUE));
  g_assert_null (mfa_test_find_button_by_tooltip (manage, "Add Phone Number"));
  add = find_add_button (manage);
  g_assert_nonnull (add);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add), ==, "Available once the session is checked");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_object_add_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  mfa_test_wait_until (mfa_account_get_state (mfa_window_get_account (fixture->window)) ==
                       MFA_ACCOUNT_STATE_SIGNED_IN);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  mfa_test_iterate (200);
  g_assert_nonnull (first_row);
  g_assert_true (mfa_test_find_phone_row (mfa_test_window_page (fixture->window, "manage"),
                                          "+12015550123") == first_row);
  g_object_remove_weak_pointer (G_OBJECT (first_row), (gpointer *) &first_row);
  g_assert_true (mfa_test_find_button_by_tooltip (manage, "Add Phone Number") == add);
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_null (mfa_test_find_label_containing (manage, "Offline", TRUE));
  log = mfa_test_request_log (fixture->server);
  g_assert_cmpstr (log, ==, "GET /v1/client\n");

  /* Sign out: the server ends the session, the keyring forgets it. News
   * about the account left behind goes with it.
   */
  stale = adw_toast_new ("News about the account");
  adw_toast_set_timeout (stale, 0);
  g_signal_connect_swapped (stale, "dismissed", G_CALLBACK (set_true), &stale_dismissed);
  mfa_toast_show (mfa_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY, NULL),
                  stale);
  g_object_unref (stale);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  g_assert_true (stale_dismissed);
  notice = mfa_test_find_widget (mfa_test_window_page (fixture->window, "sign-in"),
                                 GTK_TYPE_LABEL, "You have signed out.");
  g_assert_nonnull (notice);
  g_assert_true (mfa_test_widget_is_shown (notice));
  /* Plain news, not a warning. */
  g_assert_false (gtk_widget_has_css_class (notice, "warning"));
  g_clear_pointer (&token, g_free);
  mfa_test_wait_until (keyring_empty (fixture));

  /* And the next start asks to sign in. */
  destroy_window (fixture);
  open_window (fixture);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
}

static void
test_session_gone (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *notice;

  open_window (fixture);
  sign_in (fixture);

  /* The service forgets everything, this client and its session too. */
  g_free (mfa_test_server_dev_request (fixture->server, "POST", "/__dev/reset", NULL, NULL));
  mfa_manage_view_reload (MFA_MANAGE_VIEW (mfa_test_window_page (fixture->window, "manage")));

  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  notice = mfa_test_find_widget (mfa_test_window_page (fixture->window, "sign-in"), GTK_TYPE_LABEL,
                                 "Your session has ended. Sign in again to continue.");
  g_assert_nonnull (notice);
  g_assert_true (mfa_test_widget_is_shown (notice));
  g_assert_true (gtk_widget_has_css_class (notice, "warning"));

  /* What was typed is still there. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mfa_test_find_row (
                     mfa_test_window_page (fixture->window, "sign-in"), "_Email, Phone or Username"))),
                   ==, IDENTIFIER);
}

/* The service is gone at start; the last snapshot is shown read-only
 * until it answers again.
 */
static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = mfa_snapshot_get_path (mfa_test_server_get_base_url (fixture->server));
  MfaManageView *view;

  open_window (fixture);
  sign_in (fixture);
  mfa_test_wait_until (g_file_test (path, G_FILE_TEST_EXISTS));
  destroy_window (fixture);

  g_free (mfa_test_server_dev_request (fixture->server, "POST", "/__dev/faults",
                                       "{\"path\":\"/v1/*\",\"kind\":\"drop\"}", NULL));
  open_window (fixture);
  /* The snapshot is drawn at once, read-only, while the session is
   * checked; then the check fails and it stays, offline.
   */
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  view = MFA_MANAGE_VIEW (mfa_test_window_page (fixture->window, "manage"));
  g_assert_true (shows_snapshot (view));
  mfa_test_wait_until (mfa_account_get_state (mfa_window_get_account (fixture->window)) ==
                       MFA_ACCOUNT_STATE_OFFLINE);
  view = MFA_MANAGE_VIEW (mfa_test_window_page (fixture->window, "manage"));
  g_assert_true (shows_snapshot (view));
  g_assert_nonnull (mfa_test_find_row (GTK_WIDGET (view), "+1\u00a0201-555-0123"));

  /* Nothing that needs the service can be started. */
  mfa_test_clear_requests (fixture->server);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-add-phone", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
  mfa_test_iterate (200);
  g_assert_cmpstr (page (fixture), ==, "manage");
  {
    g_autofree char *log = mfa_test_request_log (fixture->server);

    g_assert_cmpstr (log, ==, "");
  }

  /* Still unreachable: still offline. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.retry-connection", NULL);
  mfa_test_iterate (300);
  g_assert_true (shows_snapshot (view));

  /* Back: live again without a restart. */
  g_free (mfa_test_server_dev_request (fixture->server, "DELETE", "/__dev/faults", NULL, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.retry-connection", NULL);
  mfa_test_wait_until (!shows_snapshot (view));
  g_assert_cmpstr (page (fixture), ==, "manage");

  /* The service goes away while the settings are shown: offline again,
   * and back by itself once Retry finds it.
   */
  g_free (mfa_test_server_dev_request (fixture->server, "POST", "/__dev/faults",
                                       "{\"path\":\"/v1/*\",\"kind\":\"drop\"}", NULL));
  mfa_manage_view_reload (view);
  mfa_test_wait_until (shows_snapshot (view));
  g_assert_nonnull (mfa_test_find_row (GTK_WIDGET (view), "+1\u00a0201-555-0123"));
  g_free (mfa_test_server_dev_request (fixture->server, "DELETE", "/__dev/faults", NULL, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.retry-connection", NULL);
  mfa_test_wait_until (!shows_snapshot (view));

  /* Signing out takes the snapshot with it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Reserving the first number turns two-step verification on, and the
 * codes the service hands out then are shown at once.
 */
static void
test_first_enablement_codes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *id = NULL;
  GtkWidget *sign_in_view;
  GtkWidget *manage;
  AdwPreferencesRow *row;
  MfaBackupCodesView *codes_view;
  MfaBackupCodes *codes;

  id = mfa_test_add_user (fixture->server, &bob, NULL);
  open_window (fixture);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  sign_in_view = mfa_test_window_page (fixture->window, "sign-in");
  row = mfa_test_find_row (sign_in_view, "_Email, Phone or Username");
  gtk_editable_set_text (GTK_EDITABLE (row), bob.identifier);
  row = mfa_test_find_row (sign_in_view, "_Password");
  gtk_editable_set_text (GTK_EDITABLE (row), PASSWORD);
  g_signal_emit_by_name (row, "entry-activated");

  /* No second factor yet: the password is enough. */
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  manage = mfa_test_window_page (fixture->window, "manage");
  mfa_test_wait_until (mfa_test_find_button (manage, "_Use for Sign-In Codes") != NULL);
  mfa_test_click (mfa_test_find_button (manage, "_Use for Sign-In Codes"));

  mfa_test_wait_until (g_strcmp0 (page (fixture), "backup-codes") == 0);
  codes_view = MFA_BACKUP_CODES_VIEW (mfa_test_window_page (fixture->window, "backup-codes"));
  codes = mfa_backup_codes_view_get_codes (codes_view);
  g_assert_nonnull (codes);
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (codes), ==, 10);
  g_assert_false (mfa_backup_codes_view_get_stored (codes_view));
}

/* Offline, the window tries again by itself, waiting 5 s, then 10 s, …
 * on the app clock, and comes back live once the service answers.
 */
static void
test_offline_backoff (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = mfa_snapshot_get_path (mfa_test_server_get_base_url (fixture->server));
  MfaClock *clock = mfa_clock_get_default ();
  MfaManageView *view;

  open_window (fixture);
  sign_in (fixture);
  mfa_test_wait_until (g_file_test (path, G_FILE_TEST_EXISTS));
  destroy_window (fixture);

  mfa_clock_set_manual (clock, TRUE);
  mfa_test_dev (fixture->server, "POST", "/__dev/faults", "{\"path\":\"/v1/*\",\"kind\":\"drop\"}");
  open_window (fixture);
  mfa_test_wait_until (mfa_account_get_state (mfa_window_get_account (fixture->window)) ==
                       MFA_ACCOUNT_STATE_OFFLINE);
  g_assert_cmpstr (page (fixture), ==, "manage");
  view = MFA_MANAGE_VIEW (mfa_test_window_page (fixture->window, "manage"));
  g_assert_true (shows_snapshot (view));

  /* Nothing before the first 5 s are up; one try when they are. */
  mfa_test_clear_requests (fixture->server);
  mfa_clock_advance_us (clock, 4 * G_USEC_PER_SEC);
  mfa_test_iterate (100);
  g_assert_cmpuint (mfa_test_count_requests (fixture->server, "GET /v1/client"), ==, 0);
  mfa_clock_advance_us (clock, 1 * G_USEC_PER_SEC);
  mfa_test_wait_until (mfa_test_count_requests (fixture->server, "GET /v1/client") == 1);
  mfa_test_iterate (100);
  g_assert_true (shows_snapshot (view));

  /* The next try waits twice as long; by then the service is back. */
  mfa_test_dev (fixture->server, "DELETE", "/__dev/faults", NULL);
  mfa_clock_advance_us (clock, 9 * G_USEC_PER_SEC);
  mfa_test_iterate (100);
  g_assert_true (shows_snapshot (view));
  mfa_clock_advance_us (clock, 1 * G_USEC_PER_SEC);
  mfa_test_wait_until (!shows_snapshot (view));

  mfa_clock_set_manual (clock, FALSE);
}

/* Keyboard only */

/* What Tab does in a window: the next control of the focus chain, and
 * from the top again after the last one.
 */
static void
move_focus (GtkWindow        *window,
            GtkDirectionType  direction)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (window), direction))
    {
      gtk_window_set_focus (window, NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), direction);
    }
}

typedef gboolean (*FocusMatch) (GtkWidget  *focus,
                                gconstpointer data);

static gboolean
is_button (GtkWidget     *focus,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (focus) &&
         gtk_widget_is_sensitive (focus) &&
         (mfa_test_find_labelled_button (focus, data) == focus ||
          g_strcmp0 (gtk_widget_get_tooltip_text (focus), data) == 0);
}

static gboolean
is_inside (GtkWidget     *focus,
           gconstpointer  data)
{
  return gtk_widget_is_ancestor (focus, GTK_WIDGET (data)) || focus == data;
}

/* Presses the key for @direction until the focus matches; fails the test
 * when the focus chain never gets there.
 */
static GtkWidget *
focus_until (Fixture          *fixture,
             GtkDirectionType  direction,
             FocusMatch        match,
             gconstpointer     data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);

  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus = gtk_window_get_focus (window);

      if (focus != NULL && match (focus, data))
        return focus;
      move_focus (window, direction);
    }
  g_error ("the keyboard never reaches %s",
           match == is_button ? (const char *) data : G_OBJECT_TYPE_NAME (data));
}

/* What Enter does: a text field emits ::activate from its key handler,
 * a button is activated. */
static void
press_enter (GtkWidget *focus)
{
  g_assert_nonnull (focus);
  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    g_assert_true (gtk_widget_activate (focus));
}

/* Tab to the button, then Enter. */
static void
press_button (Fixture    *fixture,
              const char *label)
{
  press_enter (focus_until (fixture, GTK_DIR_TAB_FORWARD, is_button, label));
}

/* Typing into the field that has the focus. */
static void
type_here (Fixture    *fixture,
           const char *text)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));

  g_assert_true (GTK_IS_EDITABLE (focus));
  mfa_test_type_text (GTK_EDITABLE (focus), text);
}

/* Sign in, add a number, verify it, use it for two-step verification, make it the default
 * and get new backup codes with Tab, arrows, Enter and typing alone; after
 * each step the focus is on something to go on with.
 */
static void
test_keyboard_only (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWindow *window;
  GtkWidget *view;
  GtkWidget *manage;
  GtkWidget *focus;
  GtkWidget *list;
  MfaPhoneRow *row;
  g_autofree char *code = NULL;
  g_autofree char *new_code = NULL;

  open_window (fixture);
  window = GTK_WINDOW (fixture->window);
  mfa_test_present_active (window);

  /* Sign in: identifier, Tab, password, Enter, then the texted code. */
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  view = mfa_test_window_page (fixture->window, "sign-in");
  focus_until (fixture, GTK_DIR_TAB_FORWARD, is_inside,
               mfa_test_find_row (view, "_Email, Phone or Username"));
  type_here (fixture, IDENTIFIER);
  focus_until (fixture, GTK_DIR_TAB_FORWARD, is_inside, mfa_test_find_row (view, "_Password"));
  type_here (fixture, PASSWORD);
  press_enter (gtk_window_get_focus (window));
  mfa_test_wait_until ((code = mfa_test_server_last_sms_code (fixture->server, PHONE)) != NULL);
  mfa_test_wait_until ((focus = mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL)) != NULL &&
                       mfa_test_widget_is_shown (focus) && gtk_widget_is_sensitive (focus));
  focus_until (fixture, GTK_DIR_TAB_FORWARD, is_inside, focus);
  type_here (fixture, code);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  manage = mfa_test_window_page (fixture->window, "manage");
  mfa_test_wait_until (mfa_test_find_phone_row (manage, PHONE) != NULL);

  /* Add a number: the field has the focus at once. */
  press_button (fixture, "Add Phone Number");
  mfa_test_wait_until (g_strcmp0 (page (fixture), "add-phone") == 0);
  view = mfa_test_window_page (fixture->window, "add-phone");
  mfa_test_wait_until ((focus = gtk_window_get_focus (window)) != NULL &&
                       is_inside (focus, mfa_test_find_row (view, "_Phone Number")));
  type_here (fixture, "+12015550188");
  press_button (fixture, "_Continue");

  /* Verify: the code field has the focus. */
  mfa_test_wait_until ((new_code = mfa_test_server_last_sms_code (fixture->server, "+12015550188")) != NULL);
  mfa_test_wait_until ((focus = gtk_window_get_focus (window)) != NULL &&
                       is_inside (focus, mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL)) &&
                       gtk_widget_is_sensitive (focus));
  type_here (fixture, new_code);

  /* Verified: Use for Sign-In Codes has the focus; Enter, and back to the
   * lists. */
  mfa_test_wait_until ((focus = gtk_window_get_focus (window)) != NULL &&
                       is_button (focus, "_Use for Sign-In Codes"));
  press_enter (focus);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  mfa_test_wait_until ((row = mfa_test_find_phone_row (manage, "+12015550188")) != NULL &&
                       mfa_phone_number_get_reserved (mfa_phone_row_get_number (row)));
  /* Not lost in the page that went away. */
  focus = gtk_window_get_focus (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, manage));

  /* Make it the default: into the list with Tab, down to its row with
   * the arrow keys, and Tab to its button. */
  list = gtk_widget_get_parent (GTK_WIDGET (row));
  focus_until (fixture, GTK_DIR_TAB_FORWARD, is_inside, list);
  for (guint i = 0; i < 10 && !is_inside (gtk_window_get_focus (window), row); i++)
    /* What Down does in a list. */
    g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_assert_true (is_inside (gtk_window_get_focus (window), row));
  press_button (fixture, "Make _Default");
  mfa_test_wait_until (mfa_phone_number_get_default (mfa_phone_row_get_number (row)));

  /* New backup codes: the dialog, Tab to Generate, Enter. */
  press_button (fixture, "_Generate New Codes…");
  {
    /* An alert window (libadwaita before 1.5): Tab round its buttons to
     * Generate, then Enter. An alert inside the main window keeps its
     * own keyboard handling, which under Xvfb does not move off its
     * sheet: its Generate button is pressed. */
    GtkWidget *alert = mfa_test_wait_for_alert ();
    GtkWindow *dialog = GTK_WINDOW (gtk_widget_get_root (alert));
    GtkWidget *generate = NULL;

    mfa_test_present_active (dialog);
    if (GTK_IS_WINDOW (alert))
      {
        for (guint i = 0; i < 50 && generate == NULL; i++)
          {
            focus = gtk_window_get_focus (dialog);
            if (focus != NULL && is_button (focus, "_Generate"))
              generate = focus;
            else if (!gtk_widget_child_focus (alert, GTK_DIR_TAB_FORWARD))
              gtk_window_set_focus (dialog, NULL);
          }
        g_assert_nonnull (generate);
        press_enter (generate);
      }
    else
      {
        mfa_test_answer_alert (alert, "generate");
      }
  }
  mfa_test_wait_until (g_strcmp0 (page (fixture), "backup-codes") == 0);
  mfa_test_present_active (window);

  /* Stored, then Done: back to the lists with the focus on them. */
  view = mfa_test_window_page (fixture->window, "backup-codes");
  press_enter (focus_until (fixture, GTK_DIR_TAB_FORWARD, is_inside,
                            mfa_test_find_widget (view, GTK_TYPE_CHECK_BUTTON, NULL)));
  mfa_test_wait_until (mfa_backup_codes_view_get_stored (MFA_BACKUP_CODES_VIEW (view)));
  press_button (fixture, "_Done");
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  focus = gtk_window_get_focus (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, manage));
  g_assert_true (gtk_widget_get_mapped (focus));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mfa/app-flow/sign-in-restore-sign-out", Fixture, NULL,
              fixture_set_up, test_sign_in_restore_sign_out, fixture_tear_down);
  g_test_add ("/mfa/app-flow/keyboard-only", Fixture, NULL,
              fixture_set_up, test_keyboard_only, fixture_tear_down);
  g_test_add ("/mfa/app-flow/first-enablement-codes", Fixture, NULL,
              fixture_set_up, test_first_enablement_codes, fixture_tear_down);
  g_test_add ("/mfa/app-flow/offline", Fixture, NULL,
              fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/mfa/app-flow/offline-backoff", Fixture, NULL,
              fixture_set_up, test_offline_backoff, fixture_tear_down);
  g_test_add ("/mfa/app-flow/session-gone", Fixture, NULL,
              fixture_set_up, test_session_gone, fixture_tear_down);

  return g_test_run ();
}
