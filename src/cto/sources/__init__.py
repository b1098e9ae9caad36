"""Read-only access to audited repositories: hardened git, identities, exclusions, the tree."""
