# Browser tests (tests/browser): Debian's chromium, driven headless by Playwright for Python
# (pinned in requirements-dev.txt). Never a downloaded browser: the tests use /usr/bin/chromium.
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Without chromium the browser tests fail here instead of skipping.
export CLAIMCHECK_REQUIRE_BROWSER=1
