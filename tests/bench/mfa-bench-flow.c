/* mfa-bench-flow.c
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

#include "mfa-bench-flow.h"

/*
 * The main loop's stalls during a benchmark's flow, measured the same
 * way in bench-app (the app plus its probe) and in the reference window
 * it is compared with.
 *
 * A stall is how much later than planned a high-priority 4 ms timeout
 * runs: the time the main loop spent on something else without a break.
 * The figures go to standard output as "bench-flow: NAME VALUE" lines.
 */

#define STALL_INTERVAL_MS 4

struct _MfaBenchFlow
{
  const char       *phase;
  gint64            start_us;
  gint64            last_us;
  gint64            max_stall_us;
  gint64            max_stall_scroll_us;
  guint             stalls_over_16ms;
  MfaBenchFlowDone  at_end;
  gpointer          at_end_data;
};

static gboolean
stall_cb (gpointer user_data)
{
  MfaBenchFlow *flow = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 stall = now - flow->last_us - STALL_INTERVAL_MS * 1000;

  if (stall > flow->max_stall_us)
    flow->max_stall_us = stall;
  if (g_str_equal (flow->phase, "scroll") && stall > flow->max_stall_scroll_us)
    flow->max_stall_scroll_us = stall;
  if (stall > 16000)
    flow->stalls_over_16ms++;
  flow->last_us = now;

  return G_SOURCE_CONTINUE;
}

/**
 * mfa_bench_flow_start:
 *
 * Starts measuring, for the rest of the process.
 *
 * Returns: (transfer none): the flow
 */
MfaBenchFlow *
mfa_bench_flow_start (void)
{
  MfaBenchFlow *flow = g_new0 (MfaBenchFlow, 1);

  flow->phase = "start";
  flow->start_us = flow->last_us = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, STALL_INTERVAL_MS, stall_cb, flow, NULL);

  return flow;
}

/**
 * mfa_bench_flow_set_phase:
 * @flow: a flow
 * @phase: (not nullable): a static string: "scroll" for a scroll, "done"
 *   at the end
 */
void
mfa_bench_flow_set_phase (MfaBenchFlow *flow,
                          const char   *phase)
{
  flow->phase = phase;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MfaBenchFlow *flow = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);

  if (value >= end)
    {
      flow->at_end (flow->at_end_data);
      return G_SOURCE_REMOVE;
    }

  /* A fast flick: half a page a frame. */
  gtk_adjustment_set_value (adjustment,
                            MIN (end, value + gtk_adjustment_get_page_size (adjustment) / 2));
  return G_SOURCE_CONTINUE;
}

/**
 * mfa_bench_flow_scroll:
 * @flow: a flow
 * @scrolled: what to scroll, to its end, half a page a frame
 * @at_end: called at the end
 * @user_data: for @at_end
 */
void
mfa_bench_flow_scroll (MfaBenchFlow      *flow,
                       GtkScrolledWindow *scrolled,
                       MfaBenchFlowDone   at_end,
                       gpointer           user_data)
{
  flow->phase = "scroll";
  flow->at_end = at_end;
  flow->at_end_data = user_data;
  gtk_widget_add_tick_callback (GTK_WIDGET (scrolled), scroll_tick_cb, flow, NULL);
}

/**
 * mfa_bench_flow_print:
 * @flow: a flow
 *
 * Prints the figures so far.
 */
void
mfa_bench_flow_print (MfaBenchFlow *flow)
{
  g_print ("bench-flow: phase %s\n", flow->phase);
  g_print ("bench-flow: scroll-max-stall-ms %.1f\n", flow->max_stall_scroll_us / 1000.0);
  g_print ("bench-flow: max-stall-ms %.1f\n", flow->max_stall_us / 1000.0);
  g_print ("bench-flow: stalls-over-16ms %u\n", flow->stalls_over_16ms);
  g_print ("bench-flow: flow-ms %.1f\n", (g_get_monotonic_time () - flow->start_us) / 1000.0);
}
