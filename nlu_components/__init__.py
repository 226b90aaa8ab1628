"""Custom Rasa NLU components (referenced from config.yml)."""
from nlu_components.wordless_fallback import WordlessMessageFallback

__all__ = ["WordlessMessageFallback"]
