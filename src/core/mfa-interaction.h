/* mfa-interaction.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFA_TYPE_INTERACTION (mfa_interaction_get_type ())
G_DECLARE_DERIVABLE_TYPE (MfaInteraction, mfa_interaction, MFA, INTERACTION, GObject)

/**
 * MfaInteractionClass:
 * @reverify_async: asks the person to confirm it is them for @client's
 *   session, because a request failed with @error
 *   (%MFA_CLIENT_ERROR_REVERIFICATION_REQUIRED)
 * @reverify_finish: %TRUE once the session is verified again;
 *   %G_IO_ERROR_CANCELLED when the person declined
 *
 * What the core asks of the person using it, without knowing how: the
 * user interface subclasses it (as #GTlsInteraction is subclassed for
 * passwords).
 */
struct _MfaInteractionClass
{
  GObjectClass parent_class;

  void     (*reverify_async)  (MfaInteraction       *self,
                               GObject              *client,
                               const GError         *error,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
  gboolean (*reverify_finish) (MfaInteraction       *self,
                               GAsyncResult         *result,
                               GError              **error);

  gpointer padding[6];
};

void     mfa_interaction_reverify_async  (MfaInteraction       *self,
                                          GObject              *client,
                                          const GError         *error,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean mfa_interaction_reverify_finish (MfaInteraction       *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
