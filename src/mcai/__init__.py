"""mcai: a multi-cloud AI topology spec in, validated Terraform and a plan report out."""

__version__ = "0.1.0"
__all__ = ["__version__"]
