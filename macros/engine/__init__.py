"""The MkDocs side of the engine: the only code that imports mkdocs.

Replacing MkDocs (Zensical, ProperDocs, a static generator of our own) means replacing
this package; models, loading and rendering stay as they are.
"""
