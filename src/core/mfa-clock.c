/* mfa-clock.c
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

#define G_LOG_DOMAIN "mfa-clock"

#include "config.h"

#include "mfa-clock-private.h"

/**
 * MfaClock:
 *
 * The time every cooldown, expiry countdown and retry backoff of the app
 * reads. It is the wall clock (microseconds since the Unix epoch, the
 * scale of the server's `expire_at`), shifted by an offset, or, in manual
 * mode, a time that only moves when a test sets or advances it.
 *
 * Timers added with mfa_clock_add_timeout_ms() and mfa_clock_tick_until()
 * follow that time: in manual mode they fire from mfa_clock_advance_us(),
 * one after the other in time order, and never on their own.
 */

typedef struct
{
  MfaClock         *clock;
  guint             id;
  gint64            due_us;
  GSource          *source;
  /* one-shot timeout */
  GSourceFunc       func;
  /* countdown */
  MfaClockTickFunc  tick_func;
  gint64            deadline_us;
  gpointer          user_data;
  GDestroyNotify    notify;
  gboolean          dispatching;
  gboolean          removed;
} Timer;

struct _MfaClock
{
  GObject     parent_instance;

  gint64      offset_us;
  gboolean    manual;
  gint64      manual_now_us;
  GHashTable *timers;          /* id → Timer */
  guint       next_id;
};

