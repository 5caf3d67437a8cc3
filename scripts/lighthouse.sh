#!/usr/bin/env bash
# Lighthouse (mobile, all four categories) on the home page, a case, the menukaart and the
# intake form (Dutch) of a running site, e.g. `make run` in another terminal. Not part of
# `make test` or CI: it needs a running server and takes about half a minute per page.
#
#   scripts/lighthouse.sh [BASE_URL]          (default http://127.0.0.1:8000; `make lighthouse`)
#
# Lighthouse is installed with npm into LH_DIR (default /tmp/sif-lighthouse), outside the
# repository; Chromium is CHROME_PATH (default /usr/bin/chromium). The JSON reports go to
# var/lighthouse/. Prints the four scores of each page and every scored audit below 1, and
# exits 1 when a category is below 100. Each URL is requested once first, so the page cache
# holds it (as for every visitor after the first).
set -euo pipefail

base=${1:-http://127.0.0.1:8000}
base=${base%/}
lh_dir=${LH_DIR:-/tmp/sif-lighthouse}
lh_version=${LH_VERSION:-12.8.2}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
out=var/lighthouse
pages=(
    "home /nl/"
    "case /nl/cases/gemeente-utrecht/"
    "menukaart /nl/menukaart/"
    "intake /nl/vraagstuk/"
)

if [ ! -x "$lh_dir/node_modules/.bin/lighthouse" ]; then
    echo "Installing lighthouse@$lh_version into $lh_dir"
    mkdir -p "$lh_dir"
    npm install --silent --prefix "$lh_dir" "lighthouse@$lh_version" >/dev/null
fi
mkdir -p "$out"

status=0
for entry in "${pages[@]}"; do
    read -r name path <<<"$entry"
    url="$base$path"
    curl -fsS -o /dev/null -H "Accept-Encoding: gzip" "$url" || { echo "$url does not answer"; exit 2; }
    "$lh_dir/node_modules/.bin/lighthouse" "$url" --quiet --form-factor=mobile \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless --no-sandbox --disable-gpu" \
        --output=json --output-path="$out/$name.json"
    python3 - "$out/$name.json" "$name" <<'PY' || status=1
import json
import sys

report = json.load(open(sys.argv[1]))
scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
audits = report["audits"]
metrics = ", ".join(
    f"{label} {audits[key]['displayValue']}"
    for label, key in [("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"),
                       ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift")]
)
print(f"{sys.argv[2]:<10} {scores}  ({metrics})")
for key, audit in audits.items():
    weighted = audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    if weighted and audit.get("score") is not None and audit["score"] < 1:
        print(f"    {key}: {audit['score']} {audit.get('displayValue', '')}")
sys.exit(0 if min(scores.values()) == 100 else 1)
PY
done
exit $status
