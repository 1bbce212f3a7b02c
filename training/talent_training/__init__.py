"""Training and export of the talent screening models: PyTorch in, ONNX artifacts out.

Serving code (`talent`) never imports this package; this package may import `talent` (the serving side
it builds for, e.g. to check an exported artifact through the same loader production uses).
"""
