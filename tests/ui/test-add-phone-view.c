/* test-add-phone-view.c
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

#define G_LOG_DOMAIN "test-add-phone-view"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "mfa-clock-private.h"
#include "mfa-add-phone-view.h"
#include "mfa-code-entry.h"
#include "mfa-country-chooser.h"
#include "mfa-country.h"
#include "mfa-step-up-dialog.h"
#include "mfa-step-up-interaction.h"
#include "mfa-ui-test-utils.h"

#define ANN "ann@example.com"
#define ANN_PASSWORD "ann-secret-password"
/* Ann's number that was added but never verified. */
#define ANN_UNVERIFIED "+12015550170"

typedef struct {
  MfaTestServer   *server;
  MfaAccount      *account;
  MfaClient       *client;
  MfaClock        *clock;
  GtkWindow       *window;
  MfaAddPhoneView *view;
  guint            n_done;
  GPtrArray       *toasts;
} Fixture;

static void
done_cb (MfaAddPhoneView *view,
         Fixture         *f)
{
  f->n_done++;
}

/* Runs what is ready to run, such as the formatting after a keystroke. */
static void
flush (void)
{
  mfa_test_flush ();
}

/* The /v1 requests the server saw since the last clear, as
 * "METHOD /path STATUS". */
static GStrv
requests (Fixture *f)
{
  return mfa_test_requests (f->server, MFA_TEST_REQUEST_STATUS);
}

static guint
n_sms (Fixture    *f,
       const char *e164)
{
  g_autofree char *escaped = g_uri_escape_string (e164, NULL, TRUE);
  g_autofree char *path = g_strconcat ("/__dev/sms?phone_number=", escaped, NULL);
  g_autoptr(JsonNode) root = mfa_test_dev_json (f->server, "GET", path, NULL, 200);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                              "messages"));
}

static void
advance_server_clock (Fixture *f,
                      gint64   ms)
{
  g_autofree char *json = g_strdup_printf ("{\"advance_ms\": %" G_GINT64_FORMAT "}", ms);

  mfa_test_dev (f->server, "POST", "/__dev/clock", json);
}

/* Sets the app's clock to the server's, as two clocks on one machine
 * would read; the app's stands still in between. */
static void
sync_clocks (Fixture *f)
{
  g_autoptr(JsonNode) root = mfa_test_dev_json (f->server, "GET", "/__dev/clock", NULL, 200);
  gint64 now_ms = json_object_get_int_member (json_node_get_object (root), "now_ms");

  mfa_clock_set_now_us (f->clock, now_ms * 1000);
  flush ();
}

static void
advance_app_clock (Fixture *f,
                   gint64   ms)
{
  mfa_clock_advance_us (f->clock, ms * 1000);
  flush ();
}

/* Widgets, found as a person sees them */

static GtkStack *
inner_stack (Fixture *f)
{
  GtkWidget *stack = mfa_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return GTK_STACK (stack);
}

static GtkWidget *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child (inner_stack (f));
}

static const char *
step (Fixture *f)
{
  return mfa_test_page_name (f->view);
}

static GtkEditable *
number_row (Fixture *f)
{
  AdwPreferencesRow *row = mfa_test_find_row (GTK_WIDGET (f->view), "_Phone Number");

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return GTK_EDITABLE (row);
}

static MfaCountryChooser *
chooser (Fixture *f)
{
  GtkWidget *widget = mfa_test_find_widget (GTK_WIDGET (f->view), MFA_TYPE_COUNTRY_CHOOSER, NULL);

  g_assert_nonnull (widget);
  return MFA_COUNTRY_CHOOSER (widget);
}

static MfaCodeEntry *
code_entry (Fixture *f)
{
  GtkWidget *widget = mfa_test_find_widget (GTK_WIDGET (f->view), MFA_TYPE_CODE_ENTRY, NULL);

  g_assert_nonnull (widget);
  return MFA_CODE_ENTRY (widget);
}

static GtkWidget *
button (Fixture    *f,
        const char *label)
{
  GtkWidget *widget = mfa_test_find_labelled_button (visible_page (f), label);

  if (widget == NULL)
    g_error ("no button “%s” on the page shown", label);
  return widget;
}

static void
press (Fixture    *f,
       const char *label)
{
  mfa_test_click (button (f, label));
}

/* No request runs: the action that is never refused while idle is on. */
static gboolean
is_idle (Fixture *f)
{
  return gtk_widget_is_sensitive (mfa_test_find_labelled_button (GTK_WIDGET (f->view),
                                                                 "Change _Number"));
}

