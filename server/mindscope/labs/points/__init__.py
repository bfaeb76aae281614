"""The 2D lab: a dense network on points of the plane (TensorFlow Playground's successor).

Its modules are imported one by one: the data (no JAX) serves the protocol and routes.
"""
