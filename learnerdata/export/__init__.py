"""The "download everything" archive: sections of files, then a README index."""
