"""Decision-transparency publishing for Pelican.

The domain core (vocab, model, frontmatter, schema, loader, relations,
validate, timeline, privacy, markup, views, routes) never imports Pelican;
the adapters below connect it to Pelican's signals.
"""


def register():
    from pelican import signals

    from .generator import add_generator
    from .reader import add_reader

    # Our reader owns `.md`: no contract key is ever read as Pelican metadata.
    signals.readers_init.connect(add_reader)
    # One generator reads, checks and publishes the council's documents.
    signals.get_generators.connect(add_generator)
