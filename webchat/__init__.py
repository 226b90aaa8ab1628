"""Server side of the website chat: Rasa's socket.io channel, fixed for this environment (see channel.py)."""
