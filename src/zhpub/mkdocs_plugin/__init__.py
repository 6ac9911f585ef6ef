"""zhpub's MkDocs plugin (`plugins: [zhpub]` in mkdocs.yml, registered as the `zhpub` entry point).

``plugin`` hands MkDocs the pages zhpub renders from the Document model; ``search`` makes Chinese search find
paragraphs; ``material_compat`` holds every use of Material for MkDocs' internals, behind a version guard.
Importing this package imports nothing of MkDocs: zhpub.render uses ``material_compat.tooltip_text``.
"""
