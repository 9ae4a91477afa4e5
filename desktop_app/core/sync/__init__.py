"""Sync packages: export, import, receipts, keys, merge rules, delivery to USB and mail."""
