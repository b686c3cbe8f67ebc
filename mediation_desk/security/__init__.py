"""Keys and passwords: the key file beside an encrypted database (docs/encryption.md)."""
