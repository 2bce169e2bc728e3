/* test-fault-matrix.c
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

#define G_LOG_DOMAIN "test-fault-matrix"

#include "config.h"

#include <string.h>

#include "mfa-add-phone-view.h"
#include "mfa-code-entry.h"
#include "mfa-country-chooser.h"
#include "mfa-factor-prompt.h"
#include "mfa-manage-view.h"
#include "mfa-phone-row.h"
#include "mfa-sign-in-view.h"
#include "mfa-step-up-dialog.h"
#include "mfa-step-up-interaction.h"
#include "mfa-ui-test-utils.h"

/* Every change a person can make, against every way the service can
 * fail: the view says what went wrong, the account's model is as it was,
 * nothing crashes, and the same action once the fault is gone succeeds.
 * One server for the binary, reset before each case.
 */

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"

/* A default, B reserved, C verified, D unverified. */
#define PHONE_A "+12015550101"
#define PHONE_B "+12015550102"
#define PHONE_C "+12015550103"
#define PHONE_D "+12015550104"
#define PHONE_NEW "+12015550160"

#define USER \
  "{\"identifier\":\"" IDENTIFIER "\",\"password\":\"" PASSWORD "\",\"backup_codes\":true," \
  "\"phones\":[" \
  "{\"phone_number\":\"" PHONE_A "\",\"verified\":true,\"reserved\":true,\"default\":true}," \
  "{\"phone_number\":\"" PHONE_B "\",\"verified\":true,\"reserved\":true,\"default\":false}," \
  "{\"phone_number\":\"" PHONE_C "\",\"verified\":true,\"reserved\":false,\"default\":false}," \
  "{\"phone_number\":\"" PHONE_D "\",\"verified\":false,\"reserved\":false,\"default\":false}]}"

typedef enum {
  FLOW_SIGN_IN,
  FLOW_ADD,
  FLOW_VERIFY,
  FLOW_RESERVE,
  FLOW_UNRESERVE,
  FLOW_MAKE_DEFAULT,
  FLOW_REMOVE,
  FLOW_REGENERATE,
  FLOW_STEP_UP,
  N_FLOWS
} Flow;

static const struct {
  const char *name;
  const char *path;   /* the request the fault hits */
} flows[N_FLOWS] = {
  [FLOW_SIGN_IN] = { "sign-in", "/v1/client/sign_ins" },
  [FLOW_ADD] = { "add", "/v1/me/phone_numbers" },
  [FLOW_VERIFY] = { "verify", "/v1/me/phone_numbers/*/attempt_verification" },
  [FLOW_RESERVE] = { "reserve", "/v1/me/phone_numbers/*" },
  [FLOW_UNRESERVE] = { "unreserve", "/v1/me/phone_numbers/*" },
  [FLOW_MAKE_DEFAULT] = { "make-default", "/v1/me/phone_numbers/*" },
  [FLOW_REMOVE] = { "remove", "/v1/me/phone_numbers/*" },
  [FLOW_REGENERATE] = { "regenerate", "/v1/me/backup_codes" },
  [FLOW_STEP_UP] = { "step-up", "/v1/client/sessions/*/verify/attempt_first_factor" },
};

typedef enum {
  FAULT_500,
  FAULT_DROP,
  FAULT_TIMEOUT,
  FAULT_MALFORMED,
  FAULT_TRUNCATE,
  FAULT_429,
  N_FAULTS
} Fault;

/* The timeout: the client gives up after a second; the server holds the
 * request far longer, so it is answered (and carried out) only after the
 * case has ended, against a reset database. */
static const struct {
  const char *name;
  const char *json;   /* without the path */
} faults[N_FAULTS] = {
  [FAULT_500] = { "500", "\"kind\":\"status\",\"status\":500" },
  [FAULT_DROP] = { "drop", "\"kind\":\"drop\"" },
  [FAULT_TIMEOUT] = { "timeout", "\"kind\":\"latency\",\"latency_ms\":20000" },
  [FAULT_MALFORMED] = { "malformed", "\"kind\":\"malformed\"" },
  [FAULT_TRUNCATE] = { "truncate", "\"kind\":\"truncate\"" },
  [FAULT_429] = { "429", "\"kind\":\"status\",\"status\":429" },
};

typedef struct
{
  Flow  flow;
  Fault fault;
} Case;

static MfaTestServer *server;
static Case cases[N_FLOWS * N_FAULTS];

typedef struct
{
  const Case      *c;
  MfaAccount      *account;
  MfaClient       *client;
  MfaClock        *clock;
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  GtkWidget       *view;
  GPtrArray       *toasts;
  MfaBackupCodes  *codes;
  guint            signed_in;
  guint            done;
} Fixture;

