/* test-icons.c
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

/* Every icon the app names is in the icon theme it runs with: the
 * Adwaita of its stack (43 on Debian 12, 51 on GNOME 51) and the app's
 * own icons in its resources, which GtkApplication adds to the theme at
 * start-up. A name missing from one theme shows the missing-image
 * placeholder there. The names come from the .ui files compiled into
 * the app, from the list below for names set in C, and from the app's
 * own icon for About.
 */

#include "config.h"

#include <string.h>

#include "mfa-application.h"

/* The icon names the C sources set; test_names_in_code() holds this list
 * to the sources.
 */
static const char * const names_in_code[] = {
  "go-next-symbolic",           /* mfa-factor-prompt.c: Continue */
  "network-error-symbolic",     /* mfa-manage-view.c: the numbers could not load */
  "network-offline-symbolic",   /* mfa-account-view.c: the service does not answer */
  "phone-symbolic",             /* mfa-devices-view.c: a phone or tablet signed in */
  "computer-symbolic",          /* mfa-devices-view.c: any other device signed in */
};

/* The application, registered once: its start-up adds its resources'
 * icons to the theme.
 */
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

static GtkIconTheme *
get_icon_theme (void)
{
  get_application ();
  return gtk_icon_theme_get_for_display (gdk_display_get_default ());
}

typedef struct {
  GPtrArray *names;
  gboolean   in_icon_name;
} UiScan;

/* "icon-name", "icon_name" and names ending in them, such as a button
 * content's or a status page's.
 */
static gboolean
is_icon_name_property (const char *name)
{
  g_autofree char *dashed = g_strdelimit (g_strdup (name), "_", '-');

  return g_str_has_suffix (dashed, "icon-name");
}

static void
ui_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  UiScan *scan = user_data;

  scan->in_icon_name = FALSE;
  if (!g_str_equal (element, "property"))
    return;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "name") && is_icon_name_property (attribute_values[i]))
        scan->in_icon_name = TRUE;
    }
}

static void
ui_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  UiScan *scan = user_data;

  scan->in_icon_name = FALSE;
}

static void
ui_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  UiScan *scan = user_data;
  g_autofree char *name = NULL;

  if (!scan->in_icon_name)
    return;

  name = g_strstrip (g_strndup (text, text_len));
  if (name[0] != '\0' &&
      !g_ptr_array_find_with_equal_func (scan->names, name, g_str_equal, NULL))
    g_ptr_array_add (scan->names, g_steal_pointer (&name));
}

static void
scan_ui (const char *path,
         UiScan     *scan)
{
  static const GMarkupParser parser = {
    .start_element = ui_start_element,
    .end_element = ui_end_element,
    .text = ui_text,
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&parser, 0, scan, NULL);
  if (!g_markup_parse_context_parse (context, data, size, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s: %s", path, error->message);
}

/* Every .ui file under @dir in the compiled-in resources; returns how
 * many there were.
 */
static guint
scan_resources (const char *dir,
                UiScan     *scan)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = NULL;
  guint count = 0;

  children = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        count += scan_resources (path, scan);
      else if (g_str_has_suffix (children[i], ".ui"))
        {
          scan_ui (path, scan);
          count++;
        }
    }

  return count;
}

static void
assert_in_theme (GtkIconTheme *theme,
                 const char   *name,
                 const char   *where)
{
  if (!gtk_icon_theme_has_icon (theme, name))
    g_error ("the icon “%s” (%s) is not in the icon theme “%s”", name, where,
             gtk_icon_theme_get_theme_name (theme));
}

/* The names in the interface files. */
static void
test_names_in_ui (void)
{
  GtkIconTheme *theme = get_icon_theme ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  UiScan scan = { names, FALSE };
  guint files;

  files = scan_resources (RESOURCE_BASE "/", &scan);
  g_test_message ("%u interface files, %u icon names", files, names->len);
  /* Not a walk that found nothing: the window, its views and widgets. */
  g_assert_cmpuint (files, >=, 10);
  g_assert_cmpuint (names->len, >=, 10);

  for (guint i = 0; i < names->len; i++)
    assert_in_theme (theme, g_ptr_array_index (names, i), "an interface file");
}

/* The names the sources set in C, found as string literals: exactly the
 * list above, which is what is checked against the theme.
 */
static void
test_names_in_code (void)
{
  GtkIconTheme *theme = get_icon_theme ();
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);
  g_autoptr(GRegex) literal = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  guint sources = 0;

  literal = g_regex_new ("\"([a-z0-9-]+-symbolic)\"", G_REGEX_OPTIMIZE, 0, NULL);
  g_assert_nonnull (literal);

  g_ptr_array_add (dirs, g_strdup (src));
  while (dirs->len > 0)
    {
      g_autofree char *dir_path = g_ptr_array_steal_index (dirs, dirs->len - 1);
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GError) error = NULL;
      const char *entry;

      dir = g_dir_open (dir_path, 0, &error);
      g_assert_no_error (error);

      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, entry, NULL);
          g_autoptr(GMatchInfo) match = NULL;
          g_autofree char *text = NULL;

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            {
              g_ptr_array_add (dirs, g_steal_pointer (&path));
              continue;
            }
          if (!g_str_has_suffix (entry, ".c"))
            continue;

          g_file_get_contents (path, &text, NULL, &error);
          g_assert_no_error (error);
          sources++;

          for (g_regex_match (literal, text, 0, &match);
               g_match_info_matches (match);
               g_match_info_next (match, NULL))
            {
              g_autofree char *name = g_match_info_fetch (match, 1);

              if (!g_ptr_array_find_with_equal_func (found, name, g_str_equal, NULL))
                g_ptr_array_add (found, g_steal_pointer (&name));
            }
        }
    }

  g_test_message ("%u C sources, %u icon names", sources, found->len);
  g_assert_cmpuint (sources, >=, 10);

  for (guint i = 0; i < found->len; i++)
    {
      if (!g_strv_contains (names_in_code, g_ptr_array_index (found, i)))
        g_error ("“%s” is set in the sources but not listed in names_in_code",
                 (char *)g_ptr_array_index (found, i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (names_in_code); i++)
    {
      if (!g_ptr_array_find_with_equal_func (found, names_in_code[i], g_str_equal, NULL))
        g_error ("“%s” is listed in names_in_code but no source sets it", names_in_code[i]);
      assert_in_theme (theme, names_in_code[i], "set in C");
    }
}

/* The app's own icon, which About shows, as installed into hicolor from
 * data/icons: added here from the source tree, as it is not installed.
 */
static void
test_app_icon (void)
{
  GtkIconTheme *theme = get_icon_theme ();
  g_autofree char *icons = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", NULL);

  gtk_icon_theme_add_search_path (theme, icons);
  assert_in_theme (theme, APP_ID, "the app's icon");
  assert_in_theme (theme, APP_ID "-symbolic", "the app's symbolic icon");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/icons/in-interface-files", test_names_in_ui);
  g_test_add_func ("/mfa/icons/in-code", test_names_in_code);
  g_test_add_func ("/mfa/icons/app-icon", test_app_icon);

  return g_test_run ();
}
