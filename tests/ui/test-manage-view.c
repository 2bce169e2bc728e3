/* test-manage-view.c
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

#include "mfa-clock-private.h"
#include "mfa-code-entry.h"
#include "mfa-manage-view.h"
#include "mfa-phone-row.h"
#include "mfa-snapshot.h"
#include "mfa-step-up-dialog.h"
#include "mfa-step-up-interaction.h"
#include "mfa-compat.h"
#include "mfa-ui-test-utils.h"

#define PASSWORD "correct horse battery"

/* A default, B reserved, C verified, D unverified. */
#define PHONE_A "+12015550101"
#define PHONE_B "+12015550102"
#define PHONE_C "+12015550103"
#define PHONE_D "+12015550104"

#define ALL_STATES_USER \
  "{\"identifier\":\"ann@example.com\",\"password\":\"" PASSWORD "\"," \
  "\"phones\":[" \
  "{\"phone_number\":\"" PHONE_A "\",\"verified\":true,\"reserved\":true,\"default\":true}," \
  "{\"phone_number\":\"" PHONE_B "\",\"verified\":true,\"reserved\":true,\"default\":false}," \
  "{\"phone_number\":\"" PHONE_C "\",\"verified\":true,\"reserved\":false,\"default\":false}," \
  "{\"phone_number\":\"" PHONE_D "\",\"verified\":false,\"reserved\":false,\"default\":false}]}"

typedef struct
{
  MfaTestServer   *server;
  char            *identifier;
  MfaClock        *clock;
  gboolean         started;
  MfaAccount      *account;
  MfaClient       *client;
  GtkWidget       *window;
  AdwToastOverlay *overlay;
  MfaManageView   *view;
  GPtrArray       *toasts;
  GPtrArray       *verified;
} Fixture;

static void
verify_phone_cb (MfaManageView  *view,
                 MfaPhoneNumber *phone,
                 Fixture        *fx)
{
  g_ptr_array_add (fx->verified, g_object_ref (phone));
}

static void
fixture_start_server (Fixture *fx)
{
  fx->server = mfa_test_server_new ("--dev-routes", "--reverification", "off", NULL);
  fx->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  fx->verified = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Gated changes need a recent confirmation. */
static void
fixture_start_step_up_server (Fixture *fx)
{
  fx->server = mfa_test_server_new ("--dev-routes",
                                    "--reverification", "on",
                                    "--reverification-window", "600",
                                    "--rate-limits", "off",
                                    NULL);
  fx->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  fx->verified = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_sign_in (Fixture    *fx,
                 const char *identifier)
{
  fx->identifier = g_strdup (identifier);
  if (fx->started)
    fx->account = mfa_test_started_account (fx->server, identifier, PASSWORD, fx->clock);
  else
    fx->account = mfa_test_signed_in_account (fx->server, identifier, PASSWORD, fx->clock);
  fx->client = g_object_ref (mfa_account_get_client (fx->account));
}

/* The view in a window as the app has it: inside a toast overlay. */
static void
fixture_show (Fixture *fx)
{
  g_autoptr(MfaInteraction) interaction = NULL;

  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1000, 700);

  fx->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fx->view = MFA_MANAGE_VIEW (mfa_manage_view_new ());
  g_object_ref_sink (fx->view);
  g_signal_connect (fx->view, "verify-phone", G_CALLBACK (verify_phone_cb), fx);
  mfa_manage_view_set_account (fx->view, fx->account);
  /* Step-up as the app answers it: the dialog over this window. */
  interaction = mfa_step_up_interaction_new (GTK_WINDOW (fx->window), NULL);
  mfa_client_set_interaction (fx->client, interaction);

  adw_toast_overlay_set_child (fx->overlay, GTK_WIDGET (fx->view));
  mfa_test_record_toasts (fx->overlay, fx->toasts);
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->overlay));
  gtk_window_present (GTK_WINDOW (fx->window));
}

static const char *
view_page (Fixture *fx)
{
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (fx->view));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
fixture_show_lists (Fixture *fx)
{
  fixture_show (fx);
  mfa_test_wait_until (g_strcmp0 (view_page (fx), "lists") == 0);
}

static void
fixture_tear_down (Fixture *fx)
{
  g_ptr_array_unref (fx->toasts);
  g_ptr_array_unref (fx->verified);

  if (fx->window != NULL)
    {
      g_object_ref (fx->window);
      gtk_window_destroy (GTK_WINDOW (fx->window));
      mfa_test_wait_until (G_OBJECT (fx->window)->ref_count == 1);
      g_assert_finalize_object (fx->window);

      /* Requests cancelled when the view left the window hold it until
       * their callbacks have run; let them.
       */
      mfa_test_wait_until (G_OBJECT (fx->view)->ref_count == 1);
      g_assert_finalize_object (fx->view);
    }

  if (fx->account != NULL)
    {
      mfa_test_iterate (50);
      mfa_test_finalize_account (fx->account);
    }
  if (fx->client != NULL)
    g_assert_finalize_object (fx->client);
  g_clear_object (&fx->clock);

  g_free (fx->identifier);
  mfa_test_server_free (fx->server);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Finding things */

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The group keeps a list box of its own for rows added to it directly,
 * hidden while empty; ours is the shown one.
 */
static GtkWidget *
find_shown_list_box (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_get_visible (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_list_box (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkListBox *
find_list (Fixture    *fx,
           const char *group_title)
{
  GtkWidget *group = find_group (GTK_WIDGET (fx->view), group_title);
  GtkWidget *found;

  g_assert_nonnull (group);
  found = find_shown_list_box (group);
  g_assert_nonnull (found);

  return GTK_LIST_BOX (found);
}

#define RESERVED_LIST(fx)   find_list (fx, "Numbers for Two-Step Verification")
#define VERIFIED_LIST(fx)   find_list (fx, "Other Verified Numbers")
#define UNVERIFIED_LIST(fx) find_list (fx, "Unverified Numbers")

/* The E.164 numbers of the rows of @box, in order, joined by spaces. */
static char *
list_numbers (GtkListBox *box)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!MFA_IS_PHONE_ROW (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, mfa_phone_number_get_phone_number (
                               mfa_phone_row_get_number (MFA_PHONE_ROW (child))));
    }

  return g_string_free (text, FALSE);
}

static void
assert_lists (Fixture    *fx,
              const char *reserved,
              const char *verified,
              const char *unverified)
{
  g_autofree char *r = list_numbers (RESERVED_LIST (fx));
  g_autofree char *v = list_numbers (VERIFIED_LIST (fx));
  g_autofree char *u = list_numbers (UNVERIFIED_LIST (fx));

  g_assert_cmpstr (r, ==, reserved);
  g_assert_cmpstr (v, ==, verified);
  g_assert_cmpstr (u, ==, unverified);
}

static gboolean
lists_are (Fixture    *fx,
           const char *reserved,
           const char *verified,
           const char *unverified)
{
  g_autofree char *r = list_numbers (RESERVED_LIST (fx));
  g_autofree char *v = list_numbers (VERIFIED_LIST (fx));
  g_autofree char *u = list_numbers (UNVERIFIED_LIST (fx));

  return g_strcmp0 (r, reserved) == 0 && g_strcmp0 (v, verified) == 0 &&
         g_strcmp0 (u, unverified) == 0;
}

static MfaPhoneRow *
find_phone_row (Fixture    *fx,
                const char *e164)
{
  MfaPhoneRow *row = mfa_test_find_phone_row (GTK_WIDGET (fx->view), e164);

  g_assert_nonnull (row);
  return row;
}

/* What a button or menu item of @row does: the row's `phone.` action,
 * targeted at its number.
 */
static gboolean
activate_phone_action (MfaPhoneRow *row,
                       const char  *name)
{
  g_autofree char *action = g_strconcat ("phone.", name, NULL);

  return gtk_widget_activate_action (GTK_WIDGET (row), action, "s",
                                     mfa_phone_number_get_id (mfa_phone_row_get_number (row)));
}

static AdwToast *
last_toast (Fixture *fx)
{
  g_assert_cmpuint (fx->toasts->len, >, 0);

  return g_ptr_array_index (fx->toasts, fx->toasts->len - 1);
}

/* Server side */

/* The phone as the server now reports it, through another client. */
static MfaPhoneNumber *
fresh_phone (Fixture    *fx,
             const char *e164)
{
  g_autoptr(MfaClient) other = mfa_test_signed_in_client (fx->server, fx->identifier, PASSWORD);
  g_autoptr(GPtrArray) all = NULL;
  GListModel *phones = mfa_user_get_phone_numbers (mfa_client_get_user (other));

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return g_steal_pointer (&phone);
    }

  return NULL;
}

static void
set_up_all_states (Fixture *fx)
{
  g_autofree char *id = NULL;

  fixture_start_server (fx);
  id = mfa_test_create_user (fx->server, ALL_STATES_USER);
  fixture_sign_in (fx, "ann@example.com");
  fixture_show_lists (fx);
}

/* The fixture most tests share: the user with a number in each state,
 * signed in, its lists shown. */
static void
all_states_set_up (Fixture       *fx,
                   gconstpointer  data)
{
  set_up_all_states (fx);
}

static void
all_states_tear_down (Fixture       *fx,
                      gconstpointer  data)
{
  fixture_tear_down (fx);
}

static void age_sign_in (Fixture *fx);

/* The same user, on a server where gated changes need a recent
 * confirmation, signed in more than ten minutes ago. */
static void
step_up_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *id = NULL;

  fixture_start_step_up_server (fx);
  id = mfa_test_create_user (fx->server, ALL_STATES_USER);
  fixture_sign_in (fx, "ann@example.com");
  fixture_show_lists (fx);
  age_sign_in (fx);
}