/* Model */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The account as the client's model has it, in one line. */
static char *
describe_model (MfaClient *client)
{
  MfaUser *user = mfa_client_get_user (client);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GListModel *phones;

  if (user == NULL)
    return g_strdup_printf ("signed out, session %s",
                            mfa_client_get_session_id (client) != NULL ? "set" : "none");

  phones = mfa_user_get_phone_numbers (user);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s%s%s%s",
                                               mfa_phone_number_get_phone_number (phone),
                                               mfa_phone_number_is_verified (phone) ? " verified" : "",
                                               mfa_phone_number_get_reserved (phone) ? " reserved" : "",
                                               mfa_phone_number_get_default (phone) ? " default" : ""));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv (", ", (char **) lines->pdata);

  return g_strdup_printf ("%s; two-factor %s", joined,
                          mfa_user_get_two_factor_enabled (user) ? "on" : "off");
}

static MfaPhoneNumber *
find_phone (Fixture    *fx,
            const char *e164)
{
  GListModel *phones = mfa_user_get_phone_numbers (mfa_client_get_user (fx->client));

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (mfa_phone_number_get_phone_number (phone), e164) == 0)
        return phone;
    }

  return NULL;
}

/* Widgets */

static void
flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
backup_codes_cb (GtkWidget      *view,
                 MfaBackupCodes *codes,
                 Fixture        *fx)
{
  g_set_object (&fx->codes, codes);
}

static void
signed_in_cb (GtkWidget *view,
              Fixture   *fx)
{
  fx->signed_in++;
}

static void
done_cb (GtkWidget *view,
         Fixture   *fx)
{
  fx->done++;
}

static gboolean
is_error_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         mfa_test_widget_is_shown (widget) && gtk_widget_get_mapped (widget) &&
         gtk_label_get_label (GTK_LABEL (widget))[0] != '\0';
}

static GtkLabel *
find_error_label (GtkWidget *root)
{
  if (root == NULL)
    return NULL;
  if (is_error_label (root))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_error_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Where the flow's messages appear: the step-up dialog while it is open,
 * else the view. */
static GtkWidget *
message_root (Fixture *fx)
{
  GtkWidget *dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG);

  return dialog != NULL ? dialog : fx->view;
}

/* The error shown since @n_toasts toasts: a new toast, or an inline
 * message; NULL while there is none. */
static const char *
shown_error (Fixture *fx,
             guint    n_toasts)
{
  GtkLabel *label;

  if (fx->toasts->len > n_toasts)
    return adw_toast_get_title (g_ptr_array_index (fx->toasts, fx->toasts->len - 1));

  label = find_error_label (message_root (fx));
  if (label != NULL)
    return gtk_label_get_label (label);

  /* A rate limit's countdown. */
  label = mfa_test_find_label_containing (message_root (fx), "Try again in", TRUE);
  if (label != NULL)
    return gtk_label_get_label (label);

  return NULL;
}

static MfaPhoneRow *
phone_row (Fixture    *fx,
           const char *e164)
{
  MfaPhoneRow *row = mfa_test_find_phone_row (fx->view, e164);

  g_assert_nonnull (row);
  return row;
}

static void
type_into_code_entry (GtkWidget  *root,
                      const char *code)
{
  MfaCodeEntry *entry = MFA_CODE_ENTRY (mfa_test_find_widget (root, MFA_TYPE_CODE_ENTRY, NULL));
  GtkEditable *editable;
  int position = 0;

  g_assert_nonnull (entry);
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (entry)));
  editable = mfa_code_entry_get_editable (entry);
  mfa_code_entry_clear (entry);
  gtk_editable_insert_text (editable, code, -1, &position);
  gtk_editable_set_position (editable, position);
}

/* Fixture */

static void
show (Fixture   *fx,
      GtkWidget *view)
{
  g_autoptr(MfaInteraction) interaction = NULL;

  fx->client = g_object_ref (mfa_account_get_client (fx->account));
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1000, 700);
  fx->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fx->view = g_object_ref_sink (view);
  adw_toast_overlay_set_child (fx->overlay, view);
  mfa_test_record_toasts (fx->overlay, fx->toasts);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->overlay));
  gtk_window_present (fx->window);

  /* Step-up as the app answers it: the dialog over this window. */
  interaction = mfa_step_up_interaction_new (fx->window, fx->clock);
  mfa_client_set_interaction (fx->client, interaction);
}

