"""Custom dialogue policies of config.yml (Rasa's own rules and TED do the rest)."""
