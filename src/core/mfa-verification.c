/* mfa-verification.c
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

#define G_LOG_DOMAIN "mfa-verification"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-cooldown.h"
#include "mfa-core-enums.h"
#include "mfa-error-words.h"
#include "mfa-verification-private.h"

/**
 * MfaVerification:
 *
 * One verification the person goes through: signing in, confirming it
 * is them before a change (step-up), or proving a phone number. It knows
 * the factors on offer and the one chosen, sends and sends again the
 * code with its cooldown, counts down the code's expiry and a rate
 * limit, checks what the person typed, and words every outcome. Views
 * bind to its properties and call its methods; they send no request of
 * their own.
 */



G_DEFINE_FINAL_TYPE (MfaVerification, mfa_verification, G_TYPE_OBJECT)


static GParamSpec *properties[N_PROPS];

static void update_resend (MfaVerification *self);

void
_mfa_verification_notify (MfaVerification *self,
                          guint            prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
_mfa_verification_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

const char *
_mfa_verification_base_url (MfaVerification *self)
{
  return mfa_client_get_base_url (self->client);
}

/* State setters */

void
_mfa_verification_set_stage (MfaVerification      *self,
                             MfaVerificationStage  stage)
{
  if (self->stage == stage)
    return;

  g_debug ("stage %d → %d", self->stage, stage);
  self->stage = stage;
  _mfa_verification_notify (self, PROP_STAGE);
  _mfa_verification_update_expiry (self);
}

void
_mfa_verification_set_busy (MfaVerification *self,
                            gboolean         busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  _mfa_verification_notify (self, PROP_BUSY);
  update_resend (self);
}

/* An answer came and nothing else is under way. */
void
_mfa_verification_answered (MfaVerification *self)
{
  _mfa_verification_notify (self, PROP_BUSY);
  update_resend (self);
}

void
_mfa_verification_set_message (MfaVerification *self,
                               const char      *message,
                               gboolean         input_invalid)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      _mfa_verification_notify (self, PROP_MESSAGE);
    }

  input_invalid = !!input_invalid;
  if (self->input_invalid != input_invalid)
    {
      self->input_invalid = input_invalid;
      _mfa_verification_notify (self, PROP_INPUT_INVALID);
    }
}

void
_mfa_verification_set_invalid_field (MfaVerification *self,
                                     const char      *field)
{
  if (g_strcmp0 (self->invalid_field, field) == 0)
    return;

  self->invalid_field = g_intern_string (field);
  _mfa_verification_notify (self, PROP_INVALID_FIELD);
}

/* Keeps @error for its details, and the sign-in field it blames. */
void
_mfa_verification_set_error (MfaVerification *self,
                             const GError    *error)
{
  const char *param = NULL;

  if (error != NULL && error->domain == MFA_CLIENT_ERROR)
    param = mfa_client_error_get_param_name (error);
  if (g_strcmp0 (param, "identifier") != 0 && g_strcmp0 (param, "password") != 0)
    param = NULL;
  _mfa_verification_set_invalid_field (self, param);

  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  _mfa_verification_notify (self, PROP_ERROR);
}

