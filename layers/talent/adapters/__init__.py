"""Adapters: the only code that talks to AWS SDKs and Kafka clients."""