static GtkLabel *
find_label (GtkWidget  *root,
            gboolean  (*match) (GtkLabel *, gconstpointer),
            gconstpointer data)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) && match (GTK_LABEL (root), data))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (!gtk_widget_get_visible (child))
        continue;
      found = find_label (child, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_error_label (GtkLabel      *label,
                gconstpointer  data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (label), "error") &&
         gtk_label_get_label (label)[0] != '\0';
}

static gboolean
contains_text (GtkLabel      *label,
               gconstpointer  data)
{
  return strstr (gtk_label_get_label (label), data) != NULL;
}

/* The inline message of the step shown, or NULL. */
static const char *
error_text (Fixture *f)
{
  GtkLabel *label = find_label (visible_page (f), is_error_label, NULL);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

static gboolean
page_shows (Fixture    *f,
            const char *text)
{
  return find_label (visible_page (f), contains_text, text) != NULL;
}

static void
assert_error_contains (Fixture    *f,
                       const char *text)
{
  const char *error = error_text (f);

  if (error == NULL || strstr (error, text) == NULL)
    g_error ("expected an inline message with “%s”, got “%s”", text, error);
}

static GtkWidget *
resend_button (Fixture *f)
{
  GtkWidget *box = gtk_widget_get_parent (button (f, "Change _Number"));

  return gtk_widget_get_first_child (box);
}

/* The text on the resend button: its countdown while it waits. */
static const char *
resend_label (Fixture *f)
{
  GtkWidget *label = mfa_test_find_widget (resend_button (f), GTK_TYPE_LABEL, NULL);

  return gtk_label_get_label (GTK_LABEL (label));
}

/* Types @text key by key at the cursor, as a person would. */
static void
type (Fixture    *f,
      const char *text)
{
  mfa_test_type_text (number_row (f), text);
}

static void
set_number (Fixture    *f,
            const char *region,
            const char *text)
{
  g_assert_true (mfa_country_chooser_set_region (chooser (f), region));
  gtk_editable_set_text (number_row (f), "");
  flush ();
  type (f, text);
}

static void
enter_code (Fixture    *f,
            const char *code)
{
  GtkEditable *editable = mfa_code_entry_get_editable (code_entry (f));
  int position = 0;

  gtk_editable_delete_text (editable, 0, -1);
  gtk_editable_insert_text (editable, code, -1, &position);
  gtk_editable_set_position (editable, position);
}

/* Number → Continue → the code step with a code sent. */
static void
go_to_code_step (Fixture    *f,
                 const char *national)
{
  set_number (f, "US", national);
  /* The code's cooldown starts on the app's clock as the code is sent:
   * in step with the server's from then on. */
  sync_clocks (f);
  press (f, "_Continue");
  mfa_test_wait_until (g_strcmp0 (step (f), "code") == 0 && is_idle (f));
  sync_clocks (f);
}

static MfaPhoneNumber *
find_phone (MfaClient  *client,
            const char *e164)
{
  GListModel *phones = mfa_user_get_phone_numbers (mfa_client_get_user (client));

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return phone;
    }

  return NULL;
}

static char *
wrong_code_for (const char *right)
{
  return g_strdup (g_strcmp0 (right, "000000") == 0 ? "111111" : "000000");
}