void
_mfa_verification_restart_cancellable (MfaVerification *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Factors */

gboolean
_mfa_verification_is_strategy (MfaFactor  *factor,
                               const char *strategy)
{
  return factor != NULL && g_strcmp0 (mfa_factor_get_strategy (factor), strategy) == 0;
}

/* Codes the service sends, which can be sent again. */
gboolean
_mfa_verification_is_sent (MfaFactor *factor)
{
  return _mfa_verification_is_strategy (factor, "phone_code") || _mfa_verification_is_strategy (factor, "email_code");
}

static gboolean
same_factor (MfaFactor *a,
             MfaFactor *b)
{
  return g_strcmp0 (mfa_factor_get_strategy (a), mfa_factor_get_strategy (b)) == 0 &&
         g_strcmp0 (mfa_factor_get_phone_number_id (a), mfa_factor_get_phone_number_id (b)) == 0 &&
         g_strcmp0 (mfa_factor_get_email_address_id (a), mfa_factor_get_email_address_id (b)) == 0;
}

/* Whether this app can ask for @factor in the step under way. */
static gboolean
is_supported (MfaVerification *self,
              MfaFactor       *factor)
{
  if (_mfa_verification_is_strategy (factor, "phone_code"))
    return mfa_factor_get_phone_number_id (factor) != NULL;

  switch (self->kind)
    {
    case MFA_VERIFICATION_KIND_SIGN_IN:
      return _mfa_verification_is_strategy (factor, "email_code") || _mfa_verification_is_strategy (factor, "totp") ||
             _mfa_verification_is_strategy (factor, "backup_code");

    case MFA_VERIFICATION_KIND_REVERIFICATION:
      if (self->step == MFA_FACTOR_STEP_FIRST)
        return _mfa_verification_is_strategy (factor, "password");
      return _mfa_verification_is_strategy (factor, "totp") || _mfa_verification_is_strategy (factor, "backup_code");

    case MFA_VERIFICATION_KIND_TOTP:
      return _mfa_verification_is_strategy (factor, "totp");

    case MFA_VERIFICATION_KIND_PHONE:
    default:
      return FALSE;
    }
}

/* A phone of the account is shown the way the list shows it, not with
 * the service's mask: the person is signed in and sees the whole number
 * behind the confirmation anyway.
 */
static MfaFactor *
shown_as_in_list (MfaVerification *self,
                  MfaFactor       *factor)
{
  const char *id = mfa_factor_get_phone_number_id (factor);
  MfaUser *user = mfa_client_get_user (self->client);
  MfaPhoneNumber *phone = NULL;

  if (self->kind == MFA_VERIFICATION_KIND_REVERIFICATION && id != NULL && user != NULL)
    phone = mfa_user_find_phone_number (user, id);

  if (phone == NULL)
    return g_object_ref (factor);

  return mfa_factor_new (mfa_factor_get_strategy (factor), id,
                         mfa_phone_number_get_phone_number (phone),
                         mfa_factor_get_default (factor));
}

/* The first factor of @strategy on offer; with @default_only, the one
 * marked default.
 */
static MfaFactor *
find_factor (MfaVerification *self,
             const char      *strategy,
             gboolean         default_only)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->factors));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (G_LIST_MODEL (self->factors), i);

      if (_mfa_verification_is_strategy (factor, strategy) && (!default_only || mfa_factor_get_default (factor)))
        return g_steal_pointer (&factor);
    }

  return NULL;
}

/* The factor to ask for first: the password, then the authenticator app
 * (as Clerk's own apps do: it sends nothing, and a text message goes out
 * only when the person picks one), then the default phone, then a text
 * message, an email, a backup code.
 */
static MfaFactor *
first_factor (MfaVerification *self)
{
  static const struct {
    const char *strategy;
    gboolean    default_only;
  } order[] = {
    { "password", FALSE },
    { "totp", FALSE },
    { "phone_code", TRUE },
    { "phone_code", FALSE },
    { "email_code", FALSE },
    { "backup_code", FALSE },
  };
  MfaFactor *first = NULL;

  for (guint o = 0; first == NULL && o < G_N_ELEMENTS (order); o++)
    first = find_factor (self, order[o].strategy, order[o].default_only);

  return first;
}

