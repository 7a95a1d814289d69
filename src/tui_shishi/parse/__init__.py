"""Text → domain objects. No database, no UI.

``parse_bytes`` is the one entry point: it decodes, strips web-page chrome, detects the format
and the metadata (city, period, kind, as-of date) and runs the reader for that format.
"""
