/* mfa-phone-number.c
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

#define G_LOG_DOMAIN "mfa-phone-number"

#include "config.h"

#include <string.h>

#include "mfa-phone-number.h"

#include "mfa-core-enums.h"

/**
 * MfaPhoneNumber:
 *
 * One phone number of the signed-in user. The object keeps its identity
 * across every rebuild of the model: when the server reports new values
 * for the same id, mfa_phone_number_update_from() changes this object in
 * place and notifies only the properties that changed.
 *
 * #MfaPhoneNumber:reserved is Clerk's `reserved_for_second_factor` and
 * #MfaPhoneNumber:default its `default_second_factor`.
 *
 * #MfaPhoneNumber:busy is the app's own: a change of this number is on
 * its way to the service. It is never read from an answer nor saved.
 */

struct _MfaPhoneNumber
{
  GObject                parent_instance;

  char                  *id;
  char                  *phone_number;
  char                  *display;
  MfaVerificationStatus  verification_status;
  gint64                 expire_at;
  int                    attempts;
  gint64                 created_at;
  guint                  reserved : 1;
  guint                  is_default : 1;
  gint64                 retry_at_ms;
  guint                  busy : 1;
};

G_DEFINE_FINAL_TYPE (MfaPhoneNumber, mfa_phone_number, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PHONE_NUMBER,
  PROP_DISPLAY,
  PROP_VERIFICATION_STATUS,
  PROP_VERIFIED,
  PROP_EXPIRE_AT,
  PROP_ATTEMPTS,
  PROP_RESERVED,
  PROP_DEFAULT,
  PROP_CREATED_AT,
  PROP_BUSY,
  PROP_RETRY_AT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfa_phone_number_finalize (GObject *object)
{
  MfaPhoneNumber *self = (MfaPhoneNumber *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->phone_number, g_free);
  g_clear_pointer (&self->display, g_free);

  G_OBJECT_CLASS (mfa_phone_number_parent_class)->finalize (object);
}

static void
mfa_phone_number_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaPhoneNumber *self = MFA_PHONE_NUMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_PHONE_NUMBER:
      g_value_set_string (value, self->phone_number);
      break;

    case PROP_DISPLAY:
      g_value_set_string (value, self->display);
      break;

    case PROP_VERIFICATION_STATUS:
      g_value_set_enum (value, self->verification_status);
      break;

    case PROP_VERIFIED:
      g_value_set_boolean (value, mfa_phone_number_is_verified (self));
      break;

    case PROP_EXPIRE_AT:
      g_value_set_int64 (value, self->expire_at);
      break;

    case PROP_ATTEMPTS:
      g_value_set_int (value, self->attempts);
      break;

    case PROP_RESERVED:
      g_value_set_boolean (value, self->reserved);
      break;

    case PROP_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_RETRY_AT_MS:
      g_value_set_int64 (value, self->retry_at_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_number_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaPhoneNumber *self = MFA_PHONE_NUMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_PHONE_NUMBER:
      self->phone_number = g_value_dup_string (value);
      break;

    case PROP_DISPLAY:
      mfa_phone_number_set_display (self, g_value_get_string (value));
      break;

    case PROP_VERIFICATION_STATUS:
      mfa_phone_number_set_verification_status (self, g_value_get_enum (value));
      break;

    case PROP_EXPIRE_AT:
      mfa_phone_number_set_expire_at (self, g_value_get_int64 (value));
      break;

    case PROP_ATTEMPTS:
      mfa_phone_number_set_attempts (self, g_value_get_int (value));
      break;

    case PROP_RESERVED:
      mfa_phone_number_set_reserved (self, g_value_get_boolean (value));
      break;

    case PROP_DEFAULT:
      mfa_phone_number_set_default (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      mfa_phone_number_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_BUSY:
      mfa_phone_number_set_busy (self, g_value_get_boolean (value));
      break;

    case PROP_RETRY_AT_MS:
      mfa_phone_number_set_retry_at_ms (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_number_constructed (GObject *object)
{
  MfaPhoneNumber *self = (MfaPhoneNumber *)object;

  G_OBJECT_CLASS (mfa_phone_number_parent_class)->constructed (object);

  if (self->display == NULL && self->phone_number != NULL)
    self->display = mfa_phone_number_format_display (self->phone_number);
}

static void
mfa_phone_number_class_init (MfaPhoneNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfa_phone_number_constructed;
  object_class->finalize = mfa_phone_number_finalize;
  object_class->get_property = mfa_phone_number_get_property;
  object_class->set_property = mfa_phone_number_set_property;

  /**
   * MfaPhoneNumber:id:
   *
   * Clerk's id of the number (`idn_…`).
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:phone-number:
   *
   * The number in E.164, as the server stores it.
   */
  properties[PROP_PHONE_NUMBER] =
    g_param_spec_string ("phone-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:display:
   *
   * The number as people read it. A cheap grouping for +1 numbers and
   * plain E.164 otherwise, until the view layer sets a form formatted by
   * the phone helper.
   */
  properties[PROP_DISPLAY] =
    g_param_spec_string ("display", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VERIFICATION_STATUS] =
    g_param_spec_enum ("verification-status", NULL, NULL,
                       MFA_TYPE_VERIFICATION_STATUS,
                       MFA_VERIFICATION_STATUS_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:verified:
   *
   * Whether #MfaPhoneNumber:verification-status is verified.
   */
  properties[PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:expire-at:
   *
   * When the current code expires, in ms since the epoch; 0 when unknown.
   */
  properties[PROP_EXPIRE_AT] =
    g_param_spec_int64 ("expire-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:attempts:
   *
   * Codes tried on the current verification; -1 when unknown.
   */
  properties[PROP_ATTEMPTS] =
    g_param_spec_int ("attempts", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESERVED] =
    g_param_spec_boolean ("reserved", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT] =
    g_param_spec_boolean ("default", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaPhoneNumber:retry-at-ms:
   *
   * When the service, having received too many requests about this
   * number, said it may be asked again (ms since the epoch on the
   * account's clock), or 0. The app's own, like #MfaPhoneNumber:busy.
   */
  properties[PROP_RETRY_AT_MS] =
    g_param_spec_int64 ("retry-at-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_phone_number_init (MfaPhoneNumber *self)
{
  self->attempts = -1;
}

MfaPhoneNumber *
mfa_phone_number_new (const char *id,
                      const char *e164)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (e164 != NULL, NULL);

  return g_object_new (MFA_TYPE_PHONE_NUMBER,
                       "id", id,
                       "phone-number", e164,
                       NULL);
}

const char *
mfa_phone_number_get_id (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), NULL);
  return self->id;
}

const char *
mfa_phone_number_get_phone_number (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), NULL);
  return self->phone_number;
}

const char *
mfa_phone_number_get_display (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), NULL);
  return self->display;
}

/**
 * mfa_phone_number_set_display:
 * @display: (nullable): the formatted number; %NULL restores the
 *   built-in form
 */
void
mfa_phone_number_set_display (MfaPhoneNumber *self,
                              const char     *display)
{
  g_autofree char *fallback = NULL;

  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  if (display == NULL && self->phone_number != NULL)
    display = fallback = mfa_phone_number_format_display (self->phone_number);
  if (g_strcmp0 (self->display, display) == 0)
    return;
  g_free (self->display);
  self->display = g_strdup (display);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY]);
}

MfaVerificationStatus
mfa_phone_number_get_verification_status (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), MFA_VERIFICATION_STATUS_NONE);
  return self->verification_status;
}

void
mfa_phone_number_set_verification_status (MfaPhoneNumber        *self,
                                          MfaVerificationStatus  status)
{
  gboolean was_verified;

  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));
  g_return_if_fail (status <= MFA_VERIFICATION_STATUS_UNKNOWN);

  if (self->verification_status == status)
    return;
  was_verified = mfa_phone_number_is_verified (self);
  self->verification_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFICATION_STATUS]);
  if (was_verified != mfa_phone_number_is_verified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED]);
}

