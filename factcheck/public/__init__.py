"""The public, server-rendered fact-check pages (no login, no JavaScript)."""
