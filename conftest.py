"""Root pytest configuration: registers the fixture plugins that start real servers."""

pytest_plugins = [
    "tests.fixtures.devserver",
    "tests.fixtures.oidc",
]