/* Offers @factors (those this app supports) and asks for the first. */
void
_mfa_verification_offer_factors (MfaVerification *self,
                                 GListModel      *factors)
{
  g_autoptr(MfaFactor) first = NULL;
  guint n = factors != NULL ? g_list_model_get_n_items (factors) : 0;
  guint removed = g_list_model_get_n_items (G_LIST_MODEL (self->factors));
  g_autoptr(GPtrArray) supported = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaFactor) factor = g_list_model_get_item (factors, i);

      if (self->kind == MFA_VERIFICATION_KIND_PHONE || is_supported (self, factor))
        g_ptr_array_add (supported, shown_as_in_list (self, factor));
    }

  g_list_store_splice (self->factors, 0, removed, supported->pdata, supported->len);

  g_clear_object (&self->factor);
  first = first_factor (self);
  if (first == NULL && supported->len > 0)
    first = g_object_ref (g_ptr_array_index (supported, 0));

  if (first == NULL)
    {
      _mfa_verification_notify (self, PROP_STRATEGY);
      _mfa_verification_notify (self, PROP_FACTOR);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_UNSUPPORTED);
      return;
    }

  _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_FACTOR);
  mfa_verification_set_factor (self, first);
}

/* Cooldowns: resends per destination, and the rate limit on attempts */

static char *
cooldown_key (MfaFactor *factor)
{
  const char *id;

  if (!_mfa_verification_is_sent (factor))
    return NULL;

  id = mfa_factor_get_phone_number_id (factor);
  if (id == NULL)
    id = mfa_factor_get_email_address_id (factor);
  if (id == NULL)
    id = mfa_factor_get_safe_identifier (factor);

  return g_strdup_printf ("%s:%s", mfa_factor_get_strategy (factor), id != NULL ? id : "");
}

static guint
seconds_left (gint64 remaining_ms)
{
  return remaining_ms > 0 ? (guint)((remaining_ms + 999) / 1000) : 0;
}

static void
update_resend (MfaVerification *self)
{
  g_autofree char *key = cooldown_key (self->factor);
  guint seconds = key != NULL ? seconds_left (mfa_cooldown_remaining_ms (self->cooldown, key)) : 0;

  if (self->resend_seconds != seconds)
    {
      self->resend_seconds = seconds;
      _mfa_verification_notify (self, PROP_RESEND_SECONDS);
    }
  _mfa_verification_notify (self, PROP_CAN_RESEND);
}

void
_mfa_verification_update_retry (MfaVerification *self)
{
  guint seconds = seconds_left (mfa_cooldown_remaining_ms (self->cooldown, RETRY_KEY));
  g_autofree char *text = NULL;
  gboolean was_waiting = self->retry_seconds > 0;

  if (self->retry_seconds != seconds)
    {
      self->retry_seconds = seconds;
      _mfa_verification_notify (self, PROP_RETRY_SECONDS);
    }

  if (seconds > 0)
    {
      text = mfa_error_format_retry (seconds);
      _mfa_verification_set_message (self, text, FALSE);
    }
  else if (was_waiting)
    _mfa_verification_set_message (self, NULL, FALSE);
}

static void
cooldown_changed_cb (MfaVerification *self,
                     const char      *key)
{
  if (g_strcmp0 (key, RETRY_KEY) == 0)
    _mfa_verification_update_retry (self);
  else
    update_resend (self);
}

void
_mfa_verification_start_resend_cooldown (MfaVerification *self,
                                         gint64           seconds)
{
  g_autofree char *key = cooldown_key (self->factor);

  if (key != NULL)
    mfa_cooldown_start (self->cooldown, key, seconds * 1000);
  update_resend (self);
}

void
_mfa_verification_clear_resend_cooldown (MfaVerification *self)
{
  g_autofree char *key = cooldown_key (self->factor);

  if (key != NULL)
    mfa_cooldown_clear (self->cooldown, key);
  update_resend (self);
}

void
_mfa_verification_clear_cooldowns (MfaVerification *self)
{
  mfa_cooldown_clear_all (self->cooldown);
  update_resend (self);
  _mfa_verification_update_retry (self);
}

/* Expiry of the code sent */

