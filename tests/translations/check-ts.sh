#!/usr/bin/env bash
# The translations are current and complete: lupdate over today's sources finds no text the
# committed .ts files lack (or keep after it is gone), and German and Spanish translate every
# message. usage: check-ts.sh SOURCE_DIR LUPDATE
set -euo pipefail
src=$1 lupdate=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
sources=("$src"/qml/*.qml "$src"/gui/*.cpp "$src"/gui/*.h "$src"/app/desktopmain.cpp)
messages() { # the (context, source) pairs of a .ts file, sorted
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
pairs = sorted((c.find("name").text, m.find("source").text) for c in root.iter("context") for m in c.iter("message"))
for context, source in pairs:
    print(f"{context}\t{source!r}")
PY
}
for language in en de es; do
    committed=$src/translations/sluice_$language.ts
    cp "$committed" "$work/current_$language.ts"
    # Include paths as the update_translations target gives them, so contexts resolve the same
    # (sluice::SetupWizard).
    "$lupdate" -silent -no-obsolete -locations none -I "$src" -I "$src/server" "${sources[@]}" \
        -ts "$work/current_$language.ts"
    if ! diff <(messages "$committed") <(messages "$work/current_$language.ts") >"$work/diff"; then
        echo "FAIL: translations/sluice_$language.ts is not current (build update_translations):"
        cat "$work/diff"
        status=1
    fi
done
for language in de es; do
    python3 - "$src/translations/sluice_$language.ts" <<'PY' || status=1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
bad = []
for m in root.iter("message"):
    t = m.find("translation")
    forms = [f.text for f in t.findall("numerusform")] if m.get("numerus") == "yes" else [t.text]
    if t.get("type") in ("unfinished", "vanished", "obsolete") or not all(f and f.strip() for f in forms):
        bad.append(m.find("source").text)
for source in bad:
    print(f"FAIL: {sys.argv[1]}: not translated: {source!r}")
sys.exit(1 if bad else 0)
PY
done
[[ $status -eq 0 ]] && echo "PASS: translations current and complete"
exit $status
