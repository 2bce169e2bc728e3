/* fapi-clock.c
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

/* Every expiry, cooldown and window reads this clock: the real time plus
 * an offset that /__dev/clock can move. The clock stays between the epoch
 * and FAPI_CLOCK_MAX_MS, so no offset, however large, overflows. */
static gint64 clock_offset_ms;

static gint64
real_ms (void)
{
  return g_get_real_time () / 1000;
}

gint64
fapi_clock_now_ms (void)
{
  return CLAMP (real_ms () + clock_offset_ms, 0, FAPI_CLOCK_MAX_MS);
}

void
fapi_clock_set (gint64 ms)
{
  clock_offset_ms = CLAMP (ms, 0, FAPI_CLOCK_MAX_MS) - real_ms ();
}

void
fapi_clock_advance (gint64 ms)
{
  gint64 now = fapi_clock_now_ms ();

  /* now is within [0, FAPI_CLOCK_MAX_MS], so neither test overflows. */
  if (ms > FAPI_CLOCK_MAX_MS - now)
    fapi_clock_set (FAPI_CLOCK_MAX_MS);
  else if (ms < -now)
    fapi_clock_set (0);
  else
    fapi_clock_set (now + ms);
}

void
fapi_clock_reset (void)
{
  clock_offset_ms = 0;
}