static gint64
expire_at_ms (MfaVerification *self)
{
  if (self->stage != MFA_VERIFICATION_STAGE_FACTOR || !_mfa_verification_is_sent (self->factor))
    return 0;

  if (self->phone != NULL &&
      mfa_phone_number_get_verification_status (self->phone) == MFA_VERIFICATION_STATUS_UNVERIFIED)
    return mfa_phone_number_get_expire_at (self->phone);

  if (self->sign_in != NULL &&
      mfa_sign_in_get_second_factor_status (self->sign_in) == MFA_VERIFICATION_STATUS_UNVERIFIED)
    return mfa_sign_in_get_second_factor_expire_at (self->sign_in);

  return 0;
}

/* A code went to the phone and can still be entered. */
static gboolean
code_waiting (MfaVerification *self)
{
  return self->phone != NULL &&
         mfa_phone_number_get_verification_status (self->phone) == MFA_VERIFICATION_STATUS_UNVERIFIED &&
         mfa_clock_remaining_ms (self->clock, mfa_phone_number_get_expire_at (self->phone)) > 0;
}

static void
set_expires_in (MfaVerification *self,
                int              seconds)
{
  if (self->expires_in == seconds)
    return;

  self->expires_in = seconds;
  _mfa_verification_notify (self, PROP_EXPIRES_IN);
}

static void
expiry_tick_cb (MfaClock *clock,
                gint64    remaining_ms,
                gpointer  user_data)
{
  MfaVerification *self = user_data;

  if (remaining_ms <= 0)
    self->expiry_tick = 0;
  set_expires_in (self, (int)seconds_left (remaining_ms));
}

void
_mfa_verification_update_expiry (MfaVerification *self)
{
  gint64 deadline = expire_at_ms (self);
  MfaVerificationStatus status = MFA_VERIFICATION_STATUS_UNKNOWN;

  if (self->expiry_tick != 0)
    mfa_clock_remove (self->clock, self->expiry_tick);
  self->expiry_tick = 0;

  if (self->phone != NULL)
    status = mfa_phone_number_get_verification_status (self->phone);

  if (deadline > 0)
    self->expiry_tick = mfa_clock_tick_until (self->clock, deadline, expiry_tick_cb, self, NULL);
  else if (self->stage == MFA_VERIFICATION_STAGE_FACTOR &&
           (status == MFA_VERIFICATION_STATUS_EXPIRED || status == MFA_VERIFICATION_STATUS_FAILED))
    set_expires_in (self, 0);
  else
    set_expires_in (self, -1);
}

/* Public API */

/**
 * mfa_verification_resend:
 * @self: a #MfaVerification
 *
 * Sends the code of #MfaVerification:factor again, once its cooldown
 * is over.
 */
void
mfa_verification_resend (MfaVerification *self)
{
  g_return_if_fail (MFA_IS_VERIFICATION (self));

  if (mfa_verification_get_can_resend (self))
    {
      _mfa_verification_set_message (self, NULL, FALSE);
      _mfa_verification_send_code (self);
    }
}

/**
 * mfa_verification_cancel:
 * @self: a #MfaVerification
 *
 * Stops the request under way. A sign-in goes back to its identifier
 * and password; an authenticator app's set-up not finished forgets its
 * secret. Cooldowns stay, so going back and forth sends nothing early.
 */
void
mfa_verification_cancel (MfaVerification *self)
{
  g_return_if_fail (MFA_IS_VERIFICATION (self));

  _mfa_verification_restart_cancellable (self);
  _mfa_verification_set_busy (self, FALSE);

  if (self->kind == MFA_VERIFICATION_KIND_SIGN_IN)
    {
      g_clear_object (&self->sign_in);
      _mfa_verification_set_error (self, NULL);
      _mfa_verification_set_message (self, NULL, FALSE);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_IDLE);
    }
  else if (self->kind == MFA_VERIFICATION_KIND_TOTP && self->stage != MFA_VERIFICATION_STAGE_COMPLETE)
    {
      /* The secret is not kept beyond the set-up that showed it. */
      _mfa_verification_set_totp (self, NULL, NULL);
      _mfa_verification_set_stage (self, MFA_VERIFICATION_STAGE_IDLE);
    }
}