G_DEFINE_FINAL_TYPE (MfaClock, mfa_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MANUAL,
  PROP_OFFSET_US,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_timer (MfaClock *self,
                            Timer    *timer);

static void
timer_free (gpointer data)
{
  Timer *timer = data;

  if (timer->source != NULL)
    {
      g_source_destroy (timer->source);
      g_source_unref (timer->source);
    }
  if (timer->notify != NULL)
    timer->notify (timer->user_data);
  g_free (timer);
}

/* The next whole-second step of a countdown, counted back from its
 * deadline, so that the remaining time reads 5000, 4000, … 0. */
static gint64
next_tick_us (gint64 now_us,
              gint64 deadline_us)
{
  gint64 remaining = deadline_us - now_us;
  gint64 steps;

  if (remaining <= 0)
    return deadline_us;
  steps = (remaining - 1) / G_USEC_PER_SEC;
  return deadline_us - steps * G_USEC_PER_SEC;
}

/* Runs @timer once; returns TRUE when it stays pending. */
static gboolean
fire_timer (MfaClock *self,
            Timer    *timer)
{
  gint64 now_us = mfa_clock_get_now_us (self);

  if (timer->func != NULL)
    {
      timer->func (timer->user_data);
      return FALSE;
    }

  {
    gint64 remaining_us = MAX (0, timer->deadline_us - now_us);
    gint64 remaining_ms = (remaining_us + 999) / 1000;

    timer->tick_func (self, remaining_ms, timer->user_data);
    if (remaining_us == 0)
      return FALSE;
    timer->due_us = next_tick_us (now_us, timer->deadline_us);
    return TRUE;
  }
}

static void
dispatch_timer (MfaClock *self,
                guint     id)
{
  Timer *timer = g_hash_table_lookup (self->timers, GUINT_TO_POINTER (id));

  if (timer == NULL)
    return;

  g_object_ref (self);
  timer->dispatching = TRUE;
  /* The callback may remove its own timer: that only marks it. */
  if (fire_timer (self, timer) && !timer->removed)
    {
      timer->dispatching = FALSE;
      schedule_timer (self, timer);
    }
  else
    g_hash_table_remove (self->timers, GUINT_TO_POINTER (id));
  g_object_unref (self);
}

static gboolean
timer_source_cb (gpointer user_data)
{
  Timer *timer = user_data;
  MfaClock *self = timer->clock;

  /* The offset may have moved since the source was armed. */
  if (mfa_clock_get_now_us (self) < timer->due_us)
    {
      schedule_timer (self, timer);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&timer->source, g_source_unref);
  dispatch_timer (self, timer->id);
  return G_SOURCE_REMOVE;
}

static void
schedule_timer (MfaClock *self,
                Timer    *timer)
{
  gint64 wait_us;

  if (timer->source != NULL)
    {
      g_source_destroy (timer->source);
      g_clear_pointer (&timer->source, g_source_unref);
    }
  if (self->manual)
    return;

  wait_us = MAX (0, timer->due_us - mfa_clock_get_now_us (self));
  timer->source = g_timeout_source_new ((guint) MIN ((wait_us + 999) / 1000, G_MAXUINT));
  g_source_set_callback (timer->source, timer_source_cb, timer, NULL);
  g_source_set_static_name (timer->source, "[mfa] clock timer");
  g_source_attach (timer->source, g_main_context_get_thread_default ());
}

static void
reschedule_all (MfaClock *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->timers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    schedule_timer (self, value);
}

static void
mfa_clock_finalize (GObject *object)
{
  MfaClock *self = (MfaClock *)object;

  g_clear_pointer (&self->timers, g_hash_table_unref);

  G_OBJECT_CLASS (mfa_clock_parent_class)->finalize (object);
}

static void
mfa_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MfaClock *self = MFA_CLOCK (object);

  switch (prop_id)
    {
    case PROP_MANUAL:
      g_value_set_boolean (value, self->manual);
      break;

    case PROP_OFFSET_US:
      g_value_set_int64 (value, self->offset_us);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_clock_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MfaClock *self = MFA_CLOCK (object);

  switch (prop_id)
    {
    case PROP_MANUAL:
      mfa_clock_set_manual (self, g_value_get_boolean (value));
      break;

    case PROP_OFFSET_US:
      mfa_clock_set_offset_us (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_clock_class_init (MfaClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_clock_finalize;
  object_class->get_property = mfa_clock_get_property;
  object_class->set_property = mfa_clock_set_property;

  /**
   * MfaClock:manual:
   *
   * Whether the time stands still until it is set or advanced.
   */
  properties[PROP_MANUAL] =
    g_param_spec_boolean ("manual", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaClock:offset-us:
   *
   * Microseconds added to the wall clock (outside manual mode).
   */
  properties[PROP_OFFSET_US] =
    g_param_spec_int64 ("offset-us", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_clock_init (MfaClock *self)
{
  self->timers = g_hash_table_new_full (NULL, NULL, NULL, timer_free);
  self->next_id = 1;
}

MfaClock *
mfa_clock_new (void)
{
  return g_object_new (MFA_TYPE_CLOCK, NULL);
}

/**
 * mfa_clock_get_default:
 *
 * Returns: (transfer none): the clock the app reads.
 */
MfaClock *
mfa_clock_get_default (void)
{
  static MfaClock *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, mfa_clock_new ());
  return instance;
}

/**
 * mfa_clock_get_now_us:
 *
 * Returns: the time in microseconds since the Unix epoch.
 */
gint64
mfa_clock_get_now_us (MfaClock *self)
{
  g_return_val_if_fail (MFA_IS_CLOCK (self), 0);

  if (self->manual)
    return self->manual_now_us;
  return g_get_real_time () + self->offset_us;
}

gint64
mfa_clock_get_now_ms (MfaClock *self)
{
  return mfa_clock_get_now_us (self) / 1000;
}

gint64
mfa_clock_get_offset_us (MfaClock *self)
{
  g_return_val_if_fail (MFA_IS_CLOCK (self), 0);
  return self->offset_us;
}

void
mfa_clock_set_offset_us (MfaClock *self,
                         gint64    offset_us)
{
  g_return_if_fail (MFA_IS_CLOCK (self));

  if (self->offset_us == offset_us)
    return;
  self->offset_us = offset_us;
  reschedule_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_US]);
}

gboolean
mfa_clock_get_manual (MfaClock *self)
{
  g_return_val_if_fail (MFA_IS_CLOCK (self), FALSE);
  return self->manual;
}

/**
 * mfa_clock_set_manual:
 *
 * Switching manual mode on freezes the time where it is; switching it
 * off returns to the wall clock plus the offset.
 */
void
mfa_clock_set_manual (MfaClock *self,
                      gboolean  manual)
{
  g_return_if_fail (MFA_IS_CLOCK (self));

  manual = !!manual;
  if (self->manual == manual)
    return;
  if (manual)
    self->manual_now_us = mfa_clock_get_now_us (self);
  self->manual = manual;
  reschedule_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANUAL]);
}

static Timer *
earliest_due (MfaClock *self,
              gint64    until_us)
{
  GHashTableIter iter;
  gpointer value;
  Timer *best = NULL;

  g_hash_table_iter_init (&iter, self->timers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Timer *timer = value;

      if (timer->due_us > until_us || timer->removed)
        continue;
      if (best == NULL || timer->due_us < best->due_us ||
          (timer->due_us == best->due_us && timer->id < best->id))
        best = timer;
    }
  return best;
}

/**
 * mfa_clock_set_now_us:
 *
 * Sets the time of a manual clock. Moving forward fires the timers that
 * fall due on the way, in time order, each at its own time.
 */
void
mfa_clock_set_now_us (MfaClock *self,
                      gint64    now_us)
{
  Timer *timer;

  g_return_if_fail (MFA_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  g_object_ref (self);
  while ((timer = earliest_due (self, now_us)) != NULL)
    {
      self->manual_now_us = MAX (self->manual_now_us, timer->due_us);
      dispatch_timer (self, timer->id);
    }
  self->manual_now_us = now_us;
  g_object_unref (self);
}

/**
 * mfa_clock_advance_us:
 *
 * Moves the time forward: in manual mode like mfa_clock_set_now_us(),
 * otherwise by growing the offset.
 */
void
mfa_clock_advance_us (MfaClock *self,
                      gint64    delta_us)
{
  g_return_if_fail (MFA_IS_CLOCK (self));

  if (self->manual)
    mfa_clock_set_now_us (self, self->manual_now_us + delta_us);
  else
    mfa_clock_set_offset_us (self, self->offset_us + delta_us);
}

/**
 * mfa_clock_remaining_ms:
 *
 * Returns: milliseconds until @deadline_ms (epoch ms), never negative.
 */
gint64
mfa_clock_remaining_ms (MfaClock *self,
                        gint64    deadline_ms)
{
  return MAX (0, deadline_ms - mfa_clock_get_now_ms (self));
}

static guint
add_timer (MfaClock *self,
           Timer    *timer)
{
  timer->clock = self;
  timer->id = self->next_id++;
  if (self->next_id == 0)
    self->next_id = 1;
  g_hash_table_insert (self->timers, GUINT_TO_POINTER (timer->id), timer);
  schedule_timer (self, timer);
  return timer->id;
}

/**
 * mfa_clock_add_timeout_ms:
 * @func: called once, when the time has moved @delay_ms forward; its
 *   return value is ignored
 *
 * Returns: an id for mfa_clock_remove()
 */
guint
mfa_clock_add_timeout_ms (MfaClock       *self,
                          gint64          delay_ms,
                          GSourceFunc     func,
                          gpointer        user_data,
                          GDestroyNotify  notify)
{
  Timer *timer;

  g_return_val_if_fail (MFA_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  timer = g_new0 (Timer, 1);
  timer->due_us = mfa_clock_get_now_us (self) + MAX (0, delay_ms) * 1000;
  timer->func = func;
  timer->user_data = user_data;
  timer->notify = notify;
  return add_timer (self, timer);
}

/**
 * mfa_clock_tick_until:
 * @deadline_ms: the end of the countdown, in ms since the epoch
 *
 * Calls @func at once, then every second of the clock's time, with the
 * time left, and a last time with 0 at @deadline_ms; then @notify runs.
 *
 * Returns: an id for mfa_clock_remove(), or 0 when the deadline had
 *   already passed (@func then ran once with 0)
 */
guint
mfa_clock_tick_until (MfaClock         *self,
                      gint64            deadline_ms,
                      MfaClockTickFunc  func,
                      gpointer          user_data,
                      GDestroyNotify    notify)
{
  gint64 now_us;
  Timer *timer;

  g_return_val_if_fail (MFA_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  now_us = mfa_clock_get_now_us (self);
  if (deadline_ms * 1000 <= now_us)
    {
      func (self, 0, user_data);
      if (notify != NULL)
        notify (user_data);
      return 0;
    }

  func (self, (deadline_ms * 1000 - now_us + 999) / 1000, user_data);

  timer = g_new0 (Timer, 1);
  timer->deadline_us = deadline_ms * 1000;
  timer->due_us = next_tick_us (now_us, timer->deadline_us);
  timer->tick_func = func;
  timer->user_data = user_data;
  timer->notify = notify;
  return add_timer (self, timer);
}

void
mfa_clock_remove (MfaClock *self,
                  guint     id)
{
  Timer *timer;

  g_return_if_fail (MFA_IS_CLOCK (self));

  timer = g_hash_table_lookup (self->timers, GUINT_TO_POINTER (id));
  if (timer == NULL)
    return;
  if (timer->dispatching)
    timer->removed = TRUE;
  else
    g_hash_table_remove (self->timers, GUINT_TO_POINTER (id));
}

/**
 * mfa_clock_get_n_pending:
 *
 * Returns: how many timers and countdowns are still pending.
 */
guint
mfa_clock_get_n_pending (MfaClock *self)
{
  g_return_val_if_fail (MFA_IS_CLOCK (self), 0);
  return g_hash_table_size (self->timers);
}
