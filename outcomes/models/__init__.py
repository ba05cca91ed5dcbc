from .exits import Exit

__all__ = ["Exit"]