/* Fixture */

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *user_id = NULL;
  g_autoptr(MfaInteraction) interaction = NULL;
  GtkWidget *overlay;

  /* Rate limits come from faults here, so the counts stay exact. In the
   * step-up tests (any @data) gated changes need a recent confirmation. */
  f->server = mfa_test_server_new ("--dev-routes",
                                   "--reverification", data != NULL ? "on" : "off",
                                   "--reverification-window", "600",
                                   "--rate-limits", "off", NULL);
  user_id = mfa_test_create_user (f->server,
                                  "{\"identifier\": \"" ANN "\","
                                  " \"password\": \"" ANN_PASSWORD "\","
                                  " \"phones\": [{\"phone_number\": \"" ANN_UNVERIFIED "\","
                                  "               \"verified\": false, \"reserved\": false,"
                                  "               \"default\": false}]}");
  f->clock = mfa_clock_new ();
  mfa_clock_set_manual (f->clock, TRUE);
  f->account = mfa_test_signed_in_account (f->server, ANN, ANN_PASSWORD, f->clock);
  f->client = g_object_ref (mfa_account_get_client (f->account));
  mfa_test_clear_requests (f->server);

  f->view = MFA_ADD_PHONE_VIEW (mfa_add_phone_view_new ());
  mfa_add_phone_view_set_account (f->view, f->account);
  g_signal_connect (f->view, "done", G_CALLBACK (done_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  /* In a toast overlay, as the app has it. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  f->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  mfa_test_record_toasts (ADW_TOAST_OVERLAY (overlay), f->toasts);
  gtk_window_set_child (f->window, overlay);
  mfa_test_present_active (f->window);

  /* Step-up as the app answers it: the dialog over this window. */
  interaction = mfa_step_up_interaction_new (f->window, f->clock);
  mfa_client_set_interaction (f->client, interaction);

  mfa_add_phone_view_start (f->view);
  flush ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_ref (f->view);
  g_object_ref (f->window);
  gtk_window_destroy (f->window);

  mfa_test_wait_until (G_OBJECT (f->window)->ref_count == 1);
  g_assert_finalize_object (f->window);

  /* A cancelled request holds the view until its callback has run. */
  mfa_test_wait_until (G_OBJECT (f->view)->ref_count == 1);
  g_assert_finalize_object (f->view);

  mfa_test_finalize_account (f->account);
  mfa_test_wait_until (G_OBJECT (f->client)->ref_count == 1);
  g_assert_finalize_object (f->client);
  g_assert_cmpuint (mfa_clock_get_n_pending (f->clock), ==, 0);
  g_assert_finalize_object (f->clock);

  mfa_test_server_free (f->server);
  g_ptr_array_unref (f->toasts);
}

/* The icon of a page of the view, and the colour it is drawn in. */
static GdkRGBA
page_icon_color (Fixture    *f,
                 const char *name,
                 const char *icon_name)
{
  GtkStack *stack = GTK_STACK (mfa_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_STACK, NULL));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, name);
  GtkWidget *icon = NULL;
  GdkRGBA color;

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  icon = mfa_test_find_widget (page, GTK_TYPE_IMAGE, NULL);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, icon_name);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (icon), &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

/* The done page's check mark is drawn in full colour, green and
 * opaque; the number page's phone stays dimmed, as a page that waits
 * for something.
 */
static void
assert_success_icon (Fixture *f)
{
  GdkRGBA done = page_icon_color (f, "done", "mfa-check-round-symbolic");
  GdkRGBA waiting = page_icon_color (f, "number", "phone-symbolic");

  g_assert_cmpfloat (done.alpha, >, 0.99);
  g_assert_cmpfloat (done.green, >, done.red + 0.2);
  g_assert_cmpfloat (done.green, >, done.blue + 0.1);
  g_assert_cmpfloat (waiting.alpha, <, 0.9);
}

/* Waits for @widget to have the focus; says where it is otherwise. */
static void
assert_focus_on (Fixture   *f,
                 GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!gtk_widget_has_focus (widget))
    {
      if (g_get_monotonic_time () > deadline)
        {
          GtkWidget *focus = gtk_window_get_focus (f->window);

          g_error ("the focus is on %s (window active: %d), not on %s",
                   focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
                   gtk_window_is_active (f->window), G_OBJECT_TYPE_NAME (widget));
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Tests */

static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  GtkEditable *row = number_row (f);
  g_autofree char *default_region = mfa_country_default_region ();
  g_autofree char *code = NULL;
  g_autoptr(MfaClient) again = NULL;
  g_auto(GStrv) seen = NULL;
  MfaPhoneNumber *phone;

  /* The number step, focused, with the locale's country. */
  g_assert_cmpstr (step (f), ==, "number");
  g_assert_cmpstr (mfa_country_chooser_get_region (chooser (f)), ==, default_region);
  /* Focus arrives with the window's activation, an event of its own. */
  assert_focus_on (f, GTK_WIDGET (gtk_editable_get_delegate (row)));

  /* Formatted as typed, the cursor staying at the end. */
  set_number (f, "US", "2015550147");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "(201) 555-0147");
  g_assert_cmpint (gtk_editable_get_position (row), ==, 14);
  g_assert_true (page_shows (f, "+12015550147"));
  g_assert_null (error_text (f));

  /* Backspace over the space after ')' takes the digit before it. */
  gtk_editable_set_position (row, 6);
  gtk_editable_delete_text (row, 5, 6);
  gtk_editable_set_position (row, 5);
  flush ();
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "(205) 550-147");
  gtk_editable_set_text (row, "");
  flush ();
  type (f, "2015550147");

  /* Continue: create, then an SMS. */
  sync_clocks (f);
  press (f, "_Continue");
  g_assert_false (is_idle (f));
  g_assert_false (gtk_widget_is_sensitive (button (f, "_Continue")));
  mfa_test_wait_until (g_strcmp0 (step (f), "code") == 0 && is_idle (f));
  sync_clocks (f);

  g_assert_true (page_shows (f, "201-555-0147"));
  g_assert_true (page_shows (f, "The code expires in 10 minutes"));
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 30 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend_button (f)));
  mfa_test_wait_until (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (mfa_code_entry_get_editable (code_entry (f))))));

  /* The expiry follows the app clock. */
  advance_app_clock (f, 9 * 60 * 1000 + 30 * 1000);
  g_assert_true (page_shows (f, "The code expires in 30 seconds"));

  /* Six digits submit themselves. */
  code = mfa_test_server_last_sms_code (f->server, "+12015550147");
  g_assert_nonnull (code);
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0 && is_idle (f));
  g_assert_true (page_shows (f, "201-555-0147"));
  assert_success_icon (f);

  phone = find_phone (f->client, "+12015550147");
  g_assert_nonnull (phone);
  g_assert_true (mfa_phone_number_is_verified (phone));
  g_assert_false (mfa_phone_number_get_reserved (phone));

  press (f, "_Use for Sign-In Codes");
  g_assert_false (is_idle (f));
  mfa_test_wait_until (f->n_done == 1);
  g_assert_true (mfa_phone_number_get_reserved (phone));
  g_assert_cmpuint (f->toasts->len, ==, 1);
  /* Ann's first method: the server handed out backup codes, kept. */
  g_assert_nonnull (mfa_add_phone_view_get_backup_codes (f->view));

  /* The protocol minimum, nothing more. */
  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 4);
  g_assert_cmpstr (seen[0], ==, "POST /v1/me/phone_numbers 200");
  g_assert_true (g_str_has_suffix (seen[1], "/prepare_verification 200"));
  g_assert_true (g_str_has_suffix (seen[2], "/attempt_verification 200"));
  g_assert_true (g_str_has_prefix (seen[3], "PATCH /v1/me/phone_numbers/") ||
                 g_str_has_prefix (seen[3], "POST /v1/me/phone_numbers/"));

  /* On the server it is now Ann's default second factor: signing in
   * again asks for a code sent to it. */
  again = mfa_test_signed_in_client (f->server, ANN, ANN_PASSWORD);
  phone = find_phone (again, "+12015550147");
  g_assert_nonnull (phone);
  g_assert_true (mfa_phone_number_get_reserved (phone));
  g_assert_true (mfa_phone_number_get_default (phone));
  g_assert_true (mfa_user_get_two_factor_enabled (mfa_client_get_user (again)));
}

