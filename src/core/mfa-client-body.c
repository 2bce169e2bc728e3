/* mfa-client-body.c
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

/* The body of an answer, read piece by piece into one buffer that never
 * grows past a limit. A body that declares a larger length is refused
 * before a byte of it is read; one that turns out larger is refused
 * with the piece that takes it past the limit, and what was read of it
 * is freed. Either way the stream is closed, which makes libsoup drop
 * the connection instead of reading the rest.
 */

/* What is asked of the stream at a time. Always this much: libsoup's
 * chunked decoding reads the lines between chunks into the caller's
 * buffer, and fails on one of a byte or two. */
#define READ_SIZE (64 * 1024)

typedef struct
{
  guint8 *data;
  gsize   length;
  gsize   size;        /* of @data */
  gsize   limit;
  guint8 *piece;       /* READ_SIZE bytes, the last read */
  GError *error;       /* how the read ended, once the stream is closed */
} BodyRead;

static void
body_read_free (gpointer data)
{
  BodyRead *read = data;

  g_free (read->data);
  g_free (read->piece);
  g_clear_error (&read->error);
  g_free (read);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BodyRead *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* What the body said is known; a failed close changes nothing of it. */
  if (!g_input_stream_close_finish (G_INPUT_STREAM (object), result, &error))
    g_debug ("closing an answer's body: %s", error->message);

  if (read->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&read->error));
      return;
    }

  read->data = g_realloc (read->data, read->length);
  g_task_return_pointer (task,
                         g_bytes_new_take (g_steal_pointer (&read->data), read->length),
                         (GDestroyNotify) g_bytes_unref);
}

/* Ends the read with @error, or with the body when it is %NULL. */
static void
finish (GTask  *task,
        GError *error)
{
  GInputStream *stream = g_task_get_source_object (task);
  BodyRead *read = g_task_get_task_data (task);

  read->error = error;
  g_clear_pointer (&read->piece, g_free);
  if (error != NULL)
    {
      g_clear_pointer (&read->data, g_free);
      read->length = 0;
    }
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                              close_cb, task);
}

static GError *
too_large_error (BodyRead *read)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                      "the body is larger than %" G_GSIZE_FORMAT " bytes", read->limit);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

/* Takes @task. */
static void
read_more (GTask *task)
{
  GInputStream *stream = g_task_get_source_object (task);
  BodyRead *read = g_task_get_task_data (task);

  g_input_stream_read_async (stream, read->piece, READ_SIZE, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  BodyRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      finish (task, error);
      return;
    }
  if (n == 0)
    {
      finish (task, NULL);
      return;
    }

  if ((gsize) n > read->limit - read->length)
    {
      finish (task, too_large_error (read));
      return;
    }
  if ((gsize) n > read->size - read->length)
    {
      read->size = MIN (MAX (read->size * 2, read->length + n), read->limit);
      read->data = g_realloc (read->data, read->size);
    }
  memcpy (read->data + read->length, read->piece, n);
  read->length += n;

  read_more (task);
}

/**
 * mfa_client_read_body_async:
 * @stream: the body of an answer, as libsoup hands it out
 * @declared_length: the length the answer declares, or -1
 * @limit: the most the body may hold
 *
 * Reads all of @stream and closes it. A body longer than @limit, or
 * declared so, fails with %G_IO_ERROR_MESSAGE_TOO_LARGE and keeps
 * nothing of it: no more than @limit bytes of it and one piece of
 * 64 KiB are held at any time.
 */
void
mfa_client_read_body_async (GInputStream        *stream,
                            goffset              declared_length,
                            gsize                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  BodyRead *read;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfa_client_read_body_async);
  read = g_new0 (BodyRead, 1);
  read->limit = limit;
  g_task_set_task_data (task, read, body_read_free);

  if (declared_length > 0 && (guint64) declared_length > limit)
    {
      g_debug ("an answer declares %" G_GINT64_FORMAT " bytes: refused", (gint64) declared_length);
      finish (task, too_large_error (read));
      return;
    }

  /* A declared length is allocated at once (a wrong one costs a
   * resize); else the buffer doubles as the body comes. */
  read->size = declared_length >= 0 ? (gsize) declared_length : MIN (READ_SIZE, limit);
  read->data = g_malloc (read->size);
  read->piece = g_malloc (READ_SIZE);
  read_more (task);
}

/**
 * mfa_client_read_body_finish:
 *
 * Returns: (transfer full): the whole body
 */
GBytes *
mfa_client_read_body_finish (GInputStream  *stream,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfa_client_read_body_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
