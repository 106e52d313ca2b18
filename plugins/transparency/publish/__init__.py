"""Every file of the public site: the site map, pages, feeds, calendars, open data and the
hosting headers."""
