/* mfa-ui-test-utils.c
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

#include <locale.h>
#include <string.h>

#include "mfa-factor-prompt.h"
#include "mfa-ui-test-utils.h"

/* GDK 4.24 on an X server without a compositor (Xvfb) warns
 * "gdk_frame_timings_submitted() called on submitted frame." from its own
 * frame clock, when the clock submits a frame that it has submitted
 * already; neither the app nor a test brings it about, and with
 * G_DEBUG=fatal-warnings it ends whichever widget test it meets. That one
 * message, word for word and from GDK only, is neither written nor fatal;
 * every other warning still is. Set up before main(), so that it holds in
 * every widget test and in their child processes. */
__attribute__((constructor))
static void
tolerate_library_messages (void)
{
  mfa_test_tolerate_message ("Gdk", "gdk_frame_timings_submitted() called on submitted frame.");
}

/**
 * mfa_test_find_toplevel:
 * @type: the window type wanted, such as %MFA_TYPE_STEP_UP_DIALOG
 *
 * Returns: (transfer none) (nullable) (type GtkWindow): the first
 *   visible toplevel of @type, or %NULL
 */
gpointer
mfa_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * mfa_test_wait_for_toplevel:
 * @type: the window type wanted, such as %MFA_TYPE_STEP_UP_DIALOG
 *
 * Waits for a visible toplevel of @type.
 *
 * Returns: (transfer none) (type GtkWindow): the first one
 */
gpointer
mfa_test_wait_for_toplevel (GType type)
{
  gpointer window = NULL;

  mfa_test_wait_until ((window = mfa_test_find_toplevel (type)) != NULL);
  return window;
}

/**
 * mfa_test_find_dialog:
 * @type: the dialog class wanted, a window's or a libadwaita dialog's,
 *   such as mfa_alert_get_widget_type()
 *
 * Finds a dialog whichever way it is shown: as a window, or as a
 * libadwaita dialog (1.5), inside the window it belongs to or in a
 * window of its own.
 *
 * Returns: (transfer none) (nullable): the first one shown, or %NULL
 */
GtkWidget *
mfa_test_find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *dialog;

      if (!gtk_widget_get_visible (window))
        continue;

      dialog = mfa_test_find_widget (window, type, NULL);
      if (dialog != NULL && mfa_test_widget_is_shown (dialog))
        return dialog;
    }

  return NULL;
}

/**
 * mfa_test_wait_for_dialog:
 * @type: the dialog class wanted
 *
 * Waits for a dialog of @type, as mfa_test_find_dialog() finds them.
 *
 * Returns: (transfer none): the first one
 */
GtkWidget *
mfa_test_wait_for_dialog (GType type)
{
  GtkWidget *dialog = NULL;

  mfa_test_wait_until ((dialog = mfa_test_find_dialog (type)) != NULL);
  return dialog;
}

/**
 * mfa_test_dialog_parent:
 * @dialog: a dialog that is shown
 *
 * Returns: (transfer none) (nullable): the window @dialog is shown over:
 *   the one it is inside, or the one its own window is transient for
 */
GtkWindow *
mfa_test_dialog_parent (GtkWidget *dialog)
{
  GtkRoot *root = gtk_widget_get_root (dialog);

  g_assert_true (GTK_IS_WINDOW (root));
  if (GTK_WIDGET (root) == dialog || gtk_window_get_child (GTK_WINDOW (root)) == dialog)
    return gtk_window_get_transient_for (GTK_WINDOW (root));

  return GTK_WINDOW (root);
}

/* Alerts are the class mfa-compat.h makes with these libraries:
 * AdwAlertDialog from libadwaita 1.5, else AdwMessageDialog. Every view
 * makes them there, so these helpers read them through it.
 */

/**
 * mfa_test_is_alert:
 * @widget: a widget
 *
 * Returns: whether @widget is an alert
 */
gboolean
mfa_test_is_alert (GtkWidget *widget)
{
  return MFA_IS_ALERT (widget);
}

/**
 * mfa_test_find_alert:
 *
 * Returns: (transfer none) (nullable): the alert shown, or %NULL
 */