/**
 * mfa_verification_clear_message:
 * @self: a #MfaVerification
 *
 * The person changed what they typed: what was wrong with it goes. The
 * countdown of a rate limit stays until it ends.
 */
void
mfa_verification_clear_message (MfaVerification *self)
{
  g_return_if_fail (MFA_IS_VERIFICATION (self));

  if (self->retry_seconds > 0)
    return;

  _mfa_verification_set_message (self, NULL, FALSE);
  _mfa_verification_set_error (self, NULL);
}

/**
 * mfa_verification_set_factor:
 * @self: a #MfaVerification
 * @factor: one of #MfaVerification:factors
 *
 * Asks for @factor's secret instead, and sends its code at once unless
 * one went to the same destination moments ago.
 */
void
mfa_verification_set_factor (MfaVerification *self,
                             MfaFactor       *factor)
{
  MfaFactor *offered = NULL;
  guint n;

  g_return_if_fail (MFA_IS_VERIFICATION (self));
  g_return_if_fail (factor == NULL || MFA_IS_FACTOR (factor));

  if (self->busy || factor == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->factors));
  for (guint i = 0; offered == NULL && i < n; i++)
    {
      g_autoptr(MfaFactor) item = g_list_model_get_item (G_LIST_MODEL (self->factors), i);

      if (same_factor (item, factor))
        offered = item;
    }
  if (offered == NULL)
    return;

  g_set_object (&self->factor, offered);
  if (self->retry_seconds == 0)
    _mfa_verification_set_message (self, NULL, FALSE);
  _mfa_verification_set_error (self, NULL);
  /* What shows the strategy changes before what follows the factor
   * (and moves the focus to the new input). */
  _mfa_verification_notify (self, PROP_STRATEGY);
  _mfa_verification_notify (self, PROP_FACTOR);
  update_resend (self);
  _mfa_verification_update_expiry (self);

  /* A phone whose code is still waiting to be entered keeps it. */
  if (mfa_verification_get_can_resend (self) && !code_waiting (self))
    _mfa_verification_send_code (self);
}

MfaVerificationKind
mfa_verification_get_kind (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->kind;
}

MfaVerificationStage
mfa_verification_get_stage (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->stage;
}

/**
 * mfa_verification_get_factors:
 *
 * Returns: (transfer none): the #MfaFactor objects on offer that this
 *   app can ask for
 */
GListModel *
mfa_verification_get_factors (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return G_LIST_MODEL (self->factors);
}

/**
 * mfa_verification_get_factor:
 *
 * Returns: (transfer none) (nullable): the factor asked for
 */
MfaFactor *
mfa_verification_get_factor (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->factor;
}

const char *
mfa_verification_get_strategy (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->factor != NULL ? mfa_factor_get_strategy (self->factor) : NULL;
}

MfaFactorStep
mfa_verification_get_step (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->step;
}

/**
 * mfa_verification_get_level:
 *
 * Returns: (nullable): a step-up's level, `first_factor` or `multi_factor`
 */
const char *
mfa_verification_get_level (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->level;
}

gboolean
mfa_verification_get_new_device (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), FALSE);

  return self->new_device;
}

/**
 * mfa_verification_get_phone:
 *
 * Returns: (transfer none) (nullable): the number a phone's verification
 *   is for
 */
MfaPhoneNumber *
mfa_verification_get_phone (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->phone;
}

gboolean
mfa_verification_get_busy (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), FALSE);

  return self->busy;
}

/**
 * mfa_verification_get_message:
 *
 * Returns: (nullable): what went wrong, in the person's words
 */
const char *
mfa_verification_get_message (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->message;
}

gboolean
mfa_verification_get_input_invalid (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), FALSE);

  return self->input_invalid;
}

/**
 * mfa_verification_get_error:
 *
 * Returns: (nullable): the error behind #MfaVerification:message, for
 *   its details
 */
