# Generated from specs/service-info.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Service")


@_attrs_define
class Service:
    """What a GA4GH service is and who runs it.

    Example:
        {'id': 'org.example.drs', 'name': 'Example DRS', 'type': {'group': 'org.ga4gh', 'artifact': 'drs', 'version':
            '1.5.0'}, 'description': 'Files of the example node.', 'organization': {'name': 'Example Org', 'url':
            'https://example.org'}, 'contactUrl': 'mailto:help@example.org', 'documentationUrl':
            'https://docs.example.org/drs', 'createdAt': '2024-05-01T10:00:00+00:00', 'updatedAt':
            '2024-05-02T10:00:00+00:00', 'environment': 'dev', 'version': '1.0.0'}

    Attributes:
        id (str): Identifier of the service, meant to be unique across services; reverse domain notation is suggested.
            Example: org.example.drs.
        name (str): Name for people to read. Example: Example DRS.
        type_ (ServiceType): The API a service implements, as a (group, artifact, version) triple. Example: {'group':
            'org.ga4gh', 'artifact': 'drs', 'version': '1.5.0'}.
        organization (ServiceOrganization): The organization running the service.
        version (str): Version of this deployment of the service (any scheme; changes on each update). Example: 1.0.0.
        description (str | Unset): What the service offers, for people to read.
        contact_url (str | Unset): Where to reach the provider; a web page or a `mailto:` address. Example:
            mailto:help@example.org.
        documentation_url (str | Unset): Where the service's documentation is.
        created_at (datetime.datetime | Unset): When the service was first deployed.
        updated_at (datetime.datetime | Unset): When the service was last updated.
        environment (str | Unset): Deployment stage, such as `prod`, `test`, `dev` or `staging` (free text). Example:
            dev.
    """

    id: str
    name: str
    type_: ServiceType
    organization: ServiceOrganization
    version: str
    description: str | Unset = UNSET
    contact_url: str | Unset = UNSET
    documentation_url: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    environment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_.to_dict()

        organization = self.organization.to_dict()

        version = self.version

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "organization": organization,
                "version": version,
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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = ServiceType.from_dict(d.pop("type"))

        organization = ServiceOrganization.from_dict(d.pop("organization"))

        version = d.pop("version")

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

        service = cls(
            id=id,
            name=name,
            type_=type_,
            organization=organization,
            version=version,
            description=description,
            contact_url=contact_url,
            documentation_url=documentation_url,
            created_at=created_at,
            updated_at=updated_at,
            environment=environment,
        )

        service.additional_properties = d
        return service

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
from ..models.service_organization import ServiceOrganization
from ..models.service_type import ServiceType