/* Tests */

/* A session without its user yet: "Loading", then, when the service
 * fails, the error page, whose Retry loads the lists. Neither page is
 * made before it is needed.
 */
static void
test_load_error_and_retry (void)
{
  Fixture fx = { 0 };
  g_autoptr(MfaClient) signed_in = NULL;
  GtkWidget *stack;
  GtkWidget *retry;

  fixture_start_server (&fx);
  g_free (mfa_test_create_user (fx.server, ALL_STATES_USER));
  signed_in = mfa_test_signed_in_client (fx.server, "ann@example.com", PASSWORD);
  fx.identifier = g_strdup ("ann@example.com");
  fx.account = mfa_test_signed_in_account (fx.server, NULL, NULL, NULL);
  fx.client = g_object_ref (mfa_account_get_client (fx.account));
  mfa_client_set_token (fx.client, mfa_client_get_token (signed_in));
  g_assert_null (mfa_client_get_user (fx.client));

  mfa_test_add_fault (fx.server, "{\"method\": \"GET\", \"path\": \"/v1/me\", \"kind\": \"status\","
                                 " \"status\": 500, \"times\": 1}");
  fixture_show (&fx);
  stack = adw_bin_get_child (ADW_BIN (fx.view));
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (stack), "error"));
  g_assert_cmpstr (view_page (&fx), ==, "loading");
  g_assert_nonnull (mfa_test_find_label_containing (GTK_WIDGET (fx.view), "Loading Phone Numbers", TRUE));

  mfa_test_wait_until (g_strcmp0 (view_page (&fx), "error") == 0);
  g_assert_nonnull (mfa_test_find_label_containing (GTK_WIDGET (fx.view),
                                                    "Could Not Load Your Phone Numbers", TRUE));
  retry = mfa_test_find_button (gtk_stack_get_child_by_name (GTK_STACK (stack), "error"), "_Retry");
  g_assert_nonnull (retry);
  g_assert_true (mfa_test_widget_is_shown (retry));
  /* Once the crossfade from the loading page is over. */
  mfa_test_wait_until (!gtk_widget_get_child_visible (gtk_stack_get_child_by_name (GTK_STACK (stack),
                                                                                   "loading")));
  mfa_test_iterate (50);
  mfa_test_assert_nothing_cut (fx.window);

  mfa_test_click (retry);
  mfa_test_wait_until (g_strcmp0 (view_page (&fx), "lists") == 0);
  assert_lists (&fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);

  fixture_tear_down (&fx);
}

static void
test_lists (Fixture       *fx,
            gconstpointer  data)
{
  MfaPhoneRow *row;

  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);

  row = find_phone_row (fx, PHONE_A);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "+1\u00a0201-555-0101");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Default · receives sign-in codes");
  g_assert_null (mfa_test_find_button (GTK_WIDGET (row), "Make _Default"));
  g_assert_nonnull (mfa_test_find_button_by_tooltip (GTK_WIDGET (row), "More Actions for +1\u00a0201-555-0101"));

  row = find_phone_row (fx, PHONE_B);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Receives sign-in codes");
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row), "Make _Default")));

  row = find_phone_row (fx, PHONE_C);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Verified");
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes")));
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button_by_tooltip (GTK_WIDGET (row),
                                                                   "Remove +1\u00a0201-555-0103")));

  row = find_phone_row (fx, PHONE_D);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not verified");
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row), "_Verify")));

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (mfa_test_find_button_by_tooltip (GTK_WIDGET (fx->view),
                                                                                         "Add Phone Number"))),
                   ==, "win.show-add-phone");
}

/* With an authenticator app on, making a number the default stays
 * possible, and the page says that the app comes first.
 */
static void
test_totp_precedence (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  AdwPreferencesGroup *group;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\":\"cy@example.com\",\"password\":\"" PASSWORD "\","
                             "\"totp_secret\":\"JBSWY3DPEHPK3PXP\",\"phones\":["
                             "{\"phone_number\":\"" PHONE_A "\",\"verified\":true,\"reserved\":true,\"default\":true},"
                             "{\"phone_number\":\"" PHONE_B "\",\"verified\":true,\"reserved\":true,\"default\":false}]}");
  fixture_sign_in (&fx, "cy@example.com");
  g_assert_true (mfa_user_get_totp_enabled (mfa_client_get_user (fx.client)));
  fixture_show_lists (&fx);

  group = ADW_PREFERENCES_GROUP (find_group (GTK_WIDGET (fx.view), "Numbers for Two-Step Verification"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "authenticator app"));
  /* The default's own row says when it is used. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (&fx, PHONE_A))), ==,
                   "Default · used only when you choose a text message");

  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_B)), "Make _Default"));
  mfa_test_wait_until (lists_are (&fx, PHONE_B " " PHONE_A, "", ""));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (&fx, PHONE_B))), ==,
                   "Default · used only when you choose a text message");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (&fx, PHONE_A))), ==,
                   "Receives sign-in codes");

  fixture_tear_down (&fx);
}

/* An instance without sign-in codes by text message or backup codes:
 * the numbers are shown and can be removed, but nothing offers to use
 * them for two-step verification or to make codes, and the page says why.
 */
static void
test_instance_without_sms (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *codes;
  MfaPhoneRow *row;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server, ALL_STATES_USER);
  fixture_sign_in (&fx, "ann@example.com");
  mfa_test_dev (fx.server, "POST", "/__dev/settings", "{\"sms_mfa\": false, \"backup_codes\": false}");
  mfa_client_get_environment_async (fx.client, NULL, mfa_test_result_cb, &result);
  g_assert_true (mfa_client_get_environment_finish (fx.client, mfa_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (mfa_environment_get_sms_mfa (mfa_client_get_environment (fx.client)));
  g_assert_false (mfa_environment_get_backup_codes (mfa_client_get_environment (fx.client)));
  fixture_show_lists (&fx);

  assert_lists (&fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  group = ADW_PREFERENCES_GROUP (find_group (GTK_WIDGET (fx.view), "Numbers for Two-Step Verification"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group),
                            "does not send sign-in codes by text message"));

  row = find_phone_row (&fx, PHONE_C);
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes")));
  mfa_test_clear_requests (fx.server);
  activate_phone_action (row, "reserve");
  mfa_test_iterate (100);
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "PATCH"), ==, 0);
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button_by_tooltip (GTK_WIDGET (row),
                                                                   "Remove +1\u00a0201-555-0103")));
  row = find_phone_row (&fx, PHONE_B);
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row), "Make _Default")));

  /* No backup codes on offer, though two-step verification is on. */
  g_assert_true (mfa_user_get_two_factor_enabled (mfa_client_get_user (fx.client)));
  codes = find_group (GTK_WIDGET (fx.view), "Account Recovery");
  g_assert_true (codes == NULL || !gtk_widget_get_visible (codes));

  fixture_tear_down (&fx);
}

