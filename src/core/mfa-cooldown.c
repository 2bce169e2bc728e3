/* mfa-cooldown.c
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

#define G_LOG_DOMAIN "mfa-cooldown"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-cooldown.h"

/**
 * MfaCooldown:
 *
 * "Resend code" cooldowns, keyed by a string such as a phone id. Each
 * key keeps its deadline (ms on the #MfaClock) until it is cleared, so
 * going back and forth does not reset it; while a key counts down,
 * #MfaCooldown::changed is emitted every second, and once more when it
 * ends.
 */
struct _MfaCooldown
{
  GObject     parent_instance;

  MfaClock   *clock;
  GHashTable *entries;  /* key → Entry */
};

typedef struct
{
  MfaCooldown *cooldown;
  char        *key;
  gint64       deadline_ms;
  guint        tick_id;
} Entry;

G_DEFINE_FINAL_TYPE (MfaCooldown, mfa_cooldown, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_stop (Entry *entry)
{
  if (entry->tick_id != 0)
    mfa_clock_remove (entry->cooldown->clock, entry->tick_id);
  entry->tick_id = 0;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  entry_stop (entry);
  g_free (entry->key);
  g_free (entry);
}

static void
tick_cb (MfaClock *clock,
         gint64    remaining_ms,
         gpointer  user_data)
{
  Entry *entry = user_data;

  if (remaining_ms <= 0)
    entry->tick_id = 0;
  g_signal_emit (entry->cooldown, signals[SIGNAL_CHANGED], 0, entry->key);
}

static void
entry_tick (Entry *entry)
{
  entry_stop (entry);
  entry->tick_id = mfa_clock_tick_until (entry->cooldown->clock, entry->deadline_ms,
                                         tick_cb, entry, NULL);
}

/**
 * mfa_cooldown_new:
 * @clock: the clock the deadlines are on
 *
 * Returns: (transfer full): a new #MfaCooldown
 */
MfaCooldown *
mfa_cooldown_new (MfaClock *clock)
{
  MfaCooldown *self;

  g_return_val_if_fail (MFA_IS_CLOCK (clock), NULL);

  self = g_object_new (MFA_TYPE_COOLDOWN, NULL);
  self->clock = g_object_ref (clock);

  return self;
}

/**
 * mfa_cooldown_set_clock:
 * @self: a #MfaCooldown
 * @clock: a clock
 *
 * Running countdowns move to @clock, keeping their deadlines.
 */
void
mfa_cooldown_set_clock (MfaCooldown *self,
                        MfaClock    *clock)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MFA_IS_COOLDOWN (self));
  g_return_if_fail (MFA_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    entry_stop (value);

  g_set_object (&self->clock, clock);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      if (mfa_clock_remaining_ms (self->clock, entry->deadline_ms) > 0)
        entry_tick (entry);
    }
}

/**
 * mfa_cooldown_start:
 * @self: a #MfaCooldown
 * @key: what waits, such as a phone id
 * @duration_ms: how long from now
 *
 * Starts, or starts again, the countdown of @key.
 */
void
mfa_cooldown_start (MfaCooldown *self,
                    const char  *key,
                    gint64       duration_ms)
{
  Entry *entry;

  g_return_if_fail (MFA_IS_COOLDOWN (self));
  g_return_if_fail (key != NULL);

  entry = g_hash_table_lookup (self->entries, key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->cooldown = self;
      entry->key = g_strdup (key);
      g_hash_table_insert (self->entries, entry->key, entry);
    }

  entry->deadline_ms = mfa_clock_get_now_ms (self->clock) + duration_ms;
  entry_tick (entry);
}

/**
 * mfa_cooldown_remaining_ms:
 * @self: a #MfaCooldown
 * @key: (nullable): what waits
 *
 * Returns: the milliseconds @key still waits, 0 when it does not
 */
gint64
mfa_cooldown_remaining_ms (MfaCooldown *self,
                           const char  *key)
{
  Entry *entry;

  g_return_val_if_fail (MFA_IS_COOLDOWN (self), 0);

  if (key == NULL || (entry = g_hash_table_lookup (self->entries, key)) == NULL)
    return 0;

  return mfa_clock_remaining_ms (self->clock, entry->deadline_ms);
}

/**
 * mfa_cooldown_contains:
 * @self: a #MfaCooldown
 * @key: (nullable): what waits
 *
 * Returns: whether a countdown of @key was started and not cleared since,
 *   running or ended
 */
gboolean
mfa_cooldown_contains (MfaCooldown *self,
                       const char  *key)
{
  g_return_val_if_fail (MFA_IS_COOLDOWN (self), FALSE);

  return key != NULL && g_hash_table_contains (self->entries, key);
}

/**
 * mfa_cooldown_clear:
 * @self: a #MfaCooldown
 * @key: (nullable): what waits
 *
 * Forgets the countdown of @key, without emitting #MfaCooldown::changed.
 */
void
mfa_cooldown_clear (MfaCooldown *self,
                    const char  *key)
{
  g_return_if_fail (MFA_IS_COOLDOWN (self));

  if (key != NULL)
    g_hash_table_remove (self->entries, key);
}

/**
 * mfa_cooldown_clear_all:
 * @self: a #MfaCooldown
 *
 * Forgets every countdown, without emitting #MfaCooldown::changed.
 */
void
mfa_cooldown_clear_all (MfaCooldown *self)
{
  g_return_if_fail (MFA_IS_COOLDOWN (self));

  g_hash_table_remove_all (self->entries);
}

/**
 * mfa_cooldown_format_resend:
 * @remaining_ms: the time left, as from mfa_cooldown_remaining_ms()
 *
 * Returns: (transfer full): the label of a resend button, with a
 *   mnemonic once it can be pressed
 */
char *
mfa_cooldown_format_resend (gint64 remaining_ms)
{
  int seconds;

  if (remaining_ms <= 0)
    return g_strdup (_("_Resend Code"));

  seconds = (int)((remaining_ms + 999) / 1000);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Resend Code in %d Second",
                                       "Resend Code in %d Seconds",
                                       seconds),
                          seconds);
}

static void
mfa_cooldown_dispose (GObject *object)
{
  MfaCooldown *self = (MfaCooldown *)object;

  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (mfa_cooldown_parent_class)->dispose (object);
}

static void
mfa_cooldown_finalize (GObject *object)
{
  MfaCooldown *self = (MfaCooldown *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (mfa_cooldown_parent_class)->finalize (object);
}

static void
mfa_cooldown_class_init (MfaCooldownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfa_cooldown_dispose;
  object_class->finalize = mfa_cooldown_finalize;

  /**
   * MfaCooldown::changed:
   * @key: the key whose time left changed
   *
   * Emitted every second while @key counts down, and when it ends.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mfa_cooldown_init (MfaCooldown *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
}
