/* mfa-transforms.h
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

#include <glib-object.h>

G_BEGIN_DECLS

gboolean mfa_transform_text_to_label            (GBinding     *binding,
                                                 const GValue *from,
                                                 GValue       *to,
                                                 gpointer      user_data);
gboolean mfa_transform_text_to_markup           (GBinding     *binding,
                                                 const GValue *from,
                                                 GValue       *to,
                                                 gpointer      user_data);
gboolean mfa_transform_text_to_visible          (GBinding     *binding,
                                                 const GValue *from,
                                                 GValue       *to,
                                                 gpointer      user_data);
gboolean mfa_transform_seconds_to_resend_label  (GBinding     *binding,
                                                 const GValue *from,
                                                 GValue       *to,
                                                 gpointer      user_data);
gboolean mfa_transform_environment_allows       (GBinding     *binding,
                                                 const GValue *from,
                                                 GValue       *to,
                                                 gpointer      user_data);

char    *mfa_dup_wait_reason                    (gint64        retry_at_ms);
char    *mfa_dup_disabled_reason                (const char   *read_only_reason,
                                                 gint64        retry_at_ms);

G_END_DECLS
