/* mfa-client-request.c
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

#define G_LOG_DOMAIN "mfa-client"

#include "config.h"

#include <string.h>

#include "mfa-client-private.h"

/* A request to the Frontend API, built before it is sent and kept for as
 * long as it may be sent again (after a 401 recheck or a step-up). Its
 * form is wiped when it goes: it may hold a password or a code.
 */

MfaClientRequest *
mfa_client_request_ref (MfaClientRequest *request)
{
  g_atomic_ref_count_inc (&request->ref);
  return request;
}

void
mfa_client_request_unref (MfaClientRequest *request)
{
  if (!g_atomic_ref_count_dec (&request->ref))
    return;
  g_free (request->method);
  g_free (request->path);
  if (request->form != NULL)
    memset (request->form, 0, strlen (request->form));
  g_free (request->form);
  g_free (request->log_form);
  g_free (request);
}

/**
 * mfa_client_request_new:
 * @first_segment: the first segment of the path below `/v1`, then
 *   more, then %NULL; each is escaped
 *
 * Returns: (transfer full): a request without a form
 */
MfaClientRequest *
mfa_client_request_new (const char    *method,
                        MfaResultKind  kind,
                        gpointer       source_tag,
                        const char    *first_segment,
                        ...)
{
  MfaClientRequest *request = g_new0 (MfaClientRequest, 1);
  GString *path = g_string_new ("/v1");
  va_list ap;

  g_atomic_ref_count_init (&request->ref);
  request->method = g_strdup (method);
  request->kind = kind;
  request->source_tag = source_tag;

  va_start (ap, first_segment);
  for (const char *segment = first_segment; segment != NULL; segment = va_arg (ap, const char *))
    {
      g_autofree char *escaped = g_uri_escape_string (segment, NULL, TRUE);

      g_string_append_c (path, '/');
      g_string_append (path, escaped);
    }
  va_end (ap);
  request->path = g_string_free (path, FALSE);
  request->me = g_str_equal (request->path, "/v1/me") || g_str_has_prefix (request->path, "/v1/me/");
  request->session_scoped = g_str_equal (request->path, "/v1/client") ||
                            g_str_has_prefix (request->path, "/v1/client/sessions/") ||
                            g_str_equal (request->path, "/v1/me");
  return request;
}

/* The form debug logs use for a sign-in identifier: "d***@example.com"
 * for an e-mail address, the number masked for a phone number, "d***"
 * for a username. */
static char *
mask_identifier (const char *identifier)
{
  const char *at = strchr (identifier, '@');
  const char *second;
  gboolean dialable = TRUE;

  if (identifier[0] == '\0')
    return g_strdup ("");

  second = g_utf8_next_char (identifier);
  if (at == identifier)
    return g_strdup_printf ("***%s", at);
  if (at != NULL)
    return g_strdup_printf ("%.*s***%s", (int) (second - identifier), identifier, at);

  for (const char *p = identifier; *p != '\0' && dialable; p++)
    dialable = g_ascii_isdigit (*p) || strchr ("+ ()-.", *p) != NULL;
  if (dialable)
    return mfa_phone_number_mask (identifier);

  /* A one-letter username would be shown whole. */
  if (*second == '\0')
    return g_strdup ("***");

  return g_strdup_printf ("%.*s***", (int) (second - identifier), identifier);
}

/* Form encoding by hand: every byte but the unreserved ones as %XX, so
 * the `+` of an E.164 number goes out as %2B, never as a space. */
void
mfa_client_request_add_field (MfaClientRequest *request,
                              const char       *name,
                              const char       *value,
                              MfaFieldKind      kind)
{
  g_autoptr(GString) form = g_string_new (request->form);
  g_autoptr(GString) log = g_string_new (request->log_form);

  if (form->len > 0)
    {
      g_string_append_c (form, '&');
      g_string_append_c (log, ' ');
    }
  g_string_append_uri_escaped (form, name, NULL, FALSE);
  g_string_append_c (form, '=');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (form, *p);
      else
        g_string_append_printf (form, "%%%02X", (guchar) *p);
    }

  g_string_append_printf (log, "%s=", name);
  switch (kind)
    {
    case MFA_FIELD_PHONE:
      {
        g_autofree char *masked = mfa_phone_number_mask (value);

        g_string_append (log, masked);
      }
      break;

    case MFA_FIELD_SECRET:
      g_string_append (log, "(hidden)");
      break;

    case MFA_FIELD_IDENTIFIER:
      {
        g_autofree char *masked = mask_identifier (value);

        g_string_append (log, masked);
      }
      break;

    case MFA_FIELD_PLAIN:
    default:
      g_string_append (log, value);
      break;
    }

  if (request->form != NULL)
    memset (request->form, 0, strlen (request->form));
  g_free (request->form);
  request->form = g_string_free (g_steal_pointer (&form), FALSE);
  g_free (request->log_form);
  request->log_form = g_string_free (g_steal_pointer (&log), FALSE);
}

/* A POST without fields still sends the form type and an empty body. */
void
mfa_client_request_set_empty_form (MfaClientRequest *request)
{
  if (request->form == NULL)
    {
      request->form = g_strdup ("");
      request->log_form = g_strdup ("");
    }
}
