"""The wizard's screens: one module per step, plus dialogs."""
