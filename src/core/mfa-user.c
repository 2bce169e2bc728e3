/* mfa-user.c
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

#define G_LOG_DOMAIN "mfa-user"

#include "config.h"

#include "mfa-user.h"

/**
 * MfaUser:
 *
 * The signed-in user as far as this app cares: who it is, the ways to
 * sign in other than a phone (username, verified email addresses), the
 * two-step flags, and the phone numbers as a #GListModel of
 * #MfaPhoneNumber.
 *
 * mfa_user_update_from() merges what the server now reports into this
 * object: phones already listed are updated in place (their own property
 * notifications), and #GListModel::items-changed fires only for numbers
 * really added or removed, so the rows of a view keep their state. After
 * each merge #MfaUser::changed is emitted once, the moment for a view to
 * re-run the filters and sorters of mfa_phone_number_filter_func() and
 * mfa_phone_number_compare().
 */

struct _MfaUser
{
  GObject     parent_instance;

  char       *id;
  char       *identifier;
  char       *first_name;
  char       *last_name;
  char       *username;
  GStrv       verified_emails;
  GListStore *phone_numbers;
  guint       two_factor_enabled : 1;
  guint       backup_code_enabled : 1;
  guint       totp_enabled : 1;
};

G_DEFINE_FINAL_TYPE (MfaUser, mfa_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_IDENTIFIER,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_USERNAME,
  PROP_VERIFIED_EMAIL_ADDRESSES,
  PROP_TWO_FACTOR_ENABLED,
  PROP_BACKUP_CODE_ENABLED,
  PROP_TOTP_ENABLED,
  PROP_PHONE_NUMBERS,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mfa_user_dispose (GObject *object)
{
  MfaUser *self = (MfaUser *)object;

  g_clear_object (&self->phone_numbers);

  G_OBJECT_CLASS (mfa_user_parent_class)->dispose (object);
}

static void
mfa_user_finalize (GObject *object)
{
  MfaUser *self = (MfaUser *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->identifier, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->verified_emails, g_strfreev);

  G_OBJECT_CLASS (mfa_user_parent_class)->finalize (object);
}

static void
mfa_user_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MfaUser *self = MFA_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_IDENTIFIER:
      g_value_set_string (value, self->identifier);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_VERIFIED_EMAIL_ADDRESSES:
      g_value_set_boxed (value, self->verified_emails);
      break;

    case PROP_TWO_FACTOR_ENABLED:
      g_value_set_boolean (value, self->two_factor_enabled);
      break;

    case PROP_BACKUP_CODE_ENABLED:
      g_value_set_boolean (value, self->backup_code_enabled);
      break;

    case PROP_TOTP_ENABLED:
      g_value_set_boolean (value, self->totp_enabled);
      break;

    case PROP_PHONE_NUMBERS:
      g_value_set_object (value, self->phone_numbers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_user_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MfaUser *self = MFA_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_IDENTIFIER:
      mfa_user_set_identifier (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      mfa_user_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      mfa_user_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_USERNAME:
      mfa_user_set_username (self, g_value_get_string (value));
      break;

    case PROP_VERIFIED_EMAIL_ADDRESSES:
      mfa_user_set_verified_email_addresses (self, g_value_get_boxed (value));
      break;

    case PROP_TWO_FACTOR_ENABLED:
      mfa_user_set_two_factor_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_BACKUP_CODE_ENABLED:
      mfa_user_set_backup_code_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_TOTP_ENABLED:
      mfa_user_set_totp_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_user_class_init (MfaUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfa_user_dispose;
  object_class->finalize = mfa_user_finalize;
  object_class->get_property = mfa_user_get_property;
  object_class->set_property = mfa_user_set_property;

  /**
   * MfaUser:id:
   *
   * Clerk's user id (`user_…`).
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaUser:identifier:
   *
   * What the person signs in with (an email address, a username or a
   * phone number), as the session names it.
   */
  properties[PROP_IDENTIFIER] =
    g_param_spec_string ("identifier", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaUser:username:
   *
   * The username, a way to sign in, or %NULL.
   */
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaUser:verified-email-addresses:
   *
   * The verified email addresses, each a way to sign in; unverified ones
   * are not listed.
   */
  properties[PROP_VERIFIED_EMAIL_ADDRESSES] =
    g_param_spec_boxed ("verified-email-addresses", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TWO_FACTOR_ENABLED] =
    g_param_spec_boolean ("two-factor-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BACKUP_CODE_ENABLED] =
    g_param_spec_boolean ("backup-code-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTP_ENABLED] =
    g_param_spec_boolean ("totp-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MfaUser:phone-numbers:
   *
   * The #MfaPhoneNumber objects, in the server's order.
   */
  properties[PROP_PHONE_NUMBERS] =
    g_param_spec_object ("phone-numbers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MfaUser::changed:
   *
   * Emitted once after each mfa_user_update_from().
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mfa_user_init (MfaUser *self)
{
  self->phone_numbers = g_list_store_new (MFA_TYPE_PHONE_NUMBER);
}

MfaUser *
mfa_user_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (MFA_TYPE_USER, "id", id, NULL);
}

const char *
mfa_user_get_id (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->id;
}

static gboolean
set_string (MfaUser     *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/**
 * mfa_user_get_identifier:
 *
 * Returns: (nullable): the sign-in identifier
 */
const char *
mfa_user_get_identifier (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->identifier;
}

void
mfa_user_set_identifier (MfaUser    *self,
                         const char *identifier)
{
  g_return_if_fail (MFA_IS_USER (self));
  set_string (self, &self->identifier, identifier, PROP_IDENTIFIER);
}

/**
 * mfa_user_get_first_name:
 *
 * Returns: (nullable): the first name
 */
const char *
mfa_user_get_first_name (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->first_name;
}

void
mfa_user_set_first_name (MfaUser    *self,
                         const char *first_name)
{
  g_return_if_fail (MFA_IS_USER (self));
  set_string (self, &self->first_name, first_name, PROP_FIRST_NAME);
}

/**
 * mfa_user_get_last_name:
 *
 * Returns: (nullable): the last name
 */
const char *
mfa_user_get_last_name (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->last_name;
}

void
mfa_user_set_last_name (MfaUser    *self,
                        const char *last_name)
{
  g_return_if_fail (MFA_IS_USER (self));
  set_string (self, &self->last_name, last_name, PROP_LAST_NAME);
}

/**
 * mfa_user_get_username:
 *
 * Returns: (nullable): the username
 */
const char *
mfa_user_get_username (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->username;
}

void
mfa_user_set_username (MfaUser    *self,
                       const char *username)
{
  g_return_if_fail (MFA_IS_USER (self));
  set_string (self, &self->username, username, PROP_USERNAME);
}

/**
 * mfa_user_get_verified_email_addresses:
 *
 * Returns: (transfer none) (array zero-terminated=1): the verified email
 *   addresses, maybe none
 */
const char * const *
mfa_user_get_verified_email_addresses (MfaUser *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return self->verified_emails != NULL ? (const char * const *) self->verified_emails : none;
}

void
mfa_user_set_verified_email_addresses (MfaUser            *self,
                                       const char * const *addresses)
{
  g_return_if_fail (MFA_IS_USER (self));

  if (addresses != NULL && addresses[0] == NULL)
    addresses = NULL;
  if (self->verified_emails == NULL && addresses == NULL)
    return;
  if (self->verified_emails != NULL && addresses != NULL &&
      g_strv_equal ((const char * const *) self->verified_emails, addresses))
    return;

  g_strfreev (self->verified_emails);
  self->verified_emails = g_strdupv ((char **) addresses);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED_EMAIL_ADDRESSES]);
}

gboolean
mfa_user_get_two_factor_enabled (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), FALSE);
  return self->two_factor_enabled;
}

void
mfa_user_set_two_factor_enabled (MfaUser  *self,
                                 gboolean  enabled)
{
  g_return_if_fail (MFA_IS_USER (self));

  enabled = !!enabled;
  if (self->two_factor_enabled == enabled)
    return;
  self->two_factor_enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TWO_FACTOR_ENABLED]);
}

gboolean
mfa_user_get_backup_code_enabled (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), FALSE);
  return self->backup_code_enabled;
}

void
mfa_user_set_backup_code_enabled (MfaUser  *self,
                                  gboolean  enabled)
{
  g_return_if_fail (MFA_IS_USER (self));

  enabled = !!enabled;
  if (self->backup_code_enabled == enabled)
    return;
  self->backup_code_enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKUP_CODE_ENABLED]);
}

