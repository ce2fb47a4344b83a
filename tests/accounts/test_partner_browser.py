"""In the browser: sign in at /login with the test admin, the navbar names them, /partner has no serious axe
violations at desktop and phone width, and signing out returns the navbar to "Sign in"."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import serious_violations
from tests.conftest import TEST_ADMIN

pytestmark = pytest.mark.browser


def test_sign_in_partner_page_and_sign_out(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_function("(document.querySelector('#nav-account')?.textContent ?? '') === 'Sign in'")
    page.click("#nav-account")
    page.wait_for_selector("#username")
    assert serious_violations(page) == []
    page.fill("#username", TEST_ADMIN[0])
    page.fill("#password", TEST_ADMIN[1])
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner")
    page.wait_for_selector("text=Batches")
    page.wait_for_function("(document.querySelector('#nav-account')?.textContent ?? '').includes('admin')")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.goto(app_url + "/logout")
    page.click("button:has-text('Sign out')")
    page.wait_for_selector("text=You have been signed out")
    page.goto(app_url + "/partner")
    page.wait_for_selector("text=Partners sign in")
    page.wait_for_function("(document.querySelector('#nav-account')?.textContent ?? '') === 'Sign in'")
    assert page.console_errors == []
