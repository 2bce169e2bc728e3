/* test-totp-view.c
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

#define G_LOG_DOMAIN "test-totp-view"

#include "config.h"

#include <glib/gstdio.h>

#include "mfa-account-view.h"
#include "mfa-code-entry.h"
#include "mfa-qr-paintable.h"
#include "mfa-step-up-interaction.h"
#include "mfa-totp-view.h"
#include "mfa-ui-test-utils.h"

/* Setting up an authenticator app on the real page under Xvfb against
 * mfa-fapi-server: the QR code on screen, read back by zbarimg, is the
 * server's link; the key shown gives the code that sets the app up.
 */

#define ANN "ann@example.com"
#define ANN_PASSWORD "ann-secret-password"

typedef struct {
  MfaTestServer *server;
  MfaAccount    *account;
  GtkWindow     *window;
  MfaTotpView   *view;
  GPtrArray     *toasts;
  char          *tmpdir;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(MfaInteraction) interaction = NULL;
  g_autofree char *user_id = NULL;
  GtkWidget *overlay;

  f->server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                   "--rate-limits", "off", NULL);
  user_id = mfa_test_create_user (f->server,
                                  "{\"identifier\": \"" ANN "\","
                                  " \"password\": \"" ANN_PASSWORD "\"}");
  f->account = mfa_test_signed_in_account (f->server, ANN, ANN_PASSWORD, NULL);
  f->tmpdir = mfa_test_make_tmpdir ("totp-view-XXXXXX");

  f->view = MFA_TOTP_VIEW (mfa_totp_view_new ());
  mfa_totp_view_set_account (f->view, f->account);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 900);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  f->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  mfa_test_record_toasts (ADW_TOAST_OVERLAY (overlay), f->toasts);
  gtk_window_set_child (f->window, overlay);
  mfa_test_present_active (f->window);

  interaction = mfa_step_up_interaction_new (f->window, NULL);
  mfa_client_set_interaction (mfa_account_get_client (f->account), interaction);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_ref (f->view);
  g_object_ref (f->window);
  gtk_window_destroy (f->window);
  mfa_test_wait_until (G_OBJECT (f->window)->ref_count == 1);
  g_assert_finalize_object (f->window);
  mfa_test_wait_until (G_OBJECT (f->view)->ref_count == 1);
  g_assert_finalize_object (f->view);

  mfa_test_finalize_account (f->account);
  mfa_test_server_free (f->server);
  mfa_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_ptr_array_unref (f->toasts);
}

static GtkWidget *
qr_picture (Fixture *f)
{
  GtkWidget *picture = mfa_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_PICTURE, NULL);

  g_assert_nonnull (picture);
  return picture;
}

/* What a camera sees: the picture as drawn on screen, saved as PNG and
 * read back by zbarimg. */
static char *
decode_shown_qr (Fixture *f)
{
  GtkWidget *picture = qr_picture (f);
  g_autoptr(GdkPaintable) shown = gtk_widget_paintable_new (picture);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "qr.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (picture));
  int width = gtk_widget_get_width (picture);
  int height = gtk_widget_get_height (picture);
  int status = 0;
  const char *argv[] = { "zbarimg", "--quiet", "--raw", path, NULL };

  g_assert_cmpint (width, >=, 200);
  g_assert_cmpint (height, >=, 200);
  gdk_paintable_snapshot (shown, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);

  return g_strchomp (g_steal_pointer (&out));
}

static const char *
shown_key (Fixture *f)
{
  GtkLabel *label;
  MfaVerification *verification = mfa_totp_view_get_verification (f->view);
  g_autofree char *grouped = mfa_totp_dup_grouped_secret (mfa_verification_get_totp (verification));

  label = mfa_test_find_label_containing (GTK_WIDGET (f->view), grouped, FALSE);
  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_selectable (label));
  return gtk_label_get_label (label);
}

