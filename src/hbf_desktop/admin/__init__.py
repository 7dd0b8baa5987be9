"""Organisation administration: the root key, the supervisors, the signed directory, the provisioning file and the
release key. Run by the organisation's administrator on an offline machine (`hbf-desktop org ...`); no Qt, no store.

The organisation folder holds `organisation.json` (everything non-secret: members, the directory version, policy,
public keys) and the private keys, each in its own Argon2id-wrapped key file. See docs/organisation.md.
"""
