"""What each public page shows, as plain values for the templates: addresses, page views,
listings and feed entries."""
