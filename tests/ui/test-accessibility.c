/* test-accessibility.c
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

/* What a screen reader and a keyboard find: the whole window against the
 * real server, walked view by view and dialog by dialog, fails on any
 * button, entry, switch or row without an accessible name; and the
 * shortcuts (a window, or a dialog with libadwaita 1.8) list every
 * shortcut the app has, with its keys.
 */

#include "config.h"

#include "mfa-add-phone-view.h"
#include "mfa-application.h"
#include "mfa-code-entry.h"
#include "mfa-country-chooser.h"
#include "mfa-manage-view.h"
#include "mfa-backup-codes-view.h"
#include "mfa-sign-in-view.h"
#include "mfa-step-up-dialog.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE "+12015550123"

/* A number in every state: the default, reserved, verified only and
 * unverified.
 */
static const MfaTestUser user = {
  .identifier   = IDENTIFIER,
  .password     = PASSWORD,
  .backup_codes = TRUE,
  .phones = {
    { PHONE,          MFA_TEST_PHONE_DEFAULT },
    { "+12015550124", MFA_TEST_PHONE_RESERVED },
    { "+12015550125", MFA_TEST_PHONE_VERIFIED },
    { "+12015550126", MFA_TEST_PHONE_UNVERIFIED },
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
  id = mfa_test_add_user (fixture->server, &user, NULL);
  g_assert_nonnull (id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      g_object_ref (fixture->window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      mfa_test_wait_until (G_OBJECT (fixture->window)->ref_count == 1);
      g_assert_finalize_object (fixture->window);
    }
  g_clear_pointer (&fixture->server, mfa_test_server_free);
}

static const char *
page (Fixture *fixture)
{
  return mfa_window_get_page_name (fixture->window);
}

/* Named as GTK 4.8 names it to assistive technologies: by the accessible
 * label, by a labelled-by relation, or by the text GTK puts on the
 * control itself.
 */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  g_autofree char *owned = NULL;
  const char *label = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_object_get (widget, "title", &owned, NULL);
      label = owned;
    }
  else if (ADW_IS_PREFERENCES_ROW (widget))
    label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return label != NULL && label[0] != '\0';
}

/* Inside a dialog of @type, or that dialog itself. */
static gboolean
is_in (GtkWidget *widget,
       GType      type)
{
  return gtk_widget_get_ancestor (widget, type) != NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  /* An entry of the shortcuts: named by its title. */
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) ||
      (ADW_IS_PREFERENCES_ROW (widget) && is_in (widget, mfa_shortcuts_get_widget_type ())))
    return TRUE;

  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) ||
         (GTK_IS_LIST_BOX_ROW (widget) &&
          gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
}

/* The insides that GTK and libadwaita build and name themselves. */
static gboolean
is_toolkit_inside (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_WINDOW_CONTROLS (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_ENTRY (widget) || ADW_IS_ENTRY_ROW (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* GtkShortcutsWindow builds its search entry and section menu without
 * names, and About its version button (a label inside a button); of
 * those dialogs, only what the app gives them is ours.
 */
static gboolean
is_toolkit_inside_control (GtkWidget *widget)
{
  if (is_in (widget, mfa_shortcuts_get_widget_type ()))
    return GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_MENU_BUTTON (widget);

  if (is_in (widget, mfa_about_get_widget_type ()))
    return GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))) &&
           g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget)))),
                      PACKAGE_VERSION) == 0;

  return FALSE;
}