static void
test_make_default (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh_a = NULL;
  g_autoptr(MfaPhoneNumber) fresh_b = NULL;
  MfaPhoneRow *row_a;
  MfaPhoneRow *row_b;


  row_a = find_phone_row (fx, PHONE_A);
  row_b = find_phone_row (fx, PHONE_B);
  g_object_add_weak_pointer (G_OBJECT (row_a), (gpointer *)&row_a);

  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row_b), "Make _Default"));
  g_assert_true (mfa_phone_row_get_busy (row_b));

  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_A, PHONE_C, PHONE_D));
  g_assert_false (mfa_phone_row_get_busy (find_phone_row (fx, PHONE_B)));

  /* A's row is the same widget, changed in place by the model. */
  g_assert_nonnull (row_a);
  g_assert_true (find_phone_row (fx, PHONE_A) == row_a);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_a)), ==, "Receives sign-in codes");
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (row_a), "Make _Default")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (fx, PHONE_B))), ==,
                   "Default · receives sign-in codes");
  g_object_remove_weak_pointer (G_OBJECT (row_a), (gpointer *)&row_a);

  fresh_a = fresh_phone (fx, PHONE_A);
  fresh_b = fresh_phone (fx, PHONE_B);
  g_assert_false (mfa_phone_number_get_default (fresh_a));
  g_assert_true (mfa_phone_number_get_default (fresh_b));

}

static void
test_stop_using_undo (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;
  AdwToast *toast;
  GtkWidget *undo;


  /* What the "Stop Using for Sign-In Codes" menu item does. */
  g_assert_true (activate_phone_action (find_phone_row (fx, PHONE_B), "unreserve"));
  mfa_test_wait_until (lists_are (fx, PHONE_A, PHONE_B " " PHONE_C, PHONE_D));
  mfa_test_wait_until (fx->toasts->len == 1);

  toast = last_toast (fx);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "+1\u00a0201-555-0102 no longer receives sign-in codes");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  fresh = fresh_phone (fx, PHONE_B);
  g_assert_false (mfa_phone_number_get_reserved (fresh));
  g_clear_object (&fresh);

  /* The toast's own button, as shown in the overlay. */
  mfa_test_wait_until ((undo = mfa_test_find_button (GTK_WIDGET (fx->overlay), "_Undo")) != NULL);
  mfa_test_click (undo);

  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D));
  fresh = fresh_phone (fx, PHONE_B);
  g_assert_true (mfa_phone_number_get_reserved (fresh));

}

static void
test_use_for_mfa (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;


  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D));

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (fx, PHONE_C))), ==,
                   "Receives sign-in codes");
  fresh = fresh_phone (fx, PHONE_C);
  g_assert_true (mfa_phone_number_get_reserved (fresh));
  g_assert_false (mfa_phone_number_get_default (fresh));

}

static void
backup_codes_cb (MfaManageView  *view,
                 MfaBackupCodes *codes,
                 MfaBackupCodes **out)
{
  g_set_object (out, codes);
}

/* Reserving the first number turns two-step verification on: the codes
 * the server hands out once are passed on, not dropped.
 */
static void
test_first_reserve_backup_codes (void)
{
  Fixture fx = { 0 };
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_autofree char *id = NULL;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\":\"dee@example.com\",\"password\":\"" PASSWORD "\","
                             "\"phones\":[{\"phone_number\":\"" PHONE_C "\",\"verified\":true,"
                             "\"reserved\":false,\"default\":false}]}");
  fixture_sign_in (&fx, "dee@example.com");
  fixture_show_lists (&fx);
  g_signal_connect (fx.view, "backup-codes", G_CALLBACK (backup_codes_cb), &codes);

  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (lists_are (&fx, PHONE_C, "", ""));
  g_assert_nonnull (codes);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_phone_row (&fx, PHONE_C))), ==,
                   "Default · receives sign-in codes");

  fixture_tear_down (&fx);
}

/* The row's own button for @action_name (`phone.…`), shown or not. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The number is the account's only way to sign in: the row says so
 * before anything is sent, and offers neither Use for Sign-In Codes nor Remove;
 * once another way to sign in exists, both come back.
 */
static void
test_use_for_mfa_last_identifier (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  GtkWidget *use;
  GtkWidget *remove;
  MfaPhoneRow *row;
  const char *subtitle;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\":\"+12015550150\",\"password\":\"" PASSWORD "\","
                             "\"email_addresses\":[{\"email_address\":\"una@example.com\",\"verified\":false}],"
                             "\"phones\":[{\"phone_number\":\"" PHONE_B "\",\"verified\":true,"
                             "\"reserved\":true,\"default\":true}]}");
  fixture_sign_in (&fx, "+12015550150");
  fixture_show_lists (&fx);
  assert_lists (&fx, PHONE_B, "+12015550150", "");

  row = find_phone_row (&fx, "+12015550150");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "only way to sign in"));
  g_assert_nonnull (strstr (subtitle, "cannot be removed or used for two-step verification"));
  use = mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes");
  remove = find_action_button (GTK_WIDGET (row), "phone.remove");
  g_assert_true (mfa_test_widget_is_shown (use));
  g_assert_true (mfa_test_widget_is_shown (remove));
  g_assert_false (gtk_widget_is_sensitive (use));
  g_assert_false (gtk_widget_is_sensitive (remove));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, subtitle);

  /* Nothing is sent, whatever asks. */
  mfa_test_clear_requests (fx.server);
  activate_phone_action (row, "reserve");
  activate_phone_action (row, "remove");
  mfa_test_iterate (50);
  g_assert_null (mfa_test_find_alert ());
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "PATCH"), ==, 0);
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "DELETE"), ==, 0);
  g_assert_cmpuint (fx.toasts->len, ==, 0);

  /* B stops receiving codes and becomes a way to sign in: the first
   * number can go, or be used for two-step verification, again. */
  g_assert_true (activate_phone_action (find_phone_row (&fx, PHONE_B), "unreserve"));
  mfa_test_wait_until (lists_are (&fx, "", PHONE_B " +12015550150", ""));
  g_assert_true (find_phone_row (&fx, "+12015550150") == row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Verified");
  g_assert_true (gtk_widget_is_sensitive (use));
  g_assert_true (gtk_widget_is_sensitive (remove));

  fixture_tear_down (&fx);
}

/* What a toast would cut off is shown in full, wrapped, at the top of
 * the lists; short news stays a toast.
 */
static void
test_long_error_inline (Fixture       *fx,
                        gconstpointer  data)
{
  GtkLabel *label;
  GtkWidget *dismiss;
  GtkWidget *banner;
  GtkWidget *retry;
  GtkRoot *root;
  const char *text;

  /* The service refuses for a reason the view could not know. */
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"method\":\"PATCH\",\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\","
                "\"status\":400,\"code\":\"identification_update_failed\",\"times\":1}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until ((label = mfa_test_find_label_containing (GTK_WIDGET (fx->view),
                                                                "only way to sign in", TRUE)) != NULL);
  text = gtk_label_get_text (label);
  g_assert_cmpuint (g_utf8_strlen (text, -1), >, 60);
  g_assert_nonnull (strstr (text, "+1\u00a0201-555-0103"));
  g_assert_nonnull (strstr (text, "Add another way to sign in first."));
  g_assert_true (gtk_label_get_wrap (label));
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpuint (fx->toasts->len, ==, 0);
  /* An answer of the service: its details can be copied. */
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_button (GTK_WIDGET (fx->view), "Copy _Details")));
  banner = GTK_WIDGET (label);
  while (!gtk_widget_has_css_class (banner, "card"))
    banner = gtk_widget_get_parent (banner);
  retry = mfa_test_find_button (banner, "_Retry");
  g_assert_nonnull (retry);
  g_assert_false (mfa_test_widget_is_shown (retry));

  /* Dismissed, the focus goes to the row it was about. */
  dismiss = mfa_test_find_button_by_tooltip (GTK_WIDGET (fx->view), "Dismiss");
  gtk_widget_grab_focus (dismiss);
  mfa_test_click (dismiss);
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (label)));
  root = gtk_widget_get_root (GTK_WIDGET (fx->view));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (root)) == GTK_WIDGET (find_phone_row (fx, PHONE_C)));

  /* A short one is a toast. */
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"method\":\"PATCH\",\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\","
                "\"status\":422,\"code\":\"form_param_value_invalid\",\"times\":1}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpuint (g_utf8_strlen (adw_toast_get_title (last_toast (fx)), -1), <=, 60);
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (label)));
}

