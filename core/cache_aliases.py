"""The names of the caches the code asks for by name (``CACHES`` in the settings,
``credentials_portal.caches``): an app reads the name here, never the settings
package."""

# What is derived from the database and read without a query: the verification
# page, the count of the admins' award list (``core.versioned``).
PAGES = "pages"
