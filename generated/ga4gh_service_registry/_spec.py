# Generated from specs/service-registry.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/service-registry.yaml"
SPEC_TITLE = "GA4GH Service Registry"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "ab58cc2f06cd528b3c96ea3e29c21e9cd4f0a6c32cca2706d82e28390a774574"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
