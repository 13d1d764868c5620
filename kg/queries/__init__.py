"""Named SPARQL queries shipped with kg (``kg query --name NAME``), one ``NAME.rq`` file each.

Each file starts with a ``# `` line describing it (``kg query --list`` shows it), then optional
``# param NAME: description`` lines for the variables bound with ``--param NAME=VALUE``. The
prefixes of :data:`kg.vocab.PREFIXES` are predeclared. :func:`kg.query.named_queries` reads them.
"""