static void
test_invalid_number (Fixture       *f,
                     gconstpointer  data)
{
  const struct {
    const char *region;
    const char *text;
    const char *message;
  } cases[] = {
    { "US", "", "Enter the phone number" },
    { "US", "201 call me", "Remove the letters" },
    { "US", "201", "too short for United States" },
    { "US", "201555014712345", "too many digits for United States" },
    { "US", "5555550100", "not a valid phone number in United States" },
    { "US", "+999 1234567", "country code does not exist" },
    { "FR", "+33 1", "too short." },
  };
  g_auto(GStrv) seen = NULL;
  g_autofree char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_number (f, cases[i].region, cases[i].text);
      g_assert_null (error_text (f));

      press (f, "_Continue");
      g_assert_cmpstr (step (f), ==, "number");
      g_assert_true (is_idle (f));
      assert_error_contains (f, cases[i].message);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number_row (f)), "error"));

      /* Each case its own message. */
      if (first == NULL)
        first = g_strdup (error_text (f));
      else
        g_assert_cmpstr (first, !=, error_text (f));

      /* Typing again clears it. */
      type (f, "1");
      g_assert_null (error_text (f));
    }

  /* Enter checks too. */
  set_number (f, "US", "12");
  g_signal_emit_by_name (number_row (f), "entry-activated");
  assert_error_contains (f, "too short");

  mfa_test_iterate (100);
  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 0);
}

static void
test_wrong_code (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  GtkEditable *editable;

  go_to_code_step (f, "2015550148");
  code = mfa_test_server_last_sms_code (f->server, "+12015550148");
  wrong = wrong_code_for (code);
  editable = mfa_code_entry_get_editable (code_entry (f));

  enter_code (f, wrong);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  /* No count of attempts left: the service does not give one. */
  assert_error_contains (f, "Wrong code. Check it and try again");
  g_assert_null (strstr (error_text (f), "left"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_cmpstr (step (f), ==, "code");

  enter_code (f, wrong);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  assert_error_contains (f, "Wrong code. Check it and try again");

  /* The right one still works. */
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
}

static void
test_too_many_attempts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;

  go_to_code_step (f, "2015550149");
  code = mfa_test_server_last_sms_code (f->server, "+12015550149");
  wrong = wrong_code_for (code);

  for (guint i = 0; i < 3; i++)
    {
      enter_code (f, wrong);
      mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
    }

  /* Even the right code is refused now: a new one is needed. */
  enter_code (f, code);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL &&
                       strstr (error_text (f), "Too many wrong codes") != NULL);

  advance_server_clock (f, 30 * 1000);
  advance_app_clock (f, 30 * 1000);
  press (f, "_Resend Code");
  mfa_test_wait_until (is_idle (f));
  g_assert_null (error_text (f));
  g_free (code);
  code = mfa_test_server_last_sms_code (f->server, "+12015550149");
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
}

