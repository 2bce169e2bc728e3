/* mfa-add-phone-view-private.h
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


#pragma once

#include "mfa-add-phone-view.h"
#include "mfa-code-entry.h"
#include "mfa-cooldown.h"
#include "mfa-error-toast.h"
#include "mfa-phone-display.h"
#include "mfa-phone-entry-row.h"
#include "mfa-verification.h"

G_BEGIN_DECLS

/* The Add Phone page in two files: the page, its busy state and
 * requests (mfa-add-phone-view.c), and its steps: the number, the code
 * through the number's verification, and what became of it
 * (mfa-add-phone-steps.c). */

/* The wait of a rate limit on adding a number. */
#define WAIT_NUMBER "rate-limit:number"

/* The Copy Details button that belongs to an inline message. */
#define DETAILS_BUTTON_KEY "mfa-details-button"

typedef enum {
  BUSY_NONE,
  BUSY_CONTINUE,
  BUSY_SEND,
  BUSY_RESEND,
  BUSY_VERIFY,
  BUSY_RESERVE,
} Busy;

/**
 * MfaAddPhoneView:
 *
 * The Add Phone page: a number typed in national or international
 * form, checked with the phone helper before anything is sent; the SMS
 * code; what became of it; and the offer to use the number for two-step
 * verification.
 *
 * The code step is bound to the #MfaVerification of the number: its
 * message, expiry and resend countdown; answers only decide which step
 * is shown. Countdowns read #MfaAddPhoneView:clock.
 *
 * Adding a number and using it for two-step verification are gated
 * changes: when the service asks, the client's interaction runs the
 * step-up dialog and sends the request again; a person who declines gets
 * their number back as typed. A message about an answer of the service
 * comes with a *Copy Details* button.
 */
struct _MfaAddPhoneView
{
  AdwBin             parent_instance;

  /* Template */
  GtkStack          *stack;
  AdwStatusPage     *code_page;
  AdwStatusPage     *done_page;
  MfaPhoneEntryRow  *phone_entry;
  GtkLabel          *number_error_label;
  GtkSpinner        *continue_spinner;
  MfaCodeEntry      *code_entry;
  GtkLabel          *expiry_label;
  GtkLabel          *code_error_label;
  GtkSpinner        *verify_spinner;
  GtkButton         *resend_button;
  GtkSpinner        *resend_spinner;
  GtkLabel          *resend_label;
  GtkLabel          *done_error_label;
  GtkButton         *use_button;
  GtkSpinner        *use_spinner;

  MfaAccount        *account;
  MfaClient         *client;
  MfaClock          *clock;
  GCancellable      *cancellable;

  char              *load_error;

  MfaPhoneNumber    *phone;
  MfaVerification   *verification;
  GBindingGroup     *bindings;
  GSignalGroup      *signals;
  guint              codes_sent;
  MfaCooldown       *cooldown;         /* resends by number, the rate limit on adding one */
  MfaBackupCodes    *backup_codes;

  Busy               busy;
};


enum {
  SIGNAL_DONE,
  N_SIGNALS
};

extern guint _mfa_add_phone_view_signals[N_SIGNALS];

void        _mfa_add_phone_view_change_number_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter);
void        _mfa_add_phone_view_code_activated_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_code_changed_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_code_complete_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_cooldown_changed_cb (MfaAddPhoneView *self,
                                                     const char      *key);
char *      _mfa_add_phone_view_dup_display_number (MfaAddPhoneView *self);
void        _mfa_add_phone_view_emit_toast (MfaAddPhoneView *self,
                                            const char      *title);
void        _mfa_add_phone_view_error_changed_cb (MfaAddPhoneView *self);
gboolean    _mfa_add_phone_view_expires_in_to_text (GBinding     *binding,
                                                    const GValue *from,
                                                    GValue       *to,
                                                    gpointer      user_data);
gboolean    _mfa_add_phone_view_expires_in_to_visible (GBinding     *binding,
                                                       const GValue *from,
                                                       GValue       *to,
                                                       gpointer      user_data);
void        _mfa_add_phone_view_finish_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void        _mfa_add_phone_view_focus_number (MfaAddPhoneView *self);
void        _mfa_add_phone_view_input_invalid_changed_cb (MfaAddPhoneView *self);
gboolean    _mfa_add_phone_view_is_cancelled (const GError *error);
void        _mfa_add_phone_view_number_activated_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_number_changed_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_resend_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
gint64      _mfa_add_phone_view_retry_delay_ms (const GError *error,
                                                gint64        fallback_ms);
void        _mfa_add_phone_view_run_verification (MfaAddPhoneView *self,
                                                  Busy             busy,
                                                  void           (*request) (MfaVerification *));
int         _mfa_add_phone_view_seconds_left (gint64 remaining_ms);
void        _mfa_add_phone_view_set_busy (MfaAddPhoneView *self,
                                          Busy             busy);
void        _mfa_add_phone_view_set_label_details (GtkLabel     *label,
                                                   const GError *error);
void        _mfa_add_phone_view_set_label_message (GtkLabel   *label,
                                                   const char *message);
void        _mfa_add_phone_view_set_number_error (MfaAddPhoneView *self,
                                                  const char      *message);
void        _mfa_add_phone_view_set_phone (MfaAddPhoneView *self,
                                           MfaPhoneNumber  *phone);
void        _mfa_add_phone_view_show_code_step (MfaAddPhoneView *self);
void        _mfa_add_phone_view_show_create_error (MfaAddPhoneView *self,
                                                   const GError    *error);
void        _mfa_add_phone_view_show_done_step (MfaAddPhoneView *self);
void        _mfa_add_phone_view_stage_changed_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_update_actions (MfaAddPhoneView *self);
void        _mfa_add_phone_view_update_label_message (GtkLabel   *label,
                                                      const char *message);
void        _mfa_add_phone_view_use_for_mfa_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *parameter);
void        _mfa_add_phone_view_verification_busy_cb (MfaAddPhoneView *self);
void        _mfa_add_phone_view_verify_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);

G_END_DECLS
