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

#include "mfa-client-error.h"
#include "mfa-code-entry.h"
#include "mfa-factor-prompt.h"
#include "mfa-ui-test-utils.h"

typedef struct {
  MfaClock        *clock;
  GtkWindow       *window;
  MfaFactorPrompt *prompt;
  GListStore      *factors;

  guint            n_factor_changed;
  guint            n_submit;
  char            *submit_strategy;
  char            *submit_secret;
  guint            n_resend;
  MfaFactor       *resend_factor;
} Fixture;

static void
factor_changed_cb (MfaFactorPrompt *prompt,
                   MfaFactor       *factor,
                   Fixture         *fixture)
{
  g_assert_true (factor == mfa_factor_prompt_get_factor (prompt));
  fixture->n_factor_changed++;
}

static void
submit_cb (MfaFactorPrompt *prompt,
           const char      *strategy,
           const char      *secret,
           Fixture         *fixture)
{
  fixture->n_submit++;
  g_free (fixture->submit_strategy);
  fixture->submit_strategy = g_strdup (strategy);
  g_free (fixture->submit_secret);
  fixture->submit_secret = g_strdup (secret);
}

static void
resend_cb (MfaFactorPrompt *prompt,
           MfaFactor       *factor,
           Fixture         *fixture)
{
  fixture->n_resend++;
  g_set_object (&fixture->resend_factor, factor);
}

static void
add_factor (Fixture    *fixture,
            const char *strategy,
            const char *id,
            const char *identifier,
            gboolean    is_default)
{
  g_autoptr(MfaFactor) factor = mfa_factor_new (strategy, id, identifier, is_default);

  g_list_store_append (fixture->factors, factor);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->clock = mfa_clock_new ();
  mfa_clock_set_manual (fixture->clock, TRUE);

  fixture->factors = g_list_store_new (MFA_TYPE_FACTOR);
  add_factor (fixture, "phone_code", "idn_other", "+*******0124", FALSE);
  add_factor (fixture, "phone_code", "idn_default", "+*******0123", TRUE);
  add_factor (fixture, "email_code", NULL, "j***@example.com", FALSE);
  add_factor (fixture, "backup_code", NULL, NULL, FALSE);
  add_factor (fixture, "passkey", NULL, NULL, FALSE);

  fixture->prompt = MFA_FACTOR_PROMPT (mfa_factor_prompt_new ());
  mfa_factor_prompt_set_clock (fixture->prompt, fixture->clock);
  mfa_factor_prompt_set_methods_title (fixture->prompt, "Other Ways");
  g_signal_connect (fixture->prompt, "factor-changed", G_CALLBACK (factor_changed_cb), fixture);
  g_signal_connect (fixture->prompt, "submit", G_CALLBACK (submit_cb), fixture);
  g_signal_connect (fixture->prompt, "resend", G_CALLBACK (resend_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->prompt));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer prompt = fixture->prompt;

  g_object_add_weak_pointer (G_OBJECT (prompt), &prompt);
  gtk_window_destroy (fixture->window);
  g_assert_null (prompt);

  /* Nothing keeps ticking once the prompt is gone. */
  g_assert_cmpuint (mfa_clock_get_n_pending (fixture->clock), ==, 0);
  g_assert_finalize_object (fixture->clock);
  g_assert_finalize_object (fixture->factors);
  g_clear_object (&fixture->resend_factor);
  g_free (fixture->submit_strategy);
  g_free (fixture->submit_secret);
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
    button = mfa_test_find_labelled_button (root (fixture), "_Continue");
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

static void
test_switch_factors (Fixture       *fixture,
                     gconstpointer  data)
{
  add_factor (fixture, "totp", NULL, NULL, FALSE);
  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));

  /* The authenticator app comes first: no text message goes out unless
   * the person picks one.
   */
  g_assert_cmpuint (fixture->n_factor_changed, ==, 1);
  g_assert_cmpstr (mfa_factor_prompt_get_strategy (fixture->prompt), ==, "totp");
  g_assert_false (mfa_factor_prompt_can_send (fixture->prompt));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));

  /* The default phone, named in the description. */
  use_row (fixture, "Text message to +*******0123");
  g_assert_cmpuint (fixture->n_factor_changed, ==, 2);
  g_assert_cmpstr (mfa_factor_prompt_get_strategy (fixture->prompt), ==, "phone_code");
  g_assert_cmpstr (mfa_factor_get_phone_number_id (mfa_factor_prompt_get_factor (fixture->prompt)),
                   ==, "idn_default");
  g_assert_cmpstr (description (fixture), ==, "We sent a code by text message to +*******0123.");
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (mfa_test_widget_is_shown (backup_entry (fixture)));
  g_assert_true (mfa_test_widget_is_shown (resend_button (fixture)));
  g_assert_nonnull (mfa_test_find_labelled_button (root (fixture), "_Verify"));

  /* The others are offered; the current one and unknown ones are not. */
  g_assert_nonnull (mfa_test_find_widget (root (fixture), GTK_TYPE_LABEL, "Other Ways"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Text message to +*******0124"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Email to j***@example.com"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Authenticator app"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Backup code"));
  g_assert_null (mfa_test_find_row (root (fixture), "Text message to +*******0123"));

  /* A backup code: its own entry, no resend. */
  use_row (fixture, "Backup code");
  g_assert_cmpuint (fixture->n_factor_changed, ==, 3);
  g_assert_cmpstr (mfa_factor_prompt_get_strategy (fixture->prompt), ==, "backup_code");
  g_assert_cmpstr (description (fixture), ==, "Enter one of your backup codes. Each code works once.");
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_true (mfa_test_widget_is_shown (backup_entry (fixture)));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));
  g_assert_null (mfa_test_find_row (root (fixture), "Backup code"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Text message to +*******0123"));

  /* An email code: the six-digit entry, and a resend. */
  use_row (fixture, "Email to j***@example.com");
  g_assert_cmpstr (mfa_factor_prompt_get_strategy (fixture->prompt), ==, "email_code");
  g_assert_cmpstr (description (fixture), ==, "We sent a code to j***@example.com.");
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (mfa_test_widget_is_shown (backup_entry (fixture)));
  g_assert_true (mfa_test_widget_is_shown (resend_button (fixture)));

  /* The authenticator app: the six-digit entry, nothing to resend. */
  use_row (fixture, "Authenticator app");
  g_assert_cmpstr (description (fixture), ==, "Enter a code from your authenticator app.");
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));
  g_assert_cmpuint (fixture->n_factor_changed, ==, 5);

  /* Typed text does not follow a switch. */
  type_code (fixture, "123");
  use_row (fixture, "Text message to +*******0124");
  g_assert_cmpstr (mfa_code_entry_get_code (code_entry (fixture)), ==, "");
  g_assert_cmpstr (description (fixture), ==, "We sent a code by text message to +*******0124.");
}