static void
set_up (Fixture       *fx,
        gconstpointer  data)
{
  g_autofree char *id = NULL;

  fx->c = data;
  fx->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  fx->clock = mfa_clock_new ();
  mfa_clock_set_manual (fx->clock, TRUE);

  mfa_test_dev (server, "POST", "/__dev/reset", NULL);
  id = mfa_test_create_user (server, USER);
  g_assert_true (g_str_has_prefix (id, "user_"));

  if (fx->c->flow == FLOW_SIGN_IN)
    {
      MfaSignInView *view;

      fx->account = mfa_test_signed_in_account (server, NULL, NULL, fx->clock);
      view = MFA_SIGN_IN_VIEW (mfa_sign_in_view_new ());
      mfa_sign_in_view_set_account (view, fx->account);
      g_signal_connect (view, "signed-in", G_CALLBACK (signed_in_cb), fx);
      show (fx, GTK_WIDGET (view));
      mfa_sign_in_view_start (view, NULL, FALSE);
    }
  else if (fx->c->flow == FLOW_ADD || fx->c->flow == FLOW_VERIFY)
    {
      MfaAddPhoneView *view;

      fx->account = mfa_test_signed_in_account (server, IDENTIFIER, PASSWORD, fx->clock);
      view = MFA_ADD_PHONE_VIEW (mfa_add_phone_view_new ());
      mfa_add_phone_view_set_account (view, fx->account);
      g_signal_connect (view, "done", G_CALLBACK (done_cb), fx);
      show (fx, GTK_WIDGET (view));
      mfa_add_phone_view_start (view);
    }
  else
    {
      MfaManageView *view;

      if (fx->c->flow == FLOW_STEP_UP)
        mfa_test_dev (server, "POST", "/__dev/settings",
                      "{\"reverification\":\"on\",\"reverification_window\":600}");

      fx->account = mfa_test_signed_in_account (server, IDENTIFIER, PASSWORD, fx->clock);
      view = MFA_MANAGE_VIEW (mfa_manage_view_new ());
      mfa_manage_view_set_account (view, fx->account);
      g_signal_connect (view, "backup-codes", G_CALLBACK (backup_codes_cb), fx);
      show (fx, GTK_WIDGET (view));
      mfa_test_wait_until (mfa_test_find_phone_row (fx->view, PHONE_D) != NULL);

      /* The sign-in ages past the step-up window. */
      if (fx->c->flow == FLOW_STEP_UP)
        mfa_test_dev (server, "POST", "/__dev/clock", "{\"advance_ms\":660000}");
    }
  flush ();
}

static void
tear_down (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if ((dialog = mfa_test_find_alert ()) != NULL)
    {
      mfa_dialog_close (dialog);
      mfa_test_wait_until (mfa_test_find_alert () == NULL);
    }

  gtk_window_destroy (fx->window);
  /* Requests cancelled with the window hold the view until their
   * callbacks ran. */
  mfa_test_wait_until (G_OBJECT (fx->view)->ref_count == 1);
  g_assert_finalize_object (fx->view);
  mfa_client_set_interaction (fx->client, NULL);
  mfa_test_finalize_account (fx->account);
  mfa_test_wait_until (G_OBJECT (fx->client)->ref_count == 1);
  g_assert_finalize_object (fx->client);
  g_assert_finalize_object (fx->clock);

  g_ptr_array_unref (fx->toasts);
  g_clear_object (&fx->codes);
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
}

/* Actions: each starts the flow's request; the fault is already set. */

static void
sign_in_submit (Fixture *fx)
{
  AdwPreferencesRow *identifier_row = mfa_test_find_row (fx->view, "_Email, Phone or Username");
  AdwPreferencesRow *password_row = mfa_test_find_row (fx->view, "_Password");

  g_assert_nonnull (identifier_row);
  g_assert_nonnull (password_row);
  gtk_editable_set_text (GTK_EDITABLE (identifier_row), IDENTIFIER);
  gtk_editable_set_text (GTK_EDITABLE (password_row), PASSWORD);
  g_signal_emit_by_name (password_row, "entry-activated");
}

static GtkWidget *
add_phone_button (Fixture    *fx,
                  const char *label)
{
  GtkWidget *stack = mfa_test_find_widget (fx->view, GTK_TYPE_STACK, NULL);
  GtkWidget *button = mfa_test_find_labelled_button (gtk_stack_get_visible_child (GTK_STACK (stack)),
                                                     label);

  g_assert_nonnull (button);
  return button;
}

static void
add_submit (Fixture *fx)
{
  GtkWidget *row = GTK_WIDGET (mfa_test_find_row (fx->view, "_Phone Number"));
  GtkWidget *chooser = mfa_test_find_widget (fx->view, MFA_TYPE_COUNTRY_CHOOSER, NULL);

  g_assert_true (mfa_country_chooser_set_region (MFA_COUNTRY_CHOOSER (chooser), "US"));
  gtk_editable_set_text (GTK_EDITABLE (row), "2015550160");
  flush ();
  mfa_test_click (add_phone_button (fx, "_Continue"));
}

