"""The deterministic synthetic data generator of DATA-MODEL.md. Standard library only; never reads real data."""

from hbf_desktop.synthetic.generator import generate

__all__ = ["generate"]