gboolean
mfa_user_get_totp_enabled (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), FALSE);
  return self->totp_enabled;
}

void
mfa_user_set_totp_enabled (MfaUser  *self,
                           gboolean  enabled)
{
  g_return_if_fail (MFA_IS_USER (self));

  enabled = !!enabled;
  if (self->totp_enabled == enabled)
    return;
  self->totp_enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTP_ENABLED]);
}

/**
 * mfa_user_get_phone_numbers:
 *
 * Returns: (transfer none): a #GListModel of #MfaPhoneNumber
 */
GListModel *
mfa_user_get_phone_numbers (MfaUser *self)
{
  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  return G_LIST_MODEL (self->phone_numbers);
}

static gboolean
find_phone (MfaUser    *self,
            const char *id,
            guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->phone_numbers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (G_LIST_MODEL (self->phone_numbers), i);

      if (g_strcmp0 (mfa_phone_number_get_id (phone), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * mfa_user_find_phone_number:
 *
 * Returns: (transfer none) (nullable): the user's phone with that id
 */
MfaPhoneNumber *
mfa_user_find_phone_number (MfaUser    *self,
                            const char *id)
{
  MfaPhoneNumber *phone;
  guint position;

  g_return_val_if_fail (MFA_IS_USER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!find_phone (self, id, &position))
    return NULL;
  phone = g_list_model_get_item (G_LIST_MODEL (self->phone_numbers), position);
  /* The store keeps its own reference. */
  g_object_unref (phone);
  return phone;
}

void
mfa_user_append_phone_number (MfaUser        *self,
                              MfaPhoneNumber *phone)
{
  g_return_if_fail (MFA_IS_USER (self));
  g_return_if_fail (MFA_IS_PHONE_NUMBER (phone));

  g_list_store_append (self->phone_numbers, phone);
}

/* A verified number that is not reserved for two-step verification is a
 * way to sign in; a reserved one only receives sign-in codes.
 */
static gboolean
is_sign_in_phone (MfaPhoneNumber *phone)
{
  return mfa_phone_number_is_verified (phone) && !mfa_phone_number_get_reserved (phone);
}

/**
 * mfa_user_is_last_identifier:
 * @phone: one of the user's numbers
 *
 * Whether @phone is the only way left to sign in: a verified number not
 * reserved for two-step verification, while the user has no username, no
 * verified email address and no other such number. The service refuses
 * to remove it or to reserve it.
 *
 * Returns: %TRUE if @phone is the user's last sign-in identifier
 */
gboolean
mfa_user_is_last_identifier (MfaUser        *self,
                             MfaPhoneNumber *phone)
{
  guint n;

  g_return_val_if_fail (MFA_IS_USER (self), FALSE);
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (phone), FALSE);

  if (!is_sign_in_phone (phone))
    return FALSE;
  if (self->username != NULL && *self->username != '\0')
    return FALSE;
  if (self->verified_emails != NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->phone_numbers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaPhoneNumber) other = g_list_model_get_item (G_LIST_MODEL (self->phone_numbers), i);

      if (g_strcmp0 (mfa_phone_number_get_id (other), mfa_phone_number_get_id (phone)) != 0 &&
          is_sign_in_phone (other))
        return FALSE;
    }
  return TRUE;
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return mfa_phone_number_compare (*(MfaPhoneNumber **)a, *(MfaPhoneNumber **)b, user_data);
}

/**
 * mfa_user_dup_phone_list:
 *
 * One list of the manage page, filtered and sorted with the same
 * functions the views give to GTK's filter and sort models.
 *
 * Returns: (transfer container) (element-type MfaPhoneNumber): the list
 */
GPtrArray *
mfa_user_dup_phone_list (MfaUser      *self,
                         MfaPhoneList  list)
{
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (MFA_IS_USER (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->phone_numbers));
  for (guint i = 0; i < n; i++)
    {
      MfaPhoneNumber *phone = g_list_model_get_item (G_LIST_MODEL (self->phone_numbers), i);

      if (mfa_phone_number_filter_func (phone, GINT_TO_POINTER (list)))
        g_ptr_array_add (result, phone);
      else
        g_object_unref (phone);
    }
  g_ptr_array_sort_with_data (result, compare_indirect, NULL);
  return result;
}

/**
 * mfa_user_update_from:
 * @fresh: the same user (same id) as the server now reports it; its
 *   phone objects may be taken over
 *
 * Merges @fresh into this object, keeping the identity of every phone
 * already here.
 */
void
mfa_user_update_from (MfaUser *self,
                      MfaUser *fresh)
{
  GListModel *old_list;
  GListModel *new_list;
  guint n_new;

  g_return_if_fail (MFA_IS_USER (self));
  g_return_if_fail (MFA_IS_USER (fresh));
  g_return_if_fail (self != fresh);

  g_object_freeze_notify (G_OBJECT (self));
  mfa_user_set_identifier (self, fresh->identifier);
  mfa_user_set_first_name (self, fresh->first_name);
  mfa_user_set_last_name (self, fresh->last_name);
  mfa_user_set_username (self, fresh->username);
  mfa_user_set_verified_email_addresses (self, (const char * const *) fresh->verified_emails);
  mfa_user_set_two_factor_enabled (self, fresh->two_factor_enabled);
  mfa_user_set_backup_code_enabled (self, fresh->backup_code_enabled);
  mfa_user_set_totp_enabled (self, fresh->totp_enabled);

  old_list = G_LIST_MODEL (self->phone_numbers);
  new_list = G_LIST_MODEL (fresh->phone_numbers);
  n_new = g_list_model_get_n_items (new_list);

  /* Removals first, each one a single items-changed. */
  for (guint i = g_list_model_get_n_items (old_list); i > 0; i--)
    {
      g_autoptr(MfaPhoneNumber) phone = g_list_model_get_item (old_list, i - 1);

      if (!find_phone (fresh, mfa_phone_number_get_id (phone), NULL))
        g_list_store_remove (self->phone_numbers, i - 1);
    }

  /* Then updates in place, and additions where the server lists them. */
  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(MfaPhoneNumber) incoming = g_list_model_get_item (new_list, i);
      guint position;

      if (find_phone (self, mfa_phone_number_get_id (incoming), &position))
        {
          g_autoptr(MfaPhoneNumber) existing = g_list_model_get_item (old_list, position);

          mfa_phone_number_update_from (existing, incoming);
        }
      else
        {
          guint at = MIN (i, g_list_model_get_n_items (old_list));

          g_list_store_insert (self->phone_numbers, at, incoming);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