static void
test_remove_confirm (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;
  g_autofree char *requests = NULL;
  GtkWidget *dialog;
  MfaPhoneRow *row;


  row = find_phone_row (fx, PHONE_C);
  mfa_test_clear_requests (fx->server);
  mfa_test_click (mfa_test_find_button_by_tooltip (GTK_WIDGET (row), "Remove +1\u00a0201-555-0103"));

  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Remove +1\u00a0201-555-0103?");
  g_assert_cmpstr (mfa_alert_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (mfa_alert_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  /* The dialog's own button, which answers and closes it. */
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (dialog), "_Remove"));

  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B, "", PHONE_D));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (last_toast (fx)), ==, "+1\u00a0201-555-0103 was removed");
  mfa_test_wait_until (mfa_test_find_alert () == NULL);

  requests = mfa_test_request_log (fx->server);
  g_assert_cmpuint (mfa_test_count_lines_with (requests, "DELETE /v1/me/phone_numbers/"), ==, 1);
  fresh = fresh_phone (fx, PHONE_C);
  g_assert_null (fresh);

}

static void
test_remove_cancel (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *requests = NULL;
  GtkWidget *dialog;
  MfaPhoneRow *row;

  row = find_phone_row (fx, PHONE_A);
  mfa_test_clear_requests (fx->server);
  /* What the "Remove from Account…" menu item does. */
  g_assert_true (activate_phone_action (row, "remove"));

  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Remove +1\u00a0201-555-0101?");
  /* Escape: the close response is Cancel. */
  mfa_dialog_close (dialog);
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  mfa_test_iterate (300);

  requests = mfa_test_request_log (fx->server);
  g_assert_cmpstr (requests, ==, "");
  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fx->window)) == GTK_WIDGET (row));
  g_assert_cmpuint (fx->toasts->len, ==, 0);
}

static void
test_verify (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *requests = NULL;
  MfaPhoneRow *row;

  row = find_phone_row (fx, PHONE_D);
  mfa_test_clear_requests (fx->server);
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Verify"));

  g_assert_cmpuint (fx->verified->len, ==, 1);
  g_assert_true (g_ptr_array_index (fx->verified, 0) == mfa_phone_row_get_number (row));
  g_assert_true (g_ptr_array_index (fx->verified, 0) ==
                 mfa_user_find_phone_number (mfa_client_get_user (fx->client),
                                             mfa_phone_number_get_id (mfa_phone_row_get_number (row))));
  mfa_test_iterate (100);
  requests = mfa_test_request_log (fx->server);
  g_assert_cmpstr (requests, ==, "");
}

static void
assert_placeholder_shown (GtkListBox *box,
                          const char *text)
{
  GtkWidget *label = mfa_test_find_widget (GTK_WIDGET (box), GTK_TYPE_LABEL, text);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_child_visible (label));
  g_assert_true (gtk_widget_get_visible (label));
}

static void
test_empty (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\":\"bob@example.com\",\"password\":\"" PASSWORD "\"}");
  fixture_sign_in (&fx, "bob@example.com");
  fixture_show_lists (&fx);

  assert_lists (&fx, "", "", "");
  assert_placeholder_shown (RESERVED_LIST (&fx),
                            "No number receives sign-in codes yet. Verify a number, then choose “Use for Sign-In Codes”.");
  assert_placeholder_shown (VERIFIED_LIST (&fx), "No other verified numbers.");
  assert_placeholder_shown (UNVERIFIED_LIST (&fx), "No numbers are waiting to be verified.");

  fixture_tear_down (&fx);
}

/* The client already holds the user from the sign-in: the view shows it
 * without asking again. Reloading then fails: the lists stay, a toast
 * says why; Retry works once the server answers.
 */
static void
test_load_and_reload (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *requests = NULL;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server, ALL_STATES_USER);
  fixture_sign_in (&fx, "ann@example.com");

  mfa_test_clear_requests (fx.server);
  fixture_show_lists (&fx);
  assert_lists (&fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  mfa_test_iterate (100);
  requests = mfa_test_request_log (fx.server);
  g_assert_cmpstr (requests, ==, "");

  mfa_test_dev (fx.server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me\",\"kind\":\"status\",\"status\":500}");
  mfa_manage_view_reload (fx.view);
  mfa_test_wait_until (fx.toasts->len == 1);
  g_assert_cmpstr (view_page (&fx), ==, "lists");
  assert_lists (&fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);

  mfa_test_dev (fx.server, "DELETE", "/__dev/faults", NULL);
  mfa_test_clear_requests (fx.server);
  mfa_manage_view_reload (fx.view);
  mfa_test_wait_until (mfa_test_count_requests (fx.server, "GET /v1/me") == 1);
  g_assert_cmpstr (view_page (&fx), ==, "lists");
  g_assert_cmpuint (fx.toasts->len, ==, 1);

  fixture_tear_down (&fx);
}

static void
test_action_fault (Fixture       *fx,
                   gconstpointer  data)
{
  gboolean first_dismissed = FALSE;
  MfaPhoneRow *row_a;
  MfaPhoneRow *row_b;

  row_a = find_phone_row (fx, PHONE_A);
  row_b = find_phone_row (fx, PHONE_B);

  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\",\"status\":500}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row_b), "Make _Default"));
  mfa_test_wait_until (fx->toasts->len == 1);

  g_assert_cmpstr (adw_toast_get_title (last_toast (fx)), !=, "");
  g_assert_false (mfa_phone_row_get_busy (row_b));
  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  g_assert_true (find_phone_row (fx, PHONE_A) == row_a);
  g_assert_true (find_phone_row (fx, PHONE_B) == row_b);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_a)), ==,
                   "Default · receives sign-in codes");

  /* A transport failure says the service could not be reached, with Retry. */
  mfa_test_dev (fx->server, "DELETE", "/__dev/faults", NULL);
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"drop\",\"times\":1}");
  g_signal_connect_swapped (g_ptr_array_index (fx->toasts, 0), "dismissed",
                            G_CALLBACK (set_true), &first_dismissed);
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row_b), "Make _Default"));
  mfa_test_wait_until (fx->toasts->len == 2);
  g_assert_cmpstr (adw_toast_get_button_label (last_toast (fx)), ==, "_Retry");
  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  /* One toast at a time: the newer outcome replaced the older at once. */
  g_assert_true (first_dismissed);

  g_signal_emit_by_name (last_toast (fx), "button-clicked");
  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_A, PHONE_C, PHONE_D));
}

static void
test_rate_limited (Fixture       *fx,
                   gconstpointer  data)
{
  const char *title;

  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\",\"status\":429}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (fx->toasts->len == 1);

  title = adw_toast_get_title (last_toast (fx));
  g_assert_true (g_str_has_suffix (title, "Try again in 1 second."));
  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
}

static void
test_no_double_submission (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *requests = NULL;
  MfaPhoneRow *row;
  GtkWidget *button;

  row = find_phone_row (fx, PHONE_B);
  button = mfa_test_find_button (GTK_WIDGET (row), "Make _Default");

  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"latency\",\"latency_ms\":1500}");
  mfa_test_clear_requests (fx->server);

  mfa_test_click (button);
  g_assert_true (mfa_phone_row_get_busy (row));
  mfa_test_iterate (100);

  /* Every way to ask again is closed while the request runs. */
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_widget (GTK_WIDGET (row), GTK_TYPE_SPINNER,
                                                                 NULL)));
  g_signal_emit_by_name (button, "clicked");
  activate_phone_action (row, "make-default");
  activate_phone_action (row, "unreserve");
  activate_phone_action (row, "remove");
  g_assert_null (mfa_test_find_alert ());

  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_A, PHONE_C, PHONE_D));
  g_assert_false (mfa_phone_row_get_busy (row));
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_widget (GTK_WIDGET (row), GTK_TYPE_SPINNER,
                                                                  NULL)));

  mfa_test_dev (fx->server, "DELETE", "/__dev/faults", NULL);
  requests = mfa_test_request_log (fx->server);
  g_assert_cmpuint (mfa_test_count_lines_with (requests, "PATCH /v1/me/phone_numbers/") +
                    mfa_test_count_lines_with (requests, "POST /v1/me/phone_numbers/"), ==, 1);
}

