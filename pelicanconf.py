"""Site settings for development builds (`make html`, `make serve`).

Everything about the council itself (name, seats, members, committees,
contact) comes from content/data/council.yml, never from here.
"""

SITEURL = "http://127.0.0.1:8000"  # absolute base for feeds, calendar, JSON-LD
SITENAME = "Transparență decizională"  # fallback only; the council name wins
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Bucharest"
DEFAULT_LANG = "ro"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["transparency"]

# Our generator reads content/ itself (see plugins/transparency/generator.py);
# Pelican's own article/page/static generators are switched off so that no
# contract key is ever read by them as Pelican metadata.
READERS = {"rst": None, "html": None, "htm": None}  # reStructuredText/HTML are not content here
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# The plugin copies theme/static/ itself (atomic writes, listed in the output
# folder's manifest) and removes only the files it wrote: Pelican neither
# copies the theme's static files nor empties the output folder.
THEME_STATIC_PATHS = []
DELETE_OUTPUT_DIRECTORY = False
# Escape every value by default: a title with "<" or "&" must stay text.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
CACHE_CONTENT = False

# The project's own settings, validated by the plugin (unknown keys are errors).
TRANSPARENCY = {
    "build_cache": ".cache/transparency",
}
