/* test-clock.c
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

#define G_LOG_DOMAIN "test-clock"

#include "config.h"

#include "mfa-clock-private.h"
#include "mfa-clock.h"

typedef struct
{
  GArray  *remaining;
  gboolean destroyed;
  guint    fired;
  MfaClock *clock;
  guint    remove_id;
} Log;

static void
tick_cb (MfaClock *clock,
         gint64    remaining_ms,
         gpointer  user_data)
{
  Log *log = user_data;

  g_array_append_val (log->remaining, remaining_ms);
  if (log->remove_id != 0 && remaining_ms <= 3000)
    mfa_clock_remove (clock, log->remove_id);
}

static void
destroy_cb (gpointer user_data)
{
  Log *log = user_data;

  log->destroyed = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  Log *log = user_data;

  log->fired++;
  return G_SOURCE_REMOVE;
}

static void
test_manual_now (void)
{
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  gint64 real = g_get_real_time ();

  g_assert_cmpint (ABS (mfa_clock_get_now_us (clock) - real), <, 5 * G_USEC_PER_SEC);

  mfa_clock_set_offset_us (clock, (gint64) 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (mfa_clock_get_now_us (clock) - g_get_real_time (), >, (gint64) 3590 * G_USEC_PER_SEC);

  mfa_clock_set_manual (clock, TRUE);
  mfa_clock_set_now_us (clock, 1767225000000000);
  g_assert_cmpint (mfa_clock_get_now_us (clock), ==, 1767225000000000);
  g_assert_cmpint (mfa_clock_get_now_ms (clock), ==, 1767225000000);
  mfa_clock_advance_us (clock, 2500000);
  g_assert_cmpint (mfa_clock_get_now_ms (clock), ==, 1767225002500);
  g_assert_cmpint (mfa_clock_remaining_ms (clock, 1767225010000), ==, 7500);
  g_assert_cmpint (mfa_clock_remaining_ms (clock, 1767225000000), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_countdown (void)
{
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  Log log = { g_array_new (FALSE, FALSE, sizeof (gint64)), };
  const gint64 start = 1767225000000;
  guint id;

  mfa_clock_set_manual (clock, TRUE);
  mfa_clock_set_now_us (clock, start * 1000);

  /* A 30 s resend cooldown. */
  id = mfa_clock_tick_until (clock, start + 30000, tick_cb, &log, destroy_cb);
  g_assert_cmpuint (id, !=, 0);
  g_assert_cmpuint (log.remaining->len, ==, 1);
  g_assert_cmpint (g_array_index (log.remaining, gint64, 0), ==, 30000);

  /* Nothing moves by itself. */
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (log.remaining->len, ==, 1);

  mfa_clock_advance_us (clock, 1000000);
  g_assert_cmpuint (log.remaining->len, ==, 2);
  g_assert_cmpint (g_array_index (log.remaining, gint64, 1), ==, 29000);

  /* A jump fires every second on the way, in order, then the end. */
  mfa_clock_advance_us (clock, 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (log.remaining->len, ==, 31);
  for (guint i = 0; i < 31; i++)
    g_assert_cmpint (g_array_index (log.remaining, gint64, i), ==, 30000 - 1000 * (gint64) i);
  g_assert_true (log.destroyed);
  g_assert_cmpuint (mfa_clock_get_n_pending (clock), ==, 0);

  g_array_unref (log.remaining);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_remove_from_callback (void)
{
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  Log log = { g_array_new (FALSE, FALSE, sizeof (gint64)), };

  mfa_clock_set_manual (clock, TRUE);
  mfa_clock_set_now_us (clock, 0);
  log.remove_id = mfa_clock_tick_until (clock, 10000, tick_cb, &log, destroy_cb);
  mfa_clock_advance_us (clock, 20 * G_USEC_PER_SEC);
  /* 10 s … 3 s, then the callback removed its own countdown. */
  g_assert_cmpuint (log.remaining->len, ==, 8);
  g_assert_true (log.destroyed);
  g_assert_cmpuint (mfa_clock_get_n_pending (clock), ==, 0);

  g_array_unref (log.remaining);
}

static void
test_timeout_and_past_deadline (void)
{
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  Log log = { g_array_new (FALSE, FALSE, sizeof (gint64)), };
  Log backoff = { NULL, };
  guint id;

  mfa_clock_set_manual (clock, TRUE);
  mfa_clock_set_now_us (clock, 5000 * 1000);

  /* A retry backoff of 2 s. */
  mfa_clock_add_timeout_ms (clock, 2000, timeout_cb, &backoff, NULL);
  mfa_clock_advance_us (clock, 1999000);
  g_assert_cmpuint (backoff.fired, ==, 0);
  mfa_clock_advance_us (clock, 1000);
  g_assert_cmpuint (backoff.fired, ==, 1);
  mfa_clock_advance_us (clock, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (backoff.fired, ==, 1);

  /* A removed timeout never fires. */
  id = mfa_clock_add_timeout_ms (clock, 1000, timeout_cb, &backoff, NULL);
  mfa_clock_remove (clock, id);
  mfa_clock_advance_us (clock, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (backoff.fired, ==, 1);

  /* A deadline already past: one call with 0 and done. */
  id = mfa_clock_tick_until (clock, 1000, tick_cb, &log, destroy_cb);
  g_assert_cmpuint (id, ==, 0);
  g_assert_cmpuint (log.remaining->len, ==, 1);
  g_assert_cmpint (g_array_index (log.remaining, gint64, 0), ==, 0);
  g_assert_true (log.destroyed);

  g_array_unref (log.remaining);
}

static void
quit_when_done_cb (MfaClock *clock,
                   gint64    remaining_ms,
                   gpointer  user_data)
{
  Log *log = user_data;

  g_array_append_val (log->remaining, remaining_ms);
}

static void
test_real_time (void)
{
  g_autoptr(MfaClock) clock = mfa_clock_new ();
  Log log = { g_array_new (FALSE, FALSE, sizeof (gint64)), };
  gint64 deadline = mfa_clock_get_now_ms (clock) + 1500;

  /* The wall clock drives it too (briefly). */
  mfa_clock_tick_until (clock, deadline, quit_when_done_cb, &log, destroy_cb);
  while (!log.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (log.remaining->len, >=, 2);
  g_assert_cmpint (g_array_index (log.remaining, gint64, log.remaining->len - 1), ==, 0);
  g_assert_cmpint (mfa_clock_get_now_ms (clock), >=, deadline);

  g_array_unref (log.remaining);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/clock/manual-now", test_manual_now);
  g_test_add_func ("/core/clock/countdown", test_countdown);
  g_test_add_func ("/core/clock/remove-from-callback", test_remove_from_callback);
  g_test_add_func ("/core/clock/timeout-and-past-deadline", test_timeout_and_past_deadline);
  g_test_add_func ("/core/clock/real-time", test_real_time);

  return g_test_run ();
}