const GError *
mfa_verification_get_error (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->error;
}

/**
 * mfa_verification_get_invalid_field:
 *
 * Returns: (nullable): the sign-in field the service refused,
 *   `identifier` or `password`
 */
const char *
mfa_verification_get_invalid_field (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->invalid_field;
}

gboolean
mfa_verification_get_can_resend (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), FALSE);

  return !self->busy && self->stage == MFA_VERIFICATION_STAGE_FACTOR &&
         _mfa_verification_is_sent (self->factor) && self->resend_seconds == 0;
}

guint
mfa_verification_get_resend_seconds (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->resend_seconds;
}

guint
mfa_verification_get_retry_seconds (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->retry_seconds;
}

/**
 * mfa_verification_get_expires_in:
 *
 * Returns: the seconds until the code sent expires, 0 once it has, -1
 *   when no code is waiting or the service did not say
 */
int
mfa_verification_get_expires_in (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), -1);

  return self->expires_in;
}

/**
 * mfa_verification_get_codes_sent:
 *
 * Returns: how many codes this verification has sent
 */
guint
mfa_verification_get_codes_sent (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), 0);

  return self->codes_sent;
}

/**
 * mfa_verification_get_totp:
 * @self: a #MfaVerification
 *
 * Returns: (transfer none) (nullable): setting up an authenticator app:
 *   the secret the app is to take, while it waits for a code from it
 */
MfaTotp *
mfa_verification_get_totp (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->totp;
}

/**
 * mfa_verification_get_backup_codes:
 * @self: a #MfaVerification
 *
 * Returns: (transfer none) (nullable): the backup codes the service
 *   handed out because this turned two-step verification on
 */
MfaBackupCodes *
mfa_verification_get_backup_codes (MfaVerification *self)
{
  g_return_val_if_fail (MFA_IS_VERIFICATION (self), NULL);

  return self->backup_codes;
}

void
_mfa_verification_set_totp (MfaVerification *self,
                            MfaTotp         *totp,
                            MfaBackupCodes  *backup_codes)
{
  if (g_set_object (&self->totp, totp))
    _mfa_verification_notify (self, PROP_TOTP);
  if (g_set_object (&self->backup_codes, backup_codes))
    _mfa_verification_notify (self, PROP_BACKUP_CODES);
}

/* GObject */

static void
phone_changed_cb (MfaVerification *self)
{
  _mfa_verification_update_expiry (self);
}

