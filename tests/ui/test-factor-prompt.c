/* test-factor-prompt.c
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

#include <string.h>

#include "mfa-clock-private.h"
#include "mfa-code-entry.h"
#include "mfa-factor-prompt.h"
#include "mfa-test-utils.h"
#include "mfa-ui-test-utils.h"

/* MfaFactorPrompt bound to a real sign-in against mfa-fapi-server: what
 * it shows follows the verification, what the person does reaches the
 * service. The user has two phones, backup codes and an authenticator
 * app; countdowns read a manual clock.
 */

#define TOTP_SECRET "JBSWY3DPEHPK3PXP"

static MfaTestServer *server;
static guint n_users;

typedef struct {
  MfaClient       *client;
  MfaClock        *clock;
  MfaVerification *verification;
  GtkWindow       *window;
  MfaFactorPrompt *prompt;
  char             phone[2][16];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *identifier = g_strdup_printf ("prompt%u@example.com", n_users);
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  for (guint i = 0; i < 2; i++)
    g_snprintf (fixture->phone[i], sizeof fixture->phone[i], "+1%u55501%02u", 401 + n_users, i + 1);
  n_users++;
  body = g_strdup_printf ("{\"identifier\":\"%s\",\"password\":\"" MFA_TEST_PASSWORD "\","
                          "\"phones\":["
                          "{\"phone_number\":\"%s\",\"verified\":true,\"reserved\":true,\"default\":true},"
                          "{\"phone_number\":\"%s\",\"verified\":true,\"reserved\":true}],"
                          "\"backup_codes\":true,\"totp_secret\":\"" TOTP_SECRET "\"}",
                          identifier, fixture->phone[0], fixture->phone[1]);
  id = mfa_test_create_user (server, body);

  fixture->client = mfa_client_new (mfa_test_server_get_base_url (server));
  fixture->clock = mfa_clock_new ();
  mfa_clock_set_manual (fixture->clock, TRUE);
  mfa_clock_set_now_us (fixture->clock, g_get_real_time ());
  fixture->verification = mfa_verification_new_sign_in (fixture->client, fixture->clock);

  fixture->prompt = MFA_FACTOR_PROMPT (mfa_factor_prompt_new ());
  mfa_factor_prompt_set_methods_title (fixture->prompt, "Other Ways");
  mfa_factor_prompt_set_verification (fixture->prompt, fixture->verification);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->prompt));
  gtk_window_present (fixture->window);

  mfa_verification_sign_in (fixture->verification, identifier, MFA_TEST_PASSWORD);
  mfa_test_wait_until (mfa_verification_get_stage (fixture->verification) ==
                       MFA_VERIFICATION_STAGE_FACTOR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer prompt = fixture->prompt;

  g_object_add_weak_pointer (G_OBJECT (prompt), &prompt);
  gtk_window_destroy (fixture->window);
  g_assert_null (prompt);

  /* The prompt holds nothing of the verification once gone. */
  g_assert_finalize_object (fixture->verification);
  g_assert_cmpuint (mfa_clock_get_n_pending (fixture->clock), ==, 0);
  g_assert_finalize_object (fixture->clock);
  g_assert_finalize_object (fixture->client);
}

static char *
masked (const char *e164)
{
  return g_strdup_printf ("+*******%s", e164 + strlen (e164) - 4);
}

static void
wait_idle (Fixture *fixture)
{
  mfa_test_wait_until (!mfa_verification_get_busy (fixture->verification));
}

static GtkWidget *
root (Fixture *fixture)
{
  return GTK_WIDGET (fixture->prompt);
}

static MfaCodeEntry *
code_entry (Fixture *fixture)
{
  return MFA_CODE_ENTRY (mfa_test_find_widget (root (fixture), MFA_TYPE_CODE_ENTRY, NULL));
}

