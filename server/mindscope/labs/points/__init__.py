"""The 2D lab: a dense network on points of the plane (TensorFlow Playground's successor).

Its modules are imported one by one: its data (NumPy, no JAX) serves the routes' previews
without loading the engine.
"""
