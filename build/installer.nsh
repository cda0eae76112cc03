; posbridge's part of electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; The daemon keeps its database, log, secret.key and control.token in %ProgramData%\posbridge
; (native/paths.ts). What is created under %ProgramData% is readable by every user by default, and Node
; cannot set an ACL (a file mode on Windows only toggles read-only), so the installer closes the folder:
; inherited permissions removed, full control for SYSTEM (S-1-5-18, a service running as LocalSystem),
; Administrators (S-1-5-32-544) and the user who installs (whose tray app starts the daemon as its child),
; for nobody else. SIDs rather than names: the Administrators group has another name on a German Windows.
; Files the daemon creates inherit this ACL. If it cannot be set, the installation stops: a secret key
; other users can read is worse than no installation.

!macro customInstall
  Var /GLOBAL posbridgeData
  Var /GLOBAL posbridgeDomain
  Var /GLOBAL posbridgeUser
  Var /GLOBAL posbridgeAcl
  ReadEnvStr $posbridgeData PROGRAMDATA
  StrCpy $posbridgeData "$posbridgeData\posbridge"
  ReadEnvStr $posbridgeDomain USERDOMAIN
  ReadEnvStr $posbridgeUser USERNAME
  CreateDirectory "$posbridgeData"
  DetailPrint "Restricting access to $posbridgeData"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$posbridgeData" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F "$posbridgeDomain\$posbridgeUser:(OI)(CI)F"'
  Pop $posbridgeAcl
  StrCmp $posbridgeAcl "0" posbridgeAclDone
    MessageBox MB_OK|MB_ICONSTOP "posbridge could not restrict access to its data folder $posbridgeData (icacls: $posbridgeAcl). The installation stops." /SD IDOK
    Abort "icacls failed on $posbridgeData"
  posbridgeAclDone:
!macroend
