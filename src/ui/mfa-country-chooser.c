/* mfa-country-chooser.c
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


#define G_LOG_DOMAIN "mfa-country-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "mfa-country-chooser.h"

/* A button naming the chosen country and its calling code, with a popover
 * to find another by its name in the user's language, its ISO code or its
 * calling code. GTK 4.8's drop-down search matches one string only, hence
 * a search entry over a filtered, ranked list view.
 */
struct _MfaCountryChooser
{
  AdwBin              parent_instance;

  GtkMenuButton      *button;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;

  GListModel         *countries;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;

  MfaCountry         *country;
  char               *query;
  guint               scroll_tick;
};

G_DEFINE_FINAL_TYPE (MfaCountryChooser, mfa_country_chooser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REGION,
  PROP_COUNTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
mfa_country_chooser_new (void)
{
  return g_object_new (MFA_TYPE_COUNTRY_CHOOSER, NULL);
}

static char *
describe_country (MfaCountry *country)
{
  /* Translators: a country and its calling code, e.g. “France (+33)” */
  return g_strdup_printf (_("%s (+%d)"),
                          mfa_country_get_name (country),
                          mfa_country_get_calling_code (country));
}

static void
set_country (MfaCountryChooser *self,
             MfaCountry        *country)
{
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;

  if (!g_set_object (&self->country, country))
    return;

  label = describe_country (country);
  gtk_menu_button_set_label (self->button, label);

  /* Translators: %s is a country and its calling code */
  accessible = g_strdup_printf (_("Country: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  MfaCountryChooser *self = user_data;

  return mfa_country_match (item, self->query != NULL ? self->query : "") > 0;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  MfaCountryChooser *self = user_data;
  const char *query = self->query != NULL ? self->query : "";
  guint rank_a = mfa_country_match (MFA_COUNTRY ((gpointer)a), query);
  guint rank_b = mfa_country_match (MFA_COUNTRY ((gpointer)b), query);

  if (rank_a != rank_b)
    return rank_a > rank_b ? -1 : 1;

  return g_utf8_collate (mfa_country_get_name (MFA_COUNTRY ((gpointer)a)),
                         mfa_country_get_name (MFA_COUNTRY ((gpointer)b)));
}

/**
 * mfa_country_chooser_search:
 * @self: a #MfaCountryChooser
 * @text: what was typed in the search entry
 *
 * Narrows the list to the countries that match @text, best first.
 */
void
mfa_country_chooser_search (MfaCountryChooser *self,
                            const char        *text)
{
  g_autofree char *query = NULL;

  g_return_if_fail (MFA_IS_COUNTRY_CHOOSER (self));

  query = mfa_country_normalize_query (text);
  if (g_strcmp0 (query, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&query);

  if (self->filter != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
    }
}

/**
 * mfa_country_chooser_get_matches:
 * @self: a #MfaCountryChooser
 *
 * Returns: (transfer none) (nullable): the countries the list shows now,
 *   best match first, or %NULL before mfa_country_chooser_load()
 */
GListModel *
mfa_country_chooser_get_matches (MfaCountryChooser *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), NULL);

  return self->sorted != NULL ? G_LIST_MODEL (self->sorted) : NULL;
}

static void
choose_position (MfaCountryChooser *self,
                 guint              position)
{
  g_autoptr(MfaCountry) country = NULL;

  country = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (country == NULL)
    return;

  set_country (self, country);
  gtk_popover_popdown (self->popover);
}

static void
list_activate_cb (MfaCountryChooser *self,
                  guint              position)
{
  choose_position (self, position);
}

static void
search_changed_cb (MfaCountryChooser *self)
{
  mfa_country_chooser_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activate_cb (MfaCountryChooser *self)
{
  /* Enter takes the best match, so “fr⏎” is enough. */
  choose_position (self, 0);
}

static void
search_stop_cb (MfaCountryChooser *self)
{
  gtk_popover_popdown (self->popover);
}

/* Scrolls to the country chosen once the list has a size: before that,
 * the list does not know where its rows are.
 */
static gboolean
scroll_to_chosen_cb (GtkWidget     *list_view,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  MfaCountryChooser *self = MFA_COUNTRY_CHOOSER (user_data);
  guint position;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->popover)))
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_height (list_view) == 0)
    return G_SOURCE_CONTINUE;

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    /* GTK 4.8 has no gtk_list_view_scroll_to(); its action does it. */
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);

  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

/* The whole list again, opened at the country chosen (at first the
 * locale's own): selected and scrolled to, the search entry ready.
 */
