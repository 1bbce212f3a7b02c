"""Domain logic: no AWS SDK, no Kafka client; it talks to the ports in ports.py."""
