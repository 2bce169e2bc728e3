/* test-translations.c
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

/* The app with LANGUAGE=de or fr (the --language meson gives): every
 * view it reaches is walked, widget by widget and menu by menu, and no
 * text may be one of the English source strings whose translation differs,
 * nor a sentence the server wrote (its errors reach people through the
 * app's own sentences).
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mfa-code-entry.h"
#include "mfa-ui-test-utils.h"
#include "mfa-window.h"

#define IDENTIFIER "ann@example.com"
#define PASSWORD "correct horse battery"
#define PHONE "+12015550123"

/* The default number, one verified only and one unverified. */
static const MfaTestUser user = {
  .identifier   = IDENTIFIER,
  .password     = PASSWORD,
  .backup_codes = TRUE,
  .phones = {
    { PHONE,          MFA_TEST_PHONE_DEFAULT },
    { "+12015550124", MFA_TEST_PHONE_VERIFIED },
    { "+12015550125", MFA_TEST_PHONE_UNVERIFIED },
  },
};

/* English text of this language's catalogue, and what the server says. */
static GHashTable *english;        /* msgid without mnemonics → TRUE */
static GPtrArray  *english_formats; /* GRegex for msgids with %s, %d */
static GPtrArray  *server_sentences;

typedef struct {
  MfaTestServer *server;
  MfaWindow     *window;
  guint          checked;
  GString       *english_found;
} Fixture;

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '_')
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
unquote (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *quoted = NULL;

  if (start == NULL || end == start)
    return g_strdup ("");

  quoted = g_strndup (start + 1, end - start - 1);
  return g_strcompress (quoted);
}

static void
add_english (const char *msgid,
             const char *msgstr)
{
  g_autofree char *plain = NULL;
  g_autoptr(GString) pattern = NULL;
  gboolean has_format = FALSE;
  guint letters = 0;

  if (msgid[0] == '\0' || g_strcmp0 (msgid, msgstr) == 0)
    return;

  plain = strip_mnemonic (msgid);
  /* Words made of letters only: "SMS", "PDF" and the like stay as they are. */
  if (strlen (plain) < 3)
    return;

  pattern = g_string_new ("^");
  for (const char *p = plain; *p != '\0'; p++)
    {
      if (*p == '%' && p[1] != '%')
        {
          /* %s, %d, %'d, %1$s, %zu … up to the conversion letter. */
          p++;
          while (*p != '\0' && strchr ("0123456789$'lzu", *p) != NULL && !g_ascii_isalpha (*p))
            p++;
          while (*p == 'l' || *p == 'z')
            p++;
          if (*p == '\0')
            break;
          g_string_append (pattern, "(.+)");
          has_format = TRUE;
          continue;
        }
      else
        {
          char c[2] = { *p, '\0' };
          g_autofree char *escaped = g_regex_escape_string (c, 1);
          g_string_append (pattern, escaped);
          if (g_ascii_isalpha (*p))
            letters++;
        }
    }
  g_string_append (pattern, "$");

  /* "%s: %s" says nothing in any language. */
  if (has_format && letters < 4)
    return;

  if (has_format)
    g_ptr_array_add (english_formats,
                     g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL));
  else
    g_hash_table_add (english, g_steal_pointer (&plain));
}

/* A small reader of the .po file the catalogue was built from. */
static void
load_catalogue (const char *language)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.po", path, language);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) msgstr = g_string_new (NULL);
  GString *current = NULL;
  gboolean plural = FALSE;

  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *value = NULL;

      if (g_str_has_prefix (line, "msgid ") || g_str_has_prefix (line, "msgctxt "))
        {
          if (current == msgstr)
            add_english (msgid->str, msgstr->str);
          g_string_truncate (msgid, 0);
          g_string_truncate (msgstr, 0);
          current = g_str_has_prefix (line, "msgid ") ? msgid : NULL;
          plural = FALSE;
          if (current == NULL)
            continue;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        {
          /* The plural's English form is checked as a second msgid. */
          add_english (msgid->str, "");
          g_string_truncate (msgid, 0);
          current = msgid;
          plural = TRUE;
        }
      else if (g_str_has_prefix (line, "msgstr"))
        {
          current = msgstr;
          if (plural && !g_str_has_prefix (line, "msgstr[0]") && msgstr->len > 0)
            {
              current = NULL;
              continue;
            }
        }
      else if (line[0] != '"')
        {
          if (line[0] == '\0' && current == msgstr)
            {
              add_english (msgid->str, msgstr->str);
              current = NULL;
            }
          continue;
        }

      if (current == NULL)
        continue;
      value = unquote (line);
      g_string_append (current, value);
    }
  if (current == msgstr)
    add_english (msgid->str, msgstr->str);
}

