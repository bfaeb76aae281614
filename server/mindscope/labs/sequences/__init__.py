"""The sequences lab: RNN, LSTM and GRU networks learning generated sequences or a text."""
