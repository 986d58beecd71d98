# Generated from specs/explorer.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/explorer.yaml"
SPEC_TITLE = "DNAstack Explorer federated questions"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "825a750ec0069a1e69ace08be051becc8262ad94164a57f2e4344fde00059b2a"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
