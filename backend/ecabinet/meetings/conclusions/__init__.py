"""A meeting's conclusion notice and its directives."""