static void
type_code (Fixture    *f,
           const char *code)
{
  GtkWidget *entry = mfa_test_find_widget (GTK_WIDGET (f->view), MFA_TYPE_CODE_ENTRY, NULL);

  mfa_code_entry_clear (MFA_CODE_ENTRY (entry));
  mfa_test_type_text (mfa_code_entry_get_editable (MFA_CODE_ENTRY (entry)), code);
}

/* The set-up from the QR code to the app's code: the picture says the
 * server's link, the key is the link's secret in groups of four, a wrong
 * code is said and marked, the right one sets the app up, with the first
 * backup codes, and the secret is gone from the page. */
static void
test_set_up (Fixture       *f,
             gconstpointer  data)
{
  MfaVerification *verification;
  g_autofree char *uri = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) groups = NULL;
  GtkLabel *error_label;

  mfa_totp_view_start (f->view);
  verification = mfa_totp_view_get_verification (f->view);
  g_assert_nonnull (verification);
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_FACTOR);
  g_assert_cmpstr (mfa_test_page_name (f->view), ==, "setup");
  mfa_test_wait_for_layout (GTK_WIDGET (f->view));

  uri = g_strdup (mfa_totp_get_uri (mfa_verification_get_totp (verification)));
  decoded = decode_shown_qr (f);
  g_assert_cmpstr (decoded, ==, uri);
  g_assert_true (g_str_has_prefix (decoded, "otpauth://totp/"));

  /* The key as shown, its groups put together, is the link's secret. */
  groups = g_strsplit (shown_key (f), " ", -1);
  g_assert_cmpuint (g_strv_length (groups), >, 1);
  for (guint i = 0; groups[i + 1] != NULL; i++)
    g_assert_cmpuint (strlen (groups[i]), ==, 4);
  secret = g_strjoinv ("", groups);
  g_assert_nonnull (strstr (uri, secret));


  code = test_totp_now (f->server, secret);
  type_code (f, code[0] == '1' ? "200000" : "100000");
  mfa_test_wait_until (mfa_verification_get_input_invalid (verification));
  error_label = mfa_test_find_label_containing (GTK_WIDGET (f->view), "The code is not right", FALSE);
  g_assert_nonnull (error_label);
  g_assert_true (mfa_test_widget_is_shown (GTK_WIDGET (error_label)));

  type_code (f, code);
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_COMPLETE);
  g_assert_nonnull (mfa_verification_get_backup_codes (verification));
  g_assert_true (mfa_user_get_totp_enabled (mfa_client_get_user (mfa_account_get_client (f->account))));
  g_assert_null (mfa_verification_get_totp (verification));
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (qr_picture (f))));

  /* Stopped, nothing of it is left. */
  mfa_totp_view_stop (f->view);
  g_assert_null (mfa_totp_view_get_verification (f->view));
  g_assert_null (mfa_test_find_label_containing (GTK_WIDGET (f->view), secret, FALSE));
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*text);
}

/* Copy puts the key on the clipboard without its spaces. */
static void
test_copy_key (Fixture       *f,
               gconstpointer  data)
{
  MfaVerification *verification;
  g_autofree char *copied = NULL;
  const char *secret;

  mfa_totp_view_start (f->view);
  verification = mfa_totp_view_get_verification (f->view);
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_FACTOR);
  secret = mfa_totp_get_secret (mfa_verification_get_totp (verification));

  mfa_test_click (mfa_test_find_button_by_tooltip (GTK_WIDGET (f->view), "Copy Key"));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->view)), NULL,
                                 read_text_cb, &copied);
  mfa_test_wait_until (copied != NULL);
  g_assert_cmpstr (copied, ==, secret);
  g_assert_null (strchr (copied, ' '));
  mfa_test_wait_until (f->toasts->len == 1);
}

/* An instance without authenticator apps: the page says so in our
 * words, and Try Again asks once more. */
