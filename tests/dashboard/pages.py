"""Opening the dashboard as someone, for the dashboard tests."""

URL = "/dashboard/"


def dashboard_page(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()
