# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/collections.yaml"
SPEC_TITLE = "DNAstack Collection Service"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "4cd1fb36be1ff915e88f8fc87608f562cd3a6f7337620aeb25dd3b3341712598"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
