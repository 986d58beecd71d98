# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/data-connect.yaml"
SPEC_TITLE = "GA4GH Data Connect"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "e24b8e55a94cb3586bb5044d8e982e559728c9a7b0186ba5f74f4e8a3d895b0a"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