static void
test_verify_sensitivity (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *verify;

  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));
  verify = verify_button (fixture);

  /* Five digits are not a code; the sixth submits it. */
  g_assert_false (gtk_widget_is_sensitive (verify));
  type_code (fixture, "12345");
  g_assert_false (gtk_widget_is_sensitive (verify));
  g_assert_cmpuint (fixture->n_submit, ==, 0);
  type_code (fixture, "6");
  g_assert_true (gtk_widget_is_sensitive (verify));
  g_assert_cmpuint (fixture->n_submit, ==, 1);
  g_assert_cmpstr (fixture->submit_strategy, ==, "phone_code");
  g_assert_cmpstr (fixture->submit_secret, ==, "123456");

  /* Busy: a spinner, nothing to press or type, nothing submitted. */
  mfa_factor_prompt_set_busy (fixture->prompt, TRUE);
  g_assert_true (mfa_factor_prompt_get_busy (fixture->prompt));
  g_assert_false (gtk_widget_is_sensitive (verify));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (gtk_widget_is_sensitive (resend_button (fixture)));
  g_assert_true (mfa_test_widget_is_shown (mfa_test_find_widget (verify, GTK_TYPE_SPINNER, NULL)));
  g_signal_emit_by_name (verify, "clicked");
  g_assert_cmpuint (fixture->n_submit, ==, 1);

  mfa_factor_prompt_set_busy (fixture->prompt, FALSE);
  g_assert_true (gtk_widget_is_sensitive (verify));
  g_assert_false (mfa_test_widget_is_shown (mfa_test_find_widget (verify, GTK_TYPE_SPINNER, NULL)));
  mfa_test_click (verify);
  g_assert_cmpuint (fixture->n_submit, ==, 2);

  /* A backup code: anything but blanks, sent trimmed. */
  use_row (fixture, "Backup code");
  g_assert_false (gtk_widget_is_sensitive (verify));
  gtk_editable_set_text (GTK_EDITABLE (backup_entry (fixture)), "   ");
  g_assert_false (gtk_widget_is_sensitive (verify));
  gtk_editable_set_text (GTK_EDITABLE (backup_entry (fixture)), " abcd1234 ");
  g_assert_true (gtk_widget_is_sensitive (verify));
  g_signal_emit_by_name (backup_entry (fixture), "activate");
  g_assert_cmpuint (fixture->n_submit, ==, 3);
  g_assert_cmpstr (fixture->submit_strategy, ==, "backup_code");
  g_assert_cmpstr (fixture->submit_secret, ==, "abcd1234");
}

