"""Decision-transparency publishing for Pelican.

The package is laid out by layer (docs/architecture.md): domain, build,
source, site, search, publish, adapters, each importing only the layers
below it. Only the adapters know Pelican; `register` connects them to
Pelican's signals.
"""


def register():
    from pelican import signals

    from .adapters.generator import add_generator
    from .adapters.reader import add_reader

    # Our reader owns `.md`: no contract key is ever read as Pelican metadata.
    signals.readers_init.connect(add_reader)
    # One generator reads, checks and publishes the council's documents.
    signals.get_generators.connect(add_generator)
