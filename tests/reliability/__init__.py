"""Reliability suite: bad input, interrupted ingest, crashes, concurrency, injection, auth (issue 6)."""