gint64
mfa_phone_number_get_expire_at (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), 0);
  return self->expire_at;
}

void
mfa_phone_number_set_expire_at (MfaPhoneNumber *self,
                                gint64          expire_at)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  expire_at = MAX (0, expire_at);
  if (self->expire_at == expire_at)
    return;
  self->expire_at = expire_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRE_AT]);
}

int
mfa_phone_number_get_attempts (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), -1);
  return self->attempts;
}

void
mfa_phone_number_set_attempts (MfaPhoneNumber *self,
                               int             attempts)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  attempts = MAX (-1, attempts);
  if (self->attempts == attempts)
    return;
  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

/**
 * mfa_phone_number_get_busy:
 *
 * Returns: whether a change of this number is on its way to the service
 */
gboolean
mfa_phone_number_get_busy (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), FALSE);
  return self->busy;
}

void
mfa_phone_number_set_busy (MfaPhoneNumber *self,
                           gboolean        busy)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gint64
mfa_phone_number_get_retry_at_ms (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), 0);
  return self->retry_at_ms;
}

void
mfa_phone_number_set_retry_at_ms (MfaPhoneNumber *self,
                                  gint64          retry_at_ms)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  retry_at_ms = MAX (0, retry_at_ms);
  if (self->retry_at_ms == retry_at_ms)
    return;
  self->retry_at_ms = retry_at_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT_MS]);
}

gboolean
mfa_phone_number_get_reserved (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), FALSE);
  return self->reserved;
}

void
mfa_phone_number_set_reserved (MfaPhoneNumber *self,
                               gboolean        reserved)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  reserved = !!reserved;
  if (self->reserved == reserved)
    return;
  self->reserved = reserved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVED]);
}

gboolean
mfa_phone_number_get_default (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), FALSE);
  return self->is_default;
}