static void
test_expired_code (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *code = NULL;

  go_to_code_step (f, "2015550150");
  code = mfa_test_server_last_sms_code (f->server, "+12015550150");

  /* Eleven minutes later on the server. */
  advance_server_clock (f, 11 * 60 * 1000);
  enter_code (f, code);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  assert_error_contains (f, "This code has expired");
  g_assert_cmpstr (step (f), ==, "code");

  /* Offer a new code once the app's cooldown is over. */
  advance_app_clock (f, 30 * 1000);
  g_assert_cmpstr (resend_label (f), ==, "_Resend Code");
  press (f, "_Resend Code");
  mfa_test_wait_until (is_idle (f));
  g_assert_cmpuint (n_sms (f, "+12015550150"), ==, 2);
  g_assert_cmpuint (f->toasts->len, ==, 1);
  g_assert_nonnull (strstr (adw_toast_get_title (g_ptr_array_index (f->toasts, 0)), "A new code was sent to"));
  g_assert_null (error_text (f));

  g_free (code);
  code = mfa_test_server_last_sms_code (f->server, "+12015550150");
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
}

static void
test_resend_cooldown (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_auto(GStrv) seen = NULL;
  guint n;

  go_to_code_step (f, "2015550151");
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 30 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend_button (f)));

  advance_app_clock (f, 7 * 1000);
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 23 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend_button (f)));

  advance_app_clock (f, 22 * 1000);
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 1 Second");

  advance_app_clock (f, 1000);
  g_assert_cmpstr (resend_label (f), ==, "_Resend Code");
  g_assert_true (gtk_widget_is_sensitive (resend_button (f)));

  /* The server's clock has not moved: it refuses with 429 and
   * Retry-After, and the button counts that down. */
  mfa_test_clear_requests (f->server);
  press (f, "_Resend Code");
  mfa_test_wait_until (is_idle (f));
  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 1);
  g_assert_true (g_str_has_suffix (seen[0], "/prepare_verification 429"));
  assert_error_contains (f, "You can ask for another when the countdown ends");
  /* The server's Retry-After: its window, less the seconds its own clock
   * (the machine's) ran since the first code, which a slow machine, or
   * one under the sanitizers, can make more than one. */
  {
    int seconds = 0;

    g_assert_cmpint (sscanf (resend_label (f), "Resend Code in %d Seconds", &seconds), ==, 1);
    g_assert_cmpint (seconds, <=, 30);
    g_assert_cmpint (seconds, >=, 25);
  }
  g_assert_false (gtk_widget_is_sensitive (resend_button (f)));
  g_assert_cmpuint (n_sms (f, "+12015550151"), ==, 1);

  advance_server_clock (f, 30 * 1000);
  advance_app_clock (f, 30 * 1000);
  press (f, "_Resend Code");
  mfa_test_wait_until (is_idle (f));
  n = n_sms (f, "+12015550151");
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 30 Seconds");
  g_assert_null (error_text (f));

  code = mfa_test_server_last_sms_code (f->server, "+12015550151");
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
  press (f, "_Back to Your Numbers");
  g_assert_cmpuint (f->n_done, ==, 1);
}

static void
test_cooldown_survives (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MfaPhoneNumber) phone = NULL;
  g_auto(GStrv) seen = NULL;

  go_to_code_step (f, "2015550152");
  phone = g_object_ref (mfa_add_phone_view_get_phone (f->view));
  advance_app_clock (f, 10 * 1000);
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 20 Seconds");

  /* Leave, and come back through the Manage page's “Verify”. */
  mfa_add_phone_view_start (f->view);
  g_assert_cmpstr (step (f), ==, "number");
  g_assert_cmpstr (gtk_editable_get_text (number_row (f)), ==, "");
  mfa_test_clear_requests (f->server);

  mfa_add_phone_view_resume (f->view, phone);
  g_assert_cmpstr (step (f), ==, "code");
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 20 Seconds");
  g_assert_false (gtk_widget_is_sensitive (resend_button (f)));
  g_assert_true (is_idle (f));

  /* Change the number, then type the same one again: no new phone, no
   * new code, the same countdown. */
  press (f, "Change _Number");
  g_assert_cmpstr (step (f), ==, "number");
  set_number (f, "US", "2015550152");
  press (f, "_Continue");
  g_assert_cmpstr (step (f), ==, "code");
  advance_app_clock (f, 5 * 1000);
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 15 Seconds");

  mfa_test_iterate (100);
  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 0);
}

