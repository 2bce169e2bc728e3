/* bench-app.c
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

/* The app plus the benchmarks' probe. It starts as src/main.c does: the
 * same MfaApplication, application id, resources and libraries, so that
 * its start-up costs what the app's costs. The only addition is the
 * probe (mfa-startup-probe.c) on each main window, which reads the
 * MFA_MANAGER_EXIT_* and MFA_MANAGER_BENCH_FLOW variables; the app
 * itself reads none of them.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mfa-application.h"
#include "mfa-startup-probe.h"
#include "mfa-window.h"

/* Emitted while the window is constructed, its template built, before it
 * connects to a service or shows a page. */
static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (MFA_IS_WINDOW (window))
    mfa_startup_probe_attach (MFA_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfaApplication) app = NULL;
  const char *localedir = g_getenv ("MFA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mfa_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
