/* mfa-qr-paintable.c
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

#define G_LOG_DOMAIN "mfa-qr-paintable"

#include "config.h"

#include <math.h>
#include <string.h>
#include <qrencode.h>

#include "mfa-qr-paintable.h"

/**
 * MfaQrPaintable:
 *
 * A QR code (libqrencode, error correction level M, the text as bytes)
 * drawn as rectangles: black modules on white with a quiet zone of four
 * modules, whatever the style, so that a camera reads it in light and
 * dark alike. Modules are whole device pixels where the space allows,
 * so no seam shows between them at any size. The modules are wiped from
 * memory when the paintable goes: the text may be a secret.
 */

/* The white margin around the code, in modules, as the standard asks. */
#define QUIET_ZONE 4

struct _MfaQrPaintable
{
  GObject  parent_instance;

  guint    n_modules;  /* per side, without the quiet zone */
  guint8  *modules;    /* n_modules², 1 for black */
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfaQrPaintable, mfa_qr_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
mfa_qr_paintable_snapshot (GdkPaintable *paintable,
                           GdkSnapshot  *snapshot,
                           double        width,
                           double        height)
{
  MfaQrPaintable *self = MFA_QR_PAINTABLE (paintable);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA black = { 0, 0, 0, 1 };
  guint n_total = self->n_modules + 2 * QUIET_ZONE;
  double side = MIN (width, height);
  double module = side / n_total;
  double x0;
  double y0;

  if (self->modules == NULL || side <= 0)
    return;

  /* Whole pixels per module once there is room for one each. */
  if (module >= 1)
    module = floor (module);
  x0 = floor ((width - module * n_total) / 2);
  y0 = floor ((height - module * n_total) / 2);

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (x0, y0, module * n_total, module * n_total));

  x0 += QUIET_ZONE * module;
  y0 += QUIET_ZONE * module;
  for (guint row = 0; row < self->n_modules; row++)
    {
      const guint8 *line = self->modules + row * self->n_modules;
      guint col = 0;

      /* One rectangle per run of black modules. */
      while (col < self->n_modules)
        {
          guint start;

          for (; col < self->n_modules && !line[col]; col++)
            ;
          start = col;
          for (; col < self->n_modules && line[col]; col++)
            ;
          if (col > start)
            gtk_snapshot_append_color (snapshot, &black,
                                       &GRAPHENE_RECT_INIT (x0 + start * module, y0 + row * module,
                                                            (col - start) * module, module));
        }
    }
}

/* Four pixels a module, as a start: the picture showing it sets the size. */
static int
mfa_qr_paintable_get_intrinsic_size (GdkPaintable *paintable)
{
  MfaQrPaintable *self = MFA_QR_PAINTABLE (paintable);

  return (self->n_modules + 2 * QUIET_ZONE) * 4;
}

static double
mfa_qr_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return 1.0;
}

static GdkPaintableFlags
mfa_qr_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = mfa_qr_paintable_snapshot;
  iface->get_intrinsic_width = mfa_qr_paintable_get_intrinsic_size;
  iface->get_intrinsic_height = mfa_qr_paintable_get_intrinsic_size;
  iface->get_intrinsic_aspect_ratio = mfa_qr_paintable_get_intrinsic_aspect_ratio;
  iface->get_flags = mfa_qr_paintable_get_flags;
}

static void
mfa_qr_paintable_finalize (GObject *object)
{
  MfaQrPaintable *self = (MfaQrPaintable *)object;

  if (self->modules != NULL)
    memset (self->modules, 0, (gsize) self->n_modules * self->n_modules);
  g_clear_pointer (&self->modules, g_free);

  G_OBJECT_CLASS (mfa_qr_paintable_parent_class)->finalize (object);
}

static void
mfa_qr_paintable_class_init (MfaQrPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfa_qr_paintable_finalize;
}

static void
mfa_qr_paintable_init (MfaQrPaintable *self)
{
}

/**
 * mfa_qr_paintable_new:
 * @text: what the code says, such as an `otpauth://` link
 *
 * Returns: (transfer full) (nullable): the code, or %NULL when @text is
 *   too long for one
 */
MfaQrPaintable *
mfa_qr_paintable_new (const char *text)
{
  MfaQrPaintable *self;
  QRcode *code;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    return NULL;

  self = g_object_new (MFA_TYPE_QR_PAINTABLE, NULL);
  self->n_modules = code->width;
  n = (gsize) code->width * code->width;
  self->modules = g_malloc (n);
  /* Bit 0 of each of libqrencode's bytes: black. */
  for (gsize i = 0; i < n; i++)
    self->modules[i] = code->data[i] & 1;

  memset (code->data, 0, n);
  QRcode_free (code);

  return self;
}