static void
test_number_in_use (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bob = NULL;
  g_auto(GStrv) seen = NULL;

  bob = mfa_test_create_user (f->server,
                              "{\"identifier\": \"bob@example.com\", \"password\": \"bob-pw-123\","
                              " \"phones\": [{\"phone_number\": \"+12015550160\","
                              "               \"verified\": true, \"reserved\": false,"
                              "               \"default\": false}]}");

  set_number (f, "US", "2015550160");
  /* Enter works like Continue. */
  g_signal_emit_by_name (number_row (f), "entry-activated");
  mfa_test_wait_until (is_idle (f));
  g_assert_cmpstr (step (f), ==, "number");
  assert_error_contains (f, "already in use by another account");
  g_assert_cmpstr (gtk_editable_get_text (number_row (f)), ==, "(201) 555-0160");

  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 1);
  g_assert_cmpstr (seen[0], ==, "POST /v1/me/phone_numbers 422");
}

static void
test_unsupported_country (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(GStrv) seen = NULL;

  set_number (f, "FR", "0612345678");
  g_assert_cmpstr (gtk_editable_get_text (number_row (f)), ==, "06 12 34 56 78");
  g_assert_true (page_shows (f, "+33612345678"));
  press (f, "_Continue");
  mfa_test_wait_until (is_idle (f));
  g_assert_cmpstr (step (f), ==, "number");
  assert_error_contains (f, "cannot send text messages to numbers in this country");

  /* A number typed with + wins over the country chosen. */
  set_number (f, "US", "+33612345678");
  g_assert_true (page_shows (f, "+33612345678"));
  press (f, "_Continue");
  mfa_test_wait_until (is_idle (f));
  assert_error_contains (f, "cannot send text messages");

  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 2);
  g_assert_cmpstr (seen[0], ==, "POST /v1/me/phone_numbers 403");
  g_assert_cmpstr (seen[1], ==, "POST /v1/me/phone_numbers 403");
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  mfa_test_dev (f->server, "POST", "/__dev/faults",
                "{\"path\": \"/v1/me/phone_numbers\", \"kind\": \"status\", \"status\": 429}");

  set_number (f, "US", "2015550153");
  press (f, "_Continue");
  mfa_test_wait_until (is_idle (f));
  g_assert_cmpstr (step (f), ==, "number");
  assert_error_contains (f, "Try again in 1 second.");
  g_assert_false (gtk_widget_is_sensitive (button (f, "_Continue")));

  /* Nothing happens until the countdown ends. */
  advance_app_clock (f, 999);
  g_assert_false (gtk_widget_is_sensitive (button (f, "_Continue")));
  advance_app_clock (f, 1);
  g_assert_null (error_text (f));
  g_assert_true (gtk_widget_is_sensitive (button (f, "_Continue")));

  mfa_test_dev (f->server, "DELETE", "/__dev/faults", NULL);
  press (f, "_Continue");
  mfa_test_wait_until (g_strcmp0 (step (f), "code") == 0 && is_idle (f));
  sync_clocks (f);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *code = NULL;
  GtkEditable *editable;

  go_to_code_step (f, "2015550154");
  code = mfa_test_server_last_sms_code (f->server, "+12015550154");

  mfa_test_dev (f->server, "POST", "/__dev/faults",
                "{\"path\": \"/v1/me/phone_numbers/*/attempt_verification\","
                " \"kind\": \"drop\", \"times\": 1}");
  enter_code (f, code);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  assert_error_contains (f, "Your code is kept");
  g_assert_cmpstr (step (f), ==, "code");
  editable = mfa_code_entry_get_editable (code_entry (f));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, code);

  /* Enter tries again. */
  g_signal_emit_by_name (editable, "activate");
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
}

static void
test_code_rate_limited (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *code = NULL;

  go_to_code_step (f, "2015550156");
  code = mfa_test_server_last_sms_code (f->server, "+12015550156");

  mfa_test_dev (f->server, "POST", "/__dev/faults",
                "{\"path\": \"/v1/me/phone_numbers/*/attempt_verification\","
                " \"kind\": \"status\", \"status\": 429, \"times\": 1}");
  enter_code (f, code);
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  assert_error_contains (f, "Too many attempts. Try again in 1 second.");
  g_assert_false (gtk_widget_is_sensitive (button (f, "_Verify")));

  advance_app_clock (f, 1000);
  g_assert_null (error_text (f));
  press (f, "_Verify");
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0);
}