GtkWidget *
mfa_test_find_alert (void)
{
  return mfa_test_find_dialog (mfa_alert_get_widget_type ());
}

/**
 * mfa_test_wait_for_alert:
 *
 * Returns: (transfer none): the alert shown, once there is one
 */
GtkWidget *
mfa_test_wait_for_alert (void)
{
  GtkWidget *alert = NULL;

  mfa_test_wait_until ((alert = mfa_test_find_alert ()) != NULL);
  return alert;
}

/**
 * mfa_test_alert_heading:
 * @alert: an alert
 *
 * Returns: its heading
 */
const char *
mfa_test_alert_heading (GtkWidget *alert)
{
  return mfa_alert_get_heading (alert);
}

/**
 * mfa_test_alert_body:
 * @alert: an alert
 *
 * Returns: its body
 */
const char *
mfa_test_alert_body (GtkWidget *alert)
{
  return mfa_alert_get_body (alert);
}

/**
 * mfa_test_answer_alert:
 * @alert: an alert that is shown
 * @response: the id of the response to give
 *
 * Presses the button of @response, as a person would; the alert then
 * closes.
 */
void
mfa_test_answer_alert (GtkWidget  *alert,
                       const char *response)
{
  const char *label;
  GtkWidget *button;

  label = mfa_alert_get_response_label (alert, response);
  g_assert_nonnull (label);

  button = mfa_test_find_button (alert, label);
  if (button == NULL)
    g_error ("the alert “%s” has no button “%s”", mfa_test_alert_heading (alert), label);
  mfa_test_click (button);
}

/**
 * mfa_test_widget_label:
 * @widget: a widget
 *
 * Returns: (nullable): the text a person reads on @widget: a button's
 *   label, a label's text, a row's title
 */
const char *
mfa_test_widget_label (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        return gtk_button_get_label (GTK_BUTTON (widget));
      if (ADW_IS_BUTTON_CONTENT (child))
        return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
      if (GTK_IS_LABEL (child))
        return gtk_label_get_label (GTK_LABEL (child));

      /* A box with a spinner and a label, for buttons that show progress. */
      for (GtkWidget *inner = child != NULL ? gtk_widget_get_first_child (child) : NULL;
           inner != NULL;
           inner = gtk_widget_get_next_sibling (inner))
        {
          if (GTK_IS_LABEL (inner))
            return gtk_label_get_label (GTK_LABEL (inner));
        }
      return NULL;
    }

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));

  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return NULL;
}

/**
 * mfa_test_find_widget:
 * @root: where to look
 * @type: the type wanted
 * @label: (nullable): the text it must show, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkWidget *
mfa_test_find_widget (GtkWidget  *root,
                      GType       type,
                      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || g_strcmp0 (mfa_test_widget_label (root), label) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mfa_test_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
mfa_test_find_button (GtkWidget  *root,
                      const char *label)
{
  return mfa_test_find_widget (root, GTK_TYPE_BUTTON, label);
}

AdwPreferencesRow *
mfa_test_find_row (GtkWidget  *root,
                   const char *title)
{
  return (AdwPreferencesRow *)mfa_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, title);
}

/**
 * mfa_test_widget_is_shown:
 * @widget: a widget
 *
 * Returns: whether @widget and all its ancestors are visible
 */
gboolean
mfa_test_widget_is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
    }

  return TRUE;
}

/**
 * mfa_test_click:
 * @button: a button a person could press now
 *
 * Presses @button as a person would; fails if they could not.
 */
void
mfa_test_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (mfa_test_widget_is_shown (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_label (GtkWidget  *widget,
           const char *label)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label (child, label))
        return TRUE;
    }

  return FALSE;
}