void
mfa_phone_number_set_default (MfaPhoneNumber *self,
                              gboolean        is_default)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;
  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT]);
}

gint64
mfa_phone_number_get_created_at (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), 0);
  return self->created_at;
}

void
mfa_phone_number_set_created_at (MfaPhoneNumber *self,
                                 gint64          created_at)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));

  created_at = MAX (0, created_at);
  if (self->created_at == created_at)
    return;
  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

/**
 * mfa_phone_number_update_from:
 * @other: the same number (same id) as the server now reports it
 *
 * Takes over every value of @other, notifying each property that
 * changed, all at once after the last change. The display form stays.
 */
void
mfa_phone_number_update_from (MfaPhoneNumber *self,
                              MfaPhoneNumber *other)
{
  g_return_if_fail (MFA_IS_PHONE_NUMBER (self));
  g_return_if_fail (MFA_IS_PHONE_NUMBER (other));
  g_return_if_fail (g_strcmp0 (self->id, other->id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  mfa_phone_number_set_verification_status (self, other->verification_status);
  mfa_phone_number_set_expire_at (self, other->expire_at);
  mfa_phone_number_set_attempts (self, other->attempts);
  mfa_phone_number_set_reserved (self, other->reserved);
  mfa_phone_number_set_default (self, other->is_default);
  mfa_phone_number_set_created_at (self, other->created_at);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
mfa_phone_number_is_verified (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), FALSE);
  return self->verification_status == MFA_VERIFICATION_STATUS_VERIFIED;
}

/**
 * mfa_phone_number_get_list:
 *
 * Returns: which of the three lists of the manage page shows the number
 */
MfaPhoneList
mfa_phone_number_get_list (MfaPhoneNumber *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (self), MFA_PHONE_LIST_UNVERIFIED);

  if (!mfa_phone_number_is_verified (self))
    return MFA_PHONE_LIST_UNVERIFIED;
  if (self->reserved)
    return MFA_PHONE_LIST_RESERVED;
  return MFA_PHONE_LIST_VERIFIED;
}

/**
 * mfa_phone_number_filter_func:
 * @item: (type MfaPhoneNumber): a phone number
 * @user_data: the #MfaPhoneList, as GINT_TO_POINTER()
 *
 * The filter of one list; fits `GtkCustomFilterFunc`.
 *
 * Returns: whether @item belongs to that list
 */
gboolean
mfa_phone_number_filter_func (gpointer item,
                              gpointer user_data)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (item), FALSE);
  return mfa_phone_number_get_list (item) == (MfaPhoneList) GPOINTER_TO_INT (user_data);
}

/**
 * mfa_phone_number_compare:
 * @a: (type MfaPhoneNumber): a phone number
 * @b: (type MfaPhoneNumber): another
 * @user_data: unused
 *
 * The order of the lists, a `GCompareDataFunc` for `GtkCustomSorter`:
 * by list (reserved, verified, unverified), then the default first, then
 * oldest first, then by id so that the order is total.
 */
int
mfa_phone_number_compare (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  MfaPhoneNumber *pa = (MfaPhoneNumber *)a;
  MfaPhoneNumber *pb = (MfaPhoneNumber *)b;
  MfaPhoneList la, lb;

  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (pa), 0);
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (pb), 0);

  la = mfa_phone_number_get_list (pa);
  lb = mfa_phone_number_get_list (pb);
  if (la != lb)
    return la < lb ? -1 : 1;
  if (pa->is_default != pb->is_default)
    return pa->is_default ? -1 : 1;
  if (pa->created_at != pb->created_at)
    return pa->created_at < pb->created_at ? -1 : 1;
  return g_strcmp0 (pa->id, pb->id);
}

/**
 * mfa_phone_number_format_display:
 * @e164: a number in E.164
 *
 * The built-in display form, which needs no phone library: a +1 number
 * of ten digits reads `+1 201-555-0123`; anything else stays as given.
 *
 * Returns: (transfer full): the display form
 */
char *
mfa_phone_number_format_display (const char *e164)
{
  g_return_val_if_fail (e164 != NULL, NULL);

  if (strlen (e164) == 12 && g_str_has_prefix (e164, "+1"))
    {
      for (guint i = 1; i < 12; i++)
        if (!g_ascii_isdigit (e164[i]))
          return g_strdup (e164);
      return g_strdup_printf ("+1 %.3s-%.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);
    }
  return g_strdup (e164);
}

/**
 * mfa_phone_number_mask:
 * @e164: (nullable): a number
 *
 * The form debug logs use: everything but the last four digits hidden.
 *
 * Returns: (transfer full): the masked number
 */
char *
mfa_phone_number_mask (const char *e164)
{
  gsize len;

  if (e164 == NULL)
    return g_strdup ("(none)");
  len = strlen (e164);
  if (len <= 4)
    return g_strdup ("****");
  return g_strdup_printf ("***%s", e164 + len - 4);
}