static void
verify_submit (Fixture *fx,
               gboolean first)
{
  if (first)
    type_into_code_entry (fx->view, "424242");
  else
    mfa_test_click (add_phone_button (fx, "_Verify"));
}

static void
confirm_dialog (const char *response_label)
{
  GtkWidget *dialog = mfa_test_wait_for_alert ();

  mfa_test_click (mfa_test_find_button (dialog, response_label));
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
}

static void
activate_phone_action (Fixture    *fx,
                       const char *e164,
                       const char *name)
{
  MfaPhoneRow *row = phone_row (fx, e164);
  g_autofree char *action = g_strconcat ("phone.", name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), action, "s",
                                             mfa_phone_number_get_id (mfa_phone_row_get_number (row))));
}

static void
step_up_password (Fixture *fx)
{
  MfaStepUpDialog *dialog;
  AdwPreferencesRow *row;
  GtkWidget *prompt;

  mfa_test_wait_until ((dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "password") == 0);
  prompt = mfa_test_find_widget (GTK_WIDGET (dialog), MFA_TYPE_FACTOR_PROMPT, NULL);
  mfa_test_wait_until (!mfa_verification_get_busy (mfa_factor_prompt_get_verification (MFA_FACTOR_PROMPT (prompt))) &&
                       gtk_widget_is_sensitive (mfa_test_find_button (GTK_WIDGET (dialog), "Co_ntinue")));
  row = mfa_test_find_row (GTK_WIDGET (dialog), "_Password");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), PASSWORD);
  g_signal_emit_by_name (row, "entry-activated");
}

/* Starts the flow's faulted request. @first: the first time, when the
 * way there (a dialog, a step before) is walked too. */
static void
act (Fixture  *fx,
     gboolean  first)
{
  switch (fx->c->flow)
    {
    case FLOW_SIGN_IN:
      sign_in_submit (fx);
      break;
    case FLOW_ADD:
      add_submit (fx);
      break;
    case FLOW_VERIFY:
      verify_submit (fx, first);
      break;
    case FLOW_RESERVE:
      mfa_test_click (mfa_test_find_button (GTK_WIDGET (phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
      break;
    case FLOW_UNRESERVE:
      activate_phone_action (fx, PHONE_B, "unreserve");
      break;
    case FLOW_MAKE_DEFAULT:
      mfa_test_click (mfa_test_find_button (GTK_WIDGET (phone_row (fx, PHONE_B)), "Make _Default"));
      break;
    case FLOW_REMOVE:
      mfa_test_click (mfa_test_find_button_by_tooltip (GTK_WIDGET (phone_row (fx, PHONE_C)),
                                              "Remove +1\u00a0201-555-0103"));
      confirm_dialog ("_Remove");
      break;
    case FLOW_REGENERATE:
      {
        GtkWidget *row = GTK_WIDGET (mfa_test_find_row (fx->view, "Backup Codes"));

        g_assert_nonnull (row);
        mfa_test_click (mfa_test_find_button (row, "_Generate New Codes…"));
        confirm_dialog ("_Generate");
      }
      break;
    case FLOW_STEP_UP:
      if (first)
        mfa_test_click (mfa_test_find_button (GTK_WIDGET (phone_row (fx, PHONE_C)), "_Use for Sign-In Codes"));
      step_up_password (fx);
      break;
    case N_FLOWS:
    default:
      g_assert_not_reached ();
    }
}

/* Waits for what the flow leads to once nothing fails. */
static void
assert_succeeds (Fixture *fx)
{
  switch (fx->c->flow)
    {
    case FLOW_SIGN_IN:
      {
        MfaSignInView *view = MFA_SIGN_IN_VIEW (fx->view);
        g_autofree char *code = NULL;

        mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (view), "second-factor") == 0);
        mfa_test_wait_until ((code = mfa_test_server_last_sms_code (server, PHONE_A)) != NULL);
        type_into_code_entry (fx->view, code);
        mfa_test_wait_until (fx->signed_in == 1);
        g_assert_nonnull (mfa_client_get_user (fx->client));
      }
      break;
    case FLOW_ADD:
      mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (MFA_ADD_PHONE_VIEW (fx->view)),
                                      "code") == 0);
      g_assert_nonnull (find_phone (fx, PHONE_NEW));
      break;
    case FLOW_VERIFY:
      mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (MFA_ADD_PHONE_VIEW (fx->view)),
                                      "done") == 0);
      g_assert_true (mfa_phone_number_is_verified (find_phone (fx, PHONE_D)));
      break;
    case FLOW_RESERVE:
      mfa_test_wait_until (mfa_phone_number_get_reserved (find_phone (fx, PHONE_C)));
      break;
    case FLOW_UNRESERVE:
      mfa_test_wait_until (!mfa_phone_number_get_reserved (find_phone (fx, PHONE_B)));
      break;
    case FLOW_MAKE_DEFAULT:
      mfa_test_wait_until (mfa_phone_number_get_default (find_phone (fx, PHONE_B)));
      g_assert_false (mfa_phone_number_get_default (find_phone (fx, PHONE_A)));
      break;
    case FLOW_REMOVE:
      mfa_test_wait_until (find_phone (fx, PHONE_C) == NULL);
      break;
    case FLOW_REGENERATE:
      mfa_test_wait_until (fx->codes != NULL);
      g_assert_cmpuint (mfa_backup_codes_get_n_codes (fx->codes), >, 0);
      break;
    case FLOW_STEP_UP:
      {
        MfaStepUpDialog *dialog = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG);
        g_autofree char *code = NULL;

        g_assert_nonnull (dialog);
        mfa_test_wait_until (g_strcmp0 (mfa_test_step_up_step (dialog), "phone_code") == 0);
        mfa_test_wait_until ((code = mfa_test_server_last_sms_code (server, PHONE_A)) != NULL);
        type_into_code_entry (GTK_WIDGET (dialog), code);
        mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) == NULL);
        /* The change refused for the step-up is sent again by itself. */
        mfa_test_wait_until (mfa_phone_number_get_reserved (find_phone (fx, PHONE_C)));
      }
      break;
    case N_FLOWS:
    default:
      g_assert_not_reached ();
    }
}