static void
test_resume_unverified (Fixture       *f,
                        gconstpointer  data)
{
  MfaPhoneNumber *phone = find_phone (f->client, ANN_UNVERIFIED);
  g_autofree char *code = NULL;
  g_auto(GStrv) seen = NULL;

  g_assert_nonnull (phone);
  g_assert_false (mfa_phone_number_is_verified (phone));

  /* No code was ever sent to it: resuming sends one. */
  mfa_add_phone_view_resume (f->view, phone);
  g_assert_cmpstr (step (f), ==, "code");
  g_assert_false (is_idle (f));
  mfa_test_wait_until (is_idle (f));
  g_assert_true (page_shows (f, "201-555-0170"));
  g_assert_cmpstr (resend_label (f), ==, "Resend Code in 30 Seconds");

  seen = requests (f);
  g_assert_cmpuint (g_strv_length (seen), ==, 1);
  g_assert_true (g_str_has_suffix (seen[0], "/prepare_verification 200"));

  code = mfa_test_server_last_sms_code (f->server, ANN_UNVERIFIED);
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0 && is_idle (f));
  g_assert_true (mfa_phone_number_is_verified (phone));

  press (f, "_Back to Your Numbers");
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_false (mfa_phone_number_get_reserved (phone));
}

static void
test_closed_while_busy (Fixture       *f,
                        gconstpointer  data)
{
  mfa_test_dev (f->server, "POST", "/__dev/faults",
                "{\"path\": \"/v1/me/phone_numbers\", \"kind\": \"latency\","
                " \"latency_ms\": 300}");
  set_number (f, "US", "2015550155");
  press (f, "_Continue");
  g_assert_false (is_idle (f));
  /* The teardown destroys the window now; the answer must touch nothing. */
}

/* Step-up: adding a number needs a recent confirmation */

/* Lets the sign-in age past the server's window of 10 minutes. */
static void
age_sign_in (Fixture *f)
{
  advance_server_clock (f, 11 * 60 * 1000);
}

/* Ann has no second factor: her password is all the step-up asks. */
static void
pass_step_up (Fixture *f)
{
  MfaStepUpDialog *dialog;
  AdwPreferencesRow *row;

  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "password") == 0);

  row = mfa_test_find_row (GTK_WIDGET (dialog), "_Password");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), ANN_PASSWORD);
  g_signal_emit_by_name (row, "entry-activated");

  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) == NULL);
}

static guint
count_seen (Fixture    *f,
            const char *prefix)
{
  g_auto(GStrv) seen = requests (f);
  guint n = 0;

  for (guint i = 0; seen[i] != NULL; i++)
    if (g_str_has_prefix (seen[i], prefix))
      n++;

  return n;
}

static void
test_step_up_continue (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(GStrv) seen = NULL;

  set_number (f, "US", "2015550171");
  age_sign_in (f);
  mfa_test_clear_requests (f->server);

  press (f, "_Continue");
  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) != NULL);
  /* Continue waits, busy, while the person confirms. */
  g_assert_false (is_idle (f));
  g_assert_false (gtk_widget_is_sensitive (button (f, "_Continue")));
  g_assert_cmpstr (step (f), ==, "number");
  g_assert_cmpuint (count_seen (f, "POST /v1/me/phone_numbers 403"), ==, 1);

  pass_step_up (f);

  /* Sent again by itself, once; then the code as always. */
  mfa_test_wait_until (g_strcmp0 (step (f), "code") == 0 && is_idle (f));
  sync_clocks (f);
  g_assert_nonnull (find_phone (f->client, "+12015550171"));
  seen = requests (f);
  g_assert_cmpuint (count_seen (f, "POST /v1/me/phone_numbers "), ==, 2);
  g_assert_cmpstr (seen[0], ==, "POST /v1/me/phone_numbers 403");
  g_assert_cmpstr (seen[g_strv_length (seen) - 2], ==, "POST /v1/me/phone_numbers 200");
  g_assert_true (g_str_has_suffix (seen[g_strv_length (seen) - 1], "/prepare_verification 200"));
  g_assert_cmpuint (n_sms (f, "+12015550171"), ==, 1);
}

static void
test_step_up_continue_cancel (Fixture       *f,
                              gconstpointer  data)
{
  MfaStepUpDialog *dialog;

  set_number (f, "US", "2015550172");
  age_sign_in (f);
  mfa_test_clear_requests (f->server);

  press (f, "_Continue");
  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  gtk_window_close (GTK_WINDOW (dialog));

  /* Nothing changed, nothing to explain. */
  mfa_test_wait_until (is_idle (f));
  mfa_test_iterate (200);
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));
  g_assert_cmpstr (step (f), ==, "number");
  g_assert_null (error_text (f));
  g_assert_cmpstr (gtk_editable_get_text (number_row (f)), ==, "(201) 555-0172");
  g_assert_true (gtk_widget_is_sensitive (button (f, "_Continue")));
  g_assert_cmpuint (count_seen (f, "POST /v1/me/phone_numbers "), ==, 1);
  g_assert_null (find_phone (f->client, "+12015550172"));
  g_assert_cmpuint (f->toasts->len, ==, 0);
}

