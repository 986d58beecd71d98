# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/data-connect.yaml"
SPEC_TITLE = "GA4GH Data Connect"
SPEC_VERSION = "1.0.0"
SPEC_SHA256 = "44529cb85752995644d1f05071254869aeec39f31aa3310ee1d60d271f70bd58"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