/* What comes before the faulted request. */
static void
walk_to_action (Fixture *fx)
{
  if (fx->c->flow == FLOW_VERIFY)
    {
      MfaPhoneNumber *phone = find_phone (fx, PHONE_D);

      /* What the manage view's Verify leads to: a code is sent. */
      mfa_add_phone_view_resume (MFA_ADD_PHONE_VIEW (fx->view), phone);
      mfa_test_wait_until (gtk_widget_is_sensitive (add_phone_button (fx, "Change _Number")));
    }
}

static void
test_case (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *fault = NULL;
  const char *error;
  guint n_toasts;

  walk_to_action (fx);
  before = describe_model (fx->client);

  if (fx->c->fault == FAULT_TIMEOUT)
    mfa_client_set_timeout (fx->client, 1);
  fault = g_strdup_printf ("{\"path\":\"%s\",%s}", flows[fx->c->flow].path,
                           faults[fx->c->fault].json);
  mfa_test_add_fault (server, fault);

  n_toasts = fx->toasts->len;
  act (fx, TRUE);
  mfa_test_wait_until ((error = shown_error (fx, n_toasts)) != NULL);

  /* Said, in words. */
  g_test_message ("%s × %s: %s", flows[fx->c->flow].name, faults[fx->c->fault].name, error);
  g_assert_cmpstr (error, !=, "");
  if (fx->c->fault == FAULT_429 && strstr (error, "1 second") == NULL)
    g_error ("a rate limit without its wait: “%s”", error);

  /* Nothing changed in the model, and nothing more happens by itself. */
  mfa_test_iterate (50);
  after = describe_model (fx->client);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (fx->codes);
  g_assert_cmpuint (fx->signed_in, ==, 0);

  /* The fault goes, the wait asked for passes: the same action works. */
  mfa_test_dev (server, "DELETE", "/__dev/faults", NULL);
  mfa_client_set_timeout (fx->client, MFA_CLIENT_DEFAULT_TIMEOUT);
  mfa_clock_advance_us (fx->clock, G_USEC_PER_SEC);
  flush ();
  act (fx, FALSE);
  assert_succeeds (fx);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint flow = 0; flow < N_FLOWS; flow++)
    {
      for (guint fault = 0; fault < N_FAULTS; fault++)
        {
          Case *c = &cases[flow * N_FAULTS + fault];
          g_autofree char *path = g_strdup_printf ("/mfa/fault-matrix/%s/%s",
                                                   flows[flow].name, faults[fault].name);

          c->flow = flow;
          c->fault = fault;
          g_test_add (path, Fixture, c, set_up, test_case, tear_down);
        }
    }

  server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                "--rate-limits", "off", NULL);
  status = g_test_run ();
  mfa_test_server_free (server);

  return status;
}