/* Closing the window while a request runs: no callback touches it. */
static void
test_destroy_during_request (Fixture       *fx,
                             gconstpointer  data)
{
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"latency\",\"latency_ms\":1000}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_B)), "Make _Default"));
}

/* Step-up: gated changes need a recent confirmation */

/* Lets the sign-in age past the server's window of 10 minutes. */
static void
age_sign_in (Fixture *fx)
{
  mfa_test_dev (fx->server, "POST", "/__dev/clock", "{\"advance_ms\": 660000}");
}

/* Password, then the code sent to the default phone: as a person would. */
static void
pass_step_up (Fixture    *fx,
              const char *default_phone)
{
  MfaStepUpDialog *dialog;
  AdwPreferencesRow *password_row;
  MfaCodeEntry *entry;
  g_autofree char *code = NULL;
  GtkEditable *editable;
  int position = 0;

  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "password") == 0);

  password_row = mfa_test_find_row (GTK_WIDGET (dialog), "_Password");
  g_assert_nonnull (password_row);
  gtk_editable_set_text (GTK_EDITABLE (password_row), PASSWORD);
  g_signal_emit_by_name (password_row, "entry-activated");

  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "phone_code") == 0);
  mfa_test_wait_until (mfa_test_count_requests (fx->server, "POST /v1/client/sessions/") > 0 &&
                       ({ g_autofree char *r = mfa_test_request_log (fx->server);
                          strstr (r, "/verify/prepare_second_factor") != NULL; }));
  entry = MFA_CODE_ENTRY (mfa_test_find_widget (GTK_WIDGET (dialog), MFA_TYPE_CODE_ENTRY, NULL));
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (entry)));

  code = mfa_test_server_last_sms_code (fx->server, default_phone);
  g_assert_nonnull (code);
  editable = mfa_code_entry_get_editable (entry);
  mfa_code_entry_clear (entry);
  gtk_editable_insert_text (editable, code, -1, &position);

  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) == NULL);
}

static guint
count_changes (Fixture *fx)
{
  return mfa_test_count_requests (fx->server, "PATCH /v1/me/phone_numbers/") +
         mfa_test_count_requests (fx->server, "POST /v1/me/phone_numbers/");
}

static void
test_step_up_reserve (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;
  MfaPhoneRow *row;

  mfa_test_clear_requests (fx->server);

  row = find_phone_row (fx, PHONE_C);
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes"));

  /* Refused until the person confirms: the row waits, busy. */
  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) != NULL);
  g_assert_true (mfa_phone_row_get_busy (row));
  g_assert_true (gtk_window_get_transient_for (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) ==
                 GTK_WINDOW (fx->window));
  g_assert_cmpuint (count_changes (fx), ==, 1);

  pass_step_up (fx, PHONE_A);

  /* Sent again by itself, once. */
  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D));
  g_assert_false (mfa_phone_row_get_busy (find_phone_row (fx, PHONE_C)));
  g_assert_cmpuint (count_changes (fx), ==, 2);
  fresh = fresh_phone (fx, PHONE_C);
  g_assert_true (mfa_phone_number_get_reserved (fresh));
  g_assert_cmpuint (fx->toasts->len, ==, 0);

}

static void
test_step_up_cancel (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;
  MfaStepUpDialog *dialog;
  MfaPhoneRow *row;

  mfa_test_clear_requests (fx->server);

  row = find_phone_row (fx, PHONE_C);
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes"));
  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  g_assert_true (mfa_phone_row_get_busy (row));

  /* Escape, or the close button. */
  gtk_window_close (GTK_WINDOW (dialog));
  mfa_test_wait_until (!mfa_phone_row_get_busy (row));
  mfa_test_iterate (200);

  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
  assert_lists (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D);
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes")));
  g_assert_cmpuint (count_changes (fx), ==, 1);
  g_assert_cmpuint (fx->toasts->len, ==, 0);
  fresh = fresh_phone (fx, PHONE_C);
  g_assert_false (mfa_phone_number_get_reserved (fresh));

}

/* The authenticator app goes after a question that says what changes,
 * and a confirmation with the password and a code from the app itself. */
static void
test_totp_remove (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  MfaStepUpDialog *step_up;
  MfaCodeEntry *entry;
  AdwPreferencesRow *password_row;
  GtkWidget *dialog;
  GtkWidget *remove;
  int position = 0;

  fixture_start_step_up_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\": \"tina@example.com\", \"password\": \"" PASSWORD "\","
                             " \"totp_secret\": \"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\","
                             " \"phones\": [{\"phone_number\": \"" PHONE_A "\", \"verified\": true,"
                             "               \"reserved\": true, \"default\": true}]}");
  fixture_sign_in (&fx, "tina@example.com");
  fixture_show_lists (&fx);
  g_assert_nonnull (mfa_test_find_row (GTK_WIDGET (fx.view), "Set up"));
  age_sign_in (&fx);

  remove = mfa_test_find_labelled_button (GTK_WIDGET (fx.view), "_Remove…");
  g_assert_nonnull (remove);
  mfa_test_click (remove);
  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Remove the Authenticator App?");
  g_assert_nonnull (strstr (mfa_alert_get_body (dialog), "default number"));
  mfa_test_answer_alert (dialog, "remove");

  mfa_test_wait_until ((step_up = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (step_up), "password") == 0);
  password_row = mfa_test_find_row (GTK_WIDGET (step_up), "_Password");
  gtk_editable_set_text (GTK_EDITABLE (password_row), PASSWORD);
  g_signal_emit_by_name (password_row, "entry-activated");
  /* The app is asked for first: nothing is sent. */
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (step_up), "totp") == 0);
  entry = MFA_CODE_ENTRY (mfa_test_find_widget (GTK_WIDGET (step_up), MFA_TYPE_CODE_ENTRY, NULL));
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (entry)));
  code = test_totp_now (fx.server, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  gtk_editable_insert_text (mfa_code_entry_get_editable (entry), code, -1, &position);

  mfa_test_wait_until (fx.toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (last_toast (&fx)), ==, "The authenticator app was removed");
  g_assert_false (mfa_user_get_totp_enabled (mfa_client_get_user (fx.client)));
  mfa_test_wait_until (mfa_test_find_row (GTK_WIDGET (fx.view), "Not set up") != NULL);
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_labelled_button (GTK_WIDGET (fx.view), "_Set Up…")));

  fixture_tear_down (&fx);
}

static void
test_step_up_remove (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;
  GtkWidget *dialog;

  mfa_test_clear_requests (fx->server);

  mfa_test_click (mfa_test_find_button_by_tooltip (GTK_WIDGET (find_phone_row (fx, PHONE_D)),
                                          "Remove +1\u00a0201-555-0104"));
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (dialog), "_Remove"));

  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) != NULL);
  g_assert_true (mfa_phone_row_get_busy (find_phone_row (fx, PHONE_D)));
  pass_step_up (fx, PHONE_A);

  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B, PHONE_C, ""));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (last_toast (fx)), ==, "+1\u00a0201-555-0104 was removed");
  g_assert_cmpuint (mfa_test_count_requests (fx->server, "DELETE /v1/me/phone_numbers/"), ==, 2);
  fresh = fresh_phone (fx, PHONE_D);
  g_assert_null (fresh);

}

/* Undo after “Stop Using for Sign-In Codes” reserves again: gated too. */
static void
test_step_up_undo (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) fresh = NULL;

  mfa_test_clear_requests (fx->server);

  g_assert_true (activate_phone_action (find_phone_row (fx, PHONE_B), "unreserve"));
  pass_step_up (fx, PHONE_A);
  mfa_test_wait_until (lists_are (fx, PHONE_A, PHONE_B " " PHONE_C, PHONE_D));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpuint (count_changes (fx), ==, 2);

  /* Confirmed a moment ago: Undo goes straight through. */
  g_signal_emit_by_name (last_toast (fx), "button-clicked");
  mfa_test_wait_until (lists_are (fx, PHONE_A " " PHONE_B, PHONE_C, PHONE_D));
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
  g_assert_cmpuint (count_changes (fx), ==, 3);
  fresh = fresh_phone (fx, PHONE_B);
  g_assert_true (mfa_phone_number_get_reserved (fresh));

}

