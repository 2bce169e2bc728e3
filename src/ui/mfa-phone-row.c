/* mfa-phone-row.c
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

#define G_LOG_DOMAIN "mfa-phone-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfa-narrow.h"
#include "mfa-phone-display.h"
#include "mfa-phone-row.h"
#include "mfa-lazy-menu.h"
#include "mfa-tooltip.h"
#include "mfa-transforms.h"

/**
 * MfaPhoneRow:
 *
 * One phone number of the manage page. The row follows its
 * #MfaPhoneNumber: title, status and the actions that apply are redrawn
 * from the number's properties whenever they change, so whoever changes
 * the model never touches the row.
 *
 * The row does not act itself. Its buttons and menu items use the
 * actions `phone.make-default`, `phone.reserve`, `phone.unreserve`,
 * `phone.verify` and `phone.remove`, each with the number's id as its
 * string target. GTK enables a widget action per widget, not per target,
 * so the row installs them itself and enables each from its own state
 * alone: what the number is, #MfaPhoneRow:busy, and
 * #MfaPhoneRow:disabled-reason (#MfaPhoneRow:read-only-reason, bound to
 * the account's, or the number's #MfaPhoneNumber:retry-at-ms; the reason
 * is then the tooltip of the row's buttons). That enabled
 * state is all that makes a button or menu item sensitive. An enabled
 * action is passed on, with its target, to the `manage.` action of the
 * same short name further up (the view's), which does the work. The
 * names differ: GTK 4.8 lets an enabled ancestor action of the same name
 * show through to the row's buttons once the row is added to its list.
 */
struct _MfaPhoneRow
{
  AdwActionRow    parent_instance;

  MfaPhoneNumber *number;
  char           *disabled_reason;
  char           *read_only_reason;
  gint64          retry_at_ms;
  gboolean        sms_mfa_off;
  gboolean        narrow;
  guint           busy : 1;
  guint           last_identifier : 1;
  guint           totp : 1;

  GtkSpinner     *spinner;
  GtkButton      *primary_button;
  GtkMenuButton  *menu_button;
  GtkButton      *remove_button;
  GMenu          *menu;
};

G_DEFINE_FINAL_TYPE (MfaPhoneRow, mfa_phone_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_BUSY,
  PROP_DISABLED_REASON,
  PROP_READ_ONLY_REASON,
  PROP_RETRY_AT_MS,
  PROP_SMS_MFA,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mfa_phone_row_new:
 * @number: the phone number to show
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
mfa_phone_row_new (MfaPhoneNumber *number)
{
  g_return_val_if_fail (MFA_IS_PHONE_NUMBER (number), NULL);

  return g_object_new (MFA_TYPE_PHONE_ROW, "number", number, NULL);
}

/**
 * mfa_phone_row_get_number:
 * @self: a #MfaPhoneRow
 *
 * Returns: (transfer none): the phone number shown
 */
MfaPhoneNumber *
mfa_phone_row_get_number (MfaPhoneRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ROW (self), NULL);

  return self->number;
}

/* Digits and "+" carry no direction of their own: in a right-to-left
 * locale the number must still read left to right.
 */
static MfaPhoneDisplayFlags
display_flags (MfaPhoneRow *self)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return MFA_PHONE_DISPLAY_ISOLATE;

  return MFA_PHONE_DISPLAY_DEFAULT;
}

/* A reason the actions cannot be used wins over what the buttons do:
 * it is what someone hovering an insensitive button wants to know.
 */
/* The only way left to sign in: the service would refuse to remove it or
 * to reserve it, so neither is offered.
 */
static gboolean
is_last_identifier (MfaPhoneRow *self)
{
  return self->last_identifier &&
         mfa_phone_number_get_list (self->number) == MFA_PHONE_LIST_VERIFIED;
}

static const char *
last_identifier_reason (void)
{
  return _("Your only way to sign in, so it cannot be removed or used for two-step verification. "
           "Add another way to sign in first.");
}

