/* main.c
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

#include <glib/gi18n.h>
#include <locale.h>

#include "mfa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfaApplication) app = NULL;
  /* An uninstalled build reads its translations from its po/ folder. */
  const char *localedir = g_getenv ("MFA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mfa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