/* Backup codes */

#define CODES_USER \
  "{\"identifier\":\"eve@example.com\",\"password\":\"" PASSWORD "\",\"backup_codes\":true," \
  "\"phones\":[" \
  "{\"phone_number\":\"" PHONE_A "\",\"verified\":true,\"reserved\":true,\"default\":true}]}"

/* Creates the user of @json and returns the backup codes it got. */
static GStrv
create_user_with_codes (Fixture    *fx,
                        const char *json)
{
  g_autoptr(JsonNode) node = mfa_test_dev_json (fx->server, "POST", "/__dev/users", json, 200);
  JsonArray *codes = json_object_get_array_member (json_node_get_object (node), "backup_codes");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (codes); i++)
    g_strv_builder_add (builder, json_array_get_string_element (codes, i));

  return g_strv_builder_end (builder);
}

/* Signs in on a client of its own with the password and @code as the
 * second factor; returns whether the code was accepted.
 */
static gboolean
sign_in_with_backup_code (Fixture    *fx,
                          const char *code)
{
  g_autoptr(MfaClient) other = mfa_client_new (mfa_test_server_get_base_url (fx->server));
  g_autoptr(MfaSignIn) sign_in = NULL;
  g_autoptr(MfaSignIn) done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfa_client_sign_in_async (other, fx->identifier, PASSWORD, NULL,
                            mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  sign_in = mfa_client_sign_in_finish (other, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfa_sign_in_get_status (sign_in), ==, MFA_SIGN_IN_STATUS_NEEDS_SECOND_FACTOR);
  g_clear_object (&result);

  mfa_client_attempt_second_factor_async (other, mfa_sign_in_get_id (sign_in), "backup_code", code,
                                          NULL, mfa_test_result_cb, &result);
  mfa_test_wait (&result);
  done = mfa_client_attempt_second_factor_finish (other, result, &error);

  return done != NULL && mfa_sign_in_get_status (done) == MFA_SIGN_IN_STATUS_COMPLETE;
}

static GtkWidget *
codes_button (Fixture *fx)
{
  GtkWidget *row = GTK_WIDGET (mfa_test_find_row (GTK_WIDGET (fx->view), "Backup Codes"));

  g_assert_nonnull (row);
  return mfa_test_find_button (row, "_Generate New Codes…");
}

static void
test_backup_codes_generate (void)
{
  Fixture fx = { 0 };
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_auto(GStrv) old_codes = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  fixture_start_server (&fx);
  old_codes = create_user_with_codes (&fx, CODES_USER);
  g_assert_cmpuint (g_strv_length (old_codes), >=, 2);
  fixture_sign_in (&fx, "eve@example.com");
  fixture_show_lists (&fx);
  g_signal_connect (fx.view, "backup-codes", G_CALLBACK (backup_codes_cb), &codes);

  /* Below the three lists, while two-step verification is on. */
  button = codes_button (&fx);
  g_assert_true (mfa_test_widget_is_shown (button));
  g_assert_nonnull (mfa_test_find_widget (GTK_WIDGET (fx.view), GTK_TYPE_LABEL,
                                          "Sign in with a backup code when you cannot receive text messages"));

  /* Cancel: nothing is asked of the service. */
  mfa_test_clear_requests (fx.server);
  mfa_test_click (button);
  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Generate New Backup Codes?");
  g_assert_nonnull (strstr (mfa_alert_get_body (dialog), "Your current codes stop working at once."));
  g_assert_cmpstr (mfa_alert_get_default_response (dialog), ==, "cancel");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (dialog), "_Cancel"));
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  mfa_test_iterate (200);
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "POST /v1/me/backup_codes"), ==, 0);
  g_assert_null (codes);

  /* Generate: busy until the new set arrives with the signal. */
  mfa_test_click (button);
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (dialog), "_Generate"));
  g_assert_false (gtk_widget_is_sensitive (button));
  mfa_test_wait_until (codes != NULL);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpuint (mfa_backup_codes_get_n_codes (codes), >, 0);
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "POST /v1/me/backup_codes"), ==, 1);
  g_assert_false (g_strv_contains ((const char * const *) old_codes,
                                   mfa_backup_codes_get_codes (codes)[0]));

  /* The old set stopped working; the new one works. */
  g_assert_false (sign_in_with_backup_code (&fx, old_codes[1]));
  g_assert_true (sign_in_with_backup_code (&fx, mfa_backup_codes_get_codes (codes)[0]));

  fixture_tear_down (&fx);
}

static void
test_backup_codes_step_up (void)
{
  Fixture fx = { 0 };
  g_autoptr(MfaBackupCodes) codes = NULL;
  g_auto(GStrv) old_codes = NULL;
  GtkWidget *dialog;

  fixture_start_step_up_server (&fx);
  old_codes = create_user_with_codes (&fx, CODES_USER);
  fixture_sign_in (&fx, "eve@example.com");
  fixture_show_lists (&fx);
  g_signal_connect (fx.view, "backup-codes", G_CALLBACK (backup_codes_cb), &codes);
  age_sign_in (&fx);
  mfa_test_clear_requests (fx.server);

  mfa_test_click (codes_button (&fx));
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (dialog), "_Generate"));

  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) != NULL);
  g_assert_false (gtk_widget_is_sensitive (codes_button (&fx)));
  pass_step_up (&fx, PHONE_A);

  mfa_test_wait_until (codes != NULL);
  g_assert_cmpuint (mfa_test_count_requests (fx.server, "POST /v1/me/backup_codes"), ==, 2);
  g_assert_true (gtk_widget_is_sensitive (codes_button (&fx)));

  fixture_tear_down (&fx);
}

static void
test_backup_codes_hidden_without_two_factor (void)
{
  Fixture fx = { 0 };
  g_autofree char *id = NULL;
  GtkWidget *row;

  fixture_start_server (&fx);
  id = mfa_test_create_user (fx.server,
                             "{\"identifier\":\"bob@example.com\",\"password\":\"" PASSWORD "\","
                             "\"phones\":[{\"phone_number\":\"" PHONE_C "\",\"verified\":true,"
                             "\"reserved\":false,\"default\":false}]}");
  fixture_sign_in (&fx, "bob@example.com");
  fixture_show_lists (&fx);

  row = GTK_WIDGET (mfa_test_find_row (GTK_WIDGET (fx.view), "Backup Codes"));
  g_assert_nonnull (row);
  g_assert_false (mfa_test_widget_is_shown (row));

  /* The first reserved number turns two-step verification on. */
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (mfa_test_widget_is_shown (row));

  fixture_tear_down (&fx);
}

/* Copying to the clipboard */

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*text);
}

static char *
read_clipboard (void)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  char *text = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  mfa_test_wait_until (text != NULL);

  return text;
}

/* A button of a toast shown in the overlay, not one of the view's. */
static GtkWidget *
find_toast_button (Fixture    *fx,
                   const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fx->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (child == GTK_WIDGET (fx->view))
        continue;
      if ((found = mfa_test_find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_copy_details (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  AdwToast *toast;
  GtkWidget *button;

  gdk_clipboard_set_text (gdk_display_get_clipboard (gdk_display_get_default ()), "");

  /* A refusal of the service: its toast offers the details. */
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"method\":\"PATCH\",\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"status\","
                "\"status\":422,\"code\":\"form_param_value_invalid\",\"times\":1}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (fx->toasts->len == 1);
  toast = last_toast (fx);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Copy _Details");

  /* The toast's own button, as shown in the overlay. */
  mfa_test_wait_until ((button = find_toast_button (fx, "Copy _Details")) != NULL);
  mfa_test_click (button);

  text = read_clipboard ();
  g_assert_nonnull (strstr (text, "form_param_value_invalid"));
  g_assert_nonnull (strstr (text, "clerk_trace_id"));
  g_assert_null (strstr (text, "Bearer"));
  g_assert_null (strstr (text, mfa_client_get_token (fx->client)));
}

/* A transport failure keeps Retry: one button per toast. */
static void
test_copy_details_not_for_transport (Fixture       *fx,
                                     gconstpointer  data)
{
  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\","
                "\"kind\":\"status\",\"status\":500,\"times\":1}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_B)), "Make _Default"));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_button_label (last_toast (fx)), ==, "Copy _Details");

  mfa_test_dev (fx->server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\",\"kind\":\"drop\",\"times\":1}");
  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (fx, PHONE_B)), "Make _Default"));
  mfa_test_wait_until (fx->toasts->len == 2);
  g_assert_cmpstr (adw_toast_get_button_label (last_toast (fx)), ==, "_Retry");
}