/* The backup code entry: the one GtkEntry that is not the code entry's. */
static GtkWidget *
find_backup_entry (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget) && !MFA_IS_CODE_ENTRY (gtk_widget_get_parent (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_backup_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
backup_entry (Fixture *fixture)
{
  return find_backup_entry (root (fixture));
}

static GtkWidget *
verify_button (Fixture *fixture)
{
  GtkWidget *button = mfa_test_find_labelled_button (root (fixture), "_Verify");

  if (button == NULL)
    button = mfa_test_find_labelled_button (root (fixture), "Co_ntinue");
  g_assert_nonnull (button);

  return button;
}

static GtkWidget *
find_resend (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (widget)), "Resend") != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_resend (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
resend_button (Fixture *fixture)
{
  GtkWidget *button = find_resend (root (fixture));

  g_assert_nonnull (button);

  return button;
}

static const char *
description (Fixture *fixture)
{
  /* The first label of the prompt says what to type. */
  GtkWidget *label = mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, NULL);

  g_assert_nonnull (label);
  g_assert_true (mfa_test_widget_is_shown (label));

  return gtk_label_get_label (GTK_LABEL (label));
}

static GtkLabel *
shown_error (Fixture *fixture)
{
  GtkWidget *box = gtk_widget_get_first_child (root (fixture));

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error") &&
          mfa_test_widget_is_shown (child))
        return GTK_LABEL (child);
    }

  return NULL;
}

static void
type_code (Fixture    *fixture,
           const char *code)
{
  GtkEditable *editable = mfa_code_entry_get_editable (code_entry (fixture));
  int position = strlen (gtk_editable_get_text (editable));

  gtk_editable_insert_text (editable, code, -1, &position);
}

static void
use_row (Fixture    *fixture,
         const char *title)
{
  AdwPreferencesRow *row = mfa_test_find_row (root (fixture), title);

  g_assert_nonnull (row);
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (row)));
  g_signal_emit_by_name (row, "activate");
}

/* The authenticator app comes first: no text message goes out unless
 * the person picks a phone. Picking one sends its code and offers the
 * rest; a backup code has its own entry and nothing to resend. */
static void
test_switch_factors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *first = masked (fixture->phone[0]);
  g_autofree char *second = masked (fixture->phone[1]);
  g_autofree char *first_row = g_strdup_printf ("Text message to %s", first);
  g_autofree char *second_row = g_strdup_printf ("Text message to %s", second);
  g_autofree char *first_text = g_strdup_printf ("We sent a code by text message to %s.", first);
  g_autofree char *code = NULL;

  g_assert_cmpstr (mfa_verification_get_strategy (fixture->verification), ==, "totp");
  g_assert_cmpstr (description (fixture), ==, "Enter a code from your authenticator app.");
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));
  g_assert_null (mfa_test_server_last_sms_code (server, fixture->phone[0]));

  /* The others are offered under their heading; the current one is not. */
  g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, "Other Ways"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), first_row));
  g_assert_nonnull (mfa_test_find_row (root (fixture), second_row));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Backup code"));
  g_assert_null (mfa_test_find_row (root (fixture), "Authenticator app"));

  /* Typed text does not follow a switch. */
  type_code (fixture, "123");
  use_row (fixture, first_row);
  wait_idle (fixture);
  g_assert_cmpstr (mfa_code_entry_get_code (code_entry (fixture)), ==, "");
  g_assert_cmpstr (description (fixture), ==, first_text);
  g_assert_true (mfa_test_widget_is_shown (resend_button (fixture)));
  g_assert_nonnull (mfa_test_find_labelled_button (root (fixture), "_Verify"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Authenticator app"));
  g_assert_null (mfa_test_find_row (root (fixture), first_row));
  code = mfa_test_server_last_sms_code (server, fixture->phone[0]);
  g_assert_nonnull (code);

  use_row (fixture, "Backup code");
  g_assert_cmpstr (description (fixture), ==, "Enter one of your backup codes. Each code works once.");
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_true (mfa_test_widget_is_shown (backup_entry (fixture)));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));

  /* Back to the phone: its code went out moments ago, none is sent. */
  use_row (fixture, first_row);
  g_assert_false (mfa_verification_get_busy (fixture->verification));
  g_assert_cmpuint (mfa_verification_get_codes_sent (fixture->verification), ==, 1);
  type_code (fixture, code);
  wait_idle (fixture);
  g_assert_cmpint (mfa_verification_get_stage (fixture->verification), ==, MFA_VERIFICATION_STAGE_COMPLETE);
}

/* Five digits are not a code; the sixth sends it, busy meanwhile; a
 * wrong one is said and marked, and typing clears it. */