static void
mfa_verification_constructed (GObject *object)
{
  MfaVerification *self = MFA_VERIFICATION (object);

  G_OBJECT_CLASS (mfa_verification_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (mfa_clock_get_default ());
  if (self->cooldown == NULL)
    self->cooldown = mfa_cooldown_new (self->clock);
  g_signal_connect_object (self->cooldown, "changed", G_CALLBACK (cooldown_changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (self->phone != NULL)
    {
      g_signal_connect_object (self->phone, "notify::expire-at",
                               G_CALLBACK (phone_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->phone, "notify::verification-status",
                               G_CALLBACK (phone_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
mfa_verification_dispose (GObject *object)
{
  MfaVerification *self = MFA_VERIFICATION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->expiry_tick != 0)
    mfa_clock_remove (self->clock, self->expiry_tick);
  self->expiry_tick = 0;
  if (self->cooldown != NULL)
    g_signal_handlers_disconnect_by_data (self->cooldown, self);
  g_clear_object (&self->cooldown);

  G_OBJECT_CLASS (mfa_verification_parent_class)->dispose (object);
}

static void
mfa_verification_finalize (GObject *object)
{
  MfaVerification *self = MFA_VERIFICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);
  g_clear_object (&self->factors);
  g_clear_object (&self->factor);
  g_clear_pointer (&self->message, g_free);
  g_clear_error (&self->error);
  g_clear_object (&self->sign_in);
  g_clear_pointer (&self->level, g_free);
  g_clear_object (&self->reverification);
  g_clear_object (&self->phone);
  g_clear_object (&self->totp);
  g_clear_object (&self->backup_codes);

  G_OBJECT_CLASS (mfa_verification_parent_class)->finalize (object);
}

static void
mfa_verification_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfaVerification *self = MFA_VERIFICATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_FACTORS:
      g_value_set_object (value, self->factors);
      break;
    case PROP_FACTOR:
      g_value_set_object (value, self->factor);
      break;
    case PROP_STRATEGY:
      g_value_set_string (value, mfa_verification_get_strategy (self));
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;
    case PROP_NEW_DEVICE:
      g_value_set_boolean (value, self->new_device);
      break;
    case PROP_PHONE:
      g_value_set_object (value, self->phone);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_INPUT_INVALID:
      g_value_set_boolean (value, self->input_invalid);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_INVALID_FIELD:
      g_value_set_string (value, self->invalid_field);
      break;
    case PROP_CAN_RESEND:
      g_value_set_boolean (value, mfa_verification_get_can_resend (self));
      break;
    case PROP_RESEND_SECONDS:
      g_value_set_uint (value, self->resend_seconds);
      break;
    case PROP_RETRY_SECONDS:
      g_value_set_uint (value, self->retry_seconds);
      break;
    case PROP_EXPIRES_IN:
      g_value_set_int (value, self->expires_in);
      break;
    case PROP_CODES_SENT:
      g_value_set_uint (value, self->codes_sent);
      break;
    case PROP_COOLDOWN:
      g_value_set_object (value, self->cooldown);
      break;
    case PROP_TOTP:
      g_value_set_object (value, self->totp);
      break;
    case PROP_BACKUP_CODES:
      g_value_set_object (value, self->backup_codes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_verification_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfaVerification *self = MFA_VERIFICATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_FACTOR:
      mfa_verification_set_factor (self, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      self->level = g_value_dup_string (value);
      break;
    case PROP_PHONE:
      self->phone = g_value_dup_object (value);
      break;
    case PROP_COOLDOWN:
      self->cooldown = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_verification_class_init (MfaVerificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = mfa_verification_constructed;
  object_class->dispose = mfa_verification_dispose;
  object_class->finalize = mfa_verification_finalize;
  object_class->get_property = mfa_verification_get_property;
  object_class->set_property = mfa_verification_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MFA_TYPE_VERIFICATION_KIND,
                       MFA_VERIFICATION_KIND_SIGN_IN, co);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MFA_TYPE_CLIENT, co);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, MFA_TYPE_CLOCK, co);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, MFA_TYPE_VERIFICATION_STAGE,
                       MFA_VERIFICATION_STAGE_IDLE, ro);
  properties[PROP_FACTORS] =
    g_param_spec_object ("factors", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_FACTOR] =
    g_param_spec_object ("factor", NULL, NULL, MFA_TYPE_FACTOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRATEGY] =
    g_param_spec_string ("strategy", NULL, NULL, NULL, ro);
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, MFA_TYPE_FACTOR_STEP, MFA_FACTOR_STEP_FIRST, ro);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, NULL, co);
  properties[PROP_NEW_DEVICE] =
    g_param_spec_boolean ("new-device", NULL, NULL, FALSE, ro);
  properties[PROP_PHONE] =
    g_param_spec_object ("phone", NULL, NULL, MFA_TYPE_PHONE_NUMBER, co);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_INPUT_INVALID] =
    g_param_spec_boolean ("input-invalid", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_INVALID_FIELD] =
    g_param_spec_string ("invalid-field", NULL, NULL, NULL, ro);
  properties[PROP_CAN_RESEND] =
    g_param_spec_boolean ("can-resend", NULL, NULL, FALSE, ro);
  properties[PROP_RESEND_SECONDS] =
    g_param_spec_uint ("resend-seconds", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RETRY_SECONDS] =
    g_param_spec_uint ("retry-seconds", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_EXPIRES_IN] =
    g_param_spec_int ("expires-in", NULL, NULL, -1, G_MAXINT, -1, ro);
  /* Resend waits kept beyond this verification (going back and forth
   * between a number and the list sends nothing early); its own when
   * none is given. */
  properties[PROP_COOLDOWN] =
    g_param_spec_object ("cooldown", NULL, NULL, MFA_TYPE_COOLDOWN, co);
  properties[PROP_CODES_SENT] =
    g_param_spec_uint ("codes-sent", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTP] =
    g_param_spec_object ("totp", NULL, NULL, MFA_TYPE_TOTP, ro);
  properties[PROP_BACKUP_CODES] =
    g_param_spec_object ("backup-codes", NULL, NULL, MFA_TYPE_BACKUP_CODES, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfa_verification_init (MfaVerification *self)
{
  self->factors = g_list_store_new (MFA_TYPE_FACTOR);
  self->expires_in = -1;
  self->cancellable = g_cancellable_new ();
}

/**
 * mfa_verification_new_sign_in:
 * @client: the client to sign in with
 * @clock: (nullable): the clock countdowns read, or %NULL for the default
 *
 * Returns: (transfer full): a sign-in, waiting for mfa_verification_sign_in()
 */
MfaVerification *
mfa_verification_new_sign_in (MfaClient *client,
                              MfaClock  *clock)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);

  return g_object_new (MFA_TYPE_VERIFICATION,
                       "kind", MFA_VERIFICATION_KIND_SIGN_IN,
                       "client", client,
                       "clock", clock,
                       NULL);
}

/**
 * mfa_verification_new_reverification:
 * @client: the client whose session is confirmed
 * @clock: (nullable): the clock countdowns read, or %NULL for the default
 * @level: `first_factor` or `multi_factor`
 *
 * Returns: (transfer full): a step-up, which mfa_verification_start()
 *   begins
 */
MfaVerification *
mfa_verification_new_reverification (MfaClient  *client,
                                     MfaClock   *clock,
                                     const char *level)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (level != NULL, NULL);

  return g_object_new (MFA_TYPE_VERIFICATION,
                       "kind", MFA_VERIFICATION_KIND_REVERIFICATION,
                       "client", client,
                       "clock", clock,
                       "level", level,
                       NULL);
}

