"""TTĐN: external-information work records for Sóc Trăng's sea-border units."""

__version__ = "0.1.0"