/* @primary_shown: whether the primary button is shown, or is about to be */
static void
update_tooltips (MfaPhoneRow *self,
                 gboolean     primary_shown)
{
  g_autofree char *display = mfa_phone_display_for (self->number, display_flags (self));
  g_autofree char *more = NULL;
  g_autofree char *remove = NULL;
  const char *reason = self->disabled_reason;

  if (reason == NULL && is_last_identifier (self))
    reason = last_identifier_reason ();

  /* Translators: tooltip and accessible label of a menu button; %s is a
   * phone number
   */
  more = g_strdup_printf (_("More Actions for %s"), display);
  mfa_tooltip_set_text (GTK_WIDGET (self->menu_button), reason != NULL ? reason : more);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more,
                                  -1);

  /* Translators: tooltip and accessible label of a button; %s is a phone
   * number
   */
  remove = g_strdup_printf (_("Remove %s"), display);
  mfa_tooltip_set_text (GTK_WIDGET (self->remove_button), reason != NULL ? reason : remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);

  mfa_tooltip_set_text (GTK_WIDGET (self->primary_button), primary_shown ? reason : NULL);

  if (reason != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_labels (MfaPhoneRow *self)
{
  g_autofree char *display = mfa_phone_display_for (self->number, display_flags (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), display);
  update_tooltips (self, gtk_widget_get_visible (GTK_WIDGET (self->primary_button)));
}

static void
update_state (MfaPhoneRow *self)
{
  MfaPhoneList list = mfa_phone_number_get_list (self->number);
  gboolean is_default = mfa_phone_number_get_default (self->number);
  gboolean reserved = list == MFA_PHONE_LIST_RESERVED;
  gboolean idle = !self->busy && self->disabled_reason == NULL;
  gboolean last = is_last_identifier (self);
  const char *subtitle = NULL;
  const char *primary_label = NULL;
  const char *primary_action = NULL;
  gboolean can_unreserve;
  gboolean can_remove;

  switch (list)
    {
    case MFA_PHONE_LIST_RESERVED:
      if (is_default && self->totp)
        {
          /* The authenticator app is asked first at sign-in. */
          subtitle = _("Default · used only when you choose a text message");
        }
      else if (is_default)
        {
          subtitle = _("Default · receives sign-in codes");
        }
      else if (self->sms_mfa_off)
        {
          subtitle = _("Receives sign-in codes");
        }
      else
        {
          subtitle = _("Receives sign-in codes");
          primary_label = _("Make _Default");
          primary_action = "phone.make-default";
        }
      break;

    case MFA_PHONE_LIST_VERIFIED:
      subtitle = last ? last_identifier_reason () : _("Verified");
      /* Not offered where the service sends no sign-in codes by text. */
      if (!self->sms_mfa_off)
        {
          primary_label = _("_Use for Sign-In Codes");
          primary_action = "phone.reserve";
        }
      break;

    case MFA_PHONE_LIST_UNVERIFIED:
      subtitle = _("Not verified");
      primary_label = _("_Verify");
      primary_action = "phone.verify";
      break;

    default:
      g_assert_not_reached ();
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (primary_action != NULL)
    {
      gtk_button_set_label (self->primary_button, primary_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), primary_action);
    }
  /* Before the buttons are shown: a new row's hidden buttons take their
   * tooltips without asking the display server where the pointer is. */
  update_tooltips (self, primary_action != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), primary_action != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), reserved);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), !reserved);

  can_unreserve = idle && reserved;
  can_remove = idle && !last;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phone.make-default",
                                 idle && reserved && !is_default && !self->sms_mfa_off);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phone.unreserve", can_unreserve);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phone.reserve",
                                 idle && list == MFA_PHONE_LIST_VERIFIED && !self->sms_mfa_off &&
                                 !last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phone.verify",
                                 idle && list == MFA_PHONE_LIST_UNVERIFIED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phone.remove", can_remove);
  /* A menu button is no actionable: it opens as long as one of its
   * items can be used.
   */
  gtk_widget_set_sensitive (GTK_WIDGET (self->menu_button), can_unreserve || can_remove);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_BUSY, (gboolean) self->busy,
                               -1);
}

static void
number_notify_cb (MfaPhoneRow *self,
                  GParamSpec  *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "display") || g_str_equal (name, "phone-number"))
    update_labels (self);
  else if (g_str_equal (name, "reserved") ||
           g_str_equal (name, "default") ||
           g_str_equal (name, "verified") ||
           g_str_equal (name, "verification-status"))
    update_state (self);
}

/**
 * mfa_phone_row_get_busy:
 * @self: a #MfaPhoneRow
 *
 * Returns: whether a request for this number is running
 */
gboolean
mfa_phone_row_get_busy (MfaPhoneRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ROW (self), FALSE);

  return self->busy;
}

/**
 * mfa_phone_row_set_busy:
 * @self: a #MfaPhoneRow
 * @busy: whether a request for this number is running
 *
 * While busy the row shows a spinner and none of its actions can be used.
 */