static void
assert_named_in (GtkWidget  *widget,
                 const char *where,
                 guint      *count)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget) && !is_toolkit_inside_control (widget))
    {
      if (!has_accessible_name (widget))
        {
          g_autoptr(GString) path = g_string_new (NULL);

          for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
            g_string_prepend (g_string_prepend (path, G_OBJECT_TYPE_NAME (w)), " > ");
          g_error ("%s: %s has no accessible name", where, path->str);
        }
      (*count)++;
    }

  if (is_toolkit_inside (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named_in (child, where, count);
}

/* Fails unless every control shown in @root is named; @at_least of them. */
static void
assert_named (GtkWidget  *root,
              const char *where,
              guint       at_least)
{
  guint count = 0;

  assert_named_in (root, where, &count);
  g_test_message ("%s: %u named controls", where, count);
  mfa_test_assert_access_keys_unique (root, where);
  if (count < at_least)
    g_error ("%s: %u controls found, %u expected at least", where, count, at_least);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = mfa_window_new (NULL, mfa_test_server_get_base_url (fixture->server));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
test_every_view (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *root;
  GtkWidget *view;
  MfaCodeEntry *code_entry;
  GtkWidget *dialog;
  MfaStepUpDialog *step_up;
  GtkWidget *shortcuts;
  g_autofree char *code = NULL;
  int position = 0;

  open_window (fixture);
  root = GTK_WIDGET (fixture->window);

  /* Signed out. */
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  assert_named (root, "sign-in", 4);
  view = mfa_test_window_page (fixture->window, "sign-in");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (mfa_test_find_labelled_button (view, "_Sign In")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       mfa_test_find_widget (view, GTK_TYPE_LABEL, "_Sign In"),
                                       NULL);

  /* The second factor. */
  gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Email, Phone or Username")),
                         IDENTIFIER);
  gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Password")), PASSWORD);
  g_signal_emit_by_name (mfa_test_find_row (view, "_Password"), "entry-activated");
  code_entry = MFA_CODE_ENTRY (mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL));
  /* One wait after the other, so that the code read is kept. */
  mfa_test_wait_until ((code = mfa_test_server_last_sms_code (fixture->server, PHONE)) != NULL);
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (code_entry)));
  g_assert_cmpstr (mfa_test_page_name (MFA_SIGN_IN_VIEW (view)), ==, "second-factor");
  assert_named (root, "second factor", 4);

  /* The numbers, one in each state. */
  gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  view = mfa_test_window_page (fixture->window, "manage");
  mfa_test_wait_until (mfa_test_find_row (view, "+1\u00a0201-555-0126") != NULL);
  assert_named (root, "manage", 4 + 4);

  /* Adding a number, and its code step. */
  gtk_widget_activate_action (root, "win.show-add-phone", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "add-phone") == 0);
  view = mfa_test_window_page (fixture->window, "add-phone");
  assert_named (root, "add phone", 3);
  g_assert_true (mfa_country_chooser_set_region (MFA_COUNTRY_CHOOSER (
    mfa_test_find_widget (view, MFA_TYPE_COUNTRY_CHOOSER, NULL)), "US"));
  gtk_editable_set_text (GTK_EDITABLE (mfa_test_find_row (view, "_Phone Number")), "2015550177");
  gtk_widget_activate_action (view, "add-phone.continue", NULL);
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (MFA_ADD_PHONE_VIEW (view)), "code") == 0);
  assert_named (root, "code entry", 4);
  gtk_widget_activate_action (root, "win.back", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);

  /* New backup codes, after their confirmation. */
  view = mfa_test_window_page (fixture->window, "manage");
  mfa_test_click (mfa_test_find_labelled_button (view, "_Generate New Codes…"));
  dialog = mfa_test_wait_for_alert ();
  assert_named (dialog, "generate codes dialog", 2);
  mfa_test_answer_alert (dialog, "generate");
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "backup-codes") == 0);
  assert_named (root, "backup codes", 5);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mfa_test_find_widget (
    mfa_test_window_page (fixture->window, "backup-codes"), GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
  gtk_widget_activate_action (mfa_test_window_page (fixture->window, "backup-codes"),
                              "backup-codes.done", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);

  /* Confirming it is you before a change. */
  mfa_test_dev (fixture->server, "POST", "/__dev/settings",
                "{\"reverification\":\"on\",\"reverification_window\":0}");
  view = mfa_test_window_page (fixture->window, "manage");
  mfa_test_click (mfa_test_find_labelled_button (view, "_Generate New Codes…"));
  mfa_test_answer_alert (mfa_test_wait_for_alert (), "generate");
  mfa_test_wait_until ((step_up = mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG)) != NULL &&
                       mfa_test_find_widget (GTK_WIDGET (step_up), MFA_TYPE_CODE_ENTRY, NULL) != NULL &&
                       mfa_test_widget_is_shown (mfa_test_find_widget (GTK_WIDGET (step_up),
                                                                       GTK_TYPE_LIST_BOX, NULL)));
  assert_named (GTK_WIDGET (step_up), "step-up", 3);
  gtk_window_close (GTK_WINDOW (step_up));
  mfa_test_wait_until (mfa_test_find_toplevel (MFA_TYPE_STEP_UP_DIALOG) == NULL);

  /* The shortcuts. */
  gtk_widget_activate_action (root, "win.show-shortcuts", NULL);
  shortcuts = mfa_test_wait_for_dialog (mfa_shortcuts_get_widget_type ());
  assert_named (shortcuts, "shortcuts", 10);
  mfa_dialog_close (shortcuts);
  mfa_test_wait_until (mfa_test_find_dialog (mfa_shortcuts_get_widget_type ()) == NULL);
}

/* The application, registered once: its start-up sets the accelerators. */
static MfaApplication *
get_application (void)
{
  static MfaApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = mfa_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return app;
}

