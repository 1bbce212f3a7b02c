"""The embedded local stack: broker, AWS emulation, event-source-mapping runner, API adapter.

Developer tooling only: no function image imports this package.
"""