void
mfa_phone_row_set_busy (MfaPhoneRow *self,
                        gboolean     busy)
{
  g_return_if_fail (MFA_IS_PHONE_ROW (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * mfa_phone_row_set_sms_mfa:
 * @self: a #MfaPhoneRow
 * @sms_mfa: whether the service sends sign-in codes by text message
 *
 * Without, the row offers neither *Use for Sign-In Codes* nor *Make Default*.
 */
void
mfa_phone_row_set_sms_mfa (MfaPhoneRow *self,
                           gboolean     sms_mfa)
{
  g_return_if_fail (MFA_IS_PHONE_ROW (self));

  if (self->sms_mfa_off == !sms_mfa)
    return;

  self->sms_mfa_off = !sms_mfa;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMS_MFA]);
}

/**
 * mfa_phone_row_get_disabled_reason:
 * @self: a #MfaPhoneRow
 *
 * Returns: (nullable): why the row's actions cannot be used, or %NULL
 */
/**
 * mfa_phone_row_set_last_identifier:
 * @last_identifier: whether the number is the user's only way to sign in
 *
 * Such a verified number can be neither removed nor used for two-step verification, and the
 * row says so.
 */
void
mfa_phone_row_set_last_identifier (MfaPhoneRow *self,
                                   gboolean     last_identifier)
{
  g_return_if_fail (MFA_IS_PHONE_ROW (self));

  last_identifier = !!last_identifier;
  if (self->last_identifier == last_identifier)
    return;

  self->last_identifier = last_identifier;
  update_state (self);
}

/**
 * mfa_phone_row_set_totp:
 * @totp: whether the user has an authenticator app
 *
 * With an authenticator app the default number is used only when the
 * person picks a text message, and its row says so.
 */
void
mfa_phone_row_set_totp (MfaPhoneRow *self,
                        gboolean     totp)
{
  g_return_if_fail (MFA_IS_PHONE_ROW (self));

  totp = !!totp;
  if (self->totp == totp)
    return;

  self->totp = totp;
  update_state (self);
}

const char *
mfa_phone_row_get_disabled_reason (MfaPhoneRow *self)
{
  g_return_val_if_fail (MFA_IS_PHONE_ROW (self), NULL);

  return self->disabled_reason;
}

static void
update_disabled_reason (MfaPhoneRow *self)
{
  g_autofree char *reason = mfa_dup_disabled_reason (self->read_only_reason, self->retry_at_ms);

  if (g_strcmp0 (self->disabled_reason, reason) == 0)
    return;

  g_free (self->disabled_reason);
  self->disabled_reason = g_steal_pointer (&reason);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISABLED_REASON]);
}

static void
set_read_only_reason (MfaPhoneRow *self,
                      const char  *reason)
{
  if (g_strcmp0 (self->read_only_reason, reason) == 0)
    return;

  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  update_disabled_reason (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);
}

static void
set_retry_at_ms (MfaPhoneRow *self,
                 gint64       retry_at_ms)
{
  if (self->retry_at_ms == retry_at_ms)
    return;

  self->retry_at_ms = retry_at_ms;
  update_disabled_reason (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT_MS]);
}

/* Only enabled actions get here. */
static void
phone_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autofree char *forward = NULL;

  g_assert (g_str_has_prefix (action_name, "phone."));

  forward = g_strconcat ("manage.", action_name + strlen ("phone."), NULL);
  gtk_widget_activate_action_variant (widget, forward, parameter);
}

static void
add_menu_item (MfaPhoneRow *self,
               const char  *label,
               const char  *action)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           g_variant_new_string (mfa_phone_number_get_id (self->number)));
  g_menu_append_item (self->menu, item);
}

static void
mfa_phone_row_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous_direction)
{
  MfaPhoneRow *self = MFA_PHONE_ROW (widget);

  GTK_WIDGET_CLASS (mfa_phone_row_parent_class)->direction_changed (widget, previous_direction);

  if (self->number != NULL)
    update_labels (self);
}

