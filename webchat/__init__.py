"""Server side of the website chat: Rasa's socket.io channel, fixed for this environment (see channel.py)."""

from webchat import action_replies

action_replies.install()
