; Included by the NSIS installer CPack generates (installer/CMakeLists.txt): registers Sluice as
; a Windows service on install, removes it on uninstall. Data: %ProgramData%\Sluice.
!macro SluiceInstallService
  SetShellVarContext all
  ExecWait '"$INSTDIR\bin\sluice.exe" --data-dir "$APPDATA\Sluice" service install' $0
  DetailPrint "sluice service install: exit code $0"
!macroend
!macro SluiceUninstallService
  ExecWait '"$INSTDIR\bin\sluice.exe" service uninstall' $0
  DetailPrint "sluice service uninstall: exit code $0"
!macroend