static void
test_password (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GListStore) factors = g_list_store_new (MFA_TYPE_FACTOR);
  g_autoptr(MfaFactor) password = mfa_factor_new ("password", NULL, NULL, FALSE);
  g_autoptr(MfaFactor) phone = mfa_factor_new ("phone_code", "idn_1", "+*******0123", FALSE);
  AdwPreferencesRow *row;
  GtkWidget *button;

  /* The password comes first, before any phone. */
  g_list_store_append (factors, phone);
  g_list_store_append (factors, password);
  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (factors));
  g_assert_cmpstr (mfa_factor_prompt_get_strategy (fixture->prompt), ==, "password");
  g_assert_cmpstr (description (fixture), ==, "Enter the password you use to sign in to this account.");
  g_assert_false (mfa_test_widget_is_shown (GTK_WIDGET (code_entry (fixture))));
  g_assert_false (mfa_test_widget_is_shown (resend_button (fixture)));

  /* Empty, it says what is missing instead of submitting. */
  button = mfa_test_find_labelled_button (root (fixture), "_Continue");
  g_assert_nonnull (button);
  mfa_test_click (button);
  g_assert_cmpuint (fixture->n_submit, ==, 0);
  g_assert_nonnull (shown_error (fixture));
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==, "Enter your password.");

  row = mfa_test_find_row (root (fixture), "_Password");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "secret");
  g_assert_null (shown_error (fixture));
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_cmpuint (fixture->n_submit, ==, 1);
  g_assert_cmpstr (fixture->submit_strategy, ==, "password");
  g_assert_cmpstr (fixture->submit_secret, ==, "secret");

  /* Switched to the phone and back, the password is gone. */
  use_row (fixture, "Text message to +*******0123");
  g_assert_nonnull (mfa_test_find_labelled_button (root (fixture), "_Verify"));
  use_row (fixture, "Password");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
}

static void
test_resend_countdown (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *resend;

  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));
  resend = resend_button (fixture);

  /* Nothing sent yet: the owner may send. */
  g_assert_true (mfa_factor_prompt_can_send (fixture->prompt));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");

  mfa_factor_prompt_start_cooldown (fixture->prompt, 30);
  g_assert_false (mfa_factor_prompt_can_send (fixture->prompt));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 30 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend));
  mfa_clock_advance_us (fixture->clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 20 Seconds");

  /* Another phone has a countdown of its own; back, it went on. */
  use_row (fixture, "Text message to +*******0124");
  g_assert_true (mfa_factor_prompt_can_send (fixture->prompt));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");
  mfa_clock_advance_us (fixture->clock, 19 * G_USEC_PER_SEC);
  use_row (fixture, "Text message to +*******0123");
  g_assert_false (mfa_factor_prompt_can_send (fixture->prompt));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "Resend Code in 1 Second");

  mfa_clock_advance_us (fixture->clock, 2 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_is_sensitive (resend));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (resend)), ==, "_Resend Code");

  /* Pressed: the owner hears which factor, the half-typed code is gone. */
  type_code (fixture, "12");
  mfa_test_click (resend);
  g_assert_cmpuint (fixture->n_resend, ==, 1);
  g_assert_true (fixture->resend_factor == mfa_factor_prompt_get_factor (fixture->prompt));
  g_assert_cmpstr (mfa_code_entry_get_code (code_entry (fixture)), ==, "");

  /* A countdown still running when the prompt goes away stops with it. */
  mfa_factor_prompt_start_cooldown (fixture->prompt, 30);
  g_assert_cmpuint (mfa_clock_get_n_pending (fixture->clock), >, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) expired = g_error_new_literal (MFA_CLIENT_ERROR,
                                                   MFA_CLIENT_ERROR_VERIFICATION_EXPIRED,
                                                   "expired");
  g_autoptr(GError) refused = g_error_new_literal (MFA_CLIENT_ERROR,
                                                   MFA_CLIENT_ERROR_CODE_INCORRECT,
                                                   "Incorrect code");
  GtkEditable *editable;
  GtkWidget *verify;

  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));
  editable = mfa_code_entry_get_editable (code_entry (fixture));
  verify = verify_button (fixture);
  mfa_factor_prompt_start_cooldown (fixture->prompt, 30);

  /* Refused: the service's message, the entry marked. */
  type_code (fixture, "123456");
  mfa_factor_prompt_show_attempt_error (fixture->prompt, refused, NULL);
  g_assert_nonnull (shown_error (fixture));
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==, "Incorrect code");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_false (mfa_factor_prompt_can_send (fixture->prompt));

  /* Typing clears it. */
  mfa_code_entry_clear (code_entry (fixture));
  g_assert_null (shown_error (fixture));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));

  /* Expired: said so, and a new code can go at once. */
  type_code (fixture, "123456");
  mfa_factor_prompt_show_attempt_error (fixture->prompt, expired, NULL);
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==,
                   "This code has expired. Send a new one.");
  g_assert_true (mfa_factor_prompt_can_send (fixture->prompt));

  /* Too many attempts: counted down, nothing submitted meanwhile. */
  mfa_factor_prompt_start_retry_countdown (fixture->prompt, 2);
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==, "Too many attempts. Try again in 2 seconds.");
  g_assert_false (gtk_widget_is_sensitive (verify));
  g_signal_emit_by_name (mfa_code_entry_get_editable (code_entry (fixture)), "activate");
  g_assert_cmpuint (fixture->n_submit, ==, 2);
  mfa_clock_advance_us (fixture->clock, 1 * G_USEC_PER_SEC);
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==, "Too many attempts. Try again in 1 second.");
  mfa_clock_advance_us (fixture->clock, 1 * G_USEC_PER_SEC);
  g_assert_null (shown_error (fixture));
  g_assert_true (gtk_widget_is_sensitive (verify));

  /* The owner's own message. */
  mfa_factor_prompt_set_error (fixture->prompt, "Could not send the code.");
  g_assert_cmpstr (gtk_label_get_label (shown_error (fixture)), ==, "Could not send the code.");
  mfa_factor_prompt_set_error (fixture->prompt, NULL);
  g_assert_null (shown_error (fixture));
}