/* Offline: the last snapshot, read-only */

static void
assert_row_offline (MfaPhoneRow *row,
                    const char  *label)
{
  GtkWidget *button = mfa_test_find_button (GTK_WIDGET (row), label);

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Not available offline");
  g_assert_cmpstr (mfa_phone_row_get_disabled_reason (row), ==, "Not available offline");
  g_assert_false (activate_phone_action (row, "remove") &&
                  mfa_test_find_alert () != NULL);
}

static void
test_offline (void)
{
  Fixture fx = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  const char *base_url;
  GtkWidget *banner;
  GtkWidget *add;
  GtkWidget *retry;

  /* Started, the account follows the service; with a clock of its own,
   * it retries only when the test says. */
  fx.started = TRUE;
  fx.clock = mfa_clock_new ();
  mfa_clock_set_manual (fx.clock, TRUE);
  set_up_all_states (&fx);
  base_url = mfa_test_server_get_base_url (fx.server);

  mfa_test_click (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_C)), "_Use for Sign-In Codes"));
  mfa_test_wait_until (lists_are (&fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D));
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (mfa_test_find_row (GTK_WIDGET (fx.view),
                                                                          "Backup Codes"))));

  /* The service stops answering: the account shows its snapshot, which
   * the view shows read-only under a banner; nothing is sent. */
  mfa_test_add_fault (fx.server, "{\"path\": \"/v1/*\", \"kind\": \"drop\"}");
  mfa_client_refresh_async (fx.client, NULL, mfa_test_result_cb, &result);
  mfa_client_refresh_finish (fx.client, mfa_test_wait (&result), NULL);
  g_clear_object (&result);
  g_assert_cmpint (mfa_account_get_state (fx.account), ==, MFA_ACCOUNT_STATE_OFFLINE);
  mfa_test_clear_requests (fx.server);
  g_assert_cmpstr (view_page (&fx), ==, "lists");
  assert_lists (&fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D);

  banner = GTK_WIDGET (mfa_test_find_label_containing (GTK_WIDGET (fx.view), "Offline · last synced", FALSE));
  g_assert_nonnull (banner);
  g_assert_true (mfa_test_widget_is_shown (banner));
  retry = mfa_test_find_button_by_tooltip (GTK_WIDGET (fx.view), "Try to reach the service again");
  g_assert_cmpstr (mfa_test_widget_label (retry), ==, "_Retry");
  g_assert_true (mfa_test_widget_is_shown (retry));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "win.retry-connection");

  assert_row_offline (find_phone_row (&fx, PHONE_B), "Make _Default");
  assert_row_offline (find_phone_row (&fx, PHONE_D), "_Verify");
  /* The default number has its actions in a menu. */
  g_assert_false (gtk_widget_is_sensitive (mfa_test_find_button_by_tooltip (GTK_WIDGET (find_phone_row (&fx, PHONE_A)),
                                                                   "Not available offline")));
  g_assert_null (mfa_test_find_alert ());

  g_assert_null (mfa_test_find_button_by_tooltip (GTK_WIDGET (fx.view), "Add Phone Number"));
  add = mfa_test_find_button_by_tooltip (GTK_WIDGET (find_group (GTK_WIDGET (fx.view),
                                                        "Numbers for Two-Step Verification")),
                                "Not available offline");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (mfa_test_find_row (GTK_WIDGET (fx.view),
                                                                           "Backup Codes"))));
  mfa_test_iterate (100);
  {
    g_autofree char *requests = mfa_test_request_log (fx.server);

    g_assert_cmpstr (requests, ==, "");
  }

  /* The service is back: live again, every action back. */
  cleared = mfa_test_dev_json (fx.server, "DELETE", "/__dev/faults", NULL, 200);
  mfa_account_retry (fx.account);
  mfa_test_wait_until (mfa_account_get_state (fx.account) == MFA_ACCOUNT_STATE_SIGNED_IN);
  mfa_test_wait_until (g_strcmp0 (view_page (&fx), "lists") == 0);
  assert_lists (&fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D);
  g_assert_false (mfa_test_widget_is_shown (banner));
  add = mfa_test_find_button_by_tooltip (GTK_WIDGET (fx.view), "Add Phone Number");
  g_assert_nonnull (add);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add)), ==, "win.show-add-phone");
  g_assert_null (mfa_phone_row_get_disabled_reason (find_phone_row (&fx, PHONE_B)));
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_B)),
                                                                "Make _Default")));
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (mfa_test_find_row (GTK_WIDGET (fx.view),
                                                                          "Backup Codes"))));

  g_assert_true (mfa_snapshot_delete (base_url, NULL));
  fixture_tear_down (&fx);
}

/* 429: the row waits for the time the service asked for, on the app's
 * clock.
 */
static void
test_rate_limit_hold (void)
{
  Fixture fx = { 0 };
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  MfaPhoneRow *row;
  GtkWidget *button;

  fx.clock = g_object_ref (clock);
  mfa_clock_set_manual (clock, TRUE);
  set_up_all_states (&fx);

  mfa_test_dev (fx.server, "POST", "/__dev/faults",
                "{\"path\":\"/v1/me/phone_numbers/*\","
                "\"kind\":\"status\",\"status\":429,\"times\":1}");
  row = find_phone_row (&fx, PHONE_C);
  button = mfa_test_find_button (GTK_WIDGET (row), "_Use for Sign-In Codes");
  mfa_test_click (button);
  mfa_test_wait_until (fx.toasts->len == 1);

  g_assert_true (g_str_has_suffix (adw_toast_get_title (last_toast (&fx)), "Try again in 1 second."));
  g_assert_false (mfa_phone_row_get_busy (row));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "too many requests"));
  /* Only that row. */
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (GTK_WIDGET (find_phone_row (&fx, PHONE_B)),
                                                                "Make _Default")));

  mfa_clock_advance_us (clock, 999 * 1000);
  g_assert_false (gtk_widget_is_sensitive (button));
  mfa_test_iterate (50);
  g_assert_false (gtk_widget_is_sensitive (button));
  mfa_clock_advance_us (clock, 1000);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_null (gtk_widget_get_tooltip_text (button));

  mfa_test_click (button);
  mfa_test_wait_until (lists_are (&fx, PHONE_A " " PHONE_B " " PHONE_C, "", PHONE_D));

  fixture_tear_down (&fx);
  g_assert_cmpuint (mfa_clock_get_n_pending (clock), ==, 0);
}

/* An item of a menu, as its popover shows it. */
static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return gtk_widget_get_ancestor (root, g_type_from_name ("GtkModelButton"));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_item (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A reserved row that is not the default: its button and both menu
 * items can be used.
 */
static void
assert_reserved_row_usable (MfaPhoneRow *row,
                            const char  *more_tooltip)
{
  GtkWidget *menu_button = mfa_test_find_button_by_tooltip (GTK_WIDGET (row), more_tooltip);
  GtkWidget *popover;

  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button (GTK_WIDGET (row), "Make _Default")));
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_is_sensitive (menu_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  mfa_test_wait_until (gtk_widget_get_mapped (popover));
  g_assert_nonnull (find_menu_item (popover, "_Stop Using for Sign-In Codes"));
  g_assert_true (gtk_widget_is_sensitive (find_menu_item (popover, "_Stop Using for Sign-In Codes")));
  g_assert_nonnull (find_menu_item (popover, "_Remove from Account…"));
  g_assert_true (gtk_widget_is_sensitive (find_menu_item (popover, "_Remove from Account…")));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  mfa_test_wait_until (!gtk_widget_get_mapped (popover));
}

