"""LinkedIn's "Add to profile" link for a certification, filled from an award."""

import datetime as dt
from urllib.parse import urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_url(
    *, name: str, organisation: str, issued_on: dt.date, credential_id: str, url: str
) -> str:
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": organisation,
        "issueYear": issued_on.year,
        "issueMonth": issued_on.month,
        "certId": credential_id,
        "certUrl": url,
    }
    return f"{ADD_TO_PROFILE}?{urlencode(query)}"
