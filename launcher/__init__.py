"""The one way to start the assistant's servers (launcher.servers) and their settings
(launcher.settings). `python -m launcher` is what scripts/run.sh runs."""
