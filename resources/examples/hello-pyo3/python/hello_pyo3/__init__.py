"""hello_pyo3: a pure-Python package with a Rust extension module (hello_pyo3._native)."""

from hello_pyo3._native import add, greet, sum_of_squares

__all__ = ["add", "greet", "sum_of_squares", "mean_square"]


def mean_square(n: int) -> float:
    """Pure Python on top of the Rust function: the mean of the squares of 1..=n."""
    return sum_of_squares(n) / n if n else 0.0
