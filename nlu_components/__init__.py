"""Custom Rasa NLU components, referenced from config.yml by their full path
(`nlu_components.safety_net.SafetyNet`), so that importing the plain-Python parts
(safety_patterns, spacy_pipeline) does not load Rasa."""