/**
 * mfa_test_find_labelled_button:
 * @root: where to look
 * @label: the text on the button, mnemonic underscore included
 *
 * Like mfa_test_find_button(), but also finds buttons whose content is a
 * box, such as a spinner next to a label.
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkWidget *
mfa_test_find_labelled_button (GtkWidget  *root,
                               const char *label)
{
  if (GTK_IS_BUTTON (root) &&
      (g_strcmp0 (mfa_test_widget_label (root), label) == 0 || has_label (root, label)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mfa_test_find_labelled_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_shown_entry (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) && mfa_test_widget_is_shown (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_error_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         mfa_test_widget_is_shown (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_first (GtkWidget *root,
            gboolean (*matches) (GtkWidget *widget))
{
  if (matches (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, matches);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_test_find_shown_entry:
 * @root: where to look
 *
 * Returns: (transfer none) (nullable): the first #GtkEntry that is
 *   shown and mapped, depth first
 */
GtkWidget *
mfa_test_find_shown_entry (GtkWidget *root)
{
  return find_first (root, is_shown_entry);
}

/**
 * mfa_test_find_error_label:
 * @root: where to look
 *
 * Returns: (transfer none) (nullable): the first label with the "error"
 *   style class that is shown and mapped, depth first
 */
GtkLabel *
mfa_test_find_error_label (GtkWidget *root)
{
  return (GtkLabel *) find_first (root, is_error_label);
}

/**
 * mfa_test_find_label_containing:
 * @root: where to look
 * @text: what the label's text must contain
 * @only_shown: whether hidden labels are skipped
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkLabel *
mfa_test_find_label_containing (GtkWidget  *root,
                                const char *text,
                                gboolean    only_shown)
{
  if (GTK_IS_LABEL (root) && (!only_shown || mfa_test_widget_is_shown (root)) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = mfa_test_find_label_containing (child, text, only_shown);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_test_present_active:
 * @window: a window
 *
 * Presents @window and waits until it is the active window, so that
 * focus tests see the focus. Without a window manager the X server may
 * refuse the first request for the focus (the window is not viewable
 * yet), so it is asked again while waiting. Fails the test after 20 s.
 */