static void
mfa_phone_row_constructed (GObject *object)
{
  MfaPhoneRow *self = (MfaPhoneRow *)object;
  g_autoptr(GVariant) target = NULL;

  G_OBJECT_CLASS (mfa_phone_row_parent_class)->constructed (object);

  g_assert (self->number != NULL);

  /* The id never changes: every button and item targets it for good. */
  target = g_variant_ref_sink (g_variant_new_string (mfa_phone_number_get_id (self->number)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->primary_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "phone.remove");

  self->menu = g_menu_new ();
  add_menu_item (self, _("_Stop Using for Sign-In Codes"), "phone.unreserve");
  add_menu_item (self, _("_Remove from Account…"), "phone.remove");
  mfa_lazy_menu_set_model (self->menu_button, G_MENU_MODEL (self->menu));

  g_signal_connect_object (self->number, "notify",
                           G_CALLBACK (number_notify_cb), self,
                           G_CONNECT_SWAPPED);
  /* A change of the number on its way: the spinner, and no action. */
  g_object_bind_property (self->number, "busy", self, "busy", G_BINDING_SYNC_CREATE);
  /* The service asked to wait: until then, the row says till when. */
  g_object_bind_property (self->number, "retry-at-ms", self, "retry-at-ms", G_BINDING_SYNC_CREATE);
  update_labels (self);
  update_state (self);
}

static void
set_narrow (MfaPhoneRow *self,
            gboolean     narrow)
{
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

static void
mfa_phone_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfaPhoneRow *self = MFA_PHONE_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_object (value, self->number);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_DISABLED_REASON:
      g_value_set_string (value, self->disabled_reason);
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;

    case PROP_RETRY_AT_MS:
      g_value_set_int64 (value, self->retry_at_ms);
      break;

    case PROP_SMS_MFA:
      g_value_set_boolean (value, !self->sms_mfa_off);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MfaPhoneRow *self = MFA_PHONE_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_set_object (&self->number, g_value_get_object (value));
      break;

    case PROP_BUSY:
      mfa_phone_row_set_busy (self, g_value_get_boolean (value));
      break;

    case PROP_READ_ONLY_REASON:
      set_read_only_reason (self, g_value_get_string (value));
      break;

    case PROP_RETRY_AT_MS:
      set_retry_at_ms (self, g_value_get_int64 (value));
      break;

    case PROP_SMS_MFA:
      mfa_phone_row_set_sms_mfa (self, g_value_get_boolean (value));
      break;

    case PROP_NARROW:
      set_narrow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_phone_row_dispose (GObject *object)
{
  MfaPhoneRow *self = (MfaPhoneRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_PHONE_ROW);

  g_clear_object (&self->number);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (mfa_phone_row_parent_class)->dispose (object);
}

static void
mfa_phone_row_finalize (GObject *object)
{
  MfaPhoneRow *self = (MfaPhoneRow *)object;

  g_clear_pointer (&self->disabled_reason, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (mfa_phone_row_parent_class)->finalize (object);
}

static void
mfa_phone_row_class_init (MfaPhoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mfa_phone_row_constructed;
  object_class->get_property = mfa_phone_row_get_property;
  object_class->set_property = mfa_phone_row_set_property;
  object_class->dispose = mfa_phone_row_dispose;
  object_class->finalize = mfa_phone_row_finalize;

  widget_class->direction_changed = mfa_phone_row_direction_changed;

  /**
   * MfaPhoneRow:number:
   *
   * The phone number the row shows.
   */
  properties[PROP_NUMBER] =
    g_param_spec_object ("number", NULL, NULL,
                         MFA_TYPE_PHONE_NUMBER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:busy:
   *
   * Whether a request for the number is running: the row shows a spinner
   * and its actions are disabled.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:disabled-reason:
   *
   * Why the row's actions cannot be used now, or %NULL: they are
   * disabled and the reason is the tooltip of the row's buttons.
   */
  properties[PROP_DISABLED_REASON] =
    g_param_spec_string ("disabled-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:read-only-reason:
   *
   * Why nothing can be changed now (the account's
   * #MfaAccount:read-only-reason), or %NULL.
   */
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:retry-at-ms:
   *
   * The number's #MfaPhoneNumber:retry-at-ms.
   */
  properties[PROP_RETRY_AT_MS] =
    g_param_spec_int64 ("retry-at-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:sms-mfa:
   *
   * See mfa_phone_row_set_sms_mfa().
   */
  properties[PROP_SMS_MFA] =
    g_param_spec_boolean ("sms-mfa", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  /**
   * MfaPhoneRow:narrow:
   *
   * Whether the window is narrow: the label of the row's button then
   * wraps (see mfa_narrow_wrap_button()).
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "phone.make-default", "s", phone_action);
  gtk_widget_class_install_action (widget_class, "phone.reserve", "s", phone_action);
  gtk_widget_class_install_action (widget_class, "phone.unreserve", "s", phone_action);
  gtk_widget_class_install_action (widget_class, "phone.verify", "s", phone_action);
  gtk_widget_class_install_action (widget_class, "phone.remove", "s", phone_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfa-phone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneRow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MfaPhoneRow, remove_button);
}

static void
mfa_phone_row_init (MfaPhoneRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mfa_narrow_wrap_button (self->primary_button, G_OBJECT (self));
  mfa_narrow_keep_title_whole (ADW_ACTION_ROW (self));
  mfa_narrow_lay_out_text (GTK_WIDGET (self));
}