static void
test_not_allowed (Fixture       *f,
                  gconstpointer  data)
{
  MfaVerification *verification;
  GtkWidget *retry;

  mfa_test_dev (f->server, "POST", "/__dev/settings", "{\"totp\": false}");
  mfa_totp_view_start (f->view);
  verification = mfa_totp_view_get_verification (f->view);
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_PROBLEM);
  g_assert_cmpstr (mfa_test_page_name (f->view), ==, "problem");
  g_assert_cmpstr (mfa_verification_get_message (verification), ==, "The service does not allow this.");

  mfa_test_dev (f->server, "POST", "/__dev/settings", "{\"totp\": true}");
  retry = mfa_test_find_button (GTK_WIDGET (f->view), "_Try Again");
  g_assert_nonnull (retry);
  mfa_test_click (retry);
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_FACTOR);
}

/* In the pages of the account, as the app has them: the first way to
 * receive codes brings the first backup codes, whose page follows. */
static void
test_codes_follow (void)
{
  g_autoptr(MfaTestServer) server = NULL;
  g_autoptr(MfaAccount) account = NULL;
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *user_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code = NULL;
  MfaVerification *verification;
  MfaAccountView *pages;
  GtkWidget *totp_view;
  GtkWidget *overlay;
  GtkWidget *entry;
  GtkWindow *window;
  int position = 0;

  server = mfa_test_server_new ("--dev-routes", "--reverification", "off",
                                "--rate-limits", "off", NULL);
  user_id = mfa_test_create_user (server, "{\"identifier\": \"" ANN "\", \"password\": \"" ANN_PASSWORD "\"}");
  account = mfa_test_started_account (server, ANN, ANN_PASSWORD, NULL);

  pages = g_object_new (MFA_TYPE_ACCOUNT_VIEW, "account", account, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 900);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (pages));
  mfa_test_record_toasts (ADW_TOAST_OVERLAY (overlay), toasts);
  gtk_window_set_child (window, overlay);
  mfa_test_present_active (window);
  /* As the window starts it: the session in the keyring, checked. */
  mfa_account_view_start (pages);
  mfa_test_wait_until (g_strcmp0 (mfa_account_view_get_page_name (pages), "manage") == 0 &&
                       mfa_account_get_state (account) == MFA_ACCOUNT_STATE_SIGNED_IN);

  mfa_account_view_show_totp_setup (pages);
  g_assert_cmpstr (mfa_account_view_get_page_name (pages), ==, "totp");
  totp_view = mfa_test_find_widget (GTK_WIDGET (pages), MFA_TYPE_TOTP_VIEW, NULL);
  verification = mfa_totp_view_get_verification (MFA_TOTP_VIEW (totp_view));
  mfa_test_wait_until (mfa_verification_get_stage (verification) == MFA_VERIFICATION_STAGE_FACTOR);
  secret = g_strdup (mfa_totp_get_secret (mfa_verification_get_totp (verification)));
  code = test_totp_now (server, secret);
  entry = mfa_test_find_widget (totp_view, MFA_TYPE_CODE_ENTRY, NULL);
  gtk_editable_insert_text (mfa_code_entry_get_editable (MFA_CODE_ENTRY (entry)), code, -1, &position);

  mfa_test_wait_until (g_strcmp0 (mfa_account_view_get_page_name (pages), "backup-codes") == 0);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, 0)), ==, "Authenticator app set up");
  /* The set-up is over: its secret is gone with it. */
  g_assert_null (mfa_totp_view_get_verification (MFA_TOTP_VIEW (totp_view)));

  gtk_window_destroy (window);
  mfa_test_iterate (100);
  g_clear_object (&account);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  mfa_test_load_app_style ();

  g_test_add ("/mfa/totp-view/set-up", Fixture, NULL, setup, test_set_up, teardown);
  g_test_add ("/mfa/totp-view/copy-key", Fixture, NULL, setup, test_copy_key, teardown);
  g_test_add ("/mfa/totp-view/not-allowed", Fixture, NULL, setup, test_not_allowed, teardown);
  g_test_add_func ("/mfa/totp-view/codes-follow", test_codes_follow);

  return g_test_run ();
}