void
mfa_test_present_active (GtkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gint64 next_ask = 0;

  while (!gtk_window_is_active (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the window to become active");
      if (g_get_monotonic_time () >= next_ask)
        {
          gtk_window_present (window);
          next_ask = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/**
 * mfa_test_find_phone_row:
 * @root: where to look
 * @e164: the number
 *
 * Returns: (transfer none) (nullable): the row showing @e164
 */
MfaPhoneRow *
mfa_test_find_phone_row (GtkWidget  *root,
                         const char *e164)
{
  if (MFA_IS_PHONE_ROW (root) &&
      g_strcmp0 (mfa_phone_number_get_phone_number (mfa_phone_row_get_number (MFA_PHONE_ROW (root))),
                 e164) == 0)
    return MFA_PHONE_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MfaPhoneRow *found = mfa_test_find_phone_row (child, e164);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_test_find_button_by_tooltip:
 * @root: where to look
 * @tooltip: the tooltip of an icon-only button or a menu button
 *
 * Returns: (transfer none) (nullable): the button
 */
GtkWidget *
mfa_test_find_button_by_tooltip (GtkWidget  *root,
                                 const char *tooltip)
{
  if ((GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root)) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mfa_test_find_button_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * mfa_test_set_language:
 * @language: (nullable): "en", "de" or "fr"; %NULL for English
 *
 * Makes the strings made from now on be in @language: the locale becomes
 * that language's UTF-8 locale (build-aux/deps.sh generates them) and
 * LANGUAGE names @language. gettext ignores LANGUAGE in the C locale, and
 * new C libraries take C.UTF-8 for it. A language without a locale here
 * gets the English one, with LANGUAGE still naming it.
 */
void
mfa_test_set_language (const char *language)
{
  static const struct {
    const char *language;
    const char *locale;
  } locales[] = {
    { "en", "en_US.UTF-8" },
    { "de", "de_DE.UTF-8" },
    { "fr", "fr_FR.UTF-8" },
  };
  const char *locale = "en_US.UTF-8";

  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (locales); i++)
    {
      if (g_str_equal (language, locales[i].language))
        locale = locales[i].locale;
    }

  g_setenv ("LANG", locale, TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  if (setlocale (LC_ALL, "") == NULL)
    g_error ("the locale %s is missing (build-aux/deps.sh generates it)", locale);
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/**
 * mfa_test_wait_for_layout:
 * @widget: a widget in a window that is shown
 *
 * Waits until @widget is mapped and its window has drawn a frame since,
 * so that every size and position in it is the one laid out for the
 * window: a frame lays the window out before it paints it.
 */
void
mfa_test_wait_for_layout (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;

  mfa_test_wait_until (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  mfa_test_wait_until (painted > 0);
  g_signal_handler_disconnect (clock, handler);
}

/* Runs what is pending on the main loop, without waiting for more. */
void
mfa_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/**
 * mfa_test_type_text:
 * @editable: where to type
 * @text: what
 *
 * Types @text character by character at the cursor, as a person would,
 * letting the widget react after each one.
 */
void
mfa_test_type_text (GtkEditable *editable,
                    const char  *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (editable, position);
      mfa_test_flush ();
    }
}

static void
collect_access_keys (GtkWidget  *widget,
                     GHashTable *texts,
                     GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  /* The About and shortcuts dialogs are libadwaita's and GTK's own. */
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, mfa_about_get_widget_type ()) ||
      G_TYPE_CHECK_INSTANCE_TYPE (widget, mfa_shortcuts_get_widget_type ()))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *before = g_hash_table_lookup (texts, GUINT_TO_POINTER (key));

      /* The same text twice is the same action on two rows. */
      if (before == NULL)
        g_hash_table_insert (texts, GUINT_TO_POINTER (key), (gpointer) text);
      else if (g_strcmp0 (before, text) != 0)
        g_string_append_printf (clashes, " “%s” and “%s”", before, text);
    }

  /* A stack's page that is fading out is no longer there. */
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (shown != NULL)
        collect_access_keys (shown, texts, clashes);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_access_keys (child, texts, clashes);
}

/**
 * mfa_test_assert_access_keys_unique:
 * @root: a window
 * @where: what is shown, for the message
 *
 * Fails the test if two different labels shown under @root have the same
 * access key (the underlined letter): Alt and that letter would then
 * move between them instead of doing what either says.
 */
void
mfa_test_assert_access_keys_unique (GtkWidget  *root,
                                    const char *where)
{
  g_autoptr(GHashTable) texts = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  collect_access_keys (root, texts, clashes);
  if (clashes->len > 0)
    g_error ("%s: the same access key for%s", where, clashes->str);
}

/**
 * mfa_test_assert_nothing_cut:
 * @root: where to look
 *
 * Fails the test unless every label shown under @root shows all of its
 * text: none is ellipsized, none is narrower than its text when it cannot
 * wrap, and none is lower than its lines at the width it has.
 */
void
mfa_test_assert_nothing_cut (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return;

  if (GTK_IS_LABEL (root) && *gtk_label_get_text (GTK_LABEL (root)) != '\0')
    {
      GtkLabel *label = GTK_LABEL (root);
      const char *text = gtk_label_get_text (label);
      PangoLayout *layout = gtk_label_get_layout (label);
      int width = gtk_widget_get_width (root);
      int height = gtk_widget_get_height (root);
      int text_width;
      int text_height;

      if (pango_layout_is_ellipsized (layout))
        g_error ("“%s” is ellipsized at %d px", text, width);

      /* The text as laid out for the label's size, against that size. */
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      if (text_width > width || text_height > height)
        g_error ("“%s” needs %d×%d px and has %d×%d px", text, text_width, text_height,
                 width, height);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mfa_test_assert_nothing_cut (child);
}

/**
 * mfa_test_load_app_style:
 *
 * Gives the display the app's own stylesheet, at the priority the
 * application gives it, for tests that build views without it.
 */
void
mfa_test_load_app_style (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/example/MfaManager/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * mfa_test_page_name:
 * @view: a view whose pages are a stack, the first in its widget tree
 *
 * Returns: (nullable): the name of the page it shows, read from its
 *   widgets as a person sees them
 */
const char *
mfa_test_page_name (gpointer view)
{
  GtkWidget *stack = mfa_test_find_widget (GTK_WIDGET (view), GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The stack page of @name nearest the top of @root's widget tree. */
static GtkWidget *
find_stack_page (GtkWidget  *root,
                 const char *name)
{
  g_autoptr(GPtrArray) level = g_ptr_array_new ();

  g_ptr_array_add (level, root);
  while (level->len > 0)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new ();

      for (guint i = 0; i < level->len; i++)
        {
          GtkWidget *widget = g_ptr_array_index (level, i);

          if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL)
            return gtk_stack_get_child_by_name (GTK_STACK (widget), name);
          for (GtkWidget *child = gtk_widget_get_first_child (widget);
               child != NULL;
               child = gtk_widget_get_next_sibling (child))
            g_ptr_array_add (next, child);
        }
      g_ptr_array_set_size (level, 0);
      g_ptr_array_extend_and_steal (level, g_steal_pointer (&next));
      next = NULL;
    }

  return NULL;
}

/**
 * mfa_test_window_page:
 * @window: the app's window
 * @name: a page of the window: `connect`, `sign-in`, `manage`, …
 *
 * Returns: (transfer none) (nullable): the page, if made; read from the
 *   window's widgets
 */
GtkWidget *
mfa_test_window_page (gpointer    window,
                      const char *name)
{
  return find_stack_page (GTK_WIDGET (window), name);
}

static MfaVerification *
step_up_verification (gpointer dialog)
{
  GtkWidget *prompt = mfa_test_find_widget (GTK_WIDGET (dialog), MFA_TYPE_FACTOR_PROMPT, NULL);

  g_assert_nonnull (prompt);
  return mfa_factor_prompt_get_verification (MFA_FACTOR_PROMPT (prompt));
}

/**
 * mfa_test_step_up_step:
 * @dialog: a step-up dialog
 *
 * Returns: what the dialog asks for: `loading`, `problem`, or the
 *   strategy of the factor asked for (`password`, `phone_code`, `totp`,
 *   `backup_code`)
 */
const char *
mfa_test_step_up_step (gpointer dialog)
{
  const char *page = mfa_test_page_name (dialog);

  if (g_strcmp0 (page, "factor") == 0)
    return mfa_verification_get_strategy (step_up_verification (dialog));

  return page;
}

/**
 * mfa_test_step_up_level:
 *
 * Returns: the level the dialog's reverification asked for
 */
const char *
mfa_test_step_up_level (gpointer dialog)
{
  return mfa_verification_get_level (step_up_verification (dialog));
}

typedef struct
{
  GListModel *children;
  GPtrArray  *toasts;
} ToastRecorder;

static void
toast_recorder_free (gpointer data)
{
  ToastRecorder *recorder = data;

  g_signal_handlers_disconnect_by_data (recorder->children, recorder);
  g_clear_object (&recorder->children);
  g_ptr_array_unref (recorder->toasts);
  g_free (recorder);
}

static void
overlay_children_cb (GListModel    *children,
                     guint          position,
                     guint          removed,
                     guint          added,
                     ToastRecorder *recorder)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (children, i);
      AdwToast *toast = NULL;

      /* libadwaita's own widget for a toast, which names its toast. */
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") != 0)
        continue;

      g_object_get (child, "toast", &toast, NULL);
      if (toast != NULL)
        g_ptr_array_add (recorder->toasts, toast);
    }
}

/**
 * mfa_test_record_toasts:
 * @overlay: the toast overlay the views under test show their toasts in
 * @toasts: an array of #AdwToast, owning its items
 *
 * Adds to @toasts every toast @overlay shows, as a person sees it come.
 */
void
mfa_test_record_toasts (AdwToastOverlay *overlay,
                        GPtrArray       *toasts)
{
  ToastRecorder *recorder = g_new0 (ToastRecorder, 1);

  recorder->children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  recorder->toasts = g_ptr_array_ref (toasts);
  g_signal_connect (recorder->children, "items-changed", G_CALLBACK (overlay_children_cb), recorder);
  g_object_set_data_full (G_OBJECT (overlay), "mfa-test-toast-recorder", recorder,
                          toast_recorder_free);
}
