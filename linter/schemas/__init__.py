"""JSON Schema: loading schemas, checking them whole, RE2 patterns, format checks."""
