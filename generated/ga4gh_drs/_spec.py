# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""The OpenAPI document this package was generated from."""

SPEC_PATH = "specs/drs.yaml"
SPEC_TITLE = "Data Repository Service"
SPEC_VERSION = "1.5.0"
SPEC_SHA256 = "c83de91d6f6c84010ac0015e34c15687f9392bdb8116e90f2cc4303ccb53e3c3"
SPEC_RESOURCE = "openapi.yaml"  # the spec, shipped beside
