# Headless Chromium for the browser tests (the HTML report, the dashboard).
if ! command -v chromium >/dev/null 2>&1; then
    ci_apt_install chromium chromium-driver
fi
export SITREP_CHROMIUM="${SITREP_CHROMIUM:-$(command -v chromium)}"