/* The About window, as the app opens it. */
static void
test_about (void)
{
  MfaApplication *app = get_application ();
  GtkWidget *about = NULL;


  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = mfa_test_wait_for_dialog (mfa_about_get_widget_type ());
  assert_named (about, "about", 1);
  mfa_dialog_close (about);
  mfa_test_wait_until (mfa_test_find_dialog (mfa_about_get_widget_type ()) == NULL);
}

/* Where a key is bound: an accelerator of the application, or a binding
 * of a widget class, which lives in a shortcut controller of each of its
 * widgets.
 */
static gboolean
widget_binds (GtkWidget  *widget,
              const char *accelerator,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (shortcut_action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)),
                         action) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* The widget that shows a row's keys: the one with an "accelerator". */
static GtkWidget *
find_accelerator_label (GtkWidget *widget)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "accelerator") != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_accelerator_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
app_binds (GtkApplication *app,
           const char     *accelerator,
           const char     *action)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  return accels != NULL && g_strv_contains ((const char * const *)accels, accelerator);
}

/* A shortcut as the shortcuts show it: a GtkShortcutsShortcut, or a row
 * of AdwShortcutsDialog with the keys in its AdwShortcutLabel.
 */
static void
collect_accelerators (GtkWidget *widget,
                      GPtrArray *accelerators)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) ||
      (ADW_IS_PREFERENCES_ROW (widget) && is_in (widget, mfa_shortcuts_get_widget_type ())))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) keys = NULL;

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
      else
        {
          GtkWidget *label = find_accelerator_label (widget);

          title = g_strdup (mfa_test_widget_label (widget));
          if (label != NULL)
            g_object_get (label, "accelerator", &accelerator, NULL);
        }
      g_assert_nonnull (title);
      if (accelerator == NULL || accelerator[0] == '\0')
        g_error ("“%s” is listed without keys", title);
      keys = g_strsplit (accelerator, " ", -1);
      /* The search page holds a copy of each shortcut. */
      for (guint i = 0; keys[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (accelerators, keys[i], g_str_equal, NULL))
          g_ptr_array_add (accelerators, g_strdup (keys[i]));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accelerators);
}

static void
test_shortcuts_listed (void)
{
  MfaApplication *app = get_application ();
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window;
  GtkWidget *manage = g_object_ref_sink (mfa_manage_view_new ());
  GtkWidget *codes = g_object_ref_sink (mfa_backup_codes_view_new ());
  GtkWidget *shortcuts = NULL;
  struct {
    const char *accelerator;
    const char *action;
    const char *where;
  } expected[] = {
    { "<Control>n", "win.show-add-phone", "window" },
    { "Escape", "win.back", "window" },
    { "F5", "manage.reload", "manage" },
    { "<Control>r", "manage.reload", "manage" },
    { "<Control>s", "backup-codes.save", "codes" },
    { "<Control>p", "backup-codes.print", "codes" },
    { "<Control>question", "win.show-shortcuts", "app" },
    { "F1", "win.show-shortcuts", "app" },
    { "<Control>w", "window.close", "app" },
    { "<Control>q", "app.quit", "app" },
  };

  /* Shown: a dialog may be shown inside it. */
  window = GTK_WIDGET (mfa_window_new (app, "http://127.0.0.1:9"));
  gtk_window_present (GTK_WINDOW (window));

  gtk_widget_activate_action (window, "win.show-shortcuts", NULL);
  shortcuts = mfa_test_wait_for_dialog (mfa_shortcuts_get_widget_type ());
  collect_accelerators (shortcuts, listed);

  /* Each key the app has is listed, and each listed key does what the
   * window says.
   */
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean bound;

      if (!g_ptr_array_find_with_equal_func (listed, expected[i].accelerator, g_str_equal, NULL))
        g_error ("%s is not listed", expected[i].accelerator);

      if (g_str_equal (expected[i].where, "app"))
        bound = app_binds (GTK_APPLICATION (app), expected[i].accelerator, expected[i].action);
      else
        bound = widget_binds (g_str_equal (expected[i].where, "window") ? window
                              : g_str_equal (expected[i].where, "manage") ? manage : codes,
                              expected[i].accelerator, expected[i].action);
      if (!bound)
        g_error ("%s does not activate %s", expected[i].accelerator, expected[i].action);
    }

  mfa_dialog_close (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (manage);
  g_object_unref (codes);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mfa/accessibility/every-view", Fixture, NULL,
              fixture_set_up, test_every_view, fixture_tear_down);
  g_test_add_func ("/mfa/accessibility/about", test_about);
  g_test_add_func ("/mfa/accessibility/shortcuts-listed", test_shortcuts_listed);

  return g_test_run ();
}