/* Sentences in the local server's replies: string literals of its sources
 * that read like English sentences ("Password is incorrect. Try again…").
 */
static void
load_server_sentences (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fapi-server", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GRegex) literal = g_regex_new ("\"([A-Z][a-z]+ [^\"%]*[a-z][^\"%]* [^\"%]+[.])\"",
                                           0, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_suffix (name, ".c"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      for (g_regex_match (literal, contents, 0, &match);
           g_match_info_matches (match);
           g_match_info_next (match, NULL))
        g_ptr_array_add (server_sentences, g_match_info_fetch (match, 1));
    }
  g_assert_cmpuint (server_sentences->len, >, 5);
}

static void
check_text (Fixture    *fixture,
            const char *where,
            const char *text)
{
  g_autofree char *plain = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  fixture->checked++;
  plain = strip_mnemonic (text);
  if (g_hash_table_contains (english, plain))
    g_string_append_printf (fixture->english_found, "English in %s: “%s”\n", where, text);

  for (guint i = 0; i < english_formats->len; i++)
    {
      if (g_regex_match (english_formats->pdata[i], plain, 0, NULL))
        g_string_append_printf (fixture->english_found, "English in %s: “%s”\n", where, text);
    }

  for (guint i = 0; i < server_sentences->len; i++)
    {
      if (strstr (text, server_sentences->pdata[i]) != NULL)
        g_string_append_printf (fixture->english_found, "the server's English in %s: “%s”\n",
                                where, text);
    }
}

static void
check_menu (Fixture    *fixture,
            GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (fixture, "a menu", label);
      link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (link == NULL)
        link = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      if (link != NULL)
        {
          check_menu (fixture, link);
          g_object_unref (link);
        }
    }
}