/* One change after another in the same view: every row that can be used
 * stays usable, and the rows of the numbers not changed stay the same
 * widgets.
 */
static void
test_changes_in_a_row (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(MfaClient) other = NULL;
  GtkWidget *dialog;
  GListModel *phones;
  MfaPhoneRow *row_a;
  MfaPhoneRow *row_b;
  MfaPhoneRow *row_c;
  MfaPhoneRow *row_d;
  GtkWidget *button;

  row_a = find_phone_row (fx, PHONE_A);
  row_b = find_phone_row (fx, PHONE_B);
  row_c = find_phone_row (fx, PHONE_C);
  row_d = find_phone_row (fx, PHONE_D);

  /* B becomes the default. */
  assert_reserved_row_usable (row_b, "More Actions for +1\u00a0201-555-0102");
  button = mfa_test_find_button (GTK_WIDGET (row_b), "Make _Default");
  mfa_test_click (button);
  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_A, PHONE_C, PHONE_D));
  mfa_test_wait_until (!mfa_phone_row_get_busy (row_b));
  g_assert_true (find_phone_row (fx, PHONE_A) == row_a);
  g_assert_true (find_phone_row (fx, PHONE_B) == row_b);
  g_assert_true (find_phone_row (fx, PHONE_C) == row_c);
  g_assert_true (find_phone_row (fx, PHONE_D) == row_d);

  /* A, no longer the default, can be used like any reserved number. */
  assert_reserved_row_usable (row_a, "More Actions for +1\u00a0201-555-0101");
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button_by_tooltip (GTK_WIDGET (row_b),
                                                                  "More Actions for +1\u00a0201-555-0102")));

  /* C receives codes too: a new row in the first list. */
  button = mfa_test_find_button (GTK_WIDGET (row_c), "_Use for Sign-In Codes");
  g_assert_true (gtk_widget_is_sensitive (button));
  mfa_test_click (button);
  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_A " " PHONE_C, "", PHONE_D));
  mfa_test_wait_until (fx->toasts->len == 0 && !mfa_phone_row_get_busy (find_phone_row (fx, PHONE_C)));
  g_assert_true (find_phone_row (fx, PHONE_A) == row_a);
  g_assert_true (find_phone_row (fx, PHONE_B) == row_b);
  g_assert_true (find_phone_row (fx, PHONE_D) == row_d);
  row_c = find_phone_row (fx, PHONE_C);
  assert_reserved_row_usable (row_a, "More Actions for +1\u00a0201-555-0101");
  assert_reserved_row_usable (row_c, "More Actions for +1\u00a0201-555-0103");
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button_by_tooltip (GTK_WIDGET (row_d),
                                                                  "Remove +1\u00a0201-555-0104")));

  /* A goes, through its menu item's action. */
  g_assert_true (activate_phone_action (row_a, "remove"));
  dialog = mfa_test_wait_for_alert ();
  g_assert_cmpstr (mfa_alert_get_heading (dialog), ==, "Remove +1\u00a0201-555-0101?");
  mfa_test_answer_alert (dialog, "remove");
  mfa_test_wait_until (lists_are (fx, PHONE_B " " PHONE_C, "", PHONE_D));
  mfa_test_wait_until (fx->toasts->len == 1);
  g_assert_cmpstr (adw_toast_get_title (last_toast (fx)), ==, "+1\u00a0201-555-0101 was removed");
  g_assert_true (find_phone_row (fx, PHONE_B) == row_b);
  g_assert_true (find_phone_row (fx, PHONE_C) == row_c);
  g_assert_true (find_phone_row (fx, PHONE_D) == row_d);
  assert_reserved_row_usable (row_c, "More Actions for +1\u00a0201-555-0103");
  g_assert_true (gtk_widget_is_sensitive (mfa_test_find_button_by_tooltip (GTK_WIDGET (row_b),
                                                                  "More Actions for +1\u00a0201-555-0102")));

  /* What the server now says. */
  other = mfa_test_signed_in_client (fx->server, fx->identifier, PASSWORD);
  phones = mfa_user_get_phone_numbers (mfa_client_get_user (other));
  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);
      const char *e164 = mfa_phone_number_get_phone_number (phone);

      g_assert_cmpstr (e164, !=, PHONE_A);
      g_assert_true (mfa_phone_number_get_default (phone) == g_str_equal (e164, PHONE_B));
      g_assert_true (mfa_phone_number_get_reserved (phone) == !g_str_equal (e164, PHONE_D));
    }
  g_clear_object (&other);

}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mfa/manage-view/lists", Fixture, NULL,
              all_states_set_up, test_lists, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/load-error-and-retry", test_load_error_and_retry);
  g_test_add_func ("/mfa/manage-view/instance-without-sms", test_instance_without_sms);
  g_test_add ("/mfa/manage-view/make-default", Fixture, NULL,
              all_states_set_up, test_make_default, all_states_tear_down);
  g_test_add ("/mfa/manage-view/changes-in-a-row", Fixture, NULL,
              all_states_set_up, test_changes_in_a_row, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/totp-precedence", test_totp_precedence);
  g_test_add ("/mfa/manage-view/stop-using-undo", Fixture, NULL,
              all_states_set_up, test_stop_using_undo, all_states_tear_down);
  g_test_add ("/mfa/manage-view/use-for-mfa", Fixture, NULL,
              all_states_set_up, test_use_for_mfa, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/first-reserve-backup-codes", test_first_reserve_backup_codes);
  g_test_add_func ("/mfa/manage-view/use-for-mfa-last-identifier", test_use_for_mfa_last_identifier);
  g_test_add ("/mfa/manage-view/long-error-inline", Fixture, NULL,
              all_states_set_up, test_long_error_inline, all_states_tear_down);
  g_test_add ("/mfa/manage-view/remove-confirm", Fixture, NULL,
              all_states_set_up, test_remove_confirm, all_states_tear_down);
  g_test_add ("/mfa/manage-view/remove-cancel", Fixture, NULL,
              all_states_set_up, test_remove_cancel, all_states_tear_down);
  g_test_add ("/mfa/manage-view/verify", Fixture, NULL,
              all_states_set_up, test_verify, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/empty", test_empty);
  g_test_add_func ("/mfa/manage-view/load-and-reload", test_load_and_reload);
  g_test_add ("/mfa/manage-view/action-fault", Fixture, NULL,
              all_states_set_up, test_action_fault, all_states_tear_down);
  g_test_add ("/mfa/manage-view/rate-limited", Fixture, NULL,
              all_states_set_up, test_rate_limited, all_states_tear_down);
  g_test_add ("/mfa/manage-view/no-double-submission", Fixture, NULL,
              all_states_set_up, test_no_double_submission, all_states_tear_down);
  g_test_add ("/mfa/manage-view/destroy-during-request", Fixture, NULL,
              all_states_set_up, test_destroy_during_request, all_states_tear_down);
  g_test_add ("/mfa/manage-view/step-up-reserve", Fixture, NULL,
              step_up_set_up, test_step_up_reserve, all_states_tear_down);
  g_test_add ("/mfa/manage-view/step-up-cancel", Fixture, NULL,
              step_up_set_up, test_step_up_cancel, all_states_tear_down);
  g_test_add ("/mfa/manage-view/step-up-remove", Fixture, NULL,
              step_up_set_up, test_step_up_remove, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/totp-remove", test_totp_remove);
  g_test_add ("/mfa/manage-view/step-up-undo", Fixture, NULL,
              step_up_set_up, test_step_up_undo, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/backup-codes-generate", test_backup_codes_generate);
  g_test_add_func ("/mfa/manage-view/backup-codes-step-up", test_backup_codes_step_up);
  g_test_add_func ("/mfa/manage-view/backup-codes-hidden", test_backup_codes_hidden_without_two_factor);
  g_test_add ("/mfa/manage-view/copy-details", Fixture, NULL,
              all_states_set_up, test_copy_details, all_states_tear_down);
  g_test_add ("/mfa/manage-view/copy-details-not-for-transport", Fixture, NULL,
              all_states_set_up, test_copy_details_not_for_transport, all_states_tear_down);
  g_test_add_func ("/mfa/manage-view/offline", test_offline);
  g_test_add_func ("/mfa/manage-view/rate-limit-hold", test_rate_limit_hold);

  return g_test_run ();
}
