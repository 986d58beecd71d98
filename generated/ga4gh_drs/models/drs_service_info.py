# Generated from specs/drs.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, expect_type

T = TypeVar("T", bound="DrsServiceInfo")


@_attrs_define
class DrsServiceInfo:
    """The body of `GET /service-info`.

    Example:
        {'id': 'org.example.drs', 'name': 'Example DRS', 'type': {'group': 'org.ga4gh', 'artifact': 'drs', 'version':
            '1.5.0'}, 'description': 'DRS access to the example cohort.', 'organization': {'name': 'Example Genomics',
            'url': 'https://example.org'}, 'contactUrl': 'mailto:support@example.org', 'documentationUrl':
            'https://docs.example.org/drs', 'createdAt': '2024-01-15T09:30:00+00:00', 'updatedAt':
            '2024-06-01T12:00:00+00:00', 'environment': 'prod', 'version': '2.3.1', 'maxBulkRequestLength': 500, 'drs':
            {'maxBulkRequestLength': 500, 'objectCount': 774560, 'totalObjectSize': 4018437188907752}}

    Attributes:
        id (str): Globally unique ID of the service, preferably in reverse domain notation. Example: org.example.drs.
        name (str): Human-readable name of the service. Example: Example DRS.
        type_ (ServiceType): The kind of API a service implements, as group / artifact / version. Example: {'group':
            'org.ga4gh', 'artifact': 'drs', 'version': '1.5.0'}.
        organization (ServiceOrganization): The organization that runs the service. Example: {'name': 'Example
            Genomics', 'url': 'https://example.org'}.
        version (str): Version of this deployment of the service (not of the API). Example: 2.3.1.
        max_bulk_request_length (int): Deprecated location (moves under `drs` in DRS 2.0). Largest number of IDs a bulk
            request may carry before the server answers 413. Example: 500.
        description (str | Unset): Human-readable description of the service. Example: DRS access to the example
            cohort..
        contact_url (str | Unset): How to reach the operators (a URL or a mailto link). Example:
            mailto:support@example.org.
        documentation_url (str | Unset): Where the service is documented. Example: https://docs.example.org/drs.
        created_at (datetime.datetime | Unset): Time the service first went live, RFC 3339. Example:
            2024-01-15T09:30:00+00:00.
        updated_at (datetime.datetime | Unset): Time of the latest change to the service, RFC 3339. Example:
            2024-06-01T12:00:00+00:00.
        environment (str | Unset): Deployment environment, such as prod, test, dev or staging. Example: prod.
        drs (DrsServiceDetails | Unset): DRS limits and statistics reported under the `drs` key of service-info.
            Example: {'maxBulkRequestLength': 500, 'objectCount': 774560, 'totalObjectSize': 4018437188907752}.
    """

    id: str
    name: str
    type_: ServiceType
    organization: ServiceOrganization
    version: str
    max_bulk_request_length: int
    description: str | Unset = UNSET
    contact_url: str | Unset = UNSET
    documentation_url: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    environment: str | Unset = UNSET
    drs: DrsServiceDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_.to_dict()

        organization = self.organization.to_dict()

        version = self.version

        max_bulk_request_length = self.max_bulk_request_length

        description = self.description

        contact_url = self.contact_url

        documentation_url = self.documentation_url

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        environment = self.environment

        drs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.drs, Unset):
            drs = self.drs.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "organization": organization,
                "version": version,
                "maxBulkRequestLength": max_bulk_request_length,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if contact_url is not UNSET:
            field_dict["contactUrl"] = contact_url
        if documentation_url is not UNSET:
            field_dict["documentationUrl"] = documentation_url
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if environment is not UNSET:
            field_dict["environment"] = environment
        if drs is not UNSET:
            field_dict["drs"] = drs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = ServiceType.from_dict(d.pop("type"))

        organization = ServiceOrganization.from_dict(d.pop("organization"))

        version = d.pop("version")

        max_bulk_request_length = expect_type(
            d.pop("maxBulkRequestLength"), int, "maxBulkRequestLength"
        )

        description = d.pop("description", UNSET)

        contact_url = d.pop("contactUrl", UNSET)

        documentation_url = d.pop("documentationUrl", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        environment = d.pop("environment", UNSET)

        _drs = d.pop("drs", UNSET)
        drs: DrsServiceDetails | Unset
        if isinstance(_drs, Unset):
            drs = UNSET
        else:
            drs = DrsServiceDetails.from_dict(_drs)

        drs_service_info = cls(
            id=id,
            name=name,
            type_=type_,
            organization=organization,
            version=version,
            max_bulk_request_length=max_bulk_request_length,
            description=description,
            contact_url=contact_url,
            documentation_url=documentation_url,
            created_at=created_at,
            updated_at=updated_at,
            environment=environment,
            drs=drs,
        )

        drs_service_info.additional_properties = d
        return drs_service_info

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
from ..models.drs_service_details import DrsServiceDetails
from ..models.service_organization import ServiceOrganization
from ..models.service_type import ServiceType