static void
check_widget (Fixture   *fixture,
              GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);

  check_text (fixture, type, gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_LABEL (widget))
    check_text (fixture, type, gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_WINDOW (widget))
    check_text (fixture, type, gtk_window_get_title (GTK_WINDOW (widget)));
  if (GTK_IS_BUTTON (widget))
    check_text (fixture, type, gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_TEXT (widget))
    check_text (fixture, type, gtk_text_get_placeholder_text (GTK_TEXT (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    check_menu (fixture, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (fixture, type, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    check_text (fixture, type, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    check_text (fixture, type, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (fixture, type, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (fixture, type,
                  adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (fixture, type, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (fixture, type, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    check_text (fixture, type, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  if (mfa_test_is_alert (widget))
    {
      check_text (fixture, type, mfa_test_alert_heading (widget));
      check_text (fixture, type, mfa_test_alert_body (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (fixture, child);
}

/* Every window of the process: the main window and any dialog over it. */
static void
check_all (Fixture    *fixture,
           const char *view)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = fixture->checked;

  g_test_message ("checking %s", view);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      check_widget (fixture, window);
    }

  /* The walk saw the texts of this view, not an empty window. */
  g_assert_cmpuint (fixture->checked - before, >, 10);
}

/* Views: nothing English may be left. */
static void
assert_no_english (Fixture    *fixture,
                   const char *view)
{
  check_all (fixture, view);
  mfa_test_assert_access_keys_unique (GTK_WIDGET (fixture->window), view);
  if (fixture->english_found->len > 0)
    g_error ("%s: %s", view, fixture->english_found->str);
}

static const char *
page (Fixture *fixture)
{
  return mfa_window_get_page_name (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = NULL;

  fixture->server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                         "--rate-limits", "off", NULL);
  id = mfa_test_add_user (fixture->server, &user, NULL);
  g_assert_nonnull (id);
  fixture->english_found = g_string_new (NULL);
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
  g_string_free (fixture->english_found, TRUE);
}

static void
open_window (Fixture    *fixture,
             const char *frontend_api)
{
  fixture->window = mfa_window_new (NULL, frontend_api);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void assert_narrow (Fixture    *fixture,
                           const char *view);

static void assert_buttons_on_one_line (GtkWidget  *root,
                                        const char *view);

static void
test_connect_page (Fixture       *fixture,
                   gconstpointer  data)
{
  open_window (fixture, NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "connect") == 0);
  assert_no_english (fixture, "the Connect page");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  assert_narrow (fixture, "the Connect page");
}

typedef enum {
  SERVER_ERROR_WRONG_PASSWORD,
  SERVER_ERROR_UNKNOWN_ACCOUNT,
  SERVER_ERROR_WRONG_CODE,
} ServerError;

static GtkWidget *
fill_in_sign_in (Fixture    *fixture,
                 const char *identifier,
                 const char *password)
{
  GtkWidget *view = mfa_test_window_page (fixture->window, "sign-in");
  /* The rows are found by their German or French titles. */
  AdwPreferencesRow *identifier_row = mfa_test_find_row (view, _("_Email, Phone or Username"));
  AdwPreferencesRow *password_row = mfa_test_find_row (view, _("_Password"));

  g_assert_nonnull (identifier_row);
  g_assert_nonnull (password_row);
  gtk_editable_set_text (GTK_EDITABLE (identifier_row), identifier);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password);
  g_signal_emit_by_name (password_row, "entry-activated");

  return view;
}

static MfaCodeEntry *
wait_for_code_entry (Fixture    *fixture,
                     GtkWidget  *view,
                     char      **code)
{
  MfaCodeEntry *code_entry = MFA_CODE_ENTRY (mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL));

  /* One wait after the other, so that the code read is kept. */
  mfa_test_wait_until ((*code = mfa_test_server_last_sms_code (fixture->server, PHONE)) != NULL);
  mfa_test_wait_until (gtk_widget_is_sensitive (GTK_WIDGET (code_entry)));
  return code_entry;
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *view;
  MfaCodeEntry *code_entry;
  g_autofree char *code = NULL;
  int position = 0;

  open_window (fixture, mfa_test_server_get_base_url (fixture->server));
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  assert_no_english (fixture, "sign-in");

  view = fill_in_sign_in (fixture, IDENTIFIER, PASSWORD);
  code_entry = wait_for_code_entry (fixture, view, &code);
  assert_no_english (fixture, "the second factor");

  gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  mfa_test_iterate (200);
  assert_no_english (fixture, "the numbers");
  assert_buttons_on_one_line (GTK_WIDGET (fixture->window), "the numbers");

  /* An authenticator app: its set-up page, with its QR code and key. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-up-totp", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "totp") == 0);
  view = mfa_test_window_page (fixture->window, "totp");
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (view), "setup") == 0);
  mfa_test_iterate (200);
  assert_no_english (fixture, "the authenticator app's set-up");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-add-phone", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "add-phone") == 0);
  mfa_test_iterate (200);
  assert_no_english (fixture, "Add Phone");
}

/* The widest chain under @widget: where a view asks for more width than
 * it is given, this names the widget that asks. */
static void
append_widest (GString   *out,
               GtkWidget *widget)
{
  GtkWidget *widest = NULL;
  int widest_min = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > widest_min)
        {
          widest_min = min;
          widest = child;
        }
    }

  if (widest == NULL)
    return;

  g_string_append_printf (out, " > %s %d", G_OBJECT_TYPE_NAME (widest), widest_min);
  if (GTK_IS_LABEL (widest))
    g_string_append_printf (out, " “%s”", gtk_label_get_text (GTK_LABEL (widest)));
  else if (GTK_IS_BUTTON (widest) && gtk_button_get_label (GTK_BUTTON (widest)) != NULL)
    g_string_append_printf (out, " “%s”", gtk_button_get_label (GTK_BUTTON (widest)));
  append_widest (out, widest);
}

/* Every phone number under @root is on one line. */
static void
assert_numbers_whole (GtkWidget  *root,
                      const char *view)
{
  if (!gtk_widget_get_mapped (root))
    return;

  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), "555-01") != NULL)
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (root));
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      const char *number = strstr (text, "555-01");

      /* The number's digits all on the line its "555" is on. */
      while (pango_layout_iter_next_line (iter))
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          const char *start = text + line->start_index;

          if (start > number - 6 && start <= number + 6)
            g_error ("%s: “%s” breaks inside its number", view, text);
        }
      pango_layout_iter_free (iter);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_numbers_whole (child, view);
}

/* The view fits a window 360 px wide: the window stays that narrow,
 * nothing is cut off and no number breaks across lines. */
static void
assert_narrow (Fixture    *fixture,
               const char *view)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  int min;

  mfa_test_wait_for_layout (window);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 360)
    {
      g_autoptr(GString) chain = g_string_new (NULL);

      append_widest (chain, window);
      g_error ("%s asks for %d px:%s", view, min, chain->str);
    }
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       gtk_widget_get_width (window) == 0 || gtk_widget_get_width (window) > 360;)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: the window is %d px wide, more than 360", view, gtk_widget_get_width (window));
      mfa_test_iterate (10);
    }
  /* Every label laid out at that width. */
  mfa_test_wait_for_layout (window);
  mfa_test_assert_nothing_cut (window);
  assert_numbers_whole (window, view);
}

