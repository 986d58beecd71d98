# Generated from specs/service-info.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/service-info.yaml"
SPEC_TITLE = "GA4GH service-info"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "74f69e6f1b50f9d8a9a35c215916b2af40eea5f96511c3ab6f8ef8f68937f57e"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