static void
popover_show_cb (MfaCountryChooser *self)
{
  guint n;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* At once, not after the search entry's delay. */
  mfa_country_chooser_search (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  if (self->sorted == NULL || self->country == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaCountry) country = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_strcmp0 (mfa_country_get_code (country), mfa_country_get_code (self->country)) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }

  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      scroll_to_chosen_cb, self, NULL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_widget_set_direction (code, GTK_TEXT_DIR_LTR);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  MfaCountry *country = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *code = gtk_widget_get_next_sibling (name);
  g_autofree char *calling = NULL;

  calling = g_strdup_printf ("+%d", mfa_country_get_calling_code (country));
  gtk_label_set_label (GTK_LABEL (name), mfa_country_get_name (country));
  gtk_label_set_label (GTK_LABEL (code), calling);
}

/**
 * mfa_country_chooser_load:
 * @self: a #MfaCountryChooser
 * @error: return location for an error
 *
 * Fills the list (this loads the phone helper) and chooses the country of
 * the desktop's locale. Does nothing the second time.
 *
 * Returns: %TRUE if the list is there
 */
gboolean
mfa_country_chooser_load (MfaCountryChooser  *self,
                          GError            **error)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autofree char *region = NULL;

  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), FALSE);

  if (self->countries != NULL)
    return TRUE;

  self->countries = mfa_country_list_new (NULL, error);
  if (self->countries == NULL)
    return FALSE;

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (self->countries),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), TRUE);

  region = mfa_country_default_region ();
  if (self->country == NULL && !mfa_country_chooser_set_region (self, region))
    mfa_country_chooser_set_region (self, "US");

  return TRUE;
}

gboolean
mfa_country_chooser_is_loaded (MfaCountryChooser *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), FALSE);

  return self->countries != NULL;
}

/**
 * mfa_country_chooser_get_region:
 * @self: a #MfaCountryChooser
 *
 * Returns: (nullable): the ISO code of the chosen country
 */
const char *
mfa_country_chooser_get_region (MfaCountryChooser *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), NULL);

  return self->country != NULL ? mfa_country_get_code (self->country) : NULL;
}

/**
 * mfa_country_chooser_get_country:
 * @self: a #MfaCountryChooser
 *
 * Returns: (transfer none) (nullable): the chosen country
 */
MfaCountry *
mfa_country_chooser_get_country (MfaCountryChooser *self)
{
  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), NULL);

  return self->country;
}

/**
 * mfa_country_chooser_set_region:
 * @self: a loaded #MfaCountryChooser
 * @region: an ISO 3166-1 alpha-2 code
 *
 * Returns: %TRUE if @region is in the list and now chosen
 */
gboolean
mfa_country_chooser_set_region (MfaCountryChooser *self,
                                const char        *region)
{
  guint n;

  g_return_val_if_fail (MFA_IS_COUNTRY_CHOOSER (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  if (self->countries == NULL)
    return FALSE;

  n = g_list_model_get_n_items (self->countries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfaCountry) country = g_list_model_get_item (self->countries, i);

      if (g_ascii_strcasecmp (mfa_country_get_code (country), region) == 0)
        {
          set_country (self, country);
          return TRUE;
        }
    }

  return FALSE;
}

static void
mfa_country_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MfaCountryChooser *self = MFA_COUNTRY_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_string (value, mfa_country_chooser_get_region (self));
      break;

    case PROP_COUNTRY:
      g_value_set_object (value, self->country);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfa_country_chooser_dispose (GObject *object)
{
  MfaCountryChooser *self = (MfaCountryChooser *)object;

  if (self->scroll_tick != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick);
  self->scroll_tick = 0;

  /* The button is both AdwBin's child and a template child: let AdwBin
   * drop it first, or both would unparent it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MFA_TYPE_COUNTRY_CHOOSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->countries);
  g_clear_object (&self->country);

  G_OBJECT_CLASS (mfa_country_chooser_parent_class)->dispose (object);
}

static void
mfa_country_chooser_finalize (GObject *object)
{
  MfaCountryChooser *self = (MfaCountryChooser *)object;

  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (mfa_country_chooser_parent_class)->finalize (object);
}

static void
mfa_country_chooser_class_init (MfaCountryChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mfa_country_chooser_get_property;
  object_class->dispose = mfa_country_chooser_dispose;
  object_class->finalize = mfa_country_chooser_finalize;

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTRY] =
    g_param_spec_object ("country", NULL, NULL, MFA_TYPE_COUNTRY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfa-country-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, MfaCountryChooser, button);
  gtk_widget_class_bind_template_child (widget_class, MfaCountryChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, MfaCountryChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MfaCountryChooser, list_view);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
mfa_country_chooser_init (MfaCountryChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
