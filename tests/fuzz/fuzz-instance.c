/* fuzz-instance.c
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

#define G_LOG_DOMAIN "fuzz-instance"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mfa-instance.h"

/* libFuzzer harness for what a person pastes on the Connect page: the
 * input is tried as a publishable key and as a Frontend API URL. What is
 * accepted must be a URL that the check accepts again unchanged. */

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

static void
check_normalized (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  g_autofree char *display = NULL;

  g_assert (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
  again = mfa_instance_normalize_frontend_api (url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, url);

  /* The host, then at most the clean path of a proxy: nothing that could
   * be read as userinfo, a query or a fragment, no empty or dot segment.
   */
  display = mfa_instance_get_display_host (url);
  g_assert (display[0] != '\0' && display[0] != '/');
  g_assert (strpbrk (display, "@?#%") == NULL);
  g_assert (strstr (display, "//") == NULL);
  g_assert (strstr (display, "/./") == NULL && strstr (display, "/../") == NULL);
  g_assert (!g_str_has_suffix (display, "/") && !g_str_has_suffix (display, "/.") &&
            !g_str_has_suffix (display, "/.."));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *from_key = NULL;
  g_autofree char *from_url = NULL;
  g_autoptr(GError) key_error = NULL;
  g_autoptr(GError) url_error = NULL;

  from_key = mfa_instance_decode_publishable_key (text, &key_error);
  g_assert ((from_key != NULL) == (key_error == NULL));
  if (from_key != NULL)
    {
      g_assert (g_str_has_prefix (from_key, "https://"));
      check_normalized (from_key);
    }
  else
    g_assert (key_error->domain == MFA_INSTANCE_ERROR);

  from_url = mfa_instance_normalize_frontend_api (text, &url_error);
  g_assert ((from_url != NULL) == (url_error == NULL));
  if (from_url != NULL)
    check_normalized (from_url);
  else
    g_assert (url_error->domain == MFA_INSTANCE_ERROR);

  return 0;
}
