"""The ``dnastack`` command line (entry point ``dnastack.cli.main:main``).

Nothing is imported here: ``import dnastack.cli.helpers.client_factory`` (the documented
``ConfigurationBasedClientFactory``) must not pull in click, rich or the command tree.
"""

__all__: list[str] = []
