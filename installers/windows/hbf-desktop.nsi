; HBF Desktop's Windows installer (NSIS 3). Built by installers/build.py on Windows:
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=...\dist\hbf-desktop /DOUTFILE=...\hbf-desktop-0.1.0-setup.exe hbf-desktop.nsi
; SOURCE_DIR is the PyInstaller one-folder bundle with the organisation's provisioning.json already beside the
; executable. Per-machine install into Program Files (IT deploys it); the uninstaller removes the program only,
; never the caseworker's encrypted store in their profile.
Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel admin
!include "MUI2.nsh"

Name "HBF Desktop"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\HBF Desktop"
InstallDirRegKey HKLM "Software\HBF Desktop" "InstallDir"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "HBF Desktop"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "HBF Desktop installer"
VIAddVersionKey "LegalCopyright" "HBF"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "HBF Desktop"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteRegStr HKLM "Software\HBF Desktop" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\HBF Desktop.lnk" "$INSTDIR\hbf-desktop.exe"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\HBF Desktop" "DisplayName" "HBF Desktop"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\HBF Desktop" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\HBF Desktop" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\HBF Desktop.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\HBF Desktop"
  DeleteRegKey HKLM "Software\HBF Desktop"
SectionEnd
