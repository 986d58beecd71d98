# Generated from specs/collections.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/collections.yaml"
SPEC_TITLE = "DNAstack Collection Service"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "fc493cc4a5e8576cbfd422be4abf0dd56921a87d674b6bcad8bb6f2153251777"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