static void
test_verify_and_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *verify = verify_button (fixture);
  GtkLabel *error;

  g_assert_false (gtk_widget_is_sensitive (verify));
  type_code (fixture, "12345");
  g_assert_false (gtk_widget_is_sensitive (verify));
  g_assert_false (mfa_verification_get_busy (fixture->verification));

  /* A code that is not the app's: refused. */
  type_code (fixture, "6");
  g_assert_true (mfa_verification_get_busy (fixture->verification));
  g_assert_false (gtk_widget_is_sensitive (verify));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (code_entry (fixture))));
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_widget (verify, GTK_TYPE_SPINNER, NULL)));
  wait_idle (fixture);
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_widget (verify, GTK_TYPE_SPINNER, NULL)));

  error = shown_error (fixture);
  g_assert_nonnull (error);
  g_assert_cmpstr (gtk_label_get_label (error), ==, "The code is not right. Check it and try again.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (mfa_code_entry_get_editable (code_entry (fixture))), "error"));

  mfa_code_entry_clear (code_entry (fixture));
  type_code (fixture, "1");
  g_assert_null (shown_error (fixture));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (mfa_code_entry_get_editable (code_entry (fixture))), "error"));

  /* A backup code: blanks are not one; Enter sends it. */
  use_row (fixture, "Backup code");
  gtk_editable_set_text (GTK_EDITABLE (backup_entry (fixture)), "   ");
  g_assert_false (gtk_widget_is_sensitive (verify));
  gtk_editable_set_text (GTK_EDITABLE (backup_entry (fixture)), " nope1234 ");
  g_assert_true (gtk_widget_is_sensitive (verify));
  g_signal_emit_by_name (backup_entry (fixture), "activate");
  wait_idle (fixture);
  g_assert_nonnull (shown_error (fixture));
  g_assert_true (gtk_widget_has_css_class (backup_entry (fixture), "error"));
}

/* The resend button counts down on the app's clock and sends again
 * when it ends, clearing a half-typed code. */
static void
test_resend_countdown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *first = masked (fixture->phone[0]);
  g_autofree char *row = g_strdup_printf ("Text message to %s", first);
  GtkWidget *resend;

  use_row (fixture, row);
  wait_idle (fixture);
  resend = resend_button (fixture);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 30 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend));
  mfa_clock_advance_us (fixture->clock, 10 * G_USEC_PER_SEC);
  mfa_test_wait_until (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (resend)),
                                  "Resend Code in 20 Seconds") == 0);

  mfa_clock_advance_us (fixture->clock, 20 * G_USEC_PER_SEC);
  mfa_test_wait_until (gtk_widget_is_sensitive (resend));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");

  /* The service keeps its own cooldown: move its clock too. */
  dev_clock_advance (server, 30 * 1000);
  type_code (fixture, "12");
  mfa_test_click (resend);
  g_assert_cmpstr (mfa_code_entry_get_code (code_entry (fixture)), ==, "");
  wait_idle (fixture);
  g_assert_cmpuint (mfa_verification_get_codes_sent (fixture->verification), ==, 2);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 30 Seconds");
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  /* A button named by its own label. */
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
}

static void
assert_named (GtkWidget *widget,
              guint     *count)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || ADW_IS_ENTRY_ROW (widget) ||
      ADW_IS_ACTION_ROW (widget))
    {
      if (!has_accessible_name (widget))
        g_error ("%s has no accessible name", G_OBJECT_TYPE_NAME (widget));
      (*count)++;
    }

  /* The insides of libadwaita's rows are libadwaita's. */
  if (ADW_IS_PREFERENCES_ROW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child, count);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  guint count = 0;

  /* Verify holds a spinner and a label: named by the label. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (verify_button (fixture)),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_widget_get_last_child (gtk_widget_get_first_child (verify_button (fixture))),
                                       NULL);

  /* Every button, entry and row, whichever factor is in use. */
  assert_named (root (fixture), &count);
  use_row (fixture, "Backup code");
  assert_named (root (fixture), &count);

  /* Each time: the Verify and Resend buttons, the code and backup
   * entries, the password row and three method rows.
   */
  g_assert_cmpuint (count, ==, 2 * 8);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  server = mfa_test_server_new ("--dev-routes", "--rate-limits", "off", NULL);

  g_test_add ("/mfa/factor-prompt/switch-factors", Fixture, NULL,
              fixture_set_up, test_switch_factors, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/verify-and-errors", Fixture, NULL,
              fixture_set_up, test_verify_and_errors, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/resend-countdown", Fixture, NULL,
              fixture_set_up, test_resend_countdown, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/accessible-names", Fixture, NULL,
              fixture_set_up, test_accessible_names, fixture_tear_down);

  status = g_test_run ();
  mfa_test_server_free (server);
  return status;
}
