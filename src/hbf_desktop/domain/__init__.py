"""Entities, vocabularies, validation and pure rules. Standard library only: no Qt, no SQL, no HTTP."""
