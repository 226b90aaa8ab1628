"""Tools for the Region's staff (no Rasa import): scripted conversations with the running assistant."""
