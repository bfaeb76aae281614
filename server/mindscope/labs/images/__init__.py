"""The images lab: a small convolutional network learning scikit-learn's handwritten
digits, its filters, feature maps and mistakes changing as it trains.

Its modules are imported one by one: its protocol (plain pydantic) serves the schema
without loading the engine.
"""
