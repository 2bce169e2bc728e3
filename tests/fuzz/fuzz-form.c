/* fuzz-form.c
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

#define G_LOG_DOMAIN "fuzz-form"

#include "config.h"

#include <stdint.h>

#include "fapi-server.h"

/* libFuzzer harness for mfa-fapi-server's form parser (request bodies and
 * query strings). Either a table or the name of the bad key; every key
 * and value is UTF-8, no key is empty, and the table written out again
 * parses back to itself. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static char *
form_encode (GHashTable *form)
{
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *escaped_key = g_uri_escape_string (key, NULL, FALSE);
      g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);

      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", escaped_key, escaped_value);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GHashTable) again = NULL;
  g_autofree char *bad_key = NULL;
  g_autofree char *encoded = NULL;
  GHashTableIter iter;
  gpointer key, value;

  form = fapi_form_parse ((const char *) data, size, &bad_key);
  if (form == NULL)
    {
      g_assert (bad_key != NULL);
      g_assert (g_utf8_validate (bad_key, -1, NULL));
      return 0;
    }
  g_assert (bad_key == NULL);

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean flag;

      g_assert (*(const char *) key != '\0');
      g_assert (g_utf8_validate (key, -1, NULL));
      g_assert (g_utf8_validate (value, -1, NULL));
      if (fapi_parse_bool (value, &flag))
        g_assert (flag == TRUE || flag == FALSE);
    }

  encoded = form_encode (form);
  again = fapi_form_parse (encoded, strlen (encoded), &bad_key);
  g_assert (again != NULL);
  g_assert_cmpuint (g_hash_table_size (again), ==, g_hash_table_size (form));
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (again, key), ==, value);

  return 0;
}
