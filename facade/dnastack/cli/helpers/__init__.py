"""Helpers shared by CLI commands (``client_factory``: ``ConfigurationBasedClientFactory``).

Nothing is imported here; import the helper modules themselves.
"""

__all__: list[str] = []
