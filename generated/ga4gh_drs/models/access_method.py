# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_method_type import AccessMethodType
from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="AccessMethod")


@_attrs_define
class AccessMethod:
    """One way to reach an object's bytes. At least one of `access_url` (use it directly)
    and `access_id` (exchange it for an `AccessURL` with `GetAccessURL`) is present.
    `authorizations` says how to authorize that exchange.

        Example:
            {'type': 's3', 'access_id': 's3-us-east-1', 'cloud': 'aws', 'region': 'us-east-1', 'available': True}

        Attributes:
            type_ (AccessMethodType): Kind of storage or protocol behind this access method.
            access_url (AccessURL | Unset): A URL that serves an object's bytes, and the headers the request needs. Example:
                {'url': 'https://storage.example.org/bucket/9f2c61e0.cram?X-Amz-Signature=3d4f', 'headers': ['Authorization:
                Basic Z2E0Z2g6ZHJz']}.
            access_id (str | Unset): Opaque key for `GetAccessURL`; unique among this object's access methods. Example:
                s3-us-east-1.
            cloud (str | Unset): Cloud provider holding the bytes, such as `aws`, `gcp` or `azure`. Example: aws.
            region (str | Unset): Region of the cloud provider holding the bytes. Example: us-east-1.
            available (bool | Unset): False when the bytes are not immediately readable (for example archived and in need of
                a restore). Example: True.
            authorizations (Authorizations | Unset): How requests for an object are authorized. Example: {'drs_object_id':
                '9f2c61e0', 'supported_types': ['PassportAuth', 'BearerAuth'], 'passport_auth_issuers':
                ['https://login.example.org/'], 'bearer_auth_issuers': ['https://auth.example.org/']}.
    """

    type_: AccessMethodType
    access_url: AccessURL | Unset = UNSET
    access_id: str | Unset = UNSET
    cloud: str | Unset = UNSET
    region: str | Unset = UNSET
    available: bool | Unset = UNSET
    authorizations: Authorizations | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        access_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.access_url, Unset):
            access_url = self.access_url.to_dict()

        access_id = self.access_id

        cloud = self.cloud

        region = self.region

        available = self.available

        authorizations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authorizations, Unset):
            authorizations = self.authorizations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if access_url is not UNSET:
            field_dict["access_url"] = access_url
        if access_id is not UNSET:
            field_dict["access_id"] = access_id
        if cloud is not UNSET:
            field_dict["cloud"] = cloud
        if region is not UNSET:
            field_dict["region"] = region
        if available is not UNSET:
            field_dict["available"] = available
        if authorizations is not UNSET:
            field_dict["authorizations"] = authorizations

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AccessMethodType.from_value(d.pop("type"))

        _access_url = d.pop("access_url", UNSET)
        access_url: AccessURL | Unset
        if isinstance(_access_url, Unset):
            access_url = UNSET
        else:
            access_url = AccessURL.from_dict(_access_url)

        access_id = d.pop("access_id", UNSET)

        cloud = d.pop("cloud", UNSET)

        region = d.pop("region", UNSET)

        _available = d.pop("available", UNSET)
        available: bool | Unset
        if isinstance(_available, Unset):
            available = UNSET
        else:
            available = expect_type(_available, bool, "available")

        _authorizations = d.pop("authorizations", UNSET)
        authorizations: Authorizations | Unset
        if isinstance(_authorizations, Unset):
            authorizations = UNSET
        else:
            authorizations = Authorizations.from_dict(_authorizations)

        access_method = cls(
            type_=type_,
            access_url=access_url,
            access_id=access_id,
            cloud=cloud,
            region=region,
            available=available,
            authorizations=authorizations,
        )

        access_method.additional_properties = d
        return access_method

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class: models may refer to each other in cycles, and the module that starts
# a cycle already defines its class when the other one imports it.
from ..models.access_url import AccessURL
from ..models.authorizations import Authorizations