/* With room to spare, no button's label takes two lines. */
static void
assert_buttons_on_one_line (GtkWidget  *root,
                            const char *view)
{
  if (!gtk_widget_get_mapped (root))
    return;

  if (GTK_IS_BUTTON (root) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    {
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (root)));

      if (pango_layout_get_line_count (gtk_label_get_layout (label)) > 1)
        g_error ("%s: the button “%s” wraps at %d px", view, gtk_label_get_text (label),
                 gtk_widget_get_width (root));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_buttons_on_one_line (child, view);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *button;
  MfaCodeEntry *code_entry;
  GtkWidget *dialog;
  AdwPreferencesRow *number_row;
  g_autofree char *code = NULL;
  int position = 0;

  fixture->window = mfa_window_new (NULL, mfa_test_server_get_base_url (fixture->server));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);
  assert_narrow (fixture, "sign-in");

  view = fill_in_sign_in (fixture, IDENTIFIER, PASSWORD);
  code_entry = wait_for_code_entry (fixture, view, &code);
  assert_narrow (fixture, "the second factor");

  gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);
  view = mfa_test_window_page (fixture->window, "manage");
  /* A number of each kind: default, verified, not verified. */
  mfa_test_wait_until (mfa_test_find_phone_row (view, "+12015550125") != NULL);
  assert_narrow (fixture, "the numbers");

  /* New backup codes: their page. */
  button = mfa_test_find_button (view, _("_Generate New Codes…"));
  g_assert_nonnull (button);
  mfa_test_click (button);
  dialog = mfa_test_wait_for_alert ();
  mfa_test_click (mfa_test_find_button (dialog, _("_Generate")));
  mfa_test_wait_until (mfa_test_find_alert () == NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "backup-codes") == 0);
  assert_narrow (fixture, "backup codes");
  view = mfa_test_window_page (fixture->window, "backup-codes");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (mfa_test_find_widget (view, GTK_TYPE_CHECK_BUTTON, NULL)),
                               TRUE);
  gtk_widget_activate_action (view, "backup-codes.done", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);

  /* The authenticator app's set-up. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-up-totp", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "totp") == 0);
  view = mfa_test_window_page (fixture->window, "totp");
  mfa_test_wait_until (g_strcmp0 (mfa_test_page_name (view), "setup") == 0);
  assert_narrow (fixture, "the authenticator app's set-up");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "manage") == 0);

  /* Add Phone: the number, the code, done. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-add-phone", NULL);
  mfa_test_wait_until (g_strcmp0 (page (fixture), "add-phone") == 0);
  view = mfa_test_window_page (fixture->window, "add-phone");
  number_row = mfa_test_find_row (view, _("_Phone Number"));
  g_assert_nonnull (number_row);
  mfa_test_type_text (GTK_EDITABLE (number_row), "2015550188");
  assert_narrow (fixture, "Add Phone");

  g_signal_emit_by_name (number_row, "entry-activated");
  g_clear_pointer (&code, g_free);
  mfa_test_wait_until ((code = mfa_test_server_last_sms_code (fixture->server, "+12015550188")) != NULL);
  code_entry = MFA_CODE_ENTRY (mfa_test_find_widget (view, MFA_TYPE_CODE_ENTRY, NULL));
  mfa_test_wait_until (mfa_test_widget_is_shown (GTK_WIDGET (code_entry)) &&
                       gtk_widget_is_sensitive (GTK_WIDGET (code_entry)));
  assert_narrow (fixture, "the code of a new number");

  position = 0;
  gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry), code, -1, &position);
  mfa_test_wait_until (mfa_test_find_widget (view, GTK_TYPE_BUTTON, _("_Use for Sign-In Codes")) != NULL &&
                       mfa_test_widget_is_shown (mfa_test_find_widget (view, GTK_TYPE_BUTTON,
                                                                       _("_Back to Your Numbers"))));
  assert_narrow (fixture, "a new number verified");
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  ServerError which = GPOINTER_TO_INT (data);
  GtkWidget *view;
  MfaCodeEntry *code_entry;
  g_autofree char *code = NULL;
  int position = 0;

  open_window (fixture, mfa_test_server_get_base_url (fixture->server));
  mfa_test_wait_until (g_strcmp0 (page (fixture), "sign-in") == 0);

  switch (which)
    {
    case SERVER_ERROR_WRONG_PASSWORD:
      view = fill_in_sign_in (fixture, IDENTIFIER, "wrong password");
      break;
    case SERVER_ERROR_UNKNOWN_ACCOUNT:
      view = fill_in_sign_in (fixture, "nobody@example.com", PASSWORD);
      break;
    case SERVER_ERROR_WRONG_CODE:
      view = fill_in_sign_in (fixture, IDENTIFIER, PASSWORD);
      code_entry = wait_for_code_entry (fixture, view, &code);
      gtk_editable_insert_text (mfa_code_entry_get_editable (code_entry),
                                g_strcmp0 (code, "000000") == 0 ? "111111" : "000000", -1,
                                &position);
      break;
    default:
      g_assert_not_reached ();
    }
  mfa_test_wait_until (mfa_test_find_error_label (view) != NULL);
  check_all (fixture, "a server error");

  if (fixture->english_found->len > 0)
    g_error ("%s", fixture->english_found->str);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = NULL;
  const char *localedir = NULL;
  int kept = 1;

  /* --language=LL and --localedir=DIR come first; GTest gets the rest. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--language="))
        language = argv[i] + strlen ("--language=");
      else if (g_str_has_prefix (argv[i], "--localedir="))
        localedir = argv[i] + strlen ("--localedir=");
      else
        argv[kept++] = argv[i];
    }
  argc = kept;
  argv[argc] = NULL;
  g_assert_nonnull (language);
  g_assert_nonnull (localedir);

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* After GTK's test set-up, which sets the English locale. */
  mfa_test_set_language (language);
  adw_init ();

  /* The catalogue is really in use, or every check below would pass. */
  g_assert_cmpstr (_("_Password"), !=, "_Password");

  english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  english_formats = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  server_sentences = g_ptr_array_new_with_free_func (g_free);
  load_catalogue (language);
  load_server_sentences ();
  g_assert_cmpuint (g_hash_table_size (english), >, 100);
  g_assert_true (g_hash_table_contains (english, "Password"));

  g_test_add ("/mfa/translations/connect-page", Fixture, NULL,
              fixture_set_up, test_connect_page, fixture_tear_down);
  g_test_add ("/mfa/translations/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/mfa/translations/views", Fixture, NULL,
              fixture_set_up, test_views, fixture_tear_down);
  g_test_add ("/mfa/translations/server-error/wrong-password", Fixture,
              GINT_TO_POINTER (SERVER_ERROR_WRONG_PASSWORD),
              fixture_set_up, test_server_error, fixture_tear_down);
  g_test_add ("/mfa/translations/server-error/unknown-account", Fixture,
              GINT_TO_POINTER (SERVER_ERROR_UNKNOWN_ACCOUNT),
              fixture_set_up, test_server_error, fixture_tear_down);
  g_test_add ("/mfa/translations/server-error/wrong-code", Fixture,
              GINT_TO_POINTER (SERVER_ERROR_WRONG_CODE),
              fixture_set_up, test_server_error, fixture_tear_down);

  return g_test_run ();
}