/**
 * mfa_verification_new_phone:
 * @client: the client of the account the number belongs to
 * @clock: (nullable): the clock countdowns read, or %NULL for the default
 * @cooldown: (nullable): where resend waits are kept, or %NULL for its own
 * @phone: the number to verify
 *
 * Returns: (transfer full): a phone's verification, which
 *   mfa_verification_start() begins by sending a code
 */
MfaVerification *
mfa_verification_new_phone (MfaClient      *client,
                            MfaClock       *clock,
                            MfaCooldown    *cooldown,
                            MfaPhoneNumber *phone)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (cooldown == NULL || MFA_IS_COOLDOWN (cooldown), NULL);
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (phone), NULL);

  return g_object_new (MFA_TYPE_VERIFICATION,
                       "kind", MFA_VERIFICATION_KIND_PHONE,
                       "client", client,
                       "clock", clock,
                       "cooldown", cooldown,
                       "phone", phone,
                       NULL);
}

/**
 * mfa_verification_new_totp:
 * @client: the client of the account that gets the authenticator app
 * @clock: (nullable): the clock countdowns read, or %NULL for the default
 *
 * Returns: (transfer full): an authenticator app's set-up, which
 *   mfa_verification_start() begins by asking the service for a secret
 */
MfaVerification *
mfa_verification_new_totp (MfaClient *client,
                           MfaClock  *clock)
{
  g_return_val_if_fail (MFA_IS_CLIENT (client), NULL);

  return g_object_new (MFA_TYPE_VERIFICATION,
                       "kind", MFA_VERIFICATION_KIND_TOTP,
                       "client", client,
                       "clock", clock,
                       NULL);
}