static void
test_step_up_use_for_mfa (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *code = NULL;
  MfaPhoneNumber *phone;

  /* Signed in a moment ago: adding needs no confirmation. */
  go_to_code_step (f, "2015550173");
  code = mfa_test_server_last_sms_code (f->server, "+12015550173");
  enter_code (f, code);
  mfa_test_wait_until (g_strcmp0 (step (f), "done") == 0 && is_idle (f));
  g_assert_null (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG));

  age_sign_in (f);
  mfa_test_clear_requests (f->server);
  press (f, "_Use for Sign-In Codes");
  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) != NULL);
  g_assert_false (is_idle (f));
  g_assert_cmpuint (f->n_done, ==, 0);

  pass_step_up (f);

  mfa_test_wait_until (f->n_done == 1);
  phone = find_phone (f->client, "+12015550173");
  g_assert_true (mfa_phone_number_get_reserved (phone));
  g_assert_nonnull (mfa_add_phone_view_get_backup_codes (f->view));
  g_assert_cmpuint (count_seen (f, "PATCH /v1/me/phone_numbers/") +
                    count_seen (f, "POST /v1/me/phone_numbers/"), ==, 2);
}

/* Copying the details */

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

static void
test_copy_details (Fixture       *f,
                   gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->view));
  g_autofree char *bob = NULL;
  g_autofree char *text = NULL;
  GtkWidget *copy;

  bob = mfa_test_create_user (f->server,
                              "{\"identifier\": \"bob@example.com\", \"password\": \"bob-pw-123\","
                              " \"phones\": [{\"phone_number\": \"+12015550160\","
                              "               \"verified\": true, \"reserved\": false,"
                              "               \"default\": false}]}");

  /* A mistake caught before any request has nothing to copy. */
  set_number (f, "US", "201");
  press (f, "_Continue");
  assert_error_contains (f, "too short");
  g_assert_false (mfa_test_widget_is_shown (button (f, "Copy _Details")));

  /* The service's refusal has. */
  set_number (f, "US", "2015550160");
  press (f, "_Continue");
  mfa_test_wait_until (is_idle (f) && error_text (f) != NULL);
  assert_error_contains (f, "already in use by another account");
  copy = button (f, "Copy _Details");
  g_assert_true (mfa_test_widget_is_shown (copy));

  gdk_clipboard_set_text (clipboard, "");
  mfa_test_click (copy);
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  mfa_test_wait_until (text != NULL);
  g_assert_nonnull (strstr (text, "form_identifier_exists"));
  g_assert_nonnull (strstr (text, "clerk_trace_id"));
  g_assert_null (strstr (text, "Bearer"));
  g_assert_null (strstr (text, mfa_client_get_token (f->client)));

  /* Typing again: the message and its details go. */
  type (f, "1");
  g_assert_null (error_text (f));
  g_assert_false (mfa_test_widget_is_shown (copy));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  mfa_test_load_app_style ();

#define ADD(path, fn) \
  g_test_add ("/mfa/add-phone-view/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("happy-path", test_happy_path);
  ADD ("invalid-number", test_invalid_number);
  ADD ("wrong-code", test_wrong_code);
  ADD ("too-many-attempts", test_too_many_attempts);
  ADD ("expired-code", test_expired_code);
  ADD ("resend-cooldown", test_resend_cooldown);
  ADD ("cooldown-survives", test_cooldown_survives);
  ADD ("number-in-use", test_number_in_use);
  ADD ("unsupported-country", test_unsupported_country);
  ADD ("rate-limited", test_rate_limited);
  ADD ("network-error", test_network_error);
  ADD ("code-rate-limited", test_code_rate_limited);
  ADD ("resume-unverified", test_resume_unverified);
  ADD ("closed-while-busy", test_closed_while_busy);
  ADD ("copy-details", test_copy_details);

#define ADD_STEP_UP(path, fn) \
  g_test_add ("/mfa/add-phone-view/" path, Fixture, "step-up", setup, fn, teardown)

  ADD_STEP_UP ("step-up-continue", test_step_up_continue);
  ADD_STEP_UP ("step-up-continue-cancel", test_step_up_continue_cancel);
  ADD_STEP_UP ("step-up-use-for-mfa", test_step_up_use_for_mfa);

#undef ADD_STEP_UP

#undef ADD

  return g_test_run ();
}
