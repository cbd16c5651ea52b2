"""Fixtures for the quality gates: the example sites served on 127.0.0.1 and one
browser visit per site, shared by the accessibility and privacy tests."""

from __future__ import annotations

import contextlib

import pytest
from .qualitygates import WCAG_TAGS, browser_payload, pick_pages, run_node, serve


@pytest.fixture(scope="session")
def served_examples(example_sites):
    """{'public': base URL, 'internal': base URL} for the example sites built this session."""
    with contextlib.ExitStack() as stack:
        yield {target: stack.enter_context(serve(site)) for target, site in example_sites.items()}


@pytest.fixture(scope="session")
def example_visits(example_sites, served_examples):
    """visit(target) -> (pages, missing types, axe.cjs report): one page per page type, visited once."""
    reports = {}

    def visit(target: str):
        if target not in reports:
            pages, missing = pick_pages(example_sites[target])
            payload = {"tags": WCAG_TAGS, "pages": browser_payload(served_examples[target], pages)}
            reports[target] = (pages, missing, run_node("axe.cjs", payload))
        return reports[target]

    return visit
