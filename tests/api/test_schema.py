"""/api/v1/schema/: an OpenAPI 3 description of every endpoint, JSON or YAML."""

import json

import pytest
import yaml
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"
ENDPOINTS = {
    "/api/v1/me/awards/": "me_awards_list",
    "/api/v1/me/awards/{award_uuid}/": "me_awards_retrieve",
    "/api/v1/awards/": "awards_list",
    "/api/v1/enrollments/": "enrollments_list",
}


@pytest.fixture
def schema(client) -> dict:
    response = client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Credentials Portal API"


def test_an_invalid_document_fails_the_validation(schema):
    del schema["paths"]["/api/v1/awards/"]["get"]["responses"]

    with pytest.raises(Exception, match="responses"):
        validate_schema(schema)


def test_each_endpoint_is_documented_read_only(schema):
    assert set(schema["paths"]) == set(ENDPOINTS)
    for path, operation_id in ENDPOINTS.items():
        operations = schema["paths"][path]
        assert set(operations) == {"get"}, path
        assert operations["get"]["operationId"] == operation_id
        assert operations["get"]["description"], path
        assert {"200", "401"} <= set(operations["get"]["responses"]), path
    admin_lists = ("/api/v1/awards/", "/api/v1/enrollments/")
    for path in admin_lists:
        assert {"400", "403"} <= set(schema["paths"][path]["get"]["responses"])
    detail = schema["paths"]["/api/v1/me/awards/{award_uuid}/"]["get"]
    assert "404" in detail["responses"]


def test_the_filters_and_pages_are_documented(schema):
    def parameters(path: str) -> set[str]:
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert parameters("/api/v1/awards/") == {
        "status",
        "credential",
        "program",
        "issued_from",
        "issued_to",
        "page",
        "page_size",
    }
    assert parameters("/api/v1/enrollments/") == {
        "offering",
        "program",
        "status",
        "page",
        "page_size",
    }
    award = schema["components"]["schemas"]["Award"]["properties"]
    assert {"status", "credential", "issuer", "verification_url"} <= set(award)
    assert {"documents", "open_badge_url", "earned_on", "issued_at"} <= set(award)


def test_token_and_session_authentication_are_documented(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "A personal API token, created on the profile page "
            "(/accounts/profile/api-tokens/)."
        ),
    }
    assert schemes["cookieAuth"]["in"] == "cookie"
    security = schema["paths"]["/api/v1/me/awards/"]["get"]["security"]
    assert security == [{"apiToken": []}, {"cookieAuth": []}]


def test_the_schema_is_served_as_yaml_too(client):
    response = client.get(SCHEMA)

    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    validate_schema(document)
    assert set(document["paths"]) == set(ENDPOINTS)
