"""Screens pushed over the main one: help and search."""
