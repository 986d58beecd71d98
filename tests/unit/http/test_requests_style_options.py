"""``requests_style_options``: the reference library's ``requests`` keyword arguments to
``HttpSession.get/post/...`` become httpx ones."""

from __future__ import annotations

import httpx

from dnastack.http.session import HttpSession, requests_style_options


def test_httpx_options_pass_unchanged() -> None:
    given = {"params": {"a": "1"}, "json": {"b": 2}, "timeout": 3.0}

    assert requests_style_options(given) is given


def test_requests_spellings_become_httpx_ones() -> None:
    options = requests_style_options(
        {
            "allow_redirects": False,
            "data": b"{}",
            "timeout": (2, 30),
            "stream": True,
            "verify": False,
            "cert": "c.pem",
        }
    )

    assert options.keys() == {"follow_redirects", "content", "timeout"}
    assert options["follow_redirects"] is False and options["content"] == b"{}"
    assert options["timeout"] == httpx.Timeout(30, connect=2)


def test_form_data_stays_data() -> None:
    assert requests_style_options({"data": {"k": "v"}}) == {"data": {"k": "v"}}


def test_user_agent_names_the_sdk_python_and_comments() -> None:
    agent = HttpSession.generate_http_user_agent(["Script/1"])

    assert agent.startswith("dnastack-sdk/") and "Script/1" in agent and "Python/" in agent
