"""The languages the handbook publishes. Which one is the default is a site setting."""

LANGUAGES: tuple[str, ...] = ("ru", "uk", "en")
