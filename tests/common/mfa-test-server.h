/* mfa-test-server.h
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

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MfaTestServer MfaTestServer;

MfaTestServer *mfa_test_server_new            (const char    *first_arg,
                                               ...);
MfaTestServer *mfa_test_server_new_argv       (const char * const *args);
const char    *mfa_test_server_get_base_url   (MfaTestServer *self);
guint          mfa_test_server_get_port       (MfaTestServer *self);
const char    *mfa_test_server_get_db_path    (MfaTestServer *self);
char          *mfa_test_server_dev_request    (MfaTestServer *self,
                                               const char    *method,
                                               const char    *path,
                                               const char    *json_body,
                                               guint         *status);
char          *mfa_test_server_last_sms_code  (MfaTestServer *self,
                                               const char    *e164);
char          *mfa_test_server_last_email_code (MfaTestServer *self,
                                                const char    *email_address);
char         **mfa_test_server_get_output     (MfaTestServer *self);
char          *mfa_test_server_wait_for_line  (MfaTestServer *self,
                                               const char    *prefix,
                                               guint          timeout_ms);
void           mfa_test_server_restart        (MfaTestServer *self);
void           mfa_test_server_free           (MfaTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfaTestServer, mfa_test_server_free)

G_END_DECLS
