/* test-instance.c
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

#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mfa-instance.h"

static void
assert_decodes (const char *key,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = mfa_instance_decode_publishable_key (key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, expected);
}

static void
assert_refused (const char       *key,
                MfaInstanceError  code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = mfa_instance_decode_publishable_key (key, &error);
  g_assert_error (error, MFA_INSTANCE_ERROR, code);
  g_assert_null (url);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_decode_valid (void)
{
  /* The example of Clerk's own documentation. */
  assert_decodes ("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k", "https://clerk.example.com");
  assert_decodes ("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", "https://clerk.example.com");
  /* Padding stripped ("a.test$" is YS50ZXN0JA==): restored. */
  assert_decodes ("pk_test_YS50ZXN0JA", "https://a.test");
  assert_decodes ("pk_test_dW5yZWFjaGFibGUudGVzdCQ", "https://unreachable.test");
  /* Padding present is accepted too. */
  assert_decodes ("pk_test_YS50ZXN0JA==", "https://a.test");
  /* Surrounding blanks from a paste. */
  assert_decodes ("  pk_live_Y2xlcmsuZXhhbXBsZS5jb20k\n", "https://clerk.example.com");
}

static void
test_decode_url_safe (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *url_safe = NULL;

  /* "clerk.ßü.test$" has a '/' in standard base64 and '_' in the URL-safe
   * alphabet; both decode to the same host, given in its ASCII form.
   */
  standard = mfa_instance_decode_publishable_key ("pk_test_Y2xlcmsuw5/DvC50ZXN0JA==", &error);
  g_assert_no_error (error);
  url_safe = mfa_instance_decode_publishable_key ("pk_test_Y2xlcmsuw5_DvC50ZXN0JA", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (standard, ==, url_safe);
  g_assert_true (g_str_has_prefix (url_safe, "https://clerk.xn--"));
  g_assert_true (g_str_has_suffix (url_safe, ".test"));
}

static void
test_decode_malformed (void)
{
  assert_refused ("", MFA_INSTANCE_ERROR_EMPTY);
  assert_refused ("   ", MFA_INSTANCE_ERROR_EMPTY);
  assert_refused (NULL, MFA_INSTANCE_ERROR_EMPTY);

  /* Wrong prefix: a secret key, a typo, no prefix at all. */
  assert_refused ("sk_live_Y2xlcmsuZXhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_PREFIX);
  assert_refused ("pk_prod_Y2xlcmsuZXhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_PREFIX);
  assert_refused ("Y2xlcmsuZXhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_PREFIX);
  assert_refused ("PK_LIVE_Y2xlcmsuZXhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_PREFIX);

  /* Bad base64: characters outside both alphabets, a truncated quantum,
   * nothing after the prefix.
   */
  assert_refused ("pk_live_Y2xlcmsu*XhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_BASE64);
  assert_refused ("pk_live_Y2xl cmsuZXhhbXBsZS5jb20k", MFA_INSTANCE_ERROR_BASE64);
  assert_refused ("pk_live_Y2xlcmsuZXhhbXBsZS5jb20kA", MFA_INSTANCE_ERROR_BASE64);
  assert_refused ("pk_live_", MFA_INSTANCE_ERROR_BASE64);

  /* No trailing '$': "nodollar.test". */
  assert_refused ("pk_test_bm9kb2xsYXIudGVzdA", MFA_INSTANCE_ERROR_NO_TERMINATOR);
  /* Truncated copy of a good key loses the '$'. */
  assert_refused ("pk_live_Y2xlcmsuZXhhbXBsZS5j", MFA_INSTANCE_ERROR_NO_TERMINATOR);

  /* No dot in the host: "localhost$". */
  assert_refused ("pk_test_bG9jYWxob3N0JA", MFA_INSTANCE_ERROR_NO_DOT);

  /* Not a host: a second '$' ("a$b.test$"), a blank ("bad host.test$"). */
  assert_refused ("pk_test_YSRiLnRlc3Qk", MFA_INSTANCE_ERROR_BAD_HOST);
  assert_refused ("pk_test_YmFkIGhvc3QudGVzdCQ", MFA_INSTANCE_ERROR_BAD_HOST);
}

static char *
make_key (const char *host)
{
  g_autofree char *text = g_strconcat (host, "$", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *)text, strlen (text));

  return g_strconcat ("pk_live_", encoded, NULL);
}

static void
assert_key_host_refused (const char *host)
{
  g_autofree char *key = make_key (host);

  assert_refused (key, MFA_INSTANCE_ERROR_BAD_HOST);
}

static void
test_decode_smuggling (void)
{
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autofree char *long_host = NULL;
  g_autofree char *huge_host = NULL;
  g_autofree char *good = make_key ("clerk.example.com");

  assert_decodes (good, "https://clerk.example.com");

  /* A key names a host only: a port, userinfo, a path, an encoded
   * character or an IPv6 literal would change where requests go.
   */
  assert_key_host_refused ("127.0.0.1:8787");
  assert_key_host_refused ("clerk.example.com:443");
  assert_key_host_refused ("evil.test@clerk.example.com");
  assert_key_host_refused ("clerk.example.com/../evil");
  assert_key_host_refused ("clerk.example.com/a%2Fb");
  assert_key_host_refused ("clerk.example.com//x");
  assert_key_host_refused ("evil.test%40clerk.example.com");
  assert_key_host_refused ("evil.test%2Fclerk.example.com");
  assert_key_host_refused ("[::1]");
  assert_key_host_refused ("clerk.example.com?x");
  assert_key_host_refused ("clerk.example.com#x");
  assert_key_host_refused ("clerk\texample.com");
  assert_key_host_refused ("clerk..example.com");
  assert_key_host_refused ("-clerk.example.com");

  /* Too long: a label over 63, a name over 253, a 10,000-character one. */
  long_host = g_strconcat (long_label, ".example.com", NULL);
  assert_key_host_refused (long_host);
  huge_host = g_strnfill (10000, 'a');
  memcpy (huge_host + 100, ".", 1);
  assert_key_host_refused (huge_host);
}

static void
assert_url (const char *url,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  normalized = mfa_instance_normalize_frontend_api (url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
assert_url_refused (const char       *url,
                    MfaInstanceError  code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  normalized = mfa_instance_normalize_frontend_api (url, &error);
  g_assert_error (error, MFA_INSTANCE_ERROR, code);
  g_assert_null (normalized);
}

static void
test_url_rule (void)
{
  assert_url ("https://clerk.example.com", "https://clerk.example.com");
  assert_url ("https://Clerk.Example.COM/", "https://clerk.example.com");
  assert_url ("https://clerk.example.com:8443", "https://clerk.example.com:8443");

  /* http:// only on loopback. */
  assert_url ("http://127.0.0.1:8787", "http://127.0.0.1:8787");
  assert_url ("http://127.1.2.3:1", "http://127.1.2.3:1");
  assert_url ("http://localhost:3000/", "http://localhost:3000");
  assert_url ("http://[::1]:8080", "http://[::1]:8080");

  assert_url_refused ("http://clerk.example.com", MFA_INSTANCE_ERROR_INSECURE);
  assert_url_refused ("http://192.168.1.10:8787", MFA_INSTANCE_ERROR_INSECURE);
  assert_url_refused ("http://10.0.0.1", MFA_INSTANCE_ERROR_INSECURE);
  assert_url_refused ("http://128.0.0.1", MFA_INSTANCE_ERROR_INSECURE);
  assert_url_refused ("http://[::2]:8080", MFA_INSTANCE_ERROR_INSECURE);
  assert_url_refused ("http://localhost.example.com", MFA_INSTANCE_ERROR_INSECURE);

  assert_url_refused ("", MFA_INSTANCE_ERROR_EMPTY);
  assert_url_refused ("clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("ftp://clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://clerk.example.com/v1", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://user@clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://clerk.example.com/?x=1", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://", MFA_INSTANCE_ERROR_BAD_URL);
}

static void
test_proxy (void)
{
  g_autofree char *key = make_key ("example.com/__clerk");
  g_autofree char *deep = make_key ("example.com/auth/clerk");

  /* A Frontend API served through a proxy: the path is kept, without a
   * trailing slash; requests go under it.
   */
  assert_url ("https://example.com/__clerk", "https://example.com/__clerk");
  assert_url ("https://Example.com/__clerk/", "https://example.com/__clerk");
  assert_url ("https://example.com:8443/auth/clerk", "https://example.com:8443/auth/clerk");
  assert_url ("http://127.0.0.1:8787/__clerk", "http://127.0.0.1:8787/__clerk");
  assert_decodes (key, "https://example.com/__clerk");
  assert_decodes (deep, "https://example.com/auth/clerk");

  /* Nothing that could move it elsewhere. */
  assert_url_refused ("https://example.com/__clerk/../admin", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com/./__clerk", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com//__clerk", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://127.0.0://", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com//", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com/__clerk%2F..%2Fadmin", MFA_INSTANCE_ERROR_BAD_URL);
  /* An encoded letter is only another spelling of it. */
  assert_url ("https://example.com/__cl%65rk", "https://example.com/__clerk");
  assert_url_refused ("https://example.com/__clerk?x=1", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com/__clerk#top", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://example.com/__clerk/v1", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("http://example.com/__clerk", MFA_INSTANCE_ERROR_INSECURE);
}

static void
test_url_smuggling (void)
{
  g_autofree char *huge_host = g_strnfill (10000, 'a');
  g_autofree char *huge_url = g_strconcat ("https://", huge_host, ".test", NULL);
  g_autofree char *label = g_strnfill (64, 'b');
  g_autofree char *long_label_url = g_strconcat ("https://", label, ".example.com", NULL);
  g_autofree char *name = NULL;
  g_autofree char *long_name_url = NULL;

  /* Percent-encoded '@', '/', ':' decode into the host: refused, never
   * rebuilt into a URL that names another host, port or path.
   */
  assert_url_refused ("https://evil.test%40clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://clerk.example.com%2F@evil.test", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://evil.test%2Fclerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://evil.test%3A8443", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://evil.test%3F.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://evil.test%23.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://evil.test%20.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("http://localhost%40evil.test", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("http://127.0.0.1%2F.evil.test", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("http://[fe80::1%25lo]:8080", MFA_INSTANCE_ERROR_BAD_URL);

  /* Userinfo in any form. */
  assert_url_refused ("https://user:secret@clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused ("https://@clerk.example.com", MFA_INSTANCE_ERROR_BAD_URL);

  /* Plain percent-encoding of ordinary letters is only a spelling. */
  assert_url ("https://clerk.ex%61mple.com", "https://clerk.example.com");

  /* International names in their ASCII form. */
  assert_url ("https://clerk.b\xc3\xbc" "cher.test", "https://clerk.xn--bcher-kva.test");

  /* Length is checked before anything else. */
  assert_url_refused (huge_url, MFA_INSTANCE_ERROR_BAD_URL);
  assert_url_refused (long_label_url, MFA_INSTANCE_ERROR_BAD_URL);
  name = g_strjoin (".", "a123456789012345678901234567890123456789012345678901234567890",
                    "b123456789012345678901234567890123456789012345678901234567890",
                    "c123456789012345678901234567890123456789012345678901234567890",
                    "d123456789012345678901234567890123456789012345678901234567890",
                    "example", NULL);
  long_name_url = g_strconcat ("https://", name, NULL);
  assert_url_refused (long_name_url, MFA_INSTANCE_ERROR_BAD_URL);
}

static void
test_loopback (void)
{
  g_assert_true (mfa_instance_is_loopback_host ("localhost"));
  g_assert_true (mfa_instance_is_loopback_host ("LOCALHOST"));
  g_assert_true (mfa_instance_is_loopback_host ("127.0.0.1"));
  g_assert_true (mfa_instance_is_loopback_host ("127.255.255.254"));
  g_assert_true (mfa_instance_is_loopback_host ("::1"));
  g_assert_false (mfa_instance_is_loopback_host ("::"));
  g_assert_false (mfa_instance_is_loopback_host ("0.0.0.0"));
  g_assert_false (mfa_instance_is_loopback_host ("127.example.com"));
  g_assert_false (mfa_instance_is_loopback_host ("example.test"));
}

/* What the Connect page remembered, normalized; nothing when it is gone
 * or would no longer be accepted. */
static void
test_remembered (void)
{
  /* In memory, without the default backend's module lookup. */
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autofree char *normalized = NULL;

  g_assert_null (mfa_instance_dup_remembered (settings));

  g_settings_set_string (settings, "frontend-api", "https://Clerk.Example.com/");
  normalized = mfa_instance_dup_remembered (settings);
  g_assert_cmpstr (normalized, ==, "https://clerk.example.com");

  g_settings_set_string (settings, "frontend-api", "http://clerk.example.com");
  g_assert_null (mfa_instance_dup_remembered (settings));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mfa/instance/decode/valid", test_decode_valid);
  g_test_add_func ("/mfa/instance/decode/url-safe", test_decode_url_safe);
  g_test_add_func ("/mfa/instance/decode/malformed", test_decode_malformed);
  g_test_add_func ("/mfa/instance/decode/smuggling", test_decode_smuggling);
  g_test_add_func ("/mfa/instance/url-rule", test_url_rule);
  g_test_add_func ("/mfa/instance/url-smuggling", test_url_smuggling);
  g_test_add_func ("/mfa/instance/proxy", test_proxy);
  g_test_add_func ("/mfa/instance/loopback", test_loopback);
  g_test_add_func ("/mfa/instance/remembered", test_remembered);

  return g_test_run ();
}
