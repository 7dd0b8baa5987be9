#!/usr/bin/env bash
# macOS: sign the .app, wrap it in a .dmg, notarise and staple it. Called by installers/build.py on a Mac:
#   installers/macos/build_dmg.sh "dist/HBF Desktop.app" OUT_DIR VERSION
# Environment (all optional; without them an unsigned .dmg is made, for local testing only):
#   HBF_CODESIGN_IDENTITY  "Developer ID Application: Your Charity (TEAMID)" in the login or CI keychain
#   HBF_NOTARY_PROFILE     a profile stored with `xcrun notarytool store-credentials` (Apple ID or API key)
# It cannot run on Linux; it is here so the whole release is one documented procedure (docs/installers.md).
set -euo pipefail
app="$1"; out="$2"; version="$3"
here="$(cd "$(dirname "$0")" && pwd)"
dmg="$out/hbf-desktop-$version-macos.dmg"

if [[ -n "${HBF_CODESIGN_IDENTITY:-}" ]]; then
  # Hardened runtime is required for notarisation; sign inside-out (frameworks, libraries, then the app).
  find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime --sign "$HBF_CODESIGN_IDENTITY"
  codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" \
    --sign "$HBF_CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "HBF Desktop" -srcfolder "$staging" -ov -format UDZO "$dmg"

if [[ -n "${HBF_CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$HBF_CODESIGN_IDENTITY" "$dmg"
fi
if [[ -n "${HBF_NOTARY_PROFILE:-}" ]]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$HBF_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
fi
echo "$dmg"
