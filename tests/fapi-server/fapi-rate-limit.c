/* fapi-rate-limit.c
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

#define G_LOG_DOMAIN "mfa-fapi-server"

#include "config.h"

#include "fapi-server.h"

/* Per-IP limits of Clerk's Frontend API: creating
 * a sign-in 5 per 10 s, attempting a first or a second factor 3 per 10 s
 * each. A sliding window over the server clock; a refused request does
 * not count, and its 429 says in Retry-After when the oldest counted
 * request leaves the window. */

#define RATE_WINDOW_MS 10000

static const struct {
  const char *name;
  guint       limit;
} buckets[] = {
  [FAPI_RATE_SIGN_IN_CREATE] = { "sign_in_create", 5 },
  [FAPI_RATE_ATTEMPT_FIRST_FACTOR] = { "attempt_first_factor", 3 },
  [FAPI_RATE_ATTEMPT_SECOND_FACTOR] = { "attempt_second_factor", 3 },
};

static GHashTable *
windows (FapiServer *server)
{
  if (server->rate_windows == NULL)
    server->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_array_unref);
  return server->rate_windows;
}

void
fapi_rate_limit_reset (FapiServer *server)
{
  g_clear_pointer (&server->rate_windows, g_hash_table_unref);
}

/* TRUE when @req may go on; otherwise it has been answered 429. */
gboolean
fapi_rate_limit_allow (FapiRequest    *req,
                       FapiRateBucket  bucket)
{
  const char *ip = soup_server_message_get_remote_host (req->msg);
  g_autofree char *key = NULL;
  g_autofree char *retry = NULL;
  GArray *times;
  gint64 now = fapi_clock_now_ms ();
  gint64 oldest;
  guint i;

  g_return_val_if_fail (bucket < G_N_ELEMENTS (buckets), TRUE);

  if (!req->server->settings.rate_limits)
    return TRUE;

  key = g_strdup_printf ("%s %s", ip != NULL ? ip : "unknown", buckets[bucket].name);
  times = g_hash_table_lookup (windows (req->server), key);
  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (windows (req->server), g_strdup (key), times);
    }

  /* Forget what left the window, and what lies ahead of a clock that
   * was set back. */
  for (i = 0; i < times->len;)
    {
      gint64 at = g_array_index (times, gint64, i);

      if (at <= now - RATE_WINDOW_MS || at > now)
        g_array_remove_index (times, i);
      else
        i++;
    }

  if (times->len < buckets[bucket].limit)
    {
      g_array_append_val (times, now);
      return TRUE;
    }

  oldest = g_array_index (times, gint64, 0);
  for (i = 1; i < times->len; i++)
    oldest = MIN (oldest, g_array_index (times, gint64, i));
  retry = g_strdup_printf ("%" G_GINT64_FORMAT,
                           MAX ((oldest + RATE_WINDOW_MS - now + 999) / 1000, 1));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", retry);
  fapi_reply_error (req, 429, "too_many_requests", "Too many requests",
                    "Too many requests. Please try again in a bit.", NULL);
  return FALSE;
}
