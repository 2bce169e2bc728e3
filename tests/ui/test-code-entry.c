/* test-code-entry.c
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

#include <adwaita.h>

#include "mfa-code-entry.h"

typedef struct {
  guint  count;
  char  *code;
} Completion;

static void
complete_cb (MfaCodeEntry *entry,
             const char   *code,
             Completion   *completion)
{
  completion->count++;
  g_free (completion->code);
  completion->code = g_strdup (code);
}

/* Inserts as typing or pasting does: through the editable, at the cursor. */
static void
insert (MfaCodeEntry *entry,
        const char   *text)
{
  GtkEditable *editable = mfa_code_entry_get_editable (entry);
  int position = gtk_editable_get_position (editable);

  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
}

static void
test_typing (void)
{
  MfaCodeEntry *entry = MFA_CODE_ENTRY (g_object_ref_sink (mfa_code_entry_new ()));
  Completion completion = { 0 };

  g_signal_connect (entry, "complete", G_CALLBACK (complete_cb), &completion);

  insert (entry, "1");
  insert (entry, "a");
  insert (entry, "2");
  insert (entry, " ");
  insert (entry, "345");
  g_assert_cmpstr (mfa_code_entry_get_code (entry), ==, "12345");
  g_assert_false (mfa_code_entry_is_complete (entry));
  g_assert_cmpuint (completion.count, ==, 0);

  insert (entry, "6");
  g_assert_cmpstr (mfa_code_entry_get_code (entry), ==, "123456");
  g_assert_true (mfa_code_entry_is_complete (entry));
  g_assert_cmpuint (completion.count, ==, 1);
  g_assert_cmpstr (completion.code, ==, "123456");

  /* A seventh digit has no room. */
  insert (entry, "7");
  g_assert_cmpstr (mfa_code_entry_get_code (entry), ==, "123456");
  g_assert_cmpuint (completion.count, ==, 1);

  mfa_code_entry_clear (entry);
  g_assert_cmpstr (mfa_code_entry_get_code (entry), ==, "");

  g_free (completion.code);
  g_assert_finalize_object (entry);
}

static void
test_paste (void)
{
  const struct {
    const char *pasted;
    const char *kept;
    guint completions;
  } cases[] = {
    { "123 456", "123456", 1 },
    { "123-456", "123456", 1 },
    { " 424242\n", "424242", 1 },
    { "Your code is 987654.", "987654", 1 },
    { "١٢٣٤٥٦", "123456", 1 },    /* Arabic-Indic digits */
    { "12 34", "1234", 0 },
    { "abc", "", 0 },
    { "1234567890", "123456", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MfaCodeEntry *entry = MFA_CODE_ENTRY (g_object_ref_sink (mfa_code_entry_new ()));
      Completion completion = { 0 };

      g_signal_connect (entry, "complete", G_CALLBACK (complete_cb), &completion);
      insert (entry, cases[i].pasted);

      g_assert_cmpstr (mfa_code_entry_get_code (entry), ==, cases[i].kept);
      g_assert_cmpuint (completion.count, ==, cases[i].completions);
      if (cases[i].completions > 0)
        g_assert_cmpstr (completion.code, ==, cases[i].kept);

      g_free (completion.code);
      g_assert_finalize_object (entry);
    }
}

static void
test_error_state (void)
{
  MfaCodeEntry *entry = MFA_CODE_ENTRY (g_object_ref_sink (mfa_code_entry_new ()));
  GtkWidget *editable = GTK_WIDGET (mfa_code_entry_get_editable (entry));

  mfa_code_entry_set_error (entry, TRUE);
  g_assert_true (gtk_widget_has_css_class (editable, "error"));

  /* Typing again clears the mark. */
  insert (entry, "1");
  g_assert_false (gtk_widget_has_css_class (editable, "error"));

  g_assert_finalize_object (entry);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mfa/code-entry/typing", test_typing);
  g_test_add_func ("/mfa/code-entry/paste", test_paste);
  g_test_add_func ("/mfa/code-entry/error-state", test_error_state);

  return g_test_run ();
}
