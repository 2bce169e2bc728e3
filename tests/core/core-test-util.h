/* core-test-util.h
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

#include <json-glib/json-glib.h>

#include "mfa-client.h"
#include "mfa-test-server.h"

G_BEGIN_DECLS

#define TEST_PASSWORD "correct horse battery"

GAsyncResult *core_test_wait          (GAsyncResult  **slot);
void          core_test_result_cb     (GObject        *object,
                                       GAsyncResult   *result,
                                       gpointer        user_data);
JsonNode     *core_test_dev_json      (MfaTestServer  *server,
                                       const char     *method,
                                       const char     *path,
                                       const char     *body,
                                       guint           expected_status);
char         *core_test_create_user   (MfaTestServer  *server,
                                       const char     *json_body);
void          core_test_sign_in       (MfaTestServer  *server,
                                       MfaClient      *client,
                                       const char     *identifier,
                                       const char     *sms_phone);
GPtrArray    *core_test_requests      (MfaTestServer  *server);
void          core_test_clear_requests (MfaTestServer *server);
void          core_test_add_fault     (MfaTestServer  *server,
                                       const char     *json_body);

G_END_DECLS