static void
test_right_to_left (Fixture       *fixture,
                    gconstpointer  data)
{
  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));

  /* The number keeps its order inside a right-to-left sentence. */
  gtk_widget_set_direction (root (fixture), GTK_TEXT_DIR_RTL);
  g_assert_cmpstr (description (fixture), ==,
                   "We sent a code by text message to \u2066+*******0123\u2069.");
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Text message to \u2066+*******0124\u2069"));
  g_assert_nonnull (mfa_test_find_row (root (fixture), "Email to \u2066j***@example.com\u2069"));

  gtk_widget_set_direction (root (fixture), GTK_TEXT_DIR_LTR);
  g_assert_cmpstr (description (fixture), ==, "We sent a code by text message to +*******0123.");
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
  g_autoptr(MfaFactor) password = mfa_factor_new ("password", NULL, NULL, FALSE);
  guint count = 0;

  g_list_store_append (fixture->factors, password);
  add_factor (fixture, "totp", NULL, NULL, FALSE);
  mfa_factor_prompt_set_factors (fixture->prompt, G_LIST_MODEL (fixture->factors));

  /* Verify holds a spinner and a label: named by the label. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (verify_button (fixture)),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_widget_get_last_child (gtk_widget_get_first_child (verify_button (fixture))),
                                       NULL);

  /* Every button, entry and row, whichever factor is in use. */
  assert_named (root (fixture), &count);
  use_row (fixture, "Backup code");
  assert_named (root (fixture), &count);
  use_row (fixture, "Authenticator app");
  assert_named (root (fixture), &count);

  /* Each time: the Verify and Resend buttons, the code and backup
   * entries, the password row and five method rows.
   */
  g_assert_cmpuint (count, ==, 3 * 10);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mfa/factor-prompt/switch-factors", Fixture, NULL,
              fixture_set_up, test_switch_factors, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/verify-sensitivity", Fixture, NULL,
              fixture_set_up, test_verify_sensitivity, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/password", Fixture, NULL,
              fixture_set_up, test_password, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/resend-countdown", Fixture, NULL,
              fixture_set_up, test_resend_countdown, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/right-to-left", Fixture, NULL,
              fixture_set_up, test_right_to_left, fixture_tear_down);
  g_test_add ("/mfa/factor-prompt/accessible-names", Fixture, NULL,
              fixture_set_up, test_accessible_names, fixture_tear_down);

  return g_test_run ();
}
