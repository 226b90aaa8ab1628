"""Custom actions: thin adapters between Rasa's conversation and the knowledge base."""
